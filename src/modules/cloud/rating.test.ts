import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import type { Database } from '../../platform/db/index.js';
import { clock, DAY_MS, HOUR_MS } from '../../platform/clock.js';
import { money, ZERO, type Money } from '../../platform/money.js';
import { expectRefused, refusal } from '../../../test/refusal.js';
import { cloudFeeRecords, cloudRatingRuns, cloudResources, cloudUsageRecords } from './schema.js';
import {
  consumptionSummary,
  createOrder,
  findPrice,
  listFees,
  monthlyBill,
  onDemandAmounts,
  openOnDemand,
  payOrder,
  paymentSplit,
  payMode,
  rateUsage,
  recordUsage,
  setCustomerDiscount,
  unsubscribe,
  arrearsAccount,
  vouchersAccount,
  CLOUD_REVENUE,
  type UsageInput,
} from './service.js';
import { balance, credit, cloudTestDb, fund, newCustomer, ownCash, productId, rid } from './test-helpers.js';
import { simulateUsage } from '../../../scripts/simulate-usage.js';

let db: Database;
let ecs: string; // s6.large.2 ¥0.34/h
let obs: string;
const H0 = new Date('2024-08-10T00:00:00Z');
const hour = (i: number) => new Date(H0.getTime() + i * HOUR_MS);

beforeAll(async () => {
  db = await cloudTestDb();
  ecs = await productId(db.db, 'ecs.s6.large.2.linux');
  obs = await productId(db.db, 'obs.standard');
});
afterEach(() => clock.reset());
afterAll(async () => {
  await ledger.assertLedgerConsistent(db.db);
  await db.close();
});

async function onDemandCustomer(product: string, cash: string, vouchers = '0') {
  clock.set(H0);
  const c = await newCustomer(db);
  if (cash !== '0') await fund(db.db, c.id, cash);
  if (vouchers !== '0') await credit(db.db, vouchersAccount(c.id), vouchers, { kind: 'customer', id: c.id });
  const r = await openOnDemand(c.ctx, { productId: product, regionCode: 'cn-north-4' });
  return { c, r };
}

const usage = (resourceId: string, i: number, value: string, usageTypeCode = 'Duration', measureId = 4): UsageInput => ({ resourceId, usageTypeCode, hourStart: hour(i), value, measureId });

const periodResources = (customerId: string) =>
  db.db.select({ id: cloudResources.id }).from(cloudResources).where(and(eq(cloudResources.customerAccountId, customerId), eq(cloudResources.chargeMode, 'period')));

async function feesOf(customerId: string) {
  // usage fees in the order of their usage records (the order charges are split in), then order fees
  return db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.customerAccountId, customerId)).orderBy(asc(cloudFeeRecords.usageRecordId), asc(cloudFeeRecords.id));
}

