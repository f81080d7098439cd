import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P, STAFF_ROLES } from '../../../platform/access/index.js';
import type { Access } from '../../../platform/http.js';
import * as adj from './adjustments.js';
import * as budget from './budget.js';
import * as alerts from './alerts.js';
import * as auth from './authorizations.js';
import * as managers from './managers.js';
import { knowledge, KNOWLEDGE_TABS, customerResources, RESOURCE_TABS } from './knowledge.js';
import { ALERT_CATEGORIES, ALERT_STATUSES, AUTHORIZATION_SCOPES, AUTHORIZATION_STATUSES, SCENARIOS, ADJUSTMENT_KINDS } from './schema.js';
import './hooks.js'; // registers this folder's association hooks and list columns

/**
 * 销售 > 客户: 调账 (拨款 / 回收 / 调账记录), 伙伴预算提醒, 客户预警, 客户授权 and 代客操作, 分配客户经理 /
 * 客户分配, 知识推荐, 查看资源; the customer portal's 调账记录 / 充值 / 授权管理; the ops console's
 * alerts and adjustment records. Thin: parse, call the service (which checks access again).
 */

const CUSTOMERS: Access = { actor: 'partner', permission: P.customers };
const ASSIGNMENT: Access = { actor: 'partner', permission: P.customerAssignment };
const ALERTS: Access = { actor: 'partner', permission: P.customerAlerts };
const ADMIN: Access = { actor: 'partner', admin: true };
const CUSTOMER: Access = { actor: 'account' };
const OPS_ALERTS: Access = { actor: 'staff', roles: [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager, STAFF_ROLES.operations] };
const OPS_READ: Access = { actor: 'staff', roles: [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager, STAFF_ROLES.operations, STAFF_ROLES.finance, STAFF_ROLES.reviewer] };

const tags = ['customers'];
const blank = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());
const Page = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(10) };
const Reveal = { reveal: opt(z.enum(['true', 'false'])) };
const revealed = (q: { reveal?: 'true' | 'false' }) => q.reveal === 'true';
const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const Id = z.uuid();
const Amount = z.string().trim().regex(adj.AMOUNT_RE, '请输入大于0且最多两位小数的金额 / an amount with at most 2 decimals');
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号为8-64位字母、数字、_或- / 8–64 letters, digits, _ or -');
const Code = z.string().trim().max(12).nullable().optional();
const Scenario = z.enum(SCENARIOS);
const CustomerIds = z.array(Id).min(1).max(100);

