import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { EnterprisesController } from './enterprises.controller.js';
import { EnterprisesRepository } from './enterprises.repository.js';
import { EnterprisesService } from './enterprises.service.js';

@Module({
  imports: [NotificationsModule],
  controllers: [EnterprisesController],
  providers: [EnterprisesService, EnterprisesRepository],
  exports: [EnterprisesService],
})
export class EnterprisesModule {}
