import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { inTransaction, type Executor } from '../../platform/db/index.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { requireAccount } from '../../platform/access/index.js';
import { badRequest, fieldError, notFound, refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { Dec, money, roundTo, ZERO, type Money } from '../../platform/money.js';
import { isUuid } from '../../platform/ids.js';
import {
  cloudOrderLines,
  cloudOrders,
  cloudResourceSegments,
  cloudResources,
  cloudServiceTypes,
  BILL_DETAIL_TYPES,
  type CloudOrder,
  type CloudOrderLine,
  type CloudProduct,
  type CloudResource,
  type CloudSegment,
  type PeriodType,
} from './schema.js';
import { findPrice, getProduct, requireProduct, requireRegion } from './catalogue.js';
import { discounted, periodListPrice, shareOut } from './pricing.js';
import { insertOrderFees, type OrderFee } from './fees.js';
import { periodEnd } from './time.js';
import { bestRate, insertOrder, lockOrder, orderLines, PAY_WITHIN_DAYS, RESOURCE_ENTITY, requireNoOpenOrder, setStatus } from './order-core.js';
import { returnRefunds, takePayment, paymentsByIds, type PaymentRow } from './payments.js';
import { customerPayer } from './payers.js';

/**
 * 包年/包月 resources and what happens to them after the first payment: activation, 续订 (renewal),
 * auto-renewal, 变更规格 (change of specification), 退订 (unsubscription with a pro-rated refund),
 * expiry and retention; and 按需 resources (opened without an order, metered, released).
 *
 * Money follows **segments** (cloud_resource_segments): each paid stretch of time with its amount and the
 * payment that paid it. At time t a segment [s, e) is worth amount × unused(t), unused(t) =
 * (e − max(t, s)) / (e − s) clamped to [0, 1], to the millisecond. A refund returns each segment's unused
 * value to that segment's payer. A change adds, per base segment, a segment over the rest of it whose
 * amount is the difference between the new price's remaining value and the current one, so afterwards the
 * resource is worth exactly what it would be had it been bought at the new price.
 */

export const RETENTION_DAYS = 15; // 保留期 after a 包年/包月 resource expires (inferred: the vendor's standard)
export const NO_REASON_REFUND_DAYS = 5; // 五天无理由退订 (guide 20255: 在5天之内（含5天）退订)
export const AUTO_RENEW_DAYS_BEFORE = 7; // auto-renewal charges start 7 days before expiry (Partner API op 39)
export const MONTHS_RANGE = { month: [1, 11], year: [1, 3] } as const; // period_num limits (Partner API ops 38, 48)

const RESOURCE_NAME_MAX = 64;

/* ------------------------------------------------------------------ value of segments */

/** Share of a segment not yet used at `at` (0 … 1, exact). */
export function unusedFraction(seg: Pick<CloudSegment, 'startAt' | 'endAt'>, at: Date): Money {
  const s = seg.startAt.getTime();
  const e = seg.endAt.getTime();
  if (e <= s) return ZERO;
  const from = Math.max(at.getTime(), s);
  if (from >= e) return ZERO;
  return new Dec(e - from).div(e - s);
}

async function openSegments(ex: Executor, resourceIds: string[]): Promise<CloudSegment[]> {
  if (!resourceIds.length) return [];
  return ex
    .select()
    .from(cloudResourceSegments)
    .where(and(inArray(cloudResourceSegments.resourceId, resourceIds), isNull(cloudResourceSegments.closedAt)))
    .orderBy(asc(cloudResourceSegments.startAt));
}

/* ------------------------------------------------------------------ activation (on payment) */

function defaultName(product: CloudProduct, abbreviation: string) {
  return `${abbreviation.toLowerCase()}-${randomBytes(2).toString('hex')}`;
}

async function abbreviationOf(ex: Executor, serviceTypeCode: string): Promise<string> {
  const [s] = await ex.select({ a: cloudServiceTypes.abbreviation }).from(cloudServiceTypes).where(eq(cloudServiceTypes.code, serviceTypeCode));
  return s?.a ?? 'res';
}

/**
 * Paying activates: 订购 lines create their resources (quantity × one resource, each with its paid segment
 * and fee record), 续订 extends the resource, 变更 switches the specification. Runs in the payment's
 * transaction, so a failure leaves the order unpaid.
 */
export async function activateOrder(tx: Executor, ctx: Ctx | null, order: CloudOrder, payment: PaymentRow): Promise<void> {
  const lines = await orderLines(tx, order.id);
  const now = clock.now();
  const fees: OrderFee[] = [];
  for (const line of lines) {
    const product = (await getProduct(tx, line.productId))!;
    const qty = line.quantity;
    const unit = { official: money(line.officialAmount).div(qty), discount: money(line.discountAmount).div(qty), amount: money(line.amount).div(qty) };
    const fee = (resourceId: string, type: number, p: CloudProduct = product): OrderFee => ({
      customerId: order.customerAccountId,
      billDetailType: type,
      serviceTypeCode: p.serviceTypeCode,
      resourceTypeCode: p.resourceTypeCode,
      regionCode: line.regionCode,
      productId: p.id,
      resourceId,
      orderId: order.id,
      tradeId: order.orderNo,
      consumeTime: now,
      official: unit.official,
      discount: unit.discount,
      payment: unit.amount,
      cash: unit.amount,
      postingId: payment.postingId,
    });

    if (order.orderType === '订购') {
      const end = periodEnd(now, line.periodType!, line.periodNum!);
      const abbr = await abbreviationOf(tx, product.serviceTypeCode);
      const created: string[] = [];
      for (let i = 0; i < qty; i++) {
        const [r] = await tx
          .insert(cloudResources)
          .values({
            customerAccountId: order.customerAccountId,
            productId: product.id,
            serviceTypeCode: product.serviceTypeCode,
            resourceTypeCode: product.resourceTypeCode,
            regionCode: line.regionCode,
            name: line.resourceName ? (qty > 1 ? `${line.resourceName}-${String(i + 1).padStart(4, '0')}` : line.resourceName) : defaultName(product, abbr),
            chargeMode: 'period',
            size: line.size,
            sizeMeasureId: product.sizeMeasureId,
            status: '使用中',
            effectiveAt: now,
            expiresAt: end,
            autoRenew: line.autoRenew,
            autoRenewPeriodType: line.autoRenew ? line.periodType : null,
            autoRenewPeriodNum: line.autoRenew ? line.periodNum : null,
            lastOrderId: order.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: cloudResources.id });
        created.push(r!.id);
        await insertSegment(tx, { resourceId: r!.id, order, line, payment, kind: 'subscribe', periodType: line.periodType!, periodNum: line.periodNum!, startAt: now, endAt: end, amount: unit.amount });
        fees.push(fee(r!.id, BILL_DETAIL_TYPES.subscribe));
      }
      await tx
        .update(cloudOrderLines)
        .set({ effectiveAt: now, expiresAt: end, resourceId: qty === 1 ? created[0]! : null })
        .where(eq(cloudOrderLines.id, line.id));
    } else if (order.orderType === '续订') {
      const [res] = await tx.select().from(cloudResources).where(eq(cloudResources.id, line.resourceId!)).for('update');
      if (!res || res.status === '已退订' || res.status === '已删除') {
        throw refused('cloud.resource-closed', { zh: '资源已退订或已删除，无法续订', en: 'The resource was unsubscribed or deleted and cannot be renewed' });
      }
      const start = res.expiresAt!;
      const end = periodEnd(start, line.periodType!, line.periodNum!, true);
      await tx
        .update(cloudResources)
        .set({ expiresAt: end, status: '使用中', retainUntil: null, lastOrderId: order.id, updatedAt: now })
        .where(eq(cloudResources.id, res.id));
      await insertSegment(tx, { resourceId: res.id, order, line, payment, kind: 'renew', periodType: line.periodType!, periodNum: line.periodNum!, startAt: start, endAt: end, amount: unit.amount });
      await tx.update(cloudOrderLines).set({ effectiveAt: start, expiresAt: end }).where(eq(cloudOrderLines.id, line.id));
      fees.push(fee(res.id, order.source === 'system' ? BILL_DETAIL_TYPES.autoRenew : BILL_DETAIL_TYPES.renew));
    } else if (order.orderType === '变更') {
      const to = (await getProduct(tx, line.toProductId!))!;
      await applyChange(tx, ctx, order, line, to, payment);
      fees.push(fee(line.resourceId!, BILL_DETAIL_TYPES.change, to));
    }
  }
  await insertOrderFees(tx, fees);
}

async function insertSegment(
  tx: Executor,
  s: {
    resourceId: string;
    order: CloudOrder;
    line: CloudOrderLine;
    payment: PaymentRow;
    kind: 'subscribe' | 'renew' | 'change';
    baseSegmentId?: string | null;
    periodType: PeriodType;
    periodNum: number;
    startAt: Date;
    endAt: Date;
    amount: Money;
  },
) {
  await tx.insert(cloudResourceSegments).values({
    resourceId: s.resourceId,
    orderId: s.order.id,
    orderLineId: s.line.id,
    paymentId: s.payment.id,
    kind: s.kind,
    baseSegmentId: s.baseSegmentId ?? null,
    periodType: s.periodType,
    periodNum: s.periodNum,
    startAt: s.startAt,
    endAt: s.endAt,
    amount: s.amount.toFixed(2),
    paidAt: clock.now(),
  });
}

/* ------------------------------------------------------------------ loading a customer's resource */

export async function requireResourceOf(ex: Executor, resourceId: string, customerId: string, lock = false): Promise<CloudResource> {
  if (!isUuid(resourceId)) throw notFound(RESOURCE_ENTITY);
  const q = ex.select().from(cloudResources).where(eq(cloudResources.id, resourceId));
  const [r] = lock ? await q.for('update') : await q;
  if (!r || r.customerAccountId !== customerId) throw notFound(RESOURCE_ENTITY);
  return r;
}

function requirePeriodActive(r: CloudResource, field: string) {
  if (r.chargeMode !== 'period') throw fieldError(field, 'cloud.not-period-resource', { zh: '按需资源不支持该操作', en: 'Pay-per-use resources do not support this operation' });
  if (r.status !== '使用中' && r.status !== '已过期') {
    throw refused('cloud.resource-closed', { zh: '资源已退订或已删除', en: 'The resource was unsubscribed or deleted' });
  }
  if (r.parentResourceId) throw fieldError(field, 'cloud.not-main-resource', { zh: '请选择主资源', en: 'Choose the main resource' });
}

function requirePeriod(periodType: PeriodType, periodNum: number, field = 'periodNum') {
  const [min, max] = MONTHS_RANGE[periodType];
  if (!Number.isInteger(periodNum) || periodNum < min || periodNum > max) {
    throw fieldError(field, 'cloud.bad-period', { zh: `购买时长应为${min}–${max}${periodType === 'month' ? '个月' : '年'}`, en: `The period must be ${min}–${max} ${periodType}s` });
  }
}

/* ------------------------------------------------------------------ 续订 */

export interface RenewInput {
  resourceIds: string[];
  periodType: PeriodType;
  periodNum: number;
}

/** The price of renewing a resource for a period (ListRenewRateOnPeriod). */
export async function renewalPrice(ex: Executor, r: CloudResource, periodType: PeriodType, periodNum: number) {
  const price = await findPrice(ex, r.productId, 'period', { periodType });
  if (!price) throw refused('cloud.no-period-price', { zh: '该产品不支持按{period}购买', en: 'The product is not sold by the {period}' }, { period: periodType === 'year' ? '年' : '月' });
  const list = periodListPrice(price, r.size, periodNum);
  return discounted(list, await bestRate(ex, r.customerAccountId, r.serviceTypeCode, clock.now()));
}

/** 续订: a renewal order (待支付) for up to 10 main resources (Partner API op 38). */
export async function renewResources(ctx: Ctx, input: RenewInput) {
  const me = requireAccount(ctx);
  return createRenewal(ctx, me.accountId, input, 'customer');
}

export async function createRenewal(ctx: Ctx | null, customerId: string, input: RenewInput, source: 'customer' | 'system', db: Executor = ctx!.db) {
  if (!input.resourceIds.length || input.resourceIds.length > 10) throw fieldError('resourceIds', 'cloud.bad-resource-count', { zh: '每次最多续订10个资源', en: 'Renew 1 to 10 resources at a time' });
  requirePeriod(input.periodType, input.periodNum);
  return inTransaction(db, async (tx) => {
    const lines = [];
    let service = '';
    for (const [i, id] of [...new Set(input.resourceIds)].entries()) {
      const r = await requireResourceOf(tx, id, customerId, true);
      requirePeriodActive(r, `resourceIds.${i}`);
      await requireNoOpenOrder(tx, [r.id]);
      const p = await renewalPrice(tx, r, input.periodType, input.periodNum);
      service ||= r.serviceTypeCode;
      lines.push({
        productId: r.productId,
        resourceId: r.id,
        regionCode: r.regionCode,
        quantity: 1,
        size: r.size,
        periodType: input.periodType,
        periodNum: input.periodNum,
        officialAmount: p.official,
        discountAmount: p.discount,
        amount: p.amount,
      });
    }
    const { order } = await insertOrder(tx, ctx, {
      customerId,
      orderType: '续订',
      status: '待支付',
      source,
      serviceTypeCode: service,
      lines,
      createdBy: source === 'system' ? '运营系统' : ctx && ctx.actor.kind === 'account' ? ctx.actor.accountName : null,
      payDeadline: new Date(clock.nowMs() + PAY_WITHIN_DAYS * DAY_MS),
    });
    if (ctx) await audit(tx, ctx, { action: 'cloud.order.created', objectType: 'cloud_order', objectId: order.id, customerAccountId: customerId, partnerId: null, after: { orderNo: order.orderNo, orderType: '续订', amount: order.amount } });
    return order;
  });
}

/* ------------------------------------------------------------------ auto-renewal */

export interface AutoRenewInput {
  enabled: boolean;
  periodType?: PeriodType;
  periodNum?: number;
  /** 0 or absent: unlimited (Partner API auto_renew_times 0–99). */
  times?: number;
}

/** 开通 / 取消自动续费 of a 包年/包月 resource (Partner API ops 39–40). Attached resources follow. */
export async function setAutoRenew(ctx: Ctx, resourceId: string, input: AutoRenewInput) {
  const me = requireAccount(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const r = await requireResourceOf(tx, resourceId, me.accountId, true);
    requirePeriodActive(r, 'resourceId');
    const seg = (await openSegments(tx, [r.id])).filter((s) => s.kind !== 'change').at(-1);
    const periodType = input.periodType ?? r.autoRenewPeriodType ?? seg?.periodType ?? 'month';
    const periodNum = input.periodNum ?? r.autoRenewPeriodNum ?? (periodType === seg?.periodType ? seg.periodNum : 1);
    if (input.enabled) requirePeriod(periodType, periodNum);
    if (input.times !== undefined && (!Number.isInteger(input.times) || input.times < 0 || input.times > 99)) {
      throw fieldError('times', 'cloud.bad-renew-times', { zh: '自动续费次数应为0–99（0为不限次数）', en: 'Auto-renewal times must be 0–99 (0 = unlimited)' });
    }
    const patch = input.enabled
      ? { autoRenew: true, autoRenewPeriodType: periodType, autoRenewPeriodNum: periodNum, autoRenewTimesLeft: input.times ? input.times : null }
      : { autoRenew: false, autoRenewTimesLeft: null };
    await tx
      .update(cloudResources)
      .set({ ...patch, updatedAt: clock.now() })
      .where(or(eq(cloudResources.id, r.id), eq(cloudResources.parentResourceId, r.id)));
    await audit(tx, ctx, { action: input.enabled ? 'cloud.resource.auto-renew-on' : 'cloud.resource.auto-renew-off', objectType: 'cloud_resource', objectId: r.id, customerAccountId: me.accountId, partnerId: null, after: patch });
    return { resourceId: r.id, ...patch };
  });
}

