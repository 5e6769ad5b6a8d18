import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { isVetted, type Vetting } from '../../../libs/vetting/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { isAdmin, requireOwner, visibleTo } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeCursor, encodeCursor } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx, Tx } from '../../db/database.js';
import type { ProviderRow } from '../../db/schema/providers.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { PROVIDER_SEARCH_ENGINE, type ProviderSearchDocument, type ProviderSearchEngine, type SearchVisibility } from '../search/provider-search.port.js';
import type { SearchProvidersQuery } from './provider-search.schemas.js';
import { toCredentialView, toProviderView, toSearchDocument } from './provider-view.js';
import { ProvidersRepository, type MatchCandidateRow, type MatchCriteria, type ProviderFields } from './providers.repository.js';
import { consistencyIssues, type CreateProviderBody, type CredentialBody, type UpdateProviderBody } from './providers.schemas.js';
import { JOBS } from '../../jobs/job-names.js';
import { PeopleService } from '../identity/people.service.js';

export type { MatchCandidateRow, MatchCriteria };

const offsetCursor = z.object({ offset: z.number().int().min(0).max(10_000) });

function fieldsOf(body: CreateProviderBody | Required<UpdateProviderBody>) {
  const { priceBand, ...rest } = body;
  return { ...rest, currency: priceBand.min.currency, priceMin: priceBand.min.amount, priceMax: priceBand.max.amount };
}

/** Unvetted profiles are seen by admins, the provider itself and managers of alliances it applied to. */
function maySeeUnvetted(caller: Caller, row: ProviderRow): boolean {
  return caller.org === row.id || (caller.role === 'alliance_manager' && row.appliedAllianceIds.includes(caller.org));
}

function visibilityOf(caller: Caller): SearchVisibility {
  if (isAdmin(caller)) return { kind: 'all' };
  if (caller.role === 'provider') return { kind: 'vetted', alsoProviderId: caller.org };
  if (caller.role === 'alliance_manager') return { kind: 'vetted', alsoAllianceId: caller.org };
  return { kind: 'vetted' };
}

