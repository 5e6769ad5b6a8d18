import { describe, expect, it } from '@jest/globals';
import type { CandidateFacts, RequestFacts } from './facts.js';
import * as fit from './fit-factors.js';
import { candidateFacts, explained, requestFacts } from './test-facts.js';

const countryCoverage = (r: RequestFacts, c: CandidateFacts) => explained(fit.countryCoverage(r, c));
const serviceFit = (r: RequestFacts, c: CandidateFacts) => explained(fit.serviceFit(r, c));
const sectorExperience = (r: RequestFacts, c: CandidateFacts) => explained(fit.sectorExperience(r, c));
const languageFit = (r: RequestFacts, c: CandidateFacts) => explained(fit.languageFit(r, c));

describe('countryCoverage', () => {
  it('averages an office in SA (1.0) and coverage of AE (0.7) to 0.85', () => {
    const result = countryCoverage(requestFacts({ countries: ['SA', 'AE'] }), candidateFacts({ countries: ['AE'], overseasOffices: ['SA'] }));
    expect(result.value).toBeCloseTo(0.85, 12);
    expect(result).toMatchObject({ zh: '在沙特阿拉伯设有办公室；覆盖阿联酋', en: 'Has an office in Saudi Arabia; covers United Arab Emirates' });
  });

  it('says "Has an office in Saudi Arabia" for a sole office there', () => {
    const result = countryCoverage(requestFacts({ countries: ['SA'] }), candidateFacts({ overseasOffices: ['SA'] }));
    expect(result).toEqual({ value: 1, zh: '在沙特阿拉伯设有办公室', en: 'Has an office in Saudi Arabia' });
  });

  it('gives 0.35 for covering one of two targets from afar, and names the one missing', () => {
    const result = countryCoverage(requestFacts({ countries: ['SA', 'OM'] }), candidateFacts({ countries: ['SA', 'DE'] }));
    expect(result.value).toBeCloseTo(0.35, 12);
    expect(result.en).toBe('Covers Saudi Arabia; does not cover Oman');
    expect(result.zh).toBe('覆盖沙特阿拉伯；未覆盖阿曼');
  });

  it('counts a target country listed twice once', () => {
    const result = countryCoverage(requestFacts({ countries: ['SA', 'SA', 'AE'] }), candidateFacts({ countries: ['SA'] }));
    expect(result.value).toBeCloseTo(0.35, 12);
  });

  it('falls back to the country code without a name lookup', () => {
    const result = countryCoverage(
      requestFacts({ countries: ['SA', 'AE', 'OM'], countryName: undefined }),
      candidateFacts({ overseasOffices: ['SA', 'AE', 'OM'] }),
    );
    expect(result).toEqual({ value: 1, zh: '在SA、AE、OM设有办公室', en: 'Has an office in SA, AE and OM' });
  });

  it('gives 0 for covering none of the targets', () => {
    expect(countryCoverage(requestFacts({ countries: ['SA'] }), candidateFacts({ countries: ['DE'] })).value).toBe(0);
  });
});

describe('serviceFit', () => {
  it('offers 2 of the 2 services requested', () => {
    const result = serviceFit(
      requestFacts({ services: ['odi_filing', 'entity_setup'] }),
      candidateFacts({ services: ['entity_setup', 'contracts', 'odi_filing'] }),
    );
    expect(result).toEqual({ value: 1, zh: '提供所需的 2 项服务中的 2 项', en: 'Offers 2 of the 2 services requested' });
  });

  it('gives 0.5 for one of two', () => {
    const result = serviceFit(requestFacts({ services: ['odi_filing', 'audit'] }), candidateFacts({ services: ['audit'] }));
    expect(result.value).toBe(0.5);
    expect(result.en).toBe('Offers 1 of the 2 services requested');
  });

  it('speaks of one service in the singular', () => {
    expect(serviceFit(requestFacts({ services: ['audit'] }), candidateFacts({ services: ['audit'] })).en).toBe('Offers 1 of the 1 service requested');
  });
});

describe('sectorExperience', () => {
  const sector = (wanted: string, listed: string[]) => sectorExperience(requestFacts({ sector: wanted }), candidateFacts({ sectors: listed }));

  it('gives 1.0 for the same division', () => {
    expect(sector('38', ['13', '38'])).toEqual({ value: 1, zh: '具有所需行业（38）的经验', en: 'Experienced in the requested sector (38)' });
  });

  it('gives 0.6 for a sibling division of the same section', () => {
    expect(sector('38', ['36'])).toEqual({
      value: 0.6,
      zh: '具有同一行业门类（C）下行业（36）的经验',
      en: 'Experienced in sector 36, in the same section (C)',
    });
  });

  it('gives 0.6 for a provider that lists the whole section of the requested division', () => {
    expect(sector('38', ['C'])).toEqual({ value: 0.6, zh: '具有同一行业门类（C）的经验', en: 'Experienced in the same sector section (C)' });
  });

  it('gives 1.0 to a section request met by that section, 0.6 when met by one of its divisions', () => {
    expect(sector('C', ['C']).value).toBe(1);
    expect(sector('C', ['38']).value).toBe(0.6);
  });

  it('gives 0 for another section, and for codes the lookup does not know', () => {
    expect(sector('38', ['F', '47'])).toEqual({ value: 0, zh: '无所需行业（38）或同门类的经验', en: 'No experience in sector 38 or its section' });
    expect(sector('ZZ', ['YY']).value).toBe(0);
    expect(sector('38', ['ZZ']).value).toBe(0);
  });
});

describe('languageFit', () => {
  it('matches zh-CN with zh on the primary subtag and gives 0.5 for one of two', () => {
    const result = languageFit(requestFacts({ languages: ['zh-CN', 'ar'] }), candidateFacts({ languages: ['zh', 'en'] }));
    expect(result).toEqual({ value: 0.5, zh: '使用所需 2 种语言中的 1 种（zh）', en: 'Speaks 1 of the 2 languages requested (zh)' });
  });

  it('ignores case and region, and counts zh-CN and zh-TW as one language', () => {
    const result = languageFit(requestFacts({ languages: ['zh-CN', 'zh-TW', 'AR-sa'] }), candidateFacts({ languages: ['ar', 'zh-Hant'] }));
    expect(result.value).toBe(1);
    expect(result.en).toBe('Speaks 2 of the 2 languages requested (zh, ar)');
  });

  it('gives 0 when no requested language is spoken', () => {
    expect(languageFit(requestFacts({ languages: ['ar'] }), candidateFacts({ languages: ['en'] })).value).toBe(0);
  });

  it('gives 1 when the request names no language', () => {
    expect(languageFit(requestFacts({ languages: [] }), candidateFacts()).value).toBe(1);
  });
});
