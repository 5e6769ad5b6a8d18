import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { actsFor, visibleTo } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { MatchResultRow } from '../../db/schema/matching.js';
import type { ServiceRequestRow } from '../../db/schema/requests.js';
import { AuditService } from '../audit/audit.service.js';
import { EnterprisesService } from '../enterprises/enterprises.service.js';
import { RiskAlertsService } from '../information/risk-alerts.service.js';
import { MatchingService } from '../matching/matching.service.js';
import { RedeemVoucher } from '../subsidies/redeem-voucher.js';
import type { VoucherQuote } from '../subsidies/vouchers.schemas.js';
import { RequestExclusionsRepository } from './request-exclusions.repository.js';
import { RequestsRepository } from './requests.repository.js';
import type { CreateRequestBody, RequestView } from './requests.schemas.js';
import { moneyIn } from '../../../libs/money/index.js';
import { purchaseOf } from '../subsidies/redeem-voucher.js';

export function toRequestView(row: ServiceRequestRow): RequestView {
  const money = moneyIn(row.currency);
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    title: row.title,
    description: row.description,
    category: row.category,
    services: row.services,
    countries: row.countries,
    sector: row.sector,
    budget: { min: money(row.budgetMin), max: money(row.budgetMax) },
    languages: row.languages,
    biddingClosesAt: row.biddingClosesAt.toISOString(),
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function toMatchView(row: MatchResultRow, quotes: VoucherQuote[] = []) {
  const reasons = row.reasons as { zh: string; en: string }[];
  return {
    providerId: row.providerId,
    rank: row.rank,
    score: row.score,
    factors: row.factors as { name: string; value: number; weight: number; contribution: number }[],
    reasons: reasons.map((r) => r.en),
    reasonsZh: reasons.map((r) => r.zh),
    invited: row.invited,
    subsidyEstimate: quotes.reduce<VoucherQuote['subsidy'] | null>((best, q) => (best && best.amount >= q.subsidy.amount ? best : q.subsidy), null),
  };
}

const ownedBy = (caller: Caller) => (row: ServiceRequestRow) => actsFor(caller, row.enterpriseId, 'enterprise');

@Injectable()
export class RequestsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: RequestsRepository,
    private readonly enterprises: EnterprisesService,
    private readonly matching: MatchingService,
    private readonly vouchers: RedeemVoucher,
    private readonly audit: AuditService,
    private readonly alerts: RiskAlertsService,
    private readonly exclusions: RequestExclusionsRepository,
  ) {}

  async create(caller: Caller, body: CreateRequestBody): Promise<RequestView> {
    if (!(await this.enterprises.exists(caller.org))) {
      throw new DomainError('conflict', 'Register the enterprise profile (POST /v1/enterprises) before posting requests');
    }
    const { budget, ...rest } = body;
    const row = await this.db.transaction(async (tx) => {
      const created = await this.repo.insert(tx, {
        ...rest,
        enterpriseId: caller.org,
        currency: budget.min.currency,
        budgetMin: budget.min.amount,
        budgetMax: budget.max.amount,
      });
      await this.audit.record(tx, caller, { action: 'request.created', entityType: 'request', entityId: created.id });
      return created;
    });
    return toRequestView(row);
  }

  /** Its enterprise, admins, and the providers invited to it. */
  async get(caller: Caller, id: string): Promise<RequestView> {
    const invited = caller.role === 'provider' && (await this.matching.isInvited(id, caller.org));
    return toRequestView(await this.findVisible(caller, id, invited));
  }

  /** For other modules: the request if this caller may see it (its enterprise, admins, or invited), else 404. */
  async findVisible(caller: Caller, id: string, invited: boolean): Promise<ServiceRequestRow> {
    return visibleTo(caller, await this.repo.findById(id), (r) => ownedBy(caller)(r) || invited);
  }

  /** draft → open: matching runs and the top providers are invited, in one transaction. */
  async publish(caller: Caller, id: string): Promise<RequestView> {
    await this.ownRequest(caller, id);
    const row = await this.db.transaction(async (tx) => {
      const request = (await this.repo.lockById(tx, id))!;
      if (request.status !== 'draft') throw new DomainError('conflict', `A ${request.status} request cannot be published`);
      const now = new Date();
      if (request.biddingClosesAt <= now) throw new DomainError('conflict', 'biddingClosesAt has passed; create a new request');
      const published = await this.repo.setStatus(tx, id, 'open', now);
      const outcome = await this.matching.matchRequest(tx, published, now, await this.exclusions.providerIds(tx, id));
      await this.audit.record(tx, caller, {
        action: 'request.published',
        entityType: 'request',
        entityId: id,
        data: { candidates: outcome.candidates, invited: outcome.invited },
      });
      return published;
    });
    return toRequestView(row);
  }

  /**
   * Runs matching again on an open request (new providers, changed vetting); new top providers
   * are invited. Concurrent rematches of one request coalesce: while one runs (it holds the
   * row), the others answer with the ranking as it stands instead of queuing behind it, so a
   * burst of them cannot pin the pool's connections.
   */
  async rematch(caller: Caller, id: string, limit: number) {
    await this.ownRequest(caller, id);
    await this.db.transaction(async (tx) => {
      const request = await this.repo.lockIfFree(tx, id);
      if (!request) return;
      if (request.status !== 'open') throw new DomainError('conflict', `A ${request.status} request cannot be matched again`);
      const outcome = await this.matching.matchRequest(tx, request, new Date(), await this.exclusions.providerIds(tx, id));
      await this.audit.record(tx, caller, {
        action: 'request.rematched',
        entityType: 'request',
        entityId: id,
        data: { candidates: outcome.candidates, invited: outcome.invited },
      });
    });
    return this.matches(caller, id, limit);
  }

  async cancel(caller: Caller, id: string): Promise<RequestView> {
    await this.ownRequest(caller, id);
    const row = await this.db.transaction(async (tx) => {
      const request = (await this.repo.lockById(tx, id))!;
      if (request.status !== 'draft' && request.status !== 'open') {
        throw new DomainError('conflict', `A ${request.status} request cannot be cancelled`);
      }
      const cancelled = await this.repo.setStatus(tx, id, 'cancelled');
      await this.audit.record(tx, caller, { action: 'request.cancelled', entityType: 'request', entityId: id });
      return cancelled;
    });
    return toRequestView(row);
  }

  /** The caller's own request (404 otherwise), checked before any lock: a stranger never holds another tenant's row. */
  private async ownRequest(caller: Caller, id: string): Promise<ServiceRequestRow> {
    return visibleTo(caller, await this.repo.findById(id), ownedBy(caller));
  }

  /** For the enterprise's bids to compare: its requests taking bids now. */
  async openIdsOf(enterpriseId: string): Promise<string[]> {
    return this.repo.openIdsOf(enterpriseId);
  }

  /** For the award: the request if this caller owns it (admins: any), without locking it. */
  async findOwned(caller: Caller, id: string): Promise<ServiceRequestRow> {
    return this.ownRequest(caller, id);
  }

  /**
   * For bidding: the request, share-locked so an award (which takes the row for update) waits
   * for bids in flight and bids after it see the award.
   */
  async lockForBidding(tx: Tx, id: string): Promise<ServiceRequestRow | undefined> {
    return this.repo.lockById(tx, id, 'share');
  }

  /** For the award: the request, locked for update; concurrent awards queue here. */
  async lockForAward(tx: Tx, id: string): Promise<ServiceRequestRow | undefined> {
    return this.repo.lockById(tx, id);
  }

  async markAwarded(tx: Tx, id: string): Promise<void> {
    await this.repo.setStatus(tx, id, 'awarded');
  }

  /** For the expiry sweep: open requests past their bidding deadline, locked. */
  async lockOpenPastDeadline(tx: Tx, now: Date): Promise<ServiceRequestRow[]> {
    return this.repo.lockOpenPastDeadline(tx, now);
  }

  async markExpired(tx: Tx, id: string): Promise<void> {
    await this.repo.setStatus(tx, id, 'expired');
  }

  /** The stored ranking with factors and reasons; never to providers (it ranks their competitors). */
  async matches(caller: Caller, id: string, limit: number) {
    const request = visibleTo(caller, await this.repo.findById(id), ownedBy(caller));
    const results = await this.matching.results(id, limit);
    // The estimate: the best of the enterprise's live vouchers on a purchase at the request's maximum budget.
    const purchases = results.map((r) => purchaseOf(request, { providerId: r.providerId, currency: request.currency, price: request.budgetMax }));
    const quotes = await this.vouchers.quotes(request.enterpriseId, purchases, new Date());
    const riskAlerts = await this.alerts.activeFor({ countries: request.countries, category: request.category, sector: request.sector });
    return { ...page(results.map((r, i) => toMatchView(r, quotes[i]))), riskAlerts };
  }
}
