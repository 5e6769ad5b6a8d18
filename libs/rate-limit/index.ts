export { gcra, type GcraDecision } from './gcra.js';
