import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/app.js';
import { makeMember, makeStaff, memberSession, staffSession } from '../../../../test/fixtures.js';
import { PRESET_ROLES, STAFF_ROLES } from '../../../platform/access/index.js';
import { pendingAlertCounts } from './alerts.js';
import { associate, call, partnerWorld, rid, type T } from './test-helpers.js';

let t: T;
let ops: Awaited<ReturnType<typeof staffSession>>;
beforeAll(async () => {
  t = await createTestApp();
  ops = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.channelManager]));
});
afterAll(async () => t.close());

const raise = (customerId: string, category: 'churn' | 'resource' = 'churn') =>
  call(t, ops, 'POST', '/api/ops/customer-alerts', { customerId, category, scenarioName: category === 'churn' ? '消费下降' : '资源到期', title: '近30天消费下降50%', content: '请关注客户消费变化' });

describe('客户预警 raised by the vendor (spec 04 op 34)', () => {
  it('ops raise an alert on an associated customer; it shows to the partner as 待处理', async () => {
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id);
    const res = await raise(c.customerId);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ partnerId: p.partner.id, categoryName: '流失预警', status: 'pending', statusName: '待处理' });
    const view = (await call(t, p.admin, 'GET', '/api/customers/alerts?tab=view')).json();
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({ title: '近30天消费下降50%', scenarioName: '消费下降', canHandle: true });
    expect((await pendingAlertCounts(t.database.db, p.partner.id, [c.customerId])).get(c.customerId)).toBe(1);
    const opsList = (await call(t, ops, 'GET', `/api/ops/customer-alerts?partnerId=${p.partner.id}`)).json();
    expect(opsList.items[0]).toMatchObject({ partnerName: p.partner.displayName });
  });

  it('refuses an unassociated customer (404) and staff without the role (403)', async () => {
    expect((await raise(rid())).statusCode).toBe(404);
    const invoice = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.invoice]));
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id);
    expect((await call(t, invoice, 'POST', '/api/ops/customer-alerts', { customerId: c.customerId, category: 'churn', scenarioName: 'x', title: 'y' })).statusCode).toBe(403);
    expect((await call(t, ops, 'POST', '/api/ops/customer-alerts', { customerId: c.customerId, category: 'churn', scenarioName: '', title: 'y' })).statusCode).toBe(400);
  });
});

describe('处理预警: only the 客户归属唯一责任人 (spec 04 §5, guide L9897)', () => {
  it('the assigned 客户经理 handles; the admin may see but not handle it', async () => {
    const p = await partnerWorld(t);
    const am = await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager]);
    const c = await associate(t, p.partner.id, 'resale', { accountManagerId: am.id });
    const alert = (await raise(c.customerId)).json();
    const amSession = await memberSession(t.database, am);

    const byAdmin = await call(t, p.admin, 'POST', `/api/customers/alerts/${alert.id}/handle`, { churned: false, reason: 'new_purchase' });
    expect(byAdmin.statusCode).toBe(409);
    expect(byAdmin.json()).toMatchObject({ code: 'customers.alerts.not-owner', message: '客户预警仅支持客户归属唯一责任人处理' });
    expect((await call(t, p.admin, 'GET', '/api/customers/alerts?tab=handle')).json().items).toEqual([]);
    expect((await call(t, amSession, 'GET', '/api/customers/alerts?tab=handle')).json().items.map((i: { id: string }) => i.id)).toEqual([alert.id]);

    const ok = await call(t, amSession, 'POST', `/api/customers/alerts/${alert.id}/handle`, { churned: false, reason: 'new_purchase' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'handled', statusName: '已处理', handling: { churnedName: '未流失', reasonName: '客户近期会有新购' } });
    const twice = await call(t, amSession, 'POST', `/api/customers/alerts/${alert.id}/handle`, { churned: false, reason: 'new_purchase' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('customers.alerts.handled');
    // 查看预警 shows the handling to everyone in scope
    expect((await call(t, p.admin, 'GET', `/api/customers/alerts/${alert.id}`)).json().handling.reasonName).toBe('客户近期会有新购');
  });

  it('a customer without a manager: the admin is the owner; another 客户经理 cannot even see it', async () => {
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id);
    const alert = (await raise(c.customerId, 'resource')).json();
    const other = await memberSession(t.database, await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager]));
    expect((await call(t, other, 'GET', `/api/customers/alerts/${alert.id}`)).statusCode).toBe(404);
    expect((await call(t, other, 'GET', '/api/customers/alerts')).json().items).toEqual([]);
    const res = await call(t, p.admin, 'POST', `/api/customers/alerts/${alert.id}/handle`, { reason: 'solved' });
    expect(res.statusCode).toBe(200);
    expect(res.json().handling).toMatchObject({ reasonName: '已解决', churned: null });
  });

  it('the dialog’s options by category: churn needs 客户是否流失 and the matching list; 其他 needs a note', async () => {
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id);
    const churn = (await raise(c.customerId, 'churn')).json();
    const resource = (await raise(c.customerId, 'resource')).json();
    const h = (id: string, body: unknown) => call(t, p.admin, 'POST', `/api/customers/alerts/${id}/handle`, body);
    const cases: [string, unknown, string][] = [
      [churn.id, { reason: 'paused' }, 'churned'],
      [churn.id, { churned: true, reason: 'new_purchase' }, 'reason'], // 未流失反馈 under 已流失
      [churn.id, { churned: false, reason: 'paused' }, 'reason'], // 流失原因 under 未流失
      [churn.id, { churned: true, reason: 'other' }, 'note'],
      [resource.id, { churned: true, reason: 'solved' }, 'churned'],
      [resource.id, { reason: 'paused' }, 'reason'],
    ];
    for (const [id, body, field] of cases) {
      const res = await h(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().fields).toHaveProperty(field);
    }
    const ok = await h(churn.id, { churned: true, reason: 'other', note: '客户转投自建机房' });
    expect(ok.json().handling).toMatchObject({ churnedName: '已流失', reasonName: '其他', note: '客户转投自建机房' });
  });

  it('another partner’s alert answers 404', async () => {
    const p = await partnerWorld(t);
    const other = await partnerWorld(t);
    const c = await associate(t, p.partner.id);
    const alert = (await raise(c.customerId)).json();
    expect((await call(t, other.admin, 'GET', `/api/customers/alerts/${alert.id}`)).statusCode).toBe(404);
    expect((await call(t, other.admin, 'POST', `/api/customers/alerts/${alert.id}/handle`, { churned: false, reason: 'fluctuation' })).statusCode).toBe(404);
  });

  it('filters 查看预警 by customer name and manager name', async () => {
    const p = await partnerWorld(t);
    const am = await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager], { name: '李经理' });
    const a = await associate(t, p.partner.id, 'resale', { accountManagerId: am.id });
    const b = await associate(t, p.partner.id);
    await raise(a.customerId);
    await raise(b.customerId);
    expect((await call(t, p.admin, 'GET', `/api/customers/alerts?manager=${encodeURIComponent('李经理')}`)).json().total).toBe(1);
    expect((await call(t, p.admin, 'GET', `/api/customers/alerts?customer=${encodeURIComponent(b.customer.enterpriseName!)}`)).json().total).toBe(1);
    expect((await call(t, p.admin, 'GET', '/api/customers/alerts')).json().total).toBe(2);
  });
});
