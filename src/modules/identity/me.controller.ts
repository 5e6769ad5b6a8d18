import { Controller, Get, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentSession, PersonRoute } from '../../common/auth/auth.decorators.js';
import type { ResolvedSession } from '../../common/auth/session-port.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, ValidBody } from '../../common/openapi/api-schema.js';
import { activeMembershipBody, meView, type ActiveMembershipBody } from './identity.schemas.js';
import { PeopleService } from './people.service.js';

/** The signed-in person (a session cookie): who they are, where they belong, whom they act for. */
@ApiTags('me')
@ApiCookieAuth('session')
@PersonRoute()
@Controller('v1/me')
export class MeController {
  constructor(private readonly people: PeopleService) {}

  @ApiOperation({
    summary: 'Who am I',
    description:
      "The signed-in person, the organisations they belong to and the membership this session acts for (`role` and `org` are the active membership's, as a bearer token's would be). For sessions only; a bearer token gets 403.",
  })
  @Get()
  @Returns(200, meView)
  get(@CurrentSession() session: ResolvedSession) {
    return this.people.me(session.person.id, session.membership?.id ?? null);
  }

  @ApiOperation({
    summary: 'Act for another membership',
    description: "From the next call on, this session acts for the chosen membership: its role and organisation. Another person's membership is 404.",
  })
  @ApiProblems('not_found')
  @Put('active-membership')
  @Returns(200, meView)
  switch(@CurrentSession() session: ResolvedSession, @ValidBody(activeMembershipBody) body: ActiveMembershipBody) {
    return this.people.switchMembership(session, body.membershipId);
  }
}
