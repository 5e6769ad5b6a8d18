import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, ValidQuery } from '../../common/openapi/api-schema.js';
import { ProviderClaimsService } from './provider-claims.service.js';
import { listClaimsQuery, providerClaimPage, type ListClaimsQuery } from './reconciliation.schemas.js';

/** A provider's side of reconciliation: the subsidies owed to it (issue 25). */
@ApiTags('reconciliation')
@ApiBearerAuth()
@Controller('v1/claims')
export class ClaimsController {
  constructor(private readonly claims: ProviderClaimsService) {}

  @ApiOperation({
    summary: "List the provider's subsidy claims",
    description:
      'The claims the calling provider redeems under provider redemption (通兑), newest first: the subsidy committed, what reconciliation decided, the run and the settlement that pays it and whether the district has paid. Filter by `status`; cursor-paginated.',
  })
  @Get()
  @Roles('provider')
  @Returns(200, providerClaimPage)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listClaimsQuery) query: ListClaimsQuery) {
    return this.claims.list(caller, query);
  }
}
