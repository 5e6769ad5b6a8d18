export { tuneWeights, type SimplexWeights, type TuneOptions, type TuneResult } from './coordinate-ascent.js';
export { holdOutLatest } from './holdout.js';
