import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, schemaRef, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import { SchemaPipe } from '../../common/validation/schema.pipe.js';
import { MilestoneDisputesService } from './milestone-disputes.service.js';
import { MilestoneRefundsService } from './milestone-refunds.service.js';
import {
  confirmReceiptBody,
  fundedMilestone,
  fundMilestoneBody,
  milestoneDeliverBody,
  milestoneDisputeBody,
  milestoneList,
  milestoneRefundBody,
  proposalBody,
  type ConfirmReceiptBody,
  type FundMilestoneBody,
  type MilestoneDeliverBody,
  type MilestoneDisputeBody,
  type MilestoneRefundBody,
  type ProposalBody,
} from './milestones.schemas.js';
import { MilestonesService } from './milestones.service.js';
import { MilestoneN } from './milestone-param.js';

/** Milestones held in escrow (issue 26): funded, delivered, released or refunded, disputed and settled. */
@ApiTags('milestones')
@ApiBearerAuth()
@Controller('v1/engagements/:id/milestones')
export class MilestonesController {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly disputes: MilestoneDisputesService,
    private readonly refunds: MilestoneRefundsService,
  ) {}

  @ApiOperation({
    summary: "List an engagement's milestones",
    description: 'Each milestone with its status, what is held, released and refunded, and its dispute; with the escrow balances.',
  })
  @ApiProblems('not_found')
  @Get()
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, milestoneList)
  list(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.milestones.list(caller, id);
  }

  @ApiOperation({
    summary: 'Fund a milestone',
    description:
      "The enterprise pays the milestone's due into escrow: by `stripe` (a PaymentIntent whose charge stays with the platform under the engagement's transfer group) or `bank_transfer` (the custodian account and the engagement's reference). Work on it starts once it is funded.",
  })
  @ApiRequestExample('By bank transfer', { method: 'bank_transfer' })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/fund')
  @HttpCode(201)
  @Roles('enterprise', 'admin')
  @Returns(201, fundedMilestone)
  fund(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number, @ValidBody(fundMilestoneBody) body: FundMilestoneBody) {
    return this.milestones.fund(caller, id, n, body);
  }

  @ApiOperation({
    summary: 'Confirm a bank receipt',
    description: "Finance (an admin) confirms the custodian account received the milestone's due; it is then funded.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/confirm-receipt')
  @HttpCode(200)
  @Roles('admin')
  @Returns(200, milestoneList)
  confirmReceipt(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number, @ValidBody(confirmReceiptBody) body: ConfirmReceiptBody) {
    return this.milestones.confirmReceipt(caller, id, n, body);
  }

  @ApiOperation({
    summary: 'Deliver a milestone',
    description:
      'The provider delivers a funded milestone, with a note and the deliverables when it has them (kept: `GET /v1/engagements/{id}/deliveries`); unless approved or disputed it is released after MILESTONE_AUTO_RELEASE_DAYS.',
  })
  @ApiBody({ schema: schemaRef(milestoneDeliverBody), required: false })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/deliver')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, milestoneList)
  deliver(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @MilestoneN() n: number,
    @Body(new SchemaPipe(milestoneDeliverBody.optional())) body: MilestoneDeliverBody | undefined,
  ) {
    return this.milestones.deliver(caller, id, n, body ?? {});
  }

  @ApiOperation({
    summary: 'Approve a milestone',
    description: 'The enterprise approves: what is held is released to the provider (a Stripe Transfer, or a bank payout instruction).',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/approve')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, milestoneList)
  approve(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number) {
    return this.milestones.approve(caller, id, n);
  }

  @ApiOperation({
    summary: 'Refund a milestone',
    description: 'The provider gives back what is held of its own accord (an enterprise asks through a dispute).',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/refund')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, milestoneList)
  refund(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number, @ValidBody(milestoneRefundBody) body: MilestoneRefundBody) {
    return this.refunds.refund(caller, id, n, body);
  }

  @ApiOperation({
    summary: 'Dispute a milestone',
    description: 'Either side disputes a funded milestone with a reason; its money stays held until the dispute is settled.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/dispute')
  @HttpCode(200)
  @Roles('enterprise', 'provider')
  @Returns(200, milestoneList)
  dispute(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number, @ValidBody(milestoneDisputeBody) body: MilestoneDisputeBody) {
    return this.disputes.open(caller, id, n, body);
  }

  @ApiOperation({
    summary: 'Propose a settlement',
    description: "The mediator (an admin, or the subsidising district's officer) proposes `{release, refund}`, which must add up to what is held.",
  })
  @ApiRequestExample('70/30', { release: { amount: 700_000, currency: 'CNY' }, refund: { amount: 300_000, currency: 'CNY' } })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/dispute/proposal')
  @HttpCode(200)
  @Roles('admin', 'district_officer')
  @Returns(200, milestoneList)
  propose(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number, @ValidBody(proposalBody) body: ProposalBody) {
    return this.disputes.propose(caller, id, n, body);
  }

  @ApiOperation({ summary: 'Accept the proposal', description: 'Each side accepts the standing proposal; when both have, the money moves once.' })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/dispute/accept')
  @HttpCode(200)
  @Roles('enterprise', 'provider')
  @Returns(200, milestoneList)
  accept(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number) {
    return this.disputes.accept(caller, id, n);
  }

  @ApiOperation({
    summary: 'Decide the dispute',
    description: 'After DISPUTE_DECISION_DAYS without both acceptances, the mediator decides its proposal; the money moves once.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':n/dispute/decide')
  @HttpCode(200)
  @Roles('admin', 'district_officer')
  @Returns(200, milestoneList)
  decide(@CurrentCaller() caller: Caller, @UuidParam() id: string, @MilestoneN() n: number) {
    return this.disputes.decide(caller, id, n);
  }
}
