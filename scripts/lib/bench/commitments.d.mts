import type postgres from 'postgres';

export interface CommitmentsOptions {
  base: string;
  officerHeaders: Record<string, string>;
  enterpriseId: string;
  providerId: string;
  groupKey: string;
  count: number;
  subsidy?: number;
  price?: number;
}

export function generateCommitments(sql: postgres.Sql, options: CommitmentsOptions): Promise<string>;
export function expectedOutcome(
  count: number,
  subsidy?: number,
  price?: number,
): { counts: { approved: number; adjusted: number; held: number; rejected: number }; approvedAmount: number; releasedAmount: number };
