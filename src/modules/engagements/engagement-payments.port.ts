import { Injectable } from '@nestjs/common';
import type { PaymentStatus } from '../../../libs/engagement-flow/index.js';
import type { EngagementRow } from '../../db/schema/engagements.js';
import type { PaymentView } from './engagements.schemas.js';

/** What an engagement needs to know of its payment; the payments module answers. */
export interface EngagementPayments {
  /** The payment to show with the engagement; null before one starts. */
  viewOf(engagementId: string): Promise<PaymentView | null>;
  /** The payments of a page of engagements in one read; those without one are absent. */
  viewsOf(engagementIds: string[]): Promise<Map<string, PaymentView>>;
  statusOf(engagementId: string): Promise<PaymentStatus | null>;
  /** Before a cancellation: stops money that has not arrived yet, or refuses (DomainError) when it has. */
  beforeCancel(engagement: EngagementRow): Promise<void>;
}

/**
 * The port through which engagements ask about payments, so that payments depend on engagements
 * (they report what the money did; the engagement's state machine moves) and never the reverse.
 * The payments module connects its adapter when it starts.
 */
@Injectable()
export class EngagementPaymentsPort implements EngagementPayments {
  private adapter: EngagementPayments | undefined;

  connect(adapter: EngagementPayments): void {
    this.adapter = adapter;
  }

  viewOf(engagementId: string) {
    return this.connected().viewOf(engagementId);
  }

  viewsOf(engagementIds: string[]) {
    return this.connected().viewsOf(engagementIds);
  }

  statusOf(engagementId: string) {
    return this.connected().statusOf(engagementId);
  }

  beforeCancel(engagement: EngagementRow) {
    return this.connected().beforeCancel(engagement);
  }

  private connected(): EngagementPayments {
    if (!this.adapter) throw new Error('No payments module is loaded in this process: engagements cannot see their payments');
    return this.adapter;
  }
}
