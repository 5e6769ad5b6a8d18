import { bearer } from './providers.js';
import type { Api } from '../support/harness.js';

export function requestBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '匈牙利专利与商标布局 Patent and trademark filing in Hungary',
    description: '动力电池企业在匈牙利设厂前的知识产权布局。',
    category: 'ip',
    services: ['patents', 'trademarks'],
    countries: ['HU'],
    sector: '38',
    budget: { min: { amount: 1_000_000, currency: 'CNY' }, max: { amount: 10_000_000, currency: 'CNY' } },
    languages: ['zh-CN'],
    biddingClosesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    ...overrides,
  };
}

export async function createRequest(api: Api, enterpriseToken: string, overrides: Record<string, unknown> = {}) {
  const res = await api.http.post('/v1/requests').set(bearer(enterpriseToken)).send(requestBody(overrides));
  if (res.status !== 201) throw new Error(`createRequest: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function publish(api: Api, enterpriseToken: string, requestId: string) {
  const res = await api.http.post(`/v1/requests/${requestId}/publish`).set(bearer(enterpriseToken));
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
}
