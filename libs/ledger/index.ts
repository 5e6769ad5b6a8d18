export { ACCOUNTS, HOLDING_ACCOUNTS, isAccountName, type AccountName } from './accounts.js';
export { applyPostings, emptyLedger, type ApplyResult, type LedgerBalances, type LedgerErrorCode } from './apply-postings.js';
export { approve, commit, fingerprint, fund, pay, release, reserve, reverse, REVERSAL_SUFFIX, type Move, type Posting } from './posting.js';
export { ledgerView, ledgerViolations, type LedgerView } from './view.js';
export { burnDown, dailyBalances, type BurnDown, type LedgerPoint } from './burn-down.js';
export { approvedShares, FUNDER_ACCOUNTS, funderMoves, splitByShares, type FunderAccountName, type FunderMove, type FunderShare } from './funder-shares.js';
