import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { PaymentsRepository } from './payments.repository.js';
import { STRIPE } from './stripe.client.js';
import { requireOwner } from '../../common/auth/tenancy.js';

/** Stripe Connect Express onboarding for providers paid by card. */
@Injectable()
export class PayoutAccountsService {
  constructor(
    private readonly repo: PaymentsRepository,
    @Inject(STRIPE) private readonly stripe: Stripe | null,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async onboard(caller: Caller, providerId: string): Promise<{ accountId: string; url: string }> {
    requireOwner(caller, providerId);
    if (!this.stripe) throw new DomainError('conflict', 'Card payments (Stripe) are not configured here; providers are paid by bank transfer');
    let account = await this.repo.payoutOf(providerId);
    if (!account) {
      const created = await this.stripe.accounts.create(
        { type: 'express', capabilities: { transfers: { requested: true } }, metadata: { providerId } },
        { idempotencyKey: `seaward:provider:${providerId}:account` },
      );
      account = await this.repo.insertPayout({ providerId, stripeAccountId: created.id });
    }
    const base = this.config.publicBaseUrl;
    const link = await this.stripe.accountLinks.create({
      account: account.stripeAccountId,
      refresh_url: `${base}/v1/providers/${providerId}/payout-account`,
      return_url: `${base}/provider/profile`,
      type: 'account_onboarding',
    });
    return { accountId: account.stripeAccountId, url: link.url };
  }
}
