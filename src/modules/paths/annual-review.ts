import { and, count, desc, eq, inArray, lte, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { systemCtx } from '../../platform/context.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import type { Deps } from '../../platform/deps.js';
import { clock } from '../../platform/clock.js';
import { fieldError, notFound, refused } from '../../platform/errors.js';
import { render, type Text } from '../../platform/i18n/index.js';
import { P, STAFF_ROLES, requirePartnerAdmin, requirePermission, requireStaff } from '../../platform/access/index.js';
import { audit } from '../../platform/audit/index.js';
import { canRead, getFileRecord } from '../../platform/files/index.js';
import { submit } from '../../platform/review/index.js';
import type { JobDefinition, Schedule } from '../../platform/jobs/index.js';
import { partners } from '../partners/schema.js';
import { PATHS, STAGE_NAMES, pathDefinition, stageIndex, type PathType, type Stage } from './catalogue.js';
import { pathAnnualReviews, pathEnrollments, type PathAnnualReview } from './schema.js';
import {
  ANNUAL_REVIEW_STATUS_NAMES,
  NOT_APPLIED_IN_TIME,
  NOT_MODIFIED_IN_TIME,
  notifyPartner,
  openCycleAt,
  type AnnualReviewStatus,
} from './annual-review-rules.js';
import { ANNUAL_REVIEW_KIND, ANNUAL_REVIEW_SUBJECT, failReview } from './annual-review-kind.js';
import { requirementSnapshot, unmetRequirements } from './requirements.js';

/**
 * 伙伴发展路径认证年度复核 (spec 01 §2.10, §3.4, op 13, R40): the yearly job opens a review for every
 * certified stage in scope; the partner applies (申请复核) with materials before the page's date; the
 * vendor decides through the review engine (kind `paths.annual-review`): 修改意见 (退回修改, the partner
 * modifies before the deadline), 复核通过 (the stage is kept) or 复核不通过 (the stage rolls back). A review
 * left without application, or without the requested modification, fails when its deadline passes.
 */

const REVIEW_ENTITY: Text = { zh: '年度复核', en: 'Annual review' };
const WRONG_STATE: Text = { zh: '当前复核状态不允许此操作', en: 'This operation is not allowed in the current review status' };
const APPLY_CLOSED: Text = { zh: '已超过复核申请截止日期，无法申请复核', en: 'The deadline for review applications has passed' };
const MODIFY_CLOSED: Text = { zh: '已超过修改材料截止日期，无法修改材料', en: 'The deadline for modifying materials has passed' };
const STAGE_LOST: Text = { zh: '该发展路径已不在复核的认证阶段', en: 'The path is no longer at the stage under review' };
const REQUIREMENTS_UNMET: Text = {
  zh: '请保证各要求项满足要求后再申请复核',
  en: 'Every requirement must be met before you apply for the review',
};
const MATERIAL_NOT_FOUND: Text = { zh: '上传的材料不存在', en: 'An uploaded material does not exist' };

// ---------------------------------------------------------------------------------------------
// View

export interface AnnualReviewView {
  id: string;
  year: number;
  title: string; // 2024年伙伴发展路径认证年度复核
  path: PathType;
  pathName: string;
  stage: Stage;
  stageName: string;
  status: AnnualReviewStatus;
  statusName: string;
  applyDeadline: string; // exclusive instants (ISO); the UI shows the moment before
  modificationDeadline: string;
  resultsBy: string;
  canApply: boolean; // 申请复核
  canModify: boolean; // 查看修改意见 / 修改材料
  modificationOpinion: string | null;
  resultOpinion: string | null;
  rolledBackTo: Stage | null;
  rolledBackToName: string | null;
  materials: string[];
  reviewId: string | null;
  startedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
}

function view(ctx: Ctx, r: PathAnnualReview): AnnualReviewView {
  const now = clock.now();
  const status = r.status as AnnualReviewStatus;
  const pick = (t: Text) => render(t, ctx.lang);
  return {
    id: r.id,
    year: r.year,
    title: pick({ zh: `${r.year}年伙伴发展路径认证年度复核`, en: `${r.year} annual review of development-path certification` }),
    path: r.path as PathType,
    pathName: pick(pathDefinition(r.path as PathType).name),
    stage: r.stage as Stage,
    stageName: pick(STAGE_NAMES[r.stage as Stage]),
    status,
    statusName: pick(ANNUAL_REVIEW_STATUS_NAMES[status]),
    applyDeadline: r.applyDeadline.toISOString(),
    modificationDeadline: r.modificationDeadline.toISOString(),
    resultsBy: r.resultsBy.toISOString(),
    canApply: status === 'started' && now < r.applyDeadline,
    canModify: status === 'modification_requested' && now < r.modificationDeadline,
    modificationOpinion: r.modificationOpinion,
    resultOpinion: r.resultOpinion,
    rolledBackTo: (r.rolledBackTo as Stage | null) ?? null,
    rolledBackToName: r.rolledBackTo ? pick(STAGE_NAMES[r.rolledBackTo as Stage]) : null,
    materials: r.materials,
    reviewId: r.reviewId,
    startedAt: r.startedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Partner side

/** The latest review of a path for the path card and detail page (null: never reviewed). */
export async function latestAnnualReview(ctx: Ctx, path: PathType): Promise<AnnualReviewView | null> {
  const actor = requirePermission(ctx, P.home);
  const [row] = await ctx.db
    .select()
    .from(pathAnnualReviews)
    .where(and(eq(pathAnnualReviews.partnerId, actor.partnerId), eq(pathAnnualReviews.path, path)))
    .orderBy(desc(pathAnnualReviews.year))
    .limit(1);
  return row ? view(ctx, row) : null;
}

/** 认证记录: the account's annual reviews, newest first (progress, materials, result). */
export async function listAnnualReviews(ctx: Ctx, path?: PathType): Promise<AnnualReviewView[]> {
  const actor = requirePermission(ctx, P.home);
  const rows = await ctx.db
    .select()
    .from(pathAnnualReviews)
    .where(and(eq(pathAnnualReviews.partnerId, actor.partnerId), path ? eq(pathAnnualReviews.path, path) : undefined))
    .orderBy(desc(pathAnnualReviews.createdAt));
  return rows.map((r) => view(ctx, r));
}

export async function getAnnualReview(ctx: Ctx, id: string): Promise<AnnualReviewView> {
  const actor = requirePermission(ctx, P.home);
  const [row] = await ctx.db
    .select()
    .from(pathAnnualReviews)
    .where(and(eq(pathAnnualReviews.id, id), eq(pathAnnualReviews.partnerId, actor.partnerId)));
  if (!row) throw notFound(REVIEW_ENTITY);
  return view(ctx, row);
}

async function ownFiles(tx: Executor, ctx: Ctx, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const f = await getFileRecord(tx, id);
    if (!f || !canRead(ctx, f)) throw fieldError('materials', 'paths.material-not-found', MATERIAL_NOT_FOUND);
    out.push(f.id);
  }
  return out;
}

/**
 * 申请复核 (status 待申请复核, before the application deadline) and 修改材料 (after a 修改意见, before the
 * modification deadline): both (re)submit to the review engine, which moves the review to 复核中.
 */
async function submitMaterials(ctx: Ctx, id: string, materialIds: string[], from: 'started' | 'modification_requested'): Promise<AnnualReviewView> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.home);
  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(pathAnnualReviews)
      .where(and(eq(pathAnnualReviews.id, id), eq(pathAnnualReviews.partnerId, actor.partnerId)))
      .for('update');
    if (!row) throw notFound(REVIEW_ENTITY);
    const now = clock.now();
    if (row.status !== from) throw refused('paths.annual-review.wrong-state', WRONG_STATE, { status: row.status });
    if (from === 'started' && now >= row.applyDeadline) throw refused('paths.annual-review.apply-closed', APPLY_CLOSED);
    if (from === 'modification_requested' && now >= row.modificationDeadline) throw refused('paths.annual-review.modify-closed', MODIFY_CLOSED);

    const [e] = await tx
      .select()
      .from(pathEnrollments)
      .where(and(eq(pathEnrollments.partnerId, actor.partnerId), eq(pathEnrollments.path, row.path)));
    if (!e || e.status !== 'joined' || stageIndex(e.stage as Stage) < stageIndex(row.stage as Stage))
      throw refused('paths.annual-review.stage-lost', STAGE_LOST);
    // "伙伴需要保证各要求项满足要求后，单击申请复核" (L1568)
    const path = row.path as PathType;
    const unmet = await unmetRequirements(tx, actor.partnerId, path, row.stage as Stage, e, true);
    if (unmet.length > 0)
      throw refused('paths.annual-review.requirements-unmet', REQUIREMENTS_UNMET, {
        unmet: unmet.map((u) => ({ key: u.requirement.key, name: u.requirement.name, progress: `${u.current ?? 0}/${u.requirement.target}` })),
      });
    const materials = await ownFiles(tx, ctx, materialIds);

    const def = pathDefinition(path);
    await submit(
      ctx.deps.reviews,
      ctx,
      {
        kind: ANNUAL_REVIEW_KIND,
        subjectType: ANNUAL_REVIEW_SUBJECT,
        subjectId: row.id,
        data: {
          year: row.year,
          path,
          stage: row.stage,
          materials,
          requirements: await requirementSnapshot(tx, actor.partnerId, path, row.stage as Stage, e),
        },
        summary: `${actor.displayName} · ${def.name.zh} · ${STAGE_NAMES[row.stage as Stage].zh} · ${row.year}年复核`,
        attachments: materials.map((fileId) => ({ fileId, label: '复核材料' })),
      },
      tx,
    );
    await audit(tx, ctx, {
      action: from === 'started' ? 'paths.annual-review.applied' : 'paths.annual-review.materials-modified',
      objectType: ANNUAL_REVIEW_SUBJECT,
      objectId: row.id,
      after: { materials },
    });
    const [fresh] = await tx.select().from(pathAnnualReviews).where(eq(pathAnnualReviews.id, row.id));
    return view(ctx, fresh!);
  });
}

