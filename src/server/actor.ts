import { eq } from 'drizzle-orm';
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
  const [a] = await db.select().from(accounts).where(eq(accounts.id, s.subjectId));
  if (!a || a.status !== 'active') return null;
  if (s.portal === 'partner') {
    const [p] = await db.select().from(partners).where(eq(partners.accountId, a.id));
    if (p && p.status === 'active') {
      return {
        kind: 'partner',
        partnerId: p.id,
        accountId: a.id,
        memberId: null,
        displayName: p.displayName,
        isAdmin: true, // the partner account itself: 伙伴管理员
        permissions: ALL_PERMISSIONS,
        roleKeys: new Set(),
      };
    }
  }
  return { kind: 'account', accountId: a.id, accountName: a.accountName };
}
