import { Inject, Injectable } from '@nestjs/common';
import { and, asc, between, desc, eq, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { beforeCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import { deskCalendarDays, deskQuestions, type DeskQuestionRow, type DeskStatus, type DeskTopic } from '../../db/schema/desk.js';

export type QuestionChanges = Partial<Omit<typeof deskQuestions.$inferInsert, 'id' | 'enterpriseId' | 'district' | 'askedAt' | 'dueAt'>>;

@Injectable()
export class DeskRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof deskQuestions.$inferInsert): Promise<DeskQuestionRow> {
    const [created] = await tx.insert(deskQuestions).values(row).returning();
    return created!;
  }

  async findById(id: string): Promise<DeskQuestionRow | undefined> {
    const [row] = await this.db.select().from(deskQuestions).where(eq(deskQuestions.id, id));
    return row;
  }

  async lockById(tx: DbOrTx, id: string): Promise<DeskQuestionRow | undefined> {
    const [row] = await tx.select().from(deskQuestions).where(eq(deskQuestions.id, id)).for('update');
    return row;
  }

  async update(tx: DbOrTx, id: string, changes: QuestionChanges): Promise<DeskQuestionRow> {
    const [row] = await tx.update(deskQuestions).set(changes).where(eq(deskQuestions.id, id)).returning();
    return row!;
  }

  /** One enterprise's questions or one district's desk, newest first, `limit + 1` rows. */
  async list(
    filter: { enterpriseId?: string; district?: string; status?: DeskStatus; topic?: DeskTopic; after?: CreatedAtKeyset },
    limit: number,
  ): Promise<DeskQuestionRow[]> {
    return this.db
      .select()
      .from(deskQuestions)
      .where(
        and(
          filter.enterpriseId ? eq(deskQuestions.enterpriseId, filter.enterpriseId) : undefined,
          filter.district ? eq(deskQuestions.district, filter.district) : undefined,
          filter.status ? eq(deskQuestions.status, filter.status) : undefined,
          filter.topic ? eq(deskQuestions.topic, filter.topic) : undefined,
          beforeCreatedAt(deskQuestions.askedAt, deskQuestions.id, filter.after),
        ),
      )
      .orderBy(desc(deskQuestions.askedAt), desc(deskQuestions.id))
      .limit(limit + 1);
  }

  /**
   * Flags every question past due and not closed that was never flagged, and returns them: one
   * statement, so two sweeps at once (or a retried one) flag each question once.
   */
  async flagOverdue(tx: DbOrTx, now: Date): Promise<DeskQuestionRow[]> {
    return tx
      .update(deskQuestions)
      .set({ overdueFlaggedAt: now })
      .where(
        sql`${deskQuestions.overdueFlaggedAt} is null and ${deskQuestions.status} <> 'closed' and ${deskQuestions.dueAt} < ${now.toISOString()}::timestamptz`,
      )
      .returning();
  }

  async summary(district: string) {
    const [row] = await this.db.execute<{ asked: number; open: number; overdue: number; outcomes: Record<string, number> | null }>(sql`
      select count(*)::int as asked,
             (count(*) filter (where status <> 'closed'))::int as open,
             (count(*) filter (where overdue_flagged_at is not null))::int as overdue,
             (select jsonb_object_agg(outcome, n) from (select outcome, count(*)::int as n from desk_questions where district = ${district} and outcome is not null group by outcome) o) as outcomes
      from desk_questions where district = ${district}`);
    return row!;
  }

  async calendarDays(from: string, to: string): Promise<{ day: string; kind: 'holiday' | 'workday'; source: string }[]> {
    return this.db
      .select()
      .from(deskCalendarDays)
      .where(between(deskCalendarDays.day, from, to))
      .orderBy(asc(deskCalendarDays.day));
  }

  /** The year's days replaced as one: the old list goes in the same transaction the new one arrives. */
  async replaceYear(tx: DbOrTx, year: number, days: { day: string; kind: 'holiday' | 'workday'; source: string }[]): Promise<void> {
    await tx.delete(deskCalendarDays).where(between(deskCalendarDays.day, `${year}-01-01`, `${year}-12-31`));
    if (days.length > 0) await tx.insert(deskCalendarDays).values(days);
  }
}
