import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuMeter } from './cpu.mjs';

/**
 * What a step of the busy hour used, to say what saturates first: the CPU of the api, of Postgres
 * and of this load generator (which shares the machine), the api's event-loop delay and garbage
 * collection (from its /metrics, prom-client's default metrics), and the generator's own delay
 * (a late generator sends late, which its latencies would not show).
 */
export async function saturationMeter({ sql, base, apiPid, env }) {
  const cpu = await cpuMeter(sql, apiPid);
  const headers = env.METRICS_TOKEN ? { authorization: `Bearer ${env.METRICS_TOKEN}` } : {};
  const scrape = async () => {
    const res = await fetch(`${base}/metrics`, { headers });
    return res.ok ? parsePrometheus(await res.text()) : new Map();
  };
  return async function start() {
    // A scrape resets the api's event-loop histogram, so the next one covers this step alone.
    const apiBefore = await scrape();
    const cpuBefore = cpu?.();
    const ownBefore = process.cpuUsage();
    const ownDelay = monitorEventLoopDelay({ resolution: 10 });
    ownDelay.enable();
    const startedAt = performance.now();
    return async function stop() {
      const seconds = (performance.now() - startedAt) / 1000;
      ownDelay.disable();
      const cpuAfter = cpu?.();
      const own = process.cpuUsage(ownBefore);
      const api = await scrape();
      const gc = (name) => (api.get(name) ?? 0) - (apiBefore.get(name) ?? 0);
      const share = (used) => `${Math.round((used / seconds) * 100)}%`;
      return {
        cpu: cpuAfter
          ? `api ${share(cpuAfter.api - cpuBefore.api)}, Postgres ${share(cpuAfter.postgres - cpuBefore.postgres)}, load generator ${share((own.user + own.system) / 1e6)} of a core`
          : `load generator ${share((own.user + own.system) / 1e6)} of a core (api and Postgres not visible from here)`,
        loop:
          `api event loop delay p99 ${ms(api.get('nodejs_eventloop_lag_p99_seconds'))}, max ${ms(api.get('nodejs_eventloop_lag_max_seconds'))} ms; ` +
          `generator's max ${(ownDelay.max / 1e6).toFixed(0)} ms`,
        // With API_PROCESSES > 1 each scrape may reach another process: no difference to read.
        gc:
          gc('nodejs_gc_duration_seconds_count') < 0
            ? 'api GC – (another api process answered)'
            : `api GC ${(gc('nodejs_gc_duration_seconds_sum') * 1000).toFixed(0)} ms in ${gc('nodejs_gc_duration_seconds_count')} pauses, ${
                gc('nodejs_gc_duration_seconds_count') - gc('nodejs_gc_duration_seconds_bucket{le="0.1"}')
              } over 100 ms`,
      };
    };
  };
}

function ms(seconds) {
  return seconds === undefined ? '–' : (seconds * 1000).toFixed(0);
}

/**
 * A Prometheus text page as name → value, the values of a metric's label sets summed over every
 * label but `le` (so the GC histogram's kinds add up into one).
 */
export function parsePrometheus(text) {
  const values = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const le = /le="([^"]*)"/.exec(match[2] ?? '')?.[1];
    const key = le === undefined ? match[1] : `${match[1]}{le="${le}"}`;
    values.set(key, (values.get(key) ?? 0) + Number(match[3]));
  }
  return values;
}
