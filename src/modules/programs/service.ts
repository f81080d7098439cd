import type { Readable } from 'node:stream';
import { and, count, desc, eq, ilike, inArray, ne, or } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { fieldError, notFound, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { P, requirePartnerAdmin, requirePermission, requireStaff } from '../../platform/access/index.js';
import { audit } from '../../platform/audit/index.js';
import { getFileRecord, storeGeneratedFile, type FileRow } from '../../platform/files/index.js';
import { submit as submitReview, type AttachmentInput } from '../../platform/review/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { companies, partners } from '../partners/schema.js';
import { passedLabels } from '../capabilities/service.js';
import {
  AGREEMENTS,
  CSP_PROOF_CATEGORIES,
  DUE_DILIGENCE_QUESTIONS,
  JOIN_MODE_NAMES,
  LEVEL_NAMES,
  PROGRAMS,
  programDef,
  type JoinMode,
} from './catalogue.js';
import { gatherFacts } from './facts.js';
import { evaluate, notEligible, type Eligibility } from './eligibility.js';
import {
  CONTACTS_REQUIRED,
  agreementsAccepted,
  agreementsMessage,
  incomplete,
  missingAnswers,
  missingBusinessInfo,
  missingDueDiligence,
  normaliseAgreements,
  normaliseAnswers,
  normaliseBusinessInfo,
  normaliseContacts,
  normaliseDueDiligence,
  type Answers,
} from './forms.js';
import { MEMBERSHIP_STATUS_NAMES, effectiveStatus, startMembership } from './memberships.js';
import { APPLICATION_KINDS, APPLICATION_SUBJECT } from './review-kinds.js';
import { APPLICATION_TAB_NAMES, findDistributor, type LinkView } from './reseller.js';
import { renderAgreementPdf, renderProgramCertificate, chinaDate } from './certificate.js';
import {
  programApplications,
  programMemberships,
  relationDeclarations,
  resellerLinks,
  signedAgreements,
  type AcceptedAgreement,
  type ApplicationProgram,
  type ApplicationStatus,
  type DueDiligence,
  type Level,
  type MembershipStatus,
  type ProgramApplication,
  type ProgramBusinessInfo,
  type ProgramContact,
  type ProgramKey,
  type ProgramMembership,
} from './schema.js';

/**
 * 计划 > 华为云伙伴计划 (spec 01 §2.11–2.14, §3.5, §3.7, ops 14–16, 20, 23–29): the catalogue with
 * each plan's eligibility, applications (草稿 → 审核中 → 审核通过 / 审核不通过) through the review
 * engine, the plans joined at once (PCE, 服务伙伴能力提升专项计划), 已申请 / 已加入 lists, plan
 * certificates, signed agreements and the company's sensitive-relationship declaration.
 */

const APPLICATION: Text = { zh: '计划申请', en: 'Program application' };
const MEMBERSHIP: Text = { zh: '伙伴计划', en: 'Partner program' };
const AGREEMENT: Text = { zh: '协议', en: 'Agreement' };

export const APPLICATION_STATUS_NAMES: Record<ApplicationStatus, Text> = {
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '审核中', en: 'Under review' },
  rejected: { zh: '审核不通过', en: 'Rejected' },
  approved: { zh: '审核通过', en: 'Approved' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export type ProgramState = 'not_joined' | 'draft' | 'in_review' | 'rejected' | 'joined' | 'expired' | 'exiting';
export const PROGRAM_STATE_NAMES: Record<ProgramState, Text> = {
  not_joined: { zh: '未加入', en: 'Not joined' },
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '审核中', en: 'Under review' },
  rejected: { zh: '审核不通过', en: 'Rejected' },
  joined: { zh: '已加入', en: 'Joined' },
  expired: { zh: '已过期', en: 'Expired' },
  exiting: { zh: '退出中', en: 'Exiting' },
};

const ALREADY_JOINED: Text = { zh: '您已加入该伙伴计划', en: 'You have already joined this program' };
const APPLICATION_EXISTS: Text = {
  zh: '您已有该计划的申请，请在“已申请伙伴计划”中查看或继续编辑草稿',
  en: 'You already have an application for this program; see Applied programs or continue the draft',
};
const NOT_EDITABLE: Text = { zh: '当前状态的申请不能修改', en: 'The application cannot be changed in its current status' };
const ONLY_DRAFTS: Text = { zh: '仅草稿状态的申请可以取消', en: 'Only a draft can be cancelled' };
const IN_REVIEW: Text = { zh: '该申请正在审核中，请勿重复提交', en: 'This application is already under review' };
const NO_CERTIFICATE: Text = { zh: '该伙伴计划暂无伙伴证书', en: 'This program issues no certificate' };
const CERT_UNAVAILABLE: Text = { zh: '已加入伙伴计划后才可下载证书', en: 'The certificate is available while you are in the program' };
const DISTRIBUTOR_NOT_FOUND: Text = {
  zh: '总经销商账号不存在或未加入分销计划（总经销商），获取总经销商账号可拨打伙伴支持热线电话4000-955-888 按1447 | 950808 按1447',
  en: 'No distributor with this account name; call 4000-955-888 ext. 1447 or 950808 ext. 1447 for the account name',
};
const DISTRIBUTOR_REGION: Text = {
  zh: '您只能与相同地区的总经销商合作，请与总经销商确认业务开展地区',
  en: 'You can only cooperate with a distributor of the same business region',
};

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

async function partnerRow(ex: Executor, partnerId: string) {
  const [p] = await ex
    .select({ companyId: partners.companyId, companyName: companies.name, accountName: accounts.accountName, displayName: partners.displayName })
    .from(partners)
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(eq(partners.id, partnerId));
  if (!p) throw new Error(`partner ${partnerId} missing`);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Catalogue (计划 > 华为云伙伴计划)

export interface ProgramCard {
  program: ProgramKey;
  name: Text;
  description: Text;
  benefits: Text[];
  joinMode: JoinMode;
  joinModeName: Text;
  hasCertificate: boolean;
  link: string | null;
  steps: Text[];
  agreements: { key: string; version: string; name: Text }[];
  levels: { level: Level; name: Text }[] | null;
  state: ProgramState;
  stateName: Text;
  applicationId: string | null;
  membershipId: string | null;
  /** null for plans the centre does not check (joined elsewhere, or by asking). */
  eligibility: Eligibility | null;
}

export async function listPrograms(ctx: Ctx): Promise<ProgramCard[]> {
  const actor = requirePermission(ctx, P.programs);
  const facts = await gatherFacts(ctx.db, actor.partnerId);
  const memberships = await ctx.db.select().from(programMemberships).where(and(eq(programMemberships.partnerId, actor.partnerId), ne(programMemberships.status, 'ended')));
  const apps = await ctx.db
    .select()
    .from(programApplications)
    .where(and(eq(programApplications.partnerId, actor.partnerId), inArray(programApplications.status, ['draft', 'in_review', 'rejected'])));
  const hasLabels = (await passedLabels(ctx.db, actor.partnerId)).length > 0;
  const now = clock.now();
  return PROGRAMS.map((def) => {
    const m = memberships.find((x) => x.program === def.key);
    const app = apps.find((x) => x.program === def.key);
    let state: ProgramState = 'not_joined';
    if (m) state = membershipState(effectiveStatus(m, now));
    else if (facts.joined.has(def.key) || (def.key === 'capability' && hasLabels)) state = 'joined';
    else if (app) state = app.status as ProgramState;
    return {
      program: def.key,
      name: def.name,
      description: def.description,
      benefits: [...def.benefits],
      joinMode: def.joinMode,
      joinModeName: JOIN_MODE_NAMES[def.joinMode],
      hasCertificate: def.hasCertificate,
      link: def.link ?? null,
      steps: [...(def.steps ?? [])],
      agreements: def.key in AGREEMENTS ? AGREEMENTS[def.key as keyof typeof AGREEMENTS].map((a) => ({ ...a })) : [],
      levels: def.key === 'solution_provider' ? (Object.keys(LEVEL_NAMES) as Level[]).map((l) => ({ level: l, name: LEVEL_NAMES[l] })) : null,
      state,
      stateName: PROGRAM_STATE_NAMES[state],
      applicationId: app?.id ?? null,
      membershipId: m?.id ?? null,
      eligibility: def.joinMode === 'external' || def.joinMode === 'contact' ? null : evaluate(def.key, facts),
    };
  });
}

const membershipState = (s: MembershipStatus): ProgramState => (s === 'active' ? 'joined' : s === 'expired' ? 'expired' : s === 'exiting' ? 'exiting' : 'not_joined');

/** "查看原因": the plan's conditions with the unmet ones, in the guide's words. */
export async function programEligibility(ctx: Ctx, program: ProgramKey): Promise<Eligibility> {
  const actor = requirePermission(ctx, P.programs);
  return evaluate(program, await gatherFacts(ctx.db, actor.partnerId));
}

// ---------------------------------------------------------------------------------------------
// Applications

export interface ApplicationInput {
  level?: Level;
  businessInfo?: ProgramBusinessInfo;
  contacts?: ProgramContact[];
  agreements?: AcceptedAgreement[];
  answers?: Answers;
  dueDiligence?: DueDiligence;
}

export interface ApplicationView {
  id: string;
  program: ApplicationProgram;
  programName: Text;
  level: Level | null;
  levelName: Text | null;
  status: ApplicationStatus;
  statusName: Text;
  businessInfo: ProgramBusinessInfo;
  contacts: ProgramContact[];
  agreements: { key: string; version: string; name: Text }[];
  answers: Record<string, unknown>;
  dueDiligence: DueDiligence | null;
  reviewId: string | null;
  rejectReason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Reseller naming a distributor: the distributor's second approval (待审核 / 审核通过 / 审核不通过). */
  distributorApproval: { status: LinkView['status']; statusName: Text; rejectReason: string | null } | null;
}

async function toView(ex: Executor, r: ProgramApplication): Promise<ApplicationView> {
  let distributorApproval: ApplicationView['distributorApproval'] = null;
  if (r.program === 'reseller' && r.status === 'approved') {
    const [l] = await ex.select().from(resellerLinks).where(eq(resellerLinks.applicationId, r.id)).orderBy(desc(resellerLinks.createdAt)).limit(1);
    if (l) distributorApproval = { status: l.status, statusName: APPLICATION_TAB_NAMES[l.status], rejectReason: l.rejectReason };
  }
  return {
    id: r.id,
    program: r.program,
    programName: programDef(r.program).name,
    level: r.level,
    levelName: r.level ? LEVEL_NAMES[r.level] : null,
    status: r.status,
    statusName: APPLICATION_STATUS_NAMES[r.status],
    businessInfo: r.businessInfo,
    contacts: r.contacts,
    agreements: AGREEMENTS[r.program].filter((a) => r.agreements.some((x) => x.key === a.key && x.version === a.version)).map((a) => ({ ...a })),
    answers: r.answers,
    dueDiligence: r.dueDiligence,
    reviewId: r.reviewId,
    rejectReason: r.rejectReason,
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    distributorApproval,
  };
}

async function ownApplication(ex: Executor, partnerId: string, id: string, forUpdate = false): Promise<ProgramApplication> {
  if (!isUuid(id)) throw notFound(APPLICATION);
  const q = ex.select().from(programApplications).where(and(eq(programApplications.id, id), eq(programApplications.partnerId, partnerId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(APPLICATION);
  return row;
}

async function liveMembershipOf(ex: Executor, partnerId: string, program: ProgramKey): Promise<ProgramMembership | null> {
  const [m] = await ex
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.partnerId, partnerId), eq(programMemberships.program, program), ne(programMemberships.status, 'ended')));
  return m ?? null;
}

/** Joined (and not expired) — a plan's form cannot be filled again then. */
async function requireNotJoined(ex: Executor, partnerId: string, program: ProgramKey): Promise<void> {
  const m = await liveMembershipOf(ex, partnerId, program);
  if (m && effectiveStatus(m) !== 'expired') throw refused('programs.already-joined', ALREADY_JOINED);
  if (!m) {
    const [p] = await ex.select({ programs: partners.programs }).from(partners).where(eq(partners.id, partnerId));
    if (p?.programs.includes(program)) throw refused('programs.already-joined', ALREADY_JOINED);
  }
}

/** Apply the given sections of the form onto the row's (drafts may leave anything out). */
async function mergeInput(tx: Executor, ctx: Ctx, program: ApplicationProgram, input: ApplicationInput, row?: ProgramApplication) {
  const set: Partial<typeof programApplications.$inferInsert> = {};
  if (input.level !== undefined) {
    if (program !== 'solution_provider') throw fieldError('level', 'programs.level-not-for-plan', { zh: '仅解决方案提供商计划可选择等级', en: 'Only the solution provider plan has levels' });
    set.level = input.level;
  } else if (!row && program === 'solution_provider') set.level = 'standard';
  if (input.businessInfo !== undefined) set.businessInfo = await normaliseBusinessInfo(tx, ctx, program, input.businessInfo);
  if (input.contacts !== undefined) set.contacts = normaliseContacts(input.contacts);
  if (input.agreements !== undefined) set.agreements = normaliseAgreements(program, input.agreements);
  if (input.answers !== undefined) set.answers = (await normaliseAnswers(tx, ctx, program, input.answers)) as Record<string, unknown>;
  if (input.dueDiligence !== undefined) {
    if (program !== 'solution_provider') throw fieldError('dueDiligence', 'programs.due-diligence-not-for-plan', { zh: '仅解决方案提供商计划需要尽职调查', en: 'Only the solution provider plan has due diligence' });
    set.dueDiligence = normaliseDueDiligence(input.dueDiligence);
  }
  return set;
}

export interface SaveResult {
  application: ApplicationView;
  /** The guide's prompt after "提交申请" (null for 保存草稿). */
  message: Text | null;
}

/** "立即加入" → the form: 保存草稿 (submit false) or 提交申请 (submit true). */
export async function createApplication(ctx: Ctx, program: ApplicationProgram, input: ApplicationInput, opts: { submit: boolean }): Promise<SaveResult> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await requireNotJoined(tx, actor.partnerId, program);
      const [open] = await tx
        .select({ id: programApplications.id })
        .from(programApplications)
        .where(and(eq(programApplications.partnerId, actor.partnerId), eq(programApplications.program, program), inArray(programApplications.status, ['draft', 'in_review', 'rejected'])));
      if (open) throw refused('programs.application-exists', APPLICATION_EXISTS, { applicationId: open.id });
      const set = await mergeInput(tx, ctx, program, input);
      const p = await partnerRow(tx, actor.partnerId);
      const now = clock.now();
      const [row] = await tx
        .insert(programApplications)
        .values({ partnerId: actor.partnerId, companyId: p.companyId, program, status: 'draft', ...set, createdAt: now, updatedAt: now })
        .returning();
      await audit(tx, ctx, { action: 'programs.application-saved', objectType: APPLICATION_SUBJECT, objectId: row!.id, after: { program, status: 'draft' } });
      if (opts.submit) return submitWithin(tx, ctx, actor, row!);
      return { application: await toView(tx, row!), message: null };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('programs.application-exists', APPLICATION_EXISTS);
    throw err;
  }
}

