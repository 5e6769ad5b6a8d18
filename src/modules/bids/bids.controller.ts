import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { engagementView } from '../engagements/engagements.schemas.js';
import { AwardBid } from './award-bid.js';
import { awardBody, bidList, bidPage, bidView, createBidBody, listBidsQuery, type AwardBody, type CreateBidBody, type ListBidsQuery } from './bids.schemas.js';
import { BidsService } from './bids.service.js';

@ApiTags('bids')
@ApiBearerAuth()
@Controller('v1')
export class BidsController {
  constructor(
    private readonly bids: BidsService,
    private readonly awards: AwardBid,
  ) {}

  @ApiOperation({
    summary: 'Place a bid',
    description:
      'An invited provider, vetted now, bids on an `open` request before bidding closes. Bids are sealed: each provider sees only its own. One live bid per provider: withdraw it to bid again.',
  })
  @ApiRequestExample('A bid in two milestones', {
    price: { amount: 24000000, currency: 'CNY' },
    timelineDays: 45,
    proposal: 'ODI filing with MOFCOM and NDRC, then the entity in Riyadh.',
    milestones: [
      { title: 'ODI filing approved', amount: { amount: 12000000, currency: 'CNY' }, dueInDays: 20 },
      { title: 'Entity registered', amount: { amount: 12000000, currency: 'CNY' }, dueInDays: 45 },
    ],
  })
  @ApiProblems('not_found', 'conflict', 'provider_not_eligible')
  @Post('requests/:id/bids')
  @Roles('provider')
  @Returns(201, bidView)
  place(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(createBidBody) body: CreateBidBody) {
    return this.bids.place(caller, id, body);
  }

  @ApiOperation({ summary: "List a request's bids", description: 'The enterprise sees every bid; a provider sees only its own.' })
  @ApiProblems('not_found')
  @Get('requests/:id/bids')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, bidList)
  list(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.bids.list(caller, id);
  }

  @ApiOperation({ summary: 'Withdraw a bid', description: 'A `live` bid leaves the round; a bid in any other state is 409.' })
  @ApiProblems('not_found', 'conflict')
  @Post('bids/:id/withdraw')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, bidView)
  withdraw(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.bids.withdraw(caller, id);
  }

  @ApiOperation({
    summary: 'Award a bid',
    description:
      "Exactly one award per request, in one transaction: the bid wins, the others lose, the engagement is created `awaiting_payment`, and with `voucherId` the voucher's subsidy is committed against the programme's budget (eligibility and caps checked under locks) — in a co-funded programme each funder's part against its own budget, one that cannot cover it refusing the whole award (409 `budget_exhausted`, the funder named).",
  })
  @ApiRequestExample('Award with a voucher', { bidId: '0b7e4a52-3c1d-4e8f-9a6b-5d2c1e0f9a87', voucherId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  @ApiProblems('not_found', 'conflict', 'budget_exhausted', 'cap_exceeded', 'voucher_not_applicable', 'provider_not_eligible')
  @Post('requests/:id/award')
  @Roles('enterprise', 'admin')
  @Returns(201, engagementView)
  award(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(awardBody) body: AwardBody) {
    return this.awards.award(caller, id, body);
  }

  @ApiOperation({
    summary: 'List my bids',
    description:
      "A provider: its own bids across requests. An enterprise: the bids on its requests still taking bids (`open`), or on the one `requestId` names (another enterprise's request is 404); each request's page (`GET /v1/requests/{id}/bids`) adds the cost after each voucher. Newest first; filter by `status` or `requestId`; cursor-paginated.",
  })
  @ApiProblems('not_found')
  @Get('bids')
  @Roles('provider', 'enterprise')
  @Returns(200, bidPage)
  mine(@CurrentCaller() caller: Caller, @ValidQuery(listBidsQuery) query: ListBidsQuery) {
    return this.bids.mine(caller, query);
  }
}
