import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import autocannon from 'autocannon';
import { benchDatabase, benchServer, writeResults, type BenchResult, type DbKind } from './lib.js';
import { DEMO_PASSWORD } from '../scripts/seed.js';
import { rows, type Database } from '../src/platform/db/index.js';
import { money } from '../src/platform/money.js';
import * as ledger from '../src/platform/ledger/index.js';
import { allocatableAccount } from '../src/modules/customers/funds/ledger-accounts.js';
import { BENCH_MANAGERS, fundAllocatable, resaleCustomerIds, seedCustomerWorld } from './customers-seed.js';

/**
 * Issue 4, Performance: at 100,000 customers under one distributor,
 *  - 客户列表 filtered by 关联类型 and 客户经理 (name, as the page filters), sorted by 关联时间 (newest
 *    first): one page as the partner admin, p95 < 50 ms on PostgreSQL and < 200 ms on PGlite. Measured
 *    over HTTP, one request at a time (latency, not throughput), with varied filters and pages;
 *  - 拨款 (POST /api/customers/funds/allocations): ≥ 500 per second on PostgreSQL at 50 concurrent
 *    connections, each request a new idempotency key for one of many 代售 customers; afterwards the
 *    ledger invariant (rebuildBalances empty, assertLedgerConsistent) holds, the sum of all balances
 *    equals the sum of all posting lines, and the 可拨款账户 moved by exactly the allocations answered 201.
 *    For comparison the same number of allocations as 批量拨款 of 10 customers per request (one posting each).
 *
 * BENCH_CUSTOMERS (default 100000), BENCH_LIST_REQUESTS (300), BENCH_ALLOCATIONS (5000; a fixed number, so every
 * request has been answered when the ledger is checked). BENCH_ONLY=allocations measures the allocations on
 * PostgreSQL alone (no lists, no PGlite) and writes bench/results/customers-allocations.json instead, for
 * repeated runs while tuning.
 */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const LIST_REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 300);
const WARM_UP = 20;
const ALLOCATIONS = Number(process.env.BENCH_ALLOCATIONS ?? 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BATCH_SIZE = 10;
const BATCHES = Math.max(10, Math.round(ALLOCATIONS / BATCH_SIZE)); // the same number of allocations, in batches
const ALLOCATION_CUSTOMERS = 20_000;
const AMOUNT = '1.00';
const ONLY_ALLOCATIONS = process.env.BENCH_ONLY === 'allocations';
// 50 concurrent callers get 50 database connections in the server (bench/serve.ts reads it)
process.env.BENCH_POOL_SIZE ??= String(CONNECTIONS);
const TARGETS = { listPostgres: 50, listPglite: 200, allocationsPerSecond: 500 };

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ portal: 'partner', mode: 'account', identifier: 'dist_admin', password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: csrfToken };
}

/**
 * Deterministic pseudo-random list queries, so both databases get the same sequence. 'target': the
 * issue's query, 关联类型 and 客户经理 (by name, as the page filters) on every request; 'mixed': each
 * filter present or not, so the unfiltered list (its count over all 100,000) is in the mix too.
 * Pages 1–25 of 20 or 50 rows, newest association first (the list's only order).
 */
