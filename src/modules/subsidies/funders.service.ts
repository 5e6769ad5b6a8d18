import { Injectable } from '@nestjs/common';
import { approvedShares, funderMoves, splitByShares, type FunderMove, type FunderShare } from '../../../libs/ledger/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { coordinatorOf, officerOf } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { ProgramFunderRow, ProgramRow } from '../../db/schema/subsidies.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { FundersRepository } from './funders.repository.js';
import { VouchersRepository } from './vouchers.repository.js';

const sharesOf = (funders: readonly ProgramFunderRow[]): FunderShare[] => funders.map((f) => ({ funder: f.funder, shareBps: f.shareBps }));

/**
 * Co-funded programmes (issue 28): each claim is split by the funders' shares (libs/ledger
 * splitByShares) and each part is booked in its funder's accounts with the programme's own
 * posting, so a funder's budget binds at commit like the programme's does at issue.
 */
@Injectable()
export class ProgramFunders {
  constructor(
    private readonly repo: FundersRepository,
    private readonly vouchers: VouchersRepository,
    private readonly ledger: LedgerService,
  ) {}

  fundersOf(programIds: string[], tx?: DbOrTx): Promise<Map<string, ProgramFunderRow[]>> {
    return this.repo.fundersOf(programIds, tx);
  }

  /** Records the funders and opens and funds their accounts; nothing for a programme its district funds alone. */
  async open(tx: Tx, program: ProgramRow, funders: readonly { district: string; shareBps: number; budget: { amount: number } }[]): Promise<FunderMove[]> {
    await this.repo.insertFunders(
      tx,
      funders.map((f, position) => ({ programId: program.id, funder: f.district, position, shareBps: f.shareBps, budget: f.budget.amount })),
    );
    if (funders.length > 0)
      await this.ledger.openFunders(
        tx,
        program.id,
        funders.map((f) => f.district),
        program.currency,
      );
    return funders.map((f) => ({ funder: f.district, from: 'budget', to: 'available', amount: f.budget.amount }));
  }

  /** A claim's parts, recorded; the moves that commit them (none for a programme without funders). */
  async commitClaim(tx: Tx, programId: string, claimId: string, amount: number): Promise<FunderMove[]> {
    const funders = (await this.repo.fundersOf([programId], tx)).get(programId) ?? [];
    if (funders.length === 0) return [];
    const parts = splitByShares(amount, sharesOf(funders));
    await this.repo.insertShares(
      tx,
      [...parts].map(([funder, committed]) => ({ claimId, programId, funder, committed })),
    );
    return funderMoves(parts, 'available', 'committed');
  }

  /**
   * After a reconciliation batch: each decided claim's approved parts (libs/ledger approvedShares,
   * rejected claims approve nothing) recorded, and what the batch moves in each funder's accounts.
   * Funder by funder in their order, the release (available, committed) before the approval: the
   * rows are locked at commit in the order an award locks them, so the two cannot deadlock.
   */
  async decideBatch(tx: Tx, program: ProgramRow): Promise<FunderMove[]> {
    const funders = (await this.repo.fundersOf([program.id], tx)).get(program.id) ?? [];
    if (funders.length === 0) return [];
    const byClaim = new Map<string, { committed: Map<string, number>; approved: number }>();
    for (const s of await this.repo.undecidedShares(tx, program.id)) {
      const claim = byClaim.get(s.claimId) ?? { committed: new Map<string, number>(), approved: s.claimApproved };
      claim.committed.set(s.funder, s.committed);
      byClaim.set(s.claimId, claim);
    }
    const approvedTotal = new Map<string, number>();
    const releasedTotal = new Map<string, number>();
    const parts: { claimId: string; funder: string; approved: number }[] = [];
    for (const [claimId, claim] of byClaim) {
      for (const [funder, approved] of approvedShares(claim.committed, claim.approved, sharesOf(funders))) {
        parts.push({ claimId, funder, approved });
        approvedTotal.set(funder, (approvedTotal.get(funder) ?? 0) + approved);
        releasedTotal.set(funder, (releasedTotal.get(funder) ?? 0) + claim.committed.get(funder)! - approved);
      }
    }
    await this.repo.setApproved(tx, parts);
    return funders.flatMap(({ funder }) => [
      ...funderMoves(new Map([[funder, releasedTotal.get(funder) ?? 0]]), 'committed', 'available'),
      ...funderMoves(new Map([[funder, approvedTotal.get(funder) ?? 0]]), 'committed', 'approved'),
    ]);
  }

