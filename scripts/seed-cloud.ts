import { eq } from 'drizzle-orm';
import type { Db } from '../src/platform/db/index.js';
import { inTransaction } from '../src/platform/db/index.js';
import type { Deps } from '../src/platform/deps.js';
import type { Actor, Ctx } from '../src/platform/context.js';
import { ALL_PERMISSIONS } from '../src/platform/access/index.js';
import { clock, DAY_MS } from '../src/platform/clock.js';
import * as ledger from '../src/platform/ledger/index.js';
import { ZERO, type Money } from '../src/platform/money.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { partners } from '../src/modules/partners/schema.js';
import { topUp } from '../src/modules/customers/funds/adjustments.js';
import { fundPartnerForDemo } from '../src/modules/finance/accounts.js';
import { cloudProducts } from '../src/modules/cloud/schema.js';
import { createOrder, payOrder, openOnDemand } from '../src/modules/cloud/service.js';
import { payPendingOrder, rejectPendingOrders, requestPartnerPay } from '../src/modules/cloud/partner-orders.js';
import { simulateForCustomers } from './simulate-usage.js';
import { rollupConsumption } from '../src/modules/cloud/consumption-rollup.js';

/**
 * Issue 5's demo orders (客户订单, 待付订单, 客户消费), made through the services after the customers seed:
 * the three channel partners' 账户余额 funded (finance's demo top-up), their customers ordering ECS / EVS
 * yearly and monthly over the last three months — some paying themselves, some asking the partner (伙伴支付)
 * who pays — two requests still open in 待付订单 and one 驳回; 按需 ECS / EVS / OBS / CDN resources opened three
 * months ago and metered by the usage simulator (seed 20250), so 消费汇总 / 消费明细 have three months of fees.
 * Deterministic (fixed customers, products, dates relative to now, request ids); a second run changes nothing.
 */

type PartnerName = 'sp_admin' | 'dist_admin' | 'reseller_a';
const MARKER = 'seed-cloud:sp_admin';

