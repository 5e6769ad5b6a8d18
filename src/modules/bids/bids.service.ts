import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, createdAtKey, decodeCursor, page, toPage, type Page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { ServiceRequestRow } from '../../db/schema/requests.js';
import { AuditService } from '../audit/audit.service.js';
import { MatchingService } from '../matching/matching.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { RequestsService } from '../requests/requests.service.js';
import { RedeemVoucher } from '../subsidies/redeem-voucher.js';
import { cnyEquivalent, toBidView } from './bid-view.js';
import { FxRatesService, type LockedRate } from '../subsidies/fx-rates.service.js';
import { BidsRepository } from './bids.repository.js';
import type { BidView, CreateBidBody, ListBidsQuery } from './bids.schemas.js';
import { ownerOrAdmin } from '../../common/auth/tenancy.js';
import { DAY_MS } from '../../../libs/time/index.js';
import { purchaseOf } from '../subsidies/redeem-voucher.js';

/** Sealed bidding: only invited, vetted providers of an open request before its deadline; one live bid each. */
@Injectable()
export class BidsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: BidsRepository,
    private readonly requests: RequestsService,
    private readonly matching: MatchingService,
    private readonly providers: ProvidersService,
    private readonly vouchers: RedeemVoucher,
    private readonly audit: AuditService,
    private readonly fx: FxRatesService,
  ) {}

  /** A provider bids in its own currency (its milestones in the same); the enterprise sees it in CNY beside (list). */
  async place(caller: Caller, requestId: string, body: CreateBidBody): Promise<BidView> {
    const row = await this.db.transaction(async (tx) => {
      const request = await this.invitedRequest(tx, caller, requestId);
      const now = new Date();
      if (request.status !== 'open') throw new DomainError('conflict', `The request is ${request.status}; bids are closed`);
      if (request.biddingClosesAt <= now) throw new DomainError('conflict', 'Bidding closed at biddingClosesAt');
      if (!(await this.providers.isVetted(tx, caller.org, now))) {
        throw new DomainError('provider_not_eligible', 'Only providers vetted by an alliance may bid');
      }
      const { price, ...rest } = body;
      const bid = await this.repo.insertLive(tx, { ...rest, requestId, providerId: caller.org, currency: price.currency, price: price.amount });
      if (!bid) throw new DomainError('conflict', 'This provider already has a live bid on the request; withdraw it first');
      await this.audit.record(tx, caller, { action: 'bid.placed', entityType: 'bid', entityId: bid.id, data: { requestId } });
      return bid;
    });
    return toBidView(row);
  }

  /** The enterprise sees every bid; a provider only its own (bids are sealed). */
  async list(caller: Caller, requestId: string) {
    const request = await this.requests.findVisible(caller, requestId, await this.isInvited(caller, requestId));
    if (caller.role === 'provider') return page((await this.repo.ofRequest(request.id, caller.org)).map((b) => toBidView(b)));
    const bids = await this.repo.ofRequest(request.id);
    const purchases = bids.map((b) => purchaseOf(request, b));
    const now = new Date();
    const quotes = await this.vouchers.quotes(request.enterpriseId, purchases, now);
    const rates = new Map<string, LockedRate | null>();
    for (const currency of new Set(bids.map((b) => b.currency))) if (currency !== 'CNY') rates.set(currency, await this.fx.today(currency, 'CNY', now));
    return page(bids.map((b, i) => toBidView(b, quotes[i], b.currency === 'CNY' ? undefined : cnyEquivalent(b, rates.get(b.currency) ?? null))));
  }

  /**
   * A provider's own bids across requests (issue 25); an enterprise's bids to compare: those on its
   * requests taking bids, or on the one it names (another's is 404). Newest first.
   */
  async mine(caller: Caller, query: ListBidsQuery): Promise<Page<BidView>> {
    const after = decodeCursor(query.cursor, createdAtCursor);
    const scope =
      caller.role === 'provider'
        ? { providerId: caller.org }
        : { requestIds: query.requestId ? [(await this.requests.findOwned(caller, query.requestId)).id] : await this.requests.openIdsOf(caller.org) };
    const rows = await this.repo.list({ ...scope, status: query.status, requestId: query.requestId, after }, query.limit);
    return toPage(rows, query.limit, (b) => toBidView(b), createdAtKey);
  }

  async withdraw(caller: Caller, bidId: string): Promise<BidView> {
    const owned = (bid: { providerId: string } | undefined) => !!bid && ownerOrAdmin(caller, bid.providerId);
    if (!owned(await this.repo.findById(bidId))) throw new DomainError('not_found');
    const row = await this.db.transaction(async (tx) => {
      const bid = await this.repo.lockById(tx, bidId);
      if (!bid || !owned(bid)) throw new DomainError('not_found');
      if (bid.status !== 'live') throw new DomainError('conflict', `A ${bid.status} bid cannot be withdrawn`);
      const withdrawn = await this.repo.setStatus(tx, bidId, 'withdrawn');
      await this.audit.record(tx, caller, { action: 'bid.withdrawn', entityType: 'bid', entityId: bidId });
      return withdrawn;
    });
    return toBidView(row);
  }

  /**
   * For the expiry sweep: at the deadline a round without live bids expires; one with bids
   * stays open for the award until `awardWindowDays` after it, then expires and its bids lose.
   */
  async closeExpiredRounds(tx: Tx, now: Date, awardWindowDays: number): Promise<number> {
    let closed = 0;
    for (const request of await this.requests.lockOpenPastDeadline(tx, now)) {
      const windowEnds = new Date(request.biddingClosesAt.getTime() + awardWindowDays * DAY_MS);
      if ((await this.repo.countLive(tx, request.id)) > 0 && windowEnds > now) continue;
      await this.repo.loseOthers(tx, request.id);
      await this.requests.markExpired(tx, request.id);
      closed++;
    }
    return closed;
  }

  /** An uninvited provider learns nothing of the request: 404. */
  private async invitedRequest(tx: Tx, caller: Caller, requestId: string): Promise<ServiceRequestRow> {
    // The invitation first: an uninvited provider must not even share-lock someone's request.
    if (!(await this.matching.isInvited(requestId, caller.org, tx))) throw new DomainError('not_found');
    const request = await this.requests.lockForBidding(tx, requestId);
    if (!request) throw new DomainError('not_found');
    return request;
  }

  private async isInvited(caller: Caller, requestId: string): Promise<boolean> {
    return caller.role === 'provider' && this.matching.isInvited(requestId, caller.org);
  }

  /** The providers with a live bid on the request (told of an addendum, so they may revise). */
  async liveBidders(tx: Tx, requestId: string): Promise<string[]> {
    return this.repo.liveBidders(tx, requestId);
  }

  /** Who a bid belongs to, for its attached files: its provider and its request. */
  async partiesOf(bidId: string): Promise<{ providerId: string; requestId: string } | undefined> {
    const bid = await this.repo.findById(bidId);
    return bid && { providerId: bid.providerId, requestId: bid.requestId };
  }
}
