import { describe, expect, it } from '@jest/globals';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { ProviderSearchQuery } from '../provider-search.port.js';
import { exactStatement, newestStatement, sampleStatement, searchConditions } from './postgres-search.sql.js';

const dialect = new PgDialect();
const now = new Date('2026-11-23T00:00:00.000Z');
const base = { limit: 20, offset: 0, now, visibility: { kind: 'vetted' as const } };

function page(query: ProviderSearchQuery) {
  const { where } = searchConditions(query)!;
  return dialect.sqlToQuery(newestStatement(query, where));
}

/** The hot search query, checked as SQL (immich's checked-in SQL, our way): GIN-served operators only. */
describe('search statements', () => {
  it('filters text with @@ on the bigram vector and facets with @> on the arrays, all as parameters', () => {
    const query = page({ ...base, q: '沙特律师', country: 'SA', category: 'legal' });
    expect(query.sql).toBe(
      "select id, row_number() over (order by created_at desc, id desc) as place from providers where true and search_vector @@ to_tsquery('english', $1) and categories @> array[$2]::text[] and countries @> array[$3]::text[] and (vetted_until > $4) order by created_at desc, id desc limit $5 offset $6",
    );
    expect(query.params).toEqual(['(沙特 <-> 特律 <-> 律师)', 'legal', 'SA', now.toISOString(), 21, 0]);
  });

  it('reads a small result set once: exact counts over the same conditions, and the page ranked by relevance', () => {
    const query = { ...base, q: 'tax', district: 'xuhui' };
    const { where, tsquery } = searchConditions(query)!;
    const exact = dialect.sqlToQuery(exactStatement(query, where, tsquery)).sql;
    expect(exact).toContain("ts_rank(search_vector, to_tsquery('english', $1)) as rank");
    expect(exact).toContain("from providers where true and search_vector @@ to_tsquery('english', $2) and district = $3 and (vetted_until > $4))");
    expect(exact.match(/unnest\(/g)).toHaveLength(5);
    expect(exact).toContain('row_number() over (order by rank desc, id) as place from matched order by rank desc, id limit $5 offset $6');
    const noText = { ...base, country: 'SA' };
    expect(dialect.sqlToQuery(exactStatement(noText, searchConditions(noText)!.where, null)).sql).toContain('order by created_at desc, id desc limit');
  });

  it('estimates from the sample bucket under the same conditions', () => {
    const { where } = searchConditions({ ...base, q: 'tax', district: 'xuhui' })!;
    expect(dialect.sqlToQuery(sampleStatement(where)).sql).toContain('and (vetted_until > $3) and sample_bucket = 0)');
  });

  it('lets a provider and an alliance manager see past the vetted filter only to their own', () => {
    expect(page({ ...base, visibility: { kind: 'vetted', alsoProviderId: 'p-1' } }).sql).toContain('(vetted_until > $1 or id = $2)');
    const manager = page({ ...base, alliance: 'a-1', visibility: { kind: 'vetted', alsoAllianceId: 'a-1' } });
    expect(manager.sql).toContain('applied_alliance_ids @> array[$1]::uuid[]');
    expect(page({ ...base, visibility: { kind: 'all' } }).sql).not.toContain('vetted_until');
  });

  it('gives no conditions when the text has nothing searchable', () => {
    expect(searchConditions({ ...base, q: '!!!' })).toBeNull();
  });
});
