import type { FastifyInstance } from 'fastify';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import type { Database } from '../src/platform/db/index.js';
import { createTestDatabase } from './db.js';
import { createServer } from '../src/server/server.js';

/**
 * The whole product on a fresh test database: the same assembly as `npm start`
 * (all modules, all routes), jobs off, files in a temp directory.
 */
export async function createTestApp(): Promise<{ app: FastifyInstance; database: Database; drainJobs: () => Promise<void>; close: () => Promise<void> }> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pc-test-'));
  const server = await createServer({ database, dataDir, jobs: false, logger: false });
  return {
    app: server.app,
    database,
    drainJobs: server.drainJobs,
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}
