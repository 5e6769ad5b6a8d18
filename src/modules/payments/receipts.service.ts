import { existsSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { EngagementsService } from '../engagements/engagements.service.js';
import { EnterprisesService } from '../enterprises/enterprises.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { MilestonesRepository } from './milestones.repository.js';
import { PaymentsRepository } from './payments.repository.js';
import { receiptPdf, type ReceiptLine } from './receipt-pdf.js';

const MOVE_LABELS: Record<string, string> = {
  'enterprise>held': '托管收款 Paid into escrow',
  'held>released': '放款 Released to the provider',
  'held>refunded': '退款 Refunded',
  'released>refunded': '放款后退款 Refunded after release',
};

/** The bilingual PDF receipt of an engagement's payment: every receipt, release and refund behind it. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly milestones: MilestonesRepository,
    private readonly engagements: EngagementsService,
    private readonly enterprises: EnterprisesService,
    private readonly providers: ProvidersService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async receipt(caller: Caller, paymentId: string): Promise<Buffer> {
    const payment = await this.payments.byId(paymentId);
    if (!payment) throw new DomainError('not_found');
    const engagement = await this.engagements.visible(caller, payment.engagementId);
    const money = (amount: number) => ({ amount, currency: payment.currency });
    const lines: ReceiptLine[] = [];
    let released = 0;
    if (payment.byMilestones) {
      for (const m of await this.milestones.movesInOrder(engagement.id)) {
        const key = `${m.fromAccount}>${m.toAccount}`;
        if (m.toAccount === 'released') released += m.amount;
        if (m.fromAccount === 'released') released -= m.amount;
        lines.push({ label: MOVE_LABELS[key] ?? key, at: m.createdAt, amount: money(m.amount), note: `里程碑 Milestone ${m.milestoneN}` });
      }
    } else {
      // Paid as a whole: the money went to the provider as it arrived (destination charge or direct transfer).
      for (const e of await this.payments.eventsOf(payment.id)) {
        if (e.kind !== 'received' && e.kind !== 'refunded') continue;
        lines.push({ label: e.kind === 'received' ? '收款 Payment received' : '退款 Refunded', at: e.occurredAt, amount: money(e.amount), note: '' });
      }
      released = payment.received - payment.refunded;
    }
    const [enterprise, provider] = await Promise.all([this.enterprises.namesOf([engagement.enterpriseId]), this.providers.namesOf([engagement.providerId])]);
    const font = this.config.receiptFontPath;
    if (!existsSync(font)) throw new DomainError('unavailable', `The receipt font is not installed (RECEIPT_FONT_PATH=${font})`);
    return receiptPdf(
      {
        paymentId: payment.id,
        engagementId: engagement.id,
        reference: payment.reference,
        enterprise: enterprise.get(engagement.enterpriseId) ?? engagement.enterpriseId,
        provider: provider.get(engagement.providerId) ?? engagement.providerId,
        method: payment.method,
        issuedAt: new Date(),
        lines,
        totals: { received: money(payment.received), released: money(released), refunded: money(payment.refunded) },
      },
      { path: font, ...(font.endsWith('.ttc') ? { family: this.config.receiptFontFamily } : {}) },
    );
  }
}
