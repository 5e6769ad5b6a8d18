import { WorkerHost } from '@nestjs/bullmq';
import type { DiscoveryService } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { PREFIX } from './metrics.registry.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * Per-queue job counts read from Redis at scrape time. BullMQ's own exportPrometheusMetrics()
 * reports the same counts, but as text outside this registry (no default labels) and with
 * completed/failed totals that stay 0 unless workers collect BullMQ metrics; so the counts are
 * read with getJobCounts() into a gauge here.
 */
export function queueCountMetrics(registry: Registry, queues: () => Queue[]): void {
  new Gauge({
    name: `${PREFIX}queue_jobs`,
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const all = queues();
      const counts = await Promise.all(all.map((queue) => queue.getJobCounts(...STATES)));
      all.forEach((queue, i) => {
        for (const state of STATES) this.set({ queue: queue.name, state }, counts[i][state] ?? 0);
      });
    },
  });
}

/** Job outcomes and durations, from the events of every worker in this process. */
export function jobMetrics(registry: Registry, discovery: DiscoveryService): void {
  const registers = [registry];
  const jobs = new Counter({
    name: `${PREFIX}jobs_total`,
    help: 'Jobs finished by this worker: completed, failed (will retry) or failed_final (attempts exhausted)',
    labelNames: ['queue', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: `${PREFIX}job_duration_seconds`,
    help: 'Time a job ran on this worker, by outcome',
    labelNames: ['queue', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  });
  const record = (queue: string, job: Job | undefined, outcome: string) => {
    jobs.inc({ queue, outcome });
    if (job?.processedOn && job.finishedOn) duration.observe({ queue, outcome }, (job.finishedOn - job.processedOn) / 1000);
  };
  for (const wrapper of discovery.getProviders()) {
    if (!(wrapper.instance instanceof WorkerHost)) continue;
    const worker = wrapper.instance.worker;
    worker.on('completed', (job: Job) => record(worker.name, job, 'completed'));
    worker.on('failed', (job: Job | undefined) => {
      const final = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
      record(worker.name, job, final ? 'failed_final' : 'failed');
    });
  }
}
