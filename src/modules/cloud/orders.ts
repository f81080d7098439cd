import { and, asc, count, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { requireMayBuyCloud } from '../partners/standing.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction, type Executor } from '../../platform/db/index.js';
import { addMonths, clock, DAY_MS } from '../../platform/clock.js';
import { P, requireAccount, requirePermission } from '../../platform/access/index.js';
import { fieldError, forbidden, notFound, refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { send } from '../../platform/notify/index.js';
import { money } from '../../platform/money.js';
import { isUuid } from '../../platform/ids.js';
import { submit, withdraw } from '../../platform/review/index.js';
import {
  cloudOrderEvents,
  cloudOrderPayments,
  cloudOrders,
  cloudResources,
  type CloudOrder,
  type OrderStatus,
  type OrderType,
  type PeriodType,
  type ChargeMode,
  type ResourceStatus,
} from './schema.js';
import { findPrice, getProduct } from './catalogue.js';
import { discounted, periodListPrice } from './pricing.js';
import { bestRate, insertOrder, lockOrder, orderLines, ORDER_ENTITY, ORDER_REVIEW_KIND, PAY_WITHIN_DAYS, setStatus, type NewLine } from './order-core.js';
import { activateOrder, MONTHS_RANGE, requireSize } from './subscriptions.js';
import { takePayment, paymentOfOrder } from './payments.js';
import { customerPayer, type Payer } from './payers.js';

/**
 * 订购 and the life of an order (spec 04 §2.14, spec 05 E1 / SM1; Partner API ops 30–35):
 * 待审核 (products that need the vendor's review) → 待支付 → 处理中 → 已完成, or 已取消 (by the customer,
 * by the vendor's rejection, or automatically 7 days after ordering when unpaid).
 */

const MAX_ITEMS = 10;
const MAX_QUANTITY = 50;

export interface OrderItemInput {
  productId: string;
  regionCode: string;
  periodType: PeriodType;
  periodNum: number;
  quantity?: number;
  size?: number;
  autoRenew?: boolean;
  name?: string;
}

export interface CreateOrderInput {
  items: OrderItemInput[];
}

/** The price of a 包年/包月 purchase (ListRateOnPeriodDetail): list, discount and amount for `quantity`. */
export async function quotePeriod(ex: Executor, customerId: string, item: OrderItemInput, field = 'items.0') {
  if (!isUuid(item.productId)) throw fieldError(`${field}.productId`, 'cloud.unknown-product', { zh: '产品不存在', en: 'Unknown product' });
  const product = await getProduct(ex, item.productId);
  if (!product || !product.onSale) throw fieldError(`${field}.productId`, 'cloud.unknown-product', { zh: '产品不存在', en: 'Unknown product' });
  if (!product.regions.includes(item.regionCode)) throw fieldError(`${field}.regionCode`, 'cloud.region-unavailable', { zh: '该产品在所选区域不可用', en: 'The product is not sold in this region' });
  const [min, max] = MONTHS_RANGE[item.periodType] ?? [0, -1];
  if (!Number.isInteger(item.periodNum) || item.periodNum < min || item.periodNum > max) {
    throw fieldError(`${field}.periodNum`, 'cloud.bad-period', { zh: `购买时长应为${min}–${max}${item.periodType === 'year' ? '年' : '个月'}`, en: `The period must be ${min}–${max} ${item.periodType}s` });
  }
  const quantity = item.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw fieldError(`${field}.quantity`, 'cloud.bad-quantity', { zh: `购买数量应为1–${MAX_QUANTITY}`, en: `The quantity must be 1–${MAX_QUANTITY}` });
  }
  if (product.linear) requireSize(product, item.size, `${field}.size`);
  else if (item.size !== undefined) throw fieldError(`${field}.size`, 'cloud.size-not-applicable', { zh: '该产品不支持选择容量', en: 'This product has no size to choose' });
  const price = await findPrice(ex, product.id, 'period', { periodType: item.periodType });
  if (!price) throw fieldError(`${field}.periodType`, 'cloud.no-period-price', { zh: '该产品不支持按{period}购买', en: 'The product is not sold by the {period}' });
  const unit = discounted(periodListPrice(price, product.linear ? item.size! : null, item.periodNum), await bestRate(ex, customerId, product.serviceTypeCode, clock.now()));
  return {
    product,
    quantity,
    unit,
    official: unit.official.times(quantity),
    discount: unit.discount.times(quantity),
    amount: unit.amount.times(quantity),
  };
}

/**
 * 订购: a customer orders 包年/包月 products. The order waits 待支付 (7 days) — or 待审核 when a product needs
 * the vendor's review — and nothing is provisioned before it is paid.
 */
export async function createOrder(ctx: Ctx, input: CreateOrderInput): Promise<CloudOrder> {
  const me = requireAccount(ctx);
  return createOrderFor(ctx, me.accountId, input, 'customer');
}

export async function createOrderFor(ctx: Ctx, customerId: string, input: CreateOrderInput, source: 'customer' | 'partner'): Promise<CloudOrder> {
  await requireMayBuyCloud(ctx.db, customerId); // R26: a reseller identity cannot buy cloud services (partners/standing.ts)
  if (!input.items.length || input.items.length > MAX_ITEMS) throw fieldError('items', 'cloud.bad-item-count', { zh: `每个订单包含1–${MAX_ITEMS}个产品`, en: `An order holds 1 to ${MAX_ITEMS} products` });
  for (const [i, it] of input.items.entries()) {
    if (it.name !== undefined && (it.name.trim().length < 1 || it.name.length > 64)) throw fieldError(`items.${i}.name`, 'cloud.bad-name', { zh: '资源名称为1–64个字符', en: 'The name must be 1–64 characters' });
  }
  return inTransaction(ctx.db, async (tx) => {
    const lines: NewLine[] = [];
    let review = false;
    let service = '';
    for (const [i, it] of input.items.entries()) {
      const q = await quotePeriod(tx, customerId, it, `items.${i}`);
      review ||= q.product.reviewRequired;
      service ||= q.product.serviceTypeCode;
      lines.push({
        productId: q.product.id,
        regionCode: it.regionCode,
        quantity: q.quantity,
        size: q.product.linear ? it.size! : null,
        periodType: it.periodType,
        periodNum: it.periodNum,
        autoRenew: it.autoRenew ?? false,
        resourceName: it.name?.trim() ?? null,
        officialAmount: q.official,
        discountAmount: q.discount,
        amount: q.amount,
      });
    }
    const now = clock.now();
    const { order } = await insertOrder(tx, ctx, {
      customerId,
      orderType: '订购',
      status: review ? '待审核' : '待支付',
      source,
      serviceTypeCode: service,
      lines,
      createdBy: ctx.actor.kind === 'account' ? ctx.actor.accountName : null,
      payDeadline: review ? null : new Date(now.getTime() + PAY_WITHIN_DAYS * DAY_MS),
    });
    let result = order;
    if (review) {
      const app = await submit(
        ctx.deps.reviews,
        ctx,
        { kind: ORDER_REVIEW_KIND, subjectType: 'cloud_order', subjectId: order.id, data: { orderNo: order.orderNo, amount: order.amount, lines: lines.length }, summary: `${order.orderNo} · ¥${order.amount}` },
        tx,
      );
      [result] = await tx.update(cloudOrders).set({ reviewId: app.id }).where(eq(cloudOrders.id, order.id)).returning() as [CloudOrder];
    }
    await audit(tx, ctx, { action: 'cloud.order.created', objectType: 'cloud_order', objectId: order.id, customerAccountId: customerId, partnerId: null, after: { orderNo: order.orderNo, status: order.status, amount: order.amount } });
    return result;
  });
}

/* ------------------------------------------------------------------ paying */

const REQUEST_ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

export interface PayOptions {
  /** The client's id of this payment attempt; a retry with the same id answers the first result. */
  requestId: string;
  /** Who pays. Default (and the only choice for a customer): the customer's balance (余额支付). */
  payer?: Payer;
}

/**
 * 支付 a 待支付 order. One payment per order, whatever happens: the row lock serialises concurrent attempts,
 * the ledger key `cloud.order-pay:<id>` refuses a second posting, and a retry with the same request id is
 * answered with the completed order. Paying activates the resources in the same transaction.
 * A customer pays its own orders; the partner's 伙伴支付 (later issue) passes its own Payer after its checks.
 */
export async function payOrder(ctx: Ctx, orderId: string, opts: PayOptions): Promise<{ order: CloudOrder; replayed: boolean }> {
  if (!REQUEST_ID_RE.test(opts.requestId ?? '')) throw fieldError('requestId', 'cloud.bad-request-id', { zh: '请求编号无效', en: 'Invalid request id' });
  const a = ctx.actor;
  let owner: (o: CloudOrder) => boolean;
  let payer: (o: CloudOrder) => Payer;
  if (a.kind === 'account') {
    owner = (o) => o.customerAccountId === a.accountId;
    payer = (o) => customerPayer(o.customerAccountId);
  } else if (a.kind === 'partner') {
    requirePermission(ctx, P.customerOrders);
    if (!opts.payer || opts.payer.kind !== 'partner') throw forbidden();
    owner = (o) => o.partnerId === a.partnerId && o.partnerPayRequested;
    payer = () => opts.payer!;
  } else {
    throw forbidden();
  }
  if (!isUuid(orderId)) throw notFound(ORDER_ENTITY);

  const outcome = await inTransaction(ctx.db, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || !owner(order)) throw notFound(ORDER_ENTITY);
    if (order.status === '已完成' || order.status === '处理中') {
      const paid = await paymentOfOrder(tx, order.id);
      if (paid?.requestId === opts.requestId) return { order, replayed: true };
    }
    if (order.status !== '待支付') {
      throw refused('cloud.order-not-payable', { zh: '订单状态为“{status}”，无法支付', en: 'The order is {status} and cannot be paid' }, { status: order.status });
    }
    const now = clock.now();
    if (order.payDeadline && order.payDeadline.getTime() <= now.getTime()) {
      await setStatus(tx, null, order, '已取消', 'expire', { cancelledAt: now, cancelReason: EXPIRED_REASON }, EXPIRED_REASON);
      return 'expired' as const;
    }
    const p = payer(order);
    const processing = await setStatus(tx, ctx, order, '处理中', 'pay', { paymentMethod: p.method, payerKind: p.kind, payerId: p.id });
    const payment = await takePayment(tx, ctx, processing, p, money(order.amount), opts.requestId);
    await activateOrder(tx, ctx, processing, payment);
    const done = await setStatus(tx, ctx, processing, '已完成', 'activate', { paidAt: now, paidAmount: order.amount, completedAt: now });
    await send(tx, {
      channel: 'site',
      to: { kind: 'account', id: order.customerAccountId },
      template: 'cloud.order-paid',
      subject: '订单支付成功',
      body: `您的订单${order.orderNo}已支付成功，支付金额¥${order.amount}，资源已开通。`,
      data: { orderId: order.id, orderNo: order.orderNo, text: { zh: `订单${order.orderNo}已支付成功`, en: `Order ${order.orderNo} has been paid` } },
    });
    await audit(tx, ctx, {
      action: 'cloud.order.paid',
      objectType: 'cloud_order',
      objectId: order.id,
      customerAccountId: order.customerAccountId,
      partnerId: ctx.actor.kind === 'partner' ? ctx.actor.partnerId : null,
      before: { status: order.status },
      after: { status: done.status, amount: order.amount, method: p.method, payer: p.kind },
    });
    return { order: done, replayed: false };
  });
  if (outcome === 'expired') throw refused('cloud.order-expired', { zh: '订单已超过7天支付期限，已自动取消，请重新下单', en: 'The order was not paid within 7 days and has been cancelled; please order again' });
  return outcome;
}

