import { describe, expect, it } from 'vitest';
import { money } from '../../platform/money.js';
import { discounted, graduated, onDemandAmounts, paymentSplit, periodListPrice, shareOut, type PriceDef, type Tier } from './pricing.js';
import { periodEnd, billMonthOf, chinaDate, monthRange } from './time.js';
import { unusedFraction } from './subscriptions.js';
import { conversionFactor, convert, type UnitGraph } from './catalogue.js';
import { CONVERSIONS, UNITS } from './catalogue-data.js';

const tiers = (...t: [string, string | null, string][]): Tier[] => t.map(([l, u, p]) => ({ lower: money(l), upper: u === null ? null : money(u), unitPrice: money(p) }));
const price = (model: PriceDef['model'], unit: string | null, t: Tier[] = []): PriceDef => ({ id: 'p', model, measureId: null, unitPrice: unit === null ? null : money(unit), tiers: t });

describe('prices (包年/包月): fixed, linear and tiered', () => {
  it('fixed: the unit price per period times the periods', () => {
    expect(periodListPrice(price('fixed', '117.00'), null, 3).toFixed(2)).toBe('351.00');
  });
  it('linear: per size unit — the guide’s 云备份 order of ¥29.70 is 90 GB × ¥0.33', () => {
    expect(periodListPrice(price('linear', '0.33'), 90, 1).toFixed(2)).toBe('29.70');
  });
  it('tiered: graduated over the size — 7 Mbps = 5 × ¥23 + 2 × ¥80', () => {
    const bw = price('tiered', null, tiers(['0', '5', '23.00'], ['5', null, '80.00']));
    expect(periodListPrice(bw, 7, 1).toFixed(2)).toBe('275.00');
    expect(periodListPrice(bw, 5, 1).toFixed(2)).toBe('115.00');
    expect(periodListPrice(bw, 3, 2).toFixed(2)).toBe('138.00');
  });
  it('a discount rate rounds the amount due half-up to cents once', () => {
    expect(discounted(money('117.00'), money('0.85'))).toMatchObject({ amount: money('99.45'), discount: money('17.55') });
    const d = discounted(money('29.70'), money('0.85')); // 25.245 → 25.25
    expect([d.amount.toFixed(2), d.discount.toFixed(2)]).toEqual(['25.25', '4.45']);
    expect(discounted(money('29.70'), null).amount.toFixed(2)).toBe('29.70');
  });
});

describe('prices (按需): linear and monthly-cumulative tiers', () => {
  it('linear: usage × unit price, list and discount to 6 decimals, 应付 to cents', () => {
    const ecs = price('linear', '0.34');
    expect(onDemandAmounts(ecs, money('1'), null)).toMatchObject({ official: money('0.34'), payment: money('0.34') });
    const d = onDemandAmounts(ecs, money('1'), money('0.9'));
    expect([d.official.toFixed(6), d.discount.toFixed(6), d.payment.toFixed(2)]).toEqual(['0.340000', '0.034000', '0.31']);
    const obs = onDemandAmounts(price('linear', '0.000139'), money('100'), null); // 0.0139 → ¥0.01 (抹零)
    expect([obs.official.toFixed(6), obs.payment.toFixed(2)]).toEqual(['0.013900', '0.01']);
  });
  it('tiered: a record that crosses a boundary pays each part at its tier', () => {
    const up = price('tiered', null, tiers(['0', '10240', '0.50'], ['10240', '51200', '0.48'], ['51200', null, '0.45']));
    // 10,000 GB already used this month; 500 GB more = 240 × 0.50 + 260 × 0.48
    expect(onDemandAmounts(up, money('500'), null, money('10000')).official.toFixed(6)).toBe('244.800000');
    expect(onDemandAmounts(up, money('500'), null).official.toFixed(2)).toBe('250.00');
    expect(graduated(money('60000'), up.tiers).toFixed(2)).toBe((10240 * 0.5 + 40960 * 0.48 + 8800 * 0.45).toFixed(2));
  });
});

describe('payment split of a pay-per-use charge (代金券抵扣 → 现金支付 → 欠费)', () => {
  it('vouchers first, then cash, the rest is arrears', () => {
    const s = paymentSplit(money('10.00'), money('3.00'), money('5.00'));
    expect([s.coupon, s.cash, s.debt].map((m) => m.toFixed(2))).toEqual(['3.00', '5.00', '2.00']);
    const rich = paymentSplit(money('10.00'), money('0'), money('50.00'));
    expect([rich.coupon, rich.cash, rich.debt].map((m) => m.toFixed(2))).toEqual(['0.00', '10.00', '0.00']);
  });
  it('a refund is shared over the paying accounts exactly (largest remainder)', () => {
    expect(shareOut(money('10.00'), [money('1'), money('1'), money('1')]).map((m) => m.toFixed(2))).toEqual(['3.34', '3.33', '3.33']);
    expect(shareOut(money('99.45'), [money('60.00'), money('39.45')]).reduce((a, b) => a.plus(b)).toFixed(2)).toBe('99.45');
  });
});

