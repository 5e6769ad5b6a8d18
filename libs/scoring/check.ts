import type { Band } from './facts.js';

// Facts come from SQL; a negative count or a reversed band is a caller's bug, not a low score.

export function assertCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
}

export function assertNonNegative(name: string, x: number): void {
  if (!Number.isFinite(x) || x < 0) {
    throw new RangeError(`${name} must be a non-negative finite number, got ${x}`);
  }
}

export function assertAtMost(name: string, n: number, limitName: string, limit: number): void {
  if (n > limit) throw new RangeError(`${name} (${n}) must not exceed ${limitName} (${limit})`);
}

export function assertBand(name: string, band: Band): void {
  assertCount(`${name}.min`, band.min);
  assertCount(`${name}.max`, band.max);
  assertAtMost(`${name}.min`, band.min, `${name}.max`, band.max);
}
