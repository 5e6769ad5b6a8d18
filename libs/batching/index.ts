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
 * Natural batching per key: a call made while its key's batch is out waits for the next one, which
 * takes all that gathered meanwhile (at most `max`). A lone call goes at once, as a batch of one,
 * so nothing waits on a quiet system; under load the batches grow with it. `run` answers each item
 * of a batch in order, a value or an error of its own; if `run` itself throws, every item of the
 * batch gets that error.
 */
export class KeyedBatcher<In, Out> {
  private readonly gathering = new Map<string, Waiting<In, Out>[]>();

  constructor(
    private readonly run: (key: string, items: In[]) => Promise<Settled<Out>[]>,
    private readonly max = 64,
  ) {}

  submit(key: string, item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      const queue = this.gathering.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.gathering.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.gathering.get(key)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.max);
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
    this.gathering.delete(key);
  }
}
