import { and, eq, inArray, sql } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import { inTransaction, rows, type Executor } from '../../platform/db/index.js';
import { clock, HOUR_MS } from '../../platform/clock.js';
import { AppError, badRequest } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { Dec, money, ZERO, type Money } from '../../platform/money.js';
import { isUuid } from '../../platform/ids.js';
import { cloudPrices, cloudRatingRuns, cloudResources, cloudUsageTypes } from './schema.js';
import { convert, loadUnitGraph } from './catalogue.js';
import { billMonthOf } from './time.js';
import { arrearsAccount, CLOUD_REVENUE, customerCashAccount, ensureRevenueAccount, vouchersAccount } from './payers.js';

/**
 * Metering and rating of 按需 resources.
 *
 * **Ingestion** (`recordUsage`): hourly usage records, validated as a batch (all or nothing), converted to
 * the unit their price is quoted in, and inserted idempotently (a record re-sent for the same resource,
 * usage type and hour is ignored).
 *
 * **Rating** (`rateUsage`): set-based SQL turns every usage record not yet rated into a fee record
 * (消费明细) — list price, discount, 应付金额, and the split 代金券抵扣 / 现金支付 / 欠费 — and posts the
 * run's charges to the ledger as ONE posting (per customer: vouchers, cash and arrears lines; the vendor's
 * revenue line). Records are walked by id behind a cursor; ingestion holds a shared advisory lock and the
 * rater takes it exclusively for an instant to read the high-water mark, so no record committed late can
 * be skipped (ids are handed out under the shared lock, so every id below the mark is settled).
 */

const RATING_LOCK = 0x636c6f7564; // "cloud": shared by ingestion, exclusive while reading the high-water mark

/* ------------------------------------------------------------------ ingestion */

export interface UsageInput {
  resourceId: string;
  usageTypeCode: string;
  hourStart: Date; // the hour the usage belongs to (must start on the hour)
  value: string; // decimal, ≥ 0
  measureId: number; // the unit of `value`
}

/** An hour holds at most one hour of anything measured in time; other usage is capped at 10^12 price units. */
const MAX_VALUE = new Dec('1e12');
const DURATION_TYPE = 2;

function bad(field: string, code: string, text: Text): AppError {
  return badRequest(code, text, {}, { [field]: text });
}

/**
 * Record hourly usage of 按需 resources. Refuses (400, naming `records.<i>.<field>`, nothing written): unknown
 * or closed resources, 包年/包月 resources, hours outside the resource's life or in the future, usage types
 * without a pay-per-use price (and 95-peak types, which are metered by samples), units that do not convert
 * to the price's unit, negative or absurd values.
 */
