import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RegistersOrganisation, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
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

  @ApiOperation({
    summary: 'Register an enterprise',
    description:
      'An enterprise registers the organisation its token acts for (`org`), with its USCC (checked digit) and district. One profile per USCC and per organisation. A signed-in person (a session) registers a new enterprise and becomes its owner.',
  })
  @ApiRequestExample('A battery maker in Xuhui', { name: '上海示例电池科技有限公司', uscc: '91310104MA1FL5XK3B', district: 'xuhui', sector: '38', sme: true })
  @ApiProblems('conflict')
  @Post()
  @Roles('enterprise', 'admin')
  @RegistersOrganisation('enterprise')
  @Returns(201, enterpriseView, 'The enterprise profile')
  register(@CurrentCaller() caller: Caller, @ValidBody(createEnterpriseBody) body: CreateEnterpriseBody) {
    return this.enterprises.register(caller, body);
  }

  @ApiOperation({
    summary: 'List enterprises',
    description:
      "For district officers (their district's enterprises) and admins; an enterprise sees itself. `q` finds by part of the name or the start of the USCC. Cursor-paginated.",
  })
  @Get()
  @Roles('enterprise', 'district_officer', 'admin')
  @Returns(200, enterpriseList)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listEnterprisesQuery) query: ListEnterprisesQuery) {
    return this.enterprises.list(caller, query);
  }

  @ApiOperation({
    summary: "Confirm an enterprise's parent group",
    description: "A district officer or admin confirms the enterprise's group (its parent's USCC), which programmes use for their per-group caps.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/group-confirmation')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, enterpriseView, 'The enterprise, its parent group confirmed')
  confirmGroup(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(confirmGroupBody) body: ConfirmGroupBody) {
    return this.enterprises.confirmGroup(caller, id, body);
  }

  @ApiOperation({
    summary: 'Get an enterprise',
    description:
      "The enterprise itself, its district's officers, admins, and a provider with an engagement with it (its name, contact and USCC); anyone else gets 404.",
  })
  @ApiProblems('not_found')
  @Get(':id')
  @Roles('enterprise', 'district_officer', 'provider', 'admin')
  @Returns(200, enterpriseView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.enterprises.get(caller, id);
  }
}
