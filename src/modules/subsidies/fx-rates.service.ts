import { Inject, Injectable } from '@nestjs/common';
import { isRateStale, minorUnitFactor, type FxRate } from '../../../libs/money/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { DbOrTx } from '../../db/database.js';
import { FxRatesRepository } from './fx-rates.repository.js';
import type { FxRateBody, FxRateView } from './fx-rates.schemas.js';

/** A rate locked for an award: the table's row and the conversion it implies. */
export interface LockedRate {
  rate: FxRate;
  date: string;
  source: string;
  /** Programme minor units per purchase minor unit, for reconciliation's refunds (exact decimal text). */
  minorFactor: string;
}

@Injectable()
export class FxRatesService {
  constructor(
    private readonly repo: FxRatesRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async set(caller: Caller, date: string, currency: string, body: FxRateBody): Promise<FxRateView> {
    const row = await this.repo.upsert({ rateDate: date, currency, cnyPerUnit: body.cnyPerUnit, source: body.source, setBy: caller.sub });
    return { date: row.rateDate, currency: row.currency, cnyPerUnit: row.cnyPerUnit, source: row.source };
  }

  /**
   * For estimates (bids shown to the enterprise, voucher quotes): the rate an award would lock
   * now, or null when there is none fresh enough (the award would answer fx_rate_stale).
   */
  async today(currency: string, to: string, now: Date, tx?: DbOrTx): Promise<LockedRate | null> {
    if (to !== 'CNY') return null;
    try {
      return await this.lock(tx ?? this.repo.reader, currency, to, now);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }

  /** The latest rate from `currency` to `to` at `now`; 409 fx_rate_stale when there is none fresh enough. */
  async lock(tx: DbOrTx, currency: string, to: string, now: Date): Promise<LockedRate> {
    if (to !== 'CNY') throw new DomainError('voucher_not_applicable', `Rates are kept against CNY; the programme is in ${to}`);
    const row = await this.repo.latest(tx, currency, now.toISOString().slice(0, 10));
    const maxAge = this.config.fxRateMaxAgeDays;
    if (!row) throw new DomainError('fx_rate_stale', `No ${currency} rate is recorded; an admin sets one (PUT /v1/fx-rates/{date}/${currency})`);
    if (isRateStale(row.rateDate, now, maxAge)) {
      throw new DomainError('fx_rate_stale', `The latest ${currency} rate is of ${row.rateDate}, older than ${maxAge} days`);
    }
    const rate = { from: currency, to, perUnit: row.cnyPerUnit };
    return { rate, date: row.rateDate, source: row.source, minorFactor: minorUnitFactor(rate) };
  }
}
