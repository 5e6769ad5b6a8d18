import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { answers, freePort } from './private-redis.js';

const run = promisify(execFile);

export interface PrivateRedisCluster {
  /** redis:// URLs of the masters, one per node. */
  nodes: string[];
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster of the test's own: three masters on free ports, slots spread by
 * `redis-cli --cluster create`, nothing kept after stop().
 */
export async function startRedisCluster(size = 3): Promise<PrivateRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'seaward-cluster-'));
  const ports = [];
  for (let i = 0; i < size; i++) ports.push(await freePort());
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
      ],
      { stdio: 'ignore' },
    ),
  );
  const exits = children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  const stop = async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(exits);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (let i = 0; i < 100; i++) {
      const states = await Promise.all(ports.map((port) => run('redis-cli', ['-p', String(port), 'cluster', 'info']).then((r) => r.stdout)));
      if (states.every((info) => info.includes('cluster_state:ok'))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((port) => `redis://127.0.0.1:${port}`), stop };
}