/**
 * Daily: resources with auto-renewal expiring within 7 days get a renewal order paid at once from the
 * customer's balance (自动扣费; 伙伴支付 is not offered for auto-renewal, guide 13.6). A payment that fails
 * (余额不足) leaves nothing behind and is retried the next day until the resource is deleted.
 */
export async function runAutoRenewals(db: Executor): Promise<{ renewed: number; failed: number }> {
  const horizon = new Date(clock.nowMs() + AUTO_RENEW_DAYS_BEFORE * DAY_MS);
  const due = await db
    .select()
    .from(cloudResources)
    .where(
      and(
        eq(cloudResources.chargeMode, 'period'),
        eq(cloudResources.autoRenew, true),
        inArray(cloudResources.status, ['使用中', '已过期']),
        isNull(cloudResources.parentResourceId),
        lte(cloudResources.expiresAt, horizon),
      ),
    );
  let renewed = 0;
  let failed = 0;
  for (const r of due) {
    try {
      await inTransaction(db, async (tx) => {
        const order = await createRenewal(null, r.customerAccountId, { resourceIds: [r.id], periodType: r.autoRenewPeriodType ?? 'month', periodNum: r.autoRenewPeriodNum ?? 1 }, 'system', tx);
        const locked = (await lockOrder(tx, order.id))!;
        const processing = await setStatus(tx, null, locked, '处理中', 'pay', { paymentMethod: '自动扣费', payerKind: 'customer', payerId: r.customerAccountId });
        const payment = await takePayment(tx, null, processing, customerPayer(r.customerAccountId, '自动扣费'), money(order.amount), null);
        await activateOrder(tx, null, processing, payment);
        const now = clock.now();
        await setStatus(tx, null, processing, '已完成', 'activate', { paidAt: now, paidAmount: order.amount, completedAt: now });
        if (r.autoRenewTimesLeft !== null) {
          const left = r.autoRenewTimesLeft - 1;
          await tx
            .update(cloudResources)
            .set(left <= 0 ? { autoRenew: false, autoRenewTimesLeft: null } : { autoRenewTimesLeft: left })
            .where(eq(cloudResources.id, r.id));
        }
      });
      renewed++;
    } catch {
      failed++; // 余额不足 or an open order: try again tomorrow
    }
  }
  return { renewed, failed };
}

