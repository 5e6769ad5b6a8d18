/**
 * Which enterprises a programme serves (issue 28, "Programmes that target"): rules the district
 * officer sets when it creates the programme, checked on every voucher issue, application and
 * award. Business outcomes come back as decisions naming the rule; the service turns a refusal
 * into 409 `enterprise_not_eligible`.
 */
export interface CategoryTerms {
  /** Replaces the programme's rate for purchases in this category. */
  rateBps?: number;
  /** The most one purchase in this category is subsidised, in the programme's minor units. */
  cap?: number;
}

export interface EligibilityRules {
  /** Only enterprises registered as SMEs (the enterprise's `sme`). */
  smeOnly?: boolean;
  /** GB/T 4754 sections (`C`) or divisions (`38`): the enterprise's sector must be one or fall in one. */
  sectors?: readonly string[];
  /** ISO 3166-1 alpha-2 target countries; with `regions`, a purchase's target must be in one of either. */
  countries?: readonly string[];
  /** Region codes of the reference data (`middle_east`, `belt_and_road`). */
  regions?: readonly string[];
  /** Only an enterprise's first venture abroad: no earlier engagement on the platform. */
  firstVentureOnly?: boolean;
  /** Per-category rates and caps, by category code. */
  categoryTerms?: Readonly<Record<string, CategoryTerms>>;
}

export interface EnterpriseFacts {
  sme: boolean;
  /** A GB/T 4754 division (or section) code. */
  sector: string;
  /** Whether the enterprise already has an engagement (an earlier venture abroad) on the platform. */
  hasEarlierVenture: boolean;
}

/** Where the enterprise is going: unknown at a plain issue (no purchase yet), so not checked then. */
export interface TargetFacts {
  countries?: readonly string[];
}

export type EligibilityRule = 'smeOnly' | 'sectors' | 'countries' | 'firstVentureOnly';
export type Eligibility = { ok: true } | { ok: false; rule: EligibilityRule; reason: string };

export interface ReferenceLookups {
  sectionOf(sector: string): string | undefined;
  regionCountries(region: string): readonly string[];
}

function refuse(rule: EligibilityRule, reason: string): Eligibility {
  return { ok: false, rule, reason };
}

/** The countries the rules admit, or null when they admit every country. */
export function targetCountries(rules: EligibilityRules, lookups: ReferenceLookups): Set<string> | null {
  if (!rules.countries?.length && !rules.regions?.length) return null;
  return new Set([...(rules.countries ?? []), ...(rules.regions ?? []).flatMap((r) => lookups.regionCountries(r))]);
}

/** Checks the rules in a fixed order and reports the first that fails. */
export function checkEligibility(rules: EligibilityRules, enterprise: EnterpriseFacts, target: TargetFacts, lookups: ReferenceLookups): Eligibility {
  if (rules.smeOnly && !enterprise.sme) return refuse('smeOnly', 'the programme is for SMEs only and the enterprise is not registered as an SME');
  if (rules.sectors?.length) {
    const section = lookups.sectionOf(enterprise.sector);
    if (!rules.sectors.includes(enterprise.sector) && !(section && rules.sectors.includes(section))) {
      return refuse('sectors', `the programme covers sectors ${rules.sectors.join(', ')}; the enterprise is in ${enterprise.sector}`);
    }
  }
  const admitted = targetCountries(rules, lookups);
  if (admitted && target.countries) {
    const outside = target.countries.filter((c) => !admitted.has(c));
    if (target.countries.length === 0 || outside.length > 0) {
      const scope = [...(rules.regions ?? []), ...(rules.countries ?? [])].join(', ');
      return refuse('countries', `the programme targets ${scope}; ${outside.join(', ') || 'no country'} is outside it`);
    }
  }
  if (rules.firstVentureOnly && enterprise.hasEarlierVenture) {
    return refuse('firstVentureOnly', "the programme is for an enterprise's first venture abroad and this one has an earlier engagement");
  }
  return { ok: true };
}

/** Whether any rule needs the enterprise's facts (a programme without rules skips the read). */
export function hasEnterpriseRules(rules: EligibilityRules): boolean {
  return Boolean(rules.smeOnly || rules.sectors?.length || rules.countries?.length || rules.regions?.length || rules.firstVentureOnly);
}

/** The rate and the per-purchase cap for a category: the category's own terms over the programme's. */
export function termsFor(
  rules: EligibilityRules,
  category: string,
  program: { rateBps: number; perVoucherCap: number },
): { rateBps: number; perVoucherCap: number } {
  const own = rules.categoryTerms?.[category];
  return { rateBps: own?.rateBps ?? program.rateBps, perVoucherCap: Math.min(program.perVoucherCap, own?.cap ?? program.perVoucherCap) };
}
