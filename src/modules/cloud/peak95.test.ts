import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import { rows, type Database } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { expectRefused, refusal } from '../../../test/refusal.js';
import { cloudFeeRecords, cloudPeak95Bills, cloudResources } from './schema.js';
import { billPeak95Month, computePeaks, openOnDemand, peak95, recordBandwidthSamples, samplesOf, arrearsAccount } from './service.js';
import { balance, cloudTestDb, fund, newCustomer, ownCash, productId } from './test-helpers.js';
import { addChinaDays } from './time.js';
import { simulateBandwidth } from '../../../scripts/simulate-usage.js';

let db: Database;
let cdn95: string;
beforeAll(async () => {
  db = await cloudTestDb();
  cdn95 = await productId(db.db, 'cdn.bandwidth95.mainland'); // 32 / 30 / 28 元 per Mbps·month over 0–100 / 100–1000 / >1000
});
afterEach(() => clock.reset());
afterAll(async () => {
  await ledger.assertLedgerConsistent(db.db);
  await db.close();
});

const range = <T,>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('the 95th-percentile rule, by hand', () => {
  it('drops the top 5% (floor(N/20)) and bills the highest remaining sample', () => {
    expect(peak95(range(100, (i) => i + 1))).toEqual({ count: 100, dropped: 5, peak: 95 });
    // a 30-day month: 8640 samples, 432 dropped, the 433rd largest billed
    const month = range(8640, (i) => ((i * 7919) % 8640) + 1); // 1…8640, shuffled
    expect(peak95(month)).toEqual({ count: 8640, dropped: 432, peak: 8208 });
    // a 31-day month: 8928 samples, 446 dropped
    expect(peak95(range(8928, (i) => 8928 - i))).toEqual({ count: 8928, dropped: 446, peak: 8482 });
  });
  it('ties are separate samples: equal values straddling the cut make the billed peak equal the dropped ones', () => {
    expect(peak95([...range(37, () => 10), 50, 50, 50]).peak).toBe(50); // k = 2 drops two of the three 50s
    expect(peak95([...range(38, () => 10), 50, 50]).peak).toBe(10); // both 50s dropped
  });
  it('fewer than 20 samples drop nothing; no samples bill nothing; missing slots are not zeros', () => {
    expect(peak95(range(19, (i) => i))).toEqual({ count: 19, dropped: 0, peak: 18 });
    expect(peak95(range(20, (i) => i))).toEqual({ count: 20, dropped: 1, peak: 18 });
    expect(peak95(range(288, () => null))).toEqual({ count: 0, dropped: 0, peak: 0 });
    const partial = range(288, (i) => (i < 100 ? null : i)); // 188 samples: k = 9
    expect(peak95(partial)).toEqual({ count: 188, dropped: 9, peak: 278 });
    expect(peak95(range(288, () => 0)).peak).toBe(0);
  });
  it('equals sorting, for any samples (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constant(null), fc.integer({ min: 0, max: 5 })), { maxLength: 2000 }), (xs) => {
        const present = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
        const n = present.length;
        const want = n === 0 ? 0 : present[n - 1 - Math.floor(n / 20)]!;
        expect(peak95(xs)).toEqual({ count: n, dropped: Math.floor(n / 20), peak: want });
      }),
      { numRuns: 300 },
    );
  });
});

async function peakResource(openedAt: string, cash = '0') {
  clock.set(openedAt);
  const c = await newCustomer(db);
  if (cash !== '0') await fund(db.db, c.id, cash);
  const r = await openOnDemand(c.ctx, { productId: cdn95, regionCode: 'global' });
  return { c, r };
}

async function sendDays(resourceId: string, firstDay: string, days: number, value: (day: number, slot: number) => number | null) {
  await recordBandwidthSamples(
    db.db,
    range(days, (d) => d).map((d) => ({ resourceId, day: addChinaDays(firstDay, d), samples: range(288, (s) => value(d, s)) })),
  );
}