/** Continue a draft, or fix an application that was 审核不通过 (then resubmit). */
export async function updateApplication(ctx: Ctx, id: string, input: ApplicationInput, opts: { submit: boolean }): Promise<SaveResult> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownApplication(tx, actor.partnerId, id, true);
    if (row.status !== 'draft' && row.status !== 'rejected') throw refused('programs.application-not-editable', NOT_EDITABLE, { status: row.status });
    const set = await mergeInput(tx, ctx, row.program, input, row);
    const [next] = await tx.update(programApplications).set({ ...set, updatedAt: clock.now() }).where(eq(programApplications.id, row.id)).returning();
    await audit(tx, ctx, { action: 'programs.application-saved', objectType: APPLICATION_SUBJECT, objectId: row.id, after: { program: row.program, sections: Object.keys(set) } });
    if (opts.submit) return submitWithin(tx, ctx, actor, next!);
    return { application: await toView(tx, next!), message: null };
  });
}

/** "提交" from 已申请伙伴计划 (a draft) or after fixing a rejected one. */
export async function submitApplication(ctx: Ctx, id: string): Promise<SaveResult> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  return inTransaction(ctx.db, async (tx) => submitWithin(tx, ctx, actor, await ownApplication(tx, actor.partnerId, id, true)));
}

