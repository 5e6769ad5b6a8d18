import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_WEIGHTS, FACTORS, type FactorName, type Weights } from './factors.js';
import type { CandidateFacts, RequestFacts } from './facts.js';
import { scoreCandidate } from './score-candidate.js';
import { candidateArb, candidateFacts, rawWeightsArb, requestArb, requestFacts } from './test-facts.js';
import { resolveWeights } from './weights.js';

function resolved(raw?: Partial<Weights>): Weights {
  const result = resolveWeights(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.weights;
}

const weightsArb = rawWeightsArb.map(resolved);

const gulfRequest = requestFacts({
  countries: ['SA', 'AE'],
  services: ['odi_filing', 'entity_setup'],
  sector: '38',
  languages: ['zh-CN', 'ar'],
  budget: { min: 10_000_000, max: 30_000_000 },
});

const gulfFirm = candidateFacts({
  countries: ['SA', 'AE', 'OM'],
  overseasOffices: ['SA'],
  services: ['odi_filing', 'entity_setup', 'contracts'],
  sectors: ['36'],
  languages: ['zh', 'ar', 'en'],
  priceBand: { min: 12_000_000, max: 25_000_000 },
  ratingCount: 12,
  ratingSum: 55,
  engagementsClosed: 20,
  engagementsCompleted: 19,
  completedInTargetCountries: 4,
  voucher: { price: 20_000_000, costAfterSubsidy: 14_000_000 },
});

describe('scoreCandidate', () => {
  it('explains a Gulf firm factor by factor, strongest first', () => {
    const scored = scoreCandidate(gulfRequest, gulfFirm, DEFAULT_WEIGHTS);
    expect(scored.factors.map((f) => f.name)).toEqual(FACTORS);
    expect(scored.factors.find((f) => f.name === 'country_coverage')).toEqual({
      name: 'country_coverage',
      value: expect.closeTo(0.85, 12),
      weight: 0.09,
      contribution: expect.closeTo(0.0765, 12),
    });
    expect(scored.reasons.slice(0, 3)).toEqual([
      { factor: 'quality', zh: '评分 4.6（12 条评价）；已完成 20 个项目中的 19 个', en: 'Rated 4.6 from 12 reviews; completed 19 of 20 engagements' },
      { factor: 'service_fit', zh: '提供所需的 2 项服务中的 2 项', en: 'Offers 2 of the 2 services requested' },
      { factor: 'country_coverage', zh: '在沙特阿拉伯设有办公室；覆盖阿联酋', en: 'Has an office in Saudi Arabia; covers United Arab Emirates' },
    ]);
    expect(scored.reasons.map((r) => r.factor)).toHaveLength(FACTORS.length);
  });

  it('leaves out the reasons of factors that contribute nothing', () => {
    const scored = scoreCandidate(gulfRequest, { ...gulfFirm, voucher: null, completedInTargetCountries: 0 }, DEFAULT_WEIGHTS);
    expect(scored.reasons.map((r) => r.factor)).not.toContain('voucher_eligibility');
    expect(scored.reasons.map((r) => r.factor)).not.toContain('track_record');
    expect(scored.reasons).toHaveLength(FACTORS.length - 2);
  });

  it('gives every reason, in factor order, when nothing contributes', () => {
    const onlyVoucher = resolved(Object.fromEntries(FACTORS.map((name) => [name, name === 'voucher_eligibility' ? 1 : 0])));
    const scored = scoreCandidate(gulfRequest, { ...gulfFirm, voucher: null }, onlyVoucher);
    expect(scored.score).toBe(0);
    expect(scored.reasons.map((r) => r.factor)).toEqual(FACTORS);
  });

  it('refuses weights that do not come normalised from resolveWeights', () => {
    expect(() => scoreCandidate(gulfRequest, gulfFirm, { ...DEFAULT_WEIGHTS, quality: 1 })).toThrow(RangeError);
    expect(() => scoreCandidate(gulfRequest, gulfFirm, { ...DEFAULT_WEIGHTS, quality: -0.15, price_fit: 0.4 })).toThrow(RangeError);
  });

  it('keeps every factor value within [0, 1]', () => {
    fc.assert(
      fc.property(requestArb, candidateArb, weightsArb, (request, candidate, weights) => {
        for (const { value } of scoreCandidate(request, candidate, weights).factors) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('scores the sum of value × weight, within [0, 1]', () => {
    fc.assert(
      fc.property(requestArb, candidateArb, weightsArb, (request, candidate, weights) => {
        const { score, factors } = scoreCandidate(request, candidate, weights);
        let sum = 0;
        for (const f of factors) {
          expect(f.weight).toBe(weights[f.name]);
          expect(f.contribution).toBe(f.value * f.weight);
          sum += f.contribution;
        }
        expect(Math.abs(score - sum)).toBeLessThanOrEqual(1e-12);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('scores 1 for a provider perfect on every factor', () => {
    const perfect = { ...gulfFirm, overseasOffices: ['SA', 'AE'], sectors: ['38'], voucher: null };
    const weights = resolved({ voucher_eligibility: 0, quality: 0, responsiveness: 0, track_record: 0 });
    expect(scoreCandidate(gulfRequest, perfect, weights).score).toBeCloseTo(1, 12);
  });

  it('gives a factor weighted 0 no contribution and no reason', () => {
    fc.assert(
      fc.property(requestArb, candidateArb, rawWeightsArb, fc.constantFrom(...FACTORS), (request, candidate, raw, name) => {
        fc.pre(FACTORS.some((other) => other !== name && raw[other] > 0));
        const scored = scoreCandidate(request, candidate, resolved({ ...raw, [name]: 0 }));
        expect(scored.factors.find((f) => f.name === name)!.contribution).toBe(0);
        if (scored.score > 0) expect(scored.reasons.map((r) => r.factor)).not.toContain(name);
      }),
    );
  });

  it('never gives a factor a smaller share of the score when its weight is doubled', () => {
    fc.assert(
      fc.property(requestArb, candidateArb, rawWeightsArb, fc.constantFrom(...FACTORS), (request, candidate, raw, name) => {
        const share = (weights: Weights) => {
          const scored = scoreCandidate(request, candidate, weights);
          return scored.score === 0 ? 0 : scored.factors.find((f) => f.name === name)!.contribution / scored.score;
        };
        expect(share(resolved({ ...raw, [name]: raw[name] * 2 }))).toBeGreaterThanOrEqual(share(resolved(raw)) - 1e-12);
      }),
    );
  });

  it('scores and weighs the same when asked for no reasons', () => {
    fc.assert(
      fc.property(requestArb, candidateArb, weightsArb, (request, candidate, weights) => {
        const full = scoreCandidate(request, candidate, weights);
        expect(scoreCandidate(request, candidate, weights, { reasons: false })).toEqual({ ...full, reasons: [] });
      }),
    );
  });

  it('gives the same output, reasons included, for the same inputs', () => {
    fc.assert(
      fc.property(requestArb, candidateArb, weightsArb, (request, candidate, weights) => {
        const { sectionOf, countryName, ...data } = request;
        const requestCopy = { ...structuredClone(data), sectionOf, countryName };
        const first = scoreCandidate(request, candidate, weights);
        expect(scoreCandidate(requestCopy, structuredClone(candidate), { ...weights })).toEqual(first);
      }),
    );
  });
});

type Improve = (request: RequestFacts, candidate: CandidateFacts, pick: number) => CandidateFacts | null;

const pickOf = <T>(items: readonly T[], pick: number): T | null => (items.length === 0 ? null : items[pick % items.length]!);

/** One better fact each, and the factor it may raise. */
const IMPROVEMENTS: readonly [string, FactorName, Improve][] = [
  ['covering another target country', 'country_coverage', (r, c, p) => ({ ...c, countries: [...c.countries, pickOf(r.countries, p)!] })],
  ['opening an office in a target country', 'country_coverage', (r, c, p) => ({ ...c, overseasOffices: [...c.overseasOffices, pickOf(r.countries, p)!] })],
  ['offering another requested service', 'service_fit', (r, c, p) => ({ ...c, services: [...c.services, pickOf(r.services, p)!] })],
  ['listing the requested sector', 'sector_experience', (r, c) => ({ ...c, sectors: [...c.sectors, r.sector] })],
  [
    'listing the section of the requested sector',
    'sector_experience',
    (r, c) => {
      const section = r.sectionOf(r.sector);
      return section === undefined ? null : { ...c, sectors: [...c.sectors, section] };
    },
  ],
  [
    'speaking a requested language',
    'language',
    (r, c, p) => {
      const language = pickOf(r.languages, p);
      return language === null ? null : { ...c, languages: [...c.languages, language] };
    },
  ],
  ['a higher rating with the same count', 'quality', (_r, c) => (c.ratingSum < 5 * c.ratingCount ? { ...c, ratingSum: c.ratingSum + 1 } : null)],
  [
    'completing an engagement that had not been',
    'quality',
    (_r, c) => (c.engagementsCompleted < c.engagementsClosed ? { ...c, engagementsCompleted: c.engagementsCompleted + 1 } : null),
  ],
  [
    'bidding on one more of its invitations',
    'responsiveness',
    (_r, c) => (c.invitationsBid < c.invitationsReceived ? { ...c, invitationsBid: c.invitationsBid + 1 } : null),
  ],
  [
    'bidding faster',
    'responsiveness',
    (_r, c, p) => (c.medianHoursToFirstBid === null ? null : { ...c, medianHoursToFirstBid: (c.medianHoursToFirstBid * (p % 100)) / 100 }),
  ],
  [
    'a lower price within budget',
    'price_fit',
    (r, c, p) => {
      const band = c.priceBand;
      if (band === null) return { ...c, priceBand: { min: r.budget.min, max: r.budget.min } };
      if (band.min < r.budget.min) return null;
      const min = r.budget.min + (p % (band.min - r.budget.min + 1));
      return { ...c, priceBand: { min, max: min + ((p * 7919) % (band.max - min + 1)) } };
    },
  ],
  [
    'one more engagement completed in the target countries',
    'track_record',
    (_r, c) => ({ ...c, completedInTargetCountries: c.completedInTargetCountries + 1 }),
  ],
  [
    'a voucher paying more of the price',
    'voucher_eligibility',
    (_r, c, p) =>
      c.voucher === null
        ? { ...c, voucher: { price: 1000, costAfterSubsidy: 1000 - (p % 1001) } }
        : { ...c, voucher: { ...c.voucher, costAfterSubsidy: Math.floor((c.voucher.costAfterSubsidy * (p % 100)) / 100) } },
  ],
];

describe('scoreCandidate is monotonic in each factor', () => {
  it.each(IMPROVEMENTS)('never scores lower for %s, nor lowers %s', (_label, factor, improve) => {
    fc.assert(
      fc.property(requestArb, candidateArb, weightsArb, fc.nat(), (request, candidate, weights, pick) => {
        const better = improve(request, candidate, pick);
        fc.pre(better !== null);
        const before = scoreCandidate(request, candidate, weights);
        const after = scoreCandidate(request, better, weights);
        for (const [i, name] of FACTORS.entries()) {
          if (name === factor) expect(after.factors[i]!.value).toBeGreaterThanOrEqual(before.factors[i]!.value);
          else expect(after.factors[i]!.value).toBe(before.factors[i]!.value);
        }
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
    );
  });
});
