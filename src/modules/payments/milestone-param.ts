import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { SchemaPipe } from '../../common/validation/schema.pipe.js';
import { milestoneNumber } from './milestones.schemas.js';

/** The milestone's number in the bid's order, from 1; anything else is 400 naming `n`. */
export const MilestoneN = (): ParameterDecorator => (target, key, index) => {
  Param('n', new SchemaPipe(milestoneNumber, 'n'))(target, key, index);
  if (key !== undefined)
    ApiParam({ name: 'n', schema: { type: 'integer', minimum: 1, maximum: 50 } })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
};
