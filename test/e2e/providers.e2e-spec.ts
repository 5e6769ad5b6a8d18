import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createAlliance, createProvider, providerBody } from '../factories/providers.js';
import { startApi, type Api } from '../support/harness.js';

describe('providers', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('registers a provider under its own id and shows it to itself with credentials', async () => {
    const { id, token } = await createProvider(api, { languages: ['zh-cn', 'EN'] });
    await api.http
      .post(`/v1/providers/${id}/credentials`)
      .set(bearer(token))
      .send({ type: 'law_firm_licence', issuer: '上海市司法局', number: '31310000123', country: 'CN', expiresAt: '2030-01-01T00:00:00Z' })
      .expect(201);
    const res = await api.http.get(`/v1/providers/${id}`).set(bearer(token)).expect(200);
    expect(res.body).toMatchObject({
      id,
      vetted: false,
      languages: ['zh-CN', 'en'],
      priceBand: { min: { amount: 5_000_000, currency: 'CNY' }, max: { amount: 30_000_000, currency: 'CNY' } },
      credentials: [expect.objectContaining({ number: '31310000123', expired: false })],
    });
  });

  it('answers 400 naming each field with an unknown reference code', async () => {
    const token = await api.token('provider', randomUUID());
    const res = await api.http
      .post('/v1/providers')
      .set(bearer(token))
      .send(
        providerBody({
          countries: ['SA', 'XX'],
          categories: ['legal', 'cooking'],
          services: ['odi_filing', 'transfer_pricing', 'juggling'],
          sectors: ['99'],
          languages: ['en', 'not a tag!'],
          district: 'atlantis',
          overseasOffices: ['VN'],
          priceBand: { min: { amount: 10, currency: 'CNY' }, max: { amount: 5, currency: 'RMB' } },
        }),
      )
      .expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining(['categories.1', 'countries.1', 'district', 'languages.1', 'priceBand.max.currency', 'sectors.0', 'services.2']),
    );
  });

  it('refuses a service outside the chosen categories and an office outside the covered countries', async () => {
    const token = await api.token('provider', randomUUID());
    const res = await api.http
      .post('/v1/providers')
      .set(bearer(token))
      .send(providerBody({ services: ['odi_filing', 'transfer_pricing'], overseasOffices: ['VN'] }))
      .expect(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'services.1', message: 'belongs to category accounting_tax, which is not in categories' },
        { path: 'overseasOffices.0', message: 'must be one of countries' },
      ]),
    );
  });

  it('lets a provider edit only itself; another provider’s profile is 404', async () => {
    const mine = await createProvider(api);
    const theirs = await createProvider(api);
    await api.http.patch(`/v1/providers/${theirs.id}`).set(bearer(mine.token)).send({ capacity: 1 }).expect(404);
    const res = await api.http.patch(`/v1/providers/${mine.id}`).set(bearer(mine.token)).send({ capacity: 9, description: '新描述' }).expect(200);
    expect(res.body).toMatchObject({ capacity: 9, description: '新描述' });
    const bad = await api.http
      .patch(`/v1/providers/${mine.id}`)
      .set(bearer(mine.token))
      .send({ categories: ['hr'] })
      .expect(400);
    expect(bad.body.errors[0]).toEqual({ path: 'services.0', message: 'belongs to category legal, which is not in categories' });
  });

  it('shows an unvetted profile to itself, its alliance’s manager and admins only', async () => {
    const alliance = await createAlliance(api);
    const provider = await createProvider(api);
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
    const enterprise = await api.token('enterprise', randomUUID());
    const otherManager = (await createAlliance(api, 'other')).manager;
    await api.http.get(`/v1/providers/${provider.id}`).set(bearer(enterprise)).expect(404);
    await api.http.get(`/v1/providers/${provider.id}`).set(bearer(otherManager)).expect(404);
    await api.http.get(`/v1/providers/${provider.id}`).set(bearer(alliance.manager)).expect(200);
    await api.http
      .get(`/v1/providers/${provider.id}`)
      .set(bearer(await api.token('admin', 'platform')))
      .expect(200);
  });
});
