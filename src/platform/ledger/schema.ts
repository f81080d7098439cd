import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, jsonb, index, integer, numeric, bigserial, check } from 'drizzle-orm/pg-core';

/**
 * Double-entry ledger (ARCHITECTURE: Ledger). Every movement of money or quota is a posting
 * whose lines sum to zero; an account's balance is the sum of its lines, kept in `balance`
 * under a row lock so reads are cheap and floors can be enforced.
 * Only src/platform/ledger/index.ts writes these tables.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable name, e.g. "partner:<uuid>:allocatable", "customer:<uuid>:cash", "vendor:topup". */
    code: text('code').notNull().unique(),
    ownerKind: text('owner_kind').notNull(), // partner | customer | vendor | ...
    ownerId: uuid('owner_id'), // null for vendor-side accounts
    partnerId: uuid('partner_id'), // tenant; null for vendor-side accounts
    currency: text('currency').notNull().default('CNY'),
    balance: numeric('balance', { precision: 24, scale: 8 }).notNull().default('0'),
    /** The balance may not be debited below this; null = no floor (vendor-side sources). */
    floor: numeric('floor', { precision: 24, scale: 8 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('ledger_accounts_partner_idx').on(t.partnerId),
    index('ledger_accounts_owner_idx').on(t.ownerKind, t.ownerId),
  ],
);

export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The caller's request id (or a key derived from the business object); a repeat is a replay. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull(), // e.g. customer.allocation, coupon.issue, finance.topup
    memo: text('memo'),
    partnerId: uuid('partner_id'),
    actorKind: text('actor_kind'),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('ledger_postings_partner_at_idx').on(t.partnerId, t.createdAt),
    index('ledger_postings_kind_at_idx').on(t.kind, t.createdAt),
  ],
);

export const ledgerPostingLines = pgTable(
  'ledger_posting_lines',
  {
    // A sequence, not a uuid: lines of one account are inserted under its row lock, so id order
    // is the order in which the balance moved (created_at alone ties when the clock is frozen).
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postingId: uuid('posting_id')
      .notNull()
      .references(() => ledgerPostings.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: numeric('amount', { precision: 24, scale: 8 }).notNull(), // signed: + credit to the account, − debit
    balanceAfter: numeric('balance_after', { precision: 24, scale: 8 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(), // the posting's, copied for the account index
  },
  (t) => [
    index('ledger_lines_account_at_idx').on(t.accountId, t.createdAt, t.id),
    index('ledger_lines_posting_idx').on(t.postingId),
    check('ledger_lines_amount_nonzero', sql`${t.amount} <> 0`),
  ],
);

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type LedgerPostingRow = typeof ledgerPostings.$inferSelect;
export type LedgerPostingLineRow = typeof ledgerPostingLines.$inferSelect;
