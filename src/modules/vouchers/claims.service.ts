import { Injectable } from '@nestjs/common';
import { money } from '../../../libs/money/index.js';
import { pay, type Posting } from '../../../libs/ledger/index.js';
import type { CommitmentDecision } from '../../../libs/subsidy/index.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { ProgramRow, SubsidyClaimRow } from '../../db/schema/index.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { ClaimsRepository, type ClaimVerdict } from './claims.repository.js';

export type { SubsidyClaimRow };

/** The normalised invoice key: one invoice of one provider is subsidised once, in any programme. */
export function invoiceKeyOf(providerId: string, invoiceNumber: string): string {
  return `${providerId}:${invoiceNumber.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()}`;
}

/**
 * Each decision's postings, under keys derived from the claim: approved money moves
 * committed → approved, released money committed → available; a rerun posts nothing new.
 */
function postingsOf(claim: SubsidyClaimRow, decision: CommitmentDecision): Posting[] {
  const approved = decision.approvedAmount.amount;
  const released = claim.amount - approved;
  const moves = [
    ...(approved > 0 ? [{ from: 'committed' as const, to: 'approved' as const, amount: approved }] : []),
    ...(released > 0 ? [{ from: 'committed' as const, to: 'available' as const, amount: released }] : []),
  ];
  return moves.length ? [{ idempotencyKey: `claim:${claim.id}:reconcile`, currency: claim.currency, moves }] : [];
}

/** Claims for the reconciliation and settlement jobs (the vouchers module owns them). */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly repo: ClaimsRepository,
    private readonly ledger: LedgerService,
  ) {}

  async recordInvoice(tx: DbOrTx, engagementId: string, providerId: string, invoiceNumber: string): Promise<void> {
    await this.repo.setInvoice(tx, engagementId, invoiceKeyOf(providerId, invoiceNumber));
  }

  countCommitted(programId: string): Promise<number> {
    return this.repo.countCommitted(programId);
  }

  /** The next batch of committed claims after `after`, and which of them were claimed elsewhere first. */
  async batch(tx: Tx, programId: string, after: string | null, limit: number) {
    const claims = await this.repo.committedAfter(tx, programId, after, limit);
    return { claims, claimedElsewhere: await this.repo.claimedElsewhere(tx, claims.map((c) => c.id)) };
  }

  /** Applies a batch of decisions: claims, group usage and ledger, in a few statements. Held claims stay committed. */
  async applyDecisions(tx: Tx, programId: string, settlementId: string, decided: { claim: SubsidyClaimRow; decision: CommitmentDecision }[]): Promise<void> {
    const final = decided.filter(({ decision }) => decision.outcome !== 'held');
    const verdicts: ClaimVerdict[] = final.map(({ claim, decision }) => ({
      claimId: claim.id,
      groupKey: claim.groupKey,
      status: decision.outcome === 'rejected' ? 'rejected' : 'approved',
      approvedAmount: decision.outcome === 'rejected' ? null : decision.approvedAmount.amount,
      released: claim.amount - decision.approvedAmount.amount,
    }));
    await this.repo.applyVerdicts(tx, programId, verdicts, settlementId);
    await this.ledger.postMany(tx, programId, 'reconciliation', final.flatMap(({ claim, decision }) => postingsOf(claim, decision)));
  }

  /** The settlement's lines per payee: its run's approved claims, and any left outside a settlement. */
  async settle(tx: Tx, programId: string, settlementId: string) {
    await this.repo.adoptOrphans(tx, programId, settlementId);
    return this.repo.linesOf(tx, settlementId);
  }

  /** Flags for auditors (not decisions), over the programme's claims: see ClaimsRepository.anomalies. */
  anomalies(tx: Tx, program: ProgramRow) {
    return this.repo.anomalies(tx, program.id, Math.min(program.perVoucherCap, program.perEnterpriseCap));
  }

  /** Per payee (`type:id`), the engagements a settlement pays for. */
  async engagementsOf(settlementId: string): Promise<Map<string, string[]>> {
    const byPayee = new Map<string, string[]>();
    for (const row of await this.repo.engagementsOf(settlementId)) {
      const key = `${row.payeeType}:${row.payeeId}`;
      byPayee.set(key, [...(byPayee.get(key) ?? []), row.engagementId]);
    }
    return byPayee;
  }

  /** The district paid the settlement: its claims are paid, approved → paid in the ledger. */
  async paySettlement(tx: Tx, programId: string, settlementId: string, total: number, currency: string): Promise<void> {
    await this.repo.markPaid(tx, settlementId);
    await this.ledger.post(tx, programId, 'settlement.paid', pay(money(total, currency), `settlement:${settlementId}:pay`));
  }
}