describe('rating usage into fee records (消费明细)', () => {
  it('prices each hour and splits it: vouchers first, then cash, the rest is arrears', async () => {
    const { c, r } = await onDemandCustomer(ecs, '0.50', '0.50');
    clock.set(hour(5));
    expect(await recordUsage(db.db, [usage(r.id, 0, '1'), usage(r.id, 1, '1'), usage(r.id, 2, '1')])).toEqual({ inserted: 3, duplicates: 0 });
    const run = await rateUsage(db.db);
    expect(run.records).toBeGreaterThanOrEqual(3);
    const fees = await feesOf(c.id);
    expect(fees.map((f) => [f.paymentAmount, f.couponAmount, f.cashAmount, f.debtAmount])).toEqual([
      ['0.34', '0.34', '0.00', '0.00'],
      ['0.34', '0.16', '0.18', '0.00'],
      ['0.34', '0.00', '0.32', '0.02'],
    ]);
    expect(fees[0]).toMatchObject({ chargingMode: 3, billDetailType: 5, officialAmount: '0.340000', discountAmount: '0.000000', usageTypeCode: 'Duration', billMonth: '2024-08-01', resourceId: r.id });
    expect(await balance(db.db, vouchersAccount(c.id))).toBe('0.00');
    expect(await balance(db.db, ownCash(c.id))).toBe('0.00');
    expect(await balance(db.db, arrearsAccount(c.id))).toBe('-0.02');
    // re-sending the same hours changes nothing; a second run finds nothing new for them
    expect(await recordUsage(db.db, [usage(r.id, 0, '1')])).toEqual({ inserted: 0, duplicates: 1 });
    expect((await rateUsage(db.db)).records).toBe(0);
    expect(await feesOf(c.id)).toHaveLength(3);
  });

  it('graduated tiers count the customer’s month across runs, and restart next month', async () => {
    const { c, r } = await onDemandCustomer(obs, '6000.00');
    clock.set('2024-09-01T12:00:00Z');
    await recordUsage(db.db, [usage(r.id, 0, '10000', 'upflow', 10)]);
    await rateUsage(db.db);
    await recordUsage(db.db, [usage(r.id, 1, '500', 'upflow', 10)]); // 240 GB at 0.50 + 260 GB at 0.48
    await rateUsage(db.db);
    await recordUsage(db.db, [{ resourceId: r.id, usageTypeCode: 'upflow', hourStart: new Date('2024-08-31T16:00:00Z'), value: '100', measureId: 10 }]); // 09-01 00:00 Beijing
    await rateUsage(db.db);
    expect((await feesOf(c.id)).map((f) => [f.billMonth, f.officialAmount])).toEqual([
      ['2024-08-01', '5000.000000'],
      ['2024-08-01', '244.800000'],
      ['2024-09-01', '50.000000'],
    ]);
    expect(await balance(db.db, ownCash(c.id))).toBe('705.20');
  });

  it('a run that stays inside one tier prices every record at that tier; a run crossing a boundary counts record by record', async () => {
    // vouchers covering everything: the customer's records need no ordered split (pay mode "vouchers")
    const { c, r } = await onDemandCustomer(obs, '0', '20000.00');
    clock.set('2024-08-20T00:00:00Z');
    const run = async (...hours: [number, string][]) => {
      await recordUsage(db.db, hours.map(([i, v]) => usage(r.id, i, v, 'upflow', 10)));
      await rateUsage(db.db);
    };
    await run([0, '10000']); // all in the first tier (0–10,240 GB at ¥0.50)
    await run([1, '300'], [2, '200']); // crosses 10,240 inside the first record: 240 × 0.50 + 60 × 0.48, then 200 × 0.48
    await run([3, '100'], [4, '150']); // wholly in the second tier, reached in an earlier run
    expect((await feesOf(c.id)).map((f) => [f.officialAmount, f.couponAmount, f.cashAmount, f.debtAmount])).toEqual([
      ['5000.000000', '5000.00', '0.00', '0.00'],
      ['148.800000', '148.80', '0.00', '0.00'],
      ['96.000000', '96.00', '0.00', '0.00'],
      ['48.000000', '48.00', '0.00', '0.00'],
      ['72.000000', '72.00', '0.00', '0.00'],
    ]);
    expect(await balance(db.db, vouchersAccount(c.id))).toBe('14635.20');
  });

  it('a discount rate applies to the list price (6 decimals), 应付 rounds to cents; units convert to the price’s', async () => {
    const { c, r } = await onDemandCustomer(ecs, '10.00');
    await setCustomerDiscount(db.db, { customerId: c.id, discountType: '605', name: '商务折扣', rate: '0.9', validFrom: new Date(H0.getTime() - DAY_MS) });
    clock.set(hour(3));
    await recordUsage(db.db, [usage(r.id, 0, '1'), usage(r.id, 1, '30', 'Duration', 6)]); // 30 minutes = 0.5 h
    await rateUsage(db.db);
    expect((await feesOf(c.id)).map((f) => [f.usageAmount, f.officialAmount, f.discountAmount, f.paymentAmount])).toEqual([
      ['1.000000', '0.340000', '0.034000', '0.31'],
      ['0.500000', '0.170000', '0.017000', '0.15'], // 0.153 → 0.15
    ]);
  });

  it('matches the price model record by record on simulated usage (SQL = the pure functions)', async () => {
    clock.set('2024-07-01T00:00:00Z');
    const customers = await Promise.all([0, 1, 2].map(() => newCustomer(db)));
    await fund(db.db, customers[0]!.id, '50.00');
    await credit(db.db, vouchersAccount(customers[1]!.id), '20.00', { kind: 'customer', id: customers[1]!.id });
    const resources = [];
    for (const [i, c] of customers.entries()) {
      resources.push(await openOnDemand(c.ctx, { productId: ecs, regionCode: 'cn-north-4' }));
      resources.push(await openOnDemand(c.ctx, { productId: obs, regionCode: 'cn-east-3', name: `bucket-${i}` }));
    }
    clock.set('2024-07-03T00:00:00Z');
    const sim = simulateUsage({ seed: 7, resources: resources.map((r) => ({ id: r.id, productCode: r.productId === ecs ? 'ecs.s6.large.2.linux' : 'obs.standard' })), from: new Date('2024-07-01T00:00:00Z'), hours: 48 });
    await recordUsage(db.db, sim.records);
    const run = await rateUsage(db.db);
    expect(run.records).toBe(sim.records.length);
    const fees = await db.db.select().from(cloudFeeRecords).where(inArray(cloudFeeRecords.ratingRunId, run.runIds)).orderBy(asc(cloudFeeRecords.usageRecordId));
    const usages = await db.db.select().from(cloudUsageRecords).orderBy(asc(cloudUsageRecords.id));
    const byId = new Map(usages.map((u) => [u.id, u]));
    const cum = new Map<string, Money>();
    const left = new Map<string, { v: Money; c: Money }>([
      [customers[0]!.id, { v: ZERO, c: money('50') }],
      [customers[1]!.id, { v: money('20'), c: ZERO }],
      [customers[2]!.id, { v: ZERO, c: ZERO }],
    ]);
    for (const f of fees) {
      const u = byId.get(f.usageRecordId!)!;
      const price = (await findPrice(db.db, u.productId, 'on_demand', { usageTypeCode: u.usageTypeCode }))!;
      const key = `${u.customerAccountId}:${u.productId}:${u.usageTypeCode}`;
      const before = cum.get(key) ?? ZERO;
      cum.set(key, before.plus(money(u.usageValue)));
      const want = onDemandAmounts(price, money(u.usageValue), null, before);
      const l = left.get(u.customerAccountId)!;
      const split = paymentSplit(want.payment, l.v, l.c);
      l.v = l.v.minus(split.coupon);
      l.c = l.c.minus(split.cash);
      expect([f.officialAmount, f.paymentAmount, f.couponAmount, f.cashAmount, f.debtAmount]).toEqual([
        want.official.toFixed(6),
        want.payment.toFixed(2),
        split.coupon.toFixed(2),
        split.cash.toFixed(2),
        split.debt.toFixed(2),
      ]);
    }
  });
});

