import type { LedgerView } from '../ledger/ledger.service.js';
import type { ProgramFunderRow, ProgramRow, VoucherRow } from '../../db/schema/subsidies.js';
import type { Caller } from '../../common/auth/caller.js';
import type { ProgramView, VoucherView } from './vouchers.schemas.js';
import { coordinatorOf, officerOf } from '../../common/auth/tenancy.js';
import { moneyIn } from '../../../libs/money/index.js';

/** Policy terms are public; the ledger is for the programme's district officers and admins. */
export function seesLedger(caller: Caller, program: Pick<ProgramRow, 'district'>): boolean {
  return officerOf(caller, program.district);
}

/** Reads only: the programme's officers, admins and its city's coordinators (issue 28). */
export function readsLedger(caller: Caller, program: Pick<ProgramRow, 'district'>): boolean {
  return seesLedger(caller, program) || coordinatorOf(caller, program.district);
}

/** A co-funded programme lists its funders (public terms, like its budget); one its district funds alone has none. */
export function toProgramView(row: ProgramRow, ledger?: LedgerView, funders?: readonly ProgramFunderRow[]): ProgramView {
  const money = moneyIn(row.currency);
  return {
    id: row.id,
    district: row.district,
    name: row.name,
    policyRef: row.policyRef,
    rateBps: row.rateBps,
    perVoucherCap: money(row.perVoucherCap),
    perEnterpriseCap: money(row.perEnterpriseCap),
    budget: money(row.budget),
    categories: row.categories,
    providerRule: row.providerRule,
    enterpriseRule: row.enterpriseRule,
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo.toISOString(),
    redemption: row.redemption,
    eligibility: row.eligibility as ProgramView['eligibility'],
    createdAt: row.createdAt.toISOString(),
    ...(ledger ? { ledger } : {}),
    ...(funders?.length ? { funders: funders.map((f) => ({ district: f.funder, shareBps: f.shareBps, budget: money(f.budget) })) } : {}),
  };
}

export function remainingOf(row: VoucherRow): number {
  return row.status === 'active' ? row.faceValue - row.used : 0;
}

export function toVoucherView(row: VoucherRow): VoucherView {
  const money = moneyIn(row.currency);
  return {
    id: row.id,
    programId: row.programId,
    enterpriseId: row.enterpriseId,
    faceValue: money(row.faceValue),
    used: money(row.used),
    remaining: money(remainingOf(row)),
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    releasedAt: row.releasedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
