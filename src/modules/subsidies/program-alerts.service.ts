import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { ProgramAlertRow, ProgramRow } from '../../db/schema/subsidies.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProgramsService } from './programs.service.js';
import { VouchersRepository } from './vouchers.repository.js';

function alertView(program: ProgramRow, row: ProgramAlertRow | undefined) {
  return {
    availableBelow: row ? { amount: row.availableBelow, currency: program.currency } : null,
    alertedAt: row?.alertedAt?.toISOString() ?? null,
  };
}

/**
 * The officer's low-budget alert: once `available` is below the threshold the district is
 * notified through the outbox, once; it re-arms when `available` is back above it.
 */
@Injectable()
export class ProgramAlertsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: VouchersRepository,
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
  ) {}

  async get(caller: Caller, programId: string) {
    const program = await this.programs.managed(caller, programId);
    return alertView(program, await this.repo.alertOf(programId));
  }

  async set(caller: Caller, programId: string, availableBelow: { amount: number; currency: string }) {
    const program = await this.programs.managed(caller, programId);
    if (availableBelow.currency !== program.currency) {
      throw DomainError.validation([{ path: 'availableBelow.currency', message: `must be the programme's currency, ${program.currency}` }]);
    }
    await this.repo.setAlert(programId, availableBelow.amount);
    await this.check(new Date(), programId);
    return alertView(program, await this.repo.alertOf(programId));
  }

  /** For the expiry sweep (and right after a threshold is set): fires or re-arms alerts. */
  async check(now: Date, onlyProgramId?: string): Promise<number> {
    const alerts = (await this.repo.allAlerts()).filter((a) => !onlyProgramId || a.programId === onlyProgramId);
    const ledgers = await this.ledger.views(alerts.map((a) => a.programId));
    let fired = 0;
    for (const alert of alerts) {
      const available = ledgers.get(alert.programId)?.available;
      if (!available) continue;
      const low = available.amount < alert.availableBelow;
      if (!low && alert.alertedAt) await this.repo.markAlert(this.db, alert.programId, null);
      if (!low || alert.alertedAt) continue;
      await this.db.transaction(async (tx) => {
        if (!(await this.repo.markAlert(tx, alert.programId, now))) return;
        const program = (await this.programs.terms(alert.programId))!;
        await this.notifications.notify(tx, {
          event: 'program.available_low',
          recipientOrg: program.district,
          data: { programId: program.id, name: program.name, available, threshold: { amount: alert.availableBelow, currency: program.currency } },
        });
        fired++;
      });
    }
    return fired;
  }
}
