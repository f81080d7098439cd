import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import type { Database } from '../db/index.js';
import type { Actor, Ctx } from '../context.js';
import type { Deps, Queue } from '../deps.js';
import { createExportRegistry } from '../export/registry.js';
import { createSession, SESSION_COOKIE, CSRF_HEADER } from '../auth/sessions.js';
import { createReviewRegistry } from '../review/kinds.js';
import { LocalStorage } from './storage.js';

/**
 * Test helpers for the platform mechanisms: a Fastify app with a fake resolveActor (a session's
 * subject id maps to an actor given by the test), a local storage in a temporary directory, and a
 * queue that records what was sent.
 */
export class RecordingQueue implements Queue {
  sent: { name: string; data: Record<string, unknown>; opts?: { startAfter?: Date; singletonKey?: string } }[] = [];
  async send(name: string, data: Record<string, unknown>, opts?: { startAfter?: Date; singletonKey?: string }) {
    this.sent.push({ name, data, opts });
    return randomUUID();
  }
}

export async function testDeps(queue: Queue = new RecordingQueue()): Promise<Deps> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pc-files-'));
  return { storage: new LocalStorage(dir), queue, publicUrl: 'http://localhost', reviews: createReviewRegistry(), exports: createExportRegistry([]) };
}

export function testCtx(database: Database, deps: Deps, actor: Actor): Ctx {
  return { db: database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: randomUUID(), deps };
}

export interface TestApp {
  app: FastifyInstance;
  /** Cookie and CSRF headers of a new session for this actor. */
  signIn(actor: Actor): Promise<Record<string, string>>;
}

export async function buildTestApp(
  database: Database,
  deps: Deps,
  routes: ((app: FastifyInstance) => Promise<void>)[],
): Promise<TestApp> {
  const actors = new Map<string, Actor>();
  const app = await buildApp({
    database,
    deps,
    resolveActor: async (_db, session) => actors.get(session.subjectId) ?? null,
    modules: routes.map((r, i) => ({ name: `m${i}`, routes: r })),
  });
  await app.ready();
  return {
    app,
    async signIn(actor) {
      const subjectId = randomUUID();
      actors.set(subjectId, actor);
      const { token, csrfToken } = await createSession(database.db, {
        subjectKind: actor.kind === 'staff' ? 'staff' : actor.kind === 'partner' && actor.memberId ? 'member' : 'account',
        subjectId,
        portal: actor.kind === 'staff' ? 'ops' : 'partner',
      });
      return { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrfToken };
    },
  };
}

export const partnerActor = (partnerId: string, over: Partial<Extract<Actor, { kind: 'partner' }>> = {}): Actor => ({
  kind: 'partner',
  partnerId,
  accountId: randomUUID(),
  memberId: null,
  displayName: 'Partner admin',
  isAdmin: true,
  permissions: new Set(),
  roleKeys: new Set(),
  ...over,
});

export const staffActor = (roles: string[] = ['ops_admin']): Actor => ({ kind: 'staff', staffId: randomUUID(), name: '运营', roles: new Set(roles) });

export const accountActor = (): Actor => ({ kind: 'account', accountId: randomUUID(), accountName: 'customer01' });
