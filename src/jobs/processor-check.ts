import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { QUEUES } from './queues.js';

/**
 * The worker will not start while a queue has no running BullMQ worker: its jobs would pile up
 * unseen (immich's check). Runs after @nestjs/bullmq has started the processors' workers.
 */
@Injectable()
export class ProcessorCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const served = new Set(
      this.discovery
        .getProviders()
        .map((wrapper) => wrapper.instance)
        .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
        .map((host) => host.worker.name),
    );
    const missing = QUEUES.filter((queue) => !served.has(queue));
    if (missing.length > 0) throw new Error(`worker: no processor for queue(s) ${missing.join(', ')}`);
  }
}
