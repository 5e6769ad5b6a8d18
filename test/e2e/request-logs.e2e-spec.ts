import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureBuilt } from '../support/built-dist.js';
import { eventually } from '../support/harness.js';

/**
 * The api's request log, as an operator reads it from stdout: lines go out in blocks
 * (src/common/logging/logging.module.ts), so these check that a quiet api's line is not held
 * back and that the lines of the last requests before a SIGTERM are written before it exits.
 */
describe('request logs on stdout', () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const lines: { at: number; text: string }[] = [];
  let api: ChildProcess;

  beforeAll(async () => {
    ensureBuilt();
    api = spawn('node', ['dist/src/main.js'], {
      env: { ...process.env, PORT: String(port), AUTH_DEV_TOKENS: 'true', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '5000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: api.stdout! }).on('line', (text) => lines.push({ at: Date.now(), text }));
    await eventually(
      async () => lines.some((line) => line.text.includes('Seaward api listening')),
      (listening) => listening,
      90_000,
    );
  }, 120_000);
  afterAll(() => {
    if (api.exitCode === null) api.kill('SIGKILL');
  });

  const loggedIds = () => lines.filter((line) => line.text.startsWith('{')).map((line) => (JSON.parse(line.text) as { req?: { id?: string } }).req?.id);

  it("writes a quiet api's request line within a fraction of a second", async () => {
    const id = `log-probe-${randomUUID()}`;
    const answered = await fetch(`${base}/v1/public/programs`, { headers: { 'x-request-id': id } });
    const answeredAt = Date.now();
    expect(answered.status).toBe(200);
    await eventually(
      async () => lines.find((line) => line.text.includes(id)),
      (line) => line !== undefined,
      5000,
    );
    const line = lines.find((l) => l.text.includes(id))!;
    expect(line.at - answeredAt).toBeLessThan(1000);
    expect(JSON.parse(line.text)).toMatchObject({ level: 30, req: { id, method: 'GET', url: '/v1/public/programs' }, res: { statusCode: 200 } });
  }, 30_000);

  it('writes the lines of the requests answered just before a SIGTERM before it exits', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `log-burst-${i}-${randomUUID()}`);
    const answers = await Promise.all(ids.map((id) => fetch(`${base}/v1/public/programs`, { headers: { 'x-request-id': id } }).then((r) => r.status)));
    expect(answers).toEqual(Array(25).fill(200));
    // 'close', not 'exit': it comes after stdout has been read to its end.
    const closed = new Promise<number | null>((resolve) => api.once('close', (code) => resolve(code)));
    api.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(ids.filter((id) => !loggedIds().includes(id))).toEqual([]);
  }, 30_000);
});
