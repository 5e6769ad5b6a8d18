import { money, type Money } from '../money/index.js';
import type { AccountName } from './accounts.js';
import type { FunderMove } from './funder-shares.js';

/**
 * One move: `amount` leaves `from` and arrives in `to` (formance's source → destination).
 * Because a move names both sides with one amount, no posting can be unbalanced.
 */
export interface Move {
  from: AccountName;
  to: AccountName;
  /** Non-negative safe integer in minor units; corrections reverse, they never go negative. */
  amount: number;
}

export interface Posting {
  idempotencyKey: string;
  currency: string;
  moves: readonly Move[];
  /** A co-funded programme's funders' side of the same event (libs/ledger funder-shares). */
  funderMoves?: readonly FunderMove[];
}

function posting(idempotencyKey: string, amount: Money, from: AccountName, to: AccountName): Posting {
  const checked = money(amount.amount, amount.currency);
  if (idempotencyKey.length === 0) throw new RangeError('a posting needs an idempotency key');
  return { idempotencyKey, currency: checked.currency, moves: [{ from, to, amount: checked.amount }] };
}

/** Puts a programme's budget at its disposal: budget → available. */
export function fund(amount: Money, idempotencyKey: string): Posting {
  return posting(idempotencyKey, amount, 'budget', 'available');
}

/** Voucher issue: available → reserved; refused as budget_exhausted when it does not fit. */
export function reserve(amount: Money, idempotencyKey: string): Posting {
  return posting(idempotencyKey, amount, 'available', 'reserved');
}

/** Revocation, expiry, rejection or an adjustment down: reserved or committed → available. */
export function release(amount: Money, from: 'reserved' | 'committed', idempotencyKey: string): Posting {
  return posting(idempotencyKey, amount, from, 'available');
}

/** Award with a voucher: reserved → committed. */
export function commit(amount: Money, idempotencyKey: string): Posting {
  return posting(idempotencyKey, amount, 'reserved', 'committed');
}

/** Reconciliation approves a commitment: committed → approved. */
export function approve(amount: Money, idempotencyKey: string): Posting {
  return posting(idempotencyKey, amount, 'committed', 'approved');
}

/** A confirmed settlement: approved → paid. */
export function pay(amount: Money, idempotencyKey: string): Posting {
  return posting(idempotencyKey, amount, 'approved', 'paid');
}

export const REVERSAL_SUFFIX = ':reversal';

/**
 * The correcting posting (formance's Reverse()): every move swapped and in the opposite order,
 * under a key derived from the original, so a reversal is itself idempotent.
 */
export function reverse(original: Posting): Posting {
  return {
    idempotencyKey: `${original.idempotencyKey}${REVERSAL_SUFFIX}`,
    currency: original.currency,
    moves: [...original.moves].reverse().map((m) => ({ from: m.to, to: m.from, amount: m.amount })),
  };
}

/** A canonical text of what a posting does, to tell a replay from a reused key. */
export function fingerprint(p: Posting): string {
  const funders = p.funderMoves?.length ? [p.funderMoves.map((m) => [m.funder, m.from, m.to, m.amount])] : [];
  return JSON.stringify([p.currency, p.moves.map((m) => [m.from, m.to, m.amount]), ...funders]);
}
