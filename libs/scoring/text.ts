import type { FactorResult, RequestFacts } from './facts.js';

/** 'A', 'A and B', 'A, B and C'. */
export function listEn(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function listZh(items: readonly string[]): string {
  return items.join('、');
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A share as a whole percentage; a partial share never shows as 0% or 100%. */
export function percent(share: number): string {
  const whole = Math.round(share * 100);
  return `${share > 0 && share < 1 ? Math.min(99, Math.max(1, whole)) : whole}%`;
}

/** At most one decimal, without a trailing '.0'. */
export function decimal(x: number): string {
  return String(Math.round(x * 10) / 10);
}

export function countryNames(request: RequestFacts, codes: readonly string[]): { zh: string[]; en: string[] } {
  const found = codes.map((code) => request.countryName?.(code));
  return {
    zh: found.map((c, i) => c?.nameZh || codes[i]!),
    en: found.map((c, i) => c?.nameEn || codes[i]!),
  };
}

export function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** A factor result whose explanation needs no work. */
export function fixed(value: number, zh: string, en: string): FactorResult {
  return { value, explain: () => ({ zh, en }) };
}
