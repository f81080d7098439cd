import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import { benchDatabase, writeResults, type BenchResult } from './lib.js';
import { rows, type Database, type Executor } from '../src/platform/db/index.js';
import { clock } from '../src/platform/clock.js';
import { P } from '../src/platform/access/index.js';
import type { Ctx } from '../src/platform/context.js';
import type { Deps } from '../src/platform/deps.js';
import { LocalStorage } from '../src/platform/files/storage.js';
import { createReviewRegistry } from '../src/platform/review/kinds.js';
import { partnerActor } from '../src/platform/files/testing.js';
import { createExportRegistry, defineExport, keysetRows, requestExport, runExport, exportJobs } from '../src/platform/export/index.js';
import { getFileRecord } from '../src/platform/files/service.js';
import { feeScope } from '../src/modules/cloud/fees.js';
import { seedCatalogue } from '../src/modules/cloud/catalogue.js';
import { seedCustomerWorld } from './customers-seed.js';
import { eq } from 'drizzle-orm';

/**
 * Issue 5, Performance: "Export: 1,000,000 detail rows streamed to XLSX in constant memory (peak RSS
 * reported) at ≥ 30,000 rows/s", on PostgreSQL.
 *
 * The world: the demo world's distributor with 2,000 代售/顾问销售 customers (bench/customers-seed.ts),
 * the seeded cloud catalogue, and fee records (消费明细) written set-based (INSERT … SELECT
 * generate_series): 100,000 in 账期 2025-04 and 1,000,000 in 账期 2025-05, so the two exports are the
 * same query at 10× the rows. Rows are written in 消费时间 order, as rating appends them in service (the
 * table's physical order follows time; see the partner index's comment in cloud/schema.ts). Each export is the real path: requestExport (access, params, the job
 * record) → runExport (keyset-paged rows → masking → exceljs streaming XLSX → files storage →
 * 已完成). Timed: runExport's wall time. Memory: RSS before, and the peak of RSS sampled every 100 ms
 * while it runs (plus the V8 heap peak), after a GC when `--expose-gc` is on.
 *
 * The export definition is the 消费明细 export's columns (消费时间, 客户名称 masked, 账号名, 产品, 订单号,
 * 资源ID, 消费金额, 应付金额, 现金支付, 代金券抵扣, 欠费金额, 支付状态) over cloud_fee_records, with the
 * keyset pagination (消费时间, id) newest first, one page read ahead (platform/export keysetRows). It is declared here
 * so the benchmark does not depend on the page's export wiring; the query shape is the same.
 *
 * BENCH_EXPORT_ROWS (default 1000000) sets the large run; the small run is a tenth of it.
 */
const LARGE = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const SMALL = Math.round(LARGE / 10);
const CUSTOMERS = 2000;
const TARGET_ROWS_PER_SECOND = 30_000;
export const EXPORT_PAGE = 5000;

interface DetailRow {
  id: string;
  t: string; // consume_time as text: the keyset cursor (microsecond exact)
  consumeTime: Date;
  customerName: string | null;
  accountName: string;
  product: string;
  tradeId: string;
  resourceId: string | null;
  official: string;
  payment: string;
  cash: string;
  coupon: string;
  debt: string;
}

export const consumptionDetails = defineExport({
  kind: 'bench.cloud.consumption-details',
  title: { zh: '客户消费-消费明细', en: 'Customer consumption details' },
  permission: P.customerConsumption,
  params: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) }).strict(),
  columns: [
    { key: 'consumeTime', title: { zh: '消费时间', en: 'Consumed at' } },
    { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'accountName', title: { zh: '账号名', en: 'Account name' } },
    { key: 'product', title: { zh: '产品', en: 'Product' } },
    { key: 'tradeId', title: { zh: '订单号', en: 'Order No.' } },
    { key: 'resourceId', title: { zh: '资源ID', en: 'Resource ID' } },
    { key: 'official', title: { zh: '消费金额', en: 'Consumption' } },
    { key: 'payment', title: { zh: '应付金额', en: 'Amount due' } },
    { key: 'cash', title: { zh: '现金支付', en: 'Cash' } },
    { key: 'coupon', title: { zh: '代金券抵扣', en: 'Coupons' } },
    { key: 'debt', title: { zh: '欠费金额', en: 'Arrears' } },
    { key: 'status', title: { zh: '支付状态', en: 'Payment status' }, value: (r: DetailRow) => (r.debt === '0.00' ? '已支付' : '未结清') },
  ],
  rows(ex: Executor, ctx: Ctx, params: { month: string }) {
    const scope = feeScope(ctx);
    if (scope.kind !== 'partner') throw new Error('bench export is a partner export');
    const month = `${params.month}-01`;
    // amounts formatted by PostgreSQL (exact decimals, never JS floats); product names from the catalogue
    return keysetRows(
      (after: { t: string; id: string } | null) =>
        rows<DetailRow>(
          ex,
          sql`SELECT f.id::text AS id, f.consume_time::text AS t, f.consume_time AS "consumeTime",
                     coalesce(a.enterprise_name, a.name) AS "customerName", a.account_name AS "accountName",
                     p.name_zh AS product, coalesce(f.trade_id, 'U' || f.usage_record_id) AS "tradeId",
                     f.resource_id::text AS "resourceId",
                     round(f.official_amount, 2)::text AS official, f.payment_amount::text AS payment,
                     f.cash_amount::text AS cash, f.coupon_amount::text AS coupon, f.debt_amount::text AS debt
              FROM cloud_fee_records f
              JOIN accounts a ON a.id = f.customer_account_id
              JOIN cloud_products p ON p.id = f.product_id
              WHERE f.partner_id = ${scope.partnerId} AND f.bill_month = ${month}
                ${after ? sql`AND (f.consume_time, f.id) < (${after.t}::timestamptz, ${after.id}::bigint)` : sql``}
              ORDER BY f.consume_time DESC, f.id DESC
              LIMIT ${EXPORT_PAGE}`,
        ),
      (last) => ({ t: last.t, id: last.id }),
      EXPORT_PAGE,
    );
  },
});

