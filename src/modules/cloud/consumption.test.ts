import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makeMember, makePartner, memberSession, partnerAdminSession, type TestSession } from '../../../test/fixtures.js';
import { clock, HOUR_MS } from '../../platform/clock.js';
import { PRESET_ROLES } from '../../platform/access/index.js';
import { money, ZERO } from '../../platform/money.js';
import { rows } from '../../platform/db/index.js';
import { customerAssociations } from '../customers/schema.js';
import { customerFundsAccount } from '../customers/funds/ledger-accounts.js';
import { assignManager } from '../customers/funds/managers.js';
import { registerChannelProvider } from '../customers/extensions.js';
import { seedCatalogue } from './catalogue.js';
import { createOrder, openOnDemand, payOrder, rateUsage, recordUsage, unsubscribe } from './service.js';
import { rollupConsumption } from './consumption-rollup.js';
import { CONSUMPTION_EXPORT_LIMITS } from './consumption.js';
import { credit, ctxFor, fund, productId, rid } from './test-helpers.js';

/**
 * 销售 > 客户 > 客户消费 over HTTP on the whole product: fees come from the cloud services (订购, 退订,
 * recordUsage + rateUsage), the summary from the rollup run after rating.
 */

type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
let ecs: string;

/** Beijing wall time → instant. */
const bj = (s: string) => new Date(`${s}+08:00`);

