/** A country × category with fewer vetted members than this is a coverage gap (docs/api.md "Match quality"). */
export const MIN_VETTED_MEMBERS = 3;

/** Requests seen for one country × category. */
export interface DemandCell {
  country: string;
  category: string;
  requests: number;
}

/** What one vetted member covers. */
export interface MemberCoverage {
  providerId: string;
  countries: readonly string[];
  categories: readonly string[];
}

export interface CoverageGap {
  country: string;
  category: string;
  /** Vetted members covering both the country and the category. */
  vettedMembers: number;
  /** Requests seen there. */
  demand: number;
}

const cellKey = (country: string, category: string) => `${country}\u0000${category}`;

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Demand per country × category from requests: a request counts once in each distinct target
 * country, under its category.
 */
export function demandFromRequests(requests: readonly { countries: readonly string[]; category: string }[]): DemandCell[] {
  const cells = new Map<string, DemandCell>();
  for (const { countries, category } of requests) {
    for (const country of new Set(countries)) {
      const key = cellKey(country, category);
      const cell = cells.get(key) ?? { country, category, requests: 0 };
      cell.requests++;
      cells.set(key, cell);
    }
  }
  return [...cells.values()];
}

/**
 * The country × category cells with demand that fewer than `threshold` vetted members cover
 * (a member covers a cell when it lists both the country and the category), with that count
 * and the demand. Cells listed more than once have their demand added up; a member listed more
 * than once counts once, covering what its entries list together. Codes are compared exactly,
 * so the caller passes them normalised.
 * Sorted by demand descending, then country, then category (code-unit order, not locale).
 * Throws RangeError on a demand that is not a non-negative integer or a threshold below 1.
 */
export function coverageGaps(demand: readonly DemandCell[], vettedMembers: readonly MemberCoverage[], threshold: number = MIN_VETTED_MEMBERS): CoverageGap[] {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be an integer ≥ 1, got ${threshold}`);
  const cells = new Map<string, CoverageGap>();
  for (const { country, category, requests } of demand) {
    if (!Number.isSafeInteger(requests) || requests < 0) {
      throw new RangeError(`demand in ${country} × ${category} must be a non-negative integer, got ${requests}`);
    }
    const key = cellKey(country, category);
    const cell = cells.get(key) ?? { country, category, vettedMembers: 0, demand: 0 };
    cell.demand += requests;
    cells.set(key, cell);
  }
  const members = new Map<string, { countries: Set<string>; categories: Set<string> }>();
  for (const member of vettedMembers) {
    const known = members.get(member.providerId) ?? { countries: new Set<string>(), categories: new Set<string>() };
    for (const country of member.countries) known.countries.add(country);
    for (const category of member.categories) known.categories.add(category);
    members.set(member.providerId, known);
  }
  for (const cell of cells.values()) {
    for (const { countries, categories } of members.values()) {
      if (countries.has(cell.country) && categories.has(cell.category)) cell.vettedMembers++;
    }
  }
  return [...cells.values()]
    .filter((cell) => cell.vettedMembers < threshold)
    .sort((a, b) => b.demand - a.demand || byCode(a.country, b.country) || byCode(a.category, b.category));
}
