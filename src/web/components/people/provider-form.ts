// The provider's profile as a form holds it (text for money and capacity, as typed) and as the
// API takes it (POST /v1/providers, PATCH /v1/providers/{id}). Nothing is checked here: the API's
// problem+json says which field is wrong and why, and each field shows it.
import type { Schemas } from '../../api/client';
import { parseMoney } from '../../lib/format';

export const LANGUAGES = ['zh-CN', 'en', 'ar', 'ru', 'es', 'fr', 'de', 'ja', 'vi', 'th', 'id', 'ms', 'pt', 'hu'];

export interface ProviderForm {
  name: string;
  description: string;
  district: string;
  categories: string[];
  services: string[];
  countries: string[];
  overseasOffices: string[];
  sectors: string[];
  languages: string[];
  min: string;
  max: string;
  capacity: string;
}

export const emptyProviderForm = (): ProviderForm => ({
  name: '',
  description: '',
  district: '',
  categories: [],
  services: [],
  countries: [],
  overseasOffices: [],
  sectors: [],
  languages: ['zh-CN'],
  min: '',
  max: '',
  capacity: '3',
});

export function providerFormOf(p: Schemas['Provider']): ProviderForm {
  return {
    name: p.name,
    description: p.description,
    district: p.district,
    categories: [...p.categories],
    services: [...p.services],
    countries: [...p.countries],
    overseasOffices: [...p.overseasOffices],
    sectors: [...p.sectors],
    languages: [...p.languages],
    min: String(p.priceBand.min.amount / 100),
    max: String(p.priceBand.max.amount / 100),
    capacity: String(p.capacity),
  };
}

/** What the API takes; an amount that is not one (typed "abc") goes as -1, so the API names the field. */
export function providerBodyOf(form: ProviderForm): Schemas['ProviderCreate'] {
  const money = (text: string) => ({ amount: parseMoney(text) ?? -1, currency: 'CNY' });
  return {
    name: form.name,
    description: form.description,
    district: form.district,
    categories: form.categories,
    services: form.services,
    countries: form.countries,
    overseasOffices: form.overseasOffices,
    sectors: form.sectors,
    languages: form.languages,
    priceBand: { min: money(form.min), max: money(form.max) },
    capacity: /^\s*\d+\s*$/.test(form.capacity) ? Number(form.capacity) : -1,
  };
}
