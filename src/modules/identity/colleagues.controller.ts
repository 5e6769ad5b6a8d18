import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentCaller, CurrentSession, PersonRoute } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import type { ResolvedSession } from '../../common/auth/session-port.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { SchemaPipe } from '../../common/validation/schema.pipe.js';
import { ORGANISATION_TYPES } from '../../db/schema/identity.js';
import {
  acceptInvitationBody,
  invitationBody,
  invitationView,
  memberList,
  organisationIdParam,
  type AcceptInvitationBody,
  type InvitationBody,
} from './colleagues.schemas.js';
import { ColleaguesService } from './colleagues.service.js';
import { meView } from './identity.schemas.js';

/** An organisation id in the path: a UUID, a district code or `platform`. */
const OrganisationIdParam = (): ParameterDecorator => (target, key, index) => {
  Param('id', new SchemaPipe(organisationIdParam, 'id'))(target, key, index);
  if (key !== undefined) ApiParam({ name: 'id', schema: { type: 'string' } })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
};

const membersQuery = z.strictObject({ organisationType: z.enum(ORGANISATION_TYPES).optional() });

/** An organisation's people: invitations by email, the members list, removal. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class ColleaguesController {
  constructor(private readonly colleagues: ColleaguesService) {}

  @ApiOperation({
    summary: 'Invite a colleague',
    description:
      "An owner of the organisation the caller acts for (or a platform admin, naming `organisationType`) invites by email: a single-use link that expires after `INVITATION_TTL_HOURS`, sent by email in Chinese and English. Another tenant's organisation is 404.",
  })
  @ApiProblems('not_found')
  @Post(':id/invitations')
  @Returns(201, invitationView)
  invite(@CurrentCaller() caller: Caller, @OrganisationIdParam() id: string, @ValidBody(invitationBody) body: InvitationBody) {
    return this.colleagues.invite(caller, id, body);
  }

  @ApiOperation({ summary: "List an organisation's members", description: "Its members and admins; another tenant's organisation is 404." })
  @ApiProblems('not_found')
  @Get(':id/members')
  @Returns(200, memberList)
  members(@CurrentCaller() caller: Caller, @OrganisationIdParam() id: string, @ValidQuery(membersQuery) query: z.infer<typeof membersQuery>) {
    return this.colleagues.members(caller, id, query.organisationType);
  }

  @ApiOperation({
    summary: 'Remove a member',
    description: "Owners and admins; the removed person's next call acting for the organisation is refused. The last owner cannot be removed (409).",
  })
  @ApiProblems('not_found', 'conflict')
  @Delete(':id/members/:personId')
  @HttpCode(204)
  async remove(
    @CurrentCaller() caller: Caller,
    @OrganisationIdParam() id: string,
    @UuidParam('personId') personId: string,
    @ValidQuery(membersQuery) query: z.infer<typeof membersQuery>,
  ): Promise<void> {
    await this.colleagues.remove(caller, id, personId, query.organisationType);
  }
}

/** The invitee's side: signed in, with the token from the email's link. */
@ApiTags('organisations')
@PersonRoute()
@Controller('v1/invitations')
export class InvitationsController {
  constructor(private readonly colleagues: ColleaguesService) {}

  @ApiOperation({
    summary: 'Accept an invitation',
    description:
      'The signed-in person joins the organisation with the role it was invited to, and this session acts for it. A used or expired link is 409; for sessions only.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post('accept')
  @HttpCode(200)
  @Returns(200, meView)
  accept(@CurrentSession() session: ResolvedSession, @ValidBody(acceptInvitationBody) body: AcceptInvitationBody, @Req() req: { id?: string }) {
    return this.colleagues.accept(session, body.token, String(req.id ?? ''));
  }
}
