import { and, count, desc, eq, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { requireMayTakeNewCustomers } from '../partners/standing.js';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor, type Tx } from '../../platform/db/index.js';
import { addDays, clock } from '../../platform/clock.js';
import { AppError, fieldError, notFound, refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { send } from '../../platform/notify/index.js';
import { P, STAFF_ROLES, requirePermission } from '../../platform/access/index.js';
import { defineReviewKind, submit } from '../../platform/review/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { normaliseMobile } from '../accounts/service.js';
import { customerScope } from '../org/service.js';
import { advisoryLock, creatorKey, escapeLike, iso, masked, pageArgs } from './common.js';
import { loadCustomerFacts, manualReviewReasons, notReportable, type ReportReason } from './facts.js';
import { requireChannelOpen, sendReportInvitation } from './invitations.js';
import { ASSOCIATION_TYPE_NAMES, REPORT, REPORT_STATUS_NAMES, nameOf, type AssociationType, type ReportStatus } from './names.js';
import { customerAssociations, customerInvitations, customerReports, type CustomerReport } from './schema.js';
import { addWorkingDays } from './working-days.js';

/**
 * 报备客户 (spec 04 op 7, guide 10.3.4.1; ch. 11/12 repeat it): eligibility, the 100-record cap, the
 * 15-day exclusivity, manual review by the vendor through the review engine (≤ 4 working days),
 * deletion, 点击添加邮箱, the eye toggle.
 */

export const REPORT_VALID_DAYS = 15; // 报备有效期为15天 (8169)
export const MAX_LIVE_REPORTS = 100; // “待审核”和“已报备”的客户之和最多为100个 (8168)
export const MANUAL_REVIEW_WORKING_DAYS = 4; // 审核将在4个工作日内完成 (8172)
export const REPORT_MANUAL_KIND = 'customers.report-manual';

// 电子邮箱只允许包含字母、数字和 _、. 这三个特殊字符 (8217): the third is the @ of the address itself
const REPORT_EMAIL_RE = /^[A-Za-z0-9_.]+@[A-Za-z0-9_.]+\.[A-Za-z]{2,}$/;

export interface ReportInput {
  fullName: string;
  mobile: string;
  email?: string | null;
  sendInvite: boolean;
  associationType?: AssociationType | null;
  /** 用户名: when one mobile has several accounts the partner picks one (8215); ours has one per mobile. */
  accountName?: string | null;
}

export interface ManualInfo {
  expectedConsumption: string; // 可能带来的新增消费数据
  communication: string; // 与客户沟通的过程
  projectDetails: string; // 项目详情
  customerAccount?: string | null; // 客户账号
}

interface CleanReport {
  fullName: string;
  mobile: string;
  email: string | null;
  sendInvite: boolean;
  associationType: AssociationType | null;
}

function cleanReport(input: ReportInput): CleanReport {
  const fullName = input.fullName.trim();
  if (!fullName) throw fieldError('fullName', 'customers.report.name-required', { zh: '请输入客户全称', en: 'Enter the full customer name' });
  if (fullName.length > 200) throw fieldError('fullName', 'customers.report.name-too-long', { zh: '客户全称不能超过200个字符', en: 'At most 200 characters' });
  const mobile = normaliseMobile(input.mobile);
  if (!/^\+\d{1,4}-\d{5,15}$/.test(mobile)) throw fieldError('mobile', 'customers.report.mobile-invalid', { zh: '手机号码格式不正确', en: 'Invalid mobile number' });
  const email = input.email?.trim() || null;
  if (email && !REPORT_EMAIL_RE.test(email))
    throw fieldError('email', 'customers.report.email-invalid', { zh: '电子邮箱只允许包含字母、数字和 _、. 这三个特殊字符', en: 'The e-mail may contain only letters, digits, _ and .' });
  if (input.sendInvite && !email) throw fieldError('email', 'customers.report.email-required', { zh: '发送邀请链接时请输入电子邮箱', en: 'Enter the e-mail to send the invitation' });
  if (input.sendInvite && !input.associationType)
    throw fieldError('associationType', 'customers.report.type-required', { zh: '请选择关联类型', en: 'Choose the association type' });
  return { fullName, mobile, email, sendInvite: input.sendInvite, associationType: input.sendInvite ? (input.associationType ?? null) : null };
}

/** 若合作伙伴在伙伴中心没有预留手机号码和邮箱，则无法报备客户 (8170). */
async function requireReservedContact(ex: Executor, actor: PartnerActor) {
  const [a] = await ex.select({ mobile: accounts.mobile, email: accounts.email }).from(accounts).where(eq(accounts.id, actor.accountId));
  if (!a?.mobile?.trim() && !a?.email?.trim())
    throw refused('customers.report.no-contact', {
      zh: '您没有预留手机号码和邮箱，无法报备客户。请前往“账号管理 > 基本信息”的“个人资料”页面增加手机号码或者邮箱后再报备客户',
      en: 'Add a mobile number or e-mail to your profile before reporting customers',
    });
}

/** The customer account the reported mobile belongs to (报备的手机号码跟客户账号注册的手机号码一致, 8171). */
async function customerByMobile(ex: Executor, mobile: string, accountName: string | null | undefined) {
  const [a] = await ex.select({ id: accounts.id, accountName: accounts.accountName }).from(accounts).where(eq(accounts.mobile, mobile));
  if (!a)
    throw fieldError('mobile', 'customers.report.mobile-unregistered', {
      zh: '该手机号码未注册华为云账号，请确保报备的手机号码跟客户账号注册的手机号码一致',
      en: 'No Huawei Cloud account uses this mobile number',
    });
  if (accountName?.trim() && accountName.trim() !== a.accountName)
    throw fieldError('accountName', 'customers.report.account-mismatch', { zh: '所选用户名与手机号码不匹配', en: 'The account name does not match the mobile number' });
  return a;
}

/** Reports past their 15 days stop being live (lazily here, daily by the job). */
async function expireLapsed(ex: Executor, where: SQL) {
  await ex
    .update(customerReports)
    .set({ status: 'expired', invalidReason: 'expired', updatedAt: clock.now() })
    .where(and(eq(customerReports.status, 'reported'), lte(customerReports.expiresAt, clock.now()), where));
}

/** The advisory lock serialises reports of one customer; the live-report unique index is the last fence. */
async function liveReportRace<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err))
      throw refused('customers.report.not-reportable', { zh: '该客户不可以报备：{reasons}', en: 'This customer cannot be reported: {reasons}' }, {
        reasons: { zh: '已被其他伙伴报备的客户', en: 'Already reported by another partner' },
        codes: ['reported_by_other_partner'],
      });
    throw err;
  }
}

