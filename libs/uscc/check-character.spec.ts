import { describe, expect, it } from '@jest/globals';
import { USCC_ALPHABET, USCC_WEIGHTS } from './alphabet.js';
import { usccCheckCharacter } from './check-character.js';

describe('usccCheckCharacter', () => {
  it('uses the weights 3^(i−1) mod 31 of GB 32100-2015', () => {
    expect(USCC_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n)));
  });

  it('uses 31 characters, without I, O, S, V and Z', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    expect(USCC_ALPHABET).not.toMatch(/[IOSVZ]/);
  });

  it('gives F for 91330100716105852', () => {
    expect(usccCheckCharacter('91330100716105852')).toBe('F');
  });

  it('writes a result of 31 as 0', () => {
    // Σ = 0 for all zeros, so C18 = 31 − 0 = 31, written '0'.
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('throws RangeError unless given 17 code characters', () => {
    expect(() => usccCheckCharacter('9133010071610585')).toThrow(RangeError);
    expect(() => usccCheckCharacter('913301007161058521')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91330100716I05852')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9133010071610585a')).toThrow(RangeError);
  });
});
