import { Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import {
  confirmSettlementBody,
  runList,
  runQueued,
  runView,
  settlementList,
  settlementView,
  type ConfirmSettlementBody,
} from './reconciliation.schemas.js';
import { ReconciliationService } from './reconciliation.service.js';
import { SettlementsService } from './settlements.service.js';

@ApiTags('reconciliation')
@ApiBearerAuth()
@Roles('district_officer', 'admin')
@Controller('v1')
export class ReconciliationController {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly settlements: SettlementsService,
  ) {}

  @Post('programs/:id/reconciliations')
  @HttpCode(202)
  @Returns(202, runQueued)
  request(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.reconciliation.request(caller, id);
  }

  @Get('programs/:id/reconciliations')
  @Returns(200, runList)
  runs(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.reconciliation.list(caller, id);
  }

  @Get('reconciliations/:runId')
  @Returns(200, runView)
  run(@CurrentCaller() caller: Caller, @UuidParam('runId') runId: string) {
    return this.reconciliation.get(caller, runId);
  }

  @Get('programs/:id/settlements')
  @Returns(200, settlementList)
  programSettlements(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.settlements.list(caller, id);
  }

  /** JSON, or CSV (UTF-8 with BOM, one row per payee) with `Accept: text/csv`. */
  @Get('settlements/:id')
  @Returns(200, settlementView)
  @ApiProduces('application/json', 'text/csv')
  async settlement(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept') accept?: string,
  ) {
    if (!accept?.includes('text/csv')) return this.settlements.get(caller, id);
    const csv = await this.settlements.csv(caller, id);
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="settlement-${id}.csv"`);
    return csv;
  }

  @Post('settlements/:id/confirm')
  @HttpCode(200)
  @Returns(200, settlementView)
  confirm(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(confirmSettlementBody) body: ConfirmSettlementBody) {
    return this.settlements.confirm(caller, id, body);
  }
}
