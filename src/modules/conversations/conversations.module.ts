import { Module } from '@nestjs/common';
import { BidsModule } from '../bids/bids.module.js';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { FilesModule } from '../files/files.module.js';
import { MatchingModule } from '../matching/matching.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { SubsidiesModule } from '../subsidies/subsidies.module.js';
import { EngagementAccess } from './engagement-access.js';
import { EngagementDocuments } from './engagement-documents.js';
import { FileAccessPolicies } from './file-access-policies.js';
import { MessagesController } from './messages.controller.js';
import { MessagesRepository } from './messages.repository.js';
import { MessagesService } from './messages.service.js';
import { QuestionsController } from './questions.controller.js';
import { QuestionsRepository } from './questions.repository.js';
import { QuestionsService } from './questions.service.js';

/** Questions on requests, messages on engagements, and who sees the files attached to either (and to bids, credentials, deliveries, fapiao). */
@Module({
  imports: [
    RequestsModule,
    MatchingModule,
    BidsModule,
    ProvidersModule,
    EngagementsModule,
    SubsidiesModule,
    NotificationsModule,
    FilesModule,
    DeliveriesModule,
  ],
  controllers: [QuestionsController, MessagesController],
  providers: [QuestionsService, QuestionsRepository, MessagesService, MessagesRepository, EngagementAccess, EngagementDocuments, FileAccessPolicies],
})
export class ConversationsModule {}
