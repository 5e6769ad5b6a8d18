import { Inject, Injectable } from '@nestjs/common';
import { dueAfterWorkingDays, chinaDateOf, type WorkingCalendar } from '../../../libs/working-days/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { AuditService } from '../audit/audit.service.js';
import { DeskRepository } from './desk.repository.js';
import type { CalendarBody, CalendarView } from './desk.schemas.js';

const DAY_MS = 86_400_000;
// Far enough for any SLA the config allows (30 working days) across the longest holiday run.
const LOOKAHEAD_DAYS = 120;

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/**
 * The mainland working-day calendar the desk's deadlines count (table desk_calendar_days,
 * migration 0211): 2026 as the State Council published it, 2027's statutory days until an admin
 * loads the published schedule.
 */
@Injectable()
export class DeskCalendarService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: DeskRepository,
    private readonly audit: AuditService,
  ) {}

  /** When a question asked at `at` is due: DESK_SLA_WORKING_DAYS working days after the day asked. */
  async dueAt(at: Date): Promise<Date> {
    const from = chinaDateOf(at);
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + LOOKAHEAD_DAYS * DAY_MS).toISOString().slice(0, 10);
    const days = await this.repo.calendarDays(from, to);
    const calendar: WorkingCalendar = {
      holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
      workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
    };
    return dueAfterWorkingDays(at, this.config.desk.slaWorkingDays, calendar).dueAt;
  }

  async year(year: number): Promise<CalendarView> {
    const days = await this.repo.calendarDays(`${year}-01-01`, `${year}-12-31`);
    return {
      year,
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
      workdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
      sources: [...new Set(days.map((d) => d.source))],
    };
  }

  /** An admin loads a year's schedule as published; it replaces what the year had. */
  async load(caller: Caller, year: number, body: CalendarBody): Promise<CalendarView> {
    const errors = [
      ...body.holidays.flatMap((day, i) => (day.startsWith(`${year}-`) ? [] : [{ path: `holidays.${i}`, message: `is not in ${year}` }])),
      ...body.workdays.flatMap((day, i) => (day.startsWith(`${year}-`) ? [] : [{ path: `workdays.${i}`, message: `is not in ${year}` }])),
      ...body.workdays.flatMap((day, i) => (isWeekend(day) ? [] : [{ path: `workdays.${i}`, message: 'is not a Saturday or a Sunday' }])),
      ...body.workdays.flatMap((day, i) => (body.holidays.includes(day) ? [{ path: `workdays.${i}`, message: 'is also a holiday' }] : [])),
    ];
    if (errors.length > 0) throw DomainError.validation(errors);
    const days = [
      ...[...new Set(body.holidays)].map((day) => ({ day, kind: 'holiday' as const, source: body.source })),
      ...[...new Set(body.workdays)].map((day) => ({ day, kind: 'workday' as const, source: body.source })),
    ];
    await this.db.transaction(async (tx) => {
      await this.repo.replaceYear(tx, year, days);
      await this.audit.record(tx, caller, {
        action: 'desk.calendar_loaded',
        entityType: 'desk_calendar',
        entityId: String(year),
        data: { source: body.source },
      });
    });
    return this.year(year);
  }
}
