import { Module } from '@nestjs/common';
import { AlliancesModule } from '../alliances/alliances.module.js';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { AuditTrailRepository } from './audit-trail.repository.js';
import { ClaimsRepository } from './claims.repository.js';
import { ClaimsService } from './claims.service.js';
import { EnterpriseFactsReadModel } from './enterprise-facts.read-model.js';
import { ProgramEligibility } from './program-eligibility.js';
import { ProgramAlertsService } from './program-alerts.service.js';
import { FxRatesController } from './fx-rates.controller.js';
import { FxRatesRepository } from './fx-rates.repository.js';
import { FxRatesService } from './fx-rates.service.js';
import { ProgramsController } from './programs.controller.js';
import { PublicProgramsController } from './public-programs.controller.js';
import { ProgramsService } from './programs.service.js';
import { RedeemVoucher } from './redeem-voucher.js';
import { VouchersController } from './vouchers.controller.js';
import { VouchersRepository } from './vouchers.repository.js';
import { VouchersService } from './vouchers.service.js';

@Module({
  imports: [EnterprisesModule, ProvidersModule, AlliancesModule, LedgerModule, NotificationsModule],
  controllers: [ProgramsController, PublicProgramsController, VouchersController, FxRatesController],
  providers: [
    ProgramsService,
    VouchersService,
    RedeemVoucher,
    VouchersRepository,
    ClaimsService,
    ClaimsRepository,
    ProgramAlertsService,
    AuditTrailRepository,
    ProgramEligibility,
    EnterpriseFactsReadModel,
    FxRatesService,
    FxRatesRepository,
  ],
  exports: [ProgramsService, VouchersService, RedeemVoucher, ClaimsService, ProgramAlertsService, ProgramEligibility],
})
export class SubsidiesModule {}
