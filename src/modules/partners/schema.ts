import { pgTable, text, timestamp, uuid, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';

/** 伙伴公司: one company, keyed by its unified social credit code, may own several partner accounts. */
export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(), // 统一社会信用代码
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
  (t) => [uniqueIndex('partners_account_uq').on(t.accountId), index('partners_company_idx').on(t.companyId)],
);