/** The checks of 提交申请, in order: state, eligibility (查看原因), completeness, the named distributor; then the review engine. */
async function submitWithin(tx: Executor, ctx: Ctx, actor: PartnerActor, row: ProgramApplication): Promise<SaveResult> {
  if (row.status === 'in_review') throw refused('programs.application-in-review', IN_REVIEW);
  if (row.status !== 'draft' && row.status !== 'rejected') throw refused('programs.application-not-editable', NOT_EDITABLE, { status: row.status });
  await requireNotJoined(tx, actor.partnerId, row.program);

  const eligibility = evaluate(row.program, await gatherFacts(tx, actor.partnerId));
  if (!eligibility.eligible) throw notEligible(eligibility);

  const missing = missingBusinessInfo(row.program, row.businessInfo);
  if (row.contacts.length === 0) missing.contacts = CONTACTS_REQUIRED;
  if (!agreementsAccepted(row.program, row.agreements)) missing.agreements = agreementsMessage(row.program);
  Object.assign(missing, missingAnswers(row.program, row.answers as Answers, row.level ?? 'standard'));
  if (row.program === 'solution_provider') Object.assign(missing, missingDueDiligence(row.dueDiligence));
  if (Object.keys(missing).length > 0) throw incomplete(missing);

  if (row.program === 'reseller' && row.businessInfo.intendedDistributor) {
    // the named distributor must exist, and in the reseller's business region (R36, L2310)
    const d = await findDistributor(tx, row.businessInfo.intendedDistributor.accountName);
    if (!d) throw fieldError('businessInfo.intendedDistributor.accountName', 'programs.distributor-not-found', DISTRIBUTOR_NOT_FOUND);
    if (d.businessRegion !== row.businessInfo.businessRegion) throw refused('programs.region-mismatch', DISTRIBUTOR_REGION);
  }

  const p = await partnerRow(tx, actor.partnerId);
  if (row.program === 'solution_provider' && row.dueDiligence?.sensitiveRelation) {
    // the due diligence's 敏感关系申报 is the company's declaration (R3, 计划 > 合作承诺与协议 > 关系申报)
    await upsertDeclaration(tx, ctx, actor.partnerId, p.companyId, row.dueDiligence.sensitiveRelation, row.dueDiligence.sensitiveRelationDetails ?? null);
  }

  const def = programDef(row.program);
  const attachments: AttachmentInput[] = [];
  const info = row.businessInfo;
  if (info.licenceFileId) attachments.push({ fileId: info.licenceFileId, label: '营业执照文件' });
  if (info.shareholderProofFileId) attachments.push({ fileId: info.shareholderProofFileId, label: '出资人构成证明' });
  if (info.logoFileId) attachments.push({ fileId: info.logoFileId, label: '公司LOGO' });
  const answers = row.answers as Answers;
  for (const [k, label] of [
    ['performanceProof', '年度业绩证明材料'],
    ['certifiedProof', '华为云认证工程师证书'],
    ['professionalProof', '伙伴专业认证证书'],
    ['expansionProof', '拓展人员证明材料'],
    ['technicalProof', '技术人员证明材料'],
    ['salesProof', '年度销售额证明材料'],
  ] as const)
    for (const fileId of answers[k] ?? []) attachments.push({ fileId, label });
  for (const pr of answers.proofs ?? []) attachments.push({ fileId: pr.fileId, label: CSP_PROOF_CATEGORIES.find((c) => c.key === pr.category)?.name.zh ?? '证明材料' });

  await submitReview(
    ctx.deps.reviews,
    ctx,
    {
      kind: APPLICATION_KINDS[row.program],
      subjectType: APPLICATION_SUBJECT,
      subjectId: row.id,
      data: reviewSnapshot(row, p.companyName),
      summary: `${p.companyName} · ${def.name.zh}${row.level ? ` · ${LEVEL_NAMES[row.level].zh}` : ''}`,
      attachments,
    },
    tx,
  );
  await audit(tx, ctx, { action: 'programs.application-submitted', objectType: APPLICATION_SUBJECT, objectId: row.id, after: { program: row.program, level: row.level } });
  const [fresh] = await tx.select().from(programApplications).where(eq(programApplications.id, row.id));
  return { application: await toView(tx, fresh!), message: def.submitted ?? null };
}

