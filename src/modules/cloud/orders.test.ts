import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import type { Database } from '../../platform/db/index.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { money } from '../../platform/money.js';
import { approve, reject } from '../../platform/review/index.js';
import { expectRefused, refusal } from '../../../test/refusal.js';
import { makeMember } from '../../../test/fixtures.js';
import { cloudFeeRecords, cloudOrderEvents, cloudOrderPayments, cloudOrders, cloudResourceSegments, cloudResources } from './schema.js';
import {
  cancelOrder,
  changeSpec,
  createOrder,
  expireResources,
  expireUnpaidOrders,
  getOrder,
  listOrders,
  listResources,
  payOrder,
  renewResources,
  runAutoRenewals,
  setCustomerDiscount,
  unsubscribe,
  CLOUD_REVENUE,
  EXPIRED_REASON,
  type Payer,
} from './service.js';
import { balance, cloudReviews, credit, ctxFor, cloudTestDb, fund, newCustomer, ownCash, productId, resaleCustomer, rid, staffCtx } from './test-helpers.js';

let db: Database;
let large: string; // ecs s6.large.2 ¥117/月
let xlarge: string; // ecs s6.xlarge.2 ¥234/月
const T0 = '2024-07-31T16:00:00Z'; // 2024-08-01 00:00 Beijing: a 1-month period is 32 days (through 09-01)

beforeAll(async () => {
  db = await cloudTestDb();
  large = await productId(db.db, 'ecs.s6.large.2.linux');
  xlarge = await productId(db.db, 'ecs.s6.xlarge.2.linux');
});
afterEach(() => clock.reset());
afterAll(async () => {
  await ledger.assertLedgerConsistent(db.db);
  await db.close();
});

const ecs = (product = large, extra: Record<string, unknown> = {}) => ({ items: [{ productId: product, regionCode: 'cn-north-4', periodType: 'month' as const, periodNum: 1, ...extra }] });

async function buy(c: Awaited<ReturnType<typeof newCustomer>>, product = large, extra: Record<string, unknown> = {}) {
  const order = await createOrder(c.ctx, ecs(product, extra));
  const { order: paid } = await payOrder(c.ctx, order.id, { requestId: rid() });
  const [res] = (await listResources(c.ctx, { chargeMode: 'period' })).items.filter((r) => r.lastOrderId === paid.id);
  return { order: paid, resource: res! };
}

