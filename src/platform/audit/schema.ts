import { pgTable, text, timestamp, uuid, jsonb, index, bigserial } from 'drizzle-orm/pg-core';

/** Who did what, when, from where, with before/after; written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    partnerId: uuid('partner_id'),
    customerAccountId: uuid('customer_account_id'), // for events a customer may read (guide §13.12)
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_partner_at_idx').on(t.partnerId, t.at),
    index('audit_action_at_idx').on(t.action, t.at),
    index('audit_object_idx').on(t.objectType, t.objectId),
    index('audit_customer_at_idx').on(t.customerAccountId, t.at),
    index('audit_at_idx').on(t.at),
  ],
);
