import { sql, type SQL } from 'drizzle-orm';

/**
 * A programme's committed claims as a whole, for the transaction's length. Reconciliation's batches
 * take it shared (its lanes run side by side) before they read the claims they decide; a lapsing
 * subsidy (issue 26) takes it alone before it reads its claim. So a batch never decides a claim
 * from a snapshot taken before a lapse of it committed, and the two never move one subsidy twice.
 */
export function programClaimsLock(programId: string, mode: 'shared' | 'exclusive'): SQL {
  const fn = mode === 'shared' ? sql.raw('pg_advisory_xact_lock_shared') : sql.raw('pg_advisory_xact_lock');
  return sql`select ${fn}(hashtextextended(${`program-claims:${programId}`}, 0))`;
}
