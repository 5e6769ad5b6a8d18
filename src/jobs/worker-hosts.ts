import type { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';

/** Every BullMQ processor of the application, once @nestjs/bullmq has started their workers. */
export function workerHosts(discovery: DiscoveryService): WorkerHost[] {
  return discovery
    .getProviders()
    .map((wrapper) => wrapper.instance)
    .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
}
