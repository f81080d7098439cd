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
