import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller.js';
import { InboxRepository } from './inbox.repository.js';
import { InboxService } from './inbox.service.js';
import { MailService } from './mail.service.js';

/** The in-app inbox, email preferences and the mail queue's sender (its processor runs in the worker). */
@Module({ controllers: [InboxController], providers: [InboxService, InboxRepository, MailService], exports: [InboxService, MailService] })
export class InboxModule {}
