import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { makeMember, makeStaff, memberSession, partnerAdminSession, staffSession, type TestSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { notifications } from '../../platform/notify/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { reviewApplications } from '../../platform/review/schema.js';
import { testDeps } from '../../platform/files/testing.js';
import type { JobDefinition, JobHandler } from '../../platform/jobs/index.js';
import { loadModules } from '../../server/modules.js';
import { pathAnnualReviews, pathEnrollments } from './schema.js';
import { api, enroll, fileOf, member, newPartner, type PartnerFx, type T } from './test-helpers.js';
import type { PathType, Stage } from './catalogue.js';

let t: T;
let call: ReturnType<typeof api>;
let reviewer: TestSession;
let financeStaff: TestSession;
let jobs: { handlers: Record<string, JobHandler | JobDefinition>; schedules: { name: string; cron: string; tz?: string }[] };

const OPENING = '2026-11-01T00:00:00+08:00';

beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  reviewer = await staffSession(t.database, await makeStaff(t.database, ['reviewer']));
  financeStaff = await staffSession(t.database, await makeStaff(t.database, ['finance']));
  const paths = loadModules({ cookieSecure: false }).find((m) => m.name === 'paths')!;
  jobs = paths.jobs!(t.database.db, await testDeps());
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2026-11-01T10:00:00+08:00'));

/** Run a scheduled job's handler as pg-boss would. */
async function run(name: string) {
  const h = jobs.handlers[name]!;
  await (typeof h === 'function' ? h : h.handler)({}, { id: 'test', name });
}
const openJob = () => run('paths.annual-review.open');
const dailyJob = () => run('paths.annual-review.deadlines');

/** A partner account at a stage of a path. */
async function at(path: PathType, stage: Stage) {
  const { p, s } = await newPartner(t);
  await enroll(t, p, path, stage);
  return { p, s };
}
/** Two bound members with HCCDP: the service role-certification counters are met (R16). */
const qualify = async (p: PartnerFx) => {
  await member(t, p, ['HCCDP-Cloud Native']);
  await member(t, p, ['HCCDP-Cloud Native']);
};
const reviewsOf = (p: PartnerFx) => t.database.db.select().from(pathAnnualReviews).where(eq(pathAnnualReviews.partnerId, p.partner.id));
const reviewOf = async (s: TestSession) => (await call(s, 'GET', '/api/paths/annual-reviews')).body.items[0];
const stageOf = async (p: PartnerFx, path: string) =>
  (await t.database.db.select().from(pathEnrollments).where(and(eq(pathEnrollments.partnerId, p.partner.id), eq(pathEnrollments.path, path))))[0]!.stage;
const noticesOf = (p: PartnerFx, template: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.template, template))
    .then((rows) => rows.filter((n) => n.address === p.account.email || n.address === p.account.mobile || n.recipientId === p.partner.id));
/** Sessions expire on the platform clock: sign in again after moving it by weeks. */
async function later(at: string, ...xs: { p: PartnerFx; s: TestSession }[]) {
  clock.set(at);
  for (const x of xs) x.s = await partnerAdminSession(t.database, x.p);
  reviewer = await staffSession(t.database, await makeStaff(t.database, ['reviewer']));
}
const decide = (reviewId: string, what: 'approve' | 'reject' | 'return', reason?: string, who: TestSession = reviewer) =>
  call(who, 'POST', `/api/ops/reviews/${reviewId}/${what}`, what === 'approve' ? {} : { reason });

