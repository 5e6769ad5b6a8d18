import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import {
  deliverBody,
  disputeBody,
  engagementView,
  ratingBody,
  resolveDisputeBody,
  type DeliverBody,
  type DisputeBody,
  type RatingBody,
  type ResolveDisputeBody,
} from './engagements.schemas.js';
import { EngagementsService } from './engagements.service.js';

/** The engagement after the award: each step by the right party (libs/engagement-flow). */
@ApiTags('engagements')
@ApiBearerAuth()
@Controller('v1/engagements')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Get(':id')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, engagementView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.engagements.view(caller, id);
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, engagementView)
  async deliver(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(deliverBody) body: DeliverBody) {
    return this.engagements.withPayment(await this.engagements.deliver(caller, id, body));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, engagementView)
  async accept(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.engagements.withPayment(await this.engagements.accept(caller, id));
  }

  @Post(':id/rating')
  @HttpCode(200)
  @Roles('enterprise')
  @Returns(200, engagementView)
  async rate(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(ratingBody) body: RatingBody) {
    return this.engagements.withPayment(await this.engagements.rate(caller, id, body));
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @Roles('enterprise', 'provider')
  @Returns(200, engagementView)
  async dispute(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(disputeBody) body: DisputeBody) {
    return this.engagements.withPayment(await this.engagements.dispute(caller, id, body));
  }

  @Post(':id/dispute/resolve')
  @HttpCode(200)
  @Roles('admin')
  @Returns(200, engagementView)
  async resolve(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(resolveDisputeBody) body: ResolveDisputeBody) {
    return this.engagements.withPayment(await this.engagements.resolveDispute(caller, id, body));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, engagementView)
  async cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.engagements.withPayment(await this.engagements.cancel(caller, id));
  }
}
