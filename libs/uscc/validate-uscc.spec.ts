import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { USCC_ALPHABET } from './alphabet.js';
import { usccCheckCharacter } from './check-character.js';
import { isValidUscc, validateUscc } from './validate-uscc.js';

const REAL = '91330100716105852F';

const codeChar = fc.constantFrom(...USCC_ALPHABET);
const digit = fc.constantFrom(...'0123456789');
const chars = (unit: fc.Arbitrary<string>, length: number) => fc.string({ unit, minLength: length, maxLength: length });
// Positions 1–2 and 9–17 take any code character; 3–8 are the division code's digits.
const validUscc = fc
  .tuple(chars(codeChar, 2), chars(digit, 6), chars(codeChar, 9))
  .map(([head, division, organisation]) => head + division + organisation)
  .map((first17) => first17 + usccCheckCharacter(first17));

function problemOf(input: string) {
  const result = validateUscc(input);
  return result.ok ? undefined : result.problem;
}

describe('validateUscc', () => {
  it('accepts the real code 91330100716105852F', () => {
    expect(validateUscc(REAL)).toEqual({ ok: true });
    expect(isValidUscc(REAL)).toBe(true);
  });

  it('says which check character a mistyped code should end with', () => {
    // An often-quoted example that does not in fact carry its check character.
    expect(validateUscc('91310000MA1FL4T73X')).toEqual({
      ok: false,
      problem: 'check_character',
      message: 'check character should be P, not X',
    });
    expect(isValidUscc('91310000MA1FL4T73P')).toBe(true);
  });

  it('accepts any 17 code characters with digits at 3–8 followed by their check character', () => {
    fc.assert(fc.property(validUscc, (code) => expect(validateUscc(code)).toEqual({ ok: true })));
  });

  it('catches every change of a single character to another code character', () => {
    fc.assert(
      fc.property(validUscc, fc.nat({ max: 17 }), fc.nat({ max: 29 }), (code, position, shift) => {
        const original = USCC_ALPHABET.indexOf(code[position]!);
        const replacement = USCC_ALPHABET[(original + 1 + shift) % 31]!;
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(changed).not.toBe(code);
        expect(isValidUscc(changed)).toBe(false);
      }),
    );
  });

  it('refuses lower case instead of folding it', () => {
    expect(problemOf('91330100716105852f')).toBe('alphabet');
    expect(problemOf('91330100ma1fl4t73p')).toBe('alphabet');
  });

  it.each([
    ['17 characters', REAL.slice(0, 17)],
    ['19 characters', `${REAL}0`],
    ['nothing', ''],
  ])('refuses %s as the wrong length', (_label, input) => {
    expect(problemOf(input)).toBe('length');
  });

  it.each(['I', 'O', 'S', 'V', 'Z', '-', ' '])('refuses the character %p', (bad) => {
    const input = `${REAL.slice(0, 10)}${bad}${REAL.slice(11)}`;
    const result = validateUscc(input);
    expect(result).toMatchObject({ ok: false, problem: 'alphabet' });
    expect(result.ok || result.message).toContain('character 11');
  });

  it('refuses letters in the administrative division code (characters 3–8)', () => {
    const first17 = '91A30100716105852';
    expect(problemOf(first17 + usccCheckCharacter(first17))).toBe('division');
  });

  it('counts a character outside the Basic Multilingual Plane as one', () => {
    expect(problemOf(`${REAL.slice(0, 16)}😀`)).toBe('length');
    expect(problemOf(`${REAL.slice(0, 17)}😀`)).toBe('alphabet');
  });
});
