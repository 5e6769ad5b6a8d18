import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { custodianStatementLines, payoutInstructions, type MilestoneRow } from '../../db/schema/payments.js';
import { EngagementsService } from '../engagements/engagements.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { MilestonesRepository } from './milestones.repository.js';
import { PaymentsRepository } from './payments.repository.js';
import { STRIPE } from './stripe.client.js';

/**
 * Where held money goes once the ledger has moved it: by card, a Transfer to the provider's
 * connected account or a refund from the platform's charge (separate charges and transfers), each
 * sent after commit through the outbox and keyed so a retry is the same call at Stripe; by bank, a
 * payout or refund instruction for the next batch file of the custodian account.
 */
@Injectable()
export class EscrowRails {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly milestones: MilestonesRepository,
    private readonly payments: PaymentsRepository,
    private readonly outbox: OutboxService,
    private readonly engagements: EngagementsService,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
  ) {}

  async release(tx: DbOrTx, m: MilestoneRow, amount: number): Promise<void> {
    if (amount === 0) return;
    if (m.rail === 'stripe') await this.outbox.add(tx, 'milestones', 'stripe.transfer', { milestoneId: m.id, amount });
    else
      await tx
        .insert(payoutInstructions)
        .values({ engagementId: m.engagementId, milestoneN: m.n, kind: 'payout', amount, currency: m.currency })
        .onConflictDoNothing();
  }

  async refund(tx: DbOrTx, m: MilestoneRow, amount: number): Promise<void> {
    if (amount === 0) return;
    if (m.rail === 'stripe') {
      await this.outbox.add(tx, 'milestones', 'stripe.refund', { milestoneId: m.id, amount });
      return;
    }
    const [line] = await tx
      .select()
      .from(custodianStatementLines)
      .where(eq(custodianStatementLines.matchedEngagementId, m.engagementId))
      .then((rows) => rows.filter((r) => r.matchedMilestoneN === m.n));
    const payee = line ? { name: line.payerName, bank: '', accountNumber: line.payerAccount, cnaps: null, swift: null } : null;
    await tx
      .insert(payoutInstructions)
      .values({ engagementId: m.engagementId, milestoneN: m.n, kind: 'refund', amount, currency: m.currency, payee })
      .onConflictDoNothing();
  }

  /** The `milestones` job: the Transfer of a released milestone to the provider's connected account. */
  async sendTransfer(milestoneId: string, amount: number): Promise<string> {
    const { m, providerId } = await this.db.transaction(async (tx) => {
      const row = (await this.milestones.lockById(tx, milestoneId))!;
      return { m: row, providerId: (await this.engagements.lock(tx, row.engagementId))!.providerId };
    });
    const account = await this.payments.payoutOf(providerId);
    if (!account) throw new Error(`milestone ${milestoneId}: the provider has no Stripe account to transfer to`);
    const transfer = await this.stripe!.transfers.create(
      {
        amount,
        currency: m.currency.toLowerCase(),
        destination: account.stripeAccountId,
        transfer_group: `engagement:${m.engagementId}`,
        ...(m.stripeChargeId ? { source_transaction: m.stripeChargeId } : {}),
        metadata: { engagementId: m.engagementId, milestone: String(m.n) },
      },
      { idempotencyKey: `seaward:milestone:${m.id}:transfer` },
    );
    await this.db.transaction((tx) => this.milestones.update(tx, m.id, { stripeTransferId: transfer.id }));
    return transfer.id;
  }

  /** The `milestones` job: the enterprise's part back from the platform's charge (before any transfer of it). */
  async sendRefund(milestoneId: string, amount: number): Promise<string> {
    const m = (await this.db.transaction((tx) => this.milestones.lockById(tx, milestoneId)))!;
    const refund = await this.stripe!.refunds.create(
      { payment_intent: m.stripePaymentIntentId!, amount, metadata: { engagementId: m.engagementId, milestone: String(m.n) } },
      { idempotencyKey: `seaward:milestone:${m.id}:refund` },
    );
    return refund.id;
  }

  /** After release: the Transfer reversed (separate charges and transfers), then the enterprise refunded from the charge. */
  async sendReversal(milestoneId: string, amount: number, key: string): Promise<string> {
    const m = (await this.db.transaction((tx) => this.milestones.lockById(tx, milestoneId)))!;
    // The release's own job may not have reached Stripe yet: fail, and the retry finds the Transfer.
    if (!m.stripeTransferId) throw new Error(`milestone ${milestoneId}: its Transfer is not recorded yet`);
    await this.stripe!.transfers.createReversal(
      m.stripeTransferId,
      { amount, metadata: { engagementId: m.engagementId } },
      { idempotencyKey: `${key}:reversal` },
    );
    const refund = await this.stripe!.refunds.create(
      { payment_intent: m.stripePaymentIntentId!, amount, metadata: { engagementId: m.engagementId, milestone: String(m.n) } },
      { idempotencyKey: `${key}:refund` },
    );
    return refund.id;
  }

  async reverse(tx: DbOrTx, m: MilestoneRow, amount: number, key: string): Promise<void> {
    await this.outbox.add(tx, 'milestones', 'stripe.reverse', { milestoneId: m.id, amount, key });
  }
}
