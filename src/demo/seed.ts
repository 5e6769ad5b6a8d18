import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { createApi } from '../bootstrap/create-api.js';
import { createWorker } from '../bootstrap/create-worker.js';
import { loadConfig } from '../config/config.js';
import { createDb, createSql } from '../db/database.js';
import { SeawardClient } from './api-client.js';
import { backdateDesk, backdateHistory } from './backdate.js';
import { seedApplications } from './city.js';
import { ReportsService } from '../modules/city/reports.service.js';
import { DeskService } from '../modules/desk/desk.service.js';
import { generateEnterprises } from './enterprises.js';
import { runDeal, type DealRecord } from './history.js';
import { eligible, planHistory } from './history-plan.js';
import { ensureG60Programme } from './g60.js';
import { ensureInformation } from './information.js';
import { insertOrganisations, type InsertedCounts } from './insert-organisations.js';
import { seedShowcase } from './showcase.js';
import { ensurePrograms, type DemoProgram, type ProgramKey } from './programs.js';
import { generateProviders } from './providers.js';
import { reconcile, settlementOfRun } from './reconcile.js';
import { DAY_MS } from '../../libs/time/index.js';

/** The demo's random seed: a fixed number, so every machine seeds the same data (not a date; the Guiding Opinions are dated 14 October 2025). */
export const DEMO_SEED = 20251023;

export interface SeedSummary {
  inserted: InsertedCounts;
  generated: { providers: number; enterprises: number };
  /** 'created' on the first run; 'already there' when the Xuhui programme already has a settlement. */
  history: 'created' | 'already there';
  purchases: Record<string, number>;
  seconds: number;
}

export interface SeedOptions {
  /** Overrides for the in-process api and worker's environment (the tests pass their Redis prefix). */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

/**
 * Loads the demo marketplace into the database at `databaseUrl`. Organisations are inserted
 * directly (no money); everything that moves money — programmes, vouchers, awards, payments,
 * reconciliation, settlement — goes through the application itself, booted in this process
 * with its worker, over its public HTTP API. Running it again changes nothing.
 */
export async function seedDemo(databaseUrl: string, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const now = new Date();
  const { providers, memberships } = generateProviders(DEMO_SEED, now);
  const enterprises = generateEnterprises(DEMO_SEED + 1, now);
  const sql = createSql(databaseUrl, 2);
  let api: NestExpressApplication | undefined;
  let worker: INestApplicationContext | undefined;
  try {
    const inserted = await insertOrganisations(createDb(sql), { providers, memberships, enterprises }, now);
    log(
      `organisations: ${inserted.providers} providers, ${inserted.memberships} memberships, ${inserted.enterprises} enterprises, ${inserted.alliances} alliances added`,
    );

    const base: Record<string, string | undefined> = { ...process.env, ...options.env };
    // Quiet unless told to be silent; no rate limit for the seeding client's hundreds of calls.
    const env = {
      ...base,
      DATABASE_URL: databaseUrl,
      RATE_LIMIT_PER_MINUTE: '0',
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: base.LOG_LEVEL === 'silent' ? 'silent' : 'warn',
    };
    api = await createApi(loadConfig(env));
    await api.listen(0, '127.0.0.1');
    worker = await createWorker(loadConfig(env));
    const client = new SeawardClient(`http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`);

    const programs = await ensurePrograms(client, now);
    const g60 = await ensureG60Programme(client, now);
    log(`g60: ${g60.name}, co-funded by ${g60.funders?.length ?? 0} cities`);
    const xuhui = programs.xuhui;
    const { data: settled } = await client.get<{ data: unknown[] }>(xuhui.officer, `/v1/programs/${xuhui.view.id}/settlements`);
    const summary = { inserted, generated: { providers: providers.length, enterprises: enterprises.length } };
    if (settled.length > 0) {
      await ensureInformation(client, enterprises, now, log);
      log('history: already there');
      return { ...summary, history: 'already there', purchases: {}, seconds: (Date.now() - started) / 1000 };
    }

    const plans = planHistory(DEMO_SEED + 2, enterprises, providers, now);
    const context = { client, programs, providers: new Map(providers.map((p) => [p.id, p])), eligible, seed: DEMO_SEED, now };
    const records: DealRecord[] = [];
    for (const plan of plans) records.push(await runDeal(context, plan));
    const purchases: Record<string, number> = {};
    for (const record of records) purchases[record.reached] = (purchases[record.reached] ?? 0) + 1;
    log(
      `history: ${records.length} requests (${Object.entries(purchases)
        .map(([stage, n]) => `${n} ${stage}`)
        .join(', ')})`,
    );

    await settle(client, programs, now, log);
    await backdateHistory(
      sql,
      records,
      now,
      Object.values(programs).map((p) => p.view.id),
    );
    await seedShowcase(client, programs.xuhui, now, log);
    await ensureInformation(client, enterprises, now, log);
    const applications = await seedApplications(client, programs, enterprises, now);
    log(`applications: ${applications.approved} approved, ${applications.rejected} rejected, ${applications.pending} waiting`);
    await backdateDesk(sql, now);
    // The desk's sweep and the city's close, as their scheduled jobs run them: the questions left
    // past due are flagged first, then the months behind the backdated history are frozen.
    await api.get(DeskService, { strict: false }).flagOverdue(now);
    const closed = await api.get(ReportsService, { strict: false }).closeDue(now);
    log(`city reports: ${closed.map((c) => c.month).join(', ')} closed`);
    return { ...summary, history: 'created', purchases, seconds: (Date.now() - started) / 1000 };
  } finally {
    await worker?.close();
    await api?.close();
    await sql.end({ timeout: 5 });
  }
}

/** Last night's run in every programme; Xuhui has already paid its batch out, the others have not. */
async function settle(client: SeawardClient, programs: Record<ProgramKey, DemoProgram>, now: Date, log: (line: string) => void) {
  for (const program of Object.values(programs)) {
    const run = await reconcile(client, program.officer, program.view.id);
    const { approved, adjusted, held, rejected } = run.counts;
    log(`reconciliation ${program.key}: ${approved} approved, ${adjusted} adjusted, ${held} held, ${rejected} rejected`);
    const settlement = await settlementOfRun(client, program.officer, program.view.id, run.id);
    if (settlement && program.key === 'xuhui') {
      const paidAt = new Date(now.getTime() - 2 * DAY_MS).toISOString();
      await client.post(program.officer, `/v1/settlements/${settlement.id}/confirm`, { paidAt, reference: 'XH-BOC-2026-0417 (demo)' }, [200]);
    }
  }
}
