import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import { EngagementsService } from '../engagements/engagements.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { PaymentsRepository } from './payments.repository.js';
import { MilestonesService } from './milestones.service.js';
import { PaymentsService } from './payments.service.js';
import { JOBS } from '../../jobs/job-names.js';

const TOLERANCE_SECONDS = 300;

type Outcome = 'applied' | 'duplicate' | 'ignored: unused type' | 'ignored: unknown object';

/**
 * Stripe webhooks: verified on the raw body, stored once by event id, applied once by the
 * `webhooks` queue. Every change merges cumulative totals or moves a dispute forward, so
 * duplicates and any order of delivery end in the same state.
 */
@Injectable()
export class StripeWebhooksService {
  private readonly logger = new Logger(StripeWebhooksService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: PaymentsRepository,
    private readonly payments: PaymentsService,
    private readonly milestones: MilestonesService,
    private readonly engagements: EngagementsService,
    private readonly outbox: OutboxService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<{ received: true; duplicate: boolean }> {
    const secret = this.config.stripe?.webhookSecret;
    if (!secret) throw new DomainError('validation_failed', 'Stripe webhooks are not configured here (STRIPE_WEBHOOK_SECRET)');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody ?? Buffer.alloc(0), signature ?? '', secret, TOLERANCE_SECONDS);
    } catch (error) {
      throw DomainError.validation([{ path: 'Stripe-Signature', message: (error as Error).message }], 'The webhook signature does not verify');
    }
    const stored = await this.db.transaction(async (tx) => {
      const first = await this.repo.storeStripeEvent(tx, { id: event.id, type: event.type, payload: event });
      if (first) await this.outbox.add(tx, 'webhooks', JOBS.webhooks.stripeApply, { eventId: event.id });
      return first;
    });
    return { received: true, duplicate: !stored };
  }

  /** The `webhooks` job: applies a stored event at most once, whatever the queue redelivers. */
  async apply(eventId: string): Promise<Outcome> {
    const outcome = await this.db.transaction(async (tx) => {
      const stored = await this.repo.lockStripeEvent(tx, eventId);
      if (!stored) return 'ignored: unknown object';
      if (stored.appliedAt) return 'duplicate';
      const result = await this.applyEvent(tx, stored.payload as Stripe.Event);
      await this.repo.markStripeEventApplied(tx, eventId, result);
      return result;
    });
    this.logger.log({ eventId, outcome }, 'stripe event');
    return outcome;
  }

  private async applyEvent(tx: Tx, event: Stripe.Event): Promise<Outcome> {
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed': {
        const intent = event.data.object;
        const failed = event.type === 'payment_intent.payment_failed';
        // A milestone's PaymentIntent funds escrow; the engagement's payment record follows it.
        if (!failed && (await this.milestones.cardFunded(tx, intent))) return 'applied';
        return this.money(tx, intent.id, failed ? { failed: true } : { received: intent.amount_received }, {
          kind: failed ? 'failed' : 'received',
          amount: failed ? 0 : intent.amount_received,
          externalId: failed ? event.id : `${intent.id}:received`,
        });
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        return this.money(
          tx,
          idOf(charge.payment_intent),
          { received: charge.amount_captured, refunded: charge.amount_refunded },
          {
            kind: 'refunded',
            amount: charge.amount_refunded,
            externalId: `${charge.id}:refunded:${charge.amount_refunded}`,
          },
        );
      }
      case 'charge.dispute.created':
      case 'charge.dispute.updated':
      case 'charge.dispute.closed':
        return this.dispute(tx, event.data.object);
      case 'account.updated': {
        const account = event.data.object;
        const known = await this.repo.updatePayoutByAccount(tx, account.id, {
          chargesEnabled: account.charges_enabled ?? false,
          payoutsEnabled: account.payouts_enabled ?? false,
        });
        return known ? 'applied' : 'ignored: unknown object';
      }
      default:
        return 'ignored: unused type';
    }
  }

  private async money(
    tx: Tx,
    paymentIntentId: string | null,
    totals: { received?: number; refunded?: number; failed?: boolean },
    fact: { kind: 'received' | 'refunded' | 'failed'; amount: number; externalId: string },
  ): Promise<Outcome> {
    const payment = paymentIntentId ? await this.repo.lockByIntent(tx, paymentIntentId) : undefined;
    if (!payment) return 'ignored: unknown object';
    await this.repo.recordEvent(tx, { paymentId: payment.id, engagementId: payment.engagementId, ...fact, source: 'stripe' });
    await this.payments.settle(tx, payment, totals);
    return 'applied';
  }

  private async dispute(tx: Tx, dispute: Stripe.Dispute): Promise<Outcome> {
    const payment = await this.repo.lockByIntent(tx, idOf(dispute.payment_intent) ?? '');
    if (!payment) return 'ignored: unknown object';
    const reported = dispute.status === 'won' ? 'won' : dispute.status === 'lost' ? 'lost' : 'open';
    await this.repo.recordEvent(tx, {
      paymentId: payment.id,
      engagementId: payment.engagementId,
      kind: reported === 'open' ? 'dispute_opened' : reported === 'won' ? 'dispute_won' : 'dispute_lost',
      amount: dispute.amount,
      externalId: `${dispute.id}:${reported}`,
      source: 'stripe',
    });
    const engagement = (await this.engagements.lock(tx, payment.engagementId))!;
    await this.engagements.applyDispute(tx, engagement, reported, payment.status, dispute.reason ?? 'card dispute');
    return 'applied';
  }
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
