import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { clock } from '../../../platform/clock.js';
import { PRESET_ROLES } from '../../../platform/access/index.js';
import { auditLog } from '../../../platform/audit/schema.js';
import { makeMember, makePartner, memberSession, partnerAdminSession, type TestSession } from '../../../../test/fixtures.js';
import { accounts } from '../../accounts/schema.js';
import { companies, partners } from '../schema.js';
import { companyInfoChanges } from './schema.js';
import { settlementCheck } from './cert-state.js';
import { call, certify, company, fill, sibling, SAMPLE, upload, world, type T } from './test-helpers.js';

let t: T;
let reviewer: TestSession;
let eco: TestSession;
let finance: TestSession;

beforeAll(async () => {
  ({ t, reviewer, eco, finance } = await world());
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2025-03-10T02:00:00Z'));
afterEach(() => clock.reset());

const CHANGES = '/api/company/info/changes';

async function newLicence(s: TestSession) {
  return upload(t.app, s.headers, 'business-licence', '营业执照.png', SAMPLE.PNG);
}

describe('查看公司信息 (op 2, R3: shared by every account of the company)', () => {
  it('shows 基本信息 / 详细信息 / 联系人信息 to every account; only the main account may modify', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const mine = await call(t, c.session, 'GET', '/api/company/info');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ uscc: c.uscc, isMainAccount: true, canModify: true, modifyHint: null, mainAccountName: c.account.accountName });
    expect(mine.body.basic).toMatchObject({ companyName: c.name, licenceAddress: '南京市雨花台区软件大道101号', licenceFile: { id: c.licence, name: 'licence.pdf' } });
    expect(mine.body.contacts).toHaveLength(1);
    const theirs = await call(t, other.session, 'GET', '/api/company/info');
    expect(theirs.body).toMatchObject({ isMainAccount: false, canModify: false, mainAccountName: c.account.accountName });
    expect(theirs.body.modifyHint).toContain('当前仅支持伙伴主账号修改公司信息');
    expect(theirs.body.basic).toEqual(mine.body.basic);
    // the licence downloads for every account of the company, not for another company
    const lic = await t.app.inject({ method: 'GET', url: '/api/company/info/licence', headers: other.session.headers });
    expect(lic.statusCode).toBe(200);
    expect(lic.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a company without a profile shows what its HCPN enrolment said, or only its name', async () => {
    const p = await makePartner(t.database);
    const s = await partnerAdminSession(t.database, p);
    const r = await call(t, s, 'GET', '/api/company/info');
    expect(r.status).toBe(200);
    expect(r.body.basic).toMatchObject({ companyName: p.company.name, licenceFile: null, licenceAddress: null });
    expect(r.body.contacts).toEqual([]);
  });
});

