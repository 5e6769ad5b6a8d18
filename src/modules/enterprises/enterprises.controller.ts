import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import {
  confirmGroupBody,
  createEnterpriseBody,
  enterpriseList,
  enterpriseView,
  listEnterprisesQuery,
  type ConfirmGroupBody,
  type CreateEnterpriseBody,
  type ListEnterprisesQuery,
} from './enterprises.schemas.js';
import { EnterprisesService } from './enterprises.service.js';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Post()
  @Roles('enterprise', 'admin')
  @Returns(201, enterpriseView, 'The enterprise profile')
  register(@CurrentCaller() caller: Caller, @ValidBody(createEnterpriseBody) body: CreateEnterpriseBody) {
    return this.enterprises.register(caller, body);
  }

  @Get()
  @Roles('enterprise', 'district_officer', 'admin')
  @Returns(200, enterpriseList)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listEnterprisesQuery) query: ListEnterprisesQuery) {
    return this.enterprises.list(caller, query);
  }

  @Post(':id/group-confirmation')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, enterpriseView, 'The enterprise, its parent group confirmed')
  confirmGroup(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(confirmGroupBody) body: ConfirmGroupBody) {
    return this.enterprises.confirmGroup(caller, id, body);
  }

  @Get(':id')
  @Roles('enterprise', 'district_officer', 'admin')
  @Returns(200, enterpriseView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.enterprises.get(caller, id);
  }
}
