import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eq, like, count } from 'drizzle-orm';
import { createTestDatabase, onPostgres } from '../../../test/db.js';
import { inTransaction, rows, sql, type Database, type Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { money, sum } from '../money.js';
import {
  accountCode,
  accountLines,
  assertLedgerConsistent,
  balanceOf,
  ensureAccount,
  findPosting,
  getAccount,
  post,
  postMany,
  LedgerBatchConflict,
  rebuildBalances,
  setFloor,
  ledgerAccounts,
  ledgerPostings,
  type PostInput,
} from './index.js';

let database: Database;
let db: Db;
const SOURCE = 'vendor:test-source'; // no floor: where test money comes from

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await inTransaction(db, (tx) => ensureAccount(tx, { code: SOURCE, ownerKind: 'vendor', floor: null }));
});
afterAll(async () => {
  // Closing drops the test database WITH (FORCE) while pooled sockets are still shutting down; the pool
  // reports those terminations as 'error' events, which crash the run unless someone listens.
  database?.pool?.on('error', () => {});
  await database?.close();
});

/** A fresh account with its own owner, so tests never share balances. */
async function openAccount(opts: { ownerKind?: string; purpose?: string; floor?: string | null; partnerId?: string } = {}) {
  const ownerKind = opts.ownerKind ?? 'customer';
  const ownerId = randomUUID();
  const code = accountCode(ownerKind, ownerId, opts.purpose ?? 'cash');
  await inTransaction(db, (tx) =>
    ensureAccount(tx, { code, ownerKind, ownerId, partnerId: opts.partnerId ?? null, floor: opts.floor === undefined ? '0' : opts.floor }),
  );
  return code;
}

async function fund(code: string, amount: string) {
  return inTransaction(db, (tx) =>
    post(tx, { idempotencyKey: randomUUID(), kind: 'test.fund', lines: [{ account: SOURCE, amount: money(amount).negated() }, { account: code, amount }] }),
  );
}

function transfer(from: string, to: string, amount: string, idempotencyKey: string = randomUUID()): PostInput {
  return { idempotencyKey, kind: 'test.transfer', lines: [{ account: from, amount: money(amount).negated() }, { account: to, amount }] };
}

