import { money, type Money } from '../money/index.js';
import { ACCOUNTS, HOLDING_ACCOUNTS, type AccountName } from './accounts.js';
import type { LedgerBalances } from './apply-postings.js';

/** The programme's `ledger` field (docs/api.md "Programmes and the ledger"): the budget shown positive, every account as Money. */
export type LedgerView = Record<AccountName, Money>;

export function ledgerView(balances: LedgerBalances): LedgerView {
  const { accounts, currency } = balances;
  const view = Object.fromEntries(HOLDING_ACCOUNTS.map((account) => [account, money(accounts[account], currency)])) as Partial<LedgerView>;
  return { ...view, budget: money(0 - accounts.budget, currency) } as LedgerView;
}

/**
 * Every broken invariant, described; empty when the ledger is sound. For `ledger:verify` over
 * balances loaded from storage, where nothing structural can be assumed.
 */
export function ledgerViolations(balances: LedgerBalances): string[] {
  const { accounts } = balances;
  const problems: string[] = [];
  for (const account of ACCOUNTS) {
    if (!Number.isSafeInteger(accounts[account])) problems.push(`${account} is ${accounts[account]}, not a safe integer`);
  }
  if (problems.length > 0) return problems;
  for (const account of HOLDING_ACCOUNTS) {
    if (accounts[account] < 0) problems.push(`${account} is ${accounts[account]}, below zero`);
  }
  const held = HOLDING_ACCOUNTS.reduce((sum, account) => sum + BigInt(accounts[account]), 0n);
  const budget = -BigInt(accounts.budget);
  if (held !== budget) problems.push(`reserved + committed + approved + paid + available = ${held}, budget = ${budget}`);
  return problems;
}
