import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { fieldError, notFound, refused } from '../../platform/errors.js';
import { render, type Text } from '../../platform/i18n/index.js';
import { P, STAFF_ROLES, requirePartnerAdmin, requirePermission, requireStaff } from '../../platform/access/index.js';
import { audit } from '../../platform/audit/index.js';
import { send } from '../../platform/notify/index.js';
import { canRead, getFileRecord } from '../../platform/files/index.js';
import { findApplicationsForSubject, statusName, submit } from '../../platform/review/index.js';
import { accounts } from '../accounts/schema.js';
import { companies, partners } from '../partners/schema.js';
import { hasCloudSolutionRecords } from '../solutions/cloud-software/service.js';
import { passedLabels } from '../capabilities/service.js';
import { DIFFERENTIATION_LABELS } from '../capabilities/labels.js';
import { CERTIFIED_STAGES, PATHS, STAGES, STAGE_NAMES, pathDefinition, stageIndex, type PathType, type Stage } from './catalogue.js';
import { effectiveStage, evaluatePath, requirementSnapshot, unmetRequirements } from './requirements.js';
import { latestAnnualReview, type AnnualReviewView } from './annual-review.js';
import { pathCertifications, pathEnrollments, pathInvitations, type PathCertification, type PathEnrollment } from './schema.js';
import { CERTIFICATION_KIND, CERTIFICATION_SUBJECT, SELECTION_KIND, SELECTION_SUBJECT, addJoinedPath, removeJoinedPath } from './review-kinds.js';
import { isUuid } from '../../platform/ids.js';

/**
 * 合作伙伴发展路径 (spec 01 §2.7–2.9, §3.2–3.3, ops 5–12, R7–R24): select and exit paths, path detail
 * with "x/y" counters (requirements.ts) and the 切换发展路径 options, software certification evaluated from
 * the cloud-software solutions, service / SI / learning certification by application through the review
 * engine, invitations to the invite-only paths. Annual review: annual-review.ts; certificates: certificate.ts.
 */

// ---------------------------------------------------------------------------------------------
// Messages

const PATH_ENTITY: Text = { zh: '发展路径', en: 'Development path' };
const CERT_ENTITY: Text = { zh: '认证记录', en: 'Certification record' };
const ALREADY_JOINED: Text = { zh: '您已加入该发展路径', en: 'You have already joined this path' };
const SELECTION_PENDING: Text = { zh: '该发展路径的选择正在等待生态经理审核', en: 'Your selection of this path is waiting for the ecosystem manager' };
const SERVICE_TAKEN: Text = {
  zh: '您所在公司的其他账号已选择服务伙伴发展路径，无法重复选择',
  en: 'Another account of your company has already chosen the service path; it cannot be chosen again',
};
const INVITATION_REQUIRED: Text = {
  zh: '该发展路径仅限受邀伙伴加入，请联系生态经理',
  en: 'This path is by invitation only; contact your ecosystem manager',
};
const NOT_JOINED: Text = { zh: '您尚未加入该发展路径', en: 'You have not joined this path' };
const NO_APPLICATION: Text = {
  zh: '该发展路径无需申请认证',
  en: 'This path does not take certification applications',
};
const ROLE_FIRST: Text = { zh: '请先完成角色认证', en: 'Complete role certification first' };
const STAGE_REACHED: Text = { zh: '您已完成该阶段认证', en: 'You have already reached this stage' };
const CERT_IN_REVIEW: Text = { zh: '该阶段的认证申请正在审核中', en: 'A certification application for this stage is under review' };
const PREFERRED_LABEL_REQUIRED: Text = {
  zh: '能力差异化认证需至少获得1个指定范围内的能力标签（上云规划实施、数据库、昇腾云、AI平台、大数据、云原生、应用现代化、SAP）',
  en: 'Differentiation needs at least one capability label from the preferred list (cloud migration, database, Ascend Cloud, AI platform, big data, cloud native, app modernization, SAP)',
};
const REQUIREMENTS_UNMET: Text = {
  zh: '申请认证过程中，请保证所有认证要求均为已通过状态',
  en: 'Every certification requirement must show as passed before you apply',
};
const MATERIAL_NOT_FOUND: Text = { zh: '上传的材料不存在', en: 'An uploaded material does not exist' };
const BUSINESS_PLAN_REQUIRED: Text = { zh: '请上传商业计划书', en: 'Upload the business plan' };
const INVITE_NOT_PARTNER: Text = {
  zh: '该账号尚未加入华为云伙伴体系，无法邀请',
  en: 'This account has not joined HCPN and cannot be invited',
};
const INVITE_ACCOUNT_NOT_FOUND: Text = { zh: '账号不存在', en: 'Account not found' };

