import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkVoucherApplicability, type ApplicabilityInput, type ProgramTerms, type PurchaseFacts, type VoucherFacts } from './index.js';

const now = new Date('2026-06-01T00:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

const xuhui: ProgramTerms = {
  district: 'xuhui',
  categories: ['legal', 'accounting_tax'],
  providerRule: 'in_district',
  enterpriseRule: 'in_district',
  validFrom: days(-30),
  validTo: days(300),
  currency: 'CNY',
};
const voucher: VoucherFacts = { enterpriseId: 'ent-1', expiresAt: days(60), status: 'active' };
const purchase: PurchaseFacts = {
  enterpriseId: 'ent-1',
  enterpriseDistrict: 'xuhui',
  providerDistrict: 'xuhui',
  providerCategories: ['legal', 'insurance'],
  providerAllianceDistricts: [],
  providerVetted: true,
  category: 'legal',
  currency: 'CNY',
};

function check(overrides: { program?: Partial<ProgramTerms>; voucher?: Partial<VoucherFacts>; purchase?: Partial<PurchaseFacts>; now?: Date }) {
  const input: ApplicabilityInput = {
    program: { ...xuhui, ...overrides.program },
    voucher: { ...voucher, ...overrides.voucher },
    purchase: { ...purchase, ...overrides.purchase },
    now: overrides.now ?? now,
  };
  return checkVoucherApplicability(input);
}

const notApplicable = (reason: RegExp) => ({ ok: false, code: 'voucher_not_applicable', reason: expect.stringMatching(reason) });
const notEligible = (reason: RegExp) => ({ ok: false, code: 'provider_not_eligible', reason: expect.stringMatching(reason) });

describe('checkVoucherApplicability', () => {
  it('applies a Xuhui voucher to an in-district legal purchase by its own enterprise', () => {
    expect(check({})).toEqual({ ok: true });
  });

  it('refuses another enterprise’s voucher', () => {
    expect(check({ purchase: { enterpriseId: 'ent-2' } })).toEqual(notApplicable(/another enterprise/));
  });

  it('refuses a revoked, used-up or expired voucher', () => {
    expect(check({ voucher: { status: 'revoked' } })).toEqual(notApplicable(/revoked/));
    expect(check({ voucher: { status: 'used_up' } })).toEqual(notApplicable(/used up/));
    expect(check({ voucher: { status: 'expired' } })).toEqual(notApplicable(/expired/));
  });

  it('treats a voucher as expired from the instant of expiresAt, whatever its stored status', () => {
    expect(check({ voucher: { expiresAt: now } })).toEqual(notApplicable(/expired/));
    expect(check({ voucher: { expiresAt: new Date(now.getTime() + 1) } })).toEqual({ ok: true });
  });

  it('refuses outside the programme’s half-open validity window', () => {
    expect(check({ program: { validFrom: days(1) } })).toEqual(notApplicable(/valid from/));
    expect(check({ program: { validTo: now } })).toEqual(notApplicable(/valid from/));
    expect(check({ program: { validFrom: now } })).toEqual({ ok: true });
  });

  it('refuses a purchase in another currency', () => {
    expect(check({ purchase: { currency: 'USD' } })).toEqual(notApplicable(/USD/));
  });

  it('refuses a category the programme does not cover', () => {
    expect(check({ purchase: { category: 'insurance' } })).toEqual(notApplicable(/category insurance/));
  });

  it('refuses an out-of-district enterprise when the programme requires in-district, and admits it under "any"', () => {
    expect(check({ purchase: { enterpriseDistrict: 'jingan' } })).toEqual(notApplicable(/enterprise is in jingan/));
    expect(check({ purchase: { enterpriseDistrict: 'jingan' }, program: { enterpriseRule: 'any' } })).toEqual({ ok: true });
  });

  it('answers provider_not_eligible for a Jing’an provider under Xuhui’s in-district rule', () => {
    expect(check({ purchase: { providerDistrict: 'jingan' } })).toEqual(notEligible(/provider is in jingan/));
  });

  it('admits under alliance_member a member of an alliance covering the district, wherever the provider sits', () => {
    const songjiang = { district: 'songjiang', providerRule: 'alliance_member' as const, enterpriseRule: 'any' as const };
    const g60 = ['songjiang', 'suzhou', 'jiaxing', 'hangzhou', 'hefei'];
    expect(check({ program: songjiang, purchase: { providerDistrict: 'suzhou', providerAllianceDistricts: g60 } })).toEqual({ ok: true });
    expect(check({ program: songjiang, purchase: { providerDistrict: 'songjiang', providerAllianceDistricts: ['xuhui'] } })).toEqual(
      notEligible(/alliance covering songjiang/),
    );
  });

  it('admits under any_vetted a vetted provider from anywhere and refuses an unvetted one', () => {
    const anyVetted = { providerRule: 'any_vetted' as const };
    expect(check({ program: anyVetted, purchase: { providerDistrict: 'jingan' } })).toEqual({ ok: true });
    expect(check({ program: anyVetted, purchase: { providerVetted: false } })).toEqual(notEligible(/not vetted/));
  });

  it('needs the district and category the provider was vetted for, under every rule', () => {
    expect(check({ purchase: { providerVetted: false } })).toEqual(notEligible(/not vetted/));
    expect(check({ purchase: { providerCategories: ['insurance'] } })).toEqual(notEligible(/not vetted for category legal/));
    expect(check({ program: { providerRule: 'any_vetted' }, purchase: { providerCategories: [] } })).toEqual(notEligible(/category legal/));
  });

  it('reports voucher problems before provider problems', () => {
    expect(check({ voucher: { status: 'revoked' }, purchase: { providerDistrict: 'jingan' } })).toMatchObject({
      code: 'voucher_not_applicable',
    });
  });

  it('throws RangeError on an invalid date, an impossible input', () => {
    expect(() => check({ now: new Date('nonsense') })).toThrow(RangeError);
  });

  it('applies exactly when every rule holds', () => {
    fc.assert(
      fc.property(
        fc.record({
          ownVoucher: fc.boolean(),
          status: fc.constantFrom('active', 'revoked', 'expired', 'used_up' as const),
          expiresIn: fc.integer({ min: -5, max: 5 }),
          category: fc.constantFrom('legal', 'insurance'),
          enterpriseDistrict: fc.constantFrom('xuhui', 'jingan'),
          providerDistrict: fc.constantFrom('xuhui', 'jingan'),
          enterpriseRule: fc.constantFrom('in_district', 'any' as const),
        }),
        (f) => {
          const result = check({
            program: { enterpriseRule: f.enterpriseRule },
            voucher: { status: f.status, expiresAt: days(f.expiresIn) },
            purchase: {
              enterpriseId: f.ownVoucher ? 'ent-1' : 'ent-2',
              category: f.category,
              enterpriseDistrict: f.enterpriseDistrict,
              providerDistrict: f.providerDistrict,
            },
          });
          const expected =
            f.ownVoucher &&
            f.status === 'active' &&
            f.expiresIn > 0 &&
            f.category === 'legal' &&
            (f.enterpriseRule === 'any' || f.enterpriseDistrict === 'xuhui') &&
            f.providerDistrict === 'xuhui';
          expect(result.ok).toBe(expected);
        },
      ),
    );
  });
});
