import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { configurationKeys } from './config.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('configuration documented', () => {
  const keys = configurationKeys();

  it('reads the keys from the schema', () => {
    expect(keys).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_PREFIX', 'MATCH_RESULTS_RETENTION_DAYS']));
  });

  it("lists every variable in the README's configuration table", () => {
    // A row may name several variables in its first cell: | `A`, `B` | …
    const firstCells = [...read('README.md').matchAll(/^\| (`[A-Z][A-Z0-9_]+`(?:, `[A-Z][A-Z0-9_]+`)*) \|/gm)].map((m) => m[1]!);
    const table = new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1])));
    expect(keys.filter((key) => !table.has(key))).toEqual([]);
  });

  it('gives every variable a line in .env.example, set or commented out', () => {
    const lines = new Set([...read('.env.example').matchAll(/^(?:# ?)?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(keys.filter((key) => !lines.has(key))).toEqual([]);
  });
});
