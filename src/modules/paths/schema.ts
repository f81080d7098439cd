import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { partners } from '../partners/schema.js';

/**
 * PathEnrollment (spec 01 §2.8): one row per partner account and path while it is joined or awaiting
 * the ecosystem manager's review (R10). Exiting deletes the row (the audit log keeps the history).
 * `stage` is what reviews decided (service); the software stage is evaluated on read from the solutions.
 */
export const pathEnrollments = pgTable(
  'path_enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    companyId: uuid('company_id').notNull(),
    path: text('path').notNull(), // software | service | si | learning | distributor
    status: text('status').notNull(), // pending_review | rejected | joined
    stage: text('stage').notNull().default('role_selected'), // role_selected | role_certified | differentiated
    reviewId: uuid('review_id'),
    rejectReason: text('reject_reason'),
    selectedAt: timestamp('selected_at', { withTimezone: true }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('path_enrollments_partner_path_uq').on(t.partnerId, t.path),
    index('path_enrollments_company_path_idx').on(t.companyId, t.path),
  ],
);

/** PathCertificationApplication (spec 01 §2.9): 角色认证 / 能力差异化 by application; the review engine decides. */
export const pathCertifications = pgTable(
  'path_certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    path: text('path').notNull(),
    targetStage: text('target_stage').notNull(), // role_certified | differentiated
    status: text('status').notNull(), // reviewing | failed | passed
    materials: jsonb('materials').$type<{ materials: string[]; cases: string[]; businessPlan: string | null }>().notNull(),
    reviewId: uuid('review_id'),
    failureReason: text('failure_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('path_certifications_partner_path_idx').on(t.partnerId, t.path, t.createdAt),
    // one unfinished application per stage: a double click cannot open two
    uniqueIndex('path_certifications_open_uq').on(t.partnerId, t.path, t.targetStage).where(sql`status <> 'passed'`),
  ],
);

/** Invitation to an invite-only path (R8), sent by vendor staff to a partner account by e-mail. */
export const pathInvitations = pgTable(
  'path_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    path: text('path').notNull(), // si | learning | distributor
    invitedByStaffId: uuid('invited_by_staff_id').notNull(),
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('path_invitations_partner_path_idx').on(t.partnerId, t.path)],
);

export type PathEnrollment = typeof pathEnrollments.$inferSelect;
export type PathCertification = typeof pathCertifications.$inferSelect;
export type PathInvitation = typeof pathInvitations.$inferSelect;
