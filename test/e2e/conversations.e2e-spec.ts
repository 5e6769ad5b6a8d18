import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { act, awardedEngagement } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { download, PDF, uploaded } from '../factories/files.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

type Question = { id: string; text: string; askedByYou: boolean; providerId: string | null; answer: { text: string; public: boolean } | null };

describe('questions before the bid and messages during the work', () => {
  let api: Api;
  let database: ReturnType<typeof openDatabase>;
  let alliance: { id: string; manager: string };

  beforeAll(async () => {
    api = await startApi({ STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined });
    database = openDatabase();
    alliance = await createAlliance(api, '杨浦出海服务联盟（沟通）', ['yangpu']);
  });
  afterAll(async () => {
    await database.close();
    await api.close();
  });

  /** Notifications queued for delivery (what the worker sends), as psql shows them. */
  async function notified(event: string, key: string, value: string) {
    const rows = await database.db.execute<{ recipient: string }>(
      sql`select payload->>'recipientOrg' as recipient from outbox where payload->>'event' = ${event} and payload->'data'->>${key} = ${value} order by id`,
    );
    return [...rows].map((r) => r.recipient);
  }

  it('keeps a private answer to the asker and shows an addendum to every invited provider, telling the bidders', async () => {
    const enterprise = await createEnterprise(api, { district: 'yangpu' });
    const profile = { district: 'yangpu', categories: ['legal'], services: ['odi_filing'], countries: ['KG'], overseasOffices: ['KG'] };
    const bidder = await createProvider(api, profile);
    const other = await createProvider(api, profile);
    await vet(api, alliance, bidder);
    await vet(api, alliance, other);
    const uninvited = await createProvider(api, { ...profile, countries: ['TJ'], overseasOffices: ['TJ'] });
    await vet(api, alliance, uninvited);
    const stranger = await createEnterprise(api, { district: 'yangpu' });
    const requestId = await createRequest(api, enterprise.token, { category: 'legal', services: ['odi_filing'], countries: ['KG'] });
    await publish(api, enterprise.token, requestId);
    await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(bidder.token))
      .send({ price: cny(5_000_000), timelineDays: 30, proposal: '吉尔吉斯斯坦 ODI 备案', milestones: [] })
      .expect(201);

    const ask = (provider: { token: string }, text: string) => api.http.post(`/v1/requests/${requestId}/questions`).set(bearer(provider.token)).send({ text });
    const privately = (await ask(bidder, '报价是否含税？ Is the price tax-inclusive?').expect(201)).body as Question;
    const publicly = (await ask(other, '预算是否包含翻译？ Does the budget include translation?').expect(201)).body as Question;
    expect(privately).toMatchObject({ askedByYou: true, providerId: bidder.id, answer: null });
    await ask(uninvited, '我也想问 May I ask too?').expect(404);
    expect(await notified('request.question_asked', 'requestId', requestId)).toEqual([enterprise.id, enterprise.id]);

    const answer = (token: string, id: string, body: object) => api.http.post(`/v1/questions/${id}/answer`).set(bearer(token)).send(body);
    await answer(stranger.token, privately.id, { text: '不', public: false }).expect(404);
    await answer(enterprise.token, privately.id, { text: '含增值税 VAT included', public: false }).expect(200);
    await answer(enterprise.token, privately.id, { text: 'again', public: true }).expect(409);
    await answer(enterprise.token, publicly.id, { text: '预算包含翻译 The budget includes translation', public: true }).expect(200);

    const questionsFor = async (token: string) =>
      (await api.http.get(`/v1/requests/${requestId}/questions`).set(bearer(token)).expect(200)).body.data as Question[];
    expect(await questionsFor(enterprise.token)).toEqual([
      expect.objectContaining({ id: privately.id, providerId: bidder.id, answer: expect.objectContaining({ public: false }) }),
      expect.objectContaining({ id: publicly.id, providerId: other.id, answer: expect.objectContaining({ public: true }) }),
    ]);
    expect(await questionsFor(bidder.token)).toEqual([
      expect.objectContaining({ id: privately.id, askedByYou: true, answer: expect.objectContaining({ text: '含增值税 VAT included' }) }),
      expect.objectContaining({ id: publicly.id, askedByYou: false, providerId: null, answer: expect.objectContaining({ public: true }) }),
    ]);
    // The other invited provider sees the addendum and its own question, never the private answer.
    expect((await questionsFor(other.token)).map((q) => q.id)).toEqual([publicly.id]);
    for (const outsider of [uninvited, stranger]) await api.http.get(`/v1/requests/${requestId}/questions`).set(bearer(outsider.token)).expect(404);

    expect(await notified('request.question_answered', 'questionId', privately.id)).toEqual([bidder.id]);
    expect(await notified('bid.addendum', 'questionId', publicly.id)).toEqual([bidder.id]);
    expect(await notified('request.addendum', 'questionId', publicly.id)).toEqual([other.id]);
  });

  it('lets the parties write, shows the deliverables, and seats the mediator only while a dispute is open', async () => {
    const yangpu = await createProgram(api, { district: 'yangpu' });
    const enterprise = await createEnterprise(api, { district: 'yangpu' });
    const voucherId = await issueVoucher(api, yangpu, enterprise.id, rmb(100_000));
    const { provider, engagement } = await awardedEngagement(api, alliance, {
      country: 'TM',
      district: 'yangpu',
      price: rmb(500_000).amount,
      enterprise,
      voucherId,
    });
    const admin = await api.token('admin', 'platform');
    const officer = yangpu.officer;
    const otherOfficer = await api.token('district_officer', 'chongming');
    const stranger = await createEnterprise(api, { district: 'yangpu' });
    const messages = `/v1/engagements/${engagement.id}/messages`;
    const read = async (token: string) => (await api.http.get(messages).set(bearer(token)).expect(200)).body;
    const write = (token: string, body: object) => api.http.post(messages).set(bearer(token)).send(body);

    const draft = await uploaded(api, enterprise.token, PDF, '公司章程草稿.pdf');
    const first = await write(enterprise.token, { text: '请审阅章程草稿 Please review the draft articles', fileIds: [draft.id] }).expect(201);
    expect(first.body.files).toEqual([expect.objectContaining({ id: draft.id, name: '公司章程草稿.pdf' })]);
    const forProvider = await read(provider.token);
    expect(forProvider).toMatchObject({
      unreadCount: 1,
      data: [{ text: '请审阅章程草稿 Please review the draft articles', unread: true, author: { role: 'enterprise' } }],
    });
    await download(api, provider.token, draft.id).expect(200);
    expect((await api.http.post(`${messages}/read`).set(bearer(provider.token)).expect(200)).body.unreadCount).toBe(0);
    expect((await read(provider.token)).data[0].unread).toBe(false);
    await write(provider.token, { text: '已审阅，意见见附件 Reviewed' }).expect(201);
    expect((await read(enterprise.token)).unreadCount).toBe(1);
    expect(await notified('engagement.message', 'engagementId', engagement.id)).toEqual([provider.id, enterprise.id]);

    for (const outsider of [stranger.token, officer, otherOfficer]) {
      await api.http.get(messages).set(bearer(outsider)).expect(404);
      await write(outsider, { text: '你好' }).expect(404);
      await download(api, outsider, draft.id).expect(404);
    }
    expect((await read(admin)).data).toHaveLength(2);
    await write(admin, { text: '调解员 mediator' }).expect(409);

    // Paid by bank transfer, delivered with its work: the enterprise sees it before accepting.
    const started = await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201);
    await act(api, provider.token, engagement.id, 'payments/confirm-transfer', { reference: started.body.reference, amount: started.body.amount }).expect(200);
    const report = await uploaded(api, provider.token, PDF, '设立完成报告.pdf');
    await act(api, provider.token, engagement.id, 'deliver', { note: '公司已注册 Entity registered', fileIds: [report.id] }).expect(200);
    const deliveries = await api.http.get(`/v1/engagements/${engagement.id}/deliveries`).set(bearer(enterprise.token)).expect(200);
    expect(deliveries.body.data).toEqual([
      expect.objectContaining({ note: '公司已注册 Entity registered', files: [expect.objectContaining({ id: report.id, sha256: report.sha256 })] }),
    ]);
    await download(api, enterprise.token, report.id).expect(200);
    // The officer reconciles the claim behind this engagement, so sees its deliverables; another district's does not.
    await download(api, officer, report.id).expect(200);
    await download(api, otherOfficer, report.id).expect(404);
    await download(api, stranger.token, report.id).expect(404);

    await act(api, enterprise.token, engagement.id, 'dispute', { reason: '交付不完整 Incomplete delivery' }).expect(200);
    await write(officer, { text: '区商务委调解 The district mediates' }).expect(201);
    await write(admin, { text: '平台调解 The platform mediates' }).expect(201);
    const seen = await read(provider.token);
    expect(seen.data.map((m: { author: { role: string } }) => m.author.role)).toEqual(['enterprise', 'provider', 'district_officer', 'admin']);
    expect(seen.unreadCount).toBe(2);
    await api.http.get(messages).set(bearer(otherOfficer)).expect(404);
    await write(stranger.token, { text: '你好' }).expect(404);
  });
});
