import { describe, expect, it } from '@jest/globals';
import { csvRows, parseCentralParity } from './index.js';

describe('parseCentralParity', () => {
  it('reads a row per pair, scaling per-100 quotes and inverting CNY/XXX ones (rounded down at 10 places)', () => {
    const rows = csvRows('\uFEFFpair,rate\r\nUSD/CNY,7.1234\r\n100JPY/CNY,4.7890\r\n\r\nCNY/SAR,0.52345\r\n');
    expect(parseCentralParity(rows, '2026-12-07')).toEqual({
      rates: [
        { currency: 'USD', cnyPerUnit: '7.1234', quoted: 'USD/CNY 7.1234', row: 2 },
        { currency: 'JPY', cnyPerUnit: '0.04789', quoted: '100JPY/CNY 4.7890', row: 3 },
        { currency: 'SAR', cnyPerUnit: '1.9104021396', quoted: 'CNY/SAR 0.52345', row: 5 },
      ],
      problems: [],
    });
  });

  it("takes the date's row of CFETS's column-per-pair table and skips pairs not published that day", () => {
    const rows = csvRows('日期,USD/CNY,EUR/CNY,CNY/MYR\n2026-12-04,7.1200,7.6500,0.6000\n2026/12/7,7.1234,7.6543,-\n');
    const parsed = parseCentralParity(rows, '2026-12-07');
    expect(parsed.rates.map((r) => [r.currency, r.cnyPerUnit])).toEqual([
      ['USD', '7.1234'],
      ['EUR', '7.6543'],
    ]);
    expect(parseCentralParity(rows, '2026-12-08').problems).toEqual([{ path: 'rows', message: 'no row is dated 2026-12-08' }]);
  });

  it('names the row and field of every bad quote and gives no rates at all', () => {
    const rows = csvRows('pair,rate\nUSD/CNY,7.1234\nUSD/EUR,0.9\nXXQ/CNY,1\nEUR/CNY,seven\nUSD/CNY,7.2\nGBP/CNY,0');
    expect(parseCentralParity(rows, '2026-12-07')).toEqual({
      rates: [],
      problems: [
        { path: 'rows.3.pair', message: 'one side of the pair is CNY, the other another currency' },
        { path: 'rows.4.pair', message: 'XXQ is not an ISO 4217 currency' },
        { path: 'rows.5.rate', message: 'a decimal number above zero such as 7.1234' },
        { path: 'rows.6.pair', message: 'USD is quoted twice (also row 2)' },
        { path: 'rows.7.rate', message: 'must be above zero' },
      ],
    });
    expect(parseCentralParity(csvRows('currency,value\nUSD,7'), '2026-12-07').problems[0]!.path).toBe('rows.1');
    expect(parseCentralParity([], '2026-12-07').problems).toEqual([{ path: 'rows', message: 'the table is empty' }]);
  });
});
