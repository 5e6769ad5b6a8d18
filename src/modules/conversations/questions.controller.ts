import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import { ApiRequestExample } from '../../common/openapi/api-examples.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { answerBody, askBody, questionList, questionView, type AnswerBody, type AskBody } from './conversations.schemas.js';
import { QuestionsService } from './questions.service.js';

/** Questions before the bid, and the enterprise's answers and addenda (docs/api.md "Questions and addenda"). */
@ApiTags('questions')
@ApiBearerAuth()
@Controller('v1')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @ApiOperation({
    summary: 'Ask a question about a request',
    description: 'An invited provider asks about an `open` request; its enterprise is notified. Anyone not invited gets 404.',
  })
  @ApiRequestExample('Does the budget include translation?', { text: '预算是否包含阿拉伯语翻译？ Does the budget include Arabic translation?' })
  @ApiProblems('not_found', 'conflict')
  @Post('requests/:id/questions')
  @Roles('provider')
  @Returns(201, questionView)
  ask(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(askBody) body: AskBody) {
    return this.questions.ask(caller, id, body);
  }

  @ApiOperation({
    summary: "List a request's questions",
    description:
      'The enterprise sees every question and answer; an invited provider its own questions and the public answers (addenda), without who asked them. Anyone else gets 404.',
  })
  @ApiProblems('not_found')
  @Get('requests/:id/questions')
  @Roles('enterprise', 'provider', 'admin')
  @Returns(200, questionList)
  list(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.questions.list(caller, id);
  }

  @ApiOperation({
    summary: 'Answer a question',
    description:
      "The request's enterprise answers once: privately to the asker (`public: false`), or as an addendum every invited provider sees (`public: true`); providers with a live bid are told (`bid.addendum`) and may revise it.",
  })
  @ApiRequestExample('An addendum', { text: '预算包含翻译费用。 The budget includes translation.', public: true })
  @ApiProblems('not_found', 'conflict')
  @Post('questions/:id/answer')
  @HttpCode(200)
  @Roles('enterprise', 'admin')
  @Returns(200, questionView)
  answer(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(answerBody) body: AnswerBody) {
    return this.questions.answer(caller, id, body);
  }
}
