/**
 * GB 32100-2015 §4: code characters are the digits and the upper-case Latin letters without
 * I, O, S, V and Z; a character's value is its index here (A = 10 … Y = 30).
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 §5: the weight of position i (1-based) is 3^(i−1) mod 31. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
