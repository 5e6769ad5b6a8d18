/**
 * The escrow ledger of one engagement: the enterprise's money enters `held` from `enterprise` (the
 * source, the one account below zero) and leaves it once, to `released` (the provider) or
 * `refunded` (back to the enterprise). The balances of an engagement always sum to zero and no
 * account but the source goes below zero (ledger:verify checks both in the database).
 */
export const ESCROW_ACCOUNTS = ['enterprise', 'held', 'released', 'refunded'] as const;
export type EscrowAccount = (typeof ESCROW_ACCOUNTS)[number];

export interface EscrowMove {
  from: EscrowAccount;
  to: EscrowAccount;
  amount: number;
}

export const fundMove = (amount: number): EscrowMove => ({ from: 'enterprise', to: 'held', amount });
export const releaseMove = (amount: number): EscrowMove => ({ from: 'held', to: 'released', amount });
export const refundMove = (amount: number): EscrowMove => ({ from: 'held', to: 'refunded', amount });
/** A refund after release: the provider gives back part of what it was paid (a Transfer reversal). */
export const reverseMove = (amount: number): EscrowMove => ({ from: 'released', to: 'refunded', amount });

/** Balances after the moves, per account. */
export function escrowBalances(moves: readonly EscrowMove[]): Record<EscrowAccount, number> {
  const balances: Record<EscrowAccount, number> = { enterprise: 0, held: 0, released: 0, refunded: 0 };
  for (const m of moves) {
    balances[m.from] -= m.amount;
    balances[m.to] += m.amount;
  }
  return balances;
}
