import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { benchDatabase, walStats, writeResults, type BenchResult } from './lib.js';
import * as ledger from '../src/platform/ledger/index.js';
import { rows, type Database } from '../src/platform/db/index.js';
import { clock } from '../src/platform/clock.js';
import { makeAccount } from '../test/fixtures.js';
import { partners } from '../src/modules/partners/schema.js';
import { customerAssociations } from '../src/modules/customers/schema.js';
import { customerFundsAccount, customerOwnCashAccount } from '../src/modules/customers/funds/ledger-accounts.js';
import { cloudProducts } from '../src/modules/cloud/schema.js';
import { openOnDemandFor, rateUsage, recordUsage, seedCatalogue, setCustomerDiscount, vouchersAccount, type UsageInput } from '../src/modules/cloud/service.js';
import { ratingPartitions } from '../src/modules/cloud/usage.js';
import { prng, streamUsage, type SimResource } from '../scripts/simulate-usage.js';

/**
 * Rating throughput (issue 5: ≥ 200,000 usage records per second into fee records on PostgreSQL,
 * measured on 2,000,000 records), and how it grows at 10×: a first batch of 200,000 records, then
 * 2,000,000 more on top of it. Usage is simulated (scripts/simulate-usage.ts) for 2,777 pay-per-use
 * resources of 2,000 customers — ECS and RDS hours, EVS GB-hours, OBS storage / tiered traffic /
 * requests, CDN tiered traffic, VPC traffic — with a mix of 代售 / 顾问销售 / unassociated customers,
 * vouchers, discounts and customers who run into arrears, so every branch of the rating SQL is used.
 * Ingestion (recordUsage: validation + insert) is timed too, but the target is the rating.
 *
 * BENCH_CLOUD_SCALE=0.1 runs a tenth of everything (a quick check).
 */
const SCALE = Number(process.env.BENCH_CLOUD_SCALE ?? 1);
const CUSTOMERS = Math.round(2000 * SCALE);
export const WARMUP_RECORDS = Math.round(200_000 * SCALE);
export const MEASURED_RECORDS = Math.round(2_000_000 * SCALE);
const MIX: [code: string, count: number, region: string, size?: number][] = [
  ['ecs.s6.large.2.linux', 700, 'cn-north-4'],
  ['ecs.c7.xlarge.4.linux', 500, 'cn-east-3'],
  ['evs.sas', 400, 'cn-north-4', 100],
  ['obs.standard', 200, 'cn-north-4'],
  ['cdn.traffic.mainland', 200, 'global'],
  ['vpc.bandwidth.12_bgp', 100, 'cn-south-1'],
  ['rds.mysql.x1.large.2.ha', 277, 'cn-north-4'],
];

