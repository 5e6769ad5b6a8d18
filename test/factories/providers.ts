import { randomUUID } from 'node:crypto';
import type { Api } from '../support/harness.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function providerBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '沙特阿拉伯法律咨询有限公司 Riyadh Legal Partners',
    description: '为出海企业提供境外投资备案、沙特公司设立与合规服务。ODI filing and entity set-up in Saudi Arabia.',
    district: 'xuhui',
    categories: ['legal'],
    services: ['odi_filing', 'entity_setup'],
    countries: ['SA', 'AE'],
    overseasOffices: ['SA'],
    sectors: ['38'],
    languages: ['zh-CN', 'en', 'ar'],
    priceBand: { min: { amount: 5_000_000, currency: 'CNY' }, max: { amount: 30_000_000, currency: 'CNY' } },
    capacity: 5,
    ...overrides,
  };
}

/** Registers a provider as itself; returns its id and a token acting for it. */
export async function createProvider(api: Api, overrides: Record<string, unknown> = {}, id: string = randomUUID()) {
  const token = await api.token('provider', id);
  const res = await api.http.post('/v1/providers').set(bearer(token)).send(providerBody(overrides));
  if (res.status !== 201) throw new Error(`createProvider: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, token };
}

/** An alliance made by an admin, and a token for its manager. */
export async function createAlliance(api: Api, name = '徐汇区企业出海服务联盟', districts = ['xuhui']) {
  const admin = await api.token('admin', 'platform');
  const res = await api.http.post('/v1/alliances').set(bearer(admin)).send({ name, districts });
  if (res.status !== 201) throw new Error(`createAlliance: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, manager: await api.token('alliance_manager', res.body.id) };
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Applies and gets approved: the provider is vetted until `days` from now. */
export async function vet(api: Api, alliance: { id: string; manager: string }, provider: { id: string; token: string }, days = 365) {
  await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
  await api.http
    .post(`/v1/alliances/${alliance.id}/members/${provider.id}/approve`)
    .set(bearer(alliance.manager))
    .send({ vettedUntil: inDays(days) })
    .expect(200);
}

export { bearer };
