import { pgTable, text, timestamp, uuid, jsonb, index, integer } from 'drizzle-orm/pg-core';

/**
 * 导出记录: one asynchronous export (guide C3: "导出任务创建成功" → 查看导出记录 → 下载 when 已完成).
 * Status: running (导出中) → completed (已完成) | failed (导出失败). Records are kept 3 days (guide 8767).
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id'), // the requester's tenant; null for staff and plain accounts
    requestedByKind: text('requested_by_kind').notNull(), // account | member | partner-account | staff
    requestedById: uuid('requested_by_id'),
    /** The requester as they were at request time, so the export runs with their permissions and data scope. */
    actor: jsonb('actor').$type<Record<string, unknown>>().notNull(),
    lang: text('lang').notNull(),
    kind: text('kind').notNull(),
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(), // 导出内容, kept even if the kind is renamed
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    format: text('format').notNull(), // csv | xlsx
    status: text('status').notNull(), // running | completed | failed
    progressRows: integer('progress_rows').notNull().default(0),
    totalRows: integer('total_rows'),
    fileId: uuid('file_id'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('export_jobs_partner_created_idx').on(t.partnerId, t.createdAt),
    index('export_jobs_requester_created_idx').on(t.requestedByKind, t.requestedById, t.createdAt),
    index('export_jobs_status_created_idx').on(t.status, t.createdAt),
    index('export_jobs_expires_idx').on(t.expiresAt),
  ],
);

export type ExportJobRow = typeof exportJobs.$inferSelect;
