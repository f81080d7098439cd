import type { Readable } from 'node:stream';
import { and, count, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../../platform/context.js';
import { inTransaction, type Executor, type Tx } from '../../../platform/db/index.js';
import { addDays, clock } from '../../../platform/clock.js';
import { AppError, fieldError, notFound, refused } from '../../../platform/errors.js';
import { render, type Text } from '../../../platform/i18n/index.js';
import { P, requirePermission } from '../../../platform/access/index.js';
import { audit } from '../../../platform/audit/index.js';
import { canRead, getFileRecord, storeGeneratedFile, type FileRow } from '../../../platform/files/index.js';
import { findApplicationsForSubject, submit, type AttachmentInput, type ReviewApplication } from '../../../platform/review/index.js';
import { companies, partners } from '../../partners/schema.js';
import {
  cloudSolutions,
  type CloudSolution,
  type RecertificationChange,
  type SolutionContacts,
  type SolutionForm,
  type SolutionKind,
  type SolutionMaterials,
  type SolutionSource,
} from './schema.js';
import { cloudSoftwareReviewKind, advancedSoftwareReviewKind, reviewKindOf, SUBJECT_TYPE } from './review-kinds.js';
import {
  DISPLAY_STATUS_NAMES,
  KIND_NAMES,
  RECERTIFY_WINDOW_DAYS,
  SOURCE_NAMES,
  TEXT_LIMIT,
  displayStatus,
  recertificationOpen,
  type DisplayStatus,
} from './statuses.js';
import { chinaDate, renderCertificatePdf } from './certificate.js';
import { isUuid } from '../../../platform/ids.js';

/**
 * 构建 > 云软件方案 / 先进云软件方案 (guide 6.1, 6.2; spec 02 §2.13, §3.7, ops 35–38, R44–R47).
 * The only writer of cloud_solutions besides the review hooks (review-kinds.ts).
 */

export const SUBMITTED_TOAST: Text = { zh: '恭喜您，方案认证申请已提交成功！', en: 'Your certification application has been submitted.' };

const SOLUTION: Text = { zh: '方案', en: 'Solution' };
const PERMISSION: Record<SolutionKind, string> = { cloud: P.cloudSoftware, advanced: P.advancedSoftware };
const SOFTWARE_PATH = 'software';

// ---------------------------------------------------------------------------------------------
// Inputs

/** Step 1 and step 2 of the wizard; a draft may leave fields out, submission needs them all. */
export interface SolutionInput extends SolutionForm {
  source: SolutionSource;
  name: string;
  version?: string;
  industry?: string; // 行业大类
}

export interface RecertifyInput {
  version: string;
  materials: SolutionMaterials;
  contacts: SolutionContacts;
}

// ---------------------------------------------------------------------------------------------
// Views

export interface StageProgress {
  key: string;
  name: string;
  state: 'not_started' | 'in_review' | 'approved' | 'rejected';
  stateName: string;
}

export interface SolutionView {
  id: string;
  kind: SolutionKind;
  source: SolutionSource;
  sourceName: string;
  name: string;
  version: string;
  industry: string;
  status: DisplayStatus;
  statusName: string;
  validFrom: string | null;
  validUntil: string | null;
  /** 有效期 as the list shows it: 2025/01/17 - 2026/01/17, or "--". */
  validity: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewId: string | null;
  reviewState: string;
  rejectReason: string | null;
  /** A re-certification that is under review or was refused (the row's validity still stands). */
  recertifying: boolean;
  canEdit: boolean;
  canRecertify: boolean;
  canDownloadCertificate: boolean;
}

export interface SolutionDetail extends SolutionView {
  baselineSolutionId: string | null;
  form: SolutionForm;
  pendingChange: RecertificationChange | null;
  progress: { appliedAt: string | null; certifiedAt: string | null; stages: StageProgress[] };
}

const STAGE_STATE_NAMES: Record<StageProgress['state'], Text> = {
  not_started: { zh: '未开始', en: 'Not started' },
  in_review: { zh: '审核中', en: 'Under review' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '审核不通过', en: 'Not approved' },
};

function toView(ctx: Ctx, row: CloudSolution): SolutionView {
  const now = clock.now();
  const status = displayStatus(row, now);
  const certified = !!row.validUntil;
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    sourceName: render(SOURCE_NAMES[row.source], ctx.lang),
    name: row.name,
    version: row.version,
    industry: row.industry,
    status,
    statusName: render(DISPLAY_STATUS_NAMES[status], ctx.lang),
    validFrom: row.validFrom?.toISOString() ?? null,
    validUntil: row.validUntil?.toISOString() ?? null,
    validity: row.validFrom && row.validUntil ? `${chinaDate(row.validFrom)} - ${chinaDate(row.validUntil)}` : '--',
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    reviewId: row.reviewId,
    reviewState: row.reviewState,
    rejectReason: row.rejectReason,
    recertifying: certified && row.reviewState !== 'approved',
    canEdit: !certified && row.reviewState !== 'in_review',
    canRecertify: row.source === 'new' && row.reviewState !== 'in_review' && recertificationOpen(row, now),
    canDownloadCertificate: status === 'approved' || status === 'expiring' || (status === 'in_review' && certified && now < row.validUntil!),
  };
}

