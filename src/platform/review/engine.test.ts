import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db.js';
import { rows, sql, type Database, type Executor } from '../db/index.js';
import { clock } from '../clock.js';
import { AppError } from '../errors.js';
import { auditLog } from '../audit/schema.js';
import { notifications } from '../notify/schema.js';
import type { Ctx } from '../context.js';
import {
  approve,
  comment,
  createReviewRegistry,
  defineReviewKind,
  findApplicationsForSubject,
  getApplication,
  listHistory,
  listQueue,
  reject,
  returnForModification,
  reviewApplications,
  reviewAttachments,
  reviewEvents,
  saveDraft,
  statusName,
  submit,
  visibleKinds,
  withdraw,
  type ReviewApplication,
  type ReviewRegistry,
} from './index.js';
import { accountActor, ctxFor, partnerActor, staffActor, STAFF_ROLES } from './test-kit.js';

/**
 * A test kind shaped like 项目专员申请: two stages, the guide's status names, hooks that keep the
 * module's own domain row (test_specialists) in step with the review.
 */
let database: Database;
let registry: ReviewRegistry;
let failOn: string | null = null; // a hook name that throws, to prove hooks share the transaction
const hookCalls: string[] = [];

async function setSpecialistStatus(tx: Executor, app: ReviewApplication, status: string) {
  await tx.execute(sql`UPDATE test_specialists SET status = ${status} WHERE id = ${app.subjectId}`);
}

function hook(name: string, status: string) {
  return async (tx: Executor, _ctx: Ctx, app: ReviewApplication) => {
    hookCalls.push(name);
    await setSpecialistStatus(tx, app, status);
    if (failOn === name) throw new Error(`hook ${name} failed`);
  };
}

const specialistKind = defineReviewKind({
  kind: 'test.specialist-apply',
  title: { zh: '项目专员申请', en: 'Project specialist application' },
  stages: [
    { key: 'material', name: { zh: '材料审核', en: 'Material review' }, staffRoles: [STAFF_ROLES.reviewer] },
    { key: 'business', name: { zh: '业务审核', en: 'Business review' }, staffRoles: [STAFF_ROLES.ecosystemManager] },
  ],
  statusNames: {
    in_review: { zh: '申请专员审核中', en: 'Specialist application under review' },
    rejected: [
      { zh: '材料审核未通过', en: 'Material review failed' },
      { zh: '申请专员审核未通过', en: 'Specialist application rejected' },
    ],
    approved: { zh: '已认证', en: 'Certified' },
  },
  permission: '组织 > 项目专员',
  notify: { email: async () => 'applicant@example.com' },
  hooks: {
    onSubmitted: hook('onSubmitted', 'applying'),
    onStageApproved: hook('onStageApproved', 'applying'),
    onApproved: hook('onApproved', 'specialist'),
    onRejected: hook('onRejected', 'apply_rejected'),
    onReturned: hook('onReturned', 'apply_returned'),
    onWithdrawn: hook('onWithdrawn', 'withdrawn'),
  },
});

/** A one-stage kind that cannot be withdrawn (申请一旦提交后无法撤回). */
const refundKind = defineReviewKind({
  kind: 'test.refund',
  title: { zh: '退票申请', en: 'Invoice return' },
  stages: [{ key: 'invoice', name: { zh: '发票审核', en: 'Invoice review' }, staffRoles: [STAFF_ROLES.invoice] }],
  withdrawable: false,
  applicants: ['partner'],
});

const partnerA = randomUUID();
const partnerB = randomUUID();
let db: Database['db'];
let applicantA: ReturnType<typeof partnerActor>;
const reviewer = staffActor([STAFF_ROLES.reviewer], '材料审核员');
const manager = staffActor([STAFF_ROLES.ecosystemManager], '生态经理');
const invoiceClerk = staffActor([STAFF_ROLES.invoice], '发票专员');
const opsAdmin = staffActor([STAFF_ROLES.admin], '运营管理员');

async function newSpecialist(): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`INSERT INTO test_specialists (id, status) VALUES (${id}, 'none')`);
  return id;
}

async function specialistStatus(id: string): Promise<string> {
  const [r] = await rows<{ status: string }>(db, sql`SELECT status FROM test_specialists WHERE id = ${id}`);
  return r!.status;
}

