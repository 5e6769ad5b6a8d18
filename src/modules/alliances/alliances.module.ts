import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { AlliancesController } from './alliances.controller.js';
import { AlliancesRepository } from './alliances.repository.js';
import { AlliancesService } from './alliances.service.js';

@Module({
  imports: [ProvidersModule, NotificationsModule],
  controllers: [AlliancesController],
  providers: [AlliancesService, AlliancesRepository],
  exports: [AlliancesService],
})
export class AlliancesModule {}
