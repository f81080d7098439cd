import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { clock } from '../../../platform/clock.js';
import { PRESET_ROLES } from '../../../platform/access/index.js';
import { notifications } from '../../../platform/notify/schema.js';
import { auditLog } from '../../../platform/audit/schema.js';
import * as ledger from '../../../platform/ledger/index.js';
import { makeMember, memberSession, type TestSession } from '../../../../test/fixtures.js';
import { businessCertifications, supplierRecords } from './schema.js';
import { isSettlementBlocked, isBusinessInfoCertified, settlementCheck, CLOUD_STORE_PROGRAM, PENDING_STATUSES } from './cert-state.js';
import { completeAutoCertifications, parseVerificationAmount } from './business-info.js';
import type { Deps } from '../../../platform/deps.js';
import {
  bankStep,
  call,
  certify,
  certRow,
  company,
  companyStep,
  fill,
  reviewOf,
  sibling,
  SAMPLE,
  transferred,
  upload,
  world,
  wrongAmount,
  type T,
} from './test-helpers.js';

let t: T;
let reviewer: TestSession;
let finance: TestSession;
let operations: TestSession;
let psa: TestSession;

beforeAll(async () => {
  ({ t, reviewer, finance, operations, psa } = await world());
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2025-03-10T02:00:00Z'));
afterEach(() => clock.reset());

const app = (id: string, suffix = '') => `/api/business-info/applications/${id}${suffix}`;

describe('first certification: ① 填写公司信息 → ② 填写银行信息 → ③ 关联供应商调查 → ④ 提交确认 → ⑤ 提交认证', () => {
  it('walks every step: amount verification, 自动认证中, then 已认证 with e-mail and SMS (R15, R17)', async () => {
    const c = await company(t);
    const overview0 = await call(t, c.session, 'GET', '/api/business-info');
    expect(overview0.body).toMatchObject({ status: 'not_certified', statusName: '未认证', actions: ['start'], canCertify: true });
    expect(overview0.body.banner).toContain('预计1个小时内');

    const started = await call(t, c.session, 'POST', '/api/business-info/applications', {});
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ mode: 'first', status: 'draft', step: 1 });
    const id = started.body.id;
    // a second start returns the same one
    expect((await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id).toBe(id);

    const s1 = await call(t, c.session, 'PUT', app(id, '/company'), companyStep(c));
    expect(s1.status).toBe(200);
    expect(s1.body.step).toBe(2);
    const s2 = await call(t, c.session, 'PUT', app(id, '/bank'), bankStep(c));
    expect(s2.body.bank).toMatchObject({ bankName: '招商银行股份有限公司', bankListed: true, supportsUnionPay: true, accountNumber: '6225881234567890', accountNumberMasked: '****7890' });
    const s3 = await call(t, c.session, 'PUT', app(id, '/survey'), { involved: false });
    expect(s3.body).toMatchObject({ step: 4, steps: { company: true, bank: true, survey: true } });
    expect(s3.body.actions).toContain('submit');
    expect(await isSettlementBlocked(t.database.db, c.partner.id)).toBe(false); // a draft is not an application yet

    const sub = await call(t, c.session, 'POST', app(id, '/submit'), {});
    expect(sub.status).toBe(200);
    expect(sub.body.application).toMatchObject({ status: 'amount_verification', statusName: '待验证转账金额', step: 5, verification: { attemptsLeft: 3, maxAttempts: 3 } });
    expect(sub.body.message).toContain('0.01元~0.99元');
    const amount = await transferred(t, id);
    expect(amount).toMatch(/^0\.\d\d$/);
    expect(Number(amount.slice(2))).toBeGreaterThanOrEqual(1);
    // the vendor paid it: one balanced posting
    expect(await ledger.balanceOf(t.database.db, ledger.accountCode('vendor', null, 'business-info-verification'))).not.toBe('0.00');
    await ledger.assertLedgerConsistent(t.database.db);
    // R9: no settlement once submitted
    expect(await settlementCheck(t.database.db, c.partner.id)).toMatchObject({ blocked: true, reason: 'pending' });

    const ok = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount });
    expect(ok.status).toBe(200);
    expect(ok.body.application).toMatchObject({ status: 'auto_certifying', statusName: '自动认证中' });

    await t.drainJobs();
    const done = await call(t, c.session, 'GET', '/api/business-info');
    expect(done.body).toMatchObject({ status: 'certified', statusName: '已认证', settlement: { blocked: false }, application: null, actions: ['recertify'] });
    expect(done.body.certified).toMatchObject({ id, status: 'certified', companyName: c.name });
    expect(await isBusinessInfoCertified(t.database.db, c.partner.id)).toBe(true);
    expect((await settlementCheck(t.database.db, c.partner.id)).currency).toBe('CNY');

    const sent = await t.database.db.select().from(notifications).where(eq(notifications.template, 'business-info.certified'));
    const mine = sent.filter((n) => n.address === c.account.mobile || n.address === c.account.email || n.recipientId === c.account.id);
    expect(mine.map((n) => n.channel).sort()).toEqual(['email', 'site', 'sms']);
    // the supplier master now knows the certified bank account
    const [supplier] = await t.database.db.select().from(supplierRecords).where(eq(supplierRecords.companyName, c.name));
    expect(supplier).toMatchObject({ bankAccount: '6225881234567890', currency: 'CNY', ioi: false });
  });

  it('refuses to submit an incomplete wizard and names the missing steps', async () => {
    const c = await company(t);
    const id = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    await call(t, c.session, 'PUT', app(id, '/company'), companyStep(c));
    const r = await call(t, c.session, 'POST', app(id, '/submit'), {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('business-info.incomplete');
    expect(Object.keys(r.body.fields).sort()).toEqual(['bankStep', 'surveyStep']);
    expect((await certRow(t, id)).status).toBe('draft');
  });

  it('a draft never submitted can be cancelled; a submitted one cannot', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    expect((await call(t, c.session, 'POST', app(id, '/cancel'), {})).body).toEqual({ cancelled: true });
    expect((await call(t, c.session, 'GET', app(id))).status).toBe(404);
    const id2 = await fill(t, c);
    await call(t, c.session, 'POST', app(id2, '/submit'), {});
    const r = await call(t, c.session, 'POST', app(id2, '/cancel'), {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('business-info.not-cancellable');
  });

  it('edits are refused while the application is being processed', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    const r = await call(t, c.session, 'PUT', app(id, '/bank'), bankStep(c, { accountNumber: '6225000000000001' }));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('business-info.not-editable');
    expect((await certRow(t, id)).bankStep!.accountNumber).toBe('6225881234567890');
  });
});

describe('R9: no settlement while an application is pending', () => {
  it('blocks in every submitted, unfinished status, not in a draft or after a failure; a re-certification keeps the old certificate but blocks', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    const at = async (status: (typeof PENDING_STATUSES)[number] | 'draft' | 'failed') => {
      await t.database.db.update(businessCertifications).set({ status }).where(eq(businessCertifications.id, id));
      return settlementCheck(t.database.db, c.partner.id);
    };
    for (const status of PENDING_STATUSES) expect(await at(status), status).toMatchObject({ blocked: true, reason: 'pending', certified: false });
    expect(await at('draft')).toMatchObject({ blocked: false, reason: null });
    expect(await at('failed')).toMatchObject({ blocked: false, reason: null, status: 'failed' });
    await t.database.db.delete(businessCertifications).where(eq(businessCertifications.id, id));

    await certify(t, c);
    const re = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    expect(await settlementCheck(t.database.db, c.partner.id)).toMatchObject({ blocked: false, certified: true }); // 重新认证 draft: not submitted yet
    await call(t, c.session, 'PUT', app(re, '/bank'), bankStep(c, { accountNumber: '6214000011119999' }));
    await call(t, c.session, 'POST', app(re, '/submit'), {});
    expect(await settlementCheck(t.database.db, c.partner.id)).toMatchObject({ blocked: true, reason: 'pending', certified: true });
    expect((await call(t, c.session, 'GET', '/api/business-info/settlement-status')).body).toMatchObject({ blocked: true, reason: 'pending', statusName: '待验证转账金额' });
  });

  it('an unknown partner id is blocked as not certified', async () => {
    expect(await isSettlementBlocked(t.database.db, '00000000-0000-4000-8000-000000000000')).toBe(true);
    expect(await isSettlementBlocked(t.database.db, 'not-a-uuid')).toBe(true);
  });
});

