import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies, partners } from '../schema.js';

/**
 * 伙伴信息 (guide chapter 4, spec 02 §2.1, §2.5, §3.1–3.3): company information shared by every partner
 * account of a company, its change log, and the business-information certification (商业信息认证).
 * The identity columns (companies.name / uscc, partners.is_main_account) stay in ../schema.ts.
 */

// ---------------------------------------------------------------------------------------------
// 公司信息 (spec 02 §2.1)

/** 基本信息: what the business licence says (the USCC lives in companies.uscc and is not editable here, R4). */
export interface CompanyBasicInfo {
  licenceFileId: string | null; // 营业执照
  companyName: string; // 公司名称 (mirrored into companies.name)
  taxCode: string | null; // 税务编码
  registeredCapital: string | null; // 注册资金(万元), exact decimal
  foundedDate: string | null; // 公司成立时间 YYYY-MM-DD
  businessTermEnd: string | null; // 营业期限
  businessTermLongTerm: boolean; // 长期
  licenceAddress: string | null; // 营业执照地址
  legalPerson: string | null; // 公司法人
  businessScope: string | null; // 营业范围 ≤ 1,000
}

/** 详细信息. */
export interface CompanyDetailInfo {
  postcode: string | null; // 邮政编码
  province: string | null; // 公司所在省/直辖市/自治区
  city: string | null; // 公司所在城市
  staffSize: string | null; // 人员规模
  annualRevenue: string | null; // 年营业额(万元), exact decimal
  logoFileId: string | null; // 公司logo
  website: string | null; // 公司网站
  companyEmail: string | null; // 公司邮箱
  intro: string | null; // 公司简介 ≤ 500
}

/** 联系人信息. */
export interface CompanyContact {
  name: string;
  mobile: string;
  email: string;
}

export interface CompanyInfo {
  basic: CompanyBasicInfo;
  details: CompanyDetailInfo;
  contacts: CompanyContact[];
}

/**
 * The company's current information. A company without a row shows what its HCPN enrolment said
 * (the row is written by the first change).
 */
