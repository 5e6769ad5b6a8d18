import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const modulesDir = dirname(fileURLToPath(import.meta.url));

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Which module folders each module folder imports from. */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of filesOf(modulesDir)) {
    const from = relative(modulesDir, file).split('/')[0]!;
    if (from.endsWith('.ts')) continue;
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = relative(modulesDir, normalize(join(dirname(file), target!))).split('/')[0]!;
      if (to.startsWith('..') || to === from) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

describe('module import graph', () => {
  it('has no two modules that import each other', () => {
    const graph = moduleGraph();
    expect(graph.get('payments')).toContain('engagements');
    const mutual = [...graph].flatMap(([a, targets]) => [...targets].filter((b) => a < b && graph.get(b)?.has(a)).map((b) => `${a} ↔ ${b}`));
    expect(mutual).toEqual([]);
  });
});
