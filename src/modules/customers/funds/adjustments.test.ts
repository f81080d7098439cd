import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestApp } from '../../../../test/app.js';
import { makeMember, memberSession, staffSession, makeStaff } from '../../../../test/fixtures.js';
import { PRESET_ROLES, STAFF_ROLES } from '../../../platform/access/index.js';
import { inTransaction } from '../../../platform/db/index.js';
import * as ledger from '../../../platform/ledger/index.js';
import { auditLog } from '../../../platform/audit/schema.js';
import { customerAdjustments } from './schema.js';
import { returnBalanceOnUnbind } from './adjustments.js';
import { registerChannelProvider } from '../extensions.js';
import { customerOwnCashAccount } from './ledger-accounts.js';
import { allocatable, associate, balanceOf, call, customerBalance, fund, partnerCode, partnerWorld, rid, setVerification, type T } from './test-helpers.js';

let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await ledger.assertLedgerConsistent(t.database.db);
  await t.close();
});

const adjustmentCount = async (partnerId: string) =>
  Number((await t.database.db.select({ n: count() }).from(customerAdjustments).where(eq(customerAdjustments.partnerId, partnerId)))[0]!.n);

describe('拨款 (spec 04 op 15): allocate to a 代售 customer', () => {
  it('moves the amount from the 可拨款账户 to the customer, records AD… 拨款(普通), and the customer sees both', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '5000.00');
    const c = await associate(t, p.partner.id, 'resale');
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1000.00', remark: '首次拨款', requestId: rid() });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.allocatable).toBe('4000.00');
    expect(body.customers).toEqual([{ customerId: c.customerId, balance: '1000.00' }]);
    expect(body.records[0]).toMatchObject({ kind: 'allocation', kindName: '拨款(普通)', amount: '1000.00', remark: '首次拨款' });
    expect(body.records[0].serialNo).toMatch(/^AD\d{14}[0-9a-f]{10}$/);
    expect(await allocatable(t, p.partner.id)).toBe('4000.00');
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('1000.00');

    // the dialog's numbers
    const dialog = (await call(t, p.admin, 'GET', `/api/customers/funds/customers/${c.customerId}`)).json();
    expect(dialog).toMatchObject({ cashBalance: '1000.00', allocatable: '4000.00', adjustable: true, allowedScenarios: ['ordinary', 'earmarked'], remarkAllowed: true });

    // 费用中心 > 调账记录 and the balance on the customer's side
    const mine = (await call(t, c.session, 'GET', '/api/customer/funds/adjustments')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ partnerName: p.partner.displayName, kindName: '拨款(普通)', scenarioName: '普通', amount: '1000.00' });
    const bal = (await call(t, c.session, 'GET', '/api/customer/funds/balance')).json();
    expect(bal).toMatchObject({ associationType: 'resale', canTopUp: false, partnerFunds: { balance: '1000.00' } });
    // and an audit entry in the same transaction
    const [{ n }] = await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'customers.funds.allocated'));
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('refuses a 顾问销售 customer (合作伙伴不能为顾问销售类客户调账) and writes nothing', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id, 'consulting');
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '10.00', requestId: rid() });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'customers.funds.not-resale', message: '合作伙伴不能为顾问销售类客户调账' });
    expect(await adjustmentCount(p.partner.id)).toBe(0);
    expect(await allocatable(t, p.partner.id)).toBe('100.00');
  });

  it('answers 404 for an unknown customer, another partner’s customer, and an unbound one', async () => {
    const p = await partnerWorld(t);
    const other = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const theirs = await associate(t, other.partner.id, 'resale');
    for (const customerId of [rid(), theirs.customerId]) {
      const res = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId, amount: '1.00', requestId: rid() });
      expect(res.statusCode).toBe(404);
    }
    expect((await call(t, p.admin, 'GET', `/api/customers/funds/customers/${theirs.customerId}`)).statusCode).toBe(404);
    expect(await adjustmentCount(p.partner.id)).toBe(0);
  });

  it.each([
    ['10.001', 'more than 2 decimals'],
    ['0', 'zero'],
    ['0.00', 'zero with decimals'],
    ['-5.00', 'negative'],
    ['1e3', 'exponent'],
    ['abc', 'not a number'],
    ['12345678901234567.00', 'too large'],
  ])('refuses the amount %s (%s) with 400 naming the field', async (amount) => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount, requestId: rid() });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('amount');
    expect(await adjustmentCount(p.partner.id)).toBe(0);
  });

  it('refuses a remark over 512 characters', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1.00', remark: '备'.repeat(513), requestId: rid() });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('remark');
  });

  it('never overdraws the 可拨款账户: 可拨款账户余额不足, nothing written', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '99.99');
    const c = await associate(t, p.partner.id);
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '100.00', requestId: rid() });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'customers.funds.insufficient-allocatable', params: { balance: '99.99' } });
    expect(await adjustmentCount(p.partner.id)).toBe(0);
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('0.00');
  });

  it('is idempotent: the same requestId twice posts once; with another amount it is refused', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    const requestId = rid();
    const first = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '30.00', requestId });
    const again = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '30.00', requestId });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().replayed).toBe(true);
    expect(again.json().records.map((r: { id: string }) => r.id)).toEqual(first.json().records.map((r: { id: string }) => r.id));
    expect(await allocatable(t, p.partner.id)).toBe('70.00');
    const conflict = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '31.00', requestId });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('ledger.idempotency-conflict');
    expect(await adjustmentCount(p.partner.id)).toBe(1);
  });

  it('批量拨款 is all or nothing: one 顾问销售 customer in the batch refuses the whole batch', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '1000.00');
    const a = await associate(t, p.partner.id, 'resale');
    const b = await associate(t, p.partner.id, 'resale');
    const c = await associate(t, p.partner.id, 'consulting');
    const bad = await call(t, p.admin, 'POST', '/api/customers/funds/allocations/batch', {
      items: [
        { customerId: a.customerId, amount: '10.00' },
        { customerId: c.customerId, amount: '10.00' },
      ],
      requestId: rid(),
    });
    expect(bad.statusCode).toBe(409);
    expect(await adjustmentCount(p.partner.id)).toBe(0);
    const ok = await call(t, p.admin, 'POST', '/api/customers/funds/allocations/batch', {
      items: [
        { customerId: a.customerId, amount: '10.00' },
        { customerId: b.customerId, amount: '20.50' },
      ],
      scenario: 'earmarked',
      requestId: rid(),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().records.map((r: { kindName: string }) => r.kindName)).toEqual(['拨款(专款专用)', '拨款(专款专用)']);
    expect(new Set(ok.json().records.map((r: { postingId: string }) => r.postingId)).size).toBe(1);
    expect(ok.json().allocatable).toBe('969.50');
    const dup = await call(t, p.admin, 'POST', '/api/customers/funds/allocations/batch', { items: [{ customerId: a.customerId, amount: '1.00' }, { customerId: a.customerId, amount: '1.00' }], requestId: rid() });
    expect(dup.statusCode).toBe(400);
  });
});