describe('pay modes: a customer whose balances alone decide a whole run', () => {
  const m = (voucher: string, cash: string, bound: string) => payMode({ voucher: money(voucher), cash: money(cash) }, money(bound));
  it('vouchers covering the bound pay everything; without vouchers, cash covering it does; with nothing, all is arrears', () => {
    expect(m('10.00', '0', '10.00')).toBe(2);
    expect(m('10.00', '500.00', '9.99')).toBe(2);
    expect(m('0', '10.00', '10.00')).toBe(1);
    expect(m('0', '0', '3.00')).toBe(3);
  });
  it('balances running out part way leave the split to the records, in order', () => {
    expect(m('5.00', '100.00', '10.00')).toBeNull(); // vouchers first, then cash
    expect(m('0', '9.99', '10.00')).toBeNull(); // cash, then arrears
  });
});

describe('one set-based posting per partition run', () => {
  it('customers of every kind in one run: fees split exactly, balances move by their fees, one balanced posting per partition', async () => {
    clock.set(H0);
    const kinds = [
      { cash: '1000.00', vouchers: '0' }, // cash covers everything (no record-by-record split)
      { cash: '0', vouchers: '0' }, // nothing: all arrears
      { cash: '1.00', vouchers: '0.50' }, // vouchers, then cash, then arrears
      { cash: '3.00', vouchers: '0' }, // runs dry during the run
    ];
    const made = [];
    for (const k of kinds) {
      const c = await newCustomer(db);
      if (k.cash !== '0') await fund(db.db, c.id, k.cash);
      if (k.vouchers !== '0') await credit(db.db, vouchersAccount(c.id), k.vouchers, { kind: 'customer', id: c.id });
      const vm = await openOnDemand(c.ctx, { productId: ecs, regionCode: 'cn-north-4' });
      const bucket = await openOnDemand(c.ctx, { productId: obs, regionCode: 'cn-north-4' }); // graduated upflow tiers
      made.push({ c, vm, bucket, k });
    }
    clock.set(hour(12));
    await recordUsage(db.db, made.flatMap(({ vm, bucket }) => [...Array.from({ length: 10 }, (_, i) => usage(vm.id, i, '1')), usage(bucket.id, 0, '3', 'upflow', 10), usage(bucket.id, 1, '2', 'upflow', 10)]));
    const run = await rateUsage(db.db);
    const runs = await db.db.execute(sql`SELECT id, posting_id, records FROM cloud_rating_runs WHERE id = ANY(${sql.param(run.runIds)}::bigint[])`).then((x) => (x as unknown as { rows: { id: number; posting_id: string | null; records: number }[] }).rows);
    const postings = runs.filter((r) => r.posting_id);
    expect(postings.length).toBeGreaterThanOrEqual(1);
    for (const r of postings) {
      const p = (await ledger.findPosting(db.db, `cloud.rating:${r.id}`))!;
      expect(p.id).toBe(r.posting_id);
      expect(p.lines.reduce((a, l) => a.plus(money(l.amount)), ZERO).isZero()).toBe(true);
    }
    for (const { c, k } of made) {
      const fees = (await feesOf(c.id)).filter((f) => f.chargingMode === 3);
      expect(fees).toHaveLength(12);
      const sum = (f: (x: (typeof fees)[number]) => string) => fees.reduce((a, x) => a.plus(money(f(x))), ZERO);
      for (const f of fees) expect(money(f.paymentAmount).toFixed(2)).toBe(money(f.cashAmount).plus(f.couponAmount).plus(f.debtAmount).toFixed(2));
      expect(money(k.cash).minus(sum((f) => f.cashAmount)).toFixed(2)).toBe(await balance(db.db, ownCash(c.id)));
      if (k.vouchers !== '0') expect(money(k.vouchers).minus(sum((f) => f.couponAmount)).toFixed(2)).toBe(await balance(db.db, vouchersAccount(c.id)));
      expect(sum((f) => f.debtAmount).negated().toFixed(2)).toBe(money(await balance(db.db, arrearsAccount(c.id))).toFixed(2));
      // vouchers → cash → arrears in record order: once a record owes, no later record takes cash or vouchers
      const first = fees.findIndex((f) => money(f.debtAmount).gt(0));
      if (first >= 0) for (const f of fees.slice(first + 1)) expect([f.cashAmount, f.couponAmount]).toEqual(['0.00', '0.00']);
    }
    await ledger.assertLedgerConsistent(db.db);
  });
});

