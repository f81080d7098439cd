import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { accountSession, makeAccount, makeMember, partnerAdminSession, TEST_PASSWORD, type TestSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { call, joinedReseller, joinedSolutionProvider, makeWorld, partner, type PartnerFx, type T, type World } from './test-helpers.js';
import './standing.js';

/**
 * R26 (a reseller identity cannot buy cloud services) and R29 (an expired solution-provider plan: no new
 * customers, no operations on a customer's behalf, only the super admin signs in), enforced by the modules
 * that own buying, customers and sign-in through `partners/standing.ts`.
 */
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

const ORDER = { items: [{ productId: 'ecs.s6.large.2.linux', regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] };
const EXPIRED_AT = '2027-03-12T02:00:00Z'; // the plan runs 12 months from its approval on 2026-03-10

/** A solution provider whose plan is in force: a consulting link made before it expires, and a member. */
async function solutionProvider(): Promise<{ p: PartnerFx; s: TestSession; token: string; member: { accountName: string } }> {
  const { p, s } = await joinedSolutionProvider(w);
  const links = await call(t, s, 'GET', '/api/customers/invitation-links/generic');
  expect(links.status).toBe(200);
  const consulting = links.body.items.find((l: { associationType: string }) => l.associationType === 'consulting');
  const token = String(consulting.url).split('/').pop()!;
  const member = await makeMember(t.database, p.partner.id, ['system_admin']);
  return { p, s, token, member };
}

/** The same partner after its plan expired, with fresh sessions (the old ones idled out). */
async function expire(p: PartnerFx): Promise<TestSession> {
  clock.set(EXPIRED_AT);
  return partnerAdminSession(t.database, p);
}

const memberLogin = (p: PartnerFx, member: { accountName: string }) =>
  call(t, null, 'POST', '/api/auth/login', { portal: 'partner', mode: 'member', tenant: p.account.tenantName, identifier: member.accountName, password: TEST_PASSWORD });

describe('R26: a reseller identity cannot buy cloud services (L1702, L1937, L2194)', () => {
  it('refuses an order from a solution provider’s account, in the customer portal', async () => {
    const { p } = await joinedSolutionProvider(w);
    const r = await call(t, await accountSession(t.database, p.account), 'POST', '/api/customer/cloud/orders', ORDER);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('cloud.reseller-cannot-buy');
    expect(r.body.message).toContain('无法购买云服务');
    const list = await call(t, await accountSession(t.database, p.account), 'GET', '/api/customer/cloud/orders');
    expect(list.body.total).toBe(0); // nothing half-written
  });

  it('refuses a reseller (云经销商) account too', async () => {
    const { p } = await joinedReseller(w);
    const r = await call(t, await accountSession(t.database, p.account), 'POST', '/api/customer/cloud/orders', ORDER);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('cloud.reseller-cannot-buy');
  });

  it('does not refuse a plain customer, nor a partner outside those plans', async () => {
    const customer = await makeAccount(t.database);
    const a = await call(t, await accountSession(t.database, customer), 'POST', '/api/customer/cloud/orders', ORDER);
    expect(a.body?.code).not.toBe('cloud.reseller-cannot-buy');
    const { p } = await partner(t);
    const b = await call(t, await accountSession(t.database, p.account), 'POST', '/api/customer/cloud/orders', ORDER);
    expect(b.body?.code).not.toBe('cloud.reseller-cannot-buy');
  });
});

describe('R29: an expired solution-provider plan (L2405–2412)', () => {
  it('while the plan is in force nothing below is refused for R29', async () => {
    const { p, s, member } = await solutionProvider();
    const links = await call(t, s, 'GET', '/api/customers/invitation-links/generic');
    expect(links.status).toBe(200);
    const login = await memberLogin(p, member);
    expect(login.status).toBe(200);
  });

  it('no new customers: 报备, 继续申请报备, invitations, links and 重发邀请 are refused', async () => {
    const { p } = await solutionProvider();
    const s = await expire(p);
    const report = { fullName: '张三', mobile: '13900001111', sendInvite: false };
    const attempts: [string, 'GET' | 'POST', string, unknown?][] = [
      ['报备', 'POST', '/api/customers/reports', report],
      ['继续申请报备', 'POST', '/api/customers/reports/manual', { ...report, expectedConsumption: '10万', communication: '已沟通', projectDetails: '上云' }],
      ['邀请', 'POST', '/api/customers/reports/invite', { reportIds: [randomUUID()], associationType: 'consulting' }],
      ['通用邀请链接', 'GET', '/api/customers/invitation-links/generic'],
      ['生成邀请链接', 'POST', '/api/customers/invitation-links', { kind: 'custom', associationType: 'consulting' }],
      ['重发邀请', 'POST', '/api/customers/expansion-records/resend', { recordIds: [randomUUID()] }],
    ];
    for (const [name, method, url, body] of attempts) {
      const r = await call(t, s, method, url, body);
      expect([name, r.status, r.body?.code]).toEqual([name, 403, 'partners.sp-expired.no-new-customers']);
      expect(r.body.message).toBe('您的解决方案提供商计划已经过期，可以管理现有客户，但不能再拓展新的客户');
    }
  });

  it('no new customers: a customer cannot associate through the partner’s link made before the expiry', async () => {
    const { p, token } = await solutionProvider();
    await expire(p);
    const customer = await makeAccount(t.database);
    const r = await call(t, await accountSession(t.database, customer), 'POST', '/api/customer/associations', { token, via: 'qr' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('customers.partner-takes-no-new-customers');
    const mine = await call(t, await accountSession(t.database, customer), 'GET', '/api/customer/partners');
    expect(JSON.stringify(mine.body)).not.toContain(p.partner.id);
  });

  it('no operations on a customer’s behalf: 申请客户授权 and 代客下单 / 代客运维 are refused', async () => {
    const { p } = await solutionProvider();
    const s = await expire(p);
    const customerId = randomUUID();
    const ask = await call(t, s, 'POST', '/api/customers/authorizations', { customerId, acceptAgreement: true });
    expect(ask.status).toBe(403);
    expect(ask.body.code).toBe('partners.sp-expired.no-on-behalf');
    expect(ask.body.message).toBe('您的解决方案提供商计划已经过期，不能代客操作');
    for (const mode of ['order', 'operate']) {
      const r = await call(t, s, 'POST', '/api/customers/on-behalf', { customerId, mode });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('partners.sp-expired.no-on-behalf');
    }
  });

  it('only the super admin signs in: a member’s login is refused with the guide’s words, the main account’s is not', async () => {
    const { p, member } = await solutionProvider();
    await expire(p);
    const r = await memberLogin(p, member);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('auth.sp-expired.members-locked-out');
    expect(r.body.message).toContain('仅超级管理员账号可以访问伙伴中心，其他组织人员账号不可访问伙伴中心');
    const admin = await call(t, null, 'POST', '/api/auth/login', { portal: 'partner', mode: 'account', identifier: p.account.accountName, password: TEST_PASSWORD });
    expect(admin.status).toBe(200);
    // existing customers stay manageable: the customer list still answers
    const s = await partnerAdminSession(t.database, p);
    expect((await call(t, s, 'GET', '/api/customers/reports')).status).toBe(200);
  });
});
