import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { mergeTotals, paymentStatus, type PaymentFacts, type PaymentStatus } from '../../../libs/engagement-flow/index.js';
import { applyRateDown } from '../../../libs/money/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { EngagementRow } from '../../db/schema/engagements.js';
import type { PaymentRow } from '../../db/schema/payments.js';
import { AuditService } from '../audit/audit.service.js';
import { EngagementPaymentsPort, type EngagementPayments } from '../engagements/engagement-payments.port.js';
import type { EngagementView, PaymentView } from '../engagements/engagements.schemas.js';
import { EngagementsService, partyOf } from '../engagements/engagements.service.js';
import { CustodianRepository } from './custodian.repository.js';
import { toPaymentView } from './payment-view.js';
import { MilestonesRepository } from './milestones.repository.js';
import { PaymentsRepository } from './payments.repository.js';
import type { ConfirmTransferBody, RefundBody, StartPaymentBody } from './payments.schemas.js';
import { STRIPE } from './stripe.client.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A bank reference people can read out and type: SW- and ten Crockford base-32 characters. */
function bankReference(): string {
  return `SW-${[...randomBytes(10)].map((b) => CROCKFORD[b & 31]).join('')}`;
}

/** A refund never takes back more than was received and not yet refunded. */
function assertRefundable(payment: PaymentRow | undefined, body: RefundBody): void {
  if (!payment || payment.received === 0) throw new DomainError('conflict', 'Nothing has been received to refund');
  if (body.amount.currency !== payment.currency) throw DomainError.validation([{ path: 'amount.currency', message: `must be ${payment.currency}` }]);
  const refundable = payment.received - payment.refunded;
  if (body.amount.amount > refundable) throw new DomainError('conflict', `At most ${refundable} can still be refunded`);
}

/**
 * The enterprise's share, paid once: by Stripe (destination charge) or by a confirmed bank
 * transfer. It reports what the money did to the engagement (`settle`); engagements see their
 * payment through the port this service answers.
 */
