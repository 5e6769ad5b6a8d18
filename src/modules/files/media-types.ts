import { fileTypeFromFile } from 'file-type';

/** What may be uploaded, by content (docs/api.md "Files"): documents, scans, archives. */
const ALLOWED = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/**
 * The media type the bytes say, or null when they are not an allowed kind. OFD (GB/T 33190, the
 * format of Chinese e-fapiao) is a zip container: a zip whose name ends in `.ofd` is served as OFD.
 */
export async function detectMediaType(path: string, name: string): Promise<string | null> {
  const detected = await fileTypeFromFile(path);
  if (!detected || !ALLOWED.has(detected.mime)) return null;
  if (detected.mime === 'application/zip' && /\.ofd$/i.test(name)) return 'application/ofd';
  return detected.mime;
}
