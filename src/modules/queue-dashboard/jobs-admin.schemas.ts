import { z } from 'zod';

export const queueHealthView = z
  .object({
    queue: z.string(),
    waiting: z.number().int(),
    active: z.number().int(),
    delayed: z.number().int(),
    failed: z.number().int().describe('final failures still in the failed set, waiting for a person'),
    finalFailures: z.number().int().describe('final failures counted since the counter began (re-drives do not lower it)'),
    attempts: z.number().int().describe("the queue's retry policy: attempts"),
    retryWindowMs: z.number().int().describe('how long the attempts keep trying, at production time'),
    policy: z.string().describe('why the queue retries as it does'),
  })
  .meta({ id: 'QueueHealth' });
export const queueHealthList = z.object({ data: z.array(queueHealthView) }).meta({ id: 'QueueHealthList' });
export const redriveView = z.object({ queue: z.string(), redriven: z.number().int() }).meta({ id: 'Redrive' });
