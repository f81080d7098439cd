import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makePartner, partnerAdminSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
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
