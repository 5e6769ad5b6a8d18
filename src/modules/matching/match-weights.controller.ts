import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import { learningBody, learningView, proposalList, proposalView, type LearningBody } from './match-weights.schemas.js';
import { WeightLearningService } from './weight-learning.service.js';

@ApiTags('alliances')
@ApiBearerAuth()
@Controller('v1/alliances')
export class MatchWeightsController {
  constructor(private readonly learning: WeightLearningService) {}

  @ApiOperation({
    summary: "List an alliance's learned weight proposals",
    description:
      "What the learning job proposed from the awards of the alliance's districts, newest first (at most 50): the weights, how many awards, and NDCG@10 and MRR on the held-out latest requests under the current and the proposed weights; with too few awards, the reason instead.",
  })
  @ApiProblems('not_found')
  @Get(':id/match-weights/proposals')
  @Roles('alliance_manager', 'admin')
  @Returns(200, proposalList)
  proposals(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.learning.list(caller, id);
  }

  @ApiOperation({
    summary: 'Apply a learned weight proposal',
    description:
      "Makes the proposal's weights the alliance's match weights (audited); the weights they replace are kept for a rollback. Only a `proposed` proposal can be applied: any other is 409.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/match-weights/proposals/:proposalId/apply')
  @HttpCode(200)
  @Roles('alliance_manager', 'admin')
  @Returns(200, proposalView)
  apply(@CurrentCaller() caller: Caller, @UuidParam() id: string, @UuidParam('proposalId') proposalId: string) {
    return this.learning.apply(caller, id, proposalId);
  }

  @ApiOperation({
    summary: 'Roll back the applied proposal',
    description: 'Restores the match weights the latest applied proposal replaced (audited) and marks it `rolled_back`. Nothing applied is 409.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/match-weights/rollback')
  @HttpCode(200)
  @Roles('alliance_manager', 'admin')
  @Returns(200, proposalView)
  rollback(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.learning.rollback(caller, id);
  }

  @ApiOperation({
    summary: "Get an alliance's learning settings",
    description: "Whether proposals that hold up are applied by themselves, and the operator's learning settings.",
  })
  @ApiProblems('not_found')
  @Get(':id/match-weights/learning')
  @Roles('alliance_manager', 'admin')
  @Returns(200, learningView)
  settings(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.learning.learning(caller, id);
  }

  @ApiOperation({
    summary: 'Apply learned weights when they hold up',
    description:
      'With `autoApply`, the learning job applies a proposal that does at least as well on the held-out requests and better on one measure (audited, and rolled back like any other).',
  })
  @ApiProblems('not_found')
  @Put(':id/match-weights/learning')
  @Roles('alliance_manager', 'admin')
  @Returns(200, learningView)
  setSettings(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(learningBody) body: LearningBody) {
    return this.learning.setLearning(caller, id, body);
  }
}