/** What reviewers see, labelled as on the form. */
function reviewSnapshot(row: ProgramApplication, companyName: string): Record<string, unknown> {
  const dd = row.dueDiligence;
  return {
    计划: programDef(row.program).name.zh,
    申请等级: row.level ? LEVEL_NAMES[row.level].zh : null,
    伙伴公司: companyName,
    商业信息: row.businessInfo,
    联系人信息: row.contacts,
    已同意协议: AGREEMENTS[row.program].map((a) => a.name.zh),
    计划申请信息: row.answers,
    尽职调查: dd
      ? {
          问题: DUE_DILIGENCE_QUESTIONS.map((q) => ({ 问题: q.text.zh, 回答: dd.answers?.[q.key]?.answer === 'yes' ? '是' : '否', 说明: dd.answers?.[q.key]?.details ?? null })),
          敏感关系申报: dd.sensitiveRelation === 'declared' ? `申报：${dd.sensitiveRelationDetails ?? ''}` : '不涉及',
        }
      : null,
  };
}

/** 取消 a draft (已申请伙伴计划). */
export async function cancelApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownApplication(tx, actor.partnerId, id, true);
    if (row.status !== 'draft') throw refused('programs.only-drafts-cancel', ONLY_DRAFTS, { status: row.status });
    const [next] = await tx.update(programApplications).set({ status: 'cancelled', updatedAt: clock.now() }).where(eq(programApplications.id, row.id)).returning();
    await audit(tx, ctx, { action: 'programs.application-cancelled', objectType: APPLICATION_SUBJECT, objectId: row.id, before: { status: 'draft' }, after: { status: 'cancelled' } });
    return toView(tx, next!);
  });
}

