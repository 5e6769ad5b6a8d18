import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { deliveryList } from '../deliveries/deliveries.schemas.js';
import { messageBody, messageList, messagesQuery, messageView, readState, type MessageBody, type MessagesQuery } from './conversations.schemas.js';
import { EngagementDocuments } from './engagement-documents.js';
import { MessagesService } from './messages.service.js';

const SEATS = ['enterprise', 'provider', 'admin', 'district_officer'] as const;

/** An engagement's conversation and what its deliveries handed over (docs/api.md "Messages"). */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('v1/engagements')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly documents: EngagementDocuments,
  ) {}

  @ApiOperation({
    summary: "Read an engagement's messages",
    description:
      'Oldest first, paged, each with its files and whether the caller has read it; `unreadCount` for the caller. For the enterprise, the provider, admins, and — while a dispute is open — the officers of a district subsidising it.',
  })
  @ApiProblems('not_found')
  @Get(':id/messages')
  @Roles(...SEATS)
  @Returns(200, messageList)
  list(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(messagesQuery) query: MessagesQuery) {
    return this.messages.list(caller, id, query);
  }

  @ApiOperation({
    summary: 'Write a message',
    description:
      'The enterprise or the provider writes, with files it uploaded (`fileIds`); the mediator (an admin, or an officer of the subsidising district) writes only while a dispute is open (409 otherwise). The other side is notified (`engagement.message`).',
  })
  @ApiRequestExample('A message with a draft', { text: '请审阅公司章程草稿。 Please review the draft articles of association.', fileIds: [] })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/messages')
  @Roles(...SEATS)
  @Returns(201, messageView)
  post(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(messageBody) body: MessageBody) {
    return this.messages.post(caller, id, body);
  }

  @ApiOperation({
    summary: 'Mark messages read',
    description: "Marks the conversation read up to its newest message, for the calling person; answers the caller's read state.",
  })
  @ApiProblems('not_found')
  @Post(':id/messages/read')
  @HttpCode(200)
  @Roles(...SEATS)
  @Returns(200, readState)
  read(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.messages.markRead(caller, id);
  }

  @ApiOperation({
    summary: "List an engagement's deliveries",
    description:
      'What each delivery handed over: the note and the files. For the enterprise (before it accepts), the provider, admins, and officers of a district with a subsidy claim on the engagement.',
  })
  @ApiProblems('not_found')
  @Get(':id/deliveries')
  @Roles(...SEATS)
  @Returns(200, deliveryList)
  deliveries(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.documents.deliveries(caller, id);
  }
}
