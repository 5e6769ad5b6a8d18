import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const FILE_STATUSES = ['pending', 'clean', 'infected'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export const ATTACHMENT_KINDS = ['request', 'bid', 'message', 'delivery', 'credential', 'fapiao', 'dispute'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** An uploaded file: its bytes live in the storage (local disk or S3) under `storage_key`. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Who uploaded it: the organisation sees its own uploads before they are attached.
    uploaderOrg: text('uploader_org').notNull(),
    uploaderRole: text('uploader_role').notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    status: text('status').$type<FileStatus>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('files_uploader_idx').on(t.uploaderOrg, t.createdAt),
    check('files_status', sql`${t.status} in ('pending', 'clean', 'infected')`),
    check('files_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Where a file is attached; whoever sees the object sees the file (docs/api.md "Files"). */
export const fileAttachments = pgTable(
  'file_attachments',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    kind: text('kind').$type<AttachmentKind>().notNull(),
    objectId: uuid('object_id').notNull(),
    attachedBy: text('attached_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.fileId, t.kind, t.objectId] }),
    index('file_attachments_object_idx').on(t.kind, t.objectId),
    check('file_attachments_kind', sql`${t.kind} in ('request', 'bid', 'message', 'delivery', 'credential', 'fapiao', 'dispute')`),
  ],
);

export type FileRow = typeof files.$inferSelect;
export type FileAttachmentRow = typeof fileAttachments.$inferSelect;
