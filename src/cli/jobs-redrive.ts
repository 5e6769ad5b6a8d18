import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { readConfigOrExit } from '../bootstrap/read-config.js';
import { QUEUES, type QueueName } from '../jobs/queues.js';
import { redriveFailed } from '../jobs/redrive.js';
import { bullConnection, isRedisClient } from '../redis/connect.js';

// npm run jobs:redrive -- --queue NAME [--limit N]: a person decided the failed jobs should run again.
const { values } = parseArgs({ options: { queue: { type: 'string' }, limit: { type: 'string' } } });
if (!values.queue || !QUEUES.includes(values.queue as QueueName)) {
  console.error(`--queue: one of ${QUEUES.join(', ')} is required`);
  process.exit(64);
}
const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
if (!(limit > 0)) {
  console.error('--limit: a positive number');
  process.exit(64);
}
const config = readConfigOrExit();
const connection = bullConnection(config, { maxRetriesPerRequest: 1 });
const queue = new Queue(values.queue, { connection, prefix: config.redisPrefix });
try {
  const result = await redriveFailed(queue, limit);
  for (const job of result.jobs) console.log(`re-driven ${job.id} (${job.name}): last failure ${job.failedReason}`);
  console.log(`${result.redriven} failed job(s) of queue ${result.queue} sent again`);
} finally {
  await queue.close();
  if (isRedisClient(connection)) await connection.quit();
}
