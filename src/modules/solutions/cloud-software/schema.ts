import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, jsonb, index } from 'drizzle-orm/pg-core';
import { partners } from '../../partners/schema.js';

/** 云软件方案 (cloud) or 先进云软件方案 (advanced), guide 6.1 / 6.2. */
export const SOLUTION_KINDS = ['cloud', 'advanced'] as const;
export type SolutionKind = (typeof SOLUTION_KINDS)[number];

/** 方案来源: 新建, or 使用伙伴Lead基线解决方案 (advanced only). */
export const SOLUTION_SOURCES = ['new', 'lead_baseline'] as const;
export type SolutionSource = (typeof SOLUTION_SOURCES)[number];

/** The review state of the solution's latest application (mirrors the review engine through its hooks). */
export const REVIEW_STATES = ['draft', 'in_review', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Materials (方案材料): file ids of the files platform, purpose 'attachment'. */
export interface SolutionMaterials {
  copyright?: string[]; // 软件著作版权 (advanced + 新建), with the declaration when the holder differs
  intro?: string[]; // 方案介绍材料
  certification?: string[]; // 方案认证材料
  testReport?: string[]; // 测试报告 (Lead-baseline source)
}

/** Step 2 (填写联系人信息). */
export interface SolutionContacts {
  businessContact?: string; // 贵公司业务联系人
  businessMobile?: string;
  businessEmail?: string;
  hasHuaweiContact?: boolean; // 是否有华为接口人和您进行业务接洽
  huaweiContactName?: string;
  huaweiContactMobile?: string;
}

/** Fields prefilled from the partner-Lead baseline solution (guide L4276–4286). */
export interface BaselineInfo {
  solutionId?: string;
  deploymentForm?: string; // 部署形态 (公有云)
  approvalCompletedAt?: string; // 立项完成时间
  industryMasterData?: string; // 行业主数据L0-L4.5, e.g. 行业/物流与仓储/物流/物流科技/智慧供应链
  intro?: string; // 方案介绍
}

/** The whole wizard as saved; a draft may be incomplete, submission checks completeness. */
export interface SolutionForm {
  industrySub?: string; // 行业细分
  productType?: string;
  productSubType?: string;
  targetCustomers?: string; // ≤ 1,000 (R46)
  scenarios?: string; // ≤ 1,000 (R46)
  cloudMode?: string; // 上云模式, e.g. SaaS
  deployedOnPublicCloud?: boolean;
  publicClouds?: string[];
  otherNotes?: string; // 其他认证说明信息 ≤ 1,000 (R46)
  baseline?: BaselineInfo;
  materials?: SolutionMaterials;
  contacts?: SolutionContacts;
}

/** What a re-certification (重新认证) changes: only the version and the materials (R47), plus the contacts step. */
export interface RecertificationChange {
  version: string;
  materials: SolutionMaterials;
  contacts: SolutionContacts;
}

/**
 * One cloud-software or advanced cloud-software solution of a partner account. The certification
 * (valid_from / valid_until) is kept apart from the latest review: a re-certification under review
 * or refused leaves the current validity as it is.
 */
export const cloudSolutions = pgTable(
  'cloud_solutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    kind: text('kind').$type<SolutionKind>().notNull(),
    source: text('source').$type<SolutionSource>().notNull(),
    baselineSolutionId: uuid('baseline_solution_id'),
    name: text('name').notNull(), // 方案名称
    version: text('version').notNull().default(''), // 版本号
    industry: text('industry').notNull().default(''), // 行业大类
    form: jsonb('form').$type<SolutionForm>().notNull().default({}),
    reviewState: text('review_state').$type<ReviewState>().notNull(),
    reviewId: uuid('review_id'), // the latest review application
    rejectReason: text('reject_reason'),
    /** A re-certification's proposed version / materials, applied on its approval. */
    pendingChange: jsonb('pending_change').$type<RecertificationChange>(),
    certifiedAt: timestamp('certified_at', { withTimezone: true }), // latest approval (申请认证 → 认证通过)
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }), // 12 months after the latest approval (R47)
    certificateFileId: uuid('certificate_file_id'), // generated PDF for the current validity, made on first download
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(), // 最近更新时间
  },
  (t) => [
    // the list: one partner, one kind, newest update first
    index('cloud_solutions_partner_kind_idx').on(t.partnerId, t.kind, t.updatedAt),
    index('cloud_solutions_review_state_idx').on(t.partnerId, t.kind, t.reviewState),
    // the path engine's question "is this company certified?"
    index('cloud_solutions_certified_idx').on(t.partnerId, t.kind, t.validUntil).where(sql`${t.validUntil} IS NOT NULL`),
  ],
);

export type CloudSolution = typeof cloudSolutions.$inferSelect;
