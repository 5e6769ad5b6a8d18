import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { EnterpriseClientsPort } from './enterprise-clients.port.js';
import { EnterprisesController } from './enterprises.controller.js';
import { EnterprisesRepository } from './enterprises.repository.js';
import { EnterprisesService } from './enterprises.service.js';

@Module({
  imports: [NotificationsModule],
  controllers: [EnterprisesController],
  providers: [EnterprisesService, EnterprisesRepository, EnterpriseClientsPort],
  exports: [EnterprisesService, EnterpriseClientsPort],
})
export class EnterprisesModule {}
