import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makeMember, makePartner, memberSession, partnerAdminSession, type TestSession } from '../../../test/fixtures.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import * as ledger from '../../platform/ledger/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { notifications } from '../../platform/notify/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import { PRESET_ROLES } from '../../platform/access/index.js';
import { customerAssociations } from '../customers/schema.js';
import { customerFundsAccount } from '../customers/funds/ledger-accounts.js';
import { loadCustomerFacts, partnerAccountChecks } from '../customers/facts.js';
import { registerChannelProvider } from '../customers/extensions.js';
import { partners } from '../partners/schema.js';
import { allocatableAccount, fundPartnerForDemo, partnerBalanceAccount, allocatableContraAccount } from '../finance/accounts.js';
import { cloudOrderPayments, cloudOrders } from './schema.js';
import { seedCatalogue } from './catalogue.js';
import { CLOUD_REVENUE, arrearsAccount } from './payers.js';
import { setCustomerDiscount, unsubscribe } from './service.js';
import { ctxFor, fund, productId, rid } from './test-helpers.js';
import './partner-orders.js';

type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
let ecs: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedCatalogue(t.database.db);
  ecs = await productId(t.database.db, 'ecs.s6.large.2.linux'); // ¥117.00 a month
});
afterAll(async () => t.close());

const call = (s: TestSession, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...s.headers, 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) });

async function partnerWorld(programs: string[] = ['solution_provider'], funds: { balance?: string; allocatable?: string } = { balance: '1000.00', allocatable: '1000.00' }) {
  const p = await makePartner(t.database, { programs });
  if (funds.balance || funds.allocatable) await inTransaction(t.database.db, (tx) => fundPartnerForDemo(tx, p.partner.id, funds, rid()));
  return { ...p, id: p.partner.id, admin: await partnerAdminSession(t.database, p) };
}

async function customerOf(partnerId: string, type: 'resale' | 'consulting' = 'resale', managerId: string | null = null) {
  const a = await makeAccount(t.database, { realNameType: 'enterprise', enterpriseName: `测试客户${Math.random().toString(36).slice(2, 8)}有限公司` });
  await t.database.db.insert(customerAssociations).values({ partnerId, customerAccountId: a.id, associationType: type, associatedAt: clock.now(), accountManagerId: managerId });
  return { account: a, id: a.id, session: await accountSession(t.database, a) };
}

/** The customer orders one month of ECS and asks its partner to pay (请他付款). */
async function requestedOrder(c: { session: TestSession }) {
  const created = await call(c.session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] });
  expect(created.statusCode, created.body).toBe(201);
  const res = await call(c.session, 'POST', `/api/customer/cloud/orders/${created.json().id}/partner-pay-request`, {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json().order as { id: string; orderNo: string; amount: string; partnerPayRequested: boolean };
}

const bal = (code: string) => ledger.balanceOf(t.database.db, code);
const notices = (where: { recipientId?: string; address?: string | null; template: string }) =>
  t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.template, where.template), where.recipientId ? eq(notifications.recipientId, where.recipientId) : eq(notifications.address, where.address!)));

