import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { createTestApp } from './app.js';
import { seedDemoWorld, DEMO_PASSWORD, DEMO_LOGINS } from '../scripts/seed.js';
import { seedDemoActivity } from '../scripts/seed-activity.js';
import { DEMO_CUSTOMERS } from '../scripts/seed-customers.js';
import { createServer } from '../src/server/server.js';
import { money, sum } from '../src/platform/money.js';
import { assertLedgerConsistent } from '../src/platform/ledger/index.js';
import { accounts } from '../src/modules/accounts/schema.js';

/**
 * Issue 4's demo world: after the seed, every customer page a partner (or its customer, or the vendor)
 * opens first has rows in each state, read back through the API as the signed-in users see them.
 */
type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoWorld(t.database.db)).toBe(true);
  const server = await createServer({ database: t.database, dataDir: mkdtempSync(path.join(os.tmpdir(), 'pc-seed-customers-')), jobs: false });
  await seedDemoActivity(t.database.db, server.deps);
  await server.drainJobs();
  await server.close();
}, 120_000);
afterAll(async () => t.close());

type Session = { cookie: string };
async function signIn(body: Record<string, string>): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { password: DEMO_PASSWORD, ...body } });
  expect(res.statusCode, JSON.stringify(body)).toBe(200);
  return { cookie: String(res.headers['set-cookie']).split(';')[0]! };
}
const partner = (name: string) => signIn({ portal: 'partner', mode: 'account', identifier: name });
const member = (name: string) => signIn({ portal: 'partner', mode: 'member', tenant: 'sp_admin', identifier: name });
const customer = (name: string) => signIn({ portal: 'customer', mode: 'account', identifier: name });
const staff = (name: string) => signIn({ portal: 'ops', mode: 'staff', identifier: name });
async function get(s: Session, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
}
const idOf = async (accountName: string) => (await t.database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.accountName, accountName)))[0]!.id;
type Row = { accountName: string; associationType: string; customerId: string; extra: { availableBalance?: string; pendingAlerts?: number } };