  /** A claim rejected outside reconciliation (a lapsed subsidy): its parts approve nothing and go back, in the funders' order. */
  async releaseClaim(tx: Tx, programId: string, claimId: string): Promise<FunderMove[]> {
    const funders = (await this.repo.fundersOf([programId], tx)).get(programId) ?? [];
    if (funders.length === 0) return [];
    const parts = new Map((await this.repo.undecidedSharesOf(tx, claimId)).map((s) => [s.funder, s.committed]));
    await this.repo.setApproved(
      tx,
      [...parts.keys()].map((funder) => ({ claimId, funder, approved: 0 })),
    );
    return funderMoves(new Map(funders.filter((f) => parts.has(f.funder)).map((f) => [f.funder, parts.get(f.funder)!])), 'committed', 'available');
  }

  /** A confirmed settlement: each funder's approved parts of its claims move to paid. */
  async paySettlement(tx: Tx, programId: string, settlementId: string): Promise<FunderMove[]> {
    const funders = (await this.repo.fundersOf([programId], tx)).get(programId) ?? [];
    if (funders.length === 0) return [];
    return funderMoves(await this.repo.settlementTotals(tx, settlementId), 'approved', 'paid');
  }

  /**
   * The funders and their figures: all of them for the programme's officers, its city's
   * coordinators and admins; a funder's own officers (and its city's coordinators) see its part
   * only; anyone else 404.
   */
  async view(caller: Caller, programId: string) {
    const program = await this.vouchers.findProgram(programId);
    const funders = program ? ((await this.repo.fundersOf([programId])).get(programId) ?? []) : [];
    if (!program || funders.length === 0) throw new DomainError('not_found');
    const seesAll = officerOf(caller, program.district) || coordinatorOf(caller, program.district);
    const visible = seesAll ? funders : funders.filter((f) => officerOf(caller, f.funder) || coordinatorOf(caller, f.funder));
    if (visible.length === 0) throw new DomainError('not_found');
    const ledgers = await this.ledger.funderViews(programId);
    const money = (amount: number) => ({ amount, currency: program.currency });
    return {
      programId,
      funders: visible.map((f) => ({ district: f.funder, shareBps: f.shareBps, budget: money(f.budget), ledger: ledgers.get(f.funder)! })),
    };
  }

  /** A settlement's lines for one funder: its officers, or those who manage the programme. */
  async settlementLines(caller: Caller, program: ProgramRow, settlementId: string, funder: string) {
    await this.requireReader(caller, program, funder);
    return this.repo.funderLines(settlementId, funder);
  }

  /** The funder's part of each of these settlements (the caller checked with requireReader). */
  settlementTotals(settlementIds: string[], funder: string): Promise<Map<string, number>> {
    return this.repo.funderTotals(settlementIds, funder);
  }

  /** 404 unless the funder is one of the programme's and the caller manages the programme or acts for the funder. */
  async requireReader(caller: Caller, program: ProgramRow, funder: string): Promise<void> {
    const funders = (await this.repo.fundersOf([program.id])).get(program.id) ?? [];
    const listed = funders.some((f) => f.funder === funder);
    const allowed = officerOf(caller, program.district) || (listed && officerOf(caller, funder));
    if (!listed || !allowed) throw new DomainError('not_found');
  }
}
