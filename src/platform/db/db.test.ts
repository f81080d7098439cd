import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db.js';
import { inTransaction, isUniqueViolation, lastStatement, pgCode, rows, type Database } from './index.js';

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

  describe('a transaction on the pooled connection (TransactionClient on PostgreSQL)', () => {
    it('commits what its statements wrote, with BEGIN riding on the first statement', async () => {
      await inTransaction(database.db, async (tx) => {
        await tx.execute(sql`insert into t_probe values (200, 'a')`);
        await tx.execute(sql`insert into t_probe values (201, 'b')`);
      });
      expect((await rows<{ id: number }>(database.db, sql`select id from t_probe where id in (200, 201) order by id`)).map((r) => r.id)).toEqual([200, 201]);
    });

    it('is one transaction: a later failure removes the first statement\'s row too', async () => {
      const err = await inTransaction(database.db, async (tx) => {
        await tx.execute(sql`insert into t_probe values (210, 'a')`);
        await tx.execute(sql`insert into t_probe values (100, 'dup')`); // exists: unique violation
      }).catch((e: unknown) => e);
      expect(isUniqueViolation(err)).toBe(true);
      expect(await rows(database.db, sql`select id from t_probe where id = 210`)).toEqual([]);
    });

    it('a lastStatement commits with the transaction; its failure rolls all of it back', async () => {
      const out = await inTransaction(database.db, async (tx) => {
        await tx.execute(sql`insert into t_probe values (220, 'a')`);
        return rows<{ id: number }>(tx, lastStatement(sql`insert into t_probe values (221, 'b') returning id`));
      });
      expect(out).toEqual([{ id: 221 }]);
      expect((await rows<{ id: number }>(database.db, sql`select id from t_probe where id in (220, 221) order by id`)).map((r) => r.id)).toEqual([220, 221]);

      const err = await inTransaction(database.db, async (tx) => {
        await tx.execute(sql`insert into t_probe values (230, 'a')`);
        await tx.execute(lastStatement(sql`insert into t_probe values (100, 'dup')`));
      }).catch((e: unknown) => e);
      expect(isUniqueViolation(err)).toBe(true);
      expect(await rows(database.db, sql`select id from t_probe where id = 230`)).toEqual([]);
      // the connection is clean for the next transaction
      await inTransaction(database.db, async (tx) => tx.execute(sql`insert into t_probe values (231, 'c')`));
      expect(await rows(database.db, sql`select id from t_probe where id = 231`)).toEqual([{ id: 231 }]);
    });

    it.runIf(process.env.TEST_DATABASE_URL)('refuses a statement after the lastStatement (it would run outside the transaction)', async () => {
      const err = await inTransaction(database.db, async (tx) => {
        await tx.execute(lastStatement(sql`insert into t_probe values (240, 'a')`));
        await tx.execute(sql`insert into t_probe values (241, 'b')`);
      }).catch((e: unknown) => e);
      expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/after the transaction's last statement/);
      expect(await rows(database.db, sql`select id from t_probe where id = 241`)).toEqual([]);
    });

    // (PGlite runs one transaction at a time: the second would wait for the first, which waits for the second)
    it.runIf(process.env.TEST_DATABASE_URL)('a lastStatement holds a row lock until its commit: a waiting transaction sees the committed value', async () => {
      await database.exec(`insert into t_probe values (250, 'x')`);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const first = inTransaction(database.db, async (tx) => {
        await tx.execute(sql`update t_probe set v = 'first' where id = 250`); // locks the row
        await gate;
        await tx.execute(lastStatement(sql`update t_probe set v = v || '!' where id = 250`));
      });
      const second = inTransaction(database.db, async (tx) => {
        release();
        return rows<{ v: string }>(tx, lastStatement(sql`update t_probe set v = v || '+second' where id = 250 returning v`));
      });
      const [, seen] = await Promise.all([first, second]);
      expect(seen).toEqual([{ v: 'first!+second' }]);
    });
  });
});

