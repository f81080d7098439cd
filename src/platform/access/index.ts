import type { Actor, Ctx, PartnerActor, StaffActor, AccountActor } from '../context.js';
import { forbidden, unauthenticated } from '../errors.js';
import { ALL_PERMISSIONS, DEFAULT_PERMISSIONS } from './menus.js';

export * from './menus.js';

/**
 * The one permission check. Services call these guards at the top of each method;
 * the HTTP layer calls the same functions from a route's declared `access`.
 */

export function requireSignedIn(ctx: Ctx): Exclude<Actor, { kind: 'anonymous' }> {
  if (ctx.actor.kind === 'anonymous') throw unauthenticated();
  return ctx.actor;
}

export function requirePartner(ctx: Ctx): PartnerActor {
  const a = requireSignedIn(ctx);
  if (a.kind !== 'partner') throw forbidden();
  return a;
}

export function hasPermission(actor: PartnerActor, permission: string): boolean {
  return actor.isAdmin || actor.permissions.has(permission);
}

export function requirePermission(ctx: Ctx, permission: string): PartnerActor {
  const a = requirePartner(ctx);
  if (!ALL_PERMISSIONS.has(permission)) throw new Error(`unknown permission ${permission}`);
  if (!hasPermission(a, permission)) throw forbidden(permission);
  return a;
}

/** Partner administrator only: the partner account itself or a 系统管理员 member. */
export function requirePartnerAdmin(ctx: Ctx): PartnerActor {
  const a = requirePartner(ctx);
  if (!a.isAdmin) throw forbidden();
  return a;
}

/** The partner account itself (主账号 / 超级管理员 rights), never a member. */
export function requirePartnerAccount(ctx: Ctx): PartnerActor {
  const a = requirePartner(ctx);
  if (a.memberId !== null) throw forbidden();
  return a;
}

export function requireAccount(ctx: Ctx): AccountActor {
  const a = requireSignedIn(ctx);
  if (a.kind !== 'account') throw forbidden();
  return a;
}

/** Vendor staff; with `roles`, one of them is needed (超级管理员 `ops_admin` passes every check). */
export function requireStaff(ctx: Ctx, roles?: readonly string[]): StaffActor {
  const a = requireSignedIn(ctx);
  if (a.kind !== 'staff') throw forbidden();
  if (roles && roles.length && !a.roles.has(STAFF_ROLES.admin) && !roles.some((r) => a.roles.has(r))) throw forbidden();
  return a;
}

/** Preset partner role keys (guide L3269). Names shown to users live with the org module. */
export const PRESET_ROLES = {
  systemAdmin: 'system_admin', // 系统管理员
  finance: 'finance', // 财务专员
  sa: 'sa', // SA专员
  amSupervisor: 'am_supervisor', // 客户经理主管
  accountManager: 'account_manager', // 客户经理
} as const;

/** Vendor staff roles in the operations console (ARCHITECTURE: faces). */
export const STAFF_ROLES = {
  admin: 'ops_admin', // 运营管理员 (all)
  ecosystemManager: 'ecosystem_manager', // 生态经理
  channelManager: 'channel_manager', // 渠道经理
  reviewer: 'reviewer', // 审核员
  psa: 'psa', // PSA
  operations: 'operations', // 运营
  finance: 'finance', // 财务/结算
  invoice: 'invoice', // 发票专员
} as const;
export type StaffRole = (typeof STAFF_ROLES)[keyof typeof STAFF_ROLES];

/**
 * Customer data scope (guide L3353, spec 02 R23–R24):
 * - 客户经理 alone: only customers assigned to them;
 * - 客户经理主管 alone: their own and their managers' customers;
 * - the admin, or a 客户经理 with any other role: all customers.
 * `managerIds` lists the org members whose customers are visible.
 */
export type DataScope = { all: true } | { all: false; managerIds: string[] };

export function permissionsFor(rolePermissions: Iterable<Iterable<string>>): Set<string> {
  const out = new Set<string>(DEFAULT_PERMISSIONS);
  for (const perms of rolePermissions) for (const p of perms) if (ALL_PERMISSIONS.has(p)) out.add(p);
  return out;
}
