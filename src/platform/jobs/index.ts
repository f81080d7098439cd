import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../db/index.js';
import type { Queue } from '../deps.js';

/**
 * Background work on pg-boss 10 (ARCHITECTURE: background work): expiries, monthly runs, exports
 * and notification delivery survive restarts and spread over every node, because the queue lives
 * in the same PostgreSQL (or PGlite) database as the data.
 */

export interface JobMeta {
  id: string;
  name: string;
}
export type JobHandler = (data: Record<string, unknown>, job: JobMeta) => Promise<void>;

export interface JobDefinition {
  handler: JobHandler;
  /**
   * pg-boss queue policy. 'stately' keeps at most one waiting and one running job, which makes
   * repeated kicks (e.g. "deliver notifications now") collapse into one.
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** How many jobs of this queue one node runs at once. */
  concurrency?: number;
}

export interface Schedule {
  /** The queue (a handler name) that receives the scheduled job. */
  name: string;
  /** Standard 5-field cron, e.g. "* * * * *" (every minute), "0 2 1 * *" (02:00 on the 1st). */
  cron: string;
  data?: Record<string, unknown>;
  /** Time zone of the cron expression (default UTC). */
  tz?: string;
}

export interface SendOptions {
  startAfter?: Date;
  singletonKey?: string;
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  tx?: Executor;
}

export interface Jobs extends Queue {
  send(name: string, data: Record<string, unknown>, opts?: SendOptions): Promise<string | null>;
  stop(): Promise<void>;
  /** The underlying pg-boss instance, for tooling and tests. */
  readonly boss: PgBoss;
}

export interface StartJobsOptions {
  database: Database;
  handlers: Record<string, JobHandler | JobDefinition>;
  schedules?: Schedule[];
  /** How often idle workers look for jobs (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Run workers and cron on this node (false: only enqueue, e.g. a web-only node). */
  work?: boolean;
  onError?: (err: Error) => void;
}

/**
 * pg-boss's database adapter for PGlite (one in-process connection). Parameterless text can be
 * several statements (pg-boss's migrations), which only PGlite's `exec` accepts; everything else
 * goes through `query`. PGlite runs one statement at a time, so pg-boss waits while a transaction
 * is open.
 */
export function pgliteAdapter(database: Database): PgBoss.Db {
  const pglite = database.pglite;
  if (!pglite) throw new Error('pgliteAdapter needs a PGlite database');
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const r = await pglite.query(text, values);
      return { rows: r.rows as unknown[] };
    },
  } as PgBoss.Db;
}

/** Runs pg-boss statements on a Drizzle transaction, so enqueueing commits or rolls back with it. */
export function transactionAdapter(tx: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const r = (await tx.execute(toDrizzleSql(text, values ?? []))) as unknown as { rows: unknown[] };
      return { rows: r.rows };
    },
  } as PgBoss.Db;
}

/** "$1 … $n" text + values → a Drizzle SQL object with the same parameters. */
function toDrizzleSql(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${values[Number(m[1]) - 1] ?? null}`);
    last = m.index! + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

function connectionFor(database: Database): PgBoss.ConstructorOptions {
  if (database.kind === 'pglite') return { db: pgliteAdapter(database), max: 1 };
  const connectionString = (database.pool?.options as { connectionString?: string } | undefined)?.connectionString;
  if (!connectionString) throw new Error('startJobs needs the PostgreSQL connection string');
  return { connectionString, max: 4 };
}

/**
 * Start pg-boss on the application's database, create one queue per handler, start the workers
 * and (re)register the cron schedules. Schedules no longer listed are removed, so the code is the
 * single source of truth for recurring work.
 */
export async function startJobs(opts: StartJobsOptions): Promise<Jobs> {
  const boss = new PgBoss({
    ...connectionFor(opts.database),
    schedule: opts.work !== false,
    supervise: opts.work !== false,
    migrate: true,
  });
  boss.on('error', opts.onError ?? ((err) => console.error('[jobs]', err)));
  await boss.start();

  const definitions = Object.entries(opts.handlers).map(([name, h]) => [name, typeof h === 'function' ? { handler: h } : h] as const);
  for (const [name, def] of definitions) {
    const queue: PgBoss.Queue = {
      name,
      policy: def.policy ?? 'standard',
      retryLimit: def.retryLimit ?? 3,
      retryDelay: def.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: def.expireInSeconds ?? 15 * 60,
    };
    if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
    else await boss.createQueue(name, queue);
  }

  if (opts.work !== false) {
    for (const [name, def] of definitions) {
      const workers = Math.max(1, def.concurrency ?? 1);
      for (let i = 0; i < workers; i++) {
        await boss.work<Record<string, unknown>>(
          name,
          { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
          async (jobs) => {
            for (const job of jobs) await def.handler(job.data ?? {}, { id: job.id, name: job.name });
          },
        );
      }
    }
    const wanted = new Map((opts.schedules ?? []).map((s) => [s.name, s]));
    for (const s of wanted.values()) {
      if (!opts.handlers[s.name]) throw new Error(`schedule ${s.name} has no handler`);
      await boss.schedule(s.name, s.cron, s.data ?? {}, { tz: s.tz ?? 'UTC' });
    }
    for (const existing of await boss.getSchedules()) if (!wanted.has(existing.name)) await boss.unschedule(existing.name);
  }

  return {
    boss,
    async send(name, data, sendOpts) {
      return boss.send(name, data, {
        startAfter: sendOpts?.startAfter,
        singletonKey: sendOpts?.singletonKey,
        ...(sendOpts?.tx ? { db: transactionAdapter(sendOpts.tx) } : {}),
      });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
