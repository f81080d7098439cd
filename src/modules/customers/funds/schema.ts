import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, jsonb, index, uniqueIndex, numeric, integer, boolean } from 'drizzle-orm/pg-core';
import { partners } from '../../partners/schema.js';
import { accounts } from '../../accounts/schema.js';

/**
 * The money-and-management half of 销售 > 客户 (spec 04 ops 15–17, 22–27, 34; §2.9–2.13, §2.16).
 * Only the services of this folder write these tables. Balances themselves live in the ledger
 * (platform/ledger); a row here is the business record that points at its posting.
 */

/** 调账记录 kinds (spec 04 §2.9; guide L18621). */
export const ADJUSTMENT_KINDS = [
  'allocation', // 拨款
  'recall', // 回收
  'unbind_recall', // 解除关联回收 (system, UR…)
  'switch_recall', // 切换关联类型回收 (system, UR…; spec 06 L14164)
] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** 使用场景 / 拨款类型: 普通 and 专款专用 (guide L8979). Resellers have 普通 only (L18561). */
export const SCENARIOS = ['ordinary', 'earmarked'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * 调账记录: one row per customer and moved sub-balance. A batch, or a recall over two 使用场景,
 * writes several rows that share one posting; `serial_no` (流水号) is AD… for partner adjustments and UR… for system recalls.
 */
export const customerAdjustments = pgTable(
  'customer_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serialNo: text('serial_no').notNull(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    associationId: uuid('association_id').notNull(), // customer_associations.id at the time
    kind: text('kind').$type<AdjustmentKind>().notNull(),
    scenario: text('scenario').$type<Scenario>().notNull(),
    amount: numeric('amount', { precision: 24, scale: 2 }).notNull(), // always positive; the kind gives the direction
    remark: text('remark'), // 备注 ≤ 512
    postingId: uuid('posting_id').notNull(), // ledger_postings.id
    requestId: text('request_id').notNull(), // the client's idempotency key (system recalls: derived)
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(), // 调整时间
  },
  (t) => [
    uniqueIndex('customer_adjustments_serial_uq').on(t.serialNo),
    uniqueIndex('customer_adjustments_posting_line_uq').on(t.postingId, t.customerAccountId, t.scenario),
    index('customer_adjustments_partner_at_idx').on(t.partnerId, t.createdAt, t.id),
    index('customer_adjustments_customer_at_idx').on(t.customerAccountId, t.createdAt),
    index('customer_adjustments_association_idx').on(t.associationId),
  ],
);

/** 伙伴预算提醒接收人 (guide 10.4.1.4): 姓名 / 邮箱 / 手机, many per partner. */
export const budgetReminderRecipients = pgTable(
  'budget_reminder_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    name: text('name').notNull(),
    email: text('email'),
    mobile: text('mobile'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('budget_recipients_partner_idx').on(t.partnerId, t.createdAt)],
);

/**
 * A budget threshold (75 / 90 / 100 %) already announced for one association and one budget
 * amount: a new allocation changes the budget, which re-arms the thresholds.
 */
export const budgetAlertMarks = pgTable(
  'budget_alert_marks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull(),
    customerAccountId: uuid('customer_account_id').notNull(),
    associationId: uuid('association_id').notNull(),
    threshold: integer('threshold').notNull(),
    budget: numeric('budget', { precision: 24, scale: 2 }).notNull(),
    used: numeric('used', { precision: 24, scale: 2 }).notNull(),
    alertedAt: timestamp('alerted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('budget_alert_marks_uq').on(t.associationId, t.threshold, t.budget), index('budget_alert_marks_partner_idx').on(t.partnerId, t.alertedAt)],
);

/** 客户预警 (spec 04 §2.16): raised by vendor staff, handled only by the customer's sole owner. */
export const ALERT_CATEGORIES = ['churn', 'resource'] as const; // 流失预警 | 资源预警
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];
export const ALERT_STATUSES = ['pending', 'handled'] as const; // 待处理 | 已处理
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertHandling {
  churned?: boolean; // 客户是否流失
  reason?: string; // 流失原因 / 未流失反馈 / 处理结果 (key)
  note?: string | null; // 其他: the free text
}

