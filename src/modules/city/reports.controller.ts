import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, ValidQuery } from '../../common/openapi/api-schema.js';
import { reportCsv, reportXlsx } from './report-exports.js';
import { ReportsService } from './reports.service.js';
import { cityProgramsQuery, cityProgramsView, reportQuery, reportView, type CityProgramsQuery, type ReportQuery } from './reports.schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @ApiOperation({
    summary: "Get a city's monthly reports",
    description:
      "Per district of the city and month (YYYY-MM, Shanghai time): enterprises served, requests, awards, median days from publish to award, vouchers issued / committed / paid, subsidy by category and by target country, alliance members and their vetting, ratings, applications and how fast they were answered, and the request desk: questions received, answered, closed, by outcome (answered, referred, ODI filed, ODI approved), past due, and the median hours to answer. Months that have closed are frozen (`closed: true`); open months are computed when asked. `format=csv` or `format=xlsx` gives a row per figure. The city's coordinators and admins; another city's is 404.",
  })
  @ApiProblems('not_found')
  @Get()
  @Roles('city_coordinator', 'admin')
  @Returns(200, reportView)
  @ApiProduces('application/json', 'text/csv', XLSX)
  async report(@CurrentCaller() caller: Caller, @ValidQuery(reportQuery) query: ReportQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.report(caller, query.city, query.from, query.to);
    if (query.format === 'json') return report;
    const name = `seaward-${query.city}-${query.from}-${query.to}.${query.format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      return new StreamableFile(Buffer.from(reportCsv(report), 'utf8'));
    }
    res.type(XLSX);
    return new StreamableFile(await reportXlsx(report));
  }

  @ApiOperation({
    summary: "Compare a city's programmes",
    description:
      "Every programme of the city's districts side by side — rate, caps, providers, eligibility, ledger — and the categories that more than one district subsidises, where districts compete for the same firms. The city's coordinators and admins; another city's is 404.",
  })
  @ApiProblems('not_found')
  @Get('programs')
  @Roles('city_coordinator', 'admin')
  @Returns(200, cityProgramsView)
  programs(@CurrentCaller() caller: Caller, @ValidQuery(cityProgramsQuery) query: CityProgramsQuery) {
    return this.reports.cityPrograms(caller, query.city);
  }
}
