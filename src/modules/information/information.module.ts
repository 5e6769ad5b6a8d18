import { Module } from '@nestjs/common';
import { ClockModule } from '../../common/time/clock.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { BriefsRepository } from './briefs.repository.js';
import { BriefsService } from './briefs.service.js';
import { InformationController } from './information.controller.js';
import { RiskAlertsRepository } from './risk-alerts.repository.js';
import { RiskAlertsService } from './risk-alerts.service.js';

/** Country briefs and risk alerts (issue 29). */
@Module({
  imports: [ClockModule, NotificationsModule],
  controllers: [InformationController],
  providers: [BriefsService, BriefsRepository, RiskAlertsService, RiskAlertsRepository],
  exports: [RiskAlertsService],
})
export class InformationModule {}