export async function setUpRating(database: Database, seed: number) {
  const db = database.db;
  await seedCatalogue(db);
  clock.set('2024-06-01T00:00:00Z');
  const rnd = prng(seed);
  const [sp] = await db.select().from(partners).limit(1);
  const customers: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) customers.push((await makeAccount(database)).id);
  // 40 % 代售 of a partner, 30 % 顾问销售, 30 % not associated
  const resale = new Set(customers.filter((_, i) => i % 10 < 4));
  const consulting = customers.filter((_, i) => i % 10 >= 4 && i % 10 < 7);
  await db.insert(customerAssociations).values([
    ...[...resale].map((c) => ({ partnerId: sp!.id, customerAccountId: c, associationType: 'resale', associatedAt: clock.now() })),
    ...consulting.map((c) => ({ partnerId: sp!.id, customerAccountId: c, associationType: 'consulting', associatedAt: clock.now() })),
  ]);
  // balances: most can pay, some run dry (arrears), a fifth have vouchers; a tenth get 9折 on ECS
  const source = ledger.accountCode('vendor', null, 'bench-topup');
  await ledger.ensureAccount(db, { code: source, ownerKind: 'vendor', floor: null });
  const lines: { account: string; amount: string }[] = [];
  for (const [i, c] of customers.entries()) {
    const cash = resale.has(c) ? customerFundsAccount(sp!.id, c, 'ordinary') : customerOwnCashAccount(c);
    await ledger.ensureAccount(db, { code: cash, ownerKind: 'customer', ownerId: c, partnerId: resale.has(c) ? sp!.id : null, floor: '0' });
    lines.push({ account: cash, amount: (rnd() < 0.15 ? 5 + Math.floor(rnd() * 50) : 1000 + Math.floor(rnd() * 20000)).toFixed(2) });
    if (i % 5 === 0) {
      await ledger.ensureAccount(db, { code: vouchersAccount(c), ownerKind: 'customer', ownerId: c, floor: '0' });
      lines.push({ account: vouchersAccount(c), amount: '100.00' });
    }
    if (i % 10 === 0) await setCustomerDiscount(db, { customerId: c, discountType: '607', name: '伙伴授予折扣', serviceTypeCode: 'hws.service.type.ec2', rate: '0.9', validFrom: clock.now() });
  }
  for (let at = 0; at < lines.length; at += 500) {
    const part = lines.slice(at, at + 500);
    const total = part.reduce((a, l) => a + Math.round(Number(l.amount) * 100), 0);
    await ledger.post(db, { idempotencyKey: `bench-topup:${randomUUID()}`, kind: 'bench.topup', lines: [{ account: source, amount: (-total / 100).toFixed(2) }, ...part] });
  }
  const resources: SimResource[] = [];
  let k = 0;
  for (const [code, count, region, size] of MIX) {
    const [p] = await db.select().from(cloudProducts).where(eq(cloudProducts.code, code));
    for (let i = 0; i < Math.round(count * SCALE); i++) {
      const customer = customers[k++ % customers.length]!;
      const r = await openOnDemandFor(db, customer, { productId: p!.id, regionCode: region, size });
      resources.push({ id: r.id, productCode: code, size: r.size, openedAt: r.effectiveAt });
    }
  }
  return { customers, resources };
}

/** Feed simulated usage into recordUsage until `count` more records are stored; returns ingest seconds. */
export async function ingest(database: Database, usage: Generator<UsageInput[]>, count: number): Promise<number> {
  const t0 = performance.now();
  let stored = 0;
  let buf: UsageInput[] = [];
  while (stored < count) {
    const next = usage.next();
    if (next.done) throw new Error('the simulation ran out of hours');
    buf.push(...next.value);
    if (buf.length >= 100_000 || stored + buf.length >= count) {
      const take = buf.slice(0, count - stored);
      stored += (await recordUsage(database.db, take)).inserted;
      buf = buf.slice(take.length);
    }
  }
  return (performance.now() - t0) / 1000;
}

/** Rate everything ingested (one rateUsage call rates up to the mark); `runs` counts its rating transactions. */
export async function rateAll(database: Database): Promise<{ seconds: number; records: number; runs: number }> {
  const t0 = performance.now();
  const r = await rateUsage(database.db);
  return { seconds: (performance.now() - t0) / 1000, records: r.records, runs: r.runIds.length };
}

/** bench/results/cloud.json holds both cloud benchmarks: replace this one's rows, keep the other's. */
export function mergeCloudResults(results: BenchResult[]) {
  const file = path.join('bench', 'results', 'cloud.json');
  const names = new Set(results.map((r) => `${r.name}|${r.db}`));
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult[]).filter((r) => !names.has(`${r.name}|${r.db}`)) : [];
  writeResults('cloud', [...kept, ...results]);
}

