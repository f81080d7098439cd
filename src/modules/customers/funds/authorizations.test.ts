import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { createTestApp } from '../../../../test/app.js';
import { auditLog } from '../../../platform/audit/schema.js';
import { inTransaction } from '../../../platform/db/index.js';
import { hasAuthorization } from './authorizations.js';
import { endAuthorizations } from './authorizations.js';
import { associate, call, customerCode, partnerWorld, rid, type T } from './test-helpers.js';

let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function requested(p: Awaited<ReturnType<typeof partnerWorld>>) {
  const c = await associate(t, p.partner.id, 'resale');
  const res = await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: c.customerId, acceptAgreement: true });
  expect(res.statusCode).toBe(201);
  return { c, id: res.json().id as string };
}

describe('申请客户授权 (spec 04 op 23)', () => {
  it('the first request needs 《合作伙伴代客操作协议》; later ones do not; the customer is told', async () => {
    const p = await partnerWorld(t);
    const a = await associate(t, p.partner.id);
    const b = await associate(t, p.partner.id);
    expect((await call(t, p.admin, 'GET', '/api/customers/authorizations/agreement')).json()).toMatchObject({ accepted: false, title: '《合作伙伴代客操作协议》' });
    const without = await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: a.customerId });
    expect(without.statusCode).toBe(400);
    expect(without.json().fields).toHaveProperty('acceptAgreement');
    const first = await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: a.customerId, acceptAgreement: true });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending', statusName: '待授权', message: '已给客户发送授权申请' });
    expect((await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: b.customerId })).statusCode).toBe(201);
    expect((await call(t, p.admin, 'GET', '/api/customers/authorizations/agreement')).json().accepted).toBe(true);
    // a second open request for the same customer is refused
    const dup = await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: a.customerId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('customers.authorization.pending');
    const mine = (await call(t, a.session, 'GET', '/api/customer/authorizations')).json();
    expect(mine.items[0]).toMatchObject({ partnerName: p.partner.displayName, status: 'pending', canDecide: true });
    expect(mine.letter.title).toBe('《华为云用户授权书》');
  });

  it('only 代售 customers are asked; another partner’s customer is 404', async () => {
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id, 'consulting');
    const res = await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: c.customerId, acceptAgreement: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('customers.authorization.not-resale');
    const other = await partnerWorld(t);
    const theirs = await associate(t, other.partner.id);
    expect((await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: theirs.customerId, acceptAgreement: true })).statusCode).toBe(404);
  });
});

describe('the customer grants, refuses, revokes (spec 07 C11–C12, guide 13.8)', () => {
  it('grant needs the letter ticked and a code; then 代客下单 / 代客运维 are open; revoke closes them', async () => {
    const p = await partnerWorld(t);
    const { c, id } = await requested(p);
    const onBehalf = () => call(t, p.admin, 'POST', '/api/customers/on-behalf', { customerId: c.customerId, mode: 'order' });
    expect((await onBehalf()).statusCode).toBe(409);

    const noLetter = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/grant`, { acceptLetter: false, code: '123456' });
    expect(noLetter.statusCode).toBe(400);
    expect(noLetter.json().fields).toHaveProperty('acceptLetter');
    const noCode = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/grant`, { acceptLetter: true });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().fields).toHaveProperty('code');

    const code = await customerCode(t, c.customer);
    const granted = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/grant`, { acceptLetter: true, code });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'granted', statusName: '已授权' });
    expect(await hasAuthorization(t.database.db, p.partner.id, c.customerId, 'order')).toBe(true);
    expect(await hasAuthorization(t.database.db, p.partner.id, c.customerId, 'operate')).toBe(true);
    expect((await onBehalf()).json()).toMatchObject({ allowed: true, mode: 'order' });
    expect((await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: c.customerId })).json().code).toBe('customers.authorization.granted');

    const noReason = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/revoke`, { reason: ' ', code: '000000' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields).toHaveProperty('reason');
    const code2 = await customerCode(t, c.customer);
    const revoked = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/revoke`, { reason: '项目结束', code: code2 });
    expect(revoked.json()).toMatchObject({ status: 'revoked', statusName: '已取消', revokeReason: '项目结束' });
    expect(await hasAuthorization(t.database.db, p.partner.id, c.customerId, 'order')).toBe(false);
    expect((await onBehalf()).json().code).toBe('customers.on-behalf.unauthorized');

    // 13.12: the customer's audit log holds the grant and the cancellation
    const events = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.customerAccountId, c.customerId), like(auditLog.action, 'cts.%')));
    expect(events.map((e) => e.action).sort()).toEqual(['cts.accountInfo.approvePartnerOrCustomerApply', 'cts.csbchannelsales.confirmCustomerAgentAuthorizationApply']);
    const partnerView = (await call(t, p.admin, 'GET', `/api/customers/authorizations?customerId=${c.customerId}`)).json();
    expect(partnerView.items[0]).toMatchObject({ status: 'revoked' });
  });

  it('the customer may refuse; answered requests cannot be answered again; others’ requests are 404', async () => {
    const p = await partnerWorld(t);
    const { c, id } = await requested(p);
    const other = await associate(t, p.partner.id);
    expect((await call(t, other.session, 'POST', `/api/customer/authorizations/${id}/refuse`, {})).statusCode).toBe(404);
    expect((await call(t, p.admin, 'POST', `/api/customer/authorizations/${id}/refuse`, {})).statusCode).toBe(403);
    const refused = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/refuse`, {});
    expect(refused.json()).toMatchObject({ status: 'refused', statusName: '已拒绝' });
    const code = await customerCode(t, c.customer);
    const late = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/grant`, { acceptLetter: true, code });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('customers.authorization.not-pending');
    const cannotRevoke = await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/revoke`, { reason: 'x', code });
    expect(cannotRevoke.statusCode).toBe(409);
    // after a refusal the partner may ask again
    expect((await call(t, p.admin, 'POST', '/api/customers/authorizations', { customerId: c.customerId })).statusCode).toBe(201);
    expect((await call(t, p.admin, 'POST', `/api/customer/authorizations/${rid()}/refuse`, {})).statusCode).toBe(403);
  });

  it('the association ending ends the grant', async () => {
    const p = await partnerWorld(t);
    const { c, id } = await requested(p);
    const code = await customerCode(t, c.customer);
    await call(t, c.session, 'POST', `/api/customer/authorizations/${id}/grant`, { acceptLetter: true, code });
    await inTransaction(t.database.db, (tx) => endAuthorizations(tx, c.association, { zh: '客户已解除关联', en: 'Unbound' }));
    expect(await hasAuthorization(t.database.db, p.partner.id, c.customerId, 'operate')).toBe(false);
  });
});
