import { sql, type SQL } from 'drizzle-orm';
import { clock, DAY_MS } from '../../platform/clock.js';
import { inTransaction, rows, type Db, type Executor } from '../../platform/db/index.js';
import { REFUND_TYPES } from './fees.js';
import { chinaDate } from './time.js';

/**
 * The consumption rollup (消费汇总): folds rated fee records into the tables `consumption.ts` reads,
 * so a partner with 100,000 customers and millions of fees gets a filtered summary page from a few
 * index reads. Called by the job `cloud.consumption.rollup` after each rating run, and by tests and the
 * bench explicitly. Idempotent and safe to run concurrently (one runner at a time, others wait).
 *
 * 1. Fold: the fees with id in (cursor, H] — H read under a SHARE lock on the fee table, so every fee
 *    with an id ≤ H is committed (inserting transactions hold ROW EXCLUSIVE until they commit; ids are
 *    drawn from one sequence, H is its last value) and no fee is ever skipped. Each fee is attributed to the 客户经理 it
 *    counts for (R-O7, below), grouped by Beijing day, and added to the open-day table (days not closed
 *    yet) or, for a late fee of a closed day, straight to the monthly tables; the customer-month totals
 *    (customer list 本月消费 / 上月消费) take every fee at once.
 * 2. Close (R-O4, "当日消费汇总数据可在次日24点后查询"): the days up to the day before yesterday (Beijing) are
 *    closed: their open rows move into the monthly tables and `closed_through` advances. So at any
 *    instant of Beijing day T the summary holds exactly the fees of days ≤ T−2 that were rated before
 *    the last run — the fees of day D appear at the first run after 24:00 of D+1 (the job runs hourly).
 *
 * R-O7 (attribution): a fee counts for the manager whose assignment period (the customers module's
 * `customer_manager_assignments`: from `counts_from` — the next Beijing day, or at once for a 云经销商 —
 * until `ended_at`) contains its 消费时间; none if no period does. A customer without any assignment
 * history (data loaded before the history existed) falls back to the manager snapshotted at rating.
 */

const STATE_ID = 1;
const BATCH = 1_000_000; // fee ids per fold transaction
const kindSql = sql.raw(`CASE WHEN f.bill_detail_type IN (${REFUND_TYPES.join(', ')}) THEN 2 ELSE 1 END`);

export interface RollupResult {
  fees: number; // fee records folded
  closedThrough: string; // the last closed Beijing day
}

/** The day the summary holds data through: the day before yesterday, Beijing time (R-O4). */
export function closableThrough(now = clock.now()): string {
  return chinaDate(new Date(now.getTime() - 2 * DAY_MS));
}

async function state(ex: Executor): Promise<{ cursor: number; closedThrough: string }> {
  const [s] = await rows<{ fee_cursor: string; closed_through: string }>(ex, sql`SELECT fee_cursor::text, closed_through::text FROM cloud_consumption_state WHERE id = ${STATE_ID} FOR UPDATE`);
  if (s) return { cursor: Number(s.fee_cursor), closedThrough: s.closed_through };
  const closed = closableThrough();
  await ex.execute(sql`INSERT INTO cloud_consumption_state (id, fee_cursor, closed_through, updated_at) VALUES (${STATE_ID}, 0, ${closed}, ${clock.now()}) ON CONFLICT (id) DO NOTHING`);
  const [again] = await rows<{ fee_cursor: string; closed_through: string }>(ex, sql`SELECT fee_cursor::text, closed_through::text FROM cloud_consumption_state WHERE id = ${STATE_ID} FOR UPDATE`);
  return { cursor: Number(again!.fee_cursor), closedThrough: again!.closed_through };
}

/** The read side's view of the state: the last closed day (null before the first run). */
export async function rollupClosedThrough(ex: Executor): Promise<string | null> {
  const [s] = await rows<{ closed_through: string }>(ex, sql`SELECT closed_through::text FROM cloud_consumption_state WHERE id = ${STATE_ID}`);
  return s?.closed_through ?? null;
}

const SUMS = ['amount', 'cash_amount', 'coupon_amount', 'debt_amount', 'discount_amount', 'official_amount', 'fees'] as const;
const sumCols = sql.raw(SUMS.map((c) => `sum(${c})${c === 'fees' ? '::int' : ''} AS ${c}`).join(', '));
const addCols = (table: string) => sql.raw(SUMS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', '));
const sumNames = sql.raw(SUMS.join(', '));

/**
 * Add closed-day rows (a relation with the open table's columns but `day`) into the monthly tables and
 * their stats, in one statement: the monthly row per group, the per-manager row, the stats delta
 * (amounts, and the number of monthly rows the statement created).
 */
