import { Module } from '@nestjs/common';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { FilesModule } from '../files/files.module.js';
import { DisputeFilesPolicy } from './dispute-files.policy.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { CustodianController } from './custodian.controller.js';
import { CustodianRepository } from './custodian.repository.js';
import { CustodianService } from './custodian.service.js';
import { EscrowRails } from './escrow-rails.js';
import { FapiaoController } from './fapiao.controller.js';
import { FapiaoRepository } from './fapiao.repository.js';
import { FapiaoService } from './fapiao.service.js';
import { MilestoneDisputesService } from './milestone-disputes.service.js';
import { MilestoneRefundsService } from './milestone-refunds.service.js';
import { MilestonesController } from './milestones.controller.js';
import { MilestonesRepository } from './milestones.repository.js';
import { MilestonesService } from './milestones.service.js';
import { PaymentsController } from './payments.controller.js';
import { ReceiptsService } from './receipts.service.js';
import { PaymentsRepository } from './payments.repository.js';
import { PaymentsService } from './payments.service.js';
import { PayoutAccountsService } from './payout-accounts.service.js';
import { StripeWebhooksService } from './stripe-webhooks.service.js';
import { stripeProvider } from './stripe.client.js';

@Module({
  imports: [EngagementsModule, NotificationsModule, EnterprisesModule, ProvidersModule, FilesModule],
  controllers: [PaymentsController, MilestonesController, CustodianController, FapiaoController],
  providers: [
    PaymentsService,
    PaymentsRepository,
    PayoutAccountsService,
    StripeWebhooksService,
    stripeProvider,
    MilestonesService,
    MilestonesRepository,
    MilestoneDisputesService,
    MilestoneRefundsService,
    FapiaoService,
    ReceiptsService,
    FapiaoRepository,
    EscrowRails,
    CustodianService,
    CustodianRepository,
    DisputeFilesPolicy,
  ],
  exports: [PaymentsService, StripeWebhooksService, MilestonesService, EscrowRails, FapiaoService],
})
export class PaymentsModule {}
