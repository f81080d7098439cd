import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, jsonb, integer, index, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';

/** The lifecycle of every application the vendor reviews (ARCHITECTURE: Review workflow). */
export const REVIEW_STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'withdrawn', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_ACTIONS = [
  'save_draft',
  'submit',
  'withdraw', // 撤回
  'approve_stage', // one stage passed, the next one starts
  'approve', // the last stage passed: 审核通过
  'reject', // 驳回
  'return', // 退回修改
  'resubmit', // 重新提交 after reject / return / withdraw
  'comment',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * One application of one kind about one domain object (the subject: a project_specialists row,
 * a solution, an MDF claim, …). The owning module keeps its own domain row; this row carries the
 * workflow state and a snapshot of what was submitted.
 */
export const reviewApplications = pgTable(
  'review_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(), // e.g. "org.specialist-apply"
    subjectType: text('subject_type').notNull(), // e.g. "project_specialist"
    subjectId: uuid('subject_id').notNull(),
    partnerId: uuid('partner_id'), // tenant; null for applications made before partnership (HCPN enrolment)
    applicantKind: text('applicant_kind').notNull(), // member | partner-account | account (context.actorLabel)
    applicantId: uuid('applicant_id').notNull(),
    applicantName: text('applicant_name'),
    /** One line shown in the operations queue, written by the module (e.g. partner name and subject). */
    summary: text('summary'),
    status: text('status').$type<ReviewStatus>().notNull(),
    stageIndex: integer('stage_index').notNull().default(0),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** The latest reject / return reason; cleared on resubmission (the history keeps them all). */
    rejectReason: text('reject_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull().default(0), // optimistic locking for the UI
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // the operations queue: kind + status + stage, newest or oldest first
    index('review_app_queue_idx').on(t.kind, t.status, t.stageIndex, t.submittedAt),
    index('review_app_status_submitted_idx').on(t.status, t.submittedAt),
    index('review_app_partner_idx').on(t.partnerId, t.kind, t.status, t.submittedAt),
    index('review_app_subject_idx').on(t.subjectType, t.subjectId, t.kind),
    index('review_app_applicant_idx').on(t.applicantKind, t.applicantId),
    // at most one unfinished application per kind and subject: a double click cannot open two reviews
    uniqueIndex('review_app_open_subject_uq')
      .on(t.kind, t.subjectType, t.subjectId)
      .where(sql`${t.status} <> 'approved'`),
  ],
);

/** Every transition and comment, with who and when (审核记录 / 审批历史). */
export const reviewEvents = pgTable(
  'review_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => reviewApplications.id, { onDelete: 'cascade' }),
    action: text('action').$type<ReviewAction>().notNull(),
    fromStatus: text('from_status').$type<ReviewStatus>(),
    toStatus: text('to_status').$type<ReviewStatus>().notNull(),
    stageIndex: integer('stage_index'),
    stageKey: text('stage_key'),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    comment: text('comment'), // the comment, or the reject / return reason
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('review_events_app_idx').on(t.applicationId, t.at, t.id)],
);

/** Files attached to an application (materials, licences); the files table belongs to platform/files. */
export const reviewAttachments = pgTable(
  'review_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => reviewApplications.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').notNull(),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('review_attachments_app_idx').on(t.applicationId), index('review_attachments_file_idx').on(t.fileId)],
);

export type ReviewApplication = typeof reviewApplications.$inferSelect;
export type ReviewEvent = typeof reviewEvents.$inferSelect;
export type ReviewAttachment = typeof reviewAttachments.$inferSelect;
