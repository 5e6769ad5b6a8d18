import { Injectable } from '@nestjs/common';
import { termsFor } from '../../../libs/eligibility/index.js';
import { commit } from '../../../libs/ledger/index.js';
import { checkVoucherApplicability, computeSubsidy, type Applicability, type EligibilityFacts } from '../../../libs/subsidy/index.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Tx } from '../../db/database.js';
import type { ProgramRow, Redemption, VoucherRow } from '../../db/schema/subsidies.js';
import { AlliancesService, type VettedFacts } from '../alliances/alliances.service.js';
import { EnterprisesService } from '../enterprises/enterprises.service.js';
import { convertBackDown, convertDown } from '../../../libs/money/index.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { FxRatesService, type LockedRate } from './fx-rates.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { ProgramEligibility } from './program-eligibility.js';
import { ProgramFunders } from './funders.service.js';
import { VouchersRepository } from './vouchers.repository.js';
import type { VoucherQuote } from './vouchers.schemas.js';

export interface Purchase {
  enterpriseId: string;
  providerId: string;
  category: string;
  currency: string;
  price: number;
  /** The request's target countries, for a programme that targets countries or regions. */
  countries?: readonly string[];
}

/** What a voucher pays on a purchase, and to whom (the programme's redemption mode). */
export interface GrantedSubsidy {
  subsidy: number;
  payee: Redemption;
}

/** The purchase a voucher is checked against: what the enterprise would buy from whom, at what price. */
export function purchaseOf(
  request: { enterpriseId: string; category: string; countries?: readonly string[] },
  offer: { providerId: string; currency: string; price: number },
): Purchase {
  const { enterpriseId, category, countries } = request;
  return { enterpriseId, providerId: offer.providerId, category, currency: offer.currency, price: offer.price, ...(countries ? { countries } : {}) };
}

interface PartyFacts {
  enterpriseDistrict: string;
  providers: Map<string, { vetted: boolean; vetting: VettedFacts }>;
}

/** The provider's side of applicability, as alliances vetted it; recorded on the claim. */
function eligibilityOf(purchase: Purchase, parties: PartyFacts): EligibilityFacts {
  const provider = parties.providers.get(purchase.providerId);
  return {
    category: purchase.category,
    providerDistrict: provider?.vetting.district ?? '',
    providerCategories: provider?.vetting.categories ?? [],
    providerAllianceDistricts: provider?.vetting.allianceDistricts ?? [],
    providerVetted: provider?.vetted ?? false,
  };
}

function applicability(program: ProgramRow, voucher: VoucherRow, purchase: Purchase, parties: PartyFacts, now: Date): Applicability {
  return checkVoucherApplicability({
    program: program,
    voucher,
    purchase: {
      ...eligibilityOf(purchase, parties),
      enterpriseId: purchase.enterpriseId,
      enterpriseDistrict: parties.enterpriseDistrict,
      currency: purchase.currency,
    },
    now,
  });
}

/** The category's own rate and cap where the programme sets them (libs/eligibility termsFor). */
function subsidyOf(program: ProgramRow, voucher: VoucherRow, purchase: Purchase, groupGranted: number) {
  const m = (amount: number) => ({ amount, currency: program.currency });
  const terms = termsFor(program.eligibility, purchase.category, program);
  return computeSubsidy({
    price: m(purchase.price),
    rateBps: terms.rateBps,
    perVoucherCap: m(terms.perVoucherCap),
    perEnterpriseCap: m(program.perEnterpriseCap),
    voucherRemaining: m(voucher.faceValue - voucher.used),
    groupUsed: m(groupGranted),
  });
}

/** Spending a voucher on an award, and what each voucher would do for a purchase (libs/subsidy). */
@Injectable()
export class RedeemVoucher {
  constructor(
    private readonly repo: VouchersRepository,
    private readonly enterprises: EnterprisesService,
    private readonly providers: ProvidersService,
    private readonly alliances: AlliancesService,
    private readonly ledger: LedgerService,
    private readonly eligibility: ProgramEligibility,
    private readonly fx: FxRatesService,
    private readonly funders: ProgramFunders,
  ) {}

