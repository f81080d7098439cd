import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makePartner, partnerAdminSession, type TestSession } from '../../../test/fixtures.js';
import { clock, HOUR_MS } from '../../platform/clock.js';
import { seedCatalogue } from './catalogue.js';
import { openOnDemand, rateUsage, recordUsage } from './service.js';
import { ctxFor, fund, productId, rid } from './test-helpers.js';

type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
let customer: Awaited<ReturnType<typeof makeAccount>>;
let session: TestSession;
let other: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  await seedCatalogue(t.database.db);
  customer = await makeAccount(t.database);
  session = await accountSession(t.database, customer);
  other = await accountSession(t.database, await makeAccount(t.database));
});
afterAll(async () => t.close());

const call = (s: TestSession, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...s.headers, 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) });

describe('the customer buys and pays over HTTP', () => {
  it('lists products with their prices, filtered', async () => {
    const res = await call(session, 'GET', '/api/cloud/products?serviceTypeCode=hws.service.type.cdn');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    const peak = body.items.find((p: { code: string }) => p.code === 'cdn.bandwidth95.mainland');
    expect(peak).toMatchObject({ peak95: true, chargeModes: ['on_demand'] });
    expect(peak.prices[0].tiers).toEqual([
      { lower: '0', upper: '100', unitPrice: '32' },
      { lower: '100', upper: '1000', unitPrice: '30' },
      { lower: '1000', upper: null, unitPrice: '28' },
    ]);
    const period = (await call(session, 'GET', '/api/cloud/products?chargeMode=period&pageSize=100')).json();
    expect(period.items.every((p: { chargeModes: string[] }) => p.chargeModes.includes('period'))).toBe(true);
    // partners read the price list too
    const p = await makePartner(t.database);
    expect((await call(await partnerAdminSession(t.database, p), 'GET', '/api/cloud/products')).statusCode).toBe(200);
  });

  it('orders, pays its own order, and sees the order, the resource and the fee', async () => {
    clock.set('2024-08-01T02:00:00Z');
    try {
      await fund(t.database.db, customer.id, '200.00');
      const ecs = await productId(t.database.db, 'ecs.s6.large.2.linux');
      const created = await call(session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1, name: 'web-01' }] });
      expect(created.statusCode).toBe(201);
      const order = created.json();
      expect(order).toMatchObject({ status: '待支付', amount: '117.00', orderType: '订购' });

      expect((await call(other, 'POST', `/api/customer/cloud/orders/${order.id}/pay`, { requestId: rid() })).statusCode).toBe(404);
      const requestId = rid();
      const paid = await call(session, 'POST', `/api/customer/cloud/orders/${order.id}/pay`, { requestId });
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toMatchObject({ status: '已完成', paidAmount: '117.00', paymentMethod: '余额支付', replayed: false });
      expect((await call(session, 'POST', `/api/customer/cloud/orders/${order.id}/pay`, { requestId })).json().replayed).toBe(true);
      expect((await call(session, 'POST', `/api/customer/cloud/orders/${order.id}/pay`, { requestId: rid() })).statusCode).toBe(409);

      const orders = (await call(session, 'GET', '/api/customer/cloud/orders')).json();
      expect(orders.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([order.orderNo]);
      expect((await call(other, 'GET', '/api/customer/cloud/orders')).json().total).toBe(0);
      const resources = (await call(session, 'GET', '/api/customer/cloud/resources?chargeMode=period')).json();
      expect(resources.items).toHaveLength(1);
      expect(resources.items[0]).toMatchObject({ name: 'web-01', status: '使用中' });

      // a pay-per-use server metered for two hours
      const ondemand = await productId(t.database.db, 'ecs.s6.small.1.linux');
      const r = await openOnDemand(ctxFor(t.database, { kind: 'account', accountId: customer.id, accountName: customer.accountName }), { productId: ondemand, regionCode: 'cn-north-4' });
      clock.advance(3 * HOUR_MS);
      const h = Math.floor(clock.nowMs() / HOUR_MS) * HOUR_MS;
      await recordUsage(t.database.db, [1, 2].map((i) => ({ resourceId: r.id, usageTypeCode: 'Duration', hourStart: new Date(h - i * HOUR_MS), value: '1', measureId: 4 })));
      await rateUsage(t.database.db);
      const fees = (await call(session, 'GET', '/api/customer/cloud/fees?month=2024-08&chargingMode=3')).json();
      expect(fees.items.map((f: { paymentAmount: string; paymentStatus: string }) => [f.paymentAmount, f.paymentStatus])).toEqual([
        ['0.10', '已支付'],
        ['0.10', '已支付'],
      ]);
      expect((await call(session, 'GET', '/api/customer/cloud/fees?month=2024-08')).json().total).toBe(3);
      expect((await call(session, 'GET', '/api/customer/cloud/resources?chargeMode=on_demand')).json().items).toHaveLength(1);
    } finally {
      clock.reset();
    }
  });

  it('bad input answers 400 naming the field; a partner cannot use the customer routes', async () => {
    const bad = await call(session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: 'x', regionCode: 'cn-north-4', periodType: 'week', periodNum: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields)).toEqual(['items.0.periodType']);
    const unknown = await call(session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: 'x', regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] });
    expect([unknown.statusCode, Object.keys(unknown.json().fields)]).toEqual([400, ['items.0.productId']]);
    const month = await call(session, 'GET', '/api/customer/cloud/fees?month=2020-01');
    expect([month.statusCode, month.json().code]).toEqual([400, 'cloud.month-out-of-range']);
    const p = await makePartner(t.database);
    expect((await call(await partnerAdminSession(t.database, p), 'GET', '/api/customer/cloud/orders')).statusCode).toBe(403);
  });
});

