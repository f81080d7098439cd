import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../platform/db/index.js';
import { clock } from '../../../platform/clock.js';
import { STAFF_ROLES } from '../../../platform/access/index.js';
import { createTestApp } from '../../../../test/app.js';
import {
  accountSession,
  makeMember,
  makePartner,
  makeStaff,
  memberSession,
  partnerAdminSession,
  randomUUID,
  sessionFor,
  staffSession,
  type TestSession,
} from '../../../../test/fixtures.js';
import { SAMPLE, upload } from '../../../../test/upload.js';
import { partners } from '../schema.js';
import { HCPN_AGREEMENTS } from '../hcpn.js';
import { makeEnterpriseAccount } from '../test-helpers.js';
import { newSolutionInput } from '../../solutions/cloud-software/test-helpers.js';
import { enrolInProgram } from '../../programs/memberships.js';
import type { Ctx } from '../../../platform/context.js';
import type { ProgramKey } from '../../programs/schema.js';

/**
 * 伙伴管理 (operations console): who may read it, its filters and paging, and one partner's
 * lifecycle built through the real flows (enrolment with a rejection, paths, solutions, capability
 * labels, a path certification) and read back in one view.
 */

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let admin: TestSession; // 运营管理员
const staff: Record<string, TestSession> = {};

beforeAll(async () => {
  clock.set('2025-03-10T02:00:00Z');
  ({ app, database, close } = await createTestApp());
  admin = await staffSession(database, await makeStaff(database, [STAFF_ROLES.admin]));
  for (const role of Object.values(STAFF_ROLES)) staff[role] = await staffSession(database, await makeStaff(database, [role]));
});
afterAll(async () => {
  clock.reset();
  await close();
});