describe('伙伴支付: the customer asks (13.6)', () => {
  it('sets the request, notifies the partner by SMS, e-mail and 站内信, and writes the applyPartnerPayment event', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id);
    const order = await requestedOrder(c);
    expect(order.partnerPayRequested).toBe(true);
    const sent = await t.database.db.select().from(notifications).where(eq(notifications.template, 'cloud.partner-pay-requested'));
    const mine = sent.filter((n) => n.recipientId === p.id || n.address === p.account.email || n.address === p.account.mobile);
    expect(mine.map((n) => n.channel).sort()).toEqual(['email', 'site', 'sms']);
    const [ev] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'cts.order.applyPartnerPayment'), eq(auditLog.objectId, order.id)));
    expect(ev?.customerAccountId).toBe(c.id);
    // asking again changes nothing and sends nothing more
    expect((await call(c.session, 'POST', `/api/customer/cloud/orders/${order.id}/partner-pay-request`, {})).statusCode).toBe(200);
    expect((await t.database.db.select().from(notifications).where(eq(notifications.template, 'cloud.partner-pay-requested'))).length).toBe(sent.length);
    // another account's order is 404
    const other = await accountSession(t.database, await makeAccount(t.database));
    expect((await call(other, 'POST', `/api/customer/cloud/orders/${order.id}/partner-pay-request`, {})).statusCode).toBe(404);
  });

  it('a reseller’s 顾问销售 customer cannot ask; its 代售 customer can; not for auto-renewal orders; not without a partner', async () => {
    const r = await partnerWorld(['reseller']);
    const consulting = await customerOf(r.id, 'consulting');
    const created = await call(consulting.session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] });
    const refused = await call(consulting.session, 'POST', `/api/customer/cloud/orders/${created.json().id}/partner-pay-request`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('cloud.partner-pay-not-allowed');
    expect((await t.database.db.select().from(cloudOrders).where(eq(cloudOrders.id, created.json().id)))[0]!.partnerPayRequested).toBe(false);
    const resale = await customerOf(r.id, 'resale');
    await requestedOrder(resale);

    const sp = await partnerWorld();
    const c = await customerOf(sp.id, 'consulting');
    const o = (await call(c.session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] })).json();
    await t.database.db.update(cloudOrders).set({ source: 'system' }).where(eq(cloudOrders.id, o.id)); // as the auto-renewal job makes them
    const auto = await call(c.session, 'POST', `/api/customer/cloud/orders/${o.id}/partner-pay-request`, {});
    expect(auto.json().code).toBe('cloud.partner-pay-auto-renew');

    const loner = await makeAccount(t.database);
    const ls = await accountSession(t.database, loner);
    const lo = (await call(ls, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] })).json();
    expect((await call(ls, 'POST', `/api/customer/cloud/orders/${lo.id}/partner-pay-request`, {})).json().code).toBe('cloud.partner-pay-no-partner');
  });
});

