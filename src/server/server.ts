import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.js';
import type { Deps, Queue } from '../platform/deps.js';
import { LocalStorage } from '../platform/files/storage.js';
import { buildApp } from './app.js';
import { resolveActor } from './actor.js';
import { loadModules } from './modules.js';
import { ensurePresetRoles } from '../modules/org/preset-roles.js';

export interface ServerOptions {
  database: Database;
  dataDir: string;
  jobs: boolean;
  logger?: boolean | object;
  publicUrl?: string;
  demoInbox?: boolean;
  web?: (app: FastifyInstance) => Promise<void>;
}

/** The whole product: platform services, modules, routes. `npm start` and the tests both use this. */
export async function createServer(opts: ServerOptions): Promise<{ app: FastifyInstance; deps: Deps; close: () => Promise<void> }> {
  await ensurePresetRoles(opts.database.db);
  const storage = new LocalStorage(path.join(opts.dataDir, 'files'));
  const queue: Queue = { send: async () => null };
  const deps: Deps = { storage, queue, publicUrl: opts.publicUrl ?? 'http://localhost:3000' };
  const modules = await loadModules();
  const app = await buildApp({ database: opts.database, deps, resolveActor, modules, logger: opts.logger, web: opts.web });
  await app.ready();
  return {
    app,
    deps,
    close: async () => {
      await app.close();
    },
  };
}
