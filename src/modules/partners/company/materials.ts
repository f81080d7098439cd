import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { rows } from '../../../platform/db/index.js';
import type { Text } from '../../../platform/i18n/index.js';
import { P, requirePermission } from '../../../platform/access/index.js';
import { say } from './common.js';
import { chinaDateTime } from '../../../platform/china-time.js';

/**
 * 案例管理 and 商业计划 (spec 02 §2.6, ops 11–12; guide L3189–3228): read-only lists of the cases and
 * business plans submitted with the partner account's 角色认证 / 能力差异化 applications
 * (paths module, path_certifications.materials). Paged in SQL; the files download through
 * GET /api/files/:id (they are the tenant's uploads).
 */

/** The guide's short path names, as in "服务伙伴差异化认证案例1" / "学习伙伴角色认证商业计划书". */
const PATH_SHORT: Record<string, Text> = {
  software: { zh: '软件伙伴', en: 'Software partner' },
  service: { zh: '服务伙伴', en: 'Service partner' },
  si: { zh: '数字化转型咨询与系统集成伙伴', en: 'Consulting and SI partner' },
  learning: { zh: '学习伙伴', en: 'Learning partner' },
  distributor: { zh: '总经销商', en: 'Distributor' },
};
const STAGE_SHORT: Record<string, Text> = {
  role_certified: { zh: '角色认证', en: 'role certification' },
  differentiated: { zh: '差异化认证', en: 'differentiation certification' },
};

export const MATERIAL_STATUSES = ['reviewing', 'passed', 'failed'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];
export const MATERIAL_STATUS_NAMES: Record<MaterialStatus, Text> = {
  reviewing: { zh: '审核中', en: 'Under review' },
  passed: { zh: '已通过', en: 'Approved' },
  failed: { zh: '未通过', en: 'Not approved' },
};

export interface MaterialRow {
  certificationId: string;
  name: string; // 案例名称 / 商业计划书名称
  file: { id: string; name: string } | null; // 案例材料 / 商业计划书材料
  status: MaterialStatus;
  statusName: string;
  reviewComment: string | null; // 审核意见
  reviewer: string | null; // 审核人
  time: string; // 最近更新时间 (cases) / 上传时间 (plans), ISO
  timeText: string; // 2023/05/29 18:19:06
  path: string;
  stage: string;
}

export interface MaterialPage {
  items: MaterialRow[];
  total: number;
  page: number;
  pageSize: number;
}

interface Raw {
  certification_id: string;
  path: string;
  target_stage: string;
  status: string;
  file_id: string | null;
  file_name: string | null;
  ord: number | string;
  n: number | string;
  time: Date | string;
  comment: string | null;
  reviewer: string | null;
  total: number | string;
}

function label(ctx: Ctx, path: string, stage: string, what: Text, index: number | null): string {
  const p = say(ctx, PATH_SHORT[path] ?? { zh: path, en: path });
  const s = say(ctx, STAGE_SHORT[stage] ?? { zh: stage, en: stage });
  const w = say(ctx, what);
  return ctx.lang === 'en-US' ? `${p} ${s} ${w}${index ? ` ${index}` : ''}` : `${p}${s}${w}${index ?? ''}`;
}

function toRow(ctx: Ctx, r: Raw, what: Text, numbered: boolean): MaterialRow {
  const status = (MATERIAL_STATUSES as readonly string[]).includes(r.status) ? (r.status as MaterialStatus) : 'reviewing';
  const time = new Date(r.time);
  return {
    certificationId: r.certification_id,
    name: label(ctx, r.path, r.target_stage, what, numbered && Number(r.n) > 1 ? Number(r.ord) : null),
    file: r.file_id ? { id: r.file_id, name: r.file_name ?? '' } : null,
    status,
    statusName: say(ctx, MATERIAL_STATUS_NAMES[status]),
    reviewComment: r.comment,
    reviewer: r.reviewer,
    time: time.toISOString(),
    timeText: chinaDateTime(time),
    path: r.path,
    stage: r.target_stage,
  };
}

