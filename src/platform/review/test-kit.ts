import { randomUUID } from 'node:crypto';
import type { Actor, Ctx } from '../context.js';
import type { Db } from '../db/index.js';
import type { Deps } from '../deps.js';
import { STAFF_ROLES } from '../access/index.js';
import { ReviewRegistry } from './kinds.js';
import { createExportRegistry } from '../export/registry.js';

/** Helpers for review tests (and for modules testing their own kinds): hand-made actors and contexts. */

export const testDeps: Deps = {
  storage: {
    put: async () => {},
    get: async () => {
      throw new Error('no storage in review tests');
    },
    remove: async () => {},
    exists: async () => false,
  },
  queue: { send: async () => null },
  publicUrl: 'http://localhost',
  reviews: new ReviewRegistry(),
  exports: createExportRegistry([]),
};

export function ctxFor(db: Db, actor: Actor): Ctx {
  return { db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: randomUUID(), deps: testDeps };
}

export function partnerActor(
  partnerId: string,
  opts: { memberId?: string | null; isAdmin?: boolean; permissions?: string[]; name?: string; accountId?: string } = {},
): Extract<Actor, { kind: 'partner' }> {
  return {
    kind: 'partner',
    partnerId,
    accountId: opts.accountId ?? randomUUID(),
    memberId: opts.memberId ?? null,
    displayName: opts.name ?? '伙伴管理员',
    isAdmin: opts.isAdmin ?? true,
    permissions: new Set(opts.permissions ?? []),
    roleKeys: new Set(),
  };
}

export function staffActor(roles: string[], name = '审核员'): Extract<Actor, { kind: 'staff' }> {
  return { kind: 'staff', staffId: randomUUID(), name, roles: new Set(roles) };
}

export function accountActor(name = '个人账号'): Extract<Actor, { kind: 'account' }> {
  return { kind: 'account', accountId: randomUUID(), accountName: name };
}

export { STAFF_ROLES };
