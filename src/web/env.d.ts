declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
declare module 'element-plus/es/locale/lang/zh-cn.mjs' {
  import type { Language } from 'element-plus/es/locale/index.mjs';
  const language: Language;
  export default language;
}
declare module 'element-plus/es/locale/lang/en.mjs' {
  import type { Language } from 'element-plus/es/locale/index.mjs';
  const language: Language;
  export default language;
}