  /**
   * In the award's transaction: checks the voucher applies, computes the subsidy under the
   * voucher's and the group's locks, spends it, records the purchase's claim (unique across
   * every programme) and commits it in the ledger. Any refusal aborts the whole award.
   */
  async redeem(tx: Tx, voucherId: string, engagementId: string, purchase: Purchase, now: Date): Promise<GrantedSubsidy> {
    const voucher = await this.repo.lockVoucher(tx, voucherId);
    // Someone else's voucher and no voucher at all read the same, so ids reveal nothing.
    if (!voucher || voucher.enterpriseId !== purchase.enterpriseId)
      throw new DomainError('voucher_not_applicable', 'The voucher belongs to another enterprise');
    const program = (await this.repo.findProgram(voucher.programId, tx))!;
    // A purchase in another currency counts at the rate locked now; caps, budgets and the ledger stay in the programme's.
    const fx = purchase.currency === program.currency ? null : await this.fx.lock(tx, purchase.currency, program.currency, now);
    const counted = fx ? { ...purchase, currency: program.currency, price: convertDown(purchase.price, fx.rate) } : purchase;
    const parties = await this.partyFacts(purchase.enterpriseId, [purchase.providerId], now, tx);
    const verdict = applicability(program, voucher, counted, parties, now);
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.reason);
    await this.eligibility.require(program, purchase.enterpriseId, { countries: purchase.countries ?? [] }, { engagementId, tx });