type Verdict = { kind: 'direct' } | { kind: 'manual'; reasons: ReportReason[] };

/**
 * Everything that decides a report, inside the transaction holding the partner's and the customer's
 * locks: the duplicate, the exclusivity, the association, the never-reportable list, the cap, and
 * whether it can be direct or needs manual review.
 */
async function judge(tx: Tx, actor: PartnerActor, customerId: string): Promise<Verdict> {
  await advisoryLock(tx, 'customers.reports', actor.partnerId); // the cap
  await advisoryLock(tx, 'customers.customer', customerId); // exclusivity and association
  await expireLapsed(tx, eq(customerReports.customerAccountId, customerId));
  const live = await tx
    .select({ partnerId: customerReports.partnerId })
    .from(customerReports)
    .where(and(eq(customerReports.customerAccountId, customerId), inArray(customerReports.status, ['pending_review', 'reported'])));
  if (live.some((r) => r.partnerId === actor.partnerId)) throw refused('customers.report.duplicate', { zh: '您已报备该客户，请勿重复报备', en: 'You have already reported this customer' });
  const facts = await loadCustomerFacts(tx, customerId);
  if (!facts) throw notFound({ zh: '客户账号', en: 'Customer account' });
  const never = notReportable(facts);
  const [assoc] = await tx.select({ id: customerAssociations.id }).from(customerAssociations).where(and(eq(customerAssociations.customerAccountId, customerId), eq(customerAssociations.status, 'associated')));
  if (assoc) never.unshift({ code: 'associated', text: { zh: '已关联伙伴的客户', en: 'Already associated with a partner' } });
  if (live.length) never.unshift({ code: 'reported_by_other_partner', text: { zh: '已被其他伙伴报备的客户', en: 'Already reported by another partner' } });
  if (never.length)
    throw refused('customers.report.not-reportable', { zh: '该客户不可以报备：{reasons}', en: 'This customer cannot be reported: {reasons}' }, {
      reasons: { zh: never.map((r) => r.text.zh).join('；'), en: never.map((r) => r.text.en).join('; ') },
      codes: never.map((r) => r.code),
    });
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(customerReports)
    .where(and(eq(customerReports.partnerId, actor.partnerId), inArray(customerReports.status, ['pending_review', 'reported'])));
  if (Number(n) >= MAX_LIVE_REPORTS)
    throw refused('customers.report.limit', { zh: '“待审核”和“已报备”的客户之和最多为100个，不可以继续报备客户', en: 'At most 100 customers may be pending review or reported' }, { max: MAX_LIVE_REPORTS });
  const manual = manualReviewReasons(facts);
  return manual.length ? { kind: 'manual', reasons: manual } : { kind: 'direct' };
}