describe('the yearly job (R40, op 13)', () => {
  it('is registered: the opening on 1 November and a daily deadline run, in China time', () => {
    expect(jobs.schedules).toEqual(
      expect.arrayContaining([
        { name: 'paths.annual-review.open', cron: '0 0 1 11 *', tz: 'Asia/Shanghai' },
        { name: 'paths.annual-review.deadlines', cron: '15 0 * * *', tz: 'Asia/Shanghai' },
      ]),
    );
  });

  it('opens one review per certified stage in scope, tells the partner by 站内信, e-mail and SMS, and runs once a year', async () => {
    const svcRole = await at('service', 'role_certified');
    const svcDiff = await at('service', 'differentiated');
    const lrnDiff = await at('learning', 'differentiated');
    const siDiff = await at('si', 'differentiated');
    const software = await at('software', 'role_selected');
    const svcSel = await at('service', 'role_selected');
    const distributor = await at('distributor', 'role_selected');

    clock.set(new Date(new Date(OPENING).getTime() - 1000)); // 31 October 23:59:59
    await openJob();
    expect(await reviewsOf(svcRole.p)).toHaveLength(0);

    clock.set(OPENING);
    await openJob();
    const stages = async (p: PartnerFx) => (await reviewsOf(p)).map((r) => `${r.path}:${r.stage}:${r.year}:${r.status}`);
    expect(await stages(svcRole.p)).toEqual(['service:role_certified:2026:started']);
    expect(await stages(svcDiff.p)).toEqual(['service:differentiated:2026:started']);
    expect(await stages(lrnDiff.p)).toEqual(['learning:role_certified:2026:started']); // 2024 scope: learning role certification only
    expect(await stages(siDiff.p)).toEqual(['si:differentiated:2026:started']);
    for (const x of [software, svcSel, distributor]) expect(await reviewsOf(x.p)).toHaveLength(0);

    const started = await noticesOf(svcRole.p, 'paths.annual-review.started');
    expect(started.map((n) => n.channel).sort()).toEqual(['email', 'site', 'sms']);
    expect(started.find((n) => n.channel === 'sms')!.address).toBe(svcRole.p.account.mobile);
    expect(started[0]!.body).toContain('2026/12/31 23:59:59 GMT+08:00');
    expect(started[0]!.body).toContain('申请复核');

    const view = await reviewOf(svcRole.s);
    expect(view).toMatchObject({ year: 2026, title: '2026年伙伴发展路径认证年度复核', status: 'started', statusName: '待申请复核', canApply: true, canModify: false, stageName: '角色认证' });
    expect((await call(svcRole.s, 'GET', '/api/paths/detail?path=service')).body.annualReview).toMatchObject({ id: view.id, statusName: '待申请复核' });

    // the daily run opens nothing twice
    await dailyJob();
    await openJob();
    expect(await reviewsOf(svcRole.p)).toHaveLength(1);
    expect(await noticesOf(svcRole.p, 'paths.annual-review.started')).toHaveLength(3);
  });
});

describe('apply, modify, pass (§3.4)', () => {
  it('申请复核 → 复核中 → 修改意见 with the deadline → 修改材料 → 复核通过 keeps the stage', async () => {
    const { p, s } = await at('service', 'role_certified');
    await qualify(p);
    await openJob();
    const { id } = await reviewOf(s);
    expect((await call(s, 'POST', `/api/paths/annual-reviews/${id}/materials`, { materials: [await fileOf(t, p)] })).body.code).toBe('paths.annual-review.wrong-state');

    const material = await fileOf(t, p);
    const applied = await call(s, 'POST', `/api/paths/annual-reviews/${id}/apply`, { materials: [material] });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'reviewing', statusName: '复核中', canApply: false, materials: [material] });
    expect((await call(s, 'POST', `/api/paths/annual-reviews/${id}/apply`, { materials: [material] })).body.code).toBe('paths.annual-review.wrong-state');
    const reviewId = applied.body.reviewId;
    const inOps = await call(reviewer, 'GET', `/api/ops/reviews/${reviewId}`);
    expect(inOps.body.data.requirements.find((r: { key: string }) => r.key === 'hccdp').progress).toBe('2/2');
    expect(inOps.body.attachments.map((a: { fileId: string }) => a.fileId)).toEqual([material]);

    // 修改意见: still 复核中, with the page's deadline, by e-mail and SMS (the engine writes the 站内信)
    expect((await decide(reviewId, 'return', '请补充近12个月项目合同')).status).toBe(200);
    const asked = await reviewOf(s);
    expect(asked).toMatchObject({ status: 'modification_requested', statusName: '复核中', canModify: true, modificationOpinion: '请补充近12个月项目合同' });
    const mails = await noticesOf(p, 'paths.annual-review.modification');
    expect(mails.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    expect(mails[0]!.body).toContain('请补充近12个月项目合同');
    expect(mails[0]!.body).toContain('2027/01/20 23:59:59 GMT+08:00');
    expect((await t.database.db.select().from(notifications).where(and(eq(notifications.template, 'review.returned'), eq(notifications.recipientId, p.account.id))))).toHaveLength(1);

    const second = await fileOf(t, p);
    const modified = await call(s, 'POST', `/api/paths/annual-reviews/${id}/materials`, { materials: [material, second] });
    expect(modified.body).toMatchObject({ status: 'reviewing', statusName: '复核中', canModify: false, materials: [material, second] });

    expect((await decide(reviewId, 'approve')).status).toBe(200);
    expect(await reviewOf(s)).toMatchObject({ status: 'passed', statusName: '复核通过', rolledBackTo: null });
    expect(await stageOf(p, 'service')).toBe('role_certified');
    expect((await noticesOf(p, 'paths.annual-review.passed')).map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    const audited = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['paths.annual-review.started', 'paths.annual-review.applied', 'paths.annual-review.modification-requested', 'paths.annual-review.passed']),
    );
  });

  it('复核不通过 rolls the stage back (L1625), with the opinion; the certificate goes, and the stage can be certified again', async () => {
    const { p, s } = await at('service', 'role_certified');
    await qualify(p);
    await openJob();
    const { id } = await reviewOf(s);
    const applied = await call(s, 'POST', `/api/paths/annual-reviews/${id}/apply`, { materials: [await fileOf(t, p)] });
    expect((await call(s, 'GET', '/api/paths/service/stages/role_certified/certificate')).status).toBe(200);
    expect((await decide(applied.body.reviewId, 'reject', '项目实践不满足要求')).status).toBe(200);
    expect(await reviewOf(s)).toMatchObject({
      status: 'failed',
      statusName: '复核不通过',
      resultOpinion: '项目实践不满足要求',
      rolledBackTo: 'role_selected',
      rolledBackToName: '选择角色',
    });
    expect(await stageOf(p, 'service')).toBe('role_selected');
    const failed = await noticesOf(p, 'paths.annual-review.failed');
    expect(failed.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    expect(failed[0]!.body).toContain('回退到“选择角色”');
    expect((await call(s, 'GET', '/api/paths/service/stages/role_certified/certificate')).body.code).toBe('paths.certificate.not-certified');
    const again = await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [await fileOf(t, p)] });
    expect(again.status).toBe(201);
  });
});

