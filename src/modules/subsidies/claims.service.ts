import { Injectable } from '@nestjs/common';
import { money } from '../../../libs/money/index.js';
import { pay, release } from '../../../libs/ledger/index.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { CreatedAtKeyset } from '../../db/keyset.js';
import type { ClaimStatus, ProgramRow, SubsidyClaimRow } from '../../db/schema/subsidies.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { ClaimsRepository } from './claims.repository.js';
import { ProgramFunders } from './funders.service.js';

export type { SubsidyClaimRow };

/** The normalised invoice key: one invoice of one provider is subsidised once, in any programme. */
export function invoiceKeyOf(providerId: string, invoiceNumber: string): string {
  return `${providerId}:${invoiceNumber.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()}`;
}

/** Claims for the reconciliation and settlement jobs (the vouchers module owns them). */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly repo: ClaimsRepository,
    private readonly ledger: LedgerService,
    private readonly funders: ProgramFunders,
  ) {}

  async recordInvoice(tx: DbOrTx, engagementId: string, providerId: string, invoiceNumber: string): Promise<void> {
    await this.repo.setInvoice(tx, engagementId, invoiceKeyOf(providerId, invoiceNumber));
  }

  /** For the provider's claims page: the claims it redeems, newest first. */
  ofProviderPayee(filter: { providerId: string; status?: ClaimStatus; after?: CreatedAtKeyset }, limit: number): Promise<SubsidyClaimRow[]> {
    return this.repo.ofProviderPayee(filter, limit);
  }

  /** The district whose officer mediates the engagement's disputes (issue 26), if a subsidy is involved. */
  districtOf(engagementId: string): Promise<string | null> {
    return this.repo.districtOf(engagementId);
  }

  countCommitted(programId: string): Promise<number> {
    return this.repo.countCommitted(programId);
  }

  /** Flags for auditors (not decisions), over the programme's claims: see ClaimsRepository.anomalies. */
  anomalies(tx: Tx, program: ProgramRow, sharedInvoices: string[]) {
    return this.repo.anomalies(tx, program.id, Math.min(program.perVoucherCap, program.perEnterpriseCap), sharedInvoices);
  }

  /**
   * The district paid the settlement: approved → paid in the ledger. Its claims are paid with it
   * (a claim is paid when its settlement is; no per-claim update, whatever the settlement's size).
   */
  async paySettlement(tx: Tx, programId: string, settlementId: string, total: number, currency: string): Promise<void> {
    const funderMoves = await this.funders.paySettlement(tx, programId, settlementId);
    await this.ledger.post(tx, programId, 'settlement.paid', {
      ...pay(money(total, currency), `settlement:${settlementId}:pay`),
      ...(funderMoves.length ? { funderMoves } : {}),
    });
  }

  /**
   * An engagement not accepted SUBSIDY_ACCEPTANCE_DAYS after its award (issue 26): its committed
   * subsidy goes back to the programme's available budget — the claim rejected as reconciliation
   * rejects one, committed → available on the ledger under a key of the engagement — once. In the
   * caller's transaction, which holds the engagement. Null when the claim is no longer committed.
   */
  async lapse(tx: Tx, engagementId: string): Promise<SubsidyClaimRow | null> {
    const found = await this.repo.committedOf(tx, engagementId);
    const claim = found && (await this.repo.lockCommittedForLapse(tx, found));
    if (!claim) return null;
    await this.repo.rejectLapsed(tx, claim);
    const posting = release(money(claim.amount, claim.currency), 'committed', `engagement:${engagementId}:subsidy-lapsed`);
    const funderMoves = await this.funders.releaseClaim(tx, claim.programId, claim.id);
    await this.ledger.post(tx, claim.programId, 'engagement.subsidy_lapsed', { ...posting, ...(funderMoves.length ? { funderMoves } : {}) });
    return claim;
  }

  /** The districts with a subsidy claim on the engagement: their officers see its documents and mediate its disputes. */
  districtsOfEngagement(engagementId: string): Promise<string[]> {
    return this.repo.districtsOfEngagement(engagementId);
  }
}
