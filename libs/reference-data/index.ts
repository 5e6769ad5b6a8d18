export { CATEGORIES, categoryOfService, findCategory, isCategoryCode, isServiceCode } from './categories.js';
export { COUNTRIES, findCountry, isCountryCode } from './countries.js';
export { DISTRICTS, G60_CITY_CODES, cityCode, districtsOfCity, findDistrict, isCityCode, isDistrictCode } from './districts.js';
export { REGIONS, findRegion, isRegionCode } from './regions.js';
export { SECTORS, isSectorCode, sectionOfSector } from './sectors.js';
export type { Category, Country, District, Named, Region, Sector } from './types.js';
