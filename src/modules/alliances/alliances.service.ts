import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { resolveWeights, type Weights } from '../../../libs/scoring/index.js';
import { mayTransition, vettingOf, type MembershipAction } from '../../../libs/vetting/index.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx, Tx } from '../../db/database.js';
import type { MembershipRow } from '../../db/schema/alliances.js';
import type { ProviderRow } from '../../db/schema/providers.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { AlliancesRepository, type AllianceWithCount } from './alliances.repository.js';
import type { ApproveBody, CreateAllianceBody, MatchWeightsBody, MembershipView, SuspendBody } from './alliances.schemas.js';
import type { MembershipChange } from '../audit/audit-actions.js';
import { managerOf, requireOwner } from '../../common/auth/tenancy.js';

function toAllianceView(row: AllianceWithCount) {
  return { id: row.id, name: row.name, districts: row.districts, memberCount: row.memberCount };
}

export function toMembershipView(row: MembershipRow): MembershipView {
  return {
    allianceId: row.allianceId,
    providerId: row.providerId,
    status: row.status,
    vettedUntil: row.vettedUntil?.toISOString() ?? null,
    suspendedReason: row.suspendedReason,
    appliedAt: row.appliedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Managers act on their own alliance only; another alliance is 404, as if it did not exist. */
function requireManagerOf(caller: Caller, allianceId: string): void {
  if (!managerOf(caller, allianceId)) throw new DomainError('not_found');
}

export interface VettedFacts {
  allianceDistricts: string[];
  /** '' when no approval recorded one. */
  district: string;
  categories: string[];
}

@Injectable()
export class AlliancesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: AlliancesRepository,
    private readonly providers: ProvidersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private get platformWeights(): Weights | undefined {
    return this.config.matching.weights;
  }

  /** The manager sets the alliance's factor weights, over the platform's, key by key. */
  async setMatchWeights(caller: Caller, allianceId: string, body: MatchWeightsBody) {
    requireManagerOf(caller, allianceId);
    const resolved = resolveWeights(body.weights, this.platformWeights);
    if (!resolved.ok) throw DomainError.validation([{ path: 'weights', message: resolved.reason }]);
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.exists(tx, allianceId))) throw new DomainError('not_found');
      await this.repo.setMatchWeights(tx, allianceId, body.weights);
      await this.audit.record(tx, caller, { action: 'alliance.match_weights_set', entityType: 'alliance', entityId: allianceId, data: body.weights });
    });
    return { allianceId, weights: resolved.weights };
  }

  /**
   * For learned weights (src/modules/matching/weight-learning): replaces the alliance's overrides
   * (null: back to the platform's) inside the caller's transaction, audited as a manual set is.
   * Returns the overrides it replaced, for a rollback; undefined when the alliance does not exist.
   */
  async replaceMatchWeights(tx: Tx, caller: Caller, allianceId: string, overrides: Record<string, number> | null) {
    const previous = await this.repo.matchWeightsOf(allianceId, tx);
    if (previous === undefined) return undefined;
    await this.repo.setMatchWeights(tx, allianceId, overrides);
    await this.audit.record(tx, caller, { action: 'alliance.match_weights_set', entityType: 'alliance', entityId: allianceId, data: overrides ?? {} });
    return { previous };
  }

  /** The weights the alliance's requests are ranked with: its overrides over the platform's. */
  async matchWeights(caller: Caller, allianceId: string) {
    requireManagerOf(caller, allianceId);
    const overrides = await this.repo.matchWeightsOf(allianceId);
    if (overrides === undefined) throw new DomainError('not_found');
    const resolved = resolveWeights(overrides ?? {}, this.platformWeights);
    if (!resolved.ok) throw new DomainError('conflict', `The alliance's stored weights no longer resolve: ${resolved.reason}`);
    return { allianceId, weights: resolved.weights, overrides };
  }

  /**
   * For matching: the weights for a request from this district — its alliance's when exactly one
   * alliance covers the district and has set weights, else the platform's.
   */
  async weightsForDistrict(district: string, tx?: DbOrTx): Promise<Weights | undefined> {
    const covering = await this.repo.coveringDistrict(district, tx);
    const overrides = covering.length === 1 ? (covering[0]!.matchWeights as Partial<Weights> | null) : null;
    if (!overrides) return this.platformWeights;
    const resolved = resolveWeights(overrides, this.platformWeights);
    return resolved.ok ? resolved.weights : this.platformWeights;
  }

  /**
   * For vouchers' `alliance_member` rule: per provider, the districts covered by the alliances
   * in which it is an active member vetted at `now`.
   */
  /**
   * For vouchers: what alliances vetted of each provider — the districts their active
   * memberships cover, and the district and categories of the latest approval (a provider's own
   * profile edit counts only once a manager approves it again).
   */
  async vettedFacts(providerIds: string[], now: Date, tx?: DbOrTx): Promise<Map<string, VettedFacts>> {
    const result = new Map<string, VettedFacts>(providerIds.map((id) => [id, { allianceDistricts: [], district: '', categories: [] }]));
    const latest = new Map<string, Date>();
    for (const row of await this.repo.vettedMemberships(providerIds, now, tx)) {
      const facts = result.get(row.providerId)!;
      facts.allianceDistricts.push(...row.districts);
      if (row.vettedDistrict && !(row.updatedAt <= (latest.get(row.providerId) ?? new Date(0)))) {
        latest.set(row.providerId, row.updatedAt);
        facts.district = row.vettedDistrict;
        facts.categories = row.vettedCategories ?? [];
      }
    }
    return result;
  }

  async create(caller: Caller, body: CreateAllianceBody) {
    const row = await this.db.transaction(async (tx) => {
      const created = await this.repo.insert(tx, { id: randomUUID(), ...body });
      await this.audit.record(tx, caller, { action: 'alliance.created', entityType: 'alliance', entityId: created.id });
      return created;
    });
    return toAllianceView({ ...row, memberCount: 0 });
  }

  async list() {
    return page((await this.repo.listWithCounts(new Date())).map(toAllianceView));
  }

  async get(id: string) {
    const [row] = await this.repo.listWithCounts(new Date(), id);
    if (!row) throw new DomainError('not_found');
    return toAllianceView(row);
  }

  async members(caller: Caller, allianceId: string) {
    requireManagerOf(caller, allianceId);
    if (!(await this.repo.exists(this.db, allianceId))) throw new DomainError('not_found');
    return page((await this.repo.membersOf(allianceId)).map(toMembershipView));
  }

  /** A provider's own memberships (its alliance applications), oldest first; another provider's are 404. */
  async membershipsOf(caller: Caller, providerId: string) {
    requireOwner(caller, providerId, 'provider');
    const rows = await this.repo.membershipsOfProvider(this.db, providerId);
    return page(rows.sort((a, b) => a.appliedAt.getTime() - b.appliedAt.getTime()).map(toMembershipView));
  }

  /** A provider applies (or re-applies after its membership lapsed): `pending`. */
  async apply(caller: Caller, allianceId: string): Promise<MembershipView> {
    const providerId = caller.org;
    return this.changeMembership(caller, allianceId, providerId, 'membership.applied', async (tx, current) => {
      if (!current) return this.repo.insertMembership(tx, allianceId, providerId);
      if (current.status !== 'lapsed') throw new DomainError('conflict', `This provider's membership is already ${current.status}`);
      return this.repo.setMembership(tx, current.id, { status: 'pending', vettedUntil: null, suspendedReason: null });
    });
  }

  async approve(caller: Caller, allianceId: string, providerId: string, body: ApproveBody): Promise<MembershipView> {
    requireManagerOf(caller, allianceId);
    return this.changeMembership(caller, allianceId, providerId, 'membership.approved', async (tx, current, provider) => {
      const membership = this.requireTransition('approve', current);
      // Approval vets the profile as it stands now: its district and categories become the eligibility facts.
      return this.repo.setMembership(tx, membership.id, {
        status: 'active',
        vettedUntil: body.vettedUntil,
        suspendedReason: null,
        vettedDistrict: provider.district,
        vettedCategories: provider.categories,
      });
    });
  }

  async suspend(caller: Caller, allianceId: string, providerId: string, body: SuspendBody): Promise<MembershipView> {
    requireManagerOf(caller, allianceId);
    return this.changeMembership(caller, allianceId, providerId, 'membership.suspended', async (tx, current) => {
      const membership = this.requireTransition('suspend', current);
      return this.repo.setMembership(tx, membership.id, { status: 'suspended', suspendedReason: body.reason });
    });
  }

  /**
   * For the expiry job: lapses memberships past their term and re-derives those providers'
   * vetting. Providers are locked first, as in every membership change.
   */
  async lapseExpired(tx: Tx, now: Date): Promise<number> {
    const providerIds = await this.repo.providersWithExpiredTerms(tx, now);
    for (const providerId of providerIds) await this.providers.lockForMembership(tx, providerId);
    const lapsed = await this.repo.lapseExpired(tx, providerIds, now);
    for (const providerId of providerIds) await this.refreshVetting(tx, providerId, now);
    return lapsed.length;
  }

  private requireTransition(action: MembershipAction, current: MembershipRow | undefined): MembershipRow {
    if (!current) throw new DomainError('not_found', 'This provider has not applied to this alliance');
    if (!mayTransition(action, current.status)) throw new DomainError('conflict', `A ${current.status} membership cannot be ${action}d`);
    return current;
  }

  /**
   * One transaction per change: lock the provider first, then the membership (always this order,
   * so concurrent changes cannot deadlock), change it, and re-derive the provider's vetting.
   */
  private async changeMembership(
    caller: Caller,
    allianceId: string,
    providerId: string,
    action: MembershipChange,
    change: (tx: Tx, current: MembershipRow | undefined, provider: ProviderRow) => Promise<MembershipRow>,
  ): Promise<MembershipView> {
    const row = await this.db.transaction(async (tx) => {
      if (!(await this.repo.exists(tx, allianceId))) throw new DomainError('not_found');
      const provider = await this.providers.lockForMembership(tx, providerId);
      if (!provider) {
        throw caller.role === 'provider'
          ? new DomainError('conflict', 'Register a provider profile (POST /v1/providers) before applying')
          : new DomainError('not_found');
      }
      const membership = await change(tx, await this.repo.lockMembership(tx, allianceId, providerId), provider);
      await this.refreshVetting(tx, providerId, new Date());
      await this.audit.record(tx, caller, {
        action,
        entityType: 'membership',
        entityId: membership.id,
        data: { allianceId, providerId, status: membership.status },
      });
      await this.notifications.notify(tx, { event: action, recipientOrg: providerId, data: { allianceId, status: membership.status } });
      return membership;
    });
    return toMembershipView(row);
  }

  private async refreshVetting(tx: Tx, providerId: string, now: Date): Promise<void> {
    const facts = await this.repo.membershipsOfProvider(tx, providerId);
    await this.providers.applyVetting(tx, providerId, vettingOf(facts, now));
  }
}