/** Sessions idle out after 2 hours and the tests move the clock by days: a fresh session per call. */
type Who = TestSession | (() => Promise<TestSession>);
const call = async (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const s = typeof who === 'function' ? await who() : who;
  return t.app.inject({ method, url, headers: { ...s.headers, 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) });
};
const get = async (s: Who, url: string, status = 200) => {
  const res = await call(s, 'GET', url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const qs = (o: Record<string, string | number | boolean | undefined>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

async function customerOf(partnerId: string, type: 'consulting' | 'resale', name: string, managerId: string | null = null) {
  const a = await makeAccount(t.database, { name, enterpriseName: name, realNameType: 'enterprise' });
  const [assoc] = await t.database.db
    .insert(customerAssociations)
    .values({ partnerId, customerAccountId: a.id, associationType: type, associatedAt: clock.now(), accountManagerId: managerId })
    .returning();
  const ctx = ctxFor(t.database, { kind: 'account', accountId: a.id, accountName: a.accountName });
  if (type === 'resale') await credit(t.database.db, customerFundsAccount(partnerId, a.id, 'ordinary'), '10000.00', { kind: 'customer', id: a.id, partnerId });
  else await fund(t.database.db, a.id, '10000.00');
  return { id: a.id, account: a, ctx, assoc: assoc! };
}

/** An 按需 ECS opened at the start of August (Beijing) and `hours` of use from `from`. */
async function ecsOf(c: Awaited<ReturnType<typeof customerOf>>, name: string) {
  const now = clock.now();
  clock.set(bj('2024-08-01T00:00:00'));
  const r = await openOnDemand(c.ctx, { productId: ecs, regionCode: 'cn-north-4', name });
  clock.set(now);
  return r;
}
async function use(resourceId: string, fromBj: string, hours: number, value = '1') {
  const start = bj(fromBj).getTime();
  await recordUsage(
    t.database.db,
    Array.from({ length: hours }, (_, i) => ({ resourceId, usageTypeCode: 'Duration', hourStart: new Date(start + i * HOUR_MS), value, measureId: 4 })),
  );
}
async function rateAndRoll() {
  for (let i = 0; i < 5 && (await rateUsage(t.database.db)).records > 0; i++);
  return rollupConsumption(t.database.db);
}

let sp: Awaited<ReturnType<typeof makePartner>>;
let admin: Who;
let am1: Awaited<ReturnType<typeof makeMember>>;
let am1s: Who;
let cA: Awaited<ReturnType<typeof customerOf>>; // 代售, am1
let cB: Awaited<ReturnType<typeof customerOf>>; // 顾问销售, no manager; an order and its refund
let other: Awaited<ReturnType<typeof makePartner>>;
let otherAdmin: Who;
let rA: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedCatalogue(t.database.db);
  ecs = await productId(t.database.db, 'ecs.s6.large.2.linux'); // ¥0.34/h 按需, ¥117/month
  clock.set(bj('2024-08-10T12:00:00'));
  sp = await makePartner(t.database, { programs: ['solution_provider'], name: '华云伙伴有限公司' });
  admin = () => partnerAdminSession(t.database, sp);
  am1 = await makeMember(t.database, sp.partner.id, [PRESET_ROLES.accountManager], { name: '赵敏' });
  am1s = () => memberSession(t.database, am1);
  cA = await customerOf(sp.partner.id, 'resale', '甲乙科技有限公司');
  clock.set(bj('2024-08-01T00:00:00')); // counts for am1 from 08-02 (R-O7)
  await assignManager(t.database.db, { id: cA.assoc.id, partnerId: sp.partner.id, customerAccountId: cA.id }, am1.id, { kind: 'test', id: null });
  cB = await customerOf(sp.partner.id, 'consulting', '丙丁数据有限公司');
  other = await makePartner(t.database, { programs: ['solution_provider'] });
  otherAdmin = () => partnerAdminSession(t.database, other);
  const cX = await customerOf(other.partner.id, 'resale', '外部客户有限公司');

  // August: cA 3 h + a 0-amount hour on the 2nd, cB 2 h on the 3rd, cX 4 h; cB buys a month of ECS on the 5th and unsubscribes on the 6th
  clock.set(bj('2024-08-01T00:00:00'));
  const rXa = await openOnDemand(cA.ctx, { productId: ecs, regionCode: 'cn-north-4', name: 'web-a' });
  rA = rXa.id;
  const rB = await openOnDemand(cB.ctx, { productId: ecs, regionCode: 'cn-south-1', name: 'db-b' });
  const rX = await openOnDemand(cX.ctx, { productId: ecs, regionCode: 'cn-north-4', name: 'x-1' });
  clock.set(bj('2024-08-05T10:00:00'));
  const order = await createOrder(cB.ctx, { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1, name: 'period-b' }] });
  await payOrder(cB.ctx, order.id, { requestId: rid() });
  clock.set(bj('2024-08-06T10:00:00'));
  const [period] = await rows<{ id: string }>(t.database.db, sql`SELECT id FROM cloud_resources WHERE last_order_id = ${order.id}`);
  await unsubscribe(cB.ctx, { resourceIds: [period!.id], reason: '业务调整' });
  clock.set(bj('2024-08-10T12:00:00'));
  await use(rA, '2024-08-02T10:00:00', 3);
  await use(rA, '2024-08-02T20:00:00', 1, '0');
  await use(rB.id, '2024-08-03T08:00:00', 2);
  await use(rX.id, '2024-08-02T10:00:00', 4);
  await rateAndRoll();
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

const SUMMARY = '/api/cloud/partner/consumption/summary';
const DETAILS = '/api/cloud/partner/consumption/details';

describe('消费汇总 (op 31)', () => {
  it('cards, rows and the E17 split; another partner’s customers are not there', async () => {
    const s = await get(admin, `${SUMMARY}?${qs({ month: '2024-08' })}`);
    expect(s.closedThrough).toBe('2024-08-08');
    expect(s.note).toContain('客户消费并非伙伴的账单');
    // cA 3 × 0.34 + 0 ; cB 2 × 0.34 and the order 117 (paid 08-05)
    expect(s.cards).toEqual({ consumption: '118.70', discount: '0.00', refunds: expect.any(String) });
    expect(money(s.cards.refunds).gt(100)).toBe(true); // 退订 within 5 days: the whole 117.00 back
    expect(s.cards.refunds).toBe('117.00');
    expect(s.total).toBe(3); // cA 按需 ECS; cB 按需 ECS; cB 包年/包月 ECS
    expect(s.items[0]).toMatchObject({ amount: '117.00', chargingModeName: '包年/包月', associationTypeName: '顾问销售', productTypeName: '弹性云服务器', accountName: cB.account.accountName });
    expect(s.items[0].customerName).not.toBe('丙丁数据有限公司'); // masked by default
    for (const r of s.items) expect(money(r.cash).plus(r.coupon).plus(r.debt).toFixed(2)).toBe(r.amount); // E17
    const shown = await get(admin, `${SUMMARY}?${qs({ month: '2024-08', reveal: 'true' })}`);
    expect(shown.items.map((i: { customerName: string }) => i.customerName).sort()).toEqual(['丙丁数据有限公司', '丙丁数据有限公司', '甲乙科技有限公司']);
    // the other partner sees only its own
    const o = await get(otherAdmin, `${SUMMARY}?${qs({ month: '2024-08', reveal: 'true' })}`);
    expect(o.items.map((i: { customerName: string }) => i.customerName)).toEqual(['外部客户有限公司']);
    expect(o.cards.consumption).toBe('1.36');
  });

  it('filters narrow: 客户名称, 客户经理姓名, 关联类型; tabs and views', async () => {
    const byName = await get(admin, `${SUMMARY}?${qs({ month: '2024-08', customerName: '甲乙' })}`);
    expect(byName.total).toBe(1);
    expect(byName.cards.consumption).toBe('1.02');
    expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', accountName: cB.account.accountName })}`)).total).toBe(2);
    const byManager = await get(admin, `${SUMMARY}?${qs({ month: '2024-08', managerName: '赵' })}`);
    expect(byManager.items.map((i: { accountName: string }) => i.accountName)).toEqual([cA.account.accountName]);
    expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', managerName: '无此人' })}`)).total).toBe(0);
    const consulting = await get(admin, `${SUMMARY}?${qs({ month: '2024-08', associationType: 'consulting' })}`);
    expect(consulting.total).toBe(2);
    expect(consulting.cards.consumption).toBe('117.68');
    const refunds = await get(admin, `${SUMMARY}?${qs({ month: '2024-08', tab: 'refund' })}`);
    expect(refunds.total).toBe(1);
    expect(refunds.items[0]).toMatchObject({ amount: '117.00', cash: '117.00', chargingMode: 1 });
    const byAssoc = await get(admin, `${SUMMARY}?${qs({ month: '2024-08', view: 'association' })}`);
    expect(byAssoc.breakdown).toEqual([
      { key: 'resale', name: '代售', amount: '1.02' },
      { key: 'consulting', name: '顾问销售', amount: '117.68' },
    ]);
    const byPay = await get(admin, `${SUMMARY}?${qs({ month: '2024-08' })}`);
    expect(byPay.breakdown.map((b: { key: string }) => b.key)).toEqual(['cash', 'coupon', 'debt']);
    expect(byPay.productTypes[0]).toMatchObject({ productTypeName: '弹性云服务器', amount: '118.70' });
  });

  it('a 客户经理 sees only the customers that count for them', async () => {
    const s = await get(am1s, `${SUMMARY}?${qs({ month: '2024-08' })}`);
    expect(s.items.map((i: { accountName: string }) => i.accountName)).toEqual([cA.account.accountName]);
    expect(s.cards.consumption).toBe('1.02');
  });

  it('the month must be within 18 months and not in the future (R-O5)', async () => {
    clock.set(bj('2026-01-15T12:00:00'));
    expect((await call(admin, 'GET', `${SUMMARY}?month=2024-07`)).statusCode).toBe(400);
    const res = await call(admin, 'GET', `${DETAILS}?month=2024-07`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'cloud.month-out-of-range' });
    expect(JSON.stringify(res.json())).toContain('账期最多支持前溯18个月');
    expect((await call(admin, 'GET', `${DETAILS}?month=2024-08`)).statusCode).toBe(200); // the 17th month before: still in
    expect((await call(admin, 'GET', `${DETAILS}?month=2026-02`)).statusCode).toBe(400);
    expect((await call(admin, 'GET', `${DETAILS}?month=2026-1`)).statusCode).toBe(400);
    clock.set(bj('2024-08-10T12:00:00'));
  });
});

