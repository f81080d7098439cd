import type { Lang } from '../i18n/index.js';

/** The product's default zone (Beijing time) when a recipient has not chosen one. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * A time inside an e-mail, SMS or 站内信, in the recipient's chosen zone (spec 02 R8), as the guide
 * shows it: "2025/03/01 09:30:00 GMT+08:00". The layout is the same in both languages; `lang` is
 * kept so a language-specific layout can be added without touching callers. An unknown zone
 * falls back to Beijing time rather than failing a notification.
 */
export function formatForRecipient(date: Date, timeZone: string | null | undefined, _lang: Lang = 'zh-CN'): string {
  let f: Intl.DateTimeFormat;
  try {
    f = formatterFor(timeZone || DEFAULT_TIME_ZONE);
  } catch {
    f = formatterFor(DEFAULT_TIME_ZONE);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(date)) p[part.type] = part.value;
  // 'longOffset' renders UTC as a bare "GMT"; the guide always shows the offset.
  const offset = p.timeZoneName === 'GMT' ? 'GMT+00:00' : p.timeZoneName;
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second} ${offset}`;
}
