import { and, asc, count, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor, Ctx, StaffActor } from '../context.js';
import { actorLabel } from '../context.js';
import { clock } from '../clock.js';
import { inTransaction, isUniqueViolation, type Executor, type Tx } from '../db/index.js';
import { AppError, badRequest, fieldError, forbidden, notFound, refused } from '../errors.js';
import type { Text } from '../i18n/index.js';
import { requirePermission, requireSignedIn, requireStaff, STAFF_ROLES } from '../access/index.js';
import { audit } from '../audit/index.js';
import { send, type Recipient } from '../notify/index.js';
import {
  reviewApplications,
  reviewAttachments,
  reviewEvents,
  type ReviewAction,
  type ReviewApplication,
  type ReviewAttachment,
  type ReviewEvent,
  type ReviewStatus,
} from './schema.js';
import { kindStaffRoles, statusName, type ReviewKind, type ReviewRegistry, type ReviewStage } from './kinds.js';
import { isUuid } from '../ids.js';

// ---------------------------------------------------------------------------------------------
// Messages (bilingual, beside the rules that raise them)

const APPLICATION: Text = { zh: '申请', en: 'Application' };
const WRONG_STATE: Text = { zh: '当前状态不允许此操作', en: 'This operation is not allowed in the current status' };
const ALREADY_IN_REVIEW: Text = {
  zh: '该申请正在审核中，请勿重复提交',
  en: 'This application is already under review; do not submit it again',
};
const NOT_WITHDRAWABLE: Text = { zh: '该申请提交后无法撤回', en: 'This application cannot be withdrawn once submitted' };
const STALE: Text = {
  zh: '该申请已被他人处理，请刷新后重试',
  en: 'Someone else has already acted on this application; reload and try again',
};
const REASON_REQUIRED: Text = { zh: '请填写原因', en: 'Please give a reason' };
const REASON_TOO_LONG: Text = { zh: '原因不能超过{max}个字符', en: 'The reason must be at most {max} characters' };
const COMMENT_REQUIRED: Text = { zh: '请填写意见', en: 'Please write a comment' };
const COMMENT_TOO_LONG: Text = { zh: '意见不能超过{max}个字符', en: 'The comment must be at most {max} characters' };
const NOT_AN_APPLICANT: Text = { zh: '当前账号不能提交此类申请', en: 'This account cannot submit this kind of application' };

export const MAX_REASON_LENGTH = 500; // 驳回原因 ≤ 500
export const MAX_COMMENT_LENGTH = 1000;

// ---------------------------------------------------------------------------------------------
// Inputs and outputs

export interface AttachmentInput {
  fileId: string; // a row of the files table (platform/files)
  label?: string | null;
}

export interface ApplyInput {
  kind: string;
  subjectType: string;
  subjectId: string;
  /** Snapshot of what is submitted; on submit without data, the draft's data is kept. */
  data?: Record<string, unknown>;
  /** One line for the operations queue (e.g. "某某科技 · 张三"). */
  summary?: string | null;
  /** Replaces the application's attachments when given. */
  attachments?: readonly AttachmentInput[];
}

export interface DecisionInput {
  comment?: string | null;
  /** The version the reviewer saw; a different current version refuses (someone acted meanwhile). */
  expectedVersion?: number;
}

export interface ReasonInput {
  reason: string;
  expectedVersion?: number;
}

