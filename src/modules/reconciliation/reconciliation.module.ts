import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { BatchRepository } from './batch.repository.js';
import { ClaimsController } from './claims.controller.js';
import { ProviderClaimsService } from './provider-claims.service.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationRepository } from './reconciliation.repository.js';
import { ReconciliationService } from './reconciliation.service.js';
import { SettlementsRepository } from './settlements.repository.js';
import { SettlementsService } from './settlements.service.js';

@Module({
  imports: [SubsidiesModule, LedgerModule, PaymentsModule],
  controllers: [ReconciliationController, ClaimsController],
  providers: [ReconciliationService, SettlementsService, ProviderClaimsService, ReconciliationRepository, BatchRepository, SettlementsRepository],
  exports: [ReconciliationService],
})
export class ReconciliationModule {}