export const applyForAnnualReview = (ctx: Ctx, id: string, input: { materials: string[] }) => submitMaterials(ctx, id, input.materials, 'started');
export const modifyAnnualReviewMaterials = (ctx: Ctx, id: string, input: { materials: string[] }) =>
  submitMaterials(ctx, id, input.materials, 'modification_requested');

// ---------------------------------------------------------------------------------------------
// Operations console: the reviews of a year, including those nobody has applied for yet

export interface StaffAnnualReviewView extends AnnualReviewView {
  partnerId: string;
  partnerName: string;
}

export async function listAnnualReviewsForStaff(
  ctx: Ctx,
  q: { year?: number; path?: PathType; status?: AnnualReviewStatus; page: number; pageSize: number },
): Promise<{ items: StaffAnnualReviewView[]; total: number }> {
  requireStaff(ctx, [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager]);
  const where: SQL | undefined = and(
    q.year !== undefined ? eq(pathAnnualReviews.year, q.year) : undefined,
    q.path ? eq(pathAnnualReviews.path, q.path) : undefined,
    q.status ? eq(pathAnnualReviews.status, q.status) : undefined,
  );
  const rows = await ctx.db
    .select({ r: pathAnnualReviews, partnerName: partners.displayName })
    .from(pathAnnualReviews)
    .innerJoin(partners, eq(partners.id, pathAnnualReviews.partnerId))
    .where(where)
    .orderBy(desc(pathAnnualReviews.createdAt), desc(pathAnnualReviews.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(pathAnnualReviews).where(where);
  return { items: rows.map(({ r, partnerName }) => ({ ...view(ctx, r), partnerId: r.partnerId, partnerName })), total: total?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// The yearly job

/**
 * 年度复核启动: for the year whose review is open at `now`, one review per joined account whose path is in
 * the scope (R40) and which holds a certified stage of that scope: the highest one it holds (a learning
 * partner past role certification is reviewed on role certification, the 2024 scope). Idempotent.
 */
export async function openAnnualReviews(db: Db, deps: Deps): Promise<number> {
  const now = clock.now();
  const cycle = openCycleAt(now);
  if (!cycle) return 0;
  const ctx = systemCtx(db, deps);
  const scoped = PATHS.filter((p) => p.annualReview.length > 0).map((p) => p.type);
  const enrollments = await db
    .select()
    .from(pathEnrollments)
    .where(and(eq(pathEnrollments.status, 'joined'), inArray(pathEnrollments.path, scoped)));
  let opened = 0;
  for (const e of enrollments) {
    const def = pathDefinition(e.path as PathType);
    const reviewed = [...def.annualReview].reverse().find((s) => stageIndex(s) <= stageIndex(e.stage as Stage));
    if (!reviewed) continue;
    await inTransaction(db, async (tx) => {
      const [row] = await tx
        .insert(pathAnnualReviews)
        .values({
          partnerId: e.partnerId,
          path: e.path,
          stage: reviewed,
          year: cycle.year,
          status: 'started',
          applyDeadline: cycle.applyDeadline,
          modificationDeadline: cycle.modificationDeadline,
          resultsBy: cycle.resultsBy,
          startedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return;
      opened++;
      await audit(tx, ctx, {
        action: 'paths.annual-review.started',
        objectType: ANNUAL_REVIEW_SUBJECT,
        objectId: row.id,
        partnerId: row.partnerId,
        after: { year: row.year, path: row.path, stage: row.stage, applyDeadline: row.applyDeadline.toISOString() },
      });
      await notifyPartner(tx, row.partnerId, 'started', { year: row.year, pathName: def.name, stageName: STAGE_NAMES[reviewed], deadline: row.applyDeadline }, { reviewId: row.id });
    });
  }
  return opened;
}

/**
 * Deadlines: a review nobody applied for by the application deadline, or whose requested modification was
 * not made by the modification deadline, ends 复核不通过 and the stage rolls back (one transaction each,
 * rows claimed with SKIP LOCKED so several nodes never fail one twice).
 */
export async function closeOverdueAnnualReviews(db: Db, deps: Deps): Promise<number> {
  const now = clock.now();
  const ctx = systemCtx(db, deps);
  const overdue = (s: 'started' | 'modification_requested') =>
    and(eq(pathAnnualReviews.status, s), lte(s === 'started' ? pathAnnualReviews.applyDeadline : pathAnnualReviews.modificationDeadline, now));
  const candidates = await db
    .select({ id: pathAnnualReviews.id })
    .from(pathAnnualReviews)
    .where(or(overdue('started'), overdue('modification_requested')));
  let closed = 0;
  for (const { id } of candidates) {
    await inTransaction(db, async (tx) => {
      const [row] = await tx
        .select()
        .from(pathAnnualReviews)
        .where(and(eq(pathAnnualReviews.id, id), or(overdue('started'), overdue('modification_requested'))))
        .for('update', { skipLocked: true });
      if (!row) return;
      const opinion = row.status === 'started' ? NOT_APPLIED_IN_TIME : NOT_MODIFIED_IN_TIME;
      const target = await failReview(tx, ctx, row, opinion.zh);
      closed++;
      await notifyPartner(
        tx,
        row.partnerId,
        'failed',
        {
          year: row.year,
          pathName: pathDefinition(row.path as PathType).name,
          stageName: STAGE_NAMES[row.stage as Stage],
          opinion: opinion.zh,
          rolledBackTo: STAGE_NAMES[target],
        },
        { reviewId: row.id },
      );
    });
  }
  return closed;
}

export const ANNUAL_REVIEW_OPEN_JOB = 'paths.annual-review.open';
export const ANNUAL_REVIEW_DEADLINES_JOB = 'paths.annual-review.deadlines';

/**
 * The yearly opening (1 November, China time) and the daily deadline run. The daily run also opens the
 * year's review when the yearly job was missed (the opening is idempotent).
 */
export function annualReviewJobs(db: Db, deps: Deps): { handlers: Record<string, JobDefinition>; schedules: Schedule[] } {
  return {
    handlers: {
      [ANNUAL_REVIEW_OPEN_JOB]: { policy: 'stately', handler: async () => void (await openAnnualReviews(db, deps)) },
      [ANNUAL_REVIEW_DEADLINES_JOB]: {
        policy: 'stately',
        handler: async () => {
          await openAnnualReviews(db, deps);
          await closeOverdueAnnualReviews(db, deps);
        },
      },
    },
    schedules: [
      { name: ANNUAL_REVIEW_OPEN_JOB, cron: '0 0 1 11 *', tz: 'Asia/Shanghai' },
      { name: ANNUAL_REVIEW_DEADLINES_JOB, cron: '15 0 * * *', tz: 'Asia/Shanghai' },
    ],
  };
}
