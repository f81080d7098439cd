import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp } from '../../../../test/app.js';
import { makeMember, memberSession } from '../../../../test/fixtures.js';
import { PRESET_ROLES } from '../../../platform/access/index.js';
import { clock } from '../../../platform/clock.js';
import { inTransaction } from '../../../platform/db/index.js';
import type { Ctx } from '../../../platform/context.js';
import type { Deps } from '../../../platform/deps.js';
import { customerAssociations } from '../schema.js';
import { runOnAssociate, runOnSwitch, runOnUnbind, customerRowEnrichers } from '../extensions.js';
import { countsFrom, managerAt } from './managers.js';
import { allocatable, associate, call, customerBalance, fund, partnerWorld, rid, type T } from './test-helpers.js';
import './hooks.js';

let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

async function team(p: Awaited<ReturnType<typeof partnerWorld>>) {
  const supervisor = await makeMember(t.database, p.partner.id, [PRESET_ROLES.amSupervisor], { name: '主管甲' });
  const am1 = await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager], { name: '经理一', supervisorId: supervisor.id });
  const am2 = await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager], { name: '经理二' });
  return { supervisor, am1, am2 };
}

describe('客户分配 (spec 04 op 27) and 分配客户经理 (op 25)', () => {
  it('assigns unassigned customers; an assigned one cannot be picked again there, but can be reassigned from the customer list', async () => {
    const p = await partnerWorld(t);
    const { am1, am2 } = await team(p);
    const a = await associate(t, p.partner.id);
    const b = await associate(t, p.partner.id);
    const res = await call(t, p.admin, 'POST', `/api/customers/assignment/managers/${am1.id}/customers`, { customerIds: [a.customerId, b.customerId] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ assigned: 2, message: '分配客户成功！' });
    const managers = (await call(t, p.admin, 'GET', '/api/customers/assignment/managers?reveal=true')).json();
    expect(managers.items.find((m: { id: string }) => m.id === am1.id)).toMatchObject({ name: '经理一', assignedCustomers: 2 });
    const maskedList = (await call(t, p.admin, 'GET', '/api/customers/assignment/managers')).json();
    expect(maskedList.items.find((m: { id: string }) => m.id === am1.id).name).toBe('经**');

    const again = await call(t, p.admin, 'POST', `/api/customers/assignment/managers/${am2.id}/customers`, { customerIds: [a.customerId] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'customers.assignment.already-assigned', message: '不可以选择已经分配给客户经理的客户' });
    const candidates = (await call(t, p.admin, 'GET', '/api/customers/assignment/candidates?unassignedOnly=true')).json();
    expect(candidates.items.map((c: { customerId: string }) => c.customerId)).not.toContain(a.customerId);

    const reassigned = await call(t, p.admin, 'POST', '/api/customers/assignment', { customerIds: [a.customerId], memberId: am2.id });
    expect(reassigned.statusCode).toBe(200);
    const history = (await call(t, p.admin, 'GET', `/api/customers/assignment/history/${a.customerId}`)).json();
    expect(history.currentManagerId).toBe(am2.id);
    expect(history.items.map((h: { memberId: string; current: boolean }) => [h.memberId, h.current])).toEqual([
      [am2.id, true],
      [am1.id, false],
    ]);
    expect(history.items[1].endedAt).not.toBeNull();

    const list = (await call(t, p.admin, 'GET', `/api/customers/assignment/managers/${am1.id}/customers`)).json();
    expect(list.items.map((c: { customerId: string }) => c.customerId)).toEqual([b.customerId]);
    const back = await call(t, p.admin, 'POST', `/api/customers/assignment/managers/${am1.id}/take-back`, { customerIds: [b.customerId] });
    expect(back.json()).toEqual({ takenBack: 1 });
    const [row] = await t.database.db.select().from(customerAssociations).where(eq(customerAssociations.id, b.association.id));
    expect(row!.accountManagerId).toBeNull();
    const notTheirs = await call(t, p.admin, 'POST', `/api/customers/assignment/managers/${am1.id}/take-back`, { customerIds: [a.customerId] });
    expect(notTheirs.json().code).toBe('customers.assignment.not-theirs');
  });

  it('consumption counts from the day after assignment (Beijing time); for a 云经销商 from the moment itself', async () => {
    clock.set('2025-03-10T15:30:00Z'); // 23:30 in Beijing
    const p = await partnerWorld(t);
    const { am1 } = await team(p);
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/assignment', { customerIds: [c.customerId], memberId: am1.id });
    const [h] = (await call(t, p.admin, 'GET', `/api/customers/assignment/history/${c.customerId}`)).json().items;
    expect(h.assignedAt).toBe('2025-03-10T15:30:00.000Z');
    expect(h.countsFrom).toBe('2025-03-10T16:00:00.000Z'); // 2025-03-11 00:00 Beijing
    expect(await managerAt(t.database.db, p.partner.id, c.customerId, new Date('2025-03-10T15:45:00Z'))).toBeNull();
    expect(await managerAt(t.database.db, p.partner.id, c.customerId, new Date('2025-03-10T16:00:00Z'))).toBe(am1.id);
    expect(countsFrom(new Date('2025-03-10T15:30:00Z'), 'reseller').toISOString()).toBe('2025-03-10T15:30:00.000Z');
    expect(countsFrom(new Date('2025-03-10T01:00:00Z'), 'distributor').toISOString()).toBe('2025-03-10T16:00:00.000Z');
    clock.reset();
  });

  it('only 客户经理 / 客户经理主管 can receive customers; a 客户经理 has no 客户分配 right', async () => {
    const p = await partnerWorld(t);
    const { am1 } = await team(p);
    const finance = await makeMember(t.database, p.partner.id, [PRESET_ROLES.finance]);
    const c = await associate(t, p.partner.id);
    const res = await call(t, p.admin, 'POST', '/api/customers/assignment', { customerIds: [c.customerId], memberId: finance.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('customers.assignment.not-manager');
    const amSession = await memberSession(t.database, am1);
    expect((await call(t, amSession, 'POST', '/api/customers/assignment', { customerIds: [c.customerId], memberId: am1.id })).statusCode).toBe(403);
    const other = await partnerWorld(t);
    expect((await call(t, other.admin, 'POST', '/api/customers/assignment', { customerIds: [c.customerId], memberId: am1.id })).statusCode).toBe(404);
    expect((await call(t, other.admin, 'GET', `/api/customers/assignment/managers/${am1.id}/customers`)).statusCode).toBe(404);
  });

  it('a 客户经理主管 assigns within their team only, and then the manager sees the customer', async () => {
    const p = await partnerWorld(t);
    const { supervisor, am1, am2 } = await team(p);
    const mine = await associate(t, p.partner.id, 'resale', { accountManagerId: supervisor.id });
    const sup = await memberSession(t.database, supervisor);
    expect((await call(t, sup, 'POST', '/api/customers/assignment', { customerIds: [mine.customerId], memberId: am2.id })).statusCode).toBe(404);
    expect((await call(t, sup, 'POST', '/api/customers/assignment', { customerIds: [mine.customerId], memberId: am1.id })).statusCode).toBe(200);
    const managers = (await call(t, sup, 'GET', '/api/customers/assignment/managers')).json();
    expect(managers.items.map((m: { id: string }) => m.id).sort()).toEqual([supervisor.id, am1.id].sort());
    await fund(t, p.partner.id, '10.00');
    const am = await memberSession(t.database, am1);
    expect((await call(t, am, 'POST', '/api/customers/funds/allocations', { customerId: mine.customerId, amount: '1.00', requestId: rid() })).statusCode).toBe(201);
  });
});

function ctxOf(actor: Ctx['actor']): Ctx {
  return { db: t.database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'test', deps: {} as Deps };
}

describe('association hooks (customers/extensions.ts)', () => {
  it('onUnbind returns the balance, ends the manager period and the authorizations', async () => {
    const p = await partnerWorld(t);
    const { am1 } = await team(p);
    await fund(t, p.partner.id, '300.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/assignment', { customerIds: [c.customerId], memberId: am1.id });
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '120.00', requestId: rid() });
    const ctx = ctxOf({ kind: 'account', accountId: c.customerId, accountName: c.customer.accountName });
    await inTransaction(t.database.db, async (tx) => {
      const [row] = await tx.select().from(customerAssociations).where(eq(customerAssociations.id, c.association.id)).for('update');
      await runOnUnbind(tx, row!, ctx);
    });
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('0.00');
    expect(await allocatable(t, p.partner.id)).toBe('300.00');
    const history = (await call(t, p.admin, 'GET', `/api/customers/assignment/history/${c.customerId}`)).json();
    expect(history.items[0].current).toBe(false);
    const recs = (await call(t, p.admin, 'GET', '/api/customers/funds/adjustments?kind=unbind_recall')).json();
    expect(recs.items[0]).toMatchObject({ amount: '120.00', kindName: '解除关联回收' });
  });

  it('onSwitch 代售 → 顾问销售 recalls the balance as 切换关联类型回收; the other way round does nothing', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '60.00', requestId: rid() });
    const ctx = ctxOf({ kind: 'account', accountId: c.customerId, accountName: c.customer.accountName });
    await inTransaction(t.database.db, (tx) => runOnSwitch(tx, { ...c.association, associationType: 'consulting' }, { from: 'consulting', to: 'resale' }, ctx));
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('60.00');
    await inTransaction(t.database.db, (tx) => runOnSwitch(tx, { ...c.association, associationType: 'consulting' }, { from: 'resale', to: 'consulting' }, ctx));
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('0.00');
    expect((await call(t, p.admin, 'GET', '/api/customers/funds/adjustments?kind=switch_recall')).json().items[0].kindName).toBe('切换关联类型回收');
  });

  it('onAssociate through a manager’s link opens the manager period (source invitation)', async () => {
    const p = await partnerWorld(t);
    const { am1 } = await team(p);
    const c = await associate(t, p.partner.id, 'resale', { accountManagerId: am1.id });
    const ctx = ctxOf({ kind: 'account', accountId: c.customerId, accountName: c.customer.accountName });
    await inTransaction(t.database.db, (tx) => runOnAssociate(tx, c.association, ctx));
    await inTransaction(t.database.db, (tx) => runOnAssociate(tx, c.association, ctx)); // twice: one period
    const history = (await call(t, p.admin, 'GET', `/api/customers/assignment/history/${c.customerId}`)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ memberId: am1.id, source: 'invitation', current: true });
  });

  it('the customer list columns: 可用额度 and 待处理预警', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '50.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '12.34', requestId: rid() });
    const rows = [{ associationId: c.association.id, customerAccountId: c.customerId, partnerId: p.partner.id }];
    const merged = new Map<string, Record<string, unknown>>();
    for (const e of customerRowEnrichers()) for (const [k, v] of await e(t.database.db, rows)) merged.set(k, { ...merged.get(k), ...v });
    expect(merged.get(c.association.id)).toMatchObject({ availableBalance: '12.34', pendingAlerts: 0 });
    expect(merged.get(c.association.id)!.lastAdjustedAt).not.toBeNull();
  });
});

