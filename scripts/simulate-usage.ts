import { pathToFileURL } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../src/platform/db/index.js';
import { clock, DAY_MS, HOUR_MS } from '../src/platform/clock.js';
import { cloudProducts, cloudResources } from '../src/modules/cloud/schema.js';
import { billPeak95Month, rateUsage, recordBandwidthSamples, recordUsage, type SampleDayInput, type UsageInput } from '../src/modules/cloud/service.js';
import { addChinaDays, billMonthOf, chinaDate, chinaMidnight, monthRange, SLOTS_PER_DAY } from '../src/modules/cloud/time.js';

/**
 * Usage simulator: months of plausible metering for 按需 resources, deterministic from a seed (the same
 * seed, resources and period give byte-identical output, whatever else is simulated alongside).
 *
 * Profiles, by what the product meters:
 * - Duration (ECS, RDS, EIP): 70 % of resources run around the clock, 30 % are office machines that run
 *   08:00–20:00 Beijing on weekdays; one hour per hour they run.
 * - Capacity (EVS, RDS storage; GB·h): the resource's size every hour.
 * - storage (OBS; GB·h): a bucket of 50–5,000 GB growing 0.1–1 % a day.
 * - upflow (OBS, CDN, Live, VPC by traffic; GB): a diurnal curve peaking around 21:00 Beijing, weekend
 *   lift, ±20 % noise, and a rare burst day.
 * - reqNumber (OBS; 10,000 requests): proportional to the traffic.
 * - bandwidth95 (the seven 95-peak products): five-minute samples in kbit/s on the same diurnal curve
 *   around a per-resource base of 5–800 Mbit/s, with short spikes (which the 95th percentile drops).
 *
 * Use it from code (`simulateUsage`, `simulateBandwidth`, `simulateForCustomers`) or from the shell:
 *   DATABASE_URL=… npx tsx scripts/simulate-usage.ts --seed 42 --months 3 [--customer <account id> …]
 * which loads the customers' (default: all) 按需 resources, records their usage and samples for the last
 * `months` whole months up to now, rates it and bills the finished months' 95-peaks.
 */

