import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { makeAccount, makeMember, makePartner, makeStaff, memberSession, partnerAdminSession, sessionFor, staffSession, type TestSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { files } from '../../platform/files/schema.js';
import { notifications } from '../../platform/notify/schema.js';
import { partners } from '../partners/schema.js';
import { cloudSolutions } from '../solutions/cloud-software/schema.js';
import { capabilityApplications } from '../capabilities/schema.js';
import { validityEnd } from '../capabilities/rules.js';
import { pathEnrollments } from './schema.js';

type T = Awaited<ReturnType<typeof createTestApp>>;
type PartnerFx = Awaited<ReturnType<typeof makePartner>>;
let t: T;
let manager: TestSession; // 生态经理
let reviewer: TestSession;
let plainStaff: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  manager = await staffSession(t.database, await makeStaff(t.database, ['ecosystem_manager']));
  reviewer = await staffSession(t.database, await makeStaff(t.database, ['reviewer']));
  plainStaff = await staffSession(t.database, await makeStaff(t.database, ['finance']));
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2026-03-10T02:00:00Z'));

async function call(s: TestSession, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: s.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() };
}

/** A partner with no path yet (the shared fixture defaults to ['service']). */
async function partner(): Promise<{ p: PartnerFx; s: TestSession }> {
  const p = await makePartner(t.database, { paths: [] });
  return { p, s: await partnerAdminSession(t.database, p) };
}

/** Another partner account of the same company. */
async function sibling(p: PartnerFx): Promise<{ p: PartnerFx; s: TestSession }> {
  const account = await makeAccount(t.database, { realNameType: 'enterprise', enterpriseName: p.company.name });
  const now = clock.now();
  const [row] = await t.database.db
    .insert(partners)
    .values({ accountId: account.id, companyId: p.company.id, displayName: `${p.company.name}-2`, paths: [], programs: [], joinedAt: now, createdAt: now })
    .returning();
  const fx = { account, company: p.company, partner: row! };
  return { p: fx, s: await partnerAdminSession(t.database, fx) };
}

async function fileOf(p: PartnerFx): Promise<string> {
  const [row] = await t.database.db
    .insert(files)
    .values({
      partnerId: p.partner.id,
      ownerKind: 'partner-account',
      ownerId: p.account.id,
      purpose: 'attachment',
      originalName: '材料.pdf',
      mime: 'application/pdf',
      size: 100,
      sha256: randomUUID().replace(/-/g, ''),
      storageKey: `attachment/${randomUUID()}`,
      createdAt: clock.now(),
    })
    .returning();
  return row!.id;
}

async function solution(p: PartnerFx, kind: 'cloud' | 'advanced', approved: boolean) {
  const now = clock.now();
  await t.database.db.insert(cloudSolutions).values({
    partnerId: p.partner.id,
    kind,
    source: 'new',
    name: '方案',
    reviewState: approved ? 'approved' : 'draft',
    certifiedAt: approved ? now : null,
    validFrom: approved ? now : null,
    validUntil: approved ? new Date(now.getTime() + 365 * 86_400_000) : null,
    createdAt: now,
    updatedAt: now,
  });
}

async function passedLabel(p: PartnerFx, level1Label: string) {
  const now = clock.now();
  await t.database.db.insert(capabilityApplications).values({
    partnerId: p.partner.id,
    level1Label,
    level2Results: { [`${level1Label}.core`]: 'passed' },
    formFileId: randomUUID(),
    evidenceFileId: randomUUID(),
    status: 'passed',
    appliedAt: now,
    passedAt: now,
    validFrom: now,
    validTo: validityEnd(now),
    createdAt: now,
    updatedAt: now,
  });
}

const pathsOf = async (p: PartnerFx) => (await t.database.db.select({ paths: partners.paths }).from(partners).where(eq(partners.id, p.partner.id)))[0]!.paths;
const detail = async (s: TestSession, path: string) => (await call(s, 'GET', `/api/paths/detail?path=${path}`)).body;
const decide = (s: TestSession, reviewId: string, what: 'approve' | 'reject', reason?: string) =>
  call(s, 'POST', `/api/ops/reviews/${reviewId}/${what}`, what === 'reject' ? { reason } : {});