/** R12: "您的当前账号已…，无法退出路径", one message per blocking record. */
export const EXIT_BLOCKERS = {
  'joined-plan': { zh: '您的当前账号已加入伙伴计划，无法退出路径', en: 'Your account has joined a partner program and cannot exit the path' },
  'role-certified': { zh: '您的当前账号已完成角色认证，无法退出路径', en: 'Your account has completed role certification and cannot exit the path' },
  differentiated: { zh: '您的当前账号已完成能力差异化，无法退出路径', en: 'Your account has completed capability differentiation and cannot exit the path' },
  'cloud-software-record': {
    zh: '您的当前账号已有云软件方案或先进云软件方案记录，无法退出路径',
    en: 'Your account has a cloud-software or advanced cloud-software solution record and cannot exit the path',
  },
  'certification-pending': { zh: '您的当前账号已有审核中的认证申请，无法退出路径', en: 'Your account has a certification application under review and cannot exit the path' },
} as const satisfies Record<string, Text>;
export type ExitBlocker = keyof typeof EXIT_BLOCKERS;

// ---------------------------------------------------------------------------------------------
// Views

export type EnrollmentStatus = 'not_joined' | 'pending_review' | 'rejected' | 'withdrawn' | 'joined';

export interface PathSummary {
  type: PathType;
  name: string;
  inviteOnly: boolean;
  invited: boolean;
  status: EnrollmentStatus;
  statusName: string;
  stage: Stage | null;
  stageName: string | null;
}

export interface RequirementView {
  key: string;
  name: string;
  current: number | null; // null: judged by the reviewer from the materials
  target: number;
  met: boolean | null;
  progress: string; // "x/y"
}

export interface StageView {
  stage: Stage;
  name: string;
  reached: boolean;
  progress: string; // requirements met / all
  requirements: RequirementView[];
  benefits: string[];
  programs: string[];
  canDownloadCertificate: boolean; // 下载证书: a reached certified stage
}

export interface PathDetail extends PathSummary {
  certification: 'automatic' | 'application' | 'none';
  rejectReason: string | null;
  /** 切换发展路径: the paths this account has joined (the page shows one at a time). */
  switchOptions: { type: PathType; name: string }[];
  /** The latest 伙伴发展路径认证年度复核 of this path (the card's 申请复核 / 查看修改意见 / 修改材料). */
  annualReview: AnnualReviewView | null;
  stages: StageView[];
}

export interface CertificationView {
  id: string;
  path: PathType;
  targetStage: Stage;
  targetStageName: string;
  status: 'reviewing' | 'failed' | 'passed';
  statusName: string;
  failureReason: string | null;
  reviewId: string | null;
  submittedAt: string;
  decidedAt: string | null;
  materials: { materials: string[]; cases: string[]; businessPlan: string | null };
}

