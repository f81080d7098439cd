import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { makeAccount, makeMember, makePartner, makeStaff, TEST_PASSWORD, partnerAdminSession } from '../../../test/fixtures.js';
import { notifications } from '../../platform/notify/schema.js';
import { clock, MINUTE_MS } from '../../platform/clock.js';
import { PRESET_ROLES } from '../../platform/access/index.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';

type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.reset());

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  const first = (Array.isArray(set) ? set : [set]).find((c) => String(c).startsWith(SESSION_COOKIE));
  return String(first).split(';')[0]!;
}

async function latestCode(address: string): Promise<string> {
  const [n] = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.address, address), eq(notifications.template, 'verification-code')))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return String((n!.data as { code: string }).code);
}

describe('registration and activation (spec 01 §2.1)', () => {
  it('registers with mobile + SMS code + strong password, then activates the cloud account', async () => {
    const mobile = '13912345678';
    const codeRes = await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile } });
    expect(codeRes.statusCode).toBe(200);
    const code = await latestCode('+86-13912345678');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { countryRegion: '中国', mobile, code, password: 'onlyletters', confirmPassword: 'onlyletters' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields.password).toMatch(/数字/);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { countryRegion: '中国', mobile, code, password: 'Abcdef123', confirmPassword: 'Abcdef123' },
    });
    expect(res.statusCode).toBe(201);
    const cookie = cookieOf(res);
    const csrf = res.json().csrfToken;
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/activate-cloud', headers: { cookie }, payload: { accept: true } });
    expect(noCsrf.statusCode).toBe(403);
    const refusedTerms = await t.app.inject({ method: 'POST', url: '/api/auth/activate-cloud', headers: { cookie, 'x-csrf-token': csrf }, payload: { accept: false } });
    expect(refusedTerms.statusCode).toBe(400);
    const act = await t.app.inject({ method: 'POST', url: '/api/auth/activate-cloud', headers: { cookie, 'x-csrf-token': csrf }, payload: { accept: true } });
    expect(act.statusCode).toBe(200);
    expect(act.json().message).toBe('开通成功, 欢迎加入华为云');
  });

  it('refuses a mobile number that is already registered (L2449)', async () => {
    const a = await makeAccount(t.database);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile: a.mobile.replace('+86-', '') } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('account.mobile-taken');
  });

  it('refuses a wrong code and writes no account', async () => {
    const mobile = '13912340000';
    await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile } });
    const real = await latestCode('+86-13912340000');
    const wrong = real === '000000' ? '111111' : '000000';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { countryRegion: '中国', mobile, code: wrong, password: 'Abcdef123', confirmPassword: 'Abcdef123' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.code).toBeTruthy();
  });

  it('rejects unknown fields', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile: '13900001111', extra: 1 } });
    expect(res.statusCode).toBe(400);
  });

  it('allows 5 code requests to one number per hour, then locks it', async () => {
    clock.set('2026-04-01T08:00:00Z');
    const mobile = '13912348888';
    for (let i = 0; i < 5; i++) {
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile } })).statusCode, `request ${i + 1}`).toBe(200);
      clock.advance(61_000);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.locked');
    clock.advance(61 * MINUTE_MS);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile } })).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.7',
        payload: { portal: 'customer', mode: 'account', identifier: `nobody${i}`, password: 'Wrong12345' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it('refuses a second code request within 60 seconds', async () => {
    const mobile = '13912349999';
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/register/code', payload: { mobile } })).statusCode).toBe(429);
  });
});

