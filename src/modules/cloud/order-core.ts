import { randomInt } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { actorLabel } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { money, type Money } from '../../platform/money.js';
import { notFound, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { CHINA_OFFSET_MS } from './time.js';
import {
  cloudCustomerDiscounts,
  cloudOrderEvents,
  cloudOrderLines,
  cloudOrders,
  type CloudOrder,
  type CloudOrderLine,
  type OrderStatus,
  type OrderType,
  type PeriodType,
} from './schema.js';
import { associationOf } from './payers.js';

/** Shared plumbing of the order services: numbering, inserting, status changes and their history. */

export const ORDER_ENTITY: Text = { zh: '订单', en: 'Order' };
export const RESOURCE_ENTITY: Text = { zh: '资源', en: 'Resource' };

/** 待支付 orders are cancelled automatically after 7 days (guide 20993: 请于 7 天内完成付款，超过时间订单将自动取消). */
export const PAY_WITHIN_DAYS = 7;

/** Review kind of orders for products that need the vendor's check (review-kind.ts). */
export const ORDER_REVIEW_KIND = 'cloud.order-review';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 订单号 like the guide's CS2407260915H355: "CS", yyMMddHHmm in Beijing time, 4 random characters. */
export function newOrderNo(at: Date): string {
  const c = new Date(at.getTime() + CHINA_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p(c.getUTCFullYear() % 100)}${p(c.getUTCMonth() + 1)}${p(c.getUTCDate())}${p(c.getUTCHours())}${p(c.getUTCMinutes())}`;
  let tail = '';
  for (let i = 0; i < 4; i++) tail += ALPHANUM[randomInt(ALPHANUM.length)];
  return `CS${stamp}${tail}`;
}

export interface NewLine {
  productId: string;
  resourceId?: string | null;
  toProductId?: string | null;
  regionCode: string;
  quantity: number;
  size?: number | null;
  periodType?: PeriodType | null;
  periodNum?: number | null;
  autoRenew?: boolean;
  resourceName?: string | null;
  officialAmount: Money;
  discountAmount: Money;
  amount: Money;
  effectiveAt?: Date | null;
  expiresAt?: Date | null;
}

export interface NewOrder {
  customerId: string;
  orderType: OrderType;
  status: OrderStatus;
  source: 'customer' | 'system' | 'partner';
  serviceTypeCode: string;
  lines: NewLine[];
  createdBy: string | null;
  payDeadline?: Date | null;
}

const sumOf = (xs: Money[]) => xs.reduce((a, b) => a.plus(b), money('0'));

/** Insert an order and its lines; the first event is written too. Amounts are the lines' sums. */
export async function insertOrder(tx: Executor, ctx: Ctx | null, o: NewOrder): Promise<{ order: CloudOrder; lines: CloudOrderLine[] }> {
  const now = clock.now();
  const assoc = await associationOf(tx, o.customerId);
  let order: CloudOrder | undefined;
  for (let attempt = 0; !order; attempt++) {
    const [row] = await tx
      .insert(cloudOrders)
      .values({
        orderNo: newOrderNo(now),
        customerAccountId: o.customerId,
        partnerId: assoc?.partnerId ?? null,
        associationType: assoc?.associationType ?? null,
        orderType: o.orderType,
        status: o.status,
        source: o.source,
        serviceTypeCode: o.serviceTypeCode,
        officialAmount: sumOf(o.lines.map((l) => l.officialAmount)).toFixed(2),
        discountAmount: sumOf(o.lines.map((l) => l.discountAmount)).toFixed(2),
        amount: sumOf(o.lines.map((l) => l.amount)).toFixed(2),
        payDeadline: o.payDeadline ?? null,
        createdBy: o.createdBy,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: cloudOrders.orderNo })
      .returning();
    order = row;
    if (!order && attempt > 5) throw new Error('cloud: could not allocate an order number');
  }
  const lines = await tx
    .insert(cloudOrderLines)
    .values(
      o.lines.map((l, i) => ({
        orderId: order!.id,
        lineNo: `${order!.orderNo}-${i + 1}`,
        productId: l.productId,
        resourceId: l.resourceId ?? null,
        toProductId: l.toProductId ?? null,
        regionCode: l.regionCode,
        quantity: l.quantity,
        size: l.size ?? null,
        periodType: l.periodType ?? null,
        periodNum: l.periodNum ?? null,
        autoRenew: l.autoRenew ?? false,
        resourceName: l.resourceName ?? null,
        officialAmount: l.officialAmount.toFixed(2),
        discountAmount: l.discountAmount.toFixed(2),
        amount: l.amount.toFixed(2),
        effectiveAt: l.effectiveAt ?? null,
        expiresAt: l.expiresAt ?? null,
      })),
    )
    .returning();
  await recordEvent(tx, ctx, order.id, null, o.status, 'create');
  lines.sort((a, b) => a.lineNo.localeCompare(b.lineNo, 'en', { numeric: true }));
  return { order, lines };
}

export async function recordEvent(tx: Executor, ctx: Ctx | null, orderId: string, from: OrderStatus | null, to: OrderStatus, action: string, reason?: string | null) {
  const who = ctx ? actorLabel(ctx.actor) : { kind: 'system', id: null };
  await tx.insert(cloudOrderEvents).values({ orderId, fromStatus: from, toStatus: to, action, actorKind: who.kind, actorId: who.id, reason: reason ?? null, at: clock.now() });
}

/** Move an order to a new status (the caller holds the row lock) and write the history event. */
export async function setStatus(
  tx: Executor,
  ctx: Ctx | null,
  order: CloudOrder,
  to: OrderStatus,
  action: string,
  patch: Partial<typeof cloudOrders.$inferInsert> = {},
  reason?: string | null,
): Promise<CloudOrder> {
  const [row] = await tx
    .update(cloudOrders)
    .set({ ...patch, status: to, updatedAt: clock.now() })
    .where(eq(cloudOrders.id, order.id))
    .returning();
  await recordEvent(tx, ctx, order.id, order.status, to, action, reason);
  return row!;
}

/** The order row, locked for the rest of the transaction. */
export async function lockOrder(tx: Executor, orderId: string): Promise<CloudOrder | null> {
  const [row] = await tx.select().from(cloudOrders).where(eq(cloudOrders.id, orderId)).for('update');
  return row ?? null;
}

export async function orderLines(ex: Executor, orderId: string): Promise<CloudOrderLine[]> {
  return ex.select().from(cloudOrderLines).where(eq(cloudOrderLines.orderId, orderId)).orderBy(asc(cloudOrderLines.lineNo));
}

export function requireOrderOf(order: CloudOrder | null, customerId: string): CloudOrder {
  if (!order || order.customerAccountId !== customerId) throw notFound(ORDER_ENTITY);
  return order;
}

/** Refuse while a resource has an order that is not finished (待审核 / 待支付 / 处理中). */
export async function requireNoOpenOrder(ex: Executor, resourceIds: string[]) {
  if (!resourceIds.length) return;
  const [open] = await ex
    .select({ orderNo: cloudOrders.orderNo })
    .from(cloudOrderLines)
    .innerJoin(cloudOrders, eq(cloudOrders.id, cloudOrderLines.orderId))
    .where(and(inArray(cloudOrderLines.resourceId, resourceIds), inArray(cloudOrders.status, ['待审核', '待支付', '处理中'])))
    .limit(1);
  if (open) {
    throw refused('cloud.resource-has-open-order', { zh: '该资源存在未完成的订单（{orderNo}），请先支付或取消', en: 'The resource has an unfinished order ({orderNo}); pay or cancel it first' }, { orderNo: open.orderNo });
  }
}

/* ------------------------------------------------------------------ discounts */

/**
 * The customer's best discount rate for a service at a time (lowest share paid wins, as the Partner API's
 * best_offer among commercial and partner discounts); null = list price.
 */
export async function bestRate(ex: Executor, customerId: string, serviceTypeCode: string, at: Date): Promise<Money | null> {
  const [row] = await ex
    .select({ rate: sql<string | null>`min(${cloudCustomerDiscounts.rate})` })
    .from(cloudCustomerDiscounts)
    .where(
      and(
        eq(cloudCustomerDiscounts.customerAccountId, customerId),
        or(isNull(cloudCustomerDiscounts.serviceTypeCode), eq(cloudCustomerDiscounts.serviceTypeCode, serviceTypeCode)),
        lte(cloudCustomerDiscounts.validFrom, at),
        or(isNull(cloudCustomerDiscounts.validTo), gt(cloudCustomerDiscounts.validTo, at)),
      ),
    );
  return row?.rate ? money(row.rate) : null;
}

export interface DiscountInput {
  customerId: string;
  discountType: '605' | '606' | '607';
  name: string;
  serviceTypeCode?: string | null;
  rate: string; // share paid, 0 < rate ≤ 1
  validFrom: Date;
  validTo?: Date | null;
}

/** Grant a customer a discount (called by the finance / marketplace modules; no HTTP route yet). */
export async function setCustomerDiscount(ex: Executor, d: DiscountInput) {
  const rate = money(d.rate);
  if (rate.lte(0) || rate.gt(1) || rate.decimalPlaces() > 4) throw new Error(`cloud: discount rate ${d.rate} must be in (0, 1] with ≤ 4 decimals`);
  const [row] = await ex
    .insert(cloudCustomerDiscounts)
    .values({
      customerAccountId: d.customerId,
      discountType: d.discountType,
      name: d.name,
      serviceTypeCode: d.serviceTypeCode ?? null,
      rate: rate.toFixed(4),
      validFrom: d.validFrom,
      validTo: d.validTo ?? null,
      createdAt: clock.now(),
    })
    .returning();
  return row!;
}