const CERT_STATUS_NAMES: Record<CertificationView['status'], Text> = {
  reviewing: { zh: '审核中', en: 'Under review' },
  failed: { zh: '审核未通过', en: 'Rejected' },
  passed: { zh: '审核通过', en: 'Approved' },
};
const ENROLLMENT_STATUS_NAMES: Record<EnrollmentStatus, Text> = {
  not_joined: { zh: '未加入', en: 'Not joined' },
  pending_review: { zh: '生态经理审核中', en: 'Under ecosystem manager review' },
  rejected: { zh: '审核未通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  joined: { zh: '已加入', en: 'Joined' },
};

const pick = (ctx: Ctx, t: Text) => render(t, ctx.lang);

// ---------------------------------------------------------------------------------------------
// Reads

async function enrollmentsOf(ex: Executor, partnerId: string): Promise<Map<string, PathEnrollment>> {
  const rows = await ex.select().from(pathEnrollments).where(eq(pathEnrollments.partnerId, partnerId));
  return new Map(rows.map((r) => [r.path, r]));
}

async function invitedPaths(ex: Executor, partnerId: string): Promise<Set<string>> {
  const rows = await ex.select({ path: pathInvitations.path }).from(pathInvitations).where(eq(pathInvitations.partnerId, partnerId));
  return new Set(rows.map((r) => r.path));
}

function summary(ctx: Ctx, type: PathType, e: PathEnrollment | undefined, invited: boolean, stage: Stage | null): PathSummary {
  const def = pathDefinition(type);
  const status = (e?.status ?? 'not_joined') as EnrollmentStatus;
  return {
    type,
    name: pick(ctx, def.name),
    inviteOnly: def.inviteOnly,
    invited: def.inviteOnly ? invited : false,
    status,
    statusName: pick(ctx, ENROLLMENT_STATUS_NAMES[status]),
    stage,
    stageName: stage ? pick(ctx, STAGE_NAMES[stage]) : null,
  };
}

/** 探索发展路径: every path with this account's standing. */
export async function listPaths(ctx: Ctx): Promise<PathSummary[]> {
  const actor = requirePermission(ctx, P.home);
  const enrolled = await enrollmentsOf(ctx.db, actor.partnerId);
  const invited = await invitedPaths(ctx.db, actor.partnerId);
  const out: PathSummary[] = [];
  for (const def of PATHS) {
    const e = enrolled.get(def.type);
    out.push(summary(ctx, def.type, e, invited.has(def.type), await effectiveStage(ctx.db, actor.partnerId, e)));
  }
  return out;
}

/** 发展路径详情 (op 6): the stage diagram with 要求 / 可获得以下权益 / 可加入以下计划, "x/y" counters and 下载证书. */
export async function pathDetail(ctx: Ctx, type: PathType): Promise<PathDetail> {
  const actor = requirePermission(ctx, P.home);
  const def = pathDefinition(type);
  const enrolled = await enrollmentsOf(ctx.db, actor.partnerId);
  const e = enrolled.get(type);
  const invited = (await invitedPaths(ctx.db, actor.partnerId)).has(type);
  const stage = await effectiveStage(ctx.db, actor.partnerId, e);
  const evaluated = await evaluatePath(ctx.db, actor.partnerId, type, e, invited, stage);

  const stages: StageView[] = evaluated.map((ev) => {
    const s = def.stages.find((x) => x.stage === ev.stage)!;
    const requirements: RequirementView[] = ev.requirements.map(({ requirement: r, current, met }) => ({
      key: r.key,
      name: pick(ctx, r.name),
      current,
      target: r.target,
      met,
      progress: `${current ?? 0}/${r.target}`,
    }));
    return {
      stage: ev.stage,
      name: pick(ctx, STAGE_NAMES[ev.stage]),
      reached: ev.reached,
      progress: `${requirements.filter((r) => r.met).length}/${requirements.length}`,
      requirements,
      benefits: s.benefits.map((b) => pick(ctx, b)),
      programs: s.programs.map((p) => pick(ctx, p)),
      canDownloadCertificate: ev.reached && CERTIFIED_STAGES.includes(ev.stage),
    };
  });
  // 切换发展路径: the other paths this account has joined
  const switchOptions = PATHS.filter((p) => enrolled.get(p.type)?.status === 'joined').map((p) => ({ type: p.type, name: pick(ctx, p.name) }));
  return {
    ...summary(ctx, type, e, invited, stage),
    certification: def.certification,
    rejectReason: e?.rejectReason ?? null,
    switchOptions,
    annualReview: await latestAnnualReview(ctx, type),
    stages,
  };
}

// ---------------------------------------------------------------------------------------------
// 选择该路径 / 确定选择 (ops 5, 10, 12)

export interface SelectResult {
  path: PathType;
  status: EnrollmentStatus;
  statusName: string;
  reviewId: string | null;
}

/** Partner accounts of the company other than this one that chose the path (or await its review). */
async function siblingChose(ex: Executor, actor: PartnerActor, companyId: string, type: PathType): Promise<boolean> {
  const [viaEnrollment] = await ex
    .select({ id: pathEnrollments.id })
    .from(pathEnrollments)
    .where(
      and(
        eq(pathEnrollments.companyId, companyId),
        eq(pathEnrollments.path, type),
        ne(pathEnrollments.partnerId, actor.partnerId),
        inArray(pathEnrollments.status, ['joined', 'pending_review']),
      ),
    )
    .limit(1);
  if (viaEnrollment) return true;
  // partners.paths also records paths joined before this module (seeded or migrated accounts)
  const [viaList] = await ex
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.companyId, companyId), ne(partners.id, actor.partnerId), sql`${type} = ANY(${partners.paths})`))
    .limit(1);
  return !!viaList;
}

