import { USCC_ALPHABET, USCC_WEIGHTS } from './alphabet.js';

/**
 * The 18th character for the first 17 (GB 32100-2015 §5): C18 = 31 − (Σ Ci·Wi mod 31), where 31
 * is written '0'. Throws RangeError for anything but 17 code characters.
 */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`need the first 17 characters of a USCC, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`'${first17[i]}' is not a USCC character`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}