describe('回收 (spec 04 op 16)', () => {
  it('recalls chosen sub-balances back to the 可拨款账户; the 详情 shows both lines of one posting', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '1000.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '765.00', requestId: rid() });
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '100.00', scenario: 'earmarked', requestId: rid() });
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/recalls', {
      customerId: c.customerId,
      lines: [
        { scenario: 'ordinary', amount: '1.00' },
        { scenario: 'earmarked', amount: '100.00' },
      ],
      requestId: rid(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().allocatable).toBe('236.00');
    expect(res.json().customers[0].balance).toBe('764.00');
    expect(res.json().records.map((r: { kindName: string }) => r.kindName).sort()).toEqual(['回收(专款专用)', '回收(普通)']);
    const detail = (await call(t, p.admin, 'GET', `/api/customers/funds/adjustments/${res.json().records[0].id}`)).json();
    expect(detail.lines).toHaveLength(2);
    // the customer sees the recall as a negative amount
    const mine = (await call(t, c.session, 'GET', '/api/customer/funds/adjustments')).json();
    expect(mine.items.filter((i: { kind: string }) => i.kind === 'recall').map((i: { amount: string }) => i.amount).sort()).toEqual(['-1.00', '-100.00']);
  });

  it('refuses a recall above the balance (回收金额不能大于客户账户余额) and changes nothing', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '50.00', requestId: rid() });
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/recalls', { customerId: c.customerId, lines: [{ scenario: 'ordinary', amount: '50.01' }], requestId: rid() });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'customers.funds.recall-exceeds-balance', params: { balance: '50.00' } });
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('50.00');
    expect(await adjustmentCount(p.partner.id)).toBe(1);
  });

  it('批量回收 takes only customers whose 可用额度 is above zero', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const a = await associate(t, p.partner.id);
    const empty = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: a.customerId, amount: '40.00', requestId: rid() });
    const res = await call(t, p.admin, 'POST', '/api/customers/funds/recalls/batch', {
      items: [
        { customerId: a.customerId, lines: [{ scenario: 'ordinary', amount: '40.00' }] },
        { customerId: empty.customerId, lines: [{ scenario: 'ordinary', amount: '1.00' }] },
      ],
      requestId: rid(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'customers.funds.batch-recall-empty', message: '只能选择可用额度大于0的客户进行批量回收' });
    expect(await customerBalance(t, p.partner.id, a.customerId)).toBe('40.00');
  });
});

