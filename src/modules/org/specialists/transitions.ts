import { and, eq, ne } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/index.js';
import { clock } from '../../../platform/clock.js';
import { notFound, refused } from '../../../platform/errors.js';
import type { Text } from '../../../platform/i18n/index.js';
import { audit } from '../../../platform/audit/index.js';
import type { ReviewApplication } from '../../../platform/review/index.js';
import {
  memberCertificates,
  memberEmployment,
  memberInvitations,
  projectSpecialists,
  type MemberInvitation,
  type ProjectSpecialist,
} from './schema.js';
import {
  APPLYABLE_STATUSES,
  CANCELLABLE_STATUSES,
  INVITATION_STATUS,
  SPECIALIST_STATUS,
  chinaDate,
  effectiveInvitationStatus,
  type InvitationStatus,
  type SpecialistStatus,
} from './statuses.js';
import { isUuid } from '../../../platform/ids.js';

/**
 * The state changes of invitations, specialists and certificates that a review decision causes.
 * They run as hooks inside the review engine's transaction (review-kinds.ts), so the application and
 * the domain row change together or not at all; each one re-checks the state under a row lock.
 */

export const MEMBER: Text = { zh: '成员', en: 'Member' };
export const SPECIALIST: Text = { zh: '项目专员', en: 'Project specialist' };
export const CERTIFICATE: Text = { zh: '证书', en: 'Certificate' };

export const NOT_APPLYABLE: Text = {
  zh: '仅可为已绑定/取消专员审核通过/取消专员（华为方操作）/申请专员审核未通过状态的成员申请项目专员，当前状态为“{status}”',
  en: 'Only members in the statuses bound / cancellation approved / cancelled by the vendor / application rejected can be applied for; the current status is "{status}"',
};
export const ALREADY_SPECIALIST: Text = { zh: '该成员已是项目专员', en: 'This member is already a project specialist' };
export const WORK_BASE_MISSING: Text = {
  zh: '成员的工作常驻地未填写，请先维护就职信息中的工作常驻地',
  en: "The member's work base (工作常驻地) is not filled in; maintain it in the employment information first",
};
export const NOT_CANCELLABLE: Text = {
  zh: '仅可对正常状态的项目专员或取消项目专员未通过的成员申请取消项目专员，当前状态为“{status}”',
  en: 'Only active specialists or those whose cancellation was rejected can be cancelled; the current status is "{status}"',
};

/** The data an org.specialist-apply application carries (its snapshot of the dialog). */
export interface ApplyData {
  path: string;
  deploymentMode: string | null;
  workBase: string | null;
  materialFileIds: string[];
  accountId: string;
}

export interface CancelData {
  reason: string;
  fileIds: string[];
}

export interface CertificateData {
  type: string;
  name: string;
  number: string;
  validFrom: string;
  validTo: string;
  fileId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Shared reads

export { isUuid };

export async function lockInvitation(tx: Executor, id: string): Promise<MemberInvitation | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(memberInvitations).where(eq(memberInvitations.id, id)).for('update');
  return row;
}

export async function lockSpecialist(tx: Executor, id: string): Promise<ProjectSpecialist | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx.select().from(projectSpecialists).where(eq(projectSpecialists.id, id)).for('update');
  return row;
}

/** The current (not ended) specialist period of a binding, if any. */
export async function liveSpecialist(ex: Executor, invitationId: string): Promise<ProjectSpecialist | undefined> {
  const [row] = await ex
    .select()
    .from(projectSpecialists)
    .where(and(eq(projectSpecialists.invitationId, invitationId), ne(projectSpecialists.status, 'ended')));
  return row;
}

export async function employmentWorkBase(ex: Executor, accountId: string): Promise<string | null> {
  const [row] = await ex.select({ workBase: memberEmployment.workBase }).from(memberEmployment).where(eq(memberEmployment.accountId, accountId));
  return row?.workBase?.trim() ? row.workBase : null;
}