export interface QueueFilter {
  kind?: string;
  stage?: string; // a stage key of `kind`
  status?: ReviewStatus;
  partnerId?: string;
  submittedFrom?: Date; // inclusive
  submittedTo?: Date; // exclusive
  page?: number; // from 1
  pageSize?: number; // ≤ 100
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ApplicationDetail {
  application: ReviewApplication;
  kind: ReviewKind;
  history: ReviewEvent[];
  attachments: ReviewAttachment[];
  /** What the caller may do now (drives the buttons). */
  actions: ('approve' | 'reject' | 'return' | 'withdraw' | 'comment')[];
}

// ---------------------------------------------------------------------------------------------
// Who may do what

const EDITABLE: ReadonlySet<ReviewStatus> = new Set(['draft', 'returned', 'rejected', 'withdrawn']);

type ApplicantActor = Extract<Actor, { kind: 'partner' | 'account' }>;

/** The applicant side: a partner (or member) or a plain account, as the kind allows. */
function requireApplicant(ctx: Ctx, kind: ReviewKind): ApplicantActor {
  const actor = requireSignedIn(ctx);
  if (actor.kind !== 'partner' && actor.kind !== 'account') throw forbidden();
  const allowed = kind.applicants ?? ['partner', 'account'];
  if (!allowed.includes(actor.kind)) throw new AppError(403, 'review.not-an-applicant', NOT_AN_APPLICANT);
  if (actor.kind === 'partner' && kind.permission) requirePermission(ctx, kind.permission);
  return actor;
}

function requireApplicantActor(ctx: Ctx): ApplicantActor {
  const actor = requireSignedIn(ctx);
  if (actor.kind !== 'partner' && actor.kind !== 'account') throw forbidden();
  return actor;
}

const isAccountApplicant = (app: ReviewApplication) => app.applicantKind === 'account' || app.applicantKind === 'partner-account';

/** The application is the actor's: their partner's, or made by their own account before partnership. */
function belongsTo(actor: ApplicantActor, app: ReviewApplication): boolean {
  if (actor.kind === 'partner') {
    if (app.partnerId !== null) return app.partnerId === actor.partnerId;
    return isAccountApplicant(app) && app.applicantId === actor.accountId;
  }
  return app.partnerId === null && isAccountApplicant(app) && app.applicantId === actor.accountId;
}

/** Owner check plus the kind's permission for members; anything else reads as missing (tenancy). */
function requireOwnApplication(ctx: Ctx, actor: ApplicantActor, kind: ReviewKind, app: ReviewApplication): void {
  if (!belongsTo(actor, app)) throw notFound(APPLICATION);
  if (actor.kind === 'partner' && kind.permission) requirePermission(ctx, kind.permission);
}

const isOpsAdmin = (staff: StaffActor) => staff.roles.has(STAFF_ROLES.admin);

export function staffCanView(staff: StaffActor, kind: ReviewKind): boolean {
  if (isOpsAdmin(staff)) return true;
  for (const r of kindStaffRoles(kind)) if (staff.roles.has(r)) return true;
  return false;
}

export function staffCanDecide(staff: StaffActor, stage: ReviewStage): boolean {
  return isOpsAdmin(staff) || stage.staffRoles.some((r) => staff.roles.has(r));
}

/** A reviewer with no role in the kind reads its applications as missing. */
function requireStaffView(staff: StaffActor, kind: ReviewKind): void {
  if (!staffCanView(staff, kind)) throw notFound(APPLICATION);
}

export function currentStage(kind: ReviewKind, app: ReviewApplication): ReviewStage {
  return kind.stages[Math.min(app.stageIndex, kind.stages.length - 1)]!;
}

function actorName(actor: Actor): string | null {
  switch (actor.kind) {
    case 'partner':
      return actor.displayName;
    case 'staff':
      return actor.name;
    case 'account':
      return actor.accountName;
    default:
      return null;
  }
}

function cleanText(value: string | null | undefined, field: string, max: number, required: Text, tooLong: Text): string {
  const v = (value ?? '').trim();
  if (!v) throw fieldError(field, `review.${field}-required`, required);
  if (v.length > max) {
    const e = fieldError(field, `review.${field}-too-long`, tooLong);
    throw new AppError(e.status, e.code, e.text, { max }, e.fields);
  }
  return v;
}

function optionalComment(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  return cleanText(value, 'comment', MAX_COMMENT_LENGTH, COMMENT_REQUIRED, COMMENT_TOO_LONG);
}

// ---------------------------------------------------------------------------------------------
// Reading rows

async function lockApplication(tx: Executor, id: string): Promise<ReviewApplication | undefined> {
  if (!isUuid(id)) return undefined;
  // FOR UPDATE: two reviewers acting at once queue here, the second sees the first one's result.
  const [row] = await tx.select().from(reviewApplications).where(eq(reviewApplications.id, id)).for('update');
  return row;
}

async function readApplication(ex: Executor, id: string): Promise<ReviewApplication | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(reviewApplications).where(eq(reviewApplications.id, id));
  return row;
}