/* ------------------------------------------------------------------ expiry and retention */

/**
 * Daily (and cheap enough to run hourly): 包年/包月 resources past their end become 已过期 and are kept for
 * the 保留期 (15 days); after it they are 已删除. A renewal paid during retention brings them back.
 */
export async function expireResources(db: Executor): Promise<{ expired: number; deleted: number }> {
  const now = clock.now();
  const expired = await db
    .update(cloudResources)
    .set({ status: '已过期', retainUntil: sql`${cloudResources.expiresAt} + make_interval(days => ${RETENTION_DAYS})`, updatedAt: now })
    .where(and(eq(cloudResources.chargeMode, 'period'), eq(cloudResources.status, '使用中'), lte(cloudResources.expiresAt, now)))
    .returning({ id: cloudResources.id });
  const deleted = await db
    .update(cloudResources)
    .set({ status: '已删除', closedAt: now, autoRenew: false, updatedAt: now })
    .where(and(eq(cloudResources.status, '已过期'), lte(cloudResources.retainUntil, now)))
    .returning({ id: cloudResources.id });
  return { expired: expired.length, deleted: deleted.length };
}

/* ------------------------------------------------------------------ 变更规格 */

export interface ChangeInput {
  resourceId: string;
  productId?: string; // the new specification (same service and resource type)
  size?: number; // the new size of a linear product (e.g. disk GB, bandwidth Mbps)
}

