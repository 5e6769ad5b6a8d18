export { escrowBalances, fundMove, refundMove, releaseMove, reverseMove, ESCROW_ACCOUNTS, type EscrowAccount, type EscrowMove } from './accounts.js';
export { isClosed, milestoneDues, milestoneStep, proposalProblem, MILESTONE_STATUSES, type MilestoneAction, type MilestoneStatus } from './milestones.js';
export { parseMajorUnits, parseStatement, STATEMENT_COLUMNS, type StatementLine } from './statement.js';
