/**
 * Bilingual text. Messages live beside the code that raises or shows them, as
 * `{ zh, en }` pairs, so a rule and its wording are one place. zh-CN is the default.
 */
export type Lang = 'zh-CN' | 'en-US';
export type Text = { zh: string; en: string };

export const DEFAULT_LANG: Lang = 'zh-CN';

export function pickLang(header: string | undefined | null): Lang {
  if (!header) return DEFAULT_LANG;
  const h = header.toLowerCase();
  // Accept-Language "en", "en-US,en;q=0.9" or our own "en-US" cookie value.
  const first = h.split(',')[0]?.trim() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

/** Render a text in a language, filling {name} placeholders. */
export function render(text: Text, lang: Lang, params?: Record<string, unknown>): string {
  const s = lang === 'en-US' ? text.en : text.zh;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in params)) return m;
    const v = params[k];
    if (v && typeof v === 'object' && 'zh' in v && 'en' in v) return lang === 'en-US' ? (v as Text).en : (v as Text).zh;
    return String(v);
  });
}
