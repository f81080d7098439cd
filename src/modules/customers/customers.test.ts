import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makePartner, partnerAdminSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { sql } from 'drizzle-orm';
import { customerAssociations } from './schema.js';

type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function associate(partnerId: string, customerAccountId: string, associationType: 'consulting' | 'resale') {
  await t.database.db.insert(customerAssociations).values({ partnerId, customerAccountId, associationType, associatedAt: clock.now() });
}

describe('我的合作伙伴 (customer contacts shown to customers, spec 02 R28)', () => {
  it('shows the associated partner with its 客户联系人', async () => {
    const p = await makePartner(t.database);
    const admin = await partnerAdminSession(t.database, p);
    for (const name of ['王芳', '张伟']) {
      const r = await t.app.inject({ method: 'POST', url: '/api/org/contacts', headers: admin.headers, payload: { name, position: '客户经理', mobile: '13700001111', email: `${name}@x.com` } });
      expect(r.statusCode).toBe(201);
    }
    const c = await makeAccount(t.database);
    await associate(p.partner.id, c.id, 'resale');
    const res = await t.app.inject({ method: 'GET', url: '/api/customer/partners', headers: (await accountSession(t.database, c)).headers });
    expect(res.statusCode).toBe(200);
    const [item] = res.json().items;
    expect(item).toMatchObject({ partnerId: p.partner.id, associationType: 'resale', associationTypeName: { zh: '代售' }, contactsSource: 'contacts' });
    expect(item.contacts.map((x: { name: string }) => x.name)).toEqual(['王芳', '张伟']);
  });

  it("shows the partner administrator's details when the partner has no contacts", async () => {
    const p = await makePartner(t.database);
    const c = await makeAccount(t.database);
    await associate(p.partner.id, c.id, 'consulting');
    const [item] = (await t.app.inject({ method: 'GET', url: '/api/customer/partners', headers: (await accountSession(t.database, c)).headers })).json().items;
    expect(item.contactsSource).toBe('admin');
    expect(item.contacts[0].mobile).toBe(p.account.mobile);
  });

  it('a customer without an association sees none; partners cannot call it', async () => {
    const c = await makeAccount(t.database);
    const res = await t.app.inject({ method: 'GET', url: '/api/customer/partners', headers: (await accountSession(t.database, c)).headers });
    expect(res.json().items).toEqual([]);
    const p = await makePartner(t.database);
    expect((await t.app.inject({ method: 'GET', url: '/api/customer/partners', headers: (await partnerAdminSession(t.database, p)).headers })).statusCode).toBe(403);
  });

  it('a customer is associated with one partner at a time', async () => {
    const p1 = await makePartner(t.database);
    const p2 = await makePartner(t.database);
    const c = await makeAccount(t.database);
    await associate(p1.partner.id, c.id, 'consulting');
    await expect(associate(p2.partner.id, c.id, 'consulting')).rejects.toThrow();
  });
});

// ---------------------------------------------------------------- 客户管理 (spec 04 op 14), scopes, masking, export
import { and as andOp, eq as eqOp } from 'drizzle-orm';
import { PRESET_ROLES } from '../../platform/access/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import { kit } from './test-kit.js';
import { registerChannelProvider, registerCustomerRowEnricher } from './extensions.js';
import { getActiveAssociation, listScopedCustomerIds } from './service.js';
import type { Ctx } from '../../platform/context.js';

