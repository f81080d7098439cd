import { and, eq, ne } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit/index.js';
import { refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { P, STAFF_ROLES, type StaffRole } from '../../platform/access/index.js';
import { defineReviewKind, type ReviewApplication, type ReviewKind } from '../../platform/review/index.js';
import { companies } from '../partners/schema.js';
import { programDef } from './catalogue.js';
import { effectiveStatus, markExiting, startMembership } from './memberships.js';
import { linkFromApplication } from './reseller.js';
import {
  distributorAssessments,
  levelUpgrades,
  programApplications,
  programInvitations,
  programMemberships,
  type ApplicationProgram,
} from './schema.js';

export const APPLICATION_SUBJECT = 'program_application';
export const UPGRADE_SUBJECT = 'program_level_upgrade';
export const ASSESSMENT_SUBJECT = 'program_distributor_assessment';

export const APPLICATION_KINDS: Record<ApplicationProgram, string> = {
  solution_provider: 'programs.solution-provider',
  distributor: 'programs.distributor',
  reseller: 'programs.reseller',
  marketplace_csp: 'programs.marketplace-csp',
  marketplace_merchant: 'programs.marketplace-merchant',
};
export const UPGRADE_KIND = 'programs.level-upgrade';
export const ASSESSMENT_KIND = 'programs.distributor-assessment';

/** The guide's names for plan applications (spec 01 §3): 审核中, 审核不通过 (fix and resubmit), 审核通过. */
const APPLICATION_STATUS_NAMES = {
  in_review: { zh: '审核中', en: 'Under review' },
  rejected: { zh: '审核不通过', en: 'Rejected' },
  returned: { zh: '审核不通过', en: 'Rejected' }, // the guide has no separate "returned": fix and resubmit
  approved: { zh: '审核通过', en: 'Approved' },
} satisfies Record<string, Text>;

const COMPANY_JOINED: Text = {
  zh: '该公司已有审批通过的解决方案提供商计划（不可重复加入）',
  en: 'The company already has an approved solution provider plan (it cannot join twice)',
};

async function lockApplication(tx: Executor, id: string) {
  const [row] = await tx.select().from(programApplications).where(eq(programApplications.id, id)).for('update');
  if (!row) throw new Error(`program application ${id} missing`);
  return row;
}

/** 审核通过: the account joins the plan (and, for a reseller naming a distributor, waits for its approval). */
async function approveApplication(tx: Executor, ctx: Ctx, app: ReviewApplication): Promise<void> {
  const row = await lockApplication(tx, app.subjectId);
  const now = clock.now();
  if (row.program === 'solution_provider') {
    // R25 no. 10 under concurrency: one approved plan per company, decided with the company row locked
    await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, row.companyId)).for('update');
    const others = await tx
      .select()
      .from(programMemberships)
      .where(and(eq(programMemberships.companyId, row.companyId), eq(programMemberships.program, 'solution_provider'), ne(programMemberships.status, 'ended')));
    if (others.some((m) => effectiveStatus(m, now) === 'active')) throw refused('programs.company-already-joined', COMPANY_JOINED);
  }
  const membership = await startMembership(tx, ctx, {
    partnerId: row.partnerId,
    program: row.program,
    level: row.level,
    businessRegion: row.businessInfo.businessRegion ?? null,
    applicationId: row.id,
    agreements: row.agreements,
  });
  if (row.program === 'distributor') {
    await tx
      .update(programInvitations)
      .set({ status: 'accepted', acceptedAt: now })
      .where(and(eq(programInvitations.partnerId, row.partnerId), eq(programInvitations.program, 'distributor'), eq(programInvitations.status, 'pending')));
  }
  if (row.program === 'reseller' && row.businessInfo.intendedDistributor) await linkFromApplication(tx, ctx, row, membership);
  await tx.update(programApplications).set({ status: 'approved', rejectReason: null, decidedAt: now, updatedAt: now }).where(eq(programApplications.id, row.id));
}