function progressOf(ctx: Ctx, row: CloudSolution, app: ReviewApplication | undefined): SolutionDetail['progress'] {
  const kind = row.kind === 'cloud' ? cloudSoftwareReviewKind : advancedSoftwareReviewKind;
  const stages = kind.stages.map((s, i): StageProgress => {
    let state: StageProgress['state'] = 'not_started';
    if (app?.status === 'approved' || (app && i < app.stageIndex)) state = 'approved';
    else if (app && i === app.stageIndex && app.status === 'in_review') state = 'in_review';
    else if (app && i === app.stageIndex && (app.status === 'rejected' || app.status === 'returned')) state = 'rejected';
    return { key: s.key, name: render(s.name, ctx.lang), state, stateName: render(STAGE_STATE_NAMES[state], ctx.lang) };
  });
  return { appliedAt: app?.submittedAt?.toISOString() ?? null, certifiedAt: app?.status === 'approved' ? (app.decidedAt?.toISOString() ?? null) : null, stages };
}

// ---------------------------------------------------------------------------------------------
// Checks

/** R44: 伙伴已加入软件伙伴发展路径. */
async function requireSoftwarePath(ex: Executor, actor: PartnerActor) {
  const [p] = await ex.select({ paths: partners.paths, displayName: partners.displayName, companyId: partners.companyId }).from(partners).where(eq(partners.id, actor.partnerId));
  if (!p || !p.paths.includes(SOFTWARE_PATH))
    throw refused('solutions.software-path-required', {
      zh: '请先加入软件伙伴发展路径，再创建云软件方案',
      en: 'Join the software partner development path before creating cloud software solutions',
    });
  return p;
}

const tooLong = (field: string, label: string) =>
  fieldError(field, 'solutions.text-too-long', { zh: `${label}不能超过${TEXT_LIMIT}个字符`, en: `${label} must be at most ${TEXT_LIMIT} characters` });

/** R46 on every save, drafts included (the counters 0/1,000 cap the input). */
function checkLimits(input: SolutionForm) {
  if ((input.targetCustomers?.length ?? 0) > TEXT_LIMIT) throw tooLong('targetCustomers', '目标客户');
  if ((input.scenarios?.length ?? 0) > TEXT_LIMIT) throw tooLong('scenarios', '应用场景');
  if ((input.otherNotes?.length ?? 0) > TEXT_LIMIT) throw tooLong('otherNotes', '其他认证说明信息');
}

function checkSource(kind: SolutionKind, input: SolutionInput) {
  // 6.1 offers only 新建; 6.2 adds 使用伙伴Lead基线解决方案
  if (kind === 'cloud' && input.source !== 'new')
    throw fieldError('source', 'solutions.source-not-allowed', { zh: '云软件方案的方案来源仅支持“新建”', en: 'Cloud software solutions can only be created new' });
}

