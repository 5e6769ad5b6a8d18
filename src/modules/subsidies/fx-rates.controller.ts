import { Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { Returns, ValidBody } from '../../common/openapi/api-schema.js';
import { SchemaPipe } from '../../common/validation/schema.pipe.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import {
  centralParityBody,
  centralParityParams,
  centralParityView,
  fxRateBody,
  fxRateParams,
  fxRateView,
  type CentralParityBody,
  type FxRateBody,
} from './fx-rates.schemas.js';
import { FxRatesService } from './fx-rates.service.js';
import { ImportCentralParity } from './import-central-parity.js';

/** The platform's rate table: a CNY voucher applies to a purchase in another currency at the rate locked at award. */
@ApiTags('programs')
@ApiBearerAuth()
@Controller('v1/fx-rates')
export class FxRatesController {
  constructor(
    private readonly rates: FxRatesService,
    private readonly parity: ImportCentralParity,
  ) {}

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

  @ApiOperation({
    summary: "Import the day's central-parity table",
    description:
      "An admin loads CFETS's 人民币汇率中间价 for a date, as CSV (`pair,rate` rows such as `USD/CNY,7.1234`, `100JPY/CNY,4.789`, `CNY/SAR,0.52345`; or CFETS's own `日期,USD/CNY,EUR/CNY,…` table, whose row of that date is taken) or as an .xlsx workbook of the same (base64). Per-100 quotes are scaled and CNY/XXX quotes inverted (10 places, rounded down). Every rate is recorded with the source and the pair as quoted, in one transaction: any bad row is a 400 naming `rows.<row>.<field>` and nothing is recorded. Importing the same table again changes nothing (`unchanged`).",
  })
  @ApiRequestExample('A row per pair', {
    csv: 'pair,rate\nUSD/CNY,7.1234\nEUR/CNY,7.6543\n100JPY/CNY,4.7890\nCNY/SAR,0.52345',
    source: 'CFETS 人民币汇率中间价',
  })
  @ApiParam({ name: 'date', schema: { type: 'string', format: 'date' } })
  @ApiProblems('validation_failed')
  @Post(':date/central-parity')
  @HttpCode(200)
  @Roles('admin')
  @Returns(200, centralParityView)
  importParity(
    @CurrentCaller() caller: Caller,
    @Param(new SchemaPipe(centralParityParams)) params: { date: string },
    @ValidBody(centralParityBody) body: CentralParityBody,
  ) {
    return this.parity.import(caller, params.date, body);
  }
}
