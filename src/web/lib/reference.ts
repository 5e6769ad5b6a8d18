// The reference lists (categories, countries, sectors, districts), loaded once and named in the page's language.
import { reactive } from 'vue';
import { api, ok, type Schemas } from '../api/client';

export const reference = reactive({
  loaded: false,
  categories: [] as Schemas['Category'][],
  countries: [] as Schemas['Country'][],
  sectors: [] as Schemas['Sector'][],
  districts: [] as Schemas['District'][],
});

let loading: Promise<void> | null = null;
export function loadReference(): Promise<void> {
  loading ??= Promise.all([
    ok(api.GET('/v1/reference/categories')),
    ok(api.GET('/v1/reference/countries')),
    ok(api.GET('/v1/reference/sectors')),
    ok(api.GET('/v1/reference/districts')),
  ]).then(([categories, countries, sectors, districts]) => {
    Object.assign(reference, { loaded: true, categories: categories.data, countries: countries.data, sectors: sectors.data, districts: districts.data });
  });
  return loading;
}

type Named = { code: string; nameZh: string; nameEn: string };
export const nameIn = (locale: string, item: Named | undefined, code: string): string => (item ? (locale === 'en-US' ? item.nameEn : item.nameZh) : code);
export const find = <T extends Named>(list: T[], code: string): T | undefined => list.find((x) => x.code === code);
export function serviceName(locale: string, code: string): string {
  for (const c of reference.categories) {
    const s = c.services.find((x) => x.code === code);
    if (s) return nameIn(locale, s, code);
  }
  return code;
}
