export { CATEGORIES, categoryOfService, findCategory, isCategoryCode, isServiceCode } from './categories.js';
export { COUNTRIES, findCountry, isCountryCode } from './countries.js';
export { DISTRICTS, G60_CITY_CODES, findDistrict, isDistrictCode } from './districts.js';
export { SECTORS, isSectorCode, sectionOfSector } from './sectors.js';
export type { Category, Country, District, Named, Sector } from './types.js';