/** The preconditions of 申请项目专员 for one member (R36, §3.4); used before submitting and again under lock. */
export async function assertApplyable(ex: Executor, inv: MemberInvitation): Promise<InvitationStatus> {
  const status = effectiveInvitationStatus(inv, clock.now());
  if (!APPLYABLE_STATUSES.includes(status)) {
    throw refused('org.specialist.not-applyable', NOT_APPLYABLE, { status: INVITATION_STATUS[status] });
  }
  if (await liveSpecialist(ex, inv.id)) throw refused('org.specialist.already', ALREADY_SPECIALIST);
  if (!(await employmentWorkBase(ex, inv.accountId))) throw refused('org.specialist.work-base-missing', WORK_BASE_MISSING);
  return status;
}

export function assertCancellable(sp: ProjectSpecialist): void {
  if (!CANCELLABLE_STATUSES.includes(sp.status as SpecialistStatus)) {
    throw refused('org.specialist.not-cancellable', NOT_CANCELLABLE, {
      status: SPECIALIST_STATUS[sp.status as SpecialistStatus] ?? sp.status,
    });
  }
}

/** A hook found the domain row in a state the application cannot be in: a bug or a manual edit. */
function inconsistent(what: string, app: ReviewApplication, status: string): Error {
  return new Error(`${what} ${app.subjectId} is ${status} while its ${app.kind} application ${app.id} is ${app.status}`);
}

// ---------------------------------------------------------------------------------------------
// org.specialist-apply

export async function onApplySubmitted(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  const inv = await lockInvitation(tx, app.subjectId);
  if (!inv || inv.partnerId !== app.partnerId) throw notFound(MEMBER);
  const before = await assertApplyable(tx, inv);
  await tx
    .update(memberInvitations)
    .set({ status: 'applying', statusBeforeApply: before, applyRejectReason: null, updatedAt: clock.now() })
    .where(eq(memberInvitations.id, inv.id));
}

