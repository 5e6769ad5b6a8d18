/**
 * The engagement state machine of docs/api.md ("Engagements and payments"): awaiting_payment → in_progress → delivered →
 * completed, with disputed and cancelled reachable. Each action names who may take it and from
 * which states; anything else is refused with the reason.
 */
export const ENGAGEMENT_STATUSES = ['awaiting_payment', 'in_progress', 'delivered', 'completed', 'disputed', 'cancelled'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

export type Party = 'enterprise' | 'provider' | 'admin';

export type EngagementAction = 'deliver' | 'accept' | 'rate' | 'dispute' | 'cancel';

interface Rule {
  by: readonly Party[];
  from: readonly EngagementStatus[];
  to: (status: EngagementStatus) => EngagementStatus;
}

const RULES: Record<EngagementAction, Rule> = {
  deliver: { by: ['provider'], from: ['in_progress'], to: () => 'delivered' },
  accept: { by: ['enterprise'], from: ['delivered'], to: () => 'completed' },
  // A rating changes no state; it is allowed once, after acceptance (checked by the caller's row).
  rate: { by: ['enterprise'], from: ['completed'], to: (s) => s },
  dispute: { by: ['enterprise', 'provider'], from: ['in_progress', 'delivered'], to: () => 'disputed' },
  // Before any money moves either side may walk away; after it, a refund or a dispute is the way.
  cancel: { by: ['enterprise', 'provider', 'admin'], from: ['awaiting_payment'], to: () => 'cancelled' },
};

export type TransitionResult = { ok: true; status: EngagementStatus } | { ok: false; refusal: 'forbidden' | 'conflict'; reason: string };

export function transition(status: EngagementStatus, action: EngagementAction, party: Party): TransitionResult {
  const rule = RULES[action];
  if (!rule.by.includes(party) && party !== 'admin') {
    return { ok: false, refusal: 'forbidden', reason: `only the ${rule.by.join(' or ')} may ${action}` };
  }
  if (!rule.from.includes(status)) {
    return { ok: false, refusal: 'conflict', reason: `cannot ${action} an engagement that is ${status} (allowed from ${rule.from.join(', ')})` };
  }
  return { ok: true, status: rule.to(status) };
}
