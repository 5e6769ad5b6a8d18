import { Module } from '@nestjs/common';
import { AlliancesModule } from '../alliances/alliances.module.js';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';

@Module({ imports: [ProvidersModule, NotificationsModule, EngagementsModule, AlliancesModule, EnterprisesModule], providers: [MatchingService, MatchingRepository], exports: [MatchingService] })
export class MatchingModule {}
