import { Module } from '@nestjs/common';
import { AlliancesModule } from '../alliances/alliances.module.js';
import { BidsModule } from '../bids/bids.module.js';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { ExpiryRunsRepository } from './expiry-runs.repository.js';
import { ExpiryService } from './expiry.service.js';

@Module({
  imports: [AlliancesModule, ProvidersModule, BidsModule, SubsidiesModule, EngagementsModule],
  providers: [ExpiryService, ExpiryRunsRepository],
  exports: [ExpiryService],
})
export class ExpiryModule {}