describe('待付订单: 支付 (op 28)', () => {
  it('pays with 余额支付: both balances down, the revenue line, 已完成, resources active, the customer told by e-mail, SMS and 站内信', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id, 'consulting');
    const order = await requestedOrder(c);

    const list = (await call(p.admin, 'GET', '/api/cloud/partner/pending-orders')).json();
    const row = list.items.find((i: { id: string }) => i.id === order.id);
    expect(row).toMatchObject({ orderNo: order.orderNo, status: '待支付', orderType: '订购', amount: '117.00', requestState: 'open', canPay: true, paymentMethod: null });
    expect(row.customerName).not.toBe(c.account.enterpriseName);
    const revealed = (await call(p.admin, 'GET', '/api/cloud/partner/pending-orders?reveal=true')).json();
    expect(revealed.items[0].customerName).toBe(c.account.enterpriseName);

    const page = (await call(p.admin, 'GET', `/api/cloud/partner/pending-orders/${order.id}`)).json();
    expect(page.estimatedRebate).toBe('3.51');
    expect(page.methods.map((m: { method: string; enabled: boolean }) => [m.method, m.enabled])).toEqual([
      ['余额支付', true],
      ['第三方支付', false],
      ['花瓣支付', false],
    ]);
    expect(page.balances).toEqual({ balance: '1000.00', allocatable: '1000.00' });

    const paid = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().order).toMatchObject({ status: '已完成', paymentMethod: '伙伴支付', paidAmount: '117.00' });
    expect(await bal(partnerBalanceAccount(p.id))).toBe('883.00');
    expect(await bal(allocatableAccount(p.id))).toBe('883.00');
    const posting = await ledger.findPosting(t.database.db, `cloud.order-pay:${order.id}`);
    expect(posting!.lines.find((l) => l.account === CLOUD_REVENUE)?.amount).toBe('117.00');
    expect(posting!.lines.find((l) => l.account === allocatableContraAccount(p.id))?.amount).toBe('117.00');
    const [stored] = await t.database.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id));
    expect(stored!.invoiceableAmount).toBe('117.00'); // 顾问销售: the customer's 可开票金额
    const resources = (await call(c.session, 'GET', '/api/customer/cloud/resources')).json();
    expect(resources.items[0]).toMatchObject({ status: '使用中' });
    const toCustomer = [
      ...(await notices({ address: c.account.email, template: 'cloud.order-paid-by-partner' })),
      ...(await notices({ address: c.account.mobile, template: 'cloud.order-paid-by-partner' })),
      ...(await notices({ recipientId: c.id, template: 'cloud.order-paid' })),
    ];
    expect(toCustomer.map((n) => n.channel).sort()).toEqual(['email', 'site', 'sms']);
    expect(toCustomer.every((n) => n.subject === '订单支付成功')).toBe(true);
    // the pending list shows the live status; the orders list the payment breakdown
    const after = (await call(p.admin, 'GET', '/api/cloud/partner/pending-orders')).json().items.find((i: { id: string }) => i.id === order.id);
    expect(after).toMatchObject({ status: '已完成', requestState: 'paid', paymentMethod: '伙伴支付', canPay: false });
    const orders = (await call(p.admin, 'GET', '/api/cloud/partner/orders')).json();
    expect(orders.items[0].paymentDetail).toMatchObject({ paymentMethod: '伙伴支付', cashAmount: '117.00', couponAmount: '0.00', payerKind: 'partner' });
    await ledger.assertLedgerConsistent(t.database.db);
  });

  it('short 账户余额 or short 可拨款账户余额 is refused with the guide’s words and nothing written', async () => {
    for (const [funds, code, zh] of [
      [{ balance: '50.00', allocatable: '1000.00' }, 'finance.balance-insufficient', '账户余额不足'],
      [{ balance: '1000.00', allocatable: '50.00' }, 'finance.allocatable-insufficient', '可拨款账户余额不足，需先充值再进行支付'],
    ] as const) {
      const p = await partnerWorld(['solution_provider'], funds);
      const c = await customerOf(p.id);
      const order = await requestedOrder(c);
      const res = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toContain(zh);
      const [o] = await t.database.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id));
      expect(o!.status).toBe('待支付');
      expect(await t.database.db.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, order.id))).toHaveLength(0);
      expect(await bal(partnerBalanceAccount(p.id))).toBe(funds.balance);
      expect(await bal(allocatableAccount(p.id))).toBe(funds.allocatable);
    }
  });

  it('a reseller pays from 账户余额 only', async () => {
    const r = await partnerWorld(['reseller'], { balance: '200.00' });
    const c = await customerOf(r.id, 'resale');
    const order = await requestedOrder(c);
    const page = (await call(r.admin, 'GET', `/api/cloud/partner/pending-orders/${order.id}`)).json();
    expect(page).toMatchObject({ partnerKind: 'reseller', estimatedRebate: null, balances: { balance: '200.00', allocatable: null } });
    expect((await call(r.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() })).statusCode).toBe(200);
    expect(await bal(partnerBalanceAccount(r.id))).toBe('83.00');
    expect(await bal(allocatableAccount(r.id))).toBe('0.00');
  });

  it('duplicate pay requests pay once: the same requestId replays, another is refused; one posting', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id);
    const order = await requestedOrder(c);
    const first = rid();
    expect((await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: first })).json().replayed).toBe(false);
    const again = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: first });
    expect(again.statusCode).toBe(200);
    expect(again.json().replayed).toBe(true);
    const second = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('cloud.order-not-payable');
    const payments = await t.database.db.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, order.id));
    expect(payments).toHaveLength(1);
    expect(await bal(partnerBalanceAccount(p.id))).toBe('883.00');
  });

  it('two simultaneous pays of one order: one succeeds, the other is refused', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id);
    const order = await requestedOrder(c);
    const results = await Promise.all([1, 2].map(() => call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await bal(allocatableAccount(p.id))).toBe('883.00');
    expect(await t.database.db.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, order.id))).toHaveLength(1);
  });

  it('refuses an order that is not 待支付, another partner’s (404), an unknown method, and an order past its 7 days', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id);
    const cancelled = await requestedOrder(c);
    await t.database.db.update(cloudOrders).set({ status: '已取消' }).where(eq(cloudOrders.id, cancelled.id));
    const r1 = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${cancelled.id}/pay`, { method: '余额支付', requestId: rid() });
    expect([r1.statusCode, r1.json().code]).toEqual([409, 'cloud.order-not-payable']);

    const order = await requestedOrder(c);
    const intruder = await partnerWorld();
    for (const [m, url, body] of [
      ['POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() }],
      ['GET', `/api/cloud/partner/pending-orders/${order.id}`, undefined],
      ['GET', `/api/cloud/partner/orders/${order.id}`, undefined],
      ['GET', `/api/cloud/partner/orders/${order.id}/price-adjustments`, undefined],
      ['POST', '/api/cloud/partner/pending-orders/reject', { ids: [order.id], reason: '不付' }],
    ] as const) {
      expect((await call(intruder.admin, m, url, body)).statusCode, url).toBe(404);
    }
    const third = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '第三方支付', requestId: rid() });
    expect([third.statusCode, third.json().code]).toEqual([400, 'cloud.pay-method-unavailable']);

    // past its 7 days (as if ordered 8 days ago): cancelled on the spot, nothing paid
    await t.database.db.update(cloudOrders).set({ payDeadline: new Date(Date.now() - 1000) }).where(eq(cloudOrders.id, order.id));
    const late = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
    expect([late.statusCode, late.json().code]).toEqual([409, 'cloud.order-expired']);
    expect((await t.database.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id)))[0]!.status).toBe('已取消');
    expect(await bal(partnerBalanceAccount(p.id))).toBe('1000.00');
  });

  it('asks for the verification code when the partner’s switch is on', async () => {
    const p = await partnerWorld();
    await t.database.db.update(partners).set({ verificationCodeRequired: true }).where(eq(partners.id, p.id));
    const c = await customerOf(p.id);
    const order = await requestedOrder(c);
    expect((await call(p.admin, 'GET', `/api/cloud/partner/pending-orders/${order.id}`)).json().verificationRequired).toBe(true);
    const none = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
    expect([none.statusCode, none.json().code]).toEqual([400, 'customers.code-required']);
    expect((await call(p.admin, 'POST', '/api/customers/verification-code', { channel: 'sms' })).statusCode).toBe(200);
    const [sms] = await t.database.db.select().from(notifications).where(and(eq(notifications.address, p.account.mobile), eq(notifications.template, 'verification-code')));
    const code = /\d{6}/.exec(sms!.body)![0];
    const requestId = rid();
    const ok = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId, code });
    expect(ok.statusCode, ok.body).toBe(200);
    // a retry of the same payment needs no new code
    expect((await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId, code })).json().replayed).toBe(true);
  });
});

describe('驳回 (op 29) and the customer paying itself', () => {
  it('rejects one, then a batch (all or nothing); the customer is told and pays itself', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id, 'consulting');
    const [a, b, d] = [await requestedOrder(c), await requestedOrder(c), await requestedOrder(c)];
    const noReason = await call(p.admin, 'POST', '/api/cloud/partner/pending-orders/reject', { ids: [a.id], reason: '  ' });
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'cloud.reject-reason-required']);
    const one = await call(p.admin, 'POST', '/api/cloud/partner/pending-orders/reject', { ids: [a.id], reason: '请自行支付' });
    expect(one.json()).toEqual({ rejected: 1, message: '驳回成功' });
    const told = await notices({ recipientId: c.id, template: 'cloud.partner-pay-rejected' });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('请自行支付');
    expect((await notices({ address: c.account.email, template: 'cloud.partner-pay-rejected' }))).toHaveLength(1);
    expect((await notices({ address: c.account.mobile, template: 'cloud.partner-pay-rejected' }))).toHaveLength(1);

    // a batch holding the rejected order is refused whole
    const mixed = await call(p.admin, 'POST', '/api/cloud/partner/pending-orders/reject', { ids: [b.id, a.id], reason: '预算不足' });
    expect([mixed.statusCode, mixed.json().code]).toEqual([409, 'cloud.partner-pay-not-pending']);
    expect((await t.database.db.select().from(cloudOrders).where(eq(cloudOrders.id, b.id)))[0]!.partnerPayRequested).toBe(true);
    const batch = await call(p.admin, 'POST', '/api/cloud/partner/pending-orders/reject', { ids: [b.id, d.id], reason: '预算不足' });
    expect(batch.json().rejected).toBe(2);
    const rows = await t.database.db.select().from(cloudOrders).where(inArray(cloudOrders.id, [a.id, b.id, d.id]));
    expect(rows.every((r) => !r.partnerPayRequested && r.status === '待支付' && r.rejectReason)).toBe(true);

    // the partner can no longer pay it; the customer may not ask again, but pays itself
    const late = await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${a.id}/pay`, { method: '余额支付', requestId: rid() });
    expect(late.json().code).toBe('cloud.partner-pay-rejected-already');
    expect((await call(c.session, 'POST', `/api/customer/cloud/orders/${a.id}/partner-pay-request`, {})).json().code).toBe('cloud.partner-pay-rejected');
    const listed = (await call(c.session, 'GET', '/api/customer/cloud/orders')).json().items.find((o: { id: string }) => o.id === a.id);
    expect(listed).toMatchObject({ partnerPayRequested: false, rejectReason: '请自行支付' });
    await fund(t.database.db, c.id, '117.00');
    const self = await call(c.session, 'POST', `/api/customer/cloud/orders/${a.id}/pay`, { requestId: rid() });
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json()).toMatchObject({ status: '已完成', paymentMethod: '余额支付' });
    const pending = (await call(p.admin, 'GET', '/api/cloud/partner/pending-orders')).json().items.find((i: { id: string }) => i.id === a.id);
    expect(pending).toMatchObject({ requestState: 'self_paid', status: '已完成' });
    expect(await bal(partnerBalanceAccount(p.id))).toBe('1000.00');
  });
});

