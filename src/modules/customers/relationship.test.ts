import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, partnerAdminSession } from '../../../test/fixtures.js';
import { PRESET_ROLES, STAFF_ROLES } from '../../platform/access/index.js';
import { addMonths, clock, DAY_MS } from '../../platform/clock.js';
import { accounts } from '../accounts/schema.js';
import { registerAssociationHooks, unregisterAssociationHooks } from './extensions.js';
import { currentNotice } from './notice.js';
import { associationEvents, customerAssociations, customerNoticeSignatures } from './schema.js';
import { kit, type T } from './test-kit.js';

let t: T;
let k: ReturnType<typeof kit>;
beforeAll(async () => {
  t = await createTestApp();
  k = kit(t);
});
afterAll(async () => t.close());
afterEach(() => clock.reset());

const unbind = (s: any, customerId: string, body: Record<string, unknown> = {}) =>
  k.call(s, 'POST', `/api/customers/${customerId}/unbind`, { reason: '客户业务调整', acknowledged: true, ...body });
const switchType = (s: any, customerId: string, body: Record<string, unknown> = {}) =>
  k.call(s, 'POST', `/api/customers/${customerId}/switch`, { reason: '客户希望由伙伴统一开票', acknowledged: true, ...body });
async function activeOf(customerId: string) {
  const [a] = await k.db.select().from(customerAssociations).where(and(eq(customerAssociations.customerAccountId, customerId), eq(customerAssociations.status, 'associated')));
  return a ?? null;
}
/** Move the frozen clock and renew the sessions the test uses (they last 7 days). */
async function travel(days: number, who: { p?: any; c?: any }) {
  clock.set(new Date(clock.nowMs() + days * DAY_MS));
  if (who.p) who.p.admin = await partnerAdminSession(t.database, who.p);
  if (who.c) who.c.session = await accountSession(t.database, who.c);
}

