import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { actsFor, isAdmin } from '../../common/auth/tenancy.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { EngagementRow } from '../../db/schema/engagements.js';
import { EngagementsService } from '../engagements/engagements.service.js';
import { ClaimsService } from '../subsidies/claims.service.js';

/** The caller's seat at an engagement: one of its parties, an admin, or an officer of a district with a subsidy claim on it. */
export type Seat = 'enterprise' | 'provider' | 'admin' | 'officer';

@Injectable()
export class EngagementAccess {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly engagements: EngagementsService,
    private readonly claims: ClaimsService,
  ) {}

  /** null for anyone without a seat (they get 404). */
  async seatOf(caller: Caller, engagementId: string): Promise<{ row: EngagementRow; seat: Seat } | null> {
    const row = (await this.db.transaction((tx) => this.engagements.byIds(tx, [engagementId]))).get(engagementId);
    if (!row) return null;
    if (isAdmin(caller)) return { row, seat: 'admin' };
    if (actsFor(caller, row.enterpriseId, 'enterprise')) return { row, seat: 'enterprise' };
    if (actsFor(caller, row.providerId, 'provider')) return { row, seat: 'provider' };
    // Officers reconcile the claims of their district, so they see the documents behind them.
    if (caller.role === 'district_officer' && row.subsidy !== null && (await this.claims.districtsOfEngagement(row.id)).includes(caller.org)) {
      return { row, seat: 'officer' };
    }
    return null;
  }
}
