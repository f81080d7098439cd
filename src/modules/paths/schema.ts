import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/**
 * AnnualReview (spec 01 §2.10, §3.4, op 13): one row per partner account, path and review year, for the
 * certified stage the account held when the year's 伙伴发展路径认证年度复核 opened. The review engine
 * (kind `paths.annual-review`) carries the vendor's decisions once the partner applies (申请复核).
 * status: started (待申请复核) → reviewing (复核中) ⇄ modification_requested (复核中, 修改意见 before the
 * deadline) → passed (复核通过) | failed (复核不通过, the stage rolled back to `rolledBackTo`).
 */
export const pathAnnualReviews = pgTable(
  'path_annual_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    path: text('path').notNull(), // service | si | learning (R40)
    stage: text('stage').notNull(), // the certified stage under review: role_certified | differentiated
    year: integer('year').notNull(), // 2024年伙伴发展路径认证年度复核
    status: text('status').notNull(),
    applyDeadline: timestamp('apply_deadline', { withTimezone: true }).notNull(), // 规定的日期内完成复核申请 (exclusive)
    modificationDeadline: timestamp('modification_deadline', { withTimezone: true }).notNull(), // 修改材料截止时间 (exclusive)
    resultsBy: timestamp('results_by', { withTimezone: true }).notNull(), // 复核结果将于…左右发出 (shown, not enforced)
    materials: jsonb('materials').$type<string[]>().notNull().default([]), // 复核材料 (file ids)
    reviewId: uuid('review_id'),
    modificationOpinion: text('modification_opinion'), // 修改意见 (the engine's return reason)
    modificationRequestedAt: timestamp('modification_requested_at', { withTimezone: true }),
    resultOpinion: text('result_opinion'), // 审核意见 given with 复核不通过
    rolledBackTo: text('rolled_back_to'), // 选择角色 / 角色认证 after a failure
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('path_annual_reviews_partner_path_year_uq').on(t.partnerId, t.path, t.year),
    index('path_annual_reviews_partner_idx').on(t.partnerId, t.path, t.createdAt),
    index('path_annual_reviews_year_status_idx').on(t.year, t.status, t.createdAt),
    // the deadline job: open reviews past a deadline
    index('path_annual_reviews_open_idx').on(t.status, t.applyDeadline).where(sql`status IN ('started', 'modification_requested')`),
  ],
);

export type PathEnrollment = typeof pathEnrollments.$inferSelect;
export type PathCertification = typeof pathCertifications.$inferSelect;
export type PathInvitation = typeof pathInvitations.$inferSelect;
export type PathAnnualReview = typeof pathAnnualReviews.$inferSelect;
