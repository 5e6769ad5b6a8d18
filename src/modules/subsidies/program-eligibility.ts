import { Injectable } from '@nestjs/common';
import { checkEligibility, hasEnterpriseRules, type TargetFacts } from '../../../libs/eligibility/index.js';
import { findRegion, sectionOfSector } from '../../../libs/reference-data/index.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { DbOrTx } from '../../db/database.js';
import type { ProgramRow } from '../../db/schema/subsidies.js';
import { EnterpriseFactsReadModel } from './enterprise-facts.read-model.js';

const LOOKUPS = { sectionOf: sectionOfSector, regionCountries: (code: string) => findRegion(code)?.countries ?? [] };

/** The programme's eligibility rules (libs/eligibility), checked on every issue, application and award. */
@Injectable()
export class ProgramEligibility {
  constructor(private readonly facts: EnterpriseFactsReadModel) {}

  /** Throws 409 `enterprise_not_eligible` naming the rule; an unknown enterprise is left to the caller's own check. */
  async require(program: ProgramRow, enterpriseId: string, target: TargetFacts, options: { engagementId?: string; tx?: DbOrTx } = {}): Promise<void> {
    if (!hasEnterpriseRules(program.eligibility)) return;
    const enterprise = await this.facts.of(enterpriseId, options.engagementId ?? null, options.tx);
    if (!enterprise) return;
    const verdict = checkEligibility(program.eligibility, enterprise, target, LOOKUPS);
    if (!verdict.ok) throw new DomainError('enterprise_not_eligible', `Rule ${verdict.rule}: ${verdict.reason}`);
  }
}
