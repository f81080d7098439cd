import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, migrateDatabase } from '../src/platform/db/index.js';

/**
 * With TEST_DATABASE_URL, build one migrated template database; each test file
 * then gets its own copy (CREATE DATABASE … TEMPLATE), so files never share rows.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // One prefix per run, so two runs on one server (CI and a developer, two checkouts) never drop
  // each other's databases. Leftovers of crashed runs older than a day are cleaned up.
  const run = `pc_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `${run}_template`;
  const stale = await admin.query(
    `SELECT d.datname FROM pg_database d WHERE d.datname LIKE 'pc\\_test\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
  );
  for (const r of stale.rows) if (isStale(r.datname)) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  const database = await openDatabase({ url: withDb(url, template), poolSize: 2 });
  await migrateDatabase(database);
  await database.close();
  await admin.end();
  process.env.PC_TEST_TEMPLATE = template;
  process.env.PC_TEST_RUN = run;
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const dbs = await c.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [run + '_']);
    for (const r of dbs.rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await c.end();
  };
}

/** A run's databases carry its start time (base 36); anything a day old is a crashed run's. */
function isStale(name: string): boolean {
  const stamp = /^pc_test_([0-9a-z]+)_/.exec(name)?.[1];
  const started = stamp ? parseInt(stamp, 36) : NaN;
  return !Number.isFinite(started) || started < 1e12 || Date.now() - started > 24 * 3600_000;
}

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
