import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, setLocale } from './i18n';
import { router } from './router';
import './ui/base.css';
import './ui/tables.css';

setLocale(i18n.global.locale.value as 'zh-CN' | 'en-US');
createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
