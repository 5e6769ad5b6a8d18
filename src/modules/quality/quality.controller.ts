import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
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

  @ApiOperation({
    summary: "Get an alliance's match quality",
    description:
      "For the alliance's managers and admins: how its members' rankings turned out between `from` and `to` (invitations, bids, awards, ratings, NDCG).",
  })
  @ApiProblems('not_found')
  @Get('alliances/:id/quality')
  @Returns(200, qualityView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(qualityQuery) query: QualityQuery) {
    return this.quality.quality(caller, id, query);
  }

  @ApiOperation({
    summary: "List the rankings an alliance's members appeared in",
    description:
      "Rank, score, factors, reasons and invitation of each member in each ranking, with the alliance's verdict on it; `requestId` narrows to one request. Cursor-paginated.",
  })
  @ApiProblems('not_found')
  @Get('alliances/:id/matches')
  @Returns(200, allianceMatchList)
  matches(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(allianceMatchesQuery) query: AllianceMatchesQuery) {
    return this.quality.allianceMatches(caller, id, query);
  }

  @ApiOperation({
    summary: 'Review a match',
    description:
      'A manager of an alliance the provider belongs to (or an admin) records whether the provider was a `good` or `poor` match for the request, with a reason.',
  })
  @ApiProblems('not_found')
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

  @ApiOperation({
    summary: 'Replay rankings with other weights',
    description:
      'Queues a replay (202) of the awards between `from` and `to` under the given weights (or weights tuned from outcomes, `tuned: true`), comparing NDCG with the current ones. Poll the replay for its result.',
  })
  @Post('quality/replays')
  @HttpCode(202)
  @Returns(202, replayQueued)
  replay(@CurrentCaller() caller: Caller, @ValidBody(replayBody) body: ReplayBody) {
    return this.quality.requestReplay(caller, body);
  }

  @ApiOperation({ summary: 'Get a replay', description: 'Its status (`queued`, `completed`, `failed`) and, once completed, the current and proposed metrics.' })
  @ApiProblems('not_found')
  @Get('quality/replays/:id')
  @Returns(200, replayView)
  getReplay(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.quality.replay(caller, id);
  }
}
