import pg from 'pg';
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
  const template = 'pc_test_template';
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'pc_test_%'`);
  for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  const database = await openDatabase({ url: withDb(url, template), poolSize: 2 });
  await migrateDatabase(database);
  await database.close();
  await admin.end();
  process.env.PC_TEST_TEMPLATE = template;
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const dbs = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'pc_test_%'`);
    for (const r of dbs.rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await c.end();
  };
}

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
