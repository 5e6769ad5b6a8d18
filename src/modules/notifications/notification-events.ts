import type { EVENT_WORDING } from '../../../libs/mail-templates/index.js';
import type { DisputeStatus, EngagementAction } from '../../../libs/engagement-flow/index.js';
import type { EngagementStatus } from '../../db/schema/engagements.js';
import type { MembershipChange } from '../audit/audit-actions.js';

/**
 * Every event a notification carries (the `event` of the webhook body): producers name one of
 * these, and receivers can rely on the list (docs/api.md).
 */
export type NotificationEvent =
  | 'request.invited'
  | 'bid.awarded'
  | 'bid.lost'
  | `engagement.${EngagementAction}`
  | `engagement.${EngagementStatus}`
  | `engagement.dispute_${DisputeStatus}`
  | 'enterprise.registered'
  | MembershipChange
  | 'program.available_low'
  | 'voucher.issued'
  | 'voucher.revoked'
  | 'voucher.expired'
  // Issues 25 and 29: a declined invitation, a risk alert, the request desk.
  | 'invitation.declined'
  | 'risk_alert.published'
  | 'risk_alert.raised'
  | 'desk.question_asked'
  | 'desk.question_answered'
  | 'desk.question_overdue'
  | `milestone.${'funded' | 'delivered' | 'released' | 'refunded' | 'release_reminder' | 'disputed' | 'dispute_proposed' | 'dispute_settled'}`
  | 'application.received'
  | 'application.approved'
  | 'application.rejected'
  | 'application.overdue'
  | 'request.question_asked'
  | 'request.question_answered'
  | 'request.addendum'
  | 'bid.addendum'
  | 'engagement.message'
  | 'engagement.subsidy_lapsed';

/** An event without a line in libs/mail-templates would reach people as its bare name: compiling fails and names it. */
type Unworded = Exclude<NotificationEvent, keyof typeof EVENT_WORDING>;
export const EVERY_EVENT_WORDED: [Unworded] extends [never] ? true : Unworded = true;
