import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Actor, Ctx } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { Deps } from '../../../platform/deps.js';
import { ALL_PERMISSIONS } from '../../../platform/access/index.js';
import { clock } from '../../../platform/clock.js';
import { AppError } from '../../../platform/errors.js';
import { files } from '../../../platform/files/schema.js';
import { LocalStorage } from '../../../platform/files/storage.js';
import { createExportRegistry } from '../../../platform/export/registry.js';
import { createReviewRegistry } from '../../../platform/review/kinds.js';
import { specialistReviewKinds } from './review-kinds.js';

/** The server's registry holds these kinds; tests of this module use one with just them. */
export const specialistReviews = createReviewRegistry(...specialistReviewKinds);
export { refusal, expectRefused } from '../../../../test/refusal.js';

/** Test helpers for this folder's tests: hand-built contexts over a real database, file rows, refusals. */

export function testDepsFor(): Deps {
  return {
    storage: new LocalStorage(`/tmp/pc-specialists-${randomUUID()}`),
    queue: { send: async () => null },
    publicUrl: 'http://localhost',
    reviews: specialistReviews,
    exports: createExportRegistry([]),
  };
}

export function ctxOf(database: Database, actor: Actor, deps: Deps = testDepsFor()): Ctx {
  return { db: database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: randomUUID(), deps };
}

export const adminActor = (p: { account: { id: string }; partner: { id: string; displayName: string } }): Actor => ({
  kind: 'partner',
  partnerId: p.partner.id,
  accountId: p.account.id,
  memberId: null,
  displayName: p.partner.displayName,
  isAdmin: true,
  permissions: ALL_PERMISSIONS,
  roleKeys: new Set(),
});

export const employeeActor = (a: { id: string; accountName: string }): Actor => ({ kind: 'account', accountId: a.id, accountName: a.accountName });

export const staffActorWith = (roles: string[]): Actor => ({ kind: 'staff', staffId: randomUUID(), name: '审核员', roles: new Set(roles) });

/** A stored file row (the bytes are irrelevant to these rules). */
export async function makeFile(
  database: Database,
  owner: { partnerId?: string | null; ownerKind: string; ownerId: string },
  purpose: string,
): Promise<string> {
  const [row] = await database.db
    .insert(files)
    .values({
      partnerId: owner.partnerId ?? null,
      ownerKind: owner.ownerKind,
      ownerId: owner.ownerId,
      purpose,
      originalName: `${purpose}.pdf`,
      mime: 'application/pdf',
      size: 100,
      sha256: randomUUID().replace(/-/g, ''),
      storageKey: `${purpose}/${randomUUID()}`,
      createdAt: clock.now(),
    })
    .returning();
  return row!.id;
}


