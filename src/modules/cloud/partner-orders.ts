import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { inTransaction, type Executor } from '../../platform/db/index.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { P, requireAccount, requirePermission } from '../../platform/access/index.js';
import { fieldError, notFound, refused, type AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { sendAll } from '../../platform/notify/index.js';
import { defineExport } from '../../platform/export/index.js';
import * as ledger from '../../platform/ledger/index.js';
import { money, roundTo, type Money } from '../../platform/money.js';
import type { Text } from '../../platform/i18n/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { orgMembers } from '../org/schema.js';
import { customerScope } from '../org/service.js';
import { customerAssociations } from '../customers/schema.js';
import { getActiveAssociation, scopeCondition } from '../customers/service.js';
import { masked, partnerKind, partnerNames, type PartnerKind } from '../customers/common.js';
import { channelProvider, registerCustomerFactsProvider } from '../customers/extensions.js';
import { checkPartnerCode, verificationRequired } from '../customers/sensitive.js';
import { recordCustomerEvent } from '../customers/audit-events.js';
import { partnerBalances, partnerPayer } from '../finance/accounts.js';
import {
  cloudOrderEvents,
  cloudOrderLines,
  cloudOrderPayments,
  cloudOrders,
  cloudProducts,
  cloudResources,
  cloudServiceTypes,
  ORDER_STATUSES,
  ORDER_TYPES,
  type CloudOrder,
  type OrderStatus,
  type OrderType,
} from './schema.js';
import { lockOrder, ORDER_ENTITY, orderLines, recordEvent } from './order-core.js';
import { orderRange, payOrder } from './orders.js';
import { paymentOfOrder } from './payments.js';
import { arrearsAccount, type Payer } from './payers.js';

/**
 * 销售 > 客户 > 客户订单 on the partner side and 伙伴支付 (spec 04 §2.14 and ops 28–30; spec 05 §4 ops 1–4,
 * R-O1–R-O3; spec 06 / 07 differences; guide 9612–9790, 13.6 at 20294–20316, 14729–14800, 19084–19130):
 * the customer asks its partner to pay (请他付款), the partner's 待付订单 (支付 / 驳回 / 批量驳回), 我的客户订单
 * (with 详情, 调价记录 and the payment breakdown), 订单资源明细, their exports, and the customer facts that block an
 * unbind. Payment itself is the core's `payOrder` with finance's `partnerPayer` (both balances, R-O1).
 */

/* ------------------------------------------------------------------ constants and texts */

/** "Recently" ended pay requests stay in 待付订单 with their live status (guide 9636) for this many days. */
export const PENDING_HISTORY_DAYS = 30;
/**
 * 预估返点金额 (guide 9652: 根据返点规则估算…仅供参考): the incentives module's policies do not exist yet, so the estimate
 * uses one reference rate for every product. A reseller's pay-on-behalf has no performance statement (spec 05 §7 Ch12).
 */
export const REFERENCE_REBATE_RATE = '0.03';
export const REJECT_BATCH_MAX = 50;
export const REASON_MAX = 512;

export const PAY_METHODS = ['余额支付', '第三方支付', '花瓣支付'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];

const NOT_IMPLEMENTED: Text = { zh: '暂不支持该支付方式，请使用余额支付', en: 'This payment method is not available; use 余额支付 (balance)' };
const REBATE_NOTE: Text = {
  zh: '预估返点金额是根据返点规则估算的返点金额，仅供参考，实际返点金额还会受客户使用代金券金额的影响。',
  en: 'The estimated rebate follows the rebate rules and is for reference only; vouchers the customer uses change the actual rebate.',
};
export const REJECTED_OK: Text = { zh: '驳回成功', en: 'Rejected' };

const ORDER_TYPE_NAMES: Record<OrderType, Text> = {
  订购: { zh: '订购', en: 'Subscribe' },
  续订: { zh: '续订', en: 'Renew' },
  变更: { zh: '变更', en: 'Change' },
  退订: { zh: '退订', en: 'Unsubscribe' },
};
const ASSOCIATION_NAMES: Record<string, Text> = { consulting: { zh: '顾问销售', en: 'Consulting sale' }, resale: { zh: '代售', en: 'Resale' } };
const pick = (t: Text, lang: string) => (lang === 'en-US' ? t.en : t.zh);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const c2 = (v: string | null | undefined) => (v === null || v === undefined ? null : money(v).toFixed(2));

/* ------------------------------------------------------------------ the customer asks (13.6) */

/**
 * Why this customer may not ask its partner to pay the order now, or null when it may (guide 13.6 注意事项,
 * L20300–20305): the order is 待支付 and not already rejected, not an auto-renewal (自动续订) order, the customer
 * is associated with the partner it ordered under, and a 云经销商's customer only in 代售 mode. The one rule for
 * the request route and for what the customer's 支付 page offers.
 */
export async function partnerPayRefusal(ex: Executor, order: CloudOrder): Promise<AppError | null> {
  if (order.status !== '待支付') return refused('cloud.order-not-payable', { zh: '订单状态为“{status}”，无法申请伙伴支付', en: 'The order is {status}; partner payment cannot be requested' }, { status: order.status });
  if (order.rejectedAt) return refused('cloud.partner-pay-rejected', { zh: '合作伙伴已驳回该订单的代付申请，请自行支付或取消订单', en: 'Your partner rejected paying this order; pay it yourself or cancel it' });
  if (order.source === 'system') return refused('cloud.partner-pay-auto-renew', { zh: '自动续订模式，不支持伙伴支付', en: 'Auto-renewal orders cannot be paid by the partner' });
  const assoc = await getActiveAssociation(ex, order.customerAccountId);
  if (!assoc || assoc.partnerId !== order.partnerId) {
    return refused('cloud.partner-pay-no-partner', { zh: '您未关联合作伙伴，或该订单下单时未关联当前合作伙伴，无法申请伙伴支付', en: 'You have no partner, or ordered before associating with it; partner payment is not available' });
  }
  if ((await partnerKind(ex, assoc.partnerId)) === 'reseller' && assoc.associationType !== 'resale') {
    return refused('cloud.partner-pay-not-allowed', { zh: '云经销商伙伴仅代售类客户可以申请伙伴支付，顾问销售类客户不能申请伙伴支付', en: "A reseller's consulting-sale customers cannot request partner payment; only resale customers can" });
  }
  return null;
}

/**
 * 请他付款 (13.6): the customer asks its partner to pay a 待支付 order. A solution provider's (and a distributor's)
 * 顾问销售 and 代售 customers may; a 云经销商's only 代售 ones (20300); never an auto-renewal (自动续订) order.
 * The partner gets SMS + e-mail (+ 站内信); the customer's 云审计 event is `applyPartnerPayment`. Asking again
 * while the request is open answers the order unchanged.
 */
export async function requestPartnerPay(ctx: Ctx, orderId: string): Promise<CloudOrder> {
  const me = requireAccount(ctx);
  if (!isUuid(orderId)) throw notFound(ORDER_ENTITY);
  return inTransaction(ctx.db, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || order.customerAccountId !== me.accountId) throw notFound(ORDER_ENTITY);
    if (order.status === '待支付' && order.partnerPayRequested) return order;
    const refusal = await partnerPayRefusal(tx, order);
    if (refusal) throw refusal;
    const assoc = (await getActiveAssociation(tx, me.accountId))!;
    const now = clock.now();
    const [updated] = await tx
      .update(cloudOrders)
      .set({ partnerPayRequested: true, partnerPayRequestedAt: now, updatedAt: now })
      .where(eq(cloudOrders.id, order.id))
      .returning();
    await recordEvent(tx, ctx, order.id, order.status, order.status, 'partner-pay-request');
    const contact = await partnerContact(tx, assoc.partnerId);
    const [cust] = await tx.select({ name: accounts.enterpriseName, person: accounts.name, accountName: accounts.accountName }).from(accounts).where(eq(accounts.id, me.accountId));
    const who = masked.name(cust?.name ?? cust?.person ?? cust?.accountName ?? '') ?? '';
    await sendAll(
      tx,
      { email: contact.email, sms: contact.mobile, site: { kind: 'partner', id: assoc.partnerId } },
      {
        template: 'cloud.partner-pay-requested',
        subject: '客户申请伙伴支付订单',
        body: `您的客户${who}申请您为订单${order.orderNo}代为支付，订单金额¥${money(order.amount).toFixed(2)}。请在伙伴中心“销售 > 客户 > 客户订单 > 待付订单”中支付或驳回。`,
        data: { orderId: order.id, orderNo: order.orderNo, text: { zh: `客户申请您支付订单${order.orderNo}`, en: `A customer asks you to pay order ${order.orderNo}` } },
      },
    );
    await recordCustomerEvent(tx, ctx, {
      customerAccountId: me.accountId,
      partnerId: assoc.partnerId,
      eventName: 'applyPartnerPayment',
      resourceType: 'order',
      resourceId: order.id,
      resourceName: order.orderNo,
      detail: { amount: money(order.amount).toFixed(2) },
    });
    return updated!;
  });
}

