/**
 * Text for Postgres full-text search in Chinese and English. Postgres has no Chinese word
 * segmenter here (zhparser, pg_bigm and PGroonga are not in Debian), and pg_trgm cannot index
 * two-character patterns, yet most Chinese search words are two characters (律师, 沙特, 税务).
 * So Chinese runs are indexed as overlapping bigrams and searched as bigram phrases
 * (境外投资 → 境外 <-> 外投 <-> 投资); Latin words go through the English configuration.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const TOKENS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{N}]+/gu;

function isCjk(token: string): boolean {
  return CJK.test(token[0]!);
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(0, -1).map((char, i) => char + chars[i + 1]);
}

/** The words to index for these texts: Latin words as they are, Chinese runs as bigrams. */
export function searchDocument(...texts: string[]): string {
  const words: string[] = [];
  for (const text of texts) {
    for (const token of text.match(TOKENS) ?? []) words.push(...(isCjk(token) ? bigrams(token) : [token]));
  }
  return words.join(' ');
}

/**
 * A `to_tsquery` expression for what a user typed, or null when nothing searchable is left.
 * Every term must match: a Latin word as a prefix (`lawy` finds lawyers), a Chinese run as its
 * bigram phrase, a single Chinese character as a bigram prefix. Only letters and digits reach
 * the expression, so no input can inject tsquery syntax.
 */
export function searchQuery(input: string): string | null {
  const terms = (input.match(TOKENS) ?? []).map((token) => {
    if (!isCjk(token)) return `${token.toLowerCase()}:*`;
    if ([...token].length === 1) return `${token}:*`;
    return `(${bigrams(token).join(' <-> ')})`;
  });
  return terms.length > 0 ? terms.join(' & ') : null;
}
