/**
 * Whether a voucher may subsidise a purchase (docs/api.md "Award with a voucher"). Business outcomes
 * come back as decisions; only impossible inputs (an invalid Date) throw.
 */
export type ProviderRule = 'in_district' | 'alliance_member' | 'any_vetted';
export type EnterpriseRule = 'in_district' | 'any';
export type VoucherStatus = 'active' | 'revoked' | 'expired' | 'used_up';

export interface ProgramTerms {
  district: string;
  categories: readonly string[];
  providerRule: ProviderRule;
  enterpriseRule: EnterpriseRule;
  /** The window is half-open: validFrom ≤ now < validTo. */
  validFrom: Date;
  validTo: Date;
  currency: string;
}

export interface VoucherFacts {
  enterpriseId: string;
  /** The voucher stops applying at expiresAt itself. */
  expiresAt: Date;
  status: VoucherStatus;
}

/**
 * What makes a provider eligible for a purchase, as an alliance vetted it: the district and
 * categories recorded when a manager last approved it (not the provider's own profile, which it
 * may edit), and the alliances it is an active member of. Kept on each claim.
 */
export interface EligibilityFacts {
  category: string;
  /** The district vetted by the latest approval; '' if the provider is not vetted. */
  providerDistrict: string;
  /** The categories vetted by the latest approval. */
  providerCategories: readonly string[];
  /** Districts covered by the alliances in which the provider is an active, current member. */
  providerAllianceDistricts: readonly string[];
  providerVetted: boolean;
}

export interface PurchaseFacts extends EligibilityFacts {
  enterpriseId: string;
  enterpriseDistrict: string;
  currency: string;
}

export interface ApplicabilityInput {
  program: ProgramTerms;
  voucher: VoucherFacts;
  purchase: PurchaseFacts;
  now: Date;
}

export type ApplicabilityCode = 'voucher_not_applicable' | 'provider_not_eligible';

export type Applicability = { ok: true } | { ok: false; code: ApplicabilityCode; reason: string };

function assertDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${name} must be a valid Date`);
}

function notApplicable(reason: string): Applicability {
  return { ok: false, code: 'voucher_not_applicable', reason };
}

/**
 * What each providerRule admits. `alliance_member` means: an active, current member of at
 * least one alliance that covers the programme's district — so a Suzhou firm in the G60
 * alliance qualifies for a Songjiang programme, and a Jing'an firm in no Xuhui-covering
 * alliance does not qualify for Xuhui. `in_district` follows Xuhui's policy text ("providers
 * in the district"): the district the provider was vetted in; `any_vetted` admits any vetted
 * provider wherever it sits. Every rule also needs the purchase's category among the categories
 * the provider was vetted for. Reconciliation checks a claim's recorded facts with this again.
 */
export function providerFailure(program: Pick<ProgramTerms, 'district' | 'providerRule'>, purchase: EligibilityFacts): string | null {
  if (!purchase.providerVetted) return 'provider is not vetted by any alliance';
  if (!purchase.providerCategories.includes(purchase.category)) return `provider is not vetted for category ${purchase.category}`;
  switch (program.providerRule) {
    case 'in_district':
      return purchase.providerDistrict === program.district
        ? null
        : `provider is in ${purchase.providerDistrict}, the programme requires a provider in ${program.district}`;
    case 'alliance_member':
      return purchase.providerAllianceDistricts.includes(program.district)
        ? null
        : `provider is not an active member of an alliance covering ${program.district}`;
    case 'any_vetted':
      return null;
  }
}

/** Checks in a fixed order and reports the first failure. */
export function checkVoucherApplicability({ program, voucher, purchase, now }: ApplicabilityInput): Applicability {
  assertDate(now, 'now');
  assertDate(voucher.expiresAt, 'voucher.expiresAt');
  assertDate(program.validFrom, 'programme.validFrom');
  assertDate(program.validTo, 'programme.validTo');

  if (voucher.enterpriseId !== purchase.enterpriseId) return notApplicable('the voucher belongs to another enterprise');
  if (voucher.status === 'revoked') return notApplicable('the voucher has been revoked');
  if (voucher.status === 'used_up') return notApplicable('the voucher is used up');
  if (voucher.status === 'expired' || now >= voucher.expiresAt) {
    return notApplicable(`the voucher expired at ${voucher.expiresAt.toISOString()}`);
  }
  if (now < program.validFrom || now >= program.validTo) {
    return notApplicable(`the programme is valid from ${program.validFrom.toISOString()} until ${program.validTo.toISOString()}`);
  }
  if (purchase.currency !== program.currency) {
    return notApplicable(`the purchase is in ${purchase.currency}, the programme in ${program.currency}`);
  }
  if (!program.categories.includes(purchase.category)) {
    return notApplicable(`category ${purchase.category} is not covered by the programme`);
  }
  if (program.enterpriseRule === 'in_district' && purchase.enterpriseDistrict !== program.district) {
    return notApplicable(`the enterprise is in ${purchase.enterpriseDistrict}, the programme requires ${program.district}`);
  }
  const providerReason = providerFailure(program, purchase);
  if (providerReason) return { ok: false, code: 'provider_not_eligible', reason: providerReason };
  return { ok: true };
}
