import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { fingerprint, release, reserve } from '../../../libs/ledger/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, createdAtKey, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import type { ProgramRow, VoucherRow } from '../../db/schema/subsidies.js';
import { AuditService, auditRow } from '../audit/audit.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import type { NotificationEvent } from '../notifications/notification-events.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { JOBS } from '../../jobs/job-names.js';
import { ProgramEligibility } from './program-eligibility.js';
import { ProgramsService } from './programs.service.js';
import { remainingOf, toVoucherView } from './voucher-views.js';
import { VouchersRepository } from './vouchers.repository.js';
import type { IssueVoucherBody, ListVouchersQuery, VoucherView } from './vouchers.schemas.js';
import { coordinatorOf, ownerOrAdmin } from '../../common/auth/tenancy.js';
import { districtsOfCity } from '../../../libs/reference-data/index.js';

type Actor = Caller | { sub: 'system:expiry'; role: 'admin'; org: 'system'; requestId: '' };

/**
 * Issue reserves the face value; revocation and expiry release what is unused. Locks are taken
 * in one order everywhere — voucher, then group usage, then the ledger's accounts (last, so the
 * programme's hot rows are held for the shortest time).
 */
@Injectable()
export class VouchersService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: VouchersRepository,
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly eligibility: ProgramEligibility,
  ) {}

  /**
   * The programme's terms come from the process's cache; the issue is one statement in its own
   * implicit transaction that also reads the enterprise: one round trip, the hot ledger rows
   * locked only while it commits.
   */
  async issue(caller: Caller, programId: string, body: IssueVoucherBody): Promise<VoucherView> {
    const program = await this.programs.managed(caller, programId);
    const now = new Date();
    const expiresAt = new Date(body.expiresAt);
    this.checkTerms(program, body, expiresAt, now);
    await this.eligibility.require(program, body.enterpriseId, {});
    const face = body.faceValue.amount;
    const id = randomUUID();
    const posting = reserve(body.faceValue, `voucher:${id}:issue`);
    const issued = await this.repo.issueVoucher({
      voucher: { id, programId, enterpriseId: body.enterpriseId, currency: program.currency, faceValue: face, expiresAt },
      cap: program.perEnterpriseCap,
      district: program.enterpriseRule === 'in_district' ? program.district : null,
      posting: {
        key: posting.idempotencyKey,
        kind: 'voucher.issue',
        fingerprint: fingerprint(posting),
        moves: posting.moves.map((m) => ({ from_account: m.from, to_account: m.to, amount: m.amount })),
      },
      audit: auditRow(caller, { action: 'voucher.issued', entityType: 'voucher', entityId: id, data: { programId, face } }),
      // What NotificationsService.notify writes: the relay delivers it after the commit.
      outbox: {
        queue: 'notifications',
        name: JOBS.notifications.deliver,
        payload: {
          event: 'voucher.issued' satisfies NotificationEvent,
          recipientOrg: body.enterpriseId,
          data: { voucherId: id, programId, faceValue: body.faceValue, expiresAt: body.expiresAt },
        },
      },
    });
    if (issued === 'cap') throw new DomainError('cap_exceeded', "The enterprise's group would hold more than perEnterpriseCap in this programme");
    if ('refused' in issued) {
      if (issued.refused === 'no_enterprise') throw DomainError.validation([{ path: 'enterpriseId', message: 'is not a registered enterprise' }]);
      throw new DomainError('voucher_not_applicable', `The programme is for enterprises in ${program.district}; this one is in ${issued.district}`);
    }
    return toVoucherView(issued);
  }

  async revoke(caller: Caller, id: string, reason?: string): Promise<VoucherView> {
    const found = await this.repo.findVoucher(id);
    if (!found) throw new DomainError('not_found');
    await this.programs.managed(caller, found.programId);
    const row = await this.db.transaction(async (tx) => {
      const voucher = (await this.repo.lockVoucher(tx, id))!;
      if (voucher.status !== 'active') throw new DomainError('conflict', `A voucher that is ${voucher.status} cannot be revoked`);
      return this.release(tx, caller, voucher, 'revoked', new Date(), reason);
    });
    return toVoucherView(row);
  }

  /** For the expiry sweep: releases active vouchers past expiresAt, in batches; returns how many. */
  async expireDue(now: Date, batchSize = 200): Promise<number> {
    const system: Actor = { sub: 'system:expiry', role: 'admin', org: 'system', requestId: '' };
    let expired = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const due = await this.repo.lockExpiredVouchers(tx, now, batchSize);
        for (const voucher of due) await this.release(tx, system, voucher, 'expired', now);
        return due.length;
      });
      expired += batch;
      if (batch < batchSize) return expired;
    }
  }

  /** Its enterprise, its programme's district officers and admins. */
  async get(caller: Caller, id: string): Promise<VoucherView> {
    const voucher = await this.repo.findVoucher(id);
    if (!voucher || !(await this.maySee(caller, voucher))) throw new DomainError('not_found');
    return toVoucherView(voucher);
  }

  async list(caller: Caller, query: ListVouchersQuery): Promise<Page<VoucherView>> {
    const scope =
      caller.role === 'enterprise'
        ? { enterpriseId: caller.org }
        : caller.role === 'district_officer'
          ? { districts: [caller.org] }
          : caller.role === 'city_coordinator'
            ? { districts: districtsOfCity(caller.org) }
            : {};
    const rows = await this.repo.listVouchers(
      { enterpriseId: query.enterpriseId, ...scope, programId: query.programId, status: query.status, after: decodeCursor(query.cursor, createdAtCursor) },
      query.limit,
    );
    return toPage(rows, query.limit, toVoucherView, createdAtKey);
  }

  private checkTerms(program: ProgramRow, body: IssueVoucherBody, expiresAt: Date, now: Date): void {
    if (body.faceValue.currency !== program.currency) {
      throw DomainError.validation([{ path: 'faceValue.currency', message: `must be the programme's currency, ${program.currency}` }]);
    }
    if (expiresAt <= now) throw DomainError.validation([{ path: 'expiresAt', message: 'must be in the future' }]);
    if (expiresAt > program.validTo) {
      throw DomainError.validation([{ path: 'expiresAt', message: `must not be after the programme's validTo, ${program.validTo.toISOString()}` }]);
    }
    if (now >= program.validTo) throw new DomainError('conflict', 'The programme has ended');
    if (body.faceValue.amount > program.perVoucherCap || body.faceValue.amount > program.perEnterpriseCap) {
      throw new DomainError('cap_exceeded', `The face value is above the programme's cap of ${Math.min(program.perVoucherCap, program.perEnterpriseCap)}`);
    }
  }

  private async release(tx: DbOrTx, actor: Actor, voucher: VoucherRow, status: 'revoked' | 'expired', at: Date, reason?: string): Promise<VoucherRow> {
    const unused = remainingOf(voucher);
    const released = await this.repo.releaseVoucher(tx, voucher.id, status, at);
    await this.repo.shiftGroup(tx, voucher.programId, voucher.groupKey, { reserved: -unused, granted: 0 });
    await this.audit.record(tx, actor, {
      action: `voucher.${status}`,
      entityType: 'voucher',
      entityId: voucher.id,
      data: { released: unused, programId: voucher.programId, ...(reason ? { reason } : {}) },
    });
    await this.notifications.notify(tx, { event: `voucher.${status}`, recipientOrg: voucher.enterpriseId, data: { voucherId: voucher.id } });
    const amount = { amount: unused, currency: voucher.currency };
    await this.ledger.post(tx, voucher.programId, `voucher.${status}`, release(amount, 'reserved', `voucher:${voucher.id}:release`));
    return released;
  }

  private async maySee(caller: Caller, voucher: VoucherRow): Promise<boolean> {
    if (ownerOrAdmin(caller, voucher.enterpriseId, 'enterprise')) return true;
    if (caller.role === 'city_coordinator') return coordinatorOf(caller, (await this.programs.terms(voucher.programId))?.district ?? '');
    if (caller.role !== 'district_officer') return false;
    return (await this.programs.managed(caller, voucher.programId).catch(() => null)) !== null;
  }
}
