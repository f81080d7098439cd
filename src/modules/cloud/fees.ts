import { and, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { rows } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { P, requirePermission } from '../../platform/access/index.js';
import { fieldError, forbidden } from '../../platform/errors.js';
import { money, type Money } from '../../platform/money.js';
import { billMonthOf, isMonth, monthRange } from './time.js';
import { BILL_DETAIL_TYPES, cloudFeeRecords } from './schema.js';
import { associationOf } from './payers.js';

/**
 * 消费明细 and what is built on it: the fee-record list (spec 05 op 6), the consumption summary
 * (op 5) and a customer's monthly bill (E17: 消费 = 现金支付 + 代金券抵扣 + 欠费金额).
 * Every read is scoped by the actor: a customer sees its own fees, a partner the fees rated while the
 * customer was associated with it, staff everything.
 */

export const CONSUMPTION_TYPES = [BILL_DETAIL_TYPES.subscribe, BILL_DETAIL_TYPES.renew, BILL_DETAIL_TYPES.change, BILL_DETAIL_TYPES.usage, BILL_DETAIL_TYPES.autoRenew];
export const REFUND_TYPES = [BILL_DETAIL_TYPES.unsubscribe, BILL_DETAIL_TYPES.changeRefund];

/** R-O5: consumption data reaches back at most 18 months (guide 9798, 9856). */
export const LOOKBACK_MONTHS = 18;

/* ------------------------------------------------------------------ writing order fees */

export interface OrderFee {
  customerId: string;
  billDetailType: number;
  serviceTypeCode: string;
  resourceTypeCode: string;
  regionCode: string;
  productId: string;
  resourceId: string | null;
  orderId: string;
  tradeId: string;
  consumeTime: Date;
  official: Money;
  discount: Money;
  payment: Money;
  cash: Money;
  postingId: string | null;
}

/** Fee records of 包年/包月 orders and refunds, paid in full (no arrears). Signed: refunds are negative. */
export async function insertOrderFees(tx: Executor, fees: OrderFee[]): Promise<void> {
  if (!fees.length) return;
  const assoc = await associationOf(tx, fees[0]!.customerId);
  await tx.insert(cloudFeeRecords).values(
    fees.map((f) => ({
      billMonth: billMonthOf(f.consumeTime),
      customerAccountId: f.customerId,
      partnerId: assoc?.partnerId ?? null,
      associationType: assoc?.associationType ?? null,
      accountManagerId: assoc?.accountManagerId ?? null,
      chargingMode: 1,
      billDetailType: f.billDetailType,
      serviceTypeCode: f.serviceTypeCode,
      resourceTypeCode: f.resourceTypeCode,
      regionCode: f.regionCode,
      productId: f.productId,
      resourceId: f.resourceId,
      orderId: f.orderId,
      tradeId: f.tradeId,
      consumeTime: f.consumeTime,
      officialAmount: f.official.toFixed(6),
      discountAmount: f.discount.toFixed(6),
      paymentAmount: f.payment.toFixed(2),
      cashAmount: f.cash.toFixed(2),
      couponAmount: '0.00',
      debtAmount: '0.00',
      postingId: f.postingId,
    })),
  );
}

/* ------------------------------------------------------------------ scope */

export type FeeScope = { kind: 'customer'; customerId: string } | { kind: 'partner'; partnerId: string } | { kind: 'all' };

/** Whose fees the actor may read: its own (customer), its customers' (partner, 客户消费), or all (staff). */
export function feeScope(ctx: Ctx): FeeScope {
  const a = ctx.actor;
  if (a.kind === 'account') return { kind: 'customer', customerId: a.accountId };
  if (a.kind === 'partner') {
    requirePermission(ctx, P.customerConsumption);
    return { kind: 'partner', partnerId: a.partnerId };
  }
  if (a.kind === 'staff') return { kind: 'all' };
  throw forbidden();
}

function scopeCondition(scope: FeeScope): SQL | undefined {
  if (scope.kind === 'customer') return eq(cloudFeeRecords.customerAccountId, scope.customerId);
  if (scope.kind === 'partner') return eq(cloudFeeRecords.partnerId, scope.partnerId);
  return undefined;
}

/** A 账期 "YYYY-MM" within the look-back: the current month and the 17 before it (R-O5). */
export function requireBillMonth(month: string, field = 'month'): string {
  if (!isMonth(month)) throw fieldError(field, 'cloud.bad-month', { zh: '账期格式应为YYYY-MM', en: 'The billing month must look like YYYY-MM' });
  const current = billMonthOf(clock.now()).slice(0, 7);
  const [cy, cm] = current.split('-').map(Number) as [number, number];
  const [y, m] = month.split('-').map(Number) as [number, number];
  const diff = (cy - y) * 12 + (cm - m);
  if (diff < 0 || diff >= LOOKBACK_MONTHS) {
    throw fieldError(field, 'cloud.month-out-of-range', { zh: '账期最多支持前溯18个月，且不能晚于当月', en: 'The billing month must be within the last 18 months' });
  }
  return `${month}-01`;
}

/* ------------------------------------------------------------------ 消费明细 */

export interface FeeQuery {
  month: string; // 账期 YYYY-MM
  customerId?: string;
  productId?: string;
  serviceTypeCode?: string;
  chargingMode?: 1 | 3;
  billDetailType?: number;
  resourceId?: string;
  tradeId?: string;
  regionCode?: string;
  associationType?: string;
  accountManagerId?: string;
  hideZero?: boolean; // 隐藏0元消费
  page?: number;
  pageSize?: number;
}

export interface FeeView {
  id: number;
  billMonth: string;
  customerAccountId: string;
  partnerId: string | null;
  associationType: string | null;
  chargingMode: number;
  billDetailType: number;
  serviceTypeCode: string;
  resourceTypeCode: string;
  regionCode: string;
  productId: string;
  resourceId: string | null;
  orderId: string | null;
  tradeId: string;
  usageTypeCode: string | null;
  usageAmount: string | null;
  usageMeasureId: number | null;
  consumeTime: Date;
  officialAmount: string;
  discountAmount: string;
  paymentAmount: string;
  cashAmount: string;
  couponAmount: string;
  debtAmount: string;
  paymentStatus: '已支付' | '未结清';
}

function feeConditions(scope: FeeScope, q: FeeQuery): SQL {
  const month = requireBillMonth(q.month);
  const where: (SQL | undefined)[] = [scopeCondition(scope), eq(cloudFeeRecords.billMonth, month)];
  if (q.customerId) where.push(eq(cloudFeeRecords.customerAccountId, q.customerId));
  if (q.productId) where.push(eq(cloudFeeRecords.productId, q.productId));
  if (q.serviceTypeCode) where.push(eq(cloudFeeRecords.serviceTypeCode, q.serviceTypeCode));
  if (q.chargingMode) where.push(eq(cloudFeeRecords.chargingMode, q.chargingMode));
  if (q.billDetailType) where.push(eq(cloudFeeRecords.billDetailType, q.billDetailType));
  if (q.resourceId) where.push(eq(cloudFeeRecords.resourceId, q.resourceId));
  if (q.tradeId) {
    const usage = /^U(\d{1,18})$/.exec(q.tradeId);
    where.push(usage ? eq(cloudFeeRecords.usageRecordId, Number(usage[1])) : eq(cloudFeeRecords.tradeId, q.tradeId));
  }
  if (q.regionCode) where.push(eq(cloudFeeRecords.regionCode, q.regionCode));
  if (q.associationType) where.push(eq(cloudFeeRecords.associationType, q.associationType));
  if (q.accountManagerId) where.push(eq(cloudFeeRecords.accountManagerId, q.accountManagerId));
  if (q.hideZero) where.push(ne(cloudFeeRecords.paymentAmount, '0'));
  return and(...where)!;
}

/** 消费明细: fee records of one 账期, filtered and paged in SQL (newest first). */
export async function listFees(ctx: Ctx, q: FeeQuery): Promise<{ items: FeeView[]; total: number; page: number; pageSize: number }> {
  const scope = feeScope(ctx);
  return listFeesIn(ctx.db, scope, q);
}

export async function listFeesIn(ex: Executor, scope: FeeScope, q: FeeQuery) {
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const cond = feeConditions(scope, q);
  const [{ n } = { n: 0 }] = await ex.select({ n: count() }).from(cloudFeeRecords).where(cond);
  const list = await ex
    .select()
    .from(cloudFeeRecords)
    .where(cond)
    .orderBy(desc(cloudFeeRecords.consumeTime), desc(cloudFeeRecords.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: list.map(toFeeView), total: Number(n), page, pageSize };
}

const c2 = (v: string) => money(v).toFixed(2);
const c6 = (v: string) => money(v).toFixed(6);

function toFeeView(r: typeof cloudFeeRecords.$inferSelect): FeeView {
  return {
    id: r.id,
    billMonth: r.billMonth.slice(0, 7),
    customerAccountId: r.customerAccountId,
    partnerId: r.partnerId,
    associationType: r.associationType,
    chargingMode: r.chargingMode,
    billDetailType: r.billDetailType,
    serviceTypeCode: r.serviceTypeCode,
    resourceTypeCode: r.resourceTypeCode,
    regionCode: r.regionCode,
    productId: r.productId,
    resourceId: r.resourceId,
    orderId: r.orderId,
    tradeId: r.tradeId ?? `U${r.usageRecordId}`, // 订单号/交易号
    usageTypeCode: r.usageTypeCode,
    usageAmount: r.usageAmount === null ? null : money(r.usageAmount).toFixed(),
    usageMeasureId: r.usageMeasureId,
    consumeTime: r.consumeTime,
    officialAmount: c6(r.officialAmount),
    discountAmount: c6(r.discountAmount),
    paymentAmount: c2(r.paymentAmount),
    cashAmount: c2(r.cashAmount),
    couponAmount: c2(r.couponAmount),
    debtAmount: c2(r.debtAmount),
    paymentStatus: money(r.debtAmount).isZero() ? '已支付' : '未结清',
  };
}

/* ------------------------------------------------------------------ 消费汇总 */

export interface SummaryQuery {
  month: string;
  customerId?: string;
  associationType?: string;
  accountManagerId?: string;
  /** 客户消费汇总 (consumption) or 客户退款汇总 (refunds). */
  tab?: 'consumption' | 'refund';
  page?: number;
  pageSize?: number;
}

export interface SummaryRow {
  customerAccountId: string;
  serviceTypeCode: string;
  chargingMode: number;
  associationType: string | null;
  amount: string; // 消费金额 (refund tab: 退款金额, negative)
  cash: string; // 现金支付
  coupon: string; // 代金券抵扣
  debt: string; // 欠费金额
  discount: string; // 折扣优惠
}

/**
 * 消费汇总 (spec 05 op 5): cards 消费金额 / 本月已优惠 / 退款金额 and one row per customer, product type,
 * billing mode and association type. Not a bill: it cannot be used for settlement (guide 9797).
 */
export async function consumptionSummary(ctx: Ctx, q: SummaryQuery) {
  return consumptionSummaryIn(ctx.db, feeScope(ctx), q);
}

export async function consumptionSummaryIn(ex: Executor, scope: FeeScope, q: SummaryQuery) {
  const month = requireBillMonth(q.month);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const base: (SQL | undefined)[] = [scopeCondition(scope), eq(cloudFeeRecords.billMonth, month)];
  if (q.customerId) base.push(eq(cloudFeeRecords.customerAccountId, q.customerId));
  if (q.associationType) base.push(eq(cloudFeeRecords.associationType, q.associationType));
  if (q.accountManagerId) base.push(eq(cloudFeeRecords.accountManagerId, q.accountManagerId));
  const cond = and(...base);
  const types = q.tab === 'refund' ? REFUND_TYPES : CONSUMPTION_TYPES;
  const [cards] = await ex
    .select({
      consumption: sql<string>`coalesce(sum(${cloudFeeRecords.paymentAmount}) filter (where ${inArray(cloudFeeRecords.billDetailType, CONSUMPTION_TYPES)}), 0)::text`,
      discount: sql<string>`coalesce(sum(${cloudFeeRecords.discountAmount}) filter (where ${inArray(cloudFeeRecords.billDetailType, CONSUMPTION_TYPES)}), 0)::text`,
      refunds: sql<string>`coalesce(-sum(${cloudFeeRecords.paymentAmount}) filter (where ${inArray(cloudFeeRecords.billDetailType, REFUND_TYPES)}), 0)::text`,
    })
    .from(cloudFeeRecords)
    .where(cond);
  const groupCond = and(cond, inArray(cloudFeeRecords.billDetailType, types));
  const group = [cloudFeeRecords.customerAccountId, cloudFeeRecords.serviceTypeCode, cloudFeeRecords.chargingMode, cloudFeeRecords.associationType] as const;
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(
    ex,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${cloudFeeRecords} WHERE ${groupCond} GROUP BY ${sql.join(group as unknown as SQL[], sql`, `)}) g`,
  );
  const list = await ex
    .select({
      customerAccountId: cloudFeeRecords.customerAccountId,
      serviceTypeCode: cloudFeeRecords.serviceTypeCode,
      chargingMode: cloudFeeRecords.chargingMode,
      associationType: cloudFeeRecords.associationType,
      amount: sql<string>`sum(${cloudFeeRecords.paymentAmount})::text`,
      cash: sql<string>`sum(${cloudFeeRecords.cashAmount})::text`,
      coupon: sql<string>`sum(${cloudFeeRecords.couponAmount})::text`,
      debt: sql<string>`sum(${cloudFeeRecords.debtAmount})::text`,
      discount: sql<string>`round(sum(${cloudFeeRecords.discountAmount}), 2)::text`,
    })
    .from(cloudFeeRecords)
    .where(groupCond)
    .groupBy(...group)
    .orderBy(sql`sum(${cloudFeeRecords.paymentAmount}) desc`, ...group)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    month: month.slice(0, 7),
    cards: { consumption: c2(cards!.consumption), discount: money(cards!.discount).toDecimalPlaces(2).toFixed(2), refunds: c2(cards!.refunds) },
    items: list.map((r): SummaryRow => ({ ...r, amount: c2(r.amount), cash: c2(r.cash), coupon: c2(r.coupon), debt: c2(r.debt), discount: c2(r.discount) })),
    total: Number(n),
    page,
    pageSize,
  };
}

/* ------------------------------------------------------------------ monthly bill */

export interface BillLine {
  serviceTypeCode: string;
  resourceTypeCode: string;
  chargingMode: number;
  billType: 'consumption' | 'refund';
  amount: string;
  cash: string;
  coupon: string;
  debt: string;
  discount: string;
  official: string;
}

/**
 * A customer's monthly bill (账单): one line per product type, resource type, billing mode and bill type,
 * and the totals. For every line and the totals, 消费 = 现金支付 + 代金券抵扣 + 欠费金额 (spec 05 E17).
 */
export async function monthlyBill(ctx: Ctx, q: { month: string; customerId?: string }) {
  const scope = feeScope(ctx);
  const customerId = scope.kind === 'customer' ? scope.customerId : q.customerId;
  if (!customerId) throw fieldError('customerId', 'cloud.customer-required', { zh: '请选择客户', en: 'Choose a customer' });
  return monthlyBillIn(ctx.db, scope, customerId, q.month);
}

export async function monthlyBillIn(ex: Executor, scope: FeeScope, customerId: string, monthKey: string) {
  const month = requireBillMonth(monthKey);
  const cond = and(scopeCondition(scope), eq(cloudFeeRecords.customerAccountId, customerId), eq(cloudFeeRecords.billMonth, month));
  // literal codes (not parameters), so the expression in GROUP BY is the same as in SELECT
  const billType = sql<'consumption' | 'refund'>`case when ${cloudFeeRecords.billDetailType} in (${sql.raw(REFUND_TYPES.join(', '))}) then 'refund' else 'consumption' end`;
  const list = await ex
    .select({
      serviceTypeCode: cloudFeeRecords.serviceTypeCode,
      resourceTypeCode: cloudFeeRecords.resourceTypeCode,
      chargingMode: cloudFeeRecords.chargingMode,
      billType,
      amount: sql<string>`sum(${cloudFeeRecords.paymentAmount})::text`,
      cash: sql<string>`sum(${cloudFeeRecords.cashAmount})::text`,
      coupon: sql<string>`sum(${cloudFeeRecords.couponAmount})::text`,
      debt: sql<string>`sum(${cloudFeeRecords.debtAmount})::text`,
      discount: sql<string>`sum(${cloudFeeRecords.discountAmount})::text`,
      official: sql<string>`sum(${cloudFeeRecords.officialAmount})::text`,
    })
    .from(cloudFeeRecords)
    .where(cond)
    .groupBy(cloudFeeRecords.serviceTypeCode, cloudFeeRecords.resourceTypeCode, cloudFeeRecords.chargingMode, billType)
    .orderBy(cloudFeeRecords.serviceTypeCode, cloudFeeRecords.resourceTypeCode, cloudFeeRecords.chargingMode, billType);
  const lines: BillLine[] = list.map((r) => ({
    ...r,
    amount: c2(r.amount),
    cash: c2(r.cash),
    coupon: c2(r.coupon),
    debt: c2(r.debt),
    discount: money(r.discount).toDecimalPlaces(2).toFixed(2),
    official: money(r.official).toDecimalPlaces(2).toFixed(2),
  }));
  const total = (k: 'amount' | 'cash' | 'coupon' | 'debt', t?: 'consumption' | 'refund') =>
    lines.filter((l) => !t || l.billType === t).reduce((a, l) => a.plus(money(l[k])), money('0')).toFixed(2);
  const { start, end } = monthRange(monthKey);
  return {
    customerId,
    month: month.slice(0, 7),
    periodStart: start,
    periodEnd: end,
    lines,
    consumption: { amount: total('amount', 'consumption'), cash: total('cash', 'consumption'), coupon: total('coupon', 'consumption'), debt: total('debt', 'consumption') },
    refunds: { amount: total('amount', 'refund'), cash: total('cash', 'refund') },
    total: { amount: total('amount'), cash: total('cash'), coupon: total('coupon'), debt: total('debt') },
  };
}
