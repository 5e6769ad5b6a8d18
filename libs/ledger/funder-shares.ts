import type { AccountName } from './accounts.js';

/** One funder of a co-funded programme, in the order the programme lists them. */
export interface FunderShare {
  funder: string;
  /** Basis points of every claim this funder pays; a programme's shares sum to 10000. */
  shareBps: number;
}

/** The accounts each funder has: no `reserved` (vouchers reserve on the programme; a funder binds at commit). */
export type FunderAccountName = Exclude<AccountName, 'reserved'>;
export const FUNDER_ACCOUNTS: readonly FunderAccountName[] = ['budget', 'available', 'committed', 'approved', 'paid'];

/** A move inside one funder's accounts, booked with a programme posting. */
export interface FunderMove {
  funder: string;
  from: FunderAccountName;
  to: FunderAccountName;
  amount: number;
}

/**
 * Splits an amount in minor units by the funders' shares, exactly: each funder pays
 * floor(amount × shareBps / 10000), and the minor units the floors leave (fewer than the number
 * of funders) go one each to the funders in their listed order. The parts sum to the amount.
 */
export function splitByShares(amount: number, funders: readonly FunderShare[]): Map<string, number> {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError('amount must be a non-negative safe integer');
  if (funders.reduce((sum, f) => sum + f.shareBps, 0) !== 10_000) throw new RangeError('shares must sum to 10000');
  const parts = funders.map((f) => Number((BigInt(amount) * BigInt(f.shareBps)) / 10_000n));
  let left = amount - parts.reduce((sum, p) => sum + p, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts.length, left--) parts[i]! += 1;
  return new Map(funders.map((f, i) => [f.funder, parts[i]!]));
}

/**
 * What each funder keeps of its committed part when a claim is approved for less (or rejected:
 * `approved` 0). The release (committed − approved) is split by the shares and capped at each
 * funder's committed part; what a cap leaves goes to the funders in order while they have room.
 * So no funder approves more than it committed, and the approved parts sum to `approved`.
 */
export function approvedShares(committed: ReadonlyMap<string, number>, approved: number, funders: readonly FunderShare[]): Map<string, number> {
  const total = [...committed.values()].reduce((sum, c) => sum + c, 0);
  if (approved < 0 || approved > total) throw new RangeError('approved must be between 0 and the committed total');
  const wanted = splitByShares(total - approved, funders);
  const released = new Map(funders.map((f) => [f.funder, Math.min(wanted.get(f.funder)!, committed.get(f.funder) ?? 0)]));
  let left = total - approved - [...released.values()].reduce((sum, r) => sum + r, 0);
  for (const f of funders) {
    const room = (committed.get(f.funder) ?? 0) - released.get(f.funder)!;
    const more = Math.min(room, left);
    released.set(f.funder, released.get(f.funder)! + more);
    left -= more;
  }
  return new Map(funders.map((f) => [f.funder, (committed.get(f.funder) ?? 0) - released.get(f.funder)!]));
}

/** The funder moves of one amount per funder between two accounts (zero parts move nothing). */
export function funderMoves(parts: ReadonlyMap<string, number>, from: FunderAccountName, to: FunderAccountName): FunderMove[] {
  return [...parts].filter(([, amount]) => amount > 0).map(([funder, amount]) => ({ funder, from, to, amount }));
}
