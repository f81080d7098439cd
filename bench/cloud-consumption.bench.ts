import os from 'node:os';
import { sql } from 'drizzle-orm';
import { benchDatabase, benchServer, writeResults, type BenchResult } from './lib.js';
import { DEMO_PASSWORD } from '../scripts/seed.js';
import { rows, type Database } from '../src/platform/db/index.js';
import { clock } from '../src/platform/clock.js';
import { seedCatalogue } from '../src/modules/cloud/catalogue.js';
import { rollupConsumption } from '../src/modules/cloud/consumption-rollup.js';
import { BENCH_MANAGERS, seedCustomerWorld } from './customers-seed.js';

/**
 * Issue 5, Performance: 客户消费 for a partner with 100,000 customers and 2,000,000 fee records — a
 * filtered 消费汇总 page p95 < 200 ms on PostgreSQL; 消费明细 pages measured the same way. And the same at a
 * tenth of the data (10,000 customers, 200,000 fees), to see how it grows.
 *
 * The world: the issue-4 bench world (seedCustomerWorld: the distributor dist_admin, 8 客户经理, N
 * customers, 2/3 代售, 9/10 with a manager), then F fee records of one month inserted set-based
 * (INSERT … SELECT generate_series): every customer gets F/N fees over three product types of its own
 * (hourly 按需 charges; 1 in 20 a 包年/包月 new purchase, 1 in 200 a 退订 refund), payments split cash /
 * vouchers / arrears. The rollup (`rollupConsumption`, what the job runs after rating) then folds them —
 * timed too. The month is the last full one of the real clock, so it is closed and within the look-back.
 *
 * Measured over HTTP (the bench server in a child process), one request at a time, after 20 warm-up
 * requests: 200 summary pages and 200 detail pages with varied filters and pages (deterministic).
 * BENCH_CONSUMPTION_SCALES (default "0.1,1").
 */
