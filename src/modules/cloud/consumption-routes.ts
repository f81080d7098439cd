import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P } from '../../platform/access/index.js';
import type { Access } from '../../platform/http.js';
import {
  DetailFilter,
  consumptionManagers,
  PerformanceQuery,
  SummaryFilter,
  partnerConsumptionDetails,
  partnerConsumptionSummary,
  peak95ProductList,
  summaryPerformance,
} from './consumption.js';

/**
 * 销售 > 客户 > 客户消费 (partner portal): 消费汇总, 业绩明细, 消费明细, 月结95峰值计费产品. Exports go through
 * `POST /api/exports` with kinds cloud.consumption.summary / .details / .by-manager. Thin: the service
 * checks access and scope again.
 */
const CONSUMPTION: Access = { actor: 'partner', permission: P.customerConsumption };
const tags = ['cloud'];
const Page = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(10) };
const Reveal = { reveal: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).optional()) };
const Amount = z.string().describe('yuan, 2 decimals');

const SummaryRow = z.object({
  customerId: z.string(),
  customerName: z.string(),
  accountName: z.string(),
  partnerName: z.string().nullable(),
  serviceTypeCode: z.string(),
  productTypeName: z.string(),
  chargingMode: z.number().int(),
  chargingModeName: z.string(),
  associationType: z.string(),
  associationTypeName: z.string(),
  amount: Amount,
  cash: Amount,
  coupon: Amount,
  debt: Amount,
  discount: Amount,
});
const SummaryView = z.object({
  month: z.string(),
  tab: z.enum(['consumption', 'refund']),
  view: z.enum(['payment', 'association']),
  closedThrough: z.string().nullable(),
  note: z.string(),
  cards: z.object({ consumption: Amount, discount: Amount, refunds: Amount }),
  breakdown: z.array(z.object({ key: z.string(), name: z.string(), amount: Amount })),
  productTypes: z.array(z.object({ serviceTypeCode: z.string(), productTypeName: z.string(), amount: Amount, discount: Amount, official: Amount })),
  items: z.array(SummaryRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  performanceLink: z.boolean(),
});
const DetailRow = z.object({
  id: z.number().int(),
  billMonth: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  accountName: z.string(),
  associationType: z.string().nullable(),
  associationTypeName: z.string(),
  partnerName: z.string().nullable(),
  managerName: z.string().nullable(),
  serviceTypeCode: z.string(),
  productTypeName: z.string(),
  productName: z.string(),
  chargingMode: z.number().int(),
  chargingModeName: z.string(),
  consumeTime: z.string(),
  consumeEnd: z.string().nullable(),
  tradeId: z.string(),
  billDetailType: z.number().int(),
  billTypeName: z.string(),
  regionCode: z.string(),
  resourceId: z.string().nullable(),
  resourceName: z.string().nullable(),
  officialAmount: Amount,
  discountAmount: Amount,
  paymentAmount: Amount,
  cashAmount: Amount,
  couponAmount: Amount,
  debtAmount: Amount,
  paymentStatus: z.enum(['已支付', '未结清']),
});
const DetailPage = z.object({ items: z.array(DetailRow), total: z.number().int(), totalCapped: z.boolean(), page: z.number().int(), pageSize: z.number().int() });

export async function consumptionRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/cloud/partner/consumption/summary',
    {
      config: { access: CONSUMPTION },
      schema: {
        tags,
        summary: '消费汇总: cards, breakdown (按支付方式 / 按关联类型) and rows of 客户消费汇总 / 客户退款汇总; days through closedThrough (R-O4); masked unless reveal=true',
        querystring: SummaryFilter.extend({ ...Page, ...Reveal }),
        response: { 200: SummaryView },
      },
    },
    async (req) => partnerConsumptionSummary(req.ctx, { ...req.query, reveal: req.query.reveal === 'true' }),
  );

  app.get(
    '/api/cloud/partner/consumption/summary/performance',
    {
      config: { access: CONSUMPTION },
      schema: {
        tags,
        summary: '业绩明细 of a 消费汇总 row: the fee records behind it, paged (not for 云经销商)',
        querystring: PerformanceQuery.extend({ ...Page, ...Reveal }),
        response: { 200: DetailPage },
      },
    },
    async (req) => summaryPerformance(req.ctx, { ...req.query, reveal: req.query.reveal === 'true' }),
  );

  app.get(
    '/api/cloud/partner/consumption/details',
    {
      config: { access: CONSUMPTION },
      schema: {
        tags,
        summary: '消费明细 of one 账期 (≤ 18 months back) with the guide’s filters; total counted up to 1,000 (totalCapped: the pager shows 1000+)',
        querystring: DetailFilter.extend({ ...Page, ...Reveal }),
        response: { 200: DetailPage },
      },
    },
    async (req) => partnerConsumptionDetails(req.ctx, { ...req.query, reveal: req.query.reveal === 'true' }),
  );

  app.get(
    '/api/cloud/partner/consumption/managers',
    {
      config: { access: CONSUMPTION },
      schema: {
        tags,
        summary: '按客户经理导出: the 客户经理 to choose from (within the data scope; at most 200, by name)',
        querystring: z.object({ name: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(64).optional()) }).strict(),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), accountName: z.string() })) }) },
      },
    },
    async (req) => consumptionManagers(req.ctx, req.query),
  );

  app.get(
    '/api/cloud/partner/consumption/peak95-products',
    {
      config: { access: CONSUMPTION },
      schema: {
        tags,
        summary: '月结95峰值计费产品: the 7 products billed by the monthly 95th percentile, with their product pages',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), abbreviation: z.string(), productUrl: z.string() })) }) },
      },
    },
    async (req) => peak95ProductList(req.ctx),
  );
}
