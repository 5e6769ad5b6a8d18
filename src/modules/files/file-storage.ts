import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploaded files live. An upload is first staged on local disk (counted,
 * hashed and typed as it streams), then handed to the storage whole by path: local disk moves
 * it, S3 streams it with its length known.
 */
export interface FileStorage {
  /** Takes the staged file at `stagedPath` (it is moved or removed) and keeps it under `key`. */
  save(key: string, stagedPath: string, size: number): Promise<void>;
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
