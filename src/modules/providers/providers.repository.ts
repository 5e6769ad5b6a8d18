import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { searchDocument } from '../../../libs/search-text/index.js';
import type { Vetting } from '../../../libs/vetting/index.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { credentials, providers, type CredentialRow, type ProviderRow } from '../../db/schema/providers.js';

export type ProviderFields = Omit<typeof providers.$inferInsert, 'searchVector' | 'createdAt' | 'updatedAt'>;
export type NewCredential = typeof credentials.$inferInsert;
export interface MatchCriteria {
  category: string;
  services: string[];
  countries: string[];
  now: Date;
  excludeId: string;
  /** Providers the enterprise excluded from the request (issue 25). */
  excludeIds?: string[];
  /** Only this provider: is it a candidate (an enterprise's own choice, issue 25)? */
  onlyId?: string;
}
export type MatchCandidateRow = Pick<
  ProviderRow,
  'id' | 'countries' | 'overseasOffices' | 'services' | 'sectors' | 'languages' | 'currency' | 'priceMin' | 'priceMax' | 'capacity'
>;

/** Every column but the search vector and sample bucket (ProviderRow): reads never need the kilobytes of bigrams. */
const { searchVector: _searchVector, sampleBucket: _sampleBucket, ...ROW } = getTableColumns(providers);

/** The indexed words of a provider, recomputed whenever its name or description changes. */
function searchVectorOf(name: string, description: string) {
  return sql`to_tsvector('english', ${searchDocument(name, description)})`;
}

@Injectable()
export class ProvidersRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: ProviderFields): Promise<ProviderRow | undefined> {
    const [created] = await tx
      .insert(providers)
      .values({ ...row, searchVector: searchVectorOf(row.name, row.description ?? '') })
      .onConflictDoNothing()
      .returning(ROW);
    return created;
  }

  async update(tx: DbOrTx, id: string, row: Partial<ProviderFields> & { name: string; description: string }): Promise<ProviderRow> {
    const [updated] = await tx
      .update(providers)
      .set({ ...row, searchVector: searchVectorOf(row.name, row.description), updatedAt: new Date() })
      .where(eq(providers.id, id))
      .returning(ROW);
    return updated!;
  }

  async setVetting(tx: DbOrTx, id: string, vetting: Vetting): Promise<void> {
    await tx
      .update(providers)
      .set({ ...vetting, updatedAt: new Date() })
      .where(eq(providers.id, id));
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<ProviderRow | undefined> {
    const [row] = await tx.select(ROW).from(providers).where(eq(providers.id, id));
    return row;
  }

  /** Serialises changes to one provider (profile edits, membership changes) within a transaction. */
  async lockById(tx: DbOrTx, id: string): Promise<ProviderRow | undefined> {
    const [row] = await tx.select(ROW).from(providers).where(eq(providers.id, id)).for('update');
    return row;
  }

  async findByIds(ids: string[], tx: DbOrTx = this.db): Promise<ProviderRow[]> {
    if (ids.length === 0) return [];
    return tx.select(ROW).from(providers).where(inArray(providers.id, ids));
  }

  /** A search page's rows in its order, read with the page itself (`page`: the engine's statement of `id` and `place`). */
  async pageRows(page: SQL, db: DbOrTx): Promise<ProviderRow[]> {
    return db
      .select(ROW)
      .from(providers)
      .innerJoin(sql`(${page}) as page`, sql`page.id = ${providers.id}`)
      .orderBy(sql`page.place`);
  }

  /**
   * Match candidates: vetted at `now`, offering the category and at least one requested service,
   * covering at least one target country, with capacity. GIN indexes serve every array test.
   */
  async matchCandidates(tx: DbOrTx, criteria: MatchCriteria): Promise<MatchCandidateRow[]> {
    const { category, services, countries, now, excludeId, excludeIds = [], onlyId } = criteria;
    return tx
      .select({
        id: providers.id,
        countries: providers.countries,
        overseasOffices: providers.overseasOffices,
        services: providers.services,
        sectors: providers.sectors,
        languages: providers.languages,
        currency: providers.currency,
        priceMin: providers.priceMin,
        priceMax: providers.priceMax,
        capacity: providers.capacity,
      })
      .from(providers)
      .where(
        and(
          gt(providers.vettedUntil, now),
          sql`${providers.categories} @> array[${category}]::text[]`,
          sql`${providers.services} && ${sql.param(services)}::text[]`,
          sql`${providers.countries} && ${sql.param(countries)}::text[]`,
          gt(providers.capacity, 0),
          sql`${providers.id} <> ${excludeId}`,
          excludeIds.length ? sql`${providers.id} <> all(${sql.param(excludeIds)}::uuid[])` : undefined,
          onlyId === undefined ? undefined : eq(providers.id, onlyId),
        ),
      );
  }

  /** Providers after `afterId` in id order (keyset paging for full scans). */
  async pageById(afterId: string, limit: number): Promise<ProviderRow[]> {
    const after = afterId ? gt(providers.id, afterId) : undefined;
    return this.db.select(ROW).from(providers).where(after).orderBy(asc(providers.id)).limit(limit);
  }

  async insertCredential(tx: DbOrTx, row: NewCredential): Promise<CredentialRow> {
    const [created] = await tx.insert(credentials).values(row).returning();
    return created!;
  }

  async credentialsOf(providerIds: string[]): Promise<CredentialRow[]> {
    if (providerIds.length === 0) return [];
    return this.db.select().from(credentials).where(inArray(credentials.providerId, providerIds)).orderBy(credentials.expiresAt);
  }

  /** Flags credentials past their expiry; returns the ones it flagged. */
  async flagExpiredCredentials(tx: DbOrTx, now: Date): Promise<Pick<CredentialRow, 'id' | 'providerId'>[]> {
    return tx
      .update(credentials)
      .set({ expired: true })
      .where(and(eq(credentials.expired, false), lte(credentials.expiresAt, now)))
      .returning({ id: credentials.id, providerId: credentials.providerId });
  }

  async credentialOwner(credentialId: string): Promise<{ providerId: string; allianceIds: string[] } | undefined> {
    const [row] = await this.db
      .select({ providerId: credentials.providerId, allianceIds: providers.appliedAllianceIds })
      .from(credentials)
      .innerJoin(providers, eq(providers.id, credentials.providerId))
      .where(eq(credentials.id, credentialId));
    return row;
  }
}
