import { Inject, Injectable } from '@nestjs/common';
import { renderSafeMarkdown } from '../../../libs/safe-markdown/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { page, type Page } from '../../common/http/pagination.js';
import { Clock } from '../../common/time/clock.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { RiskAlertRow } from '../../db/schema/information.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { CreateRiskAlertBody, RiskAlertView } from './information.schemas.js';
import { RiskAlertsRepository, type AlertScope } from './risk-alerts.repository.js';

export function toRiskAlertView(row: RiskAlertRow): RiskAlertView {
  return {
    id: row.id,
    countries: row.countries,
    level: row.level,
    categories: row.categories,
    sectors: row.sectors,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    bodyZh: row.bodyZh,
    bodyEn: row.bodyEn,
    html: { zh: renderSafeMarkdown(row.bodyZh), en: renderSafeMarkdown(row.bodyEn) },
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo.toISOString(),
    publisher: row.publisherOrg,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Risk alerts (风险提示): an officer publishes one; every enterprise with an open request or an
 * engagement under way in its countries is told once, through the outbox, in the same transaction.
 */
@Injectable()
export class RiskAlertsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: RiskAlertsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(caller: Caller, body: CreateRiskAlertBody): Promise<RiskAlertView & { notifiedEnterprises: number }> {
    return this.db.transaction(async (tx) => {
      const alert = await this.repo.insert(tx, { ...body, publisherOrg: caller.org, publishedBy: caller.sub });
      const told = await this.repo.noticeEnterprises(tx, alert);
      await this.notifications.notifyMany(
        tx,
        told.map((enterpriseId) => ({
          event: 'risk_alert.published',
          recipientOrg: enterpriseId,
          data: { alertId: alert.id, level: alert.level, countries: alert.countries, titleZh: alert.titleZh, titleEn: alert.titleEn },
        })),
      );
      await this.audit.record(tx, caller, {
        action: 'risk_alert.published',
        entityType: 'risk_alert',
        entityId: alert.id,
        data: { countries: alert.countries, level: alert.level, notified: told.length },
      });
      return { ...toRiskAlertView(alert), notifiedEnterprises: told.length };
    });
  }

  /** The alerts active now for a country. */
  async activeIn(country: string): Promise<Page<RiskAlertView>> {
    return page((await this.repo.active({ countries: [country] }, this.clock.now())).map(toRiskAlertView));
  }

  /** For a request's matches: the active alerts of its countries that concern its category and sector. */
  async activeFor(scope: AlertScope): Promise<RiskAlertView[]> {
    return (await this.repo.active(scope, this.clock.now())).map(toRiskAlertView);
  }
}
