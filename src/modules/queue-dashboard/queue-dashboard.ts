import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { ConnectionOptions } from 'bullmq';
import type { NextFunction, Request, Response, Router } from 'express';
import { TokenVerifier } from '../../common/auth/token-verifier.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { BULL_CONNECTION } from '../../redis/redis.module.js';
import { QUEUES, type QueueName } from '../../jobs/queues.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board over every queue, for the platform's admins. A browser cannot send a bearer
 * header, so the dashboard also takes an admin token as the password of HTTP Basic auth
 * (any user name): the browser asks for it once.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private readonly queues: Queue[];
  private readonly router: Router;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(BULL_CONNECTION) connection: ConnectionOptions,
    private readonly verifier: TokenVerifier,
  ) {
    this.queues = QUEUES.map((name) => new Queue(name, { connection, prefix: config.redisPrefix }));
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter });
    this.router = serverAdapter.getRouter() as Router;
  }

  queue(name: QueueName): Queue {
    return this.queues[QUEUES.indexOf(name)]!;
  }

  handlers() {
    return [(req: Request, res: Response, next: NextFunction) => void this.authorize(req, res, next), this.router];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }

  private async authorize(req: Request, res: Response, next: NextFunction): Promise<void> {
    const claims = await this.verifier.verify(tokenOf(req.headers.authorization ?? ''));
    if (claims?.role === 'admin') return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="Seaward queues (password: an admin token)"');
    res
      .status(claims ? 403 : 401)
      .type('text/plain')
      .send(claims ? 'admins only' : 'an admin token is required');
  }
}

function tokenOf(header: string): string {
  const [scheme, value = ''] = header.split(' ');
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':').slice(1).join(':');
  return '';
}