export async function recordUsage(db: Executor, records: UsageInput[]): Promise<{ inserted: number; duplicates: number }> {
  if (records.length === 0) return { inserted: 0, duplicates: 0 };
  const ids = [...new Set(records.map((r) => r.resourceId).filter(isUuid))];
  const resources = new Map(
    (ids.length ? await db.select().from(cloudResources).where(inArray(cloudResources.id, ids)) : []).map((r) => [r.id, r]),
  );
  const productIds = [...new Set([...resources.values()].map((r) => r.productId))];
  const prices = productIds.length
    ? await db
        .select({ id: cloudPrices.id, productId: cloudPrices.productId, usage: cloudPrices.usageTypeCode, measureId: cloudPrices.measureId, peak: cloudUsageTypes.peak95, resourceType: cloudUsageTypes.resourceTypeCode })
        .from(cloudPrices)
        .innerJoin(cloudUsageTypes, eq(cloudUsageTypes.code, cloudPrices.usageTypeCode))
        .where(and(inArray(cloudPrices.productId, productIds), eq(cloudPrices.chargeMode, 'on_demand')))
    : [];
  const graph = await loadUnitGraph(db);
  const now = clock.nowMs();

  const cols = { id: [] as string[], cust: [] as string[], product: [] as string[], usage: [] as string[], price: [] as string[], hour: [] as string[], month: [] as string[], value: [] as string[], measure: [] as number[] };
  for (const [i, rec] of records.entries()) {
    const f = (name: string) => `records.${i}.${name}`;
    const r = isUuid(rec.resourceId) ? resources.get(rec.resourceId) : undefined;
    if (!r) throw bad(f('resourceId'), 'cloud.unknown-resource', { zh: '资源不存在', en: 'Unknown resource' });
    if (r.chargeMode !== 'on_demand') throw bad(f('resourceId'), 'cloud.not-on-demand', { zh: '包年/包月资源不按使用量计费', en: 'Yearly/monthly resources are not metered' });
    const t = rec.hourStart instanceof Date ? rec.hourStart.getTime() : NaN;
    if (!Number.isFinite(t) || t % HOUR_MS !== 0) throw bad(f('hourStart'), 'cloud.bad-hour', { zh: '使用量须按整点小时上报', en: 'Usage is reported per whole hour' });
    const bornHour = Math.floor(r.effectiveAt.getTime() / HOUR_MS) * HOUR_MS;
    if (t < bornHour || (r.closedAt && t >= r.closedAt.getTime()) || t > now) {
      throw bad(f('hourStart'), 'cloud.usage-outside-lifetime', { zh: '使用时间不在资源的使用期内', en: 'The hour is outside the resource’s lifetime' });
    }
    const price = prices.find((p) => p.productId === r.productId && p.usage === rec.usageTypeCode && p.resourceType === r.resourceTypeCode);
    if (!price) throw bad(f('usageTypeCode'), 'cloud.unknown-usage-type', { zh: '该资源没有此使用量类型的按需价格', en: 'The resource has no pay-per-use price for this usage type' });
    if (price.peak) throw bad(f('usageTypeCode'), 'cloud.peak95-usage', { zh: '95峰值计费的带宽请按5分钟采样上报', en: '95th-percentile bandwidth is reported as five-minute samples' });
    let value: Money;
    try {
      value = money(rec.value);
    } catch {
      throw bad(f('value'), 'cloud.bad-usage-value', { zh: '使用量必须是数字', en: 'The usage must be a decimal number' });
    }
    if (value.isNegative()) throw bad(f('value'), 'cloud.negative-usage', { zh: '使用量不能为负数', en: 'The usage cannot be negative' });
    const converted = convert(graph, value, rec.measureId, price.measureId!);
    if (!converted) throw bad(f('measureId'), 'cloud.unknown-unit', { zh: '使用量单位不存在或无法换算', en: 'Unknown unit, or it does not convert to the price’s unit' });
    const unitType = graph.units.get(price.measureId!)!.measureType;
    if (converted.gt(MAX_VALUE) || (unitType === DURATION_TYPE && converted.gt(1))) {
      throw bad(f('value'), 'cloud.absurd-usage', { zh: '使用量超出合理范围', en: 'The usage is beyond any plausible value' });
    }
    cols.id.push(r.id);
    cols.cust.push(r.customerAccountId);
    cols.product.push(r.productId);
    cols.usage.push(rec.usageTypeCode);
    cols.price.push(price.id);
    cols.hour.push(new Date(t).toISOString());
    cols.month.push(billMonthOf(new Date(t)));
    cols.value.push(converted.toFixed());
    cols.measure.push(price.measureId!);
  }

  let inserted = 0;
  const CHUNK = 20_000;
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${RATING_LOCK})`);
    for (let at = 0; at < cols.id.length; at += CHUNK) {
      const s = (a: unknown[]) => sql.param(a.slice(at, at + CHUNK));
      const out = await rows<{ n: number }>(
        tx,
        sql`WITH ins AS (
              INSERT INTO cloud_usage_records (resource_id, customer_account_id, product_id, usage_type_code, price_id, hour_start, bill_month, usage_value, measure_id)
              SELECT * FROM unnest(${s(cols.id)}::uuid[], ${s(cols.cust)}::uuid[], ${s(cols.product)}::uuid[], ${s(cols.usage)}::text[], ${s(cols.price)}::uuid[],
                                   ${s(cols.hour)}::timestamptz[], ${s(cols.month)}::date[], ${s(cols.value)}::numeric[], ${s(cols.measure)}::int[])
              ON CONFLICT (resource_id, usage_type_code, hour_start) DO NOTHING
              RETURNING 1)
            SELECT count(*)::int AS n FROM ins`,
      );
      inserted += Number(out[0]!.n);
    }
  });
  return { inserted, duplicates: records.length - inserted };
}

/* ------------------------------------------------------------------ rating */

export interface RatingResult {
  runIds: number[]; // one cloud_rating_runs row per transaction that rated records
  records: number;
  amount: string; // Σ 应付金额
  coupon: string;
  cash: string;
  debt: string;
  customers: number; // summed over the runs: a customer charged in two runs counts twice
}

/** The highest usage id whose transaction is settled (see the file comment). */
async function highWaterMark(db: Executor): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${RATING_LOCK})`);
    const [r] = await rows<{ m: string | null }>(tx, sql`SELECT max(id)::text AS m FROM cloud_usage_records`);
    return Number(r?.m ?? 0);
  });
}

interface CustomerBalance {
  customerId: string;
  voucherAccount: string | null;
  voucher: Money;
  cashAccount: string | null;
  cash: Money;
  partnerId: string | null;
  associationType: string | null;
  accountManagerId: string | null;
}

