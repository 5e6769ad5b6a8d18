import type { Api } from '../support/harness.js';
import { createEnterprise } from './enterprises.js';
import { bearer } from './providers.js';
import { award, bidFrom } from './vouchers.js';

/** An awarded engagement awaiting payment: a vetted provider in `district` won the enterprise's request for `country`. */
export async function awardedEngagement(
  api: Api,
  alliance: { id: string; manager: string },
  options: { country: string; district?: string; price: number; enterprise?: { id: string; token: string }; voucherId?: string },
) {
  const enterprise = options.enterprise ?? (await createEnterprise(api, { district: 'xuhui' }));
  const round = await bidFrom(api, alliance, enterprise, { country: options.country, district: options.district ?? 'xuhui', price: options.price });
  const res = await award(api, enterprise, round, options.voucherId);
  if (res.status !== 201) throw new Error(`award: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    enterprise,
    provider: round.provider,
    requestId: round.requestId,
    engagement: res.body as { id: string; enterpriseShare: { amount: number; currency: string } },
  };
}

export function act(api: Api, token: string, engagementId: string, action: string, body: object = {}) {
  return api.http.post(`/v1/engagements/${engagementId}/${action}`).set(bearer(token)).send(body);
}

export async function engagementOf(api: Api, token: string, engagementId: string) {
  return (await api.http.get(`/v1/engagements/${engagementId}`).set(bearer(token)).expect(200)).body;
}