async function call(s: TestSession | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body && res.headers['content-type']?.toString().includes('json') ? res.json() : null };
}
const list = (query: Record<string, string | number>, s: TestSession = admin) =>
  call(s, 'GET', `/api/ops/partners?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);

// ---------------------------------------------------------------------------------------------
// HCPN enrolment through its own routes

async function enrollingAccount(name: string, uscc?: string) {
  const e = await makeEnterpriseAccount(database, { name, uscc });
  const session = await sessionFor(database, { kind: 'account', id: e.account.id, portal: 'partner' });
  const licenceFileId = await upload(app, session.headers, 'business-licence', 'licence.pdf', SAMPLE.PDF);
  return { ...e, session, licenceFileId };
}
type Enrolling = Awaited<ReturnType<typeof enrollingAccount>>;

async function startEnrolment(a: Enrolling): Promise<string> {
  const r = await call(a.session, 'POST', '/api/hcpn/applications', {});
  expect(r.status).toBe(201);
  return r.body.id;
}

async function fillEnrolment(a: Enrolling, id: string, declare: boolean) {
  const info = {
    companyName: a.name,
    uscc: a.uscc,
    taxCode: a.uscc,
    licenceFileId: a.licenceFileId,
    registeredCapital: '1000',
    foundedDate: '2015-06-01',
    businessTermLongTerm: true,
    licenceAddress: '南京市雨花台区软件大道101号',
    legalPerson: '张三',
    businessScope: '软件开发；信息技术咨询服务',
    province: '江苏省',
    city: '南京市',
    staffSize: '100-499',
    annualRevenue: '5000',
    intro: '云计算软件与服务',
  };
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/business-info`, info)).status).toBe(200);
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/contacts`, { contacts: [{ name: '李四', mobile: '+86-13800000000', email: 'lisi@example.com' }] })).status).toBe(200);
  const rel = declare ? { choice: 'declared', details: '股东之兄为华为在职员工' } : { choice: 'none' };
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/sensitive-relationship`, rel)).status).toBe(200);
  const accepted = { accepted: HCPN_AGREEMENTS.map((x) => ({ key: x.key, version: x.version })) };
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/agreements`, accepted)).status).toBe(200);
}

async function submitEnrolment(a: Enrolling, id: string) {
  const r = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
  expect(r.status).toBe(200);
  return r.body as { outcome: string; application: { reviewId: string | null } };
}

async function partnerOf(accountId: string) {
  const [p] = await database.db.select().from(partners).where(eq(partners.accountId, accountId));
  return p!;
}

async function approveAllStages(reviewId: string) {
  for (let i = 0; i < 5; i++) {
    const d = await call(admin, 'GET', `/api/ops/reviews/${reviewId}`);
    if (d.body.status !== 'in_review') return;
    expect((await call(admin, 'POST', `/api/ops/reviews/${reviewId}/approve`, {})).status).toBe(200);
  }
}

/** 伙伴计划 through the programs module's own entry point (its routes are not registered yet). */
async function joinProgram(partnerId: string, program: ProgramKey) {
  const ctx = { db: database.db, actor: { kind: 'anonymous' }, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'test' } as unknown as Ctx;
  await database.db.transaction(async (tx) => enrolInProgram(tx as never, ctx, { partnerId, program }));
}

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('评估表').addRow(['能力项', '自评']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function zip(): Promise<Buffer> {
  const z = new JSZip();
  z.file('举证.txt', '案例与证明');
  return z.generateAsync({ type: 'nodebuffer' });
}

// ---------------------------------------------------------------------------------------------
// The world: one partner through its whole lifecycle, a second account of its company, accounts at
// each enrolment step, and plain fixture partners for the filters

const TOKEN = `伙伴目录${randomUUID().slice(0, 6)}`;
let lifecycle: {
  a: Enrolling;
  partnerId: string;
  hcpnId: string;
  hcpnReviewId: string;
  openSolutionReview: string;
  openCapabilityReview: string;
  certificationReview: string;
  second: { accountName: string; partnerId: string };
};
let drafting: Enrolling;
let inReview: Enrolling;
let rejected: Enrolling;

beforeAll(async () => {
  // 1. enrolment: declared relationship → 人工审核 → 驳回 → fixed → resubmitted → approved
  const a = await enrollingAccount(`${TOKEN}云创科技有限公司`);
  const hcpnId = await startEnrolment(a);
  await fillEnrolment(a, hcpnId, true);
  const sub = await submitEnrolment(a, hcpnId);
  expect(sub.outcome).toBe('manual-review');
  const hcpnReviewId = sub.application.reviewId!;
  expect((await call(staff.reviewer!, 'POST', `/api/ops/reviews/${hcpnReviewId}/reject`, { reason: '请补充敏感关系说明' })).status).toBe(200);
  await call(a.session, 'PUT', `/api/hcpn/applications/${hcpnId}/sensitive-relationship`, { choice: 'declared', details: '已向华为报备' });
  await submitEnrolment(a, hcpnId);
  expect((await call(staff.ecosystem_manager!, 'POST', `/api/ops/reviews/${hcpnReviewId}/approve`, {})).status).toBe(200);
  const partner = await partnerOf(a.account.id);
  const s = a.session; // the same partner-portal session now acts as the partner

  // 2. paths: software and service
  expect((await call(s, 'POST', '/api/paths/select', { path: 'software' })).status).toBe(200);
  expect((await call(s, 'POST', '/api/paths/select', { path: 'service' })).status).toBe(200);

  // 3. a cloud-software solution certified through its three stages; a second one left in review
  const p = { partner, account: a.account };
  const created = await call(s, 'POST', '/api/build/cloud-software', { ...(await newSolutionInput(database, p as never)), submit: true });
  expect(created.status).toBe(201);
  const certified = await call(s, 'GET', `/api/build/cloud-software/${created.body.solution?.id ?? created.body.id}`);
  await approveAllStages(certified.body.reviewId);
  const pending = await call(s, 'POST', '/api/build/cloud-software', { ...(await newSolutionInput(database, p as never, false, { name: '待审核方案' })), submit: true });
  const pendingDetail = await call(s, 'GET', `/api/build/cloud-software/${pending.body.solution?.id ?? pending.body.id}`);

  // 4. capability labels: one passed, one under review
  const apply = async (level1Label: string) => {
    const formFileId = await upload(app, s.headers, 'attachment', '评估表.xlsx', await xlsx());
    const evidenceFileId = await upload(app, s.headers, 'attachment', '举证材料.zip', await zip());
    const r = await call(s, 'POST', '/api/capabilities/applications', { level1Label, formFileId, evidenceFileId, materialsDeclaration: true });
    expect(r.status).toBe(201);
    return (await call(s, 'GET', `/api/capabilities/applications/${r.body.id}`)).body.reviewId as string;
  };
  await approveAllStages(await apply('database'));
  const openCapabilityReview = await apply('cloud-native');

  // 5. service path: role certification applied for (under review)
  const material = await upload(app, s.headers, 'attachment', '认证材料.pdf', SAMPLE.PDF);
  const cert = await call(s, 'POST', '/api/paths/certifications', { path: 'service', stage: 'role_certified', materials: [material] });
  expect(cert.status).toBe(201);

  // 6. programmes: PCE (joined at once) and the solution-provider plan (standard level, 12 months)
  await joinProgram(partner.id, 'pce');
  await joinProgram(partner.id, 'solution_provider');

  // 7. two members
  await makeMember(database, partner.id, ['sa']);
  await makeMember(database, partner.id, ['finance']);

  // 8. a second account of the same company links to it (R4): not the main account
  const b = await enrollingAccount(a.name, a.uscc);
  const bId = await startEnrolment(b);
  await fillEnrolment(b, bId, false);
  expect((await submitEnrolment(b, bId)).outcome).toBe('joined');
  const bPartner = await partnerOf(b.account.id);

  lifecycle = {
    a,
    partnerId: partner.id,
    hcpnId,
    hcpnReviewId,
    openSolutionReview: pendingDetail.body.reviewId,
    openCapabilityReview,
    certificationReview: cert.body.reviewId,
    second: { accountName: b.account.accountName, partnerId: bPartner.id },
  };

  // accounts at each enrolment step
  drafting = await enrollingAccount(`${TOKEN}草稿科技有限公司`);
  await startEnrolment(drafting);
  inReview = await enrollingAccount(`${TOKEN}审核科技有限公司`);
  const inReviewId = await startEnrolment(inReview);
  await fillEnrolment(inReview, inReviewId, true);
  await submitEnrolment(inReview, inReviewId);
  rejected = await enrollingAccount(`${TOKEN}驳回科技有限公司`);
  const rejectedId = await startEnrolment(rejected);
  await fillEnrolment(rejected, rejectedId, true);
  const rejectedReview = (await submitEnrolment(rejected, rejectedId)).application.reviewId!;
  expect((await call(admin, 'POST', `/api/ops/reviews/${rejectedReview}/reject`, { reason: '材料不全' })).status).toBe(200);
}, 120_000);

// ---------------------------------------------------------------------------------------------

describe('伙伴管理: who may read it', () => {
  it('every staff role reads the list, the options and a partner', async () => {
    for (const [role, s] of Object.entries(staff)) {
      expect((await list({ search: TOKEN }, s)).status, role).toBe(200);
      expect((await call(s, 'GET', '/api/ops/partners/options')).status, role).toBe(200);
      expect((await call(s, 'GET', `/api/ops/partners/${lifecycle.partnerId}`)).status, role).toBe(200);
    }
  });

  it('a staff user without any role is refused', async () => {
    const none = await staffSession(database, await makeStaff(database, []));
    expect((await list({}, none)).status).toBe(403);
    expect((await call(none, 'GET', `/api/ops/partners/${lifecycle.partnerId}`)).status).toBe(403);
  });

  it('partners, their members and plain accounts get 403; no session gets 401', async () => {
    const p = await makePartner(database);
    const sessions = [
      await partnerAdminSession(database, p),
      await memberSession(database, await makeMember(database, p.partner.id, ['system_admin'])),
      await accountSession(database, drafting.account),
      lifecycle.a.session, // the partner whose page it is
    ];
    for (const s of sessions) {
      expect((await list({}, s)).status).toBe(403);
      expect((await call(s, 'GET', `/api/ops/partners/${lifecycle.partnerId}`)).status).toBe(403);
      expect((await call(s, 'GET', '/api/ops/partners/options')).status).toBe(403);
    }
    expect((await call(null, 'GET', '/api/ops/partners')).status).toBe(401);
    expect((await call(null, 'GET', `/api/ops/partners/${lifecycle.partnerId}`)).status).toBe(401);
  });

  it('open reviews are only those of kinds the viewer can open in the review queue', async () => {
    const asAdmin = (await call(admin, 'GET', `/api/ops/partners/${lifecycle.partnerId}`)).body;
    expect(asAdmin.openReviews.total).toBe(3);
    const asFinance = (await call(staff.finance!, 'GET', `/api/ops/partners/${lifecycle.partnerId}`)).body;
    expect(asFinance.openReviews).toEqual({ items: [], total: 0 }); // finance decides none of these kinds
    const asPsa = (await call(staff.psa!, 'GET', `/api/ops/partners/${lifecycle.partnerId}`)).body;
    const kinds = asPsa.openReviews.items.map((r: { kind: string }) => r.kind).sort();
    expect(kinds).toEqual(['capabilities.certification', 'solutions.cloud-software']); // not paths.certification
    for (const r of asPsa.openReviews.items) expect((await call(staff.psa!, 'GET', `/api/ops/reviews/${r.id}`)).status).toBe(200);
  });
});

describe('伙伴管理: the list', () => {
  it('a row per account: company, account, main account or not, joined date, paths with stage, programs, counts', async () => {
    const r = await list({ search: lifecycle.a.uscc });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(2); // the main account and the account that linked to the company
    const main = r.body.items.find((i: { partnerId: string }) => i.partnerId === lifecycle.partnerId);
    expect(main.programs.map((p: { key: string }) => p.key).sort()).toEqual(['pce', 'solution_provider']);
    expect(main).toMatchObject({
      accountName: lifecycle.a.account.accountName,
      companyName: lifecycle.a.name,
      uscc: lifecycle.a.uscc,
      isMainAccount: true,
      joinedAt: '2025-03-10T02:00:00.000Z',
      hcpnStatus: 'joined',
      hcpnStatusName: { zh: '已入驻', en: 'Joined' },
      hcpnApplicationId: lifecycle.hcpnId,
      hcpnReviewId: lifecycle.hcpnReviewId,
      certifiedSolutions: 1,
      passedLabels: 1,
    });
    expect(main.paths.map((p: { path: string; stage: string; stageName: { zh: string } }) => [p.path, p.stage, p.stageName.zh])).toEqual([
      ['software', 'role_certified', '角色认证'], // from the certified cloud-software solution (R13)
      ['service', 'role_selected', '选择角色'],
    ]);
    const linked = r.body.items.find((i: { partnerId: string }) => i.partnerId === lifecycle.second.partnerId);
    expect(linked).toMatchObject({ isMainAccount: false, accountName: lifecycle.second.accountName, hcpnStatus: 'joined', hcpnReviewId: null });
    // solutions are counted per account (the list of the account that made them); it has chosen no path yet
    expect(linked).toMatchObject({ certifiedSolutions: 0, paths: [] });
  });

  it('searches the company name, the 统一社会信用代码 and the account name', async () => {
    const byName = await list({ search: `${TOKEN}云创` });
    expect(byName.body.items.map((i: { accountName: string }) => i.accountName).sort()).toEqual(
      [lifecycle.a.account.accountName, lifecycle.second.accountName].sort(),
    );
    const byUscc = await list({ search: lifecycle.a.uscc.toLowerCase() });
    expect(byUscc.body.total).toBe(2);
    const byAccount = await list({ search: lifecycle.second.accountName });
    expect(byAccount.body.items).toHaveLength(1);
    expect(byAccount.body.items[0].partnerId).toBe(lifecycle.second.partnerId);
    // LIKE wildcards are taken literally
    expect((await list({ search: '%' })).body.total).toBe(0);
  });

  it('filters by HCPN status: accounts still enrolling are listed with their step', async () => {
    const rows = async (hcpnStatus: string) => (await list({ search: TOKEN, hcpnStatus })).body.items as { accountName: string; partnerId: string | null; hcpnStatusName: { zh: string }; hcpnReviewId: string | null }[];
    const draft = await rows('draft');
    expect(draft.map((r) => r.accountName)).toEqual([drafting.account.accountName]);
    expect(draft[0]).toMatchObject({ partnerId: null, hcpnStatusName: { zh: '草稿' } });
    const review = await rows('in_review');
    expect(review.map((r) => r.accountName)).toEqual([inReview.account.accountName]);
    expect(review[0]!.hcpnReviewId).toBeTruthy(); // link to the manual review
    expect((await rows('rejected')).map((r) => r.accountName)).toEqual([rejected.account.accountName]);
    const joined = await rows('joined');
    expect(joined.map((r) => r.partnerId).sort()).toEqual([lifecycle.partnerId, lifecycle.second.partnerId].sort());
    // without the filter: all five
    expect((await list({ search: TOKEN })).body.total).toBe(5);
  });

  it('filters by path, by programme and by joined date range (from inclusive, to exclusive)', async () => {
    const tag = `筛选${randomUUID().slice(0, 6)}`;
    clock.set('2024-01-15T00:00:00Z');
    const early = await makePartner(database, { name: `${tag}甲`, paths: ['distributor'], programs: ['distributor'] });
    clock.set('2025-02-01T00:00:00Z');
    const late = await makePartner(database, { name: `${tag}乙`, paths: ['software'], programs: ['solution_provider'] });
    clock.set('2025-03-10T02:00:00Z');
    const ids = async (q: Record<string, string>) => ((await list({ search: tag, ...q })).body.items as { partnerId: string }[]).map((r) => r.partnerId);

    expect(await ids({ path: 'distributor' })).toEqual([early.partner.id]);
    expect(await ids({ path: 'software' })).toEqual([late.partner.id]);
    expect(await ids({ path: 'service' })).toEqual([]);
    expect(await ids({ program: 'solution_provider' })).toEqual([late.partner.id]);
    expect(await ids({ program: 'reseller' })).toEqual([]);
    expect(await ids({ joinedFrom: '2025-01-01' })).toEqual([late.partner.id]);
    expect(await ids({ joinedTo: '2025-02-01T00:00:00Z' })).toEqual([early.partner.id]); // exclusive
    expect(await ids({ joinedFrom: '2024-01-15T00:00:00Z', joinedTo: '2025-02-01T00:00:01Z' })).toEqual([late.partner.id, early.partner.id]);

    const programs = (await list({ search: tag, program: 'solution_provider' })).body.items[0].programs;
    expect(programs).toEqual([{ key: 'solution_provider', name: { zh: '解决方案提供商计划', en: 'Solution Provider Program' } }]);
    // the lifecycle partner joined PCE through the programs module: the filter reads the same column
    expect(((await list({ search: TOKEN, program: 'pce' })).body.items as { partnerId: string }[]).map((r) => r.partnerId)).toEqual([lifecycle.partnerId]);
  });

  it('pages in the database, newest joined first, without overlap', async () => {
    const tag = `分页${randomUUID().slice(0, 6)}`;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.set(`2025-01-0${i + 1}T00:00:00Z`);
      made.push((await makePartner(database, { name: `${tag}${i}` })).partner.id);
    }
    clock.set('2025-03-10T02:00:00Z');
    const pages = [];
    for (const page of [1, 2, 3]) {
      const r = await list({ search: tag, page, pageSize: 2 });
      expect(r.body).toMatchObject({ total: 5, page, pageSize: 2 });
      pages.push(...r.body.items.map((i: { partnerId: string }) => i.partnerId));
    }
    expect(pages).toEqual([...made].reverse());
    expect((await list({ search: tag, page: 4, pageSize: 2 })).body.items).toEqual([]);
  });

  it('an empty result is an empty page, not an error', async () => {
    expect((await list({ search: `无此公司${randomUUID()}` })).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [q, field] of [
      [{ path: 'cloud' }, 'path'],
      [{ hcpnStatus: 'approved' }, 'hcpnStatus'],
      [{ pageSize: 101 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ joinedFrom: 'yesterday' }, 'joinedFrom'],
      [{ program: 'DROP TABLE' }, 'program'],
      [{ search: 'x'.repeat(101) }, 'search'],
      [{ partnerId: randomUUID() }, 'partnerId'],
    ] as const) {
      const r = await list(q as Record<string, string | number>);
      expect(r.status, JSON.stringify(q)).toBe(400);
      expect(r.body.fields, JSON.stringify(q)).toHaveProperty(field);
    }
  });

  it('offers the filters’ choices in both languages', async () => {
    const o = (await call(staff.invoice!, 'GET', '/api/ops/partners/options')).body;
    expect(o.paths.map((p: { key: string }) => p.key)).toEqual(['software', 'service', 'si', 'learning', 'distributor']);
    expect(o.hcpnStatuses.map((s: { name: { zh: string } }) => s.name.zh)).toEqual(['草稿', '审核中', '审核未通过', '已入驻']);
    expect(o.programs.find((p: { key: string }) => p.key === 'distributor').name).toEqual({ zh: '分销计划（总经销商）', en: 'Distribution Program (Distributor)' });
  });
});

describe('伙伴详情: one partner’s lifecycle in one view', () => {
  let d: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    const r = await call(staff.reviewer!, 'GET', `/api/ops/partners/${lifecycle.partnerId}`);
    expect(r.status).toBe(200);
    d = r.body;
  });

  it('基本信息: company, account, the company’s accounts, business information, members', () => {
    expect(d.partner).toMatchObject({ id: lifecycle.partnerId, isMainAccount: true, membersCount: 2, joinedAt: '2025-03-10T02:00:00.000Z' });
    expect(d.account).toMatchObject({ accountName: lifecycle.a.account.accountName, realNameStatus: 'verified' });
    expect(d.company).toMatchObject({ name: lifecycle.a.name, uscc: lifecycle.a.uscc });
    expect(d.company.accounts.map((x: { accountName: string; isMainAccount: boolean }) => [x.accountName, x.isMainAccount])).toEqual([
      [lifecycle.a.account.accountName, true],
      [lifecycle.second.accountName, false],
    ]);
    expect(d.company.businessInfo).toMatchObject({ legalPerson: '张三', location: '江苏省 南京市', businessTerm: '长期', staffSize: '100-499', contacts: [{ name: '李四' }] });
  });

  it('入驻申请: status, why it was reviewed by a person, each review with its link, and the enrolment’s audit trail', async () => {
    expect(d.enrolment).toMatchObject({
      id: lifecycle.hcpnId,
      status: 'joined',
      statusName: { zh: '已入驻', en: 'Joined' },
      route: 'manual',
      linkedExistingCompany: false,
      sensitiveRelation: 'declared',
    });
    expect(d.enrolment.manualReviewReasons.map((t: { zh: string }) => t.zh)).toContain('申报了敏感关系');
    expect(d.enrolment.reviews).toHaveLength(1);
    expect(d.enrolment.reviews[0]).toMatchObject({ id: lifecycle.hcpnReviewId, status: 'approved', kindTitle: { zh: '加入华为云合作伙伴网络' } });
    // the linked review page carries the whole history, the rejection included
    const history = (await call(staff.reviewer!, 'GET', `/api/ops/reviews/${lifecycle.hcpnReviewId}`)).body.history.map((e: { action: string }) => e.action);
    expect(history).toEqual(expect.arrayContaining(['submit', 'reject', 'resubmit', 'approve']));
    const actions = d.enrolment.audit.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['hcpn.started', 'hcpn.submitted', 'hcpn.rejected', 'hcpn.joined']));
  });

  it('发展路径: each path and its stage, and the certification applications', () => {
    expect(d.paths.map((p: { path: string; status: string; stage: string }) => [p.path, p.status, p.stage])).toEqual([
      ['software', 'joined', 'role_certified'],
      ['service', 'joined', 'role_selected'],
    ]);
    expect(d.paths[0].name).toEqual({ zh: '软件合作伙伴', en: 'Software partner' });
    expect(d.certifications).toHaveLength(1);
    expect(d.certifications[0]).toMatchObject({ path: 'service', targetStage: 'role_certified', targetStageName: { zh: '角色认证' }, status: 'reviewing', statusName: { zh: '审核中' }, reviewId: lifecycle.certificationReview });
  });

  it('方案与能力: solutions with display status and 12-month validity; capability records and held labels', () => {
    const byName = Object.fromEntries(d.solutions.map((s: { name: string }) => [s.name, s]));
    expect(byName['华为云合作伙伴方案']).toMatchObject({ kindName: { zh: '云软件方案' }, displayStatus: 'approved', displayStatusName: { zh: '认证通过' }, validUntil: '2026-03-10T02:00:00.000Z' });
    expect(byName['待审核方案']).toMatchObject({ displayStatus: 'in_review', displayStatusName: { zh: '认证审核中' }, validUntil: null, reviewId: lifecycle.openSolutionReview });
    expect(d.capabilities.records.map((r: { level1Name: { zh: string }; statusName: { zh: string } }) => [r.level1Name.zh, r.statusName.zh]).sort()).toEqual([
      ['云原生', '审核中'],
      ['数据库', '通过'],
    ]);
    expect(d.capabilities.labels).toHaveLength(1);
    expect(d.capabilities.labels[0]).toMatchObject({ level1Label: 'database', name: { zh: '数据库' } });
    expect(d.capabilities.labels[0].level2.map((t: { zh: string }) => t.zh)).toContain('数据库(必备)');
  });

  it('待审核: the partner’s open applications, each linking to the review page', async () => {
    const ids = d.openReviews.items.map((r: { id: string }) => r.id).sort();
    expect(ids).toEqual([lifecycle.openSolutionReview, lifecycle.openCapabilityReview, lifecycle.certificationReview].sort());
    const solution = d.openReviews.items.find((r: { id: string }) => r.id === lifecycle.openSolutionReview);
    expect(solution).toMatchObject({ status: 'in_review', statusName: { zh: '认证审核中' }, stageName: { zh: '认证材料审核' }, kindTitle: { zh: '云软件方案认证' } });
    for (const id of ids) expect((await call(staff.reviewer!, 'GET', `/api/ops/reviews/${id}`)).status).toBe(200);
  });

  it('操作日志: the partner’s audit trail through the audit module’s search, newest first', async () => {
    const actions = d.audit.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('programs.joined'); // the newest entries
    expect(d.audit.items.length).toBeLessThanOrEqual(20);
    expect(d.audit.total).toBeGreaterThan(d.audit.items.length);
    const ats = d.audit.items.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // the same trail the console's audit page pages through
    const page = (await call(staff.reviewer!, 'GET', `/api/ops/audit?partnerId=${lifecycle.partnerId}&pageSize=100`)).body;
    expect(page.total).toBe(d.audit.total);
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['hcpn.joined', 'paths.joined', 'programs.joined']));
  });

  it('伙伴计划: memberships with level, status and validity (programs module)', () => {
    expect(d.partner.programs.map((p: { key: string }) => p.key).sort()).toEqual(['pce', 'solution_provider']);
    const byKey = Object.fromEntries(d.programMemberships.map((m: { program: string }) => [m.program, m]));
    expect(byKey.pce).toMatchObject({ name: { zh: '合作伙伴共拓计划' }, status: 'active', statusName: { zh: '已加入' }, level: null, expiresAt: null });
    expect(byKey.solution_provider).toMatchObject({ name: { zh: '解决方案提供商计划' }, levelName: { zh: '标准' }, expiresAt: '2026-03-10T02:00:00.000Z' });
  });

  it('商业信息认证: the company’s status and whether settlement is blocked (partners/company)', async () => {
    expect(d.businessCertification).toMatchObject({ status: 'not_certified', statusName: { zh: '未认证' }, certified: false, settlementBlocked: false, blockReason: null });
    // a cloud-store (云商店) partner cannot settle before it is certified (spec 02 R11)
    const store = await makePartner(database, { paths: [] });
    await joinProgram(store.partner.id, 'marketplace_merchant');
    const r = (await call(admin, 'GET', `/api/ops/partners/${store.partner.id}`)).body;
    expect(r.businessCertification).toMatchObject({ settlementBlocked: true, blockReason: { zh: '云商店伙伴只有进行商业信息认证才可进行结算' } });
  });

  it('a seeded partner without an enrolment still has a page (no 入驻申请)', async () => {
    const p = await makePartner(database, { paths: ['distributor'], programs: ['distributor'] });
    const r = await call(admin, 'GET', `/api/ops/partners/${p.partner.id}`);
    expect(r.status).toBe(200);
    expect(r.body.enrolment).toBeNull();
    expect(r.body.paths).toMatchObject([{ path: 'distributor', status: 'joined', stage: 'role_selected' }]);
    expect(r.body.partner.programs[0].name.zh).toBe('分销计划（总经销商）');
  });

  it('an unknown partner, or an account that has not joined, is 404', async () => {
    expect((await call(admin, 'GET', `/api/ops/partners/${randomUUID()}`)).status).toBe(404);
    expect((await call(admin, 'GET', `/api/ops/partners/${drafting.account.id}`)).status).toBe(404);
    expect((await call(admin, 'GET', '/api/ops/partners/not-a-uuid')).status).toBe(400);
  });
});