export async function seedCloud(db: Db, deps: Deps): Promise<void> {
  if (await ledger.findPosting(db, `finance.demo-funding:${MARKER}`)) return; // seeded already

  const ctxAs = (actor: Actor): Ctx => ({ db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'seed-cloud', deps });
  const acct = async (name: string) => (await db.select().from(accounts).where(eq(accounts.accountName, name)))[0]!;
  const customer = async (name: string) => {
    const a = await acct(name);
    return { id: a.id, ctx: ctxAs({ kind: 'account', accountId: a.id, accountName: a.accountName }) };
  };
  const partner = async (name: PartnerName) => {
    const a = await acct(name);
    const [p] = await db.select().from(partners).where(eq(partners.accountId, a.id));
    return { id: p!.id, ctx: ctxAs({ kind: 'partner', partnerId: p!.id, accountId: a.id, memberId: null, displayName: p!.displayName, isAdmin: true, permissions: ALL_PERMISSIONS, roleKeys: new Set() }) };
  };
  const product = async (code: string) => (await db.select({ id: cloudProducts.id }).from(cloudProducts).where(eq(cloudProducts.code, code)))[0]!.id;

  /** Run `fn` as if it were `daysAgo` days ago (the clock moves back and returns, frozen or running). */
  async function daysAgo<T>(days: number, fn: () => Promise<T>): Promise<T> {
    const delta = -days * DAY_MS;
    clock.advance(delta);
    try {
      return await fn();
    } finally {
      clock.advance(-delta);
    }
  }

  const sp = await partner('sp_admin');
  const dist = await partner('dist_admin');
  const reseller = await partner('reseller_a');
  // 账户余额 for 伙伴支付 (a reseller pays from it alone); 可拨款账户余额 is what issue 4's seed left
  await inTransaction(db, async (tx) => {
    await fundPartnerForDemo(tx, sp.id, { balance: '80000.00' }, MARKER);
    await fundPartnerForDemo(tx, dist.id, { balance: '50000.00' }, 'seed-cloud:dist_admin');
    await fundPartnerForDemo(tx, reseller.id, { balance: '20000.00' }, 'seed-cloud:reseller_a');
  });

  const ecsLarge = await product('ecs.s6.large.2.linux');
  const ecsMedium = await product('ecs.s6.medium.2.linux');
  const ecsXl = await product('ecs.s6.xlarge.2.linux');
  const evsSsd = await product('evs.ssd');
  const evsSas = await product('evs.sas');
  const obs = await product('obs.standard');
  const cdn95 = await product('cdn.bandwidth95.mainland');
  const region = 'cn-north-4';
  const item = (productId: string, periodType: 'month' | 'year', periodNum: number, name: string, size?: number) => ({ productId, regionCode: region, periodType, periodNum, name, ...(size ? { size } : {}) });

  // 顾问销售 customers pay from their own cash: top them up (13.3 充值, simulated channel)
  for (const name of ['customer_b', 'customer_c', 'ra_consulting', 'sp_consulting_1']) {
    const c = await customer(name);
    await topUp(c.ctx, { amount: '20000.00', requestId: `seed-cloud-topup-${name}` });
  }

  type Plan = { customer: string; partner: { id: string; ctx: Ctx }; daysAgo: number; items: ReturnType<typeof item>[]; pay: 'self' | 'partner' | 'open' | 'reject' };
  // 代售 customers' own balances (issue 4's allocations) stay untouched: they ask the partner to pay;
  // 顾问销售 customers pay some orders themselves from their top-ups.
  const plans: Plan[] = [
    // 华创云 (solution provider)
    { customer: 'customer_a', partner: sp, daysAgo: 80, items: [item(ecsLarge, 'year', 1, 'erp-app-01')], pay: 'partner' },
    { customer: 'customer_a', partner: sp, daysAgo: 50, items: [item(evsSsd, 'month', 3, 'erp-data-01', 200)], pay: 'partner' },
    { customer: 'sp_resale_1', partner: sp, daysAgo: 1, items: [item(ecsLarge, 'month', 1, 'shop-web-02')], pay: 'open' },
    { customer: 'customer_b', partner: sp, daysAgo: 40, items: [item(ecsMedium, 'month', 1, 'crm-01')], pay: 'self' },
    { customer: 'customer_b', partner: sp, daysAgo: 2, items: [item(ecsXl, 'year', 1, 'crm-db-01')], pay: 'open' },
    { customer: 'customer_b', partner: sp, daysAgo: 3, items: [item(ecsMedium, 'month', 2, 'crm-test-01')], pay: 'reject' },
    { customer: 'sp_consulting_1', partner: sp, daysAgo: 60, items: [item(evsSas, 'month', 1, 'gz-disk-01', 100)], pay: 'self' },
    { customer: 'sp_consulting_1', partner: sp, daysAgo: 20, items: [item(ecsLarge, 'month', 1, 'gz-web-01')], pay: 'partner' },
    // 神州云分销 (distributor)
    { customer: 'dist_resale', partner: dist, daysAgo: 30, items: [item(ecsLarge, 'month', 1, 'dg-mes-01')], pay: 'partner' },
    { customer: 'customer_c', partner: dist, daysAgo: 70, items: [item(ecsMedium, 'year', 1, 'sz-api-01')], pay: 'self' },
    // 云途科技 (reseller): only 代售 customers may ask it to pay
    { customer: 'ra_resale', partner: reseller, daysAgo: 25, items: [item(ecsMedium, 'month', 1, 'wx-iot-01')], pay: 'partner' },
    { customer: 'ra_consulting', partner: reseller, daysAgo: 15, items: [item(evsSas, 'month', 1, 'cz-disk-01', 50)], pay: 'self' },
  ];
  const paidBy = new Map<string, Money>();
  for (const [i, p] of plans.entries()) {
    const c = await customer(p.customer);
    await daysAgo(p.daysAgo, async () => {
      const order = await createOrder(c.ctx, { items: p.items });
      if (p.pay === 'self') {
        await payOrder(c.ctx, order.id, { requestId: `seed-cloud-pay-${i}` });
        return;
      }
      await requestPartnerPay(c.ctx, order.id);
      if (p.pay === 'partner') {
        const { order: paid } = await payPendingOrder(p.partner.ctx, order.id, { method: '余额支付', requestId: `seed-cloud-partner-pay-${i}` });
        if (p.partner !== reseller) paidBy.set(p.partner.id, (paidBy.get(p.partner.id) ?? ZERO).plus(paid.amount));
      }
      if (p.pay === 'reject') await rejectPendingOrders(p.partner.ctx, { ids: [order.id], reason: '本月预算已用完，请自行支付' });
    });
  }

  // A 充值 (finance's demo top-up) raises the virtual 可拨款账户余额 by what the payments took from it, so the
  // allocatable balance issue 4's seed left is unchanged.
  await inTransaction(db, async (tx) => {
    for (const [partnerId, amount] of paidBy) await fundPartnerForDemo(tx, partnerId, { allocatable: amount.toFixed(2) }, `seed-cloud:restore:${partnerId}`);
  });

  // 按需 resources opened three months ago, metered by the simulator (客户消费 has three months of fees)
  // (顾问销售 customers: their own cash pays; 代售 customers' allocations stay as issue 4 left them)
  const onDemand: { customer: string; productId: string; name: string; size?: number }[] = [
    { customer: 'customer_b', productId: ecsMedium, name: 'crm-worker-01' },
    { customer: 'customer_b', productId: cdn95, name: 'crm-static.example.com' },
    { customer: 'sp_consulting_1', productId: ecsLarge, name: 'gz-batch-01' },
    { customer: 'sp_consulting_1', productId: obs, name: 'gz-images' },
    { customer: 'customer_c', productId: ecsMedium, name: 'sz-report-01' },
    { customer: 'ra_consulting', productId: evsSsd, name: 'cz-logs', size: 100 },
  ];
  const meteredIds = new Set<string>();
  for (const r of onDemand) {
    const c = await customer(r.customer);
    meteredIds.add(c.id);
    await daysAgo(95, () => openOnDemand(c.ctx, { productId: r.productId, regionCode: r.productId === cdn95 ? 'global' : region, name: r.name, ...(r.size ? { size: r.size } : {}) }));
  }
  await simulateForCustomers(db, { seed: 20250, months: 3, customerIds: [...meteredIds] });
  // 消费汇总 reads the rollup, which the hourly job keeps; fold the simulated months in now so the pages are full
  await rollupConsumption(db);
}
