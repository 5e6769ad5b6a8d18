import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import { fapiaoBody, fapiaoList, fapiaoView, type FapiaoBody } from './fapiao.schemas.js';
import { FapiaoService } from './fapiao.service.js';
import { MilestoneN } from './milestone-param.js';

/** Fapiao, not a string: the provider records the one it issued for each release. */
@ApiTags('milestones')
@ApiBearerAuth()
@Controller('v1/engagements/:id')
export class FapiaoController {
  constructor(private readonly fapiao: FapiaoService) {}

  @ApiOperation({
    summary: "Record a milestone's fapiao",
    description:
      "The provider records the fapiao of a released milestone: type, number, date, the buyer's tax id (the enterprise's USCC), the amount with tax (CNY) and the VAT rate. Reconciliation flags a missing one, a wrong buyer, a short amount and a number used twice.",
  })
  @ApiRequestExample('A fully digital fapiao', {
    type: '全电发票',
    number: '24312000000012345678',
    issuedOn: '2026-12-06',
    buyerTaxId: '91310104MA1FL0QX48',
    amountWithTax: { amount: 31_800_000, currency: 'CNY' },
    taxRate: '0.06',
  })
  @ApiProblems('not_found', 'conflict')
  @Post('milestones/:n/fapiao')
  @HttpCode(201)
  @Roles('provider', 'admin')
  @Returns(201, fapiaoView)
  record(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number, @ValidBody(fapiaoBody) body: FapiaoBody) {
    return this.fapiao.record(caller, id, n, body);
  }

  @ApiOperation({ summary: "List an engagement's fapiao" })
  @ApiProblems('not_found')
  @Get('fapiao')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, fapiaoList)
  list(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.fapiao.list(caller, id);
  }
}
