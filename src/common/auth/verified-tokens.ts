import type { TokenClaims } from './caller.js';

/**
 * Tokens already verified, kept until they expire but never longer than `maxAgeMs`: a key
 * withdrawn from the JWKS stops admitting its tokens within that time. Bounded: the oldest entry
 * makes room for a new one.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: TokenClaims; until: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly maxAgeMs = 5 * 60_000,
  ) {}

  get(token: string, now = Date.now()): TokenClaims | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > now) return entry.claims;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAtSeconds` is the token's `exp` claim. */
  remember(token: string, claims: TokenClaims, expiresAtSeconds: number, now = Date.now()): void {
    const until = Math.min(expiresAtSeconds * 1000, now + this.maxAgeMs);
    if (until <= now) return;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
