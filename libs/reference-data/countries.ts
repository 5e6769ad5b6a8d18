import { createRequire } from 'node:module';
import countries, { type LocaleData } from 'i18n-iso-countries';
import { deepFreeze } from './freeze.js';
import type { Country } from './types.js';

// JSON through require: it loads the same way under tsc-built Node and under Jest's native ESM.
const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json') as LocaleData);
countries.registerLocale(require('i18n-iso-countries/langs/zh.json') as LocaleData);

/**
 * XK (Kosovo) is a user-assigned code, not an ISO 3166-1 assignment; the package lists it anyway.
 * Everything else it lists is ISO 3166-1 alpha-2 (249 codes).
 */
const NOT_ISO_3166_1 = new Set(['XK']);

/**
 * The package's first English name is the formal one for some countries ("Russian Federation",
 * "Lao People's Democratic Republic"); these are the short names people search for.
 */
const SHORT_EN: Readonly<Record<string, string>> = {
  BN: 'Brunei',
  CI: "Côte d'Ivoire",
  CN: 'China',
  CZ: 'Czechia',
  FM: 'Micronesia',
  GM: 'Gambia',
  IR: 'Iran',
  LA: 'Laos',
  MD: 'Moldova',
  MK: 'North Macedonia',
  PS: 'Palestine',
  RU: 'Russia',
  SY: 'Syria',
  TZ: 'Tanzania',
  US: 'United States',
  VA: 'Vatican City',
  VG: 'British Virgin Islands',
  VI: 'U.S. Virgin Islands',
};

// The package's zh name for EH is that of the Sahrawi Arab Democratic Republic, not the territory.
const ZH_FIXES: Readonly<Record<string, string>> = { EH: '西撒哈拉' };

function buildCountries(): Country[] {
  const en = countries.getNames('en', { select: 'official' });
  const zh = countries.getNames('zh', { select: 'official' });
  return Object.keys(countries.getAlpha2Codes())
    .filter((code) => !NOT_ISO_3166_1.has(code))
    .sort()
    .map((code) => ({
      code,
      nameEn: SHORT_EN[code] ?? en[code] ?? '',
      nameZh: ZH_FIXES[code] ?? zh[code] ?? '',
    }));
}

/** ISO 3166-1 alpha-2, sorted by code, with English and Chinese names. */
export const COUNTRIES: readonly Country[] = deepFreeze(buildCountries());

const COUNTRY_BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.code, c]));

/** Exact upper-case alpha-2 only: 'SA' is found, 'sa' is not. */
export function findCountry(code: string): Country | undefined {
  return COUNTRY_BY_CODE.get(code);
}

export function isCountryCode(code: string): boolean {
  return COUNTRY_BY_CODE.has(code);
}
