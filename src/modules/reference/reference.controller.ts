import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  @Get('countries')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, countryList)
  countries() {
    return page([...COUNTRIES]);
  }

  @Get('categories')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, categoryList)
  categories() {
    return page([...CATEGORIES]);
  }

  @Get('sectors')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, sectorList)
  sectors() {
    return page([...SECTORS]);
  }

  @Get('districts')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, districtList)
  districts() {
    return page([...DISTRICTS]);
  }

  @Get('currencies')
  @Header('Cache-Control', CACHE_A_DAY)
  @Returns(200, currencyList)
  currencies() {
    return page(listCurrencies());
  }
}