export async function selectPath(ctx: Ctx, type: PathType): Promise<SelectResult> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.home);
  const def = pathDefinition(type);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const [me] = await tx.select({ companyId: partners.companyId }).from(partners).where(eq(partners.id, actor.partnerId));
      if (!me) throw notFound(PATH_ENTITY);
      // one decision per company and path at a time (R10, R11 under concurrency)
      await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, me.companyId)).for('update');

      const [existing] = await tx
        .select()
        .from(pathEnrollments)
        .where(and(eq(pathEnrollments.partnerId, actor.partnerId), eq(pathEnrollments.path, type)))
        .for('update');
      if (existing?.status === 'joined') throw refused('paths.already-joined', ALREADY_JOINED);
      if (existing?.status === 'pending_review') throw refused('paths.selection-pending', SELECTION_PENDING);

      let invitationId: string | null = null;
      if (def.inviteOnly) {
        // R8: SI, learning and distributor only through an invitation
        const [inv] = await tx
          .select({ id: pathInvitations.id })
          .from(pathInvitations)
          .where(and(eq(pathInvitations.partnerId, actor.partnerId), eq(pathInvitations.path, type), isNull(pathInvitations.acceptedAt)))
          .orderBy(desc(pathInvitations.createdAt))
          .limit(1);
        if (!inv) throw refused('paths.invitation-required', INVITATION_REQUIRED);
        invitationId = inv.id;
      }

      const sibling = await siblingChose(tx, actor, me.companyId, type);
      if (type === 'service' && sibling) throw refused('paths.service-taken-in-company', SERVICE_TAKEN); // R11
      const now = clock.now();

      if (type === 'software' && sibling) {
        // R10: a repeat software selection waits for the ecosystem manager's review
        const row =
          existing ??
          (await tx
            .insert(pathEnrollments)
            .values({ partnerId: actor.partnerId, companyId: me.companyId, path: type, status: 'pending_review', selectedAt: now, updatedAt: now })
            .returning())[0]!;
        if (existing) await tx.update(pathEnrollments).set({ selectedAt: now, updatedAt: now }).where(eq(pathEnrollments.id, row.id));
        const app = await submit(
          ctx.deps.reviews,
          ctx,
          {
            kind: SELECTION_KIND,
            subjectType: SELECTION_SUBJECT,
            subjectId: row.id,
            data: { path: type, partnerId: actor.partnerId, companyId: me.companyId },
            summary: `${actor.displayName} · 软件合作伙伴`,
          },
          tx,
        );
        await audit(tx, ctx, { action: 'paths.selection-submitted', objectType: SELECTION_SUBJECT, objectId: row.id, after: { path: type, reviewId: app.id } });
        return { path: type, status: 'pending_review', statusName: pick(ctx, ENROLLMENT_STATUS_NAMES.pending_review), reviewId: app.id };
      }

      let row: PathEnrollment;
      if (existing) {
        [row] = await tx
          .update(pathEnrollments)
          .set({ status: 'joined', stage: 'role_selected', rejectReason: null, selectedAt: now, joinedAt: now, updatedAt: now })
          .where(eq(pathEnrollments.id, existing.id))
          .returning() as [PathEnrollment];
      } else {
        [row] = await tx
          .insert(pathEnrollments)
          .values({ partnerId: actor.partnerId, companyId: me.companyId, path: type, status: 'joined', selectedAt: now, joinedAt: now, updatedAt: now })
          .returning() as [PathEnrollment];
      }
      if (invitationId) await tx.update(pathInvitations).set({ acceptedAt: now }).where(eq(pathInvitations.id, invitationId));
      await addJoinedPath(tx, actor.partnerId, type);
      await audit(tx, ctx, { action: 'paths.joined', objectType: SELECTION_SUBJECT, objectId: row.id, after: { path: type } });
      return { path: type, status: 'joined', statusName: pick(ctx, ENROLLMENT_STATUS_NAMES.joined), reviewId: null };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('paths.already-joined', ALREADY_JOINED);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// 退出路径 (op 7, R12)

