import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';

/**
 * 客户关联: a customer's (子客户) association with a partner, in 顾问销售 (consulting) or 代售 (resale)
 * mode (spec 04 C5). A customer is associated with one partner at a time. The foundation reads it
 * for the customer's 我的合作伙伴 page; reporting, invitations, unbind and switch arrive with the
 * customers issue and extend this table.
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
    associatedAt: timestamp('associated_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('customer_associations_active_uq').on(t.customerAccountId).where(sql`status = 'associated'`),
    index('customer_associations_partner_idx').on(t.partnerId, t.status, t.associatedAt),
    index('customer_associations_manager_idx').on(t.accountManagerId),
  ],
);
