import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, partnerAdminSession } from '../../../test/fixtures.js';
import { PRESET_ROLES, STAFF_ROLES } from '../../platform/access/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { notifications } from '../../platform/notify/index.js';
import { accounts } from '../accounts/schema.js';
import { registerChannelProvider } from './extensions.js';
import { expireReports, MAX_LIVE_REPORTS } from './reports.js';
import { customerInvitations, customerReports } from './schema.js';
import { kit, type T } from './test-kit.js';
import { addWorkingDays } from './working-days.js';

let t: T;
let k: ReturnType<typeof kit>;
beforeAll(async () => {
  t = await createTestApp();
  k = kit(t);
});
afterAll(async () => t.close());
afterEach(() => clock.reset());

describe('报备客户 (spec 04 op 7)', () => {
  it('reports an eligible customer: 已报备 for 15 days, listed masked, the eye shows it and is audited', async () => {
    const p = await k.partner();
    const c = await k.customer();
    const r = await k.report(p, c, { fullName: '北京极光网络有限公司', email: 'ops.team@aurora.cn' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: 'reported', statusName: '已报备', fullName: '北*********', mobile: expect.stringContaining('****') });
    expect(new Date(r.body.expiresAt).getTime() - new Date(r.body.reportedAt).getTime()).toBe(15 * DAY_MS);
    const list = await k.call(p.admin, 'GET', '/api/customers/reports');
    expect(list.body).toMatchObject({ total: 1, limit: 100 });
    const eye = await k.call(p.admin, 'GET', `/api/customers/reports/${r.body.id}/unmasked`);
    expect(eye.body).toMatchObject({ fullName: '北京极光网络有限公司', mobile: c.mobile, email: 'ops.team@aurora.cn' });
    const audits = await k.db.select().from(auditLog).where(and(eq(auditLog.action, 'customers.report.revealed'), eq(auditLog.objectId, r.body.id)));
    expect(audits).toHaveLength(1);
  });

  it('refuses bad input, naming the field: unregistered mobile, e-mail characters, missing e-mail or type when inviting', async () => {
    const p = await k.partner();
    const c = await k.customer();
    const unreg = await k.call(p.admin, 'POST', '/api/customers/reports', { fullName: '某公司', mobile: '13000000000', sendInvite: false });
    expect([unreg.status, Object.keys(unreg.body.fields)]).toEqual([400, ['mobile']]);
    const badEmail = await k.report(p, c, { email: 'a-b@example.com' });
    expect([badEmail.status, badEmail.body.fields.email]).toEqual([400, '电子邮箱只允许包含字母、数字和 _、. 这三个特殊字符']);
    expect((await k.report(p, c, { sendInvite: true, associationType: 'resale' })).body.fields.email).toBeTruthy();
    expect((await k.report(p, c, { sendInvite: true, email: 'a_b.c@example.com' })).body.fields.associationType).toBeTruthy();
    expect((await k.report(p, c, { fullName: ' ' })).body.fields.fullName).toBeTruthy();
    expect(await k.db.select().from(customerReports).where(eq(customerReports.customerAccountId, c.id))).toEqual([]);
  });

  it('needs the partner to have a reserved mobile or e-mail (8170)', async () => {
    const p = await k.partner();
    await k.db.update(accounts).set({ mobile: '', email: null }).where(eq(accounts.id, p.account.id));
    const r = await k.report(p, await k.customer());
    expect([r.status, r.body.code]).toEqual([409, 'customers.report.no-contact']);
  });

  it('refuses every never-reportable customer with its reason', async () => {
    const p = await k.partner();
    const cases: [Record<string, unknown>, string][] = [
      [{ internationalSite: true }, 'international_site'],
      [{ consumerCloud: true }, 'consumer_cloud'],
      [{ huaweiContract: true }, 'huawei_contract'],
      [{ cashConsumption: true }, 'cash_not_followed'],
      [{ financeHostedSub: true }, 'finance_hosted_sub'],
      [{ rewardPlan: true }, 'reward_plan'],
    ];
    for (const [facts, code] of cases) {
      const r = await k.report(p, await k.customer(facts));
      expect([r.status, r.body.code, r.body.params.codes], code).toEqual([409, 'customers.report.not-reportable', [code]]);
    }
    // cash consumption of an enterprise-verified customer followed by nobody is not on the never list
    const ent = await k.customer({ cashConsumption: true }, { realNameType: 'enterprise', enterpriseName: '某某企业' });
    expect((await k.report(p, ent)).status).toBe(201);
    // already associated with a partner
    const other = await k.partner();
    const assoc = await k.associated(other, 'consulting');
    const r = await k.report(p, assoc);
    expect(r.body.params.codes).toEqual(['associated']);
  });

  it('15-day exclusivity: another partner is refused while the report lives, and may report after it lapses', async () => {
    const a = await k.partner();
    const b = await k.partner();
    const c = await k.customer();
    const first = await k.report(a, c);
    expect(first.status).toBe(201);
    const second = await k.report(b, c);
    expect([second.status, second.body.params.codes]).toEqual([409, ['reported_by_other_partner']]);
    expect((await k.report(a, c)).body.code).toBe('customers.report.duplicate');
    clock.set(new Date(Date.now() + 15 * DAY_MS + 1000));
    // registered > 7 days by now: the report needs manual review, but it is no longer blocked by A's report
    const later = await k.report({ admin: await partnerAdminSession(t.database, b) }, c);
    expect(later.body.code).toBe('customers.report.manual-review-required');
    const listA = await k.call(await partnerAdminSession(t.database, a).then((admin) => admin), 'GET', '/api/customers/reports');
    expect(listA.body.items[0]).toMatchObject({ id: first.body.id, status: 'expired', statusName: '已失效' });
  });

  it('caps 待审核 + 已报备 at 100 per partner', async () => {
    const p = await k.partner();
    const now = clock.now();
    const fillers = [];
    for (let i = 0; i < MAX_LIVE_REPORTS; i++) fillers.push(await k.customer());
    await k.db.insert(customerReports).values(
      fillers.map((c, i) => ({
        partnerId: p.id,
        customerAccountId: c.id,
        fullName: `客户${i}`,
        mobile: c.mobile,
        status: i % 10 === 0 ? 'pending_review' : 'reported',
        realNameSnapshot: 'verified:personal',
        reportedByKind: 'partner-account',
        reportedAt: now,
        expiresAt: new Date(now.getTime() + 15 * DAY_MS),
        createdAt: now,
        updatedAt: now,
      })),
    );
    const r = await k.report(p, await k.customer());
    expect([r.status, r.body.code]).toEqual([409, 'customers.report.limit']);
    // an expired one frees a place
    await k.db.update(customerReports).set({ status: 'expired' }).where(eq(customerReports.customerAccountId, fillers[1]!.id));
    expect((await k.report(p, await k.customer())).status).toBe(201);
  });

  it('manual review: 继续申请报备 → 待审核 due in 4 working days → the vendor approves (已报备, invitation sent) or rejects', async () => {
    clock.set('2026-03-13T02:00:00Z'); // a Friday, 10:00 in Beijing
    const p = await k.partner();
    p.admin = await partnerAdminSession(t.database, p);
    const old = await k.customer({}, { createdAt: new Date('2026-03-01T00:00:00Z') });
    const direct = await k.report(p, old);
    expect(direct.body).toMatchObject({ code: 'customers.report.manual-review-required', params: { codes: ['registered_or_followed'] } });
    expect(direct.body.message).toContain('由于以下原因该客户不符合直接报备条件');
    const body = { fullName: '杭州云栖软件有限公司', mobile: k.local(old.mobile), sendInvite: true, email: 'it_dept@yunqi.cn', associationType: 'resale', expectedConsumption: '预计月消费10万元', communication: '多次拜访', projectDetails: '大数据平台', customerAccount: old.accountName };
    const manual = await k.call(p.admin, 'POST', '/api/customers/reports/manual', body);
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    expect(manual.body).toMatchObject({ status: 'pending_review', statusName: '待审核', deletable: false });
    expect(manual.body.reviewDueAt).toBe('2026-03-19T02:00:00.000Z'); // Mon, Tue, Wed, Thu
    // cannot be deleted while pending, and another partner cannot report meanwhile
    expect((await k.call(p.admin, 'POST', '/api/customers/reports/delete', { ids: [manual.body.id] })).body.code).toBe('customers.report.not-deletable');
    const other = await k.partner();
    expect((await k.report(other, old)).body.params.codes).toContain('reported_by_other_partner');
    // the ops console: a 审核员 sees it in the queue and approves
    const reviewer = await k.staff([STAFF_ROLES.reviewer]);
    const queue = await k.call(reviewer.session, 'GET', '/api/ops/reviews?kind=customers.report-manual');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(manual.body.reviewId);
    expect((await k.call(reviewer.session, 'POST', `/api/ops/reviews/${manual.body.reviewId}/approve`, {})).status).toBe(200);
    const [row] = await k.db.select().from(customerReports).where(eq(customerReports.id, manual.body.id));
    expect(row!.status).toBe('reported');
    const [mail] = await k.db.select().from(notifications).where(and(eq(notifications.address, 'it_dept@yunqi.cn'), eq(notifications.template, 'customers.invitation')));
    expect(mail!.body).toContain('代售');
    // a rejected one becomes 审核未通过
    const old2 = await k.customer({ reportedByHuawei: true });
    const m2 = await k.call(p.admin, 'POST', '/api/customers/reports/manual', { ...body, mobile: k.local(old2.mobile), sendInvite: false, email: null, associationType: null });
    expect(m2.status).toBe(201);
    await k.call(reviewer.session, 'POST', `/api/ops/reviews/${m2.body.reviewId}/reject`, { reason: '未提供有效沟通记录' });
    const [r2] = await k.db.select().from(customerReports).where(eq(customerReports.id, m2.body.id));
    expect(r2!.status).toBe('rejected');
  });

  it('refuses manual review for a customer that can be reported directly, and requires the form', async () => {
    const p = await k.partner();
    const c = await k.customer();
    const base = { fullName: '某公司', mobile: k.local(c.mobile), sendInvite: false, expectedConsumption: 'x', communication: 'y', projectDetails: 'z' };
    expect((await k.call(p.admin, 'POST', '/api/customers/reports/manual', base)).body.code).toBe('customers.report.manual-not-needed');
    expect((await k.call(p.admin, 'POST', '/api/customers/reports/manual', { ...base, projectDetails: ' ' })).body.fields.projectDetails).toBeTruthy();
  });

  it('deletes 已报备 reports (已失效, the link stops existing), never 待审核 / 已关联, all or none', async () => {
    const p = await k.partner();
    const c1 = await k.customer();
    const c2 = await k.customer();
    const r1 = await k.report(p, c1, { email: 'x1@example.com', sendInvite: true, associationType: 'consulting' });
    const r2 = await k.report(p, c2, { email: 'x2@example.com', sendInvite: true, associationType: 'consulting' });
    const token2 = await k.emailToken(r2.body.id);
    expect((await k.associate(c2, token2!, 'consulting')).status).toBe(201);
    const both = await k.call(p.admin, 'POST', '/api/customers/reports/delete', { ids: [r1.body.id, r2.body.id] });
    expect([both.status, both.body.code]).toEqual([409, 'customers.report.not-deletable']);
    const [still] = await k.db.select().from(customerReports).where(eq(customerReports.id, r1.body.id));
    expect(still!.status).toBe('reported');
    expect((await k.call(p.admin, 'POST', '/api/customers/reports/delete', { ids: [r1.body.id] })).body).toEqual({ deleted: 1 });
    const [gone] = await k.db.select().from(customerReports).where(eq(customerReports.id, r1.body.id));
    expect(gone).toMatchObject({ status: 'expired', invalidReason: 'deleted' });
    const [inv] = await k.db.select().from(customerInvitations).where(eq(customerInvitations.reportId, r1.body.id));
    expect(inv!.status).toBe('revoked');
    expect((await k.call(null, 'GET', `/api/invitations/${inv!.token}`)).body.state).toBe('not_found');
    // another partner's report answers 404
    const other = await k.partner();
    expect((await k.call(other.admin, 'POST', '/api/customers/reports/delete', { ids: [r2.body.id] })).status).toBe(404);
  });

  it('点击添加邮箱 then 邀请: only 已报备 reports with an e-mail qualify', async () => {
    const p = await k.partner();
    const c = await k.customer();
    const r = await k.report(p, c);
    const noMail = await k.call(p.admin, 'POST', '/api/customers/reports/invite', { reportIds: [r.body.id], associationType: 'consulting' });
    expect([noMail.status, noMail.body.code]).toEqual([409, 'customers.invite.not-eligible']);
    expect((await k.call(p.admin, 'PATCH', `/api/customers/reports/${r.body.id}`, { email: 'bad-mail@x.com' })).status).toBe(400);
    expect((await k.call(p.admin, 'PATCH', `/api/customers/reports/${r.body.id}`, { email: 'good_mail@x.com' })).body.hasEmail).toBe(true);
    const sent = await k.call(p.admin, 'POST', '/api/customers/reports/invite', { reportIds: [r.body.id], associationType: 'consulting' });
    expect(sent.status).toBe(200);
    expect(new Date(sent.body.items[0].expiresAt).getTime() - clock.nowMs()).toBeGreaterThan(7 * DAY_MS - 60_000);
    const preview = await k.call(p.admin, 'GET', '/api/customers/invitation-email-preview?associationType=consulting');
    expect(preview.body.body).toContain('顾问销售');
  });

  it('a 客户经理 sees only the reports they made; a supervisor also their managers\'', async () => {
    const p = await k.partner();
    const sup = await k.member(p, [PRESET_ROLES.amSupervisor]);
    const am = await k.member(p, [PRESET_ROLES.accountManager], sup.id);
    const am2 = await k.member(p, [PRESET_ROLES.accountManager]);
    await k.report(p, await k.customer(), {}, am.session);
    await k.report(p, await k.customer(), {}, am2.session);
    await k.report(p, await k.customer());
    expect((await k.call(am.session, 'GET', '/api/customers/reports')).body.total).toBe(1);
    expect((await k.call(sup.session, 'GET', '/api/customers/reports')).body.total).toBe(1);
    expect((await k.call(p.admin, 'GET', '/api/customers/reports')).body.total).toBe(3);
  });

  it('a 云经销商 whose distributor exited cannot report or invite (spec 07 P1, P5)', async () => {
    const reseller = await k.partner({ programs: ['reseller'] });
    registerChannelProvider({ resellerPartnerIds: async () => [], distributorDelisted: async (_ex, id) => id === reseller.id });
    try {
      expect((await k.report(reseller, await k.customer())).body.code).toBe('customers.distributor-delisted');
      expect((await k.call(reseller.admin, 'GET', '/api/customers/invitation-links/generic')).body.code).toBe('customers.distributor-delisted');
      const sp = await k.partner();
      expect((await k.report(sp, await k.customer())).status).toBe(201);
    } finally {
      registerChannelProvider({ resellerPartnerIds: async () => [], distributorDelisted: async () => false });
    }
  });

  it('the daily job voids lapsed reports and reports whose customer changed real-name status', async () => {
    const p = await k.partner();
    const c1 = await k.customer();
    const c2 = await k.customer();
    const r1 = await k.report(p, c1);
    const r2 = await k.report(p, c2);
    await k.db.update(accounts).set({ realNameStatus: 'none' }).where(eq(accounts.id, c2.id));
    expect((await expireReports(k.db)).realNameChanged).toBeGreaterThanOrEqual(1);
    clock.set(new Date(Date.now() + 16 * DAY_MS));
    expect((await expireReports(k.db)).expired).toBeGreaterThanOrEqual(1);
    const rows = await k.db.select().from(customerReports).where(eq(customerReports.partnerId, p.id));
    expect(rows.find((r) => r.id === r1.body.id)!.invalidReason).toBe('expired');
    expect(rows.find((r) => r.id === r2.body.id)!.invalidReason).toBe('real_name_changed');
    void accountSession;
  });
});

describe('working days (审核将在4个工作日内完成)', () => {
  it('skips Saturdays and Sundays in China time', () => {
    expect(addWorkingDays(new Date('2026-03-16T02:00:00Z'), 4).toISOString()).toBe('2026-03-20T02:00:00.000Z'); // Mon → Fri
    expect(addWorkingDays(new Date('2026-03-14T02:00:00Z'), 4).toISOString()).toBe('2026-03-19T02:00:00.000Z'); // Sat → Thu
    expect(addWorkingDays(new Date('2026-03-13T17:00:00Z'), 1).toISOString()).toBe('2026-03-15T17:00:00.000Z'); // Sat 01:00 Beijing → Mon 01:00 Beijing
  });
});