const SCALES = (process.env.BENCH_CONSUMPTION_SCALES ?? '0.1,1').split(',').map(Number);
const CUSTOMERS = 100_000;
const FEES = 2_000_000;
const REQUESTS = 200;
const WARM_UP = 20;
const TARGET_MS = 200;
/** The month measured: the last full month (Beijing) of the real clock, so it is closed (R-O4) and within 18 months. */
const MONTH = (() => {
  const bj = new Date(Date.now() + 8 * 3600_000);
  const back = bj.getUTCDate() < 3 ? 2 : 1;
  const d = new Date(Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
})();
const MONTH_START = new Date(`${MONTH}-01T00:00:00+08:00`);
const MONTH_HOURS = Math.round((new Date(Date.UTC(MONTH_START.getUTCFullYear(), MONTH_START.getUTCMonth() + 1, 1)).getTime() - Date.UTC(MONTH_START.getUTCFullYear(), MONTH_START.getUTCMonth(), 1)) / 3600_000);
const PRODUCTS = [
  'ecs.s6.large.2.linux',
  'ecs.c7.xlarge.4.linux',
  'evs.sas',
  'obs.standard',
  'cdn.traffic.mainland',
  'vpc.bandwidth.12_bgp',
  'rds.mysql.x1.large.2.ha',
];

async function seedFees(database: Database, partnerId: string, n: number, f: number): Promise<number> {
  const db = database.db;
  const t0 = performance.now();
  await db.execute(sql`DROP TABLE IF EXISTS bench_cust, bench_prod`);
  await db.execute(sql`
    CREATE TABLE bench_cust AS
    SELECT row_number() OVER (ORDER BY customer_account_id)::int AS n, customer_account_id AS id, association_type, account_manager_id
    FROM customer_associations WHERE partner_id = ${partnerId} AND status = 'associated'`);
  await db.execute(sql`CREATE UNIQUE INDEX ON bench_cust (n)`);
  await db.execute(sql`
    CREATE TABLE bench_prod AS
    SELECT (row_number() OVER (ORDER BY code) - 1)::int AS n, id, service_type_code, resource_type_code, regions[1] AS region
    FROM cloud_products WHERE code IN (${sql.join(PRODUCTS.map((p) => sql`${p}`), sql`, `)})`);
  const [{ p } = { p: 0 }] = await rows<{ p: number }>(db, sql`SELECT count(*)::int AS p FROM bench_prod`);
  // fee g: customer (g·7919 mod N) + 1 (a bijection per N fees: every customer gets f/n), one of three
  // product types of that customer, an hour of February (Beijing), amounts 0.00–49.99
  await db.execute(sql`
    INSERT INTO cloud_fee_records (bill_month, customer_account_id, partner_id, association_type, account_manager_id, charging_mode,
        bill_detail_type, service_type_code, resource_type_code, region_code, product_id, trade_id, usage_record_id, consume_time,
        official_amount, discount_amount, payment_amount, cash_amount, coupon_amount, debt_amount)
    SELECT ${`${MONTH}-01`}::date, c.id, ${partnerId}::uuid, c.association_type, c.account_manager_id,
           CASE WHEN x.g % 20 = 0 OR x.g % 200 = 0 THEN 1 ELSE 3 END,
           CASE WHEN x.g % 200 = 0 THEN 4 WHEN x.g % 20 = 0 THEN 1 ELSE 5 END,
           pr.service_type_code, pr.resource_type_code, pr.region, pr.id,
           CASE WHEN x.g % 20 = 0 OR x.g % 200 = 0 THEN 'CS2502' || lpad(x.g::text, 10, '0') END,
           CASE WHEN x.g % 20 = 0 OR x.g % 200 = 0 THEN NULL ELSE x.g END,
           ${MONTH_START}::timestamptz + ((x.g * 37 + x.g / 20) % ${MONTH_HOURS}::int) * interval '1 hour', -- spread, and not in step with g mod 20 (the 包年/包月 fees)
           x.v * x.sign, 0, x.v * x.sign,
           CASE WHEN x.g % 10 IN (1, 2) THEN 0 ELSE x.v * x.sign END,
           CASE WHEN x.g % 10 = 1 THEN x.v * x.sign ELSE 0 END,
           CASE WHEN x.g % 10 = 2 AND x.sign > 0 THEN x.v ELSE 0 END
    FROM (SELECT g::bigint AS g, ((g::bigint * 13) % 5000) / 100.0 AS v, CASE WHEN g % 200 = 0 THEN -1 ELSE 1 END AS sign
          FROM generate_series(1, ${f}::int) g) x
    JOIN bench_cust c ON c.n = (x.g * 7919) % ${n}::int + 1
    JOIN bench_prod pr ON pr.n = (c.n + ((x.g / ${n}::int) % 3) * 2) % ${p}::int`);
  // a refund paid with a voucher or arrears: the split above put it on cash; keep E17 on every row
  await db.execute(sql`UPDATE cloud_fee_records SET cash_amount = payment_amount, coupon_amount = 0, debt_amount = 0 WHERE payment_amount < 0 AND cash_amount + coupon_amount + debt_amount <> payment_amount`);
  await db.execute(sql`DROP TABLE bench_cust, bench_prod`);
  await db.execute(sql`VACUUM ANALYZE cloud_fee_records`);
  return (performance.now() - t0) / 1000;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ portal: 'partner', mode: 'account', identifier: 'dist_admin', password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Deterministic query strings: the summary's filters (none / 关联类型 / 客户经理 / 客户名称 / refunds + view) and pages. */
function* summaryQueries(n: number, seed = 5): Generator<string> {
  let x = seed;
  const next = (k: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % k);
  for (let i = 0; ; i++) {
    const q = new URLSearchParams({ month: MONTH });
    switch (i % 5) {
      case 0:
        q.set('page', String(1 + next(50)));
        break;
      case 1:
        q.set('associationType', next(2) ? 'resale' : 'consulting');
        q.set('page', String(1 + next(20)));
        break;
      case 2:
        q.set('managerName', BENCH_MANAGERS[next(BENCH_MANAGERS.length)]!);
        q.set('page', String(1 + next(10)));
        break;
      case 3:
        q.set('customerName', `测试客户${1 + next(Math.max(1, Math.floor(n / 10)))}`); // ~11 customers each
        break;
      default:
        q.set('tab', 'refund');
        q.set('view', 'association');
        q.set('page', String(1 + next(10)));
    }
    yield `/api/cloud/partner/consumption/summary?${q}`;
  }
}
function* detailQueries(n: number, seed = 9): Generator<string> {
  let x = seed;
  const next = (k: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % k);
  for (let i = 0; ; i++) {
    const q = new URLSearchParams({ month: MONTH });
    switch (i % 6) {
      case 0:
        q.set('page', String(1 + next(100)));
        break;
      case 1:
        q.set('customerName', `测试客户${1 + next(Math.max(1, Math.floor(n / 10)))}`);
        break;
      case 2:
        q.set('managerName', BENCH_MANAGERS[next(BENCH_MANAGERS.length)]!);
        q.set('page', String(1 + next(10)));
        break;
      case 3:
        q.set('serviceTypeCode', next(2) ? 'hws.service.type.ec2' : 'hws.service.type.obs');
        q.set('hideZero', 'true');
        q.set('page', String(1 + next(20)));
        break;
      case 4:
        q.set('associationType', next(2) ? 'resale' : 'consulting');
        q.set('chargingMode', next(2) ? '1' : '3');
        break;
      default:
        q.set('billDetailType', '4');
        q.set('page', String(1 + next(5)));
    }
    yield `/api/cloud/partner/consumption/details?${q}`;
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(url: string, cookie: string, queries: Generator<string>) {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < WARM_UP + REQUESTS; i++) {
    const path = queries.next().value as string;
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    const body = (await res.json()) as { items: unknown[] };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
    if (i >= WARM_UP) {
      times.push(ms);
      items += body.items.length;
    }
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), max: times[times.length - 1]!, meanItems: items / REQUESTS };
}

export default async function run() {
  const results: BenchResult[] = [];
  for (const scale of SCALES) {
    const n = Math.round(CUSTOMERS * scale);
    const f = Math.round(FEES * scale);
    const bdb = await benchDatabase('postgres', 'cloud_consumption');
    try {
      await seedCatalogue(bdb.database.db);
      const world = await seedCustomerWorld(bdb.database, n);
      const feeSeconds = await seedFees(bdb.database, world.partnerId, n, f);
      const t0 = performance.now();
      const roll = await rollupConsumption(bdb.database.db);
      const rollSeconds = (performance.now() - t0) / 1000;
      for (const t of ['cloud_consumption_monthly', 'cloud_consumption_monthly_am', 'cloud_consumption_stats', 'cloud_consumption_customer_month']) await bdb.database.db.execute(sql.raw(`VACUUM ANALYZE ${t}`));
      const [sizes] = await rows<{ monthly: number; am: number }>(bdb.database.db, sql`SELECT (SELECT count(*) FROM cloud_consumption_monthly)::int AS monthly, (SELECT count(*) FROM cloud_consumption_monthly_am)::int AS am`);
      console.log(`scale ${scale}: ${world.customers} customers, ${f} fees seeded in ${feeSeconds.toFixed(1)} s; rollup of ${roll.fees} fees in ${rollSeconds.toFixed(1)} s → ${sizes!.monthly} summary rows (${sizes!.am} by manager)`);
      const server = await benchServer(bdb);
      try {
        const cookie = await signIn(server.url);
        const machine = { cpus: os.availableParallelism(), loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10 };
        const common = { customers: world.customers, feeRecords: f, summaryRows: sizes!.monthly, managerRows: sizes!.am, requests: REQUESTS, concurrency: 1, machine };
        for (const [label, queries] of [
          ['消费汇总 page, mixed filters', summaryQueries(n)],
          ['消费明细 page, mixed filters', detailQueries(n)],
        ] as const) {
          const m = await measure(server.url, cookie, queries);
          console.log(`scale ${scale}: ${label}: p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, max ${m.max.toFixed(1)} ms (${m.meanItems.toFixed(1)} rows/page)`);
          for (const p of ['p50', 'p95'] as const) {
            results.push({ name: `${label} ${p} (${world.customers} customers, ${f} fees)`, value: m[p], unit: 'ms', better: 'lower', db: 'postgres', scale: { ...common, target: label.startsWith('消费汇总') ? `p95 < ${TARGET_MS} ms` : 'none' } });
          }
        }
        results.push({ name: `rollup of ${f} fee records`, value: rollSeconds, unit: 's', better: 'lower', db: 'postgres', scale: common });
      } finally {
        await server.close();
      }
    } finally {
      clock.reset();
      if (process.env.BENCH_KEEP) await bdb.database.close(); // keep the database to look into (tuning)
      else await bdb.cleanup();
    }
  }
  writeResults('cloud-consumption', results);
}