describe('catalogue (spec 01 §2.7)', () => {
  it('lists the five paths with their stages, requirements, benefits and plans', async () => {
    const { s } = await partner();
    const list = await call(s, 'GET', '/api/paths');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { type: string }) => i.type)).toEqual(['software', 'service', 'si', 'learning', 'distributor']);
    expect(list.body.items.every((i: { status: string }) => i.status === 'not_joined')).toBe(true);
    expect(list.body.items.filter((i: { inviteOnly: boolean }) => i.inviteOnly).map((i: { type: string }) => i.type)).toEqual(['si', 'learning', 'distributor']);
    const si = await detail(s, 'si');
    expect(si.name).toBe('数字化转型咨询与系统集成');
    expect(si.stages.map((x: { name: string }) => x.name)).toEqual(['选择角色', '角色认证', '能力差异化']);
    const service = await detail(s, 'service');
    const diff = service.stages[2];
    expect(diff.requirements.find((r: { key: string }) => r.key === 'hccdp').progress).toBe('0/20');
    expect(diff.benefits).toContain('MDF(最高80,000元)');
    expect(service.stages[0].programs).toEqual(['合作伙伴共拓计划', '云商店计划']);
    expect((await detail(s, 'distributor')).stages).toHaveLength(1);
    expect((await call(s, 'GET', '/api/paths/detail?path=nope')).status).toBe(400);
  });
});

describe('select a self-selected path (op 5, R7, R10, R11)', () => {
  it('joins the service path, records it in partners.paths, and refuses a second selection', async () => {
    const { p, s } = await partner();
    const r = await call(s, 'POST', '/api/paths/select', { path: 'service' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'joined', statusName: '已加入' });
    expect(await pathsOf(p)).toEqual(['service']);
    expect((await call(s, 'POST', '/api/paths/select', { path: 'service' })).body.code).toBe('paths.already-joined');
    // R7: several paths
    expect((await call(s, 'POST', '/api/paths/select', { path: 'software' })).body.status).toBe('joined');
    expect(await pathsOf(p)).toEqual(['service', 'software']);
    const d = await detail(s, 'service');
    expect(d).toMatchObject({ status: 'joined', stage: 'role_selected', stageName: '选择角色' });
    expect(d.stages[0]).toMatchObject({ reached: true, progress: '1/1' });
  });

  it('R11: refuses the service path when another account of the company chose it, and writes nothing', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    const other = await sibling(p);
    const r = await call(other.s, 'POST', '/api/paths/select', { path: 'service' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('paths.service-taken-in-company');
    expect(await pathsOf(other.p)).toEqual([]);
    expect(await t.database.db.select().from(pathEnrollments).where(eq(pathEnrollments.partnerId, other.p.partner.id))).toHaveLength(0);
  });

  it('R11 also counts a sibling whose partners.paths records the service path', async () => {
    const { p } = await partner();
    await t.database.db.update(partners).set({ paths: ['service'] }).where(eq(partners.id, p.partner.id));
    const other = await sibling(p);
    expect((await call(other.s, 'POST', '/api/paths/select', { path: 'service' })).body.code).toBe('paths.service-taken-in-company');
  });

  it('R10: a repeat software selection waits for the ecosystem manager, who approves it', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'software' });
    const other = await sibling(p);
    const r = await call(other.s, 'POST', '/api/paths/select', { path: 'software' });
    expect(r.body).toMatchObject({ status: 'pending_review', statusName: '生态经理审核中' });
    expect(await pathsOf(other.p)).toEqual([]);
    expect((await call(other.s, 'POST', '/api/paths/select', { path: 'software' })).body.code).toBe('paths.selection-pending');
    expect((await detail(other.s, 'software')).stage).toBeNull();
    // a reviewer without the ecosystem-manager role cannot decide it
    expect((await decide(reviewer, r.body.reviewId, 'approve')).status).toBe(404);
    expect((await decide(manager, r.body.reviewId, 'approve')).status).toBe(200);
    expect(await pathsOf(other.p)).toEqual(['software']);
    expect((await detail(other.s, 'software')).status).toBe('joined');
  });

  it('R10: a rejected repeat selection shows the reason and can be selected again', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'software' });
    const other = await sibling(p);
    const first = await call(other.s, 'POST', '/api/paths/select', { path: 'software' });
    expect((await decide(manager, first.body.reviewId, 'reject', '同公司已有软件伙伴账号')).status).toBe(200);
    expect(await detail(other.s, 'software')).toMatchObject({ status: 'rejected', rejectReason: '同公司已有软件伙伴账号' });
    expect(await pathsOf(other.p)).toEqual([]);
    const again = await call(other.s, 'POST', '/api/paths/select', { path: 'software' });
    expect(again.body).toMatchObject({ status: 'pending_review', reviewId: first.body.reviewId });
  });

  it('R9: an account that has not joined HCPN cannot select a path, and is not invited', async () => {
    const acct = await makeAccount(t.database, { realNameType: 'enterprise', enterpriseName: '未入驻公司' });
    const s = await sessionFor(t.database, { kind: 'account', id: acct.id, portal: 'partner' });
    const r = await call(s, 'POST', '/api/paths/select', { path: 'service' });
    expect(r.status).toBe(403);
    expect((await call(manager, 'POST', '/api/ops/paths/invitations', { account: acct.accountName, path: 'si' })).body.code).toBe('paths.invite.not-partner');
  });

  it('only the partner admin selects; a member may read', async () => {
    const { p } = await partner();
    const m = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['finance']));
    expect((await call(m, 'POST', '/api/paths/select', { path: 'service' })).status).toBe(403);
    expect((await call(m, 'GET', '/api/paths')).status).toBe(200);
  });
});

