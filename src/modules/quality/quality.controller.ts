import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import {
  allianceMatchesQuery,
  allianceMatchList,
  qualityQuery,
  qualityView,
  replayBody,
  replayView,
  reviewBody,
  type AllianceMatchesQuery,
  type QualityQuery,
  type ReplayBody,
  type ReviewBody,
} from './quality.schemas.js';
import { QualityService } from './quality.service.js';

const replayQueued = z.object({ replayId: z.uuid() }).meta({ id: 'ReplayQueued' });
const reviewView = z
  .object({ requestId: z.uuid(), providerId: z.uuid(), verdict: z.enum(['good', 'poor']), reason: z.string(), reviewedAt: z.iso.datetime() })
  .meta({ id: 'MatchReviewRecorded' });

@ApiTags('quality')
@ApiBearerAuth()
@Roles('alliance_manager', 'admin')
@Controller('v1')
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  @Get('alliances/:id/quality')
  @Returns(200, qualityView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(qualityQuery) query: QualityQuery) {
    return this.quality.quality(caller, id, query);
  }

  @Get('alliances/:id/matches')
  @Returns(200, allianceMatchList)
  matches(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(allianceMatchesQuery) query: AllianceMatchesQuery) {
    return this.quality.allianceMatches(caller, id, query);
  }

  @Post('matches/:requestId/:providerId/review')
  @HttpCode(200)
  @Returns(200, reviewView)
  review(
    @CurrentCaller() caller: Caller,
    @UuidParam('requestId') requestId: string,
    @UuidParam('providerId') providerId: string,
    @ValidBody(reviewBody) body: ReviewBody,
  ) {
    return this.quality.review(caller, requestId, providerId, body);
  }

  @Post('quality/replays')
  @HttpCode(202)
  @Returns(202, replayQueued)
  replay(@CurrentCaller() caller: Caller, @ValidBody(replayBody) body: ReplayBody) {
    return this.quality.requestReplay(caller, body);
  }

  @Get('quality/replays/:id')
  @Returns(200, replayView)
  getReplay(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.quality.replay(caller, id);
  }
}
