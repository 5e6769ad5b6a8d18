import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { FACTORS } from '../../libs/scoring/index.js';
import { createApi } from '../bootstrap/create-api.js';
import type { Caller } from '../common/auth/caller.js';
import { loadConfig } from '../config/config.js';
import { formatWeights } from '../match-eval/report.js';
import { AlliancesService } from '../modules/alliances/alliances.service.js';
import { roundedWeights, WeightTuner } from '../modules/matching/weight-tuner.js';
import { DAY_MS } from '../../libs/time/index.js';

/**
 * npm run match:tune -- [--alliance <id>] [--from <iso>] [--to <iso>] [--write alliance|platform] [--force]
 * Proposes factor weights tuned on the platform's awarded-and-well-rated history and prints them
 * beside the current ones with the replay metrics of each, on the older requests tuned on and on
 * the latest 20% held out. --write stores them as the alliance's weights (or prints the
 * MATCH_WEIGHTS setting for the platform's), only when they hold up on the held-out requests.
 */
const { values } = parseArgs({
  options: {
    alliance: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    write: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
const fail = (message: string): never => {
  console.error(message);
  process.exit(64);
};
if (values.write && values.write !== 'alliance' && values.write !== 'platform') fail('--write: must be alliance or platform');
if (values.write === 'alliance' && !values.alliance) fail('--write alliance: needs --alliance <id>');
const to = values.to ? new Date(values.to) : new Date();
const from = values.from ? new Date(values.from) : new Date(to.getTime() - 365 * DAY_MS);
if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) fail('--from/--to: must be ISO dates, from before to');

const app = await createApi(loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }));
await app.init();
try {
  const report = await app.get(WeightTuner).propose({ from, to }, values.alliance ?? null);
  const proposed = roundedWeights(report.proposed);
  console.log(
    `Awarded-and-well-rated requests ${from.toISOString()} – ${to.toISOString()}${report.allianceId ? `, alliance ${report.allianceId}` : ''}: ${report.requests.train} tuned on, ${report.requests.holdout} latest held out\n`,
  );
  console.log(formatWeights({ current: report.current, proposed }));
  const row = (label: string, m: { ndcgAt10: number | null; mrr: number | null; meanRank: number | null }) =>
    `| ${label.padEnd(26)} | ${(m.ndcgAt10?.toFixed(3) ?? '—').padEnd(7)} | ${(m.mrr?.toFixed(3) ?? '—').padEnd(5)} | ${(m.meanRank?.toFixed(2) ?? '—').padEnd(9)} |`;
  console.log(`\n| ${'replay of stored factors'.padEnd(26)} | NDCG@10 | MRR   | mean rank |\n| ${'-'.repeat(26)} | ------- | ----- | --------- |`);
  console.log(row('tuned on, current', report.metrics.train.current));
  console.log(row('tuned on, proposed', report.metrics.train.proposed));
  console.log(row('held out, current', report.metrics.holdout.current));
  console.log(row('held out, proposed', report.metrics.holdout.proposed));
  if (report.note) console.log(`\n${report.note}`);
  console.log(`\nOn the held-out latest requests the proposal ${report.holdsUp ? 'does at least as well as' : 'does worse than'} the current weights.`);

  if (values.write) {
    if (!report.holdsUp && !values.force) fail('Not written: the proposal does worse on the held-out requests (--force to write anyway).');
    if (values.write === 'alliance') {
      const admin: Caller = { role: 'admin', org: 'platform', sub: 'match-tune', requestId: 'match-tune' };
      await app.get(AlliancesService).setMatchWeights(admin, values.alliance!, { weights: proposed });
      console.log(`\nWritten as alliance ${values.alliance}'s match weights (audited as alliance.match_weights_set).`);
    } else {
      // Platform weights are configuration, deployed and reviewed like any other setting.
      console.log(
        `\nSet for the platform (api and worker environment):\nMATCH_WEIGHTS='${JSON.stringify(Object.fromEntries(FACTORS.map((f) => [f, Number(proposed[f].toFixed(3))])))}'`,
      );
    }
  }
} finally {
  await app.close();
}
process.exit(0);
