import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
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

  @Post()
  @Roles('admin')
  @Returns(201, allianceView)
  create(@CurrentCaller() caller: Caller, @ValidBody(createAllianceBody) body: CreateAllianceBody) {
    return this.alliances.create(caller, body);
  }

  @Get()
  @Returns(200, allianceList)
  list() {
    return this.alliances.list();
  }

  @Get(':id')
  @Returns(200, allianceView)
  get(@UuidParam() id: string) {
    return this.alliances.get(id);
  }

  @Get(':id/members')
  @Roles('alliance_manager', 'admin')
  @Returns(200, membershipList)
  members(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alliances.members(caller, id);
  }

  @Post(':id/applications')
  @Roles('provider')
  @Returns(201, membershipView)
  apply(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alliances.apply(caller, id);
  }

  @Post(':id/members/:providerId/approve')
  @HttpCode(200)
  @Roles('alliance_manager', 'admin')
  @Returns(200, membershipView)
  approve(@CurrentCaller() caller: Caller, @UuidParam() id: string, @UuidParam('providerId') providerId: string, @ValidBody(approveBody) body: ApproveBody) {
    return this.alliances.approve(caller, id, providerId, body);
  }

  @Post(':id/members/:providerId/suspend')
  @HttpCode(200)
  @Roles('alliance_manager', 'admin')
  @Returns(200, membershipView)
  suspend(@CurrentCaller() caller: Caller, @UuidParam() id: string, @UuidParam('providerId') providerId: string, @ValidBody(suspendBody) body: SuspendBody) {
    return this.alliances.suspend(caller, id, providerId, body);
  }

  @Get(':id/match-weights')
  @Roles('alliance_manager', 'admin')
  @Returns(200, currentMatchWeightsView)
  matchWeights(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alliances.matchWeights(caller, id);
  }

  @Put(':id/match-weights')
  @Roles('alliance_manager', 'admin')
  @Returns(200, matchWeightsView)
  setMatchWeights(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(matchWeightsBody) body: MatchWeightsBody) {
    return this.alliances.setMatchWeights(caller, id, body);
  }
}
