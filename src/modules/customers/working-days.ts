/**
 * 工作日 arithmetic for the "审核将在4个工作日内完成" rule (guide 8172). Days are counted in China
 * time (UTC+8, the guide's GMT+08:00); Saturday and Sunday are not working days. Public holidays and
 * the swapped weekend days (调休) are not modelled: the vendor publishes them yearly and the guide names
 * none, so a holiday week gives a due date a few days early, never late.
 * (A general helper: it belongs in platform/clock once a second module needs it.)
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

const chinaWeekday = (ms: number) => new Date(ms + CHINA_OFFSET_MS).getUTCDay(); // 0 Sunday … 6 Saturday
export const isWorkingDay = (d: Date) => {
  const w = chinaWeekday(d.getTime());
  return w !== 0 && w !== 6;
};

/** `n` working days after `from`, at the same time of day; a start on a weekend counts from Monday. */
export function addWorkingDays(from: Date, n: number): Date {
  let ms = from.getTime();
  let left = n;
  while (left > 0) {
    ms += DAY;
    if (isWorkingDay(new Date(ms))) left--;
  }
  return new Date(ms);
}
