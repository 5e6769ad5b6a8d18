import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam } from '../../common/openapi/api-schema.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { membershipList } from './alliances.schemas.js';
import { AlliancesService } from './alliances.service.js';

/** A provider's side of its alliance memberships (issue 25: its applications and their vetting terms). */
@ApiTags('alliances')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProviderMembershipsController {
  constructor(private readonly alliances: AlliancesService) {}

  @ApiOperation({
    summary: "List a provider's alliance memberships",
    description:
      'Every alliance the provider applied to: status (`pending`, `active`, `suspended`, `lapsed`), vetting term (`vettedUntil`) and suspension reason, oldest application first. For the provider itself and admins; another provider is 404.',
  })
  @ApiProblems('not_found')
  @Get(':id/memberships')
  @Roles('provider', 'admin')
  @Returns(200, membershipList)
  list(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alliances.membershipsOf(caller, id);
  }
}