describe('客户列表 and 客户详情 (op 14)', () => {
  it('客户经理 sees only their customers, 客户经理主管 their managers\', the admin all (R23)', async () => {
    const k = kit(t);
    const p = await k.partner();
    const sup = await k.member(p, [PRESET_ROLES.amSupervisor]);
    const am1 = await k.member(p, [PRESET_ROLES.accountManager], sup.id);
    const am2 = await k.member(p, [PRESET_ROLES.accountManager]);
    const c1 = await k.associated(p, 'resale', {}, am1.session);
    const c2 = await k.associated(p, 'consulting', {}, am2.session);
    const c3 = await k.associated(p, 'consulting');
    const ids = async (s: any) => (await k.call(s, 'GET', '/api/customers?pageSize=50')).body.items.map((i: any) => i.customerId).sort();
    expect(await ids(am1.session)).toEqual([c1.id]);
    expect(await ids(sup.session)).toEqual([c1.id]);
    expect(await ids(p.admin)).toEqual([c1.id, c2.id, c3.id].sort());
    // detail: out of scope reads as missing
    expect((await k.call(am1.session, 'GET', `/api/customers/${c2.id}`)).status).toBe(404);
    expect((await k.call(am1.session, 'GET', `/api/customers/${c1.id}`)).body).toMatchObject({ customerId: c1.id, canManageAssociation: false });
    expect((await k.call(p.admin, 'GET', `/api/customers/${c1.id}`)).body.canManageAssociation).toBe(true);
    const other = await k.partner();
    expect((await k.call(other.admin, 'GET', `/api/customers/${c1.id}`)).status).toBe(404);
  });

  it('masks names, phones and managers; filters in SQL; the eye is audited', async () => {
    const k = kit(t);
    const p = await k.partner();
    const am = await k.member(p, [PRESET_ROLES.accountManager], undefined);
    await t.database.db.execute(sql`update org_members set name = '张经理' where id = ${am.id}`);
    const c = await k.customer({}, { name: '李雷', enterpriseName: '雷霆科技有限公司', realNameType: 'enterprise' });
    expect((await k.associate(c, await k.genericToken(am.session, 'resale'), 'resale')).status).toBe(201);
    await k.associated(p, 'consulting');
    const all = await k.call(p.admin, 'GET', '/api/customers');
    const row = all.body.items.find((i: any) => i.customerId === c.id);
    expect(row).toMatchObject({ customerName: '雷*******', mobile: expect.stringMatching(/\*{4}/), accountManagerName: '张**', associationTypeName: '代售', level: 'V0', customTag: am.accountName });
    const q = async (qs: string) => (await k.call(p.admin, 'GET', `/api/customers?${qs}`)).body.items.map((i: any) => i.customerId);
    expect(await q('associationType=resale')).toEqual([c.id]);
    expect(await q(`managerName=${encodeURIComponent('张经')}`)).toEqual([c.id]);
    expect(await q(`customerName=${encodeURIComponent('雷霆')}`)).toEqual([c.id]);
    expect(await q(`customerId=${c.id}`)).toEqual([c.id]);
    expect(await q(`mobile=${c.mobile.slice(-8)}`)).toEqual([c.id]);
    expect(await q(`tag=${am.accountName}`)).toEqual([c.id]);
    expect(await q('associationType=resale&managerName=nobody')).toEqual([]);
    const eye = await k.call(p.admin, 'GET', `/api/customers/${c.id}/unmasked`);
    expect(eye.body).toMatchObject({ customerName: '雷霆科技有限公司', mobile: c.mobile, accountManagerName: '张经理' });
    expect(await t.database.db.select().from(auditLog).where(andOp(eqOp(auditLog.action, 'customers.customer.revealed'), eqOp(auditLog.objectId, c.id)))).toHaveLength(1);
    // another module's columns arrive under `extra`
    registerCustomerRowEnricher('test-balance', async (_ex, rows) => new Map(rows.map((r) => [r.associationId, { availableAmount: '0.00' }])));
    expect((await k.call(p.admin, 'GET', '/api/customers')).body.items[0].extra).toMatchObject({ availableAmount: '0.00' });
    registerCustomerRowEnricher('test-balance', async () => new Map());
  });

  it('only the super admin (the partner account) may export the list; the file is anonymised', async () => {
    const k = kit(t);
    const p = await k.partner();
    const c = await k.customer({}, { name: '韩梅梅', enterpriseName: null });
    await k.associate(c, await k.genericToken(p.admin, 'consulting'), 'consulting');
    const sysadmin = await k.member(p, [PRESET_ROLES.systemAdmin]);
    expect((await k.call(sysadmin.session, 'POST', '/api/exports', { kind: 'customers.list', params: {}, format: 'csv' })).status).toBe(403);
    const exp = await k.call(p.admin, 'POST', '/api/exports', { kind: 'customers.list', params: { associationType: 'consulting' }, format: 'csv' });
    expect(exp.status, JSON.stringify(exp.body)).toBe(201);
    await t.drainJobs();
    const file = await k.call(p.admin, 'GET', `/api/exports/${exp.body.export.id}/download`);
    expect(file.raw.body).toContain('韩**');
    expect(file.raw.body).not.toContain('韩梅梅');
    expect(file.raw.body).not.toContain(c.mobile);
  });

  it('a distributor sees its resellers\' customers read-only (云经销商的客户) and cannot act on them', async () => {
    const k = kit(t);
    const dist = await k.partner({ programs: ['distributor'] });
    const reseller = await k.partner({ programs: ['reseller'] });
    const c = await k.associated(reseller, 'resale');
    registerChannelProvider({ resellerPartnerIds: async (_ex, id) => (id === dist.id ? [reseller.id] : []), distributorDelisted: async () => false });
    try {
      const tab = await k.call(dist.admin, 'GET', '/api/customers?tab=resellers');
      expect(tab.body.items).toHaveLength(1);
      expect(tab.body.items[0]).toMatchObject({ customerId: c.id, readOnly: true, partnerName: reseller.partner.displayName, accountManagerName: null });
      expect((await k.call(dist.admin, 'GET', '/api/customers')).body.items).toHaveLength(0);
      expect((await k.call(dist.admin, 'GET', `/api/customers/${c.id}`)).body).toMatchObject({ readOnly: true, canManageAssociation: false });
      expect((await k.call(dist.admin, 'POST', `/api/customers/${c.id}/unbind`, { reason: 'x', acknowledged: true })).status).toBe(404);
      // a solution provider has no such tab
      expect((await k.call(reseller.admin, 'GET', '/api/customers?tab=resellers')).body.items).toEqual([]);
    } finally {
      registerChannelProvider({ resellerPartnerIds: async () => [], distributorDelisted: async () => false });
    }
  });

  it('exports getActiveAssociation and listScopedCustomerIds for other modules', async () => {
    const k = kit(t);
    const p = await k.partner();
    const am = await k.member(p, [PRESET_ROLES.accountManager]);
    const c1 = await k.associated(p, 'resale', {}, am.session);
    await k.associated(p, 'consulting');
    expect((await getActiveAssociation(t.database.db, c1.id))!.partnerId).toBe(p.id);
    const ctx = (actor: any): Ctx => ({ db: t.database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'x', deps: {} as never });
    const amActor = { kind: 'partner', partnerId: p.id, accountId: p.account.id, memberId: am.id, displayName: 'am', isAdmin: false, permissions: new Set(['销售 > 客户 > 客户管理']), roleKeys: new Set([PRESET_ROLES.accountManager]) };
    expect(await listScopedCustomerIds(ctx(amActor))).toEqual([c1.id]);
    expect(await listScopedCustomerIds(ctx({ ...amActor, memberId: null, isAdmin: true }))).toHaveLength(2);
  });
});

