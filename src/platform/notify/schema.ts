import { pgTable, text, timestamp, uuid, jsonb, index, integer } from 'drizzle-orm/pg-core';

/**
 * The notification outbox: every e-mail, SMS and in-site message (站内信) is a row written in
 * the same transaction as the change that causes it, then delivered by a job. In the embedded
 * set-up e-mail and SMS are "delivered" to the demo inbox (this table, status 'delivered');
 * with SMTP settings e-mail really goes out. SMS has no provider in this code base: without one, SMS
 * rows end as 'kept' (readable in the demo inbox when it is on, never sent).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(), // email | sms | site
    recipientKind: text('recipient_kind'), // account | member | staff | partner
    recipientId: uuid('recipient_id'),
    address: text('address'), // e-mail address or mobile number (email/sms)
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull().default('pending'), // pending | delivered | failed | kept
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }), // back-off after a failed attempt
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientKind, t.recipientId, t.channel, t.createdAt),
    index('notifications_address_idx').on(t.address, t.createdAt),
    index('notifications_status_idx').on(t.status, t.createdAt),
  ],
);
