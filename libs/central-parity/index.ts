export { parseCentralParity, csvRows, type ParityRate, type ParityProblem, type SheetRow } from './central-parity.js';
