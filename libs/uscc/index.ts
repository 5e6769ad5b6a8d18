export { USCC_ALPHABET } from './alphabet.js';
export { usccCheckCharacter } from './check-character.js';
export { isValidUscc, validateUscc, type UsccProblem, type UsccResult } from './validate-uscc.js';