describe('rating partitions', () => {
  it('changing the number of partitions rates every record exactly once', async () => {
    const { c, r } = await onDemandCustomer(ecs, '100.00');
    clock.set(hour(30));
    const hours = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => usage(r.id, from + i, '1'));
    await recordUsage(db.db, hours(0, 3));
    await rateUsage(db.db);
    await recordUsage(db.db, hours(3, 6));
    process.env.CLOUD_RATING_PARTITIONS = '3';
    try {
      await rateUsage(db.db); // the old layout first rates up to the mark, then three cursors start there
      await recordUsage(db.db, hours(6, 9));
      await rateUsage(db.db);
    } finally {
      delete process.env.CLOUD_RATING_PARTITIONS;
    }
    await recordUsage(db.db, hours(9, 11));
    await rateUsage(db.db);
    const fees = await feesOf(c.id);
    expect(fees).toHaveLength(11);
    expect(new Set(fees.map((f) => f.usageRecordId)).size).toBe(11);
    const [counts] = await db.db.execute(sql`SELECT (SELECT count(*) FROM cloud_usage_records)::int AS u, (SELECT count(*) FROM cloud_fee_records WHERE charging_mode = 3)::int AS f`).then((x) => (x as unknown as { rows: { u: number; f: number }[] }).rows);
    expect(counts!.f).toBe(counts!.u);
  });

  it('rates up to now in runs of at most maxRecords usage ids; a span with none of a partition’s records is passed over', async () => {
    const { c, r } = await onDemandCustomer(ecs, '100.00');
    clock.set(hour(30));
    await rateUsage(db.db); // nothing of earlier tests left behind
    await recordUsage(db.db, [0, 1, 2, 3, 4].map((i) => usage(r.id, i, '1')));
    const rated = await rateUsage(db.db, { maxRecords: 2 });
    expect(rated.records).toBe(5);
    const spans = await db.db
      .select({ from: cloudRatingRuns.fromUsageId, to: cloudRatingRuns.toUsageId, records: cloudRatingRuns.records })
      .from(cloudRatingRuns)
      .where(inArray(cloudRatingRuns.id, rated.runIds))
      .orderBy(asc(cloudRatingRuns.fromUsageId));
    expect(spans.map((s) => s.records)).toEqual([2, 2, 1]); // the customer's partition; the other one had nothing
    for (const s of spans) expect(s.to! - s.from! + 1).toBeLessThanOrEqual(2);
    expect((await rateUsage(db.db, { maxRecords: 2 })).records).toBe(0);
    // re-sent hours are ignored but use up ids: the next record lies beyond a span of ids without records
    expect(await recordUsage(db.db, [0, 1, 2].map((i) => usage(r.id, i, '1')))).toEqual({ inserted: 0, duplicates: 3 });
    await recordUsage(db.db, [usage(r.id, 5, '1')]);
    expect((await rateUsage(db.db, { maxRecords: 2 })).records).toBe(1);
    const fees = await feesOf(c.id);
    expect(fees.map((f) => f.paymentAmount)).toEqual(['0.34', '0.34', '0.34', '0.34', '0.34', '0.34']);
    expect(new Set(fees.map((f) => f.usageRecordId)).size).toBe(6);
  });
});

