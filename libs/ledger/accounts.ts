/**
 * A programme's accounts (docs/api.md "Programmes and the ledger", docs/architecture.md "Money"). Balances are signed minor units
 * and every move takes from one account what it gives to another, so the six balances always
 * sum to zero. `budget` is the funding source, like formance's `@world`: it is the one account
 * that carries a credit (negative) balance, and the programme's budget is that balance negated.
 * Hence reserved + committed + approved + paid + available = budget is the zero-sum itself,
 * not a rule callers must keep.
 */
export const ACCOUNTS = ['budget', 'reserved', 'committed', 'approved', 'paid', 'available'] as const;

export type AccountName = (typeof ACCOUNTS)[number];

/** The accounts that may never go below zero: all but the funding source. */
export const HOLDING_ACCOUNTS: readonly AccountName[] = ['reserved', 'committed', 'approved', 'paid', 'available'];

export function isAccountName(value: unknown): value is AccountName {
  return typeof value === 'string' && (ACCOUNTS as readonly string[]).includes(value);
}
