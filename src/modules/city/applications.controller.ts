import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApplicationsService } from './applications.service.js';
import {
  applicationList,
  applicationView,
  applyBody,
  approveBody,
  listApplicationsQuery,
  rejectBody,
  type ApplyBody,
  type ApproveBody,
  type ListApplicationsQuery,
  type RejectBody,
} from './applications.schemas.js';

@ApiTags('vouchers')
@ApiBearerAuth()
@Controller('v1')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @ApiOperation({
    summary: 'Apply for a voucher',
    description:
      "An enterprise asks a programme for a voucher: what it needs, where and which service, at what estimated price. Checked against the programme's window, categories, enterprise rule and eligibility (409 `enterprise_not_eligible` names the rule); the district is notified.",
  })
  @ApiRequestExample('Market entry in Saudi Arabia', {
    need: '沙特子公司设立与 ODI 备案 Saudi subsidiary set-up and ODI filing',
    country: 'SA',
    service: 'odi_filing',
    estimatedPrice: { amount: 40000000, currency: 'CNY' },
  })
  @ApiProblems('not_found', 'conflict', 'enterprise_not_eligible')
  @Post('programs/:id/applications')
  @Roles('enterprise')
  @Returns(201, applicationView)
  apply(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(applyBody) body: ApplyBody) {
    return this.applications.apply(caller, id, body);
  }

  @ApiOperation({
    summary: 'List voucher applications',
    description: "An enterprise's own; a district officer's district's; a city coordinator's city's; all for admins. Oldest first, cursor-paginated.",
  })
  @Get('applications')
  @Roles('enterprise', 'district_officer', 'city_coordinator', 'admin')
  @Returns(200, applicationList)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listApplicationsQuery) query: ListApplicationsQuery) {
    return this.applications.list(caller, query);
  }

  @ApiOperation({ summary: 'Get a voucher application', description: 'Its state, the voucher issued on approval or the reason of a rejection.' })
  @ApiProblems('not_found')
  @Get('applications/:id')
  @Roles('enterprise', 'district_officer', 'city_coordinator', 'admin')
  @Returns(200, applicationView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.applications.get(caller, id);
  }

  @ApiOperation({
    summary: 'Approve a voucher application',
    description:
      "The programme's district officer issues the voucher through the programme's issue path — the same caps (409 `cap_exceeded`), the same ledger (409 `budget_exhausted`) and eligibility — and the enterprise is notified.",
  })
  @ApiRequestExample('A ¥120,000 voucher', { faceValue: { amount: 12000000, currency: 'CNY' }, expiresAt: '2027-06-30T15:59:59Z' })
  @ApiProblems('not_found', 'conflict', 'budget_exhausted', 'cap_exceeded', 'voucher_not_applicable', 'enterprise_not_eligible')
  @Post('applications/:id/approve')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, applicationView)
  approve(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(approveBody) body: ApproveBody) {
    return this.applications.approve(caller, id, body);
  }

  @ApiOperation({ summary: 'Reject a voucher application', description: "The programme's district officer refuses it with a reason the enterprise is told." })
  @ApiRequestExample('Outside the programme', { reason: '申请的服务不在本年度支持范围内 The service is outside this year’s scope' })
  @ApiProblems('not_found', 'conflict')
  @Post('applications/:id/reject')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, applicationView)
  reject(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(rejectBody) body: RejectBody) {
    return this.applications.reject(caller, id, body.reason);
  }
}
