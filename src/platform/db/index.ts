import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { TransactionClient } from './transaction-client.js';

export { lastStatement } from './transaction-client.js';

/**
 * One database API over two engines: embedded PGlite (default, data in DATA_DIR)
 * and PostgreSQL (DATABASE_URL). Same schema, same migrations, same SQL.
 */
export type Executor = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** The root handle (can open transactions). A transaction handle has the same shape. */
export type Db = Executor;
export type Tx = Executor;

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Run raw SQL text (multi-statement allowed); used by pg-boss and tooling. */
  exec(sqlText: string): Promise<void>;
  /** Run one parameterised statement and return its rows (pg-boss's executeSql). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

// NUMERIC comes back as a string (exact); BIGINT (int8) as a string too; we never parse them to floats.
pg.types.setTypeParser(1700, (v) => v);

export async function openDatabase(opts: { url?: string; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (opts.url) {
    // TransactionClient: BEGIN rides with a transaction's first statement, COMMIT with its `lastStatement`
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20, Client: TransactionClient, pipeline: true } as pg.PoolConfig);
    // An idle client the server closed (restart, admin drop) must not crash the process;
    // the pool discards it and opens a new one on the next query.
    pool.on('error', (err) => console.warn(`[db] idle PostgreSQL connection closed: ${err.message}`));
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      async exec(text) {
        await pool.query(text);
      },
      async query(text, params) {
        const r = await pool.query(text, params as unknown[]);
        return { rows: r.rows };
      },
      async close() {
        await pool.end();
      },
    };
  }
  let client: PGlite;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    client = new PGlite(opts.dataDir);
  } else {
    client = new PGlite(); // in memory (tests)
  }
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    async exec(text) {
      await client.exec(text);
    },
    async query(text, params) {
      const r = await client.query(text, params as unknown[]);
      return { rows: r.rows as never[] };
    },
    async close() {
      await client.close();
    },
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  else await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * The transaction helper every service uses. Retries the whole unit on a
 * serialization failure or deadlock, which PostgreSQL may raise under contention.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => fn(tx as unknown as Tx));
    } catch (err) {
      const code = pgCode(err);
      if (code && RETRYABLE.has(code) && attempt < 5) continue;
      throw err;
    }
  }
}

export function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The DETAIL of a PostgreSQL error (through drizzle's wrapping), e.g. what a `RAISE … DETAIL` carried. */
export function pgDetail(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const d = (e as { detail?: unknown }).detail;
    if (typeof d === 'string') return d;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return pgCode(err) === '23505';
}

/** Rows of a raw statement, on either driver. */
export async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  const r = (await ex.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

export { sql };
