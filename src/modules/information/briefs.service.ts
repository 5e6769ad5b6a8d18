import { Inject, Injectable } from '@nestjs/common';
import { renderSafeMarkdown } from '../../../libs/safe-markdown/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { Clock } from '../../common/time/clock.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { CountryBriefRow } from '../../db/schema/information.js';
import { AuditService } from '../audit/audit.service.js';
import { BriefsRepository } from './briefs.repository.js';
import type { BriefsQuery, BriefView, CreateBriefBody } from './information.schemas.js';
import { z } from 'zod';

function toBriefView(row: CountryBriefRow): BriefView {
  return {
    id: row.id,
    country: row.country,
    version: row.version,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    bodyZh: row.bodyZh,
    bodyEn: row.bodyEn,
    html: { zh: renderSafeMarkdown(row.bodyZh), en: renderSafeMarkdown(row.bodyEn) },
    validFrom: row.validFrom.toISOString(),
    publisher: { role: row.publisherRole, org: row.publisherOrg },
    createdAt: row.createdAt.toISOString(),
  };
}

const versionCursor = z.object({ version: z.number().int().min(1) });

/** Country briefs (国别指南): officers and alliance managers publish versions; anyone reads them, the latest first. */
@Injectable()
export class BriefsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: BriefsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(caller: Caller, country: string, body: CreateBriefBody): Promise<BriefView> {
    const row = await this.db.transaction(async (tx) => {
      const brief = await this.repo.publish(tx, {
        country,
        titleZh: body.titleZh,
        titleEn: body.titleEn,
        bodyZh: body.bodyZh,
        bodyEn: body.bodyEn,
        validFrom: body.validFrom ?? this.clock.now(),
        publisherRole: caller.role,
        publisherOrg: caller.org,
        publishedBy: caller.sub,
      });
      await this.audit.record(tx, caller, {
        action: 'brief.published',
        entityType: 'country_brief',
        entityId: brief.id,
        data: { country, version: brief.version },
      });
      return brief;
    });
    return toBriefView(row);
  }

  async list(country: string, query: BriefsQuery): Promise<Page<BriefView>> {
    const before = decodeCursor(query.cursor, versionCursor)?.version;
    const rows = await this.repo.ofCountry(country, before, query.limit);
    return toPage(rows, query.limit, toBriefView, (r) => ({ version: r.version }));
  }
}