/* ------------------------------------------------------------------ cancelling */

export const EXPIRED_REASON = '超时未支付，订单已自动取消';

/** 取消订单: the customer cancels its own 待支付 (or 待审核) order. */
export async function cancelOrder(ctx: Ctx, orderId: string, reason?: string): Promise<CloudOrder> {
  const me = requireAccount(ctx);
  if (!isUuid(orderId)) throw notFound(ORDER_ENTITY);
  const [pre] = await ctx.db.select().from(cloudOrders).where(eq(cloudOrders.id, orderId));
  if (!pre || pre.customerAccountId !== me.accountId) throw notFound(ORDER_ENTITY);
  if (pre.status === '待审核' && pre.reviewId) {
    await withdraw(ctx.deps.reviews, ctx, pre.reviewId, { comment: reason }); // the kind's hook cancels the order
    return (await ctx.db.select().from(cloudOrders).where(eq(cloudOrders.id, orderId)))[0]!;
  }
  return inTransaction(ctx.db, async (tx) => {
    const order = (await lockOrder(tx, orderId))!;
    if (order.status !== '待支付') throw refused('cloud.order-not-cancellable', { zh: '订单状态为“{status}”，无法取消', en: 'The order is {status} and cannot be cancelled' }, { status: order.status });
    const done = await setStatus(tx, ctx, order, '已取消', 'cancel', { cancelledAt: clock.now(), cancelReason: reason ?? '客户取消' }, reason ?? null);
    await audit(tx, ctx, { action: 'cloud.order.cancelled', objectType: 'cloud_order', objectId: order.id, customerAccountId: me.accountId, partnerId: null, before: { status: order.status }, after: { status: done.status } });
    return done;
  });
}

