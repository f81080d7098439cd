import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/db.js';
import { buildApp } from '../../server/app.js';
import type { Database } from '../db/index.js';
import type { Actor } from '../context.js';
import { createSession, SESSION_COOKIE, CSRF_HEADER } from '../auth/sessions.js';
import { createReviewRegistry, defineReviewKind, reviewRoutes, submit, saveDraft, type ReviewRegistry } from './index.js';
import { ctxFor, partnerActor, staffActor, STAFF_ROLES, testDeps } from './test-kit.js';

/** The HTTP surface: access declarations, zod request/response schemas, error mapping. */
let database: Database;
let app: FastifyInstance;
let registry: ReviewRegistry;
const actors = new Map<string, Actor>(); // session subject id → actor (the fake resolveActor)
const cookies = new Map<Actor, { cookie: string; csrf: string }>();

const kind = defineReviewKind({
  kind: 'test.cert',
  title: { zh: '认证申请', en: 'Certification' },
  stages: [
    { key: 'material', name: { zh: '认证材料审核', en: 'Material review' }, staffRoles: [STAFF_ROLES.reviewer] },
    { key: 'technical', name: { zh: '技术审核', en: 'Technical review' }, staffRoles: [STAFF_ROLES.psa] },
  ],
  statusNames: { in_review: [{ zh: '材料审核中', en: 'Material review' }, { zh: '技术审核中', en: 'Technical review' }] },
});

const partnerA = randomUUID();
const applicant = partnerActor(partnerA, { name: '伙伴A' });
const stranger = partnerActor(randomUUID(), { name: '伙伴B' });
const reviewer = staffActor([STAFF_ROLES.reviewer], '审核员甲');
const psa = staffActor([STAFF_ROLES.psa], 'PSA乙');

async function signIn(actor: Actor) {
  const subjectId = randomUUID();
  actors.set(subjectId, actor);
  const { token, csrfToken } = await createSession(database.db, {
    subjectKind: actor.kind === 'staff' ? 'staff' : 'account',
    subjectId,
    portal: actor.kind === 'staff' ? 'ops' : 'partner',
  });
  cookies.set(actor, { cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfToken });
}

