/**
 * The one definition of "vetted" (docs/api.md "Providers and vetting"): a provider is vetted while at least one of its
 * memberships is active and its vettedUntil is still ahead.
 */
export type MembershipStatus = 'pending' | 'active' | 'suspended' | 'lapsed';

export interface MembershipFact {
  allianceId: string;
  status: MembershipStatus;
  vettedUntil: Date | null;
}

export interface Vetting {
  /** The furthest vettedUntil among current active memberships; null when none. */
  vettedUntil: Date | null;
  /** Alliances in which the membership is active and current. */
  allianceIds: string[];
  /** Every alliance applied to, whatever the state (its managers may see the profile). */
  appliedAllianceIds: string[];
}

function isCurrent(membership: MembershipFact, now: Date): boolean {
  return membership.status === 'active' && membership.vettedUntil !== null && membership.vettedUntil > now;
}

export function vettingOf(memberships: readonly MembershipFact[], now: Date): Vetting {
  const current = memberships.filter((m) => isCurrent(m, now));
  const latest = current.reduce<Date | null>((max, m) => (max && max >= m.vettedUntil! ? max : m.vettedUntil), null);
  return {
    vettedUntil: latest,
    allianceIds: [...new Set(current.map((m) => m.allianceId))].sort(),
    appliedAllianceIds: [...new Set(memberships.map((m) => m.allianceId))].sort(),
  };
}

export function isVetted(vettedUntil: Date | null, now: Date): boolean {
  return vettedUntil !== null && vettedUntil > now;
}

export type MembershipAction = 'approve' | 'suspend';

/** Which membership states each manager action may start from (re-approval included). */
const ALLOWED_FROM: Record<MembershipAction, readonly MembershipStatus[]> = {
  approve: ['pending', 'active', 'suspended', 'lapsed'],
  suspend: ['pending', 'active'],
};

export function mayTransition(action: MembershipAction, from: MembershipStatus): boolean {
  return ALLOWED_FROM[action].includes(from);
}
