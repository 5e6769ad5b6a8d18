import { money } from '../../../libs/money/index.js';
import { decideCommitment, providerFailure, type CommitmentDecision, type DisputeState } from '../../../libs/subsidy/index.js';
import type { EngagementRow, PaymentRow, ProgramRow, SubsidyClaimRow } from '../../db/schema/index.js';

export interface Decided {
  claim: SubsidyClaimRow;
  decision: CommitmentDecision;
}

/**
 * The facts of each committed claim, as libs/subsidy's decision table reads them. Refunds are
 * measured against the purchase price; a refund of everything received counts as full.
 */
export function decideBatch(
  program: ProgramRow,
  claims: SubsidyClaimRow[],
  engagements: Map<string, EngagementRow>,
  payments: Map<string, PaymentRow>,
  claimedElsewhere: Set<string>,
): Decided[] {
  return claims.map((claim) => {
    const engagement = engagements.get(claim.engagementId);
    const payment = payments.get(claim.engagementId);
    const m = (amount: number) => money(amount, claim.currency);
    const fullyRefunded = !!payment && payment.received > 0 && payment.refunded >= payment.received;
    const refunded = fullyRefunded ? claim.price : Math.min(payment?.refunded ?? 0, claim.price);
    const dispute: DisputeState = engagement?.disputeStatus ?? 'none';
    const decision = decideCommitment({
      // Recomputing on the net price with the same rate and caps: the committed amount already
      // bounds what the voucher and the group could give at award (see libs/subsidy).
      award: {
        price: m(claim.price),
        rateBps: program.rateBps,
        perVoucherCap: m(program.perVoucherCap),
        perEnterpriseCap: m(program.perEnterpriseCap),
        voucherRemaining: m(claim.amount),
        groupUsed: m(0),
      },
      committed: m(claim.amount),
      cancelled: !engagement || (engagement.status === 'cancelled' && dispute !== 'lost'),
      paidInFull: !!payment && payment.received >= payment.amount,
      accepted: engagement?.acceptedAt != null,
      refunded: m(refunded),
      dispute,
      // The facts the award checked, checked again; claims from before they were kept passed that check.
      providerEligibleAtAward: !claim.eligibility || providerFailure(program, claim.eligibility) === null,
      claimedElsewhere: claimedElsewhere.has(claim.id),
    });
    return { claim, decision };
  });
}
