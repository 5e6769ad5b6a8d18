import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { RequestListsService } from './request-lists.service.js';
import { declineBody, invitationPage, invitationView, listInvitationsQuery, type DeclineBody, type ListInvitationsQuery } from './requests.schemas.js';

/** A provider's inbox of invitations (issue 25). */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('v1/invitations')
export class InvitationsController {
  constructor(private readonly lists: RequestListsService) {}

  @ApiOperation({
    summary: "List the provider's invitations",
    description:
      'Newest first, each with the request (title, category, countries, state, deadline). Filter by `status` (`open`, `declined`); cursor-paginated.',
  })
  @Get()
  @Roles('provider')
  @Returns(200, invitationPage)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listInvitationsQuery) query: ListInvitationsQuery) {
    return this.lists.inbox(caller, query);
  }

  @ApiOperation({
    summary: 'Decline an invitation',
    description:
      'The invited provider declines with a reason, which the enterprise is told (`invitation.declined`). Declining twice is 409; another provider gets 404.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('provider')
  @Returns(200, invitationView)
  decline(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(declineBody) body: DeclineBody) {
    return this.lists.decline(caller, id, body);
  }
}
