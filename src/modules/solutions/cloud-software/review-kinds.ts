import { eq } from 'drizzle-orm';
import { P, STAFF_ROLES } from '../../../platform/access/index.js';
import { clock } from '../../../platform/clock.js';
import type { Executor } from '../../../platform/db/index.js';
import { defineReviewKind, type ReviewApplication, type ReviewHook, type ReviewKind } from '../../../platform/review/index.js';
import { cloudSolutions, type ReviewState, type SolutionKind } from './schema.js';
import { validityEnd } from './statuses.js';

export const CLOUD_SOFTWARE_KIND = 'solutions.cloud-software';
export const ADVANCED_SOFTWARE_KIND = 'solutions.advanced-software';
export const SUBJECT_TYPE = 'cloud_solution';

export const reviewKindOf = (kind: SolutionKind) => (kind === 'cloud' ? CLOUD_SOFTWARE_KIND : ADVANCED_SOFTWARE_KIND);

/**
 * 认证材料审核 → 技术审核 → 业务审核 (guide L4320). Material checks are a reviewer's work, the technical
 * review the PSA's, the business decision the ecosystem manager's (运营管理员 always may).
 */
const STAGES = [
  { key: 'material', name: { zh: '认证材料审核', en: 'Material review' }, staffRoles: [STAFF_ROLES.reviewer] },
  { key: 'technical', name: { zh: '技术审核', en: 'Technical review' }, staffRoles: [STAFF_ROLES.psa] },
  { key: 'business', name: { zh: '业务审核', en: 'Business review' }, staffRoles: [STAFF_ROLES.ecosystemManager] },
] as const;

const STATUS_NAMES = {
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '认证审核中', en: 'Under certification review' },
  approved: { zh: '认证通过', en: 'Certified' },
  rejected: { zh: '认证不通过', en: 'Certification rejected' },
  // 退回修改 has no name of its own in the guide: the partner reads it as not passed, with the reason, and resubmits
  returned: { zh: '认证不通过', en: 'Certification rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

async function lockedRow(tx: Executor, app: ReviewApplication) {
  const [row] = await tx.select().from(cloudSolutions).where(eq(cloudSolutions.id, app.subjectId)).for('update');
  if (!row) throw new Error(`cloud solution ${app.subjectId} missing`);
  return row;
}

const setState =
  (state: ReviewState): ReviewHook =>
  async (tx, _ctx, app) => {
    const row = await lockedRow(tx, app);
    await tx
      .update(cloudSolutions)
      .set({ reviewState: state, reviewId: app.id, rejectReason: state === 'rejected' || state === 'returned' ? app.rejectReason : null, updatedAt: clock.now() })
      .where(eq(cloudSolutions.id, row.id));
  };

/** 认证通过: a new validity of 12 months from this approval (R47); a re-certification's version and materials apply now. */
const onApproved: ReviewHook = async (tx, _ctx, app) => {
  const row = await lockedRow(tx, app);
  const now = clock.now();
  const change = row.pendingChange;
  await tx
    .update(cloudSolutions)
    .set({
      reviewState: 'approved',
      reviewId: app.id,
      rejectReason: null,
      certifiedAt: now,
      validFrom: now,
      validUntil: validityEnd(now),
      certificateFileId: null, // the old certificate names the old validity
      ...(change
        ? { version: change.version, form: { ...row.form, materials: { ...row.form.materials, ...change.materials }, contacts: change.contacts }, pendingChange: null }
        : {}),
      updatedAt: now,
    })
    .where(eq(cloudSolutions.id, row.id));
};

function kindFor(kind: SolutionKind): ReviewKind {
  return defineReviewKind({
    kind: reviewKindOf(kind),
    title: kind === 'cloud' ? { zh: '云软件方案认证', en: 'Cloud software solution certification' } : { zh: '先进云软件方案认证', en: 'Advanced cloud software solution certification' },
    stages: STAGES,
    statusNames: STATUS_NAMES,
    applicants: ['partner'],
    permission: kind === 'cloud' ? P.cloudSoftware : P.advancedSoftware,
    withdrawable: false, // the guide offers no withdrawal of a submitted certification
    hooks: {
      onSubmitted: setState('in_review'),
      onApproved,
      onRejected: setState('rejected'),
      onReturned: setState('returned'),
    },
  });
}

export const cloudSoftwareReviewKind = kindFor('cloud');
export const advancedSoftwareReviewKind = kindFor('advanced');

/** Register in the server's one ReviewRegistry. */
export const cloudSolutionReviewKinds: readonly ReviewKind[] = [cloudSoftwareReviewKind, advancedSoftwareReviewKind];
