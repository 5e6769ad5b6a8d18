import { isCurrencyCode } from '../money/index.js';
import { ACCOUNTS, HOLDING_ACCOUNTS, isAccountName, type AccountName } from './accounts.js';
import { fingerprint, type Posting } from './posting.js';

/** A programme's ledger state: signed balances plus the keys already posted. Immutable. */
export interface LedgerBalances {
  currency: string;
  accounts: Readonly<Record<AccountName, number>>;
  /** idempotency key → fingerprint of what it posted. */
  posted: ReadonlyMap<string, string>;
}

export type LedgerErrorCode = 'budget_exhausted' | 'invalid_posting';

export type ApplyResult = { ok: true; balances: LedgerBalances; replayed: string[] } | { ok: false; code: LedgerErrorCode; reason: string };

export function emptyLedger(currency: string): LedgerBalances {
  if (!isCurrencyCode(currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${JSON.stringify(currency)}`);
  const accounts = Object.fromEntries(ACCOUNTS.map((a) => [a, 0])) as Record<AccountName, number>;
  return { currency, accounts, posted: new Map() };
}

/** Why a posting is malformed, or null; checked at runtime too, since postings come from storage. */
function malformed(p: Posting, currency: string): string | null {
  if (typeof p.idempotencyKey !== 'string' || p.idempotencyKey.length === 0) return 'a posting needs an idempotency key';
  if (p.currency !== currency) return `posting ${p.idempotencyKey} is in ${p.currency}, the ledger in ${currency}`;
  if (!Array.isArray(p.moves) || p.moves.length === 0) return `posting ${p.idempotencyKey} has no moves`;
  for (const m of p.moves) {
    if (!isAccountName(m.from) || !isAccountName(m.to)) return `posting ${p.idempotencyKey} names an unknown account`;
    if (m.from === m.to) return `posting ${p.idempotencyKey} moves money from ${m.from} to itself`;
    if (!Number.isSafeInteger(m.amount) || m.amount < 0) {
      return `posting ${p.idempotencyKey} moves ${m.amount}, not a non-negative safe integer`;
    }
  }
  return null;
}

function applyOne(accounts: Record<AccountName, number>, p: Posting): { ok: true } | { ok: false; code: LedgerErrorCode; reason: string } {
  const next = { ...accounts };
  for (const m of p.moves) {
    next[m.from] -= m.amount;
    next[m.to] += m.amount;
  }
  // A posting is atomic: only its end state must hold, as in one database transaction.
  for (const account of HOLDING_ACCOUNTS) {
    if (next[account] >= 0) continue;
    const short = `posting ${p.idempotencyKey} would take ${account} to ${next[account]}`;
    return account === 'available'
      ? { ok: false, code: 'budget_exhausted', reason: `${short}: the budget has not enough available` }
      : { ok: false, code: 'invalid_posting', reason: `${short}: more than it holds` };
  }
  if (!Number.isSafeInteger(next.budget)) {
    return { ok: false, code: 'invalid_posting', reason: `posting ${p.idempotencyKey} takes the budget past 2^53` };
  }
  Object.assign(accounts, next);
  return { ok: true };
}

/**
 * Applies postings in order, all or nothing. A key already posted with the same moves is a
 * replay and changes nothing; the same key with different moves is refused (docs/api.md's
 * idempotency_key_reused). No holding account may end a posting below zero.
 */
export function applyPostings(balances: LedgerBalances, postings: readonly Posting[]): ApplyResult {
  const accounts = { ...balances.accounts };
  const posted = new Map(balances.posted);
  const replayed: string[] = [];
  for (const p of postings) {
    const problem = malformed(p, balances.currency);
    if (problem) return { ok: false, code: 'invalid_posting', reason: problem };
    const seen = posted.get(p.idempotencyKey);
    if (seen !== undefined) {
      if (seen !== fingerprint(p)) {
        return { ok: false, code: 'invalid_posting', reason: `idempotency key ${p.idempotencyKey} was used for a different posting` };
      }
      replayed.push(p.idempotencyKey);
      continue;
    }
    const applied = applyOne(accounts, p);
    if (!applied.ok) return applied;
    posted.set(p.idempotencyKey, fingerprint(p));
  }
  return { ok: true, balances: { currency: balances.currency, accounts, posted }, replayed };
}