interface GroupDelta {
  base: CloudSegment;
  members: CloudSegment[];
  remaining: Money; // current value of the group's unused part
  delta: Money; // new remaining value − current, in cents
}

/** Per base segment: what the rest of it is worth now and at the new price (see the file comment). */
async function changeDeltas(ex: Executor, r: CloudResource, to: CloudProduct, size: number | null, at: Date): Promise<GroupDelta[]> {
  const segs = (await openSegments(ex, [r.id])).filter((s) => s.endAt.getTime() > at.getTime());
  const rate = await bestRate(ex, r.customerAccountId, to.serviceTypeCode, at);
  const out: GroupDelta[] = [];
  for (const base of segs.filter((s) => s.kind !== 'change')) {
    const members = segs.filter((s) => s.id === base.id || s.baseSegmentId === base.id);
    const remaining = members.reduce((a, s) => a.plus(money(s.amount).times(unusedFraction(s, at))), ZERO);
    const price = await findPrice(ex, to.id, 'period', { periodType: base.periodType });
    if (!price) throw refused('cloud.no-period-price', { zh: '目标规格不支持按{period}购买', en: 'The new specification is not sold by the {period}' }, { period: base.periodType === 'year' ? '年' : '月' });
    const full = discounted(periodListPrice(price, size, base.periodNum), rate).amount;
    const delta = roundTo(full.times(unusedFraction(base, at)).minus(remaining));
    out.push({ base, members, remaining, delta });
  }
  return out;
}

