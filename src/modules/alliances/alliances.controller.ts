import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import {
  allianceList,
  allianceView,
  approveBody,
  createAllianceBody,
  currentMatchWeightsView,
  membershipList,
  matchWeightsBody,
  matchWeightsView,
  membershipView,
  suspendBody,
  type MatchWeightsBody,
  type ApproveBody,
  type CreateAllianceBody,
  type SuspendBody,
} from './alliances.schemas.js';
import { AlliancesService } from './alliances.service.js';

@ApiTags('alliances')
@ApiBearerAuth()
@Controller('v1/alliances')
export class AlliancesController {
  constructor(private readonly alliances: AlliancesService) {}

  @ApiOperation({
    summary: 'Create an alliance',
    description: 'A provider alliance: its managers vet members for a term, and its match weights rank the requests of its district.',
  })
  @Post()
  @Roles('admin')
  @Returns(201, allianceView)
  create(@CurrentCaller() caller: Caller, @ValidBody(createAllianceBody) body: CreateAllianceBody) {
    return this.alliances.create(caller, body);
  }

  @ApiOperation({ summary: 'List alliances', description: 'Every alliance, with `memberCount` (members vetted now). Public.' })
  @Public()
  @Get()
  @Returns(200, allianceList)
  list() {
    return this.alliances.list();
  }

  @ApiOperation({ summary: 'Get an alliance', description: 'The alliance with its `memberCount`. Public.' })
  @ApiProblems('not_found')
  @Public()
  @Get(':id')
  @Returns(200, allianceView)
  get(@UuidParam() id: string) {
    return this.alliances.get(id);
  }

  @ApiOperation({
    summary: "List an alliance's members",
    description:
      "Every membership of the alliance: status (`pending`, `active`, `suspended`, `lapsed`), vetting term and suspension reason. For that alliance's managers and admins; another alliance is 404.",
  })
  @ApiProblems('not_found')
  @Get(':id/members')
  @Roles('alliance_manager', 'admin')
  @Returns(200, membershipList)
  members(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alliances.members(caller, id);
  }

  @ApiOperation({
    summary: 'Apply to join an alliance',
    description: "The calling provider's membership becomes `pending`; a `lapsed` member may apply again. Any other existing membership is 409.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/applications')
  @Roles('provider')
  @Returns(201, membershipView)
  apply(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alliances.apply(caller, id);
  }

  @ApiOperation({
    summary: 'Approve (vet) a member',
    description:
      'Makes the membership `active` until `vettedUntil`, from any state (approving an active member renews its term): the provider is vetted for that term, and the profile as it stands becomes its eligibility facts. A provider that never applied is 404.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/members/:providerId/approve')
  @HttpCode(200)
  @Roles('alliance_manager', 'admin')
  @Returns(200, membershipView)
  approve(@CurrentCaller() caller: Caller, @UuidParam() id: string, @UuidParam('providerId') providerId: string, @ValidBody(approveBody) body: ApproveBody) {
    return this.alliances.approve(caller, id, providerId, body);
  }

  @ApiOperation({
    summary: 'Suspend a member',
    description: 'Suspends a `pending` or `active` membership, ending its vetting at once; the reason is recorded and audited. From any other state, 409.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/members/:providerId/suspend')
  @HttpCode(200)
  @Roles('alliance_manager', 'admin')
  @Returns(200, membershipView)
  suspend(@CurrentCaller() caller: Caller, @UuidParam() id: string, @UuidParam('providerId') providerId: string, @ValidBody(suspendBody) body: SuspendBody) {
    return this.alliances.suspend(caller, id, providerId, body);
  }

  @ApiOperation({
    summary: "Get an alliance's match weights",
    description:
      "The factor weights that rank requests from the alliance's district, resolved (platform defaults with the alliance's overrides), and the overrides themselves.",
  })
  @ApiProblems('not_found', 'conflict')
  @Get(':id/match-weights')
  @Roles('alliance_manager', 'admin')
  @Returns(200, currentMatchWeightsView)
  matchWeights(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alliances.matchWeights(caller, id);
  }

  @ApiOperation({
    summary: "Set an alliance's match weights",
    description:
      "Overrides some factor weights for requests from the alliance's district; the resolved weights are normalised to sum 1. Unknown factors or negative weights are 400.",
  })
  @ApiProblems('not_found')
  @Put(':id/match-weights')
  @Roles('alliance_manager', 'admin')
  @Returns(200, matchWeightsView)
  setMatchWeights(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(matchWeightsBody) body: MatchWeightsBody) {
    return this.alliances.setMatchWeights(caller, id, body);
  }
}
