import { Module } from '@nestjs/common';
import { AlliancesModule } from '../alliances/alliances.module.js';
import { BidsModule } from '../bids/bids.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { VouchersModule } from '../vouchers/vouchers.module.js';
import { ExpiryRunsRepository } from './expiry-runs.repository.js';
import { ExpiryService } from './expiry.service.js';

@Module({ imports: [AlliancesModule, ProvidersModule, BidsModule, VouchersModule], providers: [ExpiryService, ExpiryRunsRepository], exports: [ExpiryService] })
export class ExpiryModule {}