async function insertReport(
  tx: Tx,
  ctx: Ctx,
  actor: PartnerActor,
  customerId: string,
  r: CleanReport,
  status: ReportStatus,
  extra: Partial<typeof customerReports.$inferInsert> = {},
): Promise<CustomerReport> {
  const facts = (await loadCustomerFacts(tx, customerId))!;
  const now = clock.now();
  const [row] = await tx
    .insert(customerReports)
    .values({
      partnerId: actor.partnerId,
      customerAccountId: customerId,
      fullName: r.fullName,
      mobile: r.mobile,
      email: r.email,
      sendInvite: r.sendInvite,
      associationType: r.associationType,
      status,
      realNameSnapshot: facts.realNameSnapshot,
      reportedByKind: actor.memberId ? 'member' : 'partner-account',
      reportedById: actor.memberId ?? actor.accountId,
      reportedByMemberId: actor.memberId,
      reportedByName: actor.displayName,
      reportedAt: status === 'reported' ? now : null,
      expiresAt: status === 'reported' ? addDays(now, REPORT_VALID_DAYS) : null,
      createdAt: now,
      updatedAt: now,
      ...extra,
    })
    .returning();
  return row!;
}

/** Becoming 已报备 with 发送邀请链接 = 是 sends the invitation e-mail at once (8218). */
async function afterReported(tx: Tx, ctx: Ctx, report: CustomerReport) {
  if (!report.sendInvite || !report.associationType) return;
  await sendReportInvitation(tx, ctx, report, report.associationType as AssociationType, {
    key: report.reportedByMemberId ? `member:${report.reportedByMemberId}` : `partner-account:${report.reportedById}`,
    name: report.reportedByName,
    memberId: report.reportedByMemberId,
  });
}

/**
 * 报备客户: 已报备 at once when eligible. Otherwise refused with the reasons: never reportable
 * (`customers.report.not-reportable`), or "由于以下原因该客户不符合直接报备条件" with the manual-review
 * reasons (`customers.report.manual-review-required`, then 继续申请报备 → `applyManualReport`).
 */
