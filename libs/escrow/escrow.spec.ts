import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { escrowBalances, fundMove, milestoneDues, milestoneStep, parseMajorUnits, parseStatement, proposalProblem, refundMove, releaseMove } from './index.js';

describe('milestoneDues', () => {
  it('spreads the share in proportion, the remainder on the last', () => {
    expect(milestoneDues([300, 300, 400], 1000)).toEqual([300, 300, 400]);
    expect(milestoneDues([1, 1, 1], 100)).toEqual([33, 33, 34]);
    expect(milestoneDues([5_000_000], 3_500_000)).toEqual([3_500_000]);
  });

  it('always adds up to the share, each due within its amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2 ** 40 }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amounts, part) => {
          const price = amounts.reduce((a, b) => a + b, 0);
          const share = Math.floor(price * part);
          const dues = milestoneDues(amounts, share);
          expect(dues.reduce((a, b) => a + b, 0)).toBe(share);
          dues.forEach((d) => expect(d).toBeGreaterThanOrEqual(0));
        },
      ),
    );
  });
});

describe('milestoneStep', () => {
  it('walks fund → deliver → approve and refuses the rest', () => {
    expect(milestoneStep('pending', 'fund')).toEqual({ ok: true, status: 'funded' });
    expect(milestoneStep('funded', 'deliver')).toEqual({ ok: true, status: 'delivered' });
    expect(milestoneStep('delivered', 'approve')).toEqual({ ok: true, status: 'released' });
    expect(milestoneStep('released', 'dispute')).toMatchObject({ ok: false });
    expect(milestoneStep('disputed', 'approve')).toMatchObject({ ok: false });
    expect(milestoneStep('funded', 'auto_release')).toMatchObject({ ok: false });
    expect(milestoneStep('refunded', 'refund')).toMatchObject({ ok: false });
  });
});

describe('escrow', () => {
  it('sums to zero and a proposal must split exactly what is held', () => {
    const b = escrowBalances([fundMove(100), releaseMove(70), refundMove(30)]);
    expect(b).toEqual({ enterprise: -100, held: 0, released: 70, refunded: 30 });
    expect(proposalProblem(100, 70, 30)).toBeNull();
    expect(proposalProblem(100, 70, 31)).toMatch(/add up/);
    expect(proposalProblem(100, -1, 101)).toMatch(/non-negative/);
  });
});

describe('parseStatement', () => {
  it('reads credits exactly and names the bad lines', () => {
    const csv = [
      'bank_txn_id,booked_on,reference,amount,currency,payer_name,payer_account',
      'T1,2026-12-01,SW-ABCDEFGHJK,1500.00,CNY,"上海某某科技有限公司, 徐汇",6222000011112222',
      'T2,2026-12-01,SW-ABCDEFGHJK,15.001,CNY,x,y',
    ].join('\n');
    const { lines, problems } = parseStatement(csv);
    expect(lines).toEqual([expect.objectContaining({ bankTxnId: 'T1', amount: 150_000, payerName: '上海某某科技有限公司, 徐汇' })]);
    expect(problems).toEqual([{ path: 'csv.line3', message: expect.stringMatching(/amount/) }]);
    expect(parseMajorUnits('90071992547409.91', 'CNY')).toBe(9_007_199_254_740_991);
    expect(parseMajorUnits('1e3', 'CNY')).toBeNull();
  });
});
