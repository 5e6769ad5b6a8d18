import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam } from '../../common/openapi/api-schema.js';
import { engagementView } from './engagements.schemas.js';
import { EngagementsService } from './engagements.service.js';

@ApiTags('engagements')
@ApiBearerAuth()
@Controller('v1/engagements')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Get(':id')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, engagementView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.engagements.get(caller, id);
  }
}