/** n fee records of one 账期 for the partner's customers: usage fees mostly, some order fees, coupons and arrears. */
export async function seedFees(database: Database, partnerId: string, month: string, n: number, offset: number) {
  await database.db.execute(sql`
    WITH c AS (SELECT array_agg(customer_account_id ORDER BY customer_account_id) AS ids, count(*)::int AS n
               FROM customer_associations WHERE partner_id = ${partnerId}),
         p AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(service_type_code ORDER BY code) AS st,
                      array_agg(resource_type_code ORDER BY code) AS rt, count(*)::int AS n FROM cloud_products),
         g AS (SELECT i, ((i::bigint * 7919) % 100000) / 1000.0 AS official FROM generate_series(${offset + 1}::int, ${offset + n}::int) AS i),
         v AS (SELECT g.i, g.official, round(g.official * 0.9, 2) AS pay,
                      CASE WHEN g.i % 20 = 0 THEN least(round(g.official * 0.9, 2), 1.00) ELSE 0 END AS coupon FROM g)
    INSERT INTO cloud_fee_records (bill_month, customer_account_id, partner_id, association_type, charging_mode, bill_detail_type,
      service_type_code, resource_type_code, region_code, product_id, resource_id, order_id, trade_id, usage_record_id,
      consume_time, official_amount, discount_amount, payment_amount, cash_amount, coupon_amount, debt_amount)
    SELECT ${`${month}-01`}::date, c.ids[1 + v.i % c.n], ${partnerId}::uuid, 'resale',
           CASE WHEN v.i % 10 = 0 THEN 1 ELSE 3 END, CASE WHEN v.i % 10 = 0 THEN 1 ELSE 5 END,
           p.st[1 + v.i % p.n], p.rt[1 + v.i % p.n], 'cn-north-4', p.ids[1 + v.i % p.n],
           md5('res' || (v.i % 5000))::uuid,
           CASE WHEN v.i % 10 = 0 THEN md5('ord' || v.i)::uuid END,
           CASE WHEN v.i % 10 = 0 THEN 'CS' || lpad(v.i::text, 14, '0') END,
           CASE WHEN v.i % 10 <> 0 THEN v.i END,
           ${`${month}-01T00:00:00+08:00`}::timestamptz + ((v.i - ${offset + 1}::int)::bigint * 2592000 / ${n}::int) * interval '1 second',
           v.official, v.official - v.pay, v.pay,
           v.pay - v.coupon - CASE WHEN v.i % 50 = 0 THEN v.pay - v.coupon ELSE 0 END,
           v.coupon,
           CASE WHEN v.i % 50 = 0 THEN v.pay - v.coupon ELSE 0 END
    FROM v, c, p`);
}

interface RunFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  cpuSeconds: number; // this process's user + system CPU during the export (the machine is shared)
  rowsPerCpuSecond: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  heapPeakMb: number;
  fileMb: number;
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

async function measure(database: Database, deps: Deps, partnerId: string, month: string): Promise<RunFigures & { fileKey: string }> {
  const actor = partnerActor(partnerId, { permissions: new Set([P.customerConsumption]) });
  const ctx: Ctx = { db: database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: `bench-${month}`, deps };
  const job = await requestExport(ctx, deps.exports, { kind: consumptionDetails.kind, params: { month }, format: 'xlsx' });
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await runExport(database.db, deps, deps.exports, job.id);
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const m = process.memoryUsage();
  rssPeak = Math.max(rssPeak, m.rss);
  const [done] = await database.db.select().from(exportJobs).where(eq(exportJobs.id, job.id));
  if (done?.status !== 'completed' || !done.fileId) throw new Error(`export ${month} did not complete: ${done?.status} ${done?.error}`);
  const file = await getFileRecord(database.db, done.fileId);
  const n = done.totalRows ?? 0;
  return {
    rows: n,
    seconds,
    rowsPerSecond: n / seconds,
    cpuSeconds,
    rowsPerCpuSecond: n / cpuSeconds,
    rssBeforeMb: mb(before.rss),
    rssPeakMb: mb(rssPeak),
    heapPeakMb: mb(heapPeak),
    fileMb: mb(Number(file?.size ?? 0)),
    fileKey: file!.storageKey,
  };
}

