import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { STAFF_ROLES } from '../../platform/access/index.js';
import { reviewApplications } from '../../platform/review/index.js';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makeStaff, sessionFor, staffSession, type TestSession } from '../../../test/fixtures.js';
import { SAMPLE, upload } from '../../../test/upload.js';
import { accounts } from '../accounts/schema.js';
import { resolveActor } from '../../server/actor.js';
import { companies, hcpnApplications, partners } from './schema.js';
import { HCPN_AGREEMENTS } from './hcpn.js';
import { makeEnterpriseAccount } from './test-helpers.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let reviewer: TestSession;
let ecoManager: TestSession;

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
  reviewer = await staffSession(database, await makeStaff(database, [STAFF_ROLES.reviewer]));
  ecoManager = await staffSession(database, await makeStaff(database, [STAFF_ROLES.ecosystemManager]));
});
afterAll(async () => {
  clock.reset();
  await close();
});
beforeEach(() => clock.set('2025-03-10T02:00:00Z'));
afterEach(() => clock.reset());

type Method = 'GET' | 'POST' | 'PUT';
async function call(s: TestSession, method: Method, url: string, payload?: unknown) {
  const res = await app.inject({ method, url, headers: s.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

/** A verified enterprise account signed in to the partner portal (not yet a partner: an 'account' actor). */
async function applicant(over: { uscc?: string; name?: string } = {}) {
  const e = await makeEnterpriseAccount(database, over);
  const session = await sessionFor(database, { kind: 'account', id: e.account.id, portal: 'partner' });
  const licenceFileId = await upload(app, session.headers, 'business-licence', 'licence.pdf', SAMPLE.PDF);
  return { ...e, session, licenceFileId };
}

function businessInfo(a: { uscc: string; name: string; licenceFileId: string }, over: Record<string, unknown> = {}) {
  return {
    companyName: a.name,
    uscc: a.uscc,
    taxCode: a.uscc,
    licenceFileId: a.licenceFileId,
    registeredCapital: '1000.5',
    foundedDate: '2015-06-01',
    businessTermLongTerm: true,
    licenceAddress: '南京市雨花台区软件大道101号',
    legalPerson: '张三',
    businessScope: '软件开发；信息技术咨询服务',
    postcode: '210000',
    province: '江苏省',
    city: '南京市',
    staffSize: '100-499',
    annualRevenue: '12345.678901',
    website: 'www.example.com',
    companyEmail: 'info@example.com',
    intro: '云计算软件与服务',
    ...over,
  };
}

const contacts = { contacts: [{ name: '李四', mobile: '+86-13800000000', email: 'lisi@example.com' }] };
const allAgreements = { accepted: HCPN_AGREEMENTS.map((a) => ({ key: a.key, version: a.version })) };

/** Start and fill all four steps; returns the application id. */
async function fillAll(a: Awaited<ReturnType<typeof applicant>>, opts: { info?: Record<string, unknown>; declare?: boolean } = {}) {
  const started = await call(a.session, 'POST', '/api/hcpn/applications', {});
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/business-info`, businessInfo(a, opts.info))).status).toBe(200);
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/contacts`, contacts)).status).toBe(200);
  const rel = opts.declare ? { choice: 'declared', details: '公司股东王五之兄为华为在职员工' } : { choice: 'none' };
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/sensitive-relationship`, rel)).status).toBe(200);
  expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/agreements`, allAgreements)).status).toBe(200);
  return id;
}

async function partnerRowsOf(accountId: string) {
  return database.db.select().from(partners).where(eq(partners.accountId, accountId));
}

