// Who a programme serves, in words (its `eligibility`, docs/api.md "Programme eligibility").
import type { Schemas } from '../api/client';
import { find, nameIn, reference } from './reference';

type Translate = (key: string, values?: Record<string, unknown>) => string;

export function whoMayApply(t: Translate, locale: string, program: Schemas['Program']): string[] {
  const e = program.eligibility ?? {};
  const rules: string[] = [t(program.enterpriseRule === 'any' ? 'voucherApply.anyDistrict' : 'voucherApply.inDistrict')];
  if (e.smeOnly) rules.push(t('voucherApply.smeOnly'));
  if (e.sectors?.length) rules.push(t('voucherApply.sectors', { list: e.sectors.join('、') }));
  const places = [
    ...(e.countries ?? []).map((c) => nameIn(locale, find(reference.countries, c), c)),
    ...(e.regions ?? []).map((r) => t(`voucherApply.regions.${r}`)),
  ];
  if (places.length) rules.push(t('voucherApply.places', { list: places.join('、') }));
  if (e.firstVentureOnly) rules.push(t('voucherApply.firstVenture'));
  return rules;
}
