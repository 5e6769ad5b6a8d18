import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { programs } from './subsidies.js';

/**
 * A programme's six accounts (libs/ledger). Balances are kept by the trigger on ledger_moves
 * only (migration 0010): direct writes are refused, holding accounts never go below zero, and
 * every move takes from one account what it gives to another, so the six always sum to zero.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    account: text('account').notNull(),
    currency: text('currency').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.account] }),
    check('ledger_accounts_known', sql`${t.account} in ('budget', 'reserved', 'committed', 'approved', 'paid', 'available')`),
    // Its own constraint so that a refused posting can be told apart: this one is budget_exhausted.
    check('ledger_accounts_available_non_negative', sql`${t.account} <> 'available' or ${t.balance} >= 0`),
    check('ledger_accounts_holding_non_negative', sql`${t.account} in ('budget', 'available') or ${t.balance} >= 0`),
    check('ledger_accounts_budget_non_positive', sql`${t.account} <> 'budget' or ${t.balance} <= 0`),
  ],
);

/** One posting per idempotency key, ever; immutable. */
export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull(),
    currency: text('currency').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('ledger_postings_program_idx').on(t.programId, t.id)],
);

/** A move takes `amount` from one account and gives it to another: balanced by construction. */
export const ledgerMoves = pgTable(
  'ledger_moves',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postingId: bigint('posting_id', { mode: 'number' })
      .notNull()
      .references(() => ledgerPostings.id),
    programId: uuid('program_id').notNull(),
    fromAccount: text('from_account').notNull(),
    toAccount: text('to_account').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('ledger_moves_posting_idx').on(t.postingId),
    index('ledger_moves_program_idx').on(t.programId),
    check('ledger_moves_positive', sql`${t.amount} > 0`),
    check('ledger_moves_two_accounts', sql`${t.fromAccount} <> ${t.toAccount}`),
  ],
);

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;

/**
 * The day a posting stands for, where it was recorded later than the event it books (the demo's
 * seeded history; an import of a programme's past). Read by the balance history only: balances
 * and postings stay as they are, append-only.
 */
export const ledgerPostingDates = pgTable('ledger_posting_dates', {
  postingId: bigint('posting_id', { mode: 'number' })
    .primaryKey()
    .references(() => ledgerPostings.id),
  effectiveAt: timestamp('effective_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** A co-funded programme's funder's accounts (migration 0300): budget, available, committed, approved, paid. */
export const funderLedgerAccounts = pgTable(
  'funder_ledger_accounts',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    funder: text('funder').notNull(),
    account: text('account').notNull(),
    currency: text('currency').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'funder_ledger_accounts_pk', columns: [t.programId, t.funder, t.account] }),
    check('funder_ledger_accounts_known', sql`${t.account} in ('budget', 'available', 'committed', 'approved', 'paid')`),
    // Its own constraint: an overdrawn funder is budget_exhausted, the funder named.
    check('funder_ledger_accounts_available_non_negative', sql`${t.account} <> 'available' or ${t.balance} >= 0`),
    check('funder_ledger_accounts_holding_non_negative', sql`${t.account} in ('budget', 'available') or ${t.balance} >= 0`),
    check('funder_ledger_accounts_budget_non_positive', sql`${t.account} <> 'budget' or ${t.balance} <= 0`),
  ],
);

/** A move inside one funder's accounts, part of a programme posting (same idempotency key). */
export const funderLedgerMoves = pgTable(
  'funder_ledger_moves',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postingId: bigint('posting_id', { mode: 'number' })
      .notNull()
      .references(() => ledgerPostings.id),
    programId: uuid('program_id').notNull(),
    funder: text('funder').notNull(),
    fromAccount: text('from_account').notNull(),
    toAccount: text('to_account').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('funder_ledger_moves_posting_idx').on(t.postingId),
    index('funder_ledger_moves_program_idx').on(t.programId, t.funder),
    check('funder_ledger_moves_positive', sql`${t.amount} > 0`),
    check('funder_ledger_moves_two_accounts', sql`${t.fromAccount} <> ${t.toAccount}`),
  ],
);

export type FunderLedgerAccountRow = typeof funderLedgerAccounts.$inferSelect;
