/**
 * The only source of "now" (ARCHITECTURE: Time). Every rule that depends on time
 * (7-day invitations, 3-month cool-downs, expiries) reads it here so tests can
 * set and advance it. In production it follows the system clock.
 */
let offsetMs = 0;
let frozenAt: number | null = null;

export const clock = {
  now(): Date {
    return new Date(clock.nowMs());
  },
  nowMs(): number {
    return frozenAt ?? Date.now() + offsetMs;
  },
  /** Freeze time at `at` (tests). */
  set(at: Date | string): void {
    frozenAt = new Date(at).getTime();
  },
  /** Move time forward (frozen or running). */
  advance(ms: number): void {
    if (frozenAt !== null) frozenAt += ms;
    else offsetMs += ms;
  },
  /** Back to the system clock. */
  reset(): void {
    frozenAt = null;
    offsetMs = 0;
  },
};

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** Calendar-month arithmetic (e.g. "3 months"), clamped to the month's last day. */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}
