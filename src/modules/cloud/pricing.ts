import { Dec, ZERO, money, roundTo, type Money } from '../../platform/money.js';

/**
 * Pure price arithmetic. The set-based rating SQL (usage.ts) computes exactly the same numbers; the
 * tests hold both to the hand-computed cases.
 *
 * Rounding (platform/money: half-up, once, at the end):
 * - 包年/包月: the list price of one instance for the whole period is exact in cents (unit prices have
 *   2 decimals and sizes/periods are integers); after a discount rate the amount rounds to cents.
 * - 按需: list price and discount keep 6 decimals (the Partner API's price precision); 应付金额 rounds
 *   to cents (the sub-cent rest is 抹零).
 */

export interface Tier {
  lower: Money;
  upper: Money | null; // null: unbounded
  unitPrice: Money;
}

export interface PriceDef {
  id: string;
  model: 'fixed' | 'linear' | 'tiered';
  measureId: number | null;
  unitPrice: Money | null;
  tiers: Tier[];
}

/** Graduated (累进) tiers: each part of the quantity is priced by the tier it falls in. */
export function graduated(quantity: Money, tiers: Tier[]): Money {
  let total = ZERO;
  for (const t of tiers) {
    const top = t.upper === null ? quantity : Dec.min(quantity, t.upper);
    const part = top.minus(t.lower);
    if (part.gt(0)) total = total.plus(part.times(t.unitPrice));
  }
  return total;
}

/** The list price of ONE instance for `periodNum` periods (包年/包月). */
export function periodListPrice(price: PriceDef, size: number | null, periodNum: number): Money {
  let perPeriod: Money;
  switch (price.model) {
    case 'fixed':
      perPeriod = price.unitPrice!;
      break;
    case 'linear':
      perPeriod = price.unitPrice!.times(size ?? 0);
      break;
    case 'tiered':
      perPeriod = graduated(money(size ?? 0), price.tiers);
      break;
  }
  return roundTo(perPeriod.times(periodNum));
}

/** Apply a discount rate (share paid, 0.85 = 85折) to a cash amount: the amount due rounds to cents. */
export function discounted(list: Money, rate: Money | null): { official: Money; discount: Money; amount: Money } {
  const amount = rate === null ? list : roundTo(list.times(rate));
  return { official: list, discount: list.minus(amount), amount };
}

/**
 * 按需 amounts of one usage record. For graduated prices `cumulativeBefore` is the customer's usage of the
 * product earlier in the month (tiers count the month's total).
 */
export function onDemandAmounts(
  price: PriceDef,
  value: Money,
  rate: Money | null,
  cumulativeBefore: Money = ZERO,
): { official: Money; discount: Money; payment: Money } {
  const list =
    price.model === 'tiered' ? graduated(cumulativeBefore.plus(value), price.tiers).minus(graduated(cumulativeBefore, price.tiers)) : value.times(price.unitPrice ?? 0);
  const official = roundTo(list, 6);
  const discount = rate === null ? ZERO : roundTo(official.times(new Dec(1).minus(rate)), 6);
  return { official, discount, payment: roundTo(official.minus(discount), 2) };
}

/**
 * Split an amount due over what the customer has, in the order the vendor deducts pay-per-use charges
 * (guide 20250: vouchers first, then cash); the rest is arrears (欠费).
 */
export function paymentSplit(due: Money, voucher: Money, cashBalance: Money): { coupon: Money; cash: Money; debt: Money } {
  const coupon = Dec.max(ZERO, Dec.min(due, voucher));
  const cash = Dec.max(ZERO, Dec.min(due.minus(coupon), cashBalance));
  return { coupon, cash, debt: due.minus(coupon).minus(cash) };
}

/**
 * Share out `total` over parts proportional to `weights`, exactly (largest remainder in cents), so the
 * pieces always add up to the total. Used to return a refund to the accounts that paid.
 */
export function shareOut(total: Money, weights: Money[]): Money[] {
  const sumW = weights.reduce((a, w) => a.plus(w), ZERO);
  if (sumW.isZero()) return weights.map(() => ZERO);
  const cents = total.times(100);
  const raw = weights.map((w) => cents.times(w).div(sumW));
  const floors = raw.map((r) => r.floor());
  let rest = cents.minus(floors.reduce((a, f) => a.plus(f), ZERO)).toNumber();
  const order = raw.map((r, i) => ({ i, frac: r.minus(r.floor()) })).sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  for (const o of order) {
    if (rest <= 0) break;
    floors[o.i] = floors[o.i]!.plus(1);
    rest--;
  }
  return floors.map((f) => f.div(100));
}
