import { openDatabase } from '../src/platform/db/index.js';
import { createServer } from '../src/server/server.js';

/**
 * The product in its own process for a benchmark (so the load generator does not share its CPU):
 * BENCH_DB_URL or BENCH_PGLITE_DIR names an already migrated and seeded database.
 * Prints "listening <url>" when ready.
 */
const database = await openDatabase(
  // BENCH_POOL_SIZE: a benchmark that drives N concurrent connections gives the server a pool of N (default 20)
  process.env.BENCH_DB_URL ? { url: process.env.BENCH_DB_URL, poolSize: Number(process.env.BENCH_POOL_SIZE ?? 20) } : { dataDir: process.env.BENCH_PGLITE_DIR! },
);
const server = await createServer({ database, dataDir: process.env.BENCH_DATA_DIR!, jobs: false, logger: false });
const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${url}`);
process.on('SIGTERM', async () => {
  const cpu = process.cpuUsage();
  console.error(`[bench server] cpu user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s`);
  await server.close();
  await database.close();
  process.exit(0);
});
