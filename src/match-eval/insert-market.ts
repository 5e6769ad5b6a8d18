import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bidDelayHours, type Market } from '../../libs/match-eval/index.js';
import { searchDocument } from '../../libs/search-text/index.js';
import type { Database } from '../db/database.js';
import { alliances, bids, engagements, enterprises, invitations, memberships, providers, serviceRequests } from '../db/schema/index.js';
import { DAY_MS } from '../../libs/time/index.js';

const HOUR_MS = 3_600_000;
const BATCH = 500;

async function insertBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export interface InsertedMarket {
  /** The enterprise the evaluated requests are published for. */
  enterpriseId: string;
  /** Provider key → id, and back. */
  idOf: Map<string, string>;
  keyOf: Map<string, string>;
}

/**
 * A market's organisations and history written directly, as the demo seed writes its
 * organisations: providers vetted by one alliance, and every past invitation with what came of
 * it (the request, the invitation, the bid, the engagement and its rating) at its past time.
 * Nothing here moves money. The evaluated requests then go through the application itself.
 */
export async function insertMarket(db: Database, market: Market, now: Date): Promise<InsertedMarket> {
  const { shape } = market;
  const idOf = new Map(market.providers.map((p) => [p.key, randomUUID()]));
  const allianceId = randomUUID();
  const enterpriseId = randomUUID();
  const pastClientId = randomUUID();
  const uscc = (id: string) => `EVAL${id.replace(/-/g, '').slice(0, 14).toUpperCase()}`;
  await db.insert(alliances).values({ id: allianceId, name: `Evaluation alliance (${shape.name})`, districts: [`eval_${shape.seed}`] });
  await db.insert(enterprises).values(
    [enterpriseId, pastClientId].map((id) => ({
      id,
      name: `Evaluation enterprise ${shape.name}`,
      uscc: uscc(id),
      district: 'minhang',
      sector: '38',
      sme: true,
    })),
  );
  const vettedUntil = new Date(now.getTime() + 365 * DAY_MS);
  await insertBatches(market.providers, (batch) =>
    db.insert(providers).values(
      batch.map((p) => ({
        id: idOf.get(p.key)!,
        name: `Evaluation provider ${p.key}`,
        description: '',
        district: 'minhang',
        categories: [shape.category],
        services: p.services,
        countries: p.countries,
        overseasOffices: p.offices,
        sectors: p.sectors,
        languages: p.languages,
        currency: 'CNY',
        priceMin: p.priceMin,
        priceMax: p.priceMax,
        // Capacity never limits the evaluation: every candidate is ranked.
        capacity: 1000,
        vettedUntil,
        allianceIds: [allianceId],
        appliedAllianceIds: [allianceId],
        searchVector: sql`to_tsvector('english', ${searchDocument(`Evaluation provider ${p.key}`, '')})`,
      })),
    ),
  );
  await insertBatches(market.providers, (batch) =>
    db.insert(memberships).values(batch.map((p) => ({ allianceId, providerId: idOf.get(p.key)!, status: 'active' as const, vettedUntil }))),
  );

  const past = market.providers.flatMap((p) => p.past.map((invitation) => ({ provider: p, invitation, requestId: randomUUID(), bidId: randomUUID() })));
  await insertBatches(past, async (batch) => {
    const invitedAt = (d: number) => new Date(now.getTime() - d * DAY_MS);
    await db.insert(serviceRequests).values(
      batch.map(({ provider, invitation, requestId }) => ({
        id: requestId,
        enterpriseId: pastClientId,
        title: 'Past request',
        description: 'Past request',
        category: shape.category,
        services: provider.services.slice(0, 1),
        countries: [invitation.country],
        sector: provider.sectors[0]!,
        languages: ['zh-CN'],
        currency: 'CNY',
        budgetMin: provider.priceMin,
        budgetMax: provider.priceMax,
        biddingClosesAt: new Date(invitedAt(invitation.daysAgo).getTime() + 7 * DAY_MS),
        status: invitation.outcome === 'none' ? ('expired' as const) : ('awarded' as const),
        publishedAt: invitedAt(invitation.daysAgo),
        createdAt: invitedAt(invitation.daysAgo),
      })),
    );
    await db
      .insert(invitations)
      .values(
        batch.map(({ provider, invitation, requestId }) => ({ requestId, providerId: idOf.get(provider.key)!, invitedAt: invitedAt(invitation.daysAgo) })),
      );
    const bidding = batch.filter(({ invitation }) => invitation.hoursToBid !== null);
    const bidAt = (b: (typeof batch)[number]) => new Date(invitedAt(b.invitation.daysAgo).getTime() + bidDelayHours(b.invitation)! * HOUR_MS);
    if (bidding.length > 0) {
      await db.insert(bids).values(
        bidding.map((b) => ({
          id: b.bidId,
          requestId: b.requestId,
          providerId: idOf.get(b.provider.key)!,
          currency: 'CNY',
          price: b.provider.priceMin,
          timelineDays: 30,
          proposal: 'Past bid',
          milestones: [],
          status: b.invitation.outcome === 'none' ? ('lost' as const) : ('awarded' as const),
          createdAt: bidAt(b),
        })),
      );
    }
    const awarded = bidding.filter(({ invitation }) => invitation.outcome !== 'none');
    if (awarded.length > 0) {
      await db.insert(engagements).values(
        awarded.map((b) => ({
          requestId: b.requestId,
          bidId: b.bidId,
          providerId: idOf.get(b.provider.key)!,
          enterpriseId: pastClientId,
          currency: 'CNY',
          price: b.provider.priceMin,
          enterpriseShare: b.provider.priceMin,
          status: b.invitation.outcome === 'completed' ? ('completed' as const) : ('cancelled' as const),
          rating: b.invitation.rating,
          ratedAt: b.invitation.rating === null ? null : new Date(Math.min(now.getTime() - HOUR_MS, bidAt(b).getTime() + 20 * DAY_MS)),
          createdAt: bidAt(b),
        })),
      );
    }
  });
  return { enterpriseId, idOf, keyOf: new Map([...idOf].map(([k, id]) => [id, k])) };
}
