import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, schemaRef, UuidParam, ValidQuery } from '../../common/openapi/api-schema.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { SchemaPipe } from '../../common/validation/schema.pipe.js';
import { VouchersService } from './vouchers.service.js';
import { listVouchersQuery, revokeVoucherBody, voucherList, voucherView, type ListVouchersQuery, type RevokeVoucherBody } from './vouchers.schemas.js';

@ApiTags('vouchers')
@ApiBearerAuth()
@Controller('v1/vouchers')
export class VouchersController {
  constructor(private readonly vouchers: VouchersService) {}

  @ApiOperation({
    summary: 'List vouchers',
    description: "An enterprise sees its own; an officer those of its district's programmes (`programId`, `status`, `enterpriseId` filter). Cursor-paginated.",
  })
  @Get()
  @Roles('enterprise', 'district_officer', 'city_coordinator', 'admin')
  @Returns(200, voucherList)
  list(@CurrentCaller() caller: Caller, @ValidQuery(listVouchersQuery) query: ListVouchersQuery) {
    return this.vouchers.list(caller, query);
  }

  @ApiOperation({ summary: 'Get a voucher', description: "Its amount, what remains, status and validity; for its enterprise and the programme's officers." })
  @ApiProblems('not_found')
  @Get(':id')
  @Roles('enterprise', 'district_officer', 'city_coordinator', 'admin')
  @Returns(200, voucherView)
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.vouchers.get(caller, id);
  }

  @ApiOperation({
    summary: 'Revoke a voucher',
    description:
      "What remains of an `active` voucher returns to the programme's available budget; the optional reason is audited. Subsidy already committed to an award stays.",
  })
  @ApiProblems('not_found', 'conflict')
  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('district_officer', 'admin')
  @Returns(200, voucherView)
  @ApiBody({ schema: schemaRef(revokeVoucherBody), required: false })
  revoke(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    // The body is optional (the contract's revoke took none); a reason, when given, is audited.
    @Body(new SchemaPipe(revokeVoucherBody.optional())) body: RevokeVoucherBody | undefined,
  ) {
    return this.vouchers.revoke(caller, id, body?.reason);
  }
}
