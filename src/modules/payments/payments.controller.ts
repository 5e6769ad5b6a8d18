import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentCaller, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
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
import { StripeWebhooksService } from './stripe-webhooks.service.js';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly payouts: PayoutAccountsService,
    private readonly webhooks: StripeWebhooksService,
  ) {}

  @Post('engagements/:id/payments')
  @HttpCode(201)
  @Roles('enterprise', 'admin')
  @Returns(201, startedPayment)
  start(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(startPaymentBody) body: StartPaymentBody) {
    return this.payments.start(caller, id, body);
  }

  @Post('engagements/:id/payments/confirm-transfer')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, engagementView)
  confirmTransfer(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(confirmTransferBody) body: ConfirmTransferBody) {
    return this.payments.confirmTransfer(caller, id, body);
  }

  @Post('engagements/:id/refunds')
  @HttpCode(200)
  @Roles('provider', 'admin')
  @Returns(200, engagementView)
  refund(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(refundBody) body: RefundBody) {
    return this.payments.refund(caller, id, body);
  }

  @Post('providers/:id/payout-account')
  @HttpCode(201)
  @Roles('provider', 'admin')
  @Returns(201, payoutAccountView)
  payoutAccount(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.payouts.onboard(caller, id);
  }

  /** Verified on the raw body (the JSON parser keeps it; see create-api.ts). */
  @Post('webhooks/stripe')
  @HttpCode(200)
  @Public()
  @SkipRateLimit()
  stripe(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string) {
    return this.webhooks.receive(req.rawBody, signature);
  }
}
