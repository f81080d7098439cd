import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';

/**
 * 客户关联: a customer's (子客户) association with a partner, in 顾问销售 (consulting) or 代售 (resale)
 * mode (spec 04 C5). A customer is associated with one partner at a time (partial unique index on the
 * active row). Switching the type keeps the row; unbinding ends it (status unbound, ended_at) and a later
 * association is a new row. The foundation seed writes only the first columns, so the rest are nullable.
 */
export const customerAssociations = pgTable(
  'customer_associations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    customerAccountId: uuid('customer_account_id').notNull().references(() => accounts.id),
    associationType: text('association_type').notNull(), // consulting 顾问销售 | resale 代售
    status: text('status').notNull().default('associated'), // associated | unbound
    accountManagerId: uuid('account_manager_id'), // org member (客户经理) the customer is assigned to
    reportId: uuid('report_id'), // the 报备 that led to it, if any
    invitationId: uuid('invitation_id'), // the link or e-mail invitation used
    customTag: text('custom_tag'), // 自定义标签 (客户标签 in the list), from the link
    noticeVersion: text('notice_version'), // 《客户关联华为云合作伙伴须知》 version signed when associating
    associatedAt: timestamp('associated_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('customer_associations_active_uq').on(t.customerAccountId).where(sql`status = 'associated'`),
    // 客户列表 pages (newest association first, id breaks ties) walk these in order, index-only:
    // unfiltered, by 客户经理, by 关联类型 + 客户经理 (issue 4 bench: 100,000 customers of one partner)
    index('customer_associations_partner_idx').on(t.partnerId, t.status, t.associatedAt, t.id),
    index('customer_associations_partner_am_idx').on(t.partnerId, t.status, t.accountManagerId, t.associatedAt, t.id),
    index('customer_associations_partner_type_am_idx').on(t.partnerId, t.status, t.associationType, t.accountManagerId, t.associatedAt, t.id),
    index('customer_associations_manager_idx').on(t.accountManagerId),
    index('customer_associations_customer_idx').on(t.customerAccountId, t.associatedAt),
  ],
);
export type CustomerAssociation = typeof customerAssociations.$inferSelect;

/**
 * 报备客户 (spec 04 §2.4, op 7): pending_review 待审核 → reported 已报备 (15 days, exclusive) →
 * associated 已关联; expired 已失效 (15 days passed, deleted, or the real-name status changed);
 * rejected 审核未通过 (manual review refused; the guide does not describe it, inferred).
 */
export const customerReports = pgTable(
  'customer_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    customerAccountId: uuid('customer_account_id').notNull().references(() => accounts.id),
    fullName: text('full_name').notNull(), // 客户全称
    mobile: text('mobile').notNull(), // 手机号码 as entered (normalised)
    email: text('email'), // 电子邮箱 as entered
    sendInvite: boolean('send_invite').notNull().default(false), // 发送邀请链接
    associationType: text('association_type'), // 关联类型 for the automatic invitation
    status: text('status').notNull(),
    invalidReason: text('invalid_reason'), // expired | deleted | real_name_changed
    manualReasons: jsonb('manual_reasons').$type<string[]>(), // why direct reporting was not possible
    manualInfo: jsonb('manual_info').$type<Record<string, string>>(), // 继续申请报备 form
    reviewId: uuid('review_id'),
    reviewDueAt: timestamp('review_due_at', { withTimezone: true }), // submitted + 4 working days
    realNameSnapshot: text('real_name_snapshot').notNull(), // status:type when reported (rule 8452)
    reportedByKind: text('reported_by_kind').notNull(),
    reportedById: uuid('reported_by_id'),
    reportedByMemberId: uuid('reported_by_member_id'),
    reportedByName: text('reported_by_name'),
    reportedAt: timestamp('reported_at', { withTimezone: true }), // became 已报备
    expiresAt: timestamp('expires_at', { withTimezone: true }), // reportedAt + 15 days
    associatedAt: timestamp('associated_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // 15-day exclusivity: one live report per customer across all partners
    uniqueIndex('customer_reports_live_uq').on(t.customerAccountId).where(sql`status in ('pending_review', 'reported')`),
    index('customer_reports_partner_idx').on(t.partnerId, t.status, t.createdAt),
    index('customer_reports_expiry_idx').on(t.status, t.expiresAt),
  ],
);
export type CustomerReport = typeof customerReports.$inferSelect;

/**
 * 邀请链接及二维码: e-mail invitations (线上邀请, one report, one use, 7 days) and offline links
 * (通用 per user and type, 自定义 ≤100 per 24 h, 活动 valid for the activity).
 */
