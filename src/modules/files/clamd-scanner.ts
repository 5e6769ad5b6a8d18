import { connect } from 'node:net';
import type { Readable } from 'node:stream';

export type ScanVerdict = 'clean' | 'infected';

const CHUNK = 64 * 1024;

/**
 * clamd's INSTREAM command (clamd(8)): `zINSTREAM\0`, then chunks each prefixed by its length as
 * a 4-byte big-endian integer, then a zero length; clamd answers `stream: OK` or
 * `stream: <signature> FOUND`. Anything else, or no answer, is an error: the file stays pending.
 */
export async function scanWithClamd(url: string, content: Readable, timeoutMs = 30_000): Promise<ScanVerdict> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port || 3310) });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error('clamd did not answer in time')));
  const reply = new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('data', (data: Buffer) => (text += data.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  reply.catch(() => undefined); // a refused connection is reported by the steps below; this keeps it from going unhandled
  const write = (data: Buffer) => new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    await write(Buffer.from('zINSTREAM\0'));
    for await (const chunk of content as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length; at += CHUNK) {
        const part = chunk.subarray(at, at + CHUNK);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(part.length);
        await write(Buffer.concat([length, part]));
      }
    }
    await write(Buffer.alloc(4));
  } catch (error) {
    socket.destroy();
    content.destroy();
    throw error;
  }
  const answer = (await reply).replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(answer)) return 'clean';
  if (/FOUND$/.test(answer)) return 'infected';
  throw new Error(`clamd answered: ${answer || 'nothing'}`);
}