describe('deadlines (R40)', () => {
  it('a review not applied for by 31 December fails and the stage rolls back one step; applying late is refused', async () => {
    const diff = await at('service', 'differentiated');
    const late = await at('service', 'role_certified');
    await qualify(late.p);
    await openJob();

    await later('2026-12-31T23:59:59+08:00', diff, late);
    await dailyJob();
    expect(await reviewOf(diff.s)).toMatchObject({ status: 'started', canApply: true });

    await later('2027-01-01T00:00:00+08:00', diff, late);
    const lateId = (await reviewOf(late.s)).id;
    expect(await reviewOf(late.s)).toMatchObject({ canApply: false });
    const r = await call(late.s, 'POST', `/api/paths/annual-reviews/${lateId}/apply`, { materials: [await fileOf(t, late.p)] });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('paths.annual-review.apply-closed');
    expect((await reviewsOf(late.p))[0]!.status).toBe('started');

    await dailyJob();
    expect(await reviewOf(diff.s)).toMatchObject({ status: 'failed', resultOpinion: '未在规定日期内提交复核申请', rolledBackTo: 'role_certified' });
    expect(await stageOf(diff.p, 'service')).toBe('role_certified');
    expect((await noticesOf(diff.p, 'paths.annual-review.failed')).map((n) => n.channel).sort()).toEqual(['email', 'site', 'sms']);
    expect(await stageOf(late.p, 'service')).toBe('role_selected');
  });

  it('a requested modification not made by 20 January fails; after that date the reviewer can no longer ask for one', async () => {
    const slow = await at('service', 'role_certified');
    const other = await at('service', 'role_certified');
    for (const x of [slow, other]) await qualify(x.p);
    await openJob();
    const apply = async (x: { p: PartnerFx; s: TestSession }) =>
      (await call(x.s, 'POST', `/api/paths/annual-reviews/${(await reviewOf(x.s)).id}/apply`, { materials: [await fileOf(t, x.p)] })).body;
    const slowApp = await apply(slow);
    const otherApp = await apply(other);
    await decide(slowApp.reviewId, 'return', '材料不清晰');

    await later('2027-01-21T00:00:00+08:00', slow, other);
    const tooLate = await decide(otherApp.reviewId, 'return', '请补充材料');
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('paths.annual-review.modification-closed');
    expect(await reviewOf(other.s)).toMatchObject({ status: 'reviewing', modificationOpinion: null });
    expect((await t.database.db.select().from(reviewApplications).where(eq(reviewApplications.id, otherApp.reviewId)))[0]!.status).toBe('in_review');

    const modify = await call(slow.s, 'POST', `/api/paths/annual-reviews/${slowApp.id}/materials`, { materials: [await fileOf(t, slow.p)] });
    expect(modify.body.code).toBe('paths.annual-review.modify-closed');
    await dailyJob();
    expect(await reviewOf(slow.s)).toMatchObject({ status: 'failed', resultOpinion: '未在截止日期前修改复核材料', rolledBackTo: 'role_selected' });
    expect(await reviewOf(other.s)).toMatchObject({ status: 'reviewing' }); // still the reviewer's to decide
    expect((await decide(otherApp.reviewId, 'approve')).status).toBe(200);
  });
});

