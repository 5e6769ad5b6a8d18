import { Module } from '@nestjs/common';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { AwardBid } from './award-bid.js';
import { BidsController } from './bids.controller.js';
import { BidsRepository } from './bids.repository.js';
import { BidsService } from './bids.service.js';

@Module({
  imports: [RequestsModule, MatchingModule, ProvidersModule, EngagementsModule, NotificationsModule, SubsidiesModule, PaymentsModule],
  controllers: [BidsController],
  providers: [BidsService, AwardBid, BidsRepository],
  exports: [BidsService],
})
export class BidsModule {}