/**
 * 变更规格: an upgrade makes a 变更 order (待支付) for the price difference over the remaining time; a
 * downgrade completes at once and refunds the difference to the payers of the time it shortens. A change
 * that is cheaper for some paid periods and dearer for others is refused (unsubscribe and reorder).
 */
export async function changeSpec(ctx: Ctx, input: ChangeInput) {
  const me = requireAccount(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const r = await requireResourceOf(tx, input.resourceId, me.accountId, true);
    requirePeriodActive(r, 'resourceId');
    if (r.status !== '使用中') throw refused('cloud.resource-expired', { zh: '资源已过期，请先续订', en: 'The resource has expired; renew it first' });
    await requireNoOpenOrder(tx, [r.id]);
    const from = (await getProduct(tx, r.productId))!;
    const to = input.productId ? await requireProduct(tx, input.productId).catch(() => null) : from;
    if (!to) throw fieldError('productId', 'cloud.unknown-product', { zh: '产品不存在', en: 'Unknown product' });
    if (to.serviceTypeCode !== from.serviceTypeCode || to.resourceTypeCode !== from.resourceTypeCode) {
      throw fieldError('productId', 'cloud.change-other-type', { zh: '只能变更为同类产品的其他规格', en: 'Change to another specification of the same product type' });
    }
    requireRegion(to, r.regionCode, 'productId');
    const size = to.linear ? (input.size ?? r.size) : null;
    if (to.linear) requireSize(to, size, 'size');
    else if (input.size !== undefined) throw fieldError('size', 'cloud.size-not-applicable', { zh: '该规格不支持选择容量', en: 'This specification has no size to choose' });
    if (to.id === from.id && size === r.size) throw badRequest('cloud.change-nothing', { zh: '规格未发生变化', en: 'The specification is unchanged' });

    const now = clock.now();
    const groups = await changeDeltas(tx, r, to, size, now);
    const up = groups.some((g) => g.delta.gt(0));
    const down = groups.some((g) => g.delta.lt(0));
    if (up && down) throw refused('cloud.change-mixed', { zh: '该资源各计费周期的变更差价方向不一致，请退订后重新购买', en: 'The change costs more for some paid periods and less for others; unsubscribe and order again' });
    const total = groups.reduce((a, g) => a.plus(g.delta), ZERO);
    const { order, lines } = await insertOrder(tx, ctx, {
      customerId: me.accountId,
      orderType: '变更',
      status: up ? '待支付' : '处理中',
      source: 'customer',
      serviceTypeCode: r.serviceTypeCode,
      lines: [
        {
          productId: r.productId,
          toProductId: to.id,
          resourceId: r.id,
          regionCode: r.regionCode,
          quantity: 1,
          size,
          // the difference is already net of the customer's discount (applied per paid period)
          officialAmount: total,
          discountAmount: ZERO,
          amount: total,
          effectiveAt: now,
          expiresAt: r.expiresAt,
        },
      ],
      createdBy: me.accountName,
      payDeadline: up ? new Date(now.getTime() + PAY_WITHIN_DAYS * DAY_MS) : null,
    });
    if (!up) {
      // downgrade (or no difference): apply now and refund
      await applyChange(tx, ctx, order, lines[0]!, to, null);
      const done = await setStatus(tx, ctx, order, '已完成', 'activate', { completedAt: now, paidAmount: '0.00' });
      await audit(tx, ctx, { action: 'cloud.resource.changed', objectType: 'cloud_resource', objectId: r.id, customerAccountId: me.accountId, partnerId: null, after: { orderNo: order.orderNo, to: to.code, size, refund: total.negated().toFixed(2) } });
      return done;
    }
    await audit(tx, ctx, { action: 'cloud.order.created', objectType: 'cloud_order', objectId: order.id, customerAccountId: me.accountId, partnerId: null, after: { orderNo: order.orderNo, orderType: '变更', amount: order.amount } });
    return order;
  });
}

/**
 * Apply a change at the order line's effective time: per base segment a change segment over the rest of it.
 * Upgrades are paid by `payment`; a downgrade's negative difference is shared over the group's segments by
 * their remaining value and refunded to each one's payer.
 */
