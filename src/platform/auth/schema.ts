import { pgTable, text, timestamp, integer, index, uuid } from 'drizzle-orm/pg-core';

/** Sign-in sessions (cookie holds a random token; we keep only its hash). */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256(token)
    subjectKind: text('subject_kind').notNull(), // account | member | staff
    subjectId: uuid('subject_id').notNull(),
    partnerId: uuid('partner_id'), // tenant for account-in-partner and member sessions
    portal: text('portal').notNull(), // partner | customer | ops
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_subject_idx').on(t.subjectKind, t.subjectId)],
);

/** One-time verification codes (SMS / e-mail) for registration, reset, sensitive operations. */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose').notNull(),
    target: text('target').notNull(), // mobile number or e-mail address
    subjectKey: text('subject_key'), // optional binding, e.g. "partner:<id>"
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('verification_codes_target_idx').on(t.purpose, t.target, t.createdAt)],
);

/** Failure counters and temporary locks for sign-in and code requests (shared by all nodes). */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(), // e.g. "login:account:13800000000", "code:13800000000"
  count: integer('count').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
