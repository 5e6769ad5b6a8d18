import { describe, expect, it } from '@jest/globals';
import { toProblem } from './problem.js';

describe('database refusals as problems', () => {
  it('answers a transaction Postgres rolled back for a deadlock or a serialization conflict as 503 service_busy, never 500', () => {
    for (const code of ['40P01', '40001'])
      expect(toProblem(Object.assign(new Error('deadlock detected'), { code }))).toMatchObject({ status: 503, code: 'service_busy' });
  });

  it('still names the funder whose budget an award overdrew', () => {
    const error = Object.assign(new Error('check'), {
      code: '23514',
      constraint_name: 'funder_ledger_accounts_available_non_negative',
      detail: 'Failing row contains (5f0c, wuhu, available, CNY, -10).',
    });
    expect(toProblem(error)).toMatchObject({ status: 409, code: 'budget_exhausted', detail: expect.stringContaining('(wuhu)') });
  });

  it('leaves any other error to be a server fault', () => {
    expect(toProblem(new Error('boom'))).toBeNull();
  });
});
