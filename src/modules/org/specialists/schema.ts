import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, date, index, uniqueIndex, integer } from 'drizzle-orm/pg-core';
import { accounts } from '../../accounts/schema.js';
import { partners } from '../../partners/schema.js';

/**
 * 成员邀请 / 关联 (guide 5.2.1.1, spec 02 §2.10, §3.4): the binding record between a partner and an
 * employee's personal Huawei account. One row per (partner, account): a re-invitation of an expired or
 * unbound member reuses it, so its status is the member's current standing with that partner.
 * The history of binds lives in member_binding_history (R32e, dashboard trend).
 */
export const memberInvitations = pgTable(
  'member_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    invitedByKind: text('invited_by_kind').notNull(), // member | partner-account (context.actorLabel)
    invitedById: uuid('invited_by_id').notNull(),
    targetType: text('target_type').$type<'mobile' | 'email' | 'accountName'>().notNull(), // mobile 手机号 | email 邮箱地址 | accountName 账号名
    targetValue: text('target_value').notNull(),
    accountId: uuid('account_id').notNull().references(() => accounts.id), // the invitee, resolved at check/send
    // invited | expired | bound | unbound | applying | apply_rejected | cancel_approved | cancelled_by_vendor
    status: text('status').notNull(),
    statusBeforeApply: text('status_before_apply'), // where 撤回 returns to (R37)
    applyRejectReason: text('apply_reject_reason'),
    token: text('token').notNull(), // in the accept link
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(), // last (re)send
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(), // invitedAt + 7 days (R31)
    boundAt: timestamp('bound_at', { withTimezone: true }),
    unboundAt: timestamp('unbound_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('member_invitations_partner_account_uq').on(t.partnerId, t.accountId),
    uniqueIndex('member_invitations_token_uq').on(t.token),
    index('member_invitations_partner_status_idx').on(t.partnerId, t.status, t.invitedAt),
    index('member_invitations_partner_invited_idx').on(t.partnerId, t.invitedAt),
    index('member_invitations_account_status_idx').on(t.accountId, t.status),
    index('member_invitations_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** Every send and resend, for the daily limit of 100 (R31) and the record of who invited whom. */
export const invitationSends = pgTable(
  'member_invitation_sends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => memberInvitations.id),
    sentByKind: text('sent_by_kind').notNull(),
    sentById: uuid('sent_by_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('member_invitation_sends_partner_idx').on(t.partnerId, t.sentAt)],
);

/** One row per binding (accept → unbind): "1年内未与3个伙伴关联过" (R32e) and the binds/unbinds trend. */
export const memberBindingHistory = pgTable(
  'member_binding_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => memberInvitations.id),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull(),
    unboundAt: timestamp('unbound_at', { withTimezone: true }),
  },
  (t) => [
    index('member_binding_history_account_idx').on(t.accountId, t.boundAt),
    index('member_binding_history_partner_bound_idx').on(t.partnerId, t.boundAt),
    index('member_binding_history_partner_unbound_idx').on(t.partnerId, t.unboundAt),
    index('member_binding_history_invitation_idx').on(t.invitationId, t.boundAt),
  ],
);

/**
 * 项目专员 (guide 5.2.1.3–5.2.1.4, spec 02 §2.12, §3.5). A row is created when the application is
 * approved; a cancellation (by the partner, approved, or by the vendor) ends it. A member who
 * becomes a specialist again gets a new row, so each row is one period 开始日期 - 结束日期.
 */
export const projectSpecialists = pgTable(
  'project_specialists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => memberInvitations.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    applicationId: uuid('application_id'), // the approved org.specialist-apply review application
    path: text('path').notNull(), // 所属路径: service | si | learning
    deploymentMode: text('deployment_mode'), // service path: nationwide 全国调派 | stationed 代表处驻扎
    workBase: text('work_base'), // 工作常驻地 given with the application
    materialFileIds: uuid('material_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    // active | cancel_pending | vendor_cancel_pending | cancel_rejected | ended
    status: text('status').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    cancelReason: text('cancel_reason'),
    cancelFileIds: uuid('cancel_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    cancelRejectReason: text('cancel_reject_reason'),
    endedBy: text('ended_by'), // partner (cancellation approved) | vendor (华为方操作)
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // at most one live specialist period per binding
    uniqueIndex('project_specialists_live_uq')
      .on(t.invitationId)
      .where(sql`${t.status} <> 'ended'`),
    index('project_specialists_partner_status_idx').on(t.partnerId, t.status, t.updatedAt),
    index('project_specialists_partner_updated_idx').on(t.partnerId, t.updatedAt),
    index('project_specialists_account_idx').on(t.accountId),
  ],
);

/** 就职信息 (guide 5.2.2.2): the employee's current employer. Keyed by the personal account. */
export const memberEmployment = pgTable('member_employment', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id),
  employer: text('employer'), // 就职单位
  workBase: text('work_base'), // 工作常驻地 = 社保归属地; locked for the member once submitted (R40)
  proofFileId: uuid('proof_file_id'), // 在职证明
  submittedAt: timestamp('submitted_at', { withTimezone: true }), // first submission by the member
  workBaseUpdatedByKind: text('work_base_updated_by_kind'), // account | member | partner-account | staff
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** 项目 (guide 5.2.2.3): Huawei Cloud projects of the last 24 months (R41). */
export const memberProjects = pgTable(
  'member_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    name: text('name').notNull(), // 项目名称
    deliveryStart: date('delivery_start', { mode: 'string' }).notNull(), // 交付启动时间
    deliveryEnd: date('delivery_end', { mode: 'string' }).notNull(), // 交付结束时间
    role: text('role').notNull(), // 项目角色
    source: text('source').notNull(), // member (editable) | vendor (华为方生成, read-only)
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('member_projects_account_idx').on(t.accountId, t.deliveryEnd)],
);

/**
 * 证书 (guide 5.2.2.4). Manual uploads (职业认证 / 其他类) are reviewed by the vendor through the review
 * engine (kind org.member-certificate); 开发者认证 / 专业认证 are synced from 云学堂 (source sync).
 */
export const memberCertificates = pgTable(
  'member_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    type: text('type').notNull(), // professional 职业认证 | other 其他类 | developer 开发者认证 | specialty 专业认证
    source: text('source').notNull(), // member | sync
    name: text('name').notNull(),
    number: text('number').notNull(), // 证书编号
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    fileId: uuid('file_id'),
    status: text('status').notNull(), // in_review 审核中 | approved 审核通过 | rejected 审核未通过
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('member_certificates_account_idx').on(t.accountId, t.createdAt), index('member_certificates_status_idx').on(t.status)],
);

/** 培训 (guide 5.2.2.5): courses and exams synced from 云学堂 the next day (T+1, R43); read-only. */
export const memberTrainings = pgTable(
  'member_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    kind: text('kind').notNull(), // course 课程 | exam 考试
    name: text('name').notNull(),
    result: text('result'), // e.g. 已完成 / 通过 / 未通过
    score: integer('score'),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('member_trainings_account_idx').on(t.accountId, t.completedAt)],
);

export type MemberInvitation = typeof memberInvitations.$inferSelect;
export type ProjectSpecialist = typeof projectSpecialists.$inferSelect;
export type MemberEmployment = typeof memberEmployment.$inferSelect;
export type MemberProject = typeof memberProjects.$inferSelect;
export type MemberCertificate = typeof memberCertificates.$inferSelect;
export type MemberTraining = typeof memberTrainings.$inferSelect;