/** Every record that keeps the account on the path, in the guide's order (empty: it may exit). */
export async function exitBlockers(ex: Executor, partnerId: string, type: PathType): Promise<ExitBlocker[]> {
  const out: ExitBlocker[] = [];
  const [p] = await ex.select({ programs: partners.programs }).from(partners).where(eq(partners.id, partnerId));
  if (p && p.programs.length > 0) out.push('joined-plan');
  const e = (await enrollmentsOf(ex, partnerId)).get(type);
  const stage = await effectiveStage(ex, partnerId, e);
  if (stage && stageIndex(stage) >= stageIndex('role_certified')) out.push('role-certified');
  if (stage === 'differentiated') out.push('differentiated');
  // L910–921 lists the solution records for every path: one shared check (spec 01 §7)
  if (await hasCloudSolutionRecords(ex, partnerId)) out.push('cloud-software-record');
  const [pending] = await ex
    .select({ id: pathCertifications.id })
    .from(pathCertifications)
    .where(and(eq(pathCertifications.partnerId, partnerId), eq(pathCertifications.path, type), eq(pathCertifications.status, 'reviewing')))
    .limit(1);
  if (pending) out.push('certification-pending');
  return out;
}

export async function exitPath(ctx: Ctx, type: PathType): Promise<{ path: PathType; status: 'not_joined' }> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.home);
  return inTransaction(ctx.db, async (tx) => {
    const [e] = await tx
      .select()
      .from(pathEnrollments)
      .where(and(eq(pathEnrollments.partnerId, actor.partnerId), eq(pathEnrollments.path, type)))
      .for('update');
    if (!e || e.status !== 'joined') throw refused('paths.not-joined', NOT_JOINED);
    const blockers = await exitBlockers(tx, actor.partnerId, type);
    if (blockers.length > 0) throw refused(`paths.exit.${blockers[0]}`, EXIT_BLOCKERS[blockers[0]!], { reasons: blockers });
    // failed applications go with the enrollment; the audit keeps the history
    await tx.delete(pathCertifications).where(and(eq(pathCertifications.partnerId, actor.partnerId), eq(pathCertifications.path, type)));
    await tx.delete(pathEnrollments).where(eq(pathEnrollments.id, e.id));
    await removeJoinedPath(tx, actor.partnerId, type);
    await audit(tx, ctx, { action: 'paths.exited', objectType: SELECTION_SUBJECT, objectId: e.id, before: { path: type, stage: e.stage } });
    return { path: type, status: 'not_joined' as const };
  });
}

