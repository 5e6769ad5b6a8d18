import { createI18n } from 'vue-i18n';
import type zhCN from './locales/zh-CN.json';
import { transport } from './api/client';

export type Locale = 'zh-CN' | 'en-US';
const COOKIE = 'seaward_locale';

function chosen(): Locale {
  const match = /(?:^|;\s*)seaward_locale=(zh-CN|en-US)/.exec(globalThis.document?.cookie ?? '');
  return (match?.[1] as Locale | undefined) ?? 'zh-CN';
}

type Messages = typeof zhCN;
// One file per language and area (`zh-CN.json`, `desk.zh-CN.json`, …), so each part of the app
// owns its messages; the areas' top-level keys must not overlap (locales.spec.ts checks it).
const files = import.meta.glob<Partial<Messages>>('./locales/*.json', { eager: true, import: 'default' });
const messagesOf = (locale: Locale): Messages =>
  Object.assign(
    {},
    ...Object.entries(files)
      .filter(([path]) => path.endsWith(`${locale}.json`))
      .map(([, messages]) => messages),
  ) as Messages;

// zh-CN is the source language; en-US has the same keys (locales.spec.ts checks it).
export const i18n = createI18n({
  legacy: false,
  locale: chosen(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': messagesOf('zh-CN'), 'en-US': messagesOf('en-US') },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  transport.locale = locale;
  document.documentElement.lang = locale;
  document.cookie = `${COOKIE}=${locale}; path=/; max-age=31536000; SameSite=Lax`;
}