describe('知识推荐 (op 26) and 查看资源 (op 22)', () => {
  it('lists the knowledge tabs; a 云经销商 has none', async () => {
    const p = await partnerWorld(t);
    const res = (await call(t, p.admin, 'GET', '/api/customers/knowledge?tab=case')).json();
    expect(res.tab).toBe('case');
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items[0].url).toMatch(/^https:\/\/www\.huaweicloud\.com\//);
    const reseller = await partnerWorld(t, { programs: ['reseller'] });
    expect((await call(t, reseller.admin, 'GET', '/api/customers/knowledge')).statusCode).toBe(409);
  });

  it('the resources view answers the page shape (rows come with the cloud module); 按需 defaults to a month', async () => {
    clock.set('2025-06-15T00:00:00Z');
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id);
    const res = (await call(t, p.admin, 'GET', `/api/customers/resources/${c.customerId}?tab=on-demand`)).json();
    expect(res).toMatchObject({ tab: 'on-demand', items: [], total: 0, range: { from: '2025-05-15T00:00:00.000Z', to: '2025-06-15T00:00:00.000Z' } });
    expect(res.columns).toContain('支付账号');
    const other = await partnerWorld(t);
    expect((await call(t, other.admin, 'GET', `/api/customers/resources/${c.customerId}`)).statusCode).toBe(404);
    clock.reset();
  });
});