describe('R15: the 0.01–0.99 CNY transfer, three attempts, then locked until a work order', () => {
  it('counts wrong amounts, locks on the third, and keeps refusing even the right amount', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    const right = await transferred(t, id);
    const w1 = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: wrongAmount(right) });
    expect(w1.status).toBe(400);
    expect(w1.body).toMatchObject({ code: 'business-info.amount-wrong', params: { attemptsLeft: 2 } });
    expect(w1.body.fields.amount).toContain('2次');
    const w2 = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: wrongAmount(right) });
    expect(w2.body.params.attemptsLeft).toBe(1);
    const w3 = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: wrongAmount(right) });
    expect(w3.status).toBe(409);
    expect(w3.body.code).toBe('business-info.locked');
    expect(w3.body.message).toContain('提交工单解除锁定');
    const after = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: right });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('business-info.locked');
    const row = await certRow(t, id);
    expect(row).toMatchObject({ status: 'locked', verificationFailures: 3 });
    expect((await call(t, c.session, 'GET', app(id))).body).toMatchObject({ statusName: '已锁定', verification: { attemptsLeft: 0 } });
    expect(await isSettlementBlocked(t.database.db, c.partner.id)).toBe(true);
  });

  it('counts exactly three of many parallel wrong attempts (the row is locked while counting)', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    const wrong = wrongAmount(await transferred(t, id));
    const results = await Promise.all(Array.from({ length: 8 }, () => call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: wrong })));
    expect(results.filter((r) => r.status === 400)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'business-info.locked')).toHaveLength(6);
    const row = await certRow(t, id);
    expect(row).toMatchObject({ status: 'locked', verificationFailures: 3 });
  });

  it('badly formed amounts are refused naming the field and do not count', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    for (const amount of ['0.001', '1.00', '0', '0.00', 'abc', '-0.50', '0.5.1', ' ', '1e-1', '０.５']) {
      const r = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount });
      expect(r.status, amount).toBe(400);
      expect(r.body.code, amount).toBe('business-info.amount-format');
      expect(Object.keys(r.body.fields)).toEqual(['amount']);
    }
    expect((await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: 12 })).status).toBe(400); // a number, not a string
    expect((await certRow(t, id)).verificationFailures).toBe(0);
  });

  it('compares exact decimals: "0.5" is 0.50', async () => {
    expect(parseVerificationAmount('0.5')).toBe('0.50');
    expect(parseVerificationAmount('0.05')).toBe('0.05');
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    await t.database.db.update(businessCertifications).set({ verificationAmount: '0.50' }).where(eq(businessCertifications.id, id));
    const r = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: '0.5' });
    expect(r.status).toBe(200);
    expect(r.body.application.status).toBe('auto_certifying');
  });

  it('staff unlock from a work order: a new amount, three new attempts, audited; others may not', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    const first = await transferred(t, id);
    for (let i = 0; i < 3; i++) await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: wrongAmount(first) });
    expect((await call(t, finance, 'POST', `/api/ops/business-info/applications/${id}/unlock`, { workOrder: 'WO-1' })).status).toBe(403);
    expect((await call(t, operations, 'POST', `/api/ops/business-info/applications/${id}/unlock`, { workOrder: '' })).status).toBe(400);
    const un = await call(t, operations, 'POST', `/api/ops/business-info/applications/${id}/unlock`, { workOrder: 'WO-20250310-001', reason: '伙伴核实账户后申请解锁' });
    expect(un.status).toBe(200);
    expect(un.body).toMatchObject({ status: 'amount_verification', verificationRound: 2, verificationFailures: 0, unlockWorkOrder: 'WO-20250310-001' });
    const again = await call(t, operations, 'POST', `/api/ops/business-info/applications/${id}/unlock`, { workOrder: 'WO-2' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('business-info.not-locked');
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'business-info.unlocked'), eq(auditLog.objectId, id)));
    expect(entry).toBeTruthy();
    const ok = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: await transferred(t, id) });
    expect(ok.status).toBe(200);
    await ledger.assertLedgerConsistent(t.database.db);
  });
});

