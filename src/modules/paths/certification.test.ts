import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makeMember, makeStaff, memberSession, staffSession, type TestSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { cloudSolutions } from '../solutions/cloud-software/schema.js';
import { pathCertifications, pathEnrollments } from './schema.js';
import { BUSINESS_EXAM, api, enroll, fileOf, member, newPartner, passedLabel, pdfText, requirementOf, type T } from './test-helpers.js';

let t: T;
let call: ReturnType<typeof api>;
let reviewer: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  call = api(t);
  reviewer = await staffSession(t.database, await makeStaff(t.database, ['reviewer']));
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2026-03-10T02:00:00Z'));

const detail = async (s: TestSession, path: string) => (await call(s, 'GET', `/api/paths/detail?path=${path}`)).body;
const approve = (reviewId: string) => call(reviewer, 'POST', `/api/ops/reviews/${reviewId}/approve`, {});

describe('personal certificates count only for bound members (R15–R20)', () => {
  it('R15: certificates of unbound members, of another partner, expired or not approved do not count', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'service');
    const other = await newPartner(t);
    await member(t, p, ['HCCDA-Tech Essentials']); // counts
    await member(t, p, ['HCCDP-Cloud Native'], { binding: 'unbound' }); // 已解绑: shares nothing
    await member(t, p, ['HCCDP-Cloud Native'], { binding: 'invited' }); // invitation not accepted yet
    await member(t, other.p, ['HCCDP-Cloud Native']); // bound to another partner
    await member(t, p, [{ name: 'HCCDP-Cloud Native', validTo: '2026-03-09' }]); // expired yesterday (China date)
    await member(t, p, [{ name: 'HCCDP-Cloud Native', status: 'in_review' }]); // not approved
    const d = await detail(s, 'service');
    expect(requirementOf(d, 'role_certified', 'hccda')).toMatchObject({ current: 1, progress: '1/2', met: false });
    expect(requirementOf(d, 'role_certified', 'hccdp')).toMatchObject({ current: 0, progress: '0/2', met: false });
    expect(requirementOf((await detail(other.s, 'service')), 'role_certified', 'hccdp').current).toBe(1);
  });

  it('R16/R17: a higher developer certification stands in for a lower one, each person counts once; the role-certification counters are 2 / 2', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'service');
    await member(t, p, ['HCCDA-Tech Essentials', 'HCCDP-Cloud Native']); // one person, two certificates
    let d = await detail(s, 'service');
    expect(requirementOf(d, 'role_certified', 'hccda').progress).toBe('1/2');
    expect(requirementOf(d, 'role_certified', 'hccdp').progress).toBe('1/2');
    await member(t, p, ['HCCDE-Solution Architectures']); // counts for HCCDA and HCCDP too
    d = await detail(s, 'service');
    expect(requirementOf(d, 'role_certified', 'hccda')).toMatchObject({ progress: '2/2', met: true });
    expect(requirementOf(d, 'role_certified', 'hccdp')).toMatchObject({ progress: '2/2', met: true });
    expect(requirementOf(d, 'role_certified', 'projects')).toMatchObject({ current: null, target: 1, met: null }); // judged by the reviewer
  });

  it('R20: differentiation counts HCCDP certificates as such, and HCCDE with HCIE-Cloud Service Solutions Architect (China site)', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'service');
    await member(t, p, ['HCCDP-Cloud Native']);
    await member(t, p, ['HCCDE-Solution Architectures']);
    await member(t, p, ['HCIE-Cloud Service Solutions Architect']);
    await member(t, p, ['HCIP-Cloud Service Solutions Architect']); // not a developer certification
    const d = await detail(s, 'service');
    expect(requirementOf(d, 'differentiated', 'hccdp').progress).toBe('1/20');
    expect(requirementOf(d, 'differentiated', 'hccde').progress).toBe('2/3');
    // R16 (China site): HCIE-CSSA counts as HCCDE, so also for the role stage
    expect(requirementOf(d, 'role_certified', 'hccdp').progress).toBe('3/2');
  });

  it('R19: project managers hold PMP, IPMA A/B/C or HCIP-PM; IPMA D and others do not count', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'service');
    await member(t, p, ['PMP']);
    await member(t, p, ['IPMA C级']);
    await member(t, p, ['HCIP-PM']);
    await member(t, p, ['IPMA D级']);
    await member(t, p, ['ITIL Foundation']);
    expect(requirementOf(await detail(s, 'service'), 'differentiated', 'project-managers')).toMatchObject({ progress: '3/2', met: true });
  });
});

