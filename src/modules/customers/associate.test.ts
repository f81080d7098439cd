import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, partnerAdminSession } from '../../../test/fixtures.js';
import { PRESET_ROLES } from '../../platform/access/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { accounts } from '../accounts/schema.js';
import { registerCustomerFactsProvider, unregisterCustomerFactsProvider, registerAssociationHooks, unregisterAssociationHooks } from './extensions.js';
import { FAILURE_CODES, FAILURE_REASONS, GUIDE_TABLE_CODES, type FailureCode } from './failure-reasons.js';
import type { CustomerFacts } from './facts.js';
import { associationEvents, customerAssociations, customerNoticeSignatures, customerReports, expansionRecords } from './schema.js';
import { kit, type T } from './test-kit.js';

let t: T;
let k: ReturnType<typeof kit>;
beforeAll(async () => {
  t = await createTestApp();
  k = kit(t);
});
afterAll(async () => t.close());
afterEach(() => clock.reset());

async function recordsOf(partnerId: string, customerId: string) {
  return k.db.select().from(expansionRecords).where(and(eq(expansionRecords.partnerId, partnerId), eq(expansionRecords.customerAccountId, customerId)));
}

describe('associating through an invitation link (13.1.2) or QR code (13.1.3)', () => {
  it('associates through the admin generic link: type, tag, notice version, event, records, customer audit events', async () => {
    const p = await k.partner();
    const c = await k.customer();
    const token = await k.genericToken(p.admin, 'resale');
    const info = await k.call(null, 'GET', `/api/invitations/${token}`);
    expect(info.body).toMatchObject({ state: 'valid', partnerName: p.partner.displayName, associationType: 'resale', notice: { version: 'V1001', title: '客户关联华为云合作伙伴须知' }, noticeRequiredForQr: true });
    const r = await k.associate(c, token, 'resale');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ partnerId: p.id, associationType: 'resale', associationTypeName: '代售', message: { zh: '关联成功' } });
    const [a] = await k.db.select().from(customerAssociations).where(eq(customerAssociations.customerAccountId, c.id));
    expect(a).toMatchObject({ status: 'associated', associationType: 'resale', customTag: p.account.accountName, noticeVersion: 'V1001', accountManagerId: null });
    const [sig] = await k.db.select().from(customerNoticeSignatures).where(eq(customerNoticeSignatures.customerAccountId, c.id));
    expect(sig).toMatchObject({ noticeKey: 'association-notice', version: 'V1001', associationType: 'resale', context: 'associate' });
    const [ev] = await k.db.select().from(associationEvents).where(eq(associationEvents.associationId, a!.id));
    expect(ev).toMatchObject({ type: 'associate', initiator: 'system', status: 'completed' });
    expect((await recordsOf(p.id, c.id))[0]).toMatchObject({ status: 'associated', channel: 'generic' });
    const events = await k.call(c.session, 'GET', '/api/customer/audit-events');
    expect(events.body.items.map((e: { eventName: string }) => e.eventName)).toContain('customerEnter');
    // 协议管理
    const agreements = await k.call(c.session, 'GET', '/api/customer/agreements');
    expect(agreements.body.items[0]).toMatchObject({ name: '客户关联华为云合作伙伴须知', version: 'V1001' });
  });

  it('a 客户经理 link assigns the customer to that manager (8322, 9437)', async () => {
    const p = await k.partner();
    const am = await k.member(p, [PRESET_ROLES.accountManager]);
    const c = await k.customer();
    const r = await k.associate(c, await k.genericToken(am.session, 'consulting'), 'consulting');
    expect(r.status).toBe(201);
    const [a] = await k.db.select().from(customerAssociations).where(eq(customerAssociations.customerAccountId, c.id));
    expect(a!.accountManagerId).toBe(am.id);
    expect(a!.customTag).toBe(am.accountName);
  });

  it('asks for the notice by link always, by QR code only for 代售; an outdated version is refused', async () => {
    const p = await k.partner();
    const c1 = await k.customer();
    const consultingToken = await k.genericToken(p.admin, 'consulting');
    const noNotice = await k.call(c1.session, 'POST', '/api/customer/associations', { token: consultingToken, via: 'link' });
    expect(noNotice.status).toBe(400);
    expect(noNotice.body.fields.noticeVersion).toBeTruthy();
    const qr = await k.call(c1.session, 'POST', '/api/customer/associations', { token: consultingToken, via: 'qr' });
    expect(qr.status).toBe(201);
    const c2 = await k.customer();
    const resaleToken = await k.genericToken(p.admin, 'resale');
    expect((await k.call(c2.session, 'POST', '/api/customer/associations', { token: resaleToken, via: 'qr' })).status).toBe(400);
    const old = await k.call(c2.session, 'POST', '/api/customer/associations', { token: resaleToken, via: 'qr', noticeVersion: 'V1000', agreed: true });
    expect(old.status).toBe(400);
    expect(old.body.code).toBe('customers.notice-outdated');
    const notAgreed = await k.call(c2.session, 'POST', '/api/customer/associations', { token: resaleToken, via: 'qr', noticeVersion: 'V1001', agreed: false });
    expect(notAgreed.body.fields.agreed).toBeTruthy();
    expect(await k.db.select().from(customerAssociations).where(eq(customerAssociations.customerAccountId, c2.id))).toEqual([]);
  });

  it('refuses an account that has not activated Huawei Cloud (开通并关联), storing nothing', async () => {
    const p = await k.partner();
    const c = await k.customer({}, { cloudActivatedAt: null });
    const r = await k.associate(c, await k.genericToken(p.admin, 'consulting'), 'consulting');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('customers.association.cloud-not-activated');
  });

  it('two partners associating one customer in parallel: exactly one wins, the other records 已关联其他伙伴', async () => {
    const p1 = await k.partner();
    const p2 = await k.partner();
    const c = await k.customer();
    const [t1, t2] = [await k.genericToken(p1.admin, 'consulting'), await k.genericToken(p2.admin, 'resale')];
    const results = await Promise.all([k.associate(c, t1, 'consulting'), k.associate(c, t2, 'resale')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const active = await k.db.select().from(customerAssociations).where(and(eq(customerAssociations.customerAccountId, c.id), eq(customerAssociations.status, 'associated')));
    expect(active).toHaveLength(1);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.params.reasonCode).toBe('associated_other');
    const loserPartner = active[0]!.partnerId === p1.id ? p2 : p1;
    expect((await recordsOf(loserPartner.id, c.id))[0]).toMatchObject({ status: 'failed', failureReason: '客户已关联其他伙伴，无法再次关联。' });
  });
});

