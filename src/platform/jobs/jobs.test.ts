import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import { inTransaction, rows, sql, type Database } from '../db/index.js';
import { startJobs, type Jobs } from './index.js';

// Runs on PGlite by default and on PostgreSQL with TEST_DATABASE_URL: the same pg-boss, two engines.
let database: Database;
let jobs: Jobs;
const seen: { name: string; data: Record<string, unknown>; at: number }[] = [];
let failuresLeft = 1;

async function until(pred: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting for a job');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await startJobs({
    database,
    pollingIntervalSeconds: 0.5,
    handlers: {
      'test.echo': async (data, job) => {
        seen.push({ name: job.name, data, at: Date.now() });
      },
      'test.flaky': {
        retryLimit: 2,
        retryDelaySeconds: 1,
        handler: async (data) => {
          if (failuresLeft-- > 0) throw new Error('first attempt fails');
          seen.push({ name: 'test.flaky', data, at: Date.now() });
        },
      },
      'test.cron': async () => {},
    },
    schedules: [{ name: 'test.cron', cron: '*/5 * * * *' }],
  });
});
afterAll(async () => {
  await jobs.stop();
  await database.close();
});

describe(`pg-boss on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('runs a job', async () => {
    const id = await jobs.send('test.echo', { n: 1 });
    expect(id).toBeTruthy();
    await until(() => seen.some((s) => s.data.n === 1));
  });

  it('runs a delayed job no earlier than its start time', async () => {
    const sentAt = Date.now();
    await jobs.send('test.echo', { n: 2 }, { startAfter: new Date(sentAt + 2500) });
    await new Promise((r) => setTimeout(r, 1200));
    expect(seen.some((s) => s.data.n === 2)).toBe(false);
    await until(() => seen.some((s) => s.data.n === 2));
    expect(seen.find((s) => s.data.n === 2)!.at - sentAt).toBeGreaterThanOrEqual(2000);
  });

  it('retries a failed job', async () => {
    await jobs.send('test.flaky', { n: 3 });
    await until(() => seen.some((s) => s.name === 'test.flaky'));
  });

  it('enqueues inside a transaction: a rollback leaves no job, a commit runs it', async () => {
    await expect(
      inTransaction(database.db, async (tx) => {
        await jobs.send('test.echo', { n: 4 }, { tx });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await inTransaction(database.db, async (tx) => {
      await jobs.send('test.echo', { n: 5 }, { tx });
    });
    await until(() => seen.some((s) => s.data.n === 5));
    const stored = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.echo' AND data->>'n' = '4'`);
    expect(stored[0]!.n).toBe(0);
  });

  it('registers cron schedules from code', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toEqual([['test.cron', '*/5 * * * *']]);
  });
});
