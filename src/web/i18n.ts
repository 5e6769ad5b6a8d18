import { createI18n } from 'vue-i18n';
import enUS from './locales/en-US.json';
import zhCN from './locales/zh-CN.json';
import { transport } from './api/client';

export type Locale = 'zh-CN' | 'en-US';
const COOKIE = 'seaward_locale';

function chosen(): Locale {
  const match = /(?:^|;\s*)seaward_locale=(zh-CN|en-US)/.exec(globalThis.document?.cookie ?? '');
  return (match?.[1] as Locale | undefined) ?? 'zh-CN';
}

// zh-CN is the source language; en-US has the same keys (test/unit web-locales spec checks it).
export const i18n = createI18n({ legacy: false, locale: chosen(), fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } });

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  transport.locale = locale;
  document.documentElement.lang = locale;
  document.cookie = `${COOKIE}=${locale}; path=/; max-age=31536000; SameSite=Lax`;
}
