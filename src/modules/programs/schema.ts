import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { partners } from '../partners/schema.js';

/**
 * 伙伴计划 (spec 01 §2.11–2.19, §3.5–3.9). Every row is a partner account's (tenant: partner_id);
 * the workflow of a submitted application lives in review_applications, these rows keep what the
 * partner sees and what the plan grants.
 */

/** Plan keys; `partners.programs` holds the same keys for the plans an account has joined. */
export const PROGRAM_KEYS = [
  'pce', // 合作伙伴共拓计划
  'capability', // 合作伙伴能力计划
  'solution_provider', // 解决方案提供商计划
  'distributor', // 分销计划（总经销商）
  'reseller', // 分销计划（云经销商）
  'marketplace_merchant', // 云商店商家计划
  'marketplace_csp', // 云商店客户服务商计划
  'service_capability', // 服务伙伴能力提升专项计划
  'wotu', // 沃土云创计划
] as const;
export type ProgramKey = (typeof PROGRAM_KEYS)[number];

/** Plans joined by a reviewed application (spec 01 §3.5). */
export const APPLICATION_PROGRAMS = ['solution_provider', 'distributor', 'reseller', 'marketplace_merchant', 'marketplace_csp'] as const;
export type ApplicationProgram = (typeof APPLICATION_PROGRAMS)[number];

/** 标准 < 优选 < 领先 < 核心 (R27). */
export const LEVELS = ['standard', 'preferred', 'leading', 'core'] as const;
export type Level = (typeof LEVELS)[number];

/** 草稿 → 审核中 → 审核通过 | 审核不通过 (→ edit → 审核中); a draft may be 取消 (cancelled). */
export const APPLICATION_STATUSES = ['draft', 'in_review', 'rejected', 'approved', 'cancelled'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ProgramContact {
  name: string; // 姓名
  mobile: string; // 手机
  email: string; // 邮箱
}

export interface AcceptedAgreement {
  key: string;
  version: string;
}

/** Step 1 填写商业信息, the union of the four forms (spec 01 §2.12); which fields are required depends on the plan. */
export interface ProgramBusinessInfo {
  companyName?: string;
  taxCode?: string;
  licenceFileId?: string | null;
  registeredCapital?: string;
  foundedDate?: string | null;
  shareholderProofFileId?: string | null; // 出资人构成证明 (CSP, company < 1 year)
  businessTermEnd?: string | null;
  businessTermLongTerm?: boolean;
  legalPerson?: string;
  country?: string;
  province?: string;
  city?: string;
  district?: string | null;
  address?: string; // 营业执照地址 (solution provider) / 详细地址
  postcode?: string | null;
  repOffice?: string | null; // 代表处
  businessRegion?: string | null; // 业务开展地区
  companyEmail?: string | null;
  landline?: string | null;
  engagingHuaweiContact?: boolean;
  huaweiContact?: { name: string; mobile?: string | null; email?: string | null } | null;
  staffSize?: string;
  annualRevenue?: string;
  logoFileId?: string | null;
  website?: string | null;
  intro?: string | null;
  intendedDistributor?: { companyName: string; accountName: string } | null; // 有意向合作的总经销商 (reseller)
  hasDistributorRelation?: boolean | null; // 您是否与总经销商有合作关系?
}

/** 尽职调查 (华为云计算反贿赂合规尽职调查, solution provider step 3). */
export interface DueDiligence {
  answers?: Record<string, { answer: 'yes' | 'no'; details?: string | null }>;
  sensitiveRelation?: 'declared' | 'none';
  sensitiveRelationDetails?: string | null;
  truthful?: boolean;
}

/** ProgramApplication (spec 01 §2.12). One open application per account and plan. */
export const programApplications = pgTable(
  'program_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    companyId: uuid('company_id').notNull(),
    program: text('program').$type<ApplicationProgram>().notNull(),
    level: text('level').$type<Level>(), // 申请等级 (solution provider)
    status: text('status').$type<ApplicationStatus>().notNull(),
    businessInfo: jsonb('business_info').$type<ProgramBusinessInfo>().notNull().default({}),
    contacts: jsonb('contacts').$type<ProgramContact[]>().notNull().default([]),
    agreements: jsonb('agreements').$type<AcceptedAgreement[]>().notNull().default([]),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}), // step 2 填写计划申请信息
    dueDiligence: jsonb('due_diligence').$type<DueDiligence>(), // step 3 (solution provider)
    reviewId: uuid('review_id'),
    rejectReason: text('reject_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }), // 申请日期
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('program_applications_partner_idx').on(t.partnerId, t.createdAt),
    index('program_applications_company_program_idx').on(t.companyId, t.program, t.status),
    // one unfinished application per account and plan: a double click cannot open two
    uniqueIndex('program_applications_open_uq')
      .on(t.partnerId, t.program)
      .where(sql`${t.status} IN ('draft', 'in_review', 'rejected')`),
  ],
);
export type ProgramApplication = typeof programApplications.$inferSelect;

