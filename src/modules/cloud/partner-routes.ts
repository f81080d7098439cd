import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../platform/http.js';
import { P } from '../../platform/access/index.js';
import { ORDER_STATUSES, ORDER_TYPES } from './schema.js';
import { OrderView, orderView } from './routes.js';
import * as po from './partner-orders.js';

/**
 * Routes of 销售 > 客户 > 客户订单 (待付订单 / 我的客户订单 / 订单资源明细) and the customer's 请他付款 (13.6).
 * Exports go through `POST /api/exports` with kinds `cloud.partner-orders` and `cloud.partner-order-lines`.
 */
const ORDERS: Access = { actor: 'partner', permission: P.customerOrders };
const CUSTOMER: Access = { actor: 'account' };
const tags = ['cloud-partner-orders'];

const blank = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());
const Page = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(10) };
const Reveal = { reveal: opt(z.enum(['true', 'false']).transform((v) => v === 'true')) };
const Id = z.string().max(64);
const Amount = z.string().describe('yuan, exact decimal');
const Scope = z.enum(['mine', 'resellers']).default('mine');

const BaseRow = {
  id: z.string(),
  orderNo: z.string(),
  orderType: z.enum(ORDER_TYPES),
  orderTypeName: z.string(),
  status: z.enum(ORDER_STATUSES),
  serviceTypeCode: z.string(),
  serviceTypeName: z.string(),
  customerId: z.string(),
  customerName: z.string().describe('masked unless reveal=true'),
  customerAccountName: z.string().describe('masked unless reveal=true'),
  associationType: z.string().nullable(),
  associationTypeName: z.string().nullable(),
  paymentMethod: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  amount: Amount,
};
const RequestState = z.enum(['open', 'rejected', 'paid', 'self_paid', 'cancelled', 'closed']);
const PendingRow = z.object({
  ...BaseRow,
  requestState: RequestState,
  requestStateName: z.string(),
  requestedAt: z.string().nullable(),
  payDeadline: z.string().nullable(),
  rejectReason: z.string().nullable(),
  canPay: z.boolean(),
  canReject: z.boolean(),
});
const PaymentDetail = z
  .object({
    paymentMethod: z.string().nullable(),
    payer: z.string(),
    payerKind: z.string().nullable(),
    officialAmount: Amount,
    discountAmount: Amount,
    couponAmount: Amount,
    cashAmount: Amount,
    paidAmount: Amount,
    paidAt: z.string().nullable(),
  })
  .nullable();
const OrderRow = z.object({
  ...BaseRow,
  paidAmount: Amount.nullable(),
  paymentDetail: PaymentDetail,
  partnerPayRequested: z.boolean(),
  rejectReason: z.string().nullable(),
  invoiceableAmount: Amount.nullable().describe('顾问销售 customer, paid by the partner: the customer’s 可开票金额'),
  partnerName: z.string().nullable(),
  readOnly: z.boolean(),
});
const LineRow = z.object({
  lineId: z.string(),
  lineNo: z.string(),
  orderId: z.string(),
  orderNo: z.string(),
  serviceTypeCode: z.string(),
  serviceTypeName: z.string(),
  orderType: z.enum(ORDER_TYPES),
  orderTypeName: z.string(),
  status: z.enum(ORDER_STATUSES),
  customerId: z.string(),
  customerName: z.string(),
  customerAccountName: z.string(),
  managerName: z.string().nullable(),
  managerAccountName: z.string().nullable(),
  lineEffectiveAt: z.string().nullable(),
  lineExpiresAt: z.string().nullable(),
  resourceId: z.string().nullable(),
  resourceEffectiveAt: z.string().nullable(),
  resourceExpiresAt: z.string().nullable(),
});
const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const Balances = z.object({ balance: Amount.describe('账户余额'), allocatable: Amount.nullable().describe('可拨款账户余额 (null for a reseller: not needed)') });
const PartnerKind = z.enum(['solution_provider', 'distributor', 'reseller']);

const OrderFilterQuery = {
  scope: Scope,
  customerName: opt(z.string().trim().max(100)),
  orderNo: opt(z.string().trim().max(32)),
  status: opt(z.enum(ORDER_STATUSES)),
  serviceTypeCode: opt(z.string().max(64)),
  orderType: opt(z.enum(ORDER_TYPES)),
  createdFrom: opt(z.coerce.date()),
  createdTo: opt(z.coerce.date()),
};

