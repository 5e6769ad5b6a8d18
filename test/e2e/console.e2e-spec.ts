import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

/**
 * How the web app is served beside the API, and the API the officers' and managers' pages need:
 * search, filters, audit, weights, matches, dated history. What each role does in the app is
 * walked in Chromium by console-officer, console-manager, web-enterprise and web-provider.
 */
describe('the web app and the back-office API behind it', () => {
  let api: Api;
  let program: Awaited<ReturnType<typeof createProgram>>;
  const name = `长宁控制台测试有限公司 Changning console test ${Date.now()}`;
  let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    program = await createProgram(api, { district: 'changning', name: '长宁区出海服务券 Changning outbound voucher' });
    enterprise = await createEnterprise(api, { district: 'changning', name });
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves the web app at / and at any page address, its hashed files for a year, /console into the app, and never a page for the API', async () => {
    for (const path of ['/', '/enterprise/requests/new', '/officer/vouchers']) {
      const page = await api.http.get(path).set('Accept', 'text/html').expect(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'; style-src 'self'/);
      expect(page.text).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      // No inline script or style for the CSP to refuse.
      expect(page.text).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
      expect(page.text).not.toMatch(/<style/);
    }
    const index = (await api.http.get('/').set('Accept', 'text/html')).text;
    const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(index)![1]!;
    const js = await api.http.get(script).expect(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = /href="(\/assets\/index-[\w-]+\.css)"/.exec(index)![1]!;
    expect((await api.http.get(css).expect(200)).headers['content-type']).toBe('text/css; charset=utf-8');

    const moved = await api.http.get('/console').expect(301);
    expect(moved.headers.location).toBe('/sign-in');
    expect((await api.http.get('/console/anything').expect(301)).headers.location).toBe('/sign-in');

    // The API's addresses stay the API's: problems as JSON, never the app's page.
    for (const path of ['/v1/nope', '/auth/nope', '/assets/nope.js', '/assets/..%2Fpackage.json', '/health/nope']) {
      const res = await api.http.get(path).set('Accept', 'text/html').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // A write is never answered with the page.
    expect((await api.http.post('/enterprise').send({})).status).toBe(404);
  });

  it('finds an enterprise of the officer’s district by part of its name or the start of its USCC, and no other district’s', async () => {
    const uscc = enterprise.body.uscc as string;
    const byName = await api.http.get('/v1/enterprises').query({ q: 'changning CONSOLE test' }).set(bearer(program.officer)).expect(200);
    expect(byName.body.data.map((e: { id: string }) => e.id)).toContain(enterprise.id);
    const byUscc = await api.http
      .get('/v1/enterprises')
      .query({ q: uscc.slice(0, 14).toLowerCase() })
      .set(bearer(program.officer))
      .expect(200);
    expect(byUscc.body.data).toEqual([expect.objectContaining({ id: enterprise.id, uscc })]);
    // `%` is a character to look for, not a wildcard.
    expect((await api.http.get('/v1/enterprises').query({ q: '%%' }).set(bearer(program.officer)).expect(200)).body.data).toEqual([]);

    const putuo = await api.token('district_officer', 'putuo');
    expect((await api.http.get('/v1/enterprises').query({ q: name }).set(bearer(putuo)).expect(200)).body.data).toEqual([]);

    const short = await api.http.get('/v1/enterprises').query({ q: 'x' }).set(bearer(program.officer)).expect(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'q' })]);
  });

  it('lists one enterprise’s vouchers, revokes with a reason kept in the programme’s audit trail, newest first', async () => {
    const other = await createEnterprise(api, { district: 'changning' });
    const kept = await issueVoucher(api, program, enterprise.id, rmb(10_000));
    const revoked = await issueVoucher(api, program, enterprise.id, rmb(20_000));
    await issueVoucher(api, program, other.id, rmb(5_000));

    const list = await api.http.get('/v1/vouchers').query({ programId: program.id, enterpriseId: enterprise.id }).set(bearer(program.officer)).expect(200);
    expect(list.body.data.map((v: { id: string }) => v.id).sort()).toEqual([kept, revoked].sort());
    // An enterprise asking for another's vouchers still sees only its own.
    const own = await api.http.get('/v1/vouchers').query({ enterpriseId: enterprise.id }).set(bearer(other.token)).expect(200);
    expect(own.body.data).toHaveLength(1);
    expect(own.body.data.every((v: { enterpriseId: string }) => v.enterpriseId === other.id)).toBe(true);

    const empty = await api.http.post(`/v1/vouchers/${revoked}/revoke`).set(bearer(program.officer)).send({ reason: '  ' }).expect(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    await api.http.post(`/v1/vouchers/${revoked}/revoke`).set(bearer(program.officer)).send({ reason: '企业已注销 The enterprise was dissolved' }).expect(200);
    // A revoke without a body, as the contract has it, still works.
    await api.http.post(`/v1/vouchers/${kept}/revoke`).set(bearer(program.officer)).expect(200);

    const first = await api.http.get(`/v1/programs/${program.id}/audit`).query({ limit: 2 }).set(bearer(program.officer)).expect(200);
    expect(first.body.data.map((e: { action: string; entityId: string }) => [e.action, e.entityId])).toEqual([
      ['voucher.revoked', kept],
      ['voucher.revoked', revoked],
    ]);
    expect(first.body.data[1]).toMatchObject({
      actor: { role: 'district_officer', org: 'changning' },
      entityType: 'voucher',
      data: { released: 2_000_000, programId: program.id, reason: '企业已注销 The enterprise was dissolved' },
    });
    const rest = await api.http
      .get(`/v1/programs/${program.id}/audit`)
      .query({ cursor: first.body.nextCursor, limit: 100 })
      .set(bearer(program.officer))
      .expect(200);
    const actions = rest.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['voucher.issued', 'voucher.issued', 'voucher.issued', 'program.created']);
    expect(rest.body.nextCursor).toBeNull();

    const putuo = await api.token('district_officer', 'putuo');
    await api.http.get(`/v1/programs/${program.id}/audit`).set(bearer(putuo)).expect(404);
    await api.http.get(`/v1/programs/${program.id}/audit`).query({ cursor: 'nope' }).set(bearer(program.officer)).expect(400);
  });

  it('shows an alliance manager its weights and the rankings its members appeared in, with its verdicts; another alliance’s are 404', async () => {
    const alliance = await createAlliance(api, `虹口出海服务联盟 Hongkou alliance ${Date.now()}`, ['hongkou']);
    const stranger = await createAlliance(api, `杨浦出海服务联盟 Yangpu alliance ${Date.now()}`, ['yangpu']);

    const before = await api.http.get(`/v1/alliances/${alliance.id}/match-weights`).set(bearer(alliance.manager)).expect(200);
    expect(before.body.overrides).toBeNull();
    expect(Object.values(before.body.weights as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    await api.http
      .put(`/v1/alliances/${alliance.id}/match-weights`)
      .set(bearer(alliance.manager))
      .send({ weights: { quality: 3 } })
      .expect(200);
    const after = await api.http.get(`/v1/alliances/${alliance.id}/match-weights`).set(bearer(alliance.manager)).expect(200);
    expect(after.body.overrides).toEqual({ quality: 3 });
    expect(after.body.weights.quality).toBeGreaterThan(before.body.weights.quality);
    await api.http.get(`/v1/alliances/${alliance.id}/match-weights`).set(bearer(stranger.manager)).expect(404);

    const member = await createProvider(api, { district: 'hongkou', countries: ['MN'], overseasOffices: ['MN'] });
    await vet(api, alliance, member);
    const buyer = await createEnterprise(api, { district: 'hongkou' });
    const requestId = await createRequest(api, buyer.token, {
      category: 'legal',
      services: ['odi_filing'],
      countries: ['MN'],
      title: '蒙古国公司设立 Entity set-up in Mongolia',
    });
    await publish(api, buyer.token, requestId);

    const matches = await api.http.get(`/v1/alliances/${alliance.id}/matches`).query({ requestId }).set(bearer(alliance.manager)).expect(200);
    expect(matches.body.data).toEqual([
      expect.objectContaining({
        request: expect.objectContaining({ id: requestId, title: '蒙古国公司设立 Entity set-up in Mongolia', category: 'legal', countries: ['MN'] }),
        providerId: member.id,
        rank: expect.any(Number),
        invited: true,
        review: null,
      }),
    ]);
    const match = matches.body.data[0];
    expect(match.factors.length).toBeGreaterThan(3);
    expect(match.factors.reduce((sum: number, f: { contribution: number }) => sum + f.contribution, 0)).toBeCloseTo(match.score, 6);
    expect(match.reasons.length).toBeGreaterThan(0);
    expect(match.reasons.every((r: unknown) => typeof r === 'string')).toBe(true);
    expect(match.reasonsZh).toHaveLength(match.reasons.length);

    await api.http
      .post(`/v1/matches/${requestId}/${member.id}/review`)
      .set(bearer(alliance.manager))
      .send({ verdict: 'good', reason: '覆盖蒙古 Covers Mongolia' })
      .expect(200);
    const reviewed = await api.http.get(`/v1/alliances/${alliance.id}/matches`).query({ requestId }).set(bearer(alliance.manager)).expect(200);
    expect(reviewed.body.data[0].review).toEqual({ verdict: 'good', reason: '覆盖蒙古 Covers Mongolia', reviewedAt: expect.any(String) });

    expect((await api.http.get(`/v1/alliances/${stranger.id}/matches`).set(bearer(stranger.manager)).expect(200)).body.data).toEqual([]);
    await api.http.get(`/v1/alliances/${alliance.id}/matches`).set(bearer(stranger.manager)).expect(404);
    await api.http.get(`/v1/alliances/${alliance.id}/matches`).query({ requestId: 'r1' }).set(bearer(alliance.manager)).expect(400);
  });

  it('draws the balance history on the day each posting stands for, when one is dated', async () => {
    const dated = await createProgram(api, { district: 'changning', name: '长宁区历史项目 Changning dated programme', budget: rmb(1_000_000) });
    const today = (await api.http.get(`/v1/programs/${dated.id}/ledger/history`).set(bearer(dated.officer)).expect(200)).body;
    expect(today.points).toHaveLength(1);
    const { db, close } = openDatabase();
    try {
      await db.execute(sql`insert into ledger_posting_dates (posting_id, effective_at)
        select id, '2026-03-02T08:00:00Z'::timestamptz from ledger_postings where idempotency_key = ${`program:${dated.id}:fund`}`);
    } finally {
      await close();
    }
    await issueVoucher(api, dated, enterprise.id, rmb(100_000));
    const history = (await api.http.get(`/v1/programs/${dated.id}/ledger/history`).set(bearer(dated.officer)).expect(200)).body;
    expect(history.points[0]).toEqual({ date: '2026-03-02', reserved: 0, committed: 0, approved: 0, paid: 0, available: 100_000_000 });
    expect(history.points.at(-1)).toMatchObject({ reserved: 10_000_000, available: 90_000_000 });
  });

  it('documents the new endpoints and query parameters in the OpenAPI document', async () => {
    const doc = (await api.http.get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/programs/{id}/audit', '/v1/alliances/{id}/match-weights', '/v1/alliances/{id}/matches']),
    );
    expect(doc.paths['/v1/alliances/{id}/match-weights'].get).toBeDefined();
    const names = (op: { parameters: { name: string }[] }) => op.parameters.map((p) => p.name);
    expect(names(doc.paths['/v1/enterprises'].get)).toContain('q');
    expect(names(doc.paths['/v1/vouchers'].get)).toContain('enterpriseId');
    expect(doc.paths['/v1/vouchers/{id}/revoke'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/VoucherRevoke' });
  });
});
