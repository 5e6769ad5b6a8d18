import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import {
  gainOf,
  generateMarket,
  Random,
  simulateAward,
  trueUtility,
  type Market,
  type MarketShape,
  type SyntheticRequest,
} from '../../libs/match-eval/index.js';
import type { AwardCase } from '../../libs/weight-tuning/index.js';
import { createApi } from '../bootstrap/create-api.js';
import type { Caller } from '../common/auth/caller.js';
import { loadConfig } from '../config/config.js';
import { createDb, createSql } from '../db/database.js';
import { migrateDatabase } from '../db/migrate.js';
import { MatchingService } from '../modules/matching/matching.service.js';
import { createRequestBody } from '../modules/requests/requests.schemas.js';
import { RequestsService } from '../modules/requests/requests.service.js';
import { insertMarket } from './insert-market.js';
import { DAY_MS } from '../../libs/time/index.js';

const PUBLISHERS = 3;

/** One evaluated request: the engine's stored ranking of its whole candidate pool, by provider key. */
export interface EvalCase {
  requestKey: string;
  /** Provider keys in the engine's order (rank 1 first): the pool every method ranks. */
  engine: string[];
  /** The factor values the engine stored for each candidate. */
  factors: Map<string, Record<string, number>>;
  /** True utility of each candidate: the graded gain. */
  gain: Map<string, number>;
}

export interface MarketRun {
  shape: MarketShape;
  market: Market;
  cases: EvalCase[];
  /** The market's earlier requests, published the same way, with what its enterprise awarded (those with a bid). */
  awards: AwardCase[];
}

export interface RunOptions {
  /** A Postgres URL of a server where a scratch database may be created (and dropped after). */
  adminUrl: string;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  /** How many of each market's award requests to publish (at most AWARD_HISTORY); 0 for none. */
  awards?: number;
}

/**
 * Builds each market in a scratch database and publishes its requests through the application
 * itself — RequestsService.create and publish, so the candidate SQL, the history queries, scoring
 * and fair exposure are the production path — then reads the stored rankings back. Invitations are
 * off (MATCH_INVITE_TOP_K=0) so that one evaluated request does not become the next one's
 * history, and every candidate is stored (MATCH_RESULTS_KEPT) so every method ranks the same pool.
 */
export async function runMarkets(shapes: readonly MarketShape[], options: RunOptions): Promise<MarketRun[]> {
  const name = `seaward_eval_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  const sql = createSql(url.toString(), 4);
  const env = {
    ...options.env,
    DATABASE_URL: url.toString(),
    REDIS_PREFIX: name,
    MATCH_INVITE_TOP_K: '0',
    MATCH_RESULTS_KEPT: '10000',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  };
  const app = await (async () => {
    await migrateDatabase(url.toString());
    const api = await createApi(loadConfig(env));
    await api.init();
    return api;
  })();
  try {
    const db = createDb(sql);
    const requests = app.get(RequestsService);
    const matching = app.get(MatchingService);
    const runs: MarketRun[] = [];
    for (const shape of shapes) {
      const started = Date.now();
      const market = generateMarket(shape);
      const now = new Date();
      const inserted = await insertMarket(db, market, now);
      const built = Date.now();
      const caller: Caller = { role: 'enterprise', org: inserted.enterpriseId, sub: 'match-eval', requestId: `match-eval-${shape.seed}` };
      const providerByKey = new Map(market.providers.map((p) => [p.key, p]));
      const rank = async (request: SyntheticRequest): Promise<EvalCase | null> => {
        const body = createRequestBody.parse({
          title: `Evaluation request ${request.key}`,
          category: shape.category,
          services: request.services,
          countries: request.countries,
          sector: request.sector,
          languages: request.languages,
          budget: { min: { amount: request.budgetMin, currency: 'CNY' }, max: { amount: request.budgetMax, currency: 'CNY' } },
          biddingClosesAt: new Date(Date.now() + 14 * DAY_MS).toISOString(),
        });
        const created = await requests.create(caller, body);
        await requests.publish(caller, created.id);
        const stored = await matching.results(created.id, 10_000);
        if (stored.length === 0) return null;
        const keyed = stored.map((row) => ({ key: inserted.keyOf.get(row.providerId)!, row }));
        return {
          requestKey: request.key,
          engine: keyed.map((k) => k.key),
          factors: new Map(
            keyed.map(({ key, row }) => [key, Object.fromEntries((row.factors as { name: string; value: number }[]).map((f) => [f.name, f.value]))]),
          ),
          gain: new Map(keyed.map(({ key }) => [key, gainOf(trueUtility(shape, request, providerByKey.get(key)!))])),
        };
      };
      const cases = await rankAll(market.requests, rank);
      const awardRequests = market.awardRequests.slice(0, options.awards ?? market.awardRequests.length);
      const awards = awardsOf(shape, await rankAll(awardRequests, rank), market, now);
      options.log(
        `${shape.name}: ${market.providers.length} providers, ${market.providers.reduce((n, p) => n + p.past.length, 0)} past invitations, ${cases.length} requests ranked, ${awards.length} awards of ${awardRequests.length} earlier requests; built in ${((built - started) / 1000).toFixed(1)} s, published in ${((Date.now() - built) / 1000).toFixed(1)} s`,
      );
      runs.push({ shape, market, cases, awards });
    }
    return runs;
  } finally {
    await app.close();
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`).finally(() => admin.end());
  }
}

/** Requests are independent (no invitations), so a few publish at once; results keep request order. */
async function rankAll(requests: readonly SyntheticRequest[], rank: (r: SyntheticRequest) => Promise<EvalCase | null>): Promise<EvalCase[]> {
  const ranked: (EvalCase | null)[] = new Array(requests.length).fill(null);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) ranked[i] = await rank(requests[i]!);
  };
  await Promise.all(Array.from({ length: PUBLISHERS }, worker));
  return ranked.filter((c): c is EvalCase => c !== null);
}

/**
 * The enterprise's awards on the earlier requests (simulateAward), as the platform records them:
 * the request's invitations with the factor values the engine stored, who was awarded and the
 * stars, one request every 360 / n days over the past year.
 */
function awardsOf(shape: MarketShape, ranked: readonly EvalCase[], market: Market, now: Date): AwardCase[] {
  const random = new Random(shape.seed + 70_000);
  const providers = new Map(market.providers.map((p) => [p.key, p]));
  const requests = new Map(market.awardRequests.map((r) => [r.key, r]));
  return ranked.flatMap((c, i) => {
    const award = simulateAward(shape, requests.get(c.requestKey)!, c.engine, providers, random);
    if (award.awarded === null) return [];
    const at = now.getTime() - ((ranked.length - i) * 360 * DAY_MS) / ranked.length;
    return [{ at, awardedId: award.awarded, rating: award.rating, candidates: award.invited.map((key) => ({ id: key, factors: c.factors.get(key)! })) }];
  });
}