export const customerInvitations = pgTable(
  'customer_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    kind: text('kind').notNull(), // email | generic | custom | activity
    token: text('token').notNull(),
    associationType: text('association_type').notNull(),
    customType: text('custom_type'), // tag 自定义标签 | dedicated_am 专属客户经理
    tag: text('tag'), // 自定义标签 / 客户经理账号名 carried by the link
    accountManagerId: uuid('account_manager_id'), // auto-assignment on association
    activityId: uuid('activity_id'),
    remark: text('remark'),
    reportId: uuid('report_id'),
    email: text('email'),
    creatorKey: text('creator_key').notNull(), // partner-account:<id> | member:<id>
    creatorName: text('creator_name'),
    status: text('status').notNull().default('active'), // active | used | revoked
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('customer_invitations_token_uq').on(t.token),
    uniqueIndex('customer_invitations_generic_uq').on(t.partnerId, t.creatorKey, t.associationType).where(sql`kind = 'generic'`),
    index('customer_invitations_partner_idx').on(t.partnerId, t.kind, t.createdAt),
    index('customer_invitations_report_idx').on(t.reportId),
  ],
);
export type CustomerInvitation = typeof customerInvitations.$inferSelect;

/**
 * 拓展记录 (op 10): one row per invited customer: e-mail invitations from the moment they are sent,
 * offline links from the customer's attempt. Failures keep the guide's reason text and partner hint.
 */
export const expansionRecords = pgTable(
  'expansion_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    invitationId: uuid('invitation_id').notNull(),
    reportId: uuid('report_id'),
    customerAccountId: uuid('customer_account_id'),
    channel: text('channel').notNull(), // the invitation's kind
    fullName: text('full_name'), // 客户全称 (from the report)
    email: text('email'), // the e-mail entered when reporting (guide 8491)
    associationType: text('association_type').notNull(),
    tag: text('tag'), // 自定义标签/客户经理账号名
    remark: text('remark'),
    accountManagerId: uuid('account_manager_id'),
    status: text('status').notNull(), // invited | associated | failed | expired
    failureCode: text('failure_code'),
    failureReason: text('failure_reason'), // the guide's 提示说明, verbatim
    failureHint: text('failure_hint'), // the guide's 伙伴操作, verbatim
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    associatedAt: timestamp('associated_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('expansion_records_partner_idx').on(t.partnerId, t.invitedAt),
    index('expansion_records_invitation_idx').on(t.invitationId),
    index('expansion_records_status_idx').on(t.status, t.expiresAt),
  ],
);
export type ExpansionRecord = typeof expansionRecords.$inferSelect;

/**
 * 关联关系操作记录 (spec 04 §2.11): 关联 / 解除关联 / 切换关联类型, by the partner, the customer or
 * the system. At most one open request per association.
 */
export const associationEvents = pgTable(
  'association_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    customerAccountId: uuid('customer_account_id').notNull().references(() => accounts.id),
    associationId: uuid('association_id')
      .notNull()
      .references(() => customerAssociations.id),
    type: text('type').notNull(), // associate | unbind | switch
    initiator: text('initiator').notNull(), // partner | customer | system
    reason: text('reason'), // 申请原因
    status: text('status').notNull(), // pre_review | pre_review_rejected | pending | completed | rejected | cancelled
    fromType: text('from_type').notNull(),
    toType: text('to_type'),
    accountManagerId: uuid('account_manager_id'),
    reviewId: uuid('review_id'), // Huawei pre-review (代售 with a framework contract)
    preReviewReasons: text('pre_review_reasons'), // 不通过原因
    preReviewerName: text('pre_reviewer_name'), // 联系预审人
    preReviewerEmail: text('pre_reviewer_email'),
    rejectReason: text('reject_reason'),
    appliedByName: text('applied_by_name'),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByName: text('decided_by_name'),
  },
  (t) => [
    uniqueIndex('association_events_open_uq').on(t.associationId).where(sql`status in ('pre_review', 'pending')`),
    index('association_events_partner_idx').on(t.partnerId, t.appliedAt),
    index('association_events_customer_idx').on(t.customerAccountId, t.type, t.appliedAt),
  ],
);
export type AssociationEvent = typeof associationEvents.$inferSelect;

/** 协议管理: which version of 《客户关联华为云合作伙伴须知》 (or 关联关系切换须知) a customer signed, and when. */
export const customerNoticeSignatures = pgTable(
  'customer_notice_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerAccountId: uuid('customer_account_id')
      .notNull()
      .references(() => accounts.id),
    noticeKey: text('notice_key').notNull(), // association-notice | switch-notice
    version: text('version').notNull(), // e.g. V1001
    associationType: text('association_type').notNull(), // the notice text depends on the mode
    partnerId: uuid('partner_id'),
    context: text('context').notNull(), // associate | switch | resign
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_notice_signatures_customer_idx').on(t.customerAccountId, t.signedAt)],
);

/** 活动: the vendor's campaigns a partner can build an 活动邀请链接 for (validity = the activity's). */
export const customerActivities = pgTable(
  'customer_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdById: uuid('created_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_activities_period_idx').on(t.endsAt)],
);

/** 企业百科: public company data (read-only; loaded from the module's built-in data set). */
export const encyclopediaCompanies = pgTable(
  'encyclopedia_companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    summary: jsonb('summary').$type<Record<string, string | number | null>>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    activityStars: integer('activity_stars').notNull().default(0),
  },
  (t) => [uniqueIndex('encyclopedia_companies_name_uq').on(t.name), index('encyclopedia_companies_uscc_idx').on(t.uscc)],
);
