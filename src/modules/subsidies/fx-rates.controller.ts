import { Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { Returns, ValidBody } from '../../common/openapi/api-schema.js';
import { SchemaPipe } from '../../common/validation/schema.pipe.js';
import { fxRateBody, fxRateParams, fxRateView, type FxRateBody } from './fx-rates.schemas.js';
import { FxRatesService } from './fx-rates.service.js';

/** The platform's rate table: a CNY voucher applies to a purchase in another currency at the rate locked at award. */
@ApiTags('programs')
@ApiBearerAuth()
@Controller('v1/fx-rates')
export class FxRatesController {
  constructor(private readonly rates: FxRatesService) {}

  @ApiOperation({
    summary: 'Set an exchange rate',
    description:
      'An admin records CNY per unit of a currency on a date (a decimal string), with its source. Awards lock the latest rate no older than FX_RATE_MAX_AGE_DAYS.',
  })
  @ApiRequestExample('The day’s central parity', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' })
  @ApiParam({ name: 'date', schema: { type: 'string', format: 'date' } })
  @ApiParam({ name: 'currency', schema: { type: 'string', pattern: '^[A-Z]{3}$' } })
  @Put(':date/:currency')
  @Roles('admin')
  @Returns(200, fxRateView)
  set(
    @CurrentCaller() caller: Caller,
    @Param(new SchemaPipe(fxRateParams)) params: { date: string; currency: string },
    @ValidBody(fxRateBody) body: FxRateBody,
  ) {
    return this.rates.set(caller, params.date, params.currency, body);
  }
}
