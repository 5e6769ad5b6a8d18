import { Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RegistersOrganisation, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
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

  @ApiOperation({
    summary: 'Register a provider',
    description:
      'A provider registers the organisation its token acts for: categories, services, countries, sectors, languages, district and capacity. It is not vetted until an alliance approves it. A signed-in person (a session) registers a new provider and becomes its owner.',
  })
  @ApiProblems('conflict')
  @Post()
  @Roles('provider', 'admin')
  @RegistersOrganisation('provider')
  @Returns(201, providerView)
  register(@CurrentCaller() caller: Caller, @ValidBody(createProviderBody) body: CreateProviderBody) {
    return this.providers.register(caller, body);
  }

  /** Faceted search in Chinese and English; vetted providers for everyone, more for those who may see them. */
  @ApiOperation({
    summary: 'Search providers',
    description:
      "Faceted search in Chinese and English over name and description, filtered by category, service, country, sector, language, district, alliance and vetting. Vetted providers for everyone; unvetted ones only to themselves, their alliances' managers and admins. Facet counts are estimated (`facetsEstimated`) for very large result sets.",
  })
  @Get()
  @Returns(200, providerSearchResult)
  search(@CurrentCaller() caller: Caller, @ValidQuery(searchProvidersQuery) query: SearchProvidersQuery) {
    return this.providers.search(caller, query);
  }

  @ApiOperation({
    summary: 'Get a provider',
    description: "A vetted provider for anyone; an unvetted one only for itself, its alliances' managers and admins (else 404).",
  })
  @ApiProblems('not_found')
  @Get(':id')
  @Returns(200, providerView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.providers.get(caller, id);
  }

  @ApiOperation({
    summary: "Update a provider's profile",
    description: 'The provider itself or an admin changes its profile; fields left out keep their values.',
  })
  @ApiProblems('not_found')
  @Patch(':id')
  @Roles('provider', 'admin')
  @Returns(200, providerView)
  update(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(updateProviderBody) body: UpdateProviderBody) {
    return this.providers.update(caller, id, body);
  }

  @ApiOperation({
    summary: 'Add a credential',
    description: 'A licence or certification with its issuer, number and expiry; expired credentials are flagged by the expiry sweep.',
  })
  @ApiProblems('not_found')
  @Post(':id/credentials')
  @Roles('provider', 'admin')
  @Returns(201, credentialView)
  addCredential(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(credentialBody) body: CredentialBody) {
    return this.providers.addCredential(caller, id, body);
  }
}
