import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { EngagementsRepository } from './engagements.repository.js';
import { EngagementsService } from './engagements.service.js';

@Module({ imports: [NotificationsModule], providers: [EngagementsService, EngagementsRepository], exports: [EngagementsService] })
export class EngagementsModule {}
