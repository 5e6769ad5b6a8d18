import { Controller, Get, Headers, HttpCode, Post, Req, Res, StreamableFile, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentCaller, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { SkipRateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { engagementView } from '../engagements/engagements.schemas.js';
import {
  confirmTransferBody,
  payoutAccountView,
  refundBody,
  startPaymentBody,
  startedPayment,
  type ConfirmTransferBody,
  type RefundBody,
  type StartPaymentBody,
} from './payments.schemas.js';
import { PaymentsService } from './payments.service.js';
import { PayoutAccountsService } from './payout-accounts.service.js';
import { ReceiptsService } from './receipts.service.js';
import { StripeWebhooksService } from './stripe-webhooks.service.js';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly payouts: PayoutAccountsService,
    private readonly webhooks: StripeWebhooksService,
    private readonly receipts: ReceiptsService,
  ) {}

  @ApiOperation({
    summary: 'Start paying an engagement',
    description:
      "The enterprise pays its share of an `awaiting_payment` engagement (the price less any voucher subsidy): by `bank_transfer` (a reference to quote) or `stripe` (a PaymentIntent's client secret). Asking again with the same method answers the same payment.",
  })
  @ApiRequestExample('By bank transfer', { method: 'bank_transfer' })
  @ApiProblems('not_found', 'conflict')
  @Post('engagements/:id/payments')
  @HttpCode(201)
  @Roles('enterprise', 'admin')
  @Returns(201, startedPayment)
  start(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(startPaymentBody) body: StartPaymentBody) {
    return this.payments.start(caller, id, body);
  }

  @ApiOperation({
    summary: 'Confirm a bank transfer',
    description: "The provider confirms the amount received under the engagement's reference; the full amount moves the engagement to `in_progress`.",
  })
  @ApiRequestExample('The transfer as received', { reference: 'SW-7K3M9Q2X4P', amount: { amount: 16800000, currency: 'CNY' } })
  @ApiProblems('not_found', 'conflict')
  @Post('engagements/:id/payments/confirm-transfer')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, engagementView)
  confirmTransfer(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(confirmTransferBody) body: ConfirmTransferBody) {
    return this.payments.confirmTransfer(caller, id, body);
  }

  @ApiOperation({
    summary: 'Refund a payment',
    description: 'The provider refunds part or all of what was received (through Stripe for card payments, once). More than is refundable is 409.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post('engagements/:id/refunds')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, engagementView)
  refund(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(refundBody) body: RefundBody) {
    return this.payments.refund(caller, id, body);
  }

  @ApiOperation({
    summary: 'Start Stripe payout onboarding',
    description: "Creates (once) the provider's Stripe Connect Express account and answers with an onboarding link. 409 when Stripe is not configured here.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post('providers/:id/payout-account')
  @HttpCode(201)
  @Roles('provider', 'admin')
  @Returns(201, payoutAccountView)
  payoutAccount(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.payouts.onboard(caller, id);
  }

  @ApiOperation({
    summary: "Get a payment's receipt",
    description:
      'A bilingual (中文/English) PDF receipt of the payment: the parties, every receipt, release and refund behind it (milestone by milestone when paid into escrow), amounts and currency. The text is extractable.',
  })
  @ApiProblems('not_found')
  @ApiProduces('application/pdf')
  @Get('payments/:id/receipt')
  @Roles('enterprise', 'provider', 'admin')
  async receipt(@CurrentCaller() caller: Caller, @UuidParam() id: string, @Res({ passthrough: true }) res: Response) {
    const pdf = await this.receipts.receipt(caller, id);
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="receipt-${id}.pdf"`);
    return new StreamableFile(pdf);
  }

  /** Verified on the raw body (the JSON parser keeps it; see create-api.ts). */
  @ApiOperation({
    summary: 'Receive a Stripe webhook',
    description:
      "Stripe's events, verified by their signature on the raw body (5-minute tolerance), stored once by event id and applied in the background in any order. Duplicates answer 200 with `duplicate: true`.",
  })
  @ApiProblems('validation_failed', 'dependency_unavailable', 'service_busy')
  @Post('webhooks/stripe')
  @HttpCode(200)
  @Public()
  @SkipRateLimit()
  stripe(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string) {
    return this.webhooks.receive(req.rawBody, signature);
  }
}
