import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_WEIGHTS, rankWithFairExposure, scoreCandidate, type Weights } from '../../../libs/scoring/index.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { MatchResultRow } from '../../db/schema/matching.js';
import type { ServiceRequestRow } from '../../db/schema/requests.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import { EnterprisesService } from '../enterprises/enterprises.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { RedeemVoucher } from '../subsidies/redeem-voucher.js';
import { candidateFactsOf, requestFactsOf } from './candidate-facts.js';
import { MatchingRepository } from './matching.repository.js';
import { NO_HISTORY, ProviderHistoryRepository } from './provider-history.repository.js';
import { DAY_MS } from '../../../libs/time/index.js';
import { purchaseOf } from '../subsidies/redeem-voucher.js';

export interface MatchOutcome {
  candidates: number;
  invited: string[];
}

/**
 * Matching of docs/architecture.md "Matching": candidates in SQL, every factor scored and explained in
 * libs/scoring, near-equal scores reordered for fair exposure, the ranking stored, the top K
 * invited through the outbox — all in the publishing transaction.
 */
@Injectable()
export class MatchingService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly providers: ProvidersService,
    private readonly repo: MatchingRepository,
    private readonly notifications: NotificationsService,
    private readonly alliances: AlliancesService,
    private readonly enterprises: EnterprisesService,
    private readonly history: ProviderHistoryRepository,
    private readonly vouchers: RedeemVoucher,
  ) {}

  /** `excluded`: the providers the enterprise excluded from this request; never candidates. */
  async matchRequest(tx: Tx, request: ServiceRequestRow, now: Date, excluded: string[] = []): Promise<MatchOutcome> {
    const { topK, band, windowDays, keep } = this.config.matching;
    const listed = await this.providers.matchCandidates(tx, {
      category: request.category,
      services: request.services,
      countries: request.countries,
      now,
      excludeId: request.enterpriseId,
      excludeIds: excluded,
    });
    const past = await this.history.historyOf(
      tx,
      listed.map((c) => c.id),
      request.countries,
    );
    // Free capacity: a provider with as many open engagements as its capacity takes no more.
    const candidates = listed.filter((c) => (past.get(c.id)?.openEngagements ?? 0) < c.capacity);
    const weights = await this.weightsFor(tx, request);
    const requestFacts = requestFactsOf(request);
    const ids = candidates.map((c) => c.id);
    const vouchers = await this.voucherEstimates(tx, request, ids, now);
    const factsOf = (c: (typeof candidates)[number]) => candidateFactsOf(c, request, past.get(c.id) ?? NO_HISTORY, vouchers.get(c.id) ?? null);
    const scored = new Map(candidates.map((c) => [c.id, scoreCandidate(requestFacts, factsOf(c), weights, { reasons: false })]));
    const exposure = await this.repo.invitationHistory(tx, ids, new Date(now.getTime() - windowDays * DAY_MS));
    const ranked = rankWithFairExposure(
      [...scored].map(([providerId, s]) => ({
        providerId,
        score: s.score,
        recentInvitations: exposure.get(providerId)?.recent ?? 0,
        lastInvitedAt: exposure.get(providerId)?.lastInvitedAt ?? null,
      })),
      { band, seed: request.id },
    ).slice(0, keep);

    const byId = new Map(candidates.map((c) => [c.id, c]));
    const invited = ranked.slice(0, topK).map((r) => r.providerId);
    await this.repo.replaceResults(
      tx,
      request.id,
      ranked.map((r) => {
        // Reasons only for the stored few: explaining costs more than scoring.
        const explained = scoreCandidate(requestFacts, factsOf(byId.get(r.providerId)!), weights);
        return {
          requestId: request.id,
          providerId: r.providerId,
          rank: r.rank,
          score: explained.score,
          factors: explained.factors,
          reasons: explained.reasons,
          invited: r.rank <= topK,
        };
      }),
    );
    const newlyInvited = await this.repo.invite(tx, request.id, invited, now);
    await this.notifications.notifyMany(
      tx,
      newlyInvited.map((providerId) => ({ event: 'request.invited', recipientOrg: providerId, data: { requestId: request.id, title: request.title } })),
    );
    return { candidates: candidates.length, invited };
  }

  /**
   * Per candidate, the best of the enterprise's live vouchers on a purchase at the request's
   * maximum budget — the estimate the matches view shows, under the award's own applicability
   * rules (libs/subsidy through RedeemVoucher), read on the publishing transaction.
   */
  private async voucherEstimates(tx: Tx, request: ServiceRequestRow, providerIds: string[], now: Date) {
    const estimates = new Map<string, { price: number; costAfterSubsidy: number }>();
    if (request.budgetMax === 0) return estimates;
    const atBudget = (providerId: string) => purchaseOf(request, { providerId, currency: request.currency, price: request.budgetMax });
    const quotes = await this.vouchers.quotes(request.enterpriseId, providerIds.map(atBudget), now, tx);
    quotes.forEach((options, i) => {
      const cheapest = Math.min(...options.map((q) => q.cost.amount));
      if (options.length > 0) estimates.set(providerIds[i]!, { price: request.budgetMax, costAfterSubsidy: cheapest });
    });
    return estimates;
  }

  /** The weights of the enterprise's district alliance, else the platform's, else libs/scoring's defaults. */
  private async weightsFor(tx: Tx, request: ServiceRequestRow): Promise<Weights> {
    const district = await this.enterprises.districtOf(request.enterpriseId, tx);
    return (district && (await this.alliances.weightsForDistrict(district, tx))) || this.config.matching.weights || DEFAULT_WEIGHTS;
  }

  async results(requestId: string, limit: number): Promise<MatchResultRow[]> {
    return this.repo.results(requestId, limit);
  }

  async isInvited(requestId: string, providerId: string, tx?: DbOrTx): Promise<boolean> {
    return this.repo.isInvited(requestId, providerId, tx);
  }

  /** Every provider invited to the request (for an addendum to all of them). */
  async invitedProviders(requestId: string, tx?: DbOrTx): Promise<string[]> {
    return this.repo.invitedProviders(requestId, tx);
  }
}