describe('消费明细 (op 32)', () => {
  it('every filter narrows, and the page sums equal the summary (E17)', async () => {
    const all = await get(admin, `${DETAILS}?${qs({ month: '2024-08', pageSize: 100 })}`);
    expect(all.total).toBe(8); // cA 4 usage; cB 2 usage + 订购 + 退订
    expect(all.totalCapped).toBe(false);
    const sum = (items: { paymentAmount: string }[]) => items.reduce((a, i) => a.plus(i.paymentAmount), ZERO).toFixed(2);
    const s = await get(admin, `${SUMMARY}?${qs({ month: '2024-08' })}`);
    expect(sum(all.items)).toBe(money(s.cards.consumption).minus(s.cards.refunds).toFixed(2)); // every fee is in a closed day here
    for (const i of all.items) expect(money(i.cashAmount).plus(i.couponAmount).plus(i.debtAmount).toFixed(2)).toBe(i.paymentAmount);
    const n = async (f: Record<string, string | number | boolean>) => (await get(admin, `${DETAILS}?${qs({ month: '2024-08', pageSize: 100, ...f })}`)).total;
    expect(await n({ customerName: '甲乙' })).toBe(4);
    expect(await n({ accountName: cB.account.accountName })).toBe(4);
    expect(await n({ managerName: '赵敏' })).toBe(4);
    expect(await n({ resourceId: rA })).toBe(4);
    expect(await n({ resourceName: 'web-a' })).toBe(4);
    expect(await n({ serviceTypeCode: 'hws.service.type.ec2' })).toBe(8);
    expect(await n({ serviceTypeCode: 'hws.service.type.obs' })).toBe(0);
    expect(await n({ associationType: 'consulting' })).toBe(4);
    expect(await n({ chargingMode: 1 })).toBe(2);
    expect(await n({ billDetailType: 4 })).toBe(1);
    expect(await n({ regionCode: 'cn-south-1' })).toBe(2);
    expect(await n({ hideZero: true })).toBe(7);
    const order = all.items.find((i: { billDetailType: number }) => i.billDetailType === 1);
    expect(order).toMatchObject({ billTypeName: '消费-新购', chargingModeName: '包年/包月', paymentStatus: '已支付', productName: expect.any(String) });
    expect(await n({ tradeId: order.tradeId })).toBe(1); // 订购 (its 退订 has an order number of its own)
    expect(await n({ tradeId: all.items.find((i: { billDetailType: number }) => i.billDetailType === 5).tradeId })).toBe(1); // a usage fee's 交易号
  });

  it('another partner’s fees are invisible; a 客户经理 sees their customers’ fees only', async () => {
    const o = await get(otherAdmin, `${DETAILS}?${qs({ month: '2024-08', customerName: '甲乙' })}`);
    expect(o.total).toBe(0);
    const m = await get(am1s, `${DETAILS}?${qs({ month: '2024-08' })}`);
    expect(m.total).toBe(4);
  });
});