async function postingCount(keyPrefix: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(ledgerPostings).where(like(ledgerPostings.idempotencyKey, `${keyPrefix}%`));
  return Number(r!.n);
}

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === 'fulfilled').map((r) => r.value);
  const errors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  return { ok, errors };
}

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`);

describe('posting', () => {
  it('moves money in a balanced posting: partner allocates ¥1,000.00 to a 代售 customer', async () => {
    const partnerId = randomUUID();
    const allocatable = await openAccount({ ownerKind: 'partner', purpose: 'allocatable', partnerId });
    const customer = await openAccount({ partnerId });
    await fund(allocatable, '2500.00');
    const staffId = randomUUID();

    const { posting, replayed } = await inTransaction(db, (tx) =>
      post(tx, {
        idempotencyKey: 'alloc-1',
        kind: 'customer.allocation',
        memo: '为客户调账',
        partnerId,
        actor: { kind: 'staff', id: staffId },
        meta: { customerId: 'c-1' },
        lines: [
          { account: allocatable, amount: '-1000.00' },
          { account: customer, amount: money('1000') },
        ],
      }),
    );

    expect(replayed).toBe(false);
    expect(posting).toMatchObject({ idempotencyKey: 'alloc-1', kind: 'customer.allocation', memo: '为客户调账', partnerId, actorKind: 'staff', actorId: staffId, meta: { customerId: 'c-1' } });
    expect(posting.lines).toEqual([
      expect.objectContaining({ account: allocatable, amount: '-1000.00', balanceAfter: '1500.00' }),
      expect.objectContaining({ account: customer, amount: '1000.00', balanceAfter: '1000.00' }),
    ]);
    expect(await balanceOf(db, allocatable)).toBe('1500.00');
    expect(await balanceOf(db, customer)).toBe('1000.00');
    expect((await getAccount(db, customer))!.version).toBe(1);
    expect((await findPosting(db, 'alloc-1'))!.id).toBe(posting.id);
    await assertLedgerConsistent(db);
  });

  it('records the request actor', async () => {
    const a = await openAccount();
    const { posting } = await inTransaction(db, (tx) => post(tx, { ...transfer(SOURCE, a, '1.00'), actor: { kind: 'anonymous' } }));
    expect(posting.actorKind).toBe('anonymous');
    expect(posting.actorId).toBeNull();
  });

  it('applies several lines on one account in order', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '10.00');
    const { posting } = await inTransaction(db, (tx) =>
      post(tx, {
        idempotencyKey: randomUUID(),
        kind: 'test.split',
        lines: [
          { account: a, amount: '-3.00' },
          { account: b, amount: '3.00' },
          { account: a, amount: '-2.50' },
          { account: b, amount: '2.50' },
        ],
      }),
    );
    expect(posting.lines.map((l) => l.balanceAfter)).toEqual(['7.00', '3.00', '4.50', '5.50']);
    expect(await balanceOf(db, a)).toBe('4.50');
  });

  it('refuses an unbalanced posting as a programming error and writes nothing', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '10.00');
    const key = randomUUID();
    const attempt = inTransaction(db, (tx) =>
      post(tx, { idempotencyKey: key, kind: 'test.bad', lines: [{ account: a, amount: '-1.00' }, { account: b, amount: '0.99' }] }),
    );
    await expect(attempt).rejects.toThrow(/unbalanced by -0.01/);
    await expect(attempt).rejects.not.toBeInstanceOf(AppError);
    expect(await findPosting(db, key)).toBeNull();
    expect(await balanceOf(db, a)).toBe('10.00');
    expect(await balanceOf(db, b)).toBe('0.00');
  });

  it('refuses other malformed postings', async () => {
    const a = await openAccount();
    const b = await openAccount();
    const usd = accountCode('customer', randomUUID(), 'usd');
    await inTransaction(db, (tx) => ensureAccount(tx, { code: usd, ownerKind: 'customer', ownerId: usd.split(':')[1], floor: null, currency: 'USD' }));
    await fund(a, '10.00');
    const bad = (lines: PostInput['lines'], extra: Partial<PostInput> = {}) =>
      inTransaction(db, (tx) => post(tx, { idempotencyKey: randomUUID(), kind: 'test.bad', lines, ...extra }));

    await expect(bad([{ account: a, amount: '0' }, { account: b, amount: '0.00' }])).rejects.toThrow(/zero line/);
    await expect(bad([{ account: a, amount: '-0.001' }, { account: b, amount: '0.001' }])).rejects.toThrow(/more than 2 decimals/);
    await expect(bad([{ account: a, amount: '-1' }])).rejects.toThrow(/at least two lines/);
    await expect(bad([{ account: a, amount: '-1' }, { account: 'customer:nobody:cash', amount: '1' }])).rejects.toThrow(/unknown account/);
    await expect(bad([{ account: a, amount: '-1' }, { account: usd, amount: '1' }])).rejects.toThrow(/mix currencies/);
    await expect(bad([{ account: a, amount: '-1e2' }, { account: b, amount: '100' }])).rejects.toThrow(RangeError);
    expect(await balanceOf(db, a)).toBe('10.00');

    // incentive amounts may carry 8 decimals when the caller says so
    await bad([{ account: a, amount: '-0.00000001' }, { account: b, amount: '0.00000001' }], { scale: 8 });
    expect(await balanceOf(db, b)).toBe('0.00000001');
    await expect(bad([{ account: a, amount: '-0.000000001' }, { account: b, amount: '0.000000001' }], { scale: 8 })).rejects.toThrow(/more than 8/);
  });
});

describe('floors', () => {
  it('refuses a debit below the floor and leaves nothing written', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '100.00');
    const key = randomUUID();
    const err = await inTransaction(db, (tx) => post(tx, transfer(a, b, '100.01', key))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 409, code: 'ledger.insufficient-balance', params: { account: a, balance: '100.00', amount: '100.01' } });
    expect((err as AppError).text).toEqual({ zh: '余额不足', en: 'Insufficient balance' });
    expect(await balanceOf(db, a)).toBe('100.00');
    expect(await balanceOf(db, b)).toBe('0.00');
    expect(await findPosting(db, key)).toBeNull();
  });

  it('with `last` (the balance statement commits the transaction): the refusal rolls the whole transaction back', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '100.00');
    const key = randomUUID();
    const marker = `last-${randomUUID()}`;
    await db.execute(sql`CREATE TABLE IF NOT EXISTS t_caller_rows (k text PRIMARY KEY)`);
    const callerRow = async () => (await rows(db, sql`SELECT k FROM t_caller_rows WHERE k = ${marker}`)).length;
    const err = await inTransaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO t_caller_rows VALUES (${marker})`); // the caller's own row
      return post(tx, { ...transfer(a, b, '100.01', key), last: true });
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: 'ledger.insufficient-balance', params: { account: a, balance: '100.00', amount: '100.01' } });
    expect(await balanceOf(db, a)).toBe('100.00');
    expect(await findPosting(db, key)).toBeNull();
    expect(await callerRow()).toBe(0);
    // and a `last` posting that fits commits with its caller's rows
    const ok = await inTransaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO t_caller_rows VALUES (${marker})`);
      return post(tx, { ...transfer(a, b, '100.00', key), last: true });
    });
    expect(ok.posting.lines.find((l) => l.account === a)?.balanceAfter).toBe('0.00');
    expect(await balanceOf(db, b)).toBe('100.00');
    expect(await callerRow()).toBe(1);
    await assertLedgerConsistent(db);
  });

  it('writes nothing even when the caller catches the refusal and commits its transaction', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '5.00');
    const key = randomUUID();
    await inTransaction(db, async (tx) => {
      await expect(post(tx, transfer(a, b, '6.00', key))).rejects.toMatchObject({ code: 'ledger.insufficient-balance' });
    });
    expect(await findPosting(db, key)).toBeNull();
    expect(await getAccount(db, a)).toMatchObject({ balance: '5.00', version: 1 });
    // the refused key was not burnt: after a top-up the same request goes through
    await fund(a, '1.00');
    const { replayed } = await inTransaction(db, (tx) => post(tx, transfer(a, b, '6.00', key)));
    expect(replayed).toBe(false);
    expect(await balanceOf(db, a)).toBe('0.00');
  });

  it('a refusal on an account locked after others puts those back exactly (balance, version, updated_at)', async () => {
    // three accounts in id order; the last one cannot pay, so the first two were already moved when it refuses
    const codes = [await openAccount(), await openAccount(), await openAccount()];
    for (const c of codes) await fund(c, '5.00');
    const sorted = (await Promise.all(codes.map((c) => getAccount(db, c)))).sort((x, y) => (x!.id < y!.id ? -1 : 1)).map((a) => a!);
    const [first, second, last] = sorted as [NonNullable<Awaited<ReturnType<typeof getAccount>>>, NonNullable<Awaited<ReturnType<typeof getAccount>>>, NonNullable<Awaited<ReturnType<typeof getAccount>>>];
    const key = randomUUID();
    let hooked = 0;
    await inTransaction(db, async (tx) => {
      const attempt = post(tx, {
        idempotencyKey: key,
        kind: 'test.split',
        lines: [
          { account: first.code, amount: '3.00' },
          { account: second.code, amount: '3.00' },
          { account: last.code, amount: '-6.00' },
        ],
        beforeBalances: async () => {
          hooked++;
        },
      });
      await expect(attempt).rejects.toMatchObject({ code: 'ledger.insufficient-balance', params: { account: last.code, balance: '5.00', amount: '6.00' } });
    });
    expect(hooked).toBe(1);
    for (const a of sorted) expect(await getAccount(db, a.code)).toEqual(a);
    expect(await findPosting(db, key)).toBeNull();
    await assertLedgerConsistent(db);
  });

  it('beforeBalances runs once with the new posting, before the balances move, and never on a replay', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '10.00');
    const key = randomUUID();
    const seen: { id: string; balance: string }[] = [];
    const input = (tx: Db): PostInput => ({
      ...transfer(a, b, '4.00', key),
      beforeBalances: async (p) => {
        seen.push({ id: p.id, balance: await balanceOf(tx, a) });
      },
    });
    const first = await inTransaction(db, (tx) => post(tx, input(tx)));
    const again = await inTransaction(db, (tx) => post(tx, input(tx)));
    expect(seen).toEqual([{ id: first.posting.id, balance: '10.00' }]);
    expect(again).toMatchObject({ replayed: true, posting: { id: first.posting.id } });
    expect(again.posting).toEqual(first.posting);
    expect(await balanceOf(db, a)).toBe('6.00');
  });

  it('lets a debit reach the floor exactly, and a no-floor account go negative', async () => {
    const a = await openAccount();
    const b = await openAccount({ floor: null });
    await fund(a, '1.00');
    await inTransaction(db, (tx) => post(tx, transfer(a, b, '1.00')));
    await inTransaction(db, (tx) => post(tx, transfer(b, a, '50.00')));
    expect(await balanceOf(db, a)).toBe('50.00');
    expect(await balanceOf(db, b)).toBe('-49.00');
  });

  it('a negative floor is a credit line; setFloor refuses a floor above the balance', async () => {
    const a = await openAccount({ floor: '-100' });
    const b = await openAccount();
    await inTransaction(db, (tx) => post(tx, transfer(a, b, '100.00')));
    expect(await balanceOf(db, a)).toBe('-100.00');
    await expect(inTransaction(db, (tx) => post(tx, transfer(a, b, '0.01')))).rejects.toMatchObject({ code: 'ledger.insufficient-balance' });
    await expect(inTransaction(db, (tx) => setFloor(tx, a, '0'))).rejects.toMatchObject({ status: 409, code: 'ledger.floor-above-balance' });
    expect((await getAccount(db, a))!.floor).toBe('-100.00');
    expect((await inTransaction(db, (tx) => setFloor(tx, a, '-200'))).floor).toBe('-200.00');
    await inTransaction(db, (tx) => post(tx, transfer(a, b, '100.00')));
    expect(await balanceOf(db, a)).toBe('-200.00');
  });
});

describe('accounts', () => {
  it('ensureAccount is idempotent, keeps the floor, and refuses a different owner for a code', async () => {
    const ownerId = randomUUID();
    const code = accountCode('partner', ownerId, 'allocatable');
    const first = await inTransaction(db, (tx) => ensureAccount(tx, { code, ownerKind: 'partner', ownerId, partnerId: ownerId, floor: '0' }));
    const again = await inTransaction(db, (tx) => ensureAccount(tx, { code, ownerKind: 'partner', ownerId, partnerId: ownerId, floor: null }));
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ floor: '0.00', balance: '0.00', currency: 'CNY' });
    await expect(inTransaction(db, (tx) => ensureAccount(tx, { code, ownerKind: 'customer', ownerId, floor: '0' }))).rejects.toThrow(/different owner/);
    await expect(inTransaction(db, (tx) => ensureAccount(tx, { code: 'no colon', ownerKind: 'x', floor: null }))).rejects.toThrow(/malformed/);
    const [{ n }] = (await db.select({ n: count() }).from(ledgerAccounts).where(eq(ledgerAccounts.code, code))) as [{ n: number }];
    expect(Number(n)).toBe(1);
  });

  it("post's `open` creates missing accounts in the posting's statement, keeps existing ones, and checks their owner", async () => {
    const ownerId = randomUUID();
    const fresh = accountCode('customer', ownerId, 'cash');
    const spec = { code: fresh, ownerKind: 'customer', ownerId, partnerId: null, floor: '0' };
    const src = { code: SOURCE, ownerKind: 'vendor', floor: null };
    const first = await inTransaction(db, (tx) =>
      post(tx, { idempotencyKey: randomUUID(), kind: 'test.open', lines: [{ account: SOURCE, amount: '-5.00' }, { account: fresh, amount: '5.00' }], open: [src, spec] }),
    );
    const account = (await getAccount(db, fresh))!;
    expect(account).toMatchObject({ ownerKind: 'customer', ownerId, floor: '0.00', balance: '5.00' });
    expect(first.posting.lines.map((l) => l.accountId)).toContain(account.id);
    // again: the account exists (its floor is kept, as ensureAccount); a floor refusal still leaves nothing
    await inTransaction(db, (tx) => post(tx, { ...transfer(fresh, SOURCE, '5.00'), open: [{ ...spec, floor: null }] }));
    await expect(inTransaction(db, (tx) => post(tx, { ...transfer(fresh, SOURCE, '0.01'), open: [{ ...spec, floor: null }] }))).rejects.toMatchObject({ code: 'ledger.insufficient-balance' });
    // another owner for an existing code is a bug, and so is opening an account without a line
    await expect(inTransaction(db, (tx) => post(tx, { ...transfer(SOURCE, fresh, '1.00'), open: [{ ...spec, ownerKind: 'partner' }] }))).rejects.toThrow(/different owner/);
    await expect(inTransaction(db, (tx) => post(tx, { ...transfer(SOURCE, fresh, '1.00'), open: [{ ...spec, code: accountCode('customer', randomUUID(), 'cash') }] }))).rejects.toThrow(/no line/);
    // many first postings opening the same account at once: one account, every posting applied
    const shared = accountCode('customer', randomUUID(), 'cash');
    const openShared = { code: shared, ownerKind: 'customer', ownerId: shared.split(':')[1], floor: '0' };
    const { errors } = await settle(Array.from({ length: 10 }, () => inTransaction(db, (tx) => post(tx, { ...transfer(SOURCE, shared, '1.00'), open: [openShared] }))));
    expect(errors).toEqual([]);
    const [{ n }] = (await db.select({ n: count() }).from(ledgerAccounts).where(eq(ledgerAccounts.code, shared))) as [{ n: number }];
    expect(Number(n)).toBe(1);
    expect(await balanceOf(db, shared)).toBe('10.00');
    expect(await balanceOf(db, fresh)).toBe('0.00');
    await assertLedgerConsistent(db);
  });

  it('balanceOf an account never opened is zero', async () => {
    expect(await balanceOf(db, accountCode('customer', randomUUID(), 'cash'))).toBe('0.00');
  });

  it('lists an account\'s lines newest first, paged', async () => {
    const a = await openAccount();
    const b = await openAccount();
    for (const amount of ['1.00', '2.00', '3.00', '4.00', '5.00']) await fund(a, amount);
    await inTransaction(db, (tx) => post(tx, { ...transfer(a, b, '0.50'), memo: 'last' }));
    const first = await accountLines(db, a, { page: 1, pageSize: 4 });
    expect(first.total).toBe(6);
    expect(first.items.map((i) => [i.amount, i.balanceAfter])).toEqual([
      ['-0.50', '14.50'],
      ['5.00', '15.00'],
      ['4.00', '10.00'],
      ['3.00', '6.00'],
    ]);
    expect(first.items[0]).toMatchObject({ kind: 'test.transfer', memo: 'last' });
    const second = await accountLines(db, a, { page: 2, pageSize: 4 });
    expect(second.items.map((i) => i.amount)).toEqual(['2.00', '1.00']);
    expect(await accountLines(db, 'customer:nobody:cash')).toMatchObject({ total: 0, items: [] });
  });
});

describe('idempotency', () => {
  it('replays a repeated key: same posting, replayed, nothing changes', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '10.00');
    const key = randomUUID();
    const first = await inTransaction(db, (tx) => post(tx, transfer(a, b, '10.00', key)));
    // a replay is answered even though the balance could not pay the request again
    const second = await inTransaction(db, (tx) => post(tx, { ...transfer(a, b, '10', key), memo: 'ignored' }));
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect(second.posting).toEqual(first.posting);
    expect(await balanceOf(db, a)).toBe('0.00');
    expect(await balanceOf(db, b)).toBe('10.00');
    expect(await postingCount(key)).toBe(1);
  });

  it('refuses a repeated key with different lines or kind (409), changing nothing', async () => {
    const a = await openAccount();
    const b = await openAccount();
    await fund(a, '10.00');
    const key = randomUUID();
    await inTransaction(db, (tx) => post(tx, transfer(a, b, '3.00', key)));
    await expect(inTransaction(db, (tx) => post(tx, transfer(a, b, '4.00', key)))).rejects.toMatchObject({
      status: 409,
      code: 'ledger.idempotency-conflict',
    });
    await expect(inTransaction(db, (tx) => post(tx, transfer(b, a, '3.00', key)))).rejects.toMatchObject({ code: 'ledger.idempotency-conflict' });
    await expect(inTransaction(db, (tx) => post(tx, { ...transfer(a, b, '3.00', key), kind: 'test.other' }))).rejects.toMatchObject({
      code: 'ledger.idempotency-conflict',
    });
    expect(await balanceOf(db, a)).toBe('7.00');
    expect(await postingCount(key)).toBe(1);
  });
});

describe('invariants', () => {
  it('rebuildBalances detects a tampered balance', async () => {
    const a = await openAccount();
    await fund(a, '10.00');
    expect(await rebuildBalances(db)).toEqual([]);
    await assertLedgerConsistent(db);
    await db.update(ledgerAccounts).set({ balance: '10.01' }).where(eq(ledgerAccounts.code, a));
    try {
      expect(await rebuildBalances(db)).toEqual([{ code: a, stored: '10.01', computed: '10.00' }]);
      await expect(assertLedgerConsistent(db)).rejects.toThrow(/stored 10.01 ≠ lines 10.00/);
    } finally {
      await db.update(ledgerAccounts).set({ balance: '10.00' }).where(eq(ledgerAccounts.code, a));
    }
    expect(await rebuildBalances(db)).toEqual([]);
  });

  it('assertLedgerConsistent detects an unbalanced posting and a broken floor', async () => {
    const a = await openAccount();
    await fund(a, '10.00');
    await db.execute(sql`UPDATE ledger_accounts SET floor = 20 WHERE code = ${a}`);
    try {
      await expect(assertLedgerConsistent(db)).rejects.toThrow(/below floor/);
    } finally {
      await db.execute(sql`UPDATE ledger_accounts SET floor = 0 WHERE code = ${a}`);
    }
    await assertLedgerConsistent(db);
  });

  it('property: random transfers keep the ledger summing to zero and never break a floor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ from: fc.nat(3), to: fc.nat(3), cents: fc.integer({ min: 1, max: 6000 }) }).filter((t) => t.from !== t.to),
          { maxLength: 25 },
        ),
        async (transfers) => {
          // four accounts: three that cannot go below zero (one with a ¥20 credit line) funded with ¥50 each
          const floors = ['0', '0', '-20', '0'];
          const codes = await Promise.all(floors.map((floor) => openAccount({ floor })));
          const model = floors.map(() => money('50'));
          for (const code of codes) await fund(code, '50.00');

          for (const t of transfers) {
            const amount = money(t.cents).div(100);
            const expectOk = model[t.from]!.minus(amount).gte(money(floors[t.from]!));
            const result = await inTransaction(db, (tx) => post(tx, transfer(codes[t.from]!, codes[t.to]!, amount.toFixed(2)))).then(
              () => 'ok',
              (e: unknown) => codeOf(e),
            );
            expect(result).toBe(expectOk ? 'ok' : 'ledger.insufficient-balance');
            if (expectOk) {
              model[t.from] = model[t.from]!.minus(amount);
              model[t.to] = model[t.to]!.plus(amount);
            }
          }

          const balances = await Promise.all(codes.map((c) => balanceOf(db, c)));
          expect(balances).toEqual(model.map((m) => m.toFixed(2)));
          expect(sum(balances.map((b) => money(b))).toFixed(2)).toBe('200.00'); // nothing created or lost
          balances.forEach((b, i) => expect(money(b).gte(money(floors[i]!))).toBe(true));
          const [{ total }] = (await rows<{ total: string }>(db, sql`SELECT SUM(balance)::text AS total FROM ledger_accounts`)) as [{ total: string }];
          expect(money(total).isZero()).toBe(true); // every posting balanced → the whole ledger sums to zero
        },
      ),
      { numRuns: onPostgres() ? 30 : 15 },
    );
    await assertLedgerConsistent(db);
  });
});

describe('debits against one balance', () => {
  async function debitSetup() {
    const wallet = await openAccount();
    const sink = await openAccount({ floor: null });
    await fund(wallet, '100.00');
    return { wallet, sink, prefix: `debit-${randomUUID()}-` };
  }

  async function expectExactlyHundred(wallet: string, prefix: string, outcomes: string[]) {
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(100);
    expect(outcomes.filter((o) => o === 'ledger.insufficient-balance')).toHaveLength(100);
    expect(await balanceOf(db, wallet)).toBe('0.00');
    expect(await postingCount(prefix)).toBe(100);
    expect(await rebuildBalances(db)).toEqual([]);
    await assertLedgerConsistent(db);
  }

  it('sequential: 200 debits of ¥1.00 from ¥100.00 → 100 succeed, 100 refused', async () => {
    const { wallet, sink, prefix } = await debitSetup();
    const outcomes: string[] = [];
    for (let i = 0; i < 200; i++) {
      outcomes.push(
        await inTransaction(db, (tx) => post(tx, transfer(wallet, sink, '1.00', `${prefix}${i}`))).then(
          () => 'ok',
          (e: unknown) => codeOf(e),
        ),
      );
    }
    await expectExactlyHundred(wallet, prefix, outcomes);
  });

  describe.skipIf(!onPostgres())('concurrently on PostgreSQL', () => {
    // `last`: each balance statement commits its transaction in its own round trip
    it.each([false, true])('200 parallel debits of ¥1.00 from ¥100.00 → exactly 100 succeed, 100 refused, balance 0.00 (last: %s)', async (last) => {
      const { wallet, sink, prefix } = await debitSetup();
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          inTransaction(db, (tx) => post(tx, { ...transfer(wallet, sink, '1.00', `${prefix}${i}`), last })).then(
            () => 'ok',
            (e: unknown) => codeOf(e),
          ),
        ),
      );
      await expectExactlyHundred(wallet, prefix, outcomes);
    });

    it('the same key posted 20 times concurrently makes exactly one posting', async () => {
      const a = await openAccount();
      const b = await openAccount();
      await fund(a, '100.00');
      const key = `twin-${randomUUID()}`;
      const { ok, errors } = await settle(Array.from({ length: 20 }, () => inTransaction(db, (tx) => post(tx, transfer(a, b, '7.00', key)))));
      expect(errors).toEqual([]);
      expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
      expect(new Set(ok.map((r) => r.posting.id)).size).toBe(1);
      expect(await postingCount(key)).toBe(1);
      expect(await balanceOf(db, a)).toBe('93.00');
      expect(await balanceOf(db, b)).toBe('7.00');
    });

    it('the same key raced over different accounts: one posting, the rest replay or conflict, never a raw error', async () => {
      const [a, b, c, d] = await Promise.all([openAccount(), openAccount(), openAccount(), openAccount()]);
      await fund(a!, '100.00');
      await fund(c!, '100.00');
      const key = `race-${randomUUID()}`;
      const { ok, errors } = await settle(
        Array.from({ length: 20 }, (_, i) => inTransaction(db, (tx) => post(tx, i % 2 ? transfer(a!, b!, '5.00', key) : transfer(c!, d!, '5.00', key)))),
      );
      expect(errors.map(codeOf).filter((c) => c !== 'ledger.idempotency-conflict')).toEqual([]);
      expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
      expect(ok.length + errors.length).toBe(20);
      expect(await postingCount(key)).toBe(1);
      const moved = [await balanceOf(db, b!), await balanceOf(db, d!)].sort();
      expect(moved).toEqual(['0.00', '5.00']);
      await assertLedgerConsistent(db);
    });

    it('opposite transfers in parallel never deadlock (stable lock order), without retries', async () => {
      const a = await openAccount();
      const b = await openAccount();
      await fund(a, '1000.00');
      await fund(b, '1000.00');
      // db.transaction directly, not inTransaction: a deadlock would surface instead of being retried
      const { errors } = await settle(
        Array.from({ length: 100 }, (_, i) => db.transaction((tx) => post(tx as unknown as Db, i % 2 ? transfer(a, b, '1.00') : transfer(b, a, '1.00')))),
      );
      expect(errors).toEqual([]);
      expect(await balanceOf(db, a)).toBe('1000.00');
      expect(await balanceOf(db, b)).toBe('1000.00');
    });
  });
});

describe('postMany (group commit)', () => {
  it('records each posting as post would, one after the other: own key, own lines, balance_after in order', async () => {
    const wallet = await openAccount();
    const [c1, c2] = [await openAccount(), await openAccount()];
    await fund(wallet, '100.00');
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const postings = await inTransaction(db, (tx) =>
      postMany(tx, [transfer(wallet, c1, '10.00', keys[0]), transfer(wallet, c2, '20.00', keys[1]), transfer(wallet, c1, '5.50', keys[2])], { last: true }),
    );
    expect(postings.map((p) => p.idempotencyKey)).toEqual(keys);
    expect(postings.map((p) => p.lines.find((l) => l.account === wallet)!.balanceAfter)).toEqual(['90.00', '70.00', '64.50']);
    expect(postings[2]!.lines.find((l) => l.account === c1)!.balanceAfter).toBe('15.50');
    expect([await balanceOf(db, wallet), await balanceOf(db, c1), await balanceOf(db, c2)]).toEqual(['64.50', '15.50', '20.00']);
    // each is a posting of its own: a repeat of one replays it
    const again = await inTransaction(db, (tx) => post(tx, transfer(wallet, c2, '20.00', keys[1])));
    expect(again).toMatchObject({ replayed: true, posting: { id: postings[1]!.id } });
    expect(await accountLines(db, wallet, { page: 1, pageSize: 10 })).toMatchObject({ total: 4 });
    expect(await rebuildBalances(db)).toEqual([]);
    await assertLedgerConsistent(db);
  });

  it('all or nothing: a key already posted or repeated → LedgerBatchConflict; a broken floor → refused; nothing written', async () => {
    const wallet = await openAccount();
    const sink = await openAccount();
    await fund(wallet, '10.00');
    const used = randomUUID();
    await inTransaction(db, (tx) => post(tx, transfer(wallet, sink, '1.00', used)));
    const fresh = randomUUID();
    for (const batch of [
      [transfer(wallet, sink, '1.00', fresh), transfer(wallet, sink, '1.00', used)],
      [transfer(wallet, sink, '1.00', fresh), transfer(wallet, sink, '2.00', fresh)],
    ]) {
      await expect(inTransaction(db, (tx) => postMany(tx, batch))).rejects.toBeInstanceOf(LedgerBatchConflict);
    }
    // ¥9.00 left: 5 + 5 does not fit, though each alone would
    const err = await inTransaction(db, (tx) => postMany(tx, [transfer(wallet, sink, '5.00', fresh), transfer(wallet, sink, '5.00')], { last: true })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ledger.insufficient-balance', params: { account: wallet, balance: '9.00', amount: '10.00' } });
    expect(await findPosting(db, fresh)).toBeNull();
    expect(await balanceOf(db, wallet)).toBe('9.00');
    await assertLedgerConsistent(db);
  });
});