/* ------------------------------------------------------------------ deterministic randomness */

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for one resource (FNV-1a over the id), so each resource's stream is independent of the others. */
export function seedFor(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Relative load by Beijing hour of day: low at 04:00, high around 21:00 (1.0). */
function diurnal(hourOfDay: number): number {
  const x = ((hourOfDay - 21 + 24) % 24) / 24; // 0 at 21:00
  return 0.25 + 0.75 * (0.5 + 0.5 * Math.cos(2 * Math.PI * x));
}

const beijingHour = (t: number) => new Date(t + 8 * HOUR_MS).getUTCHours();
const beijingWeekday = (t: number) => new Date(t + 8 * HOUR_MS).getUTCDay();
/** Thousandths as an exact decimal string (no float formatting). */
const milli = (n: number) => {
  const v = Math.max(0, Math.round(n));
  return `${Math.floor(v / 1000)}.${String(v % 1000).padStart(3, '0')}`;
};

/* ------------------------------------------------------------------ hourly usage */

export interface SimResource {
  id: string;
  productCode: string;
  size?: number | null;
  openedAt?: Date;
  closedAt?: Date | null;
}

type Meter = 'duration' | 'capacity' | 'obs' | 'traffic' | 'none';

/** The seeded 95-peak products all carry "95" in their code (see catalogue-data.ts). */
const isPeak95Code = (code: string) => code.includes('95');

function meterOf(code: string): Meter {
  if (isPeak95Code(code)) return 'none'; // metered by five-minute samples, not hourly records
  if (code.startsWith('ecs.') || code.startsWith('rds.mysql') || code.startsWith('vpc.eip')) return 'duration';
  if (code.startsWith('evs.') || code.startsWith('rds.volume')) return 'capacity';
  if (code === 'obs.standard') return 'obs';
  if (code.startsWith('cdn.traffic') || code.startsWith('live.traffic') || code === 'vpc.bandwidth.12_bgp') return 'traffic';
  return 'none';
}

/** Hourly usage records of the resources over [from, from + hours), streamed hour by hour. */
export function* streamUsage(opts: { seed: number; resources: SimResource[]; from: Date; hours: number }): Generator<UsageInput[]> {
  const state = opts.resources.map((r) => {
    const rnd = prng(seedFor(opts.seed, r.id));
    return {
      r,
      rnd,
      meter: meterOf(r.productCode),
      office: rnd() < 0.3,
      storageGb: 50 + rnd() * 4950,
      growth: 1 + (0.001 + rnd() * 0.009) / 24,
      trafficGb: r.productCode.startsWith('cdn') || r.productCode.startsWith('live') ? 2 + rnd() * 60 : 0.2 + rnd() * 8,
      burstDay: -1,
    };
  });
  const start = Math.floor(opts.from.getTime() / HOUR_MS) * HOUR_MS;
  for (let h = 0; h < opts.hours; h++) {
    const t = start + h * HOUR_MS;
    const hourStart = new Date(t);
    const bh = beijingHour(t);
    const weekend = [0, 6].includes(beijingWeekday(t));
    const out: UsageInput[] = [];
    for (const s of state) {
      const { r, rnd } = s;
      const noise = 0.8 + rnd() * 0.4; // drawn every hour, so streams stay aligned
      if (bh === 0) s.burstDay = rnd() < 0.03 ? 1 : 0;
      if (r.openedAt && t < Math.floor(r.openedAt.getTime() / HOUR_MS) * HOUR_MS) continue;
      if (r.closedAt && t >= r.closedAt.getTime()) continue;
      switch (s.meter) {
        case 'duration':
          if (s.office && (weekend || bh < 8 || bh >= 20)) break;
          out.push({ resourceId: r.id, usageTypeCode: 'Duration', hourStart, value: '1', measureId: 4 });
          break;
        case 'capacity':
          out.push({ resourceId: r.id, usageTypeCode: 'Capacity', hourStart, value: String(r.size ?? 40), measureId: 22 });
          break;
        case 'obs': {
          s.storageGb *= s.growth;
          const gb = s.trafficGb * diurnal(bh) * noise * (weekend ? 1.2 : 1) * (s.burstDay === 1 ? 4 : 1);
          out.push({ resourceId: r.id, usageTypeCode: 'storage', hourStart, value: milli(s.storageGb * 1000), measureId: 22 });
          out.push({ resourceId: r.id, usageTypeCode: 'upflow', hourStart, value: milli(gb * 1000), measureId: 10 });
          out.push({ resourceId: r.id, usageTypeCode: 'reqNumber', hourStart, value: milli(gb * 1.7 * 1000), measureId: 20 });
          break;
        }
        case 'traffic': {
          const gb = s.trafficGb * diurnal(bh) * noise * (weekend ? 1.2 : 1) * (s.burstDay === 1 ? 4 : 1);
          out.push({ resourceId: r.id, usageTypeCode: 'upflow', hourStart, value: milli(gb * 1000), measureId: 10 });
          break;
        }
        case 'none':
          break;
      }
    }
    yield out;
  }
}

export function simulateUsage(opts: { seed: number; resources: SimResource[]; from: Date; hours: number }): { records: UsageInput[] } {
  const records: UsageInput[] = [];
  for (const hour of streamUsage(opts)) records.push(...hour);
  return { records };
}

/* ------------------------------------------------------------------ five-minute bandwidth */

/** Five-minute samples (kbit/s) of 95-peak resources for `days` Beijing days from `fromDay`, day by day. */
export function* streamBandwidth(opts: { seed: number; resourceIds: string[]; fromDay: string; days: number }): Generator<SampleDayInput[]> {
  const state = opts.resourceIds.map((id) => {
    const rnd = prng(seedFor(opts.seed ^ 0x95, id));
    return { id, rnd, baseKbps: 5_000 + rnd() * 795_000 };
  });
  for (let d = 0; d < opts.days; d++) {
    const day = addChinaDays(opts.fromDay, d);
    const dayStart = chinaMidnight(day).getTime();
    const weekend = [0, 6].includes(beijingWeekday(dayStart));
    const out: SampleDayInput[] = [];
    for (const s of state) {
      const samples = new Array<number | null>(SLOTS_PER_DAY);
      for (let i = 0; i < SLOTS_PER_DAY; i++) {
        const bh = Math.floor(i / 12);
        const spike = s.rnd() < 0.01 ? 3 + s.rnd() * 5 : 1;
        samples[i] = Math.round(s.baseKbps * diurnal(bh) * (weekend ? 1.15 : 1) * (0.85 + s.rnd() * 0.3) * spike);
      }
      out.push({ resourceId: s.id, day, samples });
    }
    yield out;
  }
}

export function simulateBandwidth(opts: { seed: number; resourceIds: string[]; fromDay: string; days: number }): SampleDayInput[] {
  const out: SampleDayInput[] = [];
  for (const day of streamBandwidth(opts)) out.push(...day);
  return out;
}

/* ------------------------------------------------------------------ for a database */

/**
 * Simulate the 按需 resources of the given customers (all when none given) over the last `months` whole
 * months and the current month so far: record usage and samples, rate it all and bill the finished months'
 * 95-peaks. Idempotent for usage (re-sent hours are ignored) and peaks (a billed month is not billed again).
 */
export async function simulateForCustomers(db: Executor, opts: { seed: number; months: number; customerIds?: string[] }) {
  const now = clock.now();
  const current = monthRange(billMonthOf(now));
  let start = current.start;
  for (let i = 0; i < opts.months; i++) start = monthRange(billMonthOf(new Date(start.getTime() - 1))).start;
  const rows = await db
    .select({ r: cloudResources, code: cloudProducts.code })
    .from(cloudResources)
    .innerJoin(cloudProducts, eq(cloudProducts.id, cloudResources.productId))
    .where(and(eq(cloudResources.chargeMode, 'on_demand'), opts.customerIds?.length ? inArray(cloudResources.customerAccountId, opts.customerIds) : undefined));
  const resources: SimResource[] = rows.map(({ r, code }) => ({ id: r.id, productCode: code, size: r.size, openedAt: r.effectiveAt, closedAt: r.closedAt }));
  const lastHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = new Date(Math.max(start.getTime(), Math.min(...resources.map((r) => r.openedAt!.getTime()), lastHour)));
  let batch: UsageInput[] = [];
  let records = 0;
  for (const hour of streamUsage({ seed: opts.seed, resources, from, hours: Math.max(0, (lastHour - from.getTime()) / HOUR_MS) })) {
    batch.push(...hour);
    if (batch.length >= 20_000) {
      records += (await recordUsage(db, batch)).inserted;
      batch = [];
    }
  }
  if (batch.length) records += (await recordUsage(db, batch)).inserted;

  const peakIds = rows.filter(({ code }) => isPeak95Code(code)).map(({ r }) => r);
  let sampleDays = 0;
  const today = chinaDate(now);
  for (const r of peakIds) {
    const firstDay = chinaDate(new Date(Math.max(r.effectiveAt.getTime(), start.getTime())));
    const lastDay = r.closedAt ? chinaDate(r.closedAt) : addChinaDays(today, -1);
    const days = Math.round((chinaMidnight(lastDay).getTime() - chinaMidnight(firstDay).getTime()) / DAY_MS) + 1;
    if (days <= 0) continue;
    for (const day of streamBandwidth({ seed: opts.seed, resourceIds: [r.id], fromDay: firstDay, days })) sampleDays += (await recordBandwidthSamples(db, day)).days;
  }
  let rated = 0;
  for (let run = await rateUsage(db); run.records > 0; run = await rateUsage(db)) rated += run.records;
  const billed: string[] = [];
  for (let m = start; m.getTime() < current.start.getTime(); m = monthRange(billMonthOf(m)).end) {
    const key = billMonthOf(m).slice(0, 7);
    await billPeak95Month(db, key);
    billed.push(key);
  }
  return { resources: resources.length, records, sampleDays, rated, peak95Months: billed };
}

/* ------------------------------------------------------------------ command line */

async function main() {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const customerIds = args.flatMap((a, i) => (a === '--customer' && args[i + 1] ? [args[i + 1]!] : []));
  const { openDatabase, migrateDatabase } = await import('../src/platform/db/index.js');
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : `${process.env.DATA_DIR ?? './data'}/pglite` });
  await migrateDatabase(database);
  const result = await simulateForCustomers(database.db, { seed: Number(arg('seed') ?? 42), months: Number(arg('months') ?? 3), customerIds });
  console.log(JSON.stringify(result, null, 2));
  await database.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
