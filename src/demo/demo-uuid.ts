import { createHash } from 'node:crypto';

/**
 * A name-based UUID in the style of RFC 9562 v5 (SHA-1 of a namespace and a name): the same
 * demo object gets the same id on every run, which is what makes re-seeding a no-op.
 */
export function demoUuid(name: string): string {
  const hash = createHash('sha1').update(`seaward-demo\u0000${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
