import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import {
  deliverBody,
  disputeBody,
  engagementPage,
  engagementView,
  listEngagementsQuery,
  type ListEngagementsQuery,
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

  @ApiOperation({
    summary: "List the caller's engagements",
    description: "An enterprise's or a provider's engagements, newest first, each with its payment. Filter by `status`; cursor-paginated.",
  })
  @Get()
  @Roles('enterprise', 'provider')
  @Returns(200, engagementPage)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listEngagementsQuery) query: ListEngagementsQuery) {
    return this.engagements.list(caller, query);
  }

  @ApiOperation({
    summary: 'Get an engagement',
    description: 'The engagement with its `payment`: amounts received and refunded, method, status. For its enterprise, its provider and admins.',
  })
  @ApiProblems('not_found')
  @Get(':id')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, engagementView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.engagements.view(caller, id);
  }

  @ApiOperation({
    summary: 'Mark an engagement delivered',
    description: 'The provider reports delivery (optionally with its invoice number) of an engagement in progress.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/deliver')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, engagementView)
  async deliver(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(deliverBody) body: DeliverBody) {
    return this.engagements.withPayment(await this.engagements.deliver(caller, id, body));
  }

  @ApiOperation({ summary: 'Accept delivery', description: 'The enterprise accepts a delivered engagement; it becomes `completed`.' })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/accept')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, engagementView)
  async accept(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.engagements.withPayment(await this.engagements.accept(caller, id));
  }

  @ApiOperation({
    summary: 'Rate an engagement',
    description: "The enterprise rates a completed engagement once (score 1–5 and a comment); ratings feed the provider's quality factor.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/rating')
  @HttpCode(200)
  @Roles('enterprise')
  @Returns(200, engagementView)
  async rate(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(ratingBody) body: RatingBody) {
    return this.engagements.withPayment(await this.engagements.rate(caller, id, body));
  }

  @ApiOperation({
    summary: 'Raise a dispute',
    description: 'Either party disputes the engagement with a reason; reconciliation holds its subsidy while the dispute is open.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/dispute')
  @HttpCode(200)
  @Roles('enterprise', 'provider')
  @Returns(200, engagementView)
  async dispute(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(disputeBody) body: DisputeBody) {
    return this.engagements.withPayment(await this.engagements.dispute(caller, id, body));
  }

  @ApiOperation({
    summary: 'Resolve a dispute',
    description: 'An admin closes an open dispute: `won`, the provider prevails and work resumes; `lost`, the engagement is cancelled.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/dispute/resolve')
  @HttpCode(200)
  @Roles('admin')
  @Returns(200, engagementView)
  async resolve(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(resolveDisputeBody) body: ResolveDisputeBody) {
    return this.engagements.withPayment(await this.engagements.resolveDispute(caller, id, body));
  }

  @ApiOperation({
    summary: 'Cancel an engagement',
    description:
      'Either party cancels an engagement its state allows to be cancelled (before payment has gone through); a pending card payment is cancelled with it.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, engagementView)
  async cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.engagements.withPayment(await this.engagements.cancel(caller, id));
  }
}
