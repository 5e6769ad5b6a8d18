import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { cappedBackoff, QUEUES } from './queues.js';
import { workerHosts } from './worker-hosts.js';

/**
 * The worker will not start while a queue has no running BullMQ worker: its jobs would pile up
 * unseen (immich's check); nor while a processor lacks the capped backoff its jobs ask for (each
 * retry would fail the job for good). Runs after @nestjs/bullmq has started the workers.
 */
@Injectable()
export class ProcessorCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const workers = workerHosts(this.discovery).map((host) => host.worker);
    const served = new Set(workers.map((worker) => worker.name));
    const missing = QUEUES.filter((queue) => !served.has(queue));
    if (missing.length > 0) throw new Error(`worker: no processor for queue(s) ${missing.join(', ')}`);
    const withoutBackoff = workers.filter((worker) => worker.opts.settings?.backoffStrategy !== cappedBackoff).map((worker) => worker.name);
    if (withoutBackoff.length > 0) throw new Error(`worker: processor(s) without settings: WORKER_SETTINGS: ${withoutBackoff.join(', ')}`);
  }
}