/**
 * The job: 待支付 orders past their deadline are cancelled (guide 20993, 7 days). Paying an overdue order
 * also cancels it on the spot, so the job's timing never lets one through.
 */
export async function expireUnpaidOrders(db: Executor): Promise<number> {
  let n = 0;
  for (;;) {
    const due = await db
      .select({ id: cloudOrders.id })
      .from(cloudOrders)
      .where(and(eq(cloudOrders.status, '待支付'), lte(cloudOrders.payDeadline, clock.now())))
      .limit(500);
    if (!due.length) return n;
    for (const { id } of due) {
      await inTransaction(db, async (tx) => {
        const o = await lockOrder(tx, id);
        if (!o || o.status !== '待支付' || !o.payDeadline || o.payDeadline.getTime() > clock.nowMs()) return;
        await setStatus(tx, null, o, '已取消', 'expire', { cancelledAt: clock.now(), cancelReason: EXPIRED_REASON }, EXPIRED_REASON);
        n++;
      });
    }
  }
}

/* ------------------------------------------------------------------ reading */

export type OrderScope = { kind: 'customer'; customerId: string } | { kind: 'partner'; partnerId: string } | { kind: 'all' };

export function orderScope(ctx: Ctx): OrderScope {
  const a = ctx.actor;
  if (a.kind === 'account') return { kind: 'customer', customerId: a.accountId };
  if (a.kind === 'partner') {
    requirePermission(ctx, P.customerOrders);
    return { kind: 'partner', partnerId: a.partnerId };
  }
  if (a.kind === 'staff') return { kind: 'all' };
  throw forbidden();
}