describe('demo customers (issue 4)', () => {
  it('every demo customer can sign in, and is listed among the printed logins', async () => {
    for (const c of DEMO_CUSTOMERS) {
      await customer(c.accountName);
      expect(DEMO_LOGINS.rows.some((r) => r.portal === 'customer' && r.how === c.accountName)).toBe(true);
    }
  });

  it('华创云 has 顾问销售 and 代售 customers whose balances add up to what left its 可拨款账户', async () => {
    const admin = await partner('sp_admin');
    const list = await get(admin, '/api/customers?pageSize=100');
    const rows = list.items as Row[];
    const types = new Map(rows.map((r) => [r.accountName, r.associationType]));
    expect(types.get('customer_a')).toBe('resale'); // kept as seeded
    expect(types.get('customer_b')).toBe('consulting');
    for (const n of ['sp_consulting_1', 'sp_consulting_2', 'sp_unbind_pending', 'sp_switch_pending', 'sp_customer_unbind']) expect(types.get(n), n).toBe('consulting');
    for (const n of ['sp_resale_1', 'sp_resale_2', 'sp_resale_budget', 'sp_resale_auth', 'sp_unbind_prereview']) expect(types.get(n), n).toBe('resale');
    for (const n of ['customer_d', 'customer_e', 'sp_reported', 'sp_invited', 'sp_fail_consumer']) expect(types.has(n), n).toBe(false);

    const balance = new Map(rows.map((r) => [r.accountName, r.extra.availableBalance]));
    expect(balance.get('customer_a')).toBe('53000.00');
    expect(balance.get('sp_resale_2')).toBe('17500.00');
    expect(balance.get('sp_resale_budget')).toBe('800.00');
    const held = sum(rows.map((r) => money(r.extra.availableBalance ?? '0')));
    expect(held.toFixed(2)).toBe('121300.00');
    const { allocatable } = await get(admin, '/api/customers/funds/allocatable');
    expect(allocatable).toBe('69500.00');
    // funded ¥200,000.00 = still allocatable + held by customers + the ¥9,200.00 one customer spent
    expect(money(allocatable).plus(held).plus('9200.00').toFixed(2)).toBe('200000.00');
    await assertLedgerConsistent(t.database.db);
  });

  it('a 客户经理 sees only their customers; the supervisor sees both teams', async () => {
    const names = async (s: Session) => ((await get(s, '/api/customers?pageSize=100')).items as Row[]).map((r) => r.accountName).sort();
    const zhang = await names(await member('am_zhang'));
    const li = await names(await member('am_li'));
    expect(zhang).toEqual(['customer_a', 'sp_consulting_1', 'sp_resale_1']);
    expect(li).toEqual(['customer_b', 'sp_consulting_2', 'sp_resale_2', 'sp_resale_budget']);
    expect(await names(await member('am_lead'))).toEqual([...zhang, ...li].sort());
  });

  it('reports, invitations and expansion records are in every state, failures with the guide\'s reasons', async () => {
    const admin = await partner('sp_admin');
    const reports = (await get(admin, '/api/customers/reports?pageSize=100')).items as { statusName: string }[];
    expect(reports.map((r) => r.statusName)).toEqual(expect.arrayContaining(['已报备', '待审核', '审核未通过', '已关联']));
    const records = (await get(admin, '/api/customers/expansion-records?pageSize=100')).items as { statusName: string; status: string; failureReason: string | null; accountName: string | null }[];
    expect(records.map((r) => r.statusName)).toEqual(expect.arrayContaining(['已邀请', '关联失败']));
    const failed = new Map(records.filter((r) => r.status === 'failed').map((r) => [r.accountName, r.failureReason]));
    expect(failed.get('sp_review_pending')).toBe('客户注册时间超过限制，无法关联伙伴。');
    expect(failed.get('sp_fail_consumer')).toBe('客户是消费者云用户，无法关联伙伴。');
    expect(failed.get('sp_fail_credit')).toBe('客户有信用账户，无法以代售模式关联伙伴。');
    expect(failed.get('dist_consulting')).toBe('客户已关联其他伙伴，无法再次关联。');
  });

  it('unbind and switch requests wait for the customer, the admin, and the vendor\'s pre-review', async () => {
    const admin = await partner('sp_admin');
    const events = await get(admin, '/api/customers/association-events?pageSize=100');
    const open = (events.items as { accountName: string; type: string; status: string; initiator: string }[]).filter((e) => e.status === 'pending' || e.status === 'pre_review');
    expect(open.map((e) => `${e.accountName} ${e.type} ${e.initiator} ${e.status}`).sort()).toEqual([
      'sp_customer_unbind unbind customer pending',
      'sp_switch_pending switch partner pending',
      'sp_unbind_pending unbind partner pending',
      'sp_unbind_prereview unbind partner pre_review',
    ]);
    expect(events.pendingCustomerRequests).toBe(1);
    const asked = await customer('sp_switch_pending');
    const mine = await get(asked, '/api/customer/association-events');
    expect(mine.items[0]).toMatchObject({ type: 'switch', status: 'pending', actions: ['accept', 'refuse'] });

    const ops = await staff('ops_admin');
    const queue = (await get(ops, '/api/ops/reviews?status=in_review&pageSize=100')).items as { kind: string }[];
    expect(queue.map((q) => q.kind)).toEqual(expect.arrayContaining(['customers.unbind-pre-review', 'customers.report-manual']));
  });

  it('alerts are open (raised by the vendor), a budget alert was announced, recipients are set, authorizations exist', async () => {
    const admin = await partner('sp_admin');
    const alerts = (await get(admin, '/api/customers/alerts?pageSize=100')).items as { status: string; category: string }[];
    expect(alerts.filter((a) => a.status === 'pending').length).toBeGreaterThanOrEqual(3);
    expect(alerts.some((a) => a.status === 'handled')).toBe(true);
    const ops = await staff('channel_manager');
    expect((await get(ops, '/api/ops/customer-alerts?pageSize=100')).total).toBeGreaterThanOrEqual(5);

    const budget = (await get(admin, '/api/customers/budget-alerts')).items as { customerId: string; threshold: number; used: string; budget: string }[];
    const budgetCustomer = await idOf('sp_resale_budget');
    expect(budget.filter((b) => b.customerId === budgetCustomer).map((b) => b.threshold).sort()).toEqual([75, 90]);
    expect(budget.find((b) => b.threshold === 90)).toMatchObject({ used: '9200.00', budget: '10000.00' });
    expect((await get(admin, '/api/customers/budget-recipients')).items).toHaveLength(2);

    const auths = (await get(admin, '/api/customers/authorizations?pageSize=100')).items as { status: string }[];
    expect(auths.map((a) => a.status).sort()).toEqual(['granted', 'pending']);
  });

  it('the customer sees its balance and the partner\'s adjustment records', async () => {
    const a = await customer('customer_a');
    const balance = await get(a, '/api/customer/funds/balance');
    expect(balance.partnerFunds).toMatchObject({ partnerName: '华创云科技有限公司', balance: '53000.00' });
    const records = (await get(a, '/api/customer/funds/adjustments')).items as { amount: string; kindName: string }[];
    expect(records.map((r) => r.amount).sort()).toEqual(['-5000.00', '50000.00', '8000.00']);
    expect(records.map((r) => r.kindName)).toEqual(expect.arrayContaining(['拨款(普通)', '拨款(专款专用)', '回收(普通)']));
  });

  it('the distributor and the reseller have customers of their own', async () => {
    const dist = await partner('dist_admin');
    const d = (await get(dist, '/api/customers?pageSize=100')).items as Row[];
    expect(d.map((r) => `${r.accountName} ${r.associationType} ${r.extra.availableBalance}`).sort()).toEqual([
      'customer_c consulting 0.00',
      'dist_consulting consulting 0.00',
      'dist_resale resale 10000.00',
    ]);
    const ra = await partner('reseller_a');
    const r = (await get(ra, '/api/customers?pageSize=100')).items as Row[];
    expect(r.map((x) => `${x.accountName} ${x.associationType} ${x.extra.availableBalance}`).sort()).toEqual(['ra_consulting consulting 0.00', 'ra_resale resale 6000.00']);
    expect((await get(ra, '/api/customers/funds/allocatable')).allocatable).toBe('14000.00');
  });
});
