import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { actsFor, isAdmin } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import type { AttachmentKind, FileRow } from '../../db/schema/files.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { scanWithClamd, type ScanVerdict } from './clamd-scanner.js';
import { FileAccess } from './file-access.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import type { AttachBody, AttachmentsQuery, FileView } from './files.schemas.js';
import { FilesRepository } from './files.repository.js';
import { detectMediaType } from './media-types.js';
import { receiveUpload } from './receive-upload.js';

export function toFileView(row: FileRow): FileView {
  return {
    id: row.id,
    name: row.name,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    status: row.status,
    downloadUrl: `/v1/files/${row.id}`,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Uploads, attachments and downloads (docs/api.md "Files"). */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: FilesRepository,
    private readonly access: FileAccess,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Streams the upload to staging, checks size and type by content, scans it when a scanner is set, stores it. */
  async upload(caller: Caller, req: IncomingMessage): Promise<FileView> {
    const staged = await receiveUpload(req, this.config.files.maxBytes, join(this.config.files.dir, 'incoming'));
    try {
      const mediaType = await detectMediaType(staged.path, staged.name);
      if (!mediaType) throw new DomainError('unsupported_media_type', 'Only PDF, OFD, DOCX, XLSX, PNG, JPEG and ZIP files are accepted (judged by content)');
      const verdict = await this.scan(() => Promise.resolve(createReadStream(staged.path)));
      if (verdict === 'infected') throw new DomainError('file_infected', 'The virus scan found something in this file; it was not kept');
      const key = randomUUID();
      await this.storage.save(key, staged.path, staged.size);
      const row = await this.repo.insert({
        uploaderOrg: caller.org,
        uploaderRole: caller.role,
        name: staged.name.normalize('NFC').slice(0, 255),
        mediaType,
        size: staged.size,
        sha256: staged.sha256,
        storageKey: key,
        status: verdict ?? 'pending',
      });
      return toFileView(row);
    } finally {
      await rm(staged.path, { force: true });
    }
  }

  /** The file's bytes for whoever sees it: its uploader, or anyone who sees an object it is attached to; 404 for everyone else. */
  async download(caller: Caller, id: string): Promise<{ file: FileView; content: Readable }> {
    let row = await this.visible(caller, id);
    if (row.status === 'pending') row = await this.rescan(row);
    if (row.status !== 'clean') throw new DomainError('conflict', `The file is ${row.status}: it cannot be downloaded`);
    return { file: toFileView(row), content: await this.storage.open(row.storageKey) };
  }

  /** For the owners of objects: attaches the caller's own clean uploads, in the caller's transaction. */
  async attach(tx: DbOrTx, caller: Caller, kind: AttachmentKind, objectId: string, fileIds: string[]): Promise<FileView[]> {
    if (fileIds.length === 0) return [];
    const rows = await this.repo.byIds(tx, [...new Set(fileIds)]);
    const found = new Map(rows.map((r) => [r.id, r]));
    const errors = fileIds.flatMap((fileId, i) => {
      const row = found.get(fileId);
      if (!row || !(isAdmin(caller) || actsFor(caller, row.uploaderOrg, row.uploaderRole as Caller['role']))) {
        return [{ path: `fileIds.${i}`, message: 'is not a file you uploaded' }];
      }
      return row.status === 'clean' ? [] : [{ path: `fileIds.${i}`, message: `is ${row.status}: only clean files can be attached` }];
    });
    if (errors.length) throw DomainError.validation(errors);
    await this.repo.attach(
      tx,
      rows.map((row) => ({ fileId: row.id, kind, objectId, attachedBy: caller.sub })),
    );
    return rows.map(toFileView);
  }

  /** POST /v1/attachments: a brief, a proposal, a licence scan, a fapiao. */
  async attachDirect(caller: Caller, body: AttachBody) {
    const policy = this.access.policyOf(body.kind);
    if (!policy || !(await policy.mayAttach(caller, body.objectId))) throw new DomainError('not_found');
    const views = await this.db.transaction((tx) => this.attach(tx, caller, body.kind, body.objectId, body.fileIds));
    return page(views);
  }

  /** The files of an object, for whoever sees the object. */
  async list(caller: Caller, query: AttachmentsQuery) {
    const policy = this.access.policyOf(query.kind);
    if (!policy || !(await policy.maySee(caller, query.objectId))) throw new DomainError('not_found');
    return page((await this.repo.filesOf(query.kind, [query.objectId])).map(toFileView));
  }

  /** For the owners of objects that show their files (messages, deliveries): by object id. */
  async filesOf(kind: AttachmentKind, objectIds: string[]): Promise<Map<string, FileView[]>> {
    const byObject = new Map<string, FileView[]>();
    for (const row of await this.repo.filesOf(kind, objectIds)) byObject.set(row.objectId, [...(byObject.get(row.objectId) ?? []), toFileView(row)]);
    return byObject;
  }

  /**
   * Retention: an upload never attached is the uploader's draft and may be deleted; once attached
   * it is kept with what it is attached to (a fapiao or a delivery behind a subsidy claim stays as
   * long as the claim's records).
   */
  async remove(caller: Caller, id: string): Promise<void> {
    const row = await this.repo.findById(id);
    if (!row || !(isAdmin(caller) || actsFor(caller, row.uploaderOrg, row.uploaderRole as Caller['role']))) throw new DomainError('not_found');
    await this.db.transaction(async (tx) => {
      if ((await this.repo.byIds(tx, [id])).length === 0) throw new DomainError('not_found');
      if ((await this.repo.attachmentsOf(id, tx)).length > 0) throw new DomainError('conflict', 'The file is attached; it is kept with what it is attached to');
      await this.repo.remove(tx, id);
    });
    await this.storage.remove(row.storageKey);
  }

  private async visible(caller: Caller, id: string): Promise<FileRow> {
    const row = await this.repo.findById(id);
    if (!row) throw new DomainError('not_found');
    if (isAdmin(caller) || actsFor(caller, row.uploaderOrg, row.uploaderRole as Caller['role'])) return row;
    for (const attachment of await this.repo.attachmentsOf(id)) {
      if (await this.access.policyOf(attachment.kind)?.maySee(caller, attachment.objectId)) return row;
    }
    throw new DomainError('not_found');
  }

  /** null when no scanner is configured or it cannot be reached (the file is then held pending). */
  private async scan(open: () => Promise<Readable>): Promise<ScanVerdict | 'clean' | null> {
    if (!this.config.files.scanUrl) return 'clean';
    try {
      return await scanWithClamd(this.config.files.scanUrl, await open());
    } catch (error) {
      this.logger.warn(`virus scan unavailable, file held pending: ${(error as Error).message}`);
      return null;
    }
  }

  /** A pending file is scanned again when someone asks for it. */
  private async rescan(row: FileRow): Promise<FileRow> {
    const verdict = await this.scan(() => this.storage.open(row.storageKey));
    if (!verdict) return row;
    await this.repo.setStatus(row.id, verdict);
    if (verdict === 'infected') await this.storage.remove(row.storageKey);
    return { ...row, status: verdict };
  }
}
