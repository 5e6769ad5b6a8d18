import { Injectable } from '@nestjs/common';
import { monthBounds, monthOf, monthsBetween, monthsToClose, storedFigures, type MonthFigures } from '../../../libs/city-reports/index.js';
import { DISTRICTS, cityCode, districtsOfCity } from '../../../libs/reference-data/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { isAdmin } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ProgramsService } from '../subsidies/programs.service.js';
import { ReportsReadModel } from './reports.read-model.js';
import { ReportsRepository } from './reports.repository.js';
import type { CityProgramsView, ReportView } from './reports.schemas.js';

/** How many ended months each close looks back over: a worker down for weeks still closes them. */
const CLOSE_LOOKBACK_MONTHS = 3;

/**
 * The city's view (issue 28): per district and month, figures frozen when the month closes;
 * months still open are computed when asked. Coordinators read their own city; admins any.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly figures: ReportsReadModel,
    private readonly programs: ProgramsService,
  ) {}

  /** The scheduled close: every ended month of the lookback that a district has not frozen yet. */
  async closeDue(now: Date): Promise<{ month: string; frozen: number }[]> {
    const closed = [];
    for (const month of monthsToClose(now, CLOSE_LOOKBACK_MONTHS)) closed.push(await this.closeMonth(month, now));
    return closed;
  }

  /** Freezes an ended month for every district; a district's month already frozen is left as it was. */
  async closeMonth(month: string, now: Date): Promise<{ month: string; frozen: number }> {
    if (month >= monthOf(now)) throw new RangeError(`${month} has not ended`);
    const all = DISTRICTS.map((d) => d.code);
    const done = new Set((await this.repo.closed(all, month, month)).map((r) => r.district));
    const open = all.filter((d) => !done.has(d));
    const { start, end } = monthBounds(month);
    const figures = await this.figures.figures(open, start, end);
    const frozen = await this.repo.freeze(
      open.map((district) => ({
        district,
        month,
        city: cityCode(DISTRICTS.find((d) => d.code === district)!.city),
        figures: figures.get(district)! as never,
        closedAt: now,
      })),
    );
    return { month, frozen };
  }

  async report(caller: Caller, city: string, from: string, to: string, now = new Date()): Promise<ReportView> {
    const districts = this.cityDistricts(caller, city);
    const last = [to, monthOf(now)].sort()[0]!;
    const closed = await this.repo.closed(districts, from, last);
    const frozen = new Map(closed.map((r) => [`${r.district}|${r.month}`, r]));
    const months: ReportView['months'] = [];
    for (const month of monthsBetween(from, last)) {
      const missing = districts.filter((d) => !frozen.has(`${d}|${month}`));
      const { start, end } = monthBounds(month);
      const live = missing.length > 0 ? await this.figures.figures(missing, start, end) : new Map<string, MonthFigures>();
      for (const district of districts) {
        const row = frozen.get(`${district}|${month}`);
        months.push(
          row
            ? { district, month, closed: true, closedAt: row.closedAt.toISOString(), figures: storedFigures(row.figures) }
            : { district, month, closed: false, closedAt: null, figures: live.get(district)! },
        );
      }
    }
    return { city, from, to, months };
  }

  /** The programmes of every district of the city side by side, and the categories where they overlap. */
  async cityPrograms(caller: Caller, city: string): Promise<CityProgramsView> {
    const programs = await this.programs.ofDistricts(caller, this.cityDistricts(caller, city));
    const byCategory = new Map<string, typeof programs>();
    for (const p of programs) for (const c of p.categories) byCategory.set(c, [...(byCategory.get(c) ?? []), p]);
    const overlaps = [...byCategory]
      .filter(([, ps]) => new Set(ps.map((p) => p.district)).size > 1)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, ps]) => ({
        category,
        districts: [...new Set(ps.map((p) => p.district))],
        programIds: ps.map((p) => p.id),
        rates: ps.map((p) => p.eligibility.categoryTerms?.[category]?.rateBps ?? p.rateBps),
        caps: ps.map((p) => p.perVoucherCap),
      }));
    return { city, programs, overlaps };
  }

  /** Another city's reports are not found, never forbidden (docs/api.md "Tenancy"). */
  private cityDistricts(caller: Caller, city: string): string[] {
    if (!isAdmin(caller) && !(caller.role === 'city_coordinator' && caller.org === city)) throw new DomainError('not_found');
    return districtsOfCity(city);
  }
}