/* ---------------------------------------------------------------- the customer portal's buy / pay / manage routes (13.6–13.7) */

import { eq as eqOp } from 'drizzle-orm';
import { customerAssociations } from '../customers/schema.js';
import { cloudOrders, cloudResources } from './schema.js';
import { balance, ownCash } from './test-helpers.js';

const put = (s: TestSession, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: { ...s.headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

/** A fresh customer with its own cash, signed in. */
async function buyer(amount = '1000.00') {
  const a = await makeAccount(t.database);
  if (amount !== '0') await fund(t.database.db, a.id, amount);
  return { account: a, session: await accountSession(t.database, a) };
}

async function boughtEcs(s: TestSession, over: Record<string, unknown> = {}) {
  const ecs = await productId(t.database.db, 'ecs.s6.medium.2.linux');
  const order = (await call(s, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1, name: 'app-01', ...over }] })).json();
  const paid = await call(s, 'POST', `/api/customer/cloud/orders/${order.id}/pay`, { requestId: rid() });
  expect(paid.statusCode).toBe(200);
  const res = (await call(s, 'GET', '/api/customer/cloud/resources?chargeMode=period')).json().items.find((r: { lastOrderId: string }) => r.lastOrderId === order.id);
  return { order, resource: res as { id: string; name: string } };
}

