import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

type Messages = { [key: string]: string | Messages };
const folder = new URL('./', import.meta.url);
const filesOf = (locale: string) => readdirSync(folder).filter((file) => file.endsWith(`${locale}.json`));
const read = (file: string) => JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Messages;
const load = (locale: string): Messages => Object.assign({}, ...filesOf(locale).map(read)) as Messages;
const keys = (messages: Messages, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const at = (messages: Messages, path: string) => path.split('.').reduce<string | Messages>((node, key) => (node as Messages)[key]!, messages) as string;

describe('the web app’s messages', () => {
  const zh = load('zh-CN');
  const en = load('en-US');

  it('gives each area its own top-level keys, so no file overrides another', () => {
    for (const locale of ['zh-CN', 'en-US']) {
      const owners = filesOf(locale).flatMap((file) => Object.keys(read(file)).map((key) => ({ key, file })));
      const repeated = owners.filter((owner, i) => owners.findIndex((other) => other.key === owner.key) !== i);
      expect(repeated).toEqual([]);
    }
  });

  it('has the same keys in Chinese (the source) and English', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it('fills the same placeholders in both languages, and leaves no message empty', () => {
    for (const key of keys(zh)) {
      expect({ key, en: placeholders(at(en, key)) }).toEqual({ key, en: placeholders(at(zh, key)) });
      expect({ key, empty: at(zh, key).trim() === '' || at(en, key).trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('uses none of vue-i18n’s special characters by accident (| splits plurals, @ links messages; a quoted literal is fine)', () => {
    for (const key of keys(zh))
      for (const text of [at(zh, key), at(en, key)])
        expect({ key, text, special: /[|@]/.test(text.replace(/\{'[^']*'\}/g, '')) }).toEqual({ key, text, special: false });
  });
});
