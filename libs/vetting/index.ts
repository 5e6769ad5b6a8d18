export { isVetted, mayTransition, vettingOf, type MembershipAction, type MembershipFact, type MembershipStatus, type Vetting } from './vetting.js';
