import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureBuilt } from '../support/built-dist.js';
import { eventually } from '../support/harness.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm run start:api` with API_PROCESSES=2: the built entry point, as an operator starts it. */
describe('api cluster (API_PROCESSES)', () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const listening: number[] = [];
  let primary: ChildProcess;

  beforeAll(async () => {
    ensureBuilt();
    primary = spawn('node', ['dist/src/main.js'], {
      env: {
        ...process.env,
        API_PROCESSES: '2',
        PORT: String(port),
        AUTH_DEV_TOKENS: 'true',
        LOG_LEVEL: 'info',
        SHUTDOWN_GRACE_MS: '5000',
        REDIS_PREFIX: `${process.env.REDIS_PREFIX}_cluster_${randomUUID().slice(0, 8)}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: primary.stdout! }).on('line', (line) => {
      if (line.includes('Seaward api listening')) listening.push((JSON.parse(line) as { pid: number }).pid);
    });
    await eventually(
      async () => listening.length,
      (n) => n === 2,
      90_000,
    );
  }, 120_000);
  afterAll(() => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
  });

  it('runs two api processes on one port that both answer, and replaces one that dies', async () => {
    expect(new Set(listening).size).toBe(2);
    expect(listening).not.toContain(primary.pid);
    const token = (await (
      await fetch(`${base}/v1/auth/dev-tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'district_officer', org: 'cluster_test' }),
      })
    ).json()) as { token: string };
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${base}/v1/programs`, { headers: { authorization: `Bearer ${token.token}` } }).then((r) => r.status)),
    );
    expect(answers).toEqual(Array(40).fill(200));

    process.kill(listening[0]!, 'SIGKILL');
    await eventually(
      async () => listening.length,
      (n) => n === 3,
      60_000,
    );
    expect(alive(listening[1]!) && alive(listening[2]!)).toBe(true);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  }, 90_000);

  it('closes every api process and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    await eventually(
      async () => listening.filter(alive).length,
      (n) => n === 0,
      5000,
    );
    expect(listening.filter(alive)).toEqual([]);
  }, 30_000);
});
