import { z } from 'zod';
import { ATTACHMENT_KINDS, FILE_STATUSES } from '../../db/schema/files.js';

export const fileView = z
  .object({
    id: z.uuid(),
    name: z.string().describe('as uploaded, Chinese names included'),
    mediaType: z.string().describe('detected from the content, not the name'),
    size: z.number().int().describe('bytes'),
    sha256: z.string().describe('hex SHA-256 of the content, computed as it streamed in'),
    status: z.enum(FILE_STATUSES).describe('`pending` while the virus scan (FILES_SCAN_URL) has not answered; only `clean` files are attached and downloaded'),
    downloadUrl: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'File' });
export type FileView = z.infer<typeof fileView>;

export const fileList = z.object({ data: z.array(fileView), nextCursor: z.null() }).meta({ id: 'FileList' });

/** Kinds a caller attaches through /v1/attachments; messages and deliveries carry their files in their own bodies. */
export const DIRECT_KINDS = ['request', 'bid', 'credential', 'fapiao', 'dispute'] as const;

export const attachBody = z
  .strictObject({
    kind: z
      .enum(DIRECT_KINDS)
      .describe(
        'request: the brief (its enterprise); bid: the proposal (its provider); credential: the licence scan (its provider); fapiao: an engagement’s fapiao (its provider); dispute: a milestone dispute’s evidence (either side, until it is settled)',
      ),
    objectId: z.uuid(),
    fileIds: z.array(z.uuid()).min(1).max(20),
  })
  .meta({ id: 'AttachmentCreate' });
export type AttachBody = z.infer<typeof attachBody>;

export const attachmentsQuery = z.strictObject({ kind: z.enum(ATTACHMENT_KINDS), objectId: z.uuid() });
export type AttachmentsQuery = z.infer<typeof attachmentsQuery>;

/** A part of an upload's body, for the OpenAPI document (the route reads the stream itself). */
export const UPLOAD_BODY = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: { type: 'object' as const, required: ['file'], properties: { file: { type: 'string' as const, format: 'binary', description: 'the file' } } },
    },
  },
};
