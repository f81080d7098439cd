import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { clock, MINUTE_MS } from '../clock.js';
import { tooMany } from '../errors.js';
import { authThrottle } from './schema.js';

/**
 * Failure counting with a temporary lock, kept in the database so every node agrees.
 * Sign-in: 5 failures within 15 minutes lock the key for 15 minutes.
 * Code requests: at most 5 per target per hour (and a 60-second gap, checked by codes.ts).
 */
export interface ThrottlePolicy {
  max: number;
  windowMs: number;
  lockMs: number;
}
export const LOGIN_POLICY: ThrottlePolicy = { max: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
export const CODE_POLICY: ThrottlePolicy = { max: 5, windowMs: 60 * MINUTE_MS, lockMs: 60 * MINUTE_MS };

export async function assertNotLocked(ex: Executor, key: string): Promise<void> {
  const [row] = await ex.select().from(authThrottle).where(eq(authThrottle.key, key));
  if (row?.lockedUntil && row.lockedUntil > clock.now()) {
    const minutes = Math.ceil((row.lockedUntil.getTime() - clock.nowMs()) / MINUTE_MS);
    throw tooMany('auth.locked', { zh: '尝试次数过多，请{minutes}分钟后再试', en: 'Too many attempts; try again in {minutes} minutes' }, { minutes });
  }
}

/** Count one event; returns true when this event reached the limit and locked the key. */
export async function hit(ex: Executor, key: string, policy: ThrottlePolicy): Promise<boolean> {
  const now = clock.now();
  const windowFloor = new Date(now.getTime() - policy.windowMs);
  const lockUntil = new Date(now.getTime() + policy.lockMs);
  const [row] = await ex
    .insert(authThrottle)
    .values({ key, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        count: sql`CASE WHEN ${authThrottle.windowStart} < ${windowFloor} THEN 1 ELSE ${authThrottle.count} + 1 END`,
        windowStart: sql`CASE WHEN ${authThrottle.windowStart} < ${windowFloor} THEN ${now} ELSE ${authThrottle.windowStart} END`,
      },
    })
    .returning();
  if (row && row.count >= policy.max) {
    await ex.update(authThrottle).set({ lockedUntil: lockUntil, count: 0, windowStart: now }).where(eq(authThrottle.key, key));
    return true;
  }
  return false;
}

export async function clear(ex: Executor, key: string): Promise<void> {
  await ex.delete(authThrottle).where(eq(authThrottle.key, key));
}
