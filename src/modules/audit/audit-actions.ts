import type { EngagementAction } from '../../../libs/engagement-flow/index.js';

export type MembershipChange = 'membership.applied' | 'membership.approved' | 'membership.suspended';

/** Every action the audit log records; a new one is added here first. */
export type AuditAction =
  | 'alliance.created'
  | 'alliance.match_weights_set'
  | 'match_weights.proposal_applied'
  | 'match_weights.rolled_back'
  | 'match_weights.learning_set'
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
  // The marketplace's own lists and the information services (issues 25 and 29).
  | 'request.edited'
  | 'enterprise.contact_set'
  | 'request.provider_invited'
  | 'request.provider_excluded'
  | 'invitation.declined'
  | 'brief.published'
  | 'risk_alert.published'
  | 'risk_alert.raised'
  | 'desk.question_asked'
  | 'desk.question_taken'
  | 'desk.question_answered'
  | 'desk.question_closed'
  | `milestone.${'fund_started' | 'receipt_confirmed' | 'deliver' | 'approve' | 'refund' | 'auto_release' | 'fund' | 'dispute' | 'dispute_opened' | 'dispute_proposed' | 'dispute_accepted' | 'dispute_decided'}`
  | `milestone.${'fund_started' | 'receipt_confirmed' | 'deliver' | 'approve' | 'refund' | 'auto_release' | 'fund' | 'dispute' | 'dispute_opened' | 'dispute_proposed' | 'dispute_accepted' | 'dispute_decided' | 'fapiao_recorded'}`
  | 'provider.bank_account_set'
  | 'custodian.statement_imported'
  | 'payout_batch.created'
  | 'application.received'
  | 'application.approved'
  | 'application.rejected'
  | 'organisation_member.added'
  | 'organisation_member.removed'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'desk.calendar_loaded';
