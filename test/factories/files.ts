import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { bearer } from './providers.js';
import type { Api } from '../support/harness.js';

/** A small but well-formed PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A real executable of this machine (an ELF binary). */
export const ELF = () => readFileSync('/bin/true');

export function upload(api: Api, token: string, content: Buffer, filename: string, contentType = 'application/octet-stream') {
  return api.http.post('/v1/files').set(bearer(token)).attach('file', content, { filename, contentType });
}

export async function uploaded(api: Api, token: string, content: Buffer, filename: string): Promise<{ id: string; sha256: string; name: string }> {
  const res = await upload(api, token, content, filename);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Downloads the raw bytes (supertest would otherwise try to parse a PDF as text). */
export function download(api: Api, token: string, id: string) {
  return api.http
    .get(`/v1/files/${id}`)
    .set(bearer(token))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/**
 * Streams a multipart upload of `totalBytes` (chunked, no Content-Length) from one reused 64 KB
 * buffer, so the test process itself holds almost nothing of it.
 */
export async function streamUpload(api: Api, token: string, totalBytes: number): Promise<{ status: number; body: { code?: string } }> {
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const boundary = `----seaward${Date.now()}`;
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/v1/files',
    headers: { ...bearer(token), 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  });
  const answered = new Promise<{ status: number; body: { code?: string } }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
  });
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="large.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  for (let sent = 0; sent < totalBytes; sent += chunk.length) {
    if (!req.write(chunk)) await once(req, 'drain');
  }
  req.end(`\r\n--${boundary}--\r\n`);
  return answered;
}
