export { mergeDispute, engagementAfterDispute, type DisputeStatus } from './disputes.js';
export { engagementAfterPayment, mergeTotals, paymentStatus, type PaymentFacts, type PaymentStatus } from './payment-state.js';
export { ENGAGEMENT_STATUSES, transition, type EngagementAction, type EngagementStatus, type Party, type TransitionResult } from './transitions.js';
