import { eq, sql } from 'drizzle-orm';
import { P, STAFF_ROLES } from '../../platform/access/index.js';
import { clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/index.js';
import { audit } from '../../platform/audit/index.js';
import { defineReviewKind, type ReviewApplication, type ReviewKind } from '../../platform/review/index.js';
import { partners } from '../partners/schema.js';
import { pathCertifications, pathEnrollments } from './schema.js';
import { annualReviewKind } from './annual-review-kind.js';

export const CERTIFICATION_KIND = 'paths.certification';
export const CERTIFICATION_SUBJECT = 'path_certification';
export const SELECTION_KIND = 'paths.software-selection';
export const SELECTION_SUBJECT = 'path_enrollment';

/** Keep partners.paths (the cheap lookup other modules read) in step with joined enrollments. */
export async function addJoinedPath(ex: Executor, partnerId: string, path: string): Promise<void> {
  await ex
    .update(partners)
    .set({ paths: sql`CASE WHEN ${path} = ANY(${partners.paths}) THEN ${partners.paths} ELSE array_append(${partners.paths}, ${path}) END` })
    .where(eq(partners.id, partnerId));
}

export async function removeJoinedPath(ex: Executor, partnerId: string, path: string): Promise<void> {
  await ex.update(partners).set({ paths: sql`array_remove(${partners.paths}, ${path})` }).where(eq(partners.id, partnerId));
}

const failCertification = async (tx: Executor, _ctx: unknown, app: ReviewApplication) => {
  await tx
    .update(pathCertifications)
    .set({ status: 'failed', failureReason: app.rejectReason, decidedAt: clock.now(), updatedAt: clock.now() })
    .where(eq(pathCertifications.id, app.subjectId));
};

/** 角色认证 / 能力差异化 by application (spec 01 §3.3): 审核中 → 审核通过 (stage advances) or 审核未通过 (reason). */
export const pathCertificationKind: ReviewKind = defineReviewKind({
  kind: CERTIFICATION_KIND,
  title: { zh: '发展路径认证', en: 'Development path certification' },
  stages: [{ key: 'review', name: { zh: '认证审核', en: 'Certification review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] }],
  statusNames: {
    in_review: { zh: '审核中', en: 'Under review' },
    rejected: { zh: '审核未通过', en: 'Rejected' },
    returned: { zh: '审核未通过', en: 'Rejected' }, // the guide has no separate "returned": fix and resubmit
    approved: { zh: '审核通过', en: 'Approved' },
  },
  applicants: ['partner'],
  permission: P.home,
  withdrawable: false, // the guide offers no withdrawal of a submitted certification
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      await tx
        .update(pathCertifications)
        .set({ status: 'reviewing', reviewId: app.id, failureReason: null, decidedAt: null, updatedAt: clock.now() })
        .where(eq(pathCertifications.id, app.subjectId));
    },
    onApproved: async (tx, ctx, app) => {
      const [row] = await tx
        .update(pathCertifications)
        .set({ status: 'passed', failureReason: null, decidedAt: clock.now(), updatedAt: clock.now() })
        .where(eq(pathCertifications.id, app.subjectId))
        .returning();
      if (!row) throw new Error(`path certification ${app.subjectId} missing`);
      await tx
        .update(pathEnrollments)
        .set({ stage: row.targetStage, updatedAt: clock.now() })
        .where(sql`${pathEnrollments.partnerId} = ${row.partnerId} AND ${pathEnrollments.path} = ${row.path} AND ${pathEnrollments.status} = 'joined'`);
      await audit(tx, ctx, {
        action: 'paths.certified',
        objectType: CERTIFICATION_SUBJECT,
        objectId: row.id,
        partnerId: row.partnerId,
        after: { path: row.path, stage: row.targetStage },
      });
    },
    onRejected: failCertification,
    onReturned: failCertification,
  },
});

/** R10: a repeat software-path selection inside one company waits for the ecosystem manager (L862). */
export const softwareSelectionKind: ReviewKind = defineReviewKind({
  kind: SELECTION_KIND,
  title: { zh: '软件伙伴发展路径重复选择审核', en: 'Repeat software path selection' },
  stages: [{ key: 'manager', name: { zh: '生态经理审核', en: 'Ecosystem manager review' }, staffRoles: [STAFF_ROLES.ecosystemManager] }],
  statusNames: {
    in_review: { zh: '审核中', en: 'Under review' },
    rejected: { zh: '审核未通过', en: 'Rejected' },
    returned: { zh: '审核未通过', en: 'Rejected' },
    approved: { zh: '审核通过', en: 'Approved' },
  },
  applicants: ['partner'],
  permission: P.home,
  withdrawable: true,
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      await tx
        .update(pathEnrollments)
        .set({ status: 'pending_review', reviewId: app.id, rejectReason: null, updatedAt: clock.now() })
        .where(eq(pathEnrollments.id, app.subjectId));
    },
    onApproved: async (tx, ctx, app) => {
      const now = clock.now();
      const [row] = await tx
        .update(pathEnrollments)
        .set({ status: 'joined', joinedAt: now, rejectReason: null, updatedAt: now })
        .where(eq(pathEnrollments.id, app.subjectId))
        .returning();
      if (!row) throw new Error(`path enrollment ${app.subjectId} missing`);
      await addJoinedPath(tx, row.partnerId, row.path);
      await audit(tx, ctx, { action: 'paths.joined', objectType: SELECTION_SUBJECT, objectId: row.id, partnerId: row.partnerId, after: { path: row.path } });
    },
    onRejected: async (tx, _ctx, app) => {
      await tx
        .update(pathEnrollments)
        .set({ status: 'rejected', rejectReason: app.rejectReason, updatedAt: clock.now() })
        .where(eq(pathEnrollments.id, app.subjectId));
    },
    onReturned: async (tx, _ctx, app) => {
      await tx
        .update(pathEnrollments)
        .set({ status: 'rejected', rejectReason: app.rejectReason, updatedAt: clock.now() })
        .where(eq(pathEnrollments.id, app.subjectId));
    },
    onWithdrawn: async (tx, _ctx, app) => {
      await tx.update(pathEnrollments).set({ status: 'withdrawn', updatedAt: clock.now() }).where(eq(pathEnrollments.id, app.subjectId));
    },
  },
});

export const pathReviewKinds: readonly ReviewKind[] = [pathCertificationKind, softwareSelectionKind, annualReviewKind];
