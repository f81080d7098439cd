import type { Db } from './db/index.js';
import type { Lang } from './i18n/index.js';
import type { Deps } from './deps.js';

/**
 * Who is acting. Resolved from the session (or AK/SK key) on every request;
 * a request's partner never comes from a parameter (ARCHITECTURE: Tenancy).
 */
export type Actor =
  | { kind: 'anonymous' }
  /** A Huawei account acting for itself: a customer, an employee's personal account, a not-yet-partner. */
  | { kind: 'account'; accountId: string; accountName: string }
  /**
   * Someone acting inside a partner tenant: the partner account itself (伙伴管理员, all permissions)
   * or an org member (组织人员, IAM user) with the permissions of their roles.
   */
  | {
      kind: 'partner';
      partnerId: string;
      accountId: string; // the partner's Huawei account
      memberId: string | null; // null when the partner account itself is signed in
      displayName: string;
      isAdmin: boolean; // the partner account (伙伴管理员) or a member with 系统管理员
      permissions: ReadonlySet<string>; // menu paths
      roleKeys: ReadonlySet<string>; // preset role keys the member holds
    }
  /** Vendor staff in the operations console (运营后台). */
  | { kind: 'staff'; staffId: string; name: string; roles: ReadonlySet<string> };

export type PartnerActor = Extract<Actor, { kind: 'partner' }>;
export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type AccountActor = Extract<Actor, { kind: 'account' }>;

export interface Ctx {
  db: Db;
  actor: Actor;
  lang: Lang;
  ip: string;
  userAgent?: string;
  requestId: string;
  sessionId?: string;
  deps: Deps;
}

/** A context for work not started by a request (jobs, seed, tests). */
export function systemCtx(db: Db, deps: Deps, lang: Lang = 'zh-CN'): Ctx {
  return { db, actor: { kind: 'anonymous' }, lang, ip: '127.0.0.1', requestId: 'system', deps };
}

export function actorLabel(actor: Actor): { kind: string; id: string | null } {
  switch (actor.kind) {
    case 'anonymous':
      return { kind: 'anonymous', id: null };
    case 'account':
      return { kind: 'account', id: actor.accountId };
    case 'partner':
      return actor.memberId ? { kind: 'member', id: actor.memberId } : { kind: 'partner-account', id: actor.accountId };
    case 'staff':
      return { kind: 'staff', id: actor.staffId };
  }
}
