import { Inject, Injectable } from '@nestjs/common';
import { eq, inArray, sql } from 'drizzle-orm';
import { ACCOUNTS, fingerprint, type Posting } from '../../../libs/ledger/index.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { ledgerAccounts, ledgerMoves, ledgerPostings, type LedgerAccountRow } from '../../db/schema/index.js';

export type PostOutcome = { posted: true } | { posted: false; fingerprint: string };

@Injectable()
export class LedgerRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async openAccounts(tx: DbOrTx, programId: string, currency: string): Promise<void> {
    await tx.insert(ledgerAccounts).values(ACCOUNTS.map((account) => ({ programId, account, currency })));
  }

  /**
   * Inserts the posting and its moves in one statement; the moves' trigger applies them to the
   * balances. A key already used inserts nothing and reports what it posted then.
   */
  async post(tx: DbOrTx, programId: string, kind: string, posting: Posting): Promise<PostOutcome> {
    const moves = posting.moves.filter((m) => m.amount > 0);
    const print = fingerprint(posting);
    const rows = await tx.execute<{ id: number }>(sql`
      with p as (
        insert into ${ledgerPostings} (program_id, idempotency_key, kind, currency, fingerprint)
        values (${programId}, ${posting.idempotencyKey}, ${kind}, ${posting.currency}, ${print})
        on conflict (idempotency_key) do nothing
        returning id
      ), m as (
        insert into ${ledgerMoves} (posting_id, program_id, from_account, to_account, amount)
        select p.id, ${programId}::uuid, v.from_account, v.to_account, v.amount
        from p, jsonb_to_recordset(${JSON.stringify(moves.map((m) => ({ from_account: m.from, to_account: m.to, amount: m.amount })))}::jsonb)
          as v(from_account text, to_account text, amount bigint)
      )
      select id from p`);
    if (rows.length > 0) return { posted: true };
    const [existing] = await tx
      .select({ fingerprint: ledgerPostings.fingerprint })
      .from(ledgerPostings)
      .where(eq(ledgerPostings.idempotencyKey, posting.idempotencyKey));
    return { posted: false, fingerprint: existing!.fingerprint };
  }

  async accountsOf(programIds: string[], tx: DbOrTx = this.db): Promise<LedgerAccountRow[]> {
    if (programIds.length === 0) return [];
    return tx.select().from(ledgerAccounts).where(inArray(ledgerAccounts.programId, programIds));
  }
}