describe('订购 and 余额支付 (paying activates)', () => {
  it('an order waits 待支付 for 7 days; paying takes the balance and opens the resource', async () => {
    clock.set('2024-07-26T01:15:00Z'); // 09:15 Beijing, as the guide's CS2407260915H355
    const c = await newCustomer(db);
    await fund(db.db, c.id, '500.00');
    const order = await createOrder(c.ctx, ecs());
    expect(order).toMatchObject({ status: '待支付', orderType: '订购', amount: '117.00', officialAmount: '117.00', discountAmount: '0.00' });
    expect(order.orderNo).toMatch(/^CS2407260915[A-Z0-9]{4}$/);
    expect(order.payDeadline!.getTime() - order.createdAt.getTime()).toBe(7 * DAY_MS);
    const revenueBefore = money(await balance(db.db, CLOUD_REVENUE));

    const { order: paid, replayed } = await payOrder(c.ctx, order.id, { requestId: rid() });
    expect(replayed).toBe(false);
    expect(paid).toMatchObject({ status: '已完成', paidAmount: '117.00', paymentMethod: '余额支付' });
    expect(await balance(db.db, ownCash(c.id))).toBe('383.00');
    expect(money(await balance(db.db, CLOUD_REVENUE)).minus(revenueBefore).toFixed(2)).toBe('117.00');
    const { items } = await listResources(c.ctx, { chargeMode: 'period' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: '使用中', productId: large, expiresAt: new Date('2024-08-26T16:00:00Z') });
    const fees = await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.orderId, order.id));
    expect(fees).toHaveLength(1);
    expect(fees[0]).toMatchObject({ billDetailType: 1, chargingMode: 1, paymentAmount: '117.00', cashAmount: '117.00', debtAmount: '0.00', tradeId: order.orderNo, billMonth: '2024-07-01' });
    const events = await db.db.select().from(cloudOrderEvents).where(eq(cloudOrderEvents.orderId, order.id));
    expect(events.map((e) => e.toStatus)).toEqual(['待支付', '处理中', '已完成']);
  });

  it('a customer discount lowers the amount (list ¥117.00 at 85折 = ¥99.45)', async () => {
    const c = await newCustomer(db);
    await setCustomerDiscount(db.db, { customerId: c.id, discountType: '607', name: '伙伴授予折扣', serviceTypeCode: 'hws.service.type.ec2', rate: '0.85', validFrom: new Date(clock.nowMs() - DAY_MS) });
    const order = await createOrder(c.ctx, ecs());
    expect(order).toMatchObject({ officialAmount: '117.00', discountAmount: '17.55', amount: '99.45' });
  });

  it('余额不足 is refused and nothing is half-written', async () => {
    const c = await newCustomer(db);
    await fund(db.db, c.id, '100.00');
    const order = await createOrder(c.ctx, ecs());
    await expectRefused(payOrder(c.ctx, order.id, { requestId: rid() }), 'ledger.insufficient-balance', 409);
    const [after] = await db.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id));
    expect(after!.status).toBe('待支付');
    expect(await db.db.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, order.id))).toHaveLength(0);
    expect(await db.db.select().from(cloudResources).where(eq(cloudResources.customerAccountId, c.id))).toHaveLength(0);
    expect(await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.orderId, order.id))).toHaveLength(0);
    expect(await balance(db.db, ownCash(c.id))).toBe('100.00');
    // a customer that never had money is refused the same way
    const poor = await newCustomer(db);
    await expectRefused(payOrder(poor.ctx, (await createOrder(poor.ctx, ecs())).id, { requestId: rid() }), 'ledger.insufficient-balance', 409);
  });

  it('one payment only: a retry with the same request id replays, another id or a parallel attempt is refused', async () => {
    const c = await newCustomer(db);
    await fund(db.db, c.id, '1000.00');
    const order = await createOrder(c.ctx, ecs());
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => payOrder(c.ctx, order.id, { requestId: rid() })));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts.filter((x) => x.status === 'rejected')) expect((a as PromiseRejectedResult).reason.code).toBe('cloud.order-not-payable');
    expect(await balance(db.db, ownCash(c.id))).toBe('883.00');
    const [payment] = await db.db.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, order.id));
    const again = await payOrder(c.ctx, order.id, { requestId: payment!.requestId! });
    expect(again.replayed).toBe(true);
    expect(await balance(db.db, ownCash(c.id))).toBe('883.00');
  });

  it('a 代售 customer spends only what its partner allocated', async () => {
    const c = await resaleCustomer(db, '200.00');
    await fund(db.db, c.id, '1000.00'); // its own old balance is not spent
    await payOrder(c.ctx, (await createOrder(c.ctx, ecs())).id, { requestId: rid() });
    expect(await balance(db.db, c.account)).toBe('83.00');
    expect(await balance(db.db, ownCash(c.id))).toBe('1000.00');
    const order = await createOrder(c.ctx, ecs(xlarge));
    expect(order.partnerId).toBe(c.partner.partner.id);
    expect(order.associationType).toBe('resale');
    await expectRefused(payOrder(c.ctx, order.id, { requestId: rid() }), 'ledger.insufficient-balance', 409);
  });

  it('bad input names the field: unknown product, region, period, size, quantity', async () => {
    const c = await newCustomer(db);
    const evs = await productId(db.db, 'evs.sas');
    const field = async (input: Parameters<typeof createOrder>[1], f: string) => {
      const e = await refusal(createOrder(c.ctx, input));
      expect(e.status).toBe(400);
      expect(Object.keys(e.fields ?? {})).toEqual([f]);
    };
    await field(ecs('00000000-0000-4000-8000-000000000000'), 'items.0.productId');
    await field({ items: [{ productId: large, regionCode: 'mars-1', periodType: 'month', periodNum: 1 }] }, 'items.0.regionCode');
    await field({ items: [{ productId: large, regionCode: 'cn-north-4', periodType: 'month', periodNum: 12 }] }, 'items.0.periodNum');
    await field({ items: [{ productId: large, regionCode: 'cn-north-4', periodType: 'year', periodNum: 4 }] }, 'items.0.periodNum');
    await field({ items: [{ productId: evs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1 }] }, 'items.0.size');
    await field({ items: [{ productId: evs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1, size: 5 }] }, 'items.0.size');
    await field(ecs(large, { size: 40 }), 'items.0.size');
    await field(ecs(large, { quantity: 0 }), 'items.0.quantity');
    await field({ items: [] }, 'items');
    expect(await db.db.select().from(cloudOrders).where(eq(cloudOrders.customerAccountId, c.id))).toHaveLength(0);
  });

  it('a linear product is priced by size: 90 GB of 云备份 = ¥29.70 (the guide’s sample order)', async () => {
    const c = await newCustomer(db);
    const order = await createOrder(c.ctx, { items: [{ productId: await productId(db.db, 'cbr.server.vault'), regionCode: 'cn-north-4', periodType: 'month', periodNum: 1, size: 90 }] });
    expect(order.amount).toBe('29.70');
  });
});