const MATERIAL_LABELS: Record<keyof SolutionMaterials, string> = {
  copyright: '软件著作版权',
  intro: '方案介绍材料',
  certification: '方案认证材料',
  testReport: '测试报告',
};

/** Every material is an 'attachment' upload the caller may read (another tenant's file is refused like a missing one). */
async function checkFiles(tx: Executor, ctx: Ctx, materials: SolutionMaterials | undefined): Promise<AttachmentInput[]> {
  const out: AttachmentInput[] = [];
  for (const [key, ids] of Object.entries(materials ?? {}) as [keyof SolutionMaterials, string[] | undefined][]) {
    for (const id of ids ?? []) {
      const f = await getFileRecord(tx, id);
      if (!f || !canRead(ctx, f) || f.purpose !== 'attachment')
        throw fieldError(`materials.${key}`, 'solutions.material-invalid', { zh: `${MATERIAL_LABELS[key]}文件不存在，请重新上传`, en: `A ${key} file was not found; upload it again` });
      out.push({ fileId: f.id, label: MATERIAL_LABELS[key] });
    }
  }
  return out;
}

const REQUIRED: Text = { zh: '必填项', en: 'Required' };
const blank = (s: string | undefined | null) => !s || s.trim() === '';
const none = (a: readonly unknown[] | undefined) => !a || a.length === 0;

function contactsMissing(c: SolutionContacts | undefined, fields: Record<string, Text>) {
  if (blank(c?.businessContact)) fields['contacts.businessContact'] = REQUIRED;
  if (blank(c?.businessMobile)) fields['contacts.businessMobile'] = REQUIRED;
  if (blank(c?.businessEmail)) fields['contacts.businessEmail'] = REQUIRED;
  if (c?.hasHuaweiContact) {
    if (blank(c.huaweiContactName)) fields['contacts.huaweiContactName'] = REQUIRED;
    if (blank(c.huaweiContactMobile)) fields['contacts.huaweiContactMobile'] = REQUIRED;
  }
}

function materialsMissing(kind: SolutionKind, source: SolutionSource, m: SolutionMaterials | undefined, fields: Record<string, Text>) {
  if (source === 'lead_baseline') {
    if (none(m?.testReport)) fields['materials.testReport'] = REQUIRED; // 测试报告 instead of the materials
    return;
  }
  if (kind === 'advanced' && none(m?.copyright)) fields['materials.copyright'] = REQUIRED; // 软件著作版权: advanced + 新建
  if (none(m?.intro)) fields['materials.intro'] = REQUIRED;
  if (none(m?.certification)) fields['materials.certification'] = REQUIRED;
}

const incomplete = (fields: Record<string, Text>) =>
  new AppError(400, 'solutions.incomplete', { zh: '请填写所有必填项', en: 'Fill in every required field' }, {}, fields);

/** 提交认证 needs both steps complete (the * fields of guide 6.1 / 6.2). */
function requireComplete(kind: SolutionKind, input: SolutionInput) {
  const fields: Record<string, Text> = {};
  if (blank(input.name)) fields.name = REQUIRED;
  if (blank(input.version)) fields.version = REQUIRED;
  if (input.source === 'new') {
    if (blank(input.industry)) fields.industry = REQUIRED;
    if (blank(input.industrySub)) fields.industrySub = REQUIRED;
    if (blank(input.productType)) fields.productType = REQUIRED;
    if (blank(input.targetCustomers)) fields.targetCustomers = REQUIRED;
    if (blank(input.scenarios)) fields.scenarios = REQUIRED;
    if (blank(input.cloudMode)) fields.cloudMode = REQUIRED;
    if (input.deployedOnPublicCloud === undefined) fields.deployedOnPublicCloud = REQUIRED;
    if (input.deployedOnPublicCloud && none(input.publicClouds)) fields.publicClouds = REQUIRED; // 若您选择“是”，请选择云平台
  } else if (blank(input.baseline?.solutionId)) fields['baseline.solutionId'] = REQUIRED;
  materialsMissing(kind, input.source, input.materials, fields);
  contactsMissing(input.contacts, fields);
  if (Object.keys(fields).length) throw incomplete(fields);
}