@Injectable()
export class ProvidersService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(PROVIDER_SEARCH_ENGINE) private readonly engine: ProviderSearchEngine,
    private readonly repo: ProvidersRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly people: PeopleService,
  ) {}

  /** A provider registers the organisation its token acts for; an admin registers one under a new id. */
  async register(caller: Caller, body: CreateProviderBody) {
    const id = caller.role === 'provider' ? caller.org : randomUUID();
    const row = await this.db.transaction(async (tx) => {
      const created = await this.repo.insert(tx, { id, ...fieldsOf(body) });
      if (!created) throw new DomainError('conflict', 'This organisation already has a provider profile');
      await this.changed(tx, caller, 'provider.registered', id);
      await this.people.addOwner(tx, caller, { type: 'provider', id });
      return created;
    });
    return toProviderView(row, new Date(), []);
  }

  async update(caller: Caller, id: string, body: UpdateProviderBody) {
    requireOwner(caller, id);
    const row = await this.db.transaction(async (tx) => {
      const current = visibleTo(caller, await this.repo.lockById(tx, id), (r) => caller.org === r.id);
      const merged = { ...this.bodyOf(current), ...body };
      const issues = consistencyIssues(merged).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      if (issues.length) throw DomainError.validation(issues);
      const updated = await this.repo.update(tx, id, fieldsOf(merged) as ProviderFields & { description: string });
      await this.changed(tx, caller, 'provider.updated', id, { fields: Object.keys(body) });
      return updated;
    });
    return toProviderView(row, new Date());
  }

  async get(caller: Caller, id: string) {
    const now = new Date();
    const row = visibleTo(caller, await this.repo.findById(id), (r) => isVetted(r.vettedUntil, now) || maySeeUnvetted(caller, r));
    return toProviderView(row, now, await this.repo.credentialsOf([id]));
  }

  async addCredential(caller: Caller, providerId: string, body: CredentialBody) {
    requireOwner(caller, providerId);
    const created = await this.db.transaction(async (tx) => {
      visibleTo(caller, await this.repo.lockById(tx, providerId), (r) => caller.org === r.id);
      const credential = await this.repo.insertCredential(tx, { providerId, ...body, expired: body.expiresAt <= new Date() });
      await this.audit.record(tx, caller, {
        action: 'provider.credential_added',
        entityType: 'provider',
        entityId: providerId,
        data: { credentialId: credential.id },
      });
      return credential;
    });
    return toCredentialView(created);
  }

  async search(caller: Caller, query: SearchProvidersQuery) {
    return this.find(query, visibilityOf(caller));
  }

  /** The public directory: vetted members only, whoever asks. */
  async searchVetted(query: Omit<SearchProvidersQuery, 'vetted'>) {
    return this.find({ ...query, vetted: true }, { kind: 'vetted' });
  }

  private async find(query: SearchProvidersQuery, visibility: SearchVisibility) {
    const { offset } = decodeCursor(query.cursor, offsetCursor) ?? { offset: 0 };
    const now = new Date();
    const { cursor: _cursor, ...filters } = query;
    const result = await this.engine.search({ ...filters, offset, now, visibility }, (page, db) => this.repo.pageRows(page, db));
    const rows = new Map((result.rows ?? (await this.repo.findByIds(result.ids))).map((row) => [row.id, row]));
    return {
      data: result.ids.flatMap((id) => (rows.has(id) ? [toProviderView(rows.get(id)!, now)] : [])),
      nextCursor: result.more ? encodeCursor({ offset: offset + query.limit }) : null,
      facets: result.facets,
      facetsEstimated: result.facetsEstimated,
    };
  }

  /** For bidding: whether the provider is vetted at `now` (libs/vetting's one definition). */
  async isVetted(tx: Tx, providerId: string, now: Date): Promise<boolean> {
    const row = await this.repo.findById(providerId, tx);
    return row !== undefined && isVetted(row.vettedUntil, now);
  }

  /** For settlements: each provider's name. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.repo.findByIds(ids)).map((row) => [row.id, row.name]));
  }

  /** For vouchers: where each provider sits and whether it is vetted at `now`. */
  async subsidyFacts(providerIds: string[], now: Date, tx?: DbOrTx): Promise<Map<string, { district: string; vetted: boolean }>> {
    const rows = await this.repo.findByIds(providerIds, tx);
    return new Map(rows.map((row) => [row.id, { district: row.district, vetted: isVetted(row.vettedUntil, now) }]));
  }

  /** For matching: the candidates for a request (see the repository for the rules). */
  async matchCandidates(tx: Tx, criteria: MatchCriteria): Promise<MatchCandidateRow[]> {
    return this.repo.matchCandidates(tx, criteria);
  }

  /** For the alliances module: the provider, locked for the membership change. */
  async lockForMembership(tx: Tx, providerId: string): Promise<ProviderRow | undefined> {
    return this.repo.lockById(tx, providerId);
  }

  /** For the alliances module: stores the outcome of a membership change (libs/vetting). */
  async applyVetting(tx: Tx, providerId: string, vetting: Vetting): Promise<void> {
    await this.repo.setVetting(tx, providerId, vetting);
    await this.outbox.add(tx, 'search-sync', JOBS['search-sync'].providerChanged, { providerId });
  }

  /** For search sync: what a search engine indexes for this provider, or null if it is gone. */
  async searchDocument(providerId: string): Promise<ProviderSearchDocument | null> {
    const row = await this.repo.findById(providerId);
    return row ? toSearchDocument(row) : null;
  }

  /** For a full reindex: every provider's search document, in batches, by id. */
  async *allSearchDocuments(batchSize = 1000): AsyncGenerator<ProviderSearchDocument[]> {
    for (let after = ''; ;) {
      const rows = await this.repo.pageById(after, batchSize);
      if (rows.length === 0) return;
      yield rows.map(toSearchDocument);
      after = rows.at(-1)!.id;
    }
  }

  /** For the expiry job: flags credentials past their expiry; returns how many. */
  async flagExpiredCredentials(tx: Tx, now: Date): Promise<number> {
    return (await this.repo.flagExpiredCredentials(tx, now)).length;
  }

  private bodyOf(row: ProviderRow): Required<UpdateProviderBody> {
    const { name, description, district, categories, services, countries, sectors, languages, capacity, overseasOffices } = row;
    const priceBand = { min: { amount: row.priceMin, currency: row.currency }, max: { amount: row.priceMax, currency: row.currency } };
    return { name, description, district, categories, services, countries, sectors, languages, capacity, overseasOffices, priceBand };
  }

  private async changed(tx: Tx, caller: Caller, action: 'provider.registered' | 'provider.updated', id: string, data?: Record<string, unknown>) {
    await this.audit.record(tx, caller, { action, entityType: 'provider', entityId: id, data });
    await this.outbox.add(tx, 'search-sync', JOBS['search-sync'].providerChanged, { providerId: id });
  }

  /** The provider a credential belongs to and the alliances it applied to (whose managers vet its scans). */
  async credentialOwner(credentialId: string): Promise<{ providerId: string; allianceIds: string[] } | undefined> {
    return this.repo.credentialOwner(credentialId);
  }
}