describe('修改公司信息 (op 3, §3.1)', () => {
  it('R3: another account of the company, or a member who is not a 系统管理员, cannot modify', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const r = await call(t, other.session, 'POST', CHANGES, { details: { city: '苏州市' } });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('company.main-account-only');
    expect(r.body.message).toContain('账号信息');
    const am = await memberSession(t.database, await makeMember(t.database, c.partner.id, [PRESET_ROLES.accountManager]));
    expect((await call(t, am, 'POST', CHANGES, { details: { city: '苏州市' } })).status).toBe(403);
    const admin = await memberSession(t.database, await makeMember(t.database, c.partner.id, [PRESET_ROLES.systemAdmin]));
    expect((await call(t, admin, 'POST', CHANGES, { details: { city: '苏州市' } })).status).toBe(201);
  });

  it('R4: the unified social credit code is not editable by the partner; the ecosystem manager changes it (audited)', async () => {
    const c = await company(t);
    const r = await call(t, c.session, 'POST', CHANGES, { uscc: '91320100MA1XXXXX00' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('company.uscc-locked');
    expect(r.body.fields.uscc).toContain('生态经理');
    const url = `/api/ops/companies/${c.company.id}/uscc`;
    expect((await call(t, reviewer, 'PUT', url, { uscc: '91320100MA1NEWCODE', reason: '工商变更' })).status).toBe(403);
    expect((await call(t, eco, 'PUT', url, { uscc: 'BAD', reason: '工商变更' })).status).toBe(400);
    const other = await company(t);
    const taken = await call(t, eco, 'PUT', url, { uscc: other.uscc, reason: '工商变更' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('company.uscc-taken');
    const ok = await call(t, eco, 'PUT', url, { uscc: '91320100MA1NPQ0000', reason: '工商变更' });
    expect(ok.status).toBe(200);
    expect((await call(t, c.session, 'GET', '/api/company/info')).body.uscc).toBe('91320100MA1NPQ0000');
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'company.uscc.changed'), eq(auditLog.objectId, c.company.id)));
    expect(entry!.before).toEqual({ uscc: c.uscc });
  });

  it('details and contacts pass the automatic check and apply at once; the before/after log is readable by every account', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const r = await call(t, c.session, 'POST', CHANGES, {
      details: { city: '苏州市', intro: '新的简介' },
      contacts: [{ name: '赵六', mobile: '+86-13700000000', email: 'zhao@example.com' }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ outcome: 'applied', recertificationRequired: false, message: '公司信息修改成功' });
    expect(r.body.change).toMatchObject({ status: 'applied', statusName: '自动校验通过', autoCheckFailures: [] });
    expect(r.body.change.changes.map((x: { label: string }) => x.label)).toEqual(['公司所在城市', '公司简介', '联系人信息']);
    expect(r.body.change.changes[0]).toMatchObject({ before: '南京市', after: '苏州市' });
    const seen = await call(t, other.session, 'GET', '/api/company/info');
    expect(seen.body.details.city).toBe('苏州市');
    const log = await call(t, other.session, 'GET', CHANGES);
    expect(log.body.total).toBe(1);
    expect(log.body.items[0].id).toBe(r.body.change.id);
    const one = await call(t, other.session, 'GET', `${CHANGES}/${r.body.change.id}`);
    expect(one.body.changes[2].after).toEqual([{ name: '赵六', mobile: '+86-13700000000', email: 'zhao@example.com' }]);
    const stranger = await company(t);
    expect((await call(t, stranger.session, 'GET', `${CHANGES}/${r.body.change.id}`)).status).toBe(404);
  });

  it('licence particulars need a new licence first (guide L2859)', async () => {
    const c = await company(t);
    const r = await call(t, c.session, 'POST', CHANGES, { basic: { legalPerson: '李雷' } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('company.new-licence-required');
    expect(Object.keys(r.body.fields)).toEqual(['basic.licenceFileId']);
    const notALicence = await upload(t.app, c.session.headers, 'attachment', 'x.pdf', SAMPLE.PDF);
    const bad = await call(t, c.session, 'POST', CHANGES, { basic: { legalPerson: '李雷', licenceFileId: notALicence } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['basic.licenceFileId']);
    expect(await t.database.db.select().from(companyInfoChanges).where(eq(companyInfoChanges.companyId, c.company.id))).toHaveLength(0);
  });

  it('a licence change goes to 人工审核; approval applies it for every account; the log shows 审核通过', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const licenceFileId = await newLicence(c.session);
    const r = await call(t, c.session, 'POST', CHANGES, { basic: { licenceFileId, legalPerson: '李雷', registeredCapital: '2000.5' } });
    expect(r.status).toBe(201);
    expect(r.body.outcome).toBe('manual-review');
    expect(r.body.message).toContain('人工审核');
    expect(r.body.change).toMatchObject({ status: 'in_review', statusName: '人工审核中' });
    expect(r.body.change.autoCheckFailures.map((f: { code: string }) => f.code)).toEqual(['licence-fields-changed']);
    expect((await call(t, c.session, 'GET', '/api/company/info')).body).toMatchObject({ basic: { legalPerson: '张三' }, pendingChange: { id: r.body.change.id, statusName: '人工审核中' } });
    // one change under review at a time
    const second = await call(t, c.session, 'POST', CHANGES, { details: { city: '无锡市' } });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('company.change-in-review');

    const reviewId = r.body.change.reviewId;
    const detail = await call(t, reviewer, 'GET', `/api/ops/reviews/${reviewId}`);
    expect(JSON.stringify(detail.body)).toContain('公司法人');
    expect((await call(t, finance, 'POST', `/api/ops/reviews/${reviewId}/approve`, {})).status).toBe(404); // no role in this kind
    expect((await call(t, reviewer, 'POST', `/api/ops/reviews/${reviewId}/approve`, {})).status).toBe(200);
    const seen = await call(t, other.session, 'GET', '/api/company/info');
    expect(seen.body.basic).toMatchObject({ legalPerson: '李雷', registeredCapital: '2000.5', licenceFile: { id: licenceFileId } });
    const log = await call(t, other.session, 'GET', `${CHANGES}/${r.body.change.id}`);
    expect(log.body).toMatchObject({ status: 'approved', statusName: '审核通过' });
    expect(log.body.changes.find((x: { field: string }) => x.field === 'legalPerson')).toMatchObject({ before: '张三', after: '李雷' });
  });

  it('a rejection shows its reason; the partner submits a new change', async () => {
    const c = await company(t);
    const r = await call(t, c.session, 'POST', CHANGES, { basic: { licenceFileId: await newLicence(c.session), licenceAddress: '南京市建邺区江东中路1号' } });
    const rej = await call(t, reviewer, 'POST', `/api/ops/reviews/${r.body.change.reviewId}/reject`, { reason: '营业执照地址与上传的营业执照不一致' });
    expect(rej.status).toBe(200);
    const log = await call(t, c.session, 'GET', `${CHANGES}/${r.body.change.id}`);
    expect(log.body).toMatchObject({ status: 'rejected', statusName: '审核不通过', rejectReason: '营业执照地址与上传的营业执照不一致' });
    expect((await call(t, c.session, 'GET', '/api/company/info')).body.basic.licenceAddress).toBe('南京市雨花台区软件大道101号');
    const again = await call(t, c.session, 'POST', CHANGES, { basic: { licenceFileId: await newLicence(c.session), licenceAddress: '南京市建邺区江东中路2号' } });
    expect(again.status).toBe(201);
    expect(again.body.outcome).toBe('manual-review');
  });

  it('a renaming equal to the name verified by 企业实名认证 passes the automatic check; another name needs a person', async () => {
    const c = await company(t);
    await t.database.db.update(accounts).set({ enterpriseName: '南京新名字科技有限公司' }).where(eq(accounts.id, c.account.id));
    const ok = await call(t, c.session, 'POST', CHANGES, { basic: { licenceFileId: await newLicence(c.session), companyName: '南京新名字科技有限公司' } });
    expect(ok.body.outcome).toBe('applied');
    const [row] = await t.database.db.select().from(companies).where(eq(companies.id, c.company.id));
    expect(row!.name).toBe('南京新名字科技有限公司');
    const [p] = await t.database.db.select().from(partners).where(eq(partners.id, c.partner.id));
    expect(p!.displayName).toBe('南京新名字科技有限公司');
    const manual = await call(t, c.session, 'POST', CHANGES, { basic: { licenceFileId: await newLicence(c.session), companyName: '南京另一个名字有限公司' } });
    expect(manual.body.outcome).toBe('manual-review');
    expect(manual.body.change.autoCheckFailures.map((f: { code: string }) => f.code)).toEqual(['name-not-verified']);
    const onlyLicence = await company(t);
    const l = await call(t, onlyLicence.session, 'POST', CHANGES, { basic: { licenceFileId: await newLicence(onlyLicence.session) } });
    expect(l.body.change.autoCheckFailures.map((f: { code: string }) => f.code)).toEqual(['licence-replaced']);
  });

  it('R5: renaming a certified company prompts re-certification and holds settlement until re-certified', async () => {
    const c = await company(t);
    await certify(t, c);
    await t.database.db.update(accounts).set({ enterpriseName: '南京更名后科技有限公司' }).where(eq(accounts.id, c.account.id));
    const r = await call(t, c.session, 'POST', CHANGES, { basic: { licenceFileId: await newLicence(c.session), companyName: '南京更名后科技有限公司' } });
    expect(r.body).toMatchObject({ outcome: 'applied', recertificationRequired: true });
    expect(r.body.message).toContain('重新进行商业信息认证');
    expect((await call(t, c.session, 'GET', '/api/company/info')).body).toMatchObject({ businessInfoCertified: true, recertificationRequired: true });
    const bi = await call(t, c.session, 'GET', '/api/business-info');
    expect(bi.body).toMatchObject({ status: 'recertification_required', statusName: '待重新认证', recertificationRequired: true, actions: ['recertify'] });
    expect(await settlementCheck(t.database.db, c.partner.id)).toMatchObject({ blocked: true, reason: 'recertification-required', certified: false });
    // re-certify: the account holder must now be the new name
    const re = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    const stale = await call(t, c.session, 'POST', `/api/business-info/applications/${re}/submit`, {});
    expect(stale.status).toBe(400);
    expect(stale.body.code).toBe('business-info.account-holder');
  });

  it('a renaming is refused while business information is being certified', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', `/api/business-info/applications/${id}/submit`, {});
    await t.database.db.update(accounts).set({ enterpriseName: '南京改名中有限公司' }).where(eq(accounts.id, c.account.id));
    const r = await call(t, c.session, 'POST', CHANGES, { basic: { licenceFileId: await newLicence(c.session), companyName: '南京改名中有限公司' } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('company.business-info-pending');
  });

  it('bad input answers 400 naming the field and changes nothing', async () => {
    const c = await company(t);
    const licenceFileId = await newLicence(c.session);
    const cases: [unknown, string, string][] = [
      [{}, '', 'company.no-change'],
      [{ details: { city: '南京市' } }, '', 'company.no-change'],
      [{ details: { postcode: '2100' } }, 'details.postcode', 'company.postcode'],
      [{ details: { companyEmail: 'no-at-sign' } }, 'details.companyEmail', 'company.email'],
      [{ details: { annualRevenue: '1.1234567' } }, 'details.annualRevenue', 'company.amount'],
      [{ details: { annualRevenue: '-1' } }, 'details.annualRevenue', 'company.amount'],
      [{ details: { intro: '' } }, 'details.intro', 'company.required'],
      [{ basic: { licenceFileId, registeredCapital: '0' } }, 'basic.registeredCapital', 'company.amount'],
      [{ basic: { licenceFileId, foundedDate: '2099-01-01' } }, 'basic.foundedDate', 'company.founded-date'],
      [{ basic: { licenceFileId, foundedDate: '2020-02-30' } }, 'basic.foundedDate', 'company.founded-date'],
      [{ basic: { licenceFileId, businessTermLongTerm: false, businessTermEnd: '2010-01-01' } }, 'basic.businessTermEnd', 'company.business-term'],
      [{ basic: { licenceFileId, companyName: '  ' } }, 'basic.companyName', 'company.required'],
      [{ contacts: [] }, 'contacts', 'company.contacts-required'],
      [{ contacts: [{ name: '赵', mobile: 'x', email: 'a@b.cn' }] }, 'contacts.0.mobile', 'company.mobile'],
    ];
    for (const [body, field, code] of cases) {
      const r = await call(t, c.session, 'POST', CHANGES, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code, JSON.stringify(body)).toBe(code);
      if (field) expect(Object.keys(r.body.fields), JSON.stringify(body)).toEqual([field]);
    }
    // limits enforced at the door: 公司简介 0/500, 营业范围 0/1,000, at most 5 contacts, unknown fields
    const zodCases: [unknown, string][] = [
      [{ details: { intro: '简'.repeat(501) } }, 'details.intro'],
      [{ basic: { licenceFileId, businessScope: '范'.repeat(1001) } }, 'basic.businessScope'],
      [{ contacts: Array.from({ length: 6 }, (_, i) => ({ name: `人${i}`, mobile: '+86-13700000000', email: 'a@b.cn' })) }, 'contacts'],
      [{ details: { colour: 'red' } }, 'details.colour'],
    ];
    for (const [body, field] of zodCases) {
      const r = await call(t, c.session, 'POST', CHANGES, body);
      expect(r.status, field).toBe(400);
      expect(r.body.fields, field).toHaveProperty(field);
    }
    expect(await t.database.db.select().from(companyInfoChanges).where(eq(companyInfoChanges.companyId, c.company.id))).toHaveLength(0);
  });
});