describe('periods and pro-rating (Beijing time)', () => {
  it('a period bought at 09:15 on 07-26 for a month runs through 08-26 23:59:59', () => {
    const paid = new Date('2024-07-26T01:15:00Z'); // 09:15 Beijing
    const end = periodEnd(paid, 'month', 1);
    expect(end.toISOString()).toBe('2024-08-26T16:00:00.000Z'); // 2024-08-27 00:00 Beijing (exclusive)
    expect(periodEnd(end, 'month', 1, true).toISOString()).toBe('2024-09-26T16:00:00.000Z');
    expect(periodEnd(new Date('2024-02-29T04:00:00Z'), 'year', 1).toISOString()).toBe('2025-02-28T16:00:00.000Z'); // clamped to 02-28
    expect(periodEnd(new Date('2024-01-31T04:00:00Z'), 'month', 1).toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });
  it('the unused share of a segment is exact and clamped to [0, 1]', () => {
    const seg = { startAt: new Date('2024-01-01T00:00:00Z'), endAt: new Date('2024-01-11T00:00:00Z') };
    expect(unusedFraction(seg, new Date('2024-01-04T00:00:00Z')).toFixed()).toBe('0.7');
    expect(unusedFraction(seg, new Date('2023-12-01T00:00:00Z')).toFixed()).toBe('1');
    expect(unusedFraction(seg, new Date('2024-02-01T00:00:00Z')).toFixed()).toBe('0');
  });
  it('账期 and days are Beijing calendar months', () => {
    expect(billMonthOf(new Date('2024-07-31T16:30:00Z'))).toBe('2024-08-01'); // 00:30 on 08-01 in Beijing
    expect(chinaDate(new Date('2024-07-31T15:59:59Z'))).toBe('2024-07-31');
    expect(monthRange('2024-02').days).toBe(29);
  });
});

describe('measurement units convert through the conversion table', () => {
  const graph: UnitGraph = { units: new Map(UNITS.map((u) => [u.id, { measureType: u.type }])), edges: new Map() };
  for (const c of CONVERSIONS) {
    const add = (a: number, b: number, f: [ReturnType<typeof money>, ReturnType<typeof money>]) => graph.edges.set(a, (graph.edges.get(a) ?? new Map()).set(b, f));
    add(c.from, c.to, [money(c.ratio), money(1)]);
    add(c.to, c.from, [money(1), money(c.ratio)]);
  }
  it('TB → MB walks two steps; MB → GB divides; minutes → hours stays exact', () => {
    expect(convert(graph, money(1), 13, 11)!.toFixed()).toBe('1048576');
    expect(convert(graph, money(512), 11, 10)!.toFixed()).toBe('0.5');
    expect(convert(graph, money(30), 6, 4)!.toFixed()).toBe('0.5');
    expect(convert(graph, money(1), 6, 4)!.toFixed()).toBe('0.016667'); // rounded to 6 decimals of the billing unit
    expect(convert(graph, money(2), 5, 4)!.toFixed()).toBe('48');
  });
  it('units of different kinds, or unknown ones, do not convert', () => {
    expect(conversionFactor(graph, 10, 4)).toBeNull();
    expect(conversionFactor(graph, 999, 4)).toBeNull();
  });
});

describe('usage simulator (scripts/simulate-usage.ts)', () => {
  it('is deterministic from its seed, per resource, whatever else is simulated alongside', async () => {
    const { simulateUsage, simulateBandwidth } = await import('../../../scripts/simulate-usage.js');
    const a = { id: '11111111-1111-4111-8111-111111111111', productCode: 'obs.standard' };
    const b = { id: '22222222-2222-4222-8222-222222222222', productCode: 'ecs.s6.large.2.linux' };
    const from = new Date('2024-06-01T00:00:00Z');
    const one = simulateUsage({ seed: 42, resources: [a, b], from, hours: 72 }).records;
    const again = simulateUsage({ seed: 42, resources: [b, a], from, hours: 72 }).records;
    const alone = simulateUsage({ seed: 42, resources: [a], from, hours: 72 }).records;
    const mine = (xs: typeof one) => JSON.stringify(xs.filter((r) => r.resourceId === a.id));
    expect(mine(again)).toBe(mine(one));
    expect(mine(alone)).toBe(mine(one));
    expect(mine(simulateUsage({ seed: 43, resources: [a], from, hours: 72 }).records)).not.toBe(mine(one));
    expect(one.every((r) => /^\d+(\.\d{1,3})?$/.test(r.value))).toBe(true); // exact decimal strings
    const bw = simulateBandwidth({ seed: 1, resourceIds: [a.id], fromDay: '2024-06-01', days: 2 });
    expect(bw.map((d) => d.samples.length)).toEqual([288, 288]);
    expect(JSON.stringify(simulateBandwidth({ seed: 1, resourceIds: [a.id], fromDay: '2024-06-01', days: 2 }))).toBe(JSON.stringify(bw));
  });
});
