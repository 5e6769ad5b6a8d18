import type { Api } from '../support/harness.js';
import { bearer, createProvider, vet } from './providers.js';
import { createRequest, publish } from './requests.js';

export const cny = (amount: number) => ({ amount, currency: 'CNY' });
/** RMB in fen: 300,000 RMB = 30000000. */
export const rmb = (yuan: number) => cny(yuan * 100);

/** Xuhui's programme of docs/product.md: 30% of purchases from in-district providers, capped at 300,000 RMB. */
export function programBody(overrides: Record<string, unknown> = {}) {
  return {
    district: 'xuhui',
    name: '徐汇区企业出海专业服务补贴 Xuhui outbound professional services subsidy',
    policyRef: '徐商务〔2025〕出海服务 12 号',
    rateBps: 3000,
    perVoucherCap: rmb(300_000),
    perEnterpriseCap: rmb(300_000),
    budget: rmb(10_000_000),
    categories: ['legal', 'accounting_tax', 'consulting'],
    providerRule: 'in_district',
    enterpriseRule: 'in_district',
    validFrom: new Date(Date.now() - 86_400_000).toISOString(),
    validTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    ...overrides,
  };
}

export async function createProgram(api: Api, overrides: Record<string, unknown> = {}) {
  const body = programBody(overrides);
  const officer = await api.token('district_officer', body.district as string);
  const res = await api.http.post('/v1/programs').set(bearer(officer)).send(body);
  if (res.status !== 201) throw new Error(`createProgram: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, officer, view: res.body };
}

export function issue(
  api: Api,
  program: { id: string; officer: string },
  enterpriseId: string,
  faceValue: { amount: number; currency: string },
  expiresAt?: string,
) {
  return api.http
    .post(`/v1/programs/${program.id}/vouchers`)
    .set(bearer(program.officer))
    .send({ enterpriseId, faceValue, expiresAt: expiresAt ?? new Date(Date.now() + 90 * 86_400_000).toISOString() });
}

export async function issueVoucher(api: Api, program: { id: string; officer: string }, enterpriseId: string, faceValue: { amount: number; currency: string }) {
  const res = await issue(api, program, enterpriseId, faceValue);
  if (res.status !== 201) throw new Error(`issueVoucher: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function ledgerOf(api: Api, program: { id: string; officer: string }) {
  const res = await api.http.get(`/v1/programs/${program.id}`).set(bearer(program.officer)).expect(200);
  return res.body.ledger as Record<'budget' | 'reserved' | 'committed' | 'approved' | 'paid' | 'available', { amount: number }>;
}

/**
 * A vetted legal provider in `district`, invited to a request of the enterprise for `country`
 * (unique per test, so the provider is among the invited), with a live bid at `price`.
 */
export async function bidFrom(
  api: Api,
  alliance: { id: string; manager: string },
  enterprise: { token: string },
  options: { country: string; district: string; price: number; category?: string; services?: string[] },
) {
  const category = options.category ?? 'legal';
  const services = options.services ?? ['odi_filing', 'entity_setup'];
  const provider = await createProvider(api, {
    district: options.district,
    categories: [category],
    services,
    countries: [options.country],
    overseasOffices: [options.country],
  });
  await vet(api, alliance, provider);
  const requestId = await createRequest(api, enterprise.token, {
    category,
    services,
    countries: [options.country],
    budget: { min: cny(1), max: cny(Math.max(options.price, 10_000_000)) },
  });
  await publish(api, enterprise.token, requestId);
  const res = await api.http
    .post(`/v1/requests/${requestId}/bids`)
    .set(bearer(provider.token))
    .send({ price: cny(options.price), timelineDays: 45, proposal: '沙特 ODI 备案与公司设立 ODI filing and entity set-up', milestones: [] });
  if (res.status !== 201) throw new Error(`bid: ${res.status} ${JSON.stringify(res.body)}`);
  return { provider, requestId, bidId: res.body.id as string };
}

export function award(api: Api, enterprise: { token: string }, round: { requestId: string; bidId: string }, voucherId?: string) {
  return api.http
    .post(`/v1/requests/${round.requestId}/award`)
    .set(bearer(enterprise.token))
    .send({ bidId: round.bidId, ...(voucherId ? { voucherId } : {}) });
}
