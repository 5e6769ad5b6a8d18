import { sql } from 'drizzle-orm';
import { searchDocument } from '../../libs/search-text/index.js';
import type { Database } from '../db/database.js';
import { alliances, enterprises, memberships, providers } from '../db/schema/index.js';
import { DEMO_ALLIANCES } from './alliances.js';
import type { DemoEnterprise } from './enterprises.js';
import type { DemoMembershipRow, DemoProviderRow } from './providers.js';
import { DAY_MS } from '../../libs/time/index.js';

const BATCH = 500;

function batches<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

export interface InsertedCounts {
  alliances: number;
  providers: number;
  memberships: number;
  enterprises: number;
}

/**
 * Organisations carry no money, so they are written directly, in batches; fixed ids and
 * onConflictDoNothing make a second run insert nothing. Providers get the search vector exactly
 * as ProvidersRepository computes it, and vetting fields derived by libs/vetting from the very
 * memberships inserted beside them.
 */
export async function insertOrganisations(
  db: Database,
  rows: { providers: DemoProviderRow[]; memberships: DemoMembershipRow[]; enterprises: DemoEnterprise[] },
  now: Date,
): Promise<InsertedCounts> {
  return db.transaction(async (tx) => {
    const createdAt = new Date(now.getTime() - 400 * DAY_MS);
    const insertedAlliances = await tx
      .insert(alliances)
      .values(DEMO_ALLIANCES.map((a, i) => ({ id: a.id, name: a.name, districts: a.districts, createdAt: new Date(createdAt.getTime() + i * 1000) })))
      .onConflictDoNothing()
      .returning({ id: alliances.id });
    let insertedProviders = 0;
    for (const batch of batches(rows.providers)) {
      const values = batch.map((p) => ({ ...p, searchVector: sql`to_tsvector('english', ${searchDocument(p.name, p.description)})` }));
      insertedProviders += (await tx.insert(providers).values(values).onConflictDoNothing().returning({ id: providers.id })).length;
    }
    let insertedMemberships = 0;
    // Approved memberships vet the profile as the demo writes it (AlliancesService.approve does the same).
    const profiles = new Map(rows.providers.map((p) => [p.id, p]));
    const vetted = rows.memberships.map((m) =>
      m.status === 'active' ? { ...m, vettedDistrict: profiles.get(m.providerId)?.district, vettedCategories: profiles.get(m.providerId)?.categories } : m,
    );
    for (const batch of batches(vetted)) {
      insertedMemberships += (await tx.insert(memberships).values(batch).onConflictDoNothing().returning({ id: memberships.id })).length;
    }
    const insertedEnterprises = await tx
      .insert(enterprises)
      // The demo districts' officers have confirmed every declared group (EnterprisesService.confirmGroup).
      .values(
        rows.enterprises.map(({ targets: _targets, ...e }) => ({
          ...e,
          confirmedParentUscc: e.parentUscc,
          groupConfirmedAt: e.parentUscc ? e.createdAt : null,
          groupConfirmedBy: e.parentUscc ? 'demo-officer' : null,
          updatedAt: e.createdAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: enterprises.id });
    return { alliances: insertedAlliances.length, providers: insertedProviders, memberships: insertedMemberships, enterprises: insertedEnterprises.length };
  });
}
