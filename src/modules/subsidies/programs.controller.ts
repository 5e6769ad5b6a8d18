import { Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { ProgramAlertsService } from './program-alerts.service.js';
import { ProgramsService } from './programs.service.js';
import { ProgramFunders } from './funders.service.js';
import { VouchersService } from './vouchers.service.js';
import {
  alertBody,
  alertView,
  auditTrail,
  auditTrailQuery,
  type AuditTrailQuery,
  ledgerHistoryView,
  type AlertBody,
  createProgramBody,
  issueVoucherBody,
  listProgramsQuery,
  programList,
  programView,
  programFundersView,
  voucherView,
  type CreateProgramBody,
  type IssueVoucherBody,
  type ListProgramsQuery,
} from './vouchers.schemas.js';

@ApiTags('vouchers')
@ApiBearerAuth()
@Controller('v1/programs')
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly vouchers: VouchersService,
    private readonly alerts: ProgramAlertsService,
    private readonly ledger: LedgerService,
    private readonly funders: ProgramFunders,
  ) {}

  @ApiOperation({
    summary: 'Create a programme',
    description:
      "A district's subsidy programme: subsidy rate, caps per voucher and per enterprise (group), eligible providers and categories, validity and budget (posted to the ledger). A district officer only for its own district.",
  })
  @ApiRequestExample("Xuhui's programme: 30%, capped at ¥300,000", {
    district: 'xuhui',
    name: 'Xuhui Outbound Professional Services Subsidy',
    policyRef: '徐商务〔2025〕8 号',
    rateBps: 3000,
    perVoucherCap: { amount: 30000000, currency: 'CNY' },
    perEnterpriseCap: { amount: 30000000, currency: 'CNY' },
    budget: { amount: 2000000000, currency: 'CNY' },
    categories: ['legal', 'accounting_tax', 'consulting'],
    providerRule: 'in_district',
    enterpriseRule: 'in_district',
    validFrom: '2026-01-01T00:00:00+08:00',
    validTo: '2027-01-01T00:00:00+08:00',
    redemption: 'provider',
  })
  @Post()
  @Roles('district_officer', 'admin')
  @Returns(201, programView)
  create(@CurrentCaller() caller: Caller, @ValidBody(createProgramBody) body: CreateProgramBody) {
    return this.programs.create(caller, body);
  }

  @ApiOperation({
    summary: 'List programmes',
    description: "The terms of every programme (`district` filters); the ledger balances only for the programme's officers and admins. Cursor-paginated.",
  })
  @Get()
  @Returns(200, programList)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listProgramsQuery) query: ListProgramsQuery) {
    return this.programs.list(caller, query);
  }

  @ApiOperation({
    summary: 'Get a programme',
    description: 'Its terms; with its ledger (budget, reserved, committed, approved, paid, available) for its officers and admins.',
  })
  @ApiProblems('not_found')
  @Get(':id')
  @Returns(200, programView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.programs.get(caller, id);
  }

  @ApiOperation({
    summary: "Get a co-funded programme's funders",
    description:
      "Each funder's share, budget and accounts (budget, committed, approved, paid, available; a funder's budget is a hard limit at the award). The programme's officers, its city's coordinators and admins see every funder; a funder's own officers see their part only; anyone else, and a programme its district funds alone, 404.",
  })
  @ApiProblems('not_found')
  @Get(':id/funders')
  @Roles('district_officer', 'city_coordinator', 'admin')
  @Returns(200, programFundersView)
  fundersOf(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.funders.view(caller, id);
  }

  @ApiOperation({
    summary: "Get a programme's ledger history",
    description: 'Daily balances since the programme started, the burn-down and the projected run-out date.',
  })
  @ApiProblems('not_found')
  @Get(':id/ledger/history')
  @Roles('district_officer', 'admin')
  @Returns(200, ledgerHistoryView)
  async history(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    const program = await this.programs.managed(caller, id);
    return { programId: id, currency: program.currency, ...(await this.ledger.history(id, new Date())) };
  }

  @ApiOperation({
    summary: "Get a programme's audit trail",
    description: 'Who did what to the programme, its vouchers and its settlements, newest first (cursor).',
  })
  @ApiProblems('not_found')
  @Get(':id/audit')
  @Roles('district_officer', 'admin')
  @Returns(200, auditTrail)
  audit(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(auditTrailQuery) query: AuditTrailQuery) {
    return this.programs.auditTrail(caller, id, query);
  }

  @ApiOperation({
    summary: "Get a programme's budget alert",
    description: "The threshold of available budget below which the programme's officers are notified.",
  })
  @ApiProblems('not_found')
  @Get(':id/alert')
  @Roles('district_officer', 'admin')
  @Returns(200, alertView)
  alert(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alerts.get(caller, id);
  }

  @ApiOperation({
    summary: "Set a programme's budget alert",
    description: "Notifies the programme's officers when the available budget falls below `availableBelow`.",
  })
  @ApiProblems('not_found')
  @Put(':id/alert')
  @Roles('district_officer', 'admin')
  @Returns(200, alertView)
  setAlert(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(alertBody) body: AlertBody) {
    return this.alerts.set(caller, id, body.availableBelow);
  }

  @ApiOperation({
    summary: 'Issue a voucher',
    description:
      "Reserves the voucher's amount from the programme's budget for an eligible enterprise, in one statement that cannot overspend: a budget that does not cover it is 409 `budget_exhausted`; caps per enterprise or group are 409 `cap_exceeded`.",
  })
  @ApiRequestExample('A ¥300,000 voucher', {
    enterpriseId: '3f2b8c1e-6a4d-4f0b-9c7e-2d5a1b8e9f00',
    faceValue: { amount: 30000000, currency: 'CNY' },
    expiresAt: '2027-06-30T15:59:59Z',
  })
  @ApiProblems('not_found', 'conflict', 'budget_exhausted', 'cap_exceeded', 'voucher_not_applicable')
  @Post(':id/vouchers')
  @Roles('district_officer', 'admin')
  @Returns(201, voucherView)
  issue(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(issueVoucherBody) body: IssueVoucherBody) {
    return this.vouchers.issue(caller, id, body);
  }
}