export async function partnerOrderRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/customer/cloud/orders/:id/partner-pay-request',
    {
      config: { access: CUSTOMER },
      schema: {
        tags,
        summary: '请他付款 (13.6): ask the associated partner to pay a 待支付 order (SMS + e-mail to the partner)',
        params: z.object({ id: Id }).strict(),
        body: z.object({}).strict(),
        response: { 200: z.object({ order: OrderView }) },
      },
    },
    async (req) => ({ order: orderView(await po.requestPartnerPay(req.ctx, req.params.id)) }),
  );

  app.get(
    '/api/cloud/partner/orders-context',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '客户订单 page context: partner type, 验证码 switch, both balances, 产品类型 options',
        response: {
          200: z.object({ partnerKind: PartnerKind, verificationRequired: z.boolean(), balances: Balances, serviceTypes: z.array(z.object({ code: z.string(), name: z.string() })) }),
        },
      },
    },
    async (req) => po.partnerOrdersContext(req.ctx),
  );

  app.get(
    '/api/cloud/partner/pending-orders',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '待付订单 (reseller: 订单支付 > 待支付): open pay-on-behalf requests and the recently ended ones with their live status',
        querystring: z.object({ orderNo: opt(z.string().trim().max(32)), status: opt(z.enum(ORDER_STATUSES)), customerName: opt(z.string().trim().max(100)), ...Reveal, ...Page }).strict(),
        response: { 200: pageOf(PendingRow) },
      },
    },
    async (req) => po.listPendingOrders(req.ctx, req.query),
  );

  app.get(
    '/api/cloud/partner/pending-orders/:id',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '支付 page: the order, 支付方式, balances, 预估返点金额 (仅供参考), whether a code is asked',
        params: z.object({ id: Id }).strict(),
        response: {
          200: z.object({
            order: PendingRow.omit({ requestedAt: true, canPay: true, canReject: true }),
            partnerKind: PartnerKind,
            methods: z.array(z.object({ method: z.enum(po.PAY_METHODS), enabled: z.boolean(), reason: z.string().nullable(), note: z.string().nullable() })),
            balances: Balances,
            estimatedRebate: Amount.nullable(),
            rebateRate: z.string().nullable(),
            rebateNote: z.string(),
            verificationRequired: z.boolean(),
          }),
        },
      },
    },
    async (req) => po.pendingOrderPayPage(req.ctx, req.params.id),
  );

  app.post(
    '/api/cloud/partner/pending-orders/:id/pay',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '确认付款 (余额支付; §19.8 code when the switch is on); idempotent per requestId and per order',
        params: z.object({ id: Id }).strict(),
        body: z.object({ method: z.string().max(16), requestId: z.string().max(64), code: opt(z.string().max(16)) }).strict(),
        response: { 200: z.object({ order: OrderView, replayed: z.boolean() }) },
      },
    },
    async (req) => {
      const r = await po.payPendingOrder(req.ctx, req.params.id, req.body);
      return { order: orderView(r.order), replayed: r.replayed };
    },
  );

  app.post(
    '/api/cloud/partner/pending-orders/reject',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '驳回 / 批量驳回 (1–50 orders, 驳回原因 required); all or nothing',
        body: z.object({ ids: z.array(Id).max(po.REJECT_BATCH_MAX), reason: z.string().max(2000) }).strict(),
        response: { 200: z.object({ rejected: z.number().int(), message: z.string() }) },
      },
    },
    async (req) => po.rejectPendingOrders(req.ctx, req.body),
  );

  app.get(
    '/api/cloud/partner/orders',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '我的客户订单 / 云经销商的客户订单 (default last 6 months; a range ≤ 1 year)',
        querystring: z.object({ ...OrderFilterQuery, ...Reveal, ...Page }).strict(),
        response: { 200: pageOf(OrderRow).extend({ from: z.string(), to: z.string() }) },
      },
    },
    async (req) => po.listPartnerOrders(req.ctx, req.query),
  );

  app.get(
    '/api/cloud/partner/orders/:id',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '详情: the order, its lines, payments and history',
        params: z.object({ id: Id }).strict(),
        querystring: z.object({ ...Reveal }).strict(),
        response: {
          200: z.object({
            order: OrderRow,
            lines: z.array(
              z.object({
                id: z.string(),
                lineNo: z.string(),
                productName: z.string(),
                productSpec: z.string().nullable(),
                regionCode: z.string(),
                quantity: z.number().int(),
                size: z.number().int().nullable(),
                periodType: z.string().nullable(),
                periodNum: z.number().int().nullable(),
                resourceId: z.string().nullable(),
                resourceName: z.string().nullable(),
                officialAmount: Amount,
                discountAmount: Amount,
                amount: Amount,
                effectiveAt: z.string().nullable(),
                expiresAt: z.string().nullable(),
              }),
            ),
            payments: z.array(z.object({ id: z.string(), kind: z.string(), method: z.string(), payerKind: z.string(), amount: Amount, createdAt: z.string() })),
            events: z.array(z.object({ id: z.number().int(), fromStatus: z.string().nullable(), toStatus: z.string(), action: z.string(), actorKind: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
          }),
        },
      },
    },
    async (req) => po.getPartnerOrder(req.ctx, req.params.id, req.query.reveal),
  );

  app.get(
    '/api/cloud/partner/orders/:id/price-adjustments',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '调价记录: the discounts applied to the order’s lines, and a 变更 order’s change of specification',
        params: z.object({ id: Id }).strict(),
        response: {
          200: z.object({
            orderNo: z.string(),
            items: z.array(
              z.object({
                lineNo: z.string(),
                productName: z.string(),
                adjustType: z.string(),
                officialAmount: Amount,
                amount: Amount,
                adjustAmount: Amount,
                rate: z.string().nullable(),
                adjustedAt: z.string(),
                operator: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => po.priceAdjustments(req.ctx, req.params.id),
  );

  app.get(
    '/api/cloud/partner/order-lines',
    {
      config: { access: ORDERS },
      schema: {
        tags,
        summary: '订单资源明细: one row per order line; filters 订单行失效时间, 客户名称, 订单号, 产品类型, 订单类型, 订单状态',
        querystring: z
          .object({
            scope: Scope,
            expiresFrom: opt(z.coerce.date()),
            expiresTo: opt(z.coerce.date()),
            customerName: opt(z.string().trim().max(100)),
            orderNo: opt(z.string().trim().max(32)),
            serviceTypeCode: opt(z.string().max(64)),
            orderType: opt(z.enum(ORDER_TYPES)),
            status: opt(z.enum(ORDER_STATUSES)),
            ...Reveal,
            ...Page,
          })
          .strict(),
        response: { 200: pageOf(LineRow) },
      },
    },
    async (req) => po.listOrderLines(req.ctx, req.query),
  );
}
