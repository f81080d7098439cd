import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, boolean, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { partners } from '../partners/schema.js';

/** 组织人员: IAM-style sub-users of a partner (guide 5.1, spec 02 §2.7). */
export const orgMembers = pgTable(
  'org_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    accountName: text('account_name').notNull(), // 账号名, immutable (R19)
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true), // R29
    name: text('name').notNull(),
    mobile: text('mobile').notNull(),
    email: text('email').notNull(),
    landline: text('landline'),
    status: text('status').notNull().default('normal'), // normal 正常 | locked 锁定
    supervisorId: uuid('supervisor_id'), // for a 客户经理: their 客户经理主管 (R24)
    /**
     * R25: the member's qualification info (资质信息) is under review, so their 客户经理 / SA专员
     * roles are locked. Set by whichever module runs that review, through
     * `setQualificationReviewPending` in org/service.ts; read through `hasPendingQualificationReview`.
     */
    qualificationReviewPending: boolean('qualification_review_pending').notNull().default(false),
    language: text('language').$type<'zh-CN' | 'en-US'>().notNull().default('zh-CN'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('org_members_partner_account_uq').on(t.partnerId, t.accountName),
    index('org_members_partner_name_idx').on(t.partnerId, t.name),
    index('org_members_partner_status_idx').on(t.partnerId, t.status),
    index('org_members_supervisor_idx').on(t.supervisorId),
    index('org_members_partner_created_idx').on(t.partnerId, t.createdAt), // the list's order and paging
  ],
);

/**
 * 角色: preset (partner_id NULL, preset_key set; permissions fixed in code and refreshed at start)
 * or custom (per partner, at most 10, R26). Permissions are menu paths.
 */
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').references(() => partners.id),
    presetKey: text('preset_key'),
    name: text('name').notNull(),
    description: text('description'),
    permissions: text('permissions').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('roles_preset_uq').on(t.presetKey),
    index('roles_partner_idx').on(t.partnerId),
    // a custom role's name is unique in its partner, whatever the case (preset names are checked in code)
    uniqueIndex('roles_partner_name_uq').on(t.partnerId, sql`lower(${t.name})`),
  ],
);

export const memberRoles = pgTable(
  'member_roles',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => orgMembers.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.roleId] }), index('member_roles_role_idx').on(t.roleId)],
);

/** 客户联系人: shown to the partner's customers on 我的合作伙伴 (R28: at most 5). */
export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    name: text('name').notNull(),
    position: text('position').notNull(),
    mobile: text('mobile').notNull(),
    email: text('email').notNull(),
    landline: text('landline'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_contacts_partner_idx').on(t.partnerId, t.createdAt)],
);
