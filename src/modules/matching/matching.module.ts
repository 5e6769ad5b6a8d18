import { Module } from '@nestjs/common';
import { AlliancesModule } from '../alliances/alliances.module.js';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';
import { OutcomeHistoryRepository } from './outcome-history.repository.js';
import { WeightTuner } from './weight-tuner.js';
import { ProviderHistoryRepository } from './provider-history.repository.js';
import { LearnedWeightsRepository } from './learned-weights.repository.js';
import { MatchWeightsController } from './match-weights.controller.js';
import { WeightLearningService } from './weight-learning.service.js';

@Module({
  imports: [ProvidersModule, NotificationsModule, AlliancesModule, EnterprisesModule, SubsidiesModule],
  controllers: [MatchWeightsController],
  providers: [
    MatchingService,
    InvitationsService,
    InvitationsRepository,
    MatchingRepository,
    ProviderHistoryRepository,
    OutcomeHistoryRepository,
    WeightTuner,
    LearnedWeightsRepository,
    WeightLearningService,
  ],
  exports: [MatchingService, InvitationsService, WeightTuner, WeightLearningService],
})
export class MatchingModule {}