/** The unfinished application (anything but approved) of a kind about one subject, if any. */
export async function findOpenApplication(
  ex: Executor,
  q: { kind: string; subjectType: string; subjectId: string },
  opts: { forUpdate?: boolean } = {},
): Promise<ReviewApplication | undefined> {
  const base = ex
    .select()
    .from(reviewApplications)
    .where(
      and(
        eq(reviewApplications.kind, q.kind),
        eq(reviewApplications.subjectType, q.subjectType),
        eq(reviewApplications.subjectId, q.subjectId),
        ne(reviewApplications.status, 'approved'),
      ),
    );
  const [row] = opts.forUpdate ? await base.for('update') : await base;
  return row;
}

/**
 * A subject's applications, newest first (for the module's own pages: status, reason, history link).
 * No guard: the module has already checked the subject is the caller's.
 */
export async function findApplicationsForSubject(
  ex: Executor,
  q: { subjectType: string; subjectId: string; kind?: string },
): Promise<ReviewApplication[]> {
  const conds = [eq(reviewApplications.subjectType, q.subjectType), eq(reviewApplications.subjectId, q.subjectId)];
  if (q.kind) conds.push(eq(reviewApplications.kind, q.kind));
  return ex
    .select()
    .from(reviewApplications)
    .where(and(...conds))
    .orderBy(desc(reviewApplications.createdAt), desc(reviewApplications.id));
}

/**
 * Attach an application made before partnership (HCPN enrolment by a plain account) to the
 * partner its approval created; called from that kind's onApproved hook.
 */
export async function linkApplicationToPartner(tx: Executor, applicationId: string, partnerId: string): Promise<void> {
  await tx.update(reviewApplications).set({ partnerId }).where(eq(reviewApplications.id, applicationId));
}

async function historyOf(ex: Executor, applicationId: string): Promise<ReviewEvent[]> {
  return ex
    .select()
    .from(reviewEvents)
    .where(eq(reviewEvents.applicationId, applicationId))
    .orderBy(asc(reviewEvents.at), asc(reviewEvents.id));
}

async function attachmentsOf(ex: Executor, applicationId: string): Promise<ReviewAttachment[]> {
  return ex
    .select()
    .from(reviewAttachments)
    .where(eq(reviewAttachments.applicationId, applicationId))
    .orderBy(asc(reviewAttachments.createdAt), asc(reviewAttachments.id));
}

// ---------------------------------------------------------------------------------------------
// Writing rows

async function recordEvent(
  tx: Executor,
  ctx: Ctx,
  kind: ReviewKind,
  e: { app: ReviewApplication; action: ReviewAction; from: ReviewStatus | null; to: ReviewStatus; stageIndex: number | null; comment?: string | null },
): Promise<void> {
  const who = actorLabel(ctx.actor);
  await tx.insert(reviewEvents).values({
    applicationId: e.app.id,
    action: e.action,
    fromStatus: e.from,
    toStatus: e.to,
    stageIndex: e.stageIndex,
    stageKey: e.stageIndex === null ? null : (kind.stages[e.stageIndex]?.key ?? null),
    actorKind: who.kind,
    actorId: who.id,
    actorName: actorName(ctx.actor),
    comment: e.comment ?? null,
    at: clock.now(),
  });
}

async function replaceAttachments(tx: Executor, applicationId: string, attachments: readonly AttachmentInput[] | undefined) {
  if (!attachments) return;
  await tx.delete(reviewAttachments).where(eq(reviewAttachments.applicationId, applicationId));
  if (attachments.length === 0) return;
  const now = clock.now();
  await tx
    .insert(reviewAttachments)
    .values(attachments.map((a) => ({ applicationId, fileId: a.fileId, label: a.label ?? null, createdAt: now })));
}

