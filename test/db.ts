import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, migrateDatabase, type Database } from '../src/platform/db/index.js';
import { withDb } from './global-setup.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * a private copy of the migrated template on PostgreSQL when TEST_DATABASE_URL is set.
 * Never a mock.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrateDatabase(database);
    return database;
  }
  const name = `${process.env.PC_TEST_RUN ?? 'pc_test_x'}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.PC_TEST_TEMPLATE ?? 'pc_test_template'}`);
  await admin.end();
  const database = await openDatabase({ url: withDb(url, name), poolSize: 30 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return database;
}

export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);
