import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { actsFor, isAdmin, visibleTo } from '../../common/auth/tenancy.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, createdAtKey, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import type { EnterpriseRow } from '../../db/schema/enterprises.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { EnterpriseClientsPort } from './enterprise-clients.port.js';
import { EnterprisesRepository } from './enterprises.repository.js';
import type { ConfirmGroupBody, CreateEnterpriseBody, EnterpriseView, ListEnterprisesQuery } from './enterprises.schemas.js';
import { PeopleService } from '../identity/people.service.js';

export function toEnterpriseView(row: EnterpriseRow): EnterpriseView {
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    district: row.district,
    sector: row.sector,
    sme: row.sme,
    parentUscc: row.parentUscc,
    parentUsccConfirmed: groupConfirmed(row),
    contact: row.contactName === null ? null : { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    createdAt: row.createdAt.toISOString(),
  };
}

/** A declared parent counts only as confirmed by an officer; a changed declaration needs confirming again. */
function groupConfirmed(row: EnterpriseRow): boolean {
  return row.parentUscc !== null && row.parentUscc === row.confirmedParentUscc;
}

/** An enterprise is seen by itself, the platform's admins and the officers of its district. */
function maySee(caller: Caller, row: EnterpriseRow): boolean {
  return actsFor(caller, row.id) || actsFor(caller, row.district, 'district_officer');
}

@Injectable()
export class EnterprisesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: EnterprisesRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clients: EnterpriseClientsPort,
    private readonly people: PeopleService,
  ) {}

  /**
   * An enterprise registers the profile of the organisation its token acts for (`org` is the
   * enterprise id); an admin registers one on its behalf under a new id.
   */
  async register(caller: Caller, body: CreateEnterpriseBody): Promise<EnterpriseView> {
    const id = caller.role === 'enterprise' ? caller.org : randomUUID();
    const created = await this.db.transaction(async (tx) => {
      const { contact, ...profile } = body;
      const row = await this.repo.insert(tx, {
        id,
        ...profile,
        parentUscc: body.parentUscc ?? null,
        contactName: contact?.name ?? null,
        contactEmail: contact?.email ?? null,
        contactPhone: contact?.phone ?? null,
      });
      if (row === 'id_taken') throw new DomainError('conflict', 'This organisation already has an enterprise profile');
      if (row === 'uscc_taken') {
        throw new DomainError('conflict', 'An enterprise with this unified social credit code is already registered');
      }
      await this.audit.record(tx, caller, { action: 'enterprise.registered', entityType: 'enterprise', entityId: id });
      await this.people.addOwner(tx, caller, { type: 'enterprise', id });
      await this.notifications.notify(tx, {
        event: 'enterprise.registered',
        recipientOrg: row.district,
        data: { enterpriseId: id, name: row.name },
      });
      return row;
    });
    return toEnterpriseView(created);
  }

  /** For other modules: whether an enterprise profile exists under this id. */
  async exists(id: string): Promise<boolean> {
    return (await this.repo.findById(id)) !== undefined;
  }

  /** For matching: the district an enterprise is registered in. */
  async districtOf(id: string, tx?: DbOrTx): Promise<string | undefined> {
    return (await this.repo.findById(id, tx))?.district;
  }

  /**
   * The officers of the enterprise's district (and admins) confirm its declared parent group
   * after checking the licences; from then on its vouchers share that group's caps.
   */
  async confirmGroup(caller: Caller, id: string, body: ConfirmGroupBody): Promise<EnterpriseView> {
    const mayConfirm = (row: EnterpriseRow) => actsFor(caller, row.district, 'district_officer');
    visibleTo(caller, await this.repo.findById(id), mayConfirm);
    const row = await this.db.transaction(async (tx) => {
      const current = (await this.repo.lockById(tx, id))!;
      if (current.parentUscc !== body.parentUscc) {
        throw new DomainError('conflict', `The enterprise declared ${current.parentUscc ?? 'no parent group'}, not ${body.parentUscc}`);
      }
      const confirmed = await this.repo.confirmGroup(tx, id, body.parentUscc, caller.sub);
      await this.audit.record(tx, caller, {
        action: 'enterprise.group_confirmed',
        entityType: 'enterprise',
        entityId: id,
        data: { parentUscc: body.parentUscc },
      });
      return confirmed;
    });
    return toEnterpriseView(row);
  }

  /**
   * For vouchers: the district and the group an enterprise belongs to. Related companies share
   * a key — the parent's USCC for a subsidiary, its own for the parent — so they share caps.
   */
  async subsidyFacts(id: string, tx?: DbOrTx): Promise<{ district: string; groupKey: string } | undefined> {
    const row = await this.repo.findById(id, tx);
    // An unconfirmed parent is ignored: a self-declared relation must not draw on another group's cap.
    return row && { district: row.district, groupKey: groupConfirmed(row) ? row.parentUscc! : row.uscc };
  }

  /** For settlements: each enterprise's name. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.repo.findByIds(ids)).map((row) => [row.id, row.name]));
  }

  /** Also to a provider with an engagement with it: whom it works for (issue 25). */
  async get(caller: Caller, id: string): Promise<EnterpriseView> {
    const client = caller.role === 'provider' && (await this.clients.isClientOf(id, caller.org));
    const row = visibleTo(caller, await this.repo.findById(id), (r) => client || maySee(caller, r));
    return toEnterpriseView(row);
  }

  async list(caller: Caller, query: ListEnterprisesQuery): Promise<Page<EnterpriseView>> {
    const after = decodeCursor(query.cursor, createdAtCursor);
    const scope = isAdmin(caller) ? { district: query.district } : caller.role === 'district_officer' ? { district: caller.org } : { id: caller.org };
    const rows = await this.repo.list({ ...scope, q: query.q, after }, query.limit);
    return toPage(rows, query.limit, toEnterpriseView, createdAtKey);
  }
}
