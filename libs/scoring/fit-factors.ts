import type { CandidateFacts, FactorResult, RequestFacts } from './facts.js';
import { countryNames, fixed, listEn, listZh, plural, unique } from './text.js';

/** A target country covered from an office scores fully; served from afar, less. */
export const OFFICE_VALUE = 1;
export const COVERED_VALUE = 0.7;

/** Same GB/T 4754 division (or the very code requested) beats the same section. */
export const SAME_SECTOR_VALUE = 1;
export const SAME_SECTION_VALUE = 0.6;

/** Mean over target countries of 1.0 with an office there, 0.7 if served, 0 otherwise. */
export function countryCoverage(request: RequestFacts, candidate: CandidateFacts): FactorResult {
  const targets = unique(request.countries);
  if (targets.length === 0) return fixed(1, '未指定目标国家', 'No target countries specified');
  const offices = new Set(candidate.overseasOffices);
  const served = new Set(candidate.countries);
  const withOffice = targets.filter((c) => offices.has(c));
  const coveredOnly = targets.filter((c) => !offices.has(c) && served.has(c));
  const missing = targets.filter((c) => !offices.has(c) && !served.has(c));
  const value = (withOffice.length * OFFICE_VALUE + coveredOnly.length * COVERED_VALUE) / targets.length;

  const explain = () => {
    const zh: string[] = [];
    const en: string[] = [];
    if (withOffice.length > 0) {
      const names = countryNames(request, withOffice);
      zh.push(`在${listZh(names.zh)}设有办公室`);
      en.push(`Has an office in ${listEn(names.en)}`);
    }
    if (coveredOnly.length > 0) {
      const names = countryNames(request, coveredOnly);
      zh.push(`覆盖${listZh(names.zh)}`);
      en.push(`${en.length > 0 ? 'covers' : 'Covers'} ${listEn(names.en)}`);
    }
    if (missing.length > 0) {
      const names = countryNames(request, missing);
      zh.push(`未覆盖${listZh(names.zh)}`);
      en.push(`${en.length > 0 ? 'does not cover' : 'Does not cover'} ${listEn(names.en)}`);
    }
    return { zh: zh.join('；'), en: en.join('; ') };
  };
  return { value, explain };
}

/** Share of the requested services the provider offers. */
export function serviceFit(request: RequestFacts, candidate: CandidateFacts): FactorResult {
  const wanted = unique(request.services);
  if (wanted.length === 0) return fixed(1, '未指定具体服务', 'No specific services requested');
  const offered = new Set(candidate.services);
  const matched = wanted.filter((s) => offered.has(s)).length;
  return {
    value: matched / wanted.length,
    explain: () => ({
      zh: `提供所需的 ${wanted.length} 项服务中的 ${matched} 项`,
      en: `Offers ${matched} of the ${plural(wanted.length, 'service', 'services')} requested`,
    }),
  };
}

/**
 * 1.0 when the provider lists the code requested, 0.6 when it lists any code of the same section
 * (a sibling division, the section itself, or, for a section request, a division within it),
 * 0 otherwise. So a section request is fully met only by a provider listing that section:
 * listing one of its divisions is narrower experience than asked for.
 */
export function sectorExperience(request: RequestFacts, candidate: CandidateFacts): FactorResult {
  const wanted = request.sector;
  if (candidate.sectors.includes(wanted)) {
    return fixed(SAME_SECTOR_VALUE, `具有所需行业（${wanted}）的经验`, `Experienced in the requested sector (${wanted})`);
  }
  const section = request.sectionOf(wanted);
  const near = section === undefined ? undefined : candidate.sectors.find((s) => request.sectionOf(s) === section);
  if (section === undefined || near === undefined) {
    return fixed(0, `无所需行业（${wanted}）或同门类的经验`, `No experience in sector ${wanted} or its section`);
  }
  return near === section
    ? fixed(SAME_SECTION_VALUE, `具有同一行业门类（${section}）的经验`, `Experienced in the same sector section (${section})`)
    : fixed(SAME_SECTION_VALUE, `具有同一行业门类（${section}）下行业（${near}）的经验`, `Experienced in sector ${near}, in the same section (${section})`);
}

/** 'zh-CN' and 'zh-Hant' both speak 'zh': BCP 47's primary language subtag. */
function primaryLanguage(tag: string): string {
  const dash = tag.indexOf('-');
  return (dash === -1 ? tag : tag.slice(0, dash)).toLowerCase();
}

/** Share of the requested languages the provider speaks. */
export function languageFit(request: RequestFacts, candidate: CandidateFacts): FactorResult {
  const wanted = unique(request.languages.map(primaryLanguage));
  if (wanted.length === 0) return fixed(1, '未指定语言', 'No languages specified');
  const spoken = new Set(candidate.languages.map(primaryLanguage));
  const matched = wanted.filter((l) => spoken.has(l));
  return {
    value: matched.length / wanted.length,
    explain: () => ({
      zh: `使用所需 ${wanted.length} 种语言中的 ${matched.length} 种${matched.length > 0 ? `（${listZh(matched)}）` : ''}`,
      en: `Speaks ${matched.length} of the ${plural(wanted.length, 'language', 'languages')} requested${matched.length > 0 ? ` (${matched.join(', ')})` : ''}`,
    }),
  };
}
