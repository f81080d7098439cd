import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { partners } from '../partners/schema.js';

/**
 * 能力认证申请 (guide 7.1, spec 02 §2.16, §3.9): one certification of one level-1 label by one
 * partner. The workflow state lives in review_applications (kind capabilities.certification);
 * this row keeps what the partner sees in 能力认证记录 and the result (validity, level-2 results).
 */
export const CAPABILITY_STATUSES = [
  'reviewing', // 审核中
  'materials_update', // 审核材料待更新 (returned by 材料初审 / 材料技术审核, R54)
  'passed', // 通过
  'failed', // 不通过 (R53)
  'ended', // 流程结束: materials not updated within 30 natural days (R54)
] as const;
export type CapabilityStatus = (typeof CAPABILITY_STATUSES)[number];

export type Level2Result = 'passed' | 'failed' | 'pending';

export const capabilityApplications = pgTable(
  'capability_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    level1Label: text('level1_label').notNull(), // key of LEVEL1_LABELS
    /** level-2 label key → 评审结果 (pending until decided). */
    level2Results: jsonb('level2_results').$type<Record<string, Level2Result>>().notNull(),
    productName: text('product_name'), // 产品/解决方案名称, 昇腾云 only; immutable (R52)
    formFileId: uuid('form_file_id').notNull(), // 华为云伙伴能力标签评估表 (Excel ≤ 50 MB)
    evidenceFileId: uuid('evidence_file_id').notNull(), // 举证材料 (rar/zip ≤ 1 GB)
    status: text('status').$type<CapabilityStatus>().notNull(),
    reviewId: uuid('review_id'), // the review_applications row
    reviewComment: text('review_comment'), // 审核意见 of the latest return / rejection
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(), // 申请时间
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    updateDeadline: timestamp('update_deadline', { withTimezone: true }), // 30 natural days after the return (R54)
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    passedAt: timestamp('passed_at', { withTimezone: true }), // 通过时间
    validFrom: timestamp('valid_from', { withTimezone: true }), // 有效期
    validTo: timestamp('valid_to', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('capability_apps_partner_applied_idx').on(t.partnerId, t.appliedAt),
    index('capability_apps_partner_label_idx').on(t.partnerId, t.level1Label, t.status),
    index('capability_apps_partner_valid_idx').on(t.partnerId, t.status, t.validTo),
    index('capability_apps_update_deadline_idx').on(t.status, t.updateDeadline),
    // one certification in progress per partner and level-1 label
    uniqueIndex('capability_apps_open_label_uq')
      .on(t.partnerId, t.level1Label)
      .where(sql`${t.status} in ('reviewing', 'materials_update')`),
  ],
);

/** 暂停受理 / 冻结: a level-1 label a partner cannot apply for until `endsAt` (R53, R54). */
export const capabilitySuspensions = pgTable(
  'capability_suspensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    level1Label: text('level1_label').notNull(),
    cause: text('cause').$type<'failed' | 'update-expired'>().notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => capabilityApplications.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('capability_suspensions_partner_label_idx').on(t.partnerId, t.level1Label, t.endsAt),
    uniqueIndex('capability_suspensions_application_uq').on(t.applicationId), // one per ended process
  ],
);

/** 下载记录 of badges (徽标) and the 昇腾云 certificate (guide 7.2). */
export const capabilityDownloads = pgTable(
  'capability_downloads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id').notNull().references(() => partners.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => capabilityApplications.id),
    level1Label: text('level1_label').notNull(),
    what: text('what').$type<'badge' | 'certificate'>().notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    downloadedAt: timestamp('downloaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('capability_downloads_partner_at_idx').on(t.partnerId, t.downloadedAt)],
);

export type CapabilityApplication = typeof capabilityApplications.$inferSelect;
export type CapabilitySuspension = typeof capabilitySuspensions.$inferSelect;
export type CapabilityDownload = typeof capabilityDownloads.$inferSelect;
