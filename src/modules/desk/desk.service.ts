import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { actsFor, isAdmin, visibleTo } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { Clock } from '../../common/time/clock.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import { DESK_OUTCOMES, type DeskQuestionRow } from '../../db/schema/desk.js';
import { AuditService } from '../audit/audit.service.js';
import { EnterprisesService } from '../enterprises/enterprises.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DeskCalendarService } from './desk-calendar.service.js';
import { DeskRepository, type QuestionChanges } from './desk.repository.js';
import type { AnswerBody, AskBody, CloseBody, DeskSummary, ListQuestionsQuery, QuestionView } from './desk.schemas.js';

function toQuestionView(row: DeskQuestionRow): QuestionView {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    district: row.district,
    topic: row.topic,
    text: row.text,
    status: row.status,
    askedAt: row.askedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: row.overdueFlaggedAt !== null,
    takenBy: row.takenBy,
    answer: row.answer,
    providerIds: row.providerIds,
    programIds: row.programIds,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    outcome: row.outcome,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** A question is seen by its enterprise and its district's officers (and admins); anyone else: 404. */
const maySee = (caller: Caller) => (row: DeskQuestionRow) =>
  actsFor(caller, row.enterpriseId, 'enterprise') || actsFor(caller, row.district, 'district_officer');
const mayHandle = (caller: Caller) => (row: DeskQuestionRow) => actsFor(caller, row.district, 'district_officer');

/** The request desk (企业诉求快速响应机制, issue 29): an enterprise asks its district, an officer answers by a working-day deadline. */
@Injectable()
export class DeskService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: DeskRepository,
    private readonly calendar: DeskCalendarService,
    private readonly enterprises: EnterprisesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async ask(caller: Caller, body: AskBody): Promise<QuestionView> {
    const district = await this.enterprises.districtOf(caller.org);
    if (!district) throw new DomainError('conflict', 'Register the enterprise profile (POST /v1/enterprises) before asking the desk');
    const askedAt = this.clock.now();
    const dueAt = await this.calendar.dueAt(askedAt);
    const row = await this.db.transaction(async (tx) => {
      const question = await this.repo.insert(tx, { enterpriseId: caller.org, district, topic: body.topic, text: body.text, askedAt, dueAt });
      await this.audit.record(tx, caller, { action: 'desk.question_asked', entityType: 'desk_question', entityId: question.id, data: { topic: body.topic } });
      await this.notifications.notify(tx, {
        event: 'desk.question_asked',
        recipientOrg: district,
        data: { questionId: question.id, topic: body.topic, dueAt: dueAt.toISOString() },
      });
      return question;
    });
    return toQuestionView(row);
  }

  /** An enterprise's own questions; an officer's district desk; an admin's, any district's. */
  async list(caller: Caller, query: ListQuestionsQuery): Promise<Page<QuestionView>> {
    const scope = isAdmin(caller) ? { district: query.district } : caller.role === 'district_officer' ? { district: caller.org } : { enterpriseId: caller.org };
    const rows = await this.repo.list({ ...scope, status: query.status, topic: query.topic, after: decodeCursor(query.cursor, createdAtCursor) }, query.limit);
    return toPage(rows, query.limit, toQuestionView, (r) => ({ createdAt: r.askedAt.toISOString(), id: r.id }));
  }

  async get(caller: Caller, id: string): Promise<QuestionView> {
    return toQuestionView(visibleTo(caller, await this.repo.findById(id), maySee(caller)));
  }

  async take(caller: Caller, id: string): Promise<QuestionView> {
    return this.change(caller, id, 'desk.question_taken', (row) => {
      if (row.status !== 'open') throw new DomainError('conflict', `A ${row.status} question cannot be taken`);
      return { status: 'taken', takenBy: caller.sub, takenAt: this.clock.now() };
    });
  }

  /** The officer's answer, with the providers or programmes it points to; the enterprise is told. */
  async answer(caller: Caller, id: string, body: AnswerBody): Promise<QuestionView> {
    return this.change(
      caller,
      id,
      'desk.question_answered',
      (row) => {
        if (row.status === 'closed') throw new DomainError('conflict', 'A closed question cannot be answered');
        return {
          status: 'answered',
          answer: body.answer,
          providerIds: body.providerIds,
          programIds: body.programIds,
          answeredAt: this.clock.now(),
          takenBy: row.takenBy ?? caller.sub,
        };
      },
      async (tx, row) => {
        await this.notifications.notify(tx, { event: 'desk.question_answered', recipientOrg: row.enterpriseId, data: { questionId: row.id } });
      },
    );
  }

  async close(caller: Caller, id: string, body: CloseBody): Promise<QuestionView> {
    return this.change(caller, id, 'desk.question_closed', (row) => {
      if (row.status === 'closed') throw new DomainError('conflict', 'The question is already closed');
      return { status: 'closed', outcome: body.outcome, closedAt: this.clock.now(), takenBy: row.takenBy ?? caller.sub };
    });
  }

  /** The district's desk in figures: asked, still open, flagged past due, and how the closed ones ended. */
  async summary(caller: Caller, district: string | undefined): Promise<DeskSummary> {
    const of = isAdmin(caller) ? district : caller.org;
    if (!of) throw DomainError.validation([{ path: 'district', message: 'is required for admins' }]);
    const row = await this.repo.summary(of);
    const outcomes = Object.fromEntries(DESK_OUTCOMES.map((o) => [o, row.outcomes?.[o] ?? 0])) as DeskSummary['outcomes'];
    return { district: of, asked: row.asked, open: row.open, overdue: row.overdue, outcomes };
  }

  /** For the scheduled job: flags each question past due once, and tells its district. */
  async flagOverdue(now: Date = this.clock.now()): Promise<{ flagged: number }> {
    return this.db.transaction(async (tx) => {
      const flagged = await this.repo.flagOverdue(tx, now);
      await this.notifications.notifyMany(
        tx,
        flagged.map((q) => ({ event: 'desk.question_overdue', recipientOrg: q.district, data: { questionId: q.id, dueAt: q.dueAt.toISOString() } })),
      );
      return { flagged: flagged.length };
    });
  }

  /** An officer's step on a question of its district, under the row's lock; anyone else: 404 before any lock. */
  private async change(
    caller: Caller,
    id: string,
    action: 'desk.question_taken' | 'desk.question_answered' | 'desk.question_closed',
    step: (row: DeskQuestionRow) => QuestionChanges,
    after?: (tx: Tx, row: DeskQuestionRow) => Promise<void>,
  ): Promise<QuestionView> {
    visibleTo(caller, await this.repo.findById(id), mayHandle(caller));
    const row = await this.db.transaction(async (tx) => {
      const current = (await this.repo.lockById(tx, id))!;
      const changed = await this.repo.update(tx, id, step(current));
      await this.audit.record(tx, caller, { action, entityType: 'desk_question', entityId: id, data: { status: changed.status, outcome: changed.outcome } });
      await after?.(tx, changed);
      return changed;
    });
    return toQuestionView(row);
  }
}