describe('企业百科 (ops 11, 26) and the notice to sign (13.11)', () => {
  it('searches the encyclopedia; a customer\'s page needs an associated, enterprise-verified customer', async () => {
    const k = kit(t);
    const p = await k.partner();
    const found = await k.call(p.admin, 'GET', `/api/customers/encyclopedia?name=${encodeURIComponent('极光')}`);
    expect(found.body.items[0]).toMatchObject({ name: '北京极光网络有限公司', summary: { cloudSpendBand: '10万以内' } });
    const detail = await k.call(p.admin, 'GET', `/api/customers/encyclopedia/detail?id=${found.body.items[0].id}`);
    expect(detail.body.disclaimer).toContain('此页面信息通过公开渠道获取');
    expect(Object.keys(detail.body.details).sort()).toEqual(['basic', 'cloud', 'development', 'graphs', 'ip']);
    const person = await k.associated(p, 'consulting');
    expect((await k.call(p.admin, 'GET', `/api/customers/${person.id}/encyclopedia`)).body.code).toBe('customers.encyclopedia.not-enterprise');
    const ent = await k.customer({}, { realNameType: 'enterprise', enterpriseName: '成都天府游戏有限公司' });
    await k.associate(ent, await k.genericToken(p.admin, 'consulting'), 'consulting');
    expect((await k.call(p.admin, 'GET', `/api/customers/${ent.id}/encyclopedia`)).body.company.name).toBe('成都天府游戏有限公司');
  });

  it('a customer associated without a recorded notice is asked to sign it; signing records the version', async () => {
    const k = kit(t);
    const p = await k.partner();
    const c = await k.customer();
    await k.associate(c, await k.genericToken(p.admin, 'consulting'), 'consulting');
    expect((await k.call(c.session, 'GET', '/api/customer/partners')).body.items[0].noticeToSign).toBeNull();
    const c2 = await k.customer();
    await t.database.db.insert(customerAssociations).values({ partnerId: p.id, customerAccountId: c2.id, associationType: 'resale', associatedAt: clock.now() });
    const prompt = (await k.call(c2.session, 'GET', '/api/customer/partners')).body.items[0].noticeToSign;
    expect(prompt).toMatchObject({ version: 'V1001', title: '客户关联华为云合作伙伴须知' });
    expect((await k.call(c2.session, 'POST', '/api/customer/agreements/sign', { version: 'V1001', agreed: false })).status).toBe(400);
    expect((await k.call(c2.session, 'POST', '/api/customer/agreements/sign', { version: 'V1001', agreed: true })).body.message.zh).toBe('操作成功');
    expect((await k.call(c2.session, 'GET', '/api/customer/partners')).body.items[0].noticeToSign).toBeNull();
  });
});

describe('the operations console', () => {
  it('looks up any customer\'s association history by account name or mobile; partners cannot', async () => {
    const k = kit(t);
    const p = await k.partner();
    const c = await k.associated(p, 'consulting');
    const ops = await k.staff();
    const h = await k.call(ops.session, 'GET', `/api/ops/customers/association-history?customer=${c.accountName}`);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ customer: { id: c.id }, associations: [{ partnerId: p.id, associationTypeName: '顾问销售', status: 'associated' }] });
    expect(h.body.events[0]).toMatchObject({ type: 'associate', statusName: '已完成' });
    expect((await k.call(ops.session, 'GET', `/api/ops/customers/association-history?customer=${encodeURIComponent(c.mobile)}`)).body.customer.id).toBe(c.id);
    expect((await k.call(p.admin, 'GET', `/api/ops/customers/association-history?customer=${c.accountName}`)).status).toBe(403);
  });
});
