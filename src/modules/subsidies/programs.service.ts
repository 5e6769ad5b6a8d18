import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { fund } from '../../../libs/ledger/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, createdAtKey, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { ProgramRow } from '../../db/schema/subsidies.js';
import { AuditService } from '../audit/audit.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { AuditTrailRepository, type AuditTrailRow } from './audit-trail.repository.js';
import { readsLedger, seesLedger, toProgramView } from './voucher-views.js';
import { VouchersRepository } from './vouchers.repository.js';
import type { AuditTrailQuery, CreateProgramBody, ListProgramsQuery, ProgramView } from './vouchers.schemas.js';
import type { PublicProgramView } from './public-programs.schemas.js';
import { Clock } from '../../common/time/clock.js';
import { actsFor } from '../../common/auth/tenancy.js';

const TERMS_CACHED = 10_000;
const auditCursor = z.object({ id: z.number().int().positive() });

function toAuditEntry(r: AuditTrailRow) {
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actor: { sub: r.actor_sub, role: r.actor_role, org: r.actor_org },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
    requestId: r.request_id,
  };
}

/** Programmes: created by their district's officer and funded in the same transaction. */
@Injectable()
export class ProgramsService {
  private readonly cache = new Map<string, ProgramRow>();

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: VouchersRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly trail: AuditTrailRepository,
    private readonly clock: Clock,
  ) {}

  /** Its district's officers and admins: who did what to the programme, its vouchers and settlements. */
  async auditTrail(caller: Caller, id: string, query: AuditTrailQuery) {
    await this.managed(caller, id);
    const before = decodeCursor(query.cursor, auditCursor)?.id;
    return toPage(await this.trail.ofProgram(id, before, query.limit), query.limit, toAuditEntry, (r) => ({ id: r.id }));
  }

  async create(caller: Caller, body: CreateProgramBody): Promise<ProgramView> {
    if (caller.role === 'district_officer' && !actsFor(caller, body.district)) {
      throw new DomainError('forbidden', `A district officer of ${caller.org} cannot run a programme for ${body.district}`);
    }
    const { perVoucherCap, perEnterpriseCap, budget, validFrom, validTo, ...terms } = body;
    const row = await this.db.transaction(async (tx) => {
      const program = await this.repo.insertProgram(tx, {
        ...terms,
        currency: budget.currency,
        perVoucherCap: perVoucherCap.amount,
        perEnterpriseCap: perEnterpriseCap.amount,
        budget: budget.amount,
        validFrom: new Date(validFrom),
        validTo: new Date(validTo),
      });
      await this.ledger.open(tx, program.id, program.currency);
      await this.ledger.post(tx, program.id, 'fund', fund(budget, `program:${program.id}:fund`));
      await this.audit.record(tx, caller, { action: 'program.created', entityType: 'program', entityId: program.id, data: { budget } });
      return program;
    });
    return this.view(caller, row);
  }

  async list(caller: Caller, query: ListProgramsQuery): Promise<Page<ProgramView>> {
    const rows = await this.repo.listPrograms({ district: query.district, after: decodeCursor(query.cursor, createdAtCursor) }, query.limit);
    const ledgers = await this.ledger.views(rows.filter((r) => readsLedger(caller, r)).map((r) => r.id));
    return toPage(rows, query.limit, (r) => toProgramView(r, ledgers.get(r.id)), createdAtKey);
  }

  /** For anyone, signed in or not: the terms of the programmes not over yet, never a ledger. */
  async openPrograms(query: ListProgramsQuery): Promise<Page<PublicProgramView>> {
    const filter = { district: query.district, after: decodeCursor(query.cursor, createdAtCursor), openAt: this.clock.now() };
    const rows = await this.repo.listPrograms(filter, query.limit);
    return toPage(rows, query.limit, (r) => toProgramView(r), createdAtKey);
  }

  /** Every programme of these districts, oldest first, with ledgers where the caller reads them (the city's side-by-side view). */
  async ofDistricts(caller: Caller, districts: string[]): Promise<ProgramView[]> {
    const rows = await this.repo.programsIn(districts);
    const ledgers = await this.ledger.views(rows.filter((r) => readsLedger(caller, r)).map((r) => r.id));
    return rows.map((r) => toProgramView(r, ledgers.get(r.id)));
  }

  async get(caller: Caller, id: string): Promise<ProgramView> {
    const row = await this.find(id);
    if (!row) throw new DomainError('not_found');
    return this.view(caller, row);
  }

  /** For reconciliation and vouchers: the programme, if the caller manages it; else 404. */
  async managed(caller: Caller, id: string): Promise<ProgramRow> {
    const row = await this.find(id);
    if (!row || !seesLedger(caller, row)) throw new DomainError('not_found');
    return row;
  }

  /** Terms never change once created, so every process may keep them (bounded). */
  private async find(id: string): Promise<ProgramRow | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = await this.repo.findProgram(id);
    if (row) {
      if (this.cache.size >= TERMS_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(id, row);
    }
    return row;
  }

  /** For jobs: the programme's terms. */
  terms(id: string): Promise<ProgramRow | undefined> {
    return this.find(id);
  }

  /** For the nightly schedule: every programme still within its window or just past it. */
  allIds(): Promise<string[]> {
    return this.repo.programIds();
  }

  private async view(caller: Caller, row: ProgramRow): Promise<ProgramView> {
    if (!readsLedger(caller, row)) return toProgramView(row);
    return toProgramView(row, (await this.ledger.views([row.id])).get(row.id));
  }
}
