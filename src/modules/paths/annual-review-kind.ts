import { and, eq, inArray } from 'drizzle-orm';
import { P, STAFF_ROLES } from '../../platform/access/index.js';
import { clock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { defineReviewKind, type ReviewApplication, type ReviewKind } from '../../platform/review/index.js';
import { STAGES, STAGE_NAMES, pathDefinition, previousStage, stageIndex, type PathType, type Stage } from './catalogue.js';
import { REVIEW_TITLE, notifyPartner, type NoticeEvent } from './annual-review-rules.js';
import { pathAnnualReviews, pathEnrollments, type PathAnnualReview } from './schema.js';

export const ANNUAL_REVIEW_KIND = 'paths.annual-review';
export const ANNUAL_REVIEW_SUBJECT = 'path_annual_review';

const MODIFICATION_CLOSED = {
  zh: '已超过修改材料截止时间，无法再要求伙伴修改复核材料，请直接给出复核结果',
  en: 'The deadline for modifying materials has passed; decide the review instead',
};

async function lockReview(tx: Executor, id: string): Promise<PathAnnualReview> {
  const [row] = await tx.select().from(pathAnnualReviews).where(eq(pathAnnualReviews.id, id)).for('update');
  if (!row) throw new Error(`annual review ${id} missing`);
  return row;
}

/** Notices of a decision: the engine writes the 站内信, this adds e-mail and SMS with the deadline or the result. */
async function tell(tx: Executor, row: PathAnnualReview, event: NoticeEvent, extra: { opinion?: string | null; rolledBackTo?: Stage } = {}) {
  await notifyPartner(
    tx,
    row.partnerId,
    event,
    {
      year: row.year,
      pathName: pathDefinition(row.path as PathType).name,
      stageName: STAGE_NAMES[row.stage as Stage],
      deadline: event === 'modification' ? row.modificationDeadline : undefined,
      opinion: extra.opinion,
      rolledBackTo: extra.rolledBackTo ? STAGE_NAMES[extra.rolledBackTo] : undefined,
    },
    { reviewId: row.id, site: false },
  );
}

/**
 * 复核不通过: "路径认证将回退到（角色认证/选择角色）阶段" (L1625). The stage goes back to the one before the
 * reviewed stage (differentiation → role certification, role certification → role selected); an account
 * that has moved past the reviewed stage meanwhile goes back too. Used by the reviewer's 驳回 and by the
 * deadline job.
 */
export async function failReview(tx: Executor, ctx: Ctx, row: PathAnnualReview, opinion: string): Promise<Stage> {
  const now = clock.now();
  const target = previousStage(row.stage as Stage);
  const above = STAGES.filter((s) => stageIndex(s) > stageIndex(target));
  await tx
    .update(pathEnrollments)
    .set({ stage: target, updatedAt: now })
    .where(
      and(
        eq(pathEnrollments.partnerId, row.partnerId),
        eq(pathEnrollments.path, row.path),
        eq(pathEnrollments.status, 'joined'),
        inArray(pathEnrollments.stage, above),
      ),
    );
  await tx
    .update(pathAnnualReviews)
    .set({ status: 'failed', resultOpinion: opinion, rolledBackTo: target, decidedAt: now, updatedAt: now })
    .where(eq(pathAnnualReviews.id, row.id));
  await audit(tx, ctx, {
    action: 'paths.annual-review.failed',
    objectType: ANNUAL_REVIEW_SUBJECT,
    objectId: row.id,
    partnerId: row.partnerId,
    before: { path: row.path, stage: row.stage, status: row.status },
    after: { status: 'failed', opinion, rolledBackTo: target },
  });
  return target;
}

/** 伙伴发展路径认证年度复核 (spec 01 §3.4): 复核中 → 修改意见 (still 复核中) → 复核通过 / 复核不通过. */
export const annualReviewKind: ReviewKind = defineReviewKind({
  kind: ANNUAL_REVIEW_KIND,
  title: REVIEW_TITLE,
  stages: [{ key: 'review', name: { zh: '年度复核', en: 'Annual review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] }],
  statusNames: {
    in_review: { zh: '复核中', en: 'Under annual review' },
    returned: { zh: '复核中', en: 'Under annual review' }, // a modification request keeps 复核中 (L1595–1605)
    approved: { zh: '复核通过', en: 'Review passed' },
    rejected: { zh: '复核不通过', en: 'Review failed' },
  },
  applicants: ['partner'],
  permission: P.home,
  withdrawable: false,
  hooks: {
    onSubmitted: async (tx, _ctx, app: ReviewApplication) => {
      const now = clock.now();
      const materials = ((app.data as { materials?: string[] }).materials ?? []).slice();
      await tx
        .update(pathAnnualReviews)
        .set({ status: 'reviewing', reviewId: app.id, materials, submittedAt: now, updatedAt: now })
        .where(eq(pathAnnualReviews.id, app.subjectId));
    },
    // 修改意见 with the page's deadline; after it has passed the reviewer decides instead
    onReturned: async (tx, ctx, app) => {
      const row = await lockReview(tx, app.subjectId);
      const now = clock.now();
      if (now >= row.modificationDeadline) throw refused('paths.annual-review.modification-closed', MODIFICATION_CLOSED);
      await tx
        .update(pathAnnualReviews)
        .set({ status: 'modification_requested', modificationOpinion: app.rejectReason, modificationRequestedAt: now, updatedAt: now })
        .where(eq(pathAnnualReviews.id, row.id));
      await audit(tx, ctx, {
        action: 'paths.annual-review.modification-requested',
        objectType: ANNUAL_REVIEW_SUBJECT,
        objectId: row.id,
        partnerId: row.partnerId,
        after: { opinion: app.rejectReason, deadline: row.modificationDeadline.toISOString() },
      });
      await tell(tx, row, 'modification', { opinion: app.rejectReason });
    },
    onApproved: async (tx, ctx, app) => {
      const row = await lockReview(tx, app.subjectId);
      const now = clock.now();
      await tx.update(pathAnnualReviews).set({ status: 'passed', decidedAt: now, updatedAt: now }).where(eq(pathAnnualReviews.id, row.id));
      await audit(tx, ctx, {
        action: 'paths.annual-review.passed',
        objectType: ANNUAL_REVIEW_SUBJECT,
        objectId: row.id,
        partnerId: row.partnerId,
        after: { path: row.path, stage: row.stage },
      });
      await tell(tx, row, 'passed');
    },
    onRejected: async (tx, ctx, app) => {
      const row = await lockReview(tx, app.subjectId);
      const opinion = app.rejectReason ?? '';
      const target = await failReview(tx, ctx, row, opinion);
      await tell(tx, row, 'failed', { opinion, rolledBackTo: target });
    },
  },
});
