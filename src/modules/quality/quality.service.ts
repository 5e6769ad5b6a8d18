import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { allianceQuality, demandFromRequests, rankingMetrics, rankOf, replayRankingMetrics, type ReplayRequest } from '../../../libs/quality-metrics/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeCursor, toPage } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import { WeightTuner } from '../matching/weight-tuner.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { AllianceMatchesReadModel, type AllianceMatchRow } from './alliance-matches.read-model.js';
import { QualityRecordsRepository } from './quality-records.repository.js';
import { QualityReadModel, type Period } from './quality.read-model.js';
import type { AllianceMatchesQuery, QualityQuery, ReplayBody, ReviewBody } from './quality.schemas.js';
import { JOBS } from '../../jobs/job-names.js';
import { isAdmin, managerOf } from '../../common/auth/tenancy.js';
import { DAY_MS } from '../../../libs/time/index.js';

const matchCursor = z.object({ createdAt: z.iso.datetime(), requestId: z.uuid(), rank: z.number().int() });

function toAllianceMatch(r: AllianceMatchRow) {
  return {
    request: {
      id: r.request_id,
      title: r.request_title,
      status: r.request_status,
      category: r.category,
      countries: r.countries,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
      candidates: r.candidates,
    },
    providerId: r.provider_id,
    providerName: r.provider_name,
    rank: r.rank,
    score: r.score,
    factors: r.factors,
    reasons: r.reasons.map((reason) => reason.en),
    reasonsZh: r.reasons.map((reason) => reason.zh),
    invited: r.invited,
    rankedAt: new Date(r.created_at).toISOString(),
    review: r.verdict ? { verdict: r.verdict, reason: r.review_reason ?? '', reviewedAt: new Date(r.reviewed_at!).toISOString() } : null,
  };
}

/** Only the alliance's own managers and admins see its quality. */
function ownAlliance(caller: Caller, allianceId: string): void {
  if (!managerOf(caller, allianceId)) throw new DomainError('not_found');
}

