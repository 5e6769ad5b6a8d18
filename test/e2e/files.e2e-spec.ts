import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseDisposition } from 'content-disposition';
import { createEnterprise } from '../factories/enterprises.js';
import { download, ELF, PDF, PNG, streamUpload, upload, uploaded } from '../factories/files.js';
import { bearer, createAlliance, createProvider, inDays } from '../factories/providers.js';
import { createRequest } from '../factories/requests.js';
import { bidFrom } from '../factories/vouchers.js';
import { EICAR, startFakeClamd } from '../support/fake-clamd.js';
import { startS3Server } from '../support/s3-server.js';
import { startApi, startWorker, type Api } from '../support/harness.js';
import { FilesRetention } from '../../src/modules/files/files-retention.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** The same suite on local disk and on a real S3-protocol server (s3rver) the test starts. */
describe.each([
  { storage: 'local disk', country: 'LA', s3: false },
  { storage: 'an S3-protocol server', country: 'KH', s3: true },
])('files on $storage', ({ country, s3 }) => {
  let api: Api;
  let filesDir: string;
  let s3Server: Awaited<ReturnType<typeof startS3Server>> | undefined;
  let alliance: { id: string; manager: string };
  let env: Record<string, string>;

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'seaward-files-'));
    s3Server = s3 ? await startS3Server() : undefined;
    env = { FILES_DIR: filesDir, FILES_MAX_BYTES: String(25 * 1024 * 1024), ...(s3Server?.env ?? {}) };
    api = await startApi(env);
    alliance = await createAlliance(api, `普陀出海服务联盟（文件 ${country}）`, ['putuo']);
  });
  afterAll(async () => {
    await api.close();
    await s3Server?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('keeps a Chinese file name and the SHA-256, and sends both back on download', async () => {
    const enterprise = await createEnterprise(api, { district: 'putuo' });
    const name = '营业执照（2026年）.pdf';
    const res = await upload(api, enterprise.token, PDF, name, 'application/pdf').expect(201);
    expect(res.body).toMatchObject({ name, mediaType: 'application/pdf', size: PDF.length, sha256: sha256(PDF), status: 'clean' });
    const got = await download(api, enterprise.token, res.body.id).expect(200);
    expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(parseDisposition(got.headers['content-disposition']!)).toMatchObject({ type: 'attachment', parameters: { filename: name } });
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(got.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(PDF).digest('base64')}:`);
  });

  it('answers 415 to an executable renamed .pdf, and keeps nothing of it', async () => {
    const provider = await createProvider(api, { district: 'putuo' });
    const res = await upload(api, provider.token, ELF(), 'proposal.pdf', 'application/pdf').expect(415);
    expect(res.body.code).toBe('unsupported_media_type');
    expect(readdirSync(join(filesDir, 'incoming'))).toEqual([]);
  });

  it('answers 413 past FILES_MAX_BYTES while the upload streams, with the api’s memory flat', async () => {
    const enterprise = await createEnterprise(api, { district: 'putuo' });
    // The api runs in this process: a first upload loads what an upload needs, so only the stream is measured.
    expect((await streamUpload(api, enterprise.token, 1024 * 1024)).status).toBe(201);
    collectGarbage({ type: 'major' });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      // Socket reads are fresh buffers V8 frees only at its next collection (it lets up to 64 MB of
      // them wait); a scavenge as we sample makes the peak what the api holds. Scavenges only: in the
      // whole suite this process's old space holds every earlier file's modules (GBs), and a full
      // collection every 100 ms starved the upload past its timeout (2026-12-06).
      collectGarbage({ type: 'minor' });
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const res = await streamUpload(api, enterprise.token, 30 * 1024 * 1024).finally(() => clearInterval(sampler));
    expect(res).toEqual({ status: 413, body: expect.objectContaining({ code: 'payload_too_large' }) });
    expect((peak - before) / 1024 / 1024).toBeLessThan(20);
    expect(readdirSync(join(filesDir, 'incoming'))).toEqual([]);
  }, 120_000);

  it('shows a brief and a proposal to those who see the request and the bid, and 404 to everyone else', async () => {
    const enterprise = await createEnterprise(api, { district: 'putuo' });
    const round = await bidFrom(api, alliance, enterprise, { country, district: 'putuo', price: 5_000_000 });
    const stranger = await createProvider(api, { district: 'putuo' });
    const otherEnterprise = await createEnterprise(api, { district: 'putuo' });

    const brief = await uploaded(api, enterprise.token, PDF, '项目简介.pdf');
    await api.http
      .post('/v1/attachments')
      .set(bearer(stranger.token))
      .send({ kind: 'request', objectId: round.requestId, fileIds: [brief.id] })
      .expect(404);
    await api.http
      .post('/v1/attachments')
      .set(bearer(enterprise.token))
      .send({ kind: 'request', objectId: round.requestId, fileIds: [brief.id] })
      .expect(201);
    const listed = await api.http.get(`/v1/attachments?kind=request&objectId=${round.requestId}`).set(bearer(round.provider.token)).expect(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: brief.id, name: '项目简介.pdf', sha256: brief.sha256 })]);
    await download(api, round.provider.token, brief.id).expect(200);
    for (const outsider of [stranger, otherEnterprise]) {
      await download(api, outsider.token, brief.id).expect(404);
      await api.http.get(`/v1/attachments?kind=request&objectId=${round.requestId}`).set(bearer(outsider.token)).expect(404);
    }

    const proposal = await uploaded(api, round.provider.token, PNG, '方案.png');
    const notYours = await api.http
      .post('/v1/attachments')
      .set(bearer(enterprise.token))
      .send({ kind: 'request', objectId: round.requestId, fileIds: [proposal.id] });
    expect(notYours.status).toBe(400);
    expect(notYours.body.errors).toEqual([{ path: 'fileIds.0', message: 'is not a file you uploaded' }]);
    await api.http
      .post('/v1/attachments')
      .set(bearer(round.provider.token))
      .send({ kind: 'bid', objectId: round.bidId, fileIds: [proposal.id] })
      .expect(201);
    expect(Buffer.compare((await download(api, enterprise.token, proposal.id).expect(200)).body as Buffer, PNG)).toBe(0);
    await download(api, otherEnterprise.token, proposal.id).expect(404);
    await download(api, stranger.token, proposal.id).expect(404);
  });

  it("shows a licence scan to the provider and its alliance's manager only", async () => {
    const provider = await createProvider(api, { district: 'putuo' });
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
    const credential = await api.http
      .post(`/v1/providers/${provider.id}/credentials`)
      .set(bearer(provider.token))
      .send({ type: 'law_firm_licence', issuer: '上海市司法局', number: '31310000123456789X', country: 'CN', expiresAt: inDays(365) })
      .expect(201);
    const scan = await uploaded(api, provider.token, PNG, '律师事务所执业许可证.png');
    await api.http
      .post('/v1/attachments')
      .set(bearer(provider.token))
      .send({ kind: 'credential', objectId: credential.body.id, fileIds: [scan.id] })
      .expect(201);
    await download(api, alliance.manager, scan.id).expect(200);
    const otherAlliance = await createAlliance(api, `其他联盟 ${country}`, ['putuo']);
    await download(api, otherAlliance.manager, scan.id).expect(404);
  });

  it('deletes an upload never attached, by its uploader or by the retention sweep, and keeps an attached one', async () => {
    const enterprise = await createEnterprise(api, { district: 'putuo' });
    const draft = await uploaded(api, enterprise.token, PDF, 'draft.pdf');
    await api.http.delete(`/v1/files/${draft.id}`).set(bearer(enterprise.token)).expect(204);
    await download(api, enterprise.token, draft.id).expect(404);

    const forgotten = await uploaded(api, enterprise.token, PDF, '忘记的草稿.pdf');
    const brief = await uploaded(api, enterprise.token, PDF, '简介.pdf');
    const requestId = await createRequest(api, enterprise.token);
    await api.http
      .post('/v1/attachments')
      .set(bearer(enterprise.token))
      .send({ kind: 'request', objectId: requestId, fileIds: [brief.id] })
      .expect(201);
    await api.http.delete(`/v1/files/${brief.id}`).set(bearer(enterprise.token)).expect(409);

    const worker = await startWorker(env);
    try {
      expect(await worker.get(FilesRetention).sweep(new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.close();
    }
    await download(api, enterprise.token, forgotten.id).expect(404);
    expect(Buffer.compare((await download(api, enterprise.token, brief.id).expect(200)).body as Buffer, PDF)).toBe(0);
  });
});

describe('files with a virus scan (FILES_SCAN_URL, clamd INSTREAM)', () => {
  let api: Api;
  let filesDir: string;
  let clamd: Awaited<ReturnType<typeof startFakeClamd>>;

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'seaward-files-'));
    clamd = await startFakeClamd();
    api = await startApi({ FILES_DIR: filesDir, FILES_SCAN_URL: clamd.url });
  });
  afterAll(async () => {
    await api.close();
    await clamd.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('keeps a clean file, refuses an infected one, and holds a file pending while the scanner is away', async () => {
    const enterprise = await createEnterprise(api, { district: 'putuo' });
    expect((await upload(api, enterprise.token, PDF, 'clean.pdf').expect(201)).body.status).toBe('clean');
    const infected = Buffer.concat([PDF, Buffer.from(EICAR)]);
    expect((await upload(api, enterprise.token, infected, 'infected.pdf').expect(422)).body.code).toBe('file_infected');
    expect(clamd.scanned).toBe(2);

    const port = clamd.port;
    await clamd.close();
    const held = await upload(api, enterprise.token, PDF, '待扫描.pdf').expect(201);
    expect(held.body.status).toBe('pending');
    await download(api, enterprise.token, held.body.id).expect(409);
    const requestId = await createRequest(api, enterprise.token);
    const attach = await api.http
      .post('/v1/attachments')
      .set(bearer(enterprise.token))
      .send({ kind: 'request', objectId: requestId, fileIds: [held.body.id] });
    expect(attach.body.errors).toEqual([{ path: 'fileIds.0', message: 'is pending: only clean files can be attached' }]);

    clamd = await startFakeClamd(port);
    expect(Buffer.compare((await download(api, enterprise.token, held.body.id).expect(200)).body as Buffer, PDF)).toBe(0);
  });
});
