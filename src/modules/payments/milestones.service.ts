import { Inject, Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { fundMove, isClosed, milestoneDues, milestoneStep, refundMove, releaseMove, type MilestoneAction } from '../../../libs/escrow/index.js';
import { addDays } from '../../../libs/time/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { EngagementRow } from '../../db/schema/engagements.js';
import type { MilestoneRow } from '../../db/schema/payments.js';
import { AuditService } from '../audit/audit.service.js';
import { EngagementsService, partyOf } from '../engagements/engagements.service.js';
import type { NotificationEvent } from '../notifications/notification-events.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { EscrowRails } from './escrow-rails.js';
import { FilesService } from '../files/files.service.js';
import { toMilestoneList } from './milestone-view.js';
import { MilestonesRepository } from './milestones.repository.js';
import type { ConfirmReceiptBody, FundMilestoneBody, MilestoneDeliverBody } from './milestones.schemas.js';
import { PaymentsService } from './payments.service.js';
import { STRIPE } from './stripe.client.js';

const REMIND_DAYS_BEFORE = 3;
const SWEEP_BATCH = 100;

export interface BidMilestone {
  title: string;
  amount: { amount: number; currency: string };
}

/**
 * Milestones are the unit of money (issue 26): each is funded into escrow, delivered, and released
 * (approved, or silence after MILESTONE_AUTO_RELEASE_DAYS) or refunded. Every change locks the
 * milestone row first, so of two racing actions one wins and the other finds it moved.
 */
@Injectable()
export class MilestonesService {
  private readonly logger = new Logger(MilestonesService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: MilestonesRepository,
    private readonly engagements: EngagementsService,
    private readonly payments: PaymentsService,
    private readonly rails: EscrowRails,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @Inject(CONFIG) private readonly config: Config,
    private readonly files: FilesService,
  ) {}

  /** For the award: the bid's milestones become the engagement's (one for the whole price when it had none). */
  async open(tx: Tx, engagement: EngagementRow, bidMilestones: readonly BidMilestone[]): Promise<void> {
    const plan =
      bidMilestones.length > 0 ? bidMilestones : [{ title: 'Whole engagement', amount: { amount: engagement.price, currency: engagement.currency } }];
    const dues = milestoneDues(
      plan.map((m) => m.amount.amount),
      engagement.enterpriseShare,
    );
    await this.repo.insertMany(
      tx,
      plan.map((m, i) => ({ engagementId: engagement.id, n: i + 1, title: m.title, currency: engagement.currency, amount: m.amount.amount, due: dues[i]! })),
    );
  }

  async fund(caller: Caller, id: string, n: number, body: FundMilestoneBody) {
    const engagement = await this.engagements.visible(caller, id);
    if (partyOf(caller, engagement) === 'provider') throw new DomainError('forbidden', 'The enterprise funds a milestone');
    if (engagement.status === 'cancelled' || engagement.status === 'completed') throw new DomainError('conflict', `The engagement is ${engagement.status}`);
    const destination = body.method === 'stripe' ? await this.payments.stripeAccountOf(engagement) : null;
    const { milestone, reference } = await this.db.transaction(async (tx) => {
      const m = await this.locked(tx, id, n);
      if (m.rail && m.rail !== body.method) throw new DomainError('conflict', `Funding by ${m.rail} has already started`);
      if (m.status !== 'pending') throw new DomainError('conflict', `Milestone ${n} is already ${m.status}`);
      const payment = await this.payments.escrowPayment(tx, engagement, body.method);
      const row = m.rail ? m : await this.repo.update(tx, m.id, { rail: body.method });
      await this.audit.record(tx, caller, { action: 'milestone.fund_started', entityType: 'engagement', entityId: id, data: { n, method: body.method } });
      if (row.due === 0) return { milestone: await this.markFunded(tx, row, null), reference: payment.reference };
      return { milestone: row, reference: payment.reference };
    });
    const amount = { amount: milestone.due, currency: milestone.currency };
    if (body.method === 'bank_transfer') {
      const payTo = this.config.escrow.custodian;
      return { n, method: body.method, amount, reference: reference!, ...(payTo ? { payTo } : {}) };
    }
    return { n, method: body.method, amount, clientSecret: await this.paymentIntent(milestone, destination!) };
  }

  /** From the webhook: the milestone's PaymentIntent succeeded; the money is held on the platform. */
  async cardFunded(tx: Tx, intent: Stripe.PaymentIntent): Promise<boolean> {
    const m = await this.repo.lockByIntent(tx, intent.id);
    if (!m) return false;
    if (m.status === 'pending' && intent.amount_received >= m.due)
      await this.markFunded(tx, m, typeof intent.latest_charge === 'string' ? intent.latest_charge : null);
    return true;
  }

  /** A finance person (admin) confirms the custodian account received the milestone's due. */
  async confirmReceipt(caller: Caller, id: string, n: number, body: ConfirmReceiptBody) {
    await this.engagements.visible(caller, id);
    await this.db.transaction(async (tx) => {
      const m = await this.locked(tx, id, n);
      this.receivable(m, body.amount.amount, body.amount.currency);
      await this.markFunded(tx, m, null);
      await this.audit.record(tx, caller, { action: 'milestone.receipt_confirmed', entityType: 'engagement', entityId: id, data: { n } });
    });
    return this.list(caller, id);
  }

  /** Refuses a receipt that is not exactly the pending bank milestone's due. */
  receivable(m: MilestoneRow, amount: number, currency: string): void {
    if (m.rail !== 'bank_transfer') throw new DomainError('conflict', `Milestone ${m.n} is not being funded by bank transfer`);
    if (m.status !== 'pending') throw new DomainError('conflict', `Milestone ${m.n} is already ${m.status}`);
    if (amount !== m.due || currency !== m.currency)
      throw new DomainError('conflict', `The amount ${amount} ${currency} does not match the due ${m.due} ${m.currency}`);
  }

  async markFunded(tx: Tx, m: MilestoneRow, chargeId: string | null): Promise<MilestoneRow> {
    await this.repo.move(tx, m, fundMove(m.due), `milestone:${m.id}:fund`);
    const funded = await this.repo.update(tx, m.id, { status: 'funded', fundedAt: new Date(), ...(chargeId ? { stripeChargeId: chargeId } : {}) });
    await this.syncPayment(tx, m.engagementId);
    await this.engagements.startWork(tx, m.engagementId);
    await this.notifyBoth(tx, funded, 'milestone.funded');
    return funded;
  }

  deliver(caller: Caller, id: string, n: number, work: MilestoneDeliverBody = {}) {
    return this.step(caller, id, n, 'deliver', 'provider', async (tx, m, engagement) => {
      // The note and deliverables are kept beside the engagement's deliveries, for the enterprise to see before approving.
      if (work.note || work.fileIds?.length) await this.engagements.recordDelivery(tx, caller, engagement, work);
      const now = new Date();
      const delivered = await this.repo.update(tx, m.id, {
        status: 'delivered',
        deliveredAt: now,
        autoReleaseAt: addDays(now, this.config.escrow.autoReleaseDays),
      });
      await this.notifyBoth(tx, delivered, 'milestone.delivered');
    });
  }

  approve(caller: Caller, id: string, n: number) {
    return this.step(caller, id, n, 'approve', 'enterprise', (tx, m) =>
      this.settle(tx, m, { release: m.due - m.released - m.refunded, refund: 0 }, 'released'),
    );
  }

  /** The provider gives back what is held of its own accord (an enterprise asks through a dispute). */
  refund(caller: Caller, id: string, n: number) {
    return this.step(caller, id, n, 'refund', 'provider', (tx, m) => this.settle(tx, m, { release: 0, refund: m.due - m.released - m.refunded }, 'refunded'));
  }

  /**
   * Moves what is held out of escrow, once: the ledger, the milestone, the rails, the payment's
   * totals and, when it was the last, the engagement. The caller holds the milestone's lock.
   */
  async settle(tx: Tx, m: MilestoneRow, split: { release: number; refund: number }, status: 'released' | 'refunded' | 'settled'): Promise<MilestoneRow> {
    await this.repo.move(tx, m, releaseMove(split.release), `milestone:${m.id}:release`);
    await this.repo.move(tx, m, refundMove(split.refund), `milestone:${m.id}:refund`);
    const closed = await this.repo.update(tx, m.id, {
      status,
      released: m.released + split.release,
      refunded: m.refunded + split.refund,
      closedAt: new Date(),
    });
    await this.rails.release(tx, closed, split.release);
    await this.rails.refund(tx, closed, split.refund);
    await this.syncPayment(tx, m.engagementId);
    const all = await this.repo.ofEngagement(m.engagementId, tx);
    if (all.every((x) => isClosed(x.status))) {
      await this.engagements.finishByMilestones(
        tx,
        m.engagementId,
        all.some((x) => x.released > 0),
      );
    }
    await this.notifyBoth(tx, closed, split.release > 0 ? 'milestone.released' : 'milestone.refunded');
    return closed;
  }

  /** The `milestones` sweep: reminders 3 days before, then silence is consent. `now` is injectable for tests. */
  async sweep(now: Date): Promise<{ reminded: number; released: number }> {
    let reminded = 0;
    let released = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const due = await this.repo.due(tx, 'remind', addDays(now, REMIND_DAYS_BEFORE), SWEEP_BATCH);
        for (const m of due) await this.notifyBoth(tx, await this.repo.update(tx, m.id, { reminderSentAt: now }), 'milestone.release_reminder');
        const silent = await this.repo.due(tx, 'release', now, SWEEP_BATCH);
        for (const m of silent) await this.settle(tx, m, { release: m.due - m.released - m.refunded, refund: 0 }, 'released');
        return { reminded: due.length, released: silent.length };
      });
      reminded += batch.reminded;
      released += batch.released;
      if (batch.reminded < SWEEP_BATCH && batch.released < SWEEP_BATCH) break;
    }
    if (reminded + released > 0) this.logger.log({ reminded, released }, 'milestone sweep');
    return { reminded, released };
  }

  async list(caller: Caller, id: string) {
    await this.engagements.visible(caller, id);
    return this.view(id);
  }

  async view(id: string) {
    const [rows, disputes, moves] = await Promise.all([this.repo.ofEngagement(id), this.repo.disputesOf(id), this.repo.movesOf(id)]);
    const files = await this.files.filesOf(
      'dispute',
      disputes.map((d) => d.id),
    );
    return toMilestoneList(id, rows, disputes, moves, files);
  }

  async locked(tx: Tx, id: string, n: number): Promise<MilestoneRow> {
    const m = await this.repo.lock(tx, id, n);
    if (!m) throw new DomainError('not_found', `The engagement has no milestone ${n}`);
    return m;
  }

  private async step(
    caller: Caller,
    id: string,
    n: number,
    action: MilestoneAction,
    by: 'enterprise' | 'provider',
    apply: (tx: Tx, m: MilestoneRow, engagement: EngagementRow) => Promise<unknown>,
  ) {
    const engagement = await this.engagements.visible(caller, id);
    const party = partyOf(caller, engagement);
    if (party !== by && party !== 'admin') throw new DomainError('forbidden', `Only the ${by} may ${action} a milestone`);
    await this.db.transaction(async (tx) => {
      const m = await this.locked(tx, id, n);
      const next = milestoneStep(m.status, action);
      if (!next.ok) throw new DomainError('conflict', `Milestone ${n}: ${next.reason}`);
      await apply(tx, m, engagement);
      await this.audit.record(tx, caller, { action: `milestone.${action}`, entityType: 'engagement', entityId: id, data: { n } });
    });
    return this.view(id);
  }

  /** The engagement's payment record follows the milestones: received is what was funded, refunded what came back. */
  async syncPayment(tx: Tx, engagementId: string): Promise<void> {
    const all = await this.repo.ofEngagement(engagementId, tx);
    const received = all.filter((m) => m.fundedAt !== null).reduce((sum, m) => sum + m.due, 0);
    const refunded = all.reduce((sum, m) => sum + m.refunded, 0);
    await this.payments.recordEscrowTotals(tx, engagementId, { received, refunded });
  }

  private async paymentIntent(m: MilestoneRow, destination: string): Promise<string> {
    const intent = await this.stripe!.paymentIntents.create(
      {
        amount: m.due,
        currency: m.currency.toLowerCase(),
        // Separate charges and transfers: the charge stays with the platform until release.
        transfer_group: `engagement:${m.engagementId}`,
        automatic_payment_methods: { enabled: true },
        metadata: { engagementId: m.engagementId, milestone: String(m.n), milestoneId: m.id, providerAccount: destination },
      },
      { idempotencyKey: `seaward:milestone:${m.id}:intent` },
    );
    if (m.stripePaymentIntentId !== intent.id) await this.db.transaction((tx) => this.repo.update(tx, m.id, { stripePaymentIntentId: intent.id }));
    return intent.client_secret!;
  }

  async notifyBoth(tx: Tx, m: MilestoneRow, event: NotificationEvent): Promise<void> {
    const engagement = (await this.engagements.lock(tx, m.engagementId))!;
    const data = { engagementId: m.engagementId, milestone: m.n, status: m.status };
    await this.notifications.notify(tx, { event, recipientOrg: engagement.enterpriseId, data });
    await this.notifications.notify(tx, { event, recipientOrg: engagement.providerId, data });
  }
}