/** 已加入 → 已过期 (solution provider, R29) / 退出中 (distributor, R35) → 已结束. */
export const MEMBERSHIP_STATUSES = ['active', 'expired', 'exiting', 'ended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** ProgramMembership (spec 01 §2.14): 已加入伙伴计划. */
export const programMemberships = pgTable(
  'program_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    companyId: uuid('company_id').notNull(),
    program: text('program').$type<ProgramKey>().notNull(),
    level: text('level').$type<Level>(), // 计划等级 (solution provider)
    status: text('status').$type<MembershipStatus>().notNull(),
    businessRegion: text('business_region'), // 业务开展地区 (distributor, reseller)
    assessmentFlag: text('assessment_flag'), // 'non_compliant': 保留分销计划，标记“不达标” (R35)
    applicationId: uuid('application_id'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }), // solution provider (R29)
    endedAt: timestamp('ended_at', { withTimezone: true }),
    certificateNo: text('certificate_no'),
    certificateFileId: uuid('certificate_file_id'), // generated on the first 下载证书
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('program_memberships_live_uq')
      .on(t.partnerId, t.program)
      .where(sql`${t.status} <> 'ended'`),
    index('program_memberships_company_idx').on(t.companyId, t.program, t.status),
    index('program_memberships_program_idx').on(t.program, t.status, t.joinedAt),
    index('program_memberships_expiry_idx').on(t.status, t.expiresAt),
  ],
);
export type ProgramMembership = typeof programMemberships.$inferSelect;

/** One requirement row of the 提升等级 snapshot (伙伴提交申请时填报积分卡填报数据快照, L1908). */
export interface UpgradeSnapshotRow {
  key: string;
  dataTime: string; // 报名时间 (the data's time)
  achieved: string; // 完成数量, e.g. "2888万", "服务合作伙伴"
  achievedValue: string; // machine value
  required: string; // 升级, e.g. "2000万"
  met: boolean; // 是否达标
}

/** LevelUpgradeApplication (spec 01 §2.13). */
export const levelUpgrades = pgTable(
  'program_level_upgrades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => programMemberships.id),
    fromLevel: text('from_level').$type<Level>().notNull(),
    targetLevel: text('target_level').$type<Level>().notNull(),
    status: text('status').$type<'in_review' | 'rejected' | 'approved'>().notNull(),
    snapshot: jsonb('snapshot').$type<UpgradeSnapshotRow[]>().notNull(),
    reviewId: uuid('review_id'),
    rejectReason: text('reject_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('program_level_upgrades_partner_idx').on(t.partnerId, t.createdAt),
    uniqueIndex('program_level_upgrades_open_uq')
      .on(t.membershipId)
      .where(sql`${t.status} <> 'approved'`),
  ],
);
export type LevelUpgrade = typeof levelUpgrades.$inferSelect;

