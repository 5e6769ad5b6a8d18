import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { alliances, memberships, type AllianceRow, type MembershipRow, type MembershipStatus } from '../../db/schema/alliances.js';

export type AllianceWithCount = AllianceRow & { memberCount: number };

@Injectable()
export class AlliancesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof alliances.$inferInsert): Promise<AllianceRow> {
    const [created] = await tx.insert(alliances).values(row).returning();
    return created!;
  }

  /** Alliances with their vetted members: memberships active and unexpired at `now`. */
  async listWithCounts(now: Date, id?: string): Promise<AllianceWithCount[]> {
    const vetted = and(eq(memberships.status, 'active'), gt(memberships.vettedUntil, now));
    return this.db
      .select({ ...getTableColumns(alliances), memberCount: sql<number>`count(${memberships.id})::int` })
      .from(alliances)
      .leftJoin(memberships, and(eq(memberships.allianceId, alliances.id), vetted))
      .where(id ? eq(alliances.id, id) : undefined)
      .groupBy(alliances.id)
      .orderBy(asc(alliances.createdAt), asc(alliances.id));
  }

  async setMatchWeights(tx: DbOrTx, id: string, weights: Record<string, number> | null): Promise<void> {
    await tx.update(alliances).set({ matchWeights: weights }).where(eq(alliances.id, id));
  }

  /** The districts covered by each provider's alliances in which it is vetted at `now`. */
  async vettedMemberships(providerIds: string[], now: Date, tx: DbOrTx = this.db) {
    if (providerIds.length === 0) return [];
    return tx
      .select({
        providerId: memberships.providerId,
        districts: alliances.districts,
        vettedDistrict: memberships.vettedDistrict,
        vettedCategories: memberships.vettedCategories,
        updatedAt: memberships.updatedAt,
      })
      .from(memberships)
      .innerJoin(alliances, eq(alliances.id, memberships.allianceId))
      .where(and(inArray(memberships.providerId, providerIds), eq(memberships.status, 'active'), gt(memberships.vettedUntil, now)));
  }

  /** Alliances that cover a district, with their weights. */
  async coveringDistrict(district: string, tx: DbOrTx = this.db): Promise<Pick<AllianceRow, 'id' | 'matchWeights'>[]> {
    return tx
      .select({ id: alliances.id, matchWeights: alliances.matchWeights })
      .from(alliances)
      .where(sql`${alliances.districts} @> array[${district}]::text[]`);
  }

  /** The alliance's own overrides (null when it has set none); undefined when there is no such alliance. */
  async matchWeightsOf(id: string, tx: DbOrTx = this.db): Promise<Record<string, number> | null | undefined> {
    const [row] = await tx.select({ matchWeights: alliances.matchWeights }).from(alliances).where(eq(alliances.id, id));
    return row && (row.matchWeights as Record<string, number> | null);
  }

  async exists(tx: DbOrTx, id: string): Promise<boolean> {
    const [row] = await tx.select({ id: alliances.id }).from(alliances).where(eq(alliances.id, id));
    return row !== undefined;
  }

  async lockMembership(tx: DbOrTx, allianceId: string, providerId: string): Promise<MembershipRow | undefined> {
    const [row] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.allianceId, allianceId), eq(memberships.providerId, providerId)))
      .for('update');
    return row;
  }

  async insertMembership(tx: DbOrTx, allianceId: string, providerId: string): Promise<MembershipRow> {
    const [row] = await tx.insert(memberships).values({ allianceId, providerId, status: 'pending' }).returning();
    return row!;
  }

  async setMembership(
    tx: DbOrTx,
    id: string,
    change: { status: MembershipStatus; vettedUntil?: Date | null; suspendedReason?: string | null; vettedDistrict?: string; vettedCategories?: string[] },
  ): Promise<MembershipRow> {
    const [row] = await tx
      .update(memberships)
      .set({ ...change, updatedAt: new Date() })
      .where(eq(memberships.id, id))
      .returning();
    return row!;
  }

  async membershipsOfProvider(tx: DbOrTx, providerId: string): Promise<MembershipRow[]> {
    return tx.select().from(memberships).where(eq(memberships.providerId, providerId));
  }

  async membersOf(allianceId: string): Promise<MembershipRow[]> {
    return this.db.select().from(memberships).where(eq(memberships.allianceId, allianceId)).orderBy(asc(memberships.appliedAt));
  }

  /** Providers with an active membership whose term has passed at `now`. */
  async providersWithExpiredTerms(tx: DbOrTx, now: Date): Promise<string[]> {
    const rows = await tx
      .selectDistinct({ providerId: memberships.providerId })
      .from(memberships)
      .where(and(eq(memberships.status, 'active'), lte(memberships.vettedUntil, now)));
    return rows.map((row) => row.providerId).sort();
  }

  /** Those providers' active memberships whose term has passed become `lapsed`; returns them. */
  async lapseExpired(tx: DbOrTx, providerIds: string[], now: Date): Promise<MembershipRow[]> {
    if (providerIds.length === 0) return [];
    return tx
      .update(memberships)
      .set({ status: 'lapsed', updatedAt: now })
      .where(and(inArray(memberships.providerId, providerIds), eq(memberships.status, 'active'), lte(memberships.vettedUntil, now)))
      .returning();
  }
}
