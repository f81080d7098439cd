/**
 * Money as the API sends it: decimal strings ("1000.00", "-300.00"). Never parsed to a float: display
 * is string work (thousands separators, two decimals), and the sums and comparisons the dialogs need
 * (总计回收金额, recall ≤ balance) run on whole cents in BigInt.
 */

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** The amounts the server accepts: > 0, at most 2 decimals (funds `AMOUNT_RE`). */
export const AMOUNT_RE = /^\d{1,16}(\.\d{1,2})?$/;

/** "1234567.5" → "1,234,567.50"; anything that is not a decimal is shown as it came. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const sign = m[1] === '-' ? '-' : '';
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').length >= 2 ? m[3]! : (m[3] ?? '').padEnd(2, '0');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${frac}`;
}

/** "700" → "¥700.00" (a negative keeps its sign before the currency). */
export function yuan(value: string | null | undefined): string {
  const f = formatMoney(value);
  if (f === '-') return f;
  return f.startsWith('-') ? `-¥${f.slice(1)}` : `¥${f}`;
}

/** Whole cents of a decimal string (more than 2 places are refused: the API never sends them for cash). */
export function toCents(value: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const frac = (m[3] ?? '').padEnd(2, '0');
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) throw new Error(`more than 2 decimals: ${value}`);
  const cents = BigInt(m[2] ?? '0') * 100n + BigInt(frac.slice(0, 2));
  return m[1] === '-' ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const int = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${int}.${frac}`;
}

export const isAmount = (v: string | null | undefined): v is string => !!v && AMOUNT_RE.test(v.trim()) && toCents(v) > 0n;

/** The sum of decimal strings, as a decimal string. */
export function sumMoney(values: (string | null | undefined)[]): string {
  return fromCents(values.reduce<bigint>((acc, v) => acc + (v && DECIMAL.test(v.trim()) ? toCents(v) : 0n), 0n));
}

/** -1, 0 or 1. */
export function compareMoney(a: string, b: string): number {
  const x = toCents(a);
  const y = toCents(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isPositive = (v: string | null | undefined) => !!v && DECIMAL.test(v.trim()) && toCents(v) > 0n;
