/**
 * Amounts are non-negative safe integers in minor units: the ledger rejects negatives and
 * corrects by reversal (docs/style.md "Money"), and beyond 2^53 a number stops being exact.
 */
export function assertMinorUnits(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`amount must be a non-negative safe integer in minor units, got ${amount}`);
  }
}
