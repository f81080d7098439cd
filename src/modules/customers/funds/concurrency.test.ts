import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp } from '../../../../test/app.js';
import { onPostgres } from '../../../../test/db.js';
import * as ledger from '../../../platform/ledger/index.js';
import { money, sum } from '../../../platform/money.js';
import { customerAdjustments } from './schema.js';
import { allocatable, associate, call, customerBalance, fund, partnerWorld, rid, type T } from './test-helpers.js';

/**
 * 100 parallel allocations and recalls against one partner, then every balance against its
 * postings. On PGlite the requests queue on its one connection; with TEST_DATABASE_URL (the
 * lead's PostgreSQL run) they race for real on a pool of 30 connections.
 */
let t: T;
beforeAll(async () => {
  t = await createTestApp();
  // PostgreSQL closes the pool's sockets when the test database is dropped; nobody else listens
  t.database.pool?.on('error', () => {});
});
afterAll(async () => t.close());

describe(`100 parallel allocations and recalls on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('never overdraws, posts each request once, and every balance equals its postings', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '500.00');
    const customers = await Promise.all(Array.from({ length: 5 }, () => associate(t, p.partner.id, 'resale')));
    // give each customer something to recall from the start
    for (const c of customers) {
      const r = await call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: c.customerId, amount: '20.00', requestId: rid() });
      expect(r.statusCode).toBe(201);
    }
    // 400.00 left to allocate; the allocations below ask for far more, so some must be refused
    const replayedId = rid();
    const ops = Array.from({ length: 100 }, (_, i) => {
      const c = customers[i % customers.length]!;
      if (i % 3 === 2) {
        return { kind: 'recall' as const, url: '/api/customers/funds/recalls', body: { customerId: c.customerId, lines: [{ scenario: 'ordinary', amount: '7.00' }], requestId: rid() } };
      }
      // the first two are one request sent twice (same id, same body): one posting between them
      if (i <= 1) return { kind: 'allocation' as const, url: '/api/customers/funds/allocations', body: { customerId: customers[0]!.customerId, amount: '9.99', requestId: replayedId } };
      return { kind: 'allocation' as const, url: '/api/customers/funds/allocations', body: { customerId: c.customerId, amount: '9.99', requestId: rid() } };
    });
    const results = await Promise.all(ops.map((o) => call(t, p.admin, 'POST', o.url, o.body)));

    const outcome = results.map((r) => r.statusCode);
    expect(outcome.filter((s) => s >= 500)).toEqual([]);
    for (const r of results) if (r.statusCode === 409) expect(['customers.funds.insufficient-allocatable', 'customers.funds.recall-exceeds-balance']).toContain(r.json().code);
    expect(outcome.filter((s) => s === 201).length).toBeGreaterThan(40);
    expect(results.filter((r, i) => ops[i]!.body.requestId === replayedId && r.statusCode < 300)).toHaveLength(2);

    // the ledger: rebuilt from the lines, every stored balance agrees; nothing below its floor
    expect(await ledger.rebuildBalances(t.database.db)).toEqual([]);
    await ledger.assertLedgerConsistent(t.database.db);

    // the records: each customer's balance and the partner's are what the 调账记录 say
    const rows = await t.database.db.select().from(customerAdjustments).where(eq(customerAdjustments.partnerId, p.partner.id));
    const signed = (r: (typeof rows)[number]) => (r.kind === 'allocation' ? money(r.amount) : money(r.amount).negated());
    for (const c of customers) {
      const mine = rows.filter((r) => r.customerAccountId === c.customerId);
      expect(await customerBalance(t, p.partner.id, c.customerId)).toBe(ledger.canonical(sum(mine.map(signed))));
      expect(money(await customerBalance(t, p.partner.id, c.customerId)).gte(0)).toBe(true);
    }
    const out = sum(rows.map(signed));
    expect(await allocatable(t, p.partner.id)).toBe(ledger.canonical(money('500.00').minus(out)));
    expect(money(await allocatable(t, p.partner.id)).gte(0)).toBe(true);
    // one posting per successful request, one record per posting line
    expect(new Set(rows.map((r) => r.postingId)).size).toBe(rows.length);
    expect(rows.length).toBe(customers.length + results.filter((r) => r.statusCode === 201).length);
  }, 120_000);
});

describe('拨款 group commit (requests of one partner that arrive together share a transaction)', () => {
  it('each request keeps its posting, record and answer; the answers see the balances in order', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '1000.00');
    const customers = await Promise.all(Array.from({ length: 3 }, () => associate(t, p.partner.id, 'resale')));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call(t, p.admin, 'POST', '/api/customers/funds/allocations', { customerId: customers[i % 3]!.customerId, amount: '10.00', requestId: rid() })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    // every answer's 可拨款账户余额 is the balance right after its own allocation: 990, 980, …, 700, each once
    const after = results.map((r) => r.json().allocatable as string).sort((a, b) => Number(b) - Number(a));
    expect(after).toEqual(Array.from({ length: 30 }, (_, k) => money('1000').minus(money(10 * (k + 1))).toFixed(2)));
    const rows = await t.database.db.select().from(customerAdjustments).where(eq(customerAdjustments.partnerId, p.partner.id));
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.postingId)).size).toBe(30);
    // on PostgreSQL they were grouped: fewer transactions (one created_at each) than requests (PGlite's one
    // connection runs each request's reads after the running transaction, so there they arrive one by one)
    if (onPostgres()) expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBeLessThan(30);
    for (const c of customers) expect(await customerBalance(t, p.partner.id, c.customerId)).toBe('100.00');
    expect(await ledger.rebuildBalances(t.database.db)).toEqual([]);
  });

  it('a request the group cannot take (顾问销售 customer, unknown customer, too little money) gets its own refusal; the others go through', async () => {
    const p = await partnerWorld(t);
    await fund(t, p.partner.id, '100.00');
    const resale = await associate(t, p.partner.id, 'resale');
    const consulting = await associate(t, p.partner.id, 'consulting');
    const bodies = [
      ...Array.from({ length: 8 }, () => ({ customerId: resale.customerId, amount: '10.00', requestId: rid() })),
      { customerId: consulting.customerId, amount: '1.00', requestId: rid() },
      { customerId: rid(), amount: '1.00', requestId: rid() },
      { customerId: resale.customerId, amount: '150.00', requestId: rid() }, // more than there is, whenever it arrives
    ];
    const results = await Promise.all(bodies.map((b) => call(t, p.admin, 'POST', '/api/customers/funds/allocations', b)));
    expect(results.slice(0, 8).map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(results[8]!.statusCode).toBe(409);
    expect(results[8]!.json().code).toBe('customers.funds.not-resale');
    expect(results[9]!.statusCode).toBe(404);
    expect(results[10]!.statusCode).toBe(409);
    expect(results[10]!.json().code).toBe('customers.funds.insufficient-allocatable');
    expect(await allocatable(t, p.partner.id)).toBe('20.00');
    expect(await customerBalance(t, p.partner.id, resale.customerId)).toBe('80.00');
    await ledger.assertLedgerConsistent(t.database.db);
  });
});
