import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators.js';
import { Returns, ValidQuery } from '../../common/openapi/api-schema.js';
import { ProvidersService } from './providers.service.js';
import { publicDirectoryQuery, publicDirectoryResult, type PublicDirectoryQuery, type PublicProviderView } from './public-directory.schemas.js';

/** The alliances' vetted members, for a newcomer who has not signed in (issue 25, item 5). */
@ApiTags('public')
@Public()
@Controller('v1/public/providers')
export class PublicDirectoryController {
  constructor(private readonly providers: ProvidersService) {}

  @ApiOperation({
    summary: 'Search the directory of vetted members',
    description:
      "The alliances' vetted members only, with their public fields: the same faceted search as `GET /v1/providers` (Chinese and English text, category, service, country, sector, language, alliance), facet counts beside. Public.",
  })
  @Get()
  @Returns(200, publicDirectoryResult)
  async search(@ValidQuery(publicDirectoryQuery) query: PublicDirectoryQuery) {
    const result = await this.providers.searchVetted(query);
    return { ...result, data: result.data.map(publicFields) };
  }
}

function publicFields(p: PublicProviderView): PublicProviderView {
  const { id, name, description, district, categories, services, countries, overseasOffices, sectors, languages, priceBand, vettedUntil, alliances } = p;
  return { id, name, description, district, categories, services, countries, overseasOffices, sectors, languages, priceBand, vettedUntil, alliances };
}
