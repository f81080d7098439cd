import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase, rows, type Database, type Executor } from '../src/platform/db/index.js';
import { spawn } from 'node:child_process';
import { seedDemoWorld } from '../scripts/seed.js';

export type DbKind = 'pglite' | 'postgres';
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  db: DbKind;
  scale: Record<string, unknown>;
}

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The address of another database on the bench server. */
export function databaseUrl(name: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** One statement on the bench server's maintenance database (CREATE / DROP DATABASE, CHECKPOINT). */
export async function adminQuery(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** WAL written so far (pg_stat_wal) and checkpoints begun: subtract two readings to see what a step cost the log. */
export async function walStats(db: Executor): Promise<{ bytes: number; records: number; fpi: number; checkpoints: number }> {
  const [w] = await rows<{ bytes: string; records: string; fpi: string; checkpoints: string }>(
    db,
    sql`SELECT w.wal_bytes::text AS bytes, w.wal_records::text AS records, w.wal_fpi::text AS fpi,
               (b.checkpoints_timed + b.checkpoints_req)::text AS checkpoints
        FROM pg_stat_wal w, pg_stat_bgwriter b`,
  );
  return { bytes: Number(w!.bytes), records: Number(w!.records), fpi: Number(w!.fpi), checkpoints: Number(w!.checkpoints) };
}

/** A fresh database of either kind, migrated and seeded with the demo world. */
export async function benchDatabase(
  kind: DbKind,
  name: string,
): Promise<{ database: Database; dataDir: string; url?: string; pgliteDir?: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `pc-bench-${name}-`));
  let database: Database;
  let dropDb: (() => Promise<void>) | null = null;
  let url: string | undefined;
  const pgliteDir = path.join(dataDir, 'pglite');
  if (kind === 'pglite') {
    database = await openDatabase({ dataDir: pgliteDir });
  } else {
    const dbName = `pc_bench_${name.replace(/\W/g, '_')}`;
    await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${dbName}`);
    url = databaseUrl(dbName);
    database = await openDatabase({ url, poolSize: 20 });
    dropDb = () => adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  await migrateDatabase(database);
  await seedDemoWorld(database.db);
  return {
    database,
    dataDir,
    url,
    pgliteDir: kind === 'pglite' ? pgliteDir : undefined,
    cleanup: async () => {
      await database.close().catch(() => undefined);
      if (dropDb && !process.env.BENCH_KEEP_DB) await dropDb(); // BENCH_KEEP_DB=1 keeps it to look into
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The product in a child process (bench/serve.ts) on an ephemeral loopback port, so autocannon
 * does not share its event loop. The database handle of the parent must be closed first for
 * PGlite (one process owns its directory).
 */
export async function benchServer(db: { url?: string; pgliteDir?: string; dataDir: string }): Promise<{ url: string; close: () => Promise<void> }> {
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/serve.ts'], {
    env: { ...process.env, BENCH_DB_URL: db.url ?? '', BENCH_PGLITE_DIR: db.pgliteDir ?? '', BENCH_DATA_DIR: db.dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ connections: 50, duration: 10, ...opts });
  return { requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function writeResults(benchmark: string, results: BenchResult[]) {
  mkdirSync(path.join('bench', 'results'), { recursive: true });
  const file = path.join('bench', 'results', `${benchmark}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${file}`);
  console.table(results.map((r) => ({ name: r.name, db: r.db, value: Math.round(r.value * 100) / 100, unit: r.unit })));
}