async function partnerContact(ex: Executor, partnerId: string): Promise<{ mobile: string | null; email: string | null }> {
  const [row] = await ex.select({ mobile: accounts.mobile, email: accounts.email }).from(partners).innerJoin(accounts, eq(accounts.id, partners.accountId)).where(eq(partners.id, partnerId));
  return { mobile: row?.mobile || null, email: row?.email || null };
}

async function customerContact(ex: Executor, customerId: string): Promise<{ mobile: string | null; email: string | null }> {
  const [row] = await ex.select({ mobile: accounts.mobile, email: accounts.email }).from(accounts).where(eq(accounts.id, customerId));
  return { mobile: row?.mobile || null, email: row?.email || null };
}

/* ------------------------------------------------------------------ who sees which orders */

export type OrdersTab = 'mine' | 'resellers';

interface PartnerView {
  actor: PartnerActor;
  kind: PartnerKind;
  /** Orders whose partner_id is one of these (mine: the partner; resellers: a distributor's resellers). */
  partnerIds: string[];
  /** The 客户经理 data scope (mine only): the customers currently assigned in scope. */
  customerCond: SQL | undefined;
  readOnly: boolean;
}

/**
 * 客户订单 scope: the partner's own orders (a 客户经理 / 主管 only those of the customers assigned in their scope,
 * guide 9684 "合作伙伴的业务员只能查看其名下客户的订单"), or, for a distributor's 云经销商的客户订单 tab, its resellers'
 * orders, read only.
 */
async function partnerView(ctx: Ctx, ex: Executor, tab: OrdersTab = 'mine'): Promise<PartnerView> {
  const actor = requirePermission(ctx, P.customerOrders);
  const kind = await partnerKind(ex, actor.partnerId);
  if (tab === 'resellers') {
    const ids = kind === 'distributor' ? await channelProvider().resellerPartnerIds(ex, actor.partnerId) : [];
    return { actor, kind, partnerIds: ids, customerCond: undefined, readOnly: true };
  }
  const scope = await customerScope(ctx, ex);
  const customerCond = scope.all
    ? undefined
    : inArray(cloudOrders.customerAccountId, ex.select({ id: customerAssociations.customerAccountId }).from(customerAssociations).where(scopeCondition(actor.partnerId, scope)));
  return { actor, kind, partnerIds: [actor.partnerId], customerCond, readOnly: false };
}

const partnerCond = (v: PartnerView): SQL => (v.partnerIds.length ? and(inArray(cloudOrders.partnerId, v.partnerIds), v.customerCond)! : sql`false`);