describe('R-O4: a day’s summary is available after 24:00 of the next day', () => {
  it('today’s and yesterday’s fees are in the details at once and in the summary from the day after', async () => {
    clock.set(bj('2024-08-10T12:00:00'));
    await use(rA, '2024-08-10T09:00:00', 1);
    await rateAndRoll();
    const before = (await get(admin, `${SUMMARY}?${qs({ month: '2024-08', customerName: '甲乙' })}`)).cards.consumption;
    expect(before).toBe('1.02');
    expect((await get(admin, `${DETAILS}?${qs({ month: '2024-08', customerName: '甲乙' })}`)).total).toBe(5);
    clock.set(bj('2024-08-11T23:59:59'));
    expect((await rateAndRoll()).closedThrough).toBe('2024-08-09');
    expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', customerName: '甲乙' })}`)).cards.consumption).toBe('1.02');
    clock.set(bj('2024-08-12T00:00:01'));
    expect((await rateAndRoll()).closedThrough).toBe('2024-08-10');
    expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', customerName: '甲乙' })}`)).cards.consumption).toBe('1.36');
    // a late fee of a closed day goes straight into the summary at the next run
    await use(rA, '2024-08-09T09:00:00', 1);
    await rateAndRoll();
    expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', customerName: '甲乙' })}`)).cards.consumption).toBe('1.70');
  });
});

