import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators.js';
import { Returns, ValidQuery } from '../../common/openapi/api-schema.js';
import { ProgramsService } from './programs.service.js';
import { publicProgramList } from './public-programs.schemas.js';
import { listProgramsQuery, type ListProgramsQuery } from './vouchers.schemas.js';

/** What a newcomer reads before signing in (issue 25, item 5): the programmes open to enterprises of each district. */
@ApiTags('public')
@Public()
@Controller('v1/public/programs')
export class PublicProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @ApiOperation({
    summary: 'List the programmes open now',
    description:
      'The policy terms (rate, caps, categories, eligibility, validity) of every programme not over yet, by `district`; never a ledger. Oldest first, cursor-paginated. Public; cacheable for a minute.',
  })
  @Get()
  @Header('Cache-Control', 'public, max-age=60')
  @Returns(200, publicProgramList)
  list(@ValidQuery(listProgramsQuery) query: ListProgramsQuery) {
    return this.programs.openPrograms(query);
  }
}