export const companyProfiles = pgTable('company_profiles', {
  companyId: uuid('company_id')
    .primaryKey()
    .references(() => companies.id),
  info: jsonb('info').$type<CompanyInfo>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const INFO_CHANGE_STATUSES = ['applied', 'in_review', 'approved', 'rejected'] as const;
export type InfoChangeStatus = (typeof INFO_CHANGE_STATUSES)[number];

/** One field of a change: the before/after comparison the partner reads (修改记录及修改前后的对比, L2863). */
export interface InfoChangeField {
  section: 'basic' | 'details' | 'contacts';
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * CompanyInfoChangeRequest (spec 02 §2.1, §3.1): applied at once when the automatic check passes,
 * otherwise 人工审核 through the review engine (kind partners.company-info-change).
 */
export const companyInfoChanges = pgTable(
  'company_info_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id), // the (main) account that submitted it
    submittedByName: text('submitted_by_name'),
    status: text('status').$type<InfoChangeStatus>().notNull(),
    before: jsonb('before').$type<CompanyInfo>().notNull(),
    after: jsonb('after').$type<CompanyInfo>().notNull(),
    changes: jsonb('changes').$type<InfoChangeField[]>().notNull(),
    autoCheckFailures: jsonb('auto_check_failures').$type<string[]>().notNull().default([]),
    reviewId: uuid('review_id'),
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('company_info_changes_company_idx').on(t.companyId, t.createdAt),
    // one change under review per company: a second one would be decided against a stale "before"
    uniqueIndex('company_info_changes_open_uq').on(t.companyId).where(sql`status = 'in_review'`),
  ],
);
export type CompanyInfoChange = typeof companyInfoChanges.$inferSelect;

// ---------------------------------------------------------------------------------------------
// 商业信息认证 (spec 02 §2.5, §3.3)

/** Step ① 填写公司信息 (the company name is the company's, read at submission). */
export interface CertCompanyStep {
  registeredCountry: string; // 注册国家
  province: string; // 省/直辖市/自治区
  city: string; // 城市
  address: string; // 详细地址 (must match the licence, R12)
  taxpayerType: string; // 纳税人类型
  taxNumber: string; // 税号 (= 18-character USCC where one exists, R12)
  financeContact: { lastName: string; firstName: string; mobile: string; email: string }; // 财务联系人
  disclaimerAcceptedAt: string; // 《商业信息认证免责与隐私声明》
}

/** Step ② 填写银行信息. */
export interface CertBankStep {
  bankCountry: string; // 银行所在国家
  bankName: string; // 银行名称
  bankListed: boolean; // picked from the bank list (R13); a manual entry goes to the reviewer
  supportsUnionPay: boolean; // 银联对公转账 possible (amount verification)
  branchName: string; // 分行名称
  branchCode: string; // 分行代码 / 联行号
  branchLocation: string; // 分行所在地
  accountHolder: string; // 银行账户 (= company name, R12)
  accountNumber: string; // 银行账号 (digits only for Chinese banks)
  currency: string; // 货币 (the settlement currency elsewhere)
  legalRepresentative: string; // 法定代表人
  enterpriseCodeType: string; // 企业代码类型 (统一社会信用代码 for UnionPay, R14)
  enterpriseCode: string; // 企业代码
}

/** Step ③ 关联供应商调查. */
export interface CertSurveyStep {
  involved: boolean; // 涉及 / 不涉及
  items: { item: number; details: string }[]; // the five questions (1–5) ticked, with details
}

export const CERT_STATUSES = [
  'draft', // 填写中 (not yet submitted; shown as 未认证 until a certification exists)
  'amount_verification', // 待验证转账金额
  'locked', // 已锁定 (3 wrong amounts)
  'auto_certifying', // 自动认证中
  'manual_review', // 人工审核中
  'awaiting_bank_letter', // 待提交银行确认函
  'certified', // 已认证
  'failed', // 认证失败
] as const;
export type CertStatus = (typeof CERT_STATUSES)[number];

/** first: 商业信息首次认证; recert_company: 仅修改公司信息; recert_bank: 修改公司信息以及银行信息. */
export const CERT_MODES = ['first', 'recert_company', 'recert_bank'] as const;
export type CertMode = (typeof CERT_MODES)[number];

/** One certification (first or re-certification) of a company's business information. */
export const businessCertifications = pgTable(
  'business_certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id), // the account that started it (notifications go to it)
    mode: text('mode').$type<CertMode>().notNull(),
    status: text('status').$type<CertStatus>().notNull(),
    companyName: text('company_name'), // snapshot at submission (公司名称)
    companyStep: jsonb('company_step').$type<CertCompanyStep>(),
    bankStep: jsonb('bank_step').$type<CertBankStep>(),
    surveyStep: jsonb('survey_step').$type<CertSurveyStep>(),
    bankLetterFileId: uuid('bank_letter_file_id'), // 银行确认函
    bankLetterRequired: boolean('bank_letter_required').notNull().default(false), // R10
    manualReasons: jsonb('manual_reasons').$type<string[]>().notNull().default([]),
    // 转账金额验证 (R15): exact decimal, never a float
    verificationAmount: numeric('verification_amount', { precision: 4, scale: 2 }),
    verificationRound: integer('verification_round').notNull().default(0), // amounts transferred so far
    verificationFailures: integer('verification_failures').notNull().default(0), // wrong entries this round (≤ 3)
    verificationSentAt: timestamp('verification_sent_at', { withTimezone: true }),
    amountVerifiedAt: timestamp('amount_verified_at', { withTimezone: true }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    unlockedAt: timestamp('unlocked_at', { withTimezone: true }),
    unlockWorkOrder: text('unlock_work_order'),
    reviewId: uuid('review_id'),
    failureReason: text('failure_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    certifiedAt: timestamp('certified_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('business_certs_company_idx').on(t.companyId, t.createdAt),
    index('business_certs_status_idx').on(t.status, t.updatedAt),
    // one certification in progress per company (certified ones are history)
    uniqueIndex('business_certs_open_uq').on(t.companyId).where(sql`status <> 'certified'`),
  ],
);
export type BusinessCertification = typeof businessCertifications.$inferSelect;

/**
 * 华为供应商管理系统 (the vendor's supplier master), as far as certification needs it: a same-name
 * non-IOI supplier whose bank account, contracting entity or currency differ must send a bank
 * confirmation letter (R10). Certification writes the certified bank details here; staff maintain
 * the IOI flag and records of suppliers known from elsewhere.
 */
export const supplierRecords = pgTable(
  'supplier_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyName: text('company_name').notNull(), // 同名: keyed by the name
    ioi: boolean('ioi').notNull().default(false),
    bankAccount: text('bank_account').notNull(),
    currency: text('currency').notNull(),
    contractingEntity: text('contracting_entity').notNull(), // 华为签约主体
    source: text('source').$type<'certification' | 'ops'>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supplier_records_name_uq').on(t.companyName)],
);
export type SupplierRecord = typeof supplierRecords.$inferSelect;

/**
 * 合作分成协议 signed in the cloud store (R11: a cloud-store partner certifies only after signing it).
 * Written by the marketplace side (recordRevenueShareAgreement) or by staff from the console.
 */
export const cloudStoreRevenueAgreements = pgTable('cloud_store_revenue_agreements', {
  partnerId: uuid('partner_id')
    .primaryKey()
    .references(() => partners.id),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
});