describe('R-O7: a newly assigned customer counts for a 客户经理 from the next day (云经销商: at once)', () => {
  it('solution provider: not the day of assignment', async () => {
    clock.set(bj('2024-08-12T10:00:00'));
    const am2 = await makeMember(t.database, sp.partner.id, [PRESET_ROLES.accountManager], { name: '钱伟' });
    const cC = await customerOf(sp.partner.id, 'resale', '戊己物流有限公司');
    const r = await ecsOf(cC, 'c-1');
    await assignManager(t.database.db, { id: cC.assoc.id, partnerId: sp.partner.id, customerAccountId: cC.id }, am2.id, { kind: 'test', id: null });
    clock.set(bj('2024-08-15T12:00:00'));
    await use(r.id, '2024-08-12T11:00:00', 1); // the day of assignment
    await use(r.id, '2024-08-13T11:00:00', 2); // from the next day
    await rateAndRoll();
    const s = await get(await memberSession(t.database, am2), `${SUMMARY}?${qs({ month: '2024-08' })}`);
    expect(s.cards.consumption).toBe('0.68');
    // the admin sees all three hours, and the 客户经理 filter follows the same rule
    expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', customerName: '戊己' })}`)).cards.consumption).toBe('1.02');
    expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', managerName: '钱伟' })}`)).cards.consumption).toBe('0.68');
  });

  it('reseller: from the moment of assignment; no 业绩明细', async () => {
    clock.set(bj('2024-08-12T10:00:00'));
    const rs = await makePartner(t.database, { programs: ['reseller'] });
    const am3 = await makeMember(t.database, rs.partner.id, [PRESET_ROLES.accountManager], { name: '孙芳' });
    const cR = await customerOf(rs.partner.id, 'resale', '庚辛贸易有限公司');
    const r = await ecsOf(cR, 'r-1');
    await assignManager(t.database.db, { id: cR.assoc.id, partnerId: rs.partner.id, customerAccountId: cR.id }, am3.id, { kind: 'test', id: null });
    clock.set(bj('2024-08-15T12:00:00'));
    await use(r.id, '2024-08-12T09:00:00', 1); // before the assignment
    await use(r.id, '2024-08-12T11:00:00', 1); // after it, the same day
    await rateAndRoll();
    const s = await get(await memberSession(t.database, am3), `${SUMMARY}?${qs({ month: '2024-08' })}`);
    expect(s.cards.consumption).toBe('0.34');
    expect(s.performanceLink).toBe(false);
    const radmin = await partnerAdminSession(t.database, rs);
    const row = (await get(radmin, `${SUMMARY}?${qs({ month: '2024-08' })}`)).items[0];
    const res = await call(radmin, 'GET', `${SUMMARY}/performance?${qs({ month: '2024-08', customerId: row.customerId, serviceTypeCode: row.serviceTypeCode, chargingMode: row.chargingMode, associationType: row.associationType })}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('cloud.consumption.no-performance');
  });
});

describe('业绩明细 and the distributor', () => {
  it('业绩明细 lists the fees behind a summary row', async () => {
    const s = await get(admin, `${SUMMARY}?${qs({ month: '2024-08', customerName: '甲乙' })}`);
    const row = s.items[0];
    const p = await get(admin, `${SUMMARY}/performance?${qs({ month: '2024-08', customerId: row.customerId, serviceTypeCode: row.serviceTypeCode, chargingMode: row.chargingMode, associationType: row.associationType })}`);
    expect(p.items.reduce((a: typeof ZERO, i: { paymentAmount: string }) => a.plus(i.paymentAmount), ZERO).toFixed(2)).toBe(row.amount);
    // another partner asking for it gets nothing
    const o = await get(otherAdmin, `${SUMMARY}/performance?${qs({ month: '2024-08', customerId: row.customerId, serviceTypeCode: row.serviceTypeCode, chargingMode: row.chargingMode, associationType: row.associationType })}`);
    expect(o.total).toBe(0);
  });

  it('a distributor reads its resellers’ customers in the 云经销商 tab, by 云经销商名称 / 伙伴名称', async () => {
    clock.set(bj('2024-08-15T12:00:00'));
    const dist = await makePartner(t.database, { programs: ['distributor'], name: '神州分销有限公司' });
    const res1 = await makePartner(t.database, { programs: ['reseller'], name: '一号云经销商' });
    const res2 = await makePartner(t.database, { programs: ['reseller'], name: '二号云经销商' });
    registerChannelProvider({ resellerPartnerIds: async (_ex, id) => (id === dist.partner.id ? [res1.partner.id, res2.partner.id] : []), distributorDelisted: async () => false });
    try {
      const c1 = await customerOf(res1.partner.id, 'resale', '壬癸电子有限公司');
      const c2 = await customerOf(res2.partner.id, 'resale', '子丑软件有限公司');
      const own = await customerOf(dist.partner.id, 'consulting', '寅卯咨询有限公司');
      for (const [c, n] of [[c1, 1], [c2, 2], [own, 3]] as const) await use((await ecsOf(c, `d-${n}`)).id, '2024-08-11T10:00:00', n);
      await rateAndRoll();
      const d = await partnerAdminSession(t.database, dist);
      expect((await get(d, `${SUMMARY}?${qs({ month: '2024-08' })}`)).cards.consumption).toBe('1.02');
      const rs = await get(d, `${SUMMARY}?${qs({ month: '2024-08', scope: 'resellers' })}`);
      expect(rs.cards.consumption).toBe('1.02'); // 0.34 + 0.68
      expect(rs.items.map((i: { partnerName: string }) => i.partnerName).sort()).toEqual(['一号云经销商', '二号云经销商']);
      expect((await get(d, `${SUMMARY}?${qs({ month: '2024-08', scope: 'resellers', resellerName: '二号' })}`)).cards.consumption).toBe('0.68');
      expect((await get(d, `${DETAILS}?${qs({ month: '2024-08', scope: 'resellers', partnerName: '一号' })}`)).total).toBe(1);
      expect((await get(d, `${DETAILS}?${qs({ month: '2024-08', scope: 'resellers', accountName: c2.account.accountName })}`)).total).toBe(2);
      // a solution provider has no resellers
      expect((await get(admin, `${SUMMARY}?${qs({ month: '2024-08', scope: 'resellers' })}`)).total).toBe(0);
    } finally {
      registerChannelProvider({ resellerPartnerIds: async () => [], distributorDelisted: async () => false });
    }
  });
});

describe('exports (C3, R-O6)', () => {
  async function exportOf(kind: string, params: Record<string, unknown>) {
    const res = await call(admin, 'POST', '/api/exports', { kind, params, format: 'csv' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().message).toBe('导出任务创建成功');
    await t.drainJobs();
    const id = res.json().export.id;
    const list = (await get(admin, '/api/exports?page=1&pageSize=50')).items as { id: string; status: string; error?: string | null }[];
    return { id, record: list.find((e) => e.id === id)! };
  }
  const download = async (id: string) => (await call(admin, 'GET', `/api/exports/${id}/download`)).body;

  it('导出当前记录 writes the filtered details with masked names', async () => {
    const { id, record } = await exportOf('cloud.consumption.details', { month: '2024-08', customerName: '甲乙' });
    expect(record.status).toBe('completed');
    const csv = await download(id);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('客户名称');
    expect(lines.length - 1).toBe((await get(admin, `${DETAILS}?${qs({ month: '2024-08', customerName: '甲乙' })}`)).total);
    expect(csv).not.toContain('甲乙科技有限公司');
    expect(csv).toContain('甲*');
  });

  it('导出客户消费清单 writes the summary rows, masked', async () => {
    const { id, record } = await exportOf('cloud.consumption.summary', { month: '2024-08' });
    expect(record.status).toBe('completed');
    const csv = await download(id);
    expect(csv).toContain('消费金额');
    expect(csv).not.toContain('丙丁数据有限公司');
    expect(csv).toContain('117.00');
  });

  it('按客户经理导出 stops past the cap with the guide’s message', async () => {
    const ok = await exportOf('cloud.consumption.by-manager', { month: '2024-08', managerId: am1.id });
    expect(ok.record.status).toBe('completed');
    expect((await download(ok.id)).trim().split(/\r?\n/).length - 1).toBe(6); // cA's fees: 4 on 08-02, 08-10 and the late one of 08-09 (R-O4 test)
    const saved = CONSUMPTION_EXPORT_LIMITS.maxRows;
    CONSUMPTION_EXPORT_LIMITS.maxRows = 3;
    try {
      const capped = await exportOf('cloud.consumption.by-manager', { month: '2024-08', managerId: am1.id });
      expect(capped.record.status).toBe('failed');
      expect(JSON.stringify(capped.record)).toContain('单次最多支持导出500万条记录');
    } finally {
      CONSUMPTION_EXPORT_LIMITS.maxRows = saved;
    }
    // another partner's manager: refused at run time
    const foreign = await exportOf('cloud.consumption.by-manager', { month: '2024-08', managerId: randomUUID() });
    expect(foreign.record.status).toBe('failed');
  });
});

describe('月结95峰值计费产品 (op 33)', () => {
  it('lists the 7 products with their pages', async () => {
    const p = await get(admin, '/api/cloud/partner/consumption/peak95-products');
    expect(p.items.map((i: { name: string }) => i.name)).toEqual(['内容分发网络', 'DDoS防护', '对象存储服务', '视频直播', '虚拟私有云', '云连接', '云专线']);
    expect(p.items[0].productUrl).toBe('https://www.huaweicloud.com/product/cdn.html');
    const c = await accountSession(t.database, cA.account);
    expect((await call(c, 'GET', '/api/cloud/partner/consumption/peak95-products')).statusCode).toBe(403);
  });
});

describe('the customer list (本月消费 / 上月消费, filters) and 查看资源', () => {
  it('shows 本月消费 and filters by it and by 资源到期时间 in SQL', async () => {
    clock.set(bj('2024-08-15T12:00:00'));
    const list = await get(admin, `/api/customers?${qs({ customerName: '甲乙' })}`);
    const [, , , one] = [0, 0, 0, list.items[0]];
    expect(one.extra.thisMonthConsumption).toBe('1.70');
    expect(one.extra.lastMonthConsumption).toBe('0.00');
    const ids = async (f: Record<string, string>) => ((await get(admin, `/api/customers?${qs({ pageSize: 100, ...f })}`)).items as { customerId: string }[]).map((i) => i.customerId);
    expect(await ids({ thisMonthConsumptionMin: '1.5', thisMonthConsumptionMax: '10' })).toEqual([cA.id]);
    expect((await ids({ thisMonthConsumptionMin: '100' })).sort()).toEqual([cB.id]);
    expect(await ids({ thisMonthConsumptionMin: '1', thisMonthConsumptionMax: '1.5' })).not.toContain(cA.id);
    const zero = await ids({ thisMonthConsumptionMax: '0' });
    expect(zero).not.toContain(cA.id);
    // 资源到期时间: cB's period ECS was unsubscribed (已退订, not expiring); give cA one expiring in September
    clock.set(bj('2024-08-15T12:00:00'));
    const order = await createOrder(cA.ctx, { items: [{ productId: ecs, regionCode: 'cn-north-4', periodType: 'month', periodNum: 1, name: 'period-a' }] });
    await payOrder(cA.ctx, order.id, { requestId: rid() });
    expect(await ids({ resourceExpiresFrom: bj('2024-09-01T00:00:00').toISOString(), resourceExpiresTo: bj('2024-10-01T00:00:00').toISOString() })).toEqual([cA.id]);
    expect(await ids({ resourceExpiresFrom: bj('2024-10-01T00:00:00').toISOString() })).toEqual([]);
  });

  it('查看资源 shows the real resources: 包周期 and 按需 (last month by default, 开通时间 widens it)', async () => {
    clock.set(bj('2024-08-15T12:00:00'));
    const prepaid = await get(admin, `/api/customers/resources/${cA.id}?tab=prepaid`);
    expect(prepaid.note).toBeNull();
    expect(prepaid.items).toHaveLength(1);
    expect(prepaid.items[0]).toMatchObject({ name: 'period-a', productType: '弹性云服务器', status: '使用中', expiryHandling: '保留期后自动删除', orderNo: expect.stringMatching(/^CS/) });
    const od = await get(admin, `/api/customers/resources/${cA.id}?tab=on-demand`);
    expect(od.items.map((i: { name: string }) => i.name)).toEqual(['web-a']);
    expect(od.items[0]).toMatchObject({ payingAccount: '合作伙伴账户', region: expect.any(String) });
    clock.set(bj('2024-10-15T12:00:00'));
    expect((await get(admin, `/api/customers/resources/${cA.id}?tab=on-demand`)).total).toBe(0); // opened 08-01: outside the last month
    const wide = await get(admin, `/api/customers/resources/${cA.id}?${qs({ tab: 'on-demand', from: bj('2024-07-01T00:00:00').toISOString() })}`);
    expect(wide.total).toBe(1);
    expect((await get(admin, `/api/customers/resources/${cA.id}?${qs({ tab: 'on-demand', from: bj('2024-07-01T00:00:00').toISOString(), keyword: 'nothing' })}`)).total).toBe(0);
    expect((await call(otherAdmin, 'GET', `/api/customers/resources/${cA.id}?tab=prepaid`)).statusCode).toBe(404);
    clock.set(bj('2024-08-15T12:00:00'));
  });
});

describe('the rollup', () => {
  it('is idempotent and equals a fold of every fee from scratch', async () => {
    await rollupConsumption(t.database.db);
    const [a] = await rows<{ amount: string; fees: number }>(t.database.db, sql`SELECT coalesce(sum(amount), 0)::text AS amount, coalesce(sum(fees), 0)::int AS fees FROM (SELECT amount, fees FROM cloud_consumption_monthly UNION ALL SELECT amount, fees FROM cloud_consumption_open) x`);
    const [f] = await rows<{ amount: string; fees: number }>(t.database.db, sql`SELECT coalesce(sum(payment_amount), 0)::text AS amount, count(*)::int AS fees FROM cloud_fee_records WHERE partner_id IS NOT NULL`);
    expect(money(a!.amount).toFixed(2)).toBe(money(f!.amount).toFixed(2));
    expect(a!.fees).toBe(f!.fees);
    // stats = monthly rows
    const [s] = await rows<{ ok: boolean }>(
      t.database.db,
      sql`SELECT (SELECT sum(row_count) FROM cloud_consumption_stats) = (SELECT count(*) FROM cloud_consumption_monthly)
             AND (SELECT sum(amount) FROM cloud_consumption_stats) = (SELECT sum(amount) FROM cloud_consumption_monthly)
             AND (SELECT sum(row_count) FROM cloud_consumption_stats_am) = (SELECT count(*) FROM cloud_consumption_monthly_am)
             AND (SELECT sum(amount) FROM cloud_consumption_stats_am) = (SELECT sum(amount) FROM cloud_consumption_monthly_am) AS ok`,
    );
    expect(s!.ok).toBe(true);
  });

  it('takes its high-water mark from the fee id sequence, which must hand ids out one by one', async () => {
    // The fee table keeps no B-tree on id; the rollup folds ids up to the sequence's last value. A sequence caching ids
    // per connection could commit a fee below that mark later, and the rollup would never fold it.
    await rollupConsumption(t.database.db);
    const [seq] = await rows<{ cache: string; last: string; max: string; cursor: string }>(
      t.database.db,
      sql`SELECT (SELECT seqcache FROM pg_sequence WHERE seqrelid = 'cloud_fee_records_id_seq'::regclass)::text AS cache,
                 pg_sequence_last_value('cloud_fee_records_id_seq')::text AS last, (SELECT max(id) FROM cloud_fee_records)::text AS max,
                 (SELECT fee_cursor FROM cloud_consumption_state)::text AS cursor`,
    );
    expect(seq!.cache).toBe('1');
    expect(Number(seq!.max)).toBeGreaterThan(0);
    expect(Number(seq!.last)).toBeGreaterThanOrEqual(Number(seq!.max));
    expect(Number(seq!.cursor)).toBe(Number(seq!.last));
  });
});