/** What each customer can pay with right now, and its association (snapshotted onto the fees). */
async function customerBalances(tx: Executor, customerIds: string[]): Promise<CustomerBalance[]> {
  const assoc = new Map(
    (
      await rows<{ customer_account_id: string; partner_id: string; association_type: string; account_manager_id: string | null }>(
        tx,
        sql`SELECT customer_account_id, partner_id, association_type, account_manager_id FROM customer_associations
            WHERE status = 'associated' AND customer_account_id = ANY(${sql.param(customerIds)}::uuid[])`,
      )
    ).map((a) => [a.customer_account_id, a]),
  );
  const codes = new Map<string, { v: string; c: string }>();
  for (const id of customerIds) {
    const a = assoc.get(id);
    codes.set(id, { v: vouchersAccount(id), c: customerCashAccount(id, a ? { partnerId: a.partner_id, associationType: a.association_type, accountManagerId: a.account_manager_id } : null) });
  }
  const all = [...codes.values()].flatMap((c) => [c.v, c.c]);
  const balances = new Map(
    (await rows<{ code: string; balance: string }>(tx, sql`SELECT code, balance::text AS balance FROM ledger_accounts WHERE code = ANY(${sql.param(all)}::text[])`)).map((r) => [r.code, money(r.balance)]),
  );
  return customerIds.map((id) => {
    const c = codes.get(id)!;
    const a = assoc.get(id);
    const v = balances.get(c.v);
    const cash = balances.get(c.c);
    return {
      customerId: id,
      voucherAccount: v === undefined ? null : c.v,
      voucher: v === undefined ? ZERO : Dec.max(v, ZERO),
      cashAccount: cash === undefined ? null : c.c,
      cash: cash === undefined ? ZERO : Dec.max(cash, ZERO),
      partnerId: a?.partner_id ?? null,
      associationType: a?.association_type ?? null,
      accountManagerId: a?.account_manager_id ?? null,
    };
  });
}

/**
 * Ratings run in independent partitions of the customers (by the last byte of the customer id), each with its
 * own cursor row, transaction and ledger posting, side by side: PostgreSQL inserts with one core per
 * statement, so N partitions use N cores. A customer always falls in the same partition, so its records are
 * rated in order and its balances are touched by one partition only. CLOUD_RATING_PARTITIONS sets the number
 * (default 2, this deployment's core count); on a change the old layout is first rated up to the high-water
 * mark, then the new cursors start there, so no record is rated twice or skipped.
 */
export function ratingPartitions(): number {
  const n = Number(process.env.CLOUD_RATING_PARTITIONS ?? 2);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 2;
}
const partitionOf = (count: number) => sql.raw(`(get_byte(uuid_send(u.customer_account_id), 15) % ${count})`); // over cloud_usage_records AS u

/** The usage ids one rating transaction (run) of a partition spans at most, unless the caller says otherwise. */
const RUN_USAGE_IDS = 1_000_000;

/**
 * Rate the usage recorded up to now: each partition in transactions (runs) of at most `maxRecords` usage ids.
 * Safe to run concurrently (each partition's cursor row serialises its raters) and to repeat (a run that fails
 * changes nothing; the runs before it stay). When a balance moved between reading it and posting (余额不足 from
 * the ledger), that partition's run is retried from scratch.
 */
export async function rateUsage(db: Executor, opts: { maxRecords?: number } = {}): Promise<RatingResult> {
  const mark = await highWaterMark(db);
  const count = ratingPartitions();
  const states = await rows<{ id: number; last: string }>(db, sql`SELECT id, last_usage_id::text AS last FROM cloud_rating_state ORDER BY id`);
  // After a large load the planner's statistics know nothing of the new records; refresh them so the run's joins
  // are planned for the rows it really has (the groups hashed, not the records). The usage table needs only its
  // size and the spread of its ids, which a sample of 3,000 rows gives in a few tens of milliseconds (the default
  // 30,000 took a tenth of a second or more while the partitions waited).
  const behind = states.length ? Math.min(...states.map((s) => Number(s.last))) : 0;
  if (mark - behind > 50_000) {
    await inTransaction(db, async (tx) => {
      await tx.execute(sql`SELECT set_config('default_statistics_target', '10', true)`);
      await tx.execute(sql`ANALYZE cloud_usage_records (id)`);
    });
    await db.execute(sql`ANALYZE cloud_resources, cloud_usage_totals`);
  }
  if (states.length && states.length !== count) await repartition(db, states.length, count, mark);
  // the cursors of all partitions are created together, so they always describe one layout
  if (!states.length) await db.execute(sql`INSERT INTO cloud_rating_state (id, last_usage_id, updated_at) SELECT p, 0, ${clock.now()} FROM generate_series(0, ${count - 1}) p ON CONFLICT (id) DO NOTHING`);
  return rateAll(db, count, mark, opts.maxRecords ?? RUN_USAGE_IDS);
}

/**
 * Every partition rates up to the mark in transactions of at most `maxRecords` usage ids, on its own: a partition
 * that finishes a transaction first goes straight on to its next one rather than wait for the others.
 */
