import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';

@Module({ imports: [ProvidersModule, NotificationsModule], providers: [MatchingService, MatchingRepository], exports: [MatchingService] })
export class MatchingModule {}