describe('partner-initiated unbind (op 19) and the customer\'s 立即处理 (13.2, C4)', () => {
  it('admin only: a 客户经理 or 客户经理主管 is refused (403)', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'consulting');
    const am = await k.member(p, [PRESET_ROLES.accountManager]);
    const sup = await k.member(p, [PRESET_ROLES.amSupervisor]);
    expect((await unbind(am.session, c.id)).status).toBe(403);
    expect((await switchType(sup.session, c.id)).status).toBe(403);
    const sysadmin = await k.member(p, [PRESET_ROLES.systemAdmin]);
    expect((await k.call(sysadmin.session, 'GET', `/api/customers/${c.id}/relationship-check?action=unbind`)).status).toBe(200);
  });

  it('requires the acknowledgement and a reason; another partner\'s customer is 404', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'consulting');
    expect((await unbind(p.admin, c.id, { acknowledged: false })).body.fields.acknowledged).toBeTruthy();
    expect((await unbind(p.admin, c.id, { reason: '' })).body.fields.reason).toBeTruthy();
    const other = await k.partner();
    expect((await unbind(other.admin, c.id)).status).toBe(404);
    expect(await k.db.select().from(associationEvents).where(and(eq(associationEvents.customerAccountId, c.id), eq(associationEvents.type, 'unbind')))).toEqual([]);
  });

  it('unbinds once the customer accepts with an SMS code; the onUnbind hooks run in the same transaction', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'resale');
    const seen: string[] = [];
    registerAssociationHooks('test-unbind', {
      onUnbind: async (tx, a) => {
        // the row is still associated and locked here
        const [row] = await tx.select().from(customerAssociations).where(eq(customerAssociations.id, a.id));
        seen.push(`${row!.status}:${a.associationType}`);
      },
    });
    try {
      const req = await unbind(p.admin, c.id);
      expect(req.status, JSON.stringify(req.body)).toBe(201);
      expect(req.body).toMatchObject({ event: { type: 'unbind', status: 'pending', statusName: '待确认', initiatorName: '伙伴发起' }, message: { zh: expect.stringContaining('您与客户解除关联的申请已提交成功') } });
      const mine = await k.call(c.session, 'GET', '/api/customer/partners');
      expect(mine.body.items[0].pendingRequests[0]).toMatchObject({ id: req.body.event.id, actionable: true });
      // a code is required, a wrong one is refused and changes nothing
      expect((await k.call(c.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/accept`, { code: '000000', acknowledged: true })).status).toBe(400);
      expect(await activeOf(c.id)).not.toBeNull();
      const code = await k.customerCode(c);
      const ok = await k.call(c.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/accept`, { code, acknowledged: true });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(await activeOf(c.id)).toBeNull();
      expect(seen).toEqual(['associated:resale']);
      const [ev] = await k.db.select().from(associationEvents).where(eq(associationEvents.id, req.body.event.id));
      expect(ev!.status).toBe('completed');
      const cts = await k.call(c.session, 'GET', '/api/customer/audit-events');
      const names = cts.body.items.map((e: { eventName: string; resourceType: string }) => `${e.resourceType}.${e.eventName}`);
      expect(names).toEqual(expect.arrayContaining(['csbchannelsales.applyUnbindOrSwitchCooperation', 'accountInfo.approvePartnerOrCustomerApply']));
    } finally {
      unregisterAssociationHooks('test-unbind');
    }
  });

  it('a failing onUnbind hook (e.g. the balance cannot be returned) undoes the whole unbind', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'resale');
    const req = await unbind(p.admin, c.id);
    registerAssociationHooks('test-fail', {
      onUnbind: async () => {
        throw new Error('ledger refused');
      },
    });
    try {
      const code = await k.customerCode(c);
      expect((await k.call(c.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/accept`, { code, acknowledged: true })).status).toBe(500);
      expect(await activeOf(c.id)).not.toBeNull();
      const [ev] = await k.db.select().from(associationEvents).where(eq(associationEvents.id, req.body.event.id));
      expect(ev!.status).toBe('pending');
    } finally {
      unregisterAssociationHooks('test-fail');
    }
  });

  it('the customer may refuse; the association stays and the request ends 已驳回', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'consulting');
    const req = await unbind(p.admin, c.id);
    const code = await k.customerCode(c);
    const r = await k.call(c.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/refuse`, { code });
    expect(r.body.event.status).toBe('rejected');
    expect(await activeOf(c.id)).not.toBeNull();
    // another customer cannot act on it
    const stranger = await k.customer();
    const code2 = await k.customerCode(stranger);
    expect((await k.call(stranger.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/accept`, { code: code2, acknowledged: true })).status).toBe(404);
  });

  it('asks the partner for a code when its switch is on (§19.8)', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'consulting');
    await k.requireCodes(p);
    const missing = await unbind(p.admin, c.id);
    expect([missing.status, Object.keys(missing.body.fields)]).toEqual([400, ['code']]);
    expect((await unbind(p.admin, c.id, { code: '123456' })).status).toBe(400);
    const code = await k.partnerCode(p);
    expect((await unbind(p.admin, c.id, { code })).status).toBe(201);
    // one code authorises one change
    const c2 = await k.associated(p, 'consulting');
    expect((await unbind(p.admin, c2.id, { code })).status).toBe(400);
  });
});

describe('the account check and both 3-month windows (spec 04 §5, 9083–9100)', () => {
  const cases: { name: string; type: 'consulting' | 'resale'; facts: Record<string, boolean>; unbind: boolean; switch: boolean; reseller?: boolean }[] = [
    { name: 'enterprise master with non-hosted sub-accounts blocks both', type: 'consulting', facts: { masterWithUnhostedSubs: true }, unbind: false, switch: false },
    { name: 'a non-hosted sub-account blocks both', type: 'resale', facts: { enterpriseSub: true }, unbind: false, switch: false },
    { name: 'a 云经销商 may unbind, never switch, a non-hosted sub-account', type: 'resale', facts: { enterpriseSub: true }, unbind: true, switch: false, reseller: true },
    { name: 'reserved instances block a 顾问销售 switch only', type: 'consulting', facts: { reservedInstances: true }, unbind: true, switch: false },
    { name: 'orders awaiting partner payment block both', type: 'consulting', facts: { pendingPartnerPayOrders: true }, unbind: false, switch: false },
    { name: '顾问销售 balance: switch offline through customer service', type: 'consulting', facts: { cashBalance: true }, unbind: true, switch: false },
    { name: '顾问销售 arrears block both', type: 'consulting', facts: { inArrears: true }, unbind: false, switch: false },
    { name: '顾问销售 uninvoiced amounts block a switch', type: 'consulting', facts: { uninvoiced: true }, unbind: true, switch: false },
    { name: '代售 arrears block both', type: 'resale', facts: { inArrears: true }, unbind: false, switch: false },
    { name: '代售 partner-support-plan products block an unbind, not a switch', type: 'resale', facts: { supportPlan: true }, unbind: false, switch: true },
    { name: '代售 special contract blocks both', type: 'resale', facts: { specialContract: true }, unbind: false, switch: false },
    { name: '代售 unused pickup vouchers block both', type: 'resale', facts: { unusedPickupVouchers: true }, unbind: false, switch: false },
  ];
  for (const cs of cases) {
    it(cs.name, async () => {
      const p = await k.partner(cs.reseller ? { programs: ['reseller'] } : {});
      const c = await k.associated(p, cs.type, cs.facts);
      for (const action of ['unbind', 'switch'] as const) {
        const check = await k.call(p.admin, 'GET', `/api/customers/${c.id}/relationship-check?action=${action}`);
        expect(check.body.passed, `${action}: ${JSON.stringify(check.body.items.filter((i: any) => !i.passed))}`).toBe(cs[action]);
      }
      const r = await (cs.unbind ? switchType : unbind)(p.admin, c.id, cs.reseller ? { reason: null } : {});
      expect([r.status, r.body.code]).toEqual([409, 'customers.relationship-check-failed']);
    });
  }

  it('one partner request per customer every 3 months, counted even when cancelled', async () => {
    clock.set('2026-01-10T02:00:00Z');
    const p = await k.partner();
    p.admin = await partnerAdminSession(t.database, p);
    const c = await k.associated(p, 'consulting');
    const first = await switchType(p.admin, c.id);
    expect(first.status).toBe(201);
    expect((await unbind(p.admin, c.id)).body.code).toBe('customers.relationship-check-failed'); // open request
    expect((await k.call(p.admin, 'POST', `/api/customers/association-events/${first.body.event.id}/cancel`, {})).body.event.status).toBe('cancelled');
    const again = await unbind(p.admin, c.id);
    expect(again.body.params.failed).toEqual(['partner_window']);
    await travel(addMonths(clock.now(), 3).getTime() / DAY_MS - clock.nowMs() / DAY_MS, { p });
    expect((await unbind(p.admin, c.id)).status).toBe(201);
  });

  it('after a customer\'s own unbind request, the partner waits 3 months from it', async () => {
    clock.set('2026-02-01T02:00:00Z');
    const p = await k.partner();
    p.admin = await partnerAdminSession(t.database, p);
    const c = await k.associated(p, 'consulting');
    c.session = await accountSession(t.database, c);
    const code = await k.customerCode(c);
    const req = await k.call(c.session, 'POST', '/api/customer/unbind', { acknowledged: true, code });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect((await k.call(p.admin, 'POST', `/api/customers/association-events/${req.body.event.id}/reject`, { reason: '合同未到期' })).body.event.status).toBe('rejected');
    const blocked = await switchType(p.admin, c.id);
    expect(blocked.body.params.failed).toEqual(['customer_window']);
    await travel(60, { p });
    expect((await switchType(p.admin, c.id)).body.params.failed).toEqual(['customer_window']);
    await travel(31, { p });
    expect((await switchType(p.admin, c.id)).status).toBe(201);
  });
});

describe('switch association type (op 20)', () => {
  it('completes when the customer passes the check, ticks both notices and enters the code; the onSwitch hook sees the change', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'consulting');
    const changes: string[] = [];
    registerAssociationHooks('test-switch', { onSwitch: async (_tx, a, ch) => void changes.push(`${ch.from}->${ch.to}:${a.associationType}`) });
    try {
      const req = await switchType(p.admin, c.id);
      expect(req.body.event).toMatchObject({ type: 'switch', toType: 'resale', typeName: '切换关联类型' });
      // 我的合作伙伴 gives the customer both notices of the target mode to read before 同意切换
      const pending = (await k.call(c.session, 'GET', '/api/customer/partners')).body.items[0].pendingRequests[0];
      expect(pending.switchNotice).toMatchObject({ key: 'switch-notice', version: currentNotice('switch-notice', 'resale').version });
      expect(pending.associationNotice).toMatchObject({ key: 'association-notice', associationType: 'resale' });
      expect(pending.associationNotice.points[0]).toContain('代售模式');
      const code = await k.customerCode(c);
      const noNotice = await k.call(c.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/accept`, { code, acknowledged: true });
      expect(noNotice.body.fields.switchNoticeVersion).toBeTruthy();
      const ok = await k.call(c.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/accept`, {
        code,
        acknowledged: true,
        switchNoticeVersion: currentNotice('switch-notice', 'resale').version,
        associationNoticeVersion: currentNotice('association-notice', 'resale').version,
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect((await activeOf(c.id))!.associationType).toBe('resale');
      expect(changes).toEqual(['consulting->resale:resale']);
      const sigs = await k.db.select().from(customerNoticeSignatures).where(and(eq(customerNoticeSignatures.customerAccountId, c.id), eq(customerNoticeSignatures.context, 'switch')));
      expect(sigs.map((s) => s.noticeKey).sort()).toEqual(['association-notice', 'switch-notice']);
      // a second request within 3 months is refused with the guide's reason
      const second = await switchType(p.admin, c.id);
      expect(second.body.message).toContain('伙伴在3个月内仅可以发起一次与同一客户解除关联或切换关联类型的申请');
    } finally {
      unregisterAssociationHooks('test-switch');
    }
  });

  it('the customer\'s account check at 同意切换 refuses when a blocker appeared meanwhile', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'consulting');
    const req = await switchType(p.admin, c.id);
    await k.setFacts(c.id, { uninvoiced: true });
    const code = await k.customerCode(c);
    const r = await k.call(c.session, 'POST', `/api/customer/association-requests/${req.body.event.id}/accept`, {
      code,
      acknowledged: true,
      switchNoticeVersion: 'V1001',
      associationNoticeVersion: 'V1001',
    });
    expect(r.body.code).toBe('customers.relationship-check-failed');
    expect((await activeOf(c.id))!.associationType).toBe('consulting');
  });
});

describe('Huawei pre-review of a 代售 unbind under a framework contract (9205–9210)', () => {
  it('goes to the ops queue first; a rejection shows 不通过原因 and 联系预审人, and does not use up the window', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'resale', { frameworkContract: true });
    const req = await unbind(p.admin, c.id);
    expect(req.body.event).toMatchObject({ status: 'pre_review', statusName: '待预审' });
    expect((await k.call(c.session, 'GET', '/api/customer/partners')).body.items[0].pendingRequests[0].actionable).toBe(false);
    const eco = await k.staff([STAFF_ROLES.ecosystemManager]);
    await k.db.execute(sql`update staff_users set email = 'eco@huawei.example.com' where id = ${eco.id}`);
    const app = await k.db.select().from(associationEvents).where(eq(associationEvents.id, req.body.event.id));
    expect((await k.call(eco.session, 'POST', `/api/ops/reviews/${app[0]!.reviewId}/reject`, { reason: '框架合同未结算' })).status).toBe(200);
    const ev = await k.call(p.admin, 'GET', `/api/customers/association-events/${req.body.event.id}`);
    expect(ev.body).toMatchObject({ status: 'pre_review_rejected', preReviewReasons: '框架合同未结算', preReviewer: { name: eco.name, email: 'eco@huawei.example.com' } });
    // re-apply after fixing; this time the pre-reviewer approves and the customer gets the request
    const again = await unbind(p.admin, c.id);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const [row] = await k.db.select().from(associationEvents).where(eq(associationEvents.id, again.body.event.id));
    expect((await k.call(eco.session, 'POST', `/api/ops/reviews/${row!.reviewId}/approve`, {})).status).toBe(200);
    expect((await k.call(c.session, 'GET', '/api/customer/partners')).body.items[0].pendingRequests[0]).toMatchObject({ status: 'pending', actionable: true });
  });

  it('a 云经销商 has no pre-review and no reason step (18694)', async () => {
    const r = await k.partner({ programs: ['reseller'] });
    const c = await k.associated(r, 'resale', { frameworkContract: true });
    const req = await unbind(r.admin, c.id, { reason: null });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body.event.status).toBe('pending');
  });

  it('cancelling a request under pre-review withdraws it from the queue', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'resale', { frameworkContract: true });
    const req = await unbind(p.admin, c.id);
    const cancel = await k.call(p.admin, 'POST', `/api/customers/association-events/${req.body.event.id}/cancel`, {});
    expect(cancel.body.event.status).toBe('cancelled');
    const [row] = await k.db.select().from(associationEvents).where(eq(associationEvents.id, req.body.event.id));
    const ops = await k.staff();
    expect((await k.call(ops.session, 'GET', `/api/ops/reviews/${row!.reviewId}`)).body.status).toBe('withdrawn');
  });
});

describe('customer-initiated unbind (13.2) and the admin\'s 同意 / 驳回 (op 21)', () => {
  it('checks the customer side, then the admin approves with a code and the association ends', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'resale', { unusedPickupVouchers: true });
    const check = await k.call(c.session, 'GET', '/api/customer/unbind-check');
    expect(check.body.items.find((i: any) => !i.passed).key).toBe('pickup_vouchers');
    let code = await k.customerCode(c);
    expect((await k.call(c.session, 'POST', '/api/customer/unbind', { acknowledged: true, code })).body.code).toBe('customers.relationship-check-failed');
    await k.setFacts(c.id, { unusedPickupVouchers: false });
    code = await k.customerCode(c);
    const req = await k.call(c.session, 'POST', '/api/customer/unbind', { acknowledged: true, code });
    expect(req.status).toBe(201);
    const list = await k.call(p.admin, 'GET', '/api/customers/association-events?initiator=customer');
    expect(list.body).toMatchObject({ pendingCustomerRequests: 1 });
    expect(list.body.items[0]).toMatchObject({ initiatorName: '客户发起', actions: ['approve', 'reject'], customerName: expect.stringContaining('*') });
    const am = await k.member(p, [PRESET_ROLES.accountManager]);
    expect((await k.call(am.session, 'POST', `/api/customers/association-events/${req.body.event.id}/approve`, {})).status).toBe(403);
    await k.requireCodes(p);
    expect((await k.call(p.admin, 'POST', `/api/customers/association-events/${req.body.event.id}/approve`, {})).status).toBe(400);
    const pcode = await k.partnerCode(p);
    expect((await k.call(p.admin, 'POST', `/api/customers/association-events/${req.body.event.id}/approve`, { code: pcode })).status).toBe(200);
    expect(await activeOf(c.id)).toBeNull();
  });

  it('one customer request every 3 months; 顾问销售 arrears block it', async () => {
    const p = await k.partner();
    const c = await k.associated(p, 'consulting', { inArrears: true });
    let code = await k.customerCode(c);
    expect((await k.call(c.session, 'POST', '/api/customer/unbind', { acknowledged: true, code })).body.params.failed).toEqual(['arrears']);
    await k.setFacts(c.id, { inArrears: false });
    code = await k.customerCode(c);
    const req = await k.call(c.session, 'POST', '/api/customer/unbind', { acknowledged: true, code });
    await k.call(p.admin, 'POST', `/api/customers/association-events/${req.body.event.id}/reject`, {});
    code = await k.customerCode(c);
    expect((await k.call(c.session, 'POST', '/api/customer/unbind', { acknowledged: true, code })).body.params.failed).toEqual(['customer_window']);
    const log = await k.call(c.session, 'GET', '/api/customer/association-events');
    expect(log.body.items.map((e: any) => e.typeName)).toEqual(expect.arrayContaining(['解除关联', '关联']));
  });

  it('an unassociated customer cannot request an unbind', async () => {
    const c = await k.customer();
    const code = await k.customerCode(c);
    expect((await k.call(c.session, 'POST', '/api/customer/unbind', { acknowledged: true, code })).body.code).toBe('customers.not-associated');
  });
});

describe('关联关系操作记录 scope', () => {
  it('a 客户经理 sees only their customers\' events', async () => {
    const p = await k.partner();
    const am = await k.member(p, [PRESET_ROLES.accountManager]);
    await k.associated(p, 'consulting', {}, am.session);
    await k.associated(p, 'consulting');
    expect((await k.call(am.session, 'GET', '/api/customers/association-events')).body.total).toBe(1);
    expect((await k.call(p.admin, 'GET', '/api/customers/association-events')).body.total).toBe(2);
    void accounts;
  });
});
