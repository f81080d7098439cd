import { desc, eq, or } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { clock } from '../../platform/clock.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { STAFF_ROLES, requireStaff } from '../../platform/access/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { normaliseMobile } from '../accounts/service.js';
import { iso, partnerNames } from './common.js';
import { ASSOCIATION_TYPE_NAMES, CUSTOMER, EVENT_INITIATOR_NAMES, EVENT_STATUS_NAMES, EVENT_TYPE_NAMES, REPORT_STATUS_NAMES, nameOf } from './names.js';
import { associationEvents, customerActivities, customerAssociations, customerNoticeSignatures, customerReports, expansionRecords } from './schema.js';

/** The operations console's side of this module: any customer's association history, and the activities. */
export const OPS_ROLES = [STAFF_ROLES.ecosystemManager, STAFF_ROLES.channelManager, STAFF_ROLES.reviewer, STAFF_ROLES.operations] as const;

/**
 * 客户关联历史: every association (current and past, with any partner), every request, report and
 * invitation record of one customer, found by account name, mobile or customer ID.
 */
export async function associationHistory(ctx: Ctx, q: { customer: string }) {
  requireStaff(ctx, OPS_ROLES);
  const key = q.customer.trim();
  if (!key) throw fieldError('customer', 'customers.ops.customer-required', { zh: '请输入客户账号名、手机号码或客户ID', en: 'Enter an account name, mobile or customer ID' });
  const conds = [eq(accounts.accountName, key), eq(accounts.mobile, normaliseMobile(key))];
  if (isUuid(key)) conds.push(eq(accounts.id, key));
  const [acc] = await ctx.db.select().from(accounts).where(or(...conds)).limit(1);
  if (!acc) throw notFound(CUSTOMER);
  const assocs = await ctx.db.select().from(customerAssociations).where(eq(customerAssociations.customerAccountId, acc.id)).orderBy(desc(customerAssociations.associatedAt));
  const events = await ctx.db.select().from(associationEvents).where(eq(associationEvents.customerAccountId, acc.id)).orderBy(desc(associationEvents.appliedAt));
  const reports = await ctx.db.select().from(customerReports).where(eq(customerReports.customerAccountId, acc.id)).orderBy(desc(customerReports.createdAt));
  const records = await ctx.db.select().from(expansionRecords).where(eq(expansionRecords.customerAccountId, acc.id)).orderBy(desc(expansionRecords.invitedAt));
  const notices = await ctx.db.select().from(customerNoticeSignatures).where(eq(customerNoticeSignatures.customerAccountId, acc.id)).orderBy(desc(customerNoticeSignatures.signedAt));
  const names = await partnerNames(ctx.db, [...assocs.map((a) => a.partnerId), ...events.map((e) => e.partnerId), ...reports.map((r) => r.partnerId), ...records.map((r) => r.partnerId)]);
  const t = (names_: Parameters<typeof nameOf>[0], k: string) => nameOf(names_, k, ctx.lang);
  await audit(ctx.db, ctx, { action: 'customers.ops.history-viewed', objectType: 'customer', objectId: acc.id, partnerId: null, customerAccountId: acc.id });
  return {
    customer: { id: acc.id, accountName: acc.accountName, name: acc.enterpriseName ?? acc.name ?? acc.accountName, mobile: acc.mobile, email: acc.email, realNameStatus: acc.realNameStatus, realNameType: acc.realNameType, registeredAt: acc.createdAt.toISOString() },
    associations: assocs.map((a) => ({ id: a.id, partnerId: a.partnerId, partnerName: names.get(a.partnerId) ?? null, associationType: a.associationType, associationTypeName: t(ASSOCIATION_TYPE_NAMES, a.associationType), status: a.status, accountManagerId: a.accountManagerId, customTag: a.customTag, noticeVersion: a.noticeVersion, associatedAt: a.associatedAt.toISOString(), endedAt: iso(a.endedAt) })),
    events: events.map((e) => ({ id: e.id, partnerId: e.partnerId, partnerName: names.get(e.partnerId) ?? null, type: e.type, typeName: t(EVENT_TYPE_NAMES, e.type), initiator: e.initiator, initiatorName: t(EVENT_INITIATOR_NAMES, e.initiator), status: e.status, statusName: t(EVENT_STATUS_NAMES, e.status), fromType: e.fromType, toType: e.toType, reason: e.reason, rejectReason: e.rejectReason, preReviewReasons: e.preReviewReasons, reviewId: e.reviewId, appliedAt: e.appliedAt.toISOString(), decidedAt: iso(e.decidedAt) })),
    reports: reports.map((r) => ({ id: r.id, partnerId: r.partnerId, partnerName: names.get(r.partnerId) ?? null, status: r.status, statusName: t(REPORT_STATUS_NAMES, r.status), invalidReason: r.invalidReason, reviewId: r.reviewId, reviewDueAt: iso(r.reviewDueAt), reportedAt: iso(r.reportedAt), expiresAt: iso(r.expiresAt), createdAt: r.createdAt.toISOString() })),
    invitations: records.map((r) => ({ id: r.id, partnerId: r.partnerId, partnerName: names.get(r.partnerId) ?? null, channel: r.channel, status: r.status, failureCode: r.failureCode, failureReason: r.failureReason, failureHint: r.failureHint, invitedAt: r.invitedAt.toISOString(), associatedAt: iso(r.associatedAt), failedAt: iso(r.failedAt) })),
    notices: notices.map((n) => ({ noticeKey: n.noticeKey, version: n.version, associationType: n.associationType, context: n.context, signedAt: n.signedAt.toISOString() })),
  };
}

export async function listActivities(ctx: Ctx) {
  requireStaff(ctx, OPS_ROLES);
  const rows = await ctx.db.select().from(customerActivities).orderBy(desc(customerActivities.createdAt)).limit(200);
  return { items: rows.map((a) => ({ id: a.id, name: a.name, description: a.description, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() })) };
}

/** A campaign partners can build 活动邀请链接 for. */
export async function createActivity(ctx: Ctx, input: { name: string; description?: string | null; startsAt: Date; endsAt: Date }) {
  const staff = requireStaff(ctx, [STAFF_ROLES.ecosystemManager, STAFF_ROLES.channelManager, STAFF_ROLES.operations]);
  const name = input.name.trim();
  if (!name) throw fieldError('name', 'customers.activity.name-required', { zh: '请输入活动名称', en: 'Enter the activity name' });
  if (input.endsAt <= input.startsAt) throw fieldError('endsAt', 'customers.activity.period', { zh: '结束时间必须晚于开始时间', en: 'The end must be after the start' });
  const [a] = await ctx.db
    .insert(customerActivities)
    .values({ name, description: input.description?.trim() || null, startsAt: input.startsAt, endsAt: input.endsAt, createdById: staff.staffId, createdAt: clock.now() })
    .returning();
  await audit(ctx.db, ctx, { action: 'customers.activity.created', objectType: 'customer_activity', objectId: a!.id, partnerId: null, after: { name, startsAt: input.startsAt, endsAt: input.endsAt } });
  return { id: a!.id, name: a!.name, description: a!.description, startsAt: a!.startsAt.toISOString(), endsAt: a!.endsAt.toISOString() };
}