describe('bad input names the field and writes nothing', () => {
  it('step ① company information (R12, disclaimer, lengths)', async () => {
    const c = await company(t);
    const id = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ taxNumber: '91110000100000000X' }, 'taxNumber', 'business-info.tax-number-uscc'],
      [{ address: '北京市海淀区中关村1号' }, 'address', 'business-info.address-licence'],
      [{ disclaimerAccepted: false }, 'disclaimerAccepted', 'business-info.disclaimer'],
      [{ taxpayerType: '个体户' }, 'taxpayerType', 'business-info.taxpayer-type'],
      [{ province: '' }, 'province', 'company.required'],
      [{ financeContact: { lastName: '王', firstName: '五', mobile: 'abc', email: 'finance@example.com' } }, 'financeContact.mobile', 'business-info.mobile'],
      [{ financeContact: { lastName: '王', firstName: '五', mobile: '+86-13900000000', email: 'nope' } }, 'financeContact.email', 'business-info.email'],
    ];
    for (const [over, field, code] of cases) {
      const r = await call(t, c.session, 'PUT', app(id, '/company'), companyStep(c, over));
      expect(r.status, field).toBe(400);
      expect(r.body.code, field).toBe(code);
      expect(Object.keys(r.body.fields), field).toEqual([field]);
    }
    const long = await call(t, c.session, 'PUT', app(id, '/company'), companyStep(c, { address: '路'.repeat(201) }));
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.fields)).toEqual(['address']);
    const unknown = await call(t, c.session, 'PUT', app(id, '/company'), { ...companyStep(c), companyName: '别名' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toHaveProperty('companyName');
    // the full licence address (province + city + street) is accepted too
    const full = await call(t, c.session, 'PUT', app(id, '/company'), companyStep(c, { province: '江苏省', city: '南京市', address: '雨花台区软件大道101号' }));
    expect(full.status).toBe(200);
    expect((await certRow(t, id)).companyStep!.taxNumber).toBe(c.uscc);
  });

  it('step ② bank information (account formats, holder R12, enterprise code R14, branch code, currency)', async () => {
    const c = await company(t);
    const id = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ accountNumber: '1234' }, 'accountNumber', 'business-info.account-number'],
      [{ accountNumber: '62258812ABCD7890' }, 'accountNumber', 'business-info.account-number'],
      [{ accountNumber: '1'.repeat(31) }, 'accountNumber', 'business-info.account-number'],
      [{ accountHolder: '招商银行深圳分行' }, 'accountHolder', 'business-info.account-holder'],
      [{ enterpriseCode: '91110000100000000X' }, 'enterpriseCode', 'business-info.enterprise-code'],
      [{ enterpriseCodeType: '税号' }, 'enterpriseCodeType', 'business-info.enterprise-code-type'],
      [{ branchCode: '12345' }, 'branchCode', 'business-info.branch-code'],
      [{ currency: 'BTC' }, 'currency', 'business-info.currency'],
      [{ bankName: '   ' }, 'bankName', 'company.required'],
      [{ bankCountry: '德国', branchCode: '308301000123', accountNumber: 'DE89370400440532013000' }, 'branchCode', 'business-info.branch-code'],
    ];
    for (const [over, field, code] of cases) {
      const r = await call(t, c.session, 'PUT', app(id, '/bank'), bankStep(c, over));
      expect(r.status, field).toBe(400);
      expect(r.body.code, `${field} ${JSON.stringify(r.body)}`).toBe(code);
      expect(Object.keys(r.body.fields), field).toEqual([field]);
    }
    const long = await call(t, c.session, 'PUT', app(id, '/bank'), bankStep(c, { bankName: '银'.repeat(101) }));
    expect(long.status).toBe(400);
    expect(Object.keys(long.body.fields)).toEqual(['bankName']);
    expect((await certRow(t, id)).bankStep).toBeNull();
    // a foreign bank with an IBAN and a SWIFT code is well-formed
    const foreign = await call(t, c.session, 'PUT', app(id, '/bank'), bankStep(c, { bankCountry: '德国', bankName: 'Deutsche Bank', branchCode: 'DEUTDEFF', accountNumber: 'DE89370400440532013000', currency: 'EUR' }));
    expect(foreign.status).toBe(200);
    expect(foreign.body.bank).toMatchObject({ bankListed: false, supportsUnionPay: false });
  });

  it('step ③ survey (涉及 needs ticked items with details)', async () => {
    const c = await company(t);
    const id = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    const cases: [unknown, string, string][] = [
      [{ involved: true }, 'items', 'business-info.survey-items'],
      [{ involved: true, items: [{ item: 6, details: 'x' }] }, 'items.0.item', 'business-info.survey-item'],
      [{ involved: true, items: [{ item: 1, details: 'a' }, { item: 1, details: 'b' }] }, 'items.1.item', 'business-info.survey-item'],
      [{ involved: true, items: [{ item: 2, details: ' ' }] }, 'items.0.details', 'business-info.survey-details'],
      [{ involved: false, items: [{ item: 2, details: 'x' }] }, 'items', 'business-info.survey-not-involved'],
    ];
    for (const [body, field, code] of cases) {
      const r = await call(t, c.session, 'PUT', app(id, '/survey'), body);
      expect(r.status, field).toBe(400);
      expect(r.body.code, field).toBe(code);
      expect(Object.keys(r.body.fields), field).toEqual([field]);
    }
    const long = await call(t, c.session, 'PUT', app(id, '/survey'), { involved: true, items: [{ item: 1, details: '详'.repeat(501) }] });
    expect(long.status).toBe(400);
    expect((await certRow(t, id)).surveyStep).toBeNull();
    const ok = await call(t, c.session, 'PUT', app(id, '/survey'), { involved: true, items: [{ item: 5, details: '前员工张某任技术顾问' }, { item: 1, details: '员工李某持股5%' }] });
    expect(ok.body.survey.items.map((i: { item: number }) => i.item)).toEqual([1, 5]);
    expect(ok.body.survey.itemTexts[0]).toContain('直接投资者');
  });
});

