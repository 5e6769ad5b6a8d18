import { Inject, Injectable } from '@nestjs/common';
import { addDays } from '../../../libs/time/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { EngagementRow } from '../../db/schema/engagements.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ClaimsService } from '../subsidies/claims.service.js';
import { EngagementsRepository } from './engagements.repository.js';

const SYSTEM: Caller = { sub: 'system:expiry', role: 'admin', org: 'system', requestId: '' };

/**
 * A subsidy does not wait for ever (issue 26): an engagement not accepted SUBSIDY_ACCEPTANCE_DAYS
 * after its award gives its committed subsidy back to the programme's budget, once, and both sides
 * are told. The expiry sweep runs it. The engagement row is the arbiter against an accept: both
 * lock it, so either the accept comes first (the engagement is accepted and keeps its subsidy) or
 * the lapse does (the accept that follows completes the work, without the subsidy).
 */
@Injectable()
export class LapseSubsidies {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: EngagementsRepository,
    private readonly claims: ClaimsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Every subsidy due to lapse at `now`, a batch per transaction; returns how many lapsed. */
  async lapseDue(now: Date, batchSize = 100): Promise<number> {
    const cutoff = addDays(now, -this.config.subsidyAcceptanceDays);
    let lapsed = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const due = await this.repo.lockSubsidyPending(tx, cutoff, batchSize);
        let done = 0;
        for (const engagement of due) if (await this.lapse(tx, engagement, now)) done++;
        return { seen: due.length, done };
      });
      lapsed += batch.done;
      if (batch.seen < batchSize) return lapsed;
    }
  }

  private async lapse(tx: Tx, engagement: EngagementRow, now: Date): Promise<boolean> {
    const claim = await this.claims.lapse(tx, engagement.id);
    if (!claim) return false;
    await this.repo.update(tx, engagement.id, { subsidyLapsedAt: now });
    const data = {
      engagementId: engagement.id,
      programId: claim.programId,
      subsidy: { amount: claim.amount, currency: claim.currency },
      acceptanceDays: this.config.subsidyAcceptanceDays,
    };
    await this.audit.record(tx, SYSTEM, { action: 'engagement.subsidy_lapsed', entityType: 'engagement', entityId: engagement.id, data });
    for (const org of [engagement.enterpriseId, engagement.providerId])
      await this.notifications.notify(tx, { event: 'engagement.subsidy_lapsed', recipientOrg: org, data });
    return true;
  }
}