describe('询价 and 订单详情 for the customer portal', () => {
  it('the quote is the price the order then takes, and writes nothing', async () => {
    const b = await buyer('0');
    const ecs = await productId(t.database.db, 'ecs.s6.large.2.linux');
    const item = { productId: ecs, regionCode: 'cn-north-4', periodType: 'year', periodNum: 2, quantity: 3 };
    const quote = await call(b.session, 'POST', '/api/customer/cloud/orders/quote', { items: [item] });
    expect(quote.statusCode).toBe(200);
    // 117.00 a month, a year = 10 months: 1170.00 × 2 years × 3
    expect(quote.json()).toMatchObject({ amount: '7020.00', officialAmount: '7020.00', discountAmount: '0.00', items: [{ quantity: 3, unitAmount: '2340.00', amount: '7020.00' }] });
    expect((await call(b.session, 'GET', '/api/customer/cloud/orders')).json().total).toBe(0);
    const order = (await call(b.session, 'POST', '/api/customer/cloud/orders', { items: [item] })).json();
    expect(order.amount).toBe(quote.json().amount);
  });

  it('refuses a bad quote naming the field: period, quantity, region, unknown product', async () => {
    const b = await buyer('0');
    const ecs = await productId(t.database.db, 'ecs.s6.small.1.linux');
    const base = { productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ periodNum: 12 }, 'items.0.periodNum', 'cloud.bad-period'],
      [{ periodType: 'year', periodNum: 4 }, 'items.0.periodNum', 'cloud.bad-period'],
      [{ quantity: 51 }, 'items.0.quantity', 'cloud.bad-quantity'],
      [{ regionCode: 'global' }, 'items.0.regionCode', 'cloud.region-unavailable'],
      [{ productId: '00000000-0000-4000-8000-000000000000' }, 'items.0.productId', 'cloud.unknown-product'],
    ];
    for (const [over, field, code] of cases) {
      const res = await call(b.session, 'POST', '/api/customer/cloud/orders/quote', { items: [{ ...base, ...over }] });
      expect([res.statusCode, res.json().code, Object.keys(res.json().fields ?? {})]).toEqual([400, code, [field]]);
    }
    expect((await call(b.session, 'POST', '/api/customer/cloud/orders/quote', { items: [] })).statusCode).toBe(400);
  });

  it('订单详情 shows lines with products, payments and history; another account gets 404', async () => {
    const b = await buyer();
    const { order } = await boughtEcs(b.session);
    const res = await call(b.session, 'GET', `/api/customer/cloud/orders/${order.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.order).toMatchObject({ orderNo: order.orderNo, status: '已完成', paymentMethod: '余额支付', partnerPayRequested: false, rejectReason: null });
    expect(d.lines).toMatchObject([{ product: { code: 'ecs.s6.medium.2.linux', name: { zh: '通用计算型 s6.medium.2 Linux' } }, quantity: 1, periodType: 'month', periodNum: 1, amount: '58.50', resourceName: 'app-01' }]);
    expect(d.payments).toMatchObject([{ kind: 'payment', method: '余额支付', amount: '58.50' }]);
    expect(d.payments[0]).not.toHaveProperty('lines'); // the ledger accounts stay inside
    expect(d.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['待支付', '处理中', '已完成']);
    expect(d.partnerPay.available).toBe(false);
    expect((await call(other, 'GET', `/api/customer/cloud/orders/${order.id}`)).statusCode).toBe(404);
    expect((await call(b.session, 'GET', '/api/customer/cloud/orders/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('伙伴支付 option on the 支付 page (13.6 注意事项)', () => {
  async function orderOf(programs: string[], associationType: 'consulting' | 'resale' | null) {
    const p = await makePartner(t.database, { programs });
    const b = await buyer('0');
    if (associationType) await t.database.db.insert(customerAssociations).values({ partnerId: p.partner.id, customerAccountId: b.account.id, associationType, associatedAt: clock.now() });
    const ecs = await productId(t.database.db, 'ecs.s6.small.1.linux');
    const order = (await call(b.session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] })).json();
    const option = async () => (await call(b.session, 'GET', `/api/customer/cloud/orders/${order.id}`)).json().partnerPay;
    return { b, order, option };
  }

  it('a solution provider’s 顾问销售 and 代售 customers may ask; a 云经销商’s only 代售 ones; no partner, no option', async () => {
    expect((await (await orderOf([], 'consulting')).option()).available).toBe(true);
    expect((await (await orderOf([], 'resale')).option()).available).toBe(true);
    expect((await (await orderOf(['reseller'], 'resale')).option()).available).toBe(true);
    const consulting = await (await orderOf(['reseller'], 'consulting')).option();
    expect(consulting).toMatchObject({ available: false, reason: { zh: '云经销商伙伴仅代售类客户可以申请伙伴支付，顾问销售类客户不能申请伙伴支付' } });
    expect((await (await orderOf([], null)).option()).reason.zh).toBe('您未关联合作伙伴，或该订单下单时未关联当前合作伙伴，无法申请伙伴支付');
  });

  it('not for auto-renewal orders, nor once the order is no longer 待支付', async () => {
    const { order, option } = await orderOf([], 'consulting');
    await t.database.db.update(cloudOrders).set({ source: 'system' }).where(eqOp(cloudOrders.id, order.id));
    expect((await option()).reason.zh).toBe('自动续订模式，不支持伙伴支付');
    const second = await orderOf([], 'consulting');
    await call(second.b.session, 'POST', `/api/customer/cloud/orders/${second.order.id}/cancel`, {});
    expect((await second.option()).available).toBe(false);
  });
});

describe('取消订单', () => {
  it('cancels a 待支付 order once; another account gets 404; a paid order cannot be cancelled', async () => {
    const b = await buyer();
    const ecs = await productId(t.database.db, 'ecs.s6.small.1.linux');
    const order = (await call(b.session, 'POST', '/api/customer/cloud/orders', { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] })).json();
    expect((await call(other, 'POST', `/api/customer/cloud/orders/${order.id}/cancel`, {})).statusCode).toBe(404);
    const done = await call(b.session, 'POST', `/api/customer/cloud/orders/${order.id}/cancel`, { reason: '不需要了' });
    expect(done.json()).toMatchObject({ status: '已取消', cancelReason: '不需要了' });
    const again = await call(b.session, 'POST', `/api/customer/cloud/orders/${order.id}/cancel`, {});
    expect([again.statusCode, again.json().code]).toEqual([409, 'cloud.order-not-cancellable']);
    const pay = await call(b.session, 'POST', `/api/customer/cloud/orders/${order.id}/pay`, { requestId: rid() });
    expect([pay.statusCode, pay.json().code]).toEqual([409, 'cloud.order-not-payable']);
    const { order: paid } = await boughtEcs(b.session);
    expect((await call(b.session, 'POST', `/api/customer/cloud/orders/${paid.id}/cancel`, {})).statusCode).toBe(409);
  });
});

describe('我的资源: 续费, 退订, 自动续费, 按需', () => {
  it('续费: the quote is the 续订 order’s amount; a second renewal while one is unpaid is refused; 按需 cannot be renewed', async () => {
    const b = await buyer();
    const { resource } = await boughtEcs(b.session);
    const body = { resourceIds: [resource.id], periodType: 'month', periodNum: 3 };
    const quote = (await call(b.session, 'POST', '/api/customer/cloud/resources/renew/quote', body)).json();
    expect(quote).toMatchObject({ amount: '175.50', items: [{ resourceId: resource.id, amount: '175.50' }] });
    const renewal = await call(b.session, 'POST', '/api/customer/cloud/resources/renew', body);
    expect(renewal.statusCode).toBe(201);
    expect(renewal.json()).toMatchObject({ orderType: '续订', status: '待支付', amount: quote.amount });
    const twice = await call(b.session, 'POST', '/api/customer/cloud/resources/renew', body);
    expect(twice.statusCode).toBe(409);
    expect((await call(other, 'POST', '/api/customer/cloud/resources/renew', body)).statusCode).toBe(404);
    expect((await call(b.session, 'POST', '/api/customer/cloud/resources/renew', { ...body, periodNum: 12 })).json().code).toBe('cloud.bad-period');
    const od = (await call(b.session, 'POST', '/api/customer/cloud/resources/on-demand', { productId: await productId(t.database.db, 'ecs.s6.small.1.linux'), regionCode: 'cn-north-4' })).json();
    const refused = await call(b.session, 'POST', '/api/customer/cloud/resources/renew/quote', { ...body, resourceIds: [od.id] });
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'cloud.not-period-resource']);
  });

  it('退订: the quote is what comes back, to the account that paid; quoting writes nothing; twice is refused', async () => {
    const b = await buyer('100.00');
    const { resource } = await boughtEcs(b.session);
    expect(await balance(t.database.db, ownCash(b.account.id))).toBe('41.50');
    const quote = await call(b.session, 'POST', '/api/customer/cloud/resources/unsubscribe/quote', { resourceIds: [resource.id] });
    expect(quote.json()).toMatchObject({ refundAmount: '58.50', items: [{ resourceId: resource.id, name: 'app-01', amount: '58.50', noReasonRefund: true }] });
    const [still] = await t.database.db.select().from(cloudResources).where(eqOp(cloudResources.id, resource.id));
    expect(still!.status).toBe('使用中');
    expect((await call(other, 'POST', '/api/customer/cloud/resources/unsubscribe/quote', { resourceIds: [resource.id] })).statusCode).toBe(404);
    expect((await call(other, 'POST', '/api/customer/cloud/resources/unsubscribe', { resourceIds: [resource.id] })).statusCode).toBe(404);
    const done = await call(b.session, 'POST', '/api/customer/cloud/resources/unsubscribe', { resourceIds: [resource.id], reason: '测试结束' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ orderType: '退订', status: '已完成', amount: quote.json().refundAmount });
    expect(await balance(t.database.db, ownCash(b.account.id))).toBe('100.00');
    const twice = await call(b.session, 'POST', '/api/customer/cloud/resources/unsubscribe', { resourceIds: [resource.id] });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'cloud.resource-closed']);
    expect((await call(b.session, 'POST', '/api/customer/cloud/resources/unsubscribe', { resourceIds: [] })).json().code).toBe('cloud.bad-resource-count');
  });

  it('退订 after the 5 days refunds pro rata, and the quote still matches', async () => {
    clock.set('2024-09-01T02:00:00Z');
    try {
      const b = await buyer();
      const { resource } = await boughtEcs(b.session);
      clock.advance(10 * 24 * HOUR_MS);
      b.session = await accountSession(t.database, b.account); // the first session has expired by now
      const quote = (await call(b.session, 'POST', '/api/customer/cloud/resources/unsubscribe/quote', { resourceIds: [resource.id] })).json();
      expect(quote.items[0].noReasonRefund).toBe(false);
      expect(Number(quote.refundAmount)).toBeLessThan(58.5);
      const done = (await call(b.session, 'POST', '/api/customer/cloud/resources/unsubscribe', { resourceIds: [resource.id] })).json();
      expect(done.amount).toBe(quote.refundAmount);
    } finally {
      clock.reset();
    }
  });

  it('开启 / 关闭自动续费; bad period refused; 按需 refused; another account 404', async () => {
    const b = await buyer();
    const { resource } = await boughtEcs(b.session);
    const on = await put(b.session, `/api/customer/cloud/resources/${resource.id}/auto-renew`, { enabled: true, periodType: 'month', periodNum: 2 });
    expect(on.json()).toMatchObject({ autoRenew: true, autoRenewPeriodType: 'month', autoRenewPeriodNum: 2 });
    expect((await call(b.session, 'GET', '/api/customer/cloud/resources?chargeMode=period')).json().items.find((r: { id: string }) => r.id === resource.id).autoRenew).toBe(true);
    const off = await put(b.session, `/api/customer/cloud/resources/${resource.id}/auto-renew`, { enabled: false });
    expect(off.json().autoRenew).toBe(false);
    const bad = await put(b.session, `/api/customer/cloud/resources/${resource.id}/auto-renew`, { enabled: true, periodType: 'year', periodNum: 5 });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'cloud.bad-period']);
    expect((await put(other, `/api/customer/cloud/resources/${resource.id}/auto-renew`, { enabled: true })).statusCode).toBe(404);
    expect((await put(b.session, `/api/customer/cloud/resources/${resource.id}/auto-renew`, { enabled: 'yes' })).statusCode).toBe(400);
  });

  it('立即开通 a 按需 resource and 删除 it; a product without a 按需 price is refused', async () => {
    const b = await buyer('0');
    const opened = await call(b.session, 'POST', '/api/customer/cloud/resources/on-demand', { productId: await productId(t.database.db, 'ecs.s6.small.1.linux'), regionCode: 'cn-east-3', name: 'od-01' });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ name: 'od-01', chargeMode: 'on_demand', status: '使用中', regionCode: 'cn-east-3' });
    expect((await call(other, 'POST', `/api/customer/cloud/resources/${opened.json().id}/release`)).statusCode).toBe(404);
    const released = await call(b.session, 'POST', `/api/customer/cloud/resources/${opened.json().id}/release`);
    expect(released.json().status).toBe('已删除');
    expect((await call(b.session, 'POST', `/api/customer/cloud/resources/${opened.json().id}/release`)).statusCode).toBe(409);
    const [product] = (await call(b.session, 'GET', '/api/cloud/products?keyword=云专线&pageSize=100')).json().items.filter((p: { chargeModes: string[] }) => !p.chargeModes.includes('on_demand'));
    if (product) {
      const res = await call(b.session, 'POST', '/api/customer/cloud/resources/on-demand', { productId: product.id, regionCode: product.regions[0] });
      expect([res.statusCode, res.json().code]).toEqual([400, 'cloud.no-on-demand-price']);
    }
    const unknown = await call(b.session, 'POST', '/api/customer/cloud/resources/on-demand', { productId: 'nope', regionCode: 'cn-east-3' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'cloud.unknown-product']);
  });
});