async function applyChange(tx: Executor, ctx: Ctx | null, order: CloudOrder, line: CloudOrderLine, to: CloudProduct, payment: PaymentRow | null) {
  const [r] = await tx.select().from(cloudResources).where(eq(cloudResources.id, line.resourceId!)).for('update');
  const at = line.effectiveAt!;
  const groups = await changeDeltas(tx, r!, to, line.size, at);
  const refunds: { payment: PaymentRow; amount: Money }[] = [];
  const payments = await paymentsByIds(tx, [...new Set(groups.flatMap((g) => g.members.map((m) => m.paymentId)))]);
  for (const g of groups) {
    if (g.delta.isZero()) continue;
    const start = new Date(Math.max(at.getTime(), g.base.startAt.getTime()));
    const seg = { resourceId: r!.id, order, line, kind: 'change' as const, baseSegmentId: g.base.id, periodType: g.base.periodType, periodNum: g.base.periodNum, startAt: start, endAt: g.base.endAt };
    if (g.delta.gt(0)) {
      await insertSegment(tx, { ...seg, payment: payment!, amount: g.delta });
      continue;
    }
    const values = g.members.map((m) => money(m.amount).times(unusedFraction(m, at)));
    const positive = values.map((v) => (v.gt(0) ? v : ZERO));
    const shares = shareOut(g.delta.negated(), positive);
    for (const [i, m] of g.members.entries()) {
      if (shares[i]!.isZero()) continue;
      const p = payments.get(m.paymentId)!;
      await insertSegment(tx, { ...seg, payment: p, amount: shares[i]!.negated() });
      refunds.push({ payment: p, amount: shares[i]! });
    }
  }
  await tx
    .update(cloudResources)
    .set({ productId: to.id, size: line.size, sizeMeasureId: to.sizeMeasureId, lastOrderId: order.id, updatedAt: clock.now() })
    .where(eq(cloudResources.id, r!.id));
  if (refunds.length) {
    const merged = mergeRefunds(refunds);
    const { postingId, total } = await returnRefunds(tx, ctx, order, merged);
    await tx.update(cloudOrders).set({ amount: total.toFixed(2), officialAmount: total.toFixed(2), discountAmount: '0.00' }).where(eq(cloudOrders.id, order.id));
    await insertOrderFees(tx, [
      {
        customerId: order.customerAccountId,
        billDetailType: BILL_DETAIL_TYPES.changeRefund,
        serviceTypeCode: to.serviceTypeCode,
        resourceTypeCode: to.resourceTypeCode,
        regionCode: line.regionCode,
        productId: to.id,
        resourceId: r!.id,
        orderId: order.id,
        tradeId: order.orderNo,
        consumeTime: clock.now(),
        official: total.negated(),
        discount: ZERO,
        payment: total.negated(),
        cash: total.negated(),
        postingId,
      },
    ]);
  }
}

function mergeRefunds(list: { payment: PaymentRow; amount: Money }[]) {
  const m = new Map<string, { payment: PaymentRow; amount: Money }>();
  for (const r of list) {
    const cur = m.get(r.payment.id);
    m.set(r.payment.id, { payment: r.payment, amount: (cur?.amount ?? ZERO).plus(r.amount) });
  }
  return [...m.values()];
}

export function requireSize(product: CloudProduct, size: number | null | undefined, field: string) {
  if (size === null || size === undefined || !Number.isInteger(size) || size < (product.sizeMin ?? 1) || size > (product.sizeMax ?? Number.MAX_SAFE_INTEGER)) {
    throw fieldError(field, 'cloud.bad-size', { zh: `容量应为${product.sizeMin}–${product.sizeMax}的整数`, en: `The size must be an integer from ${product.sizeMin} to ${product.sizeMax}` });
  }
}

/* ------------------------------------------------------------------ 退订 */

/**
 * What unsubscribing `all` (main resources and their attached ones) at `now` refunds: each open segment's
 * unused value (or all of it within 5 days of the 订购 payment), per segment, per resource and per payment.
 * One computation for 退订 and its quote, so the amount shown before confirming is the amount refunded.
 */
function refundShares(all: CloudResource[], segs: CloudSegment[], now: Date) {
  const perResource = new Map<string, Money>();
  const perPayment = new Map<string, Money>();
  const segRefund = new Map<string, Money>();
  const noReasonOf = new Map<string, boolean>();
  for (const r of all) {
    const mine = segs.filter((s) => s.resourceId === r.id);
    const first = mine.find((s) => s.kind === 'subscribe');
    const noReason = first !== undefined && now.getTime() - first.paidAt.getTime() <= NO_REASON_REFUND_DAYS * DAY_MS;
    noReasonOf.set(r.id, noReason);
    for (const s of mine) {
      const f = noReason ? new Dec(1) : unusedFraction(s, now);
      const refund = roundTo(money(s.amount).times(f));
      segRefund.set(s.id, refund);
      perResource.set(r.id, (perResource.get(r.id) ?? ZERO).plus(refund));
      perPayment.set(s.paymentId, (perPayment.get(s.paymentId) ?? ZERO).plus(refund));
    }
  }
  const total = [...perPayment.values()].reduce((a, v) => a.plus(Dec.max(v, ZERO)), ZERO);
  return { perResource, perPayment, segRefund, total, noReasonOf };
}

/**
 * 退订 quote (the confirmation dialog): what unsubscribing these resources now would refund, per resource,
 * with the same checks as `unsubscribe` and nothing written. The refund goes back to whoever paid (R-O1).
 */
