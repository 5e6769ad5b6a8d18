import { Injectable } from '@nestjs/common';
import { burnDown, dailyBalances, emptyLedger, fingerprint, ledgerView, type LedgerView, type Posting } from '../../../libs/ledger/index.js';
import type { DbOrTx } from '../../db/database.js';
import type { FunderLedgerAccountRow, LedgerAccountRow } from '../../db/schema/ledger.js';

/** One funder's accounts (a co-funded programme, issue 28); it holds no reservations. */
export type FunderLedgerView = Omit<LedgerView, 'reserved'>;
import { LedgerRepository } from './ledger.repository.js';

export type { LedgerView };

/**
 * The programmes' double-entry ledger. Callers hand it postings built by libs/ledger; the
 * database applies them when the caller's transaction commits (migration 0011) and refuses any
 * that would overdraw an account: the COMMIT fails, and an overdrawn `available` reaches the
 * client as 409 budget_exhausted (common/errors/problem.ts).
 */
@Injectable()
export class LedgerService {
  constructor(private readonly repo: LedgerRepository) {}

  async open(tx: DbOrTx, programId: string, currency: string): Promise<void> {
    await this.repo.openAccounts(tx, programId, currency);
  }

  async openFunders(tx: DbOrTx, programId: string, funders: readonly string[], currency: string): Promise<void> {
    await this.repo.openFunderAccounts(tx, programId, funders, currency);
  }

  /** Posts once per idempotency key; a replay of the same posting is a no-op, a different one a bug. */
  async post(tx: DbOrTx, programId: string, kind: string, posting: Posting): Promise<'posted' | 'replayed'> {
    const outcome = await this.repo.post(tx, programId, kind, posting);
    if (outcome.posted) return 'posted';
    if (outcome.fingerprint !== fingerprint(posting)) {
      throw new Error(`ledger idempotency key ${posting.idempotencyKey} was already used for a different posting`);
    }
    return 'replayed';
  }

  /** Set-based posting for jobs: one programme, many postings, a few statements. */
  async postMany(tx: DbOrTx, programId: string, kind: string, postings: readonly Posting[]): Promise<number> {
    return this.repo.postMany(tx, programId, kind, postings);
  }

  /** Daily closing balances and the burn-down at the current pace (libs/ledger). */
  async history(programId: string, today: Date) {
    const points = dailyBalances(await this.repo.dailyChanges(programId));
    return { points, burnDown: burnDown(points, today) };
  }

  async views(programIds: string[], tx?: DbOrTx): Promise<Map<string, LedgerView>> {
    return viewsOf(await this.repo.accountsOf(programIds, tx));
  }

  /** Each funder's balances, by funder. */
  async funderViews(programId: string, tx?: DbOrTx): Promise<Map<string, FunderLedgerView>> {
    return funderViewsOf(await this.repo.funderAccountsOf(programId, tx));
  }
}

function funderViewsOf(rows: FunderLedgerAccountRow[]): Map<string, FunderLedgerView> {
  const views = new Map<string, FunderLedgerView>();
  for (const row of rows) {
    const money = (amount: number) => ({ amount, currency: row.currency });
    const view = views.get(row.funder) ?? { budget: money(0), committed: money(0), approved: money(0), paid: money(0), available: money(0) };
    // budget carries the funding source's credit balance: its budget is that balance negated.
    view[row.account as keyof FunderLedgerView] = money(row.account === 'budget' ? -row.balance : row.balance);
    views.set(row.funder, view);
  }
  return views;
}

function viewsOf(rows: LedgerAccountRow[]): Map<string, LedgerView> {
  const byProgram = new Map<string, LedgerAccountRow[]>();
  for (const row of rows) byProgram.set(row.programId, [...(byProgram.get(row.programId) ?? []), row]);
  const views = new Map<string, LedgerView>();
  for (const [programId, accounts] of byProgram) {
    const ledger = emptyLedger(accounts[0]!.currency);
    const balances = { ...ledger.accounts };
    for (const a of accounts) balances[a.account as keyof typeof balances] = a.balance;
    views.set(programId, ledgerView({ ...ledger, accounts: balances }));
  }
  return views;
}
