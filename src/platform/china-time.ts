/**
 * Beijing time, the guide's calendar: dates on certificates and lists, "the day after assignment",
 * review years and deadlines are China dates whatever the server's zone. China has no daylight
 * saving, so midnight is a fixed UTC+8 offset.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China calendar day, "2026-11-24" (sortable; for comparisons and month arithmetic). */
export const chinaDay = (d: Date): string => new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The China calendar year. */
export const chinaYear = (d: Date): number => Number(chinaDay(d).slice(0, 4));

/** The instant of 00:00 Beijing time on the day of `d`. */
export const chinaMidnight = (d: Date): Date => new Date(Math.floor((d.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);

/** A date as the guide shows it: "2026/11/24". */
export const chinaDate = (d: Date): string => chinaDay(d).replaceAll('-', '/');

/** Date and time as the guide's lists show them: "2023/05/29 18:19:06". */
export const chinaDateTime = (d: Date): string => {
  const iso = new Date(d.getTime() + OFFSET_MS).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)}`;
};
