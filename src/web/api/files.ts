// Uploads go straight to `POST /v1/files` as multipart (openapi-fetch does not stream FormData
// bodies); the answer is the stored file, attached later by a message, a delivery or a dispute.
import { ApiError, transport, type Problem, type Schemas } from './client';

export type StoredFile = Schemas['File'];

export async function uploadFile(file: File): Promise<StoredFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': transport.locale,
    'Idempotency-Key': globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`,
  };
  if (transport.bearer) headers.Authorization = `Bearer ${transport.bearer}`;
  let res: Response;
  try {
    res = await fetch(`${globalThis.location.origin}/v1/files`, { method: 'POST', body, headers, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String((error as Error)?.message ?? error) });
  }
  const json = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) throw new ApiError({ ...((json ?? {}) as Partial<Problem>), status: res.status });
  return json as StoredFile;
}

/** "1.2 MB", "830 KB": a size as people read it. */
export function fileSize(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
