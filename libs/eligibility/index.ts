export {
  checkEligibility,
  hasEnterpriseRules,
  targetCountries,
  termsFor,
  type CategoryTerms,
  type Eligibility,
  type EligibilityRule,
  type EligibilityRules,
  type EnterpriseFacts,
  type ReferenceLookups,
  type TargetFacts,
} from './eligibility.js';
