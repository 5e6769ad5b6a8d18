export {
  checkVoucherApplicability,
  providerFailure,
  type Applicability,
  type ApplicabilityCode,
  type ApplicabilityInput,
  type EligibilityFacts,
  type EnterpriseRule,
  type ProgramTerms,
  type ProviderRule,
  type PurchaseFacts,
  type VoucherFacts,
  type VoucherStatus,
} from './applicability.js';
export { computeSubsidy, SUBSIDY_LIMITS, type SubsidyInput, type SubsidyLimit, type SubsidyResult } from './compute-subsidy.js';
export {
  decideCommitment,
  DECISION_PRECEDENCE,
  type CommitmentDecision,
  type CommitmentFacts,
  type CommitmentOutcome,
  type CommitmentReason,
  type DisputeState,
} from './decide-commitment.js';
