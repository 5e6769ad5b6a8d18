import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { createRequestBody, matchesQuery, matchList, requestView, type CreateRequestBody } from './requests.schemas.js';
import { RequestsService } from './requests.service.js';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('v1/requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @Roles('enterprise')
  @Returns(201, requestView)
  create(@CurrentCaller() caller: Caller, @ValidBody(createRequestBody) body: CreateRequestBody) {
    return this.requests.create(caller, body);
  }

  @Get(':id')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, requestView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.requests.get(caller, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('enterprise')
  @Returns(200, requestView)
  publish(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.requests.publish(caller, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, requestView)
  cancel(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.requests.cancel(caller, id);
  }

  @Get(':id/matches')
  @Roles('enterprise', 'admin')
  @Returns(200, matchList)
  matches(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(matchesQuery) query: z.infer<typeof matchesQuery>) {
    return this.requests.matches(caller, id, query.limit);
  }

  @Post(':id/matches')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, matchList)
  rematch(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(matchesQuery) query: z.infer<typeof matchesQuery>) {
    return this.requests.rematch(caller, id, query.limit);
  }
}