describe('SI certification (R21, R22, R24)', () => {
  const expert = (t2: T, p: Parameters<typeof member>[1], cert: string, withExam = true) => member(t2, p, [cert], withExam ? { exams: [BUSINESS_EXAM] } : {});

  it('R24/R21: refused while a measured requirement shows unmet, naming each; four qualified presales experts make it applicable', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'si');
    const plan = await fileOf(t, p);
    const body = { path: 'si', stage: 'role_certified', materials: [await fileOf(t, p)], businessPlan: plan };
    // the business plan (BP互锁) is part of the SI application
    const noPlan = await call(s, 'POST', '/api/paths/certifications', { ...body, businessPlan: undefined });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.code).toBe('paths.business-plan-required');

    await expert(t, p, 'HCIP-Cloud Service Solutions Architect');
    await expert(t, p, 'HCCDP-Solution Architectures');
    await expert(t, p, 'HCIP-Cloud Service Solutions Architect', false); // no 业务方向（中级）: not an expert
    await member(t, p, ['合作伙伴专业认证-业务方向（中级）', 'HCCDE-Solution Architectures']); // the certificate instead of the exam; HCCDE covers HCCDP
    const refused = await call(s, 'POST', '/api/paths/certifications', body);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('paths.certification.requirements-unmet');
    expect(refused.body.message).toBe('申请认证过程中，请保证所有认证要求均为已通过状态');
    expect(refused.body.params.unmet.map((u: { key: string }) => u.key)).toEqual(['experts-hcip']);
    expect(refused.body.params.unmet[0]).toMatchObject({ progress: '3/4', name: { zh: expect.stringContaining('售前解决方案专家') } });
    expect(await t.database.db.select().from(pathCertifications).where(eq(pathCertifications.partnerId, p.partner.id))).toHaveLength(0);

    // joint offerings are not in the system: with no label the item is left to the reviewer, not refused
    const d = await detail(s, 'si');
    expect(requirementOf(d, 'role_certified', 'offerings-or-labels')).toMatchObject({ progress: '0/1', met: null });
    expect(requirementOf(d, 'role_selected', 'presales-experts').current).toBe(3); // the one without 业务方向（中级） is no presales expert

    await expert(t, p, 'HCIP-Cloud Service Solutions Architect');
    const ok = await call(s, 'POST', '/api/paths/certifications', body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'reviewing', statusName: '审核中', targetStageName: '角色认证' });
    const review = await call(reviewer, 'GET', `/api/ops/reviews/${ok.body.reviewId}`);
    expect(review.body.summary).toContain('数字化转型咨询与系统集成');
    expect(review.body.data.requirements.find((r: { key: string }) => r.key === 'experts-hcip').progress).toBe('4/4');
    await approve(ok.body.reviewId);
    expect((await detail(s, 'si')).stage).toBe('role_certified');
  });

  it('R22: differentiation needs ten such experts with at least one HCIE/HCCDE, and two capability labels', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'si', 'role_certified');
    for (let i = 0; i < 10; i++) await expert(t, p, 'HCIP-Cloud Service Solutions Architect');
    await passedLabel(t, p, 'database');
    const body = { path: 'si', stage: 'differentiated', materials: [await fileOf(t, p)], businessPlan: await fileOf(t, p) };
    const r = await call(s, 'POST', '/api/paths/certifications', body);
    expect(r.status).toBe(409);
    expect(r.body.params.unmet.map((u: { key: string }) => u.key)).toEqual(['experts-hcie', 'any-labels']);
    await expert(t, p, 'HCIE-Cloud Service Solutions Architect');
    await passedLabel(t, p, 'big-data');
    const d = await detail(s, 'si');
    expect(requirementOf(d, 'differentiated', 'experts-hcip').progress).toBe('11/10'); // the HCIE expert counts here too
    expect(requirementOf(d, 'differentiated', 'experts-hcie').progress).toBe('1/1');
    expect(requirementOf(d, 'differentiated', 'offerings-or-labels')).toMatchObject({ progress: '2/3', met: null });
    expect((await call(s, 'POST', '/api/paths/certifications', body)).status).toBe(201);
  });
});

describe('learning certification (R23, R24)', () => {
  it('role certification lists the guide’s conditions for the reviewer and needs no business plan; differentiation needs the joint business plan', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'learning');
    const d = await detail(s, 'learning');
    const role = d.stages.find((x: { stage: string }) => x.stage === 'role_certified');
    expect(role.requirements.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining([
        '具备2年以上培训业务经验',
        '具备面授及线上教学相关设施（每个授权培训点至少1间可容纳20名及以上学员的教室）',
        '讲师实战能力要求（试讲中深入讲解实际项目案例）',
      ]),
    );
    const diff = d.stages.find((x: { stage: string }) => x.stage === 'differentiated');
    expect(diff.requirements.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['centres', 'hccdp-course', 'joint-plan', 'management-staff']));
    const a = await call(s, 'POST', '/api/paths/certifications', { path: 'learning', stage: 'role_certified', materials: [await fileOf(t, p)] });
    expect(a.status).toBe(201);
    await approve(a.body.reviewId);
    const noPlan = await call(s, 'POST', '/api/paths/certifications', { path: 'learning', stage: 'differentiated', materials: [await fileOf(t, p)] });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.fields.businessPlan).toBeDefined();
    const withPlan = await call(s, 'POST', '/api/paths/certifications', {
      path: 'learning',
      stage: 'differentiated',
      materials: [await fileOf(t, p)],
      businessPlan: await fileOf(t, p),
    });
    expect(withPlan.status).toBe(201);
  });

  it('the distributor path takes no certification application', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'distributor');
    const r = await call(s, 'POST', '/api/paths/certifications', { path: 'distributor', stage: 'role_certified', materials: [await fileOf(t, p)] });
    expect(r.body.code).toBe('paths.certification.not-by-application');
  });
});

