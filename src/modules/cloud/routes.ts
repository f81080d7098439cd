import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../platform/http.js';
import { money } from '../../platform/money.js';
import { CHARGE_MODES, ORDER_STATUSES, ORDER_TYPES, PERIOD_TYPES, RESOURCE_STATUSES, type CloudOrder, type CloudResource } from './schema.js';
import * as svc from './service.js';

/**
 * The customer-facing /api routes of the cloud core (customer portal 13.7 如何购买华为云产品 and its own
 * orders, resources and consumption). The partner pages (客户订单, 客户消费, 待付订单) come with their issue
 * and call the same services with a partner actor.
 */
const CUSTOMER: Access = { actor: 'account' };
const ANYONE_SIGNED_IN: Access = { actor: 'signed-in' };

const opt = <T extends z.ZodTypeAny>(t: T) => t.optional();
const Page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
};
const Text = z.object({ zh: z.string(), en: z.string() });
const Amount = z.string().describe('yuan, exact decimal');
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const c2 = (v: string | null) => (v === null ? null : money(v).toFixed(2));

const PriceView = z.object({
  id: z.string(),
  chargeMode: z.enum(CHARGE_MODES),
  periodType: z.enum(PERIOD_TYPES).nullable(),
  usageTypeCode: z.string().nullable(),
  model: z.enum(['fixed', 'linear', 'tiered']),
  measureId: z.number().int().nullable(),
  unitPrice: z.string().nullable(),
  tiers: z.array(z.object({ lower: z.string(), upper: z.string().nullable(), unitPrice: z.string() })),
});
const ProductView = z.object({
  id: z.string(),
  code: z.string(),
  serviceTypeCode: z.string(),
  serviceTypeName: Text,
  resourceTypeCode: z.string(),
  resourceTypeName: Text,
  resourceSpec: z.string(),
  name: Text,
  specDesc: z.string(),
  regions: z.array(z.string()),
  linear: z.boolean(),
  sizeMeasureId: z.number().int().nullable(),
  sizeMin: z.number().int().nullable(),
  sizeMax: z.number().int().nullable(),
  reviewRequired: z.boolean(),
  peak95: z.boolean(),
  chargeModes: z.array(z.enum(CHARGE_MODES)),
  prices: z.array(PriceView),
});

export const OrderView = z.object({
  id: z.string(),
  orderNo: z.string(),
  orderType: z.enum(ORDER_TYPES),
  status: z.enum(ORDER_STATUSES),
  serviceTypeCode: z.string(),
  officialAmount: Amount,
  discountAmount: Amount,
  amount: Amount,
  paidAmount: Amount.nullable(),
  paymentMethod: z.string().nullable(),
  associationType: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  payDeadline: z.string().nullable(),
  cancelReason: z.string().nullable(),
  source: z.string(),
  partnerPayRequested: z.boolean(),
  rejectReason: z.string().nullable(),
});
export function orderView(o: CloudOrder): z.infer<typeof OrderView> {
  return {
    id: o.id,
    orderNo: o.orderNo,
    orderType: o.orderType,
    status: o.status,
    serviceTypeCode: o.serviceTypeCode,
    officialAmount: c2(o.officialAmount)!,
    discountAmount: c2(o.discountAmount)!,
    amount: c2(o.amount)!,
    paidAmount: c2(o.paidAmount),
    paymentMethod: o.paymentMethod,
    associationType: o.associationType,
    createdAt: o.createdAt.toISOString(),
    paidAt: iso(o.paidAt),
    payDeadline: iso(o.payDeadline),
    cancelReason: o.cancelReason,
    source: o.source,
    partnerPayRequested: o.partnerPayRequested,
    rejectReason: o.rejectReason,
  };
}

const ResourceView = z.object({
  id: z.string(),
  name: z.string(),
  productId: z.string(),
  serviceTypeCode: z.string(),
  resourceTypeCode: z.string(),
  regionCode: z.string(),
  chargeMode: z.enum(CHARGE_MODES),
  size: z.number().int().nullable(),
  status: z.enum(RESOURCE_STATUSES),
  effectiveAt: z.string(),
  expiresAt: z.string().nullable(),
  autoRenew: z.boolean(),
  lastOrderId: z.string().nullable(),
});
function resourceView(r: CloudResource): z.infer<typeof ResourceView> {
  return {
    id: r.id,
    name: r.name,
    productId: r.productId,
    serviceTypeCode: r.serviceTypeCode,
    resourceTypeCode: r.resourceTypeCode,
    regionCode: r.regionCode,
    chargeMode: r.chargeMode,
    size: r.size,
    status: r.status,
    effectiveAt: r.effectiveAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    autoRenew: r.autoRenew,
    lastOrderId: r.lastOrderId,
  };
}

