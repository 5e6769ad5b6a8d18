import { USCC_ALPHABET } from './alphabet.js';
import { usccCheckCharacter } from './check-character.js';

export type UsccProblem = 'length' | 'alphabet' | 'division' | 'check_character';
export type UsccResult = { ok: true } | { ok: false; problem: UsccProblem; message: string };

function problem(kind: UsccProblem, message: string): UsccResult {
  return { ok: false, problem: kind, message };
}

/**
 * Checks a Unified Social Credit Code (统一社会信用代码) against GB 32100-2015: 18 code
 * characters, digits at positions 3–8 (the GB/T 2260 division code; not looked up), and the
 * check character. Lower case is refused rather than folded; callers may upper-case first.
 * The organisation code's own GB 11714 check digit (position 17) is deliberately not checked:
 * codes are issued that do not follow it.
 */
export function validateUscc(input: string): UsccResult {
  if (typeof input !== 'string') return problem('length', 'must be a string of 18 characters');
  const chars = [...input];
  if (chars.length !== 18) return problem('length', `must be 18 characters, got ${chars.length}`);
  const badAt = chars.findIndex((char) => !USCC_ALPHABET.includes(char));
  if (badAt >= 0) {
    return problem('alphabet', `character ${badAt + 1} '${chars[badAt]}' is not allowed: use digits and upper-case letters other than I, O, S, V, Z`);
  }
  if (!/^\d{6}$/.test(input.slice(2, 8))) {
    return problem('division', 'characters 3–8 must be digits (the administrative division code)');
  }
  const expected = usccCheckCharacter(input.slice(0, 17));
  if (input[17] !== expected) {
    return problem('check_character', `check character should be ${expected}, not ${input[17]}`);
  }
  return { ok: true };
}

export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}
