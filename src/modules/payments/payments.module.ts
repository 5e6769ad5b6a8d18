import { Module } from '@nestjs/common';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentsService } from './payments.service.js';
import { PayoutAccountsService } from './payout-accounts.service.js';
import { StripeWebhooksService } from './stripe-webhooks.service.js';
import { stripeProvider } from './stripe.client.js';

@Module({
  imports: [EngagementsModule],
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentsRepository, PayoutAccountsService, StripeWebhooksService, stripeProvider],
  exports: [PaymentsService, StripeWebhooksService],
})
export class PaymentsModule {}
