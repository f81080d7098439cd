import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { inTransaction, rows, type Executor } from '../../platform/db/index.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { AppError, badRequest, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { Dec, money, roundTo, ZERO, type Money } from '../../platform/money.js';
import { isUuid } from '../../platform/ids.js';
import { cloudBandwidthSamples, cloudFeeRecords, cloudPeak95Bills, cloudRatingRuns } from './schema.js';
import { findPrice } from './catalogue.js';
import { graduated, paymentSplit } from './pricing.js';
import { bestRate } from './order-core.js';
import { chinaDate, chinaMidnight, isMonth, monthRange, SLOTS_PER_DAY } from './time.js';
import { customerBalances, settle } from './usage.js';

/**
 * 月结95峰值计费 (monthly 95th-percentile billing; the guide lists the products at 9882–9891 and gives no
 * formula — the rule below is the industry's standard reading, written down exactly):
 *
 * 1. Samples: one value per five-minute slot (288 per Beijing day), the slot's average bandwidth in kbit/s.
 *    A slot with no sample (the resource did not exist or did not report) is absent, not zero.
 * 2. N = the number of samples the resource has in the Beijing calendar month.
 * 3. The top 5% are dropped: k = floor(N / 20) samples (integer arithmetic, no floating point).
 * 4. The billed peak is the (k + 1)-th largest sample, i.e. the value at ascending position N − k
 *    (1-based). Ties are ranked as separate samples: if equal values straddle the cut, the billed peak
 *    equals the dropped ones. N < 20 drops nothing (the maximum is billed); N = 0 bills nothing.
 *    This is the same sample PostgreSQL's percentile_disc(0.95) returns (ceil(0.95·N) = N − floor(N/20)).
 * 5. Amount: the price's graduated tiers applied to the peak in Mbit/s (kbit/s ÷ 1000, exact), times
 *    D / days-in-month, where D is the number of Beijing days of the month on which the resource existed
 *    (opened … deleted, inclusive): a partial month pays its share of the month.
 */

export const DROP_DIVISOR = 20; // 5%
export const MAX_KBPS = 1_000_000_000; // 1 Tbit/s: anything above is refused as absurd

/* ------------------------------------------------------------------ the selection kernel */

/**
 * The 95-peak of a month's samples: [N, k, peak]. Values < 0 are "no sample". Quickselect (Hoare
 * partition, median of three) on a copy: O(N). Self-contained on purpose — it is also shipped to worker
 * threads as source text, so it uses no outer names and no inner functions.
 */
export function peak95Kernel(values: Int32Array): [number, number, number] {
  const a = new Int32Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v >= 0) a[n++] = v;
  }
  if (n === 0) return [0, 0, 0];
  const k = Math.floor(n / 20);
  const target = n - 1 - k; // 0-based ascending position of the billed sample
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to the middle
    if (a[mid]! < a[lo]!) {
      const t = a[mid]!;
      a[mid] = a[lo]!;
      a[lo] = t;
    }
    if (a[hi]! < a[lo]!) {
      const t = a[hi]!;
      a[hi] = a[lo]!;
      a[lo] = t;
    }
    if (a[hi]! < a[mid]!) {
      const t = a[hi]!;
      a[hi] = a[mid]!;
      a[mid] = t;
    }
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break; // a[j+1 .. i-1] all equal the pivot
  }
  return [n, k, a[target]!];
}

/** Convenience for tests and callers with plain numbers (null = no sample). */
export function peak95(samples: (number | null)[]): { count: number; dropped: number; peak: number } {
  const [count, dropped, peak] = peak95Kernel(Int32Array.from(samples, (v) => (v === null ? -1 : v)));
  return { count, dropped, peak };
}

