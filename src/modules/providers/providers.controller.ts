import { Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { providerSearchResult, searchProvidersQuery, type SearchProvidersQuery } from './provider-search.schemas.js';
import {
  createProviderBody,
  credentialBody,
  credentialView,
  providerView,
  updateProviderBody,
  type CreateProviderBody,
  type CredentialBody,
  type UpdateProviderBody,
} from './providers.schemas.js';
import { ProvidersService } from './providers.service.js';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Post()
  @Roles('provider', 'admin')
  @Returns(201, providerView)
  register(@CurrentCaller() caller: Caller, @ValidBody(createProviderBody) body: CreateProviderBody) {
    return this.providers.register(caller, body);
  }

  /** Faceted search in Chinese and English; vetted providers for everyone, more for those who may see them. */
  @Get()
  @Returns(200, providerSearchResult)
  search(@CurrentCaller() caller: Caller, @ValidQuery(searchProvidersQuery) query: SearchProvidersQuery) {
    return this.providers.search(caller, query);
  }

  @Get(':id')
  @Returns(200, providerView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.providers.get(caller, id);
  }

  @Patch(':id')
  @Roles('provider', 'admin')
  @Returns(200, providerView)
  update(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(updateProviderBody) body: UpdateProviderBody) {
    return this.providers.update(caller, id, body);
  }

  @Post(':id/credentials')
  @Roles('provider', 'admin')
  @Returns(201, credentialView)
  addCredential(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(credentialBody) body: CredentialBody) {
    return this.providers.addCredential(caller, id, body);
  }
}
