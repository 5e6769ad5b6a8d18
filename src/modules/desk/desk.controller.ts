import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { Returns, UuidParam, ValidBody, ValidParam, ValidQuery } from '../../common/openapi/api-schema.js';
import { DeskCalendarService } from './desk-calendar.service.js';
import {
  answerBody,
  askBody,
  calendarBody,
  calendarView,
  closeBody,
  deskSummary,
  listQuestionsQuery,
  questionPage,
  questionView,
  summaryQuery,
  yearParam,
  type AnswerBody,
  type AskBody,
  type CalendarBody,
  type CloseBody,
  type ListQuestionsQuery,
} from './desk.schemas.js';
import { DeskService } from './desk.service.js';

/** The request desk (issue 29): an enterprise asks its district; its officers answer by the due date. */
@ApiTags('desk')
@ApiBearerAuth()
@Controller('v1/desk')
export class DeskController {
  constructor(
    private readonly desk: DeskService,
    private readonly calendar: DeskCalendarService,
  ) {}

  @ApiOperation({
    summary: 'Ask the district desk',
    description:
      "An enterprise asks its district's desk; the answer carries `dueAt`, the end of the `DESK_SLA_WORKING_DAYS`-th working day after the day asked (mainland calendar, adjusted working weekends counted).",
  })
  @ApiRequestExample('An ODI filing question', { topic: 'odi_filing', text: '在沙特设立子公司，境外投资备案需要哪些材料？' })
  @ApiProblems('conflict')
  @Post('questions')
  @Roles('enterprise')
  @Returns(201, questionView)
  ask(@CurrentCaller() caller: Caller, @ValidBody(askBody) body: AskBody) {
    return this.desk.ask(caller, body);
  }

  @ApiOperation({
    summary: 'List desk questions',
    description:
      "An enterprise's own questions; a district officer's desk; admins any district's (`district`). Newest first, by `status` and `topic`; cursor-paginated.",
  })
  @Get('questions')
  @Roles('enterprise', 'district_officer', 'admin')
  @Returns(200, questionPage)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listQuestionsQuery) query: ListQuestionsQuery) {
    return this.desk.list(caller, query);
  }

  @ApiOperation({ summary: 'Get a desk question', description: "Its enterprise and its district's officers; anyone else gets 404." })
  @ApiProblems('not_found')
  @Get('questions/:id')
  @Roles('enterprise', 'district_officer', 'admin')
  @Returns(200, questionView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.desk.get(caller, id);
  }

  @ApiOperation({ summary: 'Take a desk question', description: 'An officer of its district takes an `open` question.' })
  @ApiProblems('not_found', 'conflict')
  @Post('questions/:id/take')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, questionView)
  take(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.desk.take(caller, id);
  }

  @ApiOperation({
    summary: 'Answer a desk question',
    description: 'The answer, and the providers or programmes it points to; the enterprise is told (`desk.question_answered`).',
  })
  @ApiProblems('not_found', 'conflict')
  @Post('questions/:id/answer')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, questionView)
  answer(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(answerBody) body: AnswerBody) {
    return this.desk.answer(caller, id, body);
  }

  @ApiOperation({ summary: 'Close a desk question', description: 'With its outcome: `answered`, `referred` (to a provider), `odi_filed` or `odi_approved`.' })
  @ApiProblems('not_found', 'conflict')
  @Post('questions/:id/close')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, questionView)
  close(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(closeBody) body: CloseBody) {
    return this.desk.close(caller, id, body);
  }

  @ApiOperation({
    summary: "The district desk's figures",
    description: 'Asked, still open, flagged past due, and the outcomes of the closed ones. For its officers; admins name the district.',
  })
  @Get('summary')
  @Roles('district_officer', 'admin')
  @Returns(200, deskSummary)
  summary(@CurrentCaller() caller: Caller, @ValidQuery(summaryQuery) query: z.infer<typeof summaryQuery>) {
    return this.desk.summary(caller, query.district);
  }

  @ApiOperation({
    summary: "A year's working-day calendar",
    description: 'The holidays and the adjusted working weekend days the due dates count, with their sources.',
  })
  @Get('calendar/:year')
  @Roles('enterprise', 'provider', 'district_officer', 'alliance_manager', 'admin')
  @Returns(200, calendarView)
  year(@ValidParam('year', yearParam) year: number) {
    return this.calendar.year(year);
  }

  @ApiOperation({
    summary: "Load a year's working-day calendar",
    description: "Admins load the State Council's schedule when it is published; it replaces the year's days.",
  })
  @Put('calendar/:year')
  @Roles('admin')
  @Returns(200, calendarView)
  load(@CurrentCaller() caller: Caller, @ValidParam('year', yearParam) year: number, @ValidBody(calendarBody) body: CalendarBody) {
    return this.calendar.load(caller, year, body);
  }
}
