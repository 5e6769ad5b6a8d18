export { searchDocument, searchQuery } from './search-text.js';