describe('bad usage is refused, naming the record and field, and nothing is written', () => {
  it('refuses negative, absurd, unconvertible, unknown, early, late and misplaced usage', async () => {
    const { c, r } = await onDemandCustomer(ecs, '0');
    const period = await createOrder(c.ctx, { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] });
    await fund(db.db, c.id, '117.00');
    await payOrder(c.ctx, period.id, { requestId: rid() });
    const [periodResource] = await periodResources(c.id);
    clock.set(hour(10));
    const cases: [UsageInput, string, string][] = [
      [usage(r.id, 1, '-1'), 'records.1.value', 'cloud.negative-usage'],
      [usage(r.id, 1, '2'), 'records.1.value', 'cloud.absurd-usage'], // two hours in one hour
      [usage(r.id, 1, '10000000000000', 'Duration', 7), 'records.1.value', 'cloud.absurd-usage'], // 10^13 seconds
      [usage(r.id, 1, 'abc'), 'records.1.value', 'cloud.bad-usage-value'],
      [usage(r.id, 1, '1', 'Duration', 999), 'records.1.measureId', 'cloud.unknown-unit'],
      [usage(r.id, 1, '1', 'Duration', 10), 'records.1.measureId', 'cloud.unknown-unit'], // GB is not time
      [usage(r.id, 1, '1', 'upflow', 10), 'records.1.usageTypeCode', 'cloud.unknown-usage-type'],
      [usage(periodResource!.id, 1, '1'), 'records.1.resourceId', 'cloud.not-on-demand'],
      [usage('00000000-0000-4000-8000-000000000000', 1, '1'), 'records.1.resourceId', 'cloud.unknown-resource'],
      [usage(r.id, 11, '1'), 'records.1.hourStart', 'cloud.usage-outside-lifetime'], // the future
      [usage(r.id, -48, '1'), 'records.1.hourStart', 'cloud.usage-outside-lifetime'], // before it was opened
      [{ ...usage(r.id, 1, '1'), hourStart: new Date(hour(1).getTime() + 60_000) }, 'records.1.hourStart', 'cloud.bad-hour'],
    ];
    for (const [bad, field, code] of cases) {
      const e = await refusal(recordUsage(db.db, [usage(r.id, 0, '1'), bad]));
      expect([e.status, e.code, Object.keys(e.fields ?? {})]).toEqual([400, code, [field]]);
    }
    expect(await db.db.select().from(cloudUsageRecords).where(eq(cloudUsageRecords.resourceId, r.id))).toHaveLength(0);
    const cdn95 = await openOnDemand(c.ctx, { productId: await productId(db.db, 'cdn.bandwidth95.mainland'), regionCode: 'global' });
    await expectRefused(recordUsage(db.db, [{ resourceId: cdn95.id, usageTypeCode: 'bandwidth95', hourStart: hour(10), value: '10', measureId: 15 }]), 'cloud.peak95-usage', 400);
  });
});