describe('monthly 95-peak bills', () => {
  it('bills the peak at the graduated price, pro rata to the days of the month the resource existed', async () => {
    const { c: c1, r: flat } = await peakResource('2024-07-31T16:00:00Z', '100000.00'); // opened 08-01 00:00 Beijing
    const { c: c2, r: bursty } = await peakResource('2024-07-31T16:00:00Z', '100000.00');
    const { c: c3, r: late } = await peakResource('2024-08-20T16:00:00Z', '1000.00'); // opened 08-21: 11 days
    const { c: c4, r: gone } = await peakResource('2024-07-31T16:00:00Z', '10000.00');
    // deleted at 12:00 on 08-10 Beijing: it existed 10 days of August
    await db.db.update(cloudResources).set({ status: '已删除', closedAt: new Date('2024-08-10T04:00:00Z') }).where(eq(cloudResources.id, gone.id));
    clock.set('2024-08-31T15:59:59Z'); // 23:59:59 on 08-31 Beijing
    // August: 31 × 288 = 8928 samples, 446 dropped — a burst of exactly 446 samples is free, one more is not
    await sendDays(flat.id, '2024-08-01', 31, (d, s) => (d * 288 + s < 446 ? 900_000 : 100_000));
    await sendDays(bursty.id, '2024-08-01', 31, (d, s) => (d * 288 + s < 447 ? 900_000 : 100_000));
    await sendDays(late.id, '2024-08-21', 11, () => 250_000);
    await sendDays(gone.id, '2024-08-01', 10, () => 50_000);
    await expectRefused(sendDays(gone.id, '2024-08-11', 1, () => 50_000), 'cloud.usage-outside-lifetime', 400); // after it was deleted
    expect((await samplesOf(db.db, flat.id, '2024-08-01'))![0]).toBe(900_000);

    await expectRefused(billPeak95Month(db.db, '2024-08'), 'cloud.month-not-closed', 409);
    clock.set('2024-09-01T02:00:00Z');
    const run = await billPeak95Month(db.db, '2024-08');
    expect(run).toMatchObject({ resources: 4, replayed: false });

    const fee = async (resourceId: string) => (await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.resourceId, resourceId)))[0]!;
    expect(await fee(flat.id)).toMatchObject({ usageAmount: '100.000000', officialAmount: '3200.000000', paymentAmount: '3200.00', cashAmount: '3200.00', billMonth: '2024-08-01', billDetailType: 5, chargingMode: 3 });
    expect(await fee(bursty.id)).toMatchObject({ usageAmount: '900.000000', paymentAmount: '27200.00' }); // 100 × 32 + 800 × 30
    // 250 Mbps = 100 × 32 + 150 × 30 = 7700 a month, × 11/31 days = 2732.258064…
    expect(await fee(late.id)).toMatchObject({ officialAmount: '2732.258065', paymentAmount: '2732.26', cashAmount: '1000.00', debtAmount: '1732.26' });
    expect(await balance(db.db, arrearsAccount(c3.id))).toBe('-1732.26');
    expect(await fee(gone.id)).toMatchObject({ officialAmount: '516.129032', paymentAmount: '516.13' }); // 50 × 32 × 10/31
    const [bill] = await db.db.select().from(cloudPeak95Bills).where(and(eq(cloudPeak95Bills.resourceId, flat.id), eq(cloudPeak95Bills.billMonth, '2024-08-01')));
    expect(bill).toMatchObject({ sampleCount: 8928, dropped: 446, peakKbps: 100_000, daysUsed: 31, daysInMonth: 31 });
    expect(await balance(db.db, ownCash(c1.id))).toBe('96800.00');
    expect(await balance(db.db, ownCash(c2.id))).toBe('72800.00');
    expect(await balance(db.db, ownCash(c4.id))).toBe('9483.87');

    const again = await billPeak95Month(db.db, '2024-08');
    expect(again).toMatchObject({ replayed: true, runId: run.runId });
    expect(await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.resourceId, flat.id))).toHaveLength(1);
  });

  it('refuses bad samples, naming the day and field, and writes nothing', async () => {
    const { c, r } = await peakResource('2024-05-10T16:00:00Z'); // opened 05-11
    const ecs = await openOnDemand(c.ctx, { productId: await productId(db.db, 'ecs.s6.large.2.linux'), regionCode: 'cn-north-4' });
    clock.set('2024-05-20T04:00:00Z');
    const ok = { resourceId: r.id, day: '2024-05-12', samples: range(288, () => 1000) };
    const cases: [unknown, string, string][] = [
      [{ ...ok, samples: range(287, () => 1) }, 'days.1.samples', 'cloud.bad-sample-count'],
      [{ ...ok, samples: range(288, (i) => (i === 5 ? -3 : 1)) }, 'days.1.samples.5', 'cloud.negative-usage'],
      [{ ...ok, samples: range(288, (i) => (i === 7 ? 2_000_000_000 : 1)) }, 'days.1.samples.7', 'cloud.absurd-usage'],
      [{ ...ok, samples: range(288, (i) => (i === 9 ? 1.5 : 1)) }, 'days.1.samples.9', 'cloud.absurd-usage'],
      [{ ...ok, day: '2024-05-10' }, 'days.1.day', 'cloud.usage-outside-lifetime'], // before it was opened
      [{ ...ok, day: '2024-05-21' }, 'days.1.day', 'cloud.usage-outside-lifetime'], // the future
      [{ ...ok, day: '2024-02-30' }, 'days.1.day', 'cloud.bad-day'],
      [{ ...ok, resourceId: ecs.id }, 'days.1.resourceId', 'cloud.not-peak95-resource'],
      [{ ...ok, resourceId: 'nope' }, 'days.1.resourceId', 'cloud.not-peak95-resource'],
    ];
    for (const [bad, field, code] of cases) {
      const e = await refusal(recordBandwidthSamples(db.db, [ok, bad as typeof ok]));
      expect([e.status, e.code, Object.keys(e.fields ?? {})]).toEqual([400, code, [field]]);
    }
    expect(await samplesOf(db.db, r.id, '2024-05-12')).toBeNull();
    // a day sent again replaces the stored one
    await recordBandwidthSamples(db.db, [ok]);
    await recordBandwidthSamples(db.db, [{ ...ok, samples: range(288, (i) => (i === 0 ? null : 7)) }]);
    expect((await samplesOf(db.db, r.id, '2024-05-12'))!.slice(0, 2)).toEqual([null, 7]);
  });

  it('computes the same billed sample as PostgreSQL percentile_disc(0.95) on simulated traffic', async () => {
    const resources = [];
    for (let i = 0; i < 6; i++) resources.push((await peakResource('2024-05-31T16:00:00Z')).r); // opened 06-01
    clock.set('2024-07-02T00:00:00Z');
    const days = simulateBandwidth({ seed: 95, resourceIds: resources.map((r) => r.id), fromDay: '2024-06-01', days: 30 });
    // a few gaps, as when a collector misses slots
    days[3]!.samples.fill(null, 0, 40);
    await recordBandwidthSamples(db.db, days);
    const ours = await computePeaks(db.db, resources.map((r) => r.id), '2024-06', { workers: 0 });
    const viaSql = await rows<{ resource_id: string; p: number; n: number }>(
      db.db,
      sql`SELECT resource_id, percentile_disc(0.95) WITHIN GROUP (ORDER BY v) AS p, count(*)::int AS n FROM (
            SELECT resource_id, get_byte(samples, i * 4) | (get_byte(samples, i * 4 + 1) << 8) | (get_byte(samples, i * 4 + 2) << 16) | (get_byte(samples, i * 4 + 3) << 24) AS v
            FROM cloud_bandwidth_samples, generate_series(0, 287) i
            WHERE day BETWEEN '2024-06-01' AND '2024-06-30' AND resource_id = ANY(${sql.param(resources.map((r) => r.id))}::uuid[])) x
          WHERE v >= 0 GROUP BY resource_id`,
    );
    expect(ours).toHaveLength(6);
    for (const r of viaSql) {
      const mine = ours.find((o) => o.resourceId === r.resource_id)!;
      expect([mine.count, mine.peakKbps]).toEqual([r.n, Number(r.p)]);
    }
    expect(ours.map((o) => o.count).sort()).toContain(8600); // the resource with 40 missing slots
  });
});
