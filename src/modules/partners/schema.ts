import { pgTable, text, timestamp, uuid, boolean, index, uniqueIndex, jsonb } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';

/** 伙伴公司: one company, keyed by its unified social credit code, may own several partner accounts. */
export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(), // 统一社会信用代码
    enrolmentApplicationId: uuid('enrolment_application_id'), // the HCPN application that registered it (null for seeded ones)
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('companies_uscc_uq').on(t.uscc)],
);

/**
 * A partner account (伙伴账号): the tenant. Every partner-owned row carries its id as partner_id.
 * HCPN enrolment (issue: partner lifecycle) creates these; the foundation seeds them.
 */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    companyId: uuid('company_id').notNull().references(() => companies.id),
    isMainAccount: boolean('is_main_account').notNull().default(false), // 主账号 (first of the company to join HCPN)
    displayName: text('display_name').notNull(),
    // What the partner has joined, used by rules elsewhere (e.g. spec 02 R33 invitations need a path or plan).
    paths: text('paths').array().notNull().default([]), // software | service | si | learning | distributor
    programs: text('programs').array().notNull().default([]), // solution_provider | distributor | reseller | gov_subsidy | ...
    verificationCodeRequired: boolean('verification_code_required').notNull().default(false), // 验证码验证 switch (guide §19.8)
    status: text('status').notNull().default('active'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('partners_account_uq').on(t.accountId),
    index('partners_company_idx').on(t.companyId),
    // 伙伴管理 (partners/directory): joined-date range and order, path and programme filters (array @>)
    index('partners_joined_idx').on(t.joinedAt),
    index('partners_paths_gin').using('gin', t.paths),
    index('partners_programs_gin').using('gin', t.programs),
  ],
);

/** Step 1 商业信息 of the HCPN wizard (spec 01 §2.3); amounts in 万元 as exact decimal strings. */
export interface HcpnBusinessInfo {
  companyName: string;
  uscc: string; // 统一社会信用代码/组织机构代码
  taxCode: string; // 税务编码
  licenceFileId: string; // 营业执照文件
  registeredCapital: string; // 注册资金(万元)
  foundedDate: string; // 公司成立时间 (YYYY-MM-DD)
  businessTermEnd: string | null; // 营业期限
  businessTermLongTerm: boolean; // 长期
  licenceAddress: string; // 营业执照地址
  legalPerson: string; // 公司法人
  businessScope: string; // 营业范围 ≤ 1,000
  postcode: string | null; // 邮政编码
  province: string; // 公司所在省/直辖市/自治区
  city: string; // 公司所在城市
  staffSize: string; // 人员规模
  annualRevenue: string; // 年营业额(万元)
  logoFileId: string | null; // 公司logo
  website: string | null; // 公司网站
  companyEmail: string | null; // 公司邮箱
  intro: string; // 公司简介 ≤ 500
}

export interface HcpnContact {
  name: string;
  mobile: string;
  email: string;
}

export interface HcpnAcceptedAgreement {
  key: string;
  version: string;
  acceptedAt: string;
}

export const HCPN_STATUSES = ['draft', 'in_review', 'rejected', 'joined'] as const;
export type HcpnStatus = (typeof HCPN_STATUSES)[number];

/**
 * 入驻申请: one HCPN enrolment per Huawei account, filled step by step (草稿) and then
 * 提交认证 (auto-approved, or 人工审核 through the review engine).
 */
export const hcpnApplications = pgTable(
  'hcpn_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    status: text('status').$type<HcpnStatus>().notNull().default('draft'),
    uscc: text('uscc'), // copied from businessInfo for lookups
    businessInfo: jsonb('business_info').$type<HcpnBusinessInfo>(),
    contacts: jsonb('contacts').$type<HcpnContact[]>(),
    sensitiveRelation: text('sensitive_relation').$type<'declared' | 'none'>(), // 申报 / 不涉及
    sensitiveRelationDetails: text('sensitive_relation_details'),
    agreements: jsonb('agreements').$type<HcpnAcceptedAgreement[]>(),
    autoCheckFailures: jsonb('auto_check_failures').$type<string[]>(), // why 人工审核 was needed
    reviewId: uuid('review_id'),
    rejectReason: text('reject_reason'),
    partnerId: uuid('partner_id'),
    companyId: uuid('company_id'),
    linkedExistingCompany: boolean('linked_existing_company').notNull().default(false), // R4
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('hcpn_applications_account_uq').on(t.accountId), index('hcpn_applications_uscc_idx').on(t.uscc), index('hcpn_applications_status_idx').on(t.status)],
);
export type HcpnApplication = typeof hcpnApplications.$inferSelect;