describe('unpaid orders cancel on the clock (7 days, guide 20993)', () => {
  it('the job cancels 待支付 orders past their deadline, not before', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    const order = await createOrder(c.ctx, ecs());
    clock.advance(7 * DAY_MS - 60_000);
    await expireUnpaidOrders(db.db);
    expect((await db.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id)))[0]!.status).toBe('待支付');
    clock.advance(60_000);
    expect(await expireUnpaidOrders(db.db)).toBeGreaterThanOrEqual(1);
    const [after] = await db.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id));
    expect(after).toMatchObject({ status: '已取消', cancelReason: EXPIRED_REASON });
  });

  it('paying an overdue order cancels it on the spot, even before the job ran', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '500.00');
    const order = await createOrder(c.ctx, ecs());
    clock.advance(7 * DAY_MS);
    await expectRefused(payOrder(c.ctx, order.id, { requestId: rid() }), 'cloud.order-expired', 409);
    expect((await db.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id)))[0]!.status).toBe('已取消');
    expect(await balance(db.db, ownCash(c.id))).toBe('500.00');
  });

  it('the customer cancels its own 待支付 order; another customer cannot see it; a completed one cannot be cancelled', async () => {
    const c = await newCustomer(db);
    const other = await newCustomer(db);
    const order = await createOrder(c.ctx, ecs());
    await expectRefused(cancelOrder(other.ctx, order.id), 'not-found', 404);
    await expectRefused(payOrder(other.ctx, order.id, { requestId: rid() }), 'not-found', 404);
    expect((await cancelOrder(c.ctx, order.id)).status).toBe('已取消');
    await expectRefused(cancelOrder(c.ctx, order.id), 'cloud.order-not-cancellable', 409);
    await expectRefused(payOrder(c.ctx, order.id, { requestId: rid() }), 'cloud.order-not-payable', 409);
  });
});

describe('待审核: products that need the vendor’s review', () => {
  it('a 云专线 port order waits for review; approval opens the 7 days; rejection cancels it', async () => {
    const c = await newCustomer(db);
    const dc = await productId(db.db, 'dc.port.1ge');
    const order = await createOrder(c.ctx, ecs(dc));
    expect(order).toMatchObject({ status: '待审核', payDeadline: null });
    await expectRefused(payOrder(c.ctx, order.id, { requestId: rid() }), 'cloud.order-not-payable', 409);
    const staff = await staffCtx(db);
    await approve(cloudReviews, staff, order.reviewId!, {});
    const [approved] = await db.db.select().from(cloudOrders).where(eq(cloudOrders.id, order.id));
    expect(approved!.status).toBe('待支付');
    expect(approved!.payDeadline).not.toBeNull();

    const second = await createOrder(c.ctx, ecs(dc));
    await reject(cloudReviews, staff, second.reviewId!, { reason: '该区域暂无接入点' });
    expect((await db.db.select().from(cloudOrders).where(eq(cloudOrders.id, second.id)))[0]).toMatchObject({ status: '已取消', cancelReason: '该区域暂无接入点' });

    const third = await createOrder(c.ctx, ecs(dc));
    expect((await cancelOrder(c.ctx, third.id)).status).toBe('已取消'); // withdraws the review
  });
});

