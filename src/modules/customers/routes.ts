import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P } from '../../platform/access/index.js';
import type { Access } from '../../platform/http.js';
import { contentDisposition } from '../../platform/files/index.js';
import { CUSTOMER_EVENTS, EVENT_LEVELS, listCustomerEvents } from './audit-events.js';
import { associateByInvitation } from './associate.js';
import { customerEncyclopedia, getCompany, searchCompanies } from './encyclopedia.js';
import {
  CreateLinkInput,
  createLink,
  currentActivities,
  genericLinks,
  invitationInfo,
  inviteReports,
  linkQrPng,
  listLinks,
  listRecords,
  previewInvitationEmail,
  resendInvitations,
  revealRecord,
} from './invitations.js';
import { listSignatures, signNotice } from './notice.js';
import { associationHistory, createActivity, listActivities, OPS_ROLES } from './ops.js';
import {
  approveCustomerUnbind,
  cancelRequest,
  customerAccept,
  customerEvents,
  customerRefuse,
  customerRequestUnbind,
  customerUnbindCheck,
  getEvent,
  listEvents,
  rejectCustomerUnbind,
  relationshipCheck,
  requestChange,
} from './relationship.js';
import { applyManualReport, deleteReports, listReports, reportCustomer, revealReport, setReportEmail } from './reports.js';
import { sendCustomerCode, sendPartnerCode } from './sensitive.js';
import { CustomerListQuery, getCustomer, listCustomers, myPartners, revealCustomer } from './service.js';
import { ASSOCIATION_TYPE_DESCRIPTIONS, ASSOCIATION_TYPE_NAMES, ASSOCIATION_TYPES, EVENT_STATUSES, EVENT_TYPES, RECORD_STATUSES, REPORT_STATUSES, pick } from './names.js';

/**
 * /api routes of 销售 > 拓新 > 客户拓展 (reports, invitations, links, records, encyclopedia),
 * 销售 > 客户 > 客户管理 (customers, relationship requests, events), the customer portal's
 * 我的合作伙伴 side, and the operations console's look-ups. Thin: parse, call the service.
 */
const EXPANSION: Access = { actor: 'partner', permission: P.expansion };
const CUSTOMERS: Access = { actor: 'partner', permission: P.customers };
const ADMIN: Access = { actor: 'partner', permission: P.customers, admin: true }; // 只有伙伴管理员
const CUSTOMER: Access = { actor: 'account' };
const OPS: Access = { actor: 'staff', roles: OPS_ROLES };

const Text = z.object({ zh: z.string(), en: z.string() });
const Type = z.enum(['consulting', 'resale']);
const IdParams = z.object({ id: z.uuid() }).strict();
const CustomerParams = z.object({ customerId: z.uuid() }).strict();
const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
};
const pageOf = <T extends z.ZodTypeAny>(item: T, extra: z.ZodRawShape = {}) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), ...extra });
const Code = z.string().max(12);
const Message = z.object({ message: Text });

