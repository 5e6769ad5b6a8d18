import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { createRequestBody, matchesQuery, matchList, requestView, type CreateRequestBody } from './requests.schemas.js';
import { RequestsService } from './requests.service.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('v1/requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @ApiOperation({
    summary: 'Create a service request',
    description:
      'A `draft` request of the calling enterprise: category, services, target countries, budget, bidding deadline. The enterprise profile must be registered first (else 409).',
  })
  @ApiRequestExample('ODI filing and an entity in Saudi Arabia', {
    title: 'ODI filing and entity set-up in Saudi Arabia',
    description: 'EV battery plant in Riyadh: ODI filing, then the local entity.',
    category: 'legal',
    services: ['odi_filing', 'entity_setup'],
    countries: ['SA'],
    sector: '38',
    budget: { min: { amount: 10000000, currency: 'CNY' }, max: { amount: 30000000, currency: 'CNY' } },
    languages: ['zh', 'en', 'ar'],
    biddingClosesAt: '2026-12-15T10:00:00Z',
  })
  @ApiProblems('conflict')
  @Post()
  @Roles('enterprise')
  @Returns(201, requestView)
  create(@CurrentCaller() caller: Caller, @ValidBody(createRequestBody) body: CreateRequestBody) {
    return this.requests.create(caller, body);
  }

  @ApiOperation({ summary: 'Get a service request', description: 'For its enterprise, the providers invited to it, and admins; anyone else gets 404.' })
  @ApiProblems('not_found')
  @Get(':id')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, requestView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.requests.get(caller, id);
  }

  @ApiOperation({
    summary: 'Publish a service request',
    description: 'A `draft` becomes `open`: matching runs in the same transaction (candidates, scoring, fair exposure) and the top providers are invited.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/publish')
  @HttpCode(200)
  @Roles('enterprise')
  @Returns(200, requestView)
  publish(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.requests.publish(caller, id);
  }

  @ApiOperation({ summary: 'Cancel a service request', description: 'A `draft` or `open` request is cancelled; any other state is 409.' })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, requestView)
  cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.requests.cancel(caller, id);
  }

  @ApiOperation({
    summary: "Get a request's matches",
    description:
      "The stored ranking: each provider's score, its nine factors, and reasons in Chinese and English, with the enterprise's live vouchers applied to the estimate. Never shown to providers.",
  })
  @ApiProblems('not_found')
  @Get(':id/matches')
  @Roles('enterprise', 'admin')
  @Returns(200, matchList)
  matches(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(matchesQuery) query: z.infer<typeof matchesQuery>) {
    return this.requests.matches(caller, id, query.limit);
  }

  @ApiOperation({
    summary: 'Run matching again',
    description: "Ranks an open request's candidates again (new providers, changed weights) and stores the result.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/matches')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, matchList)
  rematch(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(matchesQuery) query: z.infer<typeof matchesQuery>) {
    return this.requests.rematch(caller, id, query.limit);
  }
}
