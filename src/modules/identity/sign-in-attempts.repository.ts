import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gt, lt } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { signInAttempts } from '../../db/schema/identity.js';

/** How long a browser has between leaving for the issuer and coming back. */
const ATTEMPT_TTL_MS = 10 * 60_000;

/** Authorization Code flows under way; each is taken once by its callback. */
@Injectable()
export class SignInAttemptsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(attempt: typeof signInAttempts.$inferInsert, now = new Date()): Promise<void> {
    await this.db.delete(signInAttempts).where(lt(signInAttempts.createdAt, new Date(now.getTime() - ATTEMPT_TTL_MS)));
    await this.db.insert(signInAttempts).values({ ...attempt, createdAt: now });
  }

  /** The attempt of this state, removed so a replayed callback finds nothing. */
  async take(state: string, now = new Date()) {
    const [row] = await this.db
      .delete(signInAttempts)
      .where(and(eq(signInAttempts.state, state), gt(signInAttempts.createdAt, new Date(now.getTime() - ATTEMPT_TTL_MS))))
      .returning();
    return row;
  }
}
