import { describe, expect, it } from '@jest/globals';
import { PgDialect } from 'drizzle-orm/pg-core';
import { searchStatements } from './postgres-search.sql.js';

const dialect = new PgDialect();
const now = new Date('2026-11-23T00:00:00.000Z');
const base = { limit: 20, offset: 0, now, visibility: { kind: 'vetted' as const } };

/** The hot search query, checked as SQL (immich's checked-in SQL, our way): GIN-served operators only. */
describe('search statements', () => {
  it('filters text with @@ on the bigram vector and facets with @> on the arrays, all as parameters', () => {
    const statements = searchStatements({ ...base, q: '沙特律师', country: 'SA', category: 'legal' })!;
    const page = dialect.sqlToQuery(statements.page);
    expect(page.sql).toBe(
      'select id from providers where true and search_vector @@ to_tsquery(\'english\', $1) and categories @> array[$2]::text[] and countries @> array[$3]::text[] and (vetted_until > $4) order by ts_rank(search_vector, to_tsquery(\'english\', $5)) desc, id limit $6 offset $7',
    );
    expect(page.params).toEqual(['(沙特 <-> 特律 <-> 律师)', 'legal', 'SA', now.toISOString(), '(沙特 <-> 特律 <-> 律师)', 21, 0]);
  });

  it('counts facets over the same conditions as the page', () => {
    const statements = searchStatements({ ...base, q: 'tax', district: 'xuhui' })!;
    const facets = dialect.sqlToQuery(statements.facets);
    expect(facets.sql).toContain('from providers where true and search_vector @@ to_tsquery(\'english\', $1) and district = $2 and (vetted_until > $3)');
    expect(facets.sql.match(/unnest\(/g)).toHaveLength(5);
  });

  it('lets a provider and an alliance manager see past the vetted filter only to their own', () => {
    const provider = dialect.sqlToQuery(searchStatements({ ...base, visibility: { kind: 'vetted', alsoProviderId: 'p-1' } })!.page);
    expect(provider.sql).toContain('(vetted_until > $1 or id = $2)');
    const manager = dialect.sqlToQuery(searchStatements({ ...base, alliance: 'a-1', visibility: { kind: 'vetted', alsoAllianceId: 'a-1' } })!.page);
    expect(manager.sql).toContain('applied_alliance_ids @> array[$1]::uuid[]');
    const admin = dialect.sqlToQuery(searchStatements({ ...base, visibility: { kind: 'all' } })!.page);
    expect(admin.sql).not.toContain('vetted_until');
  });

  it('gives no statements when the text has nothing searchable', () => {
    expect(searchStatements({ ...base, q: '!!!' })).toBeNull();
  });
});
