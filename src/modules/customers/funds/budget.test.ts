import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp } from '../../../../test/app.js';
import { makeMember, memberSession } from '../../../../test/fixtures.js';
import { PRESET_ROLES } from '../../../platform/access/index.js';
import { notifications } from '../../../platform/notify/index.js';
import { budgetAlertMarks } from './schema.js';
import { checkBudgets, MAX_RECIPIENTS } from './budget.js';
import { associate, call, consume, fund, partnerWorld, rid, type T } from './test-helpers.js';

let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const budgetMessages = async (addresses: string[]) =>
  t.database.db
    .select({ channel: notifications.channel, address: notifications.address, data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.template, 'customers.budget-alert'), inArray(notifications.address, addresses)));

describe('伙伴预算提醒接收人 (spec 04 op 18)', () => {
  it('the admin adds and deletes recipients (姓名 / 邮箱 / 手机); others may only read', async () => {
    const p = await partnerWorld(t);
    const add = await call(t, p.admin, 'POST', '/api/customers/budget-recipients', { name: '王财务', email: 'Budget@Example.com', mobile: '13800001111' });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ name: '王财务', email: 'budget@example.com', mobile: '13800001111' });
    const list = (await call(t, p.admin, 'GET', '/api/customers/budget-recipients')).json();
    expect(list).toMatchObject({ items: [{ name: '王财务' }], thresholds: [75, 90, 100] });

    const sup = await memberSession(t.database, await makeMember(t.database, p.partner.id, [PRESET_ROLES.amSupervisor]));
    expect((await call(t, sup, 'GET', '/api/customers/budget-recipients')).statusCode).toBe(200);
    expect((await call(t, sup, 'POST', '/api/customers/budget-recipients', { name: 'x', email: 'x@x.com' })).statusCode).toBe(403);

    const other = await partnerWorld(t);
    expect((await call(t, other.admin, 'DELETE', `/api/customers/budget-recipients/${add.json().id}`)).statusCode).toBe(404);
    expect((await call(t, p.admin, 'DELETE', `/api/customers/budget-recipients/${add.json().id}`)).statusCode).toBe(204);
    expect((await call(t, p.admin, 'GET', '/api/customers/budget-recipients')).json().items).toEqual([]);
  });

  it.each([
    [{ name: '', email: 'a@b.com' }, 'name'],
    [{ name: '张三', email: 'not-an-email' }, 'email'],
    [{ name: '张三', mobile: 'abc' }, 'mobile'],
    [{ name: '张三' }, 'email'],
  ])('refuses %j naming %s', async (body, field) => {
    const p = await partnerWorld(t);
    const res = await call(t, p.admin, 'POST', '/api/customers/budget-recipients', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty(field);
  });

  it(`holds at most ${MAX_RECIPIENTS} recipients`, async () => {
    const p = await partnerWorld(t);
    for (let i = 0; i < MAX_RECIPIENTS; i++) expect((await call(t, p.admin, 'POST', '/api/customers/budget-recipients', { name: `接收人${i}`, email: `r${i}@x.com` })).statusCode).toBe(201);
    const over = await call(t, p.admin, 'POST', '/api/customers/budget-recipients', { name: '多余', email: 'extra@x.com' });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('customers.budget.limit');
  });

  it('a 云经销商 has no budget reminders (spec 07 §7)', async () => {
    const p = await partnerWorld(t, { programs: ['reseller'] });
    expect((await call(t, p.admin, 'GET', '/api/customers/budget-recipients')).statusCode).toBe(409);
    expect((await call(t, p.admin, 'POST', '/api/customers/budget-recipients', { name: '张三', email: 'a@b.com' })).statusCode).toBe(409);
  });
});

describe('budget alerts at 75 %, 90 % and 100 % (spec 04 §5, guide L9067)', () => {
  it('warns the recipients once per threshold; a new allocation re-arms them', async () => {
    const p = await partnerWorld(t);
    const email = `fin-${rid().slice(0, 8)}@example.com`;
    const mobile = `1390000${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    await call(t, p.admin, 'POST', '/api/customers/budget-recipients', { name: '财务', email, mobile });
    await fund(t, p.partner.id, '5000.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1000.00', requestId: rid() });
    await t.drainJobs(); // the allocation kicked the check: nothing used yet
    expect(await budgetMessages([email, mobile])).toEqual([]);

    await consume(t, p.partner.id, c.customerId, '749.99');
    expect((await checkBudgets(t.database.db, { associationId: c.association.id })).alerts).toBe(0);
    await consume(t, p.partner.id, c.customerId, '0.01'); // exactly 75 %
    expect((await checkBudgets(t.database.db)).alerts).toBeGreaterThanOrEqual(1);
    let msgs = await budgetMessages([email, mobile]);
    expect(msgs.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(msgs[0]!.data).toMatchObject({ threshold: 75, budget: '1000.00', used: '750.00' });
    // the same state again: no second message (also when two nodes run the check)
    await Promise.all([checkBudgets(t.database.db, { associationId: c.association.id }), checkBudgets(t.database.db)]);
    expect(await budgetMessages([email, mobile])).toHaveLength(2);

    // straight past 90 % and 100 %: one message for the highest, both thresholds marked
    await consume(t, p.partner.id, c.customerId, '250.00');
    await checkBudgets(t.database.db, { associationId: c.association.id });
    msgs = await budgetMessages([email, mobile]);
    expect(msgs).toHaveLength(4);
    expect(msgs.map((m) => (m.data as { threshold: number }).threshold).sort()).toEqual([100, 100, 75, 75]);
    const marks = await t.database.db.select().from(budgetAlertMarks).where(eq(budgetAlertMarks.associationId, c.association.id));
    expect(marks.map((m) => m.threshold).sort()).toEqual([100, 75, 90]);

    // a new allocation changes the budget (2000), used 1000 = 50 %: nothing; then 1500 = 75 % again
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1000.00', requestId: rid() });
    await t.drainJobs();
    expect(await budgetMessages([email, mobile])).toHaveLength(4);
    await consume(t, p.partner.id, c.customerId, '500.00');
    await checkBudgets(t.database.db, { associationId: c.association.id });
    expect(await budgetMessages([email, mobile])).toHaveLength(6);
    const list = (await call(t, p.admin, 'GET', '/api/customers/budget-alerts')).json();
    expect(list.items[0]).toMatchObject({ customerId: c.customerId, threshold: 75, budget: '2000.00', used: '1500.00' });
  });

  it('顾问销售 customers and resellers’ customers are not checked', async () => {
    const reseller = await partnerWorld(t, { programs: ['reseller'] });
    await fund(t, reseller.partner.id, '100.00');
    const c = await associate(t, reseller.partner.id);
    await call(t, reseller.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '100.00', requestId: rid() });
    await consume(t, reseller.partner.id, c.customerId, '100.00');
    expect((await checkBudgets(t.database.db, { associationId: c.association.id })).alerts).toBe(0);
  });
});
