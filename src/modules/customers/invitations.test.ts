import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, partnerAdminSession } from '../../../test/fixtures.js';
import { PRESET_ROLES, STAFF_ROLES } from '../../platform/access/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import { clock, DAY_MS, HOUR_MS } from '../../platform/clock.js';
import { MAX_CUSTOM_LINKS_PER_24H, expireInvitationRecords, scannedUrl } from './invitations.js';
import { customerAssociations, customerInvitations, expansionRecords } from './schema.js';
import { kit, type T } from './test-kit.js';

let t: T;
let k: ReturnType<typeof kit>;
beforeAll(async () => {
  t = await createTestApp();
  k = kit(t);
});
afterAll(async () => t.close());
afterEach(() => clock.reset());

describe('线下拓展: invitation links and QR codes (op 9)', () => {
  it('通用邀请链接: one per user and type, tagged with the user\'s account name, with a QR code', async () => {
    const p = await k.partner();
    const r1 = await k.call(p.admin, 'GET', '/api/customers/invitation-links/generic');
    expect(r1.body.items.map((i: any) => [i.associationType, i.tag, i.expiresAt])).toEqual([
      ['consulting', p.account.accountName, null],
      ['resale', p.account.accountName, null],
    ]);
    expect(r1.body.items[0].qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const r2 = await k.call(p.admin, 'GET', '/api/customers/invitation-links/generic');
    expect(r2.body.items.map((i: any) => i.url)).toEqual(r1.body.items.map((i: any) => i.url));
    const op = await k.member(p, [PRESET_ROLES.systemAdmin]);
    const r3 = await k.call(op.session, 'GET', '/api/customers/invitation-links/generic');
    expect(r3.body.items[0].tag).toBe(op.accountName);
    expect(r3.body.items[0].url).not.toBe(r1.body.items[0].url);
    const png = await k.call(p.admin, 'GET', `/api/customers/invitation-links/${r1.body.items[0].id}/qr`);
    expect(png.raw.headers['content-type']).toBe('image/png');
    expect(png.raw.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const other = await k.partner();
    expect((await k.call(other.admin, 'GET', `/api/customers/invitation-links/${r1.body.items[0].id}/qr`)).status).toBe(404);
  });

  it('自定义邀请链接: a tag or a dedicated 客户经理; the manager gets the customer; ≤ 100 per rolling 24 h', async () => {
    clock.set('2026-04-01T02:00:00Z');
    const p = await k.partner();
    p.admin = await partnerAdminSession(t.database, p);
    const am = await k.member(p, [PRESET_ROLES.accountManager]);
    const finance = await k.member(p, [PRESET_ROLES.finance]);
    const base = { kind: 'custom', associationType: 'resale' };
    expect((await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'tag' })).body.fields.tag).toBeTruthy();
    expect((await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'dedicated_am' })).body.fields.accountManagerId).toBeTruthy();
    expect((await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'dedicated_am', accountManagerId: finance.id })).body.fields.accountManagerId).toBeTruthy();
    const tagged = await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'tag', tag: '华东大区', remark: '展会' });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(201);
    expect(tagged.body).toMatchObject({ kind: 'custom', customTypeName: '自定义标签', tag: '华东大区', remark: '展会', status: 'active' });
    expect(new Date(tagged.body.expiresAt).getTime() - clock.nowMs()).toBe(7 * DAY_MS);
    const dedicated = await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'dedicated_am', accountManagerId: am.id });
    expect(dedicated.body).toMatchObject({ customTypeName: '专属客户经理', tag: am.accountName, accountManagerId: am.id });
    const c = await k.customer();
    c.session = await accountSession(t.database, c);
    expect((await k.associate(c, dedicated.body.url.split('/').pop(), 'resale')).status).toBe(201);
    const [a] = await k.db.select().from(customerAssociations).where(eq(customerAssociations.customerAccountId, c.id));
    expect(a).toMatchObject({ accountManagerId: am.id, customTag: am.accountName });
    // the rolling 24 h limit (2 made already)
    for (let i = 2; i < MAX_CUSTOM_LINKS_PER_24H; i++) {
      clock.advance(60_000);
      expect((await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'tag', tag: `t${i}` })).status).toBe(201);
    }
    const over = await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'tag', tag: 'one-too-many' });
    expect([over.status, over.body.code, over.body.message]).toEqual([409, 'customers.link.limit', '24小时内最多支持生成100个自定义邀请链接']);
    clock.set(new Date(Date.parse('2026-04-02T02:00:01Z')));
    p.admin = await partnerAdminSession(t.database, p);
    expect((await k.call(p.admin, 'POST', '/api/customers/invitation-links', { ...base, customType: 'tag', tag: 'next-day' })).status).toBe(201);
    const history = await k.call(p.admin, 'GET', '/api/customers/invitation-links?kind=custom&pageSize=5');
    expect(history.body.total).toBe(MAX_CUSTOM_LINKS_PER_24H + 1);
  });

  it('活动邀请链接: only a running activity; valid until it ends; the chosen manager gets the customer', async () => {
    const ops = await k.staff([STAFF_ROLES.operations]);
    const now = clock.nowMs();
    const act = await k.call(ops.session, 'POST', '/api/ops/customer-activities', { name: '华为云618上云季', startsAt: new Date(now - DAY_MS).toISOString(), endsAt: new Date(now + 10 * DAY_MS).toISOString() });
    expect(act.status).toBe(201);
    const future = await k.call(ops.session, 'POST', '/api/ops/customer-activities', { name: '双11', startsAt: new Date(now + 20 * DAY_MS).toISOString(), endsAt: new Date(now + 30 * DAY_MS).toISOString() });
    const p = await k.partner();
    const sup = await k.member(p, [PRESET_ROLES.amSupervisor]);
    const listed = await k.call(p.admin, 'GET', '/api/customers/activities');
    expect(listed.body.items.map((a: any) => a.id)).toContain(act.body.id);
    expect(listed.body.items.map((a: any) => a.id)).not.toContain(future.body.id);
    expect((await k.call(p.admin, 'POST', '/api/customers/invitation-links', { kind: 'activity', associationType: 'consulting', activityId: future.body.id, accountManagerId: sup.id })).body.code).toBe('customers.link.activity-closed');
    const link = await k.call(p.admin, 'POST', '/api/customers/invitation-links', { kind: 'activity', associationType: 'consulting', activityId: act.body.id, accountManagerId: sup.id });
    expect(link.body).toMatchObject({ kind: 'activity', activityName: '华为云618上云季', expiresAt: act.body.endsAt, accountManagerId: sup.id });
    const c = await k.customer();
    expect((await k.associate(c, link.body.url.split('/').pop(), 'consulting')).status).toBe(201);
    const [a] = await k.db.select().from(customerAssociations).where(eq(customerAssociations.customerAccountId, c.id));
    expect(a!.accountManagerId).toBe(sup.id);
  });
});

