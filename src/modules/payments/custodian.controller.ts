import { Controller, Get, HttpCode, Post, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { Returns, UuidParam, ValidBody } from '../../common/openapi/api-schema.js';
import {
  bankAccountBody,
  bankAccountView,
  payoutBatchView,
  statementBody,
  statementResult,
  type BankAccountBody,
  type StatementBody,
} from './custodian.schemas.js';
import { CustodianService } from './custodian.service.js';

/** The bank rail of escrow: providers' bank accounts, the custodian statement, payout batch files. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1')
export class CustodianController {
  constructor(private readonly custodian: CustodianService) {}

  @ApiOperation({
    summary: "Record the provider's bank account",
    description: 'Where bank payouts of released milestones go: bank, account name, account number, and a CNAPS or SWIFT code.',
  })
  @ApiProblems('not_found')
  @Put('providers/:id/bank-account')
  @Roles('provider', 'admin')
  @Returns(200, bankAccountView)
  setBankAccount(@CurrentCaller() caller: Caller, @UuidParam() id: string, @ValidBody(bankAccountBody) body: BankAccountBody) {
    return this.custodian.setBankAccount(caller, id, body);
  }

  @ApiOperation({ summary: "Get the provider's bank account" })
  @ApiProblems('not_found')
  @Get('providers/:id/bank-account')
  @Roles('provider', 'admin')
  @Returns(200, bankAccountView)
  bankAccount(@CurrentCaller() caller: Caller, @UuidParam() id: string) {
    return this.custodian.bankAccount(caller, id);
  }

  @ApiOperation({
    summary: 'Import a custodian bank statement',
    description:
      "Each credit once by the bank's transaction id: one quoting an engagement's reference with a pending bank milestone's exact due funds that milestone.",
  })
  @ApiProblems('validation_failed')
  @Post('custodian/statements')
  @HttpCode(200)
  @Roles('admin')
  @Returns(200, statementResult)
  importStatement(@CurrentCaller() caller: Caller, @ValidBody(statementBody) body: StatementBody) {
    return this.custodian.importStatement(caller, body.csv);
  }

  @ApiOperation({ summary: 'Create a payout batch', description: 'Files every bank payout and refund instruction not yet in a batch whose payee is known.' })
  @Post('payout-batches')
  @HttpCode(201)
  @Roles('admin')
  @Returns(201, payoutBatchView)
  createBatch(@CurrentCaller() caller: Caller) {
    return this.custodian.createBatch(caller);
  }

  @ApiOperation({
    summary: 'Download a payout batch file',
    description: 'The batch as CSV for the custodian bank (UTF-8 with BOM), one instruction per row, amounts in major units.',
  })
  @ApiProblems('not_found')
  @ApiProduces('text/csv')
  @Get('payout-batches/:id/file')
  @Roles('admin')
  async batchFile(@UuidParam() id: string, @Res({ passthrough: true }) res: Response) {
    const csv = await this.custodian.batchFile(id);
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="payout-batch-${id}.csv"`);
    return new StreamableFile(Buffer.from(csv, 'utf8'));
  }
}