async function addClosed(ex: Executor, source: SQL): Promise<void> {
  await ex.execute(sql`
    WITH s AS (${source}),
    m AS (
      SELECT bill_month, partner_id, kind, customer_account_id, service_type_code, charging_mode, association_type, ${sumCols}
      FROM s GROUP BY 1, 2, 3, 4, 5, 6, 7
    ),
    up AS (
      INSERT INTO cloud_consumption_monthly (bill_month, partner_id, kind, customer_account_id, service_type_code, charging_mode, association_type, ${sumNames})
      SELECT * FROM m
      ON CONFLICT (partner_id, bill_month, kind, customer_account_id, service_type_code, charging_mode, association_type)
      DO UPDATE SET ${addCols('cloud_consumption_monthly')}
      RETURNING bill_month, partner_id, association_type, kind, service_type_code, (xmax = 0) AS inserted
    ),
    am AS (
      INSERT INTO cloud_consumption_monthly_am (bill_month, partner_id, manager_id, kind, customer_account_id, service_type_code, charging_mode, association_type, ${sumNames})
      SELECT bill_month, partner_id, manager_id, kind, customer_account_id, service_type_code, charging_mode, association_type, ${sumCols}
      FROM s WHERE manager_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT (partner_id, bill_month, manager_id, kind, customer_account_id, service_type_code, charging_mode, association_type)
      DO UPDATE SET ${addCols('cloud_consumption_monthly_am')}
      RETURNING bill_month, partner_id, manager_id, association_type, kind, service_type_code, (xmax = 0) AS inserted
    ),
    sd AS (SELECT bill_month, partner_id, association_type, kind, service_type_code, ${sumCols} FROM m GROUP BY 1, 2, 3, 4, 5),
    sc AS (SELECT bill_month, partner_id, association_type, kind, service_type_code, count(*) FILTER (WHERE inserted)::int AS n FROM up GROUP BY 1, 2, 3, 4, 5),
    st AS (
      INSERT INTO cloud_consumption_stats (bill_month, partner_id, association_type, kind, service_type_code, row_count, ${sumNames})
      SELECT sd.bill_month, sd.partner_id, sd.association_type, sd.kind, sd.service_type_code, coalesce(sc.n, 0), ${sql.raw(SUMS.map((c) => `sd.${c}`).join(', '))}
      FROM sd LEFT JOIN sc USING (bill_month, partner_id, association_type, kind, service_type_code)
      ON CONFLICT (partner_id, bill_month, association_type, kind, service_type_code)
      DO UPDATE SET row_count = cloud_consumption_stats.row_count + excluded.row_count, ${addCols('cloud_consumption_stats')}
    ),
    ad AS (SELECT bill_month, partner_id, manager_id, association_type, kind, service_type_code, ${sumCols} FROM s WHERE manager_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6),
    ac AS (SELECT bill_month, partner_id, manager_id, association_type, kind, service_type_code, count(*) FILTER (WHERE inserted)::int AS n FROM am GROUP BY 1, 2, 3, 4, 5, 6)
    INSERT INTO cloud_consumption_stats_am (bill_month, partner_id, manager_id, association_type, kind, service_type_code, row_count, ${sumNames})
    SELECT ad.bill_month, ad.partner_id, ad.manager_id, ad.association_type, ad.kind, ad.service_type_code, coalesce(ac.n, 0), ${sql.raw(SUMS.map((c) => `ad.${c}`).join(', '))}
    FROM ad LEFT JOIN ac USING (bill_month, partner_id, manager_id, association_type, kind, service_type_code)
    ON CONFLICT (partner_id, bill_month, manager_id, association_type, kind, service_type_code)
    DO UPDATE SET row_count = cloud_consumption_stats_am.row_count + excluded.row_count, ${addCols('cloud_consumption_stats_am')}`);
}