describe('云经销商 differences (spec 07 §7)', () => {
  it('a reseller allocates 普通 only and without a remark', async () => {
    const p = await partnerWorld(t, { programs: ['reseller'] });
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    const earmarked = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1.00', scenario: 'earmarked', requestId: rid() });
    expect(earmarked.statusCode).toBe(400);
    expect(earmarked.json().fields).toHaveProperty('scenario');
    const remark = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1.00', remark: 'x', requestId: rid() });
    expect(remark.statusCode).toBe(400);
    expect(remark.json().fields).toHaveProperty('remark');
    expect((await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1.00', requestId: rid() })).statusCode).toBe(201);
    expect((await call(t, p.admin, 'GET', `/api/customers/funds/customers/${c.customerId}`)).json()).toMatchObject({ allowedScenarios: ['ordinary'], remarkAllowed: false });
  });
});

describe('总经销商: 云经销商的客户 tab (spec 06 L14164)', () => {
  it('a distributor reads its resellers’ adjustments to their customers; it cannot adjust them', async () => {
    const dist = await partnerWorld(t, { programs: ['distributor'] });
    const reseller = await partnerWorld(t, { programs: ['reseller'] });
    registerChannelProvider({ resellerPartnerIds: async (_ex, id) => (id === dist.partner.id ? [reseller.partner.id] : []), distributorDelisted: async () => false });
    try {
      await fund(t, reseller.partner.id, '50.00');
      const c = await associate(t, reseller.partner.id);
      await call(t, reseller.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '5.00', requestId: rid() });
      const list = (await call(t, dist.admin, 'GET', '/api/customers/funds/adjustments?tab=resellers')).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ resellerName: reseller.partner.displayName, amount: '5.00' });
      expect((await call(t, dist.admin, 'GET', '/api/customers/funds/adjustments')).json().total).toBe(0);
      expect((await call(t, reseller.admin, 'GET', '/api/customers/funds/adjustments?tab=resellers')).json().total).toBe(0);
      expect((await call(t, dist.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1.00', requestId: rid() })).statusCode).toBe(404);
    } finally {
      registerChannelProvider({ resellerPartnerIds: async () => [], distributorDelisted: async () => false });
    }
  });
});

describe('验证码验证 (spec 04 C4, guide §19.8)', () => {
  it('with the switch on, 为客户调账 needs the right code, once', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    await setVerification(t, p.partner.id, true);
    const noCode = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '10.00', requestId: rid() });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().fields).toHaveProperty('code');
    const code = await partnerCode(t, p);
    const wrong = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '10.00', requestId: rid(), code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect((await call(t, p.admin, 'GET', `/api/customers/funds/customers/${c.customerId}`)).json().verificationRequired).toBe(true);
    const requestId = rid();
    const ok = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '10.00', requestId, code });
    expect(ok.statusCode).toBe(201);
    // the replay of the same request needs no new code; a new operation cannot reuse the used one
    expect((await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '10.00', requestId })).statusCode).toBe(200);
    const reuse = await call(t, p.admin, 'POST', '/api/customers/funds/recalls', { customerId: c.customerId, lines: [{ scenario: 'ordinary', amount: '1.00' }], requestId: rid(), code });
    expect(reuse.statusCode).toBe(400);
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('10.00');
    await setVerification(t, p.partner.id, false);
  });
});

