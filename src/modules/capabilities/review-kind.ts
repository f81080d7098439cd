import { eq } from 'drizzle-orm';
import { P, STAFF_ROLES } from '../../platform/access/index.js';
import { clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/index.js';
import { refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { defineReviewKind, type ReviewApplication, type ReviewKind } from '../../platform/review/index.js';
import { capabilityApplications, capabilitySuspensions, type CapabilityApplication, type Level2Result } from './schema.js';
import { suspensionEnd, updateDeadlineFor, validityEnd } from './rules.js';

export const CAPABILITY_KIND = 'capabilities.certification';
export const SUBJECT_TYPE = 'capability_application';

/**
 * Stages (spec 02 §3.9): 材料初审 and 材料技术审核 may return the materials for update (R54);
 * the working group's 专家评审 (L4799, L4846) decides 通过 / 不通过 and cannot return.
 */
export const RETURNABLE_STAGES = 2;

async function lockDomainRow(tx: Executor, app: ReviewApplication): Promise<CapabilityApplication> {
  const [row] = await tx.select().from(capabilityApplications).where(eq(capabilityApplications.id, app.subjectId)).for('update');
  if (!row) throw new Error(`capability application ${app.subjectId} missing`);
  return row;
}

const allResults = (row: CapabilityApplication, r: Level2Result) =>
  Object.fromEntries(Object.keys(row.level2Results).map((k) => [k, r])) as Record<string, Level2Result>;

export const capabilityReviewKind: ReviewKind = defineReviewKind({
  kind: CAPABILITY_KIND,
  title: { zh: '能力认证', en: 'Capability certification' },
  stages: [
    { key: 'material', name: { zh: '材料初审', en: 'Material pre-review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.operations] },
    { key: 'technical', name: { zh: '材料技术审核', en: 'Technical material review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.psa] },
    { key: 'expert', name: { zh: '专家评审', en: 'Expert review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] },
  ],
  statusNames: {
    in_review: { zh: '审核中', en: 'Under review' },
    returned: { zh: '审核材料待更新', en: 'Materials to update' },
    approved: { zh: '通过', en: 'Passed' },
    rejected: { zh: '不通过', en: 'Failed' },
  },
  applicants: ['partner'],
  permission: P.capabilities,
  withdrawable: false, // the guide offers no withdrawal of a certification application
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      const row = await lockDomainRow(tx, app);
      await tx
        .update(capabilityApplications)
        .set({ status: 'reviewing', reviewId: app.id, returnedAt: null, updateDeadline: null, updatedAt: clock.now() })
        .where(eq(capabilityApplications.id, row.id));
    },
    onReturned: async (tx, ctx, app) => {
      // R54: only the two material reviews send materials back; the expert review passes or fails.
      if (app.stageIndex >= RETURNABLE_STAGES)
        throw refused('capabilities.expert-cannot-return', {
          zh: '专家评审阶段不能退回更新材料，请给出通过或不通过的结论',
          en: 'The expert review cannot return the materials; decide passed or failed',
        });
      const row = await lockDomainRow(tx, app);
      const now = clock.now();
      const deadline = updateDeadlineFor(now);
      await tx
        .update(capabilityApplications)
        .set({ status: 'materials_update', reviewComment: app.rejectReason, returnedAt: now, updateDeadline: deadline, updatedAt: now })
        .where(eq(capabilityApplications.id, row.id));
      await audit(tx, ctx, {
        action: 'capabilities.materials-returned',
        objectType: SUBJECT_TYPE,
        objectId: row.id,
        partnerId: row.partnerId,
        after: { status: 'materials_update', updateDeadline: deadline },
      });
    },
    onRejected: async (tx, ctx, app) => {
      // R53: 不通过 → that level-1 label is suspended (冻结) for 6 months.
      const row = await lockDomainRow(tx, app);
      const now = clock.now();
      await tx
        .update(capabilityApplications)
        .set({ status: 'failed', reviewComment: app.rejectReason, decidedAt: now, level2Results: allResults(row, 'failed'), updatedAt: now })
        .where(eq(capabilityApplications.id, row.id));
      const endsAt = suspensionEnd(now);
      await tx.insert(capabilitySuspensions).values({
        partnerId: row.partnerId,
        level1Label: row.level1Label,
        cause: 'failed',
        applicationId: row.id,
        startsAt: now,
        endsAt,
        createdAt: now,
      });
      await audit(tx, ctx, {
        action: 'capabilities.failed',
        objectType: SUBJECT_TYPE,
        objectId: row.id,
        partnerId: row.partnerId,
        after: { status: 'failed', suspendedUntil: endsAt },
      });
    },
    onApproved: async (tx, ctx, app) => {
      const row = await lockDomainRow(tx, app);
      const now = clock.now();
      const validTo = validityEnd(now);
      await tx
        .update(capabilityApplications)
        .set({
          status: 'passed',
          reviewComment: null,
          decidedAt: now,
          passedAt: now,
          validFrom: now,
          validTo,
          level2Results: allResults(row, 'passed'),
          updatedAt: now,
        })
        .where(eq(capabilityApplications.id, row.id));
      await audit(tx, ctx, {
        action: 'capabilities.passed',
        objectType: SUBJECT_TYPE,
        objectId: row.id,
        partnerId: row.partnerId,
        after: { status: 'passed', validFrom: now, validTo },
      });
    },
  },
});
