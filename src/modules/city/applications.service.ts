import { Inject, Injectable } from '@nestjs/common';
import { categoryOfService, districtsOfCity } from '../../../libs/reference-data/index.js';
import { moneyIn } from '../../../libs/money/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { coordinatorOf, isAdmin, officerOf, ownerOrAdmin, visibleTo } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, createdAtKey, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { VoucherApplicationRow } from '../../db/schema/city.js';
import type { ProgramRow } from '../../db/schema/subsidies.js';
import { AuditService } from '../audit/audit.service.js';
import { EnterprisesService } from '../enterprises/enterprises.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProgramEligibility } from '../subsidies/program-eligibility.js';
import { ProgramsService } from '../subsidies/programs.service.js';
import { VouchersService } from '../subsidies/vouchers.service.js';
import { ApplicationsRepository } from './applications.repository.js';
import type { ApplicationView, ApplyBody, ApproveBody, ListApplicationsQuery } from './applications.schemas.js';

const DAY_MS = 86_400_000;
const SLA_BATCH = 200;

export function toApplicationView(row: VoucherApplicationRow): ApplicationView {
  return {
    id: row.id,
    programId: row.programId,
    district: row.district,
    enterpriseId: row.enterpriseId,
    need: row.need,
    country: row.country,
    service: row.service,
    estimatedPrice: moneyIn(row.currency)(row.estimatedPrice),
    status: row.status,
    voucherId: row.voucherId,
    reason: row.reason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    slaFlaggedAt: row.slaFlaggedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Its enterprise, its district's officers, its city's coordinators and admins. */
const maySee = (caller: Caller) => (row: VoucherApplicationRow) =>
  ownerOrAdmin(caller, row.enterpriseId, 'enterprise') || officerOf(caller, row.district) || coordinatorOf(caller, row.district);

/**
 * Enterprises apply for a voucher; the programme's district officer approves — issuing it through
 * the programme's own issue path (same caps, same ledger) — or rejects (issue 28).
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: ApplicationsRepository,
    private readonly programs: ProgramsService,
    private readonly vouchers: VouchersService,
    private readonly eligibility: ProgramEligibility,
    private readonly enterprises: EnterprisesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async apply(caller: Caller, programId: string, body: ApplyBody): Promise<ApplicationView> {
    const program = await this.programs.terms(programId);
    if (!program) throw new DomainError('not_found');
    await this.checkApplication(program, caller.org, body);
    const row = await this.db.transaction(async (tx) => {
      const created = await this.repo.insert(tx, {
        programId,
        district: program.district,
        enterpriseId: caller.org,
        need: body.need,
        country: body.country,
        service: body.service,
        currency: program.currency,
        estimatedPrice: body.estimatedPrice.amount,
      });
      await this.audit.record(tx, caller, { action: 'application.received', entityType: 'voucher_application', entityId: created.id, data: { programId } });
      await this.notifications.notify(tx, {
        event: 'application.received',
        recipientOrg: program.district,
        data: { applicationId: created.id, programId, enterpriseId: caller.org },
      });
      return created;
    });
    return toApplicationView(row);
  }

  async approve(caller: Caller, id: string, body: ApproveBody): Promise<ApplicationView> {
    const application = await this.pending(caller, id);
    const program = (await this.programs.terms(application.programId))!;
    await this.eligibility.require(program, application.enterpriseId, { countries: [application.country] });
    const voucher = await this.vouchers.issue(caller, application.programId, { enterpriseId: application.enterpriseId, ...body });
    const decided = await this.db.transaction(async (tx) => {
      const row = await this.repo.decide(tx, id, { status: 'approved', voucherId: voucher.id, decidedBy: caller.sub, decidedAt: new Date() });
      if (!row) return undefined;
      await this.audit.record(tx, caller, { action: 'application.approved', entityType: 'voucher_application', entityId: id, data: { voucherId: voucher.id } });
      await this.notifications.notify(tx, {
        event: 'application.approved',
        recipientOrg: application.enterpriseId,
        data: { applicationId: id, programId: application.programId, voucherId: voucher.id, faceValue: body.faceValue },
      });
      return row;
    });
    if (!decided) {
      // Decided by someone else while the voucher was being issued: the voucher goes back.
      await this.vouchers.revoke(caller, voucher.id, `application ${id} was decided meanwhile`);
      throw new DomainError('conflict', 'The application was decided meanwhile');
    }
    return toApplicationView(decided);
  }

  async reject(caller: Caller, id: string, reason: string): Promise<ApplicationView> {
    const application = await this.pending(caller, id);
    const decided = await this.db.transaction(async (tx) => {
      const row = await this.repo.decide(tx, id, { status: 'rejected', reason, decidedBy: caller.sub, decidedAt: new Date() });
      if (!row) throw new DomainError('conflict', 'The application was decided meanwhile');
      await this.audit.record(tx, caller, { action: 'application.rejected', entityType: 'voucher_application', entityId: id, data: { reason } });
      await this.notifications.notify(tx, {
        event: 'application.rejected',
        recipientOrg: application.enterpriseId,
        data: { applicationId: id, programId: application.programId, reason },
      });
      return row;
    });
    return toApplicationView(decided);
  }

  async get(caller: Caller, id: string): Promise<ApplicationView> {
    return toApplicationView(visibleTo(caller, await this.repo.find(id), maySee(caller)));
  }

  async list(caller: Caller, query: ListApplicationsQuery): Promise<Page<ApplicationView>> {
    const scope = isAdmin(caller)
      ? {}
      : caller.role === 'enterprise'
        ? { enterpriseId: caller.org }
        : caller.role === 'district_officer'
          ? { districts: [caller.org] }
          : { districts: districtsOfCity(caller.org) };
    const rows = await this.repo.list(
      { ...scope, programId: query.programId, status: query.status, after: decodeCursor(query.cursor, createdAtCursor) },
      query.limit,
    );
    return toPage(rows, query.limit, toApplicationView, createdAtKey);
  }

  /** The SLA job: flags each application unanswered for APPLICATION_SLA_DAYS to its district, once. */
  async flagOverdue(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.config.city.applicationSlaDays * DAY_MS);
    let flagged = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const rows = await this.repo.flagOverdue(tx, before, now, SLA_BATCH);
        await this.notifications.notifyMany(
          tx,
          rows.map((r) => ({
            event: 'application.overdue' as const,
            recipientOrg: r.district,
            data: { applicationId: r.id, programId: r.programId, enterpriseId: r.enterpriseId, receivedAt: r.createdAt.toISOString() },
          })),
        );
        return rows.length;
      });
      flagged += batch;
      if (batch < SLA_BATCH) return flagged;
    }
  }

  /** The programme's officer (else 404) and a pending application (else 409). */
  private async pending(caller: Caller, id: string): Promise<VoucherApplicationRow> {
    const row = visibleTo(caller, await this.repo.find(id), (r) => officerOf(caller, r.district));
    if (row.status !== 'pending') throw new DomainError('conflict', `The application is already ${row.status}`);
    return row;
  }

  private async checkApplication(program: ProgramRow, enterpriseId: string, body: ApplyBody): Promise<void> {
    const now = new Date();
    if (now < program.validFrom || now >= program.validTo) throw new DomainError('conflict', 'The programme is not open for applications');
    if (body.estimatedPrice.currency !== program.currency) {
      throw DomainError.validation([{ path: 'estimatedPrice.currency', message: `must be the programme's currency, ${program.currency}` }]);
    }
    if (!program.categories.includes(categoryOfService(body.service) ?? '')) {
      throw DomainError.validation([{ path: 'service', message: `is not in a category the programme covers (${program.categories.join(', ')})` }]);
    }
    const enterprise = await this.enterprises.subsidyFacts(enterpriseId);
    if (!enterprise) throw new DomainError('conflict', 'Register the enterprise first (POST /v1/enterprises)');
    if (program.enterpriseRule === 'in_district' && enterprise.district !== program.district) {
      throw new DomainError(
        'enterprise_not_eligible',
        `Rule enterpriseRule: the programme is for enterprises in ${program.district}; this one is in ${enterprise.district}`,
      );
    }
    await this.eligibility.require(program, enterpriseId, { countries: [body.country] });
  }
}