function call(actor: Actor | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const s = actor ? cookies.get(actor)! : null;
  return app.inject({
    method,
    url,
    payload: payload as never,
    headers: s ? { cookie: s.cookie, [CSRF_HEADER]: s.csrf, 'x-lang': 'zh-CN' } : {},
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  registry = createReviewRegistry(kind);
  app = await buildApp({
    database,
    deps: testDeps,
    resolveActor: async (_db, session) => actors.get(session.subjectId) ?? null,
    modules: [{ name: 'review', routes: async (a) => a.register(reviewRoutes, { registry }) }],
  });
  for (const a of [applicant, stranger, reviewer, psa]) await signIn(a);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('review routes', () => {
  it('queue, detail, two approvals; the applicant reads the history without staff identities', async () => {
    const submitted = await submit(registry, ctxFor(database.db, applicant), {
      kind: kind.kind,
      subjectType: 'cert',
      subjectId: randomUUID(),
      data: { level: 'advanced' },
      summary: '伙伴A · 高级认证',
      attachments: [{ fileId: randomUUID(), label: '材料' }],
    });

    const kinds = await call(reviewer, 'GET', '/api/ops/reviews/kinds');
    expect(kinds.statusCode).toBe(200);
    expect(kinds.json().items[0]).toMatchObject({ kind: 'test.cert', stages: [{ key: 'material' }, { key: 'technical' }] });
    expect(kinds.json().items[0].statusNames.in_review.map((t: { zh: string }) => t.zh)).toEqual(['材料审核中', '技术审核中']);

    const queue = await call(reviewer, 'GET', `/api/ops/reviews?kind=test.cert&stage=material&status=in_review&partnerId=${partnerA}&page=1&pageSize=10`);
    expect(queue.statusCode).toBe(200);
    expect(queue.json()).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(queue.json().items[0]).toMatchObject({ id: submitted.id, statusName: { zh: '材料审核中' }, stage: { key: 'material' } });

    const detail = await call(reviewer, 'GET', `/api/ops/reviews/${submitted.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ data: { level: 'advanced' }, actions: ['approve', 'reject', 'return', 'comment'] });
    expect(detail.json().attachments[0].label).toBe('材料');

    const first = await call(reviewer, 'POST', `/api/ops/reviews/${submitted.id}/approve`, { comment: '材料齐全', version: submitted.version });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'in_review', stage: { key: 'technical' }, statusName: { zh: '技术审核中' } });
    const wrongRole = await call(reviewer, 'POST', `/api/ops/reviews/${submitted.id}/approve`, {});
    expect(wrongRole.statusCode).toBe(403);
    const second = await call(psa, 'POST', `/api/ops/reviews/${submitted.id}/approve`, {});
    expect(second.json()).toMatchObject({ status: 'approved' });

    const mine = await call(applicant, 'GET', `/api/reviews/${submitted.id}`);
    expect(mine.statusCode).toBe(200);
    const history = mine.json().history as { action: string; actorKind: string; actorName: string | null; at: string }[];
    expect(history.map((e) => e.action)).toEqual(['submit', 'approve_stage', 'approve']);
    expect(history[1]).toMatchObject({ actorKind: 'staff', actorName: null });
    expect(history[0]).toMatchObject({ actorName: '伙伴A' });
    expect(Date.parse(history[2]!.at)).not.toBeNaN();

    const late = await call(applicant, 'POST', `/api/reviews/${submitted.id}/withdraw`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'review.wrong-state', message: '当前状态不允许此操作' });
  });

  it('refusals: missing reason, unknown fields, another partner, the wrong side, anonymous', async () => {
    const submitted = await submit(registry, ctxFor(database.db, applicant), { kind: kind.kind, subjectType: 'cert', subjectId: randomUUID() });

    const noReason = await call(reviewer, 'POST', `/api/ops/reviews/${submitted.id}/reject`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'review.reason-required', fields: { reason: '请填写原因' } });
    const tooLong = await call(reviewer, 'POST', `/api/ops/reviews/${submitted.id}/return`, { reason: 'x'.repeat(501) });
    expect(tooLong.json()).toMatchObject({ code: 'review.reason-too-long', message: '原因不能超过500个字符' });
    const extra = await call(reviewer, 'POST', `/api/ops/reviews/${submitted.id}/reject`, { reason: 'x', evil: 1 });
    expect(extra.statusCode).toBe(400);

    expect((await call(stranger, 'GET', `/api/reviews/${submitted.id}`)).statusCode).toBe(404);
    expect((await call(stranger, 'POST', `/api/reviews/${submitted.id}/withdraw`, {})).statusCode).toBe(404);
    expect((await call(applicant, 'GET', `/api/ops/reviews/${submitted.id}`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `/api/ops/reviews`)).statusCode).toBe(401);
    expect((await call(reviewer, 'GET', `/api/ops/reviews/not-a-uuid`)).statusCode).toBe(400);

    const comment = await call(applicant, 'POST', `/api/reviews/${submitted.id}/comment`, { comment: '补充说明' });
    expect(comment.statusCode).toBe(200);
    expect(comment.json()).toMatchObject({ action: 'comment', comment: '补充说明', stage: { key: 'material' } });
    const staffComment = await call(reviewer, 'POST', `/api/ops/reviews/${submitted.id}/comment`, { comment: '收到' });
    expect(staffComment.json()).toMatchObject({ actorName: '审核员甲' });

    const returned = await call(reviewer, 'POST', `/api/ops/reviews/${submitted.id}/return`, { reason: '请补充材料' });
    expect(returned.json()).toMatchObject({ status: 'returned', rejectReason: '请补充材料' });

    const draft = await saveDraft(registry, ctxFor(database.db, applicant), { kind: kind.kind, subjectType: 'cert', subjectId: randomUUID() });
    const approveDraft = await call(reviewer, 'POST', `/api/ops/reviews/${draft.id}/approve`, {});
    expect(approveDraft.statusCode).toBe(409);

    const withdrawn = await submit(registry, ctxFor(database.db, applicant), { kind: kind.kind, subjectType: 'cert', subjectId: randomUUID() });
    const w = await call(applicant, 'POST', `/api/reviews/${withdrawn.id}/withdraw`, { comment: '修改后再提交' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', statusName: { zh: '已撤回' } });
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const p of ['/api/ops/reviews', '/api/ops/reviews/kinds', '/api/ops/reviews/{id}', '/api/ops/reviews/{id}/approve', '/api/reviews/{id}/withdraw'])
      expect(paths).toContain(p);
  });
});
