import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeMember, memberSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { partners } from '../partners/schema.js';
import { activeDistributorOf } from './reseller.js';
import { channelProvider } from '../customers/extensions.js';
import { programMemberships } from './schema.js';
import { and } from 'drizzle-orm';
import { call, fullApplication, joinedDistributor, joinedReseller, lastMessage, makeWorld, partner, siteMessages, type T, type World } from './test-helpers.js';

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

async function applyNaming(distributorAccount: string, region = '江苏省') {
  const me = await partner(t);
  const body = await fullApplication(t, me.p, 'reseller', {
    businessInfo: { businessRegion: region, hasDistributorRelation: true, intendedDistributor: { companyName: '总经销商', accountName: distributorAccount } },
  });
  return { ...me, body };
}

describe('reseller application with the intended distributor’s second approval (op 20, L2292)', () => {
  it('refuses an unknown distributor account (naming the field and the hotline) and a distributor of another region', async () => {
    const d = await joinedDistributor(w);
    const unknown = await applyNaming('no-such-distributor');
    const r1 = await call(t, unknown.s, 'POST', '/api/programs/applications', { ...unknown.body, submit: true });
    expect(r1.status).toBe(400);
    expect(r1.body.fields['businessInfo.intendedDistributor.accountName']).toContain('4000-955-888');
    const elsewhere = await applyNaming(d.p.account.accountName, '浙江省');
    const r2 = await call(t, elsewhere.s, 'POST', '/api/programs/applications', { ...elsewhere.body, submit: true });
    expect(r2.status).toBe(409);
    expect(r2.body.code).toBe('programs.region-mismatch');
    expect(r2.body.message).toBe('您只能与相同地区的总经销商合作，请与总经销商确认业务开展地区');
  });

  it('Huawei approves → the reseller joins, the link waits as 待审核 → the distributor approves → 正常 (批量审批)', async () => {
    const d = await joinedDistributor(w);
    const me = await applyNaming(d.p.account.accountName);
    const r = await call(t, me.s, 'POST', '/api/programs/applications', { ...me.body, submit: true });
    expect(r.status).toBe(201);
    expect(r.body.message.zh).toContain('已申请伙伴计划');
    await call(t, w.channel, 'POST', `/api/ops/reviews/${r.body.application.reviewId}/approve`, {});

    const app = (await call(t, me.s, 'GET', `/api/programs/applications/${r.body.application.id}`)).body;
    expect(app.statusName.zh).toBe('审核通过');
    expect(app.distributorApproval.statusName.zh).toBe('待审核');
    expect((await call(t, me.s, 'GET', '/api/programs/memberships')).body.items[0].program).toBe('reseller');
    expect(await activeDistributorOf(t.database.db, me.p.partner.id)).toBeNull(); // no business before the distributor approves
    expect((await siteMessages(t, d.p.account.id, 'programs.reseller-application')).length).toBe(1);

    const pending = await call(t, d.s, 'GET', '/api/programs/distributor/reseller-applications?status=pending');
    expect(pending.body.total).toBe(1);
    const link = pending.body.items[0];
    expect(link).toMatchObject({ resellerPartnerId: me.p.partner.id, businessRegion: '江苏省', source: 'application' });

    // a member of the distributor without the menu cannot; another partner cannot see it
    const fin = await memberSession(t.database, await makeMember(t.database, d.p.partner.id, ['finance']));
    expect((await call(t, fin, 'POST', '/api/programs/distributor/reseller-applications/approve', { ids: [link.id] })).status).toBe(403);
    const other = await joinedDistributor(w);
    expect((await call(t, other.s, 'POST', '/api/programs/distributor/reseller-applications/approve', { ids: [link.id] })).status).toBe(404);

    const ok = await call(t, d.s, 'POST', '/api/programs/distributor/reseller-applications/approve', { ids: [link.id] });
    expect(ok.status).toBe(200);
    expect(ok.body.items[0].statusName.zh).toBe('审核通过');
    expect((await call(t, d.s, 'POST', '/api/programs/distributor/reseller-applications/approve', { ids: [link.id] })).status).toBe(409);
    expect((await activeDistributorOf(t.database.db, me.p.partner.id))?.distributorPartnerId).toBe(d.p.partner.id);
    const list = await call(t, d.s, 'GET', '/api/programs/distributor/resellers');
    expect(list.body.items.map((x: { statusName: { zh: string } }) => x.statusName.zh)).toEqual(['正常']);
    expect((await call(t, me.s, 'GET', '/api/programs/reseller/distributor')).body.link.distributorPartnerId).toBe(d.p.partner.id);
  });

  it('the distributor may refuse with a reason; the reseller stays in the plan without a distributor', async () => {
    const d = await joinedDistributor(w);
    const me = await applyNaming(d.p.account.accountName);
    const r = await call(t, me.s, 'POST', '/api/programs/applications', { ...me.body, submit: true });
    await call(t, w.channel, 'POST', `/api/ops/reviews/${r.body.application.reviewId}/approve`, {});
    const link = (await call(t, d.s, 'GET', '/api/programs/distributor/reseller-applications')).body.items[0];
    expect((await call(t, d.s, 'POST', `/api/programs/distributor/reseller-applications/${link.id}/reject`, { reason: ' ' })).status).toBe(400);
    const no = await call(t, d.s, 'POST', `/api/programs/distributor/reseller-applications/${link.id}/reject`, { reason: '业务开展地区不一致' });
    expect(no.status).toBe(200);
    expect(no.body.statusName.zh).toBe('审核不通过');
    const app = (await call(t, me.s, 'GET', `/api/programs/applications/${r.body.application.id}`)).body;
    expect(app.distributorApproval).toMatchObject({ status: 'rejected', rejectReason: '业务开展地区不一致' });
  });
});