/** 行业大类 of a Lead-baseline solution: the first level under 行业 of its 行业主数据 (行业/物流与仓储/… → 物流与仓储). */
function industryOf(input: SolutionInput): string {
  if (!blank(input.industry)) return input.industry!.trim();
  const parts = (input.baseline?.industryMasterData ?? '').split('/').map((s) => s.trim()).filter(Boolean);
  return (parts[0] === '行业' ? parts[1] : parts[0]) ?? '';
}

function formOf(input: SolutionInput): SolutionForm {
  const { source: _s, name: _n, version: _v, industry: _i, ...form } = input;
  if (input.source === 'new') delete form.baseline;
  return form;
}

// ---------------------------------------------------------------------------------------------
// Reads

async function ownRow(ex: Executor, actor: PartnerActor, kind: SolutionKind, id: string, lock = false): Promise<CloudSolution> {
  const q = ex
    .select()
    .from(cloudSolutions)
    .where(and(eq(cloudSolutions.id, id), eq(cloudSolutions.partnerId, actor.partnerId), eq(cloudSolutions.kind, kind)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(SOLUTION); // another tenant's solution, or the other kind: as missing
  return row;
}

/** SQL for a list filter on the computed 状态 (same rules as displayStatus, at the platform clock). */
function statusCondition(status: DisplayStatus, now: Date): SQL {
  const t = cloudSolutions;
  const notReviewing = ne(t.reviewState, 'in_review');
  const windowStart = addDays(now, RECERTIFY_WINDOW_DAYS);
  switch (status) {
    case 'in_review':
      return eq(t.reviewState, 'in_review');
    case 'draft':
      return and(isNull(t.validUntil), eq(t.reviewState, 'draft'))!;
    case 'rejected':
      return and(isNull(t.validUntil), inArray(t.reviewState, ['rejected', 'returned']))!;
    case 'withdrawn':
      return and(isNull(t.validUntil), eq(t.reviewState, 'withdrawn'))!;
    case 'approved':
      return and(notReviewing, gt(t.validUntil, windowStart))!;
    case 'expiring':
      return and(notReviewing, gt(t.validUntil, now), lte(t.validUntil, windowStart))!;
    case 'expired':
      return and(notReviewing, lte(t.validUntil, now))!;
  }
}

export async function listSolutions(
  ctx: Ctx,
  kind: SolutionKind,
  q: { status?: DisplayStatus; name?: string; page?: number; pageSize?: number } = {},
): Promise<{ items: SolutionView[]; total: number; page: number; pageSize: number }> {
  const actor = requirePermission(ctx, PERMISSION[kind]);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 10, 100);
  const conds: SQL[] = [eq(cloudSolutions.partnerId, actor.partnerId), eq(cloudSolutions.kind, kind)];
  if (q.status) conds.push(statusCondition(q.status, clock.now()));
  if (q.name) conds.push(sql`${cloudSolutions.name} ILIKE ${'%' + q.name.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const where = and(...conds);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(cloudSolutions).where(where);
  const items = await ctx.db
    .select()
    .from(cloudSolutions)
    .where(where)
    .orderBy(desc(cloudSolutions.updatedAt), desc(cloudSolutions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: items.map((r) => toView(ctx, r)), total, page, pageSize };
}

/** 详情: the solution info, contacts and the review progress (申请认证 → 认证材料审核 → 技术审核 → 业务审核 → 认证通过). */
export async function getSolution(ctx: Ctx, kind: SolutionKind, id: string): Promise<SolutionDetail> {
  const actor = requirePermission(ctx, PERMISSION[kind]);
  const row = await ownRow(ctx.db, actor, kind, id);
  const [app] = await findApplicationsForSubject(ctx.db, { subjectType: SUBJECT_TYPE, subjectId: row.id, kind: reviewKindOf(kind) });
  return {
    ...toView(ctx, row),
    baselineSolutionId: row.baselineSolutionId,
    form: row.form,
    pendingChange: row.pendingChange,
    progress: progressOf(ctx, row, app),
  };
}

// ---------------------------------------------------------------------------------------------
// Writes

async function sendForReview(tx: Tx, ctx: Ctx, row: CloudSolution, partnerName: string, attachments: AttachmentInput[], recertification: boolean) {
  const data = {
    方案类型: KIND_NAMES[row.kind].zh,
    方案来源: SOURCE_NAMES[row.source].zh,
    重新认证: recertification,
    name: row.name,
    version: recertification ? row.pendingChange!.version : row.version,
    industry: row.industry,
    baselineSolutionId: row.baselineSolutionId,
    ...row.form,
    ...(recertification ? { materials: row.pendingChange!.materials, contacts: row.pendingChange!.contacts } : {}),
  };
  const version = recertification ? row.pendingChange!.version : row.version;
  return submit(
    ctx.deps.reviews,
    ctx,
    {
      kind: reviewKindOf(row.kind),
      subjectType: SUBJECT_TYPE,
      subjectId: row.id,
      data,
      summary: `${partnerName} · ${row.name} ${version}${recertification ? ' (重新认证)' : ''}`,
      attachments,
    },
    tx,
  );
}

export interface SaveResult {
  solution: SolutionView;
  /** The toast after 提交认证 (null after 保存草稿). */
  message: string | null;
}

/** 创建云软件方案 / 创建先进云软件方案: 保存草稿 (submit false) or 提交认证 (submit true). */
export async function createSolution(ctx: Ctx, kind: SolutionKind, input: SolutionInput, opts: { submit: boolean }): Promise<SaveResult> {
  const actor = requirePermission(ctx, PERMISSION[kind]);
  checkSource(kind, input);
  checkLimits(input);
  if (blank(input.name)) throw incomplete({ name: REQUIRED });
  if (opts.submit) requireComplete(kind, input);
  return inTransaction(ctx.db, async (tx) => {
    const partner = await requireSoftwarePath(tx, actor);
    const attachments = await checkFiles(tx, ctx, input.materials);
    const now = clock.now();
    const [row] = await tx
      .insert(cloudSolutions)
      .values({
        partnerId: actor.partnerId,
        kind,
        source: input.source,
        baselineSolutionId: input.source === 'lead_baseline' ? (input.baseline?.solutionId ?? null) : null,
        name: input.name.trim(),
        version: input.version?.trim() ?? '',
        industry: industryOf(input),
        form: formOf(input),
        reviewState: 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, { action: 'solutions.cloud.created', objectType: 'cloud_solution', objectId: row!.id, after: { kind, source: input.source, name: row!.name } });
    if (!opts.submit) return { solution: toView(ctx, row!), message: null };
    await sendForReview(tx, ctx, row!, partner.displayName, attachments, false);
    await tx.update(cloudSolutions).set({ submittedAt: now }).where(eq(cloudSolutions.id, row!.id));
    const [after] = await tx.select().from(cloudSolutions).where(eq(cloudSolutions.id, row!.id));
    return { solution: toView(ctx, after!), message: render(SUBMITTED_TOAST, ctx.lang) };
  });
}

/** Edit a draft (or a solution whose first certification was not passed) and save it or submit it again. */
export async function updateSolution(ctx: Ctx, kind: SolutionKind, id: string, input: SolutionInput, opts: { submit: boolean }): Promise<SaveResult> {
  const actor = requirePermission(ctx, PERMISSION[kind]);
  checkSource(kind, input);
  checkLimits(input);
  if (blank(input.name)) throw incomplete({ name: REQUIRED });
  if (opts.submit) requireComplete(kind, input);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownRow(tx, actor, kind, id, true);
    if (row.validUntil)
      throw refused('solutions.certified-use-recertify', {
        zh: '方案已认证，仅支持重新认证（修改版本号及方案材料）',
        en: 'This solution is certified; only re-certification (version and materials) is possible',
      });
    if (row.reviewState === 'in_review') throw refused('solutions.in-review', { zh: '方案认证审核中，暂不能修改', en: 'The solution is under review and cannot be changed' });
    const partner = await requireSoftwarePath(tx, actor);
    const attachments = await checkFiles(tx, ctx, input.materials);
    const now = clock.now();
    const [saved] = await tx
      .update(cloudSolutions)
      .set({
        source: input.source,
        baselineSolutionId: input.source === 'lead_baseline' ? (input.baseline?.solutionId ?? null) : null,
        name: input.name.trim(),
        version: input.version?.trim() ?? '',
        industry: industryOf(input),
        form: formOf(input),
        updatedAt: now,
      })
      .where(eq(cloudSolutions.id, row.id))
      .returning();
    await audit(tx, ctx, { action: 'solutions.cloud.updated', objectType: 'cloud_solution', objectId: row.id, before: { name: row.name, version: row.version }, after: { name: saved!.name, version: saved!.version } });
    if (!opts.submit) return { solution: toView(ctx, saved!), message: null };
    await sendForReview(tx, ctx, saved!, partner.displayName, attachments, false);
    await tx.update(cloudSolutions).set({ submittedAt: now }).where(eq(cloudSolutions.id, row.id));
    const [after] = await tx.select().from(cloudSolutions).where(eq(cloudSolutions.id, row.id));
    return { solution: toView(ctx, after!), message: render(SUBMITTED_TOAST, ctx.lang) };
  });
}

/**
 * 重新认证 (R47): only a 新建 solution, from 60 days before the end of its validity (or after it);
 * only the version and the materials change (plus the contacts step). They apply on re-approval,
 * which starts a new validity of 12 months; until then the current one stands.
 */
export async function recertifySolution(ctx: Ctx, kind: SolutionKind, id: string, input: RecertifyInput): Promise<SaveResult> {
  const actor = requirePermission(ctx, PERMISSION[kind]);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownRow(tx, actor, kind, id, true);
    if (row.source !== 'new')
      throw refused('solutions.recertify-new-only', { zh: '仅“新建”的方案支持重新认证', en: 'Only solutions created new can be re-certified' });
    if (!row.validUntil) throw refused('solutions.not-certified', { zh: '方案尚未认证通过', en: 'The solution is not certified yet' });
    if (row.reviewState === 'in_review') throw refused('solutions.in-review', { zh: '方案认证审核中，暂不能修改', en: 'The solution is under review and cannot be changed' });
    const now = clock.now();
    if (!recertificationOpen(row, now)) {
      const opensAt = addDays(row.validUntil, -RECERTIFY_WINDOW_DAYS);
      throw refused(
        'solutions.recertify-not-open',
        { zh: '方案失效前{days}天（{date}）起方可重新认证', en: 'Re-certification opens {days} days before expiry ({date})' },
        { days: RECERTIFY_WINDOW_DAYS, date: chinaDate(opensAt) },
      );
    }
    const fields: Record<string, Text> = {};
    if (blank(input.version)) fields.version = REQUIRED;
    materialsMissing(kind, 'new', input.materials, fields);
    contactsMissing(input.contacts, fields);
    if (Object.keys(fields).length) throw incomplete(fields);
    const partner = await requireSoftwarePath(tx, actor);
    const attachments = await checkFiles(tx, ctx, input.materials);
    const change: RecertificationChange = { version: input.version.trim(), materials: input.materials, contacts: input.contacts };
    const [saved] = await tx.update(cloudSolutions).set({ pendingChange: change, submittedAt: now, updatedAt: now }).where(eq(cloudSolutions.id, row.id)).returning();
    await audit(tx, ctx, { action: 'solutions.cloud.recertify', objectType: 'cloud_solution', objectId: row.id, before: { version: row.version }, after: { version: change.version } });
    await sendForReview(tx, ctx, saved!, partner.displayName, attachments, true);
    const [after] = await tx.select().from(cloudSolutions).where(eq(cloudSolutions.id, row.id));
    return { solution: toView(ctx, after!), message: render(SUBMITTED_TOAST, ctx.lang) };
  });
}

/**
 * 下载证书: a PDF naming the company, the solution and its validity, made on the first download of
 * each validity and kept in the files platform. Only while the certification is valid.
 */
export async function solutionCertificate(ctx: Ctx, kind: SolutionKind, id: string): Promise<{ file: FileRow; stream: Readable }> {
  const actor = requirePermission(ctx, PERMISSION[kind]);
  const file = await inTransaction(ctx.db, async (tx) => {
    const row = await ownRow(tx, actor, kind, id, true);
    const now = clock.now();
    if (!row.validUntil || !row.validFrom) throw refused('solutions.not-certified', { zh: '方案尚未认证通过', en: 'The solution is not certified yet' });
    if (now >= row.validUntil) throw refused('solutions.certificate-expired', { zh: '方案已过期，请重新认证后下载证书', en: 'The certification has expired; re-certify to download a certificate' });
    if (row.certificateFileId) {
      const existing = await getFileRecord(tx, row.certificateFileId);
      if (existing) return existing;
    }
    const [company] = await tx
      .select({ name: companies.name })
      .from(partners)
      .innerJoin(companies, eq(companies.id, partners.companyId))
      .where(eq(partners.id, row.partnerId));
    const title = row.kind === 'cloud' ? { zh: '云软件方案认证证书', en: 'Cloud Software Solution Certificate' } : { zh: '先进云软件方案认证证书', en: 'Advanced Cloud Software Solution Certificate' };
    const pdf = await renderCertificatePdf({
      title,
      companyName: company?.name ?? '',
      solutionName: row.name,
      version: row.version,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      certificateNo: `${row.kind === 'cloud' ? 'CS' : 'ACS'}-${chinaDate(row.validFrom).replaceAll('/', '')}-${row.id.slice(0, 8).toUpperCase()}`,
    });
    const stored = await storeGeneratedFile(tx, ctx.deps.storage, {
      partnerId: row.partnerId,
      owner: { kind: 'system', id: null },
      name: `${row.name}-${title.zh}.pdf`,
      mime: 'application/pdf',
      body: pdf,
    });
    await tx.update(cloudSolutions).set({ certificateFileId: stored.id }).where(eq(cloudSolutions.id, row.id));
    return stored;
  });
  return { file, stream: await ctx.deps.storage.get(file.storageKey) };
}

// ---------------------------------------------------------------------------------------------
// For other modules

/**
 * Does the company hold a valid cloud-software certification (the path engine's role certification,
 * NRE eligibility)? The result is the company's: a solution certified by any of its partner accounts
 * counts for all of them (spec 02 overlap notes, L950, L981). `who` is a partner id or a company id
 * (or an object naming which). Without `advanced`, an advanced certification counts too (it completes
 * role and differentiation certification); with `advanced: true` only an advanced one does.
 */
export async function hasCertifiedCloudSoftware(
  ex: Executor,
  who: string | { companyId: string } | { partnerId: string },
  opts: { advanced?: boolean } = {},
): Promise<boolean> {
  if (typeof who === 'string' && !isUuid(who)) return false;
  const companyCond =
    typeof who === 'string'
      ? or(eq(partners.companyId, who), eq(partners.companyId, sql`(SELECT company_id FROM partners WHERE id = ${who})`))
      : 'companyId' in who
        ? eq(partners.companyId, who.companyId)
        : eq(partners.companyId, sql`(SELECT company_id FROM partners WHERE id = ${who.partnerId})`);
  const [hit] = await ex
    .select({ id: cloudSolutions.id })
    .from(cloudSolutions)
    .innerJoin(partners, eq(partners.id, cloudSolutions.partnerId))
    .where(and(companyCond, isNotNull(cloudSolutions.validUntil), gt(cloudSolutions.validUntil, clock.now()), opts.advanced ? eq(cloudSolutions.kind, 'advanced') : undefined))
    .limit(1);
  return !!hit;
}


/** Does the partner account have any cloud-software or advanced record (a path cannot be exited then, L915)? */
export async function hasCloudSolutionRecords(ex: Executor, partnerId: string): Promise<boolean> {
  const [hit] = await ex.select({ id: cloudSolutions.id }).from(cloudSolutions).where(eq(cloudSolutions.partnerId, partnerId)).limit(1);
  return !!hit;
}
