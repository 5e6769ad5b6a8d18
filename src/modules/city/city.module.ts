import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsReadModel } from './reports.read-model.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/** Across the city (issue 28): voucher applications, and the monthly reports districts give the city. */
@Module({
  imports: [SubsidiesModule, EnterprisesModule, NotificationsModule],
  controllers: [ApplicationsController, ReportsController],
  providers: [ApplicationsService, ApplicationsRepository, ReportsService, ReportsRepository, ReportsReadModel],
  exports: [ApplicationsService, ReportsService],
})
export class CityModule {}
