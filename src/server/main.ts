import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from './config.js';
import { openDatabase, migrateDatabase } from '../platform/db/index.js';
import { createServer } from './server.js';
import { seedDemoWorld, DEMO_LOGINS } from '../../scripts/seed.js';
import { seedDemoActivity } from '../../scripts/seed-activity.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_DIR = path.join(ROOT, 'dist/web');

/** Serve the built UI; the SPA's portal routes fall back to index.html. */
async function serveWeb(app: FastifyInstance) {
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) {
    app.get('/', async (_req, reply) => reply.type('text/plain').send('UI not built: run `npm run build:web`'));
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, index: ['index.html'] });
  for (const prefix of ['/partner', '/customer', '/ops']) {
    app.get(prefix, (_req, reply) => reply.sendFile('index.html'));
    app.get(`${prefix}/*`, (_req, reply) => reply.sendFile('index.html'));
  }
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite') });
  await migrateDatabase(database);
  const seeded = await seedDemoWorld(database.db);
  const server = await createServer({
    database,
    dataDir: config.dataDir,
    jobs: config.jobs,
    logger: { level: config.logLevel },
    publicUrl: config.publicUrl,
    demoInbox: config.demoInbox,
    storage: config.storage,
    smtp: config.smtp,
    cookieSecure: config.cookieSecure,
    web: serveWeb,
  });
  if (seeded) await seedDemoActivity(database.db, server.deps);
  await server.app.listen({ port: config.port, host: config.host });
  const url = config.publicUrl;
  const lines = [
    '',
    `Partner Center is running (${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''})`,
    `  伙伴中心 partner portal   ${url}/partner`,
    `  客户中心 customer portal  ${url}/customer`,
    `  运营后台 ops console      ${url}/ops`,
    `  API docs (OpenAPI)        ${url}/docs`,
    `  health / metrics          ${url}/healthz  ${url}/metrics`,
    seeded ? '  Demo world seeded into the empty database.' : '  Existing database: demo world not re-seeded.',
    '',
    'Demo logins (password for all: ' + DEMO_LOGINS.password + ')',
    ...DEMO_LOGINS.rows.map((r) => `  ${r.portal.padEnd(9)} ${r.how.padEnd(34)} ${r.who}`),
    '',
  ];
  console.log(lines.join('\n'));
  const stop = async () => {
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