/** 详情 → 联系人信息 → 修改 (L2672–2681): contacts may be changed in any status. */
export async function updateContacts(ctx: Ctx, id: string, contacts: ProgramContact[]): Promise<ApplicationView> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  const clean = normaliseContacts(contacts);
  if (clean.length === 0) throw fieldError('contacts', 'programs.contacts-required', CONTACTS_REQUIRED);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownApplication(tx, actor.partnerId, id, true);
    if (row.status === 'cancelled') throw refused('programs.application-not-editable', NOT_EDITABLE, { status: row.status });
    const [next] = await tx.update(programApplications).set({ contacts: clean, updatedAt: clock.now() }).where(eq(programApplications.id, row.id)).returning();
    await audit(tx, ctx, { action: 'programs.contacts-updated', objectType: APPLICATION_SUBJECT, objectId: row.id, before: { contacts: row.contacts }, after: { contacts: clean } });
    return toView(tx, next!);
  });
}

export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  const actor = requirePermission(ctx, P.programs);
  return toView(ctx.db, await ownApplication(ctx.db, actor.partnerId, id));
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** 已申请伙伴计划 > 伙伴计划 (op 26): name, 申请等级, 状态, newest first; cancelled drafts are gone. */
export async function listApplications(
  ctx: Ctx,
  q: { program?: ApplicationProgram; status?: ApplicationStatus; page?: number; pageSize?: number } = {},
): Promise<Page<ApplicationView>> {
  const actor = requirePermission(ctx, P.programs);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const where = and(
    eq(programApplications.partnerId, actor.partnerId),
    q.status ? eq(programApplications.status, q.status) : ne(programApplications.status, 'cancelled'),
    q.program ? eq(programApplications.program, q.program) : undefined,
  );
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(programApplications).where(where);
  const rows = await ctx.db
    .select()
    .from(programApplications)
    .where(where)
    .orderBy(desc(programApplications.createdAt), desc(programApplications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: await Promise.all(rows.map((r) => toView(ctx.db, r))), total: Number(total), page, pageSize };
}

// ---------------------------------------------------------------------------------------------
// Plans joined at once

export interface JoinResult {
  membership: MembershipView;
  message: Text;
}

/** 加入合作伙伴共拓计划 (op 14): tick 承诺与协议 → 提交申请 → 成功加入PCE伙伴计划. */
export async function joinPce(ctx: Ctx, input: { agreements: AcceptedAgreement[] }): Promise<JoinResult> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  return joinAtOnce(ctx, actor, 'pce', async () => {
    const accepted = normaliseAgreements('pce', input.agreements);
    if (!agreementsAccepted('pce', accepted)) throw fieldError('agreements', 'programs.agreements-required', agreementsMessage('pce'));
    return accepted;
  });
}