describe('sign-in', () => {
  it('signs in by account name, mobile or e-mail; /me shows the actor and the csrf token', async () => {
    const a = await makeAccount(t.database);
    for (const identifier of [a.accountName, a.mobile.replace('+86-', ''), a.email!]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { portal: 'customer', mode: 'account', identifier, password: TEST_PASSWORD } });
      expect(res.statusCode, identifier).toBe(200);
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(res) } });
      expect(me.json().actor.kind).toBe('account');
      expect(me.json().csrfToken).toBe(res.json().csrfToken);
    }
  });

  it('a partner account signs in to the partner portal as its admin with every menu', async () => {
    const p = await makePartner(t.database);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { portal: 'partner', mode: 'account', identifier: p.account.accountName, password: TEST_PASSWORD } });
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(res) } })).json();
    expect(me.actor.kind).toBe('partner');
    expect(me.actor.isAdmin).toBe(true);
    expect(me.menus.map((m: { zh: string }) => m.zh)).toEqual(expect.arrayContaining(['主页', '计划', '组织', '构建', '能力', '权益', '销售', '交付', '支持']));
  });

  it('an org member signs in with tenant + member name and sees only their menus; first sign-in must change the password', async () => {
    const p = await makePartner(t.database, { programs: ['distributor'] });
    const m = await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager], { mustChangePassword: true });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { portal: 'partner', mode: 'member', tenant: p.account.accountName, identifier: m.accountName, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = cookieOf(res);
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.actor.isAdmin).toBe(false);
    expect(me.actor.programs).toEqual(['distributor']); // the account's plans, whatever the member's menus
    const top = me.menus.map((x: { zh: string }) => x.zh);
    expect(top).toContain('销售');
    expect(top).not.toContain('组织');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd', confirmPassword: 'NewPassw0rd' },
    });
    expect(change.statusCode).toBe(200);
    const me2 = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me2.actor.kind).toBe('partner'); // the session that changed the password stays signed in
    expect(me2.mustChangePassword).toBe(false);
  });

  it('locks the identifier for 15 minutes after 5 failures, then lets it in again', async () => {
    const a = await makeAccount(t.database);
    clock.set('2026-03-01T10:00:00Z');
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { portal: 'customer', mode: 'account', identifier: a.accountName, password } });
    for (let i = 0; i < 4; i++) expect((await attempt('Wrong12345')).statusCode).toBe(401);
    expect((await attempt('Wrong12345')).statusCode).toBe(429);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429); // locked even with the right password
    clock.advance(16 * MINUTE_MS);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('staff sign in only to the ops console', async () => {
    const s = await makeStaff(t.database, ['reviewer']);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { portal: 'ops', mode: 'staff', identifier: s.username, password: TEST_PASSWORD } });
    expect(ok.statusCode).toBe(200);
    const wrongPortal = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { portal: 'partner', mode: 'staff', identifier: s.username, password: TEST_PASSWORD } });
    expect(wrongPortal.statusCode).toBe(400);
  });

  it('sign-out ends the session', async () => {
    const p = await makePartner(t.database);
    const s = await partnerAdminSession(t.database, p);
    expect((await t.app.inject({ method: 'GET', url: '/api/profile', headers: s.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/profile', headers: s.headers })).statusCode).toBe(401);
  });
});

describe('password reset and profile', () => {
  it('resets with an SMS code and signs the account out everywhere', async () => {
    const a = await makeAccount(t.database);
    const s = await partnerAdminSession(t.database, { account: a, partner: { id: a.id } });
    await t.app.inject({ method: 'POST', url: '/api/auth/password/reset-code', payload: { target: a.mobile } });
    const code = await latestCode(a.mobile);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password/reset', payload: { target: a.mobile, code, password: 'Reset1234', confirmPassword: 'Reset1234' } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/profile', headers: s.headers })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { portal: 'customer', mode: 'account', identifier: a.accountName, password: 'Reset1234' } });
    expect(login.statusCode).toBe(200);
    // the code is single-use
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/password/reset', payload: { target: a.mobile, code, password: 'Reset5678', confirmPassword: 'Reset5678' } });
    expect(again.statusCode).toBe(400);
  });

  it('a password change keeps this session and signs out the others', async () => {
    const a = await makeAccount(t.database);
    const mine = await partnerAdminSession(t.database, { account: a, partner: { id: a.id } });
    const other = await partnerAdminSession(t.database, { account: a, partner: { id: a.id } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: mine.headers,
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'Changed123', confirmPassword: 'Changed123' },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/profile', headers: mine.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/profile', headers: other.headers })).statusCode).toBe(401);
  });

  it('saves language and time zone; the account name can change only once (R2)', async () => {
    const p = await makePartner(t.database);
    const s = await partnerAdminSession(t.database, p);
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: '/api/profile', headers: s.headers, payload });
    const r1 = await put({ language: 'en-US', timeZone: 'Europe/Berlin' });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ language: 'en-US', timeZone: 'Europe/Berlin' });
    expect((await put({ timeZone: 'Mars/Olympus' })).statusCode).toBe(400);
    expect((await put({ accountName: 'renamed_once1' })).statusCode).toBe(200);
    const r2 = await put({ accountName: 'renamed_twice' });
    expect(r2.statusCode).toBe(409);
    expect(r2.json().code).toBe('profile.account-name-once');
  });

  it('answers errors in the caller\'s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/profile', headers: { 'accept-language': 'en-US' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('Please sign in first');
  });
});
