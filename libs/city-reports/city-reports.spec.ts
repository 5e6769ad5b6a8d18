import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addMonths, emptyFigures, monthBounds, monthOf, monthsBetween, monthsToClose, storedFigures, toFigureRows } from './index.js';

describe('report months (Shanghai time)', () => {
  it('puts 16:00Z on the last day of a month into the next month in Shanghai', () => {
    expect(monthOf(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03');
    expect(monthOf(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04');
    expect(monthBounds('2026-04')).toEqual({ start: new Date('2026-03-31T16:00:00Z'), end: new Date('2026-04-30T16:00:00Z') });
  });

  it('steps across years and lists the months a close freezes', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsToClose(new Date('2026-01-15T00:00:00Z'), 2)).toEqual(['2025-11', '2025-12']);
  });

  it('every instant lies in the bounds of its own month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (at) => {
        const { start, end } = monthBounds(monthOf(at));
        return start <= at && at < end;
      }),
    );
  });
});

describe('report rows', () => {
  it('lists every figure once, money per currency and keys sorted', () => {
    const f = emptyFigures();
    f.vouchers.issuedAmount = { CNY: 500 };
    f.subsidyByCountry = { SA: { CNY: 30 }, OM: { CNY: 20 } };
    const rows = toFigureRows('songjiang', '2026-03', true, f);
    expect(rows.filter((r) => r.figure === 'subsidyByCountry').map((r) => [r.key, r.value])).toEqual([
      ['OM', 20],
      ['SA', 30],
    ]);
    expect(rows.find((r) => r.figure === 'vouchersIssuedAmount')).toMatchObject({ currency: 'CNY', value: 500 });
    expect(rows.every((r) => r.district === 'songjiang' && r.month === '2026-03' && r.closed)).toBe(true);
  });

  it('carries the desk figures, and reads a month frozen before them as nothing counted', () => {
    const f = emptyFigures();
    f.desk = { ...f.desk, received: 18, pastDue: 1, outcomes: { ...f.desk.outcomes, odi_approved: 2 } };
    const rows = toFigureRows('jingan', '2026-03', true, f);
    expect(rows.find((r) => r.figure === 'deskQuestions' && r.key === 'received')?.value).toBe(18);
    expect(rows.find((r) => r.figure === 'deskOutcomes' && r.key === 'odi_approved')?.value).toBe(2);

    const { desk: _desk, ...before } = f;
    const old = storedFigures(JSON.parse(JSON.stringify(before)) as Record<string, unknown>);
    expect(old.desk).toEqual(emptyFigures().desk);
    expect(old.vouchers.issuedAmount).toEqual({});
    expect(storedFigures(JSON.parse(JSON.stringify(f)) as Record<string, unknown>)).toEqual(f);
  });
});