/** 加入服务伙伴能力提升专项计划 (op 25, R39): confirm the conditions → 提交申请 → joined. */
export async function joinServiceCapability(ctx: Ctx, input: { confirm: boolean }): Promise<JoinResult> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  return joinAtOnce(ctx, actor, 'service_capability', async () => {
    if (!input.confirm) throw fieldError('confirm', 'programs.confirm-required', { zh: '请确认申请条件', en: 'Confirm the conditions' });
    return [];
  });
}

async function joinAtOnce(ctx: Ctx, actor: PartnerActor, program: 'pce' | 'service_capability', check: () => Promise<AcceptedAgreement[]>): Promise<JoinResult> {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await requireNotJoined(tx, actor.partnerId, program);
      const eligibility = evaluate(program, await gatherFacts(tx, actor.partnerId));
      if (!eligibility.eligible) throw notEligible(eligibility);
      const agreements = await check();
      const m = await startMembership(tx, ctx, { partnerId: actor.partnerId, program, agreements });
      return { membership: membershipView(m), message: programDef(program).submitted! };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('programs.already-joined', ALREADY_JOINED);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// 已加入伙伴计划 (op 27) and certificates (R41)

export interface MembershipView {
  id: string | null; // null: a plan recorded before this module, or the capability plan (joined through 能力认证)
  program: string;
  programName: Text;
  level: Level | null;
  levelName: Text | null;
  status: MembershipStatus;
  statusName: Text;
  nonCompliant: boolean; // 不达标 (distributor kept in the plan, R35)
  businessRegion: string | null;
  joinedAt: string | null;
  expiresAt: string | null;
  hasCertificate: boolean;
  canDownloadCertificate: boolean;
  canUpgrade: boolean; // 提升等级 (solution provider below 核心)
}

function membershipView(m: ProgramMembership): MembershipView {
  const status = effectiveStatus(m);
  const def = programDef(m.program);
  return {
    id: m.id,
    program: m.program,
    programName: def.name,
    level: m.level,
    levelName: m.level ? LEVEL_NAMES[m.level] : null,
    status,
    statusName: MEMBERSHIP_STATUS_NAMES[status],
    nonCompliant: m.assessmentFlag === 'non_compliant',
    businessRegion: m.businessRegion,
    joinedAt: m.joinedAt.toISOString(),
    expiresAt: iso(m.expiresAt),
    hasCertificate: def.hasCertificate,
    canDownloadCertificate: def.hasCertificate && (status === 'active' || status === 'exiting'),
    canUpgrade: m.program === 'solution_provider' && status === 'active' && m.level !== 'core',
  };
}

export async function listMemberships(ctx: Ctx): Promise<MembershipView[]> {
  const actor = requirePermission(ctx, P.programs);
  const rows = await ctx.db
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.partnerId, actor.partnerId), ne(programMemberships.status, 'ended')))
    .orderBy(desc(programMemberships.joinedAt));
  const out = rows.map(membershipView);
  const withRows = new Set<string>(rows.map((r) => r.program));
  const [p] = await ctx.db.select({ programs: partners.programs, joinedAt: partners.joinedAt }).from(partners).where(eq(partners.id, actor.partnerId));
  const known = new Set<string>(PROGRAMS.map((d) => d.key));
  const derived = (program: ProgramKey): MembershipView => ({
    id: null,
    program,
    programName: programDef(program).name,
    level: null,
    levelName: null,
    status: 'active',
    statusName: MEMBERSHIP_STATUS_NAMES.active,
    nonCompliant: false,
    businessRegion: null,
    joinedAt: null,
    expiresAt: null,
    hasCertificate: programDef(program).hasCertificate,
    canDownloadCertificate: false,
    canUpgrade: false,
  });
  for (const x of p?.programs ?? []) if (!withRows.has(x) && known.has(x)) out.push(derived(x as ProgramKey));
  // 合作伙伴能力计划 is joined by holding a capability label (能力 > 能力认证)
  if (!withRows.has('capability') && !(p?.programs ?? []).includes('capability') && (await passedLabels(ctx.db, actor.partnerId)).length > 0) out.push(derived('capability'));
  return out;
}

