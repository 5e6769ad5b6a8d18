import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An organisation's webhook receiver that answers 503 until `downUntil`, then 200. */
export class FlakyReceiver {
  downUntil = 0;
  readonly refused: number[] = [];
  readonly delivered: { at: number; body: { event: string; id: string } }[] = [];
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (Date.now() < this.downUntil) {
        this.refused.push(Date.now());
        res.statusCode = 503;
        return res.end();
      }
      this.delivered.push({ at: Date.now(), body: JSON.parse(body) });
      res.end('ok');
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): void {
    this.server.close();
    this.server.closeAllConnections();
  }
}