async function rateAll(db: Executor, count: number, mark: number, maxRecords: number): Promise<RatingResult> {
  const runs = (
    await Promise.all(
      Array.from({ length: count }, async (_, p) => {
        const done: RatingResult[] = [];
        for (;;) {
          const run = await retryOnMovedBalance(() => ratePartition(db, p, count, mark, maxRecords));
          done.push(run);
          if (run.reachedMark) return done;
        }
      }),
    )
  ).flat();
  const add = (k: 'amount' | 'coupon' | 'cash' | 'debt') => runs.reduce((a, r) => a.plus(money(r[k])), ZERO).toFixed(2);
  return {
    runIds: runs.flatMap((r) => r.runIds),
    records: runs.reduce((a, r) => a + r.records, 0),
    amount: add('amount'),
    coupon: add('coupon'),
    cash: add('cash'),
    debt: add('debt'),
    customers: runs.reduce((a, r) => a + r.customers, 0),
  };
}

/** A balance moved between reading it and posting (余额不足 from the ledger): the run starts again from scratch. */
async function retryOnMovedBalance<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && e.code === 'ledger.insufficient-balance' && attempt < 5) continue;
      throw e;
    }
  }
}

/** Finish the old partition layout up to the mark, then restart every cursor there with the new count. */
async function repartition(db: Executor, from: number, to: number, mark: number) {
  await rateAll(db, from, mark, RUN_USAGE_IDS);
  await inTransaction(db, async (tx) => {
    const locked = await rows<{ last: string }>(tx, sql`SELECT last_usage_id::text AS last FROM cloud_rating_state ORDER BY id FOR UPDATE`);
    if (locked.length === to) return; // another node switched first
    const at = Math.min(...locked.map((s) => Number(s.last)));
    if (locked.some((s) => Number(s.last) !== at)) throw new Error('cloud rating: cannot repartition while cursors differ; retry');
    await tx.execute(sql`DELETE FROM cloud_rating_state`);
    for (let p = 0; p < to; p++) await tx.execute(sql`INSERT INTO cloud_rating_state (id, last_usage_id, updated_at) VALUES (${p}, ${at}, ${clock.now()})`);
  });
}

/** How a customer pays for a whole rating run, when its balances alone decide it (see `payMode`). */
const PAY_CASH = 1;
const PAY_VOUCHERS = 2;
const PAY_ARREARS = 3;

/**
 * A customer's pay mode for a run whose charges are at most `bound`: vouchers that cover the bound pay everything;
 * without vouchers, cash that covers it pays everything, and with no cash either everything is arrears. Null when
 * the balances run out part way: then each record's split depends on the customer's earlier records.
 */
export function payMode(b: { voucher: Money; cash: Money }, bound: Money): number | null {
  if (b.voucher.gte(bound)) return PAY_VOUCHERS;
  if (!b.voucher.isZero()) return null;
  if (b.cash.isZero()) return PAY_ARREARS;
  return b.cash.gte(bound) ? PAY_CASH : null;
}

/** CLOUD_RATING_TRACE=1 prints how long each step of a partition's run took (the benchmark uses it). */
const TRACE = process.env.CLOUD_RATING_TRACE ? (p: number, what: string, t: number) => console.log(`[rating p${p}] ${what} ${(performance.now() - t).toFixed(0)} ms`) : () => {};