/** The latest decision on the certification's review: its comment (审核意见) and who made it (审核人). */
const decision = sql`
  LEFT JOIN LATERAL (
    SELECT e.comment, COALESCE(su.email, e.actor_name) AS reviewer
    FROM review_events e
    LEFT JOIN staff_users su ON e.actor_kind = 'staff' AND su.id = e.actor_id
    WHERE e.application_id = pc.review_id AND e.action IN ('approve', 'reject', 'return')
    ORDER BY e.at DESC, e.id DESC
    LIMIT 1
  ) d ON true`;

const clampPage = (q: { page?: number; pageSize?: number }) => {
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  return { page, pageSize, offset: (page - 1) * pageSize };
};

/** 伙伴信息 > 案例管理: one row per case file, newest certification first. */
export async function listCases(ctx: Ctx, q: { page?: number; pageSize?: number; status?: MaterialStatus } = {}): Promise<MaterialPage> {
  const actor = requirePermission(ctx, P.cases);
  const { page, pageSize, offset } = clampPage(q);
  const status = q.status ? sql`AND pc.status = ${q.status}` : sql``;
  const found = await rows<Raw>(
    ctx.db,
    sql`
      SELECT pc.id AS certification_id, pc.path, pc.target_stage, pc.status, c.file_id, f.original_name AS file_name,
             c.ord, jsonb_array_length(pc.materials->'cases') AS n, pc.updated_at AS time,
             d.comment, d.reviewer, count(*) OVER () AS total
      FROM path_certifications pc
      CROSS JOIN LATERAL jsonb_array_elements_text(pc.materials->'cases') WITH ORDINALITY AS c(file_id, ord)
      LEFT JOIN files f ON f.id::text = c.file_id
      ${decision}
      WHERE pc.partner_id = ${actor.partnerId} ${status}
      ORDER BY pc.updated_at DESC, pc.id, c.ord
      LIMIT ${pageSize} OFFSET ${offset}`,
  );
  const total = found.length > 0 ? Number(found[0]!.total) : await countOf(ctx, actor.partnerId, 'cases', q.status);
  return { items: found.map((r) => toRow(ctx, r, { zh: '案例', en: 'case' }, true)), total, page, pageSize };
}

/** 伙伴信息 > 商业计划: one row per certification that carried a business plan. */
export async function listBusinessPlans(ctx: Ctx, q: { page?: number; pageSize?: number; status?: MaterialStatus } = {}): Promise<MaterialPage> {
  const actor = requirePermission(ctx, P.plans);
  const { page, pageSize, offset } = clampPage(q);
  const status = q.status ? sql`AND pc.status = ${q.status}` : sql``;
  const found = await rows<Raw>(
    ctx.db,
    sql`
      SELECT pc.id AS certification_id, pc.path, pc.target_stage, pc.status, pc.materials->>'businessPlan' AS file_id,
             f.original_name AS file_name, 1 AS ord, 1 AS n, pc.submitted_at AS time,
             d.comment, d.reviewer, count(*) OVER () AS total
      FROM path_certifications pc
      LEFT JOIN files f ON f.id::text = pc.materials->>'businessPlan'
      ${decision}
      WHERE pc.partner_id = ${actor.partnerId} AND pc.materials->>'businessPlan' IS NOT NULL ${status}
      ORDER BY pc.submitted_at DESC, pc.id
      LIMIT ${pageSize} OFFSET ${offset}`,
  );
  const total = found.length > 0 ? Number(found[0]!.total) : await countOf(ctx, actor.partnerId, 'plans', q.status);
  return { items: found.map((r) => toRow(ctx, r, { zh: '商业计划书', en: 'business plan' }, false)), total, page, pageSize };
}

/** The total when the requested page is past the end (the window count needs a row). */
async function countOf(ctx: Ctx, partnerId: string, what: 'cases' | 'plans', status?: MaterialStatus): Promise<number> {
  const s = status ? sql`AND status = ${status}` : sql``;
  const q =
    what === 'cases'
      ? sql`SELECT COALESCE(sum(jsonb_array_length(materials->'cases')), 0) AS total FROM path_certifications WHERE partner_id = ${partnerId} ${s}`
      : sql`SELECT count(*) AS total FROM path_certifications WHERE partner_id = ${partnerId} AND materials->>'businessPlan' IS NOT NULL ${s}`;
  const [r] = await rows<{ total: number | string }>(ctx.db, q);
  return Number(r?.total ?? 0);
}
