import { z } from 'zod';
import { instant, MAX_PERIOD_DAYS, periodWithinMaximum } from '../../common/http/instant.schema.js';
import { FACTORS } from '../../../libs/scoring/index.js';
import { pageQuery } from '../../common/http/pagination.js';

export const qualityQuery = z
  .strictObject({ from: instant().optional(), to: instant().optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'must be after from' })
  .refine((q) => periodWithinMaximum(q.from, q.to), { path: ['to'], message: `must be at most ${MAX_PERIOD_DAYS} days after from` });
export type QualityQuery = z.infer<typeof qualityQuery>;

export const reviewBody = z.strictObject({ verdict: z.enum(['good', 'poor']), reason: z.string().trim().min(1).max(2000) }).meta({ id: 'MatchReview' });
export type ReviewBody = z.infer<typeof reviewBody>;

export const replayBody = z
  .strictObject({
    weights: z
      .partialRecord(z.enum(FACTORS), z.number().min(0).finite())
      .refine((w) => Object.values(w).some((v) => (v ?? 0) > 0), 'needs at least one positive weight')
      .optional()
      .describe('the weights to replay; leave out and set tuned to replay weights tuned from outcomes'),
    tuned: z
      .literal(true)
      .optional()
      .describe("replay weights tuned on the period's awarded-and-well-rated requests (npm run match:tune), latest 20% held out"),
    from: instant(),
    to: instant(),
    allianceId: z.uuid().optional().describe("admins: limit to one alliance's members (managers: always their own)"),
  })
  .refine((b) => Date.parse(b.from) < Date.parse(b.to), { path: ['to'], message: 'must be after from' })
  .refine((b) => periodWithinMaximum(b.from, b.to), { path: ['to'], message: `must be at most ${MAX_PERIOD_DAYS} days after from` })
  .refine((b) => (b.weights === undefined) !== (b.tuned === undefined), { path: ['weights'], message: 'give weights, or tuned: true, not both' })
  .meta({ id: 'ReplayRequest' });
export type ReplayBody = z.infer<typeof replayBody>;

export const rankingMetricsView = z.object({
  awarded: z.number().int(),
  ranked: z.number().int(),
  meanRank: z.number().nullable(),
  mrr: z.number().nullable(),
  ndcgAt10: z.number().nullable(),
  distribution: z.object({ byRank: z.array(z.number().int()), over10: z.number().int(), notRanked: z.number().int() }),
});

export const replayView = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'completed', 'failed']),
    allianceId: z.uuid().nullable(),
    weights: z.record(z.string(), z.number()),
    tuned: z.boolean(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    result: z
      .object({
        requests: z.number().int(),
        current: rankingMetricsView,
        proposed: rankingMetricsView,
        tuning: z
          .object({
            trainedOn: z.number().int(),
            heldOut: z.number().int(),
            heldOutCurrent: rankingMetricsView,
            heldOutProposed: rankingMetricsView,
            holdsUp: z.boolean(),
            note: z.string().nullable(),
          })
          .optional(),
      })
      .nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Replay' });

export const qualityView = z
  .object({
    allianceId: z.uuid(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    members: z.number().int(),
    invitationToBid: z.object({ invitations: z.number().int(), withBid: z.number().int(), rate: z.number().nullable() }),
    timeToFirstBid: z.object({ requests: z.number().int(), medianHours: z.number().nullable(), p90Hours: z.number().nullable() }),
    awardRank: rankingMetricsView,
    engagements: z.object({
      completion: z.object({ completed: z.number().int(), settled: z.number().int(), rate: z.number().nullable() }),
      rating: z.object({ count: z.number().int(), mean: z.number().nullable() }),
      disputes: z.object({ disputed: z.number().int(), engagements: z.number().int(), rate: z.number().nullable() }),
    }),
    concentration: z.object({
      invitations: z.object({ gini: z.number(), lorenz: z.array(z.object({ memberShare: z.number(), valueShare: z.number() })) }),
      awardedValue: z.object({
        gini: z.number(),
        lorenz: z.array(z.object({ memberShare: z.number(), valueShare: z.number() })),
        currency: z.string().nullable(),
      }),
    }),
    coverageGaps: z.array(z.object({ country: z.string(), category: z.string(), vettedMembers: z.number().int(), demand: z.number().int() })),
    verdicts: z.object({ good: z.number().int(), poor: z.number().int() }),
    trend: z.array(
      z.object({
        month: z.string(),
        requests: z.number().int(),
        invitations: z.number().int(),
        bids: z.number().int(),
        awards: z.number().int(),
        completed: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'AllianceQuality' });

export const allianceMatchesQuery = pageQuery.extend({ requestId: z.uuid().optional().describe("one request's ranking") });
export type AllianceMatchesQuery = z.infer<typeof allianceMatchesQuery>;
export const allianceMatchView = z
  .object({
    request: z.object({
      id: z.uuid(),
      title: z.string(),
      status: z.string(),
      category: z.string(),
      countries: z.array(z.string()),
      publishedAt: z.iso.datetime().nullable(),
      candidates: z.number().int().describe('providers ranked for it, members or not'),
    }),
    providerId: z.uuid(),
    providerName: z.string(),
    rank: z.number().int(),
    score: z.number(),
    factors: z.array(z.object({ name: z.string(), value: z.number(), weight: z.number(), contribution: z.number() })),
    reasons: z.array(z.string()).describe('why, in English, strongest first'),
    reasonsZh: z.array(z.string()).describe('the same reasons in Chinese'),
    invited: z.boolean(),
    rankedAt: z.iso.datetime(),
    review: z
      .object({ verdict: z.enum(['good', 'poor']), reason: z.string(), reviewedAt: z.iso.datetime() })
      .nullable()
      .describe("the alliance's verdict"),
  })
  .meta({ id: 'AllianceMatch' });
export const allianceMatchList = z.object({ data: z.array(allianceMatchView), nextCursor: z.string().nullable() }).meta({ id: 'AllianceMatchList' });
