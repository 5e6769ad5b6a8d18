import { describe, expect, it } from '@jest/globals';
import { KeyedBatcher, type Settled } from './index.js';

describe('KeyedBatcher', () => {
  const recorder = (options: { max?: number; concurrency?: number } = { max: 3 }) => {
    const batches: { key: string; items: number[] }[] = [];
    const pending: (() => void)[] = [];
    const batcher = new KeyedBatcher<number, number>(async (key, items) => {
      batches.push({ key, items });
      await new Promise<void>((resolve) => pending.push(resolve));
      return items.map((n): Settled<number> => (n < 0 ? { error: new Error(`refused ${n}`) } : { value: n * 10 }));
    }, options);
    /** Lets every batch out now come back. */
    const release = () => pending.splice(0).forEach((resolve) => resolve());
    return { batches, batcher, release };
  };

  it('sends a lone call at once, and gathers the calls made while a batch is out, at most max at a time', async () => {
    const { batches, batcher, release } = recorder();
    const first = batcher.submit('p', 1);
    const rest = [2, 3, 4, 5].map((n) => batcher.submit('p', n));
    expect(batches).toEqual([{ key: 'p', items: [1] }]);
    release();
    expect(await first).toBe(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.at(-1)).toEqual({ key: 'p', items: [2, 3, 4] });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.at(-1)).toEqual({ key: 'p', items: [5] });
    release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50]);
  });

  it('keeps up to `concurrency` batches of a key out at once', async () => {
    const { batches, batcher, release } = recorder({ max: 3, concurrency: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit('p', n));
    expect(batches.map((b) => b.items)).toEqual([[1], [2]]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.slice(2).map((b) => b.items)).toEqual([[3, 4, 5], [6]]);
    release();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('keeps keys apart and answers each item with its own value or error', async () => {
    const { batches, batcher, release } = recorder();
    const a = batcher.submit('a', 1);
    const b = batcher.submit('b', -2);
    expect(batches.map((x) => x.key)).toEqual(['a', 'b']);
    release();
    expect(await a).toBe(10);
    await expect(b).rejects.toThrow('refused -2');
  });

  it('gives every item of a batch the error when the batch itself fails, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new KeyedBatcher<number, number>(async (_key, items) => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return items.map((n) => ({ value: n }));
    });
    const failed = batcher.submit('p', 1);
    const next = batcher.submit('p', 2);
    await expect(failed).rejects.toThrow('connection lost');
    expect(await next).toBe(2);
  });
});
