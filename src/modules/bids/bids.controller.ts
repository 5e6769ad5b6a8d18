import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import { engagementView } from '../engagements/engagements.schemas.js';
import { AwardBid } from './award-bid.js';
import { awardBody, bidList, bidView, createBidBody, type AwardBody, type CreateBidBody } from './bids.schemas.js';
import { BidsService } from './bids.service.js';

@ApiTags('bids')
@ApiBearerAuth()
@Controller('v1')
export class BidsController {
  constructor(
    private readonly bids: BidsService,
    private readonly awards: AwardBid,
  ) {}

  @Post('requests/:id/bids')
  @Roles('provider')
  @Returns(201, bidView)
  place(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(createBidBody) body: CreateBidBody) {
    return this.bids.place(caller, id, body);
  }

  @Get('requests/:id/bids')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, bidList)
  list(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.bids.list(caller, id);
  }

  @Post('bids/:id/withdraw')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, bidView)
  withdraw(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.bids.withdraw(caller, id);
  }

  @Post('requests/:id/award')
  @Roles('enterprise', 'admin')
  @Returns(201, engagementView)
  award(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(awardBody) body: AwardBody) {
    return this.awards.award(caller, id, body);
  }
}
