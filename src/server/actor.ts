import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/index.js';
import type { Actor } from '../platform/context.js';
import { ALL_PERMISSIONS } from '../platform/access/index.js';
import type { SessionRow } from '../platform/auth/sessions.js';
import { accounts, staffUsers } from '../modules/accounts/schema.js';
import { partners } from '../modules/partners/schema.js';
import { memberIdentity } from '../modules/org/member-identity.js';

/**
 * Session → actor, on every request, so a role change, a lock or a deletion takes effect at
 * once. The one place where accounts, partners and org meet for identity.
 */
export async function resolveActor(db: Db, s: SessionRow): Promise<Actor | null> {
  if (s.subjectKind === 'staff') {
    const [u] = await db.select().from(staffUsers).where(eq(staffUsers.id, s.subjectId));
    if (!u || u.status !== 'active') return null;
    return { kind: 'staff', staffId: u.id, name: u.name, roles: new Set(u.roles) };
  }
  if (s.subjectKind === 'member') {
    const m = await memberIdentity(db, s.subjectId);
    if (!m || m.status !== 'normal' || m.partnerId !== s.partnerId) return null;
    return {
      kind: 'partner',
      partnerId: m.partnerId,
      accountId: m.partnerAccountId,
      memberId: m.memberId,
      displayName: m.name,
      isAdmin: m.isAdmin,
      permissions: m.permissions,
      roleKeys: m.roleKeys,
    };
  }
  // One query: the account and, in the partner portal, the partner it is (if any).
  const [row] = await db
    .select({
      accountId: accounts.id,
      accountName: accounts.accountName,
      accountStatus: accounts.status,
      partnerId: partners.id,
      partnerStatus: partners.status,
      displayName: partners.displayName,
    })
    .from(accounts)
    .leftJoin(partners, and(eq(partners.accountId, accounts.id), sql`${s.portal === 'partner'}`))
    .where(eq(accounts.id, s.subjectId));
  if (!row || row.accountStatus !== 'active') return null;
  if (row.partnerId && row.partnerStatus === 'active') {
    return {
      kind: 'partner',
      partnerId: row.partnerId,
      accountId: row.accountId,
      memberId: null,
      displayName: row.displayName!,
      isAdmin: true, // the partner account itself: 伙伴管理员
      permissions: ALL_PERMISSIONS,
      roleKeys: new Set(),
    };
  }
  return { kind: 'account', accountId: row.accountId, accountName: row.accountName };
}
