import { pgTable, text, timestamp, uuid, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 华为账号 (Huawei account): the identity of a customer, an employee's personal account and a
 * partner account alike (spec 01 §2.1). A partner is an account that joined HCPN (partners module).
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountName: text('account_name').notNull(), // 帐号名 (changeable once, spec 02 R2)
    accountNameChangedAt: timestamp('account_name_changed_at', { withTimezone: true }),
    countryRegion: text('country_region').notNull().default('中国'),
    mobile: text('mobile').notNull(), // "+86-13800000000" normalised
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    name: text('name'), // 姓名
    tenantName: text('tenant_name').notNull(), // 租户名 (login tenant for IAM members)
    cloudActivatedAt: timestamp('cloud_activated_at', { withTimezone: true }), // 开通华为云
    cloudTermsVersion: text('cloud_terms_version'),
    realNameStatus: text('real_name_status').$type<'none' | 'pending' | 'verified' | 'rejected'>().notNull().default('none'),
    realNameType: text('real_name_type'), // enterprise | personal
    enterpriseName: text('enterprise_name'), // 企业名称 after enterprise real-name verification
    language: text('language').$type<'zh-CN' | 'en-US'>().notNull().default('zh-CN'), // 消息接收设置: 语言
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'), // 消息接收设置: 时区
    status: text('status').notNull().default('active'), // active | frozen
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}), // eligibility facts read by later modules
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('accounts_account_name_uq').on(t.accountName),
    uniqueIndex('accounts_mobile_uq').on(t.mobile),
    uniqueIndex('accounts_email_uq').on(t.email),
    uniqueIndex('accounts_tenant_name_uq').on(t.tenantName),
  ],
);

/** 企业实名认证 application; decided by vendor staff through the review engine. */
export const realNameApplications = pgTable(
  'real_name_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    reviewId: uuid('review_id'),
    companyName: text('company_name').notNull(),
    uscc: text('uscc').notNull(), // 统一社会信用代码
    legalRepresentative: text('legal_representative').notNull(),
    licenceFileId: uuid('licence_file_id').notNull(),
    contactName: text('contact_name').notNull(),
    contactMobile: text('contact_mobile').notNull(),
    status: text('status').$type<'pending' | 'verified' | 'rejected' | 'withdrawn'>().notNull(),
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('real_name_account_idx').on(t.accountId, t.createdAt)],
);

/** Vendor staff (运营后台 users). */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    mobile: text('mobile'),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('staff_username_uq').on(t.username)],
);

export const isActivated = (a: { cloudActivatedAt: Date | null }) => a.cloudActivatedAt !== null;