/**
 * Move an application to a new status, write the history event and the audit entry. The row is
 * already locked; the version condition is a second fence against a lost update.
 */
async function transition(
  tx: Executor,
  ctx: Ctx,
  kind: ReviewKind,
  app: ReviewApplication,
  t: {
    action: ReviewAction;
    to: ReviewStatus;
    stageIndex: number; // the application's stage after the transition
    eventStage: number | null; // the stage the event is about
    comment?: string | null;
    set?: Partial<Pick<ReviewApplication, 'data' | 'summary' | 'rejectReason' | 'submittedAt' | 'decidedAt'>>;
  },
): Promise<ReviewApplication> {
  const [next] = await tx
    .update(reviewApplications)
    .set({ ...t.set, status: t.to, stageIndex: t.stageIndex, version: app.version + 1, updatedAt: clock.now() })
    .where(and(eq(reviewApplications.id, app.id), eq(reviewApplications.version, app.version)))
    .returning();
  if (!next) throw refused('review.stale', STALE);
  await recordEvent(tx, ctx, kind, { app, action: t.action, from: app.status, to: t.to, stageIndex: t.eventStage, comment: t.comment });
  await audit(tx, ctx, {
    action: `review.${t.action}`,
    objectType: 'review_application',
    objectId: app.id,
    partnerId: app.partnerId,
    before: { kind: app.kind, status: app.status, stageIndex: app.stageIndex, version: app.version },
    after: { kind: app.kind, status: next.status, stageIndex: next.stageIndex, version: next.version, comment: t.comment ?? null },
  });
  return next;
}

function applicantRecipient(app: ReviewApplication): Recipient {
  return app.applicantKind === 'member' ? { kind: 'member', id: app.applicantId } : { kind: 'account', id: app.applicantId };
}

type NoticeEvent = 'submitted' | 'approved' | 'rejected' | 'returned';

function noticeText(kind: ReviewKind, app: ReviewApplication, event: NoticeEvent): { subject: Text; body: Text } {
  const name = statusName(kind, app.status, app.stageIndex);
  const subject = { zh: `${kind.title.zh}：${name.zh}`, en: `${kind.title.en}: ${name.en}` };
  const reason = app.rejectReason ?? '';
  switch (event) {
    case 'submitted':
      return { subject, body: { zh: `您的${kind.title.zh}已提交，请耐心等待审核。`, en: `Your ${kind.title.en} has been submitted for review.` } };
    case 'approved':
      return { subject, body: { zh: `您的${kind.title.zh}已审核通过。`, en: `Your ${kind.title.en} has been approved.` } };
    case 'rejected':
      return {
        subject,
        body: {
          zh: `您的${kind.title.zh}审核未通过，原因：${reason}。请根据原因修改后重新提交。`,
          en: `Your ${kind.title.en} was rejected. Reason: ${reason}. Please modify it and submit again.`,
        },
      };
    case 'returned':
      return {
        subject,
        body: {
          zh: `您的${kind.title.zh}已被退回修改，原因：${reason}。请修改后重新提交。`,
          en: `Your ${kind.title.en} was returned for modification. Reason: ${reason}. Please modify it and submit again.`,
        },
      };
  }
}

/** 站内信 to the applicant (and e-mail when the kind asks), in the transition's transaction. */
async function notifyApplicant(tx: Executor, kind: ReviewKind, app: ReviewApplication, event: NoticeEvent): Promise<void> {
  const text = noticeText(kind, app, event);
  const message = {
    template: `review.${event}`,
    // the outbox holds one text; the default language is Chinese, both are kept in data for the inbox UI
    subject: text.subject.zh,
    body: text.body.zh,
    data: {
      applicationId: app.id,
      kind: app.kind,
      subjectType: app.subjectType,
      subjectId: app.subjectId,
      status: app.status,
      reason: app.rejectReason,
      text,
    },
  };
  await send(tx, { ...message, channel: 'site', to: applicantRecipient(app) });
  const email = kind.notify?.email ? await kind.notify.email(tx, app) : null;
  if (email) await send(tx, { ...message, channel: 'email', to: applicantRecipient(app), address: email });
}