describe('续订, auto-renewal and expiry', () => {
  it('a renewal continues from the current expiry', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '1000.00');
    const { resource } = await buy(c);
    expect(resource.expiresAt!.toISOString()).toBe('2024-09-01T16:00:00.000Z');
    const renewal = await renewResources(c.ctx, { resourceIds: [resource.id], periodType: 'month', periodNum: 2 });
    expect(renewal).toMatchObject({ orderType: '续订', status: '待支付', amount: '234.00' });
    await expectRefused(renewResources(c.ctx, { resourceIds: [resource.id], periodType: 'month', periodNum: 1 }), 'cloud.resource-has-open-order', 409);
    await payOrder(c.ctx, renewal.id, { requestId: rid() });
    const [r] = await db.db.select().from(cloudResources).where(eq(cloudResources.id, resource.id));
    expect(r!.expiresAt!.toISOString()).toBe('2024-11-01T16:00:00.000Z'); // through 11-01
    expect(await balance(db.db, ownCash(c.id))).toBe(money('1000').minus(117).minus(234).toFixed(2));
    const fees = await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.orderId, renewal.id));
    expect(fees[0]!.billDetailType).toBe(2);
  });

  it('auto-renewal pays 7 days before expiry from the balance, and retries quietly when it cannot', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '300.00');
    const { resource } = await buy(c, large, { autoRenew: true });
    const broke = await newCustomer(db);
    await fund(db.db, broke.id, '117.00');
    const { resource: r2 } = await buy(broke, large, { autoRenew: true });
    clock.set('2024-08-24T16:00:00Z'); // 8 days before 09-01 16:00Z: not yet
    expect((await runAutoRenewals(db.db)).renewed).toBe(0);
    clock.set('2024-08-26T16:00:00Z'); // 6 days before
    const run = await runAutoRenewals(db.db);
    expect(run.renewed).toBeGreaterThanOrEqual(1);
    expect(run.failed).toBeGreaterThanOrEqual(1);
    const [r] = await db.db.select().from(cloudResources).where(eq(cloudResources.id, resource.id));
    expect(r!.expiresAt!.toISOString()).toBe('2024-10-01T16:00:00.000Z');
    expect(await balance(db.db, ownCash(c.id))).toBe('66.00');
    const autoFee = await db.db.select().from(cloudFeeRecords).where(and(eq(cloudFeeRecords.resourceId, resource.id), eq(cloudFeeRecords.billDetailType, 8)));
    expect(autoFee).toHaveLength(1);
    // the customer without money: no order was left behind
    const orders = await db.db.select().from(cloudOrders).where(eq(cloudOrders.customerAccountId, broke.id));
    expect(orders.map((o) => o.orderType)).toEqual(['订购']);
    expect((await db.db.select().from(cloudResources).where(eq(cloudResources.id, r2.id)))[0]!.expiresAt!.toISOString()).toBe('2024-09-01T16:00:00.000Z');
  });

  it('expiry: 使用中 → 已过期 (kept 15 days) → 已删除; a renewal during retention brings it back', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '500.00');
    const { resource } = await buy(c);
    const { resource: other } = await buy(c);
    clock.set('2024-09-01T16:00:00Z');
    await expireResources(db.db);
    const [r] = await db.db.select().from(cloudResources).where(eq(cloudResources.id, resource.id));
    expect(r).toMatchObject({ status: '已过期', retainUntil: new Date('2024-09-16T16:00:00Z') });
    const renewal = await renewResources(c.ctx, { resourceIds: [resource.id], periodType: 'month', periodNum: 1 });
    await payOrder(c.ctx, renewal.id, { requestId: rid() });
    expect((await db.db.select().from(cloudResources).where(eq(cloudResources.id, resource.id)))[0]).toMatchObject({ status: '使用中', retainUntil: null, expiresAt: new Date('2024-10-01T16:00:00Z') });
    clock.set('2024-09-16T16:00:00Z');
    await expireResources(db.db);
    expect((await db.db.select().from(cloudResources).where(eq(cloudResources.id, other.id)))[0]!.status).toBe('已删除');
    expect((await db.db.select().from(cloudResources).where(eq(cloudResources.id, resource.id)))[0]!.status).toBe('使用中');
  });
});

