import { and, count, desc, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { audit } from '../../platform/audit/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { requireAccount } from '../../platform/access/index.js';
import type { Text } from '../../platform/i18n/index.js';

/**
 * 13.12 审计: the sub-customer's key operations, readable by the customer in 云审计服务 > 事件列表
 * (the last 7 days). Table 13-1 has 12 rows: 9 event names, three of them under two resource types.
 * Each is an audit_log entry (the platform's one audit mechanism) with `customerAccountId` set and the
 * action `cts.<resourceType>.<eventName>`; this module writes the association ones, and exports
 * `recordCustomerEvent` for the others (authorization: customers/funds; partner payment: cloud;
 * subsidy whitelist and project export: the government-subsidy module).
 */
export const CUSTOMER_EVENTS = [
  { operation: { zh: '邀请日志记录', en: 'Invitation log' }, resourceType: 'csbchannelsales', eventName: 'addBpInviteTraceLog' },
  { operation: { zh: '邀请用户入驻处理', en: 'Invited user onboarding' }, resourceType: 'csbchannelsales', eventName: 'customerEnter' },
  { operation: { zh: '客户确认委托', en: 'Customer confirms delegation' }, resourceType: 'csbchannelsales', eventName: 'confirmCustomerAgentAuthorizationApply' },
  { operation: { zh: '线上申请解除关联与关联模式变更', en: 'Online unbind / mode change request' }, resourceType: 'accountInfo', eventName: 'applyUnbindOrSwitchCooperation' },
  { operation: { zh: '线上授权审批和确认', en: 'Online authorization approval' }, resourceType: 'accountInfo', eventName: 'approvePartnerOrCustomerApply' },
  { operation: { zh: '申请伙伴代付', en: 'Request partner payment' }, resourceType: 'order', eventName: 'applyPartnerPayment' },
  { operation: { zh: '导入政府补贴申请的客户白名单列表', en: 'Import subsidy customer whitelist' }, resourceType: 'csbchannelsales', eventName: 'importCustomerWhiteList' },
  { operation: { zh: '设置政府补贴伙伴的客户白名单是否有效', en: 'Set subsidy whitelist validity' }, resourceType: 'csbchannelsales', eventName: 'deactiveCustomerWhiteList' },
  { operation: { zh: '导出项目申请', en: 'Export project applications' }, resourceType: 'csbchannelsales', eventName: 'exportGsProjectApplication' },
  { operation: { zh: '客户确认或拒绝委托申请', en: 'Customer confirms or refuses delegation' }, resourceType: 'csbchannelsales', eventName: 'confirmCustomerAgentAuthorizationApply' },
  { operation: { zh: '线上申请解除关联与关联模式变更', en: 'Online unbind / mode change request' }, resourceType: 'csbchannelsales', eventName: 'applyUnbindOrSwitchCooperation' },
  { operation: { zh: '线上授权审批和确认', en: 'Online authorization approval' }, resourceType: 'csbchannelsales', eventName: 'approvePartnerOrCustomerApply' },
] as const satisfies readonly { operation: Text; resourceType: string; eventName: string }[];

export type CustomerEventName = (typeof CUSTOMER_EVENTS)[number]['eventName'];
export type CustomerEventResource = (typeof CUSTOMER_EVENTS)[number]['resourceType'];
export const EVENT_LEVELS = ['normal', 'warning', 'incident'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];
/** The guide keeps 7 days of events (L20471). */
export const CUSTOMER_EVENT_RETENTION_DAYS = 7;
const ACTION_PREFIX = 'cts.';

export interface CustomerEventInput {
  customerAccountId: string;
  partnerId?: string | null;
  eventName: CustomerEventName;
  resourceType: CustomerEventResource;
  resourceId: string;
  resourceName?: string | null;
  level?: EventLevel;
  /** 备注信息 and anything worth keeping (never secrets). */
  detail?: Record<string, unknown>;
}

/** Write one 云审计 event for the customer, in the caller's transaction. */
export async function recordCustomerEvent(tx: Executor, ctx: Ctx, e: CustomerEventInput): Promise<void> {
  if (!CUSTOMER_EVENTS.some((x) => x.eventName === e.eventName && x.resourceType === e.resourceType))
    throw new Error(`not a 13.12 event: ${e.resourceType}/${e.eventName}`);
  await audit(tx, ctx, {
    action: `${ACTION_PREFIX}${e.resourceType}.${e.eventName}`,
    objectType: e.resourceType,
    objectId: e.resourceId,
    partnerId: e.partnerId ?? null,
    customerAccountId: e.customerAccountId,
    after: { eventName: e.eventName, resourceName: e.resourceName ?? null, level: e.level ?? 'normal', ...(e.detail ?? {}) },
  });
}

export interface CustomerEventQuery {
  eventName?: string;
  resourceType?: string;
  resourceId?: string;
  resourceName?: string;
  user?: string; // 操作用户
  level?: EventLevel;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** 事件列表: the signed-in customer's events of the last 7 days, filtered and paged in SQL. */
export async function listCustomerEvents(ctx: Ctx, q: CustomerEventQuery) {
  const actor = requireAccount(ctx);
  const floor = new Date(clock.nowMs() - CUSTOMER_EVENT_RETENTION_DAYS * DAY_MS);
  const from = q.from && q.from > floor ? q.from : floor;
  const where: SQL[] = [eq(auditLog.customerAccountId, actor.accountId), like(auditLog.action, `${ACTION_PREFIX}%`), gte(auditLog.at, from)];
  if (q.to) where.push(lt(auditLog.at, q.to));
  if (q.resourceType) where.push(eq(auditLog.objectType, q.resourceType));
  if (q.eventName) where.push(like(auditLog.action, `${ACTION_PREFIX}%.${q.eventName.replace(/[\\%_]/g, (c) => `\\${c}`)}`));
  if (q.resourceId) where.push(eq(auditLog.objectId, q.resourceId));
  if (q.user) where.push(eq(auditLog.actorName, q.user));
  if (q.level) where.push(sql`coalesce(${auditLog.after}->>'level', 'normal') = ${q.level}`);
  if (q.resourceName) where.push(sql`${auditLog.after}->>'resourceName' = ${q.resourceName}`);
  const cond = and(...where);
  const rowsRaw = await ctx.db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(auditLog).where(cond);
  const items = rowsRaw.map((r) => {
    const after = (r.after ?? {}) as Record<string, unknown>;
    return {
      eventId: String(r.id), // 事件ID
      eventName: String(after.eventName ?? r.action.split('.').pop()), // 事件名称
      resourceType: r.objectType, // 资源类型
      eventSource: 'CSB', // 事件来源: the channel-sales service
      resourceId: r.objectId, // 资源ID
      resourceName: (after.resourceName as string | null) ?? null, // 资源名称
      level: (after.level as EventLevel) ?? 'normal', // 事件级别
      user: r.actorName, // 操作用户
      sourceIp: r.ip, // 源IP地址
      recordedAt: r.at.toISOString(), // 事件记录时间
      occurredAt: r.at.toISOString(), // 事件产生时间
      remark: (after.remark as string | null) ?? null, // 备注信息
      detail: after,
    };
  });
  return { items, total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}
