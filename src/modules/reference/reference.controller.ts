import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { listCurrencies } from '../../../libs/money/index.js';
import { CATEGORIES, COUNTRIES, DISTRICTS, SECTORS } from '../../../libs/reference-data/index.js';
import { Public } from '../../common/auth/auth.decorators.js';
import { page } from '../../common/http/pagination.js';
import { Returns } from '../../common/openapi/api-schema.js';
import { categoryList, countryList, currencyList, districtList, sectorList } from './reference.schemas.js';

const CACHE_A_DAY = 'public, max-age=86400';

/** Public reference data; it changes only with a release. */
@ApiTags('reference')
@Public()
@Controller('v1/reference')
export class ReferenceController {
  @ApiOperation({ summary: 'List countries', description: 'ISO 3166-1 countries with Chinese and English names. Cacheable for a day.' })
  @Get('countries')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, countryList)
  countries() {
    return page([...COUNTRIES]);
  }

  @ApiOperation({
    summary: 'List service categories',
    description: 'Categories and their services (codes and names), the vocabulary of requests and profiles. Cacheable for a day.',
  })
  @Get('categories')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, categoryList)
  categories() {
    return page([...CATEGORIES]);
  }

  @ApiOperation({ summary: 'List sectors', description: 'The industry sectors enterprises and providers are described by. Cacheable for a day.' })
  @Get('sectors')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, sectorList)
  sectors() {
    return page([...SECTORS]);
  }

  @ApiOperation({
    summary: 'List districts',
    description: 'The districts (codes, names, city) that enterprises, providers, officers and programmes belong to. Cacheable for a day.',
  })
  @Get('districts')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, districtList)
  districts() {
    return page([...DISTRICTS]);
  }

  @ApiOperation({
    summary: 'List currencies',
    description: 'ISO 4217 currencies with their minor units: every amount in the API is an integer count of minor units. Cacheable for a day.',
  })
  @Get('currencies')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, currencyList)
  currencies() {
    return page(listCurrencies());
  }
}
