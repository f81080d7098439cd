import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db, Executor } from '../db/index.js';
import { clock, DAY_MS, HOUR_MS } from '../clock.js';
import { sessions } from './schema.js';

export const SESSION_COOKIE = 'pc_session';
export const CSRF_HEADER = 'x-csrf-token';
const IDLE_MS = 2 * HOUR_MS; // sliding idle timeout
const ABSOLUTE_MS = 7 * DAY_MS;

export type Portal = 'partner' | 'customer' | 'ops';
export type SubjectKind = 'account' | 'member' | 'staff';
export type SessionRow = typeof sessions.$inferSelect;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  ex: Executor,
  s: { subjectKind: SubjectKind; subjectId: string; partnerId?: string | null; portal: Portal; ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; row: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = clock.now();
  const [row] = await ex
    .insert(sessions)
    .values({
      id: tokenHash(token),
      subjectKind: s.subjectKind,
      subjectId: s.subjectId,
      partnerId: s.partnerId ?? null,
      portal: s.portal,
      csrfToken,
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 300),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + IDLE_MS),
    })
    .returning();
  return { token, csrfToken, row: row! };
}

/** Look a session up by its cookie token, sliding its idle expiry (bounded by the absolute lifetime). */
export async function findSession(db: Db, token: string): Promise<SessionRow | null> {
  const id = tokenHash(token);
  const now = clock.now();
  const [row] = await db.select().from(sessions).where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    const expiresAt = new Date(Math.min(now.getTime() + IDLE_MS, row.createdAt.getTime() + ABSOLUTE_MS));
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  return row;
}

export async function deleteSession(ex: Executor, id: string): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.id, id));
}

/** Sign a subject out everywhere (password reset, member deleted or locked), optionally except one session. */
export async function deleteSubjectSessions(ex: Executor, subjectKind: SubjectKind, subjectId: string, exceptId?: string): Promise<number> {
  const conds = [eq(sessions.subjectKind, subjectKind), eq(sessions.subjectId, subjectId)];
  if (exceptId) conds.push(ne(sessions.id, exceptId));
  const rows = await ex.delete(sessions).where(and(...conds)).returning({ id: sessions.id });
  return rows.length;
}

export async function purgeExpiredSessions(ex: Executor) {
  await ex.delete(sessions).where(lt(sessions.expiresAt, clock.now()));
}
