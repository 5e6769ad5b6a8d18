import { Inject, Injectable } from '@nestjs/common';
import { eq, inArray, sql } from 'drizzle-orm';
import { ACCOUNTS, FUNDER_ACCOUNTS, fingerprint, type Posting } from '../../../libs/ledger/index.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import {
  funderLedgerAccounts,
  funderLedgerMoves,
  ledgerAccounts,
  ledgerMoves,
  ledgerPostingDates,
  ledgerPostings,
  type FunderLedgerAccountRow,
  type LedgerAccountRow,
} from '../../db/schema/ledger.js';

/** A posting's funder moves as JSON rows for jsonb_to_recordset. */
function funderRows(posting: Posting, postingId?: number) {
  return (posting.funderMoves ?? []).filter((m) => m.amount > 0).map((m) => ({ p: postingId, u: m.funder, f: m.from, t: m.to, a: m.amount }));
}

export type PostOutcome = { posted: true } | { posted: false; fingerprint: string };

@Injectable()
export class LedgerRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async openAccounts(tx: DbOrTx, programId: string, currency: string): Promise<void> {
    await tx.insert(ledgerAccounts).values(ACCOUNTS.map((account) => ({ programId, account, currency })));
  }

  /** A co-funded programme's funders' accounts, each opened at zero. */
  async openFunderAccounts(tx: DbOrTx, programId: string, funders: readonly string[], currency: string): Promise<void> {
    await tx.insert(funderLedgerAccounts).values(funders.flatMap((funder) => FUNDER_ACCOUNTS.map((account) => ({ programId, funder, account, currency }))));
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
      ), f as (
        insert into ${funderLedgerMoves} (posting_id, program_id, funder, from_account, to_account, amount)
        select p.id, ${programId}::uuid, v.u, v.f, v.t, v.a
        from p, jsonb_to_recordset(${JSON.stringify(funderRows(posting))}::jsonb) as v(u text, f text, t text, a bigint)
      )
      select id from p`);
    if (rows.length > 0) return { posted: true };
    const [existing] = await tx
      .select({ fingerprint: ledgerPostings.fingerprint })
      .from(ledgerPostings)
      .where(eq(ledgerPostings.idempotencyKey, posting.idempotencyKey));
    return { posted: false, fingerprint: existing!.fingerprint };
  }

  /**
   * Many postings of one programme in two statements, for set-based jobs: postings whose key
   * exists are skipped with their moves; the statement-level trigger nets the moves per account.
   */
  async postMany(tx: DbOrTx, programId: string, kind: string, postings: readonly Posting[]): Promise<number> {
    if (postings.length === 0) return 0;
    await tx.execute(sql`set local seaward.ledger_bulk = 'on'`);
    const rows = await tx.execute<{ id: number; idempotency_key: string }>(sql`
      insert into ${ledgerPostings} (program_id, idempotency_key, kind, currency, fingerprint)
      select ${programId}::uuid, k, ${kind}, ${postings[0]!.currency}, f
      from jsonb_to_recordset(${JSON.stringify(postings.map((p) => ({ k: p.idempotencyKey, f: fingerprint(p) })))}::jsonb) as t(k text, f text)
      on conflict (idempotency_key) do nothing
      returning id, idempotency_key`);
    const idOf = new Map(rows.map((r) => [r.idempotency_key, r.id]));
    const moves = postings.flatMap((p) =>
      idOf.has(p.idempotencyKey) ? p.moves.filter((m) => m.amount > 0).map((m) => ({ ...m, posting: idOf.get(p.idempotencyKey)! })) : [],
    );
    if (moves.length > 0) {
      await tx.execute(sql`
        insert into ${ledgerMoves} (posting_id, program_id, from_account, to_account, amount)
        select p, ${programId}::uuid, f, t, a
        from jsonb_to_recordset(${JSON.stringify(moves.map((m) => ({ p: m.posting, f: m.from, t: m.to, a: m.amount })))}::jsonb) as x(p bigint, f text, t text, a bigint)`);
    }
    const funderMoves = postings.flatMap((p) => (idOf.has(p.idempotencyKey) ? funderRows(p, idOf.get(p.idempotencyKey)) : []));
    if (funderMoves.length > 0) {
      await tx.execute(sql`
        insert into ${funderLedgerMoves} (posting_id, program_id, funder, from_account, to_account, amount)
        select p, ${programId}::uuid, u, f, t, a
        from jsonb_to_recordset(${JSON.stringify(funderMoves)}::jsonb) as x(p bigint, u text, f text, t text, a bigint)`);
    }
    return idOf.size;
  }

  /** Net change of each account per UTC day, from the moves' postings, on the day each stands for. */
  async dailyChanges(programId: string): Promise<{ date: string; account: string; delta: number }[]> {
    const rows = await this.db.execute<{ date: string; account: string; delta: string }>(sql`
      with d as (
        select to_char(coalesce(e.effective_at, p.created_at) at time zone 'UTC', 'YYYY-MM-DD') as date, m.from_account, m.to_account, m.amount
        from ${ledgerMoves} m join ${ledgerPostings} p on p.id = m.posting_id
        left join ${ledgerPostingDates} e on e.posting_id = p.id
        where m.program_id = ${programId})
      select date, account, sum(delta)::text as delta from (
        select date, from_account as account, -amount as delta from d union all select date, to_account, amount from d) x
      group by date, account order by date`);
    return rows.map((r) => ({ date: r.date, account: r.account, delta: Number(r.delta) }));
  }

  async accountsOf(programIds: string[], tx: DbOrTx = this.db): Promise<LedgerAccountRow[]> {
    if (programIds.length === 0) return [];
    return tx.select().from(ledgerAccounts).where(inArray(ledgerAccounts.programId, programIds));
  }

  async funderAccountsOf(programId: string, tx: DbOrTx = this.db): Promise<FunderLedgerAccountRow[]> {
    return tx.select().from(funderLedgerAccounts).where(eq(funderLedgerAccounts.programId, programId));
  }
}