const FeeView = z.object({
  id: z.number().int(),
  billMonth: z.string(),
  chargingMode: z.number().int(),
  billDetailType: z.number().int(),
  serviceTypeCode: z.string(),
  resourceTypeCode: z.string(),
  regionCode: z.string(),
  productId: z.string(),
  resourceId: z.string().nullable(),
  orderId: z.string().nullable(),
  tradeId: z.string(),
  usageTypeCode: z.string().nullable(),
  usageAmount: z.string().nullable(),
  usageMeasureId: z.number().int().nullable(),
  consumeTime: z.string(),
  officialAmount: Amount,
  discountAmount: Amount,
  paymentAmount: Amount,
  cashAmount: Amount,
  couponAmount: Amount,
  debtAmount: Amount,
  paymentStatus: z.enum(['已支付', '未结清']),
});

/** 订购 (and its quote): up to 10 products, each with region, period, quantity and the instance's name. */
const OrderBody = z
  .object({
    items: z
      .array(
        z
          .object({
            productId: z.string().max(64),
            regionCode: z.string().max(32),
            periodType: z.enum(PERIOD_TYPES),
            periodNum: z.number().int(),
            quantity: opt(z.number().int()),
            size: opt(z.number().int()),
            autoRenew: opt(z.boolean()),
            name: opt(z.string().max(64)),
          })
          .strict(),
      )
      .max(10),
  })
  .strict();

const Id = z.string().max(64);
const ResourceIds = z.array(Id).max(10);
const Quote = z.object({ officialAmount: Amount, discountAmount: Amount, amount: Amount });
const money2 = (m: { toFixed(n: number): string }) => m.toFixed(2);