describe('every association-failure reason of spec 04 §5 is stored with its text and hint', () => {
  // how to produce each reason; the partner is `p`, the customer `c` (facts are set before the attempt)
  type Setup = { facts?: Partial<CustomerFacts>; over?: Record<string, unknown>; type?: 'consulting' | 'resale'; prepare?: (ctx: { p: any; c: any }) => Promise<string | void>; via?: 'link' | 'qr' };
  const SETUPS: Record<FailureCode, Setup> = {
    system_busy: {
      prepare: async () => {
        registerCustomerFactsProvider('test-broken', async () => {
          throw new Error('cloud facts unavailable');
        });
      },
    },
    link_not_found: {
      // a deleted report's link no longer exists
      prepare: async ({ p, c }) => {
        const r = await k.report(p, c, { email: 'cust_a@example.com', sendInvite: true, associationType: 'consulting' });
        const token = await k.emailToken(r.body.id);
        expect((await k.call(p.admin, 'POST', '/api/customers/reports/delete', { ids: [r.body.id] })).status).toBe(200);
        return token!;
      },
    },
    link_expired: {
      prepare: async ({ p, c }) => {
        const r = await k.report(p, c, { email: 'cust_b@example.com', sendInvite: true, associationType: 'consulting' });
        clock.set(new Date(Date.now() + 8 * DAY_MS)); // 邀请链接有效期为7天
        c.session = await accountSession(t.database, c); // sessions last 7 days too
        p.admin = await partnerAdminSession(t.database, p);
        return (await k.emailToken(r.body.id))!;
      },
    },
    code_used: {
      via: 'qr',
      prepare: async ({ p, c }) => {
        const r = await k.report(p, c, { email: 'cust_c@example.com', sendInvite: true, associationType: 'consulting' });
        const token = (await k.emailToken(r.body.id))!;
        expect((await k.associate(c, token, 'consulting')).status).toBe(201);
        return token;
      },
    },
    link_used: {
      prepare: async ({ p, c }) => {
        const r = await k.report(p, c, { email: 'cust_d@example.com', sendInvite: true, associationType: 'consulting' });
        const token = (await k.emailToken(r.body.id))!;
        expect((await k.associate(c, token, 'consulting')).status).toBe(201);
        return token;
      },
    },
    reported_by_other_partner: {
      prepare: async ({ c }) => {
        const other = await k.partner();
        expect((await k.report(other, c)).status).toBe(201);
      },
    },
    sales_support_center: { facts: { salesSupportCenter: true } },
    online_sales_team: { facts: { onlineSalesTeam: true } },
    credit_account: { facts: { creditAccount: true }, type: 'resale' },
    is_partner: {
      prepare: async ({ c }) => {
        // the customer's own account joined HCPN: it is a partner now
        const other = await k.partner();
        await t.database.db.update(accounts).set({ attributes: {} }).where(eq(accounts.id, c.id));
        return `use-account:${other.account.id}`;
      },
    },
    associated_other: {
      prepare: async ({ c }) => {
        const other = await k.partner();
        expect((await k.associate(c, await k.genericToken(other.admin, 'consulting'), 'consulting')).status).toBe(201);
      },
    },
    special_contract: { facts: { specialContract: true } },
    huawei_internal: { facts: { huaweiInternal: true } },
    consumer_cloud: { facts: { consumerCloud: true } },
    reported_by_huawei: { facts: { reportedByHuawei: true } },
    reward_plan: { facts: { rewardPlan: true } },
    master_with_unhosted_subs: { facts: { masterWithUnhostedSubs: true }, type: 'resale' },
    enterprise_sub: { facts: { enterpriseSub: true }, type: 'resale' },
    topup_bonus: { facts: { topUpBonus: true }, type: 'resale' },
    has_consumption: { facts: { cashConsumption: true } },
    balance_uninvoiced_over_limit: { facts: { balanceWithUninvoicedOverLimit: true } },
    registration_too_old: { over: { createdAt: new Date(Date.now() - 8 * DAY_MS) } },
    in_arrears: { facts: { inArrears: true } },
    stored_value_card: { facts: { storedValueCard: true }, type: 'resale' },
    real_name_changed: {
      prepare: async ({ p, c }) => {
        const r = await k.report(p, c, { email: 'cust_e@example.com', sendInvite: true, associationType: 'consulting' });
        await k.db.update(accounts).set({ realNameStatus: 'verified', realNameType: 'enterprise', enterpriseName: '某某科技有限公司' }).where(eq(accounts.id, c.id));
        return (await k.emailToken(r.body.id))!;
      },
    },
    international_site: { facts: { internationalSite: true } },
    finance_hosted_sub: { facts: { financeHostedSub: true } },
    designated_contract: { facts: { designatedContract: true }, type: 'resale' },
  };

  it('covers every code, and every row of the guide table', () => {
    expect(Object.keys(SETUPS).sort()).toEqual([...FAILURE_CODES].sort());
    expect(GUIDE_TABLE_CODES).toHaveLength(25); // the 24 rows of 8425–8451 and the real-name row (8452)
  });

  for (const code of FAILURE_CODES) {
    it(`${code}: ${FAILURE_REASONS[code].reason.zh}`, async () => {
      const s = SETUPS[code];
      const type = s.type ?? 'consulting';
      const p = await k.partner();
      let c = await k.customer(s.facts ?? {}, (s.over ?? {}) as never);
      let token = await k.genericToken(p.admin, type);
      try {
        const prepared = await s.prepare?.({ p, c });
        if (prepared?.startsWith('use-account:')) {
          const accountId = prepared.slice('use-account:'.length);
          const [acc] = await k.db.select().from(accounts).where(eq(accounts.id, accountId));
          c = { ...acc!, session: await accountSession(t.database, acc!) } as typeof c;
        } else if (prepared) token = prepared;
        const r = await k.associate(c, token, type, s.via ?? 'link');
        expect(r.status, JSON.stringify(r.body)).toBe(409);
        expect(r.body.code).toBe('customers.association-failed');
        expect(r.body.params).toMatchObject({ reasonCode: code, reason: FAILURE_REASONS[code].reason, hint: FAILURE_REASONS[code].hint });
        expect(r.body.message).toBe(FAILURE_REASONS[code].reason.zh);
        const records = (await recordsOf(p.id, c.id)).filter((x) => x.status === 'failed');
        expect(records).toHaveLength(1);
        expect(records[0]).toMatchObject({ failureCode: code, failureReason: FAILURE_REASONS[code].reason.zh, failureHint: FAILURE_REASONS[code].hint.zh || null });
        // and the partner sees it on 拓展记录 (the hover text of 关联失败)
        const list = await k.call(p.admin, 'GET', '/api/customers/expansion-records?status=failed');
        expect(list.body.items.find((i: { id: string }) => i.id === records[0]!.id)).toMatchObject({ statusName: '关联失败', failureReason: FAILURE_REASONS[code].reason.zh });
        // no (new) association with this partner was made
        if (code !== 'code_used' && code !== 'link_used') expect(await k.db.select().from(customerAssociations).where(and(eq(customerAssociations.customerAccountId, c.id), eq(customerAssociations.partnerId, p.id), eq(customerAssociations.status, 'associated')))).toEqual([]);
        if (code === 'real_name_changed') {
          const [rep] = await k.db.select().from(customerReports).where(eq(customerReports.customerAccountId, c.id));
          expect(rep).toMatchObject({ status: 'expired', invalidReason: 'real_name_changed' });
        }
      } finally {
        unregisterCustomerFactsProvider('test-broken');
      }
    });
  }

  it('代售-only reasons let a 顾问销售 link through', async () => {
    const p = await k.partner();
    const c = await k.customer({ creditAccount: true, topUpBonus: true, storedValueCard: true, enterpriseSub: true });
    expect((await k.associate(c, await k.genericToken(p.admin, 'consulting'), 'consulting')).status).toBe(201);
  });

  it('the "report first" reasons are waived once this partner holds a live report (manual review approved)', async () => {
    const p = await k.partner();
    const c = await k.customer({ onlineSalesTeam: true });
    const staff = await k.staff();
    const refused = await k.report(p, c);
    expect(refused.body.code).toBe('customers.report.manual-review-required');
    const manual = await k.call(p.admin, 'POST', '/api/customers/reports/manual', {
      fullName: '测试客户有限公司', mobile: k.local(c.mobile), sendInvite: true, email: 'waived@example.com', associationType: 'consulting',
      expectedConsumption: '月消费约5万元', communication: '已与客户CTO沟通三次', projectDetails: '核心业务上云',
    });
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    expect((await k.call(staff.session, 'POST', `/api/ops/reviews/${manual.body.reviewId}/approve`, {})).status).toBe(200);
    const token = await k.emailToken(manual.body.id);
    const r = await k.associate(c, token!, 'consulting');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [rep] = await k.db.select().from(customerReports).where(eq(customerReports.id, manual.body.id));
    expect(rep!.status).toBe('associated');
  });

  it('the customer reads the failed attempt in its audit events (addBpInviteTraceLog, warning)', async () => {
    const p = await k.partner();
    const c = await k.customer({ inArrears: true });
    await k.associate(c, await k.genericToken(p.admin, 'consulting'), 'consulting');
    const r = await k.call(c.session, 'GET', '/api/customer/audit-events?level=warning');
    expect(r.body.items[0]).toMatchObject({ eventName: 'addBpInviteTraceLog', resourceType: 'csbchannelsales', level: 'warning' });
    const rows = await k.db.select().from(auditLog).where(eq(auditLog.customerAccountId, c.id));
    expect(rows.some((x) => x.action === 'cts.csbchannelsales.addBpInviteTraceLog')).toBe(true);
  });

  it('an onAssociate hook runs inside the transaction: its failure leaves nothing behind', async () => {
    const p = await k.partner();
    const c = await k.customer();
    registerAssociationHooks('test-fail', {
      onAssociate: async () => {
        throw new Error('hook failed');
      },
    });
    try {
      const r = await k.associate(c, await k.genericToken(p.admin, 'consulting'), 'consulting');
      expect(r.status).toBe(500);
      expect(await k.db.select().from(customerAssociations).where(eq(customerAssociations.customerAccountId, c.id))).toEqual([]);
    } finally {
      unregisterAssociationHooks('test-fail');
    }
  });
});
