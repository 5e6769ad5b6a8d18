import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { AuditService } from '../audit/audit.service.js';
import { EngagementsService, toEngagementView } from '../engagements/engagements.service.js';
import type { EngagementView } from '../engagements/engagements.schemas.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { MilestonesService, type BidMilestone } from '../payments/milestones.service.js';
import { RequestsService } from '../requests/requests.service.js';
import { RedeemVoucher } from '../subsidies/redeem-voucher.js';
import { BidsRepository } from './bids.repository.js';
import type { AwardBody } from './bids.schemas.js';
import { purchaseOf } from '../subsidies/redeem-voucher.js';
import { retryOnConflict } from '../../db/retry-on-conflict.js';

/**
 * Exactly one award per request: the request row is locked for update, so concurrent awards
 * run one after another and all but the first find it `awarded`; the engagement's unique
 * request id is the last line of defence. A voucher's subsidy is committed in the same
 * transaction, so a refused voucher leaves no engagement and an engagement never lacks its subsidy.
 */
@Injectable()
export class AwardBid {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly bids: BidsRepository,
    private readonly requests: RequestsService,
    private readonly engagements: EngagementsService,
    private readonly vouchers: RedeemVoucher,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly milestones: MilestonesService,
  ) {}

  async award(caller: Caller, requestId: string, body: AwardBody): Promise<EngagementView> {
    await this.requests.findOwned(caller, requestId);
    // 200 awards at once on a co-funded programme's hot rows: a deadlock Postgres breaks is run again.
    const engagement = await retryOnConflict(() =>
      this.db.transaction(async (tx) => {
        const request = (await this.requests.lockForAward(tx, requestId))!;
        if (request.status !== 'open') throw new DomainError('conflict', `The request is ${request.status}`);
        const bid = await this.bids.lockById(tx, body.bidId);
        if (!bid || bid.requestId !== requestId) throw DomainError.validation([{ path: 'bidId', message: 'is not a bid on this request' }]);
        if (bid.status !== 'live') throw new DomainError('conflict', `A ${bid.status} bid cannot be awarded`);

        await this.bids.setStatus(tx, bid.id, 'awarded');
        const losers = await this.bids.loseOthers(tx, requestId, bid.id);
        await this.requests.markAwarded(tx, requestId);
        const id = randomUUID();
        const purchase = purchaseOf(request, bid);
        const granted = body.voucherId ? await this.vouchers.redeem(tx, body.voucherId, id, purchase, new Date()) : null;
        const created = await this.engagements.open(tx, { id, requestId, bidId: bid.id, ...purchase, granted });
        await this.milestones.open(tx, created, bid.milestones as BidMilestone[]);
        await this.audit.record(tx, caller, {
          action: 'request.awarded',
          entityType: 'request',
          entityId: requestId,
          data: { bidId: bid.id, engagementId: created.id, voucherId: body.voucherId ?? null, subsidy: granted?.subsidy ?? null },
        });
        await this.notifications.notify(tx, { event: 'bid.awarded', recipientOrg: bid.providerId, data: { requestId, engagementId: created.id } });
        for (const lost of losers) await this.notifications.notify(tx, { event: 'bid.lost', recipientOrg: lost.providerId, data: { requestId } });
        return created;
      }),
    );
    return toEngagementView(engagement);
  }
}
