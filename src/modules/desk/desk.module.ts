import { Module } from '@nestjs/common';
import { ClockModule } from '../../common/time/clock.js';
import { EnterprisesModule } from '../enterprises/enterprises.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DeskCalendarService } from './desk-calendar.service.js';
import { DeskController } from './desk.controller.js';
import { DeskRepository } from './desk.repository.js';
import { DeskService } from './desk.service.js';

/** The request desk (issue 29); the worker adds DeskProcessor. */
@Module({
  imports: [ClockModule, EnterprisesModule, NotificationsModule],
  controllers: [DeskController],
  providers: [DeskService, DeskCalendarService, DeskRepository],
  exports: [DeskService],
})
export class DeskModule {}
