import { Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody, ValidQuery } from '../../common/openapi/api-schema.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { ProgramAlertsService } from './program-alerts.service.js';
import { ProgramsService } from './programs.service.js';
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
  ) {}

  @Post()
  @Roles('district_officer', 'admin')
  @Returns(201, programView)
  create(@CurrentCaller() caller: Caller, @ValidBody(createProgramBody) body: CreateProgramBody) {
    return this.programs.create(caller, body);
  }

  @Get()
  @Returns(200, programList)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listProgramsQuery) query: ListProgramsQuery) {
    return this.programs.list(caller, query);
  }

  @Get(':id')
  @Returns(200, programView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.programs.get(caller, id);
  }

  @Get(':id/ledger/history')
  @Roles('district_officer', 'admin')
  @Returns(200, ledgerHistoryView)
  async history(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    const program = await this.programs.managed(caller, id);
    return { programId: id, currency: program.currency, ...(await this.ledger.history(id, new Date())) };
  }

  @Get(':id/audit')
  @Roles('district_officer', 'admin')
  @Returns(200, auditTrail)
  audit(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidQuery(auditTrailQuery) query: AuditTrailQuery) {
    return this.programs.auditTrail(caller, id, query);
  }

  @Get(':id/alert')
  @Roles('district_officer', 'admin')
  @Returns(200, alertView)
  alert(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.alerts.get(caller, id);
  }

  @Put(':id/alert')
  @Roles('district_officer', 'admin')
  @Returns(200, alertView)
  setAlert(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(alertBody) body: AlertBody) {
    return this.alerts.set(caller, id, body.availableBelow);
  }

  @Post(':id/vouchers')
  @Roles('district_officer', 'admin')
  @Returns(201, voucherView)
  issue(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(issueVoucherBody) body: IssueVoucherBody) {
    return this.vouchers.issue(caller, id, body);
  }
}
