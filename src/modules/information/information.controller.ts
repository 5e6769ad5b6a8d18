import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { Returns, ValidBody, ValidParam, ValidQuery } from '../../common/openapi/api-schema.js';
import { BriefsService } from './briefs.service.js';
import {
  briefPage,
  briefsQuery,
  briefView,
  countryCode,
  createBriefBody,
  createRiskAlertBody,
  riskAlertList,
  riskAlertPublished,
  riskAlertsQuery,
  type BriefsQuery,
  type CreateBriefBody,
  type CreateRiskAlertBody,
} from './information.schemas.js';
import { RiskAlertsService } from './risk-alerts.service.js';
import type { z } from 'zod';

/** Country briefs and risk alerts: the information services of the Guiding Opinions (issue 29). */
@ApiTags('information')
@ApiBearerAuth()
@Controller('v1')
export class InformationController {
  constructor(
    private readonly briefs: BriefsService,
    private readonly alerts: RiskAlertsService,
  ) {}

  @ApiOperation({
    summary: 'Publish a country brief',
    description:
      "A district officer or an alliance manager publishes a new version of the country's brief (bilingual title and Markdown body); older versions are kept.",
  })
  @ApiRequestExample("Xuhui's Middle East guide", {
    titleZh: '中东投资攻略：沙特阿拉伯',
    titleEn: 'Middle East investment guide: Saudi Arabia',
    bodyZh: '## 准入\n\n外资设立公司须取得投资部（MISA）许可。',
    bodyEn: '## Market entry\n\nA foreign-owned company needs a MISA licence.',
  })
  @Post('countries/:code/briefs')
  @Roles('district_officer', 'alliance_manager', 'admin')
  @Returns(201, briefView)
  publishBrief(@CurrentCaller() caller: Caller, @ValidParam('code', countryCode) code: string, @ValidBody(createBriefBody) body: CreateBriefBody) {
    return this.briefs.publish(caller, code, body);
  }

  @ApiOperation({ summary: "List a country's briefs", description: 'Every version, the latest first, each with its bodies rendered to safe HTML. Public.' })
  @Public()
  @Get('countries/:code/briefs')
  @Returns(200, briefPage)
  listBriefs(@ValidParam('code', countryCode) code: string, @ValidQuery(briefsQuery) query: BriefsQuery) {
    return this.briefs.list(code, query);
  }

  @ApiOperation({
    summary: 'Publish a risk alert',
    description:
      'A district officer publishes an alert (countries, level 1–4, optional categories and sectors, bilingual text, validity). Every enterprise with an open request or an engagement under way there is told once (`risk_alert.published`); the answer counts them.',
  })
  @ApiRequestExample('A level-3 alert for Saudi Arabia', {
    countries: ['SA'],
    level: 3,
    titleZh: '沙特阿拉伯：红海沿岸安全风险提示',
    titleEn: 'Saudi Arabia: security risk on the Red Sea coast',
    bodyZh: '请关注红海沿岸港口的安全形势。',
    bodyEn: 'Watch the security situation of the Red Sea ports.',
    validFrom: '2026-12-01T00:00:00Z',
    validTo: '2027-03-01T00:00:00Z',
  })
  @Post('risk-alerts')
  @Roles('district_officer', 'admin')
  @Returns(201, riskAlertPublished)
  publishAlert(@CurrentCaller() caller: Caller, @ValidBody(createRiskAlertBody) body: CreateRiskAlertBody) {
    return this.alerts.publish(caller, body);
  }

  @ApiOperation({ summary: "A country's active risk alerts", description: 'The alerts valid now for the country, highest level first. Public.' })
  @Public()
  @Get('risk-alerts')
  @Returns(200, riskAlertList)
  activeAlerts(@ValidQuery(riskAlertsQuery) query: z.infer<typeof riskAlertsQuery>) {
    return this.alerts.activeIn(query.country);
  }
}