export async function onApplyApproved(tx: Executor, ctx: Ctx, app: ReviewApplication): Promise<void> {
  const inv = await lockInvitation(tx, app.subjectId);
  if (!inv) throw notFound(MEMBER);
  if (inv.status !== 'applying') throw inconsistent('invitation', app, inv.status);
  const data = app.data as unknown as ApplyData;
  const now = clock.now();
  const [sp] = await tx
    .insert(projectSpecialists)
    .values({
      partnerId: inv.partnerId,
      invitationId: inv.id,
      accountId: inv.accountId,
      applicationId: app.id,
      path: data.path,
      deploymentMode: data.deploymentMode ?? null,
      workBase: data.workBase ?? (await employmentWorkBase(tx, inv.accountId)),
      materialFileIds: data.materialFileIds ?? [],
      status: 'active',
      approvedAt: now,
      startDate: chinaDate(now),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  // The invitation table has no status for "is a specialist": 已绑定 is "bound until unbound" (L3677).
  await tx
    .update(memberInvitations)
    .set({ status: 'bound', statusBeforeApply: null, applyRejectReason: null, updatedAt: now })
    .where(eq(memberInvitations.id, inv.id));
  await audit(tx, ctx, {
    action: 'org.specialist.approved',
    objectType: 'project_specialist',
    objectId: sp!.id,
    partnerId: inv.partnerId,
    after: { invitationId: inv.id, path: sp!.path, status: sp!.status, startDate: sp!.startDate },
  });
}

export async function onApplyRejected(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  const inv = await lockInvitation(tx, app.subjectId);
  if (!inv) throw notFound(MEMBER);
  if (inv.status !== 'applying') throw inconsistent('invitation', app, inv.status);
  await tx
    .update(memberInvitations)
    .set({ status: 'apply_rejected', statusBeforeApply: null, applyRejectReason: app.rejectReason, updatedAt: clock.now() })
    .where(eq(memberInvitations.id, inv.id));
}

/** 撤回 (R37): back to where the member was before the application. */
export async function onApplyWithdrawn(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  const inv = await lockInvitation(tx, app.subjectId);
  if (!inv) throw notFound(MEMBER);
  if (inv.status !== 'applying') throw inconsistent('invitation', app, inv.status);
  await tx
    .update(memberInvitations)
    .set({ status: inv.statusBeforeApply ?? 'bound', statusBeforeApply: null, updatedAt: clock.now() })
    .where(eq(memberInvitations.id, inv.id));
}

// ---------------------------------------------------------------------------------------------
// org.specialist-cancel

export async function onCancelSubmitted(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  const sp = await lockSpecialist(tx, app.subjectId);
  if (!sp || sp.partnerId !== app.partnerId) throw notFound(SPECIALIST);
  assertCancellable(sp);
  const data = app.data as unknown as CancelData;
  await tx
    .update(projectSpecialists)
    .set({ status: 'cancel_pending', cancelReason: data.reason, cancelFileIds: data.fileIds ?? [], cancelRejectReason: null, updatedAt: clock.now() })
    .where(eq(projectSpecialists.id, sp.id));
}

export async function onCancelApproved(tx: Executor, ctx: Ctx, app: ReviewApplication): Promise<void> {
  const sp = await lockSpecialist(tx, app.subjectId);
  if (!sp) throw notFound(SPECIALIST);
  if (sp.status !== 'cancel_pending') throw inconsistent('specialist', app, sp.status);
  const now = clock.now();
  await tx
    .update(projectSpecialists)
    .set({ status: 'ended', endDate: chinaDate(now), endedBy: 'partner', updatedAt: now })
    .where(eq(projectSpecialists.id, sp.id));
  await tx
    .update(memberInvitations)
    .set({ status: 'cancel_approved', updatedAt: now })
    .where(eq(memberInvitations.id, sp.invitationId));
  await audit(tx, ctx, {
    action: 'org.specialist.cancel-approved',
    objectType: 'project_specialist',
    objectId: sp.id,
    partnerId: sp.partnerId,
    before: { status: sp.status },
    after: { status: 'ended', endDate: chinaDate(now) },
  });
}

export async function onCancelRejected(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  const sp = await lockSpecialist(tx, app.subjectId);
  if (!sp) throw notFound(SPECIALIST);
  if (sp.status !== 'cancel_pending') throw inconsistent('specialist', app, sp.status);
  await tx
    .update(projectSpecialists)
    .set({ status: 'cancel_rejected', cancelRejectReason: app.rejectReason, updatedAt: clock.now() })
    .where(eq(projectSpecialists.id, sp.id));
}

/** 撤销申请: the specialist stays a specialist (spec 02 §3.5, inferred: back to 正常). */
export async function onCancelWithdrawn(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  const sp = await lockSpecialist(tx, app.subjectId);
  if (!sp) throw notFound(SPECIALIST);
  if (sp.status !== 'cancel_pending') throw inconsistent('specialist', app, sp.status);
  await tx.update(projectSpecialists).set({ status: 'active', updatedAt: clock.now() }).where(eq(projectSpecialists.id, sp.id));
}

// ---------------------------------------------------------------------------------------------
// org.member-certificate: the certificate row is written with its application (new or edited).

export async function onCertificateSubmitted(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  const data = app.data as unknown as CertificateData;
  const now = clock.now();
  const [existing] = await tx.select().from(memberCertificates).where(eq(memberCertificates.id, app.subjectId)).for('update');
  if (existing) {
    if (existing.accountId !== app.applicantId || existing.source !== 'member') throw notFound(CERTIFICATE);
    await tx
      .update(memberCertificates)
      .set({ ...data, status: 'in_review', rejectReason: null, updatedAt: now })
      .where(eq(memberCertificates.id, existing.id));
    return;
  }
  await tx.insert(memberCertificates).values({
    id: app.subjectId,
    accountId: app.applicantId,
    source: 'member',
    ...data,
    status: 'in_review',
    createdAt: now,
    updatedAt: now,
  });
}

export async function onCertificateApproved(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  await tx
    .update(memberCertificates)
    .set({ status: 'approved', rejectReason: null, updatedAt: clock.now() })
    .where(eq(memberCertificates.id, app.subjectId));
}

export async function onCertificateRejected(tx: Executor, _ctx: Ctx, app: ReviewApplication): Promise<void> {
  await tx
    .update(memberCertificates)
    .set({ status: 'rejected', rejectReason: app.rejectReason, updatedAt: clock.now() })
    .where(eq(memberCertificates.id, app.subjectId));
}