async function failApplication(tx: Executor, ctx: Ctx, app: ReviewApplication): Promise<void> {
  const now = clock.now();
  const [row] = await tx
    .update(programApplications)
    .set({ status: 'rejected', rejectReason: app.rejectReason, decidedAt: now, updatedAt: now })
    .where(eq(programApplications.id, app.subjectId))
    .returning();
  await audit(tx, ctx, { action: 'programs.application-rejected', objectType: APPLICATION_SUBJECT, objectId: app.subjectId, partnerId: row?.partnerId, after: { reason: app.rejectReason } });
}

function applicationKind(program: ApplicationProgram, stages: { key: string; name: Text; staffRoles: StaffRole[] }[]): ReviewKind {
  return defineReviewKind({
    kind: APPLICATION_KINDS[program],
    title: { zh: `加入${programDef(program).name.zh}`, en: `Joining the ${programDef(program).name.en}` },
    stages,
    statusNames: APPLICATION_STATUS_NAMES,
    applicants: ['partner'],
    permission: P.programs,
    withdrawable: false, // the guide offers no withdrawal of a submitted plan application
    hooks: {
      onSubmitted: async (tx, _ctx, app) => {
        const now = clock.now();
        await tx
          .update(programApplications)
          .set({ status: 'in_review', reviewId: app.id, rejectReason: null, decidedAt: null, submittedAt: now, updatedAt: now })
          .where(eq(programApplications.id, app.subjectId));
      },
      onApproved: approveApplication,
      onRejected: failApplication,
      onReturned: failApplication,
    },
  });
}

const R = STAFF_ROLES;
const PLAN_REVIEW = { zh: '计划审核', en: 'Plan review' };

export const applicationReviewKinds: readonly ReviewKind[] = [
  // step 3 尽职调查 is checked by the vendor's compliance reviewer first (华为云计算反贿赂合规尽职调查, L1855)
  applicationKind('solution_provider', [
    { key: 'due-diligence', name: { zh: '尽职调查审核', en: 'Due diligence review' }, staffRoles: [R.reviewer] },
    { key: 'plan', name: PLAN_REVIEW, staffRoles: [R.ecosystemManager] },
  ]),
  applicationKind('distributor', [{ key: 'plan', name: PLAN_REVIEW, staffRoles: [R.ecosystemManager, R.channelManager] }]),
  applicationKind('reseller', [{ key: 'plan', name: PLAN_REVIEW, staffRoles: [R.channelManager, R.ecosystemManager] }]),
  applicationKind('marketplace_csp', [{ key: 'plan', name: PLAN_REVIEW, staffRoles: [R.operations, R.ecosystemManager] }]),
  applicationKind('marketplace_merchant', [{ key: 'plan', name: { zh: '商家入驻审核', en: 'Merchant review' }, staffRoles: [R.operations] }]),
];

/** 提升等级 (spec 01 §3.6): 审核中 (3 working days) → the new level, or 审核未通过 → improve and resubmit. */
export const levelUpgradeKind: ReviewKind = defineReviewKind({
  kind: UPGRADE_KIND,
  title: { zh: '解决方案提供商等级提升', en: 'Solution provider level upgrade' },
  stages: [{ key: 'level', name: { zh: '等级审核', en: 'Level review' }, staffRoles: [R.ecosystemManager] }],
  statusNames: {
    in_review: { zh: '审核中', en: 'Under review' },
    rejected: { zh: '审核未通过', en: 'Rejected' },
    returned: { zh: '审核未通过', en: 'Rejected' },
    approved: { zh: '审核通过', en: 'Approved' },
  },
  applicants: ['partner'],
  permission: P.programs,
  withdrawable: false,
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      await tx.update(levelUpgrades).set({ status: 'in_review', reviewId: app.id, rejectReason: null, decidedAt: null, updatedAt: clock.now() }).where(eq(levelUpgrades.id, app.subjectId));
    },
    onApproved: async (tx, ctx, app) => {
      const now = clock.now();
      const [row] = await tx.update(levelUpgrades).set({ status: 'approved', decidedAt: now, updatedAt: now }).where(eq(levelUpgrades.id, app.subjectId)).returning();
      if (!row) throw new Error(`level upgrade ${app.subjectId} missing`);
      // the certificate names the level: a new one is made on the next download
      await tx.update(programMemberships).set({ level: row.targetLevel, certificateFileId: null, updatedAt: now }).where(eq(programMemberships.id, row.membershipId));
      await audit(tx, ctx, { action: 'programs.level-upgraded', objectType: UPGRADE_SUBJECT, objectId: row.id, partnerId: row.partnerId, before: { level: row.fromLevel }, after: { level: row.targetLevel } });
    },
    onRejected: async (tx, _ctx, app) => {
      await tx.update(levelUpgrades).set({ status: 'rejected', rejectReason: app.rejectReason, decidedAt: clock.now(), updatedAt: clock.now() }).where(eq(levelUpgrades.id, app.subjectId));
    },
    onReturned: async (tx, _ctx, app) => {
      await tx.update(levelUpgrades).set({ status: 'rejected', rejectReason: app.rejectReason, decidedAt: clock.now(), updatedAt: clock.now() }).where(eq(levelUpgrades.id, app.subjectId));
    },
  },
});

