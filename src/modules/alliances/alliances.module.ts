import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { AlliancesController } from './alliances.controller.js';
import { AlliancesRepository } from './alliances.repository.js';
import { AlliancesService } from './alliances.service.js';
import { ProviderMembershipsController } from './provider-memberships.controller.js';

@Module({
  imports: [ProvidersModule, NotificationsModule],
  controllers: [AlliancesController, ProviderMembershipsController],
  providers: [AlliancesService, AlliancesRepository],
  exports: [AlliancesService],
})
export class AlliancesModule {}