describe('invite-only paths (R8, ops 10, 12)', () => {
  it('refuses SI, learning and distributor without an invitation', async () => {
    const { s } = await partner();
    for (const path of ['si', 'learning', 'distributor']) {
      const r = await call(s, 'POST', '/api/paths/select', { path });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('paths.invitation-required');
    }
  });

  it('the ecosystem manager invites by account; an e-mail goes out; the partner then selects', async () => {
    const { p, s } = await partner();
    const inv = await call(manager, 'POST', '/api/ops/paths/invitations', { account: p.account.accountName, path: 'learning' });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ partnerId: p.partner.id, path: 'learning', email: p.account.email });
    const mails = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.template, 'paths.invitation'), eq(notifications.address, p.account.email!)));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.channel).toBe('email');
    expect(mails[0]!.subject).toContain('学习与赋能');
    expect((await call(s, 'GET', '/api/paths')).body.items.find((i: { type: string }) => i.type === 'learning').invited).toBe(true);
    // the invitation is for learning only
    expect((await call(s, 'POST', '/api/paths/select', { path: 'si' })).body.code).toBe('paths.invitation-required');
    expect((await call(s, 'POST', '/api/paths/select', { path: 'learning' })).body.status).toBe('joined');
    expect(await pathsOf(p)).toEqual(['learning']);
    // the invited requirement is met once joined
    expect((await detail(s, 'learning')).stages[0].requirements.find((r: { key: string }) => r.key === 'invited').met).toBe(true);
    // inviting an account already on the path is refused
    expect((await call(manager, 'POST', '/api/ops/paths/invitations', { account: p.account.accountName, path: 'learning' })).body.code).toBe('paths.already-joined');
    // the ops console lists it, accepted, filtered and paged in the database
    const listed = await call(manager, 'GET', `/api/ops/paths/invitations?path=learning&accepted=true&pageSize=100`);
    expect(listed.status).toBe(200);
    const mine = listed.body.items.find((i: { id: string }) => i.id === inv.body.id);
    expect(mine).toMatchObject({ accountName: p.account.accountName, pathName: '学习与赋能', email: p.account.email });
    expect(mine.acceptedAt).not.toBeNull();
    const pending = await call(manager, 'GET', `/api/ops/paths/invitations?accepted=false&pageSize=100`);
    expect(pending.body.items.some((i: { id: string }) => i.id === inv.body.id)).toBe(false);
    expect((await call(manager, 'GET', '/api/ops/paths/invitations?pageSize=1')).body.items).toHaveLength(1);
    expect((await call(manager, 'GET', '/api/ops/paths/invitations?path=software')).status).toBe(400);
  });

  it('refuses to invite an account that is not in HCPN, an unknown account, a self-selected path, and other staff', async () => {
    const customer = await makeAccount(t.database);
    expect((await call(manager, 'POST', '/api/ops/paths/invitations', { account: customer.accountName, path: 'si' })).body.code).toBe('paths.invite.not-partner');
    expect((await call(manager, 'POST', '/api/ops/paths/invitations', { account: 'nobody-here', path: 'si' })).status).toBe(400);
    const { p, s } = await partner();
    expect((await call(manager, 'POST', '/api/ops/paths/invitations', { account: p.account.accountName, path: 'service' })).status).toBe(400);
    expect((await call(plainStaff, 'POST', '/api/ops/paths/invitations', { account: p.account.accountName, path: 'si' })).status).toBe(403);
    expect((await call(s, 'POST', '/api/ops/paths/invitations', { account: p.account.accountName, path: 'si' })).status).toBe(403);
  });
});