/** Order ids of customers whose name or account name matches (客户名称 filter), as a subquery. */
function customerNameCond(ex: Executor, name: string | undefined): SQL | undefined {
  const v = name?.trim();
  if (!v) return undefined;
  const like = `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return inArray(
    cloudOrders.customerAccountId,
    ex
      .select({ id: accounts.id })
      .from(accounts)
      .where(or(ilike(accounts.enterpriseName, like), ilike(accounts.name, like), ilike(accounts.accountName, like))),
  );
}

/** A visible order of the actor (404 otherwise: another partner's, or outside the 客户经理's scope). */
async function visibleOrder(ctx: Ctx, ex: Executor, orderId: string, tab: OrdersTab = 'mine'): Promise<{ order: CloudOrder; view: PartnerView }> {
  const view = await partnerView(ctx, ex, tab);
  if (!isUuid(orderId)) throw notFound(ORDER_ENTITY);
  const [order] = await ex.select().from(cloudOrders).where(and(eq(cloudOrders.id, orderId), partnerCond(view)));
  if (!order) throw notFound(ORDER_ENTITY);
  return { order, view };
}

/** Visible in either tab (详情 / 调价记录 open from both). */
async function visibleAnyTab(ctx: Ctx, orderId: string) {
  try {
    return await visibleOrder(ctx, ctx.db, orderId, 'mine');
  } catch (err) {
    if ((await partnerKind(ctx.db, requirePermission(ctx, P.customerOrders).partnerId)) !== 'distributor') throw err;
    return visibleOrder(ctx, ctx.db, orderId, 'resellers');
  }
}

async function auditReveal(ctx: Ctx, reveal: boolean | undefined, what: string) {
  if (reveal) await audit(ctx.db, ctx, { action: 'cloud.partner-orders.revealed', objectType: what, objectId: null });
}

/* ------------------------------------------------------------------ row views */

interface CustomerNames {
  name: string;
  accountName: string;
}

async function customerNames(ex: Executor, ids: string[]): Promise<Map<string, CustomerNames>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rs = await ex.select({ id: accounts.id, enterpriseName: accounts.enterpriseName, name: accounts.name, accountName: accounts.accountName }).from(accounts).where(inArray(accounts.id, unique));
  return new Map(rs.map((r) => [r.id, { name: r.enterpriseName ?? r.name ?? r.accountName, accountName: r.accountName }]));
}

async function serviceTypeNames(ex: Executor): Promise<Map<string, Text>> {
  const rs = await ex.select({ code: cloudServiceTypes.code, zh: cloudServiceTypes.nameZh, en: cloudServiceTypes.nameEn }).from(cloudServiceTypes);
  return new Map(rs.map((r) => [r.code, { zh: r.zh, en: r.en }]));
}

function nameCols(n: CustomerNames | undefined, reveal: boolean) {
  const name = n?.name ?? '';
  const accountName = n?.accountName ?? '';
  return reveal ? { customerName: name, customerAccountName: accountName } : { customerName: masked.name(name) ?? '', customerAccountName: masked.name(accountName) ?? '' };
}

/** 支付详情 (hover on 实付金额): only for 已完成 orders that are not 退订 (guide 9714). */
function paymentDetail(o: CloudOrder, lang: string) {
  if (o.status !== '已完成' || o.orderType === '退订' || o.paidAmount === null) return null;
  const coupon = money(o.couponAmount);
  const paid = money(o.paidAmount);
  return {
    paymentMethod: o.paymentMethod,
    payer: o.payerKind === 'partner' ? pick({ zh: '合作伙伴', en: 'Partner' }, lang) : pick({ zh: '客户', en: 'Customer' }, lang),
    payerKind: o.payerKind,
    officialAmount: c2(o.officialAmount)!, // 原价
    discountAmount: c2(o.discountAmount)!, // 折扣优惠
    couponAmount: coupon.toFixed(2), // 代金券抵扣
    cashAmount: paid.minus(coupon).toFixed(2), // 现金支付 (余额支付 / 伙伴支付)
    paidAmount: paid.toFixed(2),
    paidAt: iso(o.paidAt),
  };
}

type RequestState = 'open' | 'rejected' | 'paid' | 'self_paid' | 'cancelled' | 'closed';
const REQUEST_STATE_NAMES: Record<RequestState, Text> = {
  open: { zh: '待伙伴支付', en: 'Awaiting your payment' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  paid: { zh: '伙伴已支付', en: 'Paid by you' },
  self_paid: { zh: '客户已自行支付', en: 'Paid by the customer' },
  cancelled: { zh: '客户已取消', en: 'Cancelled' },
  closed: { zh: '已结束', en: 'Closed' },
};

function requestState(o: CloudOrder): RequestState {
  if (o.status === '待支付') return o.partnerPayRequested ? 'open' : o.rejectedAt ? 'rejected' : 'closed';
  if (o.status === '已完成' || o.status === '处理中') return o.payerKind === 'partner' ? 'paid' : 'self_paid';
  if (o.status === '已取消') return o.rejectedAt ? 'rejected' : 'cancelled';
  return 'closed';
}

function baseRow(o: CloudOrder, names: Map<string, CustomerNames>, types: Map<string, Text>, reveal: boolean, lang: string) {
  return {
    id: o.id,
    orderNo: o.orderNo,
    orderType: o.orderType,
    orderTypeName: pick(ORDER_TYPE_NAMES[o.orderType], lang),
    status: o.status,
    serviceTypeCode: o.serviceTypeCode,
    serviceTypeName: types.get(o.serviceTypeCode) ? pick(types.get(o.serviceTypeCode)!, lang) : o.serviceTypeCode,
    customerId: o.customerAccountId,
    ...nameCols(names.get(o.customerAccountId), reveal),
    associationType: o.associationType,
    associationTypeName: o.associationType && ASSOCIATION_NAMES[o.associationType] ? pick(ASSOCIATION_NAMES[o.associationType]!, lang) : null,
    paymentMethod: o.paymentMethod,
    createdAt: o.createdAt.toISOString(),
    paidAt: iso(o.paidAt),
    amount: c2(o.amount)!,
  };
}

/* ------------------------------------------------------------------ 待付订单 */

export interface PendingQuery {
  orderNo?: string;
  status?: OrderStatus;
  customerName?: string;
  reveal?: boolean;
  page?: number;
  pageSize?: number;
}

function pageArgs(q: { page?: number; pageSize?: number }) {
  const page = Math.max(1, Math.trunc(q.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.trunc(q.pageSize ?? 10)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * 待付订单: the orders the partner's customers asked it to pay — open requests (待支付) and, for
 * PENDING_HISTORY_DAYS, the ended ones with their live status (paid by the partner or by the customer,
 * cancelled, rejected), newest request first.
 */
export async function listPendingOrders(ctx: Ctx, q: PendingQuery) {
  const view = await partnerView(ctx, ctx.db, 'mine');
  await auditReveal(ctx, q.reveal, 'cloud_pending_orders');
  const { page, pageSize, offset } = pageArgs(q);
  const since = new Date(clock.nowMs() - PENDING_HISTORY_DAYS * DAY_MS);
  const where = and(
    partnerCond(view),
    isNotNull(cloudOrders.partnerPayRequestedAt),
    or(and(eq(cloudOrders.partnerPayRequested, true), eq(cloudOrders.status, '待支付')), gte(cloudOrders.partnerPayRequestedAt, since)),
    q.orderNo?.trim() ? sql`upper(${cloudOrders.orderNo}) = upper(${q.orderNo.trim()})` : undefined,
    q.status ? eq(cloudOrders.status, q.status) : undefined,
    customerNameCond(ctx.db, q.customerName),
  );
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(cloudOrders).where(where);
  const rows = await ctx.db.select().from(cloudOrders).where(where).orderBy(desc(cloudOrders.partnerPayRequestedAt), desc(cloudOrders.id)).limit(pageSize).offset(offset);
  const [names, types] = await Promise.all([customerNames(ctx.db, rows.map((r) => r.customerAccountId)), serviceTypeNames(ctx.db)]);
  const items = rows.map((o) => {
    const state = requestState(o);
    return {
      ...baseRow(o, names, types, !!q.reveal, ctx.lang),
      requestState: state,
      requestStateName: pick(REQUEST_STATE_NAMES[state], ctx.lang),
      requestedAt: iso(o.partnerPayRequestedAt),
      payDeadline: iso(o.payDeadline),
      rejectReason: o.rejectReason,
      canPay: state === 'open',
      canReject: state === 'open',
    };
  });
  return { items, total: Number(n), page, pageSize };
}

async function requireOpenRequest(ctx: Ctx, ex: Executor, orderId: string) {
  const { order, view } = await visibleOrder(ctx, ex, orderId, 'mine');
  if (order.partnerPayRequestedAt === null) throw notFound(ORDER_ENTITY); // never asked: not in 待付订单
  return { order, view };
}

/** Payment methods of the 支付 page (guide 9656–9659; R-O2). */
function payMethods(kind: PartnerKind, lang: string) {
  return PAY_METHODS.map((m) => ({
    method: m,
    enabled: m === '余额支付',
    reason: m === '余额支付' ? null : pick(NOT_IMPLEMENTED, lang),
    note:
      m === '余额支付'
        ? pick(
            kind === 'reseller'
              ? { zh: '需确保“账户余额”满足本次支付所需金额', en: 'Your account balance must cover the amount' }
              : { zh: '需确保“账户余额”和“可拨款账户余额”均满足本次支付所需金额', en: 'Both the account balance and the allocatable balance must cover the amount' },
            lang,
          )
        : null,
  }));
}

export function estimatedRebate(amount: Money | string, kind: PartnerKind): string | null {
  if (kind === 'reseller') return null;
  return roundTo(money(amount).times(REFERENCE_REBATE_RATE)).toFixed(2);
}

/** The 支付 page: the order, the methods, both balances, 预估返点金额 (仅供参考) and whether a code is asked. */
export async function pendingOrderPayPage(ctx: Ctx, orderId: string) {
  const { order, view } = await requireOpenRequest(ctx, ctx.db, orderId);
  const [names, types, balances, codeRequired] = await Promise.all([
    customerNames(ctx.db, [order.customerAccountId]),
    serviceTypeNames(ctx.db),
    partnerBalances(ctx.db, view.actor.partnerId),
    verificationRequired(ctx.db, view.actor.partnerId),
  ]);
  const state = requestState(order);
  return {
    order: { ...baseRow(order, names, types, false, ctx.lang), requestState: state, requestStateName: pick(REQUEST_STATE_NAMES[state], ctx.lang), payDeadline: iso(order.payDeadline), rejectReason: order.rejectReason },
    partnerKind: view.kind,
    methods: payMethods(view.kind, ctx.lang),
    balances: { balance: balances.balance, allocatable: view.kind === 'reseller' ? null : balances.allocatable },
    estimatedRebate: estimatedRebate(order.amount, view.kind),
    rebateRate: view.kind === 'reseller' ? null : REFERENCE_REBATE_RATE,
    rebateNote: pick(REBATE_NOTE, ctx.lang),
    verificationRequired: codeRequired,
  };
}

export interface PayInput {
  method: string;
  requestId: string;
  code?: string | null;
}

/**
 * 确认付款 (op 28): the partner pays a customer's 待支付 order it was asked to pay, with 余额支付 (both balances;
 * a reseller's 账户余额 only). A §19.8 sensitive operation: the code is checked first and consumed inside the
 * payment's transaction. One payment per order: the core's row lock and ledger key `cloud.order-pay:<id>`; the
 * same requestId again answers `replayed: true` (no new code needed); another requestId on a paid order is
 * refused. On success the customer gets 站内信 (the core), e-mail and SMS; a 顾问销售 customer's order counts
 * toward its 可开票金额 (`invoiceable_amount`, guide 9640).
 */
export async function payPendingOrder(ctx: Ctx, orderId: string, input: PayInput): Promise<{ order: CloudOrder; replayed: boolean }> {
  const { order, view } = await requireOpenRequest(ctx, ctx.db, orderId);
  if (!(PAY_METHODS as readonly string[]).includes(input.method)) throw fieldError('method', 'cloud.pay-method-unknown', { zh: '请选择支付方式', en: 'Choose a payment method' });
  if (input.method !== '余额支付') throw fieldError('method', 'cloud.pay-method-unavailable', NOT_IMPLEMENTED);
  // a retry of a payment that went through: the core answers it, without asking for another code
  if (order.status === '已完成' || order.status === '处理中') {
    const paid = await paymentOfOrder(ctx.db, order.id);
    if (paid && paid.requestId === input.requestId && paid.payerKind === 'partner') return payOrder(ctx, order.id, { requestId: input.requestId, payer: partnerPayer(view.actor.partnerId, '余额支付') });
  }
  if (order.status === '待支付' && !order.partnerPayRequested) {
    if (order.rejectedAt) throw refused('cloud.partner-pay-rejected-already', { zh: '该代付申请已驳回，无法支付', en: 'This payment request was rejected and cannot be paid' });
    throw notFound(ORDER_ENTITY);
  }
  if (order.status !== '待支付') throw refused('cloud.order-not-payable', { zh: '订单状态为“{status}”，无法支付', en: 'The order is {status} and cannot be paid' }, { status: order.status });
  if (view.kind === 'reseller' && order.associationType !== 'resale') {
    throw refused('cloud.partner-pay-not-allowed', { zh: '云经销商仅可为代售类客户支付订单', en: 'A reseller pays only for its resale customers' });
  }
  const gate = await checkPartnerCode(ctx, input.code);
  const inner = partnerPayer(view.actor.partnerId, '余额支付', { balanceOnly: view.kind === 'reseller' });
  // The payer runs inside payOrder's transaction: the code, the 可开票金额 and the notices commit with the payment.
  const payer: Payer = {
    ...inner,
    async debit(tx, amount) {
      const lines = await inner.debit(tx, amount);
      await gate.consume(tx);
      if (order.associationType === 'consulting') await tx.update(cloudOrders).set({ invoiceableAmount: amount.toFixed(2) }).where(eq(cloudOrders.id, order.id));
      const c = await customerContact(tx, order.customerAccountId);
      await sendAll(
        tx,
        { email: c.email, sms: c.mobile },
        {
          template: 'cloud.order-paid-by-partner',
          subject: '订单支付成功',
          body: `您的订单${order.orderNo}已由合作伙伴支付成功，支付金额¥${amount.toFixed(2)}，资源已开通。`,
          data: { orderId: order.id, orderNo: order.orderNo },
          to: { kind: 'account', id: order.customerAccountId },
        },
      );
      return lines;
    },
  };
  return payOrder(ctx, order.id, { requestId: input.requestId, payer });
}

/**
 * 驳回 / 批量驳回 (op 29): 1–50 orders, one reason (required, ≤ 512). All or nothing: each must be 待支付 with an open
 * request of this partner (another's or an unknown one is 404). The customer is told (站内信, e-mail, SMS) and may
 * then pay itself or cancel.
 */
export async function rejectPendingOrders(ctx: Ctx, input: { ids: string[]; reason: string }): Promise<{ rejected: number; message: string }> {
  const view = await partnerView(ctx, ctx.db, 'mine');
  const reason = (input.reason ?? '').trim();
  if (!reason) throw fieldError('reason', 'cloud.reject-reason-required', { zh: '请输入驳回原因', en: 'Enter the reason' });
  if (reason.length > REASON_MAX) throw fieldError('reason', 'cloud.reject-reason-too-long', { zh: `驳回原因不能超过${REASON_MAX}个字符`, en: `The reason must be at most ${REASON_MAX} characters` });
  const ids = [...new Set(input.ids ?? [])];
  if (!ids.length || ids.length > REJECT_BATCH_MAX) throw fieldError('ids', 'cloud.reject-count', { zh: `每次可驳回1–${REJECT_BATCH_MAX}个订单`, en: `Reject 1 to ${REJECT_BATCH_MAX} orders at a time` });
  if (ids.some((id) => !isUuid(id))) throw notFound(ORDER_ENTITY);
  ids.sort();
  await inTransaction(ctx.db, async (tx) => {
    const now = clock.now();
    for (const id of ids) {
      const order = await lockOrder(tx, id);
      const visible = order && (await tx.select({ id: cloudOrders.id }).from(cloudOrders).where(and(eq(cloudOrders.id, id), partnerCond(view))));
      if (!order || !visible?.length || order.partnerPayRequestedAt === null) throw notFound(ORDER_ENTITY);
      if (order.status !== '待支付' || !order.partnerPayRequested) {
        throw refused('cloud.partner-pay-not-pending', { zh: '订单{orderNo}不是待支付的代付申请，无法驳回', en: 'Order {orderNo} is not an open payment request and cannot be rejected' }, { orderNo: order.orderNo });
      }
      await tx.update(cloudOrders).set({ partnerPayRequested: false, rejectReason: reason, rejectedAt: now, updatedAt: now }).where(eq(cloudOrders.id, id));
      await recordEvent(tx, ctx, id, order.status, order.status, 'partner-pay-reject', reason);
      const c = await customerContact(tx, order.customerAccountId);
      await sendAll(
        tx,
        { email: c.email, sms: c.mobile, site: { kind: 'account', id: order.customerAccountId } },
        {
          template: 'cloud.partner-pay-rejected',
          subject: '伙伴支付申请已驳回',
          body: `您的订单${order.orderNo}的伙伴支付申请已被合作伙伴驳回，驳回原因：${reason}。您可以在“我的订单 > 待支付”中自行支付或取消订单。`,
          data: { orderId: id, orderNo: order.orderNo, reason, text: { zh: `订单${order.orderNo}的伙伴支付申请已驳回`, en: `Your partner rejected paying order ${order.orderNo}` } },
        },
      );
      await audit(tx, ctx, { action: 'cloud.order.partner-pay-rejected', objectType: 'cloud_order', objectId: id, customerAccountId: order.customerAccountId, before: { partnerPayRequested: true }, after: { partnerPayRequested: false, reason } });
    }
  });
  return { rejected: ids.length, message: pick(REJECTED_OK, ctx.lang) };
}

/* ------------------------------------------------------------------ 我的客户订单 */

export const PartnerOrderFilter = z
  .object({
    scope: z.enum(['mine', 'resellers']).default('mine'),
    customerName: z.string().trim().max(100).optional(),
    orderNo: z.string().trim().max(32).optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    serviceTypeCode: z.string().max(64).optional(),
    orderType: z.enum(ORDER_TYPES).optional(),
    createdFrom: z.coerce.date().optional(),
    createdTo: z.coerce.date().optional(),
  })
  .strict();
export type PartnerOrderFilter = z.infer<typeof PartnerOrderFilter>;

function orderFilterConds(ex: Executor, q: PartnerOrderFilter, range: { from: Date; to: Date } | null): SQL[] {
  const out: (SQL | undefined)[] = [
    range ? gte(cloudOrders.createdAt, range.from) : undefined,
    range ? lte(cloudOrders.createdAt, range.to) : undefined,
    q.orderNo ? sql`upper(${cloudOrders.orderNo}) = upper(${q.orderNo})` : undefined,
    q.status ? eq(cloudOrders.status, q.status) : undefined,
    q.orderType ? eq(cloudOrders.orderType, q.orderType) : undefined,
    q.serviceTypeCode ? eq(cloudOrders.serviceTypeCode, q.serviceTypeCode) : undefined,
    customerNameCond(ex, q.customerName),
  ];
  return out.filter((x): x is SQL => !!x);
}

function orderRow(o: CloudOrder, names: Map<string, CustomerNames>, types: Map<string, Text>, reveal: boolean, lang: string, partnerName: string | null, readOnly: boolean) {
  return {
    ...baseRow(o, names, types, reveal, lang),
    paidAmount: c2(o.paidAmount), // 实付金额
    paymentDetail: paymentDetail(o, lang),
    partnerPayRequested: o.partnerPayRequested,
    rejectReason: o.rejectReason,
    invoiceableAmount: c2(o.invoiceableAmount),
    partnerName,
    readOnly,
  };
}

/**
 * 我的客户订单 (op 30): prepaid (包年/包月) orders only — every cloud order is one (按需 usage is under 客户管理 > 查看资源);
 * default the last 6 months, a chosen 下单时间 range ≤ 1 year (R-O3); a distributor's 云经销商的客户订单 tab read only.
 */
export async function listPartnerOrders(ctx: Ctx, q: PartnerOrderFilter & { reveal?: boolean; page?: number; pageSize?: number }) {
  const view = await partnerView(ctx, ctx.db, q.scope);
  const range = orderRange(q);
  await auditReveal(ctx, q.reveal, 'cloud_partner_orders');
  const { page, pageSize, offset } = pageArgs(q);
  const where = and(partnerCond(view), ...orderFilterConds(ctx.db, q, range));
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(cloudOrders).where(where);
  const rows = await ctx.db.select().from(cloudOrders).where(where).orderBy(desc(cloudOrders.createdAt), desc(cloudOrders.id)).limit(pageSize).offset(offset);
  const [names, types, pnames] = await Promise.all([
    customerNames(ctx.db, rows.map((r) => r.customerAccountId)),
    serviceTypeNames(ctx.db),
    view.readOnly ? partnerNames(ctx.db, rows.map((r) => r.partnerId!).filter(Boolean)) : Promise.resolve(new Map<string, string>()),
  ]);
  return {
    items: rows.map((o) => orderRow(o, names, types, !!q.reveal, ctx.lang, view.readOnly ? (pnames.get(o.partnerId ?? '') ?? null) : null, view.readOnly)),
    total: Number(n),
    page,
    pageSize,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
  };
}

/** 详情: the order with its lines (products, periods, resources), payments and history. */
export async function getPartnerOrder(ctx: Ctx, orderId: string, reveal = false) {
  const { order, view } = await visibleAnyTab(ctx, orderId);
  await auditReveal(ctx, reveal, 'cloud_partner_order');
  const [names, types, lines, payments, events] = await Promise.all([
    customerNames(ctx.db, [order.customerAccountId]),
    serviceTypeNames(ctx.db),
    orderLines(ctx.db, order.id),
    ctx.db.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, order.id)).orderBy(asc(cloudOrderPayments.createdAt)),
    ctx.db.select().from(cloudOrderEvents).where(eq(cloudOrderEvents.orderId, order.id)).orderBy(asc(cloudOrderEvents.id)),
  ]);
  const productIds = [...new Set(lines.flatMap((l) => [l.productId, l.toProductId].filter((x): x is string => !!x)))];
  const products = productIds.length
    ? new Map((await ctx.db.select({ id: cloudProducts.id, zh: cloudProducts.nameZh, en: cloudProducts.nameEn, spec: cloudProducts.specDescZh }).from(cloudProducts).where(inArray(cloudProducts.id, productIds))).map((p) => [p.id, p]))
    : new Map();
  const pname = view.readOnly && order.partnerId ? ((await partnerNames(ctx.db, [order.partnerId])).get(order.partnerId) ?? null) : null;
  return {
    order: orderRow(order, names, types, reveal, ctx.lang, pname, view.readOnly),
    lines: lines.map((l) => {
      const p = products.get(l.productId);
      return {
        id: l.id,
        lineNo: l.lineNo,
        productName: p ? pick({ zh: p.zh, en: p.en }, ctx.lang) : l.productId,
        productSpec: p?.spec ?? null,
        regionCode: l.regionCode,
        quantity: l.quantity,
        size: l.size,
        periodType: l.periodType,
        periodNum: l.periodNum,
        resourceId: l.resourceId,
        resourceName: l.resourceName,
        officialAmount: c2(l.officialAmount)!,
        discountAmount: c2(l.discountAmount)!,
        amount: c2(l.amount)!,
        effectiveAt: iso(l.effectiveAt),
        expiresAt: iso(l.expiresAt),
      };
    }),
    payments: payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      method: p.method,
      payerKind: p.payerKind,
      amount: c2(p.amount)!,
      createdAt: p.createdAt.toISOString(),
    })),
    events: events.map((e) => ({ id: e.id, fromStatus: e.fromStatus, toStatus: e.toStatus, action: e.action, actorKind: e.actorKind, reason: e.reason, at: e.at.toISOString() })),
  };
}

/**
 * 调价记录 (guide 9712; no columns given): the core's price adjustments of an order — the discount applied to each
 * line when it was ordered (合同 / 伙伴授予折扣, Partner API best_offer), and for a 变更 order the change of
 * specification itself. Columns: 订单行ID, 产品, 调价类型, 原价, 调价后金额, 调价金额, 折扣率, 调价时间, 操作人.
 */
export async function priceAdjustments(ctx: Ctx, orderId: string) {
  const { order } = await visibleAnyTab(ctx, orderId);
  const lines = await orderLines(ctx.db, order.id);
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const products = productIds.length ? new Map((await ctx.db.select({ id: cloudProducts.id, zh: cloudProducts.nameZh, en: cloudProducts.nameEn }).from(cloudProducts).where(inArray(cloudProducts.id, productIds))).map((p) => [p.id, p])) : new Map();
  const items = [];
  for (const l of lines) {
    const p = products.get(l.productId);
    const productName = p ? pick({ zh: p.zh, en: p.en }, ctx.lang) : l.productId;
    const official = money(l.officialAmount);
    const amount = money(l.amount);
    if (order.orderType === '变更') {
      items.push({ lineNo: l.lineNo, productName, adjustType: pick({ zh: '变更规格', en: 'Change of specification' }, ctx.lang), officialAmount: official.toFixed(2), amount: amount.toFixed(2), adjustAmount: money(l.discountAmount).negated().toFixed(2), rate: null, adjustedAt: order.createdAt.toISOString(), operator: pick({ zh: '系统', en: 'System' }, ctx.lang) });
    } else if (!money(l.discountAmount).isZero()) {
      items.push({
        lineNo: l.lineNo,
        productName,
        adjustType: pick({ zh: '折扣', en: 'Discount' }, ctx.lang),
        officialAmount: official.toFixed(2),
        amount: amount.toFixed(2),
        adjustAmount: money(l.discountAmount).negated().toFixed(2),
        rate: official.isZero() ? null : amount.div(official).toFixed(4),
        adjustedAt: order.createdAt.toISOString(),
        operator: pick({ zh: '系统', en: 'System' }, ctx.lang),
      });
    }
  }
  return { orderNo: order.orderNo, items };
}

/* ------------------------------------------------------------------ 订单资源明细 */

export const OrderLineFilter = z
  .object({
    scope: z.enum(['mine', 'resellers']).default('mine'),
    expiresFrom: z.coerce.date().optional(), // 订单行失效时间
    expiresTo: z.coerce.date().optional(),
    customerName: z.string().trim().max(100).optional(),
    orderNo: z.string().trim().max(32).optional(),
    serviceTypeCode: z.string().max(64).optional(),
    orderType: z.enum(ORDER_TYPES).optional(),
    status: z.enum(ORDER_STATUSES).optional(),
  })
  .strict();
export type OrderLineFilter = z.infer<typeof OrderLineFilter>;

function lineConds(ex: Executor, view: PartnerView, q: OrderLineFilter): SQL {
  if (q.expiresFrom && q.expiresTo && q.expiresFrom.getTime() > q.expiresTo.getTime()) throw fieldError('expiresFrom', 'cloud.bad-range', { zh: '开始时间不能晚于结束时间', en: 'The start must not be after the end' });
  return and(
    partnerCond(view),
    q.expiresFrom ? gte(cloudOrderLines.expiresAt, q.expiresFrom) : undefined,
    q.expiresTo ? lt(cloudOrderLines.expiresAt, q.expiresTo) : undefined,
    q.orderNo ? sql`upper(${cloudOrders.orderNo}) = upper(${q.orderNo})` : undefined,
    q.status ? eq(cloudOrders.status, q.status) : undefined,
    q.orderType ? eq(cloudOrders.orderType, q.orderType) : undefined,
    q.serviceTypeCode ? eq(cloudProducts.serviceTypeCode, q.serviceTypeCode) : undefined,
    customerNameCond(ex, q.customerName),
  )!;
}

const lineColumns = {
  lineId: cloudOrderLines.id,
  lineNo: cloudOrderLines.lineNo,
  lineEffectiveAt: cloudOrderLines.effectiveAt,
  lineExpiresAt: cloudOrderLines.expiresAt,
  orderId: cloudOrders.id,
  orderNo: cloudOrders.orderNo,
  orderType: cloudOrders.orderType,
  status: cloudOrders.status,
  partnerId: cloudOrders.partnerId,
  customerId: cloudOrders.customerAccountId,
  serviceTypeCode: cloudProducts.serviceTypeCode,
  resourceId: cloudResources.id,
  resourceEffectiveAt: cloudResources.effectiveAt,
  resourceExpiresAt: cloudResources.expiresAt,
};
type LineRow = {
  lineId: string;
  lineNo: string;
  lineEffectiveAt: Date | null;
  lineExpiresAt: Date | null;
  orderId: string;
  orderNo: string;
  orderType: OrderType;
  status: OrderStatus;
  partnerId: string | null;
  customerId: string;
  serviceTypeCode: string;
  resourceId: string | null;
  resourceEffectiveAt: Date | null;
  resourceExpiresAt: Date | null;
};

function linesQuery(ex: Executor) {
  return ex
    .select(lineColumns)
    .from(cloudOrderLines)
    .innerJoin(cloudOrders, eq(cloudOrders.id, cloudOrderLines.orderId))
    .innerJoin(cloudProducts, eq(cloudProducts.id, cloudOrderLines.productId))
    .leftJoin(cloudResources, eq(cloudResources.id, cloudOrderLines.resourceId));
}

/** 客户经理 of each customer now (名称 / 账号名), from the customers' current associations with these partners. */
async function managersOf(ex: Executor, partnerIds: string[], customerIds: string[]): Promise<Map<string, { name: string; accountName: string }>> {
  const unique = [...new Set(customerIds)];
  if (!unique.length || !partnerIds.length) return new Map();
  const rs = await ex
    .select({ customerId: customerAssociations.customerAccountId, name: orgMembers.name, accountName: orgMembers.accountName })
    .from(customerAssociations)
    .innerJoin(orgMembers, eq(orgMembers.id, customerAssociations.accountManagerId))
    .where(and(inArray(customerAssociations.customerAccountId, unique), inArray(customerAssociations.partnerId, partnerIds), eq(customerAssociations.status, 'associated')));
  return new Map(rs.map((r) => [r.customerId, { name: r.name, accountName: r.accountName }]));
}

async function lineViews(ex: Executor, ctx: Ctx, view: PartnerView, rows: LineRow[], reveal: boolean) {
  const [names, types, managers] = await Promise.all([
    customerNames(ex, rows.map((r) => r.customerId)),
    serviceTypeNames(ex),
    managersOf(ex, view.partnerIds, rows.map((r) => r.customerId)),
  ]);
  return rows.map((r) => {
    const m = view.readOnly ? undefined : managers.get(r.customerId);
    return {
      lineId: r.lineId,
      lineNo: r.lineNo, // 订单行ID
      orderId: r.orderId,
      orderNo: r.orderNo,
      serviceTypeCode: r.serviceTypeCode,
      serviceTypeName: types.get(r.serviceTypeCode) ? pick(types.get(r.serviceTypeCode)!, ctx.lang) : r.serviceTypeCode,
      orderType: r.orderType,
      orderTypeName: pick(ORDER_TYPE_NAMES[r.orderType], ctx.lang),
      status: r.status,
      customerId: r.customerId,
      ...nameCols(names.get(r.customerId), reveal),
      managerName: m ? (reveal ? m.name : (masked.name(m.name) ?? '')) : null,
      managerAccountName: m ? m.accountName : null,
      lineEffectiveAt: iso(r.lineEffectiveAt),
      lineExpiresAt: iso(r.lineExpiresAt),
      resourceId: r.resourceId,
      resourceEffectiveAt: iso(r.resourceEffectiveAt),
      resourceExpiresAt: iso(r.resourceExpiresAt),
    };
  });
}

/** 订单资源明细 (op 30, guide 9747–9785): one row per order line, filtered and paged in SQL. */
export async function listOrderLines(ctx: Ctx, q: OrderLineFilter & { reveal?: boolean; page?: number; pageSize?: number }) {
  const view = await partnerView(ctx, ctx.db, q.scope);
  await auditReveal(ctx, q.reveal, 'cloud_partner_order_lines');
  const { page, pageSize, offset } = pageArgs(q);
  const where = lineConds(ctx.db, view, q);
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: count() })
    .from(cloudOrderLines)
    .innerJoin(cloudOrders, eq(cloudOrders.id, cloudOrderLines.orderId))
    .innerJoin(cloudProducts, eq(cloudProducts.id, cloudOrderLines.productId))
    .where(where);
  const rows = (await linesQuery(ctx.db).where(where).orderBy(desc(cloudOrders.createdAt), asc(cloudOrderLines.lineNo)).limit(pageSize).offset(offset)) as LineRow[];
  return { items: await lineViews(ctx.db, ctx, view, rows, !!q.reveal), total: Number(n), page, pageSize };
}

/** The 产品类型 options and what the pages need to know about the partner (type, code switch, balances). */
export async function partnerOrdersContext(ctx: Ctx) {
  const actor = requirePermission(ctx, P.customerOrders);
  const [kind, types, codeRequired, balances] = await Promise.all([
    partnerKind(ctx.db, actor.partnerId),
    ctx.db.select({ code: cloudServiceTypes.code, zh: cloudServiceTypes.nameZh, en: cloudServiceTypes.nameEn }).from(cloudServiceTypes).orderBy(asc(cloudServiceTypes.sort)),
    verificationRequired(ctx.db, actor.partnerId),
    partnerBalances(ctx.db, actor.partnerId),
  ]);
  return {
    partnerKind: kind,
    verificationRequired: codeRequired,
    balances: { balance: balances.balance, allocatable: kind === 'reseller' ? null : balances.allocatable },
    serviceTypes: types.map((t) => ({ code: t.code, name: pick({ zh: t.zh, en: t.en }, ctx.lang) })),
  };
}

/* ------------------------------------------------------------------ exports */

const EXPORT_BATCH = 500;
type OrderExportRow = ReturnType<typeof orderRow>;
type LineExportRow = Awaited<ReturnType<typeof lineViews>>[number];
const at = (v: string | null) => (v ? new Date(v) : null);

export const PartnerOrdersExportParams = PartnerOrderFilter.extend({ mode: z.enum(['current', 'all']).default('current') }).strict();

/** 导出 > 导出当前记录 (the list's filters) / 导出全部记录 (every order of the tab); names anonymised (guide 9724). */
export const partnerOrdersExport = defineExport({
  kind: 'cloud.partner-orders',
  title: { zh: '客户订单-我的客户订单', en: 'Customer orders' },
  access: { actor: 'partner', permission: P.customerOrders },
  permission: P.customerOrders,
  params: PartnerOrdersExportParams,
  columns: [
    { key: 'orderNo', title: { zh: '订单号', en: 'Order no.' } },
    { key: 'serviceTypeName', title: { zh: '产品类型', en: 'Product type' } },
    { key: 'orderTypeName', title: { zh: '订单类型', en: 'Order type' } },
    { key: 'status', title: { zh: '订单状态', en: 'Status' } },
    { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'customerAccountName', title: { zh: '账号名', en: 'Account' }, mask: 'name' },
    { key: 'associationTypeName', title: { zh: '关联类型', en: 'Association type' } },
    { key: 'createdAt', title: { zh: '下单时间', en: 'Ordered at' }, value: (r: OrderExportRow) => new Date(r.createdAt) },
    { key: 'paidAt', title: { zh: '支付时间', en: 'Paid at' }, value: (r: OrderExportRow) => at(r.paidAt) },
    { key: 'amount', title: { zh: '订单金额(¥)', en: 'Amount (¥)' } },
    { key: 'paidAmount', title: { zh: '实付金额(¥)', en: 'Paid (¥)' } },
    { key: 'paymentMethod', title: { zh: '支付方式', en: 'Payment method' } },
  ],
  async *rows(ex, ctx, params) {
    const view = await partnerView(ctx, ex, params.scope);
    const base = params.mode === 'all' ? [partnerCond(view)] : [partnerCond(view), ...orderFilterConds(ex, params, orderRange(params))];
    const types = await serviceTypeNames(ex);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const keyset: SQL[] = after ? [sql`(${cloudOrders.createdAt}, ${cloudOrders.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`] : [];
      const batch = await ex.select().from(cloudOrders).where(and(...base, ...keyset)).orderBy(desc(cloudOrders.createdAt), desc(cloudOrders.id)).limit(EXPORT_BATCH);
      if (!batch.length) return;
      const names = await customerNames(ex, batch.map((o) => o.customerAccountId));
      // names in full here: the export masks the declared columns itself
      for (const o of batch) yield orderRow(o, names, types, true, ctx.lang, null, view.readOnly);
      if (batch.length < EXPORT_BATCH) return;
      const last = batch[batch.length - 1]!;
      after = { at: last.createdAt, id: last.id };
    }
  },
});

export const OrderLinesExportParams = OrderLineFilter.extend({ expiresFrom: z.coerce.date(), expiresTo: z.coerce.date() })
  .strict()
  .refine((p) => p.expiresFrom.getTime() <= p.expiresTo.getTime(), { path: ['expiresFrom'], message: '开始时间不能晚于结束时间' });

/** 导出 > 按订单行失效时间导出: the lines whose 订单行失效时间 falls in the chosen range (required), with the list's filters. */
export const orderLinesExport = defineExport({
  kind: 'cloud.partner-order-lines',
  title: { zh: '客户订单-订单资源明细', en: 'Order resource details' },
  access: { actor: 'partner', permission: P.customerOrders },
  permission: P.customerOrders,
  params: OrderLinesExportParams,
  columns: [
    { key: 'orderNo', title: { zh: '订单号', en: 'Order no.' } },
    { key: 'serviceTypeName', title: { zh: '产品类型', en: 'Product type' } },
    { key: 'orderTypeName', title: { zh: '订单类型', en: 'Order type' } },
    { key: 'status', title: { zh: '订单状态', en: 'Status' } },
    { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'customerAccountName', title: { zh: '账号名', en: 'Account' }, mask: 'name' },
    { key: 'managerName', title: { zh: '客户经理名称', en: 'Account manager' }, mask: 'name' },
    { key: 'managerAccountName', title: { zh: '客户经理账号名', en: 'Manager account' } },
    { key: 'lineEffectiveAt', title: { zh: '订单行生效时间', en: 'Line effective' }, value: (r: LineExportRow) => at(r.lineEffectiveAt) },
    { key: 'lineExpiresAt', title: { zh: '订单行失效时间', en: 'Line expires' }, value: (r: LineExportRow) => at(r.lineExpiresAt) },
    { key: 'resourceEffectiveAt', title: { zh: '资源生效时间', en: 'Resource effective' }, value: (r: LineExportRow) => at(r.resourceEffectiveAt) },
    { key: 'resourceExpiresAt', title: { zh: '资源失效时间', en: 'Resource expires' }, value: (r: LineExportRow) => at(r.resourceExpiresAt) },
    { key: 'lineNo', title: { zh: '订单行ID', en: 'Line ID' } },
  ],
  async *rows(ex, ctx, params) {
    const view = await partnerView(ctx, ex, params.scope);
    const base = lineConds(ex, view, params);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const keyset = after ? sql`(${cloudOrderLines.expiresAt}, ${cloudOrderLines.id}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
      const batch = (await linesQuery(ex).where(and(base, keyset)).orderBy(asc(cloudOrderLines.expiresAt), asc(cloudOrderLines.id)).limit(EXPORT_BATCH)) as LineRow[];
      if (!batch.length) return;
      yield* await lineViews(ex, ctx, view, batch, true);
      if (batch.length < EXPORT_BATCH) return;
      const last = batch[batch.length - 1]!;
      after = { at: last.lineExpiresAt!, id: last.lineId };
    }
  },
});

/* ------------------------------------------------------------------ customer facts (unbind precondition) */

/**
 * What the cloud module knows about a customer for the unbind / switch checks (spec 04 §5; 13.6 "客户解除关联申请时，
 * 若有未支付的伙伴支付申请订单，客户须先取消订单再解除关联"): an open partner-pay request on a 待支付 order, and arrears
 * (`customer:<id>:arrears` below zero).
 */
export async function cloudCustomerFacts(ex: Executor, customerId: string) {
  const [open] = await ex
    .select({ id: cloudOrders.id })
    .from(cloudOrders)
    .where(and(eq(cloudOrders.customerAccountId, customerId), eq(cloudOrders.status, '待支付'), eq(cloudOrders.partnerPayRequested, true)))
    .limit(1);
  const arrears = money(await ledger.balanceOf(ex, arrearsAccount(customerId)));
  return { pendingPartnerPayOrders: !!open, inArrears: arrears.lt(0) };
}
registerCustomerFactsProvider('cloud.partner-orders', cloudCustomerFacts);