/* ------------------------------------------------------------------ worker pool */

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const kernel = ${peak95Kernel.toString()};
parentPort.on('message', (m) => {
  const out = new Int32Array(m.buffers.length * 3);
  for (let i = 0; i < m.buffers.length; i++) {
    const r = kernel(new Int32Array(m.buffers[i]));
    out[i * 3] = r[0]; out[i * 3 + 1] = r[1]; out[i * 3 + 2] = r[2];
  }
  parentPort.postMessage({ id: m.id, out }, [out.buffer]);
});`;

class KernelPool {
  private workers: Worker[] = [];
  private next = 0;
  private seq = 0;
  private waiting = new Map<number, (out: Int32Array) => void>();
  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.on('message', (m: { id: number; out: Int32Array }) => {
        this.waiting.get(m.id)?.(m.out);
        this.waiting.delete(m.id);
      });
      w.unref();
      this.workers.push(w);
    }
  }
  run(buffers: ArrayBuffer[]): Promise<Int32Array> {
    const id = this.seq++;
    const w = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      w.postMessage({ id, buffers }, buffers);
    });
  }
  async close() {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/* ------------------------------------------------------------------ reading samples */

export interface PeakResult {
  resourceId: string;
  count: number;
  dropped: number;
  peakKbps: number;
}

const LITTLE_ENDIAN = os.endianness() === 'LE';

/** The stored bytes of one or more days as int32 values (copied: aligned and transferable). */
function toInt32(bytes: Uint8Array): Int32Array {
  const out = new Int32Array(bytes.byteLength >>> 2);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  else {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = dv.getInt32(i * 4, true);
  }
  return out;
}

export function encodeSamples(samples: (number | null)[]): Uint8Array {
  const buf = Buffer.alloc(samples.length * 4);
  for (let i = 0; i < samples.length; i++) buf.writeInt32LE(samples[i] ?? -1, i * 4);
  return buf;
}

export function decodeSamples(bytes: Uint8Array): (number | null)[] {
  return Array.from(toInt32(bytes), (v) => (v < 0 ? null : v));
}

/**
 * Compute the 95-peaks of resources for a month. The month's days of each resource are concatenated in
 * SQL (string_agg over bytea), so each resource is one row of raw int32s; on PostgreSQL the selection runs
 * in worker threads while the next chunk is being fetched. On PGlite (one in-process engine) it runs inline.
 */
export async function computePeaks(db: Executor, resourceIds: string[], month: string, opts: { workers?: number; chunk?: number } = {}): Promise<PeakResult[]> {
  const { start, end } = monthRange(month);
  const first = chinaDate(start);
  const last = chinaDate(new Date(end.getTime() - 1));
  const client = (db as unknown as { $client?: unknown }).$client;
  const pool = client instanceof pg.Pool ? client : null;
  const workers = opts.workers ?? (pool && resourceIds.length >= 200 ? Math.max(1, Math.min(4, os.availableParallelism() - 1)) : 0);
  const chunk = opts.chunk ?? 500;
  const kernels = workers > 0 ? new KernelPool(workers) : null;
  const out: PeakResult[] = [];
  const pending: Promise<void>[] = [];
  try {
    for (let at = 0; at < resourceIds.length; at += chunk) {
      const ids = resourceIds.slice(at, at + chunk);
      const text = `SELECT resource_id, string_agg(samples, ''::bytea ORDER BY day) AS s FROM cloud_bandwidth_samples
                    WHERE resource_id = ANY($1::uuid[]) AND day >= $2::date AND day <= $3::date GROUP BY resource_id`;
      let got: { resource_id: string; s: Uint8Array }[];
      // straight on the pool: bytea comes back as hex and node-pg decodes it natively into a Buffer (node-pg
      // cannot read binary-format results: its protocol parser decodes every field as UTF-8 text)
      if (pool) got = (await pool.query<{ resource_id: string; s: Buffer }>(text, [ids, first, last])).rows;
      else got = await rows(db, sql`SELECT resource_id, string_agg(samples, ''::bytea ORDER BY day) AS s FROM cloud_bandwidth_samples
                    WHERE resource_id = ANY(${sql.param(ids)}::uuid[]) AND day >= ${first}::date AND day <= ${last}::date GROUP BY resource_id`);
      const arrays = got.map((r) => toInt32(r.s));
      if (kernels) {
        pending.push(
          kernels.run(arrays.map((a) => a.buffer as ArrayBuffer)).then((res) => {
            got.forEach((r, i) => out.push({ resourceId: r.resource_id, count: res[i * 3]!, dropped: res[i * 3 + 1]!, peakKbps: res[i * 3 + 2]! }));
          }),
        );
      } else {
        got.forEach((r, i) => {
          const [count, dropped, peakKbps] = peak95Kernel(arrays[i]!);
          out.push({ resourceId: r.resource_id, count, dropped, peakKbps });
        });
      }
    }
    await Promise.all(pending);
  } finally {
    await kernels?.close();
  }
  return out;
}

/* ------------------------------------------------------------------ ingestion */

export interface SampleDayInput {
  resourceId: string;
  day: string; // Beijing date YYYY-MM-DD
  samples: (number | null)[]; // 288 values in kbit/s, null = no sample
}

function bad(field: string, code: string, text: Text): AppError {
  return badRequest(code, text, {}, { [field]: text });
}

/**
 * Record five-minute bandwidth samples of 95-peak resources, one Beijing day per item (a day sent again
 * replaces the stored one). All or nothing; refusals name `days.<i>.<field>`.
 */
export async function recordBandwidthSamples(db: Executor, days: SampleDayInput[]): Promise<{ days: number }> {
  if (!days.length) return { days: 0 };
  const ids = [...new Set(days.map((d) => d.resourceId).filter(isUuid))];
  const eligible = new Map(
    (
      await rows<{ id: string; effective_at: Date | string; closed_at: Date | string | null; charge_mode: string }>(
        db,
        sql`SELECT r.id, r.effective_at, r.closed_at, r.charge_mode FROM cloud_resources r
            WHERE r.id = ANY(${sql.param(ids)}::uuid[]) AND EXISTS (
              SELECT 1 FROM cloud_prices p JOIN cloud_usage_types u ON u.code = p.usage_type_code AND u.resource_type_code = r.resource_type_code AND u.peak95
              WHERE p.product_id = r.product_id AND p.charge_mode = 'on_demand')`,
      )
    ).map((r) => [r.id, r]),
  );
  const today = chinaDate(clock.now());
  const cols = { id: [] as string[], day: [] as string[], bytes: [] as Uint8Array[] };
  for (const [i, d] of days.entries()) {
    const f = (n: string) => `days.${i}.${n}`;
    const r = isUuid(d.resourceId) ? eligible.get(d.resourceId) : undefined;
    if (!r) throw bad(f('resourceId'), 'cloud.not-peak95-resource', { zh: '资源不存在或不按95峰值计费', en: 'Unknown resource, or it is not billed by the 95th percentile' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.day) || chinaDate(chinaMidnight(d.day)) !== d.day) throw bad(f('day'), 'cloud.bad-day', { zh: '日期格式应为YYYY-MM-DD', en: 'The day must look like YYYY-MM-DD' });
    const born = chinaDate(new Date(r.effective_at));
    const closed = r.closed_at ? chinaDate(new Date(r.closed_at)) : null;
    if (d.day < born || d.day > today || (closed && d.day > closed)) {
      throw bad(f('day'), 'cloud.usage-outside-lifetime', { zh: '采样日期不在资源的使用期内', en: 'The day is outside the resource’s lifetime' });
    }
    if (!Array.isArray(d.samples) || d.samples.length !== SLOTS_PER_DAY) throw bad(f('samples'), 'cloud.bad-sample-count', { zh: '每天应有288个5分钟采样点', en: 'A day has 288 five-minute samples' });
    for (const [j, v] of d.samples.entries()) {
      if (v === null) continue;
      if (!Number.isInteger(v) || v < 0 || v > MAX_KBPS) {
        throw bad(`${f('samples')}.${j}`, v !== null && v < 0 ? 'cloud.negative-usage' : 'cloud.absurd-usage', { zh: '带宽采样值应为0–1000000000的整数（kbit/s）', en: 'A sample is an integer from 0 to 1,000,000,000 kbit/s' });
      }
    }
    cols.id.push(d.resourceId);
    cols.day.push(d.day);
    cols.bytes.push(encodeSamples(d.samples));
  }
  const CHUNK = 2000;
  await inTransaction(db, async (tx) => {
    for (let at = 0; at < cols.id.length; at += CHUNK) {
      const s = (a: unknown[]) => sql.param(a.slice(at, at + CHUNK));
      await tx.execute(sql`INSERT INTO cloud_bandwidth_samples (resource_id, day, samples)
        SELECT * FROM unnest(${s(cols.id)}::uuid[], ${s(cols.day)}::date[], ${s(cols.bytes)}::bytea[])
        ON CONFLICT (resource_id, day) DO UPDATE SET samples = excluded.samples`);
    }
  });
  return { days: cols.id.length };
}

/* ------------------------------------------------------------------ monthly billing */

export interface Peak95BillResult {
  runId: number | null;
  month: string;
  resources: number;
  amount: string;
  replayed: boolean;
}

/**
 * Bill a finished month's 95-peak resources: compute the peaks, price them, split each charge over
 * vouchers / cash / arrears like every pay-per-use charge, write the fee records and one ledger posting.
 * Runs once per month (a second call answers the first run).
 */
export async function billPeak95Month(db: Executor, monthKey: string, opts: { workers?: number } = {}): Promise<Peak95BillResult> {
  if (!isMonth(monthKey)) throw bad('month', 'cloud.bad-month', { zh: '账期格式应为YYYY-MM', en: 'The billing month must look like YYYY-MM' });
  const { start, end, days: daysInMonth } = monthRange(monthKey);
  if (end.getTime() > clock.nowMs()) throw refused('cloud.month-not-closed', { zh: '账期尚未结束，无法出账', en: 'The month has not ended yet' });
  const billMonth = `${monthKey}-01`;
  const done = await db.select().from(cloudRatingRuns).where(and(eq(cloudRatingRuns.kind, 'peak95'), eq(cloudRatingRuns.billMonth, billMonth)));
  if (done[0]) return { runId: done[0].id, month: monthKey, resources: done[0].records, amount: money(done[0].amount).toFixed(2), replayed: true };

  const candidates = await rows<{ id: string; customer: string; product_id: string; usage: string; service: string; resource_type: string; region: string; effective_at: Date | string; closed_at: Date | string | null }>(
    db,
    sql`SELECT r.id, r.customer_account_id AS customer, r.product_id, u.code AS usage, r.service_type_code AS service, r.resource_type_code AS resource_type,
               r.region_code AS region, r.effective_at, r.closed_at
        FROM cloud_resources r
        JOIN cloud_prices p ON p.product_id = r.product_id AND p.charge_mode = 'on_demand'
        JOIN cloud_usage_types u ON u.code = p.usage_type_code AND u.resource_type_code = r.resource_type_code AND u.peak95
        WHERE r.charge_mode = 'on_demand' AND r.effective_at < ${end} AND (r.closed_at IS NULL OR r.closed_at >= ${start})
        ORDER BY r.customer_account_id, r.id`,
  );
  const peaks = new Map((await computePeaks(db, candidates.map((c) => c.id), monthKey, opts)).map((p) => [p.resourceId, p]));
  const billed = candidates.filter((c) => (peaks.get(c.id)?.count ?? 0) > 0);

  return inTransaction(db, async (tx) => {
    const now = clock.now();
    const [run] = await tx
      .insert(cloudRatingRuns)
      .values({ kind: 'peak95', billMonth, records: 0, amount: '0', startedAt: now, finishedAt: now })
      .returning({ id: cloudRatingRuns.id });
    const runId = run!.id;
    const bal = await customerBalances(tx, [...new Set(billed.map((c) => c.customer))]);
    const left = new Map(bal.map((b) => [b.customerId, { voucher: b.voucher, cash: b.cash }]));
    const assoc = new Map(bal.map((b) => [b.customerId, b]));
    const priceCache = new Map<string, Awaited<ReturnType<typeof findPrice>>>();
    const rateCache = new Map<string, Money | null>();
    const fees: (typeof cloudFeeRecords.$inferInsert)[] = [];
    const bills: (typeof cloudPeak95Bills.$inferInsert)[] = [];
    const totals = new Map<string, { customer: string; amount: Money; coupon: Money; cash: Money; debt: Money }>();
    for (const c of billed) {
      const p = peaks.get(c.id)!;
      const key = `${c.product_id}:${c.usage}`;
      if (!priceCache.has(key)) priceCache.set(key, await findPrice(tx, c.product_id, 'on_demand', { usageTypeCode: c.usage }));
      const price = priceCache.get(key)!;
      const rk = `${c.customer}:${c.service}`;
      if (!rateCache.has(rk)) rateCache.set(rk, await bestRate(tx, c.customer, c.service, now));
      const rate = rateCache.get(rk)!;
      const firstDay = Math.max(start.getTime(), chinaMidnight(chinaDate(new Date(c.effective_at))).getTime());
      const lastDayEnd = c.closed_at ? Math.min(end.getTime(), chinaMidnight(chinaDate(new Date(c.closed_at))).getTime() + DAY_MS) : end.getTime();
      const daysUsed = Math.max(0, Math.round((lastDayEnd - firstDay) / DAY_MS));
      const mbps = new Dec(p.peakKbps).div(1000);
      const list = price!.model === 'tiered' ? graduated(mbps, price!.tiers) : mbps.times(price!.unitPrice ?? 0);
      const official = roundTo(list.times(daysUsed).div(daysInMonth), 6);
      const discount = rate === null ? ZERO : roundTo(official.times(new Dec(1).minus(rate)), 6);
      const pay = roundTo(official.minus(discount), 2);
      const l = left.get(c.customer)!;
      const split = paymentSplit(pay, l.voucher, l.cash);
      l.voucher = l.voucher.minus(split.coupon);
      l.cash = l.cash.minus(split.cash);
      const a = assoc.get(c.customer)!;
      fees.push({
        billMonth,
        customerAccountId: c.customer,
        partnerId: a.partnerId,
        associationType: a.associationType,
        accountManagerId: a.accountManagerId,
        chargingMode: 3,
        billDetailType: 5,
        serviceTypeCode: c.service,
        resourceTypeCode: c.resource_type,
        regionCode: c.region,
        productId: c.product_id,
        resourceId: c.id,
        tradeId: `P95-${monthKey}-${c.id.slice(0, 8)}`,
        usageTypeCode: c.usage,
        usageAmount: mbps.toFixed(),
        usageMeasureId: 15,
        consumeTime: new Date(end.getTime() - 1000),
        officialAmount: official.toFixed(6),
        discountAmount: discount.toFixed(6),
        paymentAmount: pay.toFixed(2),
        cashAmount: split.cash.toFixed(2),
        couponAmount: split.coupon.toFixed(2),
        debtAmount: split.debt.toFixed(2),
        ratingRunId: runId,
      });
      bills.push({ resourceId: c.id, billMonth, usageTypeCode: c.usage, sampleCount: p.count, dropped: p.dropped, peakKbps: p.peakKbps, daysUsed, daysInMonth, ratingRunId: runId });
      const t = totals.get(c.customer) ?? { customer: c.customer, amount: ZERO, coupon: ZERO, cash: ZERO, debt: ZERO };
      totals.set(c.customer, { customer: c.customer, amount: t.amount.plus(pay), coupon: t.coupon.plus(split.coupon), cash: t.cash.plus(split.cash), debt: t.debt.plus(split.debt) });
    }
    for (let at = 0; at < fees.length; at += 1000) {
      await tx.insert(cloudFeeRecords).values(fees.slice(at, at + 1000));
      await tx.insert(cloudPeak95Bills).values(bills.slice(at, at + 1000));
    }
    const sums = await settle(
      tx,
      `cloud.peak95:${monthKey}`,
      'cloud.peak95.charge',
      bal,
      [...totals.values()].map((t) => ({ customer: t.customer, amount: t.amount.toFixed(2), coupon: t.coupon.toFixed(2), cash: t.cash.toFixed(2), debt: t.debt.toFixed(2) })),
      { runId, month: monthKey },
    );
    await tx.update(cloudRatingRuns).set({ records: fees.length, amount: sums.amount.toFixed(2), postingId: sums.postingId, finishedAt: clock.now() }).where(eq(cloudRatingRuns.id, runId));
    return { runId, month: monthKey, resources: fees.length, amount: sums.amount.toFixed(2), replayed: false };
  });
}

/** The stored samples of one resource-day (null = no sample), for detail views and tests. */
export async function samplesOf(ex: Executor, resourceId: string, day: string): Promise<(number | null)[] | null> {
  const [r] = await ex.select().from(cloudBandwidthSamples).where(and(eq(cloudBandwidthSamples.resourceId, resourceId), eq(cloudBandwidthSamples.day, day)));
  return r ? decodeSamples(r.samples) : null;
}
