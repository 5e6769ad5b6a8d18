import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import { pgErrorOf, ROLLED_BACK_FOR_CONFLICT } from '../../db/pg-error.js';
import type { ReconciliationRunRow } from '../../db/schema/reconciliation.js';
import type { ProgramRow } from '../../db/schema/subsidies.js';
import { AuditService } from '../audit/audit.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { FapiaoService } from '../payments/fapiao.service.js';
import { ClaimsService } from '../subsidies/claims.service.js';
import { ProgramFunders } from '../subsidies/funders.service.js';
import { ProgramsService } from '../subsidies/programs.service.js';
import { BatchRepository, type Lane } from './batch.repository.js';
import { postingsOf } from './batch-postings.js';
import { ReconciliationRepository } from './reconciliation.repository.js';
import { toRunView } from './run-view.js';
import { JOBS } from '../../jobs/job-names.js';

/** One settlement per run, its id known from the start so batches can file approved claims into it. */
function settlementIdOf(runId: string): string {
  const hex = createHash('sha256').update(`settlement:${runId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const BATCH_ATTEMPTS = 5;

const SYSTEM: Caller = { sub: 'system:reconciliation', role: 'admin', org: 'system', requestId: '' };

/**
 * Reconciliation runs: queued on demand or by the nightly scheduler, one at a time per
 * programme, processed by the `reconciliation` queue in batches. Each batch — decisions,
 * claims, group usage, settlement lines, ledger postings and the run's cursor — is one
 * transaction of a few statements, so a worker killed mid-run resumes at the cursor and nothing
 * is decided or posted twice.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: ReconciliationRepository,
    private readonly programs: ProgramsService,
    private readonly claims: ClaimsService,
    private readonly funders: ProgramFunders,
    private readonly fapiao: FapiaoService,
    private readonly batches: BatchRepository,
    private readonly ledger: LedgerService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async request(caller: Caller, programId: string) {
    const program = await this.programs.managed(caller, programId);
    const run = await this.queue(caller, program.id, 'on_demand');
    return { runId: run.id };
  }

  /** Queues a run unless one is active; either way returns the programme's active run. */
  async queue(caller: Caller, programId: string, trigger: string): Promise<ReconciliationRunRow> {
    return this.db.transaction(async (tx) => {
      const { run, created } = await this.repo.queueRun(tx, programId, trigger);
      if (created) {
        await this.outbox.add(tx, 'reconciliation', JOBS.reconciliation.run, { runId: run.id });
        await this.audit.record(tx, caller, { action: 'reconciliation.queued', entityType: 'program', entityId: programId, data: { runId: run.id, trigger } });
      }
      return run;
    });
  }

  /** The nightly schedule: a run for every programme. */
  async queueAll(): Promise<number> {
    const programs = await this.programs.allIds();
    for (const id of programs) await this.queue(SYSTEM, id, 'schedule');
    return programs.length;
  }

  async get(caller: Caller, runId: string) {
    const run = await this.repo.findRun(runId);
    if (!run) throw new DomainError('not_found');
    await this.programs.managed(caller, run.programId);
    return toRunView(run);
  }

  async list(caller: Caller, programId: string) {
    await this.programs.managed(caller, programId);
    return { data: (await this.repo.runsOf(programId)).map(toRunView), nextCursor: null };
  }

  /**
   * The job: works through the programme's committed claims, every lane at the same time, each
   * from its cursor to its end; then completes the run.
   */
  async process(runId: string, onProgress: (share: number) => Promise<void> = async () => undefined): Promise<void> {
    const run = await this.repo.findRun(runId);
    if (!run || run.status === 'completed' || run.status === 'failed') return;
    const program = (await this.programs.terms(run.programId))!;
    if (run.status === 'queued') await this.start(run, program);
    const lanes = await this.repo.unfinishedLanes(runId);
    // Settled, not all: a lane that fails must not leave the others running after the job ends.
    const walks = await Promise.allSettled(lanes.map((lane) => this.walk(runId, lane, program, onProgress)));
    const failed = walks.find((walk): walk is PromiseRejectedResult => walk.status === 'rejected');
    if (failed) {
      this.logger.error({ runId, err: failed.reason }, 'reconciliation batch failed; the job will retry from the lanes’ cursors');
      throw failed.reason;
    }
    await this.finish(runId, program);
  }

  /** Marks a run failed for good (the queue gave up on it), freeing the programme for the next. */
  async fail(runId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.repo.updateRun(tx, runId, { status: 'failed', error: reason.slice(0, 2000), finishedAt: new Date() });
      // What its finished batches approved stays in its settlement, payable as any other.
      await this.repo.dropEmptySettlement(tx, settlementIdOf(runId));
    });
  }

  /** Running, with its lanes and the settlement its batches file approved claims into (shown once the run ends). */
  private async start(run: ReconciliationRunRow, program: ProgramRow): Promise<void> {
    const total = await this.claims.countCommitted(program.id);
    await this.db.transaction(async (tx) => {
      await this.repo.updateRun(tx, run.id, { status: 'running', startedAt: new Date(), total });
      await this.repo.openLanes(tx, run.id, this.config.reconciliation.lanes);
      await this.repo.openSettlement(tx, { id: settlementIdOf(run.id), programId: program.id, runId: run.id, currency: program.currency, total: 0 });
    });
  }

  private async walk(runId: string, lane: Lane, program: ProgramRow, onProgress: (share: number) => Promise<void>): Promise<void> {
    while (await this.batchRetried(runId, lane, program)) {
      const run = (await this.repo.findRun(runId))!;
      await onProgress(run.total === 0 ? 1 : run.processed / run.total);
    }
  }

  /**
   * Lanes share a programme's group and payee rows, taken in key order but within one statement
   * whose plan decides the order: when two lanes' batches still deadlock, Postgres cancels one,
   * which rolled back whole and is simply run again. So is a batch that found one of its claims
   * changed by another transaction after it read them (a serialization failure).
   */
  private async batchRetried(runId: string, lane: Lane, program: ProgramRow): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.batch(runId, lane, program);
      } catch (error) {
        if (attempt >= BATCH_ATTEMPTS || !ROLLED_BACK_FOR_CONFLICT.has(pgErrorOf(error).code ?? '')) throw error;
        this.logger.warn(
          { runId, lane: lane.lane, attempt, code: pgErrorOf(error).code },
          'reconciliation batch conflicted (a deadlock, or a claim changed under it); running it again',
        );
      }
    }
  }

  /** One batch of a lane, one transaction: decided and filed in one statement, posted per outcome, the lane's cursor moved. */
  private async batch(runId: string, { lane, lanes }: Lane, program: ProgramRow): Promise<boolean> {
    const size = this.config.reconciliation.batch;
    return this.db.transaction(async (tx) => {
      const state = await this.repo.lockLane(tx, runId, lane);
      if (!state || state.done) return false;
      const run = (await this.repo.findRun(runId, tx))!;
      if (run.status !== 'running') return false;
      const cursor = state.cursor && state.cursorCreatedAt ? { createdAt: state.cursorCreatedAt.toISOString(), id: state.cursor } : null;
      const result = await this.batches.decide(tx, runId, program, settlementIdOf(runId), { lane, lanes }, cursor, size);
      const more = result.size === size;
      if (result.last) {
        // Co-funded: the decided claims' parts per funder, booked under a posting of their own.
        const funderMoves = await this.funders.decideBatch(tx, program);
        const funderPosting = funderMoves.length
          ? [{ idempotencyKey: `reconciliation:${runId}:${result.last.id}:funders`, currency: program.currency, moves: [], funderMoves }]
          : [];
        await this.ledger.postMany(tx, program.id, 'reconciliation', [
          ...postingsOf(runId, result.last.id, program.currency, result.outcomes),
          ...funderPosting,
        ]);
        await this.repo.addToRun(tx, runId, result.size, result.outcomes);
      }
      await this.repo.advanceLane(tx, runId, lane, result.last, !more);
      return more;
    });
  }

  /** Drops the settlement if the run approved nothing new, flags anomalies, and completes the run. */
  private async finish(runId: string, program: ProgramRow): Promise<void> {
    await this.db.transaction(async (tx: Tx) => {
      const run = (await this.repo.lockRun(tx, runId))!;
      if (run.status !== 'running') return;
      // A run that approved nothing new makes no settlement: re-running changes nothing.
      await this.repo.dropEmptySettlement(tx, settlementIdOf(runId));
      const sharedInvoices = await this.repo.sharedInvoices(tx, runId);
      const anomalies = [...(await this.claims.anomalies(tx, program, sharedInvoices)), ...(await this.fapiao.flags(tx, program.id))];
      await this.repo.updateRun(tx, runId, { status: 'completed', finishedAt: new Date(), anomalies });
    });
  }
}