describe('data scope: a 客户经理 sees and adjusts only their customers', () => {
  it('another manager’s customer answers 404; the list holds only their own records', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const am = await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager]);
    const other = await makeMember(t.database, p.partner.id, [PRESET_ROLES.accountManager]);
    const mine = await associate(t, p.partner.id, 'resale', { accountManagerId: am.id });
    const theirs = await associate(t, p.partner.id, 'resale', { accountManagerId: other.id });
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: theirs.customerId, amount: '5.00', requestId: rid() });
    const s = await memberSession(t.database, am);
    expect((await call(t, s, 'POST', '/api/customers/funds/allocations', { customerId: theirs.customerId, amount: '1.00', requestId: rid() })).statusCode).toBe(404);
    expect((await call(t, s, 'POST', '/api/customers/funds/allocations', { customerId: mine.customerId, amount: '1.00', requestId: rid() })).statusCode).toBe(201);
    const list = (await call(t, s, 'GET', '/api/customers/funds/adjustments')).json();
    expect(list.items.map((i: { customerId: string }) => i.customerId)).toEqual([mine.customerId]);
    expect((await call(t, p.admin, 'GET', '/api/customers/funds/adjustments')).json().total).toBe(2);
  });
});

describe('调账记录 (op 17): filters, masking, export', () => {
  it('masks the customer name until revealed, filters in SQL, exports anonymised', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const c = await associate(t, p.partner.id);
    const d = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '11.00', requestId: rid() });
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: d.customerId, amount: '12.00', requestId: rid() });
    await call(t, p.admin, 'POST', '/api/customers/funds/recalls', { customerId: d.customerId, lines: [{ scenario: 'ordinary', amount: '2.00' }], requestId: rid() });
    const fullName = c.customer.enterpriseName!;
    const masked = (await call(t, p.admin, 'GET', `/api/customers/funds/adjustments?customerId=${c.customerId}`)).json();
    expect(masked.total).toBe(1);
    expect(masked.items[0].customerName).not.toBe(fullName);
    expect(masked.items[0].customerName.startsWith(fullName[0]!)).toBe(true);
    const shown = (await call(t, p.admin, 'GET', `/api/customers/funds/adjustments?customerId=${c.customerId}&reveal=true`)).json();
    expect(shown.items[0].customerName).toBe(fullName);
    expect((await call(t, p.admin, 'GET', `/api/customers/funds/adjustments?kind=recall`)).json().total).toBe(1);
    expect((await call(t, p.admin, 'GET', `/api/customers/funds/adjustments?customer=${encodeURIComponent(fullName)}`)).json().total).toBe(1);
    const serial = masked.items[0].serialNo as string;
    expect((await call(t, p.admin, 'GET', `/api/customers/funds/adjustments?serialNo=${serial}`)).json().items[0].serialNo).toBe(serial);
    expect((await call(t, p.admin, 'GET', `/api/customers/funds/adjustments?amount=1`)).statusCode).toBe(400);

    const req = await call(t, p.admin, 'POST', '/api/exports', { kind: 'customers.adjustments', format: 'csv', params: {} });
    expect(req.statusCode).toBe(201);
    await t.drainJobs();
    const dl = await call(t, p.admin, 'GET', `/api/exports/${req.json().export.id}/download`);
    expect(dl.statusCode).toBe(200);
    const lines = dl.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('流水号,客户名称,账号名,类型,调整金额(¥),调整时间,备注');
    expect(lines).toHaveLength(4);
    expect(dl.body).not.toContain(fullName);
    expect(dl.body).not.toContain(c.customer.accountName);
  });

  it('the ops console sees any partner’s records', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '10.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '3.00', requestId: rid() });
    const staff = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.channelManager]));
    const res = (await call(t, staff, 'GET', `/api/ops/customer-adjustments?partnerId=${p.partner.id}`)).json();
    expect(res.items).toHaveLength(1);
    expect(res.items[0]).toMatchObject({ partnerName: p.partner.displayName, amount: '3.00' });
    const invoice = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.invoice]));
    expect((await call(t, invoice, 'GET', '/api/ops/customer-adjustments')).statusCode).toBe(403);
  });
});