export async function quoteUnsubscribe(ctx: Ctx, input: Pick<UnsubscribeInput, 'resourceIds'>) {
  const me = requireAccount(ctx);
  if (!input.resourceIds.length || input.resourceIds.length > 10) throw fieldError('resourceIds', 'cloud.bad-resource-count', { zh: '每次最多退订10个资源', en: 'Unsubscribe 1 to 10 resources at a time' });
  const mains: CloudResource[] = [];
  for (const [i, id] of [...new Set(input.resourceIds)].entries()) {
    const r = await requireResourceOf(ctx.db, id, me.accountId);
    requirePeriodActive(r, `resourceIds.${i}`);
    mains.push(r);
  }
  const children = await ctx.db
    .select()
    .from(cloudResources)
    .where(and(inArray(cloudResources.parentResourceId, mains.map((m) => m.id)), inArray(cloudResources.status, ['使用中', '已过期'])));
  const all = [...mains, ...children];
  const now = clock.now();
  const { perResource, total, noReasonOf } = refundShares(all, await openSegments(ctx.db, all.map((r) => r.id)), now);
  return {
    at: now,
    refundAmount: total,
    items: all.map((r) => ({ resourceId: r.id, name: r.name, parentResourceId: r.parentResourceId, amount: Dec.max(perResource.get(r.id) ?? ZERO, ZERO), noReasonRefund: noReasonOf.get(r.id) ?? false })),
  };
}

export interface UnsubscribeInput {
  resourceIds: string[];
  reason?: string;
}

/**
 * 退订: a refund order per call for up to 10 main resources and their attached resources. Each paid segment
 * returns its unused value (pro rata to the millisecond, rounded half-up to cents) to the account that paid
 * it (R-O1). Within 5 days (含5天) of the resource's 订购 payment the whole amount is refunded (五天无理由退订).
 * The resources become 已退订 at once; unpaid orders for them are cancelled.
 */
export async function unsubscribe(ctx: Ctx, input: UnsubscribeInput) {
  const me = requireAccount(ctx);
  return unsubscribeFor(ctx, me.accountId, input);
}

export async function unsubscribeFor(ctx: Ctx, customerId: string, input: UnsubscribeInput) {
  if (!input.resourceIds.length || input.resourceIds.length > 10) throw fieldError('resourceIds', 'cloud.bad-resource-count', { zh: '每次最多退订10个资源', en: 'Unsubscribe 1 to 10 resources at a time' });
  if (input.reason && input.reason.length > 512) throw fieldError('reason', 'cloud.reason-too-long', { zh: '退订原因不能超过512个字符', en: 'The reason must be at most 512 characters' });
  return inTransaction(ctx.db, async (tx) => {
    const now = clock.now();
    const mains: CloudResource[] = [];
    for (const [i, id] of [...new Set(input.resourceIds)].entries()) {
      const r = await requireResourceOf(tx, id, customerId, true);
      requirePeriodActive(r, `resourceIds.${i}`);
      mains.push(r);
    }
    const children = await tx
      .select()
      .from(cloudResources)
      .where(and(inArray(cloudResources.parentResourceId, mains.map((m) => m.id)), inArray(cloudResources.status, ['使用中', '已过期'])))
      .for('update');
    const all = [...mains, ...children];
    // unpaid renewals / changes of these resources are cancelled by the unsubscription
    const open = await tx
      .selectDistinct({ id: cloudOrders.id })
      .from(cloudOrderLines)
      .innerJoin(cloudOrders, eq(cloudOrders.id, cloudOrderLines.orderId))
      .where(and(inArray(cloudOrderLines.resourceId, all.map((r) => r.id)), inArray(cloudOrders.status, ['待审核', '待支付'])));
    for (const o of open) {
      const locked = (await lockOrder(tx, o.id))!;
      await setStatus(tx, ctx, locked, '已取消', 'cancel', { cancelledAt: now, cancelReason: '资源已退订' }, '资源已退订');
    }

    const segs = await openSegments(tx, all.map((r) => r.id));
    const payments = await paymentsByIds(tx, [...new Set(segs.map((s) => s.paymentId))]);
    const { perResource, perPayment, segRefund, total } = refundShares(all, segs, now);
    const first = mains[0]!;
    const { order } = await insertOrder(tx, ctx, {
      customerId,
      orderType: '退订',
      status: '处理中',
      source: 'customer',
      serviceTypeCode: first.serviceTypeCode,
      lines: all.map((r) => {
        const v = Dec.max(perResource.get(r.id) ?? ZERO, ZERO);
        return { productId: r.productId, resourceId: r.id, regionCode: r.regionCode, quantity: 1, size: r.size, officialAmount: v, discountAmount: ZERO, amount: v, effectiveAt: now, expiresAt: r.expiresAt };
      }),
      createdBy: ctx.actor.kind === 'account' ? ctx.actor.accountName : null,
    });
    const { postingId } = await returnRefunds(
      tx,
      ctx,
      order,
      [...perPayment].map(([pid, amount]) => ({ payment: payments.get(pid)!, amount: Dec.max(amount, ZERO) })),
    );
    for (const s of segs) {
      await tx.update(cloudResourceSegments).set({ closedAt: now, refundAmount: segRefund.get(s.id)!.toFixed(2) }).where(eq(cloudResourceSegments.id, s.id));
    }
    await tx
      .update(cloudResources)
      .set({ status: '已退订', closedAt: now, autoRenew: false, updatedAt: now, lastOrderId: order.id })
      .where(inArray(cloudResources.id, all.map((r) => r.id)));
    const fees: OrderFee[] = [];
    for (const r of all) {
      const v = Dec.max(perResource.get(r.id) ?? ZERO, ZERO);
      if (v.isZero()) continue;
      const product = (await getProduct(tx, r.productId))!;
      fees.push({
        customerId,
        billDetailType: BILL_DETAIL_TYPES.unsubscribe,
        serviceTypeCode: product.serviceTypeCode,
        resourceTypeCode: product.resourceTypeCode,
        regionCode: r.regionCode,
        productId: product.id,
        resourceId: r.id,
        orderId: order.id,
        tradeId: order.orderNo,
        consumeTime: now,
        official: v.negated(),
        discount: ZERO,
        payment: v.negated(),
        cash: v.negated(),
        postingId,
      });
    }
    await insertOrderFees(tx, fees);
    const done = await setStatus(tx, ctx, order, '已完成', 'refund', { completedAt: now, paidAt: now, cancelReason: null }, input.reason ?? null);
    await audit(tx, ctx, {
      action: 'cloud.resource.unsubscribed',
      objectType: 'cloud_order',
      objectId: order.id,
      customerAccountId: customerId,
      partnerId: null,
      after: { orderNo: order.orderNo, resources: all.map((r) => r.id), refund: total.toFixed(2), reason: input.reason ?? null },
    });
    return done;
  });
}

