import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentSession, PersonRoute } from '../../common/auth/auth.decorators.js';
import type { ResolvedSession } from '../../common/auth/session-port.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { inboxItemView, inboxPage, inboxQuery, preferencesBody, preferencesView, type InboxQuery, type PreferencesBody } from './inbox.schemas.js';
import { InboxService } from './inbox.service.js';

const markedView = z.object({ marked: z.number().int() }).meta({ id: 'InboxMarked' });

/** The signed-in person's inbox and email preferences (sessions only; a bearer token gets 403). */
@ApiTags('me')
@ApiCookieAuth('session')
@PersonRoute()
@Controller('v1/me')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @ApiOperation({
    summary: 'My notifications',
    description:
      'Every notification of every organisation the person belongs to, newest first, with the unread count; `unread=true` for the unread only. Cursor-paginated.',
  })
  @Get('notifications')
  @Returns(200, inboxPage)
  list(@CurrentSession() session: ResolvedSession, @ValidQuery(inboxQuery) query: InboxQuery) {
    return this.inbox.list(session.person.id, query);
  }

  @ApiOperation({ summary: 'Mark a notification read', description: "Another person's notification is 404." })
  @ApiProblems('not_found')
  @Post('notifications/:id/read')
  @HttpCode(200)
  @Returns(200, inboxItemView)
  markRead(@CurrentSession() session: ResolvedSession, @UuidParam() id: string) {
    return this.inbox.markRead(session.person.id, id);
  }

  @ApiOperation({ summary: 'Mark every notification read', description: 'Answers how many were unread.' })
  @Post('notifications/read')
  @HttpCode(200)
  @Returns(200, markedView)
  markAllRead(@CurrentSession() session: ResolvedSession) {
    return this.inbox.markAllRead(session.person.id);
  }

  @ApiOperation({ summary: 'My email preferences', description: 'Without a choice made, every event comes by email.' })
  @Get('preferences')
  @Returns(200, preferencesView)
  preferences(@CurrentSession() session: ResolvedSession) {
    return this.inbox.preferences(session.person.id);
  }

  @ApiOperation({
    summary: 'Choose which events come by email',
    description: '`email: false` stops every email; `mutedEvents` stops those events. The inbox keeps everything.',
  })
  @Put('preferences')
  @Returns(200, preferencesView)
  setPreferences(@CurrentSession() session: ResolvedSession, @ValidBody(preferencesBody) body: PreferencesBody) {
    return this.inbox.setPreferences(session.person.id, body);
  }
}
