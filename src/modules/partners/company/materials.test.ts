import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clock } from '../../../platform/clock.js';
import { PRESET_ROLES, STAFF_ROLES } from '../../../platform/access/index.js';
import { reviewApplications, reviewEvents } from '../../../platform/review/schema.js';
import { makeMember, makeStaff, memberSession } from '../../../../test/fixtures.js';
import { staffUsers } from '../../accounts/schema.js';
import { pathCertifications } from '../../paths/schema.js';
import { eq } from 'drizzle-orm';
import { call, company, world, SAMPLE, upload, type T } from './test-helpers.js';

let t: T;

beforeAll(async () => {
  ({ t } = await world());
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2025-03-10T02:00:00Z'));
afterEach(() => clock.reset());

type Company = Awaited<ReturnType<typeof company>>;

/**
 * A path certification as the paths module writes it (角色认证 / 能力差异化 with case files and a
 * business plan), with the reviewer's decision recorded by the review engine's tables.
 */
async function certification(
  c: Company,
  o: { path: string; stage: 'role_certified' | 'differentiated'; cases: number; plan: boolean; status: 'reviewing' | 'passed' | 'failed'; comment?: string; at: string },
) {
  clock.set(o.at);
  const caseIds: string[] = [];
  for (let i = 0; i < o.cases; i++) caseIds.push(await upload(t.app, c.session.headers, 'attachment', '案例材料.pdf', SAMPLE.PDF));
  const plan = o.plan ? await upload(t.app, c.session.headers, 'attachment', '商业计划书.pdf', SAMPLE.PDF) : null;
  const now = clock.now();
  const [staff] = await t.database.db.select().from(staffUsers).where(eq(staffUsers.username, reviewerName));
  const [review] = await t.database.db
    .insert(reviewApplications)
    .values({ kind: 'paths.certification', subjectType: 'path_certification', subjectId: crypto.randomUUID(), partnerId: c.partner.id, applicantKind: 'partner-account', applicantId: c.account.id, status: o.status === 'passed' ? 'approved' : o.status === 'failed' ? 'rejected' : 'in_review', data: {}, submittedAt: now, createdAt: now, updatedAt: now })
    .returning();
  const [row] = await t.database.db
    .insert(pathCertifications)
    .values({ partnerId: c.partner.id, path: o.path, targetStage: o.stage, status: o.status, materials: { materials: [], cases: caseIds, businessPlan: plan }, reviewId: review!.id, submittedAt: now, createdAt: now, updatedAt: now })
    .returning();
  await t.database.db.insert(reviewEvents).values({ applicationId: review!.id, action: 'submit', toStatus: 'in_review', actorKind: 'partner-account', actorId: c.account.id, actorName: c.name, at: now });
  if (o.status !== 'reviewing')
    await t.database.db.insert(reviewEvents).values({
      applicationId: review!.id,
      action: o.status === 'passed' ? 'approve' : 'reject',
      fromStatus: 'in_review',
      toStatus: o.status === 'passed' ? 'approved' : 'rejected',
      actorKind: 'staff',
      actorId: staff!.id,
      actorName: staff!.name,
      comment: o.comment ?? null,
      at: new Date(now.getTime() + 1000),
    });
  return { row: row!, caseIds, plan };
}

const reviewerName = `reviewer_materials_${Date.now()}`;

describe('案例管理 and 商业计划 (op 11–12, spec 02 §2.6): read-only lists fed by path certifications', () => {
  it('lists each case with its name, file, status, comment, reviewer and time; plans likewise; paged; another partner sees none', async () => {
    const staff = await makeStaff(t.database, [STAFF_ROLES.reviewer]);
    await t.database.db.update(staffUsers).set({ username: reviewerName, email: 'admin@huaweicloud.com' }).where(eq(staffUsers.id, staff.id));
    const c = await company(t);
    const role = await certification(c, { path: 'service', stage: 'role_certified', cases: 1, plan: false, status: 'passed', comment: 'OK', at: '2023-05-29T09:14:16Z' });
    const diff = await certification(c, { path: 'service', stage: 'differentiated', cases: 2, plan: true, status: 'passed', comment: 'OK', at: '2023-05-29T10:19:06Z' });
    await certification(c, { path: 'learning', stage: 'role_certified', cases: 0, plan: true, status: 'failed', comment: '商业计划书内容不完整', at: '2023-05-30T10:42:15Z' });
    await certification(c, { path: 'si', stage: 'role_certified', cases: 1, plan: false, status: 'reviewing', at: '2023-06-01T01:00:00Z' });

    const cases = await call(t, c.session, 'GET', '/api/company/cases?pageSize=10');
    expect(cases.status).toBe(200);
    expect(cases.body.total).toBe(4);
    const names = cases.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(['数字化转型咨询与系统集成伙伴角色认证案例', '服务伙伴差异化认证案例1', '服务伙伴差异化认证案例2', '服务伙伴角色认证案例']);
    const first = cases.body.items[1];
    expect(first).toMatchObject({ status: 'passed', statusName: '已通过', reviewComment: 'OK', reviewer: 'admin@huaweicloud.com', timeText: '2023/05/29 18:19:06', certificationId: diff.row.id });
    expect(first.file).toEqual({ id: diff.caseIds[0], name: '案例材料.pdf' });
    expect(cases.body.items[0]).toMatchObject({ statusName: '审核中', reviewer: null, reviewComment: null });
    expect(cases.body.items[3].certificationId).toBe(role.row.id);
    // the case file downloads through the files platform
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${diff.caseIds[0]}`, headers: c.session.headers })).statusCode).toBe(200);

    const page2 = await call(t, c.session, 'GET', '/api/company/cases?page=2&pageSize=3');
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.body.items.map((i: { name: string }) => i.name)).toEqual(['服务伙伴角色认证案例']);
    const past = await call(t, c.session, 'GET', '/api/company/cases?page=9&pageSize=3');
    expect(past.body).toMatchObject({ total: 4, items: [] });
    const passed = await call(t, c.session, 'GET', '/api/company/cases?status=passed');
    expect(passed.body.total).toBe(3);

    const plans = await call(t, c.session, 'GET', '/api/company/business-plans');
    expect(plans.body.total).toBe(2);
    expect(plans.body.items.map((i: { name: string; statusName: string; reviewComment: string }) => [i.name, i.statusName, i.reviewComment])).toEqual([
      ['学习伙伴角色认证商业计划书', '未通过', '商业计划书内容不完整'],
      ['服务伙伴差异化认证商业计划书', '已通过', 'OK'],
    ]);
    expect(plans.body.items[1]).toMatchObject({ timeText: '2023/05/29 18:19:06', file: { id: diff.plan, name: '商业计划书.pdf' } });

    const stranger = await company(t);
    expect((await call(t, stranger.session, 'GET', '/api/company/cases')).body).toMatchObject({ total: 0, items: [] });
    expect((await call(t, stranger.session, 'GET', '/api/company/business-plans')).body.total).toBe(0);

    const en = await t.app.inject({ method: 'GET', url: '/api/company/business-plans', headers: { ...c.session.headers, 'accept-language': 'en-US' } });
    expect(en.json().items[0].name).toBe('Learning partner role certification business plan');
  });

  it('needs the menu permission: 伙伴信息 > 案例管理 / 商业计划', async () => {
    const c = await company(t);
    const am = await memberSession(t.database, await makeMember(t.database, c.partner.id, [PRESET_ROLES.accountManager]));
    expect((await call(t, am, 'GET', '/api/company/cases')).status).toBe(403);
    expect((await call(t, am, 'GET', '/api/company/business-plans')).status).toBe(403);
    expect((await call(t, c.session, 'GET', '/api/company/cases?pageSize=101')).status).toBe(400);
    expect((await call(t, c.session, 'GET', '/api/company/cases?status=approved')).status).toBe(400);
  });
});

