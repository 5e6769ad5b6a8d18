import { Inject, Injectable } from '@nestjs/common';
import {
  engagementAfterDispute,
  engagementAfterPayment,
  mergeDispute,
  transition,
  type EngagementAction,
  type Party,
  type PaymentStatus,
} from '../../../libs/engagement-flow/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx, Tx } from '../../db/database.js';
import type { EngagementRow, EngagementStatus } from '../../db/schema/engagements.js';
import { AuditService } from '../audit/audit.service.js';
import type { NotificationEvent } from '../notifications/notification-events.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ClaimsService } from '../subsidies/claims.service.js';
import { EnterpriseClientsPort } from '../enterprises/enterprise-clients.port.js';
import { DeliveriesService } from '../deliveries/deliveries.service.js';
import { EngagementPaymentsPort } from './engagement-payments.port.js';
import { toEngagementView } from './engagement-view.js';
import { EngagementsRepository, type EngagementChanges } from './engagements.repository.js';
import type { DeliverBody, DisputeBody, EngagementView, ListEngagementsQuery, RatingBody, ResolveDisputeBody } from './engagements.schemas.js';
import { createdAtCursor, createdAtKey, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { actsFor, isAdmin } from '../../common/auth/tenancy.js';

export { toEngagementView };
export type { EngagementRow };

export interface OpenEngagement {
  id: string;
  requestId: string;
  bidId: string;
  providerId: string;
  enterpriseId: string;
  currency: string;
  price: number;
  /** The voucher's subsidy and who redeems it, if the award used one. */
  granted: { subsidy: number; payee: 'provider' | 'enterprise' } | null;
}

/** The caller's side of the engagement, or 404 for anyone else (tenancy). */
export function partyOf(caller: Caller, row: EngagementRow | undefined): Party {
  if (row && isAdmin(caller)) return 'admin';
  if (row && actsFor(caller, row.enterpriseId, 'enterprise')) return 'enterprise';
  if (row && actsFor(caller, row.providerId, 'provider')) return 'provider';
  throw new DomainError('not_found');
}

/** The engagement's life after the award (libs/engagement-flow), each step by the right party. */
@Injectable()
export class EngagementsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: EngagementsRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly claims: ClaimsService,
    private readonly payments: EngagementPaymentsPort,
    private readonly deliveries: DeliveriesService,
    clients: EnterpriseClientsPort,
  ) {
    // The provider of an engagement sees its client's name, contact and USCC (issue 25).
    clients.connect({ isClientOf: (enterpriseId, providerId) => this.repo.existsBetween(enterpriseId, providerId) });
  }

  /**
   * For the award: an engagement awaiting payment, in the award's transaction. The enterprise
   * pays price − subsidy when the provider redeems the subsidy, the full price when the
   * enterprise is reimbursed itself (docs/product.md, "Redemption").
   */
  async open(tx: DbOrTx, input: OpenEngagement): Promise<EngagementRow> {
    const { granted, ...fields } = input;
    const enterpriseShare = granted?.payee === 'provider' ? input.price - granted.subsidy : input.price;
    return this.repo.insert(tx, { ...fields, subsidy: granted?.subsidy ?? null, subsidyPayee: granted?.payee ?? null, enterpriseShare });
  }

  /** Its enterprise, its provider and admins; anyone else gets 404. */
  async visible(caller: Caller, id: string, tx?: DbOrTx): Promise<EngagementRow> {
    const row = await this.repo.findById(id, tx);
    partyOf(caller, row);
    return row!;
  }

  /** What its parties see: the engagement with its payment. */
  async view(caller: Caller, id: string): Promise<EngagementView> {
    return this.withPayment(await this.visible(caller, id));
  }

  /** The caller's engagements as its enterprise or its provider, newest first, each with its payment (issue 25). */
  async list(caller: Caller, query: ListEngagementsQuery): Promise<Page<EngagementView>> {
    const party = caller.role === 'provider' ? 'provider' : 'enterprise';
    const rows = await this.repo.ofParty({ party, org: caller.org, status: query.status, after: decodeCursor(query.cursor, createdAtCursor) }, query.limit);
    const payments = await this.payments.viewsOf(rows.slice(0, query.limit).map((row) => row.id));
    return toPage(rows, query.limit, (row) => toEngagementView(row, payments.get(row.id) ?? null), createdAtKey);
  }

  async withPayment(row: EngagementRow): Promise<EngagementView> {
    return toEngagementView(row, await this.payments.viewOf(row.id));
  }

  /** For reconciliation: the engagements behind a batch of claims. */
  async byIds(tx: Tx, ids: string[]): Promise<Map<string, EngagementRow>> {
    return new Map((await this.repo.byIds(tx, ids)).map((row) => [row.id, row]));
  }

  async lock(tx: Tx, id: string): Promise<EngagementRow | undefined> {
    return this.repo.lockById(tx, id);
  }

  /** A milestone's delivery: its note and files kept like the engagement's (in the caller's transaction). */
  recordDelivery(tx: Tx, caller: Caller, engagement: EngagementRow, work: { note?: string; fileIds?: string[] }) {
    return this.deliveries.record(tx, caller, engagement, work);
  }

  /** An invoice number given at delivery becomes the purchase's claim key for reconciliation; the note and files are kept (deliveries). */
  deliver(caller: Caller, id: string, body: DeliverBody) {
    return this.act(caller, id, 'deliver', { deliveredAt: new Date(), invoiceNumber: body.invoiceNumber ?? null }, undefined, async (tx, updated) => {
      if (body.invoiceNumber) await this.claims.recordInvoice(tx, id, updated.providerId, body.invoiceNumber);
      await this.deliveries.record(tx, caller, updated, { note: body.note, fileIds: body.fileIds });
    });
  }

  accept(caller: Caller, id: string) {
    return this.act(caller, id, 'accept', { acceptedAt: new Date() });
  }

  async rate(caller: Caller, id: string, body: RatingBody) {
    return this.act(caller, id, 'rate', { rating: body.score, ratingComment: body.comment, ratedAt: new Date() }, (row) => {
      if (row.rating !== null) throw new DomainError('conflict', 'This engagement has already been rated');
    });
  }

  dispute(caller: Caller, id: string, body: DisputeBody) {
    return this.act(caller, id, 'dispute', { disputeStatus: 'open', disputeReason: body.reason, disputedBy: caller.role }, (row) => ({
      statusBeforeDispute: row.status,
    }));
  }

  /** A pending card payment is stopped first, so no money can arrive for a cancelled engagement. */
  async cancel(caller: Caller, id: string) {
    const row = await this.visible(caller, id);
    if (transition(row.status, 'cancel', partyOf(caller, row)).ok) await this.payments.beforeCancel(row);
    return this.act(caller, id, 'cancel', {});
  }

  /** An admin closes a dispute raised in the app (Stripe's disputes close through its webhooks). */
  async resolveDispute(caller: Caller, id: string, body: ResolveDisputeBody): Promise<EngagementRow> {
    await this.visible(caller, id);
    const payment = await this.payments.statusOf(id);
    return this.db.transaction(async (tx) => {
      const row = await this.repo.lockById(tx, id);
      partyOf(caller, row);
      if (row!.disputeStatus !== 'open') throw new DomainError('conflict', 'The engagement has no open dispute');
      const updated = await this.applyDispute(tx, row!, body.outcome, payment);
      await this.audit.record(tx, caller, { action: `engagement.dispute_${body.outcome}`, entityType: 'engagement', entityId: id });
      return updated;
    });
  }

  /** For milestones: the district whose officer mediates, when a subsidy is involved. */
  subsidyDistrict(id: string): Promise<string | null> {
    return this.claims.districtOf(id);
  }

  /** For milestones: work starts when the first milestone is funded. */
  async startWork(tx: Tx, id: string): Promise<void> {
    const row = (await this.repo.lockById(tx, id))!;
    if (row.status !== 'awaiting_payment') return;
    await this.notifyBoth(tx, await this.repo.update(tx, id, { status: 'in_progress' }), 'engagement.in_progress');
  }

  /** For milestones: every milestone's money has gone; completed if any reached the provider, else cancelled. */
  async finishByMilestones(tx: Tx, id: string, anyReleased: boolean): Promise<void> {
    const row = (await this.repo.lockById(tx, id))!;
    if (row.status === 'completed' || row.status === 'cancelled') return;
    const status = anyReleased ? 'completed' : 'cancelled';
    const updated = await this.repo.update(tx, id, { status, ...(anyReleased ? { acceptedAt: new Date(), deliveredAt: row.deliveredAt ?? new Date() } : {}) });
    await this.notifyBoth(tx, updated, `engagement.${status}`);
  }

  /** For payments: the engagement follows its payment (paid in full starts work; refunded in full cancels). */
  async applyPaymentStatus(tx: Tx, id: string, payment: PaymentStatus): Promise<EngagementRow> {
    const row = (await this.repo.lockById(tx, id))!;
    const next: EngagementStatus = engagementAfterPayment(row.status, payment);
    if (next === row.status) return row;
    const updated = await this.repo.update(tx, id, { status: next });
    await this.notifyBoth(tx, updated, `engagement.${next}`);
    return updated;
  }

  /**
   * For payments and admins: a dispute only moves forward, and the engagement with it. When the
   * provider wins, the engagement returns to where it was, caught up with its payment since.
   */
  async applyDispute(
    tx: Tx,
    row: EngagementRow,
    reported: 'open' | 'won' | 'lost',
    payment: PaymentStatus | null,
    reason = 'card dispute',
  ): Promise<EngagementRow> {
    const dispute = mergeDispute(row.disputeStatus, reported);
    if (dispute === row.disputeStatus) return row;
    const before = row.statusBeforeDispute ?? row.status;
    const after = engagementAfterDispute(before, dispute);
    const updated = await this.repo.update(tx, row.id, {
      disputeStatus: dispute,
      statusBeforeDispute: before,
      disputeReason: row.disputeReason ?? reason,
      disputedBy: row.disputedBy ?? 'enterprise',
      status: dispute === 'won' && payment ? engagementAfterPayment(after, payment) : after,
    });
    await this.notifyBoth(tx, updated, `engagement.dispute_${dispute}`);
    return updated;
  }

  private async act(
    caller: Caller,
    id: string,
    action: EngagementAction,
    changes: EngagementChanges,
    check?: (row: EngagementRow) => EngagementChanges | void,
    after?: (tx: Tx, updated: EngagementRow) => Promise<void>,
  ): Promise<EngagementRow> {
    await this.visible(caller, id); // before the lock: a stranger never holds another tenant's row
    return this.db.transaction(async (tx) => {
      const row = await this.repo.lockById(tx, id);
      const party = partyOf(caller, row);
      const result = transition(row!.status, action, party);
      if (!result.ok) throw new DomainError(result.refusal, `The ${party} ${result.reason.replace(/^only/, 'cannot: only')}`);
      const extra = check?.(row!) ?? {};
      const updated = await this.repo.update(tx, id, { ...changes, ...extra, status: result.status });
      await after?.(tx, updated);
      await this.audit.record(tx, caller, { action: `engagement.${action}`, entityType: 'engagement', entityId: id });
      await this.notifyBoth(tx, updated, `engagement.${action}`);
      return updated;
    });
  }

  private async notifyBoth(tx: DbOrTx, row: EngagementRow, event: NotificationEvent): Promise<void> {
    const data = { engagementId: row.id, status: row.status };
    await this.notifications.notify(tx, { event, recipientOrg: row.enterpriseId, data });
    await this.notifications.notify(tx, { event, recipientOrg: row.providerId, data });
  }
}