describe('R-O1: a refund of a partner-paid order returns to both balances', () => {
  it('unsubscribing restores 账户余额 and 可拨款账户余额, and the 可拨款账户 ledger shows the entry', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id);
    const order = await requestedOrder(c);
    await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
    expect(await bal(allocatableAccount(p.id))).toBe('883.00');
    const resources = (await call(c.session, 'GET', '/api/customer/cloud/resources')).json();
    const customerCtx = ctxFor(t.database, { kind: 'account', accountId: c.id, accountName: c.account.accountName });
    await unsubscribe(customerCtx, { resourceIds: [resources.items[0].id] }); // within 5 days: the whole amount
    expect(await bal(partnerBalanceAccount(p.id))).toBe('1000.00');
    expect(await bal(allocatableAccount(p.id))).toBe('1000.00');
    const lines = await ledger.accountLines(t.database.db, allocatableAccount(p.id));
    expect(lines.items[0]).toMatchObject({ kind: 'cloud.order.refund', amount: '117.00' });
    // the customer's own (allocated) balance was never touched
    expect(await bal(customerFundsAccount(p.id, c.id, 'ordinary'))).toBe('0.00');
    await ledger.assertLedgerConsistent(t.database.db);
  });
});

describe('我的客户订单, 详情, 调价记录, 订单资源明细 (op 30)', () => {
  it('defaults to 6 months, refuses a range over a year, filters in SQL', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id, 'consulting');
    clock.set(new Date(Date.now() - 200 * DAY_MS));
    let old: { id: string };
    try {
      old = await requestedOrder(c);
    } finally {
      clock.reset();
    }
    const recent = await requestedOrder(c);
    const def = (await call(p.admin, 'GET', '/api/cloud/partner/orders')).json();
    expect(def.items.map((i: { id: string }) => i.id)).toEqual([recent.id]);
    const from = new Date(Date.now() - 300 * DAY_MS).toISOString();
    const wide = (await call(p.admin, 'GET', `/api/cloud/partner/orders?createdFrom=${from}`)).json();
    expect(wide.items.map((i: { id: string }) => i.id)).toEqual([recent.id, old!.id]);
    const tooLong = await call(p.admin, 'GET', `/api/cloud/partner/orders?createdFrom=${new Date(Date.now() - 400 * DAY_MS).toISOString()}`);
    expect([tooLong.statusCode, tooLong.json().code]).toEqual([400, 'cloud.range-too-long']);
    expect(tooLong.json().message).toContain('时间范围不能超过1年');
    expect((await call(p.admin, 'GET', `/api/cloud/partner/orders?orderNo=${recent.orderNo}`)).json().total).toBe(1);
    expect((await call(p.admin, 'GET', '/api/cloud/partner/orders?status=已完成')).json().total).toBe(0);
    expect((await call(p.admin, 'GET', '/api/cloud/partner/orders?orderType=续订')).json().total).toBe(0);
    expect((await call(p.admin, 'GET', `/api/cloud/partner/orders?customerName=${encodeURIComponent(c.account.enterpriseName!)}`)).json().total).toBe(1);
    expect((await call(p.admin, 'GET', '/api/cloud/partner/orders?serviceTypeCode=hws.service.type.ec2')).json().total).toBe(1);
  });

  it('详情, 调价记录 of a discounted order, and its resource lines with the 客户经理', async () => {
    const p = await partnerWorld();
    const am = await makeMember(t.database, p.id, [PRESET_ROLES.accountManager]);
    const c = await customerOf(p.id, 'resale', am.id);
    await setCustomerDiscount(t.database.db, { customerId: c.id, discountType: '607', name: '伙伴授予折扣', serviceTypeCode: 'hws.service.type.ec2', rate: '0.8', validFrom: new Date(Date.now() - DAY_MS) });
    const order = await requestedOrder(c);
    expect(order.amount).toBe('93.60');
    await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
    const detail = (await call(p.admin, 'GET', `/api/cloud/partner/orders/${order.id}`)).json();
    expect(detail.lines[0]).toMatchObject({ officialAmount: '117.00', discountAmount: '23.40', amount: '93.60' });
    expect(detail.payments[0]).toMatchObject({ kind: 'payment', method: '伙伴支付', amount: '93.60' });
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['create', 'partner-pay-request', 'pay', 'activate']);
    const adj = (await call(p.admin, 'GET', `/api/cloud/partner/orders/${order.id}/price-adjustments`)).json();
    expect(adj.items).toEqual([expect.objectContaining({ adjustType: '折扣', officialAmount: '117.00', amount: '93.60', adjustAmount: '-23.40', rate: '0.8000' })]);

    const lines = (await call(p.admin, 'GET', '/api/cloud/partner/order-lines?reveal=true')).json();
    expect(lines.items[0]).toMatchObject({ orderNo: order.orderNo, managerName: am.name, managerAccountName: am.accountName, serviceTypeName: '弹性云服务器' });
    expect(lines.items[0].lineExpiresAt).not.toBeNull();
    const exp = new Date(lines.items[0].lineExpiresAt).getTime();
    const q = (from: number, to: number) => `/api/cloud/partner/order-lines?expiresFrom=${new Date(from).toISOString()}&expiresTo=${new Date(to).toISOString()}`;
    expect((await call(p.admin, 'GET', q(exp - DAY_MS, exp + DAY_MS))).json().total).toBe(1);
    expect((await call(p.admin, 'GET', q(exp + DAY_MS, exp + 2 * DAY_MS))).json().total).toBe(0);
  });

  it('a 客户经理 sees only the orders of the customers assigned to them', async () => {
    const p = await partnerWorld();
    const am = await makeMember(t.database, p.id, [PRESET_ROLES.accountManager]);
    const mine = await customerOf(p.id, 'resale', am.id);
    const other = await customerOf(p.id, 'resale');
    const o1 = await requestedOrder(mine);
    const o2 = await requestedOrder(other);
    const s = await memberSession(t.database, am);
    expect((await call(s, 'GET', '/api/cloud/partner/orders')).json().items.map((i: { id: string }) => i.id)).toEqual([o1.id]);
    expect((await call(s, 'GET', '/api/cloud/partner/pending-orders')).json().items.map((i: { id: string }) => i.id)).toEqual([o1.id]);
    expect((await call(s, 'GET', `/api/cloud/partner/orders/${o2.id}`)).statusCode).toBe(404);
    expect((await call(s, 'POST', '/api/cloud/partner/pending-orders/reject', { ids: [o2.id], reason: 'x' })).statusCode).toBe(404);
    expect((await call(p.admin, 'GET', '/api/cloud/partner/orders')).json().total).toBe(2);
  });

  it('a distributor reads its resellers’ customer orders, read only', async () => {
    const dist = await partnerWorld(['distributor']);
    const r = await partnerWorld(['reseller']);
    registerChannelProvider({ resellerPartnerIds: async (_ex, id) => (id === dist.id ? [r.id] : []), distributorDelisted: async () => false });
    try {
      const c = await customerOf(r.id, 'resale');
      const o = await requestedOrder(c);
      expect((await call(dist.admin, 'GET', '/api/cloud/partner/orders')).json().total).toBe(0);
      const res = (await call(dist.admin, 'GET', '/api/cloud/partner/orders?scope=resellers')).json();
      expect(res.items[0]).toMatchObject({ id: o.id, readOnly: true, partnerName: r.partner.displayName });
      expect((await call(dist.admin, 'GET', `/api/cloud/partner/orders/${o.id}`)).statusCode).toBe(200);
      expect((await call(dist.admin, 'POST', `/api/cloud/partner/pending-orders/${o.id}/pay`, { method: '余额支付', requestId: rid() })).statusCode).toBe(404);
    } finally {
      registerChannelProvider({ resellerPartnerIds: async () => [], distributorDelisted: async () => false });
    }
  });

  it('exports the orders and the lines by 订单行失效时间, names anonymised', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id, 'consulting');
    const order = await requestedOrder(c);
    await call(p.admin, 'POST', `/api/cloud/partner/pending-orders/${order.id}/pay`, { method: '余额支付', requestId: rid() });
    const req = await call(p.admin, 'POST', '/api/exports', { kind: 'cloud.partner-orders', format: 'csv', params: { mode: 'all' } });
    expect(req.statusCode, req.body).toBe(201);
    const now = Date.now();
    const lreq = await call(p.admin, 'POST', '/api/exports', {
      kind: 'cloud.partner-order-lines',
      format: 'csv',
      params: { expiresFrom: new Date(now).toISOString(), expiresTo: new Date(now + 60 * DAY_MS).toISOString() },
    });
    expect(lreq.statusCode, lreq.body).toBe(201);
    const bad = await call(p.admin, 'POST', '/api/exports', { kind: 'cloud.partner-order-lines', format: 'csv', params: {} });
    expect(bad.statusCode).toBe(400);
    await t.drainJobs();
    for (const id of [req.json().export.id, lreq.json().export.id]) {
      const dl = await call(p.admin, 'GET', `/api/exports/${id}/download`);
      expect(dl.statusCode).toBe(200);
      const rows = dl.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toContain(order.orderNo);
      expect(dl.body).not.toContain(c.account.enterpriseName!);
      expect(dl.body).not.toContain(c.account.accountName);
    }
  });
});

