import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { DISTRICTS, cityCode } from '../../../libs/reference-data/index.js';

/**
 * The names of the organisations people belong to, for /v1/me. Reads the enterprises, providers
 * and alliances tables, read-only; those modules keep their own write paths.
 */
@Injectable()
export class OrganisationNamesReadModel {
  constructor(@Inject(DB) private readonly db: Database) {}

  async namesOf(organisations: { organisationType: string; organisationId: string }[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const idsOf = (type: string) => organisations.filter((o) => o.organisationType === type && isUuid(o.organisationId)).map((o) => o.organisationId);
    const [enterprises, providers, alliances] = [idsOf('enterprise'), idsOf('provider'), idsOf('alliance')];
    if (enterprises.length + providers.length + alliances.length > 0) {
      const rows = await this.db.execute<{ type: string; id: string; name: string }>(sql`
        SELECT 'enterprise' AS type, id::text AS id, name FROM enterprises WHERE id = ANY(${`{${enterprises.join(',')}}`}::uuid[])
        UNION ALL SELECT 'provider', id::text, name FROM providers WHERE id = ANY(${`{${providers.join(',')}}`}::uuid[])
        UNION ALL SELECT 'alliance', id::text, name FROM alliances WHERE id = ANY(${`{${alliances.join(',')}}`}::uuid[])`);
      for (const row of rows) names.set(`${row.type}:${row.id}`, row.name);
    }
    for (const o of organisations) {
      if (o.organisationType === 'district') {
        const district = DISTRICTS.find((d) => d.code === o.organisationId);
        if (district) names.set(`district:${o.organisationId}`, district.nameZh);
      }
      if (o.organisationType === 'platform') names.set(`platform:${o.organisationId}`, 'Seaward');
      if (o.organisationType === 'city') {
        const district = DISTRICTS.find((d) => cityCode(d.city) === o.organisationId);
        if (district) names.set(`city:${o.organisationId}`, district.city);
      }
    }
    return names;
  }
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