describe('unbind returns the balance to the partner (spec 04 §3, L8947)', () => {
  it('posts 解除关联回收 (UR…) for every sub-balance, once', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '500.00');
    const c = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '160.00', requestId: rid() });
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '40.00', scenario: 'earmarked', requestId: rid() });
    const first = await inTransaction(t.database.db, (tx) => returnBalanceOnUnbind(tx, c.association));
    expect(first.total).toBe('200.00');
    expect(first.records.map((r) => r.serialNo.slice(0, 2))).toEqual(['UR', 'UR']);
    expect(await allocatable(t, p.partner.id)).toBe('500.00');
    expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('0.00');
    const again = await inTransaction(t.database.db, (tx) => returnBalanceOnUnbind(tx, c.association));
    expect(again.records).toEqual([]);
    const list = (await call(t, p.admin, 'GET', '/api/customers/funds/adjustments?kind=unbind_recall')).json();
    expect(list.items.map((i: { kindName: string }) => i.kindName)).toEqual(['解除关联回收', '解除关联回收']);
  });
});

describe('充值 (guide 13.3): the customer side', () => {
  it('a 顾问销售 customer tops up its own account (simulated payment), idempotently', async () => {
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id, 'consulting');
    const requestId = rid();
    const res = await call(t, c.session, 'POST', '/api/customer/funds/top-ups', { amount: '88.80', requestId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ amount: '88.80', balance: '88.80', replayed: false });
    expect((await call(t, c.session, 'POST', '/api/customer/funds/top-ups', { amount: '88.80', requestId })).json().replayed).toBe(true);
    expect(await balanceOf(t, customerOwnCashAccount(c.customerId))).toBe('88.80');
    const lines = (await call(t, c.session, 'GET', '/api/customer/funds/top-ups')).json();
    expect(lines.items).toHaveLength(1);
    expect((await call(t, c.session, 'GET', '/api/customer/funds/balance')).json()).toMatchObject({ ownCashBalance: '88.80', partnerFunds: null, canTopUp: true });
    expect((await call(t, c.session, 'POST', '/api/customer/funds/top-ups', { amount: '1.001', requestId: rid() })).statusCode).toBe(400);
  });

  it('a 代售 customer is told to pay its partner offline', async () => {
    const p = await partnerWorld(t);
    const c = await associate(t, p.partner.id, 'resale');
    const res = await call(t, c.session, 'POST', '/api/customer/funds/top-ups', { amount: '10.00', requestId: rid() });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('customers.funds.resale-topup');
    expect(await balanceOf(t, customerOwnCashAccount(c.customerId))).toBe('0.00');
  });

  it('a partner cannot read a customer’s records, and a customer sees only its own', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '10.00');
    const c = await associate(t, p.partner.id);
    const other = await associate(t, p.partner.id);
    await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '1.00', requestId: rid() });
    expect((await call(t, other.session, 'GET', '/api/customer/funds/adjustments')).json().items).toEqual([]);
    expect((await call(t, p.admin, 'GET', '/api/customer/funds/adjustments')).statusCode).toBe(403);
  });
});