    const group = (await this.repo.lockGroup(tx, program.id, voucher.groupKey))!;
    const { subsidy, limitedBy } = subsidyOf(program, voucher, counted, group.granted);
    if (subsidy.amount === 0) {
      if (limitedBy === 'per_enterprise_cap') throw new DomainError('cap_exceeded', "The enterprise's group has reached perEnterpriseCap in this programme");
      throw new DomainError('voucher_not_applicable', 'The voucher would subsidise nothing of this price');
    }
    const used = voucher.used + subsidy.amount;
    await this.repo.setVoucherUsed(tx, voucher.id, used, used === voucher.faceValue ? 'used_up' : 'active');
    await this.repo.shiftGroup(tx, program.id, voucher.groupKey, { reserved: -subsidy.amount, granted: subsidy.amount });
    const payee = program.redemption === 'provider' ? 'provider' : 'enterprise';
    const claim = await this.repo.insertClaim(tx, {
      claimKey: `engagement:${engagementId}`,
      programId: program.id,
      voucherId: voucher.id,
      engagementId,
      enterpriseId: purchase.enterpriseId,
      groupKey: voucher.groupKey,
      providerId: purchase.providerId,
      currency: program.currency,
      price: counted.price,
      amount: subsidy.amount,
      ...(fx
        ? {
            fxCurrency: purchase.currency,
            fxRate: fx.rate.perUnit,
            fxRateDate: fx.date,
            fxSource: fx.source,
            fxPrice: purchase.price,
            fxSubsidy: convertBackDown(subsidy.amount, fx.rate),
            fxMinorFactor: fx.minorFactor,
          }
        : {}),
      redemption: program.redemption,
      payeeType: payee,
      payeeId: payee === 'provider' ? purchase.providerId : purchase.enterpriseId,
      eligibility: eligibilityOf(purchase, parties),
    });
    if (claim === 'claimed') throw new DomainError('conflict', 'This purchase is already subsidised');
    // Co-funded: each funder's part commits from its own available; one that cannot cover it fails the COMMIT.
    const funderMoves = await this.funders.commitClaim(tx, program.id, claim.id, subsidy.amount);
    await this.ledger.post(tx, program.id, 'award.commit', {
      ...commit(subsidy, `engagement:${engagementId}:commit`),
      ...(funderMoves.length ? { funderMoves } : {}),
    });
    // The engagement deducts the subsidy in its own currency, at the locked rate (rounded down).
    return { subsidy: fx ? convertBackDown(subsidy.amount, fx.rate) : subsidy.amount, payee };
  }

  /**
   * What each of the enterprise's live vouchers would subsidise on each purchase, without
   * locking anything: estimates for bids and matches, and matching's voucher factor (on its
   * transaction, `tx`). Keyed by the purchase's index.
   */
  async quotes(enterpriseId: string, purchases: Purchase[], now: Date, tx?: Tx): Promise<VoucherQuote[][]> {
    const live = await this.repo.liveVouchersOf(enterpriseId, now, tx);
    if (live.length === 0 || purchases.length === 0) return purchases.map(() => []);
    const parties = await this.partyFacts(enterpriseId, [...new Set(purchases.map((p) => p.providerId))], now, tx);
    const granted = await this.repo.grantedTo(live[0]!.voucher.groupKey, [...new Set(live.map((l) => l.program.id))], tx);
    const ineligible = await this.ineligiblePrograms(
      enterpriseId,
      live.map((l) => l.program),
      tx,
    );
    const rates = await this.todaysRates(purchases, now, tx);
    return purchases.map((purchase) =>
      live.flatMap(({ voucher, program }) => {
        // A purchase in another currency is quoted at the rate an award would lock now (none fresh: no quote).
        const fx = purchase.currency === program.currency ? null : (rates.get(purchase.currency) ?? null);
        if (purchase.currency !== program.currency && (!fx || fx.rate.to !== program.currency)) return [];
        const counted = fx ? { ...purchase, currency: program.currency, price: convertDown(purchase.price, fx.rate) } : purchase;
        if (!applicability(program, voucher, counted, parties, now).ok) return [];
        if (ineligible.has(program.id)) return [];
        const { subsidy } = subsidyOf(program, voucher, counted, granted.get(program.id) ?? 0);
        if (subsidy.amount === 0) return [];
        const own = fx ? convertBackDown(subsidy.amount, fx.rate) : subsidy.amount;
        const quote: VoucherQuote = {
          voucherId: voucher.id,
          programId: program.id,
          subsidy: { amount: own, currency: purchase.currency },
          cost: { amount: purchase.price - own, currency: purchase.currency },
        };
        if (fx) {
          const inProgram = (amount: number) => ({ amount, currency: program.currency });
          quote.converted = {
            cnyPerUnit: fx.rate.perUnit,
            rateDate: fx.date,
            source: fx.source,
            price: inProgram(counted.price),
            subsidy: inProgram(subsidy.amount),
            cost: inProgram(counted.price - subsidy.amount),
          };
        }
        return [quote];
      }),
    );
  }

  /** The rate an award would lock now for each foreign currency among the purchases (null: none fresh). */
  private async todaysRates(purchases: Purchase[], now: Date, tx?: Tx): Promise<Map<string, LockedRate | null>> {
    const currencies = [...new Set(purchases.map((p) => p.currency))].filter((c) => c !== 'CNY');
    const rates = new Map<string, LockedRate | null>();
    for (const currency of currencies) rates.set(currency, await this.fx.today(currency, 'CNY', now, tx));
    return rates;
  }

  /** Programmes whose enterprise rules refuse this enterprise (targets are checked at the award). */
  private async ineligiblePrograms(enterpriseId: string, programs: ProgramRow[], tx?: Tx): Promise<Set<string>> {
    const refused = new Set<string>();
    for (const program of programs) {
      await this.eligibility.require(program, enterpriseId, {}, { tx }).catch((error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        refused.add(program.id);
      });
    }
    return refused;
  }

  /**
   * Inside a transaction, every read goes through it: taking a second pooled connection while
   * holding one would deadlock the pool under load.
   */
  private async partyFacts(enterpriseId: string, providerIds: string[], now: Date, tx?: Tx): Promise<PartyFacts> {
    const enterprise = await this.enterprises.subsidyFacts(enterpriseId, tx);
    const providers = await this.providers.subsidyFacts(providerIds, now, tx);
    const vetting = await this.alliances.vettedFacts(providerIds, now, tx);
    const facts = new Map(
      [...providers].map(([id, p]) => [id, { vetted: p.vetted, vetting: vetting.get(id) ?? { allianceDistricts: [], district: '', categories: [] } }] as const),
    );
    return { enterpriseDistrict: enterprise?.district ?? '', providers: facts };
  }
}