describe('software certification, evaluated on read (R13)', () => {
  it('an approved cloud-software solution of any company account certifies the role; an advanced one both stages', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'software' });
    let d = await detail(s, 'software');
    expect(d.stage).toBe('role_selected');
    expect(d.stages.map((x: { progress: string }) => x.progress)).toEqual(['1/1', '0/1', '0/1']);
    const other = await sibling(p);
    await solution(other.p, 'cloud', false); // a draft does not count
    expect((await detail(s, 'software')).stage).toBe('role_selected');
    await solution(other.p, 'cloud', true); // the sibling's certification is shared (L950)
    d = await detail(s, 'software');
    expect(d.stage).toBe('role_certified');
    expect(d.stages.map((x: { progress: string }) => x.progress)).toEqual(['1/1', '1/1', '0/1']);
    await solution(other.p, 'advanced', true);
    d = await detail(s, 'software');
    expect(d).toMatchObject({ stage: 'differentiated', stageName: '能力差异化' });
    expect(d.stages.every((x: { reached: boolean }) => x.reached)).toBe(true);
  });

  it('has no manual application', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'software' });
    const r = await call(s, 'POST', '/api/paths/certifications', { path: 'software', stage: 'role_certified', materials: [await fileOf(p)] });
    expect(r.body.code).toBe('paths.certification.not-by-application');
  });
});

describe('service certification by application (op 9, §3.3, R18)', () => {
  it('role certification: 审核中 → 审核未通过 with the reason → resubmit → 审核通过 advances the stage', async () => {
    const { p, s } = await partner();
    const material = await fileOf(p);
    expect((await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [material] })).body.code).toBe('paths.not-joined');
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    const a = await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [material] });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'reviewing', statusName: '审核中', targetStageName: '角色认证' });
    expect((await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [material] })).body.code).toBe(
      'paths.certification.in-review',
    );
    expect((await decide(reviewer, a.body.reviewId, 'reject', 'HCCDA认证人数不足')).status).toBe(200);
    const failed = await call(s, 'GET', `/api/paths/certifications/${a.body.id}`);
    expect(failed.body).toMatchObject({ status: 'failed', statusName: '审核未通过', failureReason: 'HCCDA认证人数不足' });
    expect((await detail(s, 'service')).stage).toBe('role_selected');
    const again = await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [await fileOf(p)] });
    expect(again.body).toMatchObject({ id: a.body.id, status: 'reviewing', failureReason: null });
    expect((await decide(reviewer, a.body.reviewId, 'approve')).status).toBe(200);
    expect((await call(s, 'GET', `/api/paths/certifications/${a.body.id}`)).body.statusName).toBe('审核通过');
    const d = await detail(s, 'service');
    expect(d.stage).toBe('role_certified');
    // HCPN and the projects judged by the reviewer are met; the personal-certificate counters stay live (no bound members here)
    expect(d.stages[1]).toMatchObject({ reached: true, progress: '2/4' });
    expect((await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [material] })).body.code).toBe(
      'paths.certification.stage-reached',
    );
    const records = await call(s, 'GET', '/api/paths/certifications?path=service');
    expect(records.body.items).toHaveLength(1);
  });

  it('differentiation needs role certification first, a business plan, and ≥1 of the eight preferred labels', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    const plan = await fileOf(p);
    const body = { path: 'service', stage: 'differentiated', materials: [await fileOf(p)], businessPlan: plan };
    expect((await call(s, 'POST', '/api/paths/certifications', body)).body.code).toBe('paths.certification.role-first');
    await t.database.db.update(pathEnrollments).set({ stage: 'role_certified' }).where(eq(pathEnrollments.partnerId, p.partner.id));
    const noPlan = await call(s, 'POST', '/api/paths/certifications', { ...body, businessPlan: undefined });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.code).toBe('paths.business-plan-required');
    await passedLabel(p, 'cloud-operations'); // valid, but not among the eight
    expect((await call(s, 'POST', '/api/paths/certifications', body)).body.code).toBe('paths.certification.preferred-label-required');
    let d = await detail(s, 'service');
    expect(d.stages[2].requirements.find((r: { key: string }) => r.key === 'preferred-labels').progress).toBe('0/1');
    expect(d.stages[2].requirements.find((r: { key: string }) => r.key === 'any-labels').progress).toBe('1/2');
    await passedLabel(p, 'database');
    const a = await call(s, 'POST', '/api/paths/certifications', body);
    expect(a.status).toBe(201);
    expect(a.body.materials.businessPlan).toBe(plan);
    await decide(reviewer, a.body.reviewId, 'approve');
    d = await detail(s, 'service');
    expect(d.stage).toBe('differentiated');
    expect(d.stages[2].requirements.find((r: { key: string }) => r.key === 'preferred-labels').progress).toBe('1/1');
  });

  it("refuses another tenant's material", async () => {
    const { s } = await partner();
    const { p: otherP } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    const r = await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [await fileOf(otherP)] });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('paths.material-not-found');
  });
});

