import { and, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { PRESET_ROLES, permissionsFor, ALL_PERMISSIONS } from '../../platform/access/index.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { orgMembers, memberRoles, roles } from './schema.js';

/**
 * What sign-in and every request need to know about an org member: their tenant and the
 * permissions of their roles. Read by server/actor.ts and the accounts module's login.
 */
export interface MemberIdentity {
  memberId: string;
  partnerId: string;
  partnerAccountId: string;
  name: string;
  accountName: string;
  status: string;
  mustChangePassword: boolean;
  passwordHash: string;
  roleKeys: Set<string>;
  permissions: Set<string>;
  isAdmin: boolean;
}

async function identityOf(ex: Executor, member: typeof orgMembers.$inferSelect, partnerAccountId: string): Promise<MemberIdentity> {
  const rs = await ex
    .select({ presetKey: roles.presetKey, permissions: roles.permissions })
    .from(memberRoles)
    .innerJoin(roles, eq(roles.id, memberRoles.roleId))
    .where(eq(memberRoles.memberId, member.id));
  const roleKeys = new Set(rs.map((r) => r.presetKey).filter((k): k is string => !!k));
  const isAdmin = roleKeys.has(PRESET_ROLES.systemAdmin);
  return {
    memberId: member.id,
    partnerId: member.partnerId,
    partnerAccountId,
    name: member.name,
    accountName: member.accountName,
    status: member.status,
    mustChangePassword: member.mustChangePassword,
    passwordHash: member.passwordHash,
    roleKeys,
    permissions: isAdmin ? new Set(ALL_PERMISSIONS) : permissionsFor(rs.map((r) => r.permissions)),
    isAdmin,
  };
}

export async function memberIdentity(ex: Executor, memberId: string): Promise<MemberIdentity | null> {
  const [row] = await ex
    .select({ m: orgMembers, accountId: partners.accountId })
    .from(orgMembers)
    .innerJoin(partners, eq(partners.id, orgMembers.partnerId))
    .where(eq(orgMembers.id, memberId));
  return row ? identityOf(ex, row.m, row.accountId) : null;
}

/**
 * IAM-user sign-in lookup (guide 5.1.2): tenant = 租户名 or the partner's 原华为云账号 (account name);
 * identifier = the member's account name or e-mail.
 */
export async function findMemberForLogin(ex: Executor, tenant: string, identifier: string): Promise<MemberIdentity | null> {
  const [p] = await ex
    .select({ partnerId: partners.id, accountId: partners.accountId })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(or(eq(accounts.tenantName, tenant), eq(accounts.accountName, tenant)));
  if (!p) return null;
  const found = await ex
    .select()
    .from(orgMembers)
    .where(and(eq(orgMembers.partnerId, p.partnerId), or(eq(orgMembers.accountName, identifier), eq(orgMembers.email, identifier.toLowerCase()))));
  if (found.length !== 1) return null; // an e-mail shared by two members is ambiguous: use the account name
  return identityOf(ex, found[0]!, p.accountId);
}

export async function membersByIds(ex: Executor, ids: string[]) {
  if (!ids.length) return [];
  return ex.select().from(orgMembers).where(inArray(orgMembers.id, ids));
}