describe('refusals', () => {
  it('refuses an application while a requirement is unmet, naming each, and writes nothing', async () => {
    const { p, s } = await at('service', 'role_certified');
    await member(t, p, ['HCCDA-Tech Essentials']);
    await openJob();
    const { id } = await reviewOf(s);
    const r = await call(s, 'POST', `/api/paths/annual-reviews/${id}/apply`, { materials: [await fileOf(t, p)] });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('paths.annual-review.requirements-unmet');
    expect(r.body.message).toBe('请保证各要求项满足要求后再申请复核');
    expect(r.body.params.unmet.map((u: { key: string; progress: string }) => `${u.key} ${u.progress}`)).toEqual(['hccda 1/2', 'hccdp 0/2']);
    expect(await reviewOf(s)).toMatchObject({ status: 'started', reviewId: null });
  });

  it('only the admin applies; another tenant gets 404; another tenant’s file, no file or unknown fields are 400', async () => {
    const { p, s } = await at('service', 'role_certified');
    await qualify(p);
    const intruder = await newPartner(t);
    await openJob();
    const { id } = await reviewOf(s);
    const url = `/api/paths/annual-reviews/${id}/apply`;
    const m = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['finance']));
    expect((await call(m, 'POST', url, { materials: [await fileOf(t, p)] })).status).toBe(403);
    expect((await call(m, 'GET', `/api/paths/annual-reviews/${id}`)).status).toBe(200);
    expect((await call(intruder.s, 'POST', url, { materials: [await fileOf(t, intruder.p)] })).status).toBe(404);
    expect((await call(intruder.s, 'GET', `/api/paths/annual-reviews/${id}`)).status).toBe(404);
    expect((await call(intruder.s, 'GET', '/api/paths/annual-reviews')).body.items).toEqual([]);
    const foreign = await call(s, 'POST', url, { materials: [await fileOf(t, intruder.p)] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields.materials).toBeDefined();
    expect((await call(s, 'POST', url, { materials: [] })).status).toBe(400);
    expect((await call(s, 'POST', url, { materials: [await fileOf(t, p)], note: 'x' })).status).toBe(400);
    expect(await reviewOf(s)).toMatchObject({ status: 'started' });
  });

  it('only reviewers and ecosystem managers decide and list; the list pages and filters', async () => {
    const { p, s } = await at('service', 'role_certified');
    await qualify(p);
    await openJob();
    const applied = await call(s, 'POST', `/api/paths/annual-reviews/${(await reviewOf(s)).id}/apply`, { materials: [await fileOf(t, p)] });
    expect((await decide(applied.body.reviewId, 'approve', undefined, financeStaff)).status).toBe(404);
    expect((await call(financeStaff, 'GET', '/api/ops/paths/annual-reviews')).status).toBe(403);
    expect((await call(s, 'GET', '/api/ops/paths/annual-reviews')).status).toBe(403);
    const list = await call(reviewer, 'GET', `/api/ops/paths/annual-reviews?year=2026&status=reviewing&pageSize=100`);
    expect(list.status).toBe(200);
    expect(list.body.items.every((i: { status: string; year: number }) => i.status === 'reviewing' && i.year === 2026)).toBe(true);
    expect(list.body.items.find((i: { partnerId: string }) => i.partnerId === p.partner.id)).toMatchObject({ partnerName: p.partner.displayName, statusName: '复核中' });
    expect((await call(reviewer, 'GET', '/api/ops/paths/annual-reviews?pageSize=1')).body.items).toHaveLength(1);
    expect((await call(reviewer, 'GET', '/api/ops/paths/annual-reviews?status=bogus')).status).toBe(400);
  });
});
