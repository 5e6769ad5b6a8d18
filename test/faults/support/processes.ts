import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The built api or worker (dist/) as a process of its own, its output kept for a failing test's message. */
export class ServiceProcess {
  readonly output: string[] = [];
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: 'api' | 'worker',
    readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.output.push(chunk.toString());
        if (this.output.length > 400) this.output.splice(0, 100);
      });
    }
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve();
      }),
    );
  }

  static start(name: 'api' | 'worker', env: Record<string, string>): ServiceProcess {
    const script = name === 'api' ? 'dist/src/main.js' : 'dist/src/worker.js';
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ServiceProcess(name, child);
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Sends the signal and measures how long the process takes to exit (or gives up after `timeoutMs`). */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<{ ms: number; exitCode: number | null | undefined }> {
    const started = Date.now();
    if (this.running) this.child.kill(signal);
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    return { ms: Date.now() - started, exitCode: this.exitCode };
  }

  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  tail(lines = 40): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }
}