async function ratePartition(db: Executor, partition: number, count: number, mark: number, maxRecords: number): Promise<RatingResult & { reachedMark: boolean }> {
  const PARTITION_OF = partitionOf(count);
  let t = performance.now();
  const lap = (what: string) => {
    TRACE(partition, what, t);
    t = performance.now();
  };
  const empty = { runIds: [], records: 0, amount: '0.00', coupon: '0.00', cash: '0.00', debt: '0.00', customers: 0, reachedMark: true };
  return inTransaction(db, async (tx) => {
    const [state] = await rows<{ last: string }>(tx, sql`SELECT last_usage_id::text AS last FROM cloud_rating_state WHERE id = ${partition} FOR UPDATE`);
    const from = Number(state!.last);
    if (mark <= from) return empty;
    // The run's statements hash their few groups rather than sort its many records, in this backend alone: the
    // partitions already use the cores (parallel workers would only compete with them), and JIT compilation of
    // these plans would cost more than running them. work_mem holds the groups' hash tables and the set-aside
    // records' sorts, but not a hash of the run's records, so the planner never builds one (with 256 MB it
    // sometimes hashed a million records to probe them with a thousand groups).
    await tx.execute(sql`SELECT set_config('work_mem', '32MB', true), set_config('max_parallel_workers_per_gather', '0', true),
                                set_config('enable_sort', 'off', true), set_config('enable_nestloop', 'off', true),
                                set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)`);
    // This run's records: the partition's among the next `maxRecords` usage ids. A bound on ids rather than on the
    // partition's records costs no scan to find.
    // Per group (resource, price, customer, month): how many records and how much usage — one pass over the run.
    // Everything that is the same for all records of a group (the resource's service / type / region, the price,
    // the customer's balances, association and discount) is then looked up once per group, not per record; the
    // groups also give each customer's upper bound of what the run can cost (usage × the price's highest unit
    // price, + 0.6 cent per record for the roundings) and the graduated tiers' monthly totals.
    const to = Math.min(mark, from + maxRecords);
    const groups = await rows<{ r: string; p: string; c: string; m: string; n: number; v: string }>(
      tx,
      sql`SELECT r, p, c, m::text AS m, n, v::text AS v FROM (
            SELECT u.resource_id AS r, u.price_id AS p, u.customer_account_id AS c, u.bill_month AS m, count(*)::int AS n, sum(u.usage_value) AS v
            FROM cloud_usage_records u WHERE u.id > ${from} AND u.id <= ${to} AND ${PARTITION_OF} = ${partition}
            GROUP BY 1, 2, 3, 4) g`,
    );
    const found = groups.reduce((a, g) => a + g.n, 0);
    const advance = () => tx.execute(sql`UPDATE cloud_rating_state SET last_usage_id = ${to}, updated_at = ${clock.now()} WHERE id = ${partition}`);
    if (found === 0) {
      await advance(); // a span without the partition's records: the cursor passes over it
      return { ...empty, reachedMark: to === mark };
    }
    const priceIds = [...new Set(groups.map((g) => g.p))];
    const prices = new Map(
      (
        await rows<{ id: string; product_id: string; usage_type_code: string | null; model: string; top: string }>(
          tx,
          sql`SELECT p.id, p.product_id, p.usage_type_code, p.model,
                     greatest(coalesce(p.unit_price, 0), coalesce((SELECT max(t.unit_price) FROM cloud_price_tiers t WHERE t.price_id = p.id), 0))::text AS top
              FROM cloud_prices p WHERE p.id = ANY(${sql.param(priceIds)}::uuid[])`,
        )
      ).map((p) => [p.id, p]),
    );
    const bounds = new Map<string, Money>();
    const tieredTotals = new Map<string, { c: string; product: string; usage: string; m: string; v: Money }>();
    for (const g of groups) {
      const price = prices.get(g.p);
      if (!price) throw new Error(`cloud rating: price ${g.p} of usage records in (${from}, ${to}] is gone`);
      const v = money(g.v);
      bounds.set(g.c, (bounds.get(g.c) ?? ZERO).plus(v.times(price.top)).plus(new Dec(g.n).times('0.006')));
      if (price.model === 'tiered') {
        const k = `${g.c}|${price.product_id}|${price.usage_type_code}|${g.m}`;
        const t = tieredTotals.get(k);
        if (t) t.v = t.v.plus(v);
        else tieredTotals.set(k, { c: g.c, product: price.product_id, usage: price.usage_type_code!, m: g.m, v });
      }
    }
    const customerIds = [...bounds.keys()];
    lap('range and groups');
    const bal = await customerBalances(tx, customerIds);
    lap('balances');
    const now = clock.now();
    const [run] = await tx
      .insert(cloudRatingRuns)
      .values({ kind: 'usage', fromUsageId: from + 1, toUsageId: to, records: 0, amount: '0', startedAt: now, finishedAt: now })
      .returning({ id: cloudRatingRuns.id });
    const runId = run!.id;

    // How each customer pays for the whole run, when its balances decide that alone (`payMode`): vouchers cover
    // even the run's bound; or it has no vouchers and its cash covers the bound; or it has nothing at all. Then a
    // record's split does not depend on the customer's earlier records. Otherwise (null) the split is ordered.
    const modes = bal.map((b) => payMode(b, bounds.get(b.customerId)!));

    // One set-based statement. Records of "fast" groups (a unit price for the whole run, and a customer with a pay
    // mode) go from the scan through one hash join with the groups straight into the insert. The others are set
    // aside: a graduated price whose customer-month crosses a tier boundary in this run counts the month record by
    // record, and the ordered split vouchers → cash → arrears needs the customer's earlier records (window sums).
    // Every other relation is small, so hash joins never sort the run's rows.
    const p = (xs: unknown[]) => sql.param(xs);
    // what the run adds to each group's tier count (customer, product, usage type, month); 0 for linear prices
    const tierRun = groups.map((g) => {
      const price = prices.get(g.p)!;
      return price.model === 'tiered' ? tieredTotals.get(`${g.c}|${price.product_id}|${price.usage_type_code}|${g.m}`)!.v.toFixed() : '0';
    });
    // The groups with everything a record needs from them, in a temporary table with statistics: the planner then
    // knows the groups are few and distinct, and hashes them (not the run's records) for the joins below.
    // unit_price: the price's, or for a graduated price the one tier the customer-month stays in for the whole run
    // (its count before the run and after it fall in the same tier, so every record is priced at that tier's rate);
    // null when the run crosses a tier boundary. month_before: a graduated price's count of the customer-month before
    // this run (0 for linear prices), where a crossing group's records start counting.
    const G = sql.raw(`cloud_rating_groups_${partition}`);
    await tx.execute(sql`CREATE TEMPORARY TABLE ${G} (r uuid, p uuid, c uuid, m date, st text, rt text, rg text, unit_price numeric, month_before numeric,
          voucher numeric, cash numeric, partner_id uuid, association_type text, account_manager_id uuid, mode smallint, rate numeric, fast boolean)
          ON COMMIT DROP`);
    await tx.execute(sql`INSERT INTO ${G}
          WITH bal AS (
            SELECT * FROM unnest(${p(bal.map((b) => b.customerId))}::uuid[], ${p(bal.map((b) => b.voucher.toFixed()))}::numeric[],
                                 ${p(bal.map((b) => b.cash.toFixed()))}::numeric[], ${p(bal.map((b) => b.partnerId))}::uuid[],
                                 ${p(bal.map((b) => b.associationType))}::text[], ${p(bal.map((b) => b.accountManagerId))}::uuid[],
                                 ${p(modes)}::smallint[])
                     AS b(cust, voucher, cash, partner_id, association_type, account_manager_id, mode)
          ),
          disc AS (
            SELECT d.customer_account_id AS cust, s.code AS service, min(d.rate) AS rate
            FROM cloud_customer_discounts d
            JOIN cloud_service_types s ON d.service_type_code IS NULL OR d.service_type_code = s.code
            WHERE d.customer_account_id = ANY(${p(customerIds)}::uuid[])
              AND d.valid_from <= ${now} AND (d.valid_to IS NULL OR d.valid_to > ${now})
            GROUP BY 1, 2
          )
          SELECT x.r, x.p, x.c, x.m, res.service_type_code AS st, res.resource_type_code AS rt, res.region_code AS rg, u.unit_price, k.lo,
                 b.voucher, b.cash, b.partner_id, b.association_type, b.account_manager_id, b.mode, d.rate,
                 (b.mode IS NOT NULL AND u.unit_price IS NOT NULL) AS fast
          FROM unnest(${p(groups.map((g) => g.r))}::uuid[], ${p(groups.map((g) => g.p))}::uuid[], ${p(groups.map((g) => g.c))}::uuid[],
                      ${p(groups.map((g) => g.m))}::date[], ${p(tierRun)}::numeric[]) AS x(r, p, c, m, run)
          JOIN cloud_resources res ON res.id = x.r
          JOIN cloud_prices pr ON pr.id = x.p
          JOIN bal b ON b.cust = x.c
          LEFT JOIN disc d ON d.cust = x.c AND d.service = res.service_type_code
          LEFT JOIN cloud_usage_totals t
            ON pr.model = 'tiered' AND t.customer_account_id = x.c AND t.product_id = pr.product_id AND t.usage_type_code = pr.usage_type_code AND t.bill_month = x.m
          CROSS JOIN LATERAL (SELECT coalesce(t.total, 0) AS lo, coalesce(t.total, 0) + x.run AS hi) k
          CROSS JOIN LATERAL (
            SELECT CASE WHEN pr.model <> 'tiered' THEN pr.unit_price ELSE (
                     -- the tiers the run's count touches: exactly one, holding all of it
                     SELECT CASE WHEN count(*) = 1 AND min(tr.lower) <= k.lo AND (bool_and(tr.upper IS NULL) OR min(tr.upper) >= k.hi) THEN min(tr.unit_price) END
                     FROM cloud_price_tiers tr WHERE tr.price_id = x.p AND tr.lower < k.hi AND (tr.upper IS NULL OR tr.upper > k.lo)) END AS unit_price) u`);
    await tx.execute(sql`ANALYZE ${G}`);
    // the columns every branch hands to the insert, in order
    const COLS = sql.raw(`id, resource_id, cust, product_id, usage_type_code, hour_start, bill_month, usage_value, measure_id, st, rt, rg,
                          partner_id, association_type, account_manager_id, official, discount, pay`);
    // a pay mode's split: all of 应付 from one source
    const BY_MODE = sql.raw(`CASE WHEN mode = ${PAY_CASH} THEN pay ELSE 0 END AS cash, CASE WHEN mode = ${PAY_VOUCHERS} THEN pay ELSE 0 END AS coupon,
                             CASE WHEN mode = ${PAY_ARREARS} THEN pay ELSE 0 END AS debt`);
    const statement = sql`WITH
          -- the records that need window sums (tiers, ordered split), with their group
          rest AS MATERIALIZED (
            SELECT u.id, u.resource_id, u.customer_account_id AS cust, u.product_id, u.usage_type_code, u.hour_start, u.bill_month, u.usage_value,
                   u.measure_id, u.price_id, g.st, g.rt, g.rg, g.unit_price, g.month_before, g.voucher, g.cash, g.partner_id, g.association_type,
                   g.account_manager_id, g.mode, g.rate
            FROM cloud_usage_records u JOIN ${G} g ON g.r = u.resource_id AND g.p = u.price_id AND g.c = u.customer_account_id AND g.m = u.bill_month
            WHERE u.id > ${from} AND u.id <= ${to} AND NOT g.fast
          ),
          -- a graduated price crossing a tier boundary counts the customer's month: where this record starts and ends in it
          cum AS (
            SELECT r.id, r.price_id, r.usage_value,
                   r.month_before + sum(r.usage_value) OVER (PARTITION BY r.cust, r.product_id, r.usage_type_code, r.bill_month ORDER BY r.hour_start, r.id) AS after
            FROM rest r
            WHERE r.unit_price IS NULL
          ),
          tiered AS (
            SELECT c.id,
                   sum(tr.unit_price * (greatest(tr.lower, least(c.after, tr.upper)) - greatest(tr.lower, least(c.after - c.usage_value, tr.upper)))) AS list
            FROM cum c JOIN cloud_price_tiers tr ON tr.price_id = c.price_id
            GROUP BY c.id
          ),
          -- list price (6 decimals), discount (6 decimals), 应付 (cents)
          rest_due AS (
            SELECT r.*, l.official, dd.discount, round(l.official - dd.discount, 2) AS pay
            FROM rest r
            LEFT JOIN tiered t ON t.id = r.id
            CROSS JOIN LATERAL (SELECT round(CASE WHEN r.unit_price IS NULL THEN t.list ELSE r.usage_value * r.unit_price END, 6) AS official) l
            CROSS JOIN LATERAL (SELECT CASE WHEN r.rate IS NULL THEN 0 ELSE round(l.official * (1 - r.rate), 6) END AS discount) dd
          ),
          -- pay-per-use charges take vouchers first, then cash (guide 20250); the rest is arrears, record by record in
          -- id order ("before" = what the customer's earlier records of the run took)
          rest_ordered AS (
            SELECT d.*, sum(d.pay) OVER (PARTITION BY d.cust ORDER BY d.id) - d.pay AS before FROM rest_due d WHERE d.mode IS NULL
          ),
          fast AS (
            SELECT u.id, u.resource_id, u.customer_account_id AS cust, u.product_id, u.usage_type_code, u.hour_start, u.bill_month, u.usage_value,
                   u.measure_id, g.st, g.rt, g.rg, g.partner_id, g.association_type, g.account_manager_id, g.mode,
                   l.official, dd.discount, round(l.official - dd.discount, 2) AS pay
            FROM cloud_usage_records u JOIN ${G} g ON g.r = u.resource_id AND g.p = u.price_id AND g.c = u.customer_account_id AND g.m = u.bill_month
            CROSS JOIN LATERAL (SELECT round(u.usage_value * g.unit_price, 6) AS official) l
            CROSS JOIN LATERAL (SELECT CASE WHEN g.rate IS NULL THEN 0 ELSE round(l.official * (1 - g.rate), 6) END AS discount) dd
            WHERE u.id > ${from} AND u.id <= ${to} AND g.fast
          ),
          split AS (
            SELECT ${COLS}, ${BY_MODE} FROM fast
            UNION ALL
            SELECT ${COLS}, ${BY_MODE} FROM rest_due WHERE mode IS NOT NULL
            UNION ALL
            SELECT ${COLS},
                   greatest(0, least(pay, voucher + cash - before)) - greatest(0, least(pay, voucher - before)) AS cash,
                   greatest(0, least(pay, voucher - before)) AS coupon,
                   pay - greatest(0, least(pay, voucher + cash - before)) AS debt
            FROM rest_ordered
          ),
          ins AS (
            INSERT INTO cloud_fee_records (bill_month, customer_account_id, partner_id, association_type, account_manager_id, charging_mode,
                bill_detail_type, service_type_code, resource_type_code, region_code, product_id, resource_id, usage_record_id,
                usage_type_code, usage_amount, usage_measure_id, consume_time, official_amount, discount_amount, payment_amount, cash_amount,
                coupon_amount, debt_amount, rating_run_id)
            SELECT s.bill_month, s.cust, s.partner_id, s.association_type, s.account_manager_id, 3, 5, s.st, s.rt,
                   s.rg, s.product_id, s.resource_id, s.id, s.usage_type_code, s.usage_value, s.measure_id, s.hour_start,
                   s.official, s.discount, s.pay, s.cash, s.coupon, s.debt, ${runId}
            FROM split s
            RETURNING customer_account_id, payment_amount, cash_amount, coupon_amount
          )
          SELECT customer_account_id AS customer, count(*)::text AS n, sum(payment_amount)::text AS amount, sum(coupon_amount)::text AS coupon,
                 sum(cash_amount)::text AS cash, (sum(payment_amount) - sum(coupon_amount) - sum(cash_amount))::text AS debt
          FROM ins GROUP BY customer_account_id`;
    if (process.env.CLOUD_RATING_EXPLAIN) {
      const plan = await rows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN (ANALYZE, BUFFERS) ${statement}`);
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
      throw new Error('explained');
    }
    const totals = await rows<{ customer: string; n: string; amount: string; coupon: string; cash: string; debt: string }>(tx, statement);
    lap('rate and insert');
    const records = totals.reduce((a, t) => a + Number(t.n), 0);
    if (records !== found) throw new Error(`cloud rating: ${found} usage records in partition ${partition} of (${from}, ${to}] but ${records} were priced (a product lost its price?)`);
    if (tieredTotals.size) {
      const tt = [...tieredTotals.values()];
      await tx.execute(sql`
        INSERT INTO cloud_usage_totals (customer_account_id, product_id, usage_type_code, bill_month, total)
        SELECT * FROM unnest(${p(tt.map((t) => t.c))}::uuid[], ${p(tt.map((t) => t.product))}::uuid[], ${p(tt.map((t) => t.usage))}::text[],
                             ${p(tt.map((t) => t.m))}::date[], ${p(tt.map((t) => t.v.toFixed()))}::numeric[])
        ON CONFLICT (customer_account_id, product_id, usage_type_code, bill_month) DO UPDATE SET total = cloud_usage_totals.total + excluded.total`);
    }
    lap('monthly totals');
    const sums = await settle(tx, `cloud.rating:${runId}`, 'cloud.usage.charge', bal, totals, { runId, partition, from: from + 1, to });
    lap('ledger posting');
    await advance();
    await tx
      .update(cloudRatingRuns)
      .set({ records, amount: sums.amount.toFixed(2), postingId: sums.postingId, finishedAt: clock.now() })
      .where(eq(cloudRatingRuns.id, runId));
    return {
      reachedMark: to === mark,
      runIds: [runId],
      records,
      amount: sums.amount.toFixed(2),
      coupon: sums.coupon.toFixed(2),
      cash: sums.cash.toFixed(2),
      debt: sums.debt.toFixed(2),
      customers: totals.length,
    };
  });
}

/**
 * Post a batch of charges: per customer, its vouchers and cash go down by what they covered and its arrears
 * account by the rest; the vendor's revenue goes up by the total. One posting (`ledger.postBulk`: a fixed number
 * of statements whatever the number of customers); the ledger checks floors.
 */
export async function settle(
  tx: Executor,
  idempotencyKey: string,
  kind: string,
  bal: CustomerBalance[],
  totals: { customer: string; amount: string; coupon: string; cash: string; debt: string }[],
  meta: Record<string, unknown>,
): Promise<{ postingId: string | null; amount: Money; coupon: Money; cash: Money; debt: Money }> {
  const byCustomer = new Map(bal.map((b) => [b.customerId, b]));
  const lines: { account: string; amount: Money }[] = [];
  let amount = ZERO;
  let coupon = ZERO;
  let cash = ZERO;
  let debt = ZERO;
  const arrears: string[] = [];
  for (const t of totals) {
    const b = byCustomer.get(t.customer)!;
    const [c, v, d] = [money(t.cash), money(t.coupon), money(t.debt)];
    amount = amount.plus(money(t.amount));
    coupon = coupon.plus(v);
    cash = cash.plus(c);
    debt = debt.plus(d);
    if (v.gt(0)) lines.push({ account: b.voucherAccount!, amount: v.negated() });
    if (c.gt(0)) lines.push({ account: b.cashAccount!, amount: c.negated() });
    if (d.gt(0)) {
      lines.push({ account: arrearsAccount(t.customer), amount: d.negated() });
      arrears.push(t.customer);
    }
  }
  if (amount.isZero()) return { postingId: null, amount, coupon, cash, debt };
  await ensureRevenueAccount(tx);
  await ledger.ensureAccounts(tx, arrears.map((c) => ({ code: arrearsAccount(c), ownerKind: 'customer', ownerId: c, floor: null })));
  lines.push({ account: CLOUD_REVENUE, amount });
  // one set-based posting for all the customers of the run (floors checked under the accounts' row locks)
  const { postingId } = await ledger.postBulk(tx, { idempotencyKey, kind, memo: '按需扣费', meta, lines });
  return { postingId, amount, coupon, cash, debt };
}

export { type CustomerBalance, customerBalances };