describe('exit a path (op 7, R12)', () => {
  it('exits a path without records and removes it from partners.paths', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    const r = await call(s, 'POST', '/api/paths/exit', { path: 'service' });
    expect(r.body).toEqual({ path: 'service', status: 'not_joined' });
    expect(await pathsOf(p)).toEqual([]);
    expect((await call(s, 'POST', '/api/paths/exit', { path: 'service' })).body.code).toBe('paths.not-joined');
    // and may select again
    expect((await call(s, 'POST', '/api/paths/select', { path: 'service' })).body.status).toBe('joined');
  });

  it('refuses while a certification is under review, and once the role is certified', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    const a = await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [await fileOf(p)] });
    const pending = await call(s, 'POST', '/api/paths/exit', { path: 'service' });
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('paths.exit.certification-pending');
    expect(pending.body.message).toContain('无法退出路径');
    await decide(reviewer, a.body.reviewId, 'approve');
    expect((await call(s, 'POST', '/api/paths/exit', { path: 'service' })).body.code).toBe('paths.exit.role-certified');
    expect(await pathsOf(p)).toEqual(['service']);
  });

  it('refuses with a cloud-software record of the account, even a draft', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'software' });
    await solution(p, 'cloud', false);
    expect((await call(s, 'POST', '/api/paths/exit', { path: 'software' })).body.code).toBe('paths.exit.cloud-software-record');
  });

  it('refuses once the software role is certified through a sibling account', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'software' });
    const other = await sibling(p);
    await solution(other.p, 'advanced', true);
    const r = await call(s, 'POST', '/api/paths/exit', { path: 'software' });
    expect(r.body.code).toBe('paths.exit.role-certified');
    expect(r.body.message).toContain('角色认证');
  });

  it('refuses when the account joined a plan', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    await t.database.db.update(partners).set({ programs: ['pce'] }).where(eq(partners.id, p.partner.id));
    expect((await call(s, 'POST', '/api/paths/exit', { path: 'service' })).body.code).toBe('paths.exit.joined-plan');
  });

  it('only the admin exits', async () => {
    const { p, s } = await partner();
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    const m = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['finance']));
    expect((await call(m, 'POST', '/api/paths/exit', { path: 'service' })).status).toBe(403);
  });
});

describe('tenant isolation', () => {
  it("another partner neither reads nor lists a partner's certification records, nor sees its enrollments", async () => {
    const a = await partner();
    const b = await partner();
    await call(a.s, 'POST', '/api/paths/select', { path: 'service' });
    const cert = await call(a.s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [await fileOf(a.p)] });
    expect((await call(b.s, 'GET', `/api/paths/certifications/${cert.body.id}`)).status).toBe(404);
    expect((await call(b.s, 'GET', '/api/paths/certifications')).body.items).toEqual([]);
    expect((await detail(b.s, 'service')).status).toBe('not_joined');
    expect((await call(a.s, 'GET', `/api/paths/certifications/${cert.body.id}`)).status).toBe(200);
  });
});

describe('concurrency', () => {
  it('R11: two accounts of one company selecting the service path at once: exactly one joins', async () => {
    const { p, s } = await partner();
    const other = await sibling(p);
    const results = await Promise.all([s, other.s].map((x) => call(x, 'POST', '/api/paths/select', { path: 'service' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await t.database.db.select().from(pathEnrollments).where(eq(pathEnrollments.companyId, p.company.id));
    expect(rows.filter((r) => r.status === 'joined')).toHaveLength(1);
  });
});
