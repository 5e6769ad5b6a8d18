import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { RequestEditsService } from './request-edits.service.js';
import { RequestListsService } from './request-lists.service.js';
import {
  createRequestBody,
  excludeBody,
  exclusionList,
  exclusionView,
  invitationView,
  inviteBody,
  listRequestsQuery,
  matchesQuery,
  matchList,
  requestPage,
  requestView,
  updateRequestBody,
  type CreateRequestBody,
  type ExcludeBody,
  type InviteBody,
  type ListRequestsQuery,
  type UpdateRequestBody,
} from './requests.schemas.js';
import { RequestsService } from './requests.service.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('v1/requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly lists: RequestListsService,
    private readonly edits: RequestEditsService,
  ) {}

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

  @ApiOperation({
    summary: "List the caller's requests",
    description:
      "An enterprise's own requests, newest first; a provider's, the requests it is invited to, newest invitation first. Filter by `status`; cursor-paginated (`nextCursor`).",
  })
  @Get()
  @Roles('enterprise', 'provider')
  @Returns(200, requestPage)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listRequestsQuery) query: ListRequestsQuery) {
    return this.lists.list(caller, query);
  }

  @ApiOperation({
    summary: 'Edit a draft request',
    description:
      'Changes the given fields of a `draft`; the result is checked as a new request would be (services of the category, budget, a future deadline). Any other state is 409.',
  })
  @ApiRequestExample('A later deadline and a higher budget', {
    biddingClosesAt: '2026-12-31T10:00:00Z',
    budget: { min: { amount: 10000000, currency: 'CNY' }, max: { amount: 40000000, currency: 'CNY' } },
  })
  @ApiProblems('not_found', 'conflict')
  @Patch(':id')
  @Roles('enterprise')
  @Returns(200, requestView)
  edit(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(updateRequestBody) body: UpdateRequestBody) {
    return this.edits.edit(caller, id, body);
  }

  @ApiOperation({
    summary: 'Invite a provider of your choosing',
    description:
      "The enterprise invites a provider it chose to its `open` request. The provider must be eligible as matching counts it (vetted now, the request's category, a service and a country, free capacity), else 409 `provider_not_eligible`; already invited is 409 `conflict`. Audited; the provider is told (`request.invited`).",
  })
  @ApiProblems('not_found', 'conflict', 'provider_not_eligible')
  @Post(':id/invitations')
  @Roles('enterprise')
  @Returns(201, invitationView)
  invite(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(inviteBody) body: InviteBody) {
    return this.edits.invite(caller, id, body);
  }

  @ApiOperation({
    summary: 'Exclude a provider',
    description:
      'The enterprise excludes a provider from its `draft` or `open` request, with a reason: matching (at publish and on a rematch) skips it, and inviting it is 409 `provider_not_eligible`. A provider already invited, or already excluded, is 409; a provider the enterprise cannot see is 404. Audited.',
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/exclusions')
  @Roles('enterprise')
  @Returns(201, exclusionView)
  exclude(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(excludeBody) body: ExcludeBody) {
    return this.edits.exclude(caller, id, body);
  }

  @ApiOperation({ summary: "List a request's exclusions", description: 'The providers its enterprise excluded, oldest first.' })
  @ApiProblems('not_found')
  @Get(':id/exclusions')
  @Roles('enterprise')
  @Returns(200, exclusionList)
  exclusions(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.edits.exclusionsOf(caller, id);
  }
}