describe('accepting a distributor’s invitation (op 21, R31, L2366–2374)', () => {
  async function invite(d: Awaited<ReturnType<typeof joinedDistributor>>, r: { p: { account: { email: string | null; accountName: string } } }) {
    return call(t, d.s, 'POST', '/api/programs/distributor/reseller-invitations', { email: r.p.account.email, resellerAccount: r.p.account.accountName, accountManagerName: '钱经理' });
  }

  it('the invitation e-mail is sent; "愿意" with the same region and the notice ticked links them', async () => {
    const d = await joinedDistributor(w);
    const r = await joinedReseller(w);
    const inv = await invite(d, r);
    expect(inv.status).toBe(201);
    expect(inv.body.statusName.zh).toBe('待接受');
    expect((await lastMessage(t, r.p.account.email!))!.template).toBe('programs.reseller-invitation');
    expect((await call(t, r.s, 'GET', '/api/programs/reseller/invitations')).body.items).toHaveLength(1);

    const noNotice = await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: false });
    expect(noNotice.status).toBe(400);
    expect(noNotice.body.fields.acceptNotice).toBe('请阅读并勾选须知');
    const wrongRegion = await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '浙江省', acceptNotice: true });
    expect(wrongRegion.status).toBe(409);
    expect(wrongRegion.body.message).toBe('云经销商只能与同一业务开展地区内的总经销商关联');
    const ok = await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'active', source: 'invitation', distributorPartnerId: d.p.partner.id });
    expect(ok.body.statusName.zh).toBe('正常');
    expect((await call(t, d.s, 'GET', '/api/programs/distributor/reseller-invitations')).body.items[0].statusName.zh).toBe('已接受');
  });

  it('one distributor at a time: a linked reseller cannot be invited by another distributor nor accept a second invitation', async () => {
    const d1 = await joinedDistributor(w);
    const d2 = await joinedDistributor(w);
    const r = await joinedReseller(w);
    const i1 = await invite(d1, r);
    const i2 = await invite(d2, r);
    expect((await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${i1.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true })).status).toBe(200);
    const second = await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${i2.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true });
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('1个云经销商只能同时关联1个总经销商');
    const third = await invite(d2, r);
    expect(third.status).toBe(409);
    expect(third.body.message).toBe('该云经销商已与其他总经销商合作，无法邀请');
  });

  it('the invited account must already be a reseller', async () => {
    const d = await joinedDistributor(w);
    const fresh = await partner(t);
    const inv = await invite(d, fresh);
    expect(inv.status).toBe(201);
    const r = await call(t, fresh.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.not-reseller');
  });

  it('joining a path or another plan during the invitation period makes the invitation fail (L2467)', async () => {
    const d = await joinedDistributor(w);
    const r = await joinedReseller(w);
    const inv = await invite(d, r);
    await t.database.db.update(partners).set({ paths: ['service'] }).where(eq(partners.id, r.p.partner.id));
    const res = await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('programs.invitation-failed');
    const view = await call(t, r.s, 'GET', `/api/programs/reseller/invitations/${inv.body.id}`);
    expect(view.body.statusName.zh).toBe('邀请失败');
  });

  it('a reseller of another region cannot be invited; only pending invitations are resent', async () => {
    const d = await joinedDistributor(w);
    const far = await joinedReseller(w, { region: '浙江省' });
    const r = await invite(d, far);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.region-mismatch');
    const near = await joinedReseller(w);
    const inv = await invite(d, near);
    const resent = await call(t, d.s, 'POST', '/api/programs/distributor/reseller-invitations/resend', { ids: [inv.body.id] });
    expect(resent.status).toBe(200);
    await call(t, near.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true });
    expect((await call(t, d.s, 'POST', '/api/programs/distributor/reseller-invitations/resend', { ids: [inv.body.id] })).status).toBe(409);
    const badMail = await call(t, d.s, 'POST', '/api/programs/distributor/reseller-invitations', { email: 'not-mail', resellerAccount: near.p.account.accountName });
    expect(badMail.status).toBe(400);
    expect(badMail.body.fields.email).toBeDefined();
  });

  it('a partner that is not a distributor cannot invite', async () => {
    const { s } = await partner(t);
    const r = await joinedReseller(w);
    const res = await call(t, s, 'POST', '/api/programs/distributor/reseller-invitations', { email: r.p.account.email, resellerAccount: r.p.account.accountName });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('programs.not-distributor');
  });
});

describe('the distributor ↔ reseller relation for the customers module (云经销商的客户, 摘牌)', () => {
  it('lists a distributor’s linked resellers, and a reseller is delisted once its distributor is exiting', async () => {
    const d = await joinedDistributor(w);
    const r = await joinedReseller(w);
    const db = t.database.db;
    expect(await channelProvider().resellerPartnerIds(db, d.p.partner.id)).toEqual([]);
    expect(await channelProvider().distributorDelisted(db, r.p.partner.id)).toBe(false); // no distributor at all
    const inv = await call(t, d.s, 'POST', '/api/programs/distributor/reseller-invitations', { email: r.p.account.email, resellerAccount: r.p.account.accountName });
    expect((await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true })).status).toBe(200);
    expect(await channelProvider().resellerPartnerIds(db, d.p.partner.id)).toEqual([r.p.partner.id]);
    expect(await channelProvider().distributorDelisted(db, r.p.partner.id)).toBe(false);
    await db
      .update(programMemberships)
      .set({ status: 'exiting' })
      .where(and(eq(programMemberships.partnerId, d.p.partner.id), eq(programMemberships.program, 'distributor')));
    expect(await channelProvider().distributorDelisted(db, r.p.partner.id)).toBe(true);
  });
});
