import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { StatementLine } from '../../../libs/escrow/index.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import {
  custodianStatementLines,
  payoutBatches,
  payoutInstructions,
  providerBankAccounts,
  type PayoutInstructionRow,
  type ProviderBankAccountRow,
} from '../../db/schema/payments.js';

@Injectable()
export class CustodianRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async upsertBankAccount(row: typeof providerBankAccounts.$inferInsert): Promise<ProviderBankAccountRow> {
    const [saved] = await this.db
      .insert(providerBankAccounts)
      .values(row)
      .onConflictDoUpdate({ target: providerBankAccounts.providerId, set: { ...row, updatedAt: sql`now()` } })
      .returning();
    return saved!;
  }

  async bankAccountOf(providerId: string, tx: DbOrTx = this.db): Promise<ProviderBankAccountRow | undefined> {
    const [row] = await tx.select().from(providerBankAccounts).where(eq(providerBankAccounts.providerId, providerId));
    return row;
  }

  /** Stores the line once by the bank's transaction id; false when it was imported before. */
  async insertLine(tx: DbOrTx, line: StatementLine): Promise<boolean> {
    const rows = await tx.insert(custodianStatementLines).values(line).onConflictDoNothing().returning({ id: custodianStatementLines.bankTxnId });
    return rows.length > 0;
  }

  async matchLine(tx: DbOrTx, bankTxnId: string, engagementId: string, n: number): Promise<void> {
    await tx
      .update(custodianStatementLines)
      .set({ matchedEngagementId: engagementId, matchedMilestoneN: n })
      .where(eq(custodianStatementLines.bankTxnId, bankTxnId));
  }

  /** The instructions no batch holds yet, oldest first, locked so two batches never share one. */
  async unbatched(tx: DbOrTx): Promise<PayoutInstructionRow[]> {
    return tx
      .select()
      .from(payoutInstructions)
      .where(isNull(payoutInstructions.batchId))
      .orderBy(asc(payoutInstructions.createdAt))
      .for('update', { skipLocked: true });
  }

  async fileBatch(tx: DbOrTx, rows: { id: string; payee: PayoutInstructionRow['payee'] }[]): Promise<string> {
    const [batch] = await tx.insert(payoutBatches).values({ lines: rows.length }).returning();
    for (const row of rows) await tx.update(payoutInstructions).set({ batchId: batch!.id, payee: row.payee }).where(eq(payoutInstructions.id, row.id));
    return batch!.id;
  }

  async batchLines(batchId: string): Promise<PayoutInstructionRow[] | undefined> {
    const [batch] = await this.db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
    if (!batch) return undefined;
    return this.db
      .select()
      .from(payoutInstructions)
      .where(and(eq(payoutInstructions.batchId, batchId)))
      .orderBy(asc(payoutInstructions.createdAt));
  }
}
