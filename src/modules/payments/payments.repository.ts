import { Inject, Injectable } from '@nestjs/common';
import { eq, inArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { paymentEvents, payments, payoutAccounts, stripeEvents, type PaymentRow, type PayoutAccountRow } from '../../db/schema/payments.js';

@Injectable()
export class PaymentsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Inserts the engagement's payment unless it has one; returns the one it has either way. */
  async insertOnce(tx: DbOrTx, row: typeof payments.$inferInsert): Promise<PaymentRow> {
    const [created] = await tx.insert(payments).values(row).onConflictDoNothing({ target: payments.engagementId }).returning();
    return created ?? (await this.ofEngagement(row.engagementId, tx))!;
  }

  async ofEngagement(engagementId: string, tx: DbOrTx = this.db): Promise<PaymentRow | undefined> {
    const [row] = await tx.select().from(payments).where(eq(payments.engagementId, engagementId));
    return row;
  }

  async ofEngagements(tx: DbOrTx | undefined, engagementIds: string[]): Promise<PaymentRow[]> {
    if (engagementIds.length === 0) return [];
    return (tx ?? this.db).select().from(payments).where(inArray(payments.engagementId, engagementIds));
  }

  async lockOfEngagement(tx: DbOrTx, engagementId: string): Promise<PaymentRow | undefined> {
    const [row] = await tx.select().from(payments).where(eq(payments.engagementId, engagementId)).for('update');
    return row;
  }

  async lockByIntent(tx: DbOrTx, paymentIntentId: string): Promise<PaymentRow | undefined> {
    const [row] = await tx.select().from(payments).where(eq(payments.stripePaymentIntentId, paymentIntentId)).for('update');
    return row;
  }

  async update(tx: DbOrTx, id: string, changes: Partial<typeof payments.$inferInsert>): Promise<PaymentRow> {
    const [row] = await tx
      .update(payments)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(payments.id, id))
      .returning();
    return row!;
  }

  /** Records a money fact once by its external id; false when it was already recorded. */
  async recordEvent(tx: DbOrTx, row: typeof paymentEvents.$inferInsert): Promise<boolean> {
    const inserted = await tx.insert(paymentEvents).values(row).onConflictDoNothing({ target: paymentEvents.externalId }).returning({ id: paymentEvents.id });
    return inserted.length > 0;
  }

  async payoutOf(providerId: string): Promise<PayoutAccountRow | undefined> {
    const [row] = await this.db.select().from(payoutAccounts).where(eq(payoutAccounts.providerId, providerId));
    return row;
  }

  async insertPayout(row: typeof payoutAccounts.$inferInsert): Promise<PayoutAccountRow> {
    await this.db.insert(payoutAccounts).values(row).onConflictDoNothing();
    return (await this.payoutOf(row.providerId))!;
  }

  async updatePayoutByAccount(tx: DbOrTx, stripeAccountId: string, changes: { chargesEnabled: boolean; payoutsEnabled: boolean }): Promise<boolean> {
    const rows = await tx
      .update(payoutAccounts)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(payoutAccounts.stripeAccountId, stripeAccountId))
      .returning({ id: payoutAccounts.providerId });
    return rows.length > 0;
  }

  /** Stores a verified Stripe event once; false when this id was stored before. */
  async storeStripeEvent(tx: DbOrTx, event: { id: string; type: string; payload: unknown }): Promise<boolean> {
    const rows = await tx.insert(stripeEvents).values(event).onConflictDoNothing().returning({ id: stripeEvents.id });
    return rows.length > 0;
  }

  async lockStripeEvent(tx: DbOrTx, id: string) {
    const [row] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, id)).for('update');
    return row;
  }

  async markStripeEventApplied(tx: DbOrTx, id: string, outcome: string): Promise<void> {
    await tx
      .update(stripeEvents)
      .set({ appliedAt: sql`now()`, outcome })
      .where(eq(stripeEvents.id, id));
  }

  async byReference(reference: string): Promise<PaymentRow | undefined> {
    const [row] = await this.db.select().from(payments).where(eq(payments.reference, reference));
    return row;
  }

  async byId(id: string): Promise<PaymentRow | undefined> {
    const [row] = await this.db.select().from(payments).where(eq(payments.id, id));
    return row;
  }

  async eventsOf(paymentId: string) {
    return this.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, paymentId)).orderBy(paymentEvents.id);
  }
}
