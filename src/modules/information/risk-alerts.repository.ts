import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { riskAlerts, type RiskAlertRow } from '../../db/schema/information.js';

/** What an alert concerns in a request: its countries, and its categories and sectors when it names any. */
export interface AlertScope {
  countries: string[];
  category?: string;
  sector?: string;
}

@Injectable()
export class RiskAlertsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof riskAlerts.$inferInsert): Promise<RiskAlertRow> {
    const [created] = await tx.insert(riskAlerts).values(row).returning();
    return created!;
  }

  /** Alerts active at `now` for any of the countries (risk_alerts_countries_idx), highest level first. */
  async active(scope: AlertScope, now: Date): Promise<RiskAlertRow[]> {
    const at = now.toISOString();
    return this.db
      .select()
      .from(riskAlerts)
      .where(
        sql`${riskAlerts.countries} && ${sql.param(scope.countries)}::text[]
          and ${riskAlerts.validFrom} <= ${at}::timestamptz and ${riskAlerts.validTo} > ${at}::timestamptz
          ${scope.category ? sql`and (cardinality(${riskAlerts.categories}) = 0 or ${scope.category} = any(${riskAlerts.categories}))` : sql``}
          ${scope.sector ? sql`and (cardinality(${riskAlerts.sectors}) = 0 or ${scope.sector} = any(${riskAlerts.sectors}))` : sql``}`,
      )
      .orderBy(sql`${riskAlerts.level} desc, ${riskAlerts.createdAt} desc`)
      .limit(100);
  }

  /**
   * Records a notice for each enterprise with an open request, or an engagement under way, in
   * the alert's countries (and categories and sectors, when it names any), and returns those not
   * told before: the notices' key holds "once per enterprise per alert". Reads the requests and
   * engagements tables of their modules, writes only its own.
   */
  async noticeEnterprises(tx: DbOrTx, alert: RiskAlertRow): Promise<string[]> {
    const concerns = sql`r.countries && ${sql.param(alert.countries)}::text[]
      and (cardinality(${sql.param(alert.categories)}::text[]) = 0 or r.category = any(${sql.param(alert.categories)}::text[]))
      and (cardinality(${sql.param(alert.sectors)}::text[]) = 0 or r.sector = any(${sql.param(alert.sectors)}::text[]))`;
    const rows = await tx.execute<{ enterprise_id: string }>(sql`
      insert into risk_alert_notices (alert_id, enterprise_id)
      select ${alert.id}::uuid, enterprise_id from (
        select r.enterprise_id from service_requests r where r.status = 'open' and ${concerns}
        union
        select e.enterprise_id from engagements e join service_requests r on r.id = e.request_id
        where e.status in ('awaiting_payment', 'in_progress', 'delivered', 'disputed') and ${concerns}
      ) concerned
      on conflict do nothing
      returning enterprise_id`);
    return rows.map((r) => r.enterprise_id);
  }
}
