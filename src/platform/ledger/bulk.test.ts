import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db.js';
import { inTransaction, rows, sql, type Database, type Db } from '../db/index.js';
import { AppError } from '../errors.js';
import {
  assertLedgerConsistent,
  balanceOf,
  ensureAccount,
  ensureAccounts,
  findPosting,
  getAccount,
  ledgerPostings,
  post,
  postBulk,
  rebuildBalances,
} from './index.js';

let database: Database;
let db: Db;
const SOURCE = 'vendor:bulk-source';
const SINK = 'vendor:bulk-revenue';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await ensureAccount(db, { code: SOURCE, ownerKind: 'vendor', floor: null });
  await ensureAccount(db, { code: SINK, ownerKind: 'vendor', floor: null });
});
afterAll(async () => {
  await assertLedgerConsistent(db);
  database?.pool?.on('error', () => {});
  await database?.close();
});

/** n customers with a cash account (floor 0) funded with `cash` each, and an arrears account (no floor). */
async function customers(n: number, cash: string) {
  const ids = Array.from({ length: n }, () => randomUUID());
  await ensureAccounts(db, [
    ...ids.map((id) => ({ code: `customer:${id}:cash`, ownerKind: 'customer', ownerId: id, floor: '0' })),
    ...ids.map((id) => ({ code: `customer:${id}:arrears`, ownerKind: 'customer', ownerId: id, floor: null })),
  ]);
  await post(db, {
    idempotencyKey: `fund:${randomUUID()}`,
    kind: 'test.fund',
    lines: [{ account: SOURCE, amount: (-Number(cash) * n).toFixed(2) }, ...ids.map((id) => ({ account: `customer:${id}:cash`, amount: cash }))],
  });
  return ids;
}

const lineCount = async (postingId: string) =>
  Number((await rows<{ n: string }>(db, sql`SELECT count(*)::text AS n FROM ledger_posting_lines WHERE posting_id = ${postingId}::uuid`))[0]!.n);

