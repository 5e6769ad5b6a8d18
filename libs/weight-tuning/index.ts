export { tuneWeights, type SimplexWeights, type TuneOptions, type TuneResult } from './coordinate-ascent.js';
export { holdOutLatest } from './holdout.js';
export { awardWeight, learnFromAwards, type AwardCase, type LearnOptions, type LearnResult } from './learn-from-awards.js';
export { proposeWeights, type Proposal, type ProposalOptions, type RecordedAward } from './propose.js';
