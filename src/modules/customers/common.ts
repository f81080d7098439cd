import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/index.js';
import { PRESET_ROLES } from '../../platform/access/index.js';
import { maskEmail, maskName, maskPhone } from '../../platform/export/index.js';
import { fieldError } from '../../platform/errors.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { memberRoles, orgMembers, roles } from '../org/schema.js';

/** Small pieces the services of this module share. */

export type PartnerKind = 'solution_provider' | 'distributor' | 'reseller';

/** The partner's type, for the differences of spec 06 / 07 (one module, a partner-type switch). */
export async function partnerKind(ex: Executor, partnerId: string): Promise<PartnerKind> {
  const [p] = await ex.select({ programs: partners.programs }).from(partners).where(eq(partners.id, partnerId));
  const programs = p?.programs ?? [];
  if (programs.includes('reseller')) return 'reseller';
  if (programs.includes('distributor')) return 'distributor';
  return 'solution_provider';
}

/** A transaction-scoped advisory lock: serialises counting rules (100 reports, 100 links/24 h) and one customer's association. */
export async function advisoryLock(tx: Tx, purpose: string, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${purpose}:${key}`}, 0))`);
}

export const newToken = () => randomBytes(18).toString('base64url');

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export function pageArgs(q: { page?: number; pageSize?: number }, max = 100) {
  const page = Math.max(1, Math.trunc(q.page ?? 1));
  const pageSize = Math.min(max, Math.max(1, Math.trunc(q.pageSize ?? 10)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Who acted, as stored on rows ("partner-account:<id>" / "member:<id>"). */
export const creatorKey = (a: PartnerActor) => (a.memberId ? `member:${a.memberId}` : `partner-account:${a.accountId}`);

/** The signed-in user's account name: the generic link's 自定义标签 (guide 8320). */
export async function actorAccountName(ex: Executor, a: PartnerActor): Promise<string> {
  if (a.memberId) {
    const [m] = await ex.select({ n: orgMembers.accountName }).from(orgMembers).where(eq(orgMembers.id, a.memberId));
    return m?.n ?? a.displayName;
  }
  const [acc] = await ex.select({ n: accounts.accountName }).from(accounts).where(eq(accounts.id, a.accountId));
  return acc?.n ?? a.displayName;
}

/** 客户经理 / 客户经理主管: the roles whose links auto-assign (8322, 9437). */
export const isManagerActor = (a: PartnerActor) =>
  a.memberId !== null && (a.roleKeys.has(PRESET_ROLES.accountManager) || a.roleKeys.has(PRESET_ROLES.amSupervisor));

/** A member of this partner holding 客户经理 or 客户经理主管 (the only ones a customer can be assigned to). */
export async function requireManagerMember(ex: Executor, partnerId: string, memberId: string, field = 'accountManagerId') {
  const [m] = await ex
    .select({ id: orgMembers.id, name: orgMembers.name, accountName: orgMembers.accountName })
    .from(orgMembers)
    .innerJoin(memberRoles, eq(memberRoles.memberId, orgMembers.id))
    .innerJoin(roles, eq(roles.id, memberRoles.roleId))
    .where(
      and(
        eq(orgMembers.id, memberId),
        eq(orgMembers.partnerId, partnerId),
        eq(orgMembers.status, 'normal'),
        inArray(roles.presetKey, [PRESET_ROLES.accountManager, PRESET_ROLES.amSupervisor]),
      ),
    )
    .limit(1);
  if (!m) throw fieldError(field, 'customers.manager-invalid', { zh: '请选择本伙伴的客户经理', en: 'Choose one of your account managers' });
  return m;
}

export interface CustomerInfo {
  id: string;
  name: string; // 客户名称: the enterprise name after enterprise real-name verification, else the person's name
  accountName: string;
  mobile: string;
  email: string | null;
  realNameStatus: string;
  realNameType: string | null;
  level: string;
}

export async function customerInfos(ex: Executor, ids: readonly string[]): Promise<Map<string, CustomerInfo>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rs = await ex.select().from(accounts).where(inArray(accounts.id, unique));
  return new Map(
    rs.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.enterpriseName ?? r.name ?? r.accountName,
        accountName: r.accountName,
        mobile: r.mobile,
        email: r.email,
        realNameStatus: r.realNameStatus,
        realNameType: r.realNameType,
        level: typeof (r.attributes as Record<string, unknown>)?.customerLevel === 'string' ? String((r.attributes as Record<string, unknown>).customerLevel) : 'V0',
      },
    ]),
  );
}

export async function memberNames(ex: Executor, ids: readonly (string | null)[]): Promise<Map<string, { name: string; accountName: string }>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rs = await ex.select({ id: orgMembers.id, name: orgMembers.name, accountName: orgMembers.accountName }).from(orgMembers).where(inArray(orgMembers.id, unique));
  return new Map(rs.map((r) => [r.id, { name: r.name, accountName: r.accountName }]));
}

export async function partnerNames(ex: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rs = await ex.select({ id: partners.id, name: partners.displayName }).from(partners).where(inArray(partners.id, unique));
  return new Map(rs.map((r) => [r.id, r.name]));
}

/** Lists mask names, phones, e-mails and manager names by default (guide 7774); the eye shows them. */
export const masked = {
  name: (v: string | null | undefined) => (v ? maskName(v) : (v ?? null)),
  phone: (v: string | null | undefined) => (v ? maskPhone(v) : (v ?? null)),
  email: (v: string | null | undefined) => (v ? maskEmail(v) : (v ?? null)),
};

export function actorName(ctx: Ctx): string | null {
  const a = ctx.actor;
  return a.kind === 'partner' ? a.displayName : a.kind === 'staff' ? a.name : a.kind === 'account' ? a.accountName : null;
}