describe('postBulk: one balanced posting over many accounts', () => {
  it('moves every balance, writes balanced lines with running balances, and keeps the invariant', async () => {
    const ids = await customers(300, '10.00');
    const lines = [
      ...ids.map((id) => ({ account: `customer:${id}:cash`, amount: '-7.25' })),
      ...ids.map((id) => ({ account: `customer:${id}:arrears`, amount: '-1.10' })),
      { account: SINK, amount: (300 * 8.35).toFixed(2) },
    ];
    const r = await inTransaction(db, (tx) => postBulk(tx, { idempotencyKey: `bulk:${randomUUID()}`, kind: 'test.bulk', meta: { run: 1 }, lines }));
    expect(r).toMatchObject({ replayed: false, lines: 601, accounts: 601 });
    expect(await balanceOf(db, `customer:${ids[0]}:cash`)).toBe('2.75');
    expect(await balanceOf(db, `customer:${ids[299]}:arrears`)).toBe('-1.10');
    const posting = (await findPosting(db, (await db.select().from(ledgerPostings).where(eq(ledgerPostings.id, r.postingId)))[0]!.idempotencyKey))!;
    expect(posting.lines).toHaveLength(601);
    expect(posting.lines.reduce((a, l) => a + Math.round(Number(l.amount) * 100), 0)).toBe(0);
    expect(posting.lines.find((l) => l.account === `customer:${ids[5]}:cash`)!.balanceAfter).toBe('2.75');
    expect((await getAccount(db, `customer:${ids[5]}:cash`))!.version).toBe(2);
    expect(await rebuildBalances(db)).toEqual([]);
    await assertLedgerConsistent(db);
  });

  it('several lines on one account: balance_after follows the input order', async () => {
    const [id] = await customers(1, '5.00');
    const cash = `customer:${id}:cash`;
    const r = await postBulk(db, {
      idempotencyKey: `bulk:${randomUUID()}`,
      kind: 'test.bulk',
      lines: [
        { account: cash, amount: '-1.00' },
        { account: SINK, amount: '3.00' },
        { account: cash, amount: '-2.00' },
      ],
    });
    const lines = await rows<{ amount: string; balance_after: string }>(
      db,
      sql`SELECT amount::text, balance_after::text FROM ledger_posting_lines WHERE posting_id = ${r.postingId}::uuid ORDER BY id`,
    );
    expect(lines.map((l) => [Number(l.amount), Number(l.balance_after)])).toEqual([
      [-1, 4],
      [3, Number(await balanceOf(db, SINK))],
      [-2, 2],
    ]);
  });

  it('refuses the whole posting when any floor would break, and leaves nothing (even if the caller commits)', async () => {
    const ids = await customers(50, '5.00');
    const key = `bulk:${randomUUID()}`;
    const lines = [
      ...ids.map((id, i) => ({ account: `customer:${id}:cash`, amount: i === 37 ? '-5.01' : '-5.00' })),
      { account: SINK, amount: '250.01' },
    ];
    const sinkBefore = await balanceOf(db, SINK);
    let err: unknown;
    await inTransaction(db, async (tx) => {
      err = await postBulk(tx, { idempotencyKey: key, kind: 'test.bulk', lines }).catch((e: unknown) => e);
    });
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 409, code: 'ledger.insufficient-balance', params: { account: `customer:${ids[37]}:cash`, balance: '5.00', amount: '5.01' } });
    for (const id of ids) expect(await balanceOf(db, `customer:${id}:cash`)).toBe('5.00');
    expect(await balanceOf(db, SINK)).toBe(sinkBefore);
    expect(await findPosting(db, key)).toBeNull(); // the key is not burnt
    // exactly the floor is fine
    lines[37] = { account: `customer:${ids[37]}:cash`, amount: '-5.00' };
    lines[50] = { account: SINK, amount: '250.00' };
    const ok = await postBulk(db, { idempotencyKey: key, kind: 'test.bulk', lines });
    expect(await lineCount(ok.postingId)).toBe(51);
    expect(await balanceOf(db, `customer:${ids[37]}:cash`)).toBe('0.00');
    await assertLedgerConsistent(db);
  });

  it('is idempotent: a replay changes nothing; the same key with other lines is a conflict', async () => {
    const ids = await customers(3, '9.00');
    const key = `bulk:${randomUUID()}`;
    const lines = [...ids.map((id) => ({ account: `customer:${id}:cash`, amount: '-2.00' })), { account: SINK, amount: '6.00' }];
    const first = await postBulk(db, { idempotencyKey: key, kind: 'test.bulk', lines });
    const again = await postBulk(db, { idempotencyKey: key, kind: 'test.bulk', lines: [...lines].reverse() });
    expect(again).toMatchObject({ postingId: first.postingId, replayed: true, lines: 4 });
    expect(await balanceOf(db, `customer:${ids[0]}:cash`)).toBe('7.00');
    expect(await lineCount(first.postingId)).toBe(4);
    const other = [...ids.map((id) => ({ account: `customer:${id}:cash`, amount: '-1.00' })), { account: SINK, amount: '3.00' }];
    await expect(postBulk(db, { idempotencyKey: key, kind: 'test.bulk', lines: other })).rejects.toMatchObject({ code: 'ledger.idempotency-conflict' });
    await expect(postBulk(db, { idempotencyKey: key, kind: 'test.other', lines })).rejects.toMatchObject({ code: 'ledger.idempotency-conflict' });
    expect(await balanceOf(db, `customer:${ids[0]}:cash`)).toBe('7.00');
    // concurrent twins: one posting
    const key2 = `bulk:${randomUUID()}`;
    const twins = await Promise.all([0, 1].map(() => inTransaction(db, (tx) => postBulk(tx, { idempotencyKey: key2, kind: 'test.bulk', lines }))));
    expect(twins.filter((t) => t.replayed)).toHaveLength(1);
    expect(await balanceOf(db, `customer:${ids[0]}:cash`)).toBe('5.00');
    await assertLedgerConsistent(db);
  });

  it('structural errors are bugs: unbalanced, zero lines, too many decimals, unknown accounts — nothing written', async () => {
    const [id] = await customers(1, '1.00');
    const cash = `customer:${id}:cash`;
    const key = `bulk:${randomUUID()}`;
    await expect(postBulk(db, { idempotencyKey: key, kind: 'k', lines: [{ account: cash, amount: '-1.00' }, { account: SINK, amount: '0.99' }] })).rejects.toThrow(/unbalanced/);
    await expect(postBulk(db, { idempotencyKey: key, kind: 'k', lines: [{ account: cash, amount: '0' }, { account: SINK, amount: '0' }] })).rejects.toThrow(/zero line/);
    await expect(postBulk(db, { idempotencyKey: key, kind: 'k', lines: [{ account: cash, amount: '-0.001' }, { account: SINK, amount: '0.001' }] })).rejects.toThrow(/decimals/);
    await expect(postBulk(db, { idempotencyKey: key, kind: 'k', lines: [{ account: 'customer:nobody:cash', amount: '-1.00' }, { account: SINK, amount: '1.00' }] })).rejects.toThrow(/unknown account/);
    expect(await findPosting(db, key)).toBeNull();
    expect(await balanceOf(db, cash)).toBe('1.00');
  });

  it('concurrent bulk postings and single postings over the same accounts never deadlock and never overdraw', async () => {
    const ids = await customers(40, '10.00');
    const bulk = (n: number) =>
      inTransaction(db, (tx) =>
        postBulk(tx, { idempotencyKey: `bulk:${randomUUID()}`, kind: 'test.bulk', lines: [...ids.map((id) => ({ account: `customer:${id}:cash`, amount: '-3.00' })), { account: SINK, amount: (3 * ids.length).toFixed(2) }] }).then(() => n),
      );
    const single = (i: number) =>
      inTransaction(db, (tx) => post(tx, { idempotencyKey: `one:${randomUUID()}`, kind: 'test.one', lines: [{ account: `customer:${ids[i]}:cash`, amount: '-2.00' }, { account: SINK, amount: '2.00' }] }));
    const results = await Promise.allSettled([bulk(1), single(3), bulk(2), single(17), bulk(3), single(39), bulk(4)]);
    for (const x of results) if (x.status === 'rejected') expect((x.reason as AppError).code).toBe('ledger.insufficient-balance');
    for (const id of ids) expect(Number(await balanceOf(db, `customer:${id}:cash`))).toBeGreaterThanOrEqual(0);
    expect(results.filter((x, i) => i % 2 === 0 && x.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    await assertLedgerConsistent(db);
  });

  it('ensureAccounts creates missing accounts once and refuses a different owner', async () => {
    const id = randomUUID();
    const code = `customer:${id}:vouchers`;
    await ensureAccounts(db, [{ code, ownerKind: 'customer', ownerId: id, floor: '0' }]);
    await ensureAccounts(db, [{ code, ownerKind: 'customer', ownerId: id, floor: '5' }]); // keeps its floor
    expect((await getAccount(db, code))!.floor).toBe('0.00');
    await expect(ensureAccounts(db, [{ code, ownerKind: 'customer', ownerId: randomUUID(), floor: '0' }])).rejects.toThrow(/different owner/);
    await expect(ensureAccounts(db, [{ code: 'bad code', ownerKind: 'x', floor: null }])).rejects.toThrow(/malformed/);
  });
});
