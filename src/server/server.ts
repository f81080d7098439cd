import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/index.js';
import type { Deps } from '../platform/deps.js';
import type { Config } from './config.js';
import { createStorage, filesRoutes } from '../platform/files/index.js';
import { createReviewRegistry, reviewRoutes } from '../platform/review/index.js';
import { createExportRegistry, exportJobsFor, exportRoutes } from '../platform/export/index.js';
import { DemoInboxTransport, SmtpTransport, notifyJobs, notifyRoutes } from '../platform/notify/index.js';
import { startJobs, type Jobs } from '../platform/jobs/index.js';
import { InlineQueue } from '../platform/jobs/inline.js';
import { auditRoutes } from '../platform/audit/routes.js';
import { buildApp } from './app.js';
import { resolveActor } from './actor.js';
import { loadModules, type ModuleDef } from './modules.js';
import { ensurePresetRoles } from '../modules/org/preset-roles.js';

export interface ServerOptions {
  database: Database;
  dataDir: string;
  /** true: the pg-boss worker; false: jobs run inline in this process (tests, tools). */
  jobs: boolean;
  logger?: boolean | object;
  publicUrl?: string;
  demoInbox?: boolean;
  storage?: Config['storage'];
  smtp?: Config['smtp'];
  cookieSecure?: boolean;
  web?: (app: FastifyInstance) => Promise<void>;
}

export interface Server {
  app: FastifyInstance;
  deps: Deps;
  /** Wait for inline jobs to finish (jobs: false). */
  drainJobs: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The whole product: platform services, module registries, routes, jobs. `npm start`, the
 * benchmarks and the tests all assemble it here, so they run the same thing.
 */
export async function createServer(opts: ServerOptions): Promise<Server> {
  const db = opts.database.db;
  await ensurePresetRoles(db);
  const modules = loadModules({ cookieSecure: opts.cookieSecure ?? false });
  const storage = createStorage(opts.storage ?? { kind: 'local', dir: path.join(opts.dataDir, 'files') });
  const reviews = createReviewRegistry(...modules.flatMap((m) => m.reviewKinds ?? []));
  const exports = createExportRegistry(modules.flatMap((m) => m.exportKinds ?? []));
  const inline = new InlineQueue();
  const deps: Deps = { storage, queue: inline, publicUrl: opts.publicUrl ?? 'http://localhost:3000', reviews, exports };

  const transport = opts.smtp ? new SmtpTransport(opts.smtp) : new DemoInboxTransport();
  const notify = notifyJobs(db, transport);
  const exportJobs = exportJobsFor(db, deps, exports);
  const moduleJobs = modules.map((m) => m.jobs?.(db, deps) ?? { handlers: {}, schedules: [] });
  const handlers = Object.assign({}, notify.handlers, exportJobs.handlers, ...moduleJobs.map((j) => j.handlers));
  const schedules = [...notify.schedules, ...exportJobs.schedules, ...moduleJobs.flatMap((j) => j.schedules)];
  let jobs: Jobs | null = null;
  if (opts.jobs) {
    jobs = await startJobs({ database: opts.database, handlers, schedules });
    deps.queue = jobs;
  } else {
    inline.register(handlers);
  }

  const platformRoutes: ModuleDef[] = [
    { name: 'review', routes: reviewRoutes, options: { registry: reviews } },
    { name: 'files', routes: filesRoutes },
    { name: 'notify', routes: notifyRoutes({ demoInbox: opts.demoInbox ?? true }) },
    { name: 'export', routes: exportRoutes({ registry: exports }) },
    { name: 'audit', routes: auditRoutes },
  ];
  const app = await buildApp({ database: opts.database, deps, resolveActor, modules: [...platformRoutes, ...modules], logger: opts.logger, web: opts.web });
  await app.ready();
  return {
    app,
    deps,
    drainJobs: () => inline.drain(),
    close: async () => {
      await app.close();
      await inline.drain();
      if (jobs) await jobs.stop();
    },
  };
}