const AdjustmentView = z.object({
  id: z.string(),
  serialNo: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  accountName: z.string(),
  kind: z.enum(ADJUSTMENT_KINDS),
  kindName: z.string(),
  scenario: Scenario,
  scenarioName: z.string(),
  amount: z.string(),
  remark: z.string().nullable(),
  operatorName: z.string().nullable(),
  createdAt: z.string(),
  postingId: z.string(),
});
const AdjustResult = z.object({
  replayed: z.boolean(),
  records: z.array(AdjustmentView),
  allocatable: z.string(),
  customers: z.array(z.object({ customerId: z.string(), balance: z.string() })),
});
const ScenarioBalance = z.object({ scenario: Scenario, scenarioName: z.string(), balance: z.string(), effectiveAt: z.string().nullable(), expiresAt: z.null() });
const AlertView = z.object({
  id: z.string(),
  scenarioName: z.string(),
  category: z.enum(ALERT_CATEGORIES),
  categoryName: z.string(),
  title: z.string(),
  content: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  accountName: z.string(),
  sentAt: z.string(),
  accountManagerName: z.string().nullable(),
  status: z.enum(ALERT_STATUSES),
  statusName: z.string(),
  canHandle: z.boolean(),
  handling: z
    .object({
      churned: z.boolean().nullable(),
      churnedName: z.string().nullable(),
      reason: z.string().nullable(),
      reasonName: z.string().nullable(),
      note: z.string().nullable(),
      handledAt: z.string().nullable(),
      handledByName: z.string().nullable(),
    })
    .nullable(),
});
const AuthorizationView = z.object({
  id: z.string(),
  customerId: z.string(),
  status: z.enum(AUTHORIZATION_STATUSES),
  statusName: z.string(),
  scopes: z.array(z.string()),
  requestedAt: z.string(),
  requestedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
/** A row of 查看资源 (包周期: 名称/ID … 订单号; 按需: 名称/ID, 标签 … 支付账号), filled by the cloud module. */
const ResourceRow = z.object({
  id: z.string(),
  name: z.string(),
  tag: z.string().nullable(),
  productType: z.string(),
  spec: z.string(),
  region: z.string().nullable(),
  status: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  expiryHandling: z.string().nullable(),
  orderNo: z.string().nullable(),
  payingAccount: z.string().nullable(),
});
const CustomerRow = z.object({ customerId: z.string(), customerName: z.string(), accountName: z.string(), mobile: z.string() });

export async function customerFundsRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  /* ---------------------------------------------------------------- 调账 (ops 15–17) */

  app.get(
    '/api/customers/funds/allocatable',
    { config: { access: CUSTOMERS }, schema: { tags, summary: '可拨款账户余额', response: { 200: z.object({ allocatable: z.string() }) } } },
    async (req) => adj.allocatableBalance(req.ctx),
  );

  app.get(
    '/api/customers/funds/customers/:customerId',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '拨款 / 回收 dialog: 现金账户余额 by 使用场景, 可拨款额度, what the partner type allows',
        params: z.object({ customerId: Id }).strict(),
        response: {
          200: z.object({
            customerId: z.string(),
            customerName: z.string(),
            accountName: z.string(),
            associationType: z.string(),
            adjustable: z.boolean(),
            cashBalance: z.string(),
            scenarios: z.array(ScenarioBalance),
            allocatable: z.string(),
            allowedScenarios: z.array(Scenario),
            remarkAllowed: z.boolean(),
            verificationRequired: z.boolean(),
          }),
        },
      },
    },
    async (req) => adj.adjustmentContext(req.ctx, req.params.customerId),
  );

  app.post(
    '/api/customers/funds/allocations',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '拨款: allocate to one 代售 customer (code when 验证码验证 is on); requestId makes it idempotent',
        body: z.object({ customerId: Id, scenario: Scenario.default('ordinary'), amount: Amount, remark: z.string().max(2048).nullable().optional(), requestId: RequestId, code: Code }).strict(),
        response: { 201: AdjustResult, 200: AdjustResult },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await adj.allocate(req.ctx, { items: [{ customerId: b.customerId, amount: b.amount }], scenario: b.scenario, remark: b.remark, requestId: b.requestId, code: b.code });
      return reply.code(r.replayed ? 200 : 201).send(r);
    },
  );

  app.post(
    '/api/customers/funds/allocations/batch',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '批量拨款: one amount per customer, all or nothing',
        body: z
          .object({
            items: z.array(z.object({ customerId: Id, amount: Amount }).strict()).min(1).max(adj.BATCH_MAX),
            scenario: Scenario.default('ordinary'),
            remark: z.string().max(2048).nullable().optional(),
            requestId: RequestId,
            code: Code,
          })
          .strict(),
        response: { 201: AdjustResult, 200: AdjustResult },
      },
    },
    async (req, reply) => {
      const r = await adj.allocate(req.ctx, req.body);
      return reply.code(r.replayed ? 200 : 201).send(r);
    },
  );

  const RecallLines = z.array(z.object({ scenario: Scenario, amount: Amount }).strict()).min(1).max(SCENARIOS.length);

  app.post(
    '/api/customers/funds/recalls',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '回收: tick sub-balances (使用场景) and amounts; back to the 可拨款账户',
        body: z.object({ customerId: Id, lines: RecallLines, requestId: RequestId, code: Code }).strict(),
        response: { 201: AdjustResult, 200: AdjustResult },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await adj.recall(req.ctx, { items: [{ customerId: b.customerId, lines: b.lines }], requestId: b.requestId, code: b.code });
      return reply.code(r.replayed ? 200 : 201).send(r);
    },
  );

  app.post(
    '/api/customers/funds/recalls/batch',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '批量回收: 代售 customers with 可用额度 > 0 only',
        body: z.object({ items: z.array(z.object({ customerId: Id, lines: RecallLines }).strict()).min(1).max(adj.BATCH_MAX), requestId: RequestId, code: Code }).strict(),
        response: { 201: AdjustResult, 200: AdjustResult },
      },
    },
    async (req, reply) => {
      const r = await adj.recall(req.ctx, { ...req.body, batch: true });
      return reply.code(r.replayed ? 200 : 201).send(r);
    },
  );

  const AdjustmentQuery = z
    .object({
      tab: opt(z.enum(['mine', 'resellers'])), // 总经销商: 我的客户 | 云经销商的客户
      serialNo: opt(z.string().trim().max(40)),
      customer: opt(z.string().trim().max(64)),
      customerId: opt(Id),
      kind: opt(z.enum(ADJUSTMENT_KINDS)),
      scenario: opt(Scenario),
      from: opt(z.iso.datetime({ offset: true })),
      to: opt(z.iso.datetime({ offset: true })),
      ...Page,
      ...Reveal,
    })
    .strict();

  app.get(
    '/api/customers/funds/adjustments',
    { config: { access: CUSTOMERS }, schema: { tags, summary: '调账记录 (masked unless reveal=true); export kind customers.adjustments', querystring: AdjustmentQuery, response: { 200: pageOf(AdjustmentView.extend({ resellerName: z.string().nullable() })) } } },
    async (req) => adj.listAdjustments(req.ctx, { ...req.query, reveal: revealed(req.query) }),
  );

  app.get(
    '/api/customers/funds/adjustments/:id',
    {
      config: { access: CUSTOMERS },
      schema: { tags, summary: '调账记录 详情', params: z.object({ id: Id }).strict(), querystring: z.object(Reveal).strict(), response: { 200: AdjustmentView.extend({ lines: z.array(AdjustmentView) }) } },
    },
    async (req) => adj.getAdjustment(req.ctx, req.params.id, revealed(req.query)),
  );

  /* ---------------------------------------------------------------- 伙伴预算提醒 (op 18) */

  const Recipient = z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), mobile: z.string().nullable(), createdAt: z.string() });
  app.get(
    '/api/customers/budget-recipients',
    { config: { access: CUSTOMERS }, schema: { tags, summary: '伙伴预算提醒接收人', response: { 200: z.object({ items: z.array(Recipient), limit: z.number().int(), thresholds: z.array(z.number().int()) }) } } },
    async (req) => budget.listRecipients(req.ctx),
  );
  app.post(
    '/api/customers/budget-recipients',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: '添加接收人 (姓名 / 邮箱 / 手机)',
        body: z.object({ name: z.string().max(128), email: z.string().max(256).nullable().optional(), mobile: z.string().max(32).nullable().optional() }).strict(),
        response: { 201: Recipient },
      },
    },
    async (req, reply) => reply.code(201).send(await budget.addRecipient(req.ctx, req.body)),
  );
  app.delete(
    '/api/customers/budget-recipients/:id',
    { config: { access: ADMIN }, schema: { tags, summary: '删除接收人', params: z.object({ id: Id }).strict(), response: { 204: z.null() } } },
    async (req, reply) => {
      await budget.deleteRecipient(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/customers/budget-alerts',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: 'Budget alerts sent (75 / 90 / 100 %)',
        querystring: z.object(Page).strict(),
        response: { 200: pageOf(z.object({ customerId: z.string(), threshold: z.number().int(), budget: z.string(), used: z.string(), alertedAt: z.string() })) },
      },
    },
    async (req) => budget.listBudgetAlerts(req.ctx, req.query),
  );

  /* ---------------------------------------------------------------- 客户预警 (op 34) */

  app.get(
    '/api/customers/alerts',
    {
      config: { access: ALERTS },
      schema: {
        tags,
        summary: '客户预警: tab=handle (处理预警, mine as sole owner) | view (查看预警, all)',
        querystring: z
          .object({
            tab: opt(z.enum(['handle', 'view'])),
            status: opt(z.enum(ALERT_STATUSES)),
            category: opt(z.enum(ALERT_CATEGORIES)),
            customer: opt(z.string().trim().max(64)),
            manager: opt(z.string().trim().max(64)),
            customerId: opt(Id),
            ...Page,
            ...Reveal,
          })
          .strict(),
        response: { 200: pageOf(AlertView) },
      },
    },
    async (req) => alerts.listAlerts(req.ctx, { ...req.query, reveal: revealed(req.query) }),
  );
  app.get(
    '/api/customers/alerts/:id',
    { config: { access: ALERTS }, schema: { tags, summary: '预警详情', params: z.object({ id: Id }).strict(), querystring: z.object(Reveal).strict(), response: { 200: AlertView } } },
    async (req) => alerts.getAlert(req.ctx, req.params.id, revealed(req.query)),
  );
  app.post(
    '/api/customers/alerts/:id/handle',
    {
      config: { access: ALERTS },
      schema: {
        tags,
        summary: '处理: 客户是否流失 + 流失原因 / 未流失反馈, or 处理结果 (sole owner only)',
        params: z.object({ id: Id }).strict(),
        body: z.object({ churned: z.boolean().nullable().optional(), reason: z.string().max(64), note: z.string().max(2000).nullable().optional() }).strict(),
        response: { 200: AlertView },
      },
    },
    async (req) => alerts.handleAlert(req.ctx, req.params.id, req.body),
  );

  /* ---------------------------------------------------------------- 客户授权, 代客操作 (ops 23–24) */

  app.get(
    '/api/customers/authorizations/agreement',
    {
      config: { access: CUSTOMERS },
      schema: { tags, summary: '《合作伙伴代客操作协议》: accepted on the first request', response: { 200: z.object({ title: z.string(), version: z.string(), accepted: z.boolean(), acceptedAt: z.string().nullable() }) } },
    },
    async (req) => auth.agencyAgreementStatus(req.ctx),
  );
  app.get(
    '/api/customers/authorizations',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: 'The partner’s authorization requests',
        querystring: z.object({ customerId: opt(Id), status: opt(z.enum(AUTHORIZATION_STATUSES)), ...Page, ...Reveal }).strict(),
        response: { 200: pageOf(AuthorizationView.extend({ customerName: z.string(), accountName: z.string() })) },
      },
    },
    async (req) => auth.listPartnerAuthorizations(req.ctx, { ...req.query, reveal: revealed(req.query) }),
  );
  app.post(
    '/api/customers/authorizations',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '申请客户授权 (代售 customers; acceptAgreement on the first request)',
        body: z.object({ customerId: Id, acceptAgreement: z.boolean().optional() }).strict(),
        response: { 201: AuthorizationView.extend({ message: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await auth.requestAuthorization(req.ctx, req.body.customerId, req.body)),
  );
  app.post(
    '/api/customers/on-behalf',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '代客下单 (order) / 代客运维 (operate): needs the customer’s authorization',
        body: z.object({ customerId: Id, mode: z.enum(AUTHORIZATION_SCOPES) }).strict(),
        response: { 200: z.object({ customerId: z.string(), mode: z.enum(AUTHORIZATION_SCOPES), allowed: z.boolean(), entry: z.string() }) },
      },
    },
    async (req) => auth.startOnBehalf(req.ctx, req.body.customerId, req.body.mode),
  );

  /* ---------------------------------------------------------------- 分配客户经理 / 客户分配 (ops 25, 27) */

  app.get(
    '/api/customers/assignment/managers',
    {
      config: { access: ASSIGNMENT },
      schema: {
        tags,
        summary: '客户分配: managers with 已分配客户',
        querystring: z.object({ name: opt(z.string().trim().max(64)), ...Page, ...Reveal }).strict(),
        response: { 200: pageOf(z.object({ id: z.string(), name: z.string(), accountName: z.string(), mobile: z.string(), email: z.string(), status: z.string(), assignedCustomers: z.number().int() })) },
      },
    },
    async (req) => managers.listManagers(req.ctx, { ...req.query, reveal: revealed(req.query) }),
  );
  app.get(
    '/api/customers/assignment/candidates',
    {
      config: { access: ASSIGNMENT },
      schema: {
        tags,
        summary: '选择客户: the partner’s customers (assigned ones marked; unassignedOnly = 只显示未分配客户)',
        querystring: z.object({ unassignedOnly: opt(z.enum(['true', 'false'])), customer: opt(z.string().trim().max(64)), ...Page, ...Reveal }).strict(),
        response: { 200: pageOf(CustomerRow.extend({ associationType: z.string(), accountManagerId: z.string().nullable(), assigned: z.boolean() })) },
      },
    },
    async (req) => managers.assignmentCandidates(req.ctx, { ...req.query, unassignedOnly: req.query.unassignedOnly === 'true', reveal: revealed(req.query) }),
  );
  app.get(
    '/api/customers/assignment/managers/:memberId/customers',
    {
      config: { access: ASSIGNMENT },
      schema: {
        tags,
        summary: '查看客户列表',
        params: z.object({ memberId: Id }).strict(),
        querystring: z.object({ ...Page, ...Reveal }).strict(),
        response: {
          200: pageOf(CustomerRow.extend({ associationType: z.string(), associatedAt: z.string(), assignedAt: z.string().nullable(), countsFrom: z.string().nullable() })).extend({
            manager: z.object({ id: z.string(), name: z.string(), accountName: z.string() }),
          }),
        },
      },
    },
    async (req) => managers.managerCustomers(req.ctx, req.params.memberId, { ...req.query, reveal: revealed(req.query) }),
  );
  const AssignResult = z.object({ assigned: z.number().int(), managerId: z.string(), message: z.string() });
  app.post(
    '/api/customers/assignment/managers/:memberId/customers',
    {
      config: { access: ASSIGNMENT },
      schema: { tags, summary: '分配客户 (already-assigned customers cannot be picked) → 分配客户成功！', params: z.object({ memberId: Id }).strict(), body: z.object({ customerIds: CustomerIds }).strict(), response: { 200: AssignResult } },
    },
    async (req) => managers.allocateToManager(req.ctx, req.params.memberId, req.body.customerIds),
  );
  app.post(
    '/api/customers/assignment/managers/:memberId/take-back',
    {
      config: { access: ASSIGNMENT },
      schema: { tags, summary: '收回客户 / 批量回收客户', params: z.object({ memberId: Id }).strict(), body: z.object({ customerIds: CustomerIds }).strict(), response: { 200: z.object({ takenBack: z.number().int() }) } },
    },
    async (req) => managers.takeBackCustomers(req.ctx, req.params.memberId, req.body.customerIds),
  );
  app.post(
    '/api/customers/assignment',
    {
      config: { access: ASSIGNMENT },
      schema: { tags, summary: '分配客户经理 / 批量分配客户经理 (reassigning moves only new spend)', body: z.object({ customerIds: CustomerIds, memberId: Id }).strict(), response: { 200: AssignResult } },
    },
    async (req) => managers.assignCustomers(req.ctx, req.body),
  );
  app.get(
    '/api/customers/assignment/history/:customerId',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '历史客户经理 (with the dates spend counts from)',
        params: z.object({ customerId: Id }).strict(),
        querystring: z.object(Reveal).strict(),
        response: {
          200: z.object({
            currentManagerId: z.string().nullable(),
            items: z.array(z.object({ memberId: z.string(), name: z.string().nullable(), accountName: z.string().nullable(), source: z.string(), assignedAt: z.string(), countsFrom: z.string(), endedAt: z.string().nullable(), current: z.boolean() })),
          }),
        },
      },
    },
    async (req) => managers.managerHistory(req.ctx, req.params.customerId, { reveal: revealed(req.query) }),
  );

  /* ---------------------------------------------------------------- 知识推荐 (op 26), 查看资源 (op 22) */

  app.get(
    '/api/customers/knowledge',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '知识推荐: tabs 产品 / 行业案例 / 解决方案',
        querystring: z.object({ tab: opt(z.enum(KNOWLEDGE_TABS)), page: Page.page, pageSize: z.coerce.number().int().min(1).max(50).default(10) }).strict(),
        response: { 200: pageOf(z.object({ id: z.string(), title: z.string(), summary: z.string(), url: z.string() })).extend({ tab: z.enum(KNOWLEDGE_TABS) }) },
      },
    },
    async (req) => knowledge(req.ctx, req.query),
  );
  app.get(
    '/api/customers/resources/:customerId',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '查看资源: tabs 包周期 (prepaid) / 按需 (on-demand, opened within from…to, default the last month); 名称/ID keyword; 10 per page',
        params: z.object({ customerId: Id }).strict(),
        querystring: z.object({ tab: opt(z.enum(RESOURCE_TABS)), from: opt(z.iso.datetime({ offset: true })), to: opt(z.iso.datetime({ offset: true })), keyword: opt(z.string().trim().max(100)), ...Page }).strict(),
        response: {
          200: pageOf(ResourceRow).extend({
            tab: z.enum(RESOURCE_TABS),
            columns: z.array(z.string()),
            range: z.object({ from: z.string(), to: z.string() }).nullable(),
            note: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => customerResources(req.ctx, req.params.customerId, req.query),
  );

  /* ---------------------------------------------------------------- the customer portal (ch. 13) */

  app.get(
    '/api/customer/funds/balance',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: 'My balances: own cash (顾问销售) and the partner’s allocations (代售)',
        response: {
          200: z.object({
            associationType: z.string().nullable(),
            ownCashBalance: z.string(),
            partnerFunds: z.object({ partnerId: z.string(), partnerName: z.string(), balance: z.string(), scenarios: z.array(ScenarioBalance) }).nullable(),
            canTopUp: z.boolean(),
          }),
        },
      },
    },
    async (req) => adj.myBalance(req.ctx),
  );
  app.get(
    '/api/customer/funds/adjustments',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '费用中心 > 总览 > 调账记录',
        querystring: z.object(Page).strict(),
        response: {
          200: pageOf(
            z.object({ id: z.string(), serialNo: z.string(), partnerName: z.string(), kind: z.enum(ADJUSTMENT_KINDS), kindName: z.string(), scenario: Scenario, scenarioName: z.string(), amount: z.string(), remark: z.string().nullable(), createdAt: z.string() }),
          ),
        },
      },
    },
    async (req) => adj.myAdjustments(req.ctx, req.query),
  );
  const TopUpLine = z.object({ postingId: z.string(), kind: z.string(), memo: z.string().nullable(), amount: z.string(), balanceAfter: z.string(), createdAt: z.string() });
  app.get(
    '/api/customer/funds/top-ups',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: 'My own account’s movements (top-ups)', querystring: z.object(Page).strict(), response: { 200: pageOf(TopUpLine) } } },
    async (req) => adj.myTopUps(req.ctx, req.query),
  );
  app.post(
    '/api/customer/funds/top-ups',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '充值 (顾问销售 / unassociated; the payment is simulated). 代售 customers pay their partner offline.',
        body: z.object({ amount: Amount, requestId: RequestId }).strict(),
        response: { 201: z.object({ replayed: z.boolean(), postingId: z.string(), amount: z.string(), balance: z.string(), toppedUpAt: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await adj.topUp(req.ctx, req.body)),
  );

  const MyAuthorization = z.object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    status: z.enum(AUTHORIZATION_STATUSES),
    statusName: z.string(),
    scopes: z.array(z.string()),
    requestedAt: z.string(),
    decidedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
    canDecide: z.boolean(),
    canRevoke: z.boolean(),
  });
  app.get(
    '/api/customer/authorizations',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '账号中心 > 我的合作伙伴 > 授权管理',
        querystring: z.object(Page).strict(),
        response: { 200: pageOf(MyAuthorization).extend({ letter: z.object({ title: z.string(), version: z.string() }) }) },
      },
    },
    async (req) => auth.myAuthorizations(req.ctx, req.query),
  );
  app.post(
    '/api/customer/authorizations/:id/grant',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '处理授权 → 《华为云用户授权书》 → 同意 (code)',
        params: z.object({ id: Id }).strict(),
        body: z.object({ acceptLetter: z.boolean(), code: Code }).strict(),
        response: { 200: AuthorizationView },
      },
    },
    async (req) => auth.grantAuthorization(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/customer/authorizations/:id/refuse',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: '拒绝授权申请', params: z.object({ id: Id }).strict(), body: z.object({}).strict(), response: { 200: AuthorizationView } } },
    async (req) => auth.refuseAuthorization(req.ctx, req.params.id),
  );
  app.post(
    '/api/customer/authorizations/:id/revoke',
    {
      config: { access: CUSTOMER },
      schema: { tags: ['customer'], summary: '取消授权 (取消原因 + code)', params: z.object({ id: Id }).strict(), body: z.object({ reason: z.string().max(1000), code: Code }).strict(), response: { 200: AuthorizationView } },
    },
    async (req) => auth.revokeAuthorization(req.ctx, req.params.id, req.body),
  );

  /* ---------------------------------------------------------------- the ops console */

  app.get(
    '/api/ops/customer-adjustments',
    {
      config: { access: OPS_READ },
      schema: {
        tags: ['ops'],
        summary: 'Any partner’s 调账记录',
        querystring: z
          .object({ partnerId: opt(Id), customerId: opt(Id), kind: opt(z.enum(ADJUSTMENT_KINDS)), serialNo: opt(z.string().trim().max(40)), customer: opt(z.string().trim().max(64)), ...Page })
          .strict(),
        response: { 200: pageOf(AdjustmentView.extend({ partnerId: z.string(), partnerName: z.string() })) },
      },
    },
    async (req) => adj.opsListAdjustments(req.ctx, req.query),
  );
  app.get(
    '/api/ops/customer-alerts',
    {
      config: { access: OPS_READ },
      schema: {
        tags: ['ops'],
        summary: 'Customer alerts of every partner',
        querystring: z.object({ partnerId: opt(Id), customerId: opt(Id), status: opt(z.enum(ALERT_STATUSES)), ...Page }).strict(),
        response: { 200: pageOf(AlertView.extend({ partnerId: z.string(), partnerName: z.string() })) },
      },
    },
    async (req) => alerts.opsListAlerts(req.ctx, req.query),
  );
  app.post(
    '/api/ops/customer-alerts',
    {
      config: { access: OPS_ALERTS },
      schema: {
        tags: ['ops'],
        summary: 'Raise a 客户预警 (流失预警 / 资源预警) on an associated customer',
        body: z.object({ customerId: Id, category: z.enum(ALERT_CATEGORIES), scenarioName: z.string().max(256), title: z.string().max(512), content: z.string().max(4000).nullable().optional() }).strict(),
        response: { 201: AlertView.extend({ partnerId: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await alerts.raiseAlert(req.ctx, req.body)),
  );
}
