import { Inject, Injectable, Logger } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import type { RedisClient } from '../../redis/connect.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { idempotencyResults } from '../../db/schema/index.js';
import { REDIS } from '../../redis/redis.module.js';
import { DomainError } from '../errors/domain-error.js';

export interface StoredResponse {
  state: 'done';
  fingerprint: string;
  status: number;
  body: unknown;
  problem: boolean;
}
interface PendingResponse {
  state: 'pending';
  fingerprint: string;
}
export type Stored = StoredResponse | PendingResponse;

const PENDING_TTL_SECONDS = 120;

function unavailable(): DomainError {
  return new DomainError('dependency_unavailable', 'Idempotency-Key needs Redis, which cannot be reached; retry shortly');
}

/**
 * Where Idempotency-Key results live: Redis, and Postgres when Redis fails between running the
 * request and storing its result. A key is never dropped after its request committed: the result
 * goes to one store or the other (or, if both fail, stays claimed and is logged as an error).
 */
@Injectable()
export class IdempotencyStore {
  private readonly logger = new Logger(IdempotencyStore.name);

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Claims the key for a request about to run; `false` when another request holds or held it. */
  async claim(owner: string, key: string, fingerprint: string): Promise<boolean> {
    const pending: PendingResponse = { state: 'pending', fingerprint };
    try {
      return (await this.redis.set(this.redisKey(owner, key), JSON.stringify(pending), 'EX', PENDING_TTL_SECONDS, 'NX')) === 'OK';
    } catch {
      // Without Redis no claim can be made: running the request could run it twice.
      throw unavailable();
    }
  }

  /** What is stored under the key: Redis first, then the Postgres fallback. */
  async find(owner: string, key: string): Promise<Stored | null> {
    let raw: string | null;
    try {
      raw = await this.redis.get(this.redisKey(owner, key));
    } catch {
      throw unavailable();
    }
    if (raw) return JSON.parse(raw) as Stored;
    return this.findInDatabase(owner, key);
  }

  /** A result stored in Postgres when Redis failed to take it (see `save`). */
  async findInDatabase(owner: string, key: string): Promise<StoredResponse | null> {
    const [row] = await this.db
      .select()
      .from(idempotencyResults)
      .where(and(eq(idempotencyResults.owner, owner), eq(idempotencyResults.key, key)));
    return row ? { state: 'done', fingerprint: row.fingerprint, status: row.status, body: row.body, problem: row.problem } : null;
  }

  async save(owner: string, key: string, stored: StoredResponse): Promise<void> {
    try {
      await this.redis.set(this.redisKey(owner, key), JSON.stringify(stored), 'EX', this.config.idempotencyTtlSeconds);
      return;
    } catch (error) {
      this.logger.warn({ err: error, owner, key }, 'Redis did not take an Idempotency-Key result; storing it in Postgres');
    }
    try {
      await this.db
        .insert(idempotencyResults)
        .values({ owner, key, fingerprint: stored.fingerprint, status: stored.status, body: stored.body, problem: stored.problem })
        .onConflictDoNothing();
    } catch (error) {
      // The request ran, and neither store took its result: a retry after the pending claim
      // expires would run it again. Say so loudly; there is nothing left to write it to.
      this.logger.error({ err: error, owner, key, status: stored.status }, 'Idempotency-Key result lost: neither Redis nor Postgres took it');
    }
  }

  /** Frees the key after a server fault, so the client may retry; best effort. */
  async release(owner: string, key: string): Promise<void> {
    await this.redis.del(this.redisKey(owner, key)).catch(() => undefined);
  }

  /** Copies a result found in Postgres back to Redis; best effort. */
  async restore(owner: string, key: string, stored: StoredResponse): Promise<void> {
    await this.redis.set(this.redisKey(owner, key), JSON.stringify(stored), 'EX', this.config.idempotencyTtlSeconds).catch(() => undefined);
  }

  private redisKey(owner: string, key: string): string {
    return `${this.config.redisPrefix}:idempotency:${owner}:${key}`;
  }
}