describe('线上邀请 and 拓展记录 (ops 8, 10)', () => {
  it('an e-mail invitation lasts 7 days: then 已失效, 重发邀请 issues a new link and the old one stops existing', async () => {
    const p = await k.partner();
    const c = await k.customer();
    const r = await k.report(p, c, { email: 'buyer_01@example.com', sendInvite: true, associationType: 'consulting' });
    const oldToken = await k.emailToken(r.body.id);
    const list = await k.call(p.admin, 'GET', '/api/customers/expansion-records');
    const rec = list.body.items[0];
    expect(rec).toMatchObject({ status: 'invited', statusName: '已邀请', channel: 'email', email: 'b***@example.com', fullName: '测*******' });
    expect((await k.call(p.admin, 'POST', '/api/customers/expansion-records/resend', { recordIds: [rec.id] })).body.code).toBe('customers.resend.not-expired');
    clock.set(new Date(Date.now() + 7 * DAY_MS + HOUR_MS));
    p.admin = await partnerAdminSession(t.database, p);
    expect((await k.call(p.admin, 'GET', '/api/customers/expansion-records?status=expired')).body.items[0]).toMatchObject({ id: rec.id, statusName: '已失效' });
    expect(await expireInvitationRecords(k.db)).toBeGreaterThanOrEqual(1);
    const resent = await k.call(p.admin, 'POST', '/api/customers/expansion-records/resend', { recordIds: [rec.id] });
    expect(resent.body).toEqual({ resent: 1 });
    const newToken = await k.emailToken(r.body.id);
    expect(newToken).not.toBe(oldToken);
    expect((await k.call(null, 'GET', `/api/invitations/${oldToken}`)).body.state).toBe('not_found');
    expect((await k.call(null, 'GET', `/api/invitations/${newToken}`)).body.state).toBe('valid');
    expect((await k.call(p.admin, 'GET', '/api/customers/expansion-records')).body.items[0]).toMatchObject({ id: rec.id, status: 'invited' });
  });

  it('a different account cannot use the e-mail link of a reported customer', async () => {
    const p = await k.partner();
    const c = await k.customer();
    const r = await k.report(p, c, { email: 'target_1@example.com', sendInvite: true, associationType: 'consulting' });
    const intruder = await k.customer();
    const res = await k.associate(intruder, (await k.emailToken(r.body.id))!, 'consulting');
    expect(res.body.code).toBe('customers.association.not-reported-account');
  });

  it('filters records and reveals one row through the audited eye; exports every record masked', async () => {
    const p = await k.partner();
    const link = await k.call(p.admin, 'POST', '/api/customers/invitation-links', { kind: 'custom', associationType: 'consulting', customType: 'tag', tag: '西南区', remark: '渠道大会' });
    const c = await k.customer({}, { name: '王小明', enterpriseName: null });
    await k.associate(c, link.body.url.split('/').pop(), 'consulting');
    const byTag = await k.call(p.admin, 'GET', '/api/customers/expansion-records?tag=西南&remark=大会');
    expect(byTag.body.items).toHaveLength(1);
    expect(byTag.body.items[0]).toMatchObject({ customerName: '王**', accountName: c.accountName, tag: '西南区', status: 'associated' });
    expect((await k.call(p.admin, 'GET', `/api/customers/expansion-records?accountName=${c.accountName}`)).body.total).toBe(1);
    expect((await k.call(p.admin, 'GET', '/api/customers/expansion-records?tag=东北')).body.total).toBe(0);
    const eye = await k.call(p.admin, 'GET', `/api/customers/expansion-records/${byTag.body.items[0].id}/unmasked`);
    expect(eye.body.customerName).toBe('王小明');
    expect(await k.db.select().from(auditLog).where(and(eq(auditLog.action, 'customers.record.revealed'), eq(auditLog.objectId, byTag.body.items[0].id)))).toHaveLength(1);
    const other = await k.partner();
    expect((await k.call(other.admin, 'GET', `/api/customers/expansion-records/${byTag.body.items[0].id}/unmasked`)).status).toBe(404);
    const exp = await k.call(p.admin, 'POST', '/api/exports', { kind: 'customers.expansion-records', params: {}, format: 'csv' });
    expect(exp.status, JSON.stringify(exp.body)).toBe(201);
    await t.drainJobs();
    const dl = await k.call(p.admin, 'GET', `/api/exports/${exp.body.export.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.raw.body).toContain('王**');
    expect(dl.raw.body).not.toContain('王小明');
  });

  it('the public invitation page tells an unknown, used or expired link apart', async () => {
    expect((await k.call(null, 'GET', '/api/invitations/nope')).body.state).toBe('not_found');
    const p = await k.partner();
    const c = await k.customer();
    const r = await k.report(p, c, { email: 'used_1@example.com', sendInvite: true, associationType: 'consulting' });
    const token = (await k.emailToken(r.body.id))!;
    await k.associate(c, token, 'consulting');
    expect((await k.call(null, 'GET', `/api/invitations/${token}`)).body.state).toBe('used');
    const [inv] = await k.db.select().from(customerInvitations).where(eq(customerInvitations.token, token));
    expect(inv!.status).toBe('used');
    const [rec] = await k.db.select().from(expansionRecords).where(eq(expansionRecords.invitationId, inv!.id));
    expect(rec!.status).toBe('associated');
  });
});

describe('QR codes (13.1.2)', () => {
  it('carry the link marked as scanned, so the landing page asks for the notice only in 代售 mode', () => {
    expect(scannedUrl('http://pc.example.com/customer/invitations/abc')).toBe('http://pc.example.com/customer/invitations/abc?via=qr');
    expect(scannedUrl('http://pc.example.com/customer/invitations/abc?x=1')).toBe('http://pc.example.com/customer/invitations/abc?x=1&via=qr');
  });
});
