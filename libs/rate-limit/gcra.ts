/**
 * A token bucket as GCRA (generic cell rate algorithm): one number per caller, the theoretical
 * arrival time (TAT) of the next request if the caller kept exactly to the rate. The bucket holds
 * `limit` requests and refills one every `periodMs / limit`, so a caller may spend `limit` at once
 * and then one per interval; there is no window edge at which a second `limit` becomes available.
 * The Redis storage runs the same arithmetic in Lua (see gcra.lua.ts); this is the in-process copy.
 */
export interface GcraDecision {
  allowed: boolean;
  /** TAT to store (unchanged when refused). */
  tat: number;
  /** Requests that could still be made right now. */
  remaining: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
  /** Milliseconds until one more request is allowed (0 when allowed). */
  retryAfterMs: number;
}

export function gcra(storedTat: number | undefined, now: number, limit: number, periodMs: number): GcraDecision {
  const interval = periodMs / limit;
  const tat = Math.max(storedTat ?? now, now);
  const next = tat + interval;
  if (next - now > periodMs) {
    return { allowed: false, tat, remaining: 0, resetMs: tat - now, retryAfterMs: next - periodMs - now };
  }
  return { allowed: true, tat: next, remaining: Math.floor((periodMs - (next - now)) / interval + 1e-9), resetMs: next - now, retryAfterMs: 0 };
}
