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

const OrderView = z.object({
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
});
function orderView(o: CloudOrder): z.infer<typeof OrderView> {
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
        body: z
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
          .strict(),
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
}