const OrderLineView = z.object({
  lineNo: z.string(),
  productId: z.string(),
  product: z.object({ code: z.string(), name: Text, serviceTypeCode: z.string() }).nullable(),
  resourceId: z.string().nullable(),
  resourceName: z.string().nullable(),
  regionCode: z.string(),
  quantity: z.number().int(),
  size: z.number().int().nullable(),
  periodType: z.enum(PERIOD_TYPES).nullable(),
  periodNum: z.number().int().nullable(),
  autoRenew: z.boolean(),
  officialAmount: Amount,
  discountAmount: Amount,
  amount: Amount,
  effectiveAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
const OrderDetailView = z.object({
  order: OrderView,
  lines: z.array(OrderLineView),
  payments: z.array(z.object({ kind: z.enum(['payment', 'refund']), method: z.string(), payerKind: z.string(), amount: Amount, createdAt: z.string() })),
  events: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), action: z.string(), actorKind: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
  partnerPay: z.object({ available: z.boolean(), reason: Text.nullable(), requested: z.boolean(), rejectReason: z.string().nullable() }),
});

const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export async function cloudRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['cloud'];

  app.get(
    '/api/cloud/products',
    {
      config: { access: ANYONE_SIGNED_IN },
      schema: {
        tags,
        summary: '产品与价格: products on sale with their 包年/包月 and 按需 prices',
        querystring: z
          .object({
            serviceTypeCode: opt(z.string().max(64)),
            chargeMode: opt(z.enum(CHARGE_MODES)),
            regionCode: opt(z.string().max(32)),
            keyword: opt(z.string().trim().max(64)),
            ...Page,
          })
          .strict(),
        response: { 200: pageOf(ProductView) },
      },
    },
    async (req) => svc.listProducts(req.ctx, req.query),
  );

  app.post(
    '/api/customer/cloud/orders',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '订购: order 包年/包月 products (待支付 for 7 days, or 待审核)',
        body: OrderBody,
        response: { 201: OrderView },
      },
    },
    async (req, reply) => reply.code(201).send(orderView(await svc.createOrder(req.ctx, req.body))),
  );

  app.get(
    '/api/customer/cloud/orders',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '我的订单 (default: the last 6 months; a range spans at most 1 year)',
        querystring: z
          .object({
            orderNo: opt(z.string().max(32)),
            status: opt(z.enum(ORDER_STATUSES)),
            orderType: opt(z.enum(ORDER_TYPES)),
            serviceTypeCode: opt(z.string().max(64)),
            createdFrom: opt(z.coerce.date()),
            createdTo: opt(z.coerce.date()),
            ...Page,
          })
          .strict(),
        response: { 200: pageOf(OrderView) },
      },
    },
    async (req) => {
      const r = await svc.listOrders(req.ctx, req.query);
      return { ...r, items: r.items.map(orderView) };
    },
  );

  app.post(
    '/api/customer/cloud/orders/:id/pay',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '支付 the customer’s own 待支付 order from its balance (余额支付); idempotent per requestId',
        params: z.object({ id: z.string().max(64) }).strict(),
        body: z.object({ requestId: z.string().max(64) }).strict(),
        response: { 200: OrderView.extend({ replayed: z.boolean() }) },
      },
    },
    async (req) => {
      const { order, replayed } = await svc.payOrder(req.ctx, req.params.id, { requestId: req.body.requestId });
      return { ...orderView(order), replayed };
    },
  );

  app.get(
    '/api/customer/cloud/resources',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '我的资源: the 包年/包月 or 按需 tab',
        querystring: z
          .object({ chargeMode: z.enum(CHARGE_MODES).default('period'), status: opt(z.enum(RESOURCE_STATUSES)), serviceTypeCode: opt(z.string().max(64)), ...Page })
          .strict(),
        response: { 200: pageOf(ResourceView) },
      },
    },
    async (req) => {
      const r = await svc.listResources(req.ctx, req.query);
      return { ...r, items: r.items.map(resourceView) };
    },
  );

  app.get(
    '/api/customer/cloud/fees',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '消费明细 of one 账期 (the last 18 months)',
        querystring: z
          .object({
            month: z.string().max(7),
            productId: opt(z.uuid()),
            serviceTypeCode: opt(z.string().max(64)),
            chargingMode: opt(z.coerce.number().pipe(z.union([z.literal(1), z.literal(3)]))),
            billDetailType: opt(z.coerce.number().int()),
            resourceId: opt(z.uuid()),
            tradeId: opt(z.string().max(64)),
            regionCode: opt(z.string().max(32)),
            hideZero: opt(z.enum(['true', 'false']).transform((v) => v === 'true')),
            ...Page,
          })
          .strict(),
        response: { 200: pageOf(FeeView) },
      },
    },
    async (req) => {
      const r = await svc.listFees(req.ctx, req.query);
      return { ...r, items: r.items.map((f) => ({ ...f, consumeTime: f.consumeTime.toISOString() })) };
    },
  );

  /* ---------------------------------------------------------------- the customer portal: buy, pay, manage (13.6–13.7) */

  app.post(
    '/api/customer/cloud/orders/quote',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '询价: the live price of a 包年/包月 purchase with the customer’s discount (nothing is ordered)',
        body: OrderBody,
        response: { 200: Quote.extend({ items: z.array(Quote.extend({ productId: z.string(), quantity: z.number().int(), unitAmount: Amount })) }) },
      },
    },
    async (req) => {
      const q = await svc.quoteOrder(req.ctx, req.body);
      return {
        officialAmount: money2(q.officialAmount),
        discountAmount: money2(q.discountAmount),
        amount: money2(q.amount),
        items: q.items.map((i) => ({ productId: i.productId, quantity: i.quantity, unitAmount: money2(i.unitAmount), officialAmount: money2(i.officialAmount), discountAmount: money2(i.discountAmount), amount: money2(i.amount) })),
      };
    },
  );

  app.get(
    '/api/customer/cloud/orders/:id',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '订单详情: lines (订单资源明细), payments, status history and whether 伙伴支付 can be asked',
        params: z.object({ id: Id }).strict(),
        response: { 200: OrderDetailView },
      },
    },
    async (req) => {
      const d = await svc.customerOrderDetail(req.ctx, req.params.id);
      return {
        order: orderView(d.order),
        lines: d.lines.map((l) => ({
          lineNo: l.lineNo,
          productId: l.productId,
          product: l.product,
          resourceId: l.resourceId,
          resourceName: l.resourceName,
          regionCode: l.regionCode,
          quantity: l.quantity,
          size: l.size,
          periodType: l.periodType,
          periodNum: l.periodNum,
          autoRenew: l.autoRenew,
          officialAmount: c2(l.officialAmount)!,
          discountAmount: c2(l.discountAmount)!,
          amount: c2(l.amount)!,
          effectiveAt: iso(l.effectiveAt),
          expiresAt: iso(l.expiresAt),
        })),
        payments: d.payments.map((p) => ({ kind: p.kind, method: p.method, payerKind: p.payerKind, amount: money2(p.amount), createdAt: p.createdAt.toISOString() })),
        events: d.events.map((e) => ({ fromStatus: e.fromStatus, toStatus: e.toStatus, action: e.action, actorKind: e.actorKind, reason: e.reason, at: e.at.toISOString() })),
        partnerPay: { available: d.partnerPay.available, reason: d.partnerPay.reason, requested: d.partnerPay.requested, rejectReason: d.partnerPay.rejectReason },
      };
    },
  );

  app.post(
    '/api/customer/cloud/orders/:id/cancel',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '取消订单: the customer cancels its own 待支付 (or 待审核) order',
        params: z.object({ id: Id }).strict(),
        body: z.object({ reason: opt(z.string().trim().min(1).max(256)) }).strict(),
        response: { 200: OrderView },
      },
    },
    async (req) => orderView(await svc.cancelOrder(req.ctx, req.params.id, req.body.reason)),
  );

  app.post(
    '/api/customer/cloud/resources/renew/quote',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '续费询价: the price of renewing 包年/包月 resources for a period (nothing is ordered)',
        body: z.object({ resourceIds: ResourceIds, periodType: z.enum(PERIOD_TYPES), periodNum: z.number().int() }).strict(),
        response: { 200: Quote.extend({ items: z.array(Quote.extend({ resourceId: z.string() })) }) },
      },
    },
    async (req) => {
      const q = await svc.quoteRenewal(req.ctx, req.body);
      return {
        officialAmount: money2(q.officialAmount),
        discountAmount: money2(q.discountAmount),
        amount: money2(q.amount),
        items: q.items.map((i) => ({ resourceId: i.resourceId, officialAmount: money2(i.officialAmount), discountAmount: money2(i.discountAmount), amount: money2(i.amount) })),
      };
    },
  );

  app.post(
    '/api/customer/cloud/resources/renew',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '续费: a 续订 order (待支付, 7 days) for up to 10 of the customer’s 包年/包月 resources',
        body: z.object({ resourceIds: ResourceIds, periodType: z.enum(PERIOD_TYPES), periodNum: z.number().int() }).strict(),
        response: { 201: OrderView },
      },
    },
    async (req, reply) => reply.code(201).send(orderView(await svc.renewResources(req.ctx, req.body))),
  );

  app.post(
    '/api/customer/cloud/resources/unsubscribe/quote',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '退订询价: the refund unsubscribing these resources now would give back to whoever paid (nothing is changed)',
        body: z.object({ resourceIds: ResourceIds }).strict(),
        response: {
          200: z.object({
            at: z.string(),
            refundAmount: Amount,
            items: z.array(z.object({ resourceId: z.string(), name: z.string(), parentResourceId: z.string().nullable(), amount: Amount, noReasonRefund: z.boolean() })),
          }),
        },
      },
    },
    async (req) => {
      const q = await svc.quoteUnsubscribe(req.ctx, req.body);
      return { at: q.at.toISOString(), refundAmount: money2(q.refundAmount), items: q.items.map((i) => ({ ...i, amount: money2(i.amount) })) };
    },
  );

  app.post(
    '/api/customer/cloud/resources/unsubscribe',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '退订: a 退订 order refunding the unused value to whoever paid (R-O1); the resources become 已退订',
        body: z.object({ resourceIds: ResourceIds, reason: opt(z.string().trim().max(512)) }).strict(),
        response: { 200: OrderView },
      },
    },
    async (req) => orderView(await svc.unsubscribe(req.ctx, { resourceIds: req.body.resourceIds, reason: req.body.reason || undefined })),
  );

  app.put(
    '/api/customer/cloud/resources/:id/auto-renew',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '开启 / 关闭自动续费 of a 包年/包月 resource (attached resources follow; paid from the balance, never 伙伴支付)',
        params: z.object({ id: Id }).strict(),
        body: z.object({ enabled: z.boolean(), periodType: opt(z.enum(PERIOD_TYPES)), periodNum: opt(z.number().int()), times: opt(z.number().int()) }).strict(),
        response: { 200: z.object({ resourceId: z.string(), autoRenew: z.boolean(), autoRenewPeriodType: z.enum(PERIOD_TYPES).nullable(), autoRenewPeriodNum: z.number().int().nullable(), autoRenewTimesLeft: z.number().int().nullable() }) },
      },
    },
    async (req) => {
      const r = await svc.setAutoRenew(req.ctx, req.params.id, req.body);
      return {
        resourceId: r.resourceId,
        autoRenew: r.autoRenew,
        autoRenewPeriodType: ('autoRenewPeriodType' in r ? r.autoRenewPeriodType : null) ?? null,
        autoRenewPeriodNum: ('autoRenewPeriodNum' in r ? r.autoRenewPeriodNum : null) ?? null,
        autoRenewTimesLeft: r.autoRenewTimesLeft,
      };
    },
  );

  app.post(
    '/api/customer/cloud/resources/on-demand',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '立即开通 a 按需 resource (no order; metered hourly, charged from the balance)',
        body: z.object({ productId: Id, regionCode: z.string().max(32), name: opt(z.string().max(64)), size: opt(z.number().int()) }).strict(),
        response: { 201: ResourceView },
      },
    },
    async (req, reply) => reply.code(201).send(resourceView(await svc.openOnDemand(req.ctx, req.body))),
  );

  app.post(
    '/api/customer/cloud/resources/:id/release',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '删除 (release) a 按需 resource: metering stops now',
        params: z.object({ id: Id }).strict(),
        response: { 200: ResourceView },
      },
    },
    async (req) => resourceView(await svc.releaseOnDemand(req.ctx, req.params.id)),
  );
}
