import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DAY_MS } from '../../libs/time/index.js';

const SWEEP_EVERY_MS = 3_600_000;

/**
 * A retention sweep the worker runs once an hour, one at a time per process; shutdown waits for
 * the sweep in progress. Several workers may sweep at once: each sweep's statements must be safe
 * to run concurrently (they delete what is due, in batches).
 */
export abstract class HourlyRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  /** 0 keeps everything. */
  protected abstract readonly retentionDays: number;
  abstract sweep(now?: Date): Promise<number>;

  onApplicationBootstrap(): void {
    if (this.retentionDays === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, `${this.constructor.name} failed; will retry`))
        .finally(() => (this.running = undefined));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  protected cutoff(now: Date): string {
    return new Date(now.getTime() - this.retentionDays * DAY_MS).toISOString();
  }
}