describe('HCPN enrolment: R1 enterprise real-name verification', () => {
  it('refuses an account without enterprise real-name verification, and writes nothing', async () => {
    const personal = await makeAccount(database); // personal real-name
    const s = await accountSession(database, personal, 'partner');
    const r = await call(s, 'POST', '/api/hcpn/applications', {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('hcpn.real-name-required');
    expect(await database.db.select().from(hcpnApplications).where(eq(hcpnApplications.accountId, personal.id))).toHaveLength(0);
  });

  it('refuses 提交认证 when the verification was lost after drafting; nothing half-written', async () => {
    const a = await applicant();
    const id = await fillAll(a);
    await database.db.update(accounts).set({ realNameStatus: 'none' }).where(eq(accounts.id, a.account.id));
    const r = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('hcpn.real-name-required');
    const [row] = await database.db.select().from(hcpnApplications).where(eq(hcpnApplications.id, id));
    expect(row!.status).toBe('draft');
    expect(row!.submittedAt).toBeNull();
    expect(await partnerRowsOf(a.account.id)).toHaveLength(0);
    expect(await database.db.select().from(companies).where(eq(companies.uscc, a.uscc))).toHaveLength(0);
  });

  it('only plain accounts apply: staff get 403', async () => {
    expect((await call(reviewer, 'POST', '/api/hcpn/applications', {})).status).toBe(403);
  });
});

describe('HCPN enrolment: each step validates (R2)', () => {
  let a: Awaited<ReturnType<typeof applicant>>;
  let id: string;
  beforeAll(async () => {
    a = await applicant();
    id = (await call(a.session, 'POST', '/api/hcpn/applications', {})).body.id;
  });
  const put = (step: string, body: unknown) => call(a.session, 'PUT', `/api/hcpn/applications/${id}/${step}`, body);

  it('starting twice gives the same draft', async () => {
    const again = await call(a.session, 'POST', '/api/hcpn/applications', {});
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    expect(again.body.statusName).toBe('草稿');
  });

  it('营业范围 ≤ 1,000 and 公司简介 ≤ 500 characters', async () => {
    expect((await put('business-info', businessInfo(a, { businessScope: '业'.repeat(1000), intro: '简'.repeat(500) }))).status).toBe(200);
    const scope = await put('business-info', businessInfo(a, { businessScope: '业'.repeat(1001) }));
    expect(scope.status).toBe(400);
    expect(scope.body.fields).toHaveProperty('businessScope');
    const intro = await put('business-info', businessInfo(a, { intro: '简'.repeat(501) }));
    expect(intro.status).toBe(400);
    expect(intro.body.fields).toHaveProperty('intro');
  });

  it('统一社会信用代码 must be 18 valid characters', async () => {
    for (const uscc of ['91320100MA1ABCDE', '91320100MA1ABCDEFI', 'ZZ320100MA1ABCDEF0']) {
      const r = await put('business-info', businessInfo(a, { uscc }));
      expect(r.status, uscc).toBe(400);
      expect(r.body.code).toBe('hcpn.uscc-format');
    }
  });

  it('注册资金 / 年营业额 are exact decimals in 万元', async () => {
    for (const [field, v] of [['registeredCapital', '1e5'], ['registeredCapital', '0'], ['registeredCapital', '-1'], ['annualRevenue', '1.1234567'], ['annualRevenue', 'abc']]) {
      const r = await put('business-info', businessInfo(a, { [field!]: v }));
      expect(r.status, `${field}=${v}`).toBe(400);
      expect(r.body.fields).toHaveProperty(field!);
    }
    const ok = await put('business-info', businessInfo(a, { registeredCapital: '0.000001', annualRevenue: '99999999999.999999' }));
    expect(ok.status).toBe(200);
    expect(ok.body.businessInfo.registeredCapital).toBe('0.000001');
    expect(ok.body.businessInfo.annualRevenue).toBe('99999999999.999999');
  });

  it('营业执照文件 must be an uploaded business licence of the account', async () => {
    const other = await applicant();
    const foreign = await put('business-info', businessInfo(a, { licenceFileId: other.licenceFileId }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('hcpn.licence');
    const wrongPurpose = await upload(app, a.session.headers, 'attachment', 'x.pdf', SAMPLE.PDF);
    expect((await put('business-info', businessInfo(a, { licenceFileId: wrongPurpose }))).body.code).toBe('hcpn.licence');
    // the files platform refuses a type outside jpg/bmp/png/pdf for this purpose
    await expect(upload(app, a.session.headers, 'business-licence', 'x.doc', SAMPLE.CFB)).rejects.toThrow(/upload failed 4\d\d/);
  });

  it('dates, postcode, 人员规模 and required fields', async () => {
    expect((await put('business-info', businessInfo(a, { foundedDate: '2099-01-01' }))).body.code).toBe('hcpn.founded-date');
    expect((await put('business-info', businessInfo(a, { businessTermLongTerm: true, businessTermEnd: '2030-01-01' }))).body.code).toBe('hcpn.business-term');
    expect((await put('business-info', businessInfo(a, { businessTermLongTerm: false, businessTermEnd: '2010-01-01' }))).body.code).toBe('hcpn.business-term');
    expect((await put('business-info', businessInfo(a, { postcode: '2100' }))).body.code).toBe('hcpn.postcode');
    expect((await put('business-info', businessInfo(a, { staffSize: 'lots' }))).status).toBe(400);
    expect((await put('business-info', businessInfo(a, { legalPerson: '  ' }))).body.code).toBe('hcpn.required');
    expect((await put('business-info', businessInfo(a, { unknown: 1 }))).status).toBe(400);
  });

  it('联系人: at least one, each with a valid mobile and e-mail', async () => {
    expect((await put('contacts', { contacts: [] })).body.code).toBe('hcpn.contacts-required');
    expect((await put('contacts', { contacts: [{ name: '李四', mobile: 'abc', email: 'lisi@example.com' }] })).body.fields).toHaveProperty(['contacts.0.mobile']);
    expect((await put('contacts', contacts)).body.steps.contacts).toBe(true);
  });

  it('敏感关系申报: 申报 needs the particulars (R3), 不涉及 clears them', async () => {
    expect((await put('sensitive-relationship', { choice: 'declared' })).body.code).toBe('hcpn.sensitive-details-required');
    expect((await put('sensitive-relationship', { choice: 'maybe' })).status).toBe(400);
    const declared = await put('sensitive-relationship', { choice: 'declared', details: '股东之兄为华为员工' });
    expect(declared.body.sensitiveRelationDetails).toBe('股东之兄为华为员工');
    const none = await put('sensitive-relationship', { choice: 'none', details: 'ignored' });
    expect(none.body.sensitiveRelation).toBe('none');
    expect(none.body.sensitiveRelationDetails).toBeNull();
  });

  it('签署协议: every agreement at its current version', async () => {
    const catalogue = await call(a.session, 'GET', '/api/hcpn/agreements');
    expect(catalogue.body.items).toHaveLength(HCPN_AGREEMENTS.length);
    expect((await put('agreements', { accepted: allAgreements.accepted.slice(1) })).body.code).toBe('hcpn.agreements-required');
    expect((await put('agreements', { accepted: allAgreements.accepted.map((x) => ({ ...x, version: '2019.1' })) })).body.code).toBe('hcpn.agreements-required');
    const ok = await put('agreements', allAgreements);
    expect(ok.body.agreements.map((x: { version: string }) => x.version)).toEqual(HCPN_AGREEMENTS.map((x) => x.version));
  });

  it('提交认证 with a step missing is refused and changes nothing', async () => {
    const b = await applicant();
    const bid = (await call(b.session, 'POST', '/api/hcpn/applications', {})).body.id;
    await call(b.session, 'PUT', `/api/hcpn/applications/${bid}/business-info`, businessInfo(b));
    const r = await call(b.session, 'POST', `/api/hcpn/applications/${bid}/submit`, {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('hcpn.incomplete');
    expect(Object.keys(r.body.fields).sort()).toEqual(['agreements', 'contacts', 'sensitiveRelation']);
    const [row] = await database.db.select().from(hcpnApplications).where(eq(hcpnApplications.id, bid));
    expect(row!.submittedAt).toBeNull();
    expect(await partnerRowsOf(b.account.id)).toHaveLength(0);
  });
});

describe('HCPN enrolment: automatic approval and R4', () => {
  it('joins at once when the checks pass: a company keyed by USCC and the main account (spec 02 R6)', async () => {
    const a = await applicant();
    const id = await fillAll(a);
    const r = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('joined');
    expect(r.body.application.status).toBe('joined');
    expect(r.body.application.statusName).toBe('已入驻');
    const [p] = await partnerRowsOf(a.account.id);
    expect(p!.isMainAccount).toBe(true);
    const [c] = await database.db.select().from(companies).where(eq(companies.uscc, a.uscc));
    expect(c!.id).toBe(p!.companyId);
    expect(c!.name).toBe(a.name);
    expect(r.body.application.partnerId).toBe(p!.id);
    // no manual review was opened
    expect(await database.db.select().from(reviewApplications).where(eq(reviewApplications.subjectId, id))).toHaveLength(0);
    // signing in to the partner portal now gives the partner actor
    const actor = await resolveActor(database.db, { subjectKind: 'account', subjectId: a.account.id, portal: 'partner' } as never);
    expect(actor).toMatchObject({ kind: 'partner', partnerId: p!.id, memberId: null });
    // in the partner portal the account is now a partner: the enrolment pages are no longer its own
    expect((await call(a.session, 'GET', `/api/hcpn/applications/${id}`)).status).toBe(403);
    // as a plain account (customer portal) the finished application can no longer change, nor start again
    const s = await accountSession(database, a.account, 'customer');
    expect((await call(s, 'PUT', `/api/hcpn/applications/${id}/contacts`, contacts)).body.code).toBe('hcpn.already-joined');
    expect((await call(s, 'POST', '/api/hcpn/applications', {})).body.code).toBe('hcpn.already-partner');
  });

  it('R4: a second account of a company that is already a partner links to it, not main', async () => {
    const first = await applicant();
    await call(first.session, 'POST', `/api/hcpn/applications/${await fillAll(first)}/submit`, {});
    const second = await applicant({ uscc: first.uscc, name: first.name });
    const id = await fillAll(second, { info: { companyName: `${first.name}` } });
    const r = await call(second.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    expect(r.body.outcome).toBe('joined');
    expect(r.body.application.linkedExistingCompany).toBe(true);
    const [p1] = await partnerRowsOf(first.account.id);
    const [p2] = await partnerRowsOf(second.account.id);
    expect(p2!.companyId).toBe(p1!.companyId);
    expect(p2!.isMainAccount).toBe(false);
    expect(await database.db.select().from(companies).where(eq(companies.uscc, first.uscc))).toHaveLength(1);
  });
});

describe('HCPN enrolment: 人工审核 through /api/ops/reviews', () => {
  it('a declared sensitive relationship goes to manual review; reject with reason, fix, resubmit, approve', async () => {
    const a = await applicant();
    const id = await fillAll(a, { declare: true });
    const sub = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    expect(sub.body.outcome).toBe('manual-review');
    expect(sub.body.application.statusName).toBe('审核中');
    const reviewId = sub.body.application.reviewId as string;
    expect(await partnerRowsOf(a.account.id)).toHaveLength(0);

    // locked while 审核中
    expect((await call(a.session, 'PUT', `/api/hcpn/applications/${id}/contacts`, contacts)).body.code).toBe('hcpn.in-review');
    expect((await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {})).body.code).toBe('hcpn.in-review');

    // the queue shows it to a reviewer with the 人工审核 reasons
    const detail = await call(reviewer, 'GET', `/api/ops/reviews/${reviewId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.application?.data?.人工审核原因 ?? detail.body.data?.人工审核原因).toContain('sensitive-relation-declared');

    const rej = await call(reviewer, 'POST', `/api/ops/reviews/${reviewId}/reject`, { reason: '请补充敏感关系的具体情况' });
    expect(rej.status).toBe(200);
    const rejected = (await call(a.session, 'GET', `/api/hcpn/applications/${id}`)).body;
    expect(rejected.status).toBe('rejected');
    expect(rejected.statusName).toBe('审核未通过');
    expect(rejected.rejectReason).toBe('请补充敏感关系的具体情况');

    // fix and 重新提交认证: after a manual review it goes back to the reviewer
    await call(a.session, 'PUT', `/api/hcpn/applications/${id}/sensitive-relationship`, { choice: 'declared', details: '股东王五之兄在华为任职，已报备' });
    const again = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    expect(again.body.outcome).toBe('manual-review');
    expect(again.body.application.reviewId).toBe(reviewId);
    expect(again.body.application.rejectReason).toBeNull();

    const ok = await call(ecoManager, 'POST', `/api/ops/reviews/${reviewId}/approve`, {});
    expect(ok.status).toBe(200);
    const asAccount = await accountSession(database, a.account, 'customer');
    const joined = (await call(asAccount, 'GET', `/api/hcpn/applications/${id}`)).body;
    expect(joined.status).toBe('joined');
    const [p] = await partnerRowsOf(a.account.id);
    expect(p!.isMainAccount).toBe(true);
    const [rev] = await database.db.select().from(reviewApplications).where(eq(reviewApplications.id, reviewId));
    expect(rev!.partnerId).toBe(p!.id); // filed under the new tenant
  });

  it('a company name that differs from the verified enterprise name is checked by a person', async () => {
    const a = await applicant();
    const id = await fillAll(a, { info: { companyName: '另一家公司有限公司' } });
    const sub = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    expect(sub.body.outcome).toBe('manual-review');
    const [row] = await database.db.select().from(hcpnApplications).where(eq(hcpnApplications.id, id));
    expect(row!.autoCheckFailures).toEqual(['name-mismatch']);
  });

  it('a USCC that differs from the verified one is checked by a person; approval links to an existing company (R4)', async () => {
    const existing = await applicant();
    await call(existing.session, 'POST', `/api/hcpn/applications/${await fillAll(existing)}/submit`, {});
    const a = await applicant({ name: existing.name }); // verified with its own USCC
    const id = await fillAll(a, { info: { uscc: existing.uscc } });
    const sub = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    expect(sub.body.outcome).toBe('manual-review');
    await call(reviewer, 'POST', `/api/ops/reviews/${sub.body.application.reviewId}/approve`, {});
    const [p] = await partnerRowsOf(a.account.id);
    const [c] = await database.db.select().from(companies).where(eq(companies.uscc, existing.uscc));
    expect(p!.companyId).toBe(c!.id);
    expect(p!.isMainAccount).toBe(false);
  });

  it('staff without a role in the kind cannot decide it', async () => {
    const a = await applicant();
    const id = await fillAll(a, { declare: true });
    const sub = await call(a.session, 'POST', `/api/hcpn/applications/${id}/submit`, {});
    const finance = await staffSession(database, await makeStaff(database, [STAFF_ROLES.finance]));
    const r = await call(finance, 'POST', `/api/ops/reviews/${sub.body.application.reviewId}/approve`, {});
    expect([403, 404]).toContain(r.status);
    expect(await partnerRowsOf(a.account.id)).toHaveLength(0);
  });
});

describe('HCPN enrolment: owner isolation', () => {
  it("another account's application answers 404 on every route", async () => {
    const a = await applicant();
    const id = await fillAll(a);
    const b = await applicant();
    expect((await call(b.session, 'GET', `/api/hcpn/applications/${id}`)).status).toBe(404);
    expect((await call(b.session, 'PUT', `/api/hcpn/applications/${id}/contacts`, contacts)).status).toBe(404);
    expect((await call(b.session, 'PUT', `/api/hcpn/applications/${id}/sensitive-relationship`, { choice: 'none' })).status).toBe(404);
    expect((await call(b.session, 'PUT', `/api/hcpn/applications/${id}/agreements`, allAgreements)).status).toBe(404);
    expect((await call(b.session, 'PUT', `/api/hcpn/applications/${id}/business-info`, businessInfo(b))).status).toBe(404);
    expect((await call(b.session, 'POST', `/api/hcpn/applications/${id}/submit`, {})).status).toBe(404);
    expect((await call(b.session, 'GET', '/api/hcpn/application')).body.application).toBeNull();
    expect((await call(a.session, 'GET', '/api/hcpn/application')).body.application.id).toBe(id);
    const [row] = await database.db.select().from(hcpnApplications).where(eq(hcpnApplications.id, id));
    expect(row!.status).toBe('draft');
  });
});

