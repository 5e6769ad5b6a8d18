import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** The EICAR test string every antivirus reports, clamd as `Eicar-Test-Signature`. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A tiny server speaking clamd's INSTREAM protocol (clamd(8)): it reads the chunks up to the
 * zero-length one and answers `stream: OK` or, when the bytes hold EICAR, `… FOUND`.
 */
export async function startFakeClamd(port = 0): Promise<{ url: string; port: number; scanned: number; close(): Promise<void> }> {
  const state = { scanned: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      const command = Buffer.from('zINSTREAM\0');
      if (buffered.length < command.length) return;
      let at = command.length;
      const content: Buffer[] = [];
      for (;;) {
        if (buffered.length < at + 4) return;
        const length = buffered.readUInt32BE(at);
        if (length === 0) break;
        if (buffered.length < at + 4 + length) return;
        content.push(buffered.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
      state.scanned++;
      const found = Buffer.concat(content).includes(EICAR);
      socket.end(found ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `tcp://127.0.0.1:${bound}`,
    port: bound,
    get scanned() {
      return state.scanned;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
