/**
 * A milestone's life (issue 26): pending → funded → delivered → released, with disputed and
 * refunded reachable. Money moves only out of `held`, once: released to the provider, refunded to
 * the enterprise, or split by a dispute.
 */
export const MILESTONE_STATUSES = ['pending', 'funded', 'delivered', 'released', 'disputed', 'refunded', 'settled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export type MilestoneAction = 'fund' | 'deliver' | 'approve' | 'auto_release' | 'dispute' | 'refund';

const FROM: Record<MilestoneAction, readonly MilestoneStatus[]> = {
  fund: ['pending'],
  deliver: ['funded'],
  approve: ['funded', 'delivered'],
  auto_release: ['delivered'],
  dispute: ['funded', 'delivered'],
  refund: ['funded', 'delivered'],
};

const TO: Record<MilestoneAction, MilestoneStatus> = {
  fund: 'funded',
  deliver: 'delivered',
  approve: 'released',
  auto_release: 'released',
  dispute: 'disputed',
  refund: 'refunded',
};

/** The next status, or why the action is refused from this one. */
export function milestoneStep(status: MilestoneStatus, action: MilestoneAction): { ok: true; status: MilestoneStatus } | { ok: false; reason: string } {
  if (!FROM[action].includes(status)) {
    return { ok: false, reason: `cannot ${action.replace('_', '-')} a milestone that is ${status} (allowed from ${FROM[action].join(', ')})` };
  }
  return { ok: true, status: TO[action] };
}

/** Whether the milestone's money has gone somewhere for good. */
export const isClosed = (status: MilestoneStatus): boolean => status === 'released' || status === 'refunded' || status === 'settled';

/**
 * What the enterprise pays into escrow for each milestone: its share of the price spread over the
 * milestones in proportion to their amounts, rounded down, the remainder on the last, so the dues
 * add up to the share exactly. BigInt: no float ever touches money.
 */
export function milestoneDues(amounts: readonly number[], share: number): number[] {
  const price = amounts.reduce((sum, a) => sum + BigInt(a), 0n);
  if (amounts.length === 0) throw new RangeError('an engagement has at least one milestone');
  if (price <= 0n) return amounts.map((_, i) => (i === amounts.length - 1 ? share : 0));
  const dues = amounts.map((a) => Number((BigInt(a) * BigInt(share)) / price));
  const rest = share - dues.reduce((sum, d) => sum + d, 0);
  dues[dues.length - 1]! += rest;
  return dues;
}

/** A mediator's proposal splits exactly what is held: nothing created, nothing lost. */
export function proposalProblem(held: number, release: number, refund: number): string | null {
  if (!Number.isSafeInteger(release) || !Number.isSafeInteger(refund) || release < 0 || refund < 0) return 'amounts are non-negative minor units';
  if (release + refund !== held) return `release ${release} and refund ${refund} must add up to the ${held} held`;
  return null;
}