async function ownMembership(ex: Executor, partnerId: string, id: string, forUpdate = false): Promise<ProgramMembership> {
  if (!isUuid(id)) throw notFound(MEMBERSHIP);
  const q = ex.select().from(programMemberships).where(and(eq(programMemberships.id, id), eq(programMemberships.partnerId, partnerId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(MEMBERSHIP);
  return row;
}

export async function getMembership(ctx: Ctx, id: string): Promise<MembershipView> {
  const actor = requirePermission(ctx, P.programs);
  return membershipView(await ownMembership(ctx.db, actor.partnerId, id));
}

const CERT_PREFIX: Partial<Record<ProgramKey, string>> = { solution_provider: 'SP', distributor: 'DIST', reseller: 'RS', marketplace_merchant: 'MKT' };

/** 下载证书: a PDF naming the company and the plan, made on the first download (and again after a level change). */
export async function membershipCertificate(ctx: Ctx, id: string): Promise<{ file: FileRow; stream: Readable }> {
  const actor = requirePermission(ctx, P.programs);
  const file = await inTransaction(ctx.db, async (tx) => {
    const m = await ownMembership(tx, actor.partnerId, id, true);
    const def = programDef(m.program);
    if (!def.hasCertificate) throw refused('programs.no-certificate', NO_CERTIFICATE);
    const status = effectiveStatus(m);
    if (status !== 'active' && status !== 'exiting') throw refused('programs.certificate-unavailable', CERT_UNAVAILABLE, { status });
    if (m.certificateFileId) {
      const existing = await getFileRecord(tx, m.certificateFileId);
      if (existing) return existing;
    }
    const p = await partnerRow(tx, m.partnerId);
    const certificateNo = m.certificateNo ?? `${CERT_PREFIX[m.program] ?? 'HC'}-${chinaDate(m.joinedAt).replaceAll('/', '')}-${m.id.slice(0, 8).toUpperCase()}`;
    const pdf = await renderProgramCertificate({
      companyName: p.companyName,
      accountName: p.accountName,
      program: def.name,
      level: m.level ? LEVEL_NAMES[m.level] : null,
      joinedAt: m.joinedAt,
      validUntil: m.expiresAt,
      certificateNo,
    });
    const stored = await storeGeneratedFile(tx, ctx.deps.storage, {
      partnerId: m.partnerId,
      owner: { kind: 'system', id: null },
      name: `${p.companyName}-${def.name.zh}证书.pdf`,
      mime: 'application/pdf',
      body: pdf,
    });
    await tx.update(programMemberships).set({ certificateFileId: stored.id, certificateNo }).where(eq(programMemberships.id, m.id));
    await audit(tx, ctx, { action: 'programs.certificate-issued', objectType: 'program_membership', objectId: m.id, after: { certificateNo } });
    return stored;
  });
  return { file, stream: await ctx.deps.storage.get(file.storageKey) };
}

// ---------------------------------------------------------------------------------------------
// 计划 > 合作承诺与协议 > 已签署协议 (op 28)

export interface SignedAgreementView {
  id: string;
  program: ProgramKey;
  programName: Text;
  key: string;
  name: Text;
  version: string;
  signedAt: string;
}

function agreementDef(program: ProgramKey, key: string) {
  return program in AGREEMENTS ? AGREEMENTS[program as keyof typeof AGREEMENTS].find((a) => a.key === key) : undefined;
}

function agreementView(r: typeof signedAgreements.$inferSelect): SignedAgreementView {
  const def = agreementDef(r.program, r.agreementKey);
  return {
    id: r.id,
    program: r.program,
    programName: programDef(r.program).name,
    key: r.agreementKey,
    name: def?.name ?? { zh: r.agreementKey, en: r.agreementKey },
    version: r.version,
    signedAt: r.signedAt.toISOString(),
  };
}

export async function listSignedAgreements(ctx: Ctx): Promise<SignedAgreementView[]> {
  const actor = requirePermission(ctx, P.agreements);
  const rows = await ctx.db.select().from(signedAgreements).where(eq(signedAgreements.partnerId, actor.partnerId)).orderBy(desc(signedAgreements.signedAt));
  return rows.map(agreementView);
}

async function ownAgreement(ex: Executor, partnerId: string, id: string) {
  if (!isUuid(id)) throw notFound(AGREEMENT);
  const [row] = await ex.select().from(signedAgreements).where(and(eq(signedAgreements.id, id), eq(signedAgreements.partnerId, partnerId)));
  if (!row) throw notFound(AGREEMENT);
  return row;
}

/** The agreement text is the vendor's; the centre shows what was signed, by whom and when (inferred content). */
function agreementParagraphs(name: Text, program: Text, companyName: string): Text[] {
  return [
    { zh: `甲方：华为云计算技术有限公司；乙方：${companyName}。`, en: `Party A: Huawei Cloud Computing Technologies Co., Ltd.; Party B: ${companyName}.` },
    { zh: `乙方在申请加入${program.zh}时阅读并同意了${name.zh}，本协议自乙方加入该计划之日起生效。`, en: `Party B read and accepted the ${name.en} when joining the ${program.en}; it is in force from the day Party B joined.` },
    { zh: '协议全文以华为云发布的版本为准。', en: 'The full text is the version published by HUAWEI CLOUD.' },
  ];
}

export interface SignedAgreementDetail extends SignedAgreementView {
  companyName: string;
  content: Text[];
}

export async function getSignedAgreement(ctx: Ctx, id: string): Promise<SignedAgreementDetail> {
  const actor = requirePermission(ctx, P.agreements);
  const row = await ownAgreement(ctx.db, actor.partnerId, id);
  const p = await partnerRow(ctx.db, actor.partnerId);
  const view = agreementView(row);
  return { ...view, companyName: p.companyName, content: agreementParagraphs(view.name, view.programName, p.companyName) };
}

export async function signedAgreementPdf(ctx: Ctx, id: string): Promise<{ filename: string; body: Buffer }> {
  const actor = requirePermission(ctx, P.agreements);
  const row = await ownAgreement(ctx.db, actor.partnerId, id);
  const p = await partnerRow(ctx.db, actor.partnerId);
  const view = agreementView(row);
  const body = await renderAgreementPdf({
    name: view.name,
    version: view.version,
    companyName: p.companyName,
    accountName: p.accountName,
    signedAt: row.signedAt,
    paragraphs: agreementParagraphs(view.name, view.programName, p.companyName),
  });
  return { filename: `${view.name.zh.replace(/[《》]/g, '')}.pdf`, body };
}

// ---------------------------------------------------------------------------------------------
// 计划 > 合作承诺与协议 > 关系申报 (op 29, spec 01 §2.4, R3)

export interface DeclarationView {
  choice: 'declared' | 'none' | null;
  choiceName: Text | null;
  details: string | null;
  declaredAt: string | null;
}

const CHOICE_NAMES = { declared: { zh: '申报', en: 'Declare' }, none: { zh: '不涉及', en: 'Not applicable' } } as const;
export const SAVED: Text = { zh: '保存成功', en: 'Saved' };

export async function getDeclaration(ctx: Ctx): Promise<DeclarationView> {
  const actor = requirePermission(ctx, P.agreements);
  const p = await partnerRow(ctx.db, actor.partnerId);
  const [row] = await ctx.db.select().from(relationDeclarations).where(eq(relationDeclarations.companyId, p.companyId));
  return row
    ? { choice: row.choice, choiceName: CHOICE_NAMES[row.choice], details: row.details, declaredAt: row.declaredAt.toISOString() }
    : { choice: null, choiceName: null, details: null, declaredAt: null };
}

async function upsertDeclaration(tx: Executor, ctx: Ctx, partnerId: string, companyId: string, choice: 'declared' | 'none', details: string | null): Promise<void> {
  const [before] = await tx.select().from(relationDeclarations).where(eq(relationDeclarations.companyId, companyId));
  const now = clock.now();
  const value = { partnerId, choice, details: choice === 'declared' ? details : null, declaredAt: now };
  await tx.insert(relationDeclarations).values({ companyId, ...value }).onConflictDoUpdate({ target: relationDeclarations.companyId, set: value });
  await audit(tx, ctx, {
    action: 'programs.relation-declared',
    objectType: 'program_relation_declaration',
    objectId: companyId,
    before: before ? { choice: before.choice, details: before.details } : null,
    after: { choice, details: value.details },
  });
}

/** "请您代表公司申报与华为员工敏感关系": 申报 (with the particulars) / 不涉及 → 确定 → 保存成功. */
export async function saveDeclaration(ctx: Ctx, input: { choice: 'declared' | 'none'; details?: string | null }): Promise<{ declaration: DeclarationView; message: Text }> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.agreements);
  const details = input.details?.trim() || null;
  if (input.choice === 'declared' && !details)
    throw fieldError('details', 'programs.declaration-details-required', { zh: '请填写与华为员工的敏感关系信息', en: 'Describe the relationship with Huawei employees' });
  if (details && [...details].length > 1000) throw fieldError('details', 'programs.too-long', { zh: '申报内容不能超过1,000个字符', en: 'The declaration must be at most 1,000 characters' });
  await inTransaction(ctx.db, async (tx) => {
    const p = await partnerRow(tx, actor.partnerId);
    await upsertDeclaration(tx, ctx, actor.partnerId, p.companyId, input.choice, details);
  });
  return { declaration: await getDeclaration(ctx), message: SAVED };
}

// ---------------------------------------------------------------------------------------------
// Operations console: who is in which plan (the applications themselves are in /api/ops/reviews)

export interface OpsMembershipView extends MembershipView {
  partnerId: string;
  companyName: string;
  accountName: string;
}

export async function opsListMemberships(
  ctx: Ctx,
  q: { program?: ProgramKey; status?: MembershipStatus; search?: string; page?: number; pageSize?: number } = {},
): Promise<Page<OpsMembershipView>> {
  requireStaff(ctx);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const search = q.search?.trim();
  const where = and(
    q.program ? eq(programMemberships.program, q.program) : undefined,
    q.status ? eq(programMemberships.status, q.status) : ne(programMemberships.status, 'ended'),
    search ? or(ilike(companies.name, `%${search}%`), ilike(accounts.accountName, `%${search}%`)) : undefined,
  );
  const base = () =>
    ctx.db
      .select({ m: programMemberships, companyName: companies.name, accountName: accounts.accountName })
      .from(programMemberships)
      .innerJoin(partners, eq(partners.id, programMemberships.partnerId))
      .innerJoin(companies, eq(companies.id, partners.companyId))
      .innerJoin(accounts, eq(accounts.id, partners.accountId))
      .where(where);
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: count() })
    .from(programMemberships)
    .innerJoin(partners, eq(partners.id, programMemberships.partnerId))
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(where);
  const rows = await base().orderBy(desc(programMemberships.joinedAt), desc(programMemberships.id)).limit(pageSize).offset((page - 1) * pageSize);
  const items = rows.map((r) => ({ ...membershipView(r.m), partnerId: r.m.partnerId, companyName: r.companyName, accountName: r.accountName }));
  return { items, total: Number(total), page, pageSize };
}