/**
 * 年度考核不达标处理 (spec 01 §3.8, R35): exit (退出中) or retain (不达标) after the vendor's approval;
 * once approved the choice cannot be undone.
 */
export const assessmentHandlingKind: ReviewKind = defineReviewKind({
  kind: ASSESSMENT_KIND,
  title: { zh: '分销计划（总经销商）年度考核不达标处理', en: 'Distributor annual assessment handling' },
  stages: [{ key: 'handling', name: { zh: '处理方式审核', en: 'Handling review' }, staffRoles: [R.channelManager, R.ecosystemManager] }],
  statusNames: APPLICATION_STATUS_NAMES,
  applicants: ['partner'],
  permission: P.home,
  withdrawable: false,
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      await tx.update(distributorAssessments).set({ status: 'handling_review', reviewId: app.id, rejectReason: null, updatedAt: clock.now() }).where(eq(distributorAssessments.id, app.subjectId));
    },
    onApproved: async (tx, ctx, app) => {
      const now = clock.now();
      const [row] = await tx.select().from(distributorAssessments).where(eq(distributorAssessments.id, app.subjectId)).for('update');
      if (!row) throw new Error(`assessment ${app.subjectId} missing`);
      const [m] = await tx
        .select()
        .from(programMemberships)
        .where(and(eq(programMemberships.partnerId, row.partnerId), eq(programMemberships.program, 'distributor'), ne(programMemberships.status, 'ended')));
      if (row.handling === 'exit') {
        if (m) await markExiting(tx, ctx, m.id);
        await tx.update(distributorAssessments).set({ status: 'exiting', decidedAt: now, updatedAt: now }).where(eq(distributorAssessments.id, row.id));
      } else {
        if (m) await tx.update(programMemberships).set({ assessmentFlag: 'non_compliant', updatedAt: now }).where(eq(programMemberships.id, m.id));
        await tx.update(distributorAssessments).set({ status: 'retained', decidedAt: now, updatedAt: now }).where(eq(distributorAssessments.id, row.id));
      }
      await audit(tx, ctx, { action: 'programs.assessment-handled', objectType: ASSESSMENT_SUBJECT, objectId: row.id, partnerId: row.partnerId, after: { handling: row.handling } });
    },
    onRejected: async (tx, _ctx, app) => {
      await tx
        .update(distributorAssessments)
        .set({ status: 'handling_rejected', rejectReason: app.rejectReason, updatedAt: clock.now() })
        .where(eq(distributorAssessments.id, app.subjectId));
    },
    onReturned: async (tx, _ctx, app) => {
      await tx
        .update(distributorAssessments)
        .set({ status: 'handling_rejected', rejectReason: app.rejectReason, updatedAt: clock.now() })
        .where(eq(distributorAssessments.id, app.subjectId));
    },
  },
});

export const programReviewKinds: readonly ReviewKind[] = [...applicationReviewKinds, levelUpgradeKind, assessmentHandlingKind];