function* listQueries(kind: 'target' | 'mixed', seed = 4): Generator<string> {
  let x = seed;
  const next = (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
  for (;;) {
    const q = new URLSearchParams();
    const t = next(3);
    if (kind === 'target' || t < 2) q.set('associationType', t === 1 ? 'consulting' : 'resale');
    if (kind === 'target' || next(4) > 0) q.set('managerName', BENCH_MANAGERS[next(BENCH_MANAGERS.length)]!); // 客户经理姓名
    q.set('page', String(1 + next(25)));
    q.set('pageSize', next(2) ? '20' : '50');
    yield q.toString();
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measureList(url: string, cookie: string, kind: 'target' | 'mixed', requests: number) {
  const queries = listQueries(kind);
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < WARM_UP + requests; i++) {
    const q = queries.next().value as string;
    const t0 = performance.now();
    const res = await fetch(`${url}/api/customers?${q}`, { headers: { cookie } });
    const body = (await res.json()) as { items: unknown[]; total: number };
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET /api/customers?${q}: ${res.status} ${JSON.stringify(body)}`);
    if (i >= WARM_UP) {
      times.push(ms);
      items += body.items.length;
    }
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), max: times[times.length - 1]!, meanItems: items / requests };
}

/**
 * 拨款 under autocannon: `perRequest` 1 posts to /allocations (the measure), more to
 * /allocations/batch (批量拨款: one posting, so one lock of the 可拨款账户, for that many customers).
 * A fixed number of requests, each with a new requestId (idempotency key).
 */
async function measureAllocations(url: string, session: { cookie: string; csrf: string }, customerIds: string[], perRequest: number, requests: number) {
  let n = 0;
  const run = randomUUID().slice(0, 8);
  // autocannon ends a fixed-amount run on its one-second tick: time to the last answer instead
  const started = performance.now();
  let lastAnswer = started;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: requests,
    requests: [
      {
        method: 'POST',
        path: perRequest === 1 ? '/api/customers/funds/allocations' : '/api/customers/funds/allocations/batch',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
        setupRequest: (req) => {
          const i = n++;
          const requestId = `bench-${run}-${i}`;
          const body =
            perRequest === 1
              ? { customerId: customerIds[i % customerIds.length], amount: AMOUNT, requestId }
              : { items: Array.from({ length: perRequest }, (_, k) => ({ customerId: customerIds[(i * perRequest + k) % customerIds.length], amount: AMOUNT })), requestId };
          return { ...req, body: JSON.stringify(body) };
        },
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  const seconds = (lastAnswer - started) / 1000;
  const allocations = r['2xx'] * perRequest;
  return { requests: r['2xx'], allocations, seconds, perSecond: allocations / seconds, non2xx: r.non2xx, errors: r.errors, p50: r.latency.p50, p99: r.latency.p99 };
}

export default async function run() {
  const cores = os.cpus().length;
  const results: BenchResult[] = [];
  for (const db of (ONLY_ALLOCATIONS ? ['postgres'] : ['postgres', 'pglite']) as DbKind[]) {
    const bdb = await benchDatabase(db, 'customers');
    try {
      const world = await seedCustomerWorld(bdb.database, CUSTOMERS);
      console.log(`${db}: seeded ${world.customers} customers of one distributor in ${world.seedSeconds.toFixed(1)} s`);
      const initial = '100000000.00';
      const allocationCustomers = db === 'postgres' ? await resaleCustomerIds(bdb.database, world.partnerId, ALLOCATION_CUSTOMERS) : [];
      if (db === 'postgres') await fundAllocatable(bdb.database, world.partnerId, initial);
      if (db === 'pglite') await bdb.database.close(); // the server process opens the directory
      const server = await benchServer(bdb);
      try {
        const session = await signIn(server.url);
        const target = db === 'postgres' ? TARGETS.listPostgres : TARGETS.listPglite;
        for (const [kind, label, requests] of (ONLY_ALLOCATIONS ? [] : [
          ['target', 'customer list, 关联类型 + 客户经理 filter, by 关联时间', LIST_REQUESTS],
          ['mixed', 'customer list, mixed filters (none / type / manager / both)', Math.round(LIST_REQUESTS / 2)],
        ]) as ReadonlyArray<readonly ['target' | 'mixed', string, number]>) {
          const list = await measureList(server.url, session.cookie, kind, requests);
          console.log(`${db}: ${label}: p50 ${list.p50.toFixed(1)} ms, p95 ${list.p95.toFixed(1)} ms, p99 ${list.p99.toFixed(1)} ms (target p95 < ${target} ms)`);
          const scale = { customers: world.customers, managers: BENCH_MANAGERS.length, requests, concurrency: 1, pages: '1–25 × 20|50 rows', cores, target: `p95 < ${target} ms` };
          for (const p of ['p50', 'p95', 'p99'] as const) results.push({ name: `${label} ${p}`, value: list[p], unit: 'ms', better: 'lower', db, scale });
        }

        if (db === 'postgres') {
          let postings = 0;
          let records = 0;
          for (const [perRequest, requests, label] of [
            [1, ALLOCATIONS, 'allocations/s, one customer per request (50 connections)'],
            [BATCH_SIZE, BATCHES, `allocations/s, 批量拨款 of ${BATCH_SIZE} (50 connections)`],
          ] as const) {
            const a = await measureAllocations(server.url, session, allocationCustomers, perRequest, requests);
            console.log(`postgres: ${label}: ${a.allocations} allocations in ${a.seconds.toFixed(1)} s = ${a.perSecond.toFixed(0)}/s (p50 ${a.p50} ms, p99 ${a.p99} ms; ${a.non2xx} non-2xx, ${a.errors} errors)`);
            if (a.non2xx || a.errors) throw new Error('allocation run not clean');
            postings += a.requests;
            records += a.allocations;
            const check = await invariantCheck(bdb.database, world.partnerId, initial, postings, records);
            console.log(`postgres: ledger after it: ${JSON.stringify(check)}`);
            if (!check.clean) throw new Error('ledger not clean after the allocation run');
            const aScale = { customers: world.customers, allocationCustomers: allocationCustomers.length, customersPerRequest: perRequest, requests, connections: CONNECTIONS, seconds: a.seconds, cores, target: perRequest === 1 ? `≥ ${TARGETS.allocationsPerSecond}/s` : 'none (for comparison)', ledger: check };
            results.push({ name: label, value: a.perSecond, unit: 'allocations/s', better: 'higher', db, scale: aScale });
            results.push({ name: `${label} request p50`, value: a.p50, unit: 'ms', better: 'lower', db, scale: aScale });
            results.push({ name: `${label} request p99`, value: a.p99, unit: 'ms', better: 'lower', db, scale: aScale });
          }
        }
      } finally {
        await server.close();
      }
    } finally {
      await bdb.cleanup();
    }
  }
  writeResults(ONLY_ALLOCATIONS ? 'customers-allocations' : 'customers', results);
}

/**
 * The ledger after the allocation runs: rebuildBalances finds no account whose stored balance differs
 * from its lines, assertLedgerConsistent passes (postings balanced, no balance under its floor), the
 * sum of all balances equals the sum of all posting lines, and the 可拨款账户 moved by exactly the
 * allocations that were answered 201 (postings and 调账记录 counted too).
 */
async function invariantCheck(database: Database, partnerId: string, initial: string, postings: number, records: number) {
  const db = database.db;
  const mismatches = await ledger.rebuildBalances(db);
  await ledger.assertLedgerConsistent(db);
  const [t] = await rows<{ balances: string; lines: string; postings: number; records: number }>(
    db,
    sql`SELECT (SELECT COALESCE(SUM(balance), 0)::text FROM ledger_accounts) AS balances,
               (SELECT COALESCE(SUM(amount), 0)::text FROM ledger_posting_lines) AS lines,
               (SELECT count(*)::int FROM ledger_postings WHERE kind = 'customer.allocation') AS postings,
               (SELECT count(*)::int FROM customer_adjustments WHERE kind = 'allocation') AS records`,
  );
  const allocatable = await ledger.balanceOf(db, allocatableAccount(partnerId));
  const expected = ledger.canonical(money(initial).minus(money(AMOUNT).times(records)));
  const clean = mismatches.length === 0 && money(t!.balances).eq(money(t!.lines)) && t!.postings === postings && t!.records === records && allocatable === expected;
  return { clean, rebuildMismatches: mismatches.length, sumOfBalances: ledger.canonical(t!.balances), sumOfLines: ledger.canonical(t!.lines), postings: t!.postings, records: t!.records, allocatable, expectedAllocatable: expected };
}