/* ------------------------------------------------------------------ 按需 resources */

export interface OpenOnDemandInput {
  productId: string;
  regionCode: string;
  name?: string;
  size?: number;
}

/** 开通 a 按需 resource: no order; it is metered hourly (and 95-peak products by five-minute samples). */
export async function openOnDemand(ctx: Ctx, input: OpenOnDemandInput) {
  const me = requireAccount(ctx);
  return openOnDemandFor(ctx.db, me.accountId, input, ctx);
}

export async function openOnDemandFor(db: Executor, customerId: string, input: OpenOnDemandInput, ctx?: Ctx) {
  const product = await requireProduct(db, input.productId).catch(() => {
    throw fieldError('productId', 'cloud.unknown-product', { zh: '产品不存在', en: 'Unknown product' });
  });
  requireRegion(product, input.regionCode, 'regionCode');
  const prices = await db.execute(sql`SELECT 1 FROM cloud_prices WHERE product_id = ${product.id} AND charge_mode = 'on_demand' LIMIT 1`);
  if (!(prices as unknown as { rows: unknown[] }).rows.length) {
    throw fieldError('productId', 'cloud.no-on-demand-price', { zh: '该产品不支持按需计费', en: 'The product is not sold pay-per-use' });
  }
  if (product.linear) requireSize(product, input.size, 'size');
  if (input.name !== undefined && (input.name.length < 1 || input.name.length > RESOURCE_NAME_MAX)) {
    throw fieldError('name', 'cloud.bad-name', { zh: '资源名称为1–64个字符', en: 'The name must be 1–64 characters' });
  }
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    const [r] = await tx
      .insert(cloudResources)
      .values({
        customerAccountId: customerId,
        productId: product.id,
        serviceTypeCode: product.serviceTypeCode,
        resourceTypeCode: product.resourceTypeCode,
        regionCode: input.regionCode,
        name: input.name ?? defaultName(product, await abbreviationOf(tx, product.serviceTypeCode)),
        chargeMode: 'on_demand',
        size: product.linear ? input.size! : null,
        sizeMeasureId: product.sizeMeasureId,
        status: '使用中',
        effectiveAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (ctx) await audit(tx, ctx, { action: 'cloud.resource.opened', objectType: 'cloud_resource', objectId: r!.id, customerAccountId: customerId, partnerId: null, after: { product: product.code, chargeMode: 'on_demand' } });
    return r!;
  });
}

/** 删除 a 按需 resource: metering stops at this instant; usage after it is refused. */
export async function releaseOnDemand(ctx: Ctx, resourceId: string) {
  const me = requireAccount(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const r = await requireResourceOf(tx, resourceId, me.accountId, true);
    if (r.chargeMode !== 'on_demand') throw fieldError('resourceId', 'cloud.not-on-demand', { zh: '包年/包月资源请退订', en: 'Unsubscribe yearly/monthly resources instead' });
    if (r.status === '已删除') throw refused('cloud.resource-closed', { zh: '资源已删除', en: 'The resource is already deleted' });
    const now = clock.now();
    const [row] = await tx.update(cloudResources).set({ status: '已删除', closedAt: now, updatedAt: now }).where(eq(cloudResources.id, r.id)).returning();
    await audit(tx, ctx, { action: 'cloud.resource.released', objectType: 'cloud_resource', objectId: r.id, customerAccountId: me.accountId, partnerId: null });
    return row!;
  });
}
