import { z } from 'zod';
import { FACTORS } from '../../../libs/scoring/index.js';
import { PROPOSAL_STATUSES } from '../../db/schema/matching.js';

const metrics = z.object({ ndcgAt10: z.number().nullable(), mrr: z.number().nullable() });

export const proposalView = z
  .object({
    id: z.uuid(),
    allianceId: z.uuid(),
    status: z.enum(PROPOSAL_STATUSES).describe('insufficient: too few awards, no weights (see reason)'),
    weights: z.partialRecord(z.enum(FACTORS), z.number()).nullable().describe('the learned weights, summing to 1'),
    awards: z.number().int().describe('awarded requests of the districts with a stored ranking'),
    trainedOn: z.number().int(),
    heldOut: z.number().int().describe('the latest requests, left out of learning and replayed under both weight sets'),
    holdout: z
      .object({ current: metrics, proposed: metrics })
      .nullable()
      .describe('NDCG@10 and MRR of the awarded provider on the held-out requests, under the current and the proposed weights'),
    holdsUp: z.boolean().describe('at least as good as the current weights on the held-out requests'),
    reason: z.string().nullable(),
    halfLifeDays: z.number(),
    createdAt: z.iso.datetime(),
    appliedAt: z.iso.datetime().nullable(),
    appliedBy: z.string().nullable(),
    rolledBackAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'MatchWeightProposal' });
export type ProposalView = z.infer<typeof proposalView>;
export const proposalList = z.object({ data: z.array(proposalView), nextCursor: z.null() }).meta({ id: 'MatchWeightProposalList' });

export const learningBody = z
  .strictObject({ autoApply: z.boolean().describe('apply a proposal by itself when it holds up on the hold-out and does better there') })
  .meta({ id: 'MatchWeightLearningSet' });
export type LearningBody = z.infer<typeof learningBody>;
export const learningView = z
  .object({
    allianceId: z.uuid(),
    autoApply: z.boolean(),
    halfLifeDays: z.number().describe('MATCH_LEARNING_HALF_LIFE_DAYS: an award this old counts half'),
    minAwards: z.number().int().describe('MATCH_LEARNING_MIN_AWARDS'),
    everyHours: z.number().describe('MATCH_LEARNING_EVERY_MS, in hours'),
  })
  .meta({ id: 'MatchWeightLearning' });
