import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { DomainError } from '../../common/errors/domain-error.js';

export interface StagedUpload {
  name: string;
  size: number;
  sha256: string;
  path: string;
}

/** Counts and hashes the bytes on their way to the staging file. */
class Measure extends Transform {
  readonly hash = createHash('sha256');
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Streams the `file` part of a multipart body to a staging file, never holding it in memory.
 * Past `maxBytes` the rest of the body is read and dropped (busboy's fileSize limit) and the
 * answer is 413, so the client gets the problem rather than a reset connection.
 */
export async function receiveUpload(req: IncomingMessage, maxBytes: number, stagingDir: string): Promise<StagedUpload> {
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    throw new DomainError('unsupported_media_type', 'Send the file as multipart/form-data, in a part named `file`');
  }
  await mkdir(stagingDir, { recursive: true });
  let parser: busboy.Busboy;
  try {
    // Browsers send a UTF-8 file name without RFC 2231 encoding: read parameters as UTF-8, not Latin-1.
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 11 } });
  } catch (error) {
    throw DomainError.validation([{ path: 'file', message: `the multipart body cannot be read: ${(error as Error).message}` }]);
  }
  const path = join(stagingDir, randomUUID());
  let written: Promise<StagedUpload> | undefined;
  let truncated = false;
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || written) return void stream.resume();
      stream.on('limit', () => (truncated = true));
      const measure = new Measure();
      written = pipeline(stream, measure, createWriteStream(path)).then(() => ({
        name: info.filename || 'file',
        size: measure.size,
        sha256: measure.hash.digest('hex'),
        path,
      }));
      written.catch(() => undefined); // awaited below; this only keeps an early failure from being unhandled
    });
    parser.on('close', resolve);
    parser.on('error', reject);
    req.on('aborted', () => reject(new Error('the client aborted the upload')));
  });
  req.pipe(parser);
  try {
    await finished;
    if (!written) throw DomainError.validation([{ path: 'file', message: 'is required: a part named `file`' }]);
    const staged = await written;
    if (truncated) throw new DomainError('payload_too_large', `A file may be at most ${maxBytes} bytes (FILES_MAX_BYTES)`);
    if (staged.size === 0) throw DomainError.validation([{ path: 'file', message: 'is empty' }]);
    return staged;
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof DomainError) throw error;
    throw DomainError.validation([{ path: 'file', message: `the multipart body cannot be read: ${(error as Error).message}` }]);
  }
}
