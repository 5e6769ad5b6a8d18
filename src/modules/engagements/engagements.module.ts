import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { VouchersModule } from '../vouchers/vouchers.module.js';
import { EngagementPaymentsPort } from './engagement-payments.port.js';
import { EngagementsController } from './engagements.controller.js';
import { EngagementsRepository } from './engagements.repository.js';
import { EngagementsService } from './engagements.service.js';

@Module({
  imports: [NotificationsModule, VouchersModule],
  controllers: [EngagementsController],
  providers: [EngagementsService, EngagementsRepository, EngagementPaymentsPort],
  exports: [EngagementsService, EngagementPaymentsPort],
})
export class EngagementsModule {}