export async function reportCustomer(ctx: Ctx, input: ReportInput): Promise<ReportView> {
  const actor = requirePermission(ctx, P.expansion);
  await requireMayTakeNewCustomers(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  const r = cleanReport(input);
  await requireReservedContact(ctx.db, actor);
  await requireChannelOpen(ctx.db, actor.partnerId);
  const customer = await customerByMobile(ctx.db, r.mobile, input.accountName);
  const report = await liveReportRace(() => inTransaction(ctx.db, async (tx) => {
    const verdict = await judge(tx, actor, customer.id);
    if (verdict.kind === 'manual')
      throw new AppError(409, 'customers.report.manual-review-required', { zh: '由于以下原因该客户不符合直接报备条件：{reasons}', en: 'This customer cannot be reported directly: {reasons}' }, {
        reasons: { zh: verdict.reasons.map((x) => x.text.zh).join('；'), en: verdict.reasons.map((x) => x.text.en).join('; ') },
        codes: verdict.reasons.map((x) => x.code),
      });
    const row = await insertReport(tx, ctx, actor, customer.id, r, 'reported');
    await afterReported(tx, ctx, row);
    await audit(tx, ctx, { action: 'customers.report.created', objectType: 'customer_report', objectId: row.id, customerAccountId: customer.id, after: reportAudit(row) });
    return row;
  }));
  return reportView(ctx, report, false);
}

/** 继续申请报备 (8255): 待审核, decided by the vendor within 4 working days (due date stored). */
export async function applyManualReport(ctx: Ctx, input: ReportInput & ManualInfo): Promise<ReportView> {
  const actor = requirePermission(ctx, P.expansion);
  await requireMayTakeNewCustomers(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  const r = cleanReport(input);
  const info: Record<string, string> = {};
  for (const [k, label] of [
    ['expectedConsumption', { zh: '新增消费数据', en: 'Expected new consumption' }],
    ['communication', { zh: '与客户沟通的过程', en: 'Communication with the customer' }],
    ['projectDetails', { zh: '项目详情', en: 'Project details' }],
  ] as const) {
    const v = input[k]?.trim() ?? '';
    if (!v) throw fieldError(k, 'customers.report.manual-field-required', { zh: `请填写${label.zh}`, en: `${label.en} is required` });
    if (v.length > 2000) throw fieldError(k, 'customers.report.manual-field-too-long', { zh: `${label.zh}不能超过2000个字符`, en: `${label.en}: at most 2000 characters` });
    info[k] = v;
  }
  if (input.customerAccount?.trim()) info.customerAccount = input.customerAccount.trim().slice(0, 200);
  await requireReservedContact(ctx.db, actor);
  await requireChannelOpen(ctx.db, actor.partnerId);
  const customer = await customerByMobile(ctx.db, r.mobile, input.accountName);
  const report = await liveReportRace(() => inTransaction(ctx.db, async (tx) => {
    const verdict = await judge(tx, actor, customer.id);
    if (verdict.kind === 'direct')
      throw refused('customers.report.manual-not-needed', { zh: '该客户符合直接报备条件，请直接报备', en: 'This customer can be reported directly' });
    const now = clock.now();
    const row = await insertReport(tx, ctx, actor, customer.id, r, 'pending_review', {
      manualReasons: verdict.reasons.map((x) => x.code),
      manualInfo: info,
      reviewDueAt: addWorkingDays(now, MANUAL_REVIEW_WORKING_DAYS),
    });
    const app = await submit(
      ctx.deps.reviews,
      ctx,
      {
        kind: REPORT_MANUAL_KIND,
        subjectType: 'customer_report',
        subjectId: row.id,
        summary: `${actor.displayName} · ${r.fullName}`,
        data: {
          fullName: r.fullName,
          mobile: r.mobile,
          email: r.email,
          customerAccountId: customer.id,
          customerAccountName: customer.accountName,
          reasons: verdict.reasons.map((x) => x.text.zh),
          ...info,
          dueAt: row.reviewDueAt!.toISOString(),
        },
      },
      tx,
    );
    const [withReview] = await tx.update(customerReports).set({ reviewId: app.id }).where(eq(customerReports.id, row.id)).returning();
    await audit(tx, ctx, { action: 'customers.report.manual-applied', objectType: 'customer_report', objectId: row.id, customerAccountId: customer.id, after: reportAudit(withReview!) });
    return withReview!;
  }));
  return reportView(ctx, report, false);
}

/** The vendor's decision on a manual report (人工审核), run by the review engine inside its transaction. */
export const reportManualReviewKind = defineReviewKind({
  kind: REPORT_MANUAL_KIND,
  title: { zh: '报备客户人工审核', en: 'Customer report manual review' },
  stages: [{ key: 'review', name: { zh: '人工审核', en: 'Manual review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager, STAFF_ROLES.channelManager] }],
  statusNames: { in_review: { zh: '待审核', en: 'Pending review' }, approved: { zh: '已报备', en: 'Reported' }, rejected: { zh: '审核未通过', en: 'Rejected' } },
  permission: P.expansion,
  applicants: ['partner'],
  withdrawable: false, // the guide offers no withdrawal; progress is asked of the ecosystem manager
  hooks: {
    onApproved: async (tx, ctx, app) => {
      const [row] = await tx.select().from(customerReports).where(eq(customerReports.id, app.subjectId)).for('update');
      if (!row || row.status !== 'pending_review') return;
      const now = clock.now();
      const [updated] = await tx
        .update(customerReports)
        .set({ status: 'reported', reportedAt: now, expiresAt: addDays(now, REPORT_VALID_DAYS), updatedAt: now })
        .where(eq(customerReports.id, row.id))
        .returning();
      await afterReported(tx as Tx, ctx, updated!);
      await notifyReporter(tx, updated!, { zh: `您报备的客户“${row.fullName}”已通过人工审核，状态为“已报备”。`, en: `Your report of "${row.fullName}" passed manual review.` });
    },
    onRejected: async (tx, _ctx, app) => {
      const [row] = await tx.select().from(customerReports).where(eq(customerReports.id, app.subjectId)).for('update');
      if (!row || row.status !== 'pending_review') return;
      await tx.update(customerReports).set({ status: 'rejected', updatedAt: clock.now() }).where(eq(customerReports.id, row.id));
    },
  },
});

async function notifyReporter(tx: Executor, r: CustomerReport, body: { zh: string; en: string }) {
  const to = r.reportedByMemberId ? { kind: 'member' as const, id: r.reportedByMemberId } : { kind: 'partner' as const, id: r.partnerId };
  await send(tx, { channel: 'site', to, template: 'customers.report', subject: '报备客户', body: body.zh, data: { reportId: r.id, text: body } });
}

const reportAudit = (r: CustomerReport) => ({
  status: r.status,
  fullName: r.fullName,
  mobile: r.mobile,
  email: r.email,
  sendInvite: r.sendInvite,
  associationType: r.associationType,
  expiresAt: iso(r.expiresAt),
  reviewDueAt: iso(r.reviewDueAt),
});

// ---------------------------------------------------------------- list, eye, e-mail, delete

function effectiveStatus(r: CustomerReport, now = clock.now()): ReportStatus {
  if (r.status === 'reported' && r.expiresAt && r.expiresAt <= now) return 'expired';
  return r.status as ReportStatus;
}

function reportView(ctx: Ctx, r: CustomerReport, reveal: boolean) {
  const status = effectiveStatus(r);
  return {
    id: r.id,
    fullName: reveal ? r.fullName : masked.name(r.fullName)!,
    mobile: reveal ? r.mobile : masked.phone(r.mobile)!,
    email: reveal ? r.email : masked.email(r.email),
    hasEmail: r.email !== null,
    sendInvite: r.sendInvite,
    associationType: r.associationType,
    associationTypeName: r.associationType ? nameOf(ASSOCIATION_TYPE_NAMES, r.associationType, ctx.lang) : null,
    status,
    statusName: nameOf(REPORT_STATUS_NAMES, status, ctx.lang),
    invalidReason: status === 'expired' ? (r.invalidReason ?? 'expired') : null,
    manualReasons: r.manualReasons ?? [],
    reviewId: r.reviewId,
    reviewDueAt: iso(r.reviewDueAt),
    reportedByName: r.reportedByName,
    reportedAt: iso(r.reportedAt),
    expiresAt: iso(r.expiresAt),
    associatedAt: iso(r.associatedAt),
    createdAt: r.createdAt.toISOString(),
    deletable: status !== 'pending_review' && status !== 'associated',
  };
}
export type ReportView = ReturnType<typeof reportView>;

async function reportConditions(ctx: Ctx, actor: PartnerActor): Promise<SQL[]> {
  const where: SQL[] = [eq(customerReports.partnerId, actor.partnerId), isNull(customerReports.deletedAt)];
  const scope = await customerScope(ctx);
  // a 客户经理 sees the reports they made (their customers-to-be); a supervisor also their managers'
  if (!scope.all) where.push(inArray(customerReports.reportedByMemberId, scope.managerIds.length ? scope.managerIds : ['00000000-0000-0000-0000-000000000000']));
  return where;
}

/** 线上拓展: the partner's reports, searchable by 客户全称, 手机号码, 邮箱 and status; newest first. */
export async function listReports(ctx: Ctx, q: { fullName?: string; mobile?: string; email?: string; status?: ReportStatus; page?: number; pageSize?: number }) {
  const actor = requirePermission(ctx, P.expansion);
  const { page, pageSize, offset } = pageArgs(q);
  const where = await reportConditions(ctx, actor);
  const like = (v: string) => `%${escapeLike(v.trim())}%`;
  if (q.fullName?.trim()) where.push(ilike(customerReports.fullName, like(q.fullName)));
  if (q.mobile?.trim()) where.push(ilike(customerReports.mobile, like(q.mobile.replace(/[\s-]/g, ''))));
  if (q.email?.trim()) where.push(ilike(customerReports.email, like(q.email)));
  const now = clock.now();
  if (q.status === 'expired') where.push(or(eq(customerReports.status, 'expired'), and(eq(customerReports.status, 'reported'), lte(customerReports.expiresAt, now)))!);
  else if (q.status === 'reported') where.push(and(eq(customerReports.status, 'reported'), sql`${customerReports.expiresAt} > ${now}`)!);
  else if (q.status) where.push(eq(customerReports.status, q.status));
  const cond = and(...where);
  const rows = await ctx.db.select().from(customerReports).where(cond).orderBy(desc(customerReports.createdAt), desc(customerReports.id)).limit(pageSize).offset(offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(customerReports).where(cond);
  return { items: rows.map((r) => reportView(ctx, r, false)), total: Number(n), page, pageSize, limit: MAX_LIVE_REPORTS };
}

async function findReport(ex: Executor, ctx: Ctx, actor: PartnerActor, id: string, lock = false): Promise<CustomerReport> {
  if (!isUuid(id)) throw notFound(REPORT);
  const where = await reportConditions({ ...ctx, db: ex }, actor);
  const q = ex.select().from(customerReports).where(and(...where, eq(customerReports.id, id)));
  const [r] = lock ? await q.for('update') : await q;
  if (!r) throw notFound(REPORT);
  return r;
}

/** The eye toggle: one report's full name, mobile and e-mail; audited. */
export async function revealReport(ctx: Ctx, id: string): Promise<ReportView> {
  const actor = requirePermission(ctx, P.expansion);
  const r = await findReport(ctx.db, ctx, actor, id);
  await audit(ctx.db, ctx, { action: 'customers.report.revealed', objectType: 'customer_report', objectId: r.id, customerAccountId: r.customerAccountId });
  return reportView(ctx, r, true);
}

/** 点击添加邮箱 (8282): set the e-mail of a 待审核 / 已报备 report before inviting. */
export async function setReportEmail(ctx: Ctx, id: string, email: string): Promise<ReportView> {
  const actor = requirePermission(ctx, P.expansion);
  const e = email.trim();
  if (!REPORT_EMAIL_RE.test(e))
    throw fieldError('email', 'customers.report.email-invalid', { zh: '电子邮箱只允许包含字母、数字和 _、. 这三个特殊字符', en: 'The e-mail may contain only letters, digits, _ and .' });
  return inTransaction(ctx.db, async (tx) => {
    const r = await findReport(tx, ctx, actor, id, true);
    const status = effectiveStatus(r);
    if (status !== 'reported' && status !== 'pending_review') throw refused('customers.report.wrong-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' }, { status });
    const [after] = await tx.update(customerReports).set({ email: e, updatedAt: clock.now() }).where(eq(customerReports.id, r.id)).returning();
    await audit(tx, ctx, { action: 'customers.report.email-set', objectType: 'customer_report', objectId: r.id, before: { email: r.email }, after: { email: e } });
    return reportView(ctx, after!, false);
  });
}

/**
 * 删除 / 批量删除 (8269–8273): never 待审核 or 已关联 ("不支持删除"); deleting 已报备 voids the report
 * (已失效) and its invitation link stops existing. All chosen rows, or none.
 */
export async function deleteReports(ctx: Ctx, ids: string[]): Promise<{ deleted: number }> {
  const actor = requirePermission(ctx, P.expansion);
  const unique = [...new Set(ids)];
  if (!unique.length) throw fieldError('ids', 'customers.report.none', { zh: '请选择客户', en: 'Choose customers' });
  return inTransaction(ctx.db, async (tx) => {
    const rows: CustomerReport[] = [];
    for (const id of unique) rows.push(await findReport(tx, ctx, actor, id, true));
    const blocked = rows.filter((r) => r.status === 'pending_review' || r.status === 'associated');
    if (blocked.length)
      throw refused('customers.report.not-deletable', { zh: '不支持删除“待审核”和“已关联”状态的客户', en: 'Reports pending review or associated cannot be deleted' }, { ids: blocked.map((r) => r.id) });
    const now = clock.now();
    await tx
      .update(customerReports)
      .set({ status: 'expired', invalidReason: sql`coalesce(${customerReports.invalidReason}, 'deleted')`, deletedAt: now, updatedAt: now })
      .where(inArray(customerReports.id, unique));
    await tx.update(customerInvitations).set({ status: 'revoked' }).where(and(inArray(customerInvitations.reportId, unique), eq(customerInvitations.status, 'active')));
    await audit(tx, ctx, { action: 'customers.report.deleted', objectType: 'customer_report', objectId: unique.join(','), before: rows.map(reportAudit) });
    return { deleted: unique.length };
  });
}

/**
 * Daily: 已报备 past 15 days → 已失效 (open to everyone again); a reported, not yet associated
 * customer whose real-name status changed → 已失效 (8452).
 */
export async function expireReports(db: Executor): Promise<{ expired: number; realNameChanged: number }> {
  const now = clock.now();
  const expired = await db
    .update(customerReports)
    .set({ status: 'expired', invalidReason: 'expired', updatedAt: now })
    .where(and(eq(customerReports.status, 'reported'), lte(customerReports.expiresAt, now)))
    .returning({ id: customerReports.id });
  const changed = await db
    .update(customerReports)
    .set({ status: 'expired', invalidReason: 'real_name_changed', updatedAt: now })
    .where(
      and(
        inArray(customerReports.status, ['reported']),
        sql`exists (select 1 from ${accounts} a where a.id = ${customerReports.customerAccountId}
              and (a.real_name_status || ':' || coalesce(a.real_name_type, '')) <> ${customerReports.realNameSnapshot})`,
      ),
    )
    .returning({ id: customerReports.id });
  return { expired: expired.length, realNameChanged: changed.length };
}

/** The partner's live (已报备, within 15 days) report of a customer, if any. */
export async function liveReportOf(ex: Executor, partnerId: string, customerId: string): Promise<CustomerReport | null> {
  const [r] = await ex
    .select()
    .from(customerReports)
    .where(and(eq(customerReports.partnerId, partnerId), eq(customerReports.customerAccountId, customerId), eq(customerReports.status, 'reported'), sql`${customerReports.expiresAt} > ${clock.now()}`));
  return r ?? null;
}

/** Another partner's live report (待审核, or 已报备 within 15 days). */
export async function otherLiveReport(ex: Executor, partnerId: string, customerId: string): Promise<boolean> {
  const [r] = await ex
    .select({ id: customerReports.id })
    .from(customerReports)
    .where(
      and(
        ne(customerReports.partnerId, partnerId),
        eq(customerReports.customerAccountId, customerId),
        or(eq(customerReports.status, 'pending_review'), and(eq(customerReports.status, 'reported'), sql`${customerReports.expiresAt} > ${clock.now()}`)),
      ),
    )
    .limit(1);
  return !!r;
}
