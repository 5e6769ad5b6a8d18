import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { money } from '../../libs/money/index.js';
import { decideCommitment, type DisputeState } from '../../libs/subsidy/index.js';
import { createSql } from '../../src/db/database.js';

interface Facts {
  claimedElsewhere: boolean;
  eligible: boolean;
  cancelled: boolean;
  price: number;
  committed: number;
  refunded: number;
  dispute: DisputeState;
  paidInFull: boolean;
  accepted: boolean;
  rateBps: number;
  perVoucherCap: number;
  perEnterpriseCap: number;
}

const facts: fc.Arbitrary<Facts> = fc
  .record({
    claimedElsewhere: fc.boolean(),
    eligible: fc.boolean(),
    cancelled: fc.boolean(),
    price: fc.integer({ min: 1, max: 2_000_000_000 }),
    committedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    refundShare: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    dispute: fc.constantFrom<DisputeState>('none', 'open', 'won', 'lost'),
    paidInFull: fc.boolean(),
    accepted: fc.boolean(),
    rateBps: fc.integer({ min: 1, max: 10_000 }),
    perVoucherCap: fc.integer({ min: 1, max: 2_000_000_000 }),
    perEnterpriseCap: fc.integer({ min: 1, max: 2_000_000_000 }),
  })
  .map(({ committedShare, refundShare, ...f }) => ({
    ...f,
    committed: Math.max(1, Math.floor(f.price * committedShare)),
    refunded: Math.floor(f.price * refundShare),
  }));

/** The reference: libs/subsidy, with the award inputs reconciliation gives it. */
function reference(f: Facts) {
  const m = (amount: number) => money(amount, 'CNY');
  const d = decideCommitment({
    award: {
      price: m(f.price),
      rateBps: f.rateBps,
      perVoucherCap: m(f.perVoucherCap),
      perEnterpriseCap: m(f.perEnterpriseCap),
      voucherRemaining: m(f.committed),
      groupUsed: m(0),
    },
    committed: m(f.committed),
    cancelled: f.cancelled,
    paidInFull: f.paidInFull,
    accepted: f.accepted,
    refunded: m(f.refunded),
    dispute: f.dispute,
    providerEligibleAtAward: f.eligible,
    claimedElsewhere: f.claimedElsewhere,
  });
  return { outcome: d.outcome, reason: d.reason, approved: d.approvedAmount.amount };
}

/** reconciliation_decide (migration 0050) decides a batch in the database; libs/subsidy is its reference. */
describe('reconciliation_decide, the SQL decision table', () => {
  const sql = createSql(process.env.DATABASE_URL!, 1);
  afterAll(() => sql.end({ timeout: 5 }));

  it('decides every generated set of facts as decideCommitment does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(facts, { minLength: 1, maxLength: 200 }), async (batch) => {
        const rows = await sql.unsafe<{ i: number; outcome: string; reason: string; approved: string }[]>(
          `select x.i, d.outcome, d.reason, d.approved::text
           from jsonb_to_recordset($1::text::jsonb) as x(i int, ce boolean, el boolean, ca boolean, rf bigint, pr bigint, di text, pf boolean, ac boolean, co bigint, rb int, vc bigint, ec bigint)
           cross join lateral reconciliation_decide(ce, el, ca, rf, pr, di, pf, ac, co, rb, vc, ec) d order by x.i`,
          [
            JSON.stringify(
              batch.map((f, i) => ({
                i,
                ce: f.claimedElsewhere,
                el: f.eligible,
                ca: f.cancelled,
                rf: f.refunded,
                pr: f.price,
                di: f.dispute,
                pf: f.paidInFull,
                ac: f.accepted,
                co: f.committed,
                rb: f.rateBps,
                vc: f.perVoucherCap,
                ec: f.perEnterpriseCap,
              })),
            ),
          ],
        );
        expect(rows.map((r) => ({ outcome: r.outcome, reason: r.reason, approved: Number(r.approved) }))).toEqual(batch.map(reference));
      }),
      { numRuns: 60 },
    );
  });
});
