import { describe, expect, it } from '@jest/globals';
import { retryOnConflict } from './retry-on-conflict.js';

const conflict = (code: string) => Object.assign(new Error('deadlock detected'), { code });

describe('retryOnConflict', () => {
  it('runs a transaction Postgres rolled back for a deadlock again, and answers what the next run commits', async () => {
    let runs = 0;
    const result = await retryOnConflict(async () => {
      runs++;
      if (runs < 3) throw conflict(runs === 1 ? '40P01' : '40001');
      return 'committed';
    });
    expect({ result, runs }).toEqual({ result: 'committed', runs: 3 });
  });

  it('gives up after the last attempt, and never retries a refusal of another kind', async () => {
    let runs = 0;
    await expect(retryOnConflict(async () => (runs++, Promise.reject(conflict('40P01'))), 3)).rejects.toMatchObject({ code: '40P01' });
    expect(runs).toBe(3);
    runs = 0;
    await expect(retryOnConflict(async () => (runs++, Promise.reject(conflict('23514'))))).rejects.toMatchObject({ code: '23514' });
    expect(runs).toBe(1);
  });
});