/** A unique-index race (two first submissions of one subject) reads as "already under review". */
/**
 * Runs a transition in its own transaction, or inside the caller's (`within`) so a module can
 * write its domain row and open the application atomically.
 */
async function guardedTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>, within?: Tx): Promise<T> {
  try {
    return within ? await fn(within) : await inTransaction(ctx.db, fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('review.already-in-review', ALREADY_IN_REVIEW);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Applicant side

/**
 * Save (or update) the draft of a subject's application. Also edits an application that was
 * returned, rejected or withdrawn before it is submitted again.
 */
export async function saveDraft(registry: ReviewRegistry, ctx: Ctx, input: ApplyInput, within?: Tx): Promise<ReviewApplication> {
  const kind = registry.get(input.kind);
  const actor = requireApplicant(ctx, kind);

  return guardedTransaction(ctx, async (tx) => {
    const open = await findOpenApplication(tx, input, { forUpdate: true });
    if (open) {
      requireOwnApplication(ctx, actor, kind, open);
      if (!EDITABLE.has(open.status)) throw refused('review.wrong-state', WRONG_STATE, { status: open.status });
      const next = await transition(tx, ctx, kind, open, {
        action: 'save_draft',
        to: open.status, // a returned / rejected application keeps its status (and reason) until resubmitted
        stageIndex: open.stageIndex,
        eventStage: null,
        set: { data: input.data ?? open.data, summary: input.summary !== undefined ? input.summary : open.summary },
      });
      await replaceAttachments(tx, open.id, input.attachments);
      return next;
    }
    const app = await insertApplication(tx, ctx, actor, input, 'draft');
    await recordEvent(tx, ctx, kind, { app, action: 'save_draft', from: null, to: 'draft', stageIndex: null });
    await replaceAttachments(tx, app.id, input.attachments);
    await audit(tx, ctx, {
      action: 'review.save_draft',
      objectType: 'review_application',
      objectId: app.id,
      partnerId: app.partnerId,
      after: { kind: app.kind, status: app.status },
    });
    return app;
  }, within);
}

async function insertApplication(
  tx: Executor,
  ctx: Ctx,
  actor: ApplicantActor,
  input: ApplyInput,
  status: 'draft' | 'in_review',
): Promise<ReviewApplication> {
  const who = actorLabel(actor);
  const now = clock.now();
  const [app] = await tx
    .insert(reviewApplications)
    .values({
      kind: input.kind,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      partnerId: actor.kind === 'partner' ? actor.partnerId : null,
      applicantKind: who.kind,
      applicantId: who.id!,
      applicantName: actorName(ctx.actor),
      summary: input.summary ?? null,
      status,
      stageIndex: 0,
      data: input.data ?? {},
      submittedAt: status === 'in_review' ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return app!;
}

/**
 * Submit a subject's application to the first stage: a new one, the saved draft, or (重新提交)
 * one that was returned, rejected or withdrawn. Refuses while it is under review.
 */
export async function submit(registry: ReviewRegistry, ctx: Ctx, input: ApplyInput, within?: Tx): Promise<ReviewApplication> {
  const kind = registry.get(input.kind);
  const actor = requireApplicant(ctx, kind);

  return guardedTransaction(ctx, async (tx) => {
    const open = await findOpenApplication(tx, input, { forUpdate: true });
    let app: ReviewApplication;
    if (open) {
      requireOwnApplication(ctx, actor, kind, open);
      if (open.status === 'in_review') throw refused('review.already-in-review', ALREADY_IN_REVIEW);
      if (!EDITABLE.has(open.status)) throw refused('review.wrong-state', WRONG_STATE, { status: open.status });
      app = await transition(tx, ctx, kind, open, {
        action: open.status === 'draft' ? 'submit' : 'resubmit',
        to: 'in_review',
        stageIndex: 0,
        eventStage: 0,
        set: {
          data: input.data ?? open.data,
          summary: input.summary !== undefined ? input.summary : open.summary,
          submittedAt: clock.now(),
          decidedAt: null,
          rejectReason: null,
        },
      });
      await replaceAttachments(tx, app.id, input.attachments);
    } else {
      app = await insertApplication(tx, ctx, actor, input, 'in_review');
      await recordEvent(tx, ctx, kind, { app, action: 'submit', from: null, to: 'in_review', stageIndex: 0 });
      await replaceAttachments(tx, app.id, input.attachments);
      await audit(tx, ctx, {
        action: 'review.submit',
        objectType: 'review_application',
        objectId: app.id,
        partnerId: app.partnerId,
        after: { kind: app.kind, status: app.status, stageIndex: 0, version: app.version },
      });
    }
    await kind.hooks?.onSubmitted?.(tx, ctx, app);
    await notifyApplicant(tx, kind, app, 'submitted');
    return app;
  }, within);
}

/** 撤回: the applicant takes an application back while it is under review, to change it. */
export async function withdraw(
  registry: ReviewRegistry,
  ctx: Ctx,
  applicationId: string,
  input: { comment?: string | null } = {},
): Promise<ReviewApplication> {
  const actor = requireApplicantActor(ctx);
  const comment = optionalComment(input.comment);

  return inTransaction(ctx.db, async (tx) => {
    const app = await lockApplication(tx, applicationId);
    if (!app || !registry.has(app.kind)) throw notFound(APPLICATION);
    const kind = registry.get(app.kind);
    requireOwnApplication(ctx, actor, kind, app);
    if (kind.withdrawable === false) throw refused('review.not-withdrawable', NOT_WITHDRAWABLE);
    if (app.status !== 'in_review') throw refused('review.wrong-state', WRONG_STATE, { status: app.status });
    const next = await transition(tx, ctx, kind, app, {
      action: 'withdraw',
      to: 'withdrawn',
      stageIndex: app.stageIndex,
      eventStage: app.stageIndex,
      comment,
    });
    await kind.hooks?.onWithdrawn?.(tx, ctx, next);
    return next;
  });
}

// ---------------------------------------------------------------------------------------------
// Staff side (运营后台)

/** Lock, then check the reviewer may decide the current stage of an application under review. */
async function lockForDecision(
  tx: Executor,
  registry: ReviewRegistry,
  staff: StaffActor,
  applicationId: string,
  expectedVersion: number | undefined,
): Promise<{ app: ReviewApplication; kind: ReviewKind; stage: ReviewStage }> {
  const app = await lockApplication(tx, applicationId);
  if (!app || !registry.has(app.kind)) throw notFound(APPLICATION);
  const kind = registry.get(app.kind);
  requireStaffView(staff, kind);
  if (expectedVersion !== undefined && expectedVersion !== app.version) throw refused('review.stale', STALE);
  if (app.status !== 'in_review') throw refused('review.wrong-state', WRONG_STATE, { status: app.status });
  const stage = currentStage(kind, app);
  if (!staffCanDecide(staff, stage)) throw forbidden();
  return { app, kind, stage };
}

/** 审核通过 the current stage: the next stage starts, or after the last one the application is approved. */
export async function approve(
  registry: ReviewRegistry,
  ctx: Ctx,
  applicationId: string,
  input: DecisionInput = {},
): Promise<ReviewApplication> {
  const staff = requireStaff(ctx);
  const comment = optionalComment(input.comment);

  return inTransaction(ctx.db, async (tx) => {
    const { app, kind } = await lockForDecision(tx, registry, staff, applicationId, input.expectedVersion);
    const last = app.stageIndex >= kind.stages.length - 1;
    if (!last) {
      const next = await transition(tx, ctx, kind, app, {
        action: 'approve_stage',
        to: 'in_review',
        stageIndex: app.stageIndex + 1,
        eventStage: app.stageIndex,
        comment,
      });
      await kind.hooks?.onStageApproved?.(tx, ctx, next);
      return next;
    }
    const next = await transition(tx, ctx, kind, app, {
      action: 'approve',
      to: 'approved',
      stageIndex: app.stageIndex,
      eventStage: app.stageIndex,
      comment,
      set: { decidedAt: clock.now(), rejectReason: null },
    });
    await kind.hooks?.onApproved?.(tx, ctx, next);
    await notifyApplicant(tx, kind, next, 'approved');
    return next;
  });
}

/** 驳回 with a required reason (≤ 500 characters); the applicant may change and resubmit. */
export async function reject(registry: ReviewRegistry, ctx: Ctx, applicationId: string, input: ReasonInput): Promise<ReviewApplication> {
  const staff = requireStaff(ctx);
  const reason = cleanText(input.reason, 'reason', MAX_REASON_LENGTH, REASON_REQUIRED, REASON_TOO_LONG);

  return inTransaction(ctx.db, async (tx) => {
    const { app, kind } = await lockForDecision(tx, registry, staff, applicationId, input.expectedVersion);
    const next = await transition(tx, ctx, kind, app, {
      action: 'reject',
      to: 'rejected',
      stageIndex: app.stageIndex, // kept so the per-stage name (e.g. 技术审核未通过) shows
      eventStage: app.stageIndex,
      comment: reason,
      set: { rejectReason: reason, decidedAt: clock.now() },
    });
    await kind.hooks?.onRejected?.(tx, ctx, next);
    await notifyApplicant(tx, kind, next, 'rejected');
    return next;
  });
}

/** 退回修改 with a reason: the applicant changes the application and submits it again. */
export async function returnForModification(
  registry: ReviewRegistry,
  ctx: Ctx,
  applicationId: string,
  input: ReasonInput,
): Promise<ReviewApplication> {
  const staff = requireStaff(ctx);
  const reason = cleanText(input.reason, 'reason', MAX_REASON_LENGTH, REASON_REQUIRED, REASON_TOO_LONG);

  return inTransaction(ctx.db, async (tx) => {
    const { app, kind } = await lockForDecision(tx, registry, staff, applicationId, input.expectedVersion);
    const next = await transition(tx, ctx, kind, app, {
      action: 'return',
      to: 'returned',
      stageIndex: app.stageIndex,
      eventStage: app.stageIndex,
      comment: reason,
      set: { rejectReason: reason, decidedAt: clock.now() },
    });
    await kind.hooks?.onReturned?.(tx, ctx, next);
    await notifyApplicant(tx, kind, next, 'returned');
    return next;
  });
}

// ---------------------------------------------------------------------------------------------
// Both sides

/** A comment in the history, from a reviewer who may read the kind or from the applicant side. */
export async function comment(
  registry: ReviewRegistry,
  ctx: Ctx,
  applicationId: string,
  input: { comment: string },
): Promise<{ event: ReviewEvent; kind: ReviewKind }> {
  const actor = requireSignedIn(ctx);
  if (actor.kind !== 'staff' && actor.kind !== 'partner' && actor.kind !== 'account') throw forbidden();
  const text = cleanText(input.comment, 'comment', MAX_COMMENT_LENGTH, COMMENT_REQUIRED, COMMENT_TOO_LONG);

  return inTransaction(ctx.db, async (tx) => {
    const app = await readApplication(tx, applicationId);
    if (!app || !registry.has(app.kind)) throw notFound(APPLICATION);
    const kind = registry.get(app.kind);
    if (actor.kind === 'staff') requireStaffView(actor, kind);
    else requireOwnApplication(ctx, actor, kind, app);
    const who = actorLabel(ctx.actor);
    const [event] = await tx
      .insert(reviewEvents)
      .values({
        applicationId: app.id,
        action: 'comment',
        fromStatus: app.status,
        toStatus: app.status,
        stageIndex: app.stageIndex,
        stageKey: currentStage(kind, app).key,
        actorKind: who.kind,
        actorId: who.id,
        actorName: actorName(ctx.actor),
        comment: text,
        at: clock.now(),
      })
      .returning();
    return { event: event!, kind };
  });
}

/** The application with its history and attachments, for a reviewer or for its applicant side. */
export async function getApplication(registry: ReviewRegistry, ctx: Ctx, applicationId: string): Promise<ApplicationDetail> {
  const actor = requireSignedIn(ctx);
  if (actor.kind !== 'staff' && actor.kind !== 'partner' && actor.kind !== 'account') throw forbidden();

  const app = await readApplication(ctx.db, applicationId);
  if (!app || !registry.has(app.kind)) throw notFound(APPLICATION);
  const kind = registry.get(app.kind);
  const actions: ApplicationDetail['actions'] = [];
  if (actor.kind === 'staff') {
    requireStaffView(actor, kind);
    if (app.status === 'in_review' && staffCanDecide(actor, currentStage(kind, app))) actions.push('approve', 'reject', 'return');
    actions.push('comment');
  } else {
    const own = belongsTo(actor, app);
    // canView lets others read (e.g. the member the application is about), never act
    if (!own && !(kind.canView?.(ctx, app) ?? false)) throw notFound(APPLICATION);
    if (own) {
      if (actor.kind === 'partner' && kind.permission) requirePermission(ctx, kind.permission);
      if (app.status === 'in_review' && kind.withdrawable !== false) actions.push('withdraw');
      actions.push('comment');
    }
  }
  const history = await historyOf(ctx.db, app.id);
  const attachments = await attachmentsOf(ctx.db, app.id);
  return { application: app, kind, history, attachments, actions };
}

/** The history alone (审核记录), with the same read rule as the detail. */
export async function listHistory(registry: ReviewRegistry, ctx: Ctx, applicationId: string): Promise<ReviewEvent[]> {
  return (await getApplication(registry, ctx, applicationId)).history;
}

/** The kinds a reviewer can see, for the queue's filters. */
export function visibleKinds(registry: ReviewRegistry, ctx: Ctx): ReviewKind[] {
  const staff = requireStaff(ctx);
  return registry.list().filter((k) => staffCanView(staff, k));
}

/** The operations queue (审核列表): filtered and paged in the database, newest submission first. */
export async function listQueue(registry: ReviewRegistry, ctx: Ctx, filter: QueueFilter = {}): Promise<Page<ReviewApplication>> {
  const staff = requireStaff(ctx);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(filter.pageSize ?? 20)));

  let kinds = registry.list().filter((k) => staffCanView(staff, k));
  if (filter.kind !== undefined) {
    if (!registry.has(filter.kind)) throw badRequest('review.unknown-kind', { zh: '未知的申请类型', en: 'Unknown application kind' });
    kinds = kinds.filter((k) => k.kind === filter.kind);
  }
  if (kinds.length === 0) return { items: [], total: 0, page, pageSize };

  const conds: SQL[] = [
    inArray(
      reviewApplications.kind,
      kinds.map((k) => k.kind),
    ),
    ne(reviewApplications.status, 'draft'), // never-submitted drafts are the applicant's own
  ];
  if (filter.stage !== undefined) {
    if (filter.kind === undefined)
      throw fieldError('stage', 'review.stage-needs-kind', { zh: '按审核阶段筛选时请先选择申请类型', en: 'Choose a kind to filter by stage' });
    const index = kinds[0]!.stages.findIndex((s) => s.key === filter.stage);
    if (index < 0) throw fieldError('stage', 'review.unknown-stage', { zh: '未知的审核阶段', en: 'Unknown review stage' });
    conds.push(eq(reviewApplications.stageIndex, index));
  }
  if (filter.status) conds.push(eq(reviewApplications.status, filter.status));
  if (filter.partnerId) conds.push(eq(reviewApplications.partnerId, filter.partnerId));
  if (filter.submittedFrom) conds.push(gte(reviewApplications.submittedAt, filter.submittedFrom));
  if (filter.submittedTo) conds.push(lt(reviewApplications.submittedAt, filter.submittedTo));
  const where = and(...conds);

  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(reviewApplications).where(where);
  const items = await ctx.db
    .select()
    .from(reviewApplications)
    .where(where)
    .orderBy(sql`${reviewApplications.submittedAt} desc nulls last`, desc(reviewApplications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: Number(total), page, pageSize };
}
