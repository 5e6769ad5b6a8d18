import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { RedisClient } from '../redis/connect.js';
import { REDIS } from '../redis/redis.module.js';

/** A provider that keeps BullMQ job schedulers (nightly runs, sweeps). Upserting must be idempotent. */
export interface SchedulesJobs {
  scheduleJobs(): Promise<void>;
}

function schedulesJobs(instance: unknown): instance is SchedulesJobs {
  return typeof (instance as Partial<SchedulesJobs> | null)?.scheduleJobs === 'function';
}

/**
 * Job schedulers live in Redis: a Redis restarted without persistence forgets them, and with them
 * the nightly reconciliation and every sweep. They are upserted at boot and again each time the
 * connection to Redis is ready after a loss, so the worker needs no restart.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);
  private owners: SchedulesJobs[] = [];
  private connected = true;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.owners = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter(schedulesJobs);
    await this.scheduleAll();
    this.redis.on('close', () => (this.connected = false));
    this.redis.on('ready', () => {
      if (this.connected) return;
      this.connected = true;
      this.logger.warn('Redis is back: upserting job schedulers');
      this.scheduleAll().catch((error) => this.logger.error({ err: error }, 'could not upsert job schedulers'));
    });
  }

  private async scheduleAll(): Promise<void> {
    for (const owner of this.owners) await owner.scheduleJobs();
  }
}
