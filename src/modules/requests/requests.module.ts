import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { InformationModule } from '../information/information.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { RequestExclusionsRepository } from './request-exclusions.repository.js';
import { InvitationsController } from './invitations.controller.js';
import { RequestEditsService } from './request-edits.service.js';
import { RequestListsService } from './request-lists.service.js';
import { RequestsController } from './requests.controller.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';

@Module({
  imports: [EnterprisesModule, MatchingModule, SubsidiesModule, NotificationsModule, InformationModule, ProvidersModule],
  controllers: [RequestsController, InvitationsController],
  providers: [RequestsService, RequestListsService, RequestEditsService, RequestsRepository, RequestExclusionsRepository],
  exports: [RequestsService],
})
export class RequestsModule {}