/** Match quality for alliance managers (libs/quality-metrics over the read model), reviews and replays. */
@Injectable()
export class QualityService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly readModel: QualityReadModel,
    private readonly outbox: OutboxService,
    private readonly alliances: AlliancesService,
    private readonly tuner: WeightTuner,
    private readonly matches: AllianceMatchesReadModel,
    private readonly records: QualityRecordsRepository,
  ) {}

  /** The rankings its members appeared in, for the manager's verdicts. */
  async allianceMatches(caller: Caller, allianceId: string, query: AllianceMatchesQuery) {
    ownAlliance(caller, allianceId);
    await this.alliances.get(allianceId);
    const after = decodeCursor(query.cursor, matchCursor);
    const rows = await this.matches.list(allianceId, { requestId: query.requestId, after }, query.limit);
    return toPage(rows, query.limit, toAllianceMatch, (r) => ({ createdAt: new Date(r.created_at).toISOString(), requestId: r.request_id, rank: r.rank }));
  }

  async quality(caller: Caller, allianceId: string, query: QualityQuery) {
    ownAlliance(caller, allianceId);
    await this.alliances.get(allianceId); // 404 for an alliance that does not exist
    const to = query.to ? new Date(query.to) : new Date();
    const p: Period = { allianceId, from: query.from ? new Date(query.from) : new Date(to.getTime() - 180 * DAY_MS), to };
    const [members, requests, invitations, bids, awards, engagements, demand, coverage, verdicts, trend] = await Promise.all([
      this.readModel.members(allianceId),
      this.readModel.requests(p),
      this.readModel.invitations(p),
      this.readModel.bids(p),
      this.readModel.awards(p),
      this.readModel.engagements(p),
      this.readModel.demand(p),
      this.readModel.vettedCoverage(allianceId, new Date()),
      this.readModel.verdicts(p),
      this.readModel.trend(p),
    ]);
    const metrics = allianceQuality({
      members,
      requests: requests.map((r) => ({ requestId: r.id, publishedAt: new Date(r.published_at) })),
      invitations: invitations.map((i) => ({ requestId: i.request_id, providerId: i.provider_id })),
      bids: bids.map((b) => ({ requestId: b.request_id, providerId: b.provider_id, submittedAt: new Date(b.created_at) })),
      awards: awards.map((a) => ({
        requestId: a.request_id,
        providerId: a.provider_id,
        value: { amount: Number(a.price), currency: a.currency },
        ranking: a.ranking,
      })),
      engagements: engagements.map((e) => ({ engagementId: e.id, status: e.status as never, everDisputed: e.ever_disputed, rating: e.rating })),
      demand: demandFromRequests(demand),
      vettedMembers: coverage.map((c) => ({ providerId: c.provider_id, countries: c.countries, categories: c.categories })),
    });
    const { medianHours, p90Hours, requests: timed } = metrics.timeToFirstBid;
    return {
      allianceId,
      from: p.from.toISOString(),
      to: p.to.toISOString(),
      members: members.length,
      ...metrics,
      timeToFirstBid: { requests: timed, medianHours, p90Hours },
      verdicts,
      trend: [...trend],
    };
  }

  /** An alliance manager's verdict on a match of a request its member was ranked for. */
  async review(caller: Caller, requestId: string, providerId: string, body: ReviewBody) {
    const ranked = await this.matches.rankedMember(caller.org, requestId, providerId);
    if (!ranked || !(isAdmin(caller) || ranked.member)) throw new DomainError('not_found');
    const row = { requestId, providerId, reviewerOrg: caller.org, reviewerSub: caller.sub, verdict: body.verdict, reason: body.reason, reviewedAt: new Date() };
    await this.records.saveReview(row);
    return { requestId, providerId, verdict: body.verdict, reason: body.reason, reviewedAt: row.reviewedAt.toISOString() };
  }

  async requestReplay(caller: Caller, body: ReplayBody) {
    const allianceId = caller.role === 'alliance_manager' ? caller.org : (body.allianceId ?? null);
    const replay = await this.db.transaction(async (tx) => {
      const row = await this.records.insertReplay(tx, {
        requestedBy: `${caller.role}:${caller.org}`,
        allianceId,
        weights: body.weights ?? {},
        tuned: body.tuned ?? false,
        from: new Date(body.from),
        to: new Date(body.to),
      });
      await this.outbox.add(tx, 'quality', JOBS.quality.replay, { replayId: row.id });
      return row;
    });
    return { replayId: replay.id };
  }

  async replay(caller: Caller, id: string) {
    const row = await this.records.findReplay(id);
    if (!row || !(isAdmin(caller) || row.requestedBy === `${caller.role}:${caller.org}`)) throw new DomainError('not_found');
    return {
      id: row.id,
      status: row.status,
      allianceId: row.allianceId,
      weights: row.weights as Record<string, number>,
      tuned: row.tuned,
      from: row.from.toISOString(),
      to: row.to.toISOString(),
      result: row.result as Record<string, unknown> | null,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  /**
   * The `quality` job: re-ranks each awarded request's stored candidates by their stored factor
   * values under the proposed weights, beside the ranking the engine actually showed.
   */
  async runReplay(id: string): Promise<void> {
    const row = await this.records.findReplay(id);
    if (!row || row.status !== 'queued') return;
    const history = await this.readModel.replayHistory(row.from, row.to, row.allianceId);
    const requests: ReplayRequest[] = history.map((h) => ({
      requestId: h.request_id,
      awardedProviderId: h.awarded,
      candidates: (h.candidates ?? []).map((c) => ({ providerId: c.providerId, factors: Object.fromEntries(c.factors.map((f) => [f.name, f.value])) })),
    }));
    const shown = history.map((h) => rankOf(h.candidates ?? [], h.awarded));
    // Asked for tuned weights: tuned on the same period (and alliance), then replayed like given ones.
    const tuning = row.tuned ? await this.tuner.propose({ from: row.from, to: row.to }, row.allianceId) : null;
    const weights = tuning?.proposed ?? (row.weights as Record<string, number>);
    const result = {
      requests: requests.length,
      current: rankingMetrics(shown),
      proposed: replayRankingMetrics(requests, weights),
      ...(tuning && {
        tuning: {
          trainedOn: tuning.requests.train,
          heldOut: tuning.requests.holdout,
          heldOutCurrent: tuning.metrics.holdout.current,
          heldOutProposed: tuning.metrics.holdout.proposed,
          holdsUp: tuning.holdsUp,
          note: tuning.note,
        },
      }),
    };
    await this.records.completeReplay(id, weights, result);
  }

  /** Marks a queued replay failed for good (its job gave up), with the reason as its result. */
  async failReplay(id: string, reason: string): Promise<void> {
    await this.records.failReplay(id, reason);
  }
}
