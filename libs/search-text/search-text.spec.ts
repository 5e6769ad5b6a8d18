import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { searchDocument, searchQuery } from './index.js';

describe('searchDocument', () => {
  it('indexes a Chinese run as overlapping bigrams and keeps Latin words', () => {
    expect(searchDocument('沙特律师事务所', 'Saudi law firm')).toBe('沙特 特律 律师 师事 事务 务所 Saudi law firm');
  });

  it('keeps a lone Chinese character and drops punctuation', () => {
    expect(searchDocument('税，ODI-备案!')).toBe('税 ODI 备案');
  });
});

describe('searchQuery', () => {
  it('turns a Chinese word into its bigram phrase', () => {
    expect(searchQuery('境外投资')).toBe('(境外 <-> 外投 <-> 投资)');
    expect(searchQuery('律师')).toBe('(律师)');
  });

  it('matches Latin words by prefix, case-insensitively, all terms required', () => {
    expect(searchQuery('Tax Advis')).toBe('tax:* & advis:*');
    expect(searchQuery('沙特 tax')).toBe('(沙特) & tax:*');
  });

  it('gives null when nothing searchable is left', () => {
    expect(searchQuery('  !!! ')).toBeNull();
  });

  it('never lets tsquery operators through, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const query = searchQuery(input);
        if (query === null) return;
        const withoutSyntax = query.replace(/:\*|<->| & |[()]/g, ' ');
        expect(withoutSyntax).not.toMatch(/[&|!:*<>()'\\]/);
      }),
    );
  });

  it('finds every bigram of a word inside the document of any text that contains the word', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\u4e00-\u9fa5]{2,6}$/), fc.stringMatching(/^[\u4e00-\u9fa5]{0,6}$/), (word, around) => {
        const document = new Set(searchDocument(`${around}${word}${around}`).split(' '));
        const grams = searchQuery(word)!.replace(/[()]/g, '').split(' <-> ');
        expect(grams.every((gram) => document.has(gram))).toBe(true);
      }),
    );
  });
});