export interface OrderQuery {
  orderNo?: string;
  status?: OrderStatus;
  orderType?: OrderType;
  serviceTypeCode?: string;
  customerId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  page?: number;
  pageSize?: number;
}

/** R-O3: the order list defaults to the last 6 months; a chosen range may span at most 1 year. */
export function orderRange(q: Pick<OrderQuery, 'createdFrom' | 'createdTo'>): { from: Date; to: Date } {
  const now = clock.now();
  const to = q.createdTo ?? now;
  const from = q.createdFrom ?? addMonths(to, -6);
  if (from.getTime() > to.getTime()) throw fieldError('createdFrom', 'cloud.bad-range', { zh: '开始时间不能晚于结束时间', en: 'The start must not be after the end' });
  if (addMonths(from, 12).getTime() < to.getTime()) throw fieldError('createdTo', 'cloud.range-too-long', { zh: '时间范围不能超过1年', en: 'The range must not exceed 1 year' });
  return { from, to };
}

export async function listOrders(ctx: Ctx, q: OrderQuery) {
  const scope = orderScope(ctx);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const { from, to } = orderRange(q);
  const where: (SQL | undefined)[] = [gte(cloudOrders.createdAt, from), lte(cloudOrders.createdAt, to)];
  if (scope.kind === 'customer') where.push(eq(cloudOrders.customerAccountId, scope.customerId));
  if (scope.kind === 'partner') where.push(eq(cloudOrders.partnerId, scope.partnerId));
  if (q.customerId) where.push(eq(cloudOrders.customerAccountId, q.customerId));
  if (q.orderNo) where.push(sql`upper(${cloudOrders.orderNo}) = upper(${q.orderNo})`);
  if (q.status) where.push(eq(cloudOrders.status, q.status));
  if (q.orderType) where.push(eq(cloudOrders.orderType, q.orderType));
  if (q.serviceTypeCode) where.push(eq(cloudOrders.serviceTypeCode, q.serviceTypeCode));
  const cond = and(...where);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(cloudOrders).where(cond);
  const items = await ctx.db
    .select()
    .from(cloudOrders)
    .where(cond)
    .orderBy(desc(cloudOrders.createdAt), desc(cloudOrders.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: Number(n), page, pageSize };
}

/** One order with its lines (订单资源明细), payments (支付详情) and status history. */
export async function getOrder(ctx: Ctx, orderId: string) {
  const scope = orderScope(ctx);
  if (!isUuid(orderId)) throw notFound(ORDER_ENTITY);
  const [order] = await ctx.db.select().from(cloudOrders).where(eq(cloudOrders.id, orderId));
  if (
    !order ||
    (scope.kind === 'customer' && order.customerAccountId !== scope.customerId) ||
    (scope.kind === 'partner' && order.partnerId !== scope.partnerId)
  ) {
    throw notFound(ORDER_ENTITY);
  }
  const [lines, payments, events] = await Promise.all([
    orderLines(ctx.db, order.id),
    ctx.db.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, order.id)).orderBy(asc(cloudOrderPayments.createdAt)),
    ctx.db.select().from(cloudOrderEvents).where(eq(cloudOrderEvents.orderId, order.id)).orderBy(asc(cloudOrderEvents.id)),
  ]);
  return { order, lines, payments, events };
}

