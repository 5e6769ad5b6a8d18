import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { EngagementPaymentsPort } from './engagement-payments.port.js';
import { EngagementsController } from './engagements.controller.js';
import { EngagementsRepository } from './engagements.repository.js';
import { EngagementsService } from './engagements.service.js';
import { LapseSubsidies } from './lapse-subsidies.js';

@Module({
  imports: [NotificationsModule, SubsidiesModule, EnterprisesModule, DeliveriesModule],
  controllers: [EngagementsController],
  providers: [EngagementsService, EngagementsRepository, EngagementPaymentsPort, LapseSubsidies],
  exports: [EngagementsService, EngagementPaymentsPort, LapseSubsidies],
})
export class EngagementsModule {}
