import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeMember, memberSession, partnerAdminSession, type TestSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { call, joinedSolutionProvider, lastMessage, makeWorld, sibling, type PartnerFx, type T, type World } from './test-helpers.js';

let w: World;
let t: T;
beforeAll(async () => {
  w = await makeWorld();
  t = w.t;
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2026-03-10T02:00:00Z'));

/** A solution provider whose plan has expired (12 months later), with a fresh session. */
async function expiredSp(): Promise<{ p: PartnerFx; s: TestSession }> {
  const { p } = await joinedSolutionProvider(w);
  clock.set('2027-03-12T02:00:00Z');
  return { p, s: await partnerAdminSession(t.database, p) };
}

async function codeSentTo(address: string): Promise<string> {
  const m = await lastMessage(t, address);
  return (m!.data as { code: string }).code;
}

let mobileSeq = 0;
const newMobile = () => `1370000${String(1000 + mobileSeq++).padStart(4, '0')}`;

async function registrationCode(mobile: string): Promise<string> {
  const r = await call(t, null, 'POST', '/api/auth/register/code', { mobile });
  expect(r.status).toBe(200);
  return codeSentTo(`+86-${mobile}`);
}

describe('quick registration after the solution-provider plan expires (op 22, R29, R37)', () => {
  it('is refused while the plan is in force', async () => {
    const { s } = await joinedSolutionProvider(w);
    const notice = await call(t, s, 'GET', '/api/programs/solution-provider/expiry');
    expect(notice.body.expired).toBe(false);
    const r = await call(t, s, 'POST', '/api/programs/quick-registration/code', { channel: 'email' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.quick-registration.not-expired');
  });

  it('the pop-up lists the impacts and the company’s empty accounts; only the super admin (the partner account) sees it', async () => {
    const { p, s } = await expiredSp();
    await sibling(t, p); // an empty account: no path, no plan
    const withPath = await sibling(t, p, ['service']);
    void withPath;
    const r = await call(t, s, 'GET', '/api/programs/solution-provider/expiry');
    expect(r.status).toBe(200);
    expect(r.body.expired).toBe(true);
    expect(r.body.title.zh).toBe('您的解决方案提供商计划已经过期');
    expect(r.body.impacts.map((x: { zh: string }) => x.zh)[2]).toBe('仅超级管理员账号可以访问伙伴中心，其他组织人员账号不可访问伙伴中心。');
    expect(r.body.emptyAccounts).toHaveLength(1);
    expect(r.body.emptyAccounts[0].accountName).toContain('*****');
    expect(r.body.emptyAccounts[0].accountType).toBe('--');
    const member = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['system_admin']));
    expect((await call(t, member, 'GET', '/api/programs/solution-provider/expiry')).status).toBe(403);
  });

  it('code to the main account (valid 5 minutes) → verify → register within 24 h with another mobile → 立即入驻 in the same company', async () => {
    const { p, s } = await expiredSp();
    const sent = await call(t, s, 'POST', '/api/programs/quick-registration/code', { channel: 'email' });
    expect(sent.status).toBe(200);
    expect(sent.body.message.zh).toBe('邮件验证码已发送，验证码5分钟内有效');
    expect(sent.body.target).toContain('*****');
    const code = await codeSentTo(p.account.email!);
    const wrong = await call(t, s, 'POST', '/api/programs/quick-registration/verify', { channel: 'email', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    const ok = await call(t, s, 'POST', '/api/programs/quick-registration/verify', { channel: 'email', code });
    expect(ok.status).toBe(200);
    expect(new Date(ok.body.deadline).getTime() - clock.now().getTime()).toBe(24 * 3600_000);

    // a mobile number that is already registered fails (L2449): the main account's own cannot even get a code
    const taken = await call(t, null, 'POST', '/api/auth/register/code', { mobile: p.account.mobile.replace('+86-', '') });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toBe('该手机号已注册华为账号');
    const mobile = newMobile();
    const regCode = await registrationCode(mobile);
    const noTerms = await call(t, null, 'POST', '/api/programs/quick-registration/register', { token: ok.body.token, mobile, code: regCode, password: 'Welcome@2026x', confirmPassword: 'Welcome@2026x', acceptCloudTerms: false });
    expect(noTerms.status).toBe(400);
    expect(noTerms.body.fields.acceptCloudTerms).toBeDefined();
    const done = await call(t, null, 'POST', '/api/programs/quick-registration/register', { token: ok.body.token, mobile, code: regCode, password: 'Welcome@2026x', confirmPassword: 'Welcome@2026x', acceptCloudTerms: true });
    expect(done.status).toBe(201);
    expect(done.body.message.zh).toContain('请联系总经销商发送邀请邮件');
    const [np] = await t.database.db.select().from(partners).where(eq(partners.id, done.body.partnerId));
    expect(np).toMatchObject({ companyId: p.company.id, isMainAccount: false, paths: [], programs: [] });
    const [acct] = await t.database.db.select().from(accounts).where(eq(accounts.id, done.body.accountId));
    expect(acct!.cloudActivatedAt).not.toBeNull(); // 开通华为云
    expect(acct!.mobile).toBe(`+86-${mobile}`);

    const reuse = await call(t, null, 'POST', '/api/programs/quick-registration/register', { token: ok.body.token, mobile: newMobile(), code: '123456', password: 'Welcome@2026x', confirmPassword: 'Welcome@2026x', acceptCloudTerms: true });
    expect(reuse.status).toBe(409);
    expect(reuse.body.code).toBe('programs.quick-registration.used');
  });

  it('the code is void after 5 minutes', async () => {
    const { p, s } = await expiredSp();
    await call(t, s, 'POST', '/api/programs/quick-registration/code', { channel: 'sms' });
    const code = await codeSentTo(p.account.mobile);
    clock.advance(5 * 60_000 + 1000);
    const fresh = await partnerAdminSession(t.database, p);
    const r = await call(t, fresh, 'POST', '/api/programs/quick-registration/verify', { channel: 'sms', code });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('code.invalid');
  });

  it('registration more than 24 hours after the verification is refused', async () => {
    const { p, s } = await expiredSp();
    await call(t, s, 'POST', '/api/programs/quick-registration/code', { channel: 'email' });
    const ok = await call(t, s, 'POST', '/api/programs/quick-registration/verify', { channel: 'email', code: await codeSentTo(p.account.email!) });
    clock.advance(24 * 3600_000 + 1000);
    const mobile = newMobile();
    const regCode = await registrationCode(mobile);
    const r = await call(t, null, 'POST', '/api/programs/quick-registration/register', { token: ok.body.token, mobile, code: regCode, password: 'Welcome@2026x', confirmPassword: 'Welcome@2026x', acceptCloudTerms: true });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.quick-registration.expired');
    expect(r.body.message).toBe('验证成功后需在24小时内完成新账号注册，请重新验证');
    const [none] = await t.database.db.select().from(accounts).where(eq(accounts.mobile, `+86-${mobile}`));
    expect(none).toBeUndefined();
  });

  it('an unknown token names the field', async () => {
    const r = await call(t, null, 'POST', '/api/programs/quick-registration/register', { token: 'x'.repeat(20), mobile: newMobile(), code: '123456', password: 'Welcome@2026x', confirmPassword: 'Welcome@2026x', acceptCloudTerms: true });
    expect(r.status).toBe(400);
    expect(r.body.fields.token).toBeDefined();
  });
});
