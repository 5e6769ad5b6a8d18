import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { VouchersModule } from '../vouchers/vouchers.module.js';
import { EngagementsRepository } from './engagements.repository.js';
import { EngagementsService } from './engagements.service.js';

@Module({ imports: [NotificationsModule, VouchersModule], providers: [EngagementsService, EngagementsRepository], exports: [EngagementsService] })
export class EngagementsModule {}
