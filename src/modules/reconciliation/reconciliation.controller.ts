import { Controller, Get, Headers, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Returns, UuidParam, ValidBody, ValidParam, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import {
  confirmSettlementBody,
  funderParam,
  funderSettlementList,
  funderSettlementView,
  runList,
  runQueued,
  runView,
  settlementEngagementList,
  settlementEngagementsQuery,
  settlementList,
  settlementQuery,
  settlementSummary,
  settlementView,
  type ConfirmSettlementBody,
  type SettlementEngagementsQuery,
  type SettlementQuery,
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

  @ApiOperation({
    summary: 'Reconcile a programme',
    description:
      "Queues a reconciliation run (202 with its `runId`) of the programme's committed claims: each is approved, adjusted or held on the facts (payment, refunds, disputes), and what is approved is settled per payee. Asking while a run is queued or running answers that run.",
  })
  @ApiProblems('not_found')
  @Post('programs/:id/reconciliations')
  @HttpCode(202)
  @Returns(202, runQueued)
  request(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.reconciliation.request(caller, id);
  }

  @ApiOperation({ summary: "List a programme's reconciliation runs", description: 'Newest first, with status and progress.' })
  @ApiProblems('not_found')
  @Get('programs/:id/reconciliations')
  @Returns(200, runList)
  runs(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.reconciliation.list(caller, id);
  }

  @ApiOperation({ summary: 'Get a reconciliation run', description: 'Status, progress (`processed` of `total`), counts per outcome and totals.' })
  @ApiProblems('not_found')
  @Get('reconciliations/:runId')
  @Returns(200, runView)
  run(@CurrentCaller() caller: Caller, @UuidParam('runId') runId: string) {
    return this.reconciliation.get(caller, runId);
  }

  @ApiOperation({ summary: "List a programme's settlements", description: "The settlements of the programme's runs, with their status (`pending`, `paid`)." })
  @ApiProblems('not_found')
  @Get('programs/:id/settlements')
  @Returns(200, settlementList)
  programSettlements(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.settlements.list(caller, id);
  }

  /**
   * JSON (the header and a line per payee), or CSV with `Accept: text/csv` (UTF-8 with BOM),
   * streamed: a row per payee, or per engagement with `?detail=engagements`.
   */
  @ApiOperation({
    summary: 'Get a settlement',
    description:
      'JSON: the header and a line per payee. With `Accept: text/csv`: a streamed CSV (UTF-8 with BOM), a row per payee, or per engagement with `?detail=engagements` (CSV only).',
  })
  @ApiProblems('not_found')
  @Get('settlements/:id')
  @Returns(200, settlementView)
  @ApiProduces('application/json', 'text/csv')
  async settlement(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @ValidQuery(settlementQuery) query: SettlementQuery,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept') accept?: string,
  ) {
    if (!accept?.includes('text/csv')) {
      if (query.detail === 'engagements') {
        throw DomainError.validation([{ path: 'detail', message: 'engagements is a CSV export: ask with Accept: text/csv, or page through /engagements' }]);
      }
      return this.settlements.get(caller, id);
    }
    const csv = await this.settlements.csv(caller, id, query.detail);
    const name = query.detail === 'engagements' ? `settlement-${id}-engagements.csv` : `settlement-${id}.csv`;
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}"`);
    return new StreamableFile(csv);
  }

  @ApiOperation({
    summary: "List a co-funded programme's settlements for one funder",
    description:
      "The programme's settlements (newest first), each with the funder's part as its `total`: for the programme's officers and the funder's own; anyone else, and a funder not of the programme, 404.",
  })
  @ApiProblems('not_found')
  @Get('programs/:id/funders/:funder/settlements')
  @Returns(200, funderSettlementList)
  funderSettlements(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidParam('funder', funderParam) funder: string) {
    return this.settlements.listForFunder(caller, id, funder);
  }

  @ApiOperation({
    summary: "Get a funder's part of a settlement",
    description:
      "A co-funded programme (issue 28): per payee, the funder's parts of the approved claims (each claim split by the funders' shares). For the programme's officers and the funder's own; anyone else, and a funder not of the programme, 404. With `Accept: text/csv`: the same lines as CSV (UTF-8 with BOM, major units).",
  })
  @ApiProblems('not_found')
  @Get('settlements/:id/funders/:funder')
  @Returns(200, funderSettlementView)
  @ApiProduces('application/json', 'text/csv')
  async funderSettlement(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @ValidParam('funder', funderParam) funder: string,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept') accept?: string,
  ) {
    if (!accept?.includes('text/csv')) return this.settlements.forFunder(caller, id, funder);
    const csv = await this.settlements.funderCsv(caller, id, funder);
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="settlement-${id}-${funder}.csv"`);
    return csv;
  }

  @ApiOperation({
    summary: "List a settlement's engagements",
    description: 'The engagements behind a settlement, a page at a time (cursor): by payee, then in the order their subsidies were claimed.',
  })
  @ApiProblems('not_found')
  @Get('settlements/:id/engagements')
  @Returns(200, settlementEngagementList)
  engagements(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(settlementEngagementsQuery) query: SettlementEngagementsQuery) {
    return this.settlements.engagements(caller, id, query);
  }

  /** Answers with the settlement's header: its lines are a GET away. */
  @ApiOperation({
    summary: 'Confirm a settlement paid',
    description: 'Records the payment (`paidAt`, `reference`) and moves the approved subsidy to paid in the ledger, once. A settlement already paid is 409.',
  })
  @ApiRequestExample('Paid by the district', { paidAt: '2026-12-20T08:00:00Z', reference: '徐汇财政 2026-1220-001' })
  @ApiProblems('not_found')
  @Post('settlements/:id/confirm')
  @HttpCode(200)
  @Returns(200, settlementSummary)
  confirm(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(confirmSettlementBody) body: ConfirmSettlementBody) {
    return this.settlements.confirm(caller, id, body);
  }
}
