import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programs } from './subsidies.js';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunCounts {
  approved: number;
  adjusted: number;
  held: number;
  rejected: number;
}

/**
 * A reconciliation run of one programme. It works through the committed claims in creation order in
 * batches; `cursor` (the last claim decided) moves in each batch's transaction, so a run killed
 * half-way resumes where it stopped and decides nothing twice.
 */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    trigger: text('trigger').notNull(),
    status: text('status').$type<RunStatus>().notNull().default('queued'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    counts: jsonb('counts').$type<RunCounts>().notNull().default({ approved: 0, adjusted: 0, held: 0, rejected: 0 }),
    approvedAmount: bigint('approved_amount', { mode: 'number' }).notNull().default(0),
    releasedAmount: bigint('released_amount', { mode: 'number' }).notNull().default(0),
    anomalies: jsonb('anomalies').notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    // One run at a time per programme, however many workers and requests race for it.
    uniqueIndex('reconciliation_runs_one_active')
      .on(t.programId)
      .where(sql`${t.status} in ('queued', 'running')`),
    index('reconciliation_runs_program_idx').on(t.programId, t.createdAt),
    check('reconciliation_runs_status', sql`${t.status} in ('queued', 'running', 'completed', 'failed')`),
  ],
);

/** The decision for each claim in a run (libs/subsidy decideCommitment), with its reason code. */
/**
 * A run's claims split by the last byte of their id into lanes walked at the same time, each with
 * its cursor: the last claim it decided, by (createdAt, id), the walk's order (migration 0120).
 */
export const reconciliationLanes = pgTable(
  'reconciliation_lanes',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => reconciliationRuns.id),
    lane: smallint('lane').notNull(),
    lanes: smallint('lanes').notNull(),
    cursor: uuid('cursor'),
    cursorCreatedAt: timestamp('cursor_created_at', { withTimezone: true, precision: 3 }),
    done: boolean('done').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.runId, t.lane] }), check('reconciliation_lanes_lane', sql`${t.lane} >= 0 and ${t.lane} < ${t.lanes}`)],
);

export const reconciliationDecisions = pgTable(
  'reconciliation_decisions',
  {
    // No foreign key (migration 0050): written a batch at a time under the run's lock.
    runId: uuid('run_id').notNull(),
    claimId: uuid('claim_id').notNull(),
    /** The claim's creation time: the run's walk order, so each batch appends (migration 0110). */
    claimCreatedAt: timestamp('claim_created_at', { withTimezone: true, precision: 3 }).notNull(),
    outcome: text('outcome').notNull(),
    reason: text('reason').notNull(),
    committed: bigint('committed', { mode: 'number' }).notNull(),
    approved: bigint('approved', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'reconciliation_decisions_walk_pk', columns: [t.runId, t.claimCreatedAt, t.claimId] })],
);

/**
 * The invoices a run's claims share with another claim, of any programme (migration 0370): found
 * by each batch's invoice probe, read by the run's anomaly flags at its end.
 */
export const reconciliationSharedInvoices = pgTable(
  'reconciliation_shared_invoices',
  {
    // No foreign key, as the decisions: written by the batches under the run's lock.
    runId: uuid('run_id').notNull(),
    invoiceKey: text('invoice_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.invoiceKey] })],
);

export const SETTLEMENT_STATUSES = ['pending', 'paid'] as const;

/** What a run approved, to be paid out: one batch per run, a line per payee. */
export const settlements = pgTable(
  'settlements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    runId: uuid('run_id')
      .notNull()
      .unique()
      .references(() => reconciliationRuns.id),
    currency: text('currency').notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    status: text('status').$type<(typeof SETTLEMENT_STATUSES)[number]>().notNull().default('pending'),
    paidAt: timestamp('paid_at', { withTimezone: true, precision: 3 }),
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('settlements_program_idx').on(t.programId, t.createdAt), check('settlements_status', sql`${t.status} in ('pending', 'paid')`)],
);

export const settlementLines = pgTable(
  'settlement_lines',
  {
    settlementId: uuid('settlement_id')
      .notNull()
      .references(() => settlements.id),
    payeeType: text('payee_type').notNull(),
    payeeId: uuid('payee_id').notNull(),
    engagements: integer('engagements').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.settlementId, t.payeeType, t.payeeId] })],
);

/** The engagements behind each line, filed by the batch that approved them (insert-only). */
export const settlementEngagements = pgTable(
  'settlement_engagements',
  {
    // No foreign key (migration 0050): the settlement is created when its run starts.
    settlementId: uuid('settlement_id').notNull(),
    payeeType: text('payee_type').notNull(),
    payeeId: uuid('payee_id').notNull(),
    engagementId: uuid('engagement_id').notNull(),
    claimId: uuid('claim_id').notNull(),
    /** Per payee, engagements are kept in the order their claims were made: the run's walk order. */
    claimCreatedAt: timestamp('claim_created_at', { withTimezone: true, precision: 3 }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'settlement_engagements_walk_pk', columns: [t.settlementId, t.payeeType, t.payeeId, t.claimCreatedAt, t.claimId] })],
);

export type ReconciliationRunRow = typeof reconciliationRuns.$inferSelect;
export type ReconciliationLaneRow = typeof reconciliationLanes.$inferSelect;
export type SettlementRow = typeof settlements.$inferSelect;
export type SettlementLineRow = typeof settlementLines.$inferSelect;
