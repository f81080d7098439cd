import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { render, type Text } from '../../platform/i18n/index.js';
import { requireAccount } from '../../platform/access/index.js';
import { fieldError, type AppError } from '../../platform/errors.js';
import { money, ZERO, type Money } from '../../platform/money.js';
import { cloudProducts, type CloudOrder, type PeriodType } from './schema.js';
import { getOrder, quotePeriod, type CreateOrderInput } from './orders.js';
import { renewalPrice, requireResourceOf } from './subscriptions.js';
import { partnerPayRefusal } from './partner-orders.js';

/**
 * The customer portal's reads around buying and paying (guide 13.6–13.7, spec 07 C9–C10): the live price
 * of a purchase before it is ordered, the price of a renewal, an order's detail with the 伙伴支付 option.
 * Nothing here writes: 订购, 续订, 退订 and paying are the services in orders.ts / subscriptions.ts.
 */

const MAX_ITEMS = 10;

/** 询价: the price of a 包年/包月 purchase with the customer's discount, per item and in total (nothing is ordered). */
export async function quoteOrder(ctx: Ctx, input: CreateOrderInput) {
  const me = requireAccount(ctx);
  if (!input.items.length || input.items.length > MAX_ITEMS) throw fieldError('items', 'cloud.bad-item-count', { zh: `每个订单包含1–${MAX_ITEMS}个产品`, en: `An order holds 1 to ${MAX_ITEMS} products` });
  const items = [];
  let official: Money = ZERO;
  let discount: Money = ZERO;
  let amount: Money = ZERO;
  for (const [i, it] of input.items.entries()) {
    const q = await quotePeriod(ctx.db, me.accountId, it, `items.${i}`);
    items.push({ productId: q.product.id, quantity: q.quantity, unitAmount: q.unit.amount, officialAmount: q.official, discountAmount: q.discount, amount: q.amount });
    official = official.plus(q.official);
    discount = discount.plus(q.discount);
    amount = amount.plus(q.amount);
  }
  return { items, officialAmount: official, discountAmount: discount, amount };
}

/** 续费询价: what renewing these resources for the period costs now (ListRenewRateOnPeriod), nothing ordered. */
export async function quoteRenewal(ctx: Ctx, input: { resourceIds: string[]; periodType: PeriodType; periodNum: number }) {
  const me = requireAccount(ctx);
  if (!input.resourceIds.length || input.resourceIds.length > 10) throw fieldError('resourceIds', 'cloud.bad-resource-count', { zh: '每次最多续订10个资源', en: 'Renew 1 to 10 resources at a time' });
  const items = [];
  let amount: Money = ZERO;
  let official: Money = ZERO;
  for (const id of [...new Set(input.resourceIds)]) {
    const r = await requireResourceOf(ctx.db, id, me.accountId);
    if (r.chargeMode !== 'period') throw fieldError('resourceIds', 'cloud.not-period-resource', { zh: '按需资源不支持该操作', en: 'Pay-per-use resources do not support this operation' });
    const p = await renewalPrice(ctx.db, r, input.periodType, input.periodNum);
    items.push({ resourceId: r.id, officialAmount: p.official, discountAmount: p.discount, amount: p.amount });
    amount = amount.plus(p.amount);
    official = official.plus(p.official);
  }
  return { items, officialAmount: official, discountAmount: official.minus(amount), amount };
}

export interface PartnerPayOption {
  /** 伙伴支付 can be asked for this order now. */
  available: boolean;
  /** Why not, when it cannot. */
  reason: Text | null;
  /** 请他付款 was sent and the partner has not paid or rejected it yet (待伙伴支付). */
  requested: boolean;
  /** 驳回原因 when the partner rejected the request. */
  rejectReason: string | null;
  partnerId: string | null;
}

/** A refusal's message in both languages, its parameters filled in. */
const textOf = (e: AppError): Text => ({ zh: render(e.text, 'zh-CN', e.params), en: render(e.text, 'en-US', e.params) });

/** What the customer's 支付 page offers for 伙伴支付: the request route's own rule (`partnerPayRefusal`) decides. */
export async function partnerPayOption(ex: Executor, order: CloudOrder): Promise<PartnerPayOption> {
  const requested = order.partnerPayRequested && order.status === '待支付';
  const base = { requested, rejectReason: order.rejectedAt ? order.rejectReason : null, partnerId: order.partnerId };
  const refusal = requested ? null : await partnerPayRefusal(ex, order);
  return { ...base, available: refusal === null, reason: refusal ? textOf(refusal) : null };
}

/** Product names by id (orders, resources and fees show 产品). */
export async function productNames(ex: Executor, ids: string[]): Promise<Map<string, { code: string; name: Text; serviceTypeCode: string }>> {
  const uniq = [...new Set(ids)].filter(Boolean);
  if (!uniq.length) return new Map();
  const rows = await ex
    .select({ id: cloudProducts.id, code: cloudProducts.code, nameZh: cloudProducts.nameZh, nameEn: cloudProducts.nameEn, serviceTypeCode: cloudProducts.serviceTypeCode })
    .from(cloudProducts)
    .where(inArray(cloudProducts.id, uniq));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: { zh: r.nameZh, en: r.nameEn }, serviceTypeCode: r.serviceTypeCode }]));
}

/** 订单详情 of the customer's own order: lines with their products, payments, history, and the 伙伴支付 option. */
export async function customerOrderDetail(ctx: Ctx, orderId: string) {
  requireAccount(ctx);
  const d = await getOrder(ctx, orderId); // 404 for another customer's order
  const names = await productNames(ctx.db, d.lines.map((l) => l.productId));
  return {
    ...d,
    lines: d.lines.map((l) => ({ ...l, product: names.get(l.productId) ?? null })),
    payments: d.payments.map((p) => ({ ...p, amount: money(p.amount) })),
    partnerPay: await partnerPayOption(ctx.db, d.order),
  };
}