const ReportView = z.object({
  id: z.uuid(),
  fullName: z.string(),
  mobile: z.string(),
  email: z.string().nullable(),
  hasEmail: z.boolean(),
  sendInvite: z.boolean(),
  associationType: z.string().nullable(),
  associationTypeName: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  statusName: z.string(),
  invalidReason: z.string().nullable(),
  manualReasons: z.array(z.string()),
  reviewId: z.uuid().nullable(),
  reviewDueAt: z.string().nullable(),
  reportedByName: z.string().nullable(),
  reportedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  associatedAt: z.string().nullable(),
  createdAt: z.string(),
  deletable: z.boolean(),
});
const ReportBody = {
  fullName: z.string().max(200),
  mobile: z.string().max(32),
  email: z.string().max(128).nullable().optional(),
  sendInvite: z.boolean(),
  associationType: Type.nullable().optional(),
  accountName: z.string().max(64).nullable().optional(),
};
const LinkView = z.object({
  id: z.uuid(),
  kind: z.string(),
  kindName: z.string(),
  associationType: z.string(),
  associationTypeName: z.string(),
  customType: z.string().nullable(),
  customTypeName: z.string().nullable(),
  tag: z.string().nullable(),
  accountManagerId: z.uuid().nullable(),
  activityId: z.uuid().nullable(),
  activityName: z.string().nullable(),
  remark: z.string().nullable(),
  url: z.string(),
  qrDataUrl: z.string(),
  expiresAt: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
});
const RecordView = z.object({
  id: z.uuid(),
  channel: z.string(),
  channelName: z.string(),
  fullName: z.string().nullable(),
  customerName: z.string().nullable(),
  accountName: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  associationType: z.string(),
  associationTypeName: z.string(),
  tag: z.string().nullable(),
  remark: z.string().nullable(),
  status: z.enum(RECORD_STATUSES),
  statusName: z.string(),
  failureCode: z.string().nullable(),
  failureReason: z.string().nullable(),
  failureHint: z.string().nullable(),
  invitedAt: z.string(),
  expiresAt: z.string().nullable(),
  associatedAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
const CompanySummary = z.object({ id: z.uuid(), name: z.string(), uscc: z.string(), activityStars: z.number().int(), summary: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) });
const CompanyDetail = CompanySummary.extend({ details: z.record(z.string(), z.unknown()), disclaimer: z.string() });
const CustomerRow = z.object({
  customerId: z.uuid(),
  associationId: z.uuid(),
  customerName: z.string(),
  accountName: z.string(),
  level: z.string(),
  mobile: z.string(),
  realNameStatus: z.string(),
  associationType: z.string(),
  associationTypeName: z.string(),
  associatedAt: z.string(),
  accountManagerId: z.uuid().nullable(),
  accountManagerName: z.string().nullable(),
  customTag: z.string().nullable(),
  partnerId: z.uuid(),
  partnerName: z.string().nullable(),
  readOnly: z.boolean(),
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
const EventBrief = z.object({ id: z.uuid(), type: z.string(), typeName: z.string(), status: z.string(), statusName: z.string(), appliedAt: z.string() });
const CustomerDetail = CustomerRow.extend({
  email: z.string().nullable(),
  enterpriseVerified: z.boolean(),
  noticeVersion: z.string().nullable().optional(),
  pendingRequest: z.object({ id: z.uuid(), type: z.string(), typeName: z.string(), status: z.string(), statusName: z.string(), initiator: z.string() }).nullable(),
  recentEvents: z.array(EventBrief),
  canManageAssociation: z.boolean(),
});
const EventView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  accountName: z.string().nullable(),
  customerName: z.string().nullable(),
  mobile: z.string().nullable(),
  associationType: z.string(),
  associationTypeName: z.string(),
  toType: z.string().nullable(),
  type: z.enum(EVENT_TYPES),
  typeName: z.string(),
  reason: z.string().nullable(),
  initiator: z.string(),
  initiatorName: z.string(),
  status: z.enum(EVENT_STATUSES),
  statusName: z.string(),
  accountManagerName: z.string().nullable(),
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  preReviewReasons: z.string().nullable(),
  preReviewer: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
  actions: z.array(z.string()),
});
const CheckView = z.object({ passed: z.boolean(), items: z.array(z.object({ key: z.string(), passed: z.boolean(), text: z.string() })) });
const NoticeView = z.object({ key: z.string(), version: z.string(), title: z.string(), associationType: z.string(), points: z.array(z.string()), publishedAt: z.string() });

export async function customersRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];

  // ------------------------------------------------------------ 客户拓展 > 线上拓展 (reports)
  app.post(
    '/api/customers/reports',
    { config: { access: EXPANSION }, schema: { tags, summary: '报备客户', body: z.object(ReportBody).strict(), response: { 201: ReportView } } },
    async (req, reply) => reply.code(201).send(await reportCustomer(req.ctx, req.body)),
  );
  app.post(
    '/api/customers/reports/manual',
    {
      config: { access: EXPANSION },
      schema: {
        tags,
        summary: '继续申请报备 (manual review, ≤ 4 working days)',
        body: z
          .object({ ...ReportBody, expectedConsumption: z.string().max(2000), communication: z.string().max(2000), projectDetails: z.string().max(2000), customerAccount: z.string().max(200).nullable().optional() })
          .strict(),
        response: { 201: ReportView },
      },
    },
    async (req, reply) => reply.code(201).send(await applyManualReport(req.ctx, req.body)),
  );
  app.get(
    '/api/customers/reports',
    {
      config: { access: EXPANSION },
      schema: {
        tags,
        querystring: z.object({ fullName: z.string().max(200).optional(), mobile: z.string().max(32).optional(), email: z.string().max(128).optional(), status: z.enum(REPORT_STATUSES).optional(), ...Paging }).strict(),
        response: { 200: pageOf(ReportView, { limit: z.number().int() }) },
      },
    },
    async (req) => listReports(req.ctx, req.query),
  );
  app.get(
    '/api/customers/reports/:id/unmasked',
    { config: { access: EXPANSION }, schema: { tags, summary: 'The eye toggle (audited)', params: IdParams, response: { 200: ReportView } } },
    async (req) => revealReport(req.ctx, req.params.id),
  );
  app.patch(
    '/api/customers/reports/:id',
    { config: { access: EXPANSION }, schema: { tags, summary: '点击添加邮箱', params: IdParams, body: z.object({ email: z.string().max(128) }).strict(), response: { 200: ReportView } } },
    async (req) => setReportEmail(req.ctx, req.params.id, req.body.email),
  );
  app.post(
    '/api/customers/reports/delete',
    { config: { access: EXPANSION }, schema: { tags, summary: '删除 / 批量删除', body: z.object({ ids: z.array(z.uuid()).min(1).max(100) }).strict(), response: { 200: z.object({ deleted: z.number().int() }) } } },
    async (req) => deleteReports(req.ctx, req.body.ids),
  );
  app.post(
    '/api/customers/reports/invite',
    {
      config: { access: EXPANSION },
      schema: {
        tags,
        summary: '邀请 / 批量邀请 (e-mail, link valid 7 days)',
        body: z.object({ reportIds: z.array(z.uuid()).min(1).max(100), associationType: Type }).strict(),
        response: { 200: z.object({ items: z.array(z.object({ reportId: z.uuid(), invitationId: z.uuid(), expiresAt: z.string() })) }) },
      },
    },
    async (req) => inviteReports(req.ctx, req.body),
  );
  app.get(
    '/api/customers/invitation-email-preview',
    { config: { access: EXPANSION }, schema: { tags, summary: '预览邮件内容', querystring: z.object({ associationType: Type }).strict(), response: { 200: z.object({ subject: z.string(), body: z.string() }) } } },
    async (req) => previewInvitationEmail(req.ctx, req.query.associationType),
  );

  app.get(
    '/api/customers/trade-modes',
    {
      config: { access: { actor: 'partner' } },
      schema: { tags, summary: '交易模式 / 关联类型 (op 1)', response: { 200: z.object({ items: z.array(z.object({ key: Type, name: z.string(), description: z.string(), adjustment: z.boolean() })) }) } },
    },
    async (req) => ({
      items: ASSOCIATION_TYPES.map((key) => ({ key, name: pick(ASSOCIATION_TYPE_NAMES[key], req.ctx.lang), description: pick(ASSOCIATION_TYPE_DESCRIPTIONS[key], req.ctx.lang), adjustment: key === 'resale' })),
    }),
  );

  // ------------------------------------------------------------ 线下拓展 (links and QR codes)
  app.get(
    '/api/customers/invitation-links/generic',
    { config: { access: EXPANSION }, schema: { tags, summary: '通用邀请链接 (per user and type)', response: { 200: z.object({ items: z.array(LinkView) }) } } },
    async (req) => genericLinks(req.ctx),
  );
  app.post(
    '/api/customers/invitation-links',
    { config: { access: EXPANSION }, schema: { tags, summary: '生成邀请链接及二维码 (自定义 ≤ 100 per 24 h / 活动)', body: CreateLinkInput, response: { 201: LinkView } } },
    async (req, reply) => reply.code(201).send(await createLink(req.ctx, req.body)),
  );
  app.get(
    '/api/customers/invitation-links',
    { config: { access: EXPANSION }, schema: { tags, summary: '生成记录', querystring: z.object({ kind: z.enum(['custom', 'activity']), ...Paging }).strict(), response: { 200: pageOf(LinkView) } } },
    async (req) => listLinks(req.ctx, req.query),
  );
  app.get(
    '/api/customers/invitation-links/:id/qr',
    { config: { access: EXPANSION }, schema: { tags, summary: '二维码 点击下载 (PNG)', params: IdParams } },
    async (req, reply) => {
      const png = await linkQrPng(req.ctx, req.params.id);
      return reply.header('content-type', 'image/png').header('content-disposition', contentDisposition(`邀请二维码-${req.params.id.slice(0, 8)}.png`)).header('cache-control', 'private, no-store').send(png);
    },
  );
  app.get(
    '/api/customers/activities',
    { config: { access: EXPANSION }, schema: { tags, summary: '选择活动', response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), startsAt: z.string(), endsAt: z.string() })) }) } } },
    async (req) => currentActivities(req.ctx),
  );

  // ------------------------------------------------------------ 拓展记录
  app.get(
    '/api/customers/expansion-records',
    {
      config: { access: EXPANSION },
      schema: {
        tags,
        querystring: z
          .object({
            fullName: z.string().max(200).optional(),
            customerName: z.string().max(200).optional(),
            accountName: z.string().max(64).optional(),
            tag: z.string().max(64).optional(),
            remark: z.string().max(200).optional(),
            email: z.string().max(128).optional(),
            status: z.enum(RECORD_STATUSES).optional(),
            ...Paging,
          })
          .strict(),
        response: { 200: pageOf(RecordView) },
      },
    },
    async (req) => listRecords(req.ctx, req.query),
  );
  app.get(
    '/api/customers/expansion-records/:id/unmasked',
    { config: { access: EXPANSION }, schema: { tags, summary: 'The eye toggle (audited)', params: IdParams, response: { 200: RecordView } } },
    async (req) => revealRecord(req.ctx, req.params.id),
  );
  app.post(
    '/api/customers/expansion-records/resend',
    { config: { access: EXPANSION }, schema: { tags, summary: '重发邀请 (已失效 only)', body: z.object({ recordIds: z.array(z.uuid()).min(1).max(100) }).strict(), response: { 200: z.object({ resent: z.number().int() }) } } },
    async (req) => resendInvitations(req.ctx, req.body),
  );

  // ------------------------------------------------------------ 企业百科
  app.get(
    '/api/customers/encyclopedia',
    { config: { access: EXPANSION }, schema: { tags, querystring: z.object({ name: z.string().min(1).max(100), ...Paging }).strict(), response: { 200: pageOf(CompanySummary) } } },
    async (req) => searchCompanies(req.ctx, req.query),
  );
  app.get(
    '/api/customers/encyclopedia/detail',
    { config: { access: EXPANSION }, schema: { tags, summary: '查看更多 (public data shared by all partners)', querystring: z.object({ id: z.uuid() }).strict(), response: { 200: CompanyDetail } } },
    async (req) => getCompany(req.ctx, req.query.id),
  );

  // ------------------------------------------------------------ 客户管理
  app.get(
    '/api/customers',
    { config: { access: CUSTOMERS }, schema: { tags, summary: '客户列表 (scoped, masked)', querystring: CustomerListQuery.extend(Paging), response: { 200: pageOf(CustomerRow) } } },
    async (req) => listCustomers(req.ctx, req.query),
  );
  app.get(
    '/api/customers/:customerId',
    { config: { access: CUSTOMERS }, schema: { tags, summary: '客户详情', params: CustomerParams, response: { 200: CustomerDetail } } },
    async (req) => getCustomer(req.ctx, req.params.customerId),
  );
  app.get(
    '/api/customers/:customerId/unmasked',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: 'The eye toggle (audited)',
        params: CustomerParams,
        response: { 200: z.object({ customerId: z.uuid(), customerName: z.string(), accountName: z.string(), mobile: z.string(), email: z.string().nullable(), accountManagerName: z.string().nullable() }) },
      },
    },
    async (req) => revealCustomer(req.ctx, req.params.customerId),
  );
  app.get(
    '/api/customers/:customerId/encyclopedia',
    { config: { access: CUSTOMERS }, schema: { tags, summary: '客户详情 > 企业百科', params: CustomerParams, response: { 200: z.object({ company: CompanyDetail.nullable(), disclaimer: z.string() }) } } },
    async (req) => customerEncyclopedia(req.ctx, req.params.customerId),
  );
  app.get(
    '/api/customers/:customerId/relationship-check',
    {
      config: { access: ADMIN },
      schema: { tags, summary: '账号检查 before 解除关联 / 切换关联类型', params: CustomerParams, querystring: z.object({ action: z.enum(['unbind', 'switch']) }).strict(), response: { 200: CheckView.extend({ reasonRequired: z.boolean() }) } },
    },
    async (req) => relationshipCheck(req.ctx, req.params.customerId, req.query.action),
  );
  const RequestBody = z.object({ reason: z.string().max(500).nullable().optional(), acknowledged: z.boolean(), code: Code.nullable().optional() }).strict();
  const RequestResult = z.object({ event: EventView, message: Text });
  app.post(
    '/api/customers/:customerId/unbind',
    { config: { access: ADMIN }, schema: { tags, summary: '解除关联 (admin; code when the switch is on)', params: CustomerParams, body: RequestBody, response: { 201: RequestResult } } },
    async (req, reply) => reply.code(201).send(await requestChange(req.ctx, req.params.customerId, 'unbind', req.body)),
  );
  app.post(
    '/api/customers/:customerId/switch',
    { config: { access: ADMIN }, schema: { tags, summary: '切换关联类型 (admin; code when the switch is on)', params: CustomerParams, body: RequestBody, response: { 201: RequestResult } } },
    async (req, reply) => reply.code(201).send(await requestChange(req.ctx, req.params.customerId, 'switch', req.body)),
  );
  app.get(
    '/api/customers/association-events',
    {
      config: { access: CUSTOMERS },
      schema: {
        tags,
        summary: '关联关系操作记录',
        querystring: z
          .object({
            accountName: z.string().max(64).optional(),
            customerName: z.string().max(200).optional(),
            type: z.enum(EVENT_TYPES).optional(),
            status: z.enum(EVENT_STATUSES).optional(),
            initiator: z.enum(['partner', 'customer', 'system']).optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            ...Paging,
          })
          .strict(),
        response: { 200: pageOf(EventView, { pendingCustomerRequests: z.number().int() }) },
      },
    },
    async (req) => listEvents(req.ctx, req.query),
  );
  app.get(
    '/api/customers/association-events/:id',
    { config: { access: CUSTOMERS }, schema: { tags, params: IdParams, response: { 200: EventView } } },
    async (req) => getEvent(req.ctx, req.params.id),
  );
  app.post(
    '/api/customers/association-events/:id/approve',
    { config: { access: ADMIN }, schema: { tags, summary: '同意 a customer-initiated unbind', params: IdParams, body: z.object({ code: Code.nullable().optional() }).strict(), response: { 200: RequestResult } } },
    async (req) => approveCustomerUnbind(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/customers/association-events/:id/reject',
    {
      config: { access: ADMIN },
      schema: { tags, summary: '驳回 a customer-initiated unbind', params: IdParams, body: z.object({ reason: z.string().max(500).nullable().optional(), code: Code.nullable().optional() }).strict(), response: { 200: RequestResult } },
    },
    async (req) => rejectCustomerUnbind(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/customers/association-events/:id/cancel',
    { config: { access: ADMIN }, schema: { tags, summary: '取消 the partner’s own open request', params: IdParams, body: z.object({}).strict(), response: { 200: RequestResult } } },
    async (req) => cancelRequest(req.ctx, req.params.id),
  );
  app.post(
    '/api/customers/verification-code',
    {
      config: { access: { actor: 'partner' } },
      schema: { tags, summary: '获取验证码 for a sensitive operation (§19.8)', body: z.object({ channel: z.enum(['sms', 'email']).default('sms') }).strict(), response: { 200: z.object({ channel: z.enum(['sms', 'email']), expiresAt: z.date() }) } },
    },
    async (req) => sendPartnerCode(req.ctx, req.body.channel),
  );

  // ------------------------------------------------------------ the customer portal (账号中心 > 我的合作伙伴, 13.x)
  app.get(
    '/api/invitations/:token',
    {
      config: { access: { actor: 'public' } },
      schema: {
        tags: ['customer'],
        summary: 'The invitation page: partner, mode, notice, link state',
        params: z.object({ token: z.string().min(1).max(200) }).strict(),
        response: {
          200: z.object({
            state: z.enum(['valid', 'expired', 'used', 'not_found']),
            partnerName: z.string().nullable(),
            associationType: z.string().nullable(),
            associationTypeName: z.string().nullable(),
            associationTypeDescription: z.string().nullable(),
            kind: z.string().nullable(),
            expiresAt: z.string().nullable(),
            notice: NoticeView.nullable(),
            noticeRequiredForQr: z.boolean(),
          }),
        },
      },
    },
    async (req) => invitationInfo(req.ctx, req.params.token),
  );
  app.post(
    '/api/customer/associations',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '关联合作伙伴 by invitation link or QR code',
        body: z.object({ token: z.string().min(1).max(200), via: z.enum(['link', 'qr']).default('link'), noticeVersion: z.string().max(20).optional(), agreed: z.boolean().optional() }).strict(),
        response: { 201: z.object({ associationId: z.uuid(), partnerId: z.uuid(), partnerName: z.string(), associationType: z.string(), associationTypeName: z.string(), message: Text }) },
      },
    },
    async (req, reply) => reply.code(201).send(await associateByInvitation(req.ctx, req.body)),
  );
  app.get(
    '/api/customer/partners',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '我的合作伙伴: the associated partner, its customer contacts, requests to process, notice to sign',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                partnerId: z.string(),
                partnerName: z.string(),
                companyName: z.string(),
                associationType: z.string(),
                associationTypeName: Text,
                associatedAt: z.date(),
                contactsSource: z.enum(['contacts', 'admin']),
                contacts: z.array(z.object({ name: z.string(), position: z.string().nullable(), mobile: z.string(), email: z.string().nullable(), landline: z.string().nullable() })),
                pendingRequests: z.array(
                  z.object({
                    id: z.uuid(),
                    type: z.string(),
                    typeName: z.string(),
                    initiator: z.string(),
                    status: z.string(),
                    statusName: z.string(),
                    toType: z.string().nullable(),
                    reason: z.string().nullable(),
                    appliedAt: z.string(),
                    actionable: z.boolean(),
                    switchNotice: NoticeView.nullable(),
                    associationNotice: NoticeView.nullable(),
                  }),
                ),
                noticeToSign: NoticeView.nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => myPartners(req.ctx),
  );
  app.post(
    '/api/customer/verification-code',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: '获取短信验证码', body: z.object({}).strict(), response: { 200: z.object({ channel: z.literal('sms'), expiresAt: z.date() }) } } },
    async (req) => sendCustomerCode(req.ctx),
  );
  app.post(
    '/api/customer/association-requests/:id/accept',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '立即处理 → 同意 (unbind / 同意切换)',
        params: IdParams,
        body: z.object({ code: Code, acknowledged: z.boolean(), switchNoticeVersion: z.string().max(20).optional(), associationNoticeVersion: z.string().max(20).optional() }).strict(),
        response: { 200: RequestResult },
      },
    },
    async (req) => customerAccept(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/customer/association-requests/:id/refuse',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: '立即处理 → 拒绝', params: IdParams, body: z.object({ code: Code }).strict(), response: { 200: RequestResult } } },
    async (req) => customerRefuse(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/customer/unbind-check',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: '账号检查 before 解除关联', response: { 200: CheckView } } },
    async (req) => customerUnbindCheck(req.ctx),
  );
  app.post(
    '/api/customer/unbind',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: '更多操作 > 解除关联 (SMS code)', body: z.object({ acknowledged: z.boolean(), code: Code }).strict(), response: { 201: RequestResult } } },
    async (req, reply) => reply.code(201).send(await customerRequestUnbind(req.ctx, req.body)),
  );
  app.get(
    '/api/customer/association-events',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: '操作日志', querystring: z.object(Paging).strict(), response: { 200: pageOf(EventView.extend({ partnerName: z.string().nullable() })) } } },
    async (req) => customerEvents(req.ctx, req.query),
  );
  app.get(
    '/api/customer/agreements',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '协议管理',
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), noticeKey: z.string(), version: z.string(), associationType: z.string(), signedAt: z.string(), points: z.array(z.string()) })) }) },
      },
    },
    async (req) => listSignatures(req.ctx),
  );
  app.post(
    '/api/customer/agreements/sign',
    { config: { access: CUSTOMER }, schema: { tags: ['customer'], summary: '立即签署 the current notice', body: z.object({ version: z.string().max(20), agreed: z.boolean() }).strict(), response: { 200: z.object({ version: z.string(), message: Text }) } } },
    async (req) => signNotice(req.ctx, req.body),
  );
  app.get(
    '/api/customer/audit-events',
    {
      config: { access: CUSTOMER },
      schema: {
        tags: ['customer'],
        summary: '云审计服务 > 事件列表 (13.12, last 7 days)',
        querystring: z
          .object({
            eventName: z.enum([...new Set(CUSTOMER_EVENTS.map((e) => e.eventName))] as [string, ...string[]]).optional(),
            resourceType: z.enum([...new Set(CUSTOMER_EVENTS.map((e) => e.resourceType))] as [string, ...string[]]).optional(),
            resourceId: z.string().max(100).optional(),
            resourceName: z.string().max(200).optional(),
            user: z.string().max(100).optional(),
            level: z.enum(EVENT_LEVELS).optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            ...Paging,
          })
          .strict(),
        response: {
          200: pageOf(
            z.object({
              eventId: z.string(),
              eventName: z.string(),
              resourceType: z.string(),
              eventSource: z.string(),
              resourceId: z.string().nullable(),
              resourceName: z.string().nullable(),
              level: z.enum(EVENT_LEVELS),
              user: z.string().nullable(),
              sourceIp: z.string().nullable(),
              recordedAt: z.string(),
              occurredAt: z.string(),
              remark: z.string().nullable(),
              detail: z.record(z.string(), z.unknown()),
            }),
          ),
        },
      },
    },
    async (req) => listCustomerEvents(req.ctx, req.query),
  );

  // ------------------------------------------------------------ operations console
  app.get(
    '/api/ops/customers/association-history',
    {
      config: { access: OPS },
      schema: {
        tags: ['ops'],
        summary: "Any customer's association history (by account name, mobile or customer ID)",
        querystring: z.object({ customer: z.string().min(1).max(100) }).strict(),
        response: {
          200: z.object({
            customer: z.object({ id: z.uuid(), accountName: z.string(), name: z.string(), mobile: z.string(), email: z.string().nullable(), realNameStatus: z.string(), realNameType: z.string().nullable(), registeredAt: z.string() }),
            associations: z.array(
              z.object({ id: z.uuid(), partnerId: z.uuid(), partnerName: z.string().nullable(), associationType: z.string(), associationTypeName: z.string(), status: z.string(), accountManagerId: z.uuid().nullable(), customTag: z.string().nullable(), noticeVersion: z.string().nullable(), associatedAt: z.string(), endedAt: z.string().nullable() }),
            ),
            events: z.array(
              z.object({
                id: z.uuid(), partnerId: z.uuid(), partnerName: z.string().nullable(), type: z.string(), typeName: z.string(), initiator: z.string(), initiatorName: z.string(), status: z.string(), statusName: z.string(),
                fromType: z.string(), toType: z.string().nullable(), reason: z.string().nullable(), rejectReason: z.string().nullable(), preReviewReasons: z.string().nullable(), reviewId: z.uuid().nullable(), appliedAt: z.string(), decidedAt: z.string().nullable(),
              }),
            ),
            reports: z.array(
              z.object({ id: z.uuid(), partnerId: z.uuid(), partnerName: z.string().nullable(), status: z.string(), statusName: z.string(), invalidReason: z.string().nullable(), reviewId: z.uuid().nullable(), reviewDueAt: z.string().nullable(), reportedAt: z.string().nullable(), expiresAt: z.string().nullable(), createdAt: z.string() }),
            ),
            invitations: z.array(
              z.object({ id: z.uuid(), partnerId: z.uuid(), partnerName: z.string().nullable(), channel: z.string(), status: z.string(), failureCode: z.string().nullable(), failureReason: z.string().nullable(), failureHint: z.string().nullable(), invitedAt: z.string(), associatedAt: z.string().nullable(), failedAt: z.string().nullable() }),
            ),
            notices: z.array(z.object({ noticeKey: z.string(), version: z.string(), associationType: z.string(), context: z.string(), signedAt: z.string() })),
          }),
        },
      },
    },
    async (req) => associationHistory(req.ctx, req.query),
  );
  const ActivityView = z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), startsAt: z.string(), endsAt: z.string() });
  app.get('/api/ops/customer-activities', { config: { access: OPS }, schema: { tags: ['ops'], response: { 200: z.object({ items: z.array(ActivityView) }) } } }, async (req) => listActivities(req.ctx));
  app.post(
    '/api/ops/customer-activities',
    {
      config: { access: OPS },
      schema: { tags: ['ops'], summary: 'Create an activity for 活动邀请链接', body: z.object({ name: z.string().max(100), description: z.string().max(500).nullable().optional(), startsAt: z.coerce.date(), endsAt: z.coerce.date() }).strict(), response: { 201: ActivityView } },
    },
    async (req, reply) => reply.code(201).send(await createActivity(req.ctx, req.body)),
  );
}
