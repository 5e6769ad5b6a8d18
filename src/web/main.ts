import { localeContextKey } from 'element-plus/es/hooks/use-locale/index.mjs';
import en from 'element-plus/es/locale/lang/en.mjs';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import { createPinia } from 'pinia';
import { computed, createApp } from 'vue';
import App from './App.vue';
import { i18n, setLocale } from './i18n';
import { router } from './router';
import './ui/base.css';
import './ui/tables.css';

setLocale(i18n.global.locale.value as 'zh-CN' | 'en-US');
const app = createApp(App).use(createPinia()).use(i18n).use(router);
// Element Plus's own words (empty lists, select hints) in the page's language: what
// <el-config-provider> would give, without putting the config provider in the first load.
app.provide(
  localeContextKey,
  computed(() => (i18n.global.locale.value === 'en-US' ? en : zhCn)),
);
app.mount('#app');