describe('consumption: fee list, summary and monthly bill', () => {
  it('消费 = 现金支付 + 代金券抵扣 + 欠费金额 on every bill line and in total (E17)', async () => {
    const { c, r } = await onDemandCustomer(ecs, '130.00', '1.00');
    const order = await createOrder(c.ctx, { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] });
    await payOrder(c.ctx, order.id, { requestId: rid() });
    clock.set(hour(40));
    await recordUsage(db.db, Array.from({ length: 40 }, (_, i) => usage(r.id, i, '1')));
    await rateUsage(db.db);
    const [period] = await periodResources(c.id);
    clock.set(new Date(H0.getTime() + 10 * DAY_MS));
    await unsubscribe(c.ctx, { resourceIds: [period!.id] });

    const bill = await monthlyBill(c.ctx, { month: '2024-08' });
    for (const l of [...bill.lines, { ...bill.total }]) {
      expect(money(l.amount).toFixed(2)).toBe(money(l.cash).plus(l.coupon).plus(l.debt).toFixed(2));
    }
    // 117.00 subscription + 40 × 0.34 usage = 130.60 consumed: ¥1.00 vouchers, ¥129.60 cash... of ¥130.00: debt ¥0.00
    expect(bill.consumption).toEqual({ amount: '130.60', cash: '129.60', coupon: '1.00', debt: '0.00' });
    expect(bill.refunds.amount).toBe(money(bill.total.amount).minus('130.60').toFixed(2));
    expect(money(bill.refunds.amount).isNegative()).toBe(true);

    const summary = await consumptionSummary(c.ctx, { month: '2024-08' });
    expect(summary.cards.consumption).toBe('130.60');
    expect(summary.cards.refunds).toBe(money(bill.refunds.amount).negated().toFixed(2));
    expect(summary.items.map((i) => [i.chargingMode, i.amount]).sort()).toEqual([
      [1, '117.00'],
      [3, '13.60'],
    ]);
    const refunds = await consumptionSummary(c.ctx, { month: '2024-08', tab: 'refund' });
    expect(refunds.items).toHaveLength(1);
  });

  it('lists fees of one 账期 filtered in SQL; look-back 18 months; another customer sees none', async () => {
    const { c, r } = await onDemandCustomer(ecs, '100.00');
    const bucket = await openOnDemand(c.ctx, { productId: obs, regionCode: 'cn-north-4' });
    clock.set(hour(6));
    await recordUsage(db.db, [usage(r.id, 0, '1'), usage(r.id, 1, '0'), usage(bucket.id, 0, '100', 'storage', 22)]);
    await rateUsage(db.db);
    expect((await listFees(c.ctx, { month: '2024-08' })).total).toBe(3);
    expect((await listFees(c.ctx, { month: '2024-08', productId: obs })).items.map((f) => f.paymentAmount)).toEqual(['0.01']);
    expect((await listFees(c.ctx, { month: '2024-08', hideZero: true })).total).toBe(2);
    expect((await listFees(c.ctx, { month: '2024-08', resourceId: r.id, pageSize: 1, page: 2 })).items).toHaveLength(1);
    const other = await newCustomer(db);
    expect((await listFees(other.ctx, { month: '2024-08' })).total).toBe(0);
    clock.set('2026-01-15T00:00:00Z');
    await expectRefused(listFees(c.ctx, { month: '2024-07' }), 'cloud.month-out-of-range', 400); // 19 months back
    expect((await listFees(c.ctx, { month: '2024-08' })).total).toBe(3); // 18th month back
    await expectRefused(listFees(c.ctx, { month: '2026-02' }), 'cloud.month-out-of-range', 400);
    await expectRefused(listFees(c.ctx, { month: '2026/01' }), 'cloud.bad-month', 400);
  });
});

