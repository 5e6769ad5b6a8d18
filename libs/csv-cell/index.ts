export { safeCsvCell, safeCsvRow, type CsvValue } from './csv-cell.js';
