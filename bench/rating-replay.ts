import os from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { adminQuery, databaseUrl, walStats } from './lib.js';
import { ingest, MEASURED_RECORDS, rateAll, setUpRating, WARMUP_RECORDS } from './cloud-rating.bench.js';
import * as ledger from '../src/platform/ledger/index.js';
import { migrateDatabase, openDatabase, rows } from '../src/platform/db/index.js';
import { clock } from '../src/platform/clock.js';
import { seedDemoWorld } from '../scripts/seed.js';
import { streamUsage } from '../scripts/simulate-usage.js';

/**
 * Rating experiments on one fixed state (not part of `npm run bench`): the cloud-rating bench's world with its
 * 200,000 records rated and its 2,000,000 more ingested but not rated, kept as a template database; each replay
 * clones it, optionally runs a SQL file on the clone (an index to try, a cursor layout), rates everything and
 * prints the time and a digest over every fee's amounts and split, so two versions of the rating can be compared
 * for speed and checked for identical results.
 *
 *   npx tsx bench/rating-replay.ts snapshot        build the template (about a minute)
 *   npx tsx bench/rating-replay.ts replay [x.sql]  clone, apply x.sql, rate, time, digest, ledger check
 *
 * Digests compare replays of one template only (the world's ids are random). CLOUD_RATING_PARTITIONS /
 * CLOUD_RATING_TRACE apply as usual; a different partition count than the snapshot's
 * first re-rates on the old layout (see `repartition`), so reset `cloud_rating_state` in x.sql to compare.
 */
const TEMPLATE = 'pc_bench_rating_template';
const REPLAY = 'pc_bench_rating_replay';

async function snapshot(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE}`);
  const database = await openDatabase({ url: databaseUrl(TEMPLATE), poolSize: 20 });
  try {
    await migrateDatabase(database);
    await seedDemoWorld(database.db);
    const { resources } = await setUpRating(database, 7);
    clock.set('2025-06-01T00:00:00Z'); // the simulated hours are in the past
    const usage = streamUsage({ seed: 7, resources, from: new Date('2024-06-01T00:00:00Z'), hours: 24 * 365 });
    await ingest(database, usage, WARMUP_RECORDS);
    await rateAll(database);
    await ingest(database, usage, MEASURED_RECORDS);
    await database.db.execute(sql`ANALYZE`); // no VACUUM: like the bench, the rating meets freshly written records (hint bits unset)
  } finally {
    clock.reset();
    await database.close();
  }
  console.log(`template ${TEMPLATE}: ${WARMUP_RECORDS} records rated, ${MEASURED_RECORDS} waiting`);
}

async function replay(setupFile?: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${REPLAY} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${REPLAY} TEMPLATE ${TEMPLATE}`);
  await adminQuery('CHECKPOINT'); // every replay starts from clean buffers
  const database = await openDatabase({ url: databaseUrl(REPLAY), poolSize: 20 });
  try {
    if (setupFile) await database.db.execute(sql.raw(readFileSync(setupFile, 'utf8')));
    clock.set('2025-06-01T00:00:00Z');
    const load = os.loadavg()[0]!;
    const walBefore = await walStats(database.db);
    const cpuBefore = postgresCpuSeconds();
    const r = await rateAll(database);
    const cpu = postgresCpuSeconds() - cpuBefore;
    const wal = await walStats(database.db);
    console.log(`rated ${r.records} records in ${r.seconds.toFixed(2)} s = ${Math.round(r.records / r.seconds)}/s (${r.runs} runs, load ${load.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)})`);
    console.log(
      `WAL ${((wal.bytes - walBefore.bytes) / 2 ** 20).toFixed(0)} MB, ${wal.records - walBefore.records} records, ${wal.fpi - walBefore.fpi} full-page images; ` +
        `${wal.checkpoints - walBefore.checkpoints} checkpoints during the run; PostgreSQL used ${cpu.toFixed(2)} CPU s`,
    );
    const [check] = await rows<{ fees: string; digest: string }>(
      database.db,
      sql`SELECT count(*)::text AS fees,
                 md5(string_agg(concat_ws(',', usage_record_id, official_amount, discount_amount, payment_amount, cash_amount, coupon_amount, debt_amount,
                                          partner_id, region_code), ';' ORDER BY usage_record_id)) AS digest
          FROM cloud_fee_records WHERE charging_mode = 3`,
    );
    console.log(`usage fees ${check!.fees}, digest ${check!.digest}`);
    await ledger.assertLedgerConsistent(database.db);
  } finally {
    clock.reset();
    await database.close();
  }
}

/**
 * CPU time (user + system) of this machine's PostgreSQL processes so far, from /proc; 0 where there is no /proc.
 * Steadier than wall time for comparing two versions of the rating: it leaves out waits on a shared disk.
 */
function postgresCpuSeconds(): number {
  let ticks = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(0, close).includes('(postgres')) continue;
      const fields = stat.slice(close + 2).split(' '); // fields[0] is the state (field 3 of proc(5))
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

const [command, file] = process.argv.slice(2);
if (command === 'snapshot') await snapshot();
else if (command === 'replay') await replay(file);
else {
  console.error('usage: npx tsx bench/rating-replay.ts snapshot | replay [setup.sql]');
  process.exit(2);
}
process.exit(0);
