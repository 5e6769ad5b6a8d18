import type { Provider } from '@nestjs/common';
import Stripe from 'stripe';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';

export const STRIPE = Symbol('STRIPE');

/**
 * The real Stripe SDK when STRIPE_SECRET_KEY is set, else null (bank transfer only).
 * STRIPE_API_BASE points it at any Stripe-compatible server (stripe-mock, a test's own).
 */
export const stripeProvider: Provider = {
  provide: STRIPE,
  inject: [CONFIG],
  useFactory: (config: Config): Stripe | null => {
    if (!config.stripe) return null;
    const base = config.stripe.apiBase ? new URL(config.stripe.apiBase) : null;
    return new Stripe(config.stripe.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(base
        ? {
            host: base.hostname,
            port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
            protocol: base.protocol.replace(':', '') as 'http' | 'https',
          }
        : {}),
    });
  },
};