const apply = (subjectId: string, data: Record<string, unknown> = { name: '张三' }) => ({
  kind: specialistKind.kind,
  subjectType: 'test_specialist',
  subjectId,
  data,
  summary: '伙伴A · 张三',
});

/** Expect an AppError with this status and code. */
async function refusal(p: Promise<unknown>, status: number, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${status} ${code}`).toBeInstanceOf(AppError);
  expect({ status: (err as AppError).status, code: (err as AppError).code }).toEqual({ status, code });
  return err as AppError;
}

const as = (actor: Parameters<typeof ctxFor>[1]) => ctxFor(db, actor);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.execute(sql`CREATE TABLE test_specialists (id uuid PRIMARY KEY, status text NOT NULL)`);
  registry = createReviewRegistry(specialistKind, refundKind);
});

afterAll(async () => {
  clock.reset();
  await database?.close();
});

beforeEach(() => {
  failOn = null;
  hookCalls.length = 0;
  applicantA = partnerActor(partnerA, { name: '伙伴A管理员' });
  clock.set('2025-03-01T08:00:00Z');
});

describe('kind declaration and registry', () => {
  it('refuses a kind without stages, an unknown role, a mismatched per-stage name list and a double registration', () => {
    const base = { kind: 'test.x', title: { zh: 'x', en: 'x' } };
    expect(() => defineReviewKind({ ...base, stages: [] })).toThrow(/at least one stage/);
    expect(() =>
      defineReviewKind({ ...base, stages: [{ key: 'a', name: base.title, staffRoles: ['nobody' as never] }] }),
    ).toThrow(/unknown staff role/);
    expect(() =>
      defineReviewKind({
        ...base,
        stages: [{ key: 'a', name: base.title, staffRoles: [STAFF_ROLES.reviewer] }],
        statusNames: { in_review: [base.title, base.title] },
      }),
    ).toThrow(/names 2 stages/);
    expect(() => createReviewRegistry(specialistKind, specialistKind)).toThrow(/registered twice/);
    expect(() => registry.get('test.unknown')).toThrow(/not registered/);
  });

  it('shows the kind’s status names, per stage where given, and generic names otherwise', () => {
    expect(statusName(specialistKind, 'in_review', 1).zh).toBe('申请专员审核中');
    expect(statusName(specialistKind, 'rejected', 0).zh).toBe('材料审核未通过');
    expect(statusName(specialistKind, 'rejected', 1).zh).toBe('申请专员审核未通过');
    expect(statusName(specialistKind, 'withdrawn', 0).zh).toBe('已撤回');
  });
});

describe('lifecycle', () => {
  it('draft → submit → stage 1 → stage 2 → approved, with hooks, history, notifications and audit', async () => {
    const subjectId = await newSpecialist();
    const draft = await saveDraft(registry, as(applicantA), {
      ...apply(subjectId, { name: '张' }),
      attachments: [{ fileId: randomUUID(), label: '身份证明' }],
    });
    expect(draft).toMatchObject({ status: 'draft', partnerId: partnerA, applicantKind: 'partner-account', submittedAt: null });

    clock.advance(60_000);
    const submitted = await submit(registry, as(applicantA), { ...apply(subjectId, { name: '张三' }), summary: undefined });
    expect(submitted.id).toBe(draft.id); // the draft is what gets submitted
    expect(submitted).toMatchObject({ status: 'in_review', stageIndex: 0, data: { name: '张三' }, summary: '伙伴A · 张三' });
    expect(submitted.submittedAt?.toISOString()).toBe('2025-03-01T08:01:00.000Z');
    expect(await specialistStatus(subjectId)).toBe('applying');

    clock.advance(60_000);
    const stage2 = await approve(registry, as(reviewer), draft.id, { comment: '材料齐全' });
    expect(stage2).toMatchObject({ status: 'in_review', stageIndex: 1 });
    clock.advance(60_000);
    const done = await approve(registry, as(manager), draft.id, { expectedVersion: stage2.version });
    expect(done).toMatchObject({ status: 'approved', stageIndex: 1 });
    expect(done.decidedAt?.toISOString()).toBe('2025-03-01T08:03:00.000Z');
    expect(await specialistStatus(subjectId)).toBe('specialist');
    expect(hookCalls).toEqual(['onSubmitted', 'onStageApproved', 'onApproved']);

    const history = await listHistory(registry, as(applicantA), draft.id);
    expect(history.map((e) => [e.action, e.fromStatus, e.toStatus, e.stageKey, e.actorKind, e.actorName])).toEqual([
      ['save_draft', null, 'draft', null, 'partner-account', '伙伴A管理员'],
      ['submit', 'draft', 'in_review', 'material', 'partner-account', '伙伴A管理员'],
      ['approve_stage', 'in_review', 'in_review', 'material', 'staff', '材料审核员'],
      ['approve', 'in_review', 'approved', 'business', 'staff', '生态经理'],
    ]);
    expect(history.map((e) => e.at.toISOString())).toEqual([
      '2025-03-01T08:00:00.000Z',
      '2025-03-01T08:01:00.000Z',
      '2025-03-01T08:02:00.000Z',
      '2025-03-01T08:03:00.000Z',
    ]);
    expect(history[2]!.comment).toBe('材料齐全');
    expect(history[3]!.actorId).toBe(manager.staffId);

    const detail = await getApplication(registry, as(applicantA), draft.id);
    expect(detail.attachments.map((a) => a.label)).toEqual(['身份证明']);
    expect(detail.actions).toEqual(['comment']);

    const notes = await db.select().from(notifications).orderBy(notifications.createdAt);
    const forThis = notes.filter((n) => n.data.applicationId === draft.id);
    expect(forThis.map((n) => [n.channel, n.template])).toEqual([
      ['site', 'review.submitted'],
      ['email', 'review.submitted'],
      ['site', 'review.approved'],
      ['email', 'review.approved'],
    ]);
    expect(forThis[0]).toMatchObject({ recipientKind: 'account', recipientId: applicantA.accountId });
    expect(forThis[2]!.subject).toBe('项目专员申请：已认证');

    const audits = await db.select().from(auditLog).where(eq(auditLog.objectId, draft.id));
    expect(audits.map((a) => a.action).sort()).toEqual(
      ['review.approve', 'review.approve_stage', 'review.save_draft', 'review.submit'].sort(),
    );
    expect(audits.every((a) => a.partnerId === partnerA)).toBe(true);
  });

  it('reject with a reason, then resubmit from the first stage', async () => {
    const subjectId = await newSpecialist();
    const app = await submit(registry, as(applicantA), apply(subjectId));
    await approve(registry, as(reviewer), app.id);
    const rejected = await reject(registry, as(manager), app.id, { reason: '  证明材料不清晰  ' });
    expect(rejected).toMatchObject({ status: 'rejected', stageIndex: 1, rejectReason: '证明材料不清晰' });
    expect(statusName(specialistKind, rejected.status, rejected.stageIndex).zh).toBe('申请专员审核未通过');
    expect(await specialistStatus(subjectId)).toBe('apply_rejected');
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.template, 'review.rejected'), eq(notifications.channel, 'site')));
    expect(note!.body).toContain('证明材料不清晰');

    const again = await submit(registry, as(applicantA), apply(subjectId, { name: '张三', proof: 'new' }));
    expect(again).toMatchObject({ id: app.id, status: 'in_review', stageIndex: 0, rejectReason: null, decidedAt: null });
    const history = await listHistory(registry, as(applicantA), app.id);
    expect(history.at(-1)).toMatchObject({ action: 'resubmit', fromStatus: 'rejected', toStatus: 'in_review' });
    expect(history.at(-2)).toMatchObject({ action: 'reject', comment: '证明材料不清晰', stageKey: 'business' });
  });

  it('return for modification, edit the returned application, resubmit', async () => {
    const subjectId = await newSpecialist();
    const app = await submit(registry, as(applicantA), apply(subjectId));
    const returned = await returnForModification(registry, as(reviewer), app.id, { reason: '请补充劳动合同' });
    expect(returned).toMatchObject({ status: 'returned', rejectReason: '请补充劳动合同' });
    expect(await specialistStatus(subjectId)).toBe('apply_returned');

    const edited = await saveDraft(registry, as(applicantA), apply(subjectId, { name: '张三', contract: 'yes' }));
    expect(edited).toMatchObject({ status: 'returned', rejectReason: '请补充劳动合同', data: { contract: 'yes' } });

    const again = await submit(registry, as(applicantA), { ...apply(subjectId), data: undefined });
    expect(again).toMatchObject({ status: 'in_review', stageIndex: 0, data: { contract: 'yes' } });
    const actions = (await listHistory(registry, as(applicantA), app.id)).map((e) => e.action);
    expect(actions).toEqual(['submit', 'return', 'save_draft', 'resubmit']);
  });

  it('withdraw (撤回) while under review, then resubmit', async () => {
    const subjectId = await newSpecialist();
    const app = await submit(registry, as(applicantA), apply(subjectId));
    const member = partnerActor(partnerA, { memberId: randomUUID(), isAdmin: false, permissions: ['组织 > 项目专员'] });
    const withdrawn = await withdraw(registry, as(member), app.id, { comment: '需要修改' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(await specialistStatus(subjectId)).toBe('withdrawn');
    const resubmitted = await submit(registry, as(applicantA), apply(subjectId));
    expect(resubmitted).toMatchObject({ id: app.id, status: 'in_review' });
  });

  it('an account (not yet a partner) applies; its partner later sees the application', async () => {
    const kind = defineReviewKind({
      kind: 'test.enrolment',
      title: { zh: '伙伴入驻申请', en: 'Partner enrolment' },
      stages: [{ key: 'review', name: { zh: '入驻审核', en: 'Enrolment review' }, staffRoles: [STAFF_ROLES.ecosystemManager] }],
    });
    const reg = createReviewRegistry(kind);
    const account = accountActor('某某科技');
    const app = await submit(reg, as(account), { kind: kind.kind, subjectType: 'enrolment', subjectId: randomUUID() });
    expect(app).toMatchObject({ partnerId: null, applicantKind: 'account', applicantId: account.accountId });
    const newPartner = partnerActor(randomUUID(), { accountId: account.accountId });
    expect((await getApplication(reg, as(newPartner), app.id)).application.id).toBe(app.id);
    await refusal(getApplication(reg, as(accountActor()), app.id), 404, 'not-found');
  });
});

describe('refusals', () => {
  it('approving a draft is refused with 409 and the bilingual message', async () => {
    const app = await saveDraft(registry, as(applicantA), apply(await newSpecialist()));
    const err = await refusal(approve(registry, as(reviewer), app.id), 409, 'review.wrong-state');
    expect(err.text).toEqual({ zh: '当前状态不允许此操作', en: 'This operation is not allowed in the current status' });
    await refusal(reject(registry, as(reviewer), app.id, { reason: 'x' }), 409, 'review.wrong-state');
    await refusal(returnForModification(registry, as(reviewer), app.id, { reason: 'x' }), 409, 'review.wrong-state');
    await refusal(withdraw(registry, as(applicantA), app.id), 409, 'review.wrong-state');
  });

  it('reject and return need a reason of at most 500 characters', async () => {
    const app = await submit(registry, as(applicantA), apply(await newSpecialist()));
    const empty = await refusal(reject(registry, as(reviewer), app.id, { reason: '   ' }), 400, 'review.reason-required');
    expect(empty.fields?.reason).toBeDefined();
    await refusal(returnForModification(registry, as(reviewer), app.id, { reason: '' }), 400, 'review.reason-required');
    await refusal(reject(registry, as(reviewer), app.id, { reason: '驳'.repeat(501) }), 400, 'review.reason-too-long');
    const [row] = await db.select().from(reviewApplications).where(eq(reviewApplications.id, app.id));
    expect(row!.status).toBe('in_review');
    const ok = await reject(registry, as(reviewer), app.id, { reason: '驳'.repeat(500) });
    expect(ok.rejectReason).toHaveLength(500);
  });

  it('withdrawing after approval, or a kind that cannot be withdrawn, is refused', async () => {
    const app = await submit(registry, as(applicantA), apply(await newSpecialist()));
    await approve(registry, as(opsAdmin), app.id);
    await approve(registry, as(opsAdmin), app.id);
    await refusal(withdraw(registry, as(applicantA), app.id), 409, 'review.wrong-state');
    await refusal(approve(registry, as(opsAdmin), app.id), 409, 'review.wrong-state');

    const refund = await submit(registry, as(applicantA), { kind: refundKind.kind, subjectType: 'invoice', subjectId: randomUUID() });
    await refusal(withdraw(registry, as(applicantA), refund.id), 409, 'review.not-withdrawable');
  });

  it('a reviewer without the stage’s role is refused; one with no role in the kind does not see it', async () => {
    const app = await submit(registry, as(applicantA), apply(await newSpecialist()));
    await refusal(approve(registry, as(manager), app.id), 403, 'access.denied'); // stage 1 is the reviewer's
    await approve(registry, as(reviewer), app.id);
    await refusal(approve(registry, as(reviewer), app.id), 403, 'access.denied'); // stage 2 is the manager's
    await refusal(reject(registry, as(reviewer), app.id, { reason: 'x' }), 403, 'access.denied');
    await refusal(approve(registry, as(invoiceClerk), app.id), 404, 'not-found');
    await refusal(getApplication(registry, as(invoiceClerk), app.id), 404, 'not-found');
    const [row] = await db.select().from(reviewApplications).where(eq(reviewApplications.id, app.id));
    expect(row).toMatchObject({ status: 'in_review', stageIndex: 1 });
  });

  it('another partner’s application answers 404, exactly like a missing one', async () => {
    const app = await submit(registry, as(applicantA), apply(await newSpecialist()));
    const other = partnerActor(partnerB);
    await refusal(getApplication(registry, as(other), app.id), 404, 'not-found');
    await refusal(withdraw(registry, as(other), app.id), 404, 'not-found');
    await refusal(comment(registry, as(other), app.id, { comment: 'hi' }), 404, 'not-found');
    await refusal(getApplication(registry, as(other), randomUUID()), 404, 'not-found');
    await refusal(getApplication(registry, as(other), 'not-a-uuid'), 404, 'not-found');
    // and submitting for a subject whose open application is another partner's
    await refusal(submit(registry, as(other), apply(app.subjectId)), 404, 'not-found');
  });

  it('refuses a second submission while under review, a stale version, the wrong applicant and a member without the menu', async () => {
    const subjectId = await newSpecialist();
    const app = await submit(registry, as(applicantA), apply(subjectId));
    await refusal(submit(registry, as(applicantA), apply(subjectId)), 409, 'review.already-in-review');
    await refusal(saveDraft(registry, as(applicantA), apply(subjectId)), 409, 'review.wrong-state');
    await refusal(approve(registry, as(reviewer), app.id, { expectedVersion: app.version - 1 }), 409, 'review.stale');

    await refusal(submit(registry, as(reviewer), apply(await newSpecialist())), 403, 'access.denied');
    await refusal(
      submit(registry, as(accountActor()), { kind: refundKind.kind, subjectType: 'invoice', subjectId: randomUUID() }),
      403,
      'review.not-an-applicant',
    );
    const member = partnerActor(partnerA, { memberId: randomUUID(), isAdmin: false, permissions: [] });
    await refusal(submit(registry, as(member), apply(await newSpecialist())), 403, 'access.denied');
    await refusal(withdraw(registry, as(member), app.id), 403, 'access.denied');
  });
});

describe('hooks run in the transition’s transaction', () => {
  it('a throwing onApproved leaves nothing written', async () => {
    const subjectId = await newSpecialist();
    const app = await submit(registry, as(applicantA), apply(subjectId));
    const stage2 = await approve(registry, as(reviewer), app.id);
    const eventsBefore = await db.select().from(reviewEvents).where(eq(reviewEvents.applicationId, app.id));
    const auditsBefore = await db.select().from(auditLog).where(eq(auditLog.objectId, app.id));

    failOn = 'onApproved';
    await expect(approve(registry, as(manager), app.id)).rejects.toThrow(/hook onApproved failed/);

    const [row] = await db.select().from(reviewApplications).where(eq(reviewApplications.id, app.id));
    expect(row).toMatchObject({ status: 'in_review', stageIndex: 1, version: stage2.version, decidedAt: null });
    expect(await specialistStatus(subjectId)).toBe('applying'); // the hook's own write is undone too
    expect(await db.select().from(reviewEvents).where(eq(reviewEvents.applicationId, app.id))).toHaveLength(eventsBefore.length);
    expect(await db.select().from(auditLog).where(eq(auditLog.objectId, app.id))).toHaveLength(auditsBefore.length);
    const approvedNotes = await db.select().from(notifications).where(eq(notifications.template, 'review.approved'));
    expect(approvedNotes.filter((n) => n.data.applicationId === app.id)).toHaveLength(0);
  });

  it('a throwing onSubmitted leaves no application, event or attachment behind', async () => {
    const subjectId = await newSpecialist();
    failOn = 'onSubmitted';
    await expect(
      submit(registry, as(applicantA), { ...apply(subjectId), attachments: [{ fileId: randomUUID() }] }),
    ).rejects.toThrow(/hook onSubmitted failed/);
    expect(await findApplicationsForSubject(db, { subjectType: 'test_specialist', subjectId })).toHaveLength(0);
    expect(await specialistStatus(subjectId)).toBe('none');
    const orphans = await rows(db, sql`SELECT 1 FROM ${reviewAttachments} a LEFT JOIN ${reviewApplications} r ON r.id = a.application_id WHERE r.id IS NULL`);
    expect(orphans).toHaveLength(0);
  });
});

describe('comments and reading', () => {
  it('both sides comment; canView lets another actor read without acting', async () => {
    const memberId = randomUUID();
    const kind = defineReviewKind({
      kind: 'test.shared-read',
      title: { zh: '共享读取', en: 'Shared read' },
      stages: [{ key: 's', name: { zh: '审核', en: 'Review' }, staffRoles: [STAFF_ROLES.reviewer] }],
      // the member the application is about may read it even in another tenant (e.g. an invitation)
      canView: (ctx, app) => ctx.actor.kind === 'partner' && ctx.actor.memberId === app.data.memberId,
    });
    const reg = createReviewRegistry(kind);
    const app = await submit(reg, as(applicantA), { kind: kind.kind, subjectType: 's', subjectId: randomUUID(), data: { memberId } });
    await comment(reg, as(reviewer), app.id, { comment: '请确认联系方式' });
    await comment(reg, as(applicantA), app.id, { comment: '已确认' });
    await refusal(comment(reg, as(applicantA), app.id, { comment: '  ' }), 400, 'review.comment-required');

    const viewer = partnerActor(partnerB, { memberId });
    const seen = await getApplication(reg, as(viewer), app.id);
    expect(seen.actions).toEqual([]);
    expect(seen.history.filter((e) => e.action === 'comment').map((e) => [e.actorKind, e.comment])).toEqual([
      ['staff', '请确认联系方式'],
      ['partner-account', '已确认'],
    ]);
    await refusal(withdraw(reg, as(viewer), app.id), 404, 'not-found');
    await refusal(comment(reg, as(viewer), app.id, { comment: 'x' }), 404, 'not-found');

    const staffView = await getApplication(reg, as(reviewer), app.id);
    expect(staffView.actions).toEqual(['approve', 'reject', 'return', 'comment']);
    expect((await getApplication(reg, as(applicantA), app.id)).actions).toEqual(['withdraw', 'comment']);
  });
});

describe('operations queue', () => {
  it('filters by kind, stage, status, partner and submission date, pages in the database, and hides drafts', async () => {
    const fresh = await createTestDatabase();
    try {
      const fdb = fresh.db;
      await fdb.execute(sql`CREATE TABLE test_specialists (id uuid PRIMARY KEY, status text NOT NULL)`);
      const on = (actor: Parameters<typeof ctxFor>[1]) => ctxFor(fdb, actor);
      const a = partnerActor(partnerA);
      const b = partnerActor(partnerB);
      const ids: string[] = [];
      // 7 specialist applications by A on days 1..7, 3 by B on days 8..10, one refund by A, one draft by A
      for (let day = 1; day <= 10; day++) {
        clock.set(`2025-04-${String(day).padStart(2, '0')}T10:00:00Z`);
        const app = await submit(registry, on(day <= 7 ? a : b), apply(randomUUID()));
        ids.push(app.id);
      }
      await approve(registry, on(reviewer), ids[0]!); // day 1 → stage 2
      await approve(registry, on(reviewer), ids[1]!); // day 2 → stage 2
      await reject(registry, on(reviewer), ids[2]!, { reason: '不符合要求' }); // day 3 → rejected
      clock.set('2025-04-11T10:00:00Z');
      await submit(registry, on(a), { kind: refundKind.kind, subjectType: 'invoice', subjectId: randomUUID() });
      await saveDraft(registry, on(a), apply(randomUUID()));

      const q = (f: Parameters<typeof listQueue>[2], who = opsAdmin) => listQueue(registry, on(who), f);

      const all = await q({});
      expect(all.total).toBe(11); // the draft is not in the queue
      expect(all.items[0]!.kind).toBe(refundKind.kind); // newest submission first

      expect((await q({ kind: specialistKind.kind })).total).toBe(10);
      expect((await q({ kind: specialistKind.kind, stage: 'business' })).items.map((i) => i.id).sort()).toEqual(
        [ids[0]!, ids[1]!].sort(),
      );
      expect((await q({ kind: specialistKind.kind, stage: 'material', status: 'in_review' })).total).toBe(7);
      expect((await q({ status: 'rejected' })).items.map((i) => i.id)).toEqual([ids[2]!]);
      expect((await q({ partnerId: partnerB })).items.map((i) => i.id)).toEqual([ids[9]!, ids[8]!, ids[7]!]);
      const window = await q({ submittedFrom: new Date('2025-04-03T00:00:00Z'), submittedTo: new Date('2025-04-06T00:00:00Z') });
      expect(window.items.map((i) => i.id)).toEqual([ids[4]!, ids[3]!, ids[2]!]);

      const page1 = await q({ kind: specialistKind.kind, pageSize: 4, page: 1 });
      const page3 = await q({ kind: specialistKind.kind, pageSize: 4, page: 3 });
      expect(page1).toMatchObject({ total: 10, page: 1, pageSize: 4 });
      expect(page1.items.map((i) => i.id)).toEqual([ids[9]!, ids[8]!, ids[7]!, ids[6]!]);
      expect(page3.items.map((i) => i.id)).toEqual([ids[1]!, ids[0]!]);
      expect((await q({ pageSize: 1000 })).pageSize).toBe(100);

      // a reviewer sees only the kinds they have a role in
      expect((await q({}, invoiceClerk)).items.map((i) => i.kind)).toEqual([refundKind.kind]);
      expect((await q({ kind: specialistKind.kind }, invoiceClerk)).total).toBe(0);
      expect(visibleKinds(registry, on(invoiceClerk)).map((k) => k.kind)).toEqual([refundKind.kind]);

      await refusal(q({ stage: 'business' }), 400, 'review.stage-needs-kind');
      await refusal(q({ kind: specialistKind.kind, stage: 'nope' }), 400, 'review.unknown-stage');
      await refusal(q({ kind: 'test.nope' }), 400, 'review.unknown-kind');
      await refusal(listQueue(registry, on(a), {}), 403, 'access.denied');
    } finally {
      await fresh.close();
    }
  });
});

describe('concurrency', () => {
  it('two reviewers approving the last stage at once approve once', async () => {
    const subjectId = await newSpecialist();
    const app = await submit(registry, as(applicantA), apply(subjectId));
    await approve(registry, as(reviewer), app.id);
    hookCalls.length = 0;
    const managers = Array.from({ length: 6 }, (_, i) => staffActor([STAFF_ROLES.ecosystemManager], `经理${i}`));
    const results = await Promise.allSettled(managers.map((m) => approve(registry, as(m), app.id)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('review.wrong-state');
    expect(hookCalls.filter((h) => h === 'onApproved')).toHaveLength(1);
    const events = await db.select().from(reviewEvents).where(and(eq(reviewEvents.applicationId, app.id), eq(reviewEvents.action, 'approve')));
    expect(events).toHaveLength(1);
  });

  it('reviewers approving the same stage with the version they saw advance it once', async () => {
    const app = await submit(registry, as(applicantA), apply(await newSpecialist()));
    const admins = Array.from({ length: 6 }, (_, i) => staffActor([STAFF_ROLES.admin], `管理员${i}`));
    const results = await Promise.allSettled(admins.map((s) => approve(registry, as(s), app.id, { expectedVersion: app.version })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('review.stale');
    const [row] = await db.select().from(reviewApplications).where(eq(reviewApplications.id, app.id));
    expect(row).toMatchObject({ status: 'in_review', stageIndex: 1 });
  });

  it('two first submissions of one subject at once open one application', async () => {
    const subjectId = await newSpecialist();
    const results = await Promise.allSettled([1, 2, 3].map(() => submit(registry, as(applicantA), apply(subjectId))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('review.already-in-review');
    expect(await findApplicationsForSubject(db, { subjectType: 'test_specialist', subjectId })).toHaveLength(1);
  });
});