describe('退订: pro-rated refunds to the paying account (R-O1)', () => {
  it('after 5 days the unused share comes back: 8 of 32 days used → ¥87.75 of ¥117.00', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '500.00');
    const { resource } = await buy(c);
    clock.advance(8 * DAY_MS);
    const refund = await unsubscribe(c.ctx, { resourceIds: [resource.id], reason: '业务调整' });
    expect(refund).toMatchObject({ orderType: '退订', status: '已完成', amount: '87.75' });
    expect(await balance(db.db, ownCash(c.id))).toBe('470.75');
    expect((await db.db.select().from(cloudResources).where(eq(cloudResources.id, resource.id)))[0]!.status).toBe('已退订');
    const [fee] = await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.orderId, refund.id));
    expect(fee).toMatchObject({ billDetailType: 4, paymentAmount: '-87.75', cashAmount: '-87.75' });
    await expectRefused(unsubscribe(c.ctx, { resourceIds: [resource.id] }), 'cloud.resource-closed', 409);
  });

  it('within 5 days (含5天) the whole amount is refunded; one millisecond later it is pro rata', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '500.00');
    const a = await buy(c);
    const b = await buy(c);
    clock.advance(5 * DAY_MS);
    expect((await unsubscribe(c.ctx, { resourceIds: [a.resource.id] })).amount).toBe('117.00');
    clock.advance(1);
    expect((await unsubscribe(c.ctx, { resourceIds: [b.resource.id] })).amount).toBe('98.72'); // 117 × 27/32 = 98.71875 → 98.72
  });

  it('unpaid renewals of the resource are cancelled and renewed periods not yet started come back in full', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '1000.00');
    const { resource } = await buy(c);
    const renewal = await renewResources(c.ctx, { resourceIds: [resource.id], periodType: 'month', periodNum: 1 });
    await payOrder(c.ctx, renewal.id, { requestId: rid() });
    const pending = await renewResources(c.ctx, { resourceIds: [resource.id], periodType: 'month', periodNum: 1 });
    clock.advance(16 * DAY_MS); // half of the first 32 days
    const refund = await unsubscribe(c.ctx, { resourceIds: [resource.id] });
    expect(refund.amount).toBe('175.50'); // 58.50 + 117.00
    expect((await db.db.select().from(cloudOrders).where(eq(cloudOrders.id, pending.id)))[0]!.status).toBe('已取消');
    expect(await balance(db.db, ownCash(c.id))).toBe(money('1000').minus(234).plus('175.50').toFixed(2));
  });

  it('a partner-paid order refunds to the partner’s accounts — both balances — not the customer’s (pay-on-behalf plug-in)', async () => {
    clock.set(T0);
    const c = await resaleCustomer(db, '0');
    const partnerId = c.partner.partner.id;
    const codes = { cash: `partner:${partnerId}:test-balance`, allocatable: `partner:${partnerId}:test-allocatable`, memo: `partner:${partnerId}:test-memo` };
    await credit(db.db, codes.cash, '1000.00', { kind: 'partner', id: partnerId, partnerId });
    await credit(db.db, codes.allocatable, '1000.00', { kind: 'partner', id: partnerId, partnerId });
    await ledger.ensureAccount(db.db, { code: codes.memo, ownerKind: 'partner', ownerId: partnerId, partnerId, floor: null });
    // 伙伴支付 (R-F1): the partner's 账户余额 and 可拨款账户余额 both go down by the amount
    const payer: Payer = {
      kind: 'partner',
      id: partnerId,
      method: '伙伴支付',
      partnerId,
      debit: async (_tx, amount) => [
        { account: codes.cash, amount: amount.negated() },
        { account: codes.allocatable, amount: amount.negated() },
        { account: codes.memo, amount },
      ],
    };
    const order = await createOrder(c.ctx, ecs());
    await db.db.update(cloudOrders).set({ partnerPayRequested: true }).where(eq(cloudOrders.id, order.id));
    const admin = ctxFor(db, { kind: 'partner', partnerId, accountId: c.partner.account.id, memberId: null, displayName: 'p', isAdmin: true, permissions: new Set(), roleKeys: new Set() });
    const member = await makeMember(db, partnerId, ['sa']);
    const sa = ctxFor(db, { kind: 'partner', partnerId, accountId: c.partner.account.id, memberId: member.id, displayName: 'sa', isAdmin: false, permissions: new Set(['主页']), roleKeys: new Set(['sa']) });
    await expectRefused(payOrder(sa, order.id, { requestId: rid(), payer }), 'access.denied', 403);
    const { order: paid } = await payOrder(admin, order.id, { requestId: rid(), payer });
    expect(paid.paymentMethod).toBe('伙伴支付');
    expect([await balance(db.db, codes.cash), await balance(db.db, codes.allocatable)]).toEqual(['883.00', '883.00']);
    const { resource } = { resource: (await listResources(c.ctx, { chargeMode: 'period' })).items[0]! };
    clock.advance(8 * DAY_MS);
    await unsubscribe(c.ctx, { resourceIds: [resource.id] });
    expect([await balance(db.db, codes.cash), await balance(db.db, codes.allocatable)]).toEqual(['970.75', '970.75']);
    expect(await balance(db.db, c.account)).toBe('0.00');
  });
});