@Injectable()
export class PaymentsService implements EngagementPayments {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: PaymentsRepository,
    private readonly milestones: MilestonesRepository,
    private readonly bankAccounts: CustodianRepository,
    private readonly engagements: EngagementsService,
    private readonly audit: AuditService,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @Inject(CONFIG) private readonly config: Config,
    port: EngagementPaymentsPort,
  ) {
    port.connect(this);
  }

  async viewOf(engagementId: string): Promise<PaymentView | null> {
    return (await this.viewsOf([engagementId])).get(engagementId) ?? null;
  }

  async viewsOf(engagementIds: string[]): Promise<Map<string, PaymentView>> {
    const rows = await this.repo.ofEngagements(undefined, engagementIds);
    const byMilestones = rows.filter((row) => row.byMilestones).map((row) => row.engagementId);
    const summaries = await this.milestones.summariesOf(byMilestones);
    return new Map(rows.map((row) => [row.engagementId, toPaymentView(row, summaries.get(row.engagementId) ?? null)]));
  }

  /** For dispute resolution: where the engagement's money stands, if a payment started. */
  async statusOf(engagementId: string): Promise<PaymentStatus | null> {
    return (await this.repo.ofEngagement(engagementId))?.status ?? null;
  }

  /** A card payment still pending is cancelled at Stripe; one that already went through must be refunded instead. */
  async beforeCancel(engagement: EngagementRow): Promise<void> {
    const payment = await this.repo.ofEngagement(engagement.id);
    if (payment?.method === 'stripe' && payment.stripePaymentIntentId && payment.received === 0) await this.cancelIntent(payment);
  }

  /** For reconciliation: the payments behind a batch of engagements. */
  async ofEngagements(tx: Tx, engagementIds: string[]): Promise<Map<string, PaymentRow>> {
    return new Map((await this.repo.ofEngagements(tx, engagementIds)).map((row) => [row.engagementId, row]));
  }

  async start(caller: Caller, engagementId: string, body: StartPaymentBody) {
    const engagement = await this.engagements.visible(caller, engagementId);
    if (partyOf(caller, engagement) === 'provider') throw new DomainError('forbidden', 'The enterprise pays its share');
    if (engagement.status !== 'awaiting_payment') throw new DomainError('conflict', `The engagement is ${engagement.status}; nothing to pay`);
    const destination = body.method === 'stripe' ? await this.stripeDestination(engagement) : null;
    const payment = await this.db.transaction(async (tx) => {
      const row = await this.repo.insertOnce(tx, {
        engagementId,
        method: body.method,
        currency: engagement.currency,
        amount: engagement.enterpriseShare,
        reference: body.method === 'bank_transfer' ? bankReference() : null,
      });
      if (row.byMilestones) throw new DomainError('conflict', 'This engagement is paid milestone by milestone: fund its milestones');
      if (row.method !== body.method) throw new DomainError('conflict', `Payment by ${row.method} has already started`);
      await this.audit.record(tx, caller, { action: 'payment.started', entityType: 'engagement', entityId: engagementId, data: { method: row.method } });
      // A share of zero (a 100% subsidy) is paid as soon as it starts.
      return row.amount === 0 ? this.settle(tx, row, {}) : row;
    });
    const amount = { amount: payment.amount, currency: payment.currency };
    if (payment.method === 'bank_transfer') {
      const account = await this.bankAccounts.bankAccountOf(engagement.providerId);
      const payee = account && {
        bank: account.bank,
        accountName: account.accountName,
        accountNumber: account.accountNumber,
        cnaps: account.cnaps,
        swift: account.swift,
      };
      return { method: payment.method, amount, reference: payment.reference!, ...(payee ? { payee } : {}) };
    }
    return { method: payment.method, amount, clientSecret: await this.paymentIntent(payment, destination!) };
  }

  /** The provider confirms the transfer arrived: the reference and the amount must be exactly the expected ones. */
  async confirmTransfer(caller: Caller, engagementId: string, body: ConfirmTransferBody): Promise<EngagementView> {
    const engagement = await this.engagements.visible(caller, engagementId);
    if (partyOf(caller, engagement) === 'enterprise') throw new DomainError('forbidden', 'The provider confirms what it received');
    await this.db.transaction(async (tx) => {
      const payment = await this.repo.lockOfEngagement(tx, engagementId);
      if (!payment || payment.method !== 'bank_transfer') throw new DomainError('conflict', 'No bank transfer is expected for this engagement');
      // Locked after the payment, in the order settle() takes them.
      if ((await this.engagements.lock(tx, engagementId))!.status === 'cancelled') {
        throw new DomainError('conflict', 'The engagement is cancelled: no transfer is expected; return any money received to the enterprise');
      }
      if (body.reference !== payment.reference) throw new DomainError('conflict', 'The reference does not match the one given to the enterprise');
      if (body.amount.currency !== payment.currency || body.amount.amount !== payment.amount) {
        throw new DomainError(
          'conflict',
          `The amount ${body.amount.amount} ${body.amount.currency} does not match the expected ${payment.amount} ${payment.currency}`,
        );
      }
      const first = await this.repo.recordEvent(tx, {
        paymentId: payment.id,
        engagementId,
        kind: 'received',
        amount: payment.amount,
        externalId: `bank:${payment.id}:received`,
        source: 'bank_transfer',
      });
      if (!first) return; // reported again: the money is counted once
      await this.settle(tx, payment, { received: payment.amount });
      await this.audit.record(tx, caller, { action: 'payment.transfer_confirmed', entityType: 'engagement', entityId: engagementId });
    });
    return this.engagements.view(caller, engagementId);
  }

  /** The provider (or an admin) refunds part or all of what was received. */
  async refund(caller: Caller, engagementId: string, body: RefundBody): Promise<EngagementView> {
    const engagement = await this.engagements.visible(caller, engagementId);
    if (partyOf(caller, engagement) === 'enterprise') throw new DomainError('forbidden', 'The provider refunds; an enterprise disputes');
    const payment = await this.repo.ofEngagement(engagementId);
    if (payment?.byMilestones) throw new DomainError('conflict', 'This engagement is paid by milestones: refund a milestone');
    assertRefundable(payment, body);
    // Card refunds are Stripe's to refuse past the charge; bank refunds are checked again under the lock below.
    const externalId = payment!.method === 'stripe' ? await this.stripeRefund(payment!, body) : `bank-refund:${randomUUID()}`;
    await this.db.transaction(async (tx) => {
      const locked = (await this.repo.lockOfEngagement(tx, engagementId))!;
      // The second of two racing refunds sees the first one's total here and is refused.
      if (locked.method === 'bank_transfer') assertRefundable(locked, body);
      const first = await this.repo.recordEvent(tx, {
        paymentId: locked.id,
        engagementId,
        kind: 'refunded',
        amount: body.amount.amount,
        externalId,
        source: locked.method,
      });
      if (first) await this.settle(tx, locked, { refunded: locked.refunded + body.amount.amount });
      await this.audit.record(tx, caller, { action: 'payment.refunded', entityType: 'engagement', entityId: engagementId, data: { amount: body.amount } });
    });
    return this.engagements.view(caller, engagementId);
  }

  /** For milestones: the engagement's payment record of escrowed money (refused when it is being paid as a whole). */
  async escrowPayment(tx: Tx, engagement: EngagementRow, method: PaymentRow['method']): Promise<PaymentRow> {
    const row = await this.repo.insertOnce(tx, {
      engagementId: engagement.id,
      method,
      currency: engagement.currency,
      amount: engagement.enterpriseShare,
      byMilestones: true,
      reference: method === 'bank_transfer' ? bankReference() : null,
    });
    if (!row.byMilestones) throw new DomainError('conflict', 'This engagement is being paid as a whole, not by milestones');
    if (method === 'bank_transfer' && !row.reference) return this.repo.update(tx, row.id, { reference: bankReference() });
    return row;
  }

  /** For milestones: cumulative totals of what escrow received and gave back. */
  async recordEscrowTotals(tx: Tx, engagementId: string, totals: { received: number; refunded: number }): Promise<void> {
    const payment = await this.repo.lockOfEngagement(tx, engagementId);
    if (payment) await this.settle(tx, payment, totals);
  }

  /** For milestones: the engagement's payment by its bank reference. */
  async byReference(reference: string): Promise<PaymentRow | undefined> {
    return this.repo.byReference(reference);
  }

  async stripeAccountOf(engagement: EngagementRow): Promise<string> {
    return this.stripeDestination(engagement);
  }

  /** Merges reported cumulative totals into the payment and moves the engagement with it. */
  async settle(tx: Tx, payment: PaymentRow, report: Partial<PaymentFacts>): Promise<PaymentRow> {
    const facts = mergeTotals(payment, report);
    const status = paymentStatus(facts);
    const updated = await this.repo.update(tx, payment.id, { received: facts.received, refunded: facts.refunded, failed: facts.failed, status });
    await this.engagements.applyPaymentStatus(tx, payment.engagementId, status);
    return updated;
  }

  private async stripeDestination(engagement: EngagementRow): Promise<string> {
    if (!this.stripe) throw new DomainError('conflict', 'Card payments (Stripe) are not configured here; pay by bank_transfer');
    const account = await this.repo.payoutOf(engagement.providerId);
    if (!account) throw new DomainError('conflict', 'The provider has no Stripe payout account yet; pay by bank_transfer');
    return account.stripeAccountId;
  }

  /** Creates (or, under the same key, gets back) the PaymentIntent: a destination charge to the provider. */
  private async paymentIntent(payment: PaymentRow, destination: string): Promise<string> {
    const feeBps = this.config.stripe?.platformFeeBps ?? 0;
    const intent = await this.stripe!.paymentIntents.create(
      {
        amount: payment.amount,
        currency: payment.currency.toLowerCase(),
        transfer_data: { destination },
        ...(feeBps > 0 ? { application_fee_amount: applyRateDown(payment.amount, feeBps) } : {}),
        automatic_payment_methods: { enabled: true },
        metadata: { engagementId: payment.engagementId, paymentId: payment.id },
      },
      { idempotencyKey: `seaward:payment:${payment.id}:intent` },
    );
    if (payment.stripePaymentIntentId !== intent.id) await this.repo.update(this.db, payment.id, { stripePaymentIntentId: intent.id });
    return intent.client_secret!;
  }

  private async cancelIntent(payment: PaymentRow): Promise<void> {
    try {
      await this.stripe!.paymentIntents.cancel(
        payment.stripePaymentIntentId!,
        { cancellation_reason: 'abandoned' },
        { idempotencyKey: `seaward:payment:${payment.id}:cancel` },
      );
    } catch (error) {
      const stripeError = error as { code?: string; message?: string };
      if (stripeError.code !== 'payment_intent_unexpected_state') throw error;
      if (!/status of canceled/.test(stripeError.message ?? '')) {
        throw new DomainError('conflict', 'The card payment has already gone through; refund it instead of cancelling');
      }
    }
  }

  private async stripeRefund(payment: PaymentRow, body: RefundBody): Promise<string> {
    const refund = await this.stripe!.refunds.create(
      { payment_intent: payment.stripePaymentIntentId!, amount: body.amount.amount, metadata: { engagementId: payment.engagementId, reason: body.reason } },
      // The same refund asked again (a retry after a crash) is the same refund at Stripe.
      { idempotencyKey: `seaward:payment:${payment.id}:refund:${payment.refunded}:${body.amount.amount}` },
    );
    return refund.id;
  }
}