export interface ResourceQuery {
  chargeMode: ChargeMode; // 包年/包月 or 按需 tab
  status?: ResourceStatus;
  serviceTypeCode?: string;
  customerId?: string;
  expiresFrom?: Date;
  expiresTo?: Date;
  page?: number;
  pageSize?: number;
}

/** 资源 (spec 04 §2.12): the 包年/包月 or 按需 resources of the customer (or, for staff, of anyone). */
export async function listResources(ctx: Ctx, q: ResourceQuery) {
  const a = ctx.actor;
  let customerId: string | undefined;
  if (a.kind === 'account') customerId = a.accountId;
  else if (a.kind === 'staff') customerId = q.customerId;
  else throw forbidden(); // the partner's view of its customers' resources comes with the customers pages
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const where: (SQL | undefined)[] = [eq(cloudResources.chargeMode, q.chargeMode)];
  if (customerId) where.push(eq(cloudResources.customerAccountId, customerId));
  if (q.status) where.push(eq(cloudResources.status, q.status));
  if (q.serviceTypeCode) where.push(eq(cloudResources.serviceTypeCode, q.serviceTypeCode));
  if (q.expiresFrom) where.push(gte(cloudResources.expiresAt, q.expiresFrom));
  if (q.expiresTo) where.push(lt(cloudResources.expiresAt, q.expiresTo));
  const cond = and(...where);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(cloudResources).where(cond);
  const items = await ctx.db
    .select()
    .from(cloudResources)
    .where(cond)
    .orderBy(desc(cloudResources.createdAt), desc(cloudResources.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: Number(n), page, pageSize };
}

/* ------------------------------------------------------------------ review hooks (待审核) */

/** 审核通过: the order becomes 待支付 with its 7 days starting now. */
export async function orderReviewApproved(tx: Executor, orderId: string) {
  const order = await lockOrder(tx, orderId);
  if (!order || order.status !== '待审核') return;
  await setStatus(tx, null, order, '待支付', 'approve', { payDeadline: new Date(clock.nowMs() + PAY_WITHIN_DAYS * DAY_MS) });
}

/** 审核不通过 / withdrawn: the order is cancelled with the reason. */
export async function orderReviewEnded(tx: Executor, orderId: string, reason: string, action: 'reject' | 'withdraw') {
  const order = await lockOrder(tx, orderId);
  if (!order || order.status !== '待审核') return;
  await setStatus(tx, null, order, '已取消', action, { cancelledAt: clock.now(), cancelReason: reason }, reason);
}
