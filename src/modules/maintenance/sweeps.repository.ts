import { Inject, Injectable } from '@nestjs/common';
import { lt } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { sweeps } from '../../db/schema/maintenance.js';

/** The record of each sweep (its own table). */
@Injectable()
export class SweepsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async record(entry: { sweep: string; startedAt: Date; examined: number; requeued: number; report: Record<string, unknown> }): Promise<number> {
    const [row] = await this.db.insert(sweeps).values(entry).returning({ id: sweeps.id });
    return row!.id;
  }

  /** Sweep records are kept two weeks. */
  async prune(before: Date): Promise<void> {
    await this.db.delete(sweeps).where(lt(sweeps.startedAt, before));
  }
}