describe('certificate download 下载证书 (R14)', () => {
  it('a certified stage downloads a PDF naming the company; uncertified stages and 选择角色 have none', async () => {
    const { p, s } = await newPartner(t, '证书测试科技有限公司');
    await enroll(t, p, 'service');
    const url = (stage: string) => `/api/paths/service/stages/${stage}/certificate`;
    expect((await call(s, 'GET', url('role_certified'))).body.code).toBe('paths.certificate.not-certified');
    expect((await call(s, 'GET', url('role_selected'))).body.code).toBe('paths.certificate.none-for-stage');
    expect((await detail(s, 'service')).stages.map((x: { canDownloadCertificate: boolean }) => x.canDownloadCertificate)).toEqual([false, false, false]);

    const a = await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [await fileOf(t, p)] });
    await approve(a.body.reviewId);
    expect((await detail(s, 'service')).stages.map((x: { canDownloadCertificate: boolean }) => x.canDownloadCertificate)).toEqual([false, true, false]);
    const pdf = await call(s, 'GET', url('role_certified'));
    expect(pdf.status).toBe(200);
    expect(pdf.raw.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.raw.rawPayload);
    expect(text).toContain('证书测试科技有限公司');
    expect(text).toContain('发展路径 / Development path: 服务合作伙伴 / Service partner');
    expect(text).toContain('认证阶段 / Stage: 角色认证 / Role certified');
    expect(text).toContain('认证日期 / Certified on: 2026/03/10');
    const disposition = decodeURIComponent(String(pdf.raw.headers['content-disposition']));
    expect(disposition).toContain('证书测试科技有限公司-服务合作伙伴-角色认证证书.pdf');
    expect((await call(s, 'GET', url('differentiated'))).body.code).toBe('paths.certificate.not-certified');
    // a member who sees the home page may download it too
    const m = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['finance']));
    expect((await call(m, 'GET', url('role_certified'))).status).toBe(200);
  });

  it('a path the account has not joined has no certificate (404); a plain account is refused', async () => {
    const { s } = await newPartner(t);
    expect((await call(s, 'GET', '/api/paths/service/stages/role_certified/certificate')).status).toBe(404);
    const acct = await accountSession(t.database, await makeAccount(t.database));
    expect((await call(acct, 'GET', '/api/paths/service/stages/role_certified/certificate')).status).toBe(403);
    expect((await call(s, 'GET', '/api/paths/nope/stages/role_certified/certificate')).status).toBe(400);
  });

  it('software: the certificate follows the company’s approved solutions (R13) and carries their validity', async () => {
    const { p, s } = await newPartner(t);
    await enroll(t, p, 'software');
    const now = clock.now();
    await t.database.db.insert(cloudSolutions).values({
      partnerId: p.partner.id,
      kind: 'advanced',
      source: 'new',
      name: '方案',
      reviewState: 'approved',
      certifiedAt: now,
      validFrom: now,
      validUntil: new Date(now.getTime() + 365 * 86_400_000),
      createdAt: now,
      updatedAt: now,
    });
    for (const stage of ['role_certified', 'differentiated']) {
      const r = await call(s, 'GET', `/api/paths/software/stages/${stage}/certificate`);
      expect(r.status).toBe(200);
      expect(r.raw.headers['content-type']).toBe('application/pdf');
      expect(await pdfText(r.raw.rawPayload)).toContain('有效期至 / Valid until: 2027/03/10');
    }
  });
});

describe('切换发展路径 (op 6)', () => {
  it('the detail offers the paths this account has joined', async () => {
    const { p, s } = await newPartner(t);
    await call(s, 'POST', '/api/paths/select', { path: 'service' });
    await call(s, 'POST', '/api/paths/select', { path: 'software' });
    await enroll(t, p, 'learning');
    const d = await detail(s, 'service');
    expect(d.switchOptions).toEqual([
      { type: 'software', name: '软件合作伙伴' },
      { type: 'service', name: '服务合作伙伴' },
      { type: 'learning', name: '学习与赋能' },
    ]);
    const en = await t.app.inject({ method: 'GET', url: '/api/paths/detail?path=learning', headers: { ...s.headers, 'accept-language': 'en-US' } });
    expect(en.json().switchOptions.map((o: { name: string }) => o.name)).toEqual(['Software partner', 'Service partner', 'Learning and enablement']);
    // exiting a path removes it from the selector
    await call(s, 'POST', '/api/paths/exit', { path: 'software' });
    expect((await detail(s, 'service')).switchOptions.map((o: { type: string }) => o.type)).toEqual(['service', 'learning']);
    expect(await t.database.db.select().from(pathEnrollments).where(eq(pathEnrollments.partnerId, p.partner.id))).toHaveLength(2);
  });
});
