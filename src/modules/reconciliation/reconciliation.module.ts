import { Module } from '@nestjs/common';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { VouchersModule } from '../vouchers/vouchers.module.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationRepository } from './reconciliation.repository.js';
import { ReconciliationService } from './reconciliation.service.js';
import { SettlementsService } from './settlements.service.js';

@Module({
  imports: [VouchersModule, EngagementsModule, PaymentsModule, ProvidersModule, EnterprisesModule],
  controllers: [ReconciliationController],
  providers: [ReconciliationService, SettlementsService, ReconciliationRepository],
  exports: [ReconciliationService],
})
export class ReconciliationModule {}
