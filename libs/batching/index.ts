export interface Settled<T> {
  value?: T;
  error?: unknown;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Natural batching per key: a call made while its key's batches are out waits for the next one,
 * which takes all that gathered meanwhile (at most `max`). At most `concurrency` batches of a key
 * are out at once (two let the next batch travel and start while the last one commits). A lone
 * call goes at once, as a batch of one, so nothing waits on a quiet system; under load the batches
 * grow with it. `run` answers each item of a batch in order, a value or an error of its own; if
 * `run` itself throws, every item of the batch gets that error.
 */
export class KeyedBatcher<In, Out> {
  private readonly queues = new Map<string, { waiting: Waiting<In, Out>[]; running: number }>();

  constructor(
    private readonly run: (key: string, items: In[]) => Promise<Settled<Out>[]>,
    private readonly options: { max?: number; concurrency?: number } = {},
  ) {}

  submit(key: string, item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      let queue = this.queues.get(key);
      if (!queue) this.queues.set(key, (queue = { waiting: [], running: 0 }));
      queue.waiting.push({ item, resolve, reject });
      if (queue.running < (this.options.concurrency ?? 1)) void this.drain(key, queue);
    });
  }

  private async drain(key: string, queue: { waiting: Waiting<In, Out>[]; running: number }): Promise<void> {
    queue.running++;
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, this.options.max ?? 64);
      try {
        const answers = await this.run(
          key,
          batch.map((w) => w.item),
        );
        batch.forEach((w, i) => {
          const answer = answers[i];
          if (!answer) w.reject(new Error(`the batch answered ${answers.length} of ${batch.length} items`));
          else if ('error' in answer) w.reject(answer.error);
          else w.resolve(answer.value as Out);
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    // Synchronously after the last check: a call arriving now starts a new drain.
    queue.running--;
    if (queue.running === 0) this.queues.delete(key);
  }
}