describe('manual review by the business-information reviewer', () => {
  it('R13: a bank typed by hand goes to 人工审核中; rejection → 认证失败 with reason and notice; the corrected resubmission goes back to the reviewer; approval → 已认证', async () => {
    const c = await company(t);
    const id = await fill(t, c, { bank: { bankName: '南京某某农村商业银行' } });
    const sub = await call(t, c.session, 'POST', app(id, '/submit'), {});
    expect(sub.body.application).toMatchObject({ status: 'manual_review', statusName: '人工审核中' });
    expect(sub.body.application.manualReasons.map((m: { code: string }) => m.code)).toEqual(['bank-manual-entry', 'bank-not-verifiable']);
    expect((await certRow(t, id)).verificationAmount).toBeNull(); // no UnionPay transfer for an unknown bank
    const reviewId = await reviewOf(t, id);

    expect((await call(t, psa, 'POST', `/api/ops/reviews/${reviewId}/reject`, { reason: 'x' })).status).toBe(404); // no role in the kind
    const rej = await call(t, reviewer, 'POST', `/api/ops/reviews/${reviewId}/reject`, { reason: '银行名称与开户许可证不一致' });
    expect(rej.status).toBe(200);
    const failed = await call(t, c.session, 'GET', '/api/business-info');
    expect(failed.body).toMatchObject({ status: 'failed', statusName: '认证失败', settlement: { blocked: false } });
    expect(failed.body.application.failureReason).toBe('银行名称与开户许可证不一致');
    const notice = await t.database.db.select().from(notifications).where(eq(notifications.template, 'business-info.failed'));
    expect(notice.filter((n) => n.body.includes('银行名称与开户许可证不一致')).map((n) => n.channel).sort()).toEqual(['email', 'site', 'sms']);

    // 修改认证信息后，重新启动认证申请
    const fixed = await call(t, c.session, 'PUT', app(id, '/bank'), bankStep(c, { bankName: '南京某某农村商业银行股份有限公司' }));
    expect(fixed.body.status).toBe('draft');
    const again = await call(t, c.session, 'POST', app(id, '/submit'), {});
    expect(again.body.application.status).toBe('manual_review');
    expect(again.body.application.manualReasons.map((m: { code: string }) => m.code)).toContain('previously-reviewed');
    const detail = await call(t, finance, 'GET', `/api/ops/reviews/${reviewId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.application?.data ?? detail.body.data).toBeTruthy();
    const ok = await call(t, finance, 'POST', `/api/ops/reviews/${reviewId}/approve`, {});
    expect(ok.status).toBe(200);
    expect((await call(t, c.session, 'GET', '/api/business-info')).body.status).toBe('certified');
  });

  it('R14: an enterprise code type other than 统一社会信用代码 cannot be verified by UnionPay: no transfer, reviewer decides', async () => {
    const c = await company(t);
    const id = await fill(t, c, { bank: { enterpriseCodeType: '组织机构代码', enterpriseCode: 'MA1ABCDE-1' } });
    const sub = await call(t, c.session, 'POST', app(id, '/submit'), {});
    expect(sub.body.application.status).toBe('manual_review');
    expect(sub.body.application.manualReasons.map((m: { code: string }) => m.code)).toEqual(['bank-not-verifiable']);
  });

  it('a survey declaring Huawei employees goes to the reviewer after the amount check', async () => {
    const c = await company(t);
    const id = await fill(t, c, { survey: { involved: true, items: [{ item: 2, details: '华为员工赵某兼任顾问' }] } });
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    const r = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: await transferred(t, id) });
    expect(r.body.application.status).toBe('manual_review');
    expect(r.body.application.manualReasons.map((m: { code: string }) => m.code)).toEqual(['related-supplier']);
  });
});

describe('re-certification (重新认证) and the bank confirmation letter (R10)', () => {
  it('company information only: no transfer, 自动认证中 → 已认证; unchanged information is refused', async () => {
    const c = await company(t);
    await certify(t, c);
    clock.set('2025-03-10T02:01:00Z'); // the re-certification comes later than the first one (the latest certified wins)
    const re = await call(t, c.session, 'POST', '/api/business-info/applications', {});
    expect(re.status).toBe(201);
    expect(re.body).toMatchObject({ mode: 'recert_company', modeName: '重新认证（仅修改公司信息）', status: 'draft', step: 4 });
    const same = await call(t, c.session, 'POST', app(re.body.id, '/submit'), {});
    expect(same.status).toBe(400);
    expect(same.body.code).toBe('business-info.no-change');
    await call(t, c.session, 'PUT', app(re.body.id, '/company'), companyStep(c, { financeContact: { lastName: '周', firstName: '八', mobile: '+86-13911112222', email: 'zhou@example.com' } }));
    const sub = await call(t, c.session, 'POST', app(re.body.id, '/submit'), {});
    expect(sub.body.application.status).toBe('auto_certifying');
    expect((await certRow(t, re.body.id)).verificationRound).toBe(0);
    await t.drainJobs();
    const o = await call(t, c.session, 'GET', '/api/business-info');
    expect(o.body.certified.company.financeContact.lastName).toBe('周');
  });

  it('company + bank of a same-name non-IOI supplier: 待提交银行确认函 → template → upload → reviewer → 已认证', async () => {
    const c = await company(t);
    await certify(t, c);
    const re = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    const bank = await call(t, c.session, 'PUT', app(re, '/bank'), bankStep(c, { accountNumber: '6214 0000 1111 2222' })); // 继续修改银行信息
    expect(bank.body.mode).toBe('recert_bank');
    await call(t, c.session, 'POST', app(re, '/submit'), {});
    const v = await call(t, c.session, 'POST', app(re, '/verify-amount'), { amount: await transferred(t, re) });
    expect(v.body.application).toMatchObject({ status: 'awaiting_bank_letter', statusName: '待提交银行确认函', bankLetter: { required: true, file: null } });
    expect(v.body.message).toContain('银行确认函');
    expect(await isSettlementBlocked(t.database.db, c.partner.id)).toBe(true);

    const tpl = await t.app.inject({ method: 'GET', url: app(re, '/bank-letter-template'), headers: c.session.headers });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toBe('application/pdf');
    expect(tpl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const wrongPurpose = await upload(t.app, c.session.headers, 'business-licence', 'letter.pdf', SAMPLE.PDF);
    expect((await call(t, c.session, 'POST', app(re, '/bank-letter'), { fileId: wrongPurpose })).status).toBe(400);
    const letter = await upload(t.app, c.session.headers, 'bank-confirmation-letter', '银行确认函.pdf', SAMPLE.PDF);
    const up = await call(t, c.session, 'POST', app(re, '/bank-letter'), { fileId: letter });
    expect(up.status).toBe(200);
    expect(up.body.application).toMatchObject({ status: 'manual_review', bankLetter: { required: true, file: { id: letter } } });
    expect(up.body.application.manualReasons.map((m: { code: string }) => m.code)).toContain('bank-letter');
    const reviewId = await reviewOf(t, re);
    const detail = await call(t, reviewer, 'GET', `/api/ops/reviews/${reviewId}`);
    expect(JSON.stringify(detail.body)).toContain('银行确认函');
    expect((await call(t, reviewer, 'POST', `/api/ops/reviews/${reviewId}/approve`, {})).status).toBe(200);
    const [supplier] = await t.database.db.select().from(supplierRecords).where(eq(supplierRecords.companyName, c.name));
    expect(supplier!.bankAccount).toBe('6214000011112222');
  });

  it('an IOI supplier changing its bank account needs no letter', async () => {
    const c = await company(t);
    await certify(t, c);
    const put = await call(t, finance, 'PUT', '/api/ops/supplier-records', { companyName: c.name, ioi: true, bankAccount: '6225881234567890', currency: 'CNY' });
    expect(put.status).toBe(200);
    expect((await call(t, psa, 'PUT', '/api/ops/supplier-records', { companyName: c.name, ioi: true, bankAccount: '6225881234567890', currency: 'CNY' })).status).toBe(403);
    const re = (await call(t, c.session, 'POST', '/api/business-info/applications', {})).body.id;
    await call(t, c.session, 'PUT', app(re, '/bank'), bankStep(c, { accountNumber: '6214000011113333' }));
    await call(t, c.session, 'POST', app(re, '/submit'), {});
    const v = await call(t, c.session, 'POST', app(re, '/verify-amount'), { amount: await transferred(t, re) });
    expect(v.body.application.status).toBe('auto_certifying');
  });

  it('a first certification of a same-name non-IOI supplier known with other bank details needs the letter too', async () => {
    const c = await company(t);
    await call(t, finance, 'PUT', '/api/ops/supplier-records', { companyName: c.name, ioi: false, bankAccount: '6225000099998888', currency: 'CNY' });
    // the letter uploaded beforehand (steps 9–10 are optional) is used when it turns out to be needed
    const id = await fill(t, c);
    const letter = await upload(t.app, c.session.headers, 'bank-confirmation-letter', 'letter.png', SAMPLE.PNG);
    expect((await call(t, c.session, 'POST', app(id, '/bank-letter'), { fileId: letter })).body.application.status).toBe('draft');
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    const v = await call(t, c.session, 'POST', app(id, '/verify-amount'), { amount: await transferred(t, id) });
    expect(v.body.application.status).toBe('manual_review');
    expect(v.body.application.manualReasons.map((m: { code: string }) => m.code)).toEqual(['bank-letter']);
  });
});

describe('R11: cloud-store (云商店) partners', () => {
  it('certify only after the revenue-sharing agreement, cannot change anything after submitting, cannot re-certify, cannot settle before', async () => {
    const c = await company(t, { programs: [CLOUD_STORE_PROGRAM] });
    expect(await settlementCheck(t.database.db, c.partner.id)).toMatchObject({ blocked: true, reason: 'not-certified' });
    const refusedStart = await call(t, c.session, 'POST', '/api/business-info/applications', {});
    expect(refusedStart.status).toBe(409);
    expect(refusedStart.body.code).toBe('business-info.cloud-store-agreement-required');
    expect(refusedStart.body.message).toContain('合作分成协议');

    expect((await call(t, finance, 'PUT', `/api/ops/partners/${c.partner.id}/revenue-share-agreement`, {})).status).toBe(403);
    expect((await call(t, operations, 'PUT', `/api/ops/partners/${c.partner.id}/revenue-share-agreement`, { signedAt: '2025-03-01T08:00:00+08:00' })).status).toBe(200);
    expect((await call(t, c.session, 'GET', '/api/business-info')).body.cloudStore).toEqual({ isCloudStore: true, revenueShareSigned: true });

    const id = await fill(t, c, { bank: { bankName: '南京某某农村商业银行' } });
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    await call(t, reviewer, 'POST', `/api/ops/reviews/${await reviewOf(t, id)}/reject`, { reason: '账户信息有误' });
    expect((await call(t, c.session, 'GET', app(id))).body.actions).toEqual([]);
    const edit = await call(t, c.session, 'PUT', app(id, '/bank'), bankStep(c));
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('business-info.cloud-store-no-modification');
    expect((await call(t, c.session, 'POST', app(id, '/submit'), {})).body.code).toBe('business-info.cloud-store-no-modification');
    // the work order path: the vendor deals with it; here the failed row is replaced by a certified one
    await t.database.db.delete(businessCertifications).where(eq(businessCertifications.id, id));
    await certify(t, c);
    expect(await settlementCheck(t.database.db, c.partner.id)).toMatchObject({ blocked: false, certified: true });
    const overview = await call(t, c.session, 'GET', '/api/business-info');
    expect(overview.body.actions).toEqual([]);
    const re = await call(t, c.session, 'POST', '/api/business-info/applications', {});
    expect(re.status).toBe(409);
    expect(re.body.code).toBe('business-info.cloud-store-no-recertification');
  });
});

describe('自动认证中 → 已认证 (the job)', () => {
  const deps = { queue: { send: async () => null } } as unknown as Deps;

  it('the sweep finishes certifications left in 自动认证中 (a lost kick) and fails one whose company was renamed meanwhile', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    await t.database.db.update(businessCertifications).set({ status: 'auto_certifying', companyName: c.name }).where(eq(businessCertifications.id, id));
    const d = await company(t);
    const id2 = await fill(t, d);
    await call(t, d.session, 'POST', app(id2, '/submit'), {});
    await t.database.db.update(businessCertifications).set({ status: 'auto_certifying', companyName: '旧名称有限公司' }).where(eq(businessCertifications.id, id2));
    expect(await completeAutoCertifications(t.database.db, deps)).toBeGreaterThanOrEqual(2);
    expect((await certRow(t, id)).status).toBe('certified');
    expect(await certRow(t, id2)).toMatchObject({ status: 'failed', failureReason: '公司名称已变更，请重新认证' });
    expect(await completeAutoCertifications(t.database.db, deps)).toBe(0);
  });
});

describe('who may do what', () => {
  it('only the main account certifies; another account of the company reads; a 财务专员 member of the main account may certify', async () => {
    const c = await company(t);
    const other = await sibling(t, c);
    const id = await fill(t, c);
    const view = await call(t, other.session, 'GET', '/api/business-info');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ isMainAccount: false, canCertify: false, actions: [] });
    expect(view.body.application.actions).toEqual([]);
    expect((await call(t, other.session, 'GET', app(id))).status).toBe(200);
    const w = await call(t, other.session, 'PUT', app(id, '/survey'), { involved: false });
    expect(w.status).toBe(403);
    expect(w.body.code).toBe('business-info.main-account-only');
    expect((await call(t, other.session, 'POST', app(id, '/submit'), {})).status).toBe(403);

    const fin = await memberSession(t.database, await makeMember(t.database, c.partner.id, [PRESET_ROLES.finance]));
    expect((await call(t, fin, 'POST', app(id, '/submit'), {})).status).toBe(200);
    const am = await memberSession(t.database, await makeMember(t.database, c.partner.id, [PRESET_ROLES.accountManager]));
    expect((await call(t, am, 'GET', '/api/business-info')).status).toBe(403);
    expect((await call(t, am, 'GET', '/api/business-info/settlement-status')).body).toMatchObject({ blocked: true, reason: 'pending' });
  });

  it('staff read the settlement check and the certification list; the queue shows the transferred amount', async () => {
    const c = await company(t);
    const id = await fill(t, c);
    await call(t, c.session, 'POST', app(id, '/submit'), {});
    const s = await call(t, psa, 'GET', `/api/ops/partners/${c.partner.id}/settlement-status`);
    expect(s.body).toMatchObject({ blocked: true, reason: 'pending', statusName: '待验证转账金额' });
    const list = await call(t, finance, 'GET', `/api/ops/business-info/applications?status=amount_verification&company=${encodeURIComponent(c.name)}`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id, verificationAmount: await transferred(t, id), companyName: c.name });
    expect((await call(t, psa, 'GET', '/api/ops/business-info/applications')).status).toBe(403);
  });
});
