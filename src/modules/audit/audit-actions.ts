import type { EngagementAction } from '../../../libs/engagement-flow/index.js';

export type MembershipChange = 'membership.applied' | 'membership.approved' | 'membership.suspended';

/** Every action the audit log records; a new one is added here first. */
export type AuditAction =
  | 'alliance.created'
  | 'alliance.match_weights_set'
  | 'bid.placed'
  | 'bid.withdrawn'
  | `engagement.${EngagementAction}`
  | 'engagement.dispute_won'
  | 'engagement.dispute_lost'
  | 'enterprise.registered'
  | 'enterprise.group_confirmed'
  | MembershipChange
  | 'notification_endpoint.set'
  | 'notification_endpoint.removed'
  | 'payment.started'
  | 'payment.transfer_confirmed'
  | 'payment.refunded'
  | 'program.created'
  | 'provider.registered'
  | 'provider.updated'
  | 'provider.credential_added'
  | 'reconciliation.queued'
  | 'request.created'
  | 'request.published'
  | 'request.rematched'
  | 'request.awarded'
  | 'request.cancelled'
  | 'settlement.paid'
  | 'voucher.issued'
  | 'voucher.revoked'
  | 'voucher.expired'
  | 'organisation_member.added'
  | 'organisation_member.removed'
  | 'invitation.sent'
  | 'invitation.accepted';