// ---------------------------------------------------------------------------------------------
// 申请认证 (ops 9, 11): role certification and differentiation of the service, SI and learning paths

export interface CertificationInput {
  path: PathType;
  stage: 'role_certified' | 'differentiated';
  materials: string[]; // 认证材料 (file ids)
  cases?: string[]; // 案例材料
  businessPlan?: string | null; // 商业计划书 (service/learning differentiation, both SI stages)
}

async function requireOwnFile(tx: Executor, ctx: Ctx, id: string, field: string): Promise<string> {
  const f = await getFileRecord(tx, id);
  if (!f || !canRead(ctx, f)) throw fieldError(field, 'paths.material-not-found', MATERIAL_NOT_FOUND);
  return f.id;
}

export async function applyForCertification(ctx: Ctx, input: CertificationInput): Promise<CertificationView> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.home);
  const def = pathDefinition(input.path);
  // software is automatic (R13); the distributor path has no certification stage
  if (def.certification !== 'application') throw refused('paths.certification.not-by-application', NO_APPLICATION);
  if (def.businessPlanFor.includes(input.stage) && !input.businessPlan) throw fieldError('businessPlan', 'paths.business-plan-required', BUSINESS_PLAN_REQUIRED);

  try {
    return await inTransaction(ctx.db, async (tx) => {
      const [e] = await tx
        .select()
        .from(pathEnrollments)
        .where(and(eq(pathEnrollments.partnerId, actor.partnerId), eq(pathEnrollments.path, input.path)))
        .for('update');
      if (!e || e.status !== 'joined') throw refused('paths.not-joined', NOT_JOINED);
      const current = stageIndex(e.stage as Stage);
      const target = stageIndex(input.stage);
      if (current >= target) throw refused('paths.certification.stage-reached', STAGE_REACHED);
      if (target - current > 1) throw refused('paths.certification.role-first', ROLE_FIRST);
      if (def.requirementsMustBeMet) {
        // R24 (SI, learning): "申请认证过程中，请保证所有认证要求均为已通过状态"
        const unmet = await unmetRequirements(tx, actor.partnerId, input.path, input.stage, e, true);
        if (unmet.length > 0)
          throw refused('paths.certification.requirements-unmet', REQUIREMENTS_UNMET, {
            unmet: unmet.map((u) => ({ key: u.requirement.key, name: u.requirement.name, progress: `${u.current ?? 0}/${u.requirement.target}` })),
          });
      }
      if (input.path === 'service' && input.stage === 'differentiated') {
        // R18: ≥1 label among the eight preferred ones
        const labels = await passedLabels(tx, actor.partnerId);
        if (!labels.some((l) => DIFFERENTIATION_LABELS.includes(l.level1Label)))
          throw refused('paths.certification.preferred-label-required', PREFERRED_LABEL_REQUIRED);
      }
      const materials = { materials: [] as string[], cases: [] as string[], businessPlan: null as string | null };
      for (const id of input.materials) materials.materials.push(await requireOwnFile(tx, ctx, id, 'materials'));
      for (const id of input.cases ?? []) materials.cases.push(await requireOwnFile(tx, ctx, id, 'cases'));
      if (input.businessPlan) materials.businessPlan = await requireOwnFile(tx, ctx, input.businessPlan, 'businessPlan');

      const [open] = await tx
        .select()
        .from(pathCertifications)
        .where(
          and(
            eq(pathCertifications.partnerId, actor.partnerId),
            eq(pathCertifications.path, input.path),
            eq(pathCertifications.targetStage, input.stage),
            ne(pathCertifications.status, 'passed'),
          ),
        )
        .for('update');
      if (open?.status === 'reviewing') throw refused('paths.certification.in-review', CERT_IN_REVIEW);
      const now = clock.now();
      // a failed application is corrected and resubmitted (R14): same record, new materials
      const [row] = open
        ? await tx
            .update(pathCertifications)
            .set({ materials, status: 'reviewing', failureReason: null, submittedAt: now, decidedAt: null, updatedAt: now })
            .where(eq(pathCertifications.id, open.id))
            .returning()
        : await tx
            .insert(pathCertifications)
            .values({ partnerId: actor.partnerId, path: input.path, targetStage: input.stage, status: 'reviewing', materials, submittedAt: now, createdAt: now, updatedAt: now })
            .returning();
      const attachments = [
        ...materials.materials.map((fileId) => ({ fileId, label: '认证材料' })),
        ...materials.cases.map((fileId) => ({ fileId, label: '案例材料' })),
        ...(materials.businessPlan ? [{ fileId: materials.businessPlan, label: '商业计划书' }] : []),
      ];
      const app = await submit(
        ctx.deps.reviews,
        ctx,
        {
          kind: CERTIFICATION_KIND,
          subjectType: CERTIFICATION_SUBJECT,
          subjectId: row!.id,
          data: { path: input.path, stage: input.stage, materials, requirements: await requirementSnapshot(tx, actor.partnerId, input.path, input.stage, e) },
          summary: `${actor.displayName} · ${def.name.zh} · ${STAGE_NAMES[input.stage].zh}`,
          attachments,
        },
        tx,
      );
      await audit(tx, ctx, {
        action: 'paths.certification-submitted',
        objectType: CERTIFICATION_SUBJECT,
        objectId: row!.id,
        after: { path: input.path, stage: input.stage, reviewId: app.id },
      });
      const [fresh] = await tx.select().from(pathCertifications).where(eq(pathCertifications.id, row!.id));
      return certificationView(ctx, fresh!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('paths.certification.in-review', CERT_IN_REVIEW);
    throw err;
  }
}

function certificationView(ctx: Ctx, r: PathCertification): CertificationView {
  const status = r.status as CertificationView['status'];
  return {
    id: r.id,
    path: r.path as PathType,
    targetStage: r.targetStage as Stage,
    targetStageName: pick(ctx, STAGE_NAMES[r.targetStage as Stage]),
    status,
    statusName: pick(ctx, CERT_STATUS_NAMES[status]),
    failureReason: r.failureReason,
    reviewId: r.reviewId,
    submittedAt: r.submittedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    materials: r.materials,
  };
}

/** 认证记录 tab. */
export async function listCertifications(ctx: Ctx, path?: PathType): Promise<CertificationView[]> {
  const actor = requirePermission(ctx, P.home);
  const rows = await ctx.db
    .select()
    .from(pathCertifications)
    .where(and(eq(pathCertifications.partnerId, actor.partnerId), path ? eq(pathCertifications.path, path) : undefined))
    .orderBy(desc(pathCertifications.createdAt));
  return rows.map((r) => certificationView(ctx, r));
}

export async function getCertification(ctx: Ctx, id: string): Promise<CertificationView> {
  const actor = requirePermission(ctx, P.home);
  const [row] = await ctx.db
    .select()
    .from(pathCertifications)
    .where(and(eq(pathCertifications.id, id), eq(pathCertifications.partnerId, actor.partnerId)));
  if (!row) throw notFound(CERT_ENTITY);
  return certificationView(ctx, row);
}

// ---------------------------------------------------------------------------------------------
// Invitations to the invite-only paths (R8; staff side)

export interface InviteInput {
  account: string; // 账号名, e-mail or account id
  path: 'si' | 'learning' | 'distributor';
}

export async function invitePartner(ctx: Ctx, input: InviteInput): Promise<{ id: string; partnerId: string; path: string; email: string | null }> {
  const staff = requireStaff(ctx, [STAFF_ROLES.ecosystemManager]);
  return inTransaction(ctx.db, async (tx) => {
    const byId = isUuid(input.account);
    const [acct] = await tx
      .select({ id: accounts.id, email: accounts.email, name: accounts.accountName })
      .from(accounts)
      .where(or(eq(accounts.accountName, input.account), eq(accounts.email, input.account), byId ? eq(accounts.id, input.account) : undefined));
    if (!acct) throw fieldError('account', 'paths.invite.account-not-found', INVITE_ACCOUNT_NOT_FOUND);
    const [partner] = await tx.select({ id: partners.id, paths: partners.paths }).from(partners).where(eq(partners.accountId, acct.id));
    if (!partner) throw refused('paths.invite.not-partner', INVITE_NOT_PARTNER); // R9, L1203
    const [joined] = await tx
      .select({ id: pathEnrollments.id })
      .from(pathEnrollments)
      .where(and(eq(pathEnrollments.partnerId, partner.id), eq(pathEnrollments.path, input.path), eq(pathEnrollments.status, 'joined')));
    if (joined) throw refused('paths.already-joined', ALREADY_JOINED);
    const def = pathDefinition(input.path);
    const [inv] = await tx
      .insert(pathInvitations)
      .values({ partnerId: partner.id, path: input.path, invitedByStaffId: staff.staffId, email: acct.email, createdAt: clock.now() })
      .returning();
    if (acct.email) {
      await send(tx, {
        channel: 'email',
        to: { kind: 'account', id: acct.id },
        address: acct.email,
        template: 'paths.invitation',
        subject: `华为云邀请您加入${def.name.zh}伙伴发展路径`,
        body: `您好，华为云邀请您的账号 ${acct.name} 加入“${def.name.zh}”伙伴发展路径。请点击这里登录伙伴中心并确定选择。`,
        data: { path: input.path, invitationId: inv!.id, url: `${ctx.deps.publicUrl}/partner/home/paths?select=${input.path}` },
      });
    }
    await audit(tx, ctx, { action: 'paths.invited', objectType: 'path_invitation', objectId: inv!.id, partnerId: partner.id, after: { path: input.path } });
    return { id: inv!.id, partnerId: partner.id, path: input.path, email: acct.email };
  });
}

export interface InvitationView {
  id: string;
  partnerId: string;
  partnerName: string;
  accountName: string;
  path: string;
  pathName: string;
  email: string | null;
  createdAt: string;
  acceptedAt: string | null;
}

/** The invitations sent to the invite-only paths, newest first, paged in the database (ops console). */
export async function listInvitations(
  ctx: Ctx,
  q: { path?: 'si' | 'learning' | 'distributor'; accepted?: boolean; page: number; pageSize: number },
): Promise<{ items: InvitationView[]; total: number }> {
  requireStaff(ctx, [STAFF_ROLES.ecosystemManager]);
  const where = and(
    q.path ? eq(pathInvitations.path, q.path) : undefined,
    q.accepted === undefined ? undefined : q.accepted ? sql`${pathInvitations.acceptedAt} IS NOT NULL` : isNull(pathInvitations.acceptedAt),
  );
  const rows = await ctx.db
    .select({ i: pathInvitations, partnerName: partners.displayName, accountName: accounts.accountName })
    .from(pathInvitations)
    .innerJoin(partners, eq(partners.id, pathInvitations.partnerId))
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(where)
    .orderBy(desc(pathInvitations.createdAt), desc(pathInvitations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(pathInvitations).where(where);
  return {
    items: rows.map(({ i, partnerName, accountName }) => ({
      id: i.id,
      partnerId: i.partnerId,
      partnerName,
      accountName,
      path: i.path,
      pathName: pick(ctx, pathDefinition(i.path as PathType).name),
      email: i.email,
      createdAt: i.createdAt.toISOString(),
      acceptedAt: i.acceptedAt?.toISOString() ?? null,
    })),
    total: total?.n ?? 0,
  };
}

/** The review-engine status name of an enrollment's selection review, for pages that show it. */
export async function selectionReviewStatus(ctx: Ctx, enrollmentId: string): Promise<string | null> {
  const [app] = await findApplicationsForSubject(ctx.db, { subjectType: SELECTION_SUBJECT, subjectId: enrollmentId, kind: SELECTION_KIND });
  return app ? pick(ctx, statusName(ctx.deps.reviews.get(SELECTION_KIND), app.status, app.stageIndex)) : null;
}

export { STAGES };
