import 'i18next';
import type zhCN from './zh-CN';

// Typed keys: t('org.createMember') is checked at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
