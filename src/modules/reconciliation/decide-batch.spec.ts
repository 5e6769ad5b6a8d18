import { describe, expect, it } from '@jest/globals';
import type { EngagementRow, PaymentRow, ProgramRow, SubsidyClaimRow } from '../../db/schema/index.js';
import { decideBatch } from './decide-batch.js';

const program = { id: 'p', district: 'xuhui', currency: 'CNY', rateBps: 3000, perVoucherCap: 30_000_000, perEnterpriseCap: 30_000_000, providerRule: 'in_district' } as ProgramRow;
const eligible = { category: 'legal', providerDistrict: 'xuhui', providerCategories: ['legal'], providerAllianceDistricts: ['xuhui'], providerVetted: true };
const claim = (eligibility: SubsidyClaimRow['eligibility']) =>
  ({ id: 'c', engagementId: 'e', currency: 'CNY', price: 100_000_000, amount: 30_000_000, eligibility }) as SubsidyClaimRow;
const engagements = new Map([['e', { id: 'e', status: 'completed', acceptedAt: new Date(), disputeStatus: 'none' } as unknown as EngagementRow]]);
const payments = new Map([['e', { engagementId: 'e', amount: 70_000_000, received: 70_000_000, refunded: 0 } as PaymentRow]]);
const decide = (eligibility: SubsidyClaimRow['eligibility']) => decideBatch(program, [claim(eligibility)], engagements, payments, new Set())[0]!.decision;

describe('decideBatch re-checks the eligibility recorded at award', () => {
  it('approves a paid, accepted claim whose recorded facts meet the programme', () => {
    expect(decide(eligible)).toMatchObject({ outcome: 'approved' });
  });

  it('rejects a claim whose provider was not eligible at award, with the reason', () => {
    expect(decide({ ...eligible, providerDistrict: 'jingan' })).toMatchObject({ outcome: 'rejected', reason: 'provider_ineligible_at_award' });
    expect(decide({ ...eligible, providerCategories: ['ip'] })).toMatchObject({ outcome: 'rejected', reason: 'provider_ineligible_at_award' });
    expect(decide({ ...eligible, providerVetted: false })).toMatchObject({ outcome: 'rejected', reason: 'provider_ineligible_at_award' });
  });

  it('leaves claims made before the facts were kept to the check their award passed', () => {
    expect(decide(null)).toMatchObject({ outcome: 'approved' });
  });
});
