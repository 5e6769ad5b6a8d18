import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { actsFor, isAdmin, visibleTo } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { RequestQuestionRow } from '../../db/schema/conversations.js';
import { BidsService } from '../bids/bids.service.js';
import { MatchingService } from '../matching/matching.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RequestsService } from '../requests/requests.service.js';
import type { AnswerBody, AskBody, QuestionView } from './conversations.schemas.js';
import { QuestionsRepository } from './questions.repository.js';

/**
 * Clarification before the bid (docs/api.md "Questions and addenda"): invited providers ask, the
 * enterprise answers the asker alone or every invited provider (an addendum). Nobody else learns
 * that the request, or its questions, exist.
 */
@Injectable()
export class QuestionsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: QuestionsRepository,
    private readonly requests: RequestsService,
    private readonly matching: MatchingService,
    private readonly bids: BidsService,
    private readonly notifications: NotificationsService,
  ) {}

  async ask(caller: Caller, requestId: string, body: AskBody): Promise<QuestionView> {
    const request = await this.requests.findVisible(caller, requestId, await this.invited(caller, requestId));
    if (request.status !== 'open') throw new DomainError('conflict', `The request is ${request.status}; questions are closed`);
    const row = await this.db.transaction(async (tx) => {
      const created = await this.repo.insert(tx, { requestId, enterpriseId: request.enterpriseId, providerId: caller.org, text: body.text });
      await this.notifications.notify(tx, { event: 'request.question_asked', recipientOrg: request.enterpriseId, data: { requestId, questionId: created.id } });
      return created;
    });
    return this.view(caller, row);
  }

  /** Once per question; a public answer is an addendum: every invited provider is told, bidders as `bid.addendum`. */
  async answer(caller: Caller, questionId: string, body: AnswerBody): Promise<QuestionView> {
    const ownedBy = (q: RequestQuestionRow) => actsFor(caller, q.enterpriseId, 'enterprise');
    visibleTo(caller, await this.repo.findById(questionId), ownedBy); // before the lock
    const row = await this.db.transaction(async (tx) => {
      const question = (await this.repo.lockById(tx, questionId))!;
      if (question.answer !== null) throw new DomainError('conflict', 'The question has already been answered');
      const answered = await this.repo.answer(tx, questionId, body.text, body.public);
      if (body.public) await this.announceAddendum(tx, answered);
      else {
        const data = { requestId: answered.requestId, questionId };
        await this.notifications.notify(tx, { event: 'request.question_answered', recipientOrg: answered.providerId, data });
      }
      return answered;
    });
    return this.view(caller, row);
  }

  /** The enterprise (and admins) see every question; an invited provider its own and the public addenda. */
  async list(caller: Caller, requestId: string) {
    await this.requests.findVisible(caller, requestId, await this.invited(caller, requestId));
    const rows = await this.repo.ofRequest(requestId);
    const seen = caller.role === 'provider' ? rows.filter((q) => q.providerId === caller.org || q.answerPublic === true) : rows;
    return page(seen.map((q) => this.view(caller, q)));
  }

  private async announceAddendum(tx: Tx, question: RequestQuestionRow): Promise<void> {
    const invited = await this.matching.invitedProviders(question.requestId, tx);
    const withBid = new Set(await this.bids.liveBidders(tx, question.requestId));
    const data = { requestId: question.requestId, questionId: question.id };
    await this.notifications.notifyMany(
      tx,
      invited.map((providerId) => ({ event: withBid.has(providerId) ? 'bid.addendum' : 'request.addendum', recipientOrg: providerId, data })),
    );
  }

  private async invited(caller: Caller, requestId: string): Promise<boolean> {
    return caller.role === 'provider' && this.matching.isInvited(requestId, caller.org);
  }

  private view(caller: Caller, q: RequestQuestionRow): QuestionView {
    const mine = caller.role === 'provider' && q.providerId === caller.org;
    return {
      id: q.id,
      requestId: q.requestId,
      text: q.text,
      askedByYou: mine,
      providerId: mine || caller.role !== 'provider' || isAdmin(caller) ? q.providerId : null,
      answer: q.answer === null ? null : { text: q.answer, public: q.answerPublic!, answeredAt: q.answeredAt!.toISOString() },
      createdAt: q.createdAt.toISOString(),
    };
  }
}
