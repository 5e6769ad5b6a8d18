import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** The process and its children (a cluster's api processes, a postmaster's backends). */
function family(pid) {
  const pids = [pid];
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && stat(entry)?.ppid === pid) pids.push(Number(entry));
  }
  return pids;
}

/**
 * CPU seconds used by the api processes and by the Postgres server, from /proc: on a shared
 * machine the CPU a call costs is steadier than its rate. Postgres' postmaster is found through
 * its data directory.
 */
export async function cpuMeter(sql, apiPid) {
  const [{ setting }] = await sql`select setting from pg_settings where name = 'data_directory'`;
  let postmaster;
  try {
    postmaster = Number(readFileSync(`${setting}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return null; // a server this process cannot see (another host, a container)
  }
  const seconds = (pid) => family(pid).reduce((sum, p) => sum + (stat(p)?.ticks ?? 0), 0) / TICKS_PER_SECOND;
  return () => ({ api: seconds(apiPid), postgres: seconds(postmaster) });
}

/** Runs `measured` and adds the CPU per call it cost in the api and in Postgres. */
export async function withCpu(meter, measured) {
  if (!meter) return measured();
  const before = meter();
  const result = await measured();
  const after = meter();
  const calls = result.rate * result.seconds;
  return { ...result, cpu: { api: ((after.api - before.api) / calls) * 1e6, postgres: ((after.postgres - before.postgres) / calls) * 1e6 } };
}
