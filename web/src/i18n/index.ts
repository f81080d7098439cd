import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN';
import enUS from './en-US';
import { setApiLanguage } from '../api/client';

export type Lang = 'zh-CN' | 'en-US';
export const LANG_COOKIE = 'pc_lang';

/** The UI language lives in the `pc_lang` cookie so the server renders messages to match. */
export function readLangCookie(): Lang {
  const match = document.cookie.match(/(?:^|;\s*)pc_lang=([^;]+)/);
  const value = match ? decodeURIComponent(match[1]!) : '';
  return value.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

export function writeLangCookie(lang: Lang): void {
  document.cookie = `${LANG_COOKIE}=${encodeURIComponent(lang)}; path=/; max-age=31536000; samesite=lax`;
}

const initial = readLangCookie();
setApiLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  setApiLanguage(lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = initial;

export function changeLanguage(lang: Lang): void {
  writeLangCookie(lang);
  void i18n.changeLanguage(lang);
}

export const isEnglish = () => i18n.language === 'en-US';
/** Pick the text of a bilingual `{ zh, en }` node from the server. */
export const pickText = (node: { zh: string; en: string }) => (isEnglish() ? node.en : node.zh);

export default i18n;