export default async function run() {
  const bdb = await benchDatabase('postgres', 'cloud_rating');
  const database = bdb.database;
  try {
    const t0 = performance.now();
    const { customers, resources } = await setUpRating(database, 7);
    console.log(`setup: ${customers.length} customers, ${resources.length} resources in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    clock.set('2025-06-01T00:00:00Z'); // the simulated hours are in the past
    const usage = streamUsage({ seed: 7, resources, from: new Date('2024-06-01T00:00:00Z'), hours: 24 * 365 });

    const ingest1 = await ingest(database, usage, WARMUP_RECORDS);
    const rate1 = await rateAll(database);
    console.log(`batch 1: ${rate1.records} records ingested in ${ingest1.toFixed(1)} s, rated in ${rate1.seconds.toFixed(2)} s (${rate1.runs} runs)`);
    const ingest2 = await ingest(database, usage, MEASURED_RECORDS);
    const loadBefore = os.loadavg()[0]!;
    const walBefore = await walStats(database.db);
    const rate2 = await rateAll(database);
    const wal = await walStats(database.db);
    console.log(`batch 2: ${rate2.records} records ingested in ${ingest2.toFixed(1)} s, rated in ${rate2.seconds.toFixed(2)} s (${rate2.runs} runs, ${ratingPartitions()} partitions, load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)})`);
    console.log(`batch 2 wrote ${((wal.bytes - walBefore.bytes) / 2 ** 20).toFixed(0)} MB of WAL (${wal.fpi - walBefore.fpi} full-page images), ${wal.checkpoints - walBefore.checkpoints} checkpoints began`);

    // the books balance: every usage record has one fee record, every fee splits exactly, the ledger is consistent
    const [check] = await rows<{ usage: string; fees: string; bad: string; debt: string }>(
      database.db,
      sql`SELECT (SELECT count(*) FROM cloud_usage_records)::text AS usage,
                 (SELECT count(*) FROM cloud_fee_records WHERE charging_mode = 3)::text AS fees,
                 (SELECT count(*) FROM cloud_fee_records WHERE payment_amount <> cash_amount + coupon_amount + debt_amount)::text AS bad,
                 (SELECT coalesce(sum(debt_amount), 0) FROM cloud_fee_records)::text AS debt`,
    );
    if (check!.usage !== check!.fees || check!.bad !== '0') throw new Error(`rating check failed: ${JSON.stringify(check)}`);
    await ledger.assertLedgerConsistent(database.db);

    // the machine is shared: record how busy it was (load average over 1 minute, per the OS) next to the numbers,
    // and the server settings the write path depends on (the stock Debian configuration has 128 MB of buffers)
    const settings = await rows<{ name: string; setting: string }>(
      database.db,
      sql`SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('shared_buffers', 'wal_buffers', 'max_wal_size', 'checkpoint_timeout') ORDER BY name`,
    );
    const machine = {
      postgres: Object.fromEntries(settings.map((r) => [r.name, r.setting])),
      cpus: os.availableParallelism(),
      loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
      loadAverage1mBeforeRating: Math.round(loadBefore * 10) / 10,
      ratingPartitions: ratingPartitions(),
    };
    const scale = (records: number, history: number) => ({ records, historyRecords: history, customers: customers.length, resources: resources.length, machine });
    const results: BenchResult[] = [
      { name: 'rating usage→fee records/s (2,000,000 records)', value: rate2.records / rate2.seconds, unit: 'records/s', better: 'higher', db: 'postgres', scale: scale(rate2.records, rate1.records) },
      { name: 'rating usage→fee records/s (200,000 records)', value: rate1.records / rate1.seconds, unit: 'records/s', better: 'higher', db: 'postgres', scale: scale(rate1.records, 0) },
      { name: 'rating seconds (2,000,000 records)', value: rate2.seconds, unit: 's', better: 'lower', db: 'postgres', scale: scale(rate2.records, rate1.records) },
      { name: 'rating seconds (200,000 records)', value: rate1.seconds, unit: 's', better: 'lower', db: 'postgres', scale: scale(rate1.records, 0) },
      { name: 'usage ingestion records/s (recordUsage, 2,000,000 records)', value: MEASURED_RECORDS / ingest2, unit: 'records/s', better: 'higher', db: 'postgres', scale: scale(MEASURED_RECORDS, WARMUP_RECORDS) },
    ];
    console.log(`arrears created: ¥${check!.debt}`);
    mergeCloudResults(results);
  } finally {
    clock.reset();
    await bdb.cleanup();
  }
}
