import { and, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { actorLabel } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { AppError, fieldError, notFound, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { P, requirePermission } from '../../platform/access/index.js';
import { audit } from '../../platform/audit/index.js';
import { canRead, extensionOf, getFileRecord, type FileRow } from '../../platform/files/index.js';
import { submit } from '../../platform/review/index.js';
import { partners } from '../partners/schema.js';
import { ASCEND_LABEL, LEVEL1_LABELS, findLevel1, searchLevel1, type Level1Label } from './labels.js';
import {
  capabilityApplications,
  capabilityDownloads,
  capabilitySuspensions,
  type CapabilityApplication,
  type CapabilityStatus,
  type Level2Result,
} from './schema.js';
import {
  EVIDENCE_EXTENSIONS,
  EVIDENCE_MAX_BYTES,
  FORBIDDEN_NAME_CHARS,
  FORM_EXTENSIONS,
  FORM_MAX_BYTES,
  PRODUCT_NAME_MAX,
  STATUS_NAMES,
  chinaDate,
  expireOverdueUpdates,
  forbiddenCharIn,
} from './rules.js';
import { CAPABILITY_KIND, SUBJECT_TYPE } from './review-kind.js';
import { isUuid } from '../../platform/ids.js';

export { expireOverdueUpdates } from './rules.js';

/**
 * 能力 > 能力认证 (guide chapter 7, spec 02 §2.16, §3.9, ops 45–47): apply for a level-1 label,
 * update returned materials, the 能力认证结果 and 能力认证记录 tabs, badge and certificate downloads.
 * The vendor's decisions go through the review engine (review-kind.ts).
 */

// ---------------------------------------------------------------------------------------------
// Messages

const UNKNOWN_LABEL: Text = { zh: '请选择能力标签', en: 'Choose a capability label' };
const UNKNOWN_LEVEL2: Text = { zh: '二级能力标签不属于所选一级能力标签', en: 'A level-2 label does not belong to the chosen level-1 label' };
const MANDATORY_LEVEL2: Text = { zh: '请选择必备的二级能力标签', en: 'Include the mandatory level-2 labels' };
const PRODUCT_NAME_REQUIRED: Text = { zh: '请填写产品/解决方案名称', en: 'Enter the product/solution name' };
const PRODUCT_NAME_TOO_LONG: Text = { zh: '产品/解决方案名称不能超过100个字符', en: 'The product/solution name must be at most 100 characters' };
const PRODUCT_NAME_NOT_ASKED: Text = {
  zh: '仅昇腾云能力标签需填写产品/解决方案名称',
  en: 'Only the Ascend Cloud label takes a product/solution name',
};
const PRODUCT_NAME_IMMUTABLE: Text = {
  zh: '产品/解决方案名称提交后无法修改',
  en: 'The product/solution name cannot be changed after submission',
};
const DECLARATION_REQUIRED: Text = {
  zh: '合作伙伴必须确保向华为云提供的任何材料中不包含未授权的商业秘密、个人隐私等敏感信息',
  en: 'Confirm that the materials contain no unauthorised trade secrets, personal privacy or other sensitive information',
};
const LABEL_SUSPENDED: Text = {
  zh: '该一级能力标签认证暂停受理至{until}，暂停受理期间无法提交认证申请',
  en: 'Applications for this level-1 label are suspended until {until}; you cannot apply before then',
};
const ALREADY_APPLYING: Text = {
  zh: '该一级能力标签已有认证申请在处理中，请在能力认证记录中查看进展',
  en: 'This level-1 label already has an application in progress; see the certification records',
};
const NOT_AWAITING_UPDATE: Text = {
  zh: '仅审核材料待更新的申请可以更新材料，当前状态为“{status}”',
  en: 'Only an application whose materials are to be updated accepts new materials; its status is "{status}"',
};
const UPDATE_EXPIRED: Text = {
  zh: '已超过30个自然日未更新材料，本次认证流程结束且该能力标签暂停受理6个月',
  en: 'The materials were not updated within 30 natural days; the process has ended and the label is suspended for 6 months',
};
const NO_REVIEW_COMMENTS: Text = { zh: '暂无审核意见', en: 'There are no review comments' };
const NOT_PASSED: Text = { zh: '该能力标签未认证通过或已过有效期', en: 'This label is not passed or its validity has ended' };
const ASCEND_ONLY: Text = { zh: '仅支持下载昇腾云能力认证证书', en: 'Only the Ascend Cloud certification has a certificate to download' };

const formHint = (): Text => ({
  zh: `评估表上传文件支持excel格式，文件最大50M。文件名不能包含${FORBIDDEN_NAME_CHARS}这些字符。`,
  en: `The assessment form must be an Excel file up to 50 MB; its name must not contain ${FORBIDDEN_NAME_CHARS}`,
});
const evidenceHint = (): Text => ({
  zh: `举证材料上传文件支持rar/zip格式，文件最大1G。文件名不能包含${FORBIDDEN_NAME_CHARS}这些字符。`,
  en: `The evidence must be a rar or zip file up to 1 GB; its name must not contain ${FORBIDDEN_NAME_CHARS}`,
});

const LABEL_ENTITY: Text = { zh: '能力认证申请', en: 'Capability certification application' };

// ---------------------------------------------------------------------------------------------
// Inputs and views

export interface ApplyInput {
  level1Label: string;
  /** Level-2 labels applied for; default: the mandatory ones. */
  level2Labels?: string[];
  formFileId: string;
  evidenceFileId: string;
  productName?: string | null;
  /** R55: the partner confirms the materials hold no unauthorised trade secrets or personal privacy. */
  materialsDeclaration: boolean;
}

export interface UpdateMaterialsInput {
  formFileId: string;
  evidenceFileId: string;
  productName?: string | null;
  materialsDeclaration: boolean;
}

export interface Level2View {
  key: string;
  name: string;
  result: Level2Result;
  resultName: string;
}

export interface RecordView {
  id: string;
  level1Label: string;
  level1Name: string; // 一级能力标签
  appliedAt: string; // 申请时间
  status: CapabilityStatus;
  statusName: string; // 评审结果
  validity: string | null; // 有效期 "2022/05/01-2024/05/01", null shows "--"
  validFrom: string | null;
  validTo: string | null;
  passedAt: string | null; // 通过时间
  productName: string | null;
  updateDeadline: string | null;
  level2: Level2View[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const RESULT_NAMES: Record<Level2Result, Text> = {
  pending: { zh: '审核中', en: 'Under review' },
  passed: { zh: '通过', en: 'Passed' },
  failed: { zh: '不通过', en: 'Failed' },
};

const pick = (ctx: Ctx, t: Text) => (ctx.lang === 'en-US' ? t.en : t.zh);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function labelOf(key: string): Level1Label {
  const l = findLevel1(key);
  if (!l) throw new Error(`unknown capability label ${key}`);
  return l;
}

function toRecordView(ctx: Ctx, row: CapabilityApplication): RecordView {
  const label = labelOf(row.level1Label);
  const passed = row.status === 'passed';
  return {
    id: row.id,
    level1Label: row.level1Label,
    level1Name: pick(ctx, label.name),
    appliedAt: row.appliedAt.toISOString(),
    status: row.status,
    statusName: pick(ctx, STATUS_NAMES[row.status]),
    validity: passed && row.validFrom && row.validTo ? `${chinaDate(row.validFrom)}-${chinaDate(row.validTo)}` : null,
    validFrom: passed ? iso(row.validFrom) : null,
    validTo: passed ? iso(row.validTo) : null,
    passedAt: iso(row.passedAt),
    productName: row.productName,
    updateDeadline: row.status === 'materials_update' ? iso(row.updateDeadline) : null,
    level2: label.level2
      .filter((l2) => l2.key in row.level2Results)
      .map((l2) => {
        const result = row.level2Results[l2.key]!;
        return { key: l2.key, name: pick(ctx, l2.name), result, resultName: pick(ctx, RESULT_NAMES[result]) };
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Checks

function checkProductName(label: Level1Label, value: string | null | undefined): string | null {
  const name = (value ?? '').trim();
  if (!label.needsProductName) {
    if (name) throw fieldError('productName', 'capabilities.product-name-not-asked', PRODUCT_NAME_NOT_ASKED);
    return null;
  }
  if (!name) throw fieldError('productName', 'capabilities.product-name-required', PRODUCT_NAME_REQUIRED);
  if (name.length > PRODUCT_NAME_MAX) throw fieldError('productName', 'capabilities.product-name-too-long', PRODUCT_NAME_TOO_LONG);
  return name;
}

function checkLevel2(label: Level1Label, chosen: string[] | undefined): Record<string, Level2Result> {
  const keys = new Set(chosen && chosen.length ? chosen : label.level2.filter((l) => l.mandatory).map((l) => l.key));
  const known = new Set(label.level2.map((l) => l.key));
  for (const k of keys) if (!known.has(k)) throw fieldError('level2Labels', 'capabilities.unknown-level2', UNKNOWN_LEVEL2);
  for (const l of label.level2) if (l.mandatory && !keys.has(l.key)) throw fieldError('level2Labels', 'capabilities.mandatory-level2', MANDATORY_LEVEL2);
  return Object.fromEntries([...keys].map((k) => [k, 'pending' as const]));
}

function checkDeclaration(value: boolean) {
  if (value !== true) throw fieldError('materialsDeclaration', 'capabilities.declaration-required', DECLARATION_REQUIRED);
}

/**
 * R51: the form is Excel ≤ 50 MB, the evidence rar/zip ≤ 1 GB, and neither name holds
 * `! ; " @ # % & ^ * ~ < > |`. The files platform checks the content matches the extension; the
 * guide's limits are checked here as well, whatever purpose the file was uploaded under (the UI
 * uploads with 'capability-form' / 'capability-evidence', which refuse them at upload already).
 */
async function checkMaterial(tx: Executor, ctx: Ctx, fileId: string, which: 'form' | 'evidence'): Promise<FileRow> {
  const field = which === 'form' ? 'formFileId' : 'evidenceFileId';
  const hint = which === 'form' ? formHint() : evidenceHint();
  const file = await getFileRecord(tx, fileId);
  // another tenant's file reads as missing
  if (!file || !canRead(ctx, file) || file.partnerId === null) throw fieldError(field, `capabilities.${which}-missing`, hint);
  const ext = extensionOf(file.originalName);
  const allowed: readonly string[] = which === 'form' ? FORM_EXTENSIONS : EVIDENCE_EXTENSIONS;
  const max = which === 'form' ? FORM_MAX_BYTES : EVIDENCE_MAX_BYTES;
  if (!ext || !allowed.includes(ext)) throw fieldError(field, `capabilities.${which}-type`, hint);
  if (file.size > max) throw fieldError(field, `capabilities.${which}-too-large`, hint);
  if (forbiddenCharIn(file.originalName)) throw fieldError(field, `capabilities.${which}-name`, hint);
  return file;
}

/** The suspension in force for a partner's level-1 label, if any (R53, R54). */
async function activeSuspension(ex: Executor, partnerId: string, level1Label: string) {
  const [s] = await ex
    .select()
    .from(capabilitySuspensions)
    .where(and(eq(capabilitySuspensions.partnerId, partnerId), eq(capabilitySuspensions.level1Label, level1Label), gt(capabilitySuspensions.endsAt, clock.now())))
    .orderBy(desc(capabilitySuspensions.endsAt))
    .limit(1);
  return s;
}

function suspendedError(endsAt: Date): AppError {
  return refused('capabilities.label-suspended', LABEL_SUSPENDED, { until: chinaDate(endsAt), opensAt: endsAt.toISOString() });
}

async function lockOwnApplication(tx: Executor, actor: PartnerActor, id: string): Promise<CapabilityApplication> {
  if (!isUuid(id)) throw notFound(LABEL_ENTITY);
  const [row] = await tx
    .select()
    .from(capabilityApplications)
    .where(and(eq(capabilityApplications.id, id), eq(capabilityApplications.partnerId, actor.partnerId)))
    .for('update');
  if (!row) throw notFound(LABEL_ENTITY);
  return row;
}

async function readOwnApplication(ex: Executor, actor: PartnerActor, id: string): Promise<CapabilityApplication> {
  if (!isUuid(id)) throw notFound(LABEL_ENTITY);
  const [row] = await ex
    .select()
    .from(capabilityApplications)
    .where(and(eq(capabilityApplications.id, id), eq(capabilityApplications.partnerId, actor.partnerId)));
  if (!row) throw notFound(LABEL_ENTITY);
  return row;
}

function reviewSnapshot(label: Level1Label, row: { level2Results: Record<string, Level2Result>; productName: string | null }, form: FileRow, evidence: FileRow) {
  return {
    一级能力标签: label.name.zh,
    认证详情: label.capability.zh,
    二级能力标签: label.level2.filter((l) => l.key in row.level2Results).map((l) => l.name.zh),
    ...(row.productName ? { '产品/解决方案名称': row.productName } : {}),
    评估表: form.originalName,
    举证材料: evidence.originalName,
  };
}

async function partnerName(ex: Executor, partnerId: string): Promise<string> {
  const [p] = await ex.select({ name: partners.displayName }).from(partners).where(eq(partners.id, partnerId));
  return p?.name ?? '';
}

// ---------------------------------------------------------------------------------------------
// Catalogue (申请认证: choose the label)

export interface CatalogueEntry {
  key: string;
  name: string;
  capability: string;
  needsProductName: boolean;
  level2: { key: string; name: string; mandatory: boolean }[];
  /** R53 / R54: the label is suspended until this time (null: open). */
  suspendedUntil: string | null;
  /** An application for the label is in progress. */
  inProgress: boolean;
}

export async function catalogue(ctx: Ctx): Promise<CatalogueEntry[]> {
  const actor = requirePermission(ctx, P.capabilities);
  await expireOverdueUpdates(ctx.db, { partnerId: actor.partnerId });
  const now = clock.now();
  const suspensions = await ctx.db
    .select({ label: capabilitySuspensions.level1Label, until: sql<Date>`max(${capabilitySuspensions.endsAt})`.mapWith(capabilitySuspensions.endsAt) })
    .from(capabilitySuspensions)
    .where(and(eq(capabilitySuspensions.partnerId, actor.partnerId), gt(capabilitySuspensions.endsAt, now)))
    .groupBy(capabilitySuspensions.level1Label);
  const open = await ctx.db
    .select({ label: capabilityApplications.level1Label })
    .from(capabilityApplications)
    .where(and(eq(capabilityApplications.partnerId, actor.partnerId), inArray(capabilityApplications.status, ['reviewing', 'materials_update'])));
  const until = new Map(suspensions.map((s) => [s.label, s.until]));
  const inProgress = new Set(open.map((o) => o.label));
  return LEVEL1_LABELS.map((l) => ({
    key: l.key,
    name: pick(ctx, l.name),
    capability: pick(ctx, l.capability),
    needsProductName: l.needsProductName,
    level2: l.level2.map((l2) => ({ key: l2.key, name: pick(ctx, l2.name), mandatory: l2.mandatory })),
    suspendedUntil: iso(until.get(l.key) ?? null),
    inProgress: inProgress.has(l.key),
  }));
}

// ---------------------------------------------------------------------------------------------
// 申请认证 (op 45)

export async function applyForCertification(ctx: Ctx, input: ApplyInput): Promise<RecordView> {
  const actor = requirePermission(ctx, P.capabilities);
  const label = findLevel1(input.level1Label);
  if (!label) throw fieldError('level1Label', 'capabilities.unknown-label', UNKNOWN_LABEL);
  const level2Results = checkLevel2(label, input.level2Labels);
  const productName = checkProductName(label, input.productName);
  checkDeclaration(input.materialsDeclaration);

  // R54 evaluated lazily, in its own (atomic) statement so a refusal below does not undo it
  await expireOverdueUpdates(ctx.db, { partnerId: actor.partnerId });
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const suspension = await activeSuspension(tx, actor.partnerId, label.key);
      if (suspension) throw suspendedError(suspension.endsAt);
      const [open] = await tx
        .select({ id: capabilityApplications.id })
        .from(capabilityApplications)
        .where(
          and(
            eq(capabilityApplications.partnerId, actor.partnerId),
            eq(capabilityApplications.level1Label, label.key),
            inArray(capabilityApplications.status, ['reviewing', 'materials_update']),
          ),
        );
      if (open) throw refused('capabilities.already-applying', ALREADY_APPLYING);
      const form = await checkMaterial(tx, ctx, input.formFileId, 'form');
      const evidence = await checkMaterial(tx, ctx, input.evidenceFileId, 'evidence');

      const now = clock.now();
      const [row] = await tx
        .insert(capabilityApplications)
        .values({
          partnerId: actor.partnerId,
          level1Label: label.key,
          level2Results,
          productName,
          formFileId: form.id,
          evidenceFileId: evidence.id,
          status: 'reviewing',
          appliedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const app = await submit(
        ctx.deps.reviews,
        ctx,
        {
          kind: CAPABILITY_KIND,
          subjectType: SUBJECT_TYPE,
          subjectId: row!.id,
          data: reviewSnapshot(label, row!, form, evidence),
          summary: `${await partnerName(tx, actor.partnerId)} · ${label.name.zh}`,
          attachments: [
            { fileId: form.id, label: '华为云伙伴能力标签评估表' },
            { fileId: evidence.id, label: '举证材料' },
          ],
        },
        tx,
      );
      await audit(tx, ctx, {
        action: 'capabilities.applied',
        objectType: SUBJECT_TYPE,
        objectId: row!.id,
        after: { level1Label: label.key, level2: Object.keys(level2Results), productName, reviewId: app.id },
      });
      const [fresh] = await tx.select().from(capabilityApplications).where(eq(capabilityApplications.id, row!.id));
      return toRecordView(ctx, fresh!);
    });
  } catch (err) {
    // two applications at once: the partial unique index lets one through
    if (isUniqueViolation(err)) throw refused('capabilities.already-applying', ALREADY_APPLYING);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// 更新材料 (op 46)

export async function updateMaterials(ctx: Ctx, applicationId: string, input: UpdateMaterialsInput): Promise<RecordView> {
  const actor = requirePermission(ctx, P.capabilities);
  checkDeclaration(input.materialsDeclaration);
  await expireOverdueUpdates(ctx.db, { partnerId: actor.partnerId });
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockOwnApplication(tx, actor, applicationId);
    if (row.status === 'ended') throw refused('capabilities.update-expired', UPDATE_EXPIRED);
    if (row.status !== 'materials_update')
      throw refused('capabilities.not-awaiting-update', NOT_AWAITING_UPDATE, { status: STATUS_NAMES[row.status].zh });
    // R52: the product/solution name cannot change after submission
    if (input.productName !== undefined && input.productName !== null && input.productName.trim() !== (row.productName ?? ''))
      throw refused('capabilities.product-name-immutable', PRODUCT_NAME_IMMUTABLE);
    const label = labelOf(row.level1Label);
    const form = await checkMaterial(tx, ctx, input.formFileId, 'form');
    const evidence = await checkMaterial(tx, ctx, input.evidenceFileId, 'evidence');
    await tx
      .update(capabilityApplications)
      .set({ formFileId: form.id, evidenceFileId: evidence.id, updatedAt: clock.now() })
      .where(eq(capabilityApplications.id, row.id));
    // the full material set goes back to 材料初审 (the engine resubmits to the first stage)
    await submit(
      ctx.deps.reviews,
      ctx,
      {
        kind: CAPABILITY_KIND,
        subjectType: SUBJECT_TYPE,
        subjectId: row.id,
        data: reviewSnapshot(label, row, form, evidence),
        attachments: [
          { fileId: form.id, label: '华为云伙伴能力标签评估表' },
          { fileId: evidence.id, label: '举证材料' },
        ],
      },
      tx,
    );
    await audit(tx, ctx, {
      action: 'capabilities.materials-updated',
      objectType: SUBJECT_TYPE,
      objectId: row.id,
      before: { formFileId: row.formFileId, evidenceFileId: row.evidenceFileId },
      after: { formFileId: form.id, evidenceFileId: evidence.id },
    });
    const [fresh] = await tx.select().from(capabilityApplications).where(eq(capabilityApplications.id, row.id));
    return toRecordView(ctx, fresh!);
  });
}

// ---------------------------------------------------------------------------------------------
// 能力认证记录 (op 47) and the application detail

export async function listRecords(ctx: Ctx, q: { search?: string; page?: number; pageSize?: number } = {}): Promise<Page<RecordView>> {
  const actor = requirePermission(ctx, P.capabilities);
  await expireOverdueUpdates(ctx.db, { partnerId: actor.partnerId });
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const conds = [eq(capabilityApplications.partnerId, actor.partnerId)];
  if (q.search && q.search.trim()) {
    const keys = searchLevel1(q.search);
    if (keys.length === 0) return { items: [], total: 0, page, pageSize };
    conds.push(inArray(capabilityApplications.level1Label, keys));
  }
  const where = and(...conds);
  const [{ total }] = (await ctx.db.select({ total: count() }).from(capabilityApplications).where(where)) as [{ total: number }];
  const items = await ctx.db
    .select()
    .from(capabilityApplications)
    .where(where)
    .orderBy(desc(capabilityApplications.appliedAt), desc(capabilityApplications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: items.map((r) => toRecordView(ctx, r)), total: Number(total), page, pageSize };
}

export interface ApplicationDetailView extends RecordView {
  reviewId: string | null;
  reviewComment: string | null;
  canUpdateMaterials: boolean;
  formFile: { id: string; name: string; size: number } | null;
  evidenceFile: { id: string; name: string; size: number } | null;
}

export async function getApplicationDetail(ctx: Ctx, id: string): Promise<ApplicationDetailView> {
  const actor = requirePermission(ctx, P.capabilities);
  await expireOverdueUpdates(ctx.db, { partnerId: actor.partnerId });
  const row = await readOwnApplication(ctx.db, actor, id);
  const fileView = async (fid: string) => {
    const f = await getFileRecord(ctx.db, fid);
    return f ? { id: f.id, name: f.originalName, size: f.size } : null;
  };
  return {
    ...toRecordView(ctx, row),
    reviewId: row.reviewId,
    reviewComment: row.reviewComment,
    canUpdateMaterials: row.status === 'materials_update',
    formFile: await fileView(row.formFileId),
    evidenceFile: await fileView(row.evidenceFileId),
  };
}

/** 下载审核意见: the reviewers' comments of the latest return or rejection, as a text file. */
export async function reviewComments(ctx: Ctx, id: string): Promise<{ filename: string; body: string }> {
  const actor = requirePermission(ctx, P.capabilities);
  await expireOverdueUpdates(ctx.db, { partnerId: actor.partnerId });
  const row = await readOwnApplication(ctx.db, actor, id);
  if (!row.reviewComment) throw refused('capabilities.no-review-comments', NO_REVIEW_COMMENTS);
  const label = labelOf(row.level1Label);
  const lines = [
    `一级能力标签：${label.name.zh}`,
    `评审结果：${STATUS_NAMES[row.status].zh}`,
    ...(row.status === 'materials_update' && row.updateDeadline ? [`更新材料截止时间：${chinaDate(new Date(row.updateDeadline.getTime() - 1))}`] : []),
    '',
    '审核意见：',
    row.reviewComment,
  ];
  return { filename: `${label.name.zh}-审核意见.txt`, body: lines.join('\n') + '\n' };
}

// ---------------------------------------------------------------------------------------------
// 能力认证结果 (op 47) and the path engine's view

export interface PassedLabel {
  applicationId: string;
  level1Label: string;
  level2Labels: string[];
  productName: string | null;
  passedAt: Date;
  validFrom: Date;
  validTo: Date;
}

/**
 * The level-1 labels a partner holds at `at` (default now): passed and within validity, the
 * latest certification per label. For the development-path engine (spec 02 §7: differentiation needs
 * ≥1 of DIFFERENTIATION_LABELS) and 8.8 能力提升激励. Call inside your own transaction if needed.
 */
export async function passedLabels(ex: Executor, partnerId: string, at: Date = clock.now()): Promise<PassedLabel[]> {
  const found = await ex
    .select()
    .from(capabilityApplications)
    .where(
      and(
        eq(capabilityApplications.partnerId, partnerId),
        eq(capabilityApplications.status, 'passed'),
        gt(capabilityApplications.validTo, at),
        sql`${capabilityApplications.validFrom} <= ${at.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(capabilityApplications.level1Label, desc(capabilityApplications.validTo));
  const latest = new Map<string, CapabilityApplication>();
  for (const r of found) if (!latest.has(r.level1Label)) latest.set(r.level1Label, r);
  return [...latest.values()].map((r) => ({
    applicationId: r.id,
    level1Label: r.level1Label,
    level2Labels: Object.entries(r.level2Results)
      .filter(([, v]) => v === 'passed')
      .map(([k]) => k),
    productName: r.productName,
    passedAt: r.passedAt!,
    validFrom: r.validFrom!,
    validTo: r.validTo!,
  }));
}

export interface ResultView {
  applicationId: string;
  level1Label: string;
  level1Name: string;
  level2: { key: string; name: string }[];
  validity: string;
  validFrom: string;
  validTo: string;
  passedAt: string;
  productName: string | null;
  /** R52: only 昇腾云 yields a certificate. */
  certificateAvailable: boolean;
}

export async function listResults(ctx: Ctx): Promise<ResultView[]> {
  const actor = requirePermission(ctx, P.capabilities);
  const held = await passedLabels(ctx.db, actor.partnerId);
  const order = new Map(LEVEL1_LABELS.map((l, i) => [l.key, i]));
  held.sort((a, b) => (order.get(a.level1Label) ?? 0) - (order.get(b.level1Label) ?? 0));
  return held.map((h) => {
    const label = labelOf(h.level1Label);
    return {
      applicationId: h.applicationId,
      level1Label: h.level1Label,
      level1Name: pick(ctx, label.name),
      level2: label.level2.filter((l) => h.level2Labels.includes(l.key)).map((l) => ({ key: l.key, name: pick(ctx, l.name) })),
      validity: `${chinaDate(h.validFrom)}-${chinaDate(h.validTo)}`,
      validFrom: h.validFrom.toISOString(),
      validTo: h.validTo.toISOString(),
      passedAt: h.passedAt.toISOString(),
      productName: h.productName,
      certificateAvailable: h.level1Label === ASCEND_LABEL,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// 下载伙伴能力徽标 / 昇腾云证书 and the download records

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

function badgeSvg(company: string, label: Level1Label, validity: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="480" height="240" viewBox="0 0 480 240">
  <rect x="4" y="4" width="472" height="232" rx="16" fill="#ffffff" stroke="#c7000b" stroke-width="4"/>
  <text x="240" y="60" text-anchor="middle" font-size="22" fill="#c7000b">华为云合作伙伴能力认证</text>
  <text x="240" y="110" text-anchor="middle" font-size="30" font-weight="bold" fill="#222">${escapeXml(label.capability.zh)}</text>
  <text x="240" y="160" text-anchor="middle" font-size="18" fill="#444">${escapeXml(company)}</text>
  <text x="240" y="200" text-anchor="middle" font-size="16" fill="#666">有效期 ${escapeXml(validity)}</text>
</svg>
`;
}

function certificateSvg(company: string, label: Level1Label, productName: string, validity: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="842" height="595" viewBox="0 0 842 595">
  <rect x="10" y="10" width="822" height="575" fill="#ffffff" stroke="#c7000b" stroke-width="6"/>
  <text x="421" y="110" text-anchor="middle" font-size="36" fill="#c7000b">华为云合作伙伴能力认证证书</text>
  <text x="421" y="200" text-anchor="middle" font-size="26" fill="#222">${escapeXml(company)}</text>
  <text x="421" y="260" text-anchor="middle" font-size="22" fill="#333">通过 ${escapeXml(label.capability.zh)} 认证</text>
  <text x="421" y="320" text-anchor="middle" font-size="22" fill="#333">产品/解决方案名称：${escapeXml(productName)}</text>
  <text x="421" y="400" text-anchor="middle" font-size="18" fill="#666">有效期 ${escapeXml(validity)}</text>
</svg>
`;
}

/**
 * Download the badge (徽标) of a passed label, or (R52: 昇腾云 only) its certificate, and record
 * the download in the history. The artwork is a generated SVG.
 */
export async function downloadArtwork(ctx: Ctx, applicationId: string, what: 'badge' | 'certificate'): Promise<{ filename: string; svg: string }> {
  const actor = requirePermission(ctx, P.capabilities);
  return inTransaction(ctx.db, async (tx) => {
    const row = await readOwnApplication(tx, actor, applicationId);
    const now = clock.now();
    if (row.status !== 'passed' || !row.validTo || !row.validFrom || row.validTo <= now) throw refused('capabilities.not-passed', NOT_PASSED);
    const label = labelOf(row.level1Label);
    if (what === 'certificate' && !label.needsProductName) throw refused('capabilities.certificate-ascend-only', ASCEND_ONLY);
    const company = await partnerName(tx, actor.partnerId);
    const validity = `${chinaDate(row.validFrom)}-${chinaDate(row.validTo)}`;
    const who = actorLabel(ctx.actor);
    await tx.insert(capabilityDownloads).values({
      partnerId: actor.partnerId,
      applicationId: row.id,
      level1Label: row.level1Label,
      what,
      actorKind: who.kind,
      actorId: who.id,
      actorName: actor.displayName,
      downloadedAt: now,
    });
    await audit(tx, ctx, { action: `capabilities.${what}-downloaded`, objectType: SUBJECT_TYPE, objectId: row.id });
    return what === 'badge'
      ? { filename: `${label.name.zh}-能力徽标.svg`, svg: badgeSvg(company, label, validity) }
      : { filename: `${label.name.zh}-能力认证证书.svg`, svg: certificateSvg(company, label, row.productName ?? '', validity) };
  });
}

export interface DownloadView {
  id: string;
  applicationId: string;
  level1Label: string;
  level1Name: string;
  what: 'badge' | 'certificate';
  actorName: string | null;
  downloadedAt: string;
}

export async function listDownloads(ctx: Ctx, q: { page?: number; pageSize?: number } = {}): Promise<Page<DownloadView>> {
  const actor = requirePermission(ctx, P.capabilities);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const where = eq(capabilityDownloads.partnerId, actor.partnerId);
  const [{ total }] = (await ctx.db.select({ total: count() }).from(capabilityDownloads).where(where)) as [{ total: number }];
  const items = await ctx.db
    .select()
    .from(capabilityDownloads)
    .where(where)
    .orderBy(desc(capabilityDownloads.downloadedAt), desc(capabilityDownloads.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: items.map((d) => ({
      id: d.id,
      applicationId: d.applicationId,
      level1Label: d.level1Label,
      level1Name: pick(ctx, labelOf(d.level1Label).name),
      what: d.what,
      actorName: d.actorName,
      downloadedAt: d.downloadedAt.toISOString(),
    })),
    total: Number(total),
    page,
    pageSize,
  };
}
