import { DAY_MS, HOUR_MS } from '../../platform/clock.js';

/**
 * Billing time is Beijing time (UTC+8, no daylight saving): 账期 are natural months and 95-peak days are
 * calendar days there (guide C6 shows GMT+08:00). A fixed offset is exact and works the same on PGlite.
 */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;
export const SLOTS_PER_DAY = 288; // five-minute samples per day
export const SLOT_MS = 5 * 60 * 1000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Beijing calendar date of an instant: "2024-07-26". */
export function chinaDate(d: Date): string {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS);
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`;
}

/** 账期 (first day of the Beijing month) of an instant: "2024-07-01". */
export function billMonthOf(d: Date): string {
  return `${chinaDate(d).slice(0, 7)}-01`;
}

/** The instant a Beijing date ("2024-07-26") begins. */
export function chinaMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - CHINA_OFFSET_MS);
}

/** "YYYY-MM" or "YYYY-MM-01" → [start, end) instants and the number of days. */
export function monthRange(month: string): { start: Date; end: Date; days: number; key: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS);
  const end = new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS);
  return { start, end, days: Math.round((end.getTime() - start.getTime()) / DAY_MS), key: `${y}-${pad(m)}` };
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** A Beijing date plus whole days. */
export function addChinaDays(date: string, days: number): string {
  return chinaDate(new Date(chinaMidnight(date).getTime() + days * DAY_MS));
}

/** A Beijing date plus calendar months, clamped to the month's last day (01-31 + 1 month = 02-28/29). */
export function addChinaMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}-${pad(Math.min(d, last))}`;
}

/**
 * End of a 包年/包月 period (exclusive): a period bought at `from` for n months ends after the Beijing day
 * that is n months later (bought 2024-07-26 09:15 for 1 month → valid through 2024-08-26 23:59:59).
 * A renewal continues from the previous end, so `from` is then a Beijing midnight and the last day is the
 * day before it plus n months.
 */
export function periodEnd(from: Date, periodType: 'month' | 'year', periodNum: number, continuing = false): Date {
  const months = periodType === 'year' ? periodNum * 12 : periodNum;
  const anchor = continuing ? addChinaDays(chinaDate(from), -1) : chinaDate(from);
  return chinaMidnight(addChinaDays(addChinaMonths(anchor, months), 1));
}

/** Start of the hour an instant falls in (usage records are hourly). */
export function hourStart(d: Date): Date {
  return new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
}
