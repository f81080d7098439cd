import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db.js';
import { inTransaction, isUniqueViolation, pgCode, rows, type Database } from './index.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.exec('CREATE TABLE t_probe (id int primary key, v text)');
});
afterAll(async () => database.close());

describe('db', () => {
  it('is migrated (the schema tables exist)', async () => {
    const r = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from information_schema.tables where table_name in ('accounts','sessions','ledger_accounts','review_applications')`);
    expect(r[0]!.n).toBe(4);
  });

  it('a failed transaction leaves nothing written', async () => {
    await expect(
      inTransaction(database.db, async (tx) => {
        await tx.execute(sql`insert into t_probe values (1, 'a')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await rows(database.db, sql`select * from t_probe where id = 1`)).toEqual([]);
  });

  it('retries the whole unit on a serialization failure or deadlock', async () => {
    let attempts = 0;
    const result = await inTransaction(database.db, async (tx) => {
      attempts++;
      await tx.execute(sql`insert into t_probe values (${10 + attempts}, 'x')`);
      if (attempts < 3) throw Object.assign(new Error('could not serialize'), { code: attempts === 1 ? '40001' : '40P01' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    // only the last attempt's row survives
    const r = await rows<{ id: number }>(database.db, sql`select id from t_probe where id > 10 order by id`);
    expect(r.map((x) => x.id)).toEqual([13]);
  });

  it('does not retry other errors, and recognises unique violations', async () => {
    await database.exec(`insert into t_probe values (100, 'u')`);
    let attempts = 0;
    const err = await inTransaction(database.db, async (tx) => {
      attempts++;
      await tx.execute(sql`insert into t_probe values (100, 'dup')`);
    }).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(isUniqueViolation(err)).toBe(true);
    expect(pgCode(err)).toBe('23505');
  });

  it('keeps NUMERIC exact (strings, never floats)', async () => {
    const r = await rows<{ v: unknown }>(database.db, sql`select (12345678901234567.1::numeric + 0.2::numeric) as v`);
    expect(typeof r[0]!.v).toBe('string');
    expect(r[0]!.v).toBe('12345678901234567.3');
  });
});