/** Reads the small file back: its row count and that 客户名称 is masked. */
async function verify(storageDir: string, key: string, expected: number) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path.join(storageDir, key), { sharedStrings: 'ignore', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' });
  let n = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      n++;
      if (n === 2) {
        const name = String((row.values as unknown[])[2]);
        if (!/^.\*+$/u.test(name)) throw new Error(`客户名称 not masked: ${name}`);
      }
    }
  }
  if (n !== expected + 1) throw new Error(`expected ${expected} rows + header, read ${n}`);
}

export default async function run() {
  const bdb = await benchDatabase('postgres', 'export');
  const database = bdb.database;
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'pc-bench-export-files-'));
  try {
    clock.set('2025-06-15T00:00:00Z');
    const t0 = performance.now();
    await seedCatalogue(database.db);
    const world = await seedCustomerWorld(database, CUSTOMERS);
    await seedFees(database, world.partnerId, '2025-04', SMALL, 0);
    await seedFees(database, world.partnerId, '2025-05', LARGE, SMALL);
    await database.db.execute(sql`VACUUM ANALYZE cloud_fee_records`);
    console.log(`seed: ${CUSTOMERS} customers, ${SMALL + LARGE} fee records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const deps: Deps = {
      storage: new LocalStorage(storageDir),
      queue: { send: async () => null },
      publicUrl: 'http://localhost',
      reviews: createReviewRegistry(),
      exports: createExportRegistry([consumptionDetails]),
    };
    const small = await measure(database, deps, world.partnerId, '2025-04');
    console.log(`export ${small.rows} rows: ${small.seconds.toFixed(1)} s, ${Math.round(small.rowsPerSecond)} rows/s (${Math.round(small.rowsPerCpuSecond)} per CPU-s), RSS ${small.rssBeforeMb} → peak ${small.rssPeakMb} MB, file ${small.fileMb} MB`);
    await verify(storageDir, small.fileKey, SMALL);
    const large = await measure(database, deps, world.partnerId, '2025-05');
    console.log(`export ${large.rows} rows: ${large.seconds.toFixed(1)} s, ${Math.round(large.rowsPerSecond)} rows/s (${Math.round(large.rowsPerCpuSecond)} per CPU-s), RSS ${large.rssBeforeMb} → peak ${large.rssPeakMb} MB, file ${large.fileMb} MB`);
    if (small.rows !== SMALL || large.rows !== LARGE) throw new Error('row counts differ from the seed');

    const machine = { cpus: os.availableParallelism(), loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10, node: process.version, exposeGc: typeof (globalThis as { gc?: unknown }).gc === 'function' };
    const scale = (f: RunFigures) => ({
      rows: f.rows,
      columns: consumptionDetails.columns.length,
      pageSize: EXPORT_PAGE,
      seconds: Math.round(f.seconds * 100) / 100,
      nodeCpuSeconds: Math.round(f.cpuSeconds * 100) / 100,
      rssBeforeMb: f.rssBeforeMb,
      rssPeakMb: f.rssPeakMb,
      heapPeakMb: f.heapPeakMb,
      fileMb: f.fileMb,
      target: TARGET_ROWS_PER_SECOND,
      machine,
    });
    const fmt = (n: number) => n.toLocaleString('en-US');
    const results: BenchResult[] = [];
    for (const f of [large, small]) {
      results.push(
        { name: `export XLSX rows/s (${fmt(f.rows)} rows)`, value: f.rowsPerSecond, unit: 'rows/s', better: 'higher', db: 'postgres', scale: scale(f) },
        { name: `export XLSX rows per CPU-second of the Node process (${fmt(f.rows)} rows)`, value: f.rowsPerCpuSecond, unit: 'rows/s', better: 'higher', db: 'postgres', scale: scale(f) },
        { name: `export XLSX peak RSS (${fmt(f.rows)} rows)`, value: f.rssPeakMb, unit: 'MB', better: 'lower', db: 'postgres', scale: scale(f) },
        { name: `export XLSX peak RSS growth over RSS before (${fmt(f.rows)} rows)`, value: Math.round((f.rssPeakMb - f.rssBeforeMb) * 10) / 10, unit: 'MB', better: 'lower', db: 'postgres', scale: scale(f) },
      );
    }
    writeResults('export-xlsx', results);
    if (large.rowsPerSecond < TARGET_ROWS_PER_SECOND) console.warn(`below target: ${Math.round(large.rowsPerSecond)} < ${TARGET_ROWS_PER_SECOND} rows/s`);
  } finally {
    clock.reset();
    await rm(storageDir, { recursive: true, force: true });
    await bdb.cleanup();
  }
}