describe('no overdraw under parallel charges', () => {
  it('rating runs and order payments racing on one balance never take it below zero', async () => {
    const { c, r } = await onDemandCustomer(ecs, '250.00');
    clock.set(hour(100));
    const batches = Array.from({ length: 4 }, (_, b) => Array.from({ length: 25 }, (_, i) => usage(r.id, b * 25 + i, '1')));
    const orders = await Promise.all([0, 1].map(() => createOrder(c.ctx, { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] })));
    const results = await Promise.allSettled([
      ...batches.map(async (b) => {
        await recordUsage(db.db, b);
        return rateUsage(db.db);
      }),
      ...orders.map((o) => payOrder(c.ctx, o.id, { requestId: rid() })),
      rateUsage(db.db),
    ]);
    for (const x of results) if (x.status === 'rejected') expect((x.reason as { code?: string }).code).toBe('ledger.insufficient-balance');
    await rateUsage(db.db);
    const cash = money(await balance(db.db, ownCash(c.id)));
    expect(cash.gte(0)).toBe(true);
    const fees = await feesOf(c.id);
    const spent = fees.reduce((a, f) => a.plus(money(f.cashAmount)), ZERO);
    expect(spent.plus(cash).toFixed(2)).toBe('250.00');
    expect(fees.filter((f) => f.chargingMode === 3)).toHaveLength(100);
    // both orders fit only if they came before most of the usage; either way money adds up
    const paid = results.slice(4, 6).filter((x) => x.status === 'fulfilled').length;
    expect(fees.filter((f) => f.chargingMode === 1)).toHaveLength(paid);
    expect(paid).toBeGreaterThanOrEqual(1);
    const debt = fees.reduce((a, f) => a.plus(money(f.debtAmount)), ZERO);
    expect(money(await balance(db.db, arrearsAccount(c.id))).negated().toFixed(2)).toBe(debt.toFixed(2));
    await ledger.assertLedgerConsistent(db.db);
    expect(money(await balance(db.db, CLOUD_REVENUE)).gt(0)).toBe(true);
  });
});
