import { Inject, Injectable, Logger } from '@nestjs/common';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import { BidsService } from '../bids/bids.service.js';
import { LapseSubsidies } from '../engagements/lapse-subsidies.js';
import { ProgramAlertsService } from '../subsidies/program-alerts.service.js';
import { VouchersService } from '../subsidies/vouchers.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { ExpiryRunsRepository } from './expiry-runs.repository.js';

export interface ExpirySweep {
  membershipsLapsed: number;
  credentialsExpired: number;
  roundsClosed: number;
  vouchersExpired: number;
  subsidiesLapsed: number;
  alertsFired: number;
}

/** Everything that expires with time, swept in one transaction and recorded in expiry_runs. */
@Injectable()
export class ExpiryService {
  private readonly logger = new Logger(ExpiryService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly runs: ExpiryRunsRepository,
    private readonly alliances: AlliancesService,
    private readonly providers: ProvidersService,
    private readonly bids: BidsService,
    private readonly vouchers: VouchersService,
    private readonly alerts: ProgramAlertsService,
    private readonly subsidies: LapseSubsidies,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async sweep(now: Date): Promise<ExpirySweep> {
    // Vouchers first and in their own transactions: each release holds its programme's ledger
    // rows only briefly, and a large backlog does not hold the rest of the sweep.
    const vouchersExpired = await this.vouchers.expireDue(now);
    // Likewise subsidies of engagements never accepted (issue 26): a batch per transaction.
    const subsidiesLapsed = await this.subsidies.lapseDue(now);
    const swept = await this.db.transaction(async (tx) => {
      const membershipsLapsed = await this.alliances.lapseExpired(tx, now);
      const credentialsExpired = await this.providers.flagExpiredCredentials(tx, now);
      const roundsClosed = await this.bids.closeExpiredRounds(tx, now, this.config.awardWindowDays);
      await this.runs.record(tx, { ranAt: now, membershipsLapsed, credentialsExpired, details: { roundsClosed, vouchersExpired, subsidiesLapsed } });
      return { membershipsLapsed, credentialsExpired, roundsClosed };
    });
    const alertsFired = await this.alerts.check(now);
    const result = { ...swept, vouchersExpired, subsidiesLapsed, alertsFired };
    this.logger.log(result, 'expiry sweep');
    return result;
  }
}