describe('变更规格 (change of specification)', () => {
  it('an upgrade charges the difference for the rest of the period; the refund later matches the new price', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '1000.00');
    const { resource } = await buy(c); // ¥117 for 32 days
    clock.advance(8 * DAY_MS); // 3/4 left
    const change = await changeSpec(c.ctx, { resourceId: resource.id, productId: xlarge });
    expect(change).toMatchObject({ orderType: '变更', status: '待支付', amount: '87.75' }); // (234 − 117) × 0.75
    await payOrder(c.ctx, change.id, { requestId: rid() });
    expect((await db.db.select().from(cloudResources).where(eq(cloudResources.id, resource.id)))[0]!.productId).toBe(xlarge);
    expect((await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.orderId, change.id)))[0]).toMatchObject({ billDetailType: 3, paymentAmount: '87.75', productId: xlarge });
    clock.advance(8 * DAY_MS); // half left: worth 234 / 2
    expect((await unsubscribe(c.ctx, { resourceIds: [resource.id] })).amount).toBe('117.00');
    expect(await balance(db.db, ownCash(c.id))).toBe(money('1000').minus(117).minus('87.75').plus(117).toFixed(2));
  });

  it('a downgrade refunds the difference at once; the refund later matches the new price', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '1000.00');
    const { resource } = await buy(c, xlarge); // ¥234
    clock.advance(8 * DAY_MS);
    const change = await changeSpec(c.ctx, { resourceId: resource.id, productId: large });
    expect(change).toMatchObject({ orderType: '变更', status: '已完成', amount: '87.75' });
    expect(await balance(db.db, ownCash(c.id))).toBe(money('1000').minus(234).plus('87.75').toFixed(2));
    expect((await db.db.select().from(cloudFeeRecords).where(eq(cloudFeeRecords.orderId, change.id)))[0]).toMatchObject({ billDetailType: 20, paymentAmount: '-87.75' });
    clock.advance(8 * DAY_MS);
    expect((await unsubscribe(c.ctx, { resourceIds: [resource.id] })).amount).toBe('58.50'); // 117 / 2
    const segs = await db.db.select().from(cloudResourceSegments).where(eq(cloudResourceSegments.resourceId, resource.id));
    expect(segs.every((s) => s.closedAt !== null)).toBe(true);
  });

  it('refuses a change to another product type or to the same specification', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await fund(db.db, c.id, '500.00');
    const { resource } = await buy(c);
    await expectRefused(changeSpec(c.ctx, { resourceId: resource.id, productId: await productId(db.db, 'rds.mysql.n1.large.2') }), 'cloud.change-other-type', 400);
    await expectRefused(changeSpec(c.ctx, { resourceId: resource.id, productId: large }), 'cloud.change-nothing', 400);
  });
});

describe('reading orders', () => {
  it('the list defaults to 6 months, refuses ranges over 1 year, and shows only the customer’s own', async () => {
    clock.set(T0);
    const c = await newCustomer(db);
    await createOrder(c.ctx, ecs());
    clock.set('2025-03-01T00:00:00Z');
    await createOrder(c.ctx, ecs());
    expect((await listOrders(c.ctx, {})).total).toBe(1);
    expect((await listOrders(c.ctx, { createdFrom: new Date('2024-07-01T00:00:00Z'), createdTo: new Date('2025-03-02T00:00:00Z') })).total).toBe(2);
    await expectRefused(listOrders(c.ctx, { createdFrom: new Date('2024-01-01T00:00:00Z'), createdTo: new Date('2025-03-02T00:00:00Z') }), 'cloud.range-too-long', 400);
    const other = await newCustomer(db);
    expect((await listOrders(other.ctx, {})).total).toBe(0);
    const [first] = (await listOrders(c.ctx, {})).items;
    const detail = await getOrder(c.ctx, first!.id);
    expect(detail.lines).toHaveLength(1);
    await expectRefused(getOrder(other.ctx, first!.id), 'not-found', 404);
  });
});
