import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findRegion, sectionOfSector } from '../reference-data/index.js';
import { checkEligibility, hasEnterpriseRules, termsFor, type EnterpriseFacts } from './index.js';

const lookups = { sectionOf: sectionOfSector, regionCountries: (r: string) => findRegion(r)?.countries ?? [] };
const sme: EnterpriseFacts = { sme: true, sector: '38', hasEarlierVenture: false };

describe('programme eligibility', () => {
  it('admits everyone when the programme sets no rules', () => {
    expect(checkEligibility({}, { ...sme, sme: false }, { countries: ['US'] }, lookups)).toEqual({ ok: true });
    expect(hasEnterpriseRules({})).toBe(false);
  });

  it('refuses a non-SME under smeOnly, naming the rule', () => {
    expect(checkEligibility({ smeOnly: true }, { ...sme, sme: false }, {}, lookups)).toMatchObject({ ok: false, rule: 'smeOnly' });
    expect(checkEligibility({ smeOnly: true }, sme, {}, lookups)).toEqual({ ok: true });
  });

  it('admits a division through its section and refuses one outside', () => {
    expect(checkEligibility({ sectors: ['C'] }, sme, {}, lookups)).toEqual({ ok: true });
    expect(checkEligibility({ sectors: ['38'] }, sme, {}, lookups)).toEqual({ ok: true });
    const refused = checkEligibility({ sectors: ['I', '65'] }, sme, {}, lookups);
    expect(refused).toMatchObject({ ok: false, rule: 'sectors' });
  });

  it('targets the Middle East: Saudi Arabia and Oman in, Germany out; unknown targets are not checked', () => {
    const rules = { regions: ['middle_east'] };
    expect(checkEligibility(rules, sme, { countries: ['SA', 'OM'] }, lookups)).toEqual({ ok: true });
    expect(checkEligibility(rules, sme, { countries: ['SA', 'DE'] }, lookups)).toMatchObject({
      ok: false,
      rule: 'countries',
      reason: expect.stringContaining('DE'),
    });
    expect(checkEligibility(rules, sme, {}, lookups)).toEqual({ ok: true });
    expect(checkEligibility({ countries: ['DE'], regions: ['asean'] }, sme, { countries: ['DE', 'VN'] }, lookups)).toEqual({ ok: true });
  });

  it('refuses an enterprise with an earlier venture under firstVentureOnly', () => {
    expect(checkEligibility({ firstVentureOnly: true }, { ...sme, hasEarlierVenture: true }, {}, lookups)).toMatchObject({ rule: 'firstVentureOnly' });
  });

  it('takes the category rate and the lower of the caps', () => {
    const rules = { categoryTerms: { legal: { rateBps: 5000, cap: 1_000 } } };
    expect(termsFor(rules, 'legal', { rateBps: 3000, perVoucherCap: 5_000 })).toEqual({ rateBps: 5000, perVoucherCap: 1_000 });
    expect(termsFor(rules, 'it_digital', { rateBps: 3000, perVoucherCap: 5_000 })).toEqual({ rateBps: 3000, perVoucherCap: 5_000 });
  });

  it('never raises a cap above the programme’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (programCap, categoryCap) => {
        const { perVoucherCap } = termsFor({ categoryTerms: { legal: { cap: categoryCap } } }, 'legal', { rateBps: 1, perVoucherCap: programCap });
        return perVoucherCap <= programCap && perVoucherCap <= categoryCap;
      }),
    );
  });
});
