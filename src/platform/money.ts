import { Decimal } from 'decimal.js';

/**
 * Exact money. Amounts are decimal strings on the wire and NUMERIC in the database;
 * in code they are Decimal values, never JS numbers.
 *
 * Rules (written down once, used everywhere):
 * - Balances, payments and every ledger posting in CNY carry at most 2 decimals
 *   (the guide shows "¥1,000.00"). Input with more decimals is refused, never rounded.
 * - Incentive lines carry up to 8 decimals (guide: incentive amounts to 8 places).
 * - When a computation must produce a 2-decimal amount from a finer one (e.g. pro-rated
 *   refunds, rated usage) it rounds half-up (ROUND_HALF_UP) once, at the end.
 * - Display uses 2 decimals with thousands separators.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Money = Decimal;
export { D as Dec };

export const CURRENCY = 'CNY';
export const CASH_SCALE = 2;
export const INCENTIVE_SCALE = 8;

const MONEY_RE = /^-?\d{1,18}(\.\d+)?$/;

/** Parse a decimal string; throws RangeError for anything that is not a plain decimal. */
export function money(v: string | number | Decimal): Money {
  if (v instanceof Decimal) {
    if (!v.isFinite()) throw new RangeError(`not a finite amount: ${v.toString()}`);
    return new D(v);
  }
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new RangeError('money from a non-integer JS number is refused; pass a string');
    return new D(v);
  }
  const s = v.trim();
  if (!MONEY_RE.test(s)) throw new RangeError(`not a decimal amount: ${v}`);
  return new D(s);
}

export const ZERO: Money = new D(0);

export function decimals(m: Money): number {
  return m.decimalPlaces();
}

export function isValidAmount(s: string, maxDecimals: number): boolean {
  if (!MONEY_RE.test(s.trim())) return false;
  return money(s).decimalPlaces() <= maxDecimals;
}

/** Round half-up to a scale (used once, at the end of a computation). */
export function roundTo(m: Money, scale = CASH_SCALE): Money {
  return m.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
}

/** Fixed-scale string for storage and the wire ("1000.00"). */
export function toFixed(m: Money, scale = CASH_SCALE): string {
  return m.toFixed(scale, Decimal.ROUND_HALF_UP);
}

/** "¥1,000.00" */
export function formatCny(m: Money | string): string {
  // Round first, so a tiny negative that rounds to zero shows "¥0.00", not "-¥0.00".
  const v = roundTo(typeof m === 'string' ? money(m) : m);
  const [int, frac] = v.abs().toFixed(2).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${v.isNegative() && !v.isZero() ? '-' : ''}¥${grouped}.${frac}`;
}

export function sum(values: Iterable<Money>): Money {
  let t = new D(0);
  for (const v of values) t = t.plus(v);
  return t;
}