export const customerAlerts = pgTable(
  'customer_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    associationId: uuid('association_id').notNull(),
    scenarioName: text('scenario_name').notNull(), // 场景名称
    category: text('category').$type<AlertCategory>().notNull(), // 预警类别
    title: text('title').notNull(), // 标题
    content: text('content'), // 预警详情
    accountManagerId: uuid('account_manager_id'), // 客户经理 when sent
    status: text('status').$type<AlertStatus>().notNull().default('pending'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(), // 发送时间
    raisedByStaffId: uuid('raised_by_staff_id'),
    handling: jsonb('handling').$type<AlertHandling>(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    handledByKind: text('handled_by_kind'),
    handledById: uuid('handled_by_id'),
    handledByName: text('handled_by_name'),
  },
  (t) => [
    index('customer_alerts_partner_sent_idx').on(t.partnerId, t.sentAt, t.id),
    index('customer_alerts_partner_status_idx').on(t.partnerId, t.status),
    index('customer_alerts_customer_idx').on(t.customerAccountId, t.status),
  ],
);

/** 客户授权 (spec 04 §2.13, spec 07 §3.4). */
export const AUTHORIZATION_STATUSES = [
  'pending', // 待授权: the partner asked, the customer has not answered
  'granted', // 已授权
  'refused', // 已拒绝
  'revoked', // 已取消 (the customer cancelled it, with a reason)
] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

/** What a grant covers (《华为云用户授权书》 一、授权范围, guide L22023–22028): 代客下单 and 代客运维. */
export const AUTHORIZATION_SCOPES = ['order', 'operate'] as const;
export type AuthorizationScope = (typeof AUTHORIZATION_SCOPES)[number];

export const customerAuthorizations = pgTable(
  'customer_authorizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    associationId: uuid('association_id').notNull(),
    status: text('status').$type<AuthorizationStatus>().notNull(),
    scopes: text('scopes').array().$type<AuthorizationScope[]>().notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    requestedByKind: text('requested_by_kind').notNull(),
    requestedById: uuid('requested_by_id'),
    requestedByName: text('requested_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    letterVersion: text('letter_version'), // 《华为云用户授权书》 version the customer agreed to
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'), // 取消原因
  },
  (t) => [
    // one open (pending or granted) authorization per partner and customer
    uniqueIndex('customer_authorizations_open_uq').on(t.partnerId, t.customerAccountId).where(sql`status in ('pending', 'granted')`),
    index('customer_authorizations_partner_idx').on(t.partnerId, t.requestedAt),
    index('customer_authorizations_customer_idx').on(t.customerAccountId, t.requestedAt),
  ],
);

/** 《合作伙伴代客操作协议》 accepted by the partner on its first authorization request (guide L9344). */
export const agencyAgreementAcceptances = pgTable(
  'agency_agreement_acceptances',
  {
    partnerId: uuid('partner_id')
      .primaryKey()
      .references(() => partners.id),
    version: text('version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    acceptedByKind: text('accepted_by_kind').notNull(),
    acceptedById: uuid('accepted_by_id'),
  },
);

/**
 * 客户经理 history of a customer (分配客户经理 / 收回客户, guide 10.4.1.10, 10.4.2.1). The current
 * manager is also on customer_associations.account_manager_id (what data scopes read); this table
 * keeps the dates: consumption and performance count for the manager from `counts_from` (the day
 * after assignment for solution providers and distributors, L9796; the moment itself for resellers,
 * L19258) until `ended_at`.
 */
export const customerManagerAssignments = pgTable(
  'customer_manager_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    associationId: uuid('association_id').notNull(),
    memberId: uuid('member_id').notNull(), // org_members.id (客户经理 / 客户经理主管)
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    countsFrom: timestamp('counts_from', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    source: text('source').$type<'assigned' | 'invitation'>().notNull().default('assigned'),
    assignedByKind: text('assigned_by_kind').notNull(),
    assignedById: uuid('assigned_by_id'),
    endedByKind: text('ended_by_kind'),
    endedById: uuid('ended_by_id'),
    current: boolean('current').notNull().default(true),
  },
  (t) => [
    uniqueIndex('customer_manager_assignments_current_uq').on(t.associationId).where(sql`current`),
    index('customer_manager_assignments_partner_member_idx').on(t.partnerId, t.memberId, t.current),
    index('customer_manager_assignments_customer_idx').on(t.customerAccountId, t.assignedAt),
  ],
);