/** SignedAgreement (spec 01 §2.6): 计划 > 合作承诺与协议 > 已签署协议. */
export const signedAgreements = pgTable(
  'program_signed_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    program: text('program').$type<ProgramKey>().notNull(),
    agreementKey: text('agreement_key').notNull(),
    version: text('version').notNull(),
    applicationId: uuid('application_id'),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('program_signed_agreements_uq').on(t.partnerId, t.agreementKey, t.version), index('program_signed_agreements_partner_idx').on(t.partnerId, t.signedAt)],
);
export type SignedAgreement = typeof signedAgreements.$inferSelect;

/** SensitiveRelationDeclaration (spec 01 §2.4, R3): 代表公司申报, one current declaration per company. */
export const relationDeclarations = pgTable('program_relation_declarations', {
  companyId: uuid('company_id').primaryKey(),
  partnerId: uuid('partner_id')
    .notNull()
    .references(() => partners.id), // the account that declared last
  choice: text('choice').$type<'declared' | 'none'>().notNull(), // 申报 / 不涉及
  details: text('details'),
  declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
});
export type RelationDeclaration = typeof relationDeclarations.$inferSelect;

/** Invitation to the invitation-only distributor plan (R8, L1933), sent by the ecosystem manager. */
export const programInvitations = pgTable(
  'program_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    program: text('program').$type<'distributor'>().notNull(),
    invitedByStaffId: uuid('invited_by_staff_id').notNull(),
    email: text('email'),
    status: text('status').$type<'pending' | 'accepted'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('program_invitations_partner_idx').on(t.partnerId, t.program, t.status), index('program_invitations_created_idx').on(t.program, t.createdAt)],
);
export type ProgramInvitation = typeof programInvitations.$inferSelect;

/**
 * ResellerDistributorLink (spec 01 §2.16, §3.9): 待审核 (the distributor's second approval) → 正常 →
 * 退出中; at most one live link per reseller (L2366).
 */
export const LINK_STATUSES = ['pending', 'active', 'rejected', 'exiting', 'ended'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const resellerLinks = pgTable(
  'program_reseller_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resellerPartnerId: uuid('reseller_partner_id')
      .notNull()
      .references(() => partners.id),
    distributorPartnerId: uuid('distributor_partner_id')
      .notNull()
      .references(() => partners.id),
    businessRegion: text('business_region').notNull(),
    source: text('source').$type<'application' | 'invitation'>().notNull(),
    status: text('status').$type<LinkStatus>().notNull(),
    applicationId: uuid('application_id'),
    invitationId: uuid('invitation_id'),
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('program_reseller_links_live_uq')
      .on(t.resellerPartnerId)
      .where(sql`${t.status} IN ('pending', 'active', 'exiting')`),
    index('program_reseller_links_distributor_idx').on(t.distributorPartnerId, t.status, t.createdAt),
  ],
);
export type ResellerLink = typeof resellerLinks.$inferSelect;

/** A distributor's invitation to a reseller (L2362, ch. 11.1.2): email with a link; accepted with "愿意". */
export const resellerInvitations = pgTable(
  'program_reseller_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    distributorPartnerId: uuid('distributor_partner_id')
      .notNull()
      .references(() => partners.id),
    resellerPartnerId: uuid('reseller_partner_id')
      .notNull()
      .references(() => partners.id),
    email: text('email').notNull(), // 邀请邮箱
    accountManagerName: text('account_manager_name'), // 客户经理姓名
    status: text('status').$type<'pending' | 'accepted' | 'failed' | 'cancelled'>().notNull(),
    failedReason: text('failed_reason'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('program_reseller_invitations_distributor_idx').on(t.distributorPartnerId, t.createdAt),
    index('program_reseller_invitations_reseller_idx').on(t.resellerPartnerId, t.status),
  ],
);
export type ResellerInvitation = typeof resellerInvitations.$inferSelect;

/** 全国型 / 区域型（一类/二类区域） / 区域型（三类区域） (spec 01 §2.15). */
export const DISTRIBUTOR_TYPES = ['national', 'regional_12', 'regional_3'] as const;
export type DistributorType = (typeof DISTRIBUTOR_TYPES)[number];

/** Requirement levels of the certification metrics (R33: higher levels cover lower ones). */
export interface CertificationRequirement {
  associate?: number; // HCIA/HCCDA 及以上 · 初级及以上
  professional?: number; // HCIP/HCCDP 及以上 · 中级及以上
  expert?: number; // HCIE/HCCDE · 高级
}

