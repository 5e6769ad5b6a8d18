import { describe, expect, it } from '@jest/globals';
import { coverageGaps, demandFromRequests, MIN_VETTED_MEMBERS } from './coverage.js';

const member = (providerId: string, countries: string[], categories: string[]) => ({ providerId, countries, categories });
const cell = (country: string, category: string, requests: number) => ({ country, category, requests });

describe('coverageGaps', () => {
  const members = [
    member('p1', ['SA', 'AE'], ['legal', 'tax']),
    member('p2', ['SA'], ['legal', 'tax']),
    member('p3', ['SA'], ['legal']),
    member('p4', ['AE'], ['hr']),
  ];

  it('lists the cells with fewer than 3 vetted members, by demand, then country, then category', () => {
    const demand = [cell('SA', 'legal', 10), cell('SA', 'tax', 5), cell('AE', 'legal', 5), cell('AE', 'tax', 12), cell('VN', 'hr', 0)];
    expect(MIN_VETTED_MEMBERS).toBe(3);
    expect(coverageGaps(demand, members)).toEqual([
      { country: 'AE', category: 'tax', vettedMembers: 1, demand: 12 },
      { country: 'AE', category: 'legal', vettedMembers: 1, demand: 5 },
      { country: 'SA', category: 'tax', vettedMembers: 2, demand: 5 },
      { country: 'VN', category: 'hr', vettedMembers: 0, demand: 0 },
    ]);
  });

  it('is no gap at exactly 3 members, and one at 3 with a threshold of 4', () => {
    expect(coverageGaps([cell('SA', 'legal', 10)], members)).toEqual([]);
    expect(coverageGaps([cell('SA', 'legal', 10)], members, 4)).toEqual([{ country: 'SA', category: 'legal', vettedMembers: 3, demand: 10 }]);
  });

  it('needs the country and the category in the same member', () => {
    // p4 covers AE but not legal, p3 legal but not AE.
    expect(coverageGaps([cell('AE', 'legal', 1)], members)[0]?.vettedMembers).toBe(1);
  });

  it('adds up demand for a cell listed twice and counts a member listed twice once', () => {
    const twice = [...members, member('p2', ['SA'], ['hr'])];
    expect(coverageGaps([cell('SA', 'tax', 2), cell('SA', 'tax', 3)], twice)).toEqual([{ country: 'SA', category: 'tax', vettedMembers: 2, demand: 5 }]);
  });

  it('refuses a negative or fractional demand and a threshold below 1', () => {
    expect(() => coverageGaps([cell('SA', 'tax', -1)], members)).toThrow(RangeError);
    expect(() => coverageGaps([cell('SA', 'tax', 1.5)], members)).toThrow(RangeError);
    expect(() => coverageGaps([], members, 0)).toThrow(RangeError);
  });
});

describe('demandFromRequests', () => {
  it('counts a request once in each distinct target country', () => {
    const demand = demandFromRequests([
      { countries: ['SA', 'AE', 'SA'], category: 'legal' },
      { countries: ['SA'], category: 'legal' },
      { countries: ['SA'], category: 'tax' },
    ]);
    expect(demand).toEqual([cell('SA', 'legal', 2), cell('AE', 'legal', 1), cell('SA', 'tax', 1)]);
  });
});