/** Fold fees (lo, hi] into the rollup (inside the caller's transaction). */
async function fold(tx: Executor, lo: number, hi: number, closedThrough: string): Promise<number> {
  await tx.execute(sql`DROP TABLE IF EXISTS pg_temp.cloud_rollup_batch`);
  await tx.execute(sql`
    CREATE TEMP TABLE cloud_rollup_batch ON COMMIT DROP AS
    WITH f AS (
      SELECT f.partner_id, f.customer_account_id, f.service_type_code, f.charging_mode, coalesce(f.association_type, '') AS association_type,
             f.account_manager_id, f.consume_time, f.bill_month, ((f.consume_time AT TIME ZONE 'UTC') + interval '8 hours')::date AS day,
             ${kindSql} AS kind,
             f.payment_amount, f.cash_amount, f.coupon_amount, f.debt_amount, f.discount_amount, f.official_amount
      FROM cloud_fee_records f
      WHERE f.id > ${lo} AND f.id <= ${hi} AND f.partner_id IS NOT NULL
    ),
    h AS (
      SELECT a.partner_id, a.customer_account_id, a.member_id, a.counts_from, a.ended_at
      FROM customer_manager_assignments a
      WHERE a.customer_account_id IN (SELECT DISTINCT customer_account_id FROM f)
    ),
    hc AS (SELECT DISTINCT partner_id, customer_account_id FROM h),
    a AS (
      SELECT f.*, CASE WHEN hc.customer_account_id IS NULL THEN f.account_manager_id ELSE h.member_id END AS manager_id
      FROM f
      LEFT JOIN hc ON hc.partner_id = f.partner_id AND hc.customer_account_id = f.customer_account_id
      LEFT JOIN h ON h.partner_id = f.partner_id AND h.customer_account_id = f.customer_account_id
                 AND h.counts_from <= f.consume_time AND (h.ended_at IS NULL OR h.ended_at > f.consume_time)
    )
    SELECT day, bill_month, partner_id, customer_account_id, service_type_code, charging_mode, association_type, manager_id, kind,
           sum(payment_amount) AS amount, sum(cash_amount) AS cash_amount, sum(coupon_amount) AS coupon_amount, sum(debt_amount) AS debt_amount,
           sum(discount_amount) AS discount_amount, sum(official_amount) AS official_amount, count(*)::int AS fees
    FROM a GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(tx, sql`SELECT coalesce(sum(fees), 0)::int AS n FROM cloud_rollup_batch`);
  if (!n) return 0;
  // open days
  await tx.execute(sql`
    INSERT INTO cloud_consumption_open (day, bill_month, partner_id, customer_account_id, service_type_code, charging_mode, association_type, manager_id, kind, ${sumNames})
    SELECT day, bill_month, partner_id, customer_account_id, service_type_code, charging_mode, association_type, manager_id, kind, ${sumNames}
    FROM cloud_rollup_batch WHERE day > ${closedThrough}::date
    ON CONFLICT ON CONSTRAINT cloud_consumption_open_key DO UPDATE SET ${addCols('cloud_consumption_open')}`);
  // late fees of closed days
  await addClosed(
    tx,
    sql`SELECT bill_month, partner_id, customer_account_id, service_type_code, charging_mode, association_type, manager_id, kind, ${sumNames}
        FROM cloud_rollup_batch WHERE day <= ${closedThrough}::date`,
  );
  // the customer list's months (all days)
  await tx.execute(sql`
    INSERT INTO cloud_consumption_customer_month (partner_id, bill_month, customer_account_id, consumption, refunds)
    SELECT partner_id, bill_month, customer_account_id,
           coalesce(sum(amount) FILTER (WHERE kind = 1), 0), coalesce(sum(amount) FILTER (WHERE kind = 2), 0)
    FROM cloud_rollup_batch GROUP BY 1, 2, 3
    ON CONFLICT (partner_id, bill_month, customer_account_id)
    DO UPDATE SET consumption = cloud_consumption_customer_month.consumption + excluded.consumption,
                  refunds = cloud_consumption_customer_month.refunds + excluded.refunds`);
  await tx.execute(sql`DROP TABLE IF EXISTS pg_temp.cloud_rollup_batch`);
  return n;
}

/** Close the days through `through`: their open rows move into the monthly tables. */
async function close(tx: Executor, through: string): Promise<void> {
  await addClosed(
    tx,
    sql`SELECT bill_month, partner_id, customer_account_id, service_type_code, charging_mode, association_type, manager_id, kind, ${sumNames}
        FROM cloud_consumption_open WHERE day <= ${through}::date`,
  );
  await tx.execute(sql`DELETE FROM cloud_consumption_open WHERE day <= ${through}::date`);
}

/** The highest fee id below which every fee is committed (see the file comment). */
async function highWater(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`LOCK TABLE cloud_fee_records IN SHARE MODE`);
    // The id sequence's last value (null before its first): the fee table keeps no B-tree on id (see the schema) for a
    // max(id). With the lock held no insert is running, so every id handed out so far is committed or never will be.
    const [r] = await rows<{ h: string | null }>(tx, sql`SELECT pg_sequence_last_value('cloud_fee_records_id_seq')::text AS h`);
    return Number(r?.h ?? 0);
  });
}

/** Fold the new fees and close the finished days (see the file comment). */
export async function rollupConsumption(db: Db, opts: { batch?: number } = {}): Promise<RollupResult> {
  const high = await highWater(db);
  const batch = opts.batch ?? BATCH;
  let folded = 0;
  for (;;) {
    const done = await inTransaction(db, async (tx) => {
      const s = await state(tx);
      if (s.cursor >= high) return null;
      const hi = Math.min(high, s.cursor + batch);
      const n = await fold(tx, s.cursor, hi, s.closedThrough);
      await tx.execute(sql`UPDATE cloud_consumption_state SET fee_cursor = ${hi}, updated_at = ${clock.now()} WHERE id = ${STATE_ID}`);
      return n;
    });
    if (done === null) break;
    folded += done;
  }
  const closedThrough = await inTransaction(db, async (tx) => {
    const s = await state(tx);
    const target = closableThrough();
    if (target <= s.closedThrough) return s.closedThrough;
    await close(tx, target);
    await tx.execute(sql`UPDATE cloud_consumption_state SET closed_through = ${target}, updated_at = ${clock.now()} WHERE id = ${STATE_ID}`);
    return target;
  });
  return { fees: folded, closedThrough };
}
