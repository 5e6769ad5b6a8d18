import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { fileAttachments, files, type AttachmentKind, type FileAttachmentRow, type FileRow, type FileStatus } from '../../db/schema/files.js';

@Injectable()
export class FilesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(row: typeof files.$inferInsert): Promise<FileRow> {
    const [created] = await this.db.insert(files).values(row).returning();
    return created!;
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<FileRow | undefined> {
    const [row] = await tx.select().from(files).where(eq(files.id, id));
    return row;
  }

  async byIds(tx: DbOrTx, ids: string[]): Promise<FileRow[]> {
    return tx.select().from(files).where(inArray(files.id, ids)).for('share');
  }

  async setStatus(id: string, status: FileStatus): Promise<void> {
    await this.db.update(files).set({ status }).where(eq(files.id, id));
  }

  async remove(tx: DbOrTx, id: string): Promise<void> {
    await tx.delete(files).where(eq(files.id, id));
  }

  async attachmentsOf(fileId: string, tx: DbOrTx = this.db): Promise<FileAttachmentRow[]> {
    return tx.select().from(fileAttachments).where(eq(fileAttachments.fileId, fileId));
  }

  async attach(tx: DbOrTx, rows: (typeof fileAttachments.$inferInsert)[]): Promise<void> {
    await tx.insert(fileAttachments).values(rows).onConflictDoNothing();
  }

  async filesOf(kind: AttachmentKind, objectIds: string[]): Promise<(FileRow & { objectId: string })[]> {
    if (objectIds.length === 0) return [];
    const rows = await this.db
      .select({ file: files, objectId: fileAttachments.objectId })
      .from(fileAttachments)
      .innerJoin(files, eq(files.id, fileAttachments.fileId))
      .where(and(eq(fileAttachments.kind, kind), inArray(fileAttachments.objectId, objectIds)))
      .orderBy(asc(fileAttachments.createdAt), asc(files.id));
    return rows.map((r) => ({ ...r.file, objectId: r.objectId }));
  }

  /** Uploads never attached, created before `cutoff`; rows an attach holds are skipped. Returns their storage keys. */
  async deleteUnattachedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.db.execute<{ storage_key: string }>(sql`
      delete from files where id in (
        select f.id from files f
        where f.created_at < ${cutoff.toISOString()}::timestamptz and not exists (select 1 from file_attachments a where a.file_id = f.id)
        order by f.created_at limit ${limit}
        for update skip locked)
      returning storage_key`);
    return [...rows].map((r) => r.storage_key);
  }
}