export interface ScorecardRequirements {
  annualPerformance?: string; // CNY
  valueResellers?: number;
  effectiveUsers?: number;
  certifications?: CertificationRequirement;
  professionalCertifications?: CertificationRequirement;
}

/**
 * 积分卡 data set by vendor staff (spec 01 §2.15; the solution provider's 积分卡填报数据 of §2.13):
 * the figures the centre cannot compute itself (annual performance, effective users) and, for a
 * distributor, its type and the year's requirements. Certifications and value resellers are computed.
 */
export const programScorecards = pgTable(
  'program_scorecards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    program: text('program').$type<'distributor' | 'solution_provider'>().notNull(),
    year: integer('year').notNull(),
    distributorType: text('distributor_type').$type<DistributorType>(),
    annualPerformance: text('annual_performance').notNull().default('0'), // CNY, exact decimal string
    effectiveUsers: integer('effective_users'), // 有效用户数 (付费金额≥100元)
    requirements: jsonb('requirements').$type<ScorecardRequirements>().notNull().default({}),
    dataDate: date('data_date', { mode: 'string' }).notNull(), // the day the figures are as of
    updatedByStaffId: uuid('updated_by_staff_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('program_scorecards_uq').on(t.partnerId, t.program, t.year)],
);
export type ProgramScorecard = typeof programScorecards.$inferSelect;

/** A reseller's figures under a distributor for the value-reseller formula (R32). */
export const resellerPerformance = pgTable(
  'program_reseller_performance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    distributorPartnerId: uuid('distributor_partner_id')
      .notNull()
      .references(() => partners.id),
    resellerPartnerId: uuid('reseller_partner_id')
      .notNull()
      .references(() => partners.id),
    year: integer('year').notNull(),
    annualPerformance: text('annual_performance').notNull(), // CNY
    payingCustomers: integer('paying_customers').notNull(), // customers paying ≥100 CNY
    dataDate: date('data_date', { mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('program_reseller_performance_uq').on(t.distributorPartnerId, t.resellerPartnerId, t.year)],
);

/** 年度考核 (spec 01 §2.15 AnnualAssessmentResult, §3.8). */
export const ASSESSMENT_STATUSES = [
  'published', // 待确认: published, not yet 确认已知
  'acknowledged', // 已确认
  'handling_review', // 处理方式审核中
  'handling_rejected', // 处理方式审核不通过: choose again
  'exiting', // 退出中
  'retained', // 不达标 (kept in the plan)
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const distributorAssessments = pgTable(
  'program_distributor_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    year: integer('year').notNull(),
    passed: boolean('passed').notNull(), // 达标 / 不达标
    results: jsonb('results').$type<{ key: string; requirement: string; achieved: string; met: boolean }[]>().notNull(),
    status: text('status').$type<AssessmentStatus>().notNull(),
    handling: text('handling').$type<'exit' | 'retain'>(),
    materialFileIds: uuid('material_file_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    reviewId: uuid('review_id'),
    rejectReason: text('reject_reason'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('program_distributor_assessments_uq').on(t.partnerId, t.year)],
);
export type DistributorAssessment = typeof distributorAssessments.$inferSelect;

/** QuickRegistrationSession (spec 01 §2.18): verified by the main account, used within 24 hours. */
export const quickRegistrations = pgTable(
  'program_quick_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    channel: text('channel').$type<'email' | 'sms'>().notNull(),
    tokenHash: text('token_hash').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(), // verifiedAt + 24 h
    usedAt: timestamp('used_at', { withTimezone: true }),
    newAccountId: uuid('new_account_id'),
    newPartnerId: uuid('new_partner_id'),
  },
  (t) => [uniqueIndex('program_quick_registrations_token_uq').on(t.tokenHash), index('program_quick_registrations_partner_idx').on(t.partnerId, t.verifiedAt)],
);
export type QuickRegistration = typeof quickRegistrations.$inferSelect;