describe('unbind preconditions (customer facts)', () => {
  it('an open partner-pay request and arrears both block an unbind check', async () => {
    const p = await partnerWorld();
    const c = await customerOf(p.id);
    const blocked = async (key: string) => {
      const f = (await loadCustomerFacts(t.database.db, c.id))!;
      return partnerAccountChecks(f, 'resale', 'unbind', 'solution_provider').find((i) => i.key === key)!.passed === false;
    };
    expect(await blocked('pending_partner_pay_orders')).toBe(false);
    const order = await requestedOrder(c);
    expect(await blocked('pending_partner_pay_orders')).toBe(true);
    await call(p.admin, 'POST', '/api/cloud/partner/pending-orders/reject', { ids: [order.id], reason: '不付' });
    expect(await blocked('pending_partner_pay_orders')).toBe(false);

    expect(await blocked('arrears')).toBe(false);
    await ledger.ensureAccount(t.database.db, { code: arrearsAccount(c.id), ownerKind: 'customer', ownerId: c.id, floor: null });
    await ledger.ensureAccount(t.database.db, { code: CLOUD_REVENUE, ownerKind: 'vendor', floor: null });
    await ledger.post(t.database.db, {
      idempotencyKey: `test-arrears:${c.id}`,
      kind: 'test.arrears',
      lines: [
        { account: arrearsAccount(c.id), amount: '-12.00' },
        { account: CLOUD_REVENUE, amount: '12.00' },
      ],
    });
    expect(await blocked('arrears')).toBe(true);
  });
});
