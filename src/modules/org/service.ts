import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, isUniqueViolation, pgCode, rows, type Executor, type Tx } from '../../platform/db/index.js';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { clock } from '../../platform/clock.js';
import { AppError, fieldError, notFound, refused } from '../../platform/errors.js';
import type { Lang, Text } from '../../platform/i18n/index.js';
import { hashPassword } from '../../platform/auth/password.js';
import { deleteSubjectSessions } from '../../platform/auth/sessions.js';
import { audit } from '../../platform/audit/index.js';
import { defineExport } from '../../platform/export/index.js';
import {
  DEFAULT_PERMISSIONS,
  P,
  PARTNER_MENU,
  PRESET_ROLES,
  SEP,
  expandPermissions,
  hasPermission,
  requirePartner,
  requirePermission,
  type DataScope,
  type MenuNode,
} from '../../platform/access/index.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { assertPasswordStrong, normaliseMobile } from '../accounts/service.js';
import { PRESET_ROLE_DEFS, presetName } from './preset-roles.js';
import { customerContacts, memberRoles, orgMembers, roles } from './schema.js';
import { isUuid } from '../../platform/ids.js';

/**
 * 组织 > 组织成员 (guide 5.1, spec 02 §2.7–2.9, ops 13–23, R18–R29): org members, roles,
 * customer contacts, and the customer data scope their roles imply. The only writer of
 * org_members, roles, member_roles and customer_contacts (project specialists live in ./specialists).
 */

// ---------------------------------------------------------------- limits and shared bits

export const MAX_ROLES_PER_MEMBER = 3; // R20
export const MAX_CUSTOM_ROLES = 10; // R26 (管理员默认可以创建10个自定义角色)
export const MAX_CUSTOMER_CONTACTS = 5; // R28 (the banner's "共可创建1个" contradicts; see README)
export const ACCOUNT_NAME_RE = /^[A-Za-z0-9_.@-]{1,64}$/;
export const LANDLINE_RE = /^\+?[\d\s()-]{3,32}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Roles locked while a qualification review is pending (R25: 客户经理 / SA专员). */
const REVIEW_LOCKED_ROLES: ReadonlySet<string> = new Set([PRESET_ROLES.accountManager, PRESET_ROLES.sa]);
/** Roles that narrow a member's customer data scope (R23). */
const SCOPED_ROLES: ReadonlySet<string> = new Set([PRESET_ROLES.accountManager, PRESET_ROLES.amSupervisor]);

const MEMBER: Text = { zh: '组织人员', en: 'Org member' };
const ROLE: Text = { zh: '角色', en: 'Role' };
const CONTACT: Text = { zh: '客户联系人', en: 'Customer contact' };


/** Every operation here is the partner admin's: 组织 > 组织成员 (the service repeats the route's guard). */
function orgAdmin(ctx: Ctx): PartnerActor {
  return requirePermission(ctx, P.orgMembers);
}

/**
 * Serialise changes that count rows of one tenant (10 custom roles, 5 contacts) without
 * touching another module's rows: a transaction-scoped advisory lock per (purpose, partner).
 */
async function lockTenant(tx: Tx, purpose: string, partnerId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${purpose}:${partnerId}`}, 0))`);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function normaliseEmail(email: string, field = 'email'): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL_RE.test(e) || e.length > 128) throw fieldError(field, 'org.email-invalid', { zh: '电子邮箱格式不正确', en: 'Invalid e-mail address' });
  return e;
}

function normaliseMobileField(mobile: string, field = 'mobile'): string {
  const m = normaliseMobile(mobile.trim());
  if (!/^\+\d{1,3}-\d{5,15}$/.test(m)) throw fieldError(field, 'org.mobile-invalid', { zh: '手机号码格式不正确', en: 'Invalid mobile number' });
  return m;
}

function normaliseLandline(landline: string | null | undefined): string | null {
  const l = landline?.trim() ?? '';
  if (!l) return null;
  if (!LANDLINE_RE.test(l)) throw fieldError('landline', 'org.landline-invalid', { zh: '固定电话格式不正确', en: 'Invalid landline number' });
  return l;
}

function requiredText(value: string, field: string, label: Text, max = 64): string {
  const v = value.trim();
  if (!v) throw fieldError(field, 'org.required', { zh: `请输入${label.zh}`, en: `${label.en} is required` });
  if (v.length > max) throw fieldError(field, 'org.too-long', { zh: `${label.zh}不能超过${max}个字符`, en: `${label.en}: at most ${max} characters` });
  return v;
}

// ---------------------------------------------------------------- views

export type MemberStatus = 'normal' | 'locked';
type MemberRow = typeof orgMembers.$inferSelect;
type RoleRow = typeof roles.$inferSelect;

export interface RoleRef {
  id: string;
  name: string;
  presetKey: string | null;
}

export interface MemberView {
  id: string;
  accountName: string;
  name: string;
  mobile: string;
  email: string;
  landline: string | null;
  status: MemberStatus;
  roles: RoleRef[];
  supervisor: { id: string; name: string } | null;
  createdAt: string;
}

/** 人员详情: the list row plus what the edit and 分配角色 dialogs need. */
export interface MemberDetail extends MemberView {
  mustChangePassword: boolean;
  qualificationReviewPending: boolean;
  /** roles that cannot be removed now (R25), shown checked and disabled */
  lockedRoleIds: string[];
  /** for a 客户经理主管: the 客户经理 they supervise */
  managers: { id: string; name: string }[];
  updatedAt: string;
}

function roleDisplayName(r: Pick<RoleRow, 'name' | 'presetKey'>, lang: Lang): string {
  const preset = presetName(r.presetKey);
  return preset ? (lang === 'en-US' ? preset.en : preset.zh) : r.name;
}

/** Preset roles first, in the guide's order; then custom roles by creation. */
function roleOrder(a: RoleRow, b: RoleRow): number {
  const ia = PRESET_ROLE_DEFS.findIndex((d) => d.key === a.presetKey);
  const ib = PRESET_ROLE_DEFS.findIndex((d) => d.key === b.presetKey);
  const ka = ia < 0 ? 100 : ia;
  const kb = ib < 0 ? 100 : ib;
  return ka - kb || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

async function rolesOfMembers(ex: Executor, memberIds: string[]): Promise<Map<string, RoleRow[]>> {
  const out = new Map<string, RoleRow[]>();
  if (!memberIds.length) return out;
  const rs = await ex
    .select({ memberId: memberRoles.memberId, role: roles })
    .from(memberRoles)
    .innerJoin(roles, eq(roles.id, memberRoles.roleId))
    .where(inArray(memberRoles.memberId, memberIds));
  for (const r of rs) out.set(r.memberId, [...(out.get(r.memberId) ?? []), r.role]);
  for (const list of out.values()) list.sort(roleOrder);
  return out;
}

async function memberViews(ex: Executor, members: MemberRow[], lang: Lang): Promise<MemberView[]> {
  const roleMap = await rolesOfMembers(
    ex,
    members.map((m) => m.id),
  );
  const supervisorIds = [...new Set(members.map((m) => m.supervisorId).filter((id): id is string => !!id))];
  const supervisors = supervisorIds.length
    ? await ex.select({ id: orgMembers.id, name: orgMembers.name }).from(orgMembers).where(inArray(orgMembers.id, supervisorIds))
    : [];
  return members.map((m) => {
    const sup = supervisors.find((s) => s.id === m.supervisorId);
    return {
      id: m.id,
      accountName: m.accountName,
      name: m.name,
      mobile: m.mobile,
      email: m.email,
      landline: m.landline,
      status: m.status as MemberStatus,
      roles: (roleMap.get(m.id) ?? []).map((r) => ({ id: r.id, name: roleDisplayName(r, lang), presetKey: r.presetKey })),
      supervisor: sup ? { id: sup.id, name: sup.name } : null,
      createdAt: m.createdAt.toISOString(),
    };
  });
}

async function memberDetail(ex: Executor, m: MemberRow, lang: Lang): Promise<MemberDetail> {
  const [view] = await memberViews(ex, [m], lang);
  const managers = await ex
    .select({ id: orgMembers.id, name: orgMembers.name })
    .from(orgMembers)
    .where(and(eq(orgMembers.partnerId, m.partnerId), eq(orgMembers.supervisorId, m.id)))
    .orderBy(asc(orgMembers.createdAt));
  return {
    ...view!,
    mustChangePassword: m.mustChangePassword,
    qualificationReviewPending: m.qualificationReviewPending,
    lockedRoleIds: m.qualificationReviewPending ? view!.roles.filter((r) => r.presetKey && REVIEW_LOCKED_ROLES.has(r.presetKey)).map((r) => r.id) : [],
    managers,
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a member: never the password hash. */
function auditMember(m: MemberRow, roleIds?: string[]) {
  return {
    accountName: m.accountName,
    name: m.name,
    mobile: m.mobile,
    email: m.email,
    landline: m.landline,
    status: m.status,
    supervisorId: m.supervisorId,
    ...(roleIds ? { roleIds } : {}),
  };
}

// ---------------------------------------------------------------- look-ups inside a tenant

async function findMember(tx: Executor, partnerId: string, id: string, lock?: 'update' | 'share'): Promise<MemberRow> {
  if (!isUuid(id)) throw notFound(MEMBER);
  const q = tx.select().from(orgMembers).where(and(eq(orgMembers.id, id), eq(orgMembers.partnerId, partnerId)));
  const [m] = lock ? await q.for(lock) : await q;
  if (!m) throw notFound(MEMBER); // another partner's member answers exactly like a missing one
  return m;
}

/** A role the partner can see: a preset role or one of its own custom roles. */
async function findRole(tx: Executor, partnerId: string, id: string, lock?: 'update' | 'share'): Promise<RoleRow> {
  if (!isUuid(id)) throw notFound(ROLE);
  const q = tx
    .select()
    .from(roles)
    .where(and(eq(roles.id, id), or(isNull(roles.partnerId), eq(roles.partnerId, partnerId))));
  const [r] = lock ? await q.for(lock) : await q;
  if (!r) throw notFound(ROLE);
  return r;
}

/** The roles to assign, locked against a concurrent delete of a custom role (R27). */
async function rolesToAssign(tx: Tx, partnerId: string, roleIds: string[]): Promise<RoleRow[]> {
  const ids = [...new Set(roleIds)];
  const notFoundRole = () => fieldError('roleIds', 'org.role-not-found', { zh: '所选角色不存在', en: 'A chosen role does not exist' });
  if (ids.some((id) => !isUuid(id))) throw notFoundRole();
  const found = ids.length
    ? await tx
        .select()
        .from(roles)
        .where(and(inArray(roles.id, ids), or(isNull(roles.partnerId), eq(roles.partnerId, partnerId))))
        .for('share')
    : [];
  if (found.length !== ids.length) throw notFoundRole();
  return found.sort(roleOrder);
}

/** The guide's role rules for one member (5.1.1.3 说明): R20, R21, R22. */
function checkRoleCombination(chosen: RoleRow[]) {
  if (chosen.length < 1 || chosen.length > MAX_ROLES_PER_MEMBER)
    throw refused('org.roles-count', {
      zh: '必须为组织人员分配角色，一个组织人员最多可以被分配3个角色',
      en: 'A member needs at least 1 and at most 3 roles',
    }, { min: 1, max: MAX_ROLES_PER_MEMBER, given: chosen.length });
  const keys = new Set(chosen.map((r) => r.presetKey).filter((k): k is string => !!k));
  if (keys.has(PRESET_ROLES.systemAdmin) && chosen.length > 1)
    throw refused('org.roles-admin-exclusive', {
      zh: '“系统管理员”角色与其他角色不可同时分配给同一组织人员',
      en: 'The 系统管理员 (system administrator) role cannot be combined with any other role',
    });
  if (keys.has(PRESET_ROLES.accountManager) && keys.has(PRESET_ROLES.amSupervisor))
    throw refused('org.roles-manager-supervisor', {
      zh: '“客户经理”角色与“客户经理主管”角色不可同时分配给同一组织人员',
      en: 'The 客户经理 and 客户经理主管 roles cannot be held by the same member',
    });
}

/**
 * No escalation through delegation: a member who manages the organisation without being an
 * administrator may hand out only what they hold themselves (so never 系统管理员).
 */
function checkGrantable(actor: PartnerActor, permissions: Iterable<string>, presetKey?: string | null) {
  if (actor.isAdmin) return;
  const beyond = presetKey === PRESET_ROLES.systemAdmin || [...permissions].some((p) => !hasPermission(actor, p));
  if (beyond)
    throw new AppError(403, 'org.grant-beyond-own', {
      zh: '不能授予超出您自身权限的角色或权限',
      en: 'You cannot grant a role or permission beyond your own',
    });
}

/** Only an administrator may act on a 系统管理员 member (lock, reset, delete, change roles). */
function checkTargetManageable(actor: PartnerActor, targetRoles: RoleRow[]) {
  if (actor.isAdmin) return;
  if (targetRoles.some((r) => r.presetKey === PRESET_ROLES.systemAdmin))
    throw new AppError(403, 'org.target-admin', {
      zh: '仅管理员可以管理系统管理员',
      en: 'Only an administrator can manage a system administrator',
    });
}

/**
 * The 客户经理主管 a 客户经理 reports to: a member of the same partner holding that role.
 * Locked (shared) so a concurrent removal of their supervisor role waits for us (R24).
 */
async function checkSupervisor(tx: Tx, partnerId: string, supervisorId: string, chosen: RoleRow[]) {
  if (!chosen.some((r) => r.presetKey === PRESET_ROLES.accountManager))
    throw fieldError('supervisorId', 'org.supervisor-needs-manager', {
      zh: '仅客户经理可以指定客户经理主管',
      en: 'Only a 客户经理 (account manager) can have a supervisor',
    });
  const missing = () => fieldError('supervisorId', 'org.supervisor-not-found', { zh: '所选客户经理主管不存在', en: 'The chosen supervisor does not exist' });
  if (!isUuid(supervisorId)) throw missing();
  const [sup] = await tx
    .select()
    .from(orgMembers)
    .where(and(eq(orgMembers.id, supervisorId), eq(orgMembers.partnerId, partnerId)))
    .for('share');
  if (!sup) throw missing();
  const supRoles = (await rolesOfMembers(tx, [sup.id])).get(sup.id) ?? [];
  if (!supRoles.some((r) => r.presetKey === PRESET_ROLES.amSupervisor))
    throw fieldError('supervisorId', 'org.supervisor-not-supervisor', {
      zh: '所选人员不是客户经理主管',
      en: 'The chosen member does not hold the 客户经理主管 role',
    });
}

/** R24: a member who stops being a 客户经理主管 no longer manages anyone. Returns the orphaned managers. */
async function releaseManagers(tx: Tx, partnerId: string, supervisorId: string): Promise<string[]> {
  const released = await tx
    .update(orgMembers)
    .set({ supervisorId: null, updatedAt: clock.now() })
    .where(and(eq(orgMembers.partnerId, partnerId), eq(orgMembers.supervisorId, supervisorId)))
    .returning({ id: orgMembers.id });
  return released.map((r) => r.id);
}

// ---------------------------------------------------------------- R25 hook point

/**
 * R25 hook: is a qualification review (资质信息审核) pending for this member? While it is,
 * their 客户经理 / SA专员 roles are locked (checked, disabled, not removable). The flag is a
 * column on org_members that the module running the review sets with `setQualificationReviewPending`.
 */
export async function hasPendingQualificationReview(ex: Executor, memberId: string): Promise<boolean> {
  if (!isUuid(memberId)) return false;
  const [m] = await ex.select({ pending: orgMembers.qualificationReviewPending }).from(orgMembers).where(eq(orgMembers.id, memberId));
  return m?.pending ?? false;
}

/** Called in the caller's transaction when a member's qualification review opens (true) or closes (false). */
export async function setQualificationReviewPending(tx: Executor, memberId: string, pending: boolean): Promise<void> {
  await tx.update(orgMembers).set({ qualificationReviewPending: pending, updatedAt: clock.now() }).where(eq(orgMembers.id, memberId));
}

// ---------------------------------------------------------------- members (ops 13–18)

export interface MemberFilter {
  roleId?: string;
  status?: MemberStatus;
  name?: string;
  accountName?: string;
  page?: number;
  pageSize?: number;
}

/** The list's filters as SQL conditions (each backed by an index of org_members / member_roles). */
function memberConditions(partnerId: string, filter: MemberFilter): SQL[] | null {
  const conds: SQL[] = [eq(orgMembers.partnerId, partnerId)];
  if (filter.roleId) {
    if (!isUuid(filter.roleId)) return null;
    conds.push(
      sql`exists (select 1 from ${memberRoles} where ${memberRoles.memberId} = ${orgMembers.id} and ${memberRoles.roleId} = ${filter.roleId})`,
    );
  }
  if (filter.status) conds.push(eq(orgMembers.status, filter.status));
  if (filter.name?.trim()) conds.push(ilike(orgMembers.name, `%${escapeLike(filter.name.trim())}%`));
  if (filter.accountName?.trim()) conds.push(ilike(orgMembers.accountName, `%${escapeLike(filter.accountName.trim())}%`));
  return conds;
}

/** 人员管理 list (op 14): filters 角色 / 状态 / 姓名 / 账号名, newest first, paged in SQL. */
export async function listMembers(ctx: Ctx, filter: MemberFilter = {}): Promise<{ items: MemberView[]; total: number }> {
  const actor = orgAdmin(ctx);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(filter.pageSize ?? 10)));
  const conds = memberConditions(actor.partnerId, filter);
  if (!conds) return { items: [], total: 0 };
  const where = and(...conds);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(orgMembers).where(where);
  const pageRows = await ctx.db
    .select()
    .from(orgMembers)
    .where(where)
    .orderBy(desc(orgMembers.createdAt), desc(orgMembers.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: await memberViews(ctx.db, pageRows, ctx.lang), total: Number(total) };
}

/**
 * Every member matching the list's filters, newest first, in keyset-paged batches (constant memory).
 * The rows of the 导出 (export kind `org.members`).
 */
export async function* memberExportRows(ex: Executor, partnerId: string, lang: Lang, filter: MemberFilter, batchSize = 500): AsyncIterable<MemberView> {
  const conds = memberConditions(partnerId, filter);
  if (!conds) return;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const keyset: SQL[] = after
      ? [sql`(${orgMembers.createdAt}, ${orgMembers.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`]
      : [];
    const batch = await ex
      .select()
      .from(orgMembers)
      .where(and(...conds, ...keyset))
      .orderBy(desc(orgMembers.createdAt), desc(orgMembers.id))
      .limit(batchSize);
    if (!batch.length) return;
    yield* await memberViews(ex, batch, lang);
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

const STATUS_NAMES: Record<string, Text> = { normal: { zh: '正常', en: 'Normal' }, locked: { zh: '锁定', en: 'Locked' } };

/** 导出 on 人员管理: the list's columns, with the list's filters as params. Register it in the export registry. */
export const orgMembersExport = defineExport({
  kind: 'org.members',
  title: { zh: '组织成员-人员管理', en: 'Org members' },
  access: { actor: 'partner', permission: P.orgMembers },
  permission: P.orgMembers,
  params: z
    .object({
      roleId: z.uuid().optional(),
      status: z.enum(['normal', 'locked']).optional(),
      name: z.string().max(64).optional(),
      accountName: z.string().max(64).optional(),
    })
    .strict(),
  columns: [
    { key: 'accountName', title: { zh: '账号名', en: 'Account name' } },
    { key: 'name', title: { zh: '姓名', en: 'Name' } },
    { key: 'mobile', title: { zh: '手机号码', en: 'Mobile' } },
    { key: 'email', title: { zh: '电子邮箱', en: 'E-mail' } },
    { key: 'landline', title: { zh: '固定电话', en: 'Landline' } },
    { key: 'roles', title: { zh: '角色', en: 'Roles' }, value: (m: MemberView) => m.roles.map((r) => r.name).join('、') },
    { key: 'statusLabel', title: { zh: '状态', en: 'Status' } },
    { key: 'supervisor', title: { zh: '客户经理主管', en: 'Supervisor' }, value: (m: MemberView) => m.supervisor?.name ?? null },
    { key: 'createdAt', title: { zh: '创建时间', en: 'Created' }, value: (m: MemberView) => new Date(m.createdAt) },
  ],
  async *rows(ex, ctx, params) {
    const actor = orgAdmin(ctx);
    for await (const m of memberExportRows(ex, actor.partnerId, ctx.lang, params)) {
      const label = STATUS_NAMES[m.status];
      yield { ...m, statusLabel: label ? (ctx.lang === 'en-US' ? label.en : label.zh) : m.status };
    }
  },
});

/** 人员详情. */
export async function getMember(ctx: Ctx, id: string): Promise<MemberDetail> {
  const actor = orgAdmin(ctx);
  const m = await findMember(ctx.db, actor.partnerId, id);
  return memberDetail(ctx.db, m, ctx.lang);
}

export interface CreateMember {
  accountName: string;
  password: string;
  confirmPassword: string;
  name: string;
  mobile: string;
  email: string;
  landline?: string | null;
  roleIds: string[];
  supervisorId?: string | null;
}

/** 创建人员 (op 13): 填写人员信息 → 分配角色 → 创建成功, in one transaction. */
export async function createMember(ctx: Ctx, input: CreateMember): Promise<MemberDetail> {
  const actor = orgAdmin(ctx);
  const accountName = input.accountName.trim();
  if (!ACCOUNT_NAME_RE.test(accountName))
    throw fieldError('accountName', 'org.account-name-invalid', {
      zh: '账号名为1-64位字母、数字或 _ - . @',
      en: 'Account name: 1–64 letters, digits or _ - . @',
    });
  assertPasswordStrong(input.password, input.confirmPassword);
  const values = {
    name: requiredText(input.name, 'name', { zh: '姓名', en: 'Name' }),
    mobile: normaliseMobileField(input.mobile),
    email: normaliseEmail(input.email),
    landline: normaliseLandline(input.landline),
  };
  const passwordHash = await hashPassword(input.password);
  const taken = () => refused('org.account-name-taken', { zh: '账号名已存在', en: 'This account name is already used' }, { accountName });
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const chosen = await rolesToAssign(tx, actor.partnerId, input.roleIds);
      checkRoleCombination(chosen);
      for (const r of chosen) checkGrantable(actor, r.permissions, r.presetKey);
      if (input.supervisorId) await checkSupervisor(tx, actor.partnerId, input.supervisorId, chosen);
      const [dup] = await tx
        .select({ id: orgMembers.id })
        .from(orgMembers)
        .where(and(eq(orgMembers.partnerId, actor.partnerId), eq(orgMembers.accountName, accountName)));
      if (dup) throw taken();
      const now = clock.now();
      const [m] = await tx
        .insert(orgMembers)
        .values({
          partnerId: actor.partnerId,
          accountName,
          passwordHash,
          mustChangePassword: true, // R29: changed at first sign-in
          ...values,
          status: 'normal',
          supervisorId: input.supervisorId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(memberRoles).values(chosen.map((r) => ({ memberId: m!.id, roleId: r.id })));
      await audit(tx, ctx, { action: 'org.member.created', objectType: 'org_member', objectId: m!.id, after: auditMember(m!, chosen.map((r) => r.id)) });
      return memberDetail(tx, m!, ctx.lang);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

export interface UpdateMember {
  /** read-only (R19): accepted only unchanged, so the refusal can say why */
  accountName?: string;
  name?: string;
  mobile?: string;
  email?: string;
  landline?: string | null;
  status?: MemberStatus;
}

/** 修改个人信息 (op 15). Locking signs the member out everywhere. */
export async function updateMember(ctx: Ctx, id: string, input: UpdateMember): Promise<MemberDetail> {
  const actor = orgAdmin(ctx);
  const set: Partial<typeof orgMembers.$inferInsert> = {};
  if (input.name !== undefined) set.name = requiredText(input.name, 'name', { zh: '姓名', en: 'Name' });
  if (input.mobile !== undefined) set.mobile = normaliseMobileField(input.mobile);
  if (input.email !== undefined) set.email = normaliseEmail(input.email);
  if (input.landline !== undefined) set.landline = normaliseLandline(input.landline);
  if (input.status !== undefined) {
    if (input.status !== 'normal' && input.status !== 'locked') throw fieldError('status', 'org.status-invalid', { zh: '状态无效', en: 'Unknown status' });
    set.status = input.status;
  }
  return inTransaction(ctx.db, async (tx) => {
    const before = await findMember(tx, actor.partnerId, id, 'update');
    if (input.accountName !== undefined && input.accountName.trim() !== before.accountName)
      throw refused('org.account-name-immutable', { zh: '账号名提交后无法修改', en: 'The account name cannot be changed after creation' });
    checkTargetManageable(actor, (await rolesOfMembers(tx, [before.id])).get(before.id) ?? []);
    if (set.status === 'locked' && before.id === actor.memberId)
      throw refused('org.member-self-lock', { zh: '不能锁定自己的账号', en: 'You cannot lock your own account' });
    const [after] = await tx
      .update(orgMembers)
      .set({ ...set, updatedAt: clock.now() })
      .where(eq(orgMembers.id, before.id))
      .returning();
    if (before.status !== 'locked' && after!.status === 'locked') await deleteSubjectSessions(tx, 'member', before.id);
    await audit(tx, ctx, { action: 'org.member.updated', objectType: 'org_member', objectId: before.id, before: auditMember(before), after: auditMember(after!) });
    return memberDetail(tx, after!, ctx.lang);
  });
}

/** 重置密码 (op 16): the admin sets a new password; the member changes it at next sign-in (R29). */
export async function resetMemberPassword(ctx: Ctx, id: string, input: { password: string; confirmPassword: string }): Promise<void> {
  const actor = orgAdmin(ctx);
  assertPasswordStrong(input.password, input.confirmPassword);
  const passwordHash = await hashPassword(input.password);
  await inTransaction(ctx.db, async (tx) => {
    const m = await findMember(tx, actor.partnerId, id, 'update');
    checkTargetManageable(actor, (await rolesOfMembers(tx, [m.id])).get(m.id) ?? []);
    await tx.update(orgMembers).set({ passwordHash, mustChangePassword: true, updatedAt: clock.now() }).where(eq(orgMembers.id, m.id));
    await deleteSubjectSessions(tx, 'member', m.id);
    await audit(tx, ctx, { action: 'org.member.password-reset', objectType: 'org_member', objectId: m.id, after: { mustChangePassword: true } });
  });
}

/** 删除人员 (op 17). A deleted 客户经理主管's managers become unassigned (R24). */
export async function deleteMember(ctx: Ctx, id: string): Promise<void> {
  const actor = orgAdmin(ctx);
  try {
    await inTransaction(ctx.db, async (tx) => {
      const m = await findMember(tx, actor.partnerId, id, 'update');
      const current = (await rolesOfMembers(tx, [m.id])).get(m.id) ?? [];
      checkTargetManageable(actor, current);
      if (m.id === actor.memberId) throw refused('org.member-self-delete', { zh: '不能删除自己的账号', en: 'You cannot delete your own account' });
      const released = await releaseManagers(tx, actor.partnerId, m.id);
      await tx.delete(orgMembers).where(eq(orgMembers.id, m.id)); // member_roles go with it (cascade)
      await deleteSubjectSessions(tx, 'member', m.id);
      await audit(tx, ctx, {
        action: 'org.member.deleted',
        objectType: 'org_member',
        objectId: m.id,
        before: auditMember(m, current.map((r) => r.id)),
        after: { releasedManagerIds: released },
      });
    });
  } catch (err) {
    // another module's row still points at the member (foreign key): refuse instead of a 500
    if (pgCode(err) === '23503')
      throw refused('org.member-in-use', { zh: '该人员仍被业务数据引用，无法删除', en: 'This member is still referenced by business records and cannot be deleted' });
    throw err;
  }
}

/** 分配角色 (op 18) with R20–R22, R24, R25. `supervisorId` undefined keeps the current one if still a 客户经理. */
export async function assignRoles(ctx: Ctx, id: string, input: { roleIds: string[]; supervisorId?: string | null }): Promise<MemberDetail> {
  const actor = orgAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const m = await findMember(tx, actor.partnerId, id, 'update');
    const current = (await rolesOfMembers(tx, [m.id])).get(m.id) ?? [];
    checkTargetManageable(actor, current);
    const chosen = await rolesToAssign(tx, actor.partnerId, input.roleIds);
    checkRoleCombination(chosen);
    const added = chosen.filter((r) => !current.some((c) => c.id === r.id));
    for (const r of added) checkGrantable(actor, r.permissions, r.presetKey);

    // R25: 客户经理 / SA专员 cannot be removed while the member's qualification review is pending
    if (m.qualificationReviewPending) {
      const lockedRemoved = current.filter((r) => r.presetKey && REVIEW_LOCKED_ROLES.has(r.presetKey) && !chosen.some((c) => c.id === r.id));
      if (lockedRemoved.length)
        throw refused(
          'org.role-locked',
          { zh: '该人员的资质信息正在审核中，客户经理或SA专员角色不可取消', en: 'A qualification review is pending: the 客户经理 / SA专员 role cannot be removed' },
          { roleIds: lockedRemoved.map((r) => r.id) },
        );
    }

    const isManager = chosen.some((r) => r.presetKey === PRESET_ROLES.accountManager);
    let supervisorId: string | null;
    if (input.supervisorId === undefined) supervisorId = isManager ? m.supervisorId : null;
    else if (input.supervisorId === null) supervisorId = null;
    else {
      await checkSupervisor(tx, actor.partnerId, input.supervisorId, chosen);
      supervisorId = input.supervisorId;
    }

    const wasSupervisor = current.some((r) => r.presetKey === PRESET_ROLES.amSupervisor);
    const isSupervisor = chosen.some((r) => r.presetKey === PRESET_ROLES.amSupervisor);
    const released = wasSupervisor && !isSupervisor ? await releaseManagers(tx, actor.partnerId, m.id) : [];

    await tx.delete(memberRoles).where(eq(memberRoles.memberId, m.id));
    await tx.insert(memberRoles).values(chosen.map((r) => ({ memberId: m.id, roleId: r.id })));
    const [after] = await tx.update(orgMembers).set({ supervisorId, updatedAt: clock.now() }).where(eq(orgMembers.id, m.id)).returning();
    await audit(tx, ctx, {
      action: 'org.member.roles-assigned',
      objectType: 'org_member',
      objectId: m.id,
      before: { roleIds: current.map((r) => r.id), supervisorId: m.supervisorId },
      after: { roleIds: chosen.map((r) => r.id), supervisorId, releasedManagerIds: released },
    });
    return memberDetail(tx, after!, ctx.lang);
  });
}

// ---------------------------------------------------------------- roles (ops 19–20)

export interface RoleView {
  id: string;
  name: string;
  description: string | null;
  preset: boolean;
  presetKey: string | null;
  permissions: string[];
  memberCount: number;
  /** with `memberId`: this role cannot be removed from that member now (R25) */
  locked: boolean;
}

function roleView(r: RoleRow, memberCount: number, lang: Lang, locked = false): RoleView {
  const def = PRESET_ROLE_DEFS.find((d) => d.key === r.presetKey);
  return {
    id: r.id,
    name: roleDisplayName(r, lang),
    description: def ? (lang === 'en-US' ? def.description.en : def.description.zh) : r.description,
    preset: r.presetKey !== null,
    presetKey: r.presetKey,
    permissions: [...r.permissions].sort(),
    memberCount,
    locked,
  };
}

/** 人员数量 of each role, counting this partner's members only (preset roles are shared rows). */
async function memberCounts(ex: Executor, partnerId: string, roleIds: string[]): Promise<Map<string, number>> {
  if (!roleIds.length) return new Map();
  const rs = await ex
    .select({ roleId: memberRoles.roleId, n: sql<number>`count(*)::int` })
    .from(memberRoles)
    .innerJoin(orgMembers, eq(orgMembers.id, memberRoles.memberId))
    .where(and(eq(orgMembers.partnerId, partnerId), inArray(memberRoles.roleId, roleIds)))
    .groupBy(memberRoles.roleId);
  return new Map(rs.map((r) => [r.roleId, Number(r.n)]));
}

/** 角色管理 list: the five preset roles and the partner's custom roles. */
export async function listRoles(ctx: Ctx, opts: { memberId?: string } = {}): Promise<{ items: RoleView[]; customLimit: number }> {
  const actor = orgAdmin(ctx);
  const all = (await ctx.db.select().from(roles).where(or(isNull(roles.partnerId), eq(roles.partnerId, actor.partnerId)))).sort(roleOrder);
  const counts = await memberCounts(
    ctx.db,
    actor.partnerId,
    all.map((r) => r.id),
  );
  let lockedIds = new Set<string>();
  if (opts.memberId) {
    const m = await findMember(ctx.db, actor.partnerId, opts.memberId);
    lockedIds = new Set((await memberDetail(ctx.db, m, ctx.lang)).lockedRoleIds);
  }
  return { items: all.map((r) => roleView(r, counts.get(r.id) ?? 0, ctx.lang, lockedIds.has(r.id))), customLimit: MAX_CUSTOM_ROLES };
}

export async function getRole(ctx: Ctx, id: string): Promise<RoleView> {
  const actor = orgAdmin(ctx);
  const r = await findRole(ctx.db, actor.partnerId, id);
  const counts = await memberCounts(ctx.db, actor.partnerId, [r.id]);
  return roleView(r, counts.get(r.id) ?? 0, ctx.lang);
}

export interface PermissionNode {
  path: string; // the permission key (a menu path); a branch grants its leaves
  title: string;
  children?: PermissionNode[];
}

/** The menu tree for the checkable permission tree (按照菜单级别选择), and the 默认权限 always added. */
export function permissionTree(ctx: Ctx): { tree: PermissionNode[]; defaults: string[] } {
  orgAdmin(ctx);
  const build = (nodes: MenuNode[], prefix: string[]): PermissionNode[] =>
    nodes.map((n) => {
      const here = [...prefix, n.zh];
      const node: PermissionNode = { path: here.join(SEP), title: ctx.lang === 'en-US' ? n.en : n.zh };
      if (n.children?.length) node.children = build(n.children, here);
      return node;
    });
  return { tree: build(PARTNER_MENU, []), defaults: [...DEFAULT_PERMISSIONS] };
}

/** Chosen menu paths → leaf permissions plus the defaults (R26); unknown paths are refused. */
function resolvePermissions(actor: PartnerActor, chosen: string[]): string[] {
  const { leaves, unknown } = expandPermissions(chosen.map((p) => p.trim()));
  if (unknown.length)
    throw new AppError(400, 'org.permission-unknown', { zh: '权限不存在：{paths}', en: 'Unknown permissions: {paths}' }, { paths: unknown.join('、') }, {
      permissions: { zh: '包含不存在的权限', en: 'Contains unknown permissions' },
    });
  if (!leaves.length) throw fieldError('permissions', 'org.permissions-required', { zh: '请至少选择一个权限', en: 'Choose at least one permission' });
  checkGrantable(actor, leaves);
  return [...new Set([...leaves, ...DEFAULT_PERMISSIONS])].sort();
}

function roleName(name: string): string {
  return requiredText(name, 'name', { zh: '角色名称', en: 'Role name' });
}

async function checkRoleNameFree(tx: Tx, partnerId: string, name: string, exceptId?: string) {
  const lower = name.toLowerCase();
  const clashesPreset = PRESET_ROLE_DEFS.some((d) => d.name.zh.toLowerCase() === lower || d.name.en.toLowerCase() === lower);
  const conds = [eq(roles.partnerId, partnerId), sql`lower(${roles.name}) = ${lower}`];
  if (exceptId) conds.push(ne(roles.id, exceptId));
  const [dup] = clashesPreset ? [true] : await tx.select({ id: roles.id }).from(roles).where(and(...conds));
  if (dup) throw roleNameTaken(name);
}
const roleNameTaken = (name: string) => refused('org.role-name-taken', { zh: '角色名称已存在', en: 'A role with this name already exists' }, { name });

function roleDescription(d: string | null | undefined): string | null {
  const v = d?.trim() ?? '';
  if (v.length > 256) throw fieldError('description', 'org.too-long', { zh: '描述不能超过256个字符', en: 'Description: at most 256 characters' });
  return v || null;
}

/** 创建自定义角色 (op 19): at most 10 per partner; default permissions added (R26). */
export async function createRole(ctx: Ctx, input: { name: string; description?: string | null; permissions: string[] }): Promise<RoleView> {
  const actor = orgAdmin(ctx);
  const name = roleName(input.name);
  const description = roleDescription(input.description);
  const permissions = resolvePermissions(actor, input.permissions);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await lockTenant(tx, 'org.custom-roles', actor.partnerId);
      const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(roles).where(eq(roles.partnerId, actor.partnerId));
      if (Number(n) >= MAX_CUSTOM_ROLES)
        throw refused('org.custom-role-limit', { zh: '最多可以创建{max}个自定义角色', en: 'At most {max} custom roles' }, { max: MAX_CUSTOM_ROLES });
      await checkRoleNameFree(tx, actor.partnerId, name);
      const now = clock.now();
      const [r] = await tx.insert(roles).values({ partnerId: actor.partnerId, presetKey: null, name, description, permissions, createdAt: now, updatedAt: now }).returning();
      await audit(tx, ctx, { action: 'org.role.created', objectType: 'role', objectId: r!.id, after: { name, description, permissions } });
      return roleView(r!, 0, ctx.lang);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw roleNameTaken(name);
    throw err;
  }
}

const presetReadOnly = () => refused('org.role-preset-readonly', { zh: '预置角色不可修改或删除', en: 'Preset roles cannot be changed or deleted' });

/** 编辑角色 (op 20): custom roles only; the change reaches every holder at their next request. */
export async function updateRole(ctx: Ctx, id: string, input: { name?: string; description?: string | null; permissions?: string[] }): Promise<RoleView> {
  const actor = orgAdmin(ctx);
  const name = input.name !== undefined ? roleName(input.name) : undefined;
  const description = input.description !== undefined ? roleDescription(input.description) : undefined;
  const permissions = input.permissions !== undefined ? resolvePermissions(actor, input.permissions) : undefined;
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const before = await findRole(tx, actor.partnerId, id, 'update');
      if (before.presetKey !== null) throw presetReadOnly();
      checkGrantable(actor, before.permissions);
      if (name !== undefined) await checkRoleNameFree(tx, actor.partnerId, name, before.id);
      const [after] = await tx
        .update(roles)
        .set({ name, description, permissions, updatedAt: clock.now() })
        .where(eq(roles.id, before.id))
        .returning();
      await audit(tx, ctx, {
        action: 'org.role.updated',
        objectType: 'role',
        objectId: before.id,
        before: { name: before.name, description: before.description, permissions: before.permissions },
        after: { name: after!.name, description: after!.description, permissions: after!.permissions },
      });
      const counts = await memberCounts(tx, actor.partnerId, [before.id]);
      return roleView(after!, counts.get(before.id) ?? 0, ctx.lang);
    });
  } catch (err) {
    if (isUniqueViolation(err) && name) throw roleNameTaken(name);
    throw err;
  }
}

/** 删除角色 (op 20): custom roles whose 人员数量 is 0 (R27). */
export async function deleteRole(ctx: Ctx, id: string): Promise<void> {
  const actor = orgAdmin(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const r = await findRole(tx, actor.partnerId, id, 'update'); // waits for assignments holding it (FOR SHARE)
    if (r.presetKey !== null) throw presetReadOnly();
    checkGrantable(actor, r.permissions);
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(memberRoles).where(eq(memberRoles.roleId, r.id));
    if (Number(n) > 0)
      throw refused('org.role-in-use', { zh: '角色人员数量为0时才可删除该角色', en: 'A role can be deleted only when no member holds it' }, { memberCount: Number(n) });
    await tx.delete(roles).where(eq(roles.id, r.id));
    await audit(tx, ctx, { action: 'org.role.deleted', objectType: 'role', objectId: r.id, before: { name: r.name, description: r.description, permissions: r.permissions } });
  });
}

/** 角色人员: this partner's members holding a role. */
export async function roleMembers(ctx: Ctx, id: string): Promise<{ items: { id: string; accountName: string; name: string; status: MemberStatus }[] }> {
  const actor = orgAdmin(ctx);
  const r = await findRole(ctx.db, actor.partnerId, id);
  const items = await ctx.db
    .select({ id: orgMembers.id, accountName: orgMembers.accountName, name: orgMembers.name, status: orgMembers.status })
    .from(memberRoles)
    .innerJoin(orgMembers, eq(orgMembers.id, memberRoles.memberId))
    .where(and(eq(memberRoles.roleId, r.id), eq(orgMembers.partnerId, actor.partnerId)))
    .orderBy(asc(orgMembers.createdAt));
  return { items: items.map((i) => ({ ...i, status: i.status as MemberStatus })) };
}

// ---------------------------------------------------------------- customer contacts (op 21, R28)

export interface ContactView {
  id: string;
  name: string;
  position: string;
  mobile: string;
  email: string;
  landline: string | null;
  createdAt: string;
}

type ContactRow = typeof customerContacts.$inferSelect;
const contactView = (c: ContactRow): ContactView => ({
  id: c.id,
  name: c.name,
  position: c.position,
  mobile: c.mobile,
  email: c.email,
  landline: c.landline,
  createdAt: c.createdAt.toISOString(),
});

export interface ContactInput {
  name: string;
  position: string;
  mobile: string;
  email: string;
  landline?: string | null;
}

function contactValues(input: Partial<ContactInput>) {
  return {
    name: input.name !== undefined ? requiredText(input.name, 'name', { zh: '姓名', en: 'Name' }) : undefined,
    position: input.position !== undefined ? requiredText(input.position, 'position', { zh: '职位', en: 'Position' }) : undefined,
    mobile: input.mobile !== undefined ? normaliseMobileField(input.mobile) : undefined,
    email: input.email !== undefined ? normaliseEmail(input.email) : undefined,
    landline: input.landline !== undefined ? normaliseLandline(input.landline) : undefined,
  };
}

async function findContact(tx: Executor, partnerId: string, id: string, lock?: 'update'): Promise<ContactRow> {
  if (!isUuid(id)) throw notFound(CONTACT);
  const q = tx.select().from(customerContacts).where(and(eq(customerContacts.id, id), eq(customerContacts.partnerId, partnerId)));
  const [c] = lock ? await q.for(lock) : await q;
  if (!c) throw notFound(CONTACT);
  return c;
}

export async function listContacts(ctx: Ctx): Promise<{ items: ContactView[]; limit: number }> {
  const actor = orgAdmin(ctx);
  const items = await ctx.db.select().from(customerContacts).where(eq(customerContacts.partnerId, actor.partnerId)).orderBy(asc(customerContacts.createdAt), asc(customerContacts.id));
  return { items: items.map(contactView), limit: MAX_CUSTOMER_CONTACTS };
}

/** 创建客户联系人: at most 5 per partner (R28). */
export async function createContact(ctx: Ctx, input: ContactInput): Promise<ContactView> {
  const actor = orgAdmin(ctx);
  const v = contactValues(input);
  return inTransaction(ctx.db, async (tx) => {
    await lockTenant(tx, 'org.customer-contacts', actor.partnerId);
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(customerContacts).where(eq(customerContacts.partnerId, actor.partnerId));
    if (Number(n) >= MAX_CUSTOMER_CONTACTS)
      throw refused('org.contact-limit', { zh: '伙伴最多创建{max}个客户联系人', en: 'At most {max} customer contacts' }, { max: MAX_CUSTOMER_CONTACTS });
    const now = clock.now();
    const [c] = await tx
      .insert(customerContacts)
      .values({ partnerId: actor.partnerId, name: v.name!, position: v.position!, mobile: v.mobile!, email: v.email!, landline: v.landline ?? null, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, ctx, { action: 'org.contact.created', objectType: 'customer_contact', objectId: c!.id, after: contactView(c!) });
    return contactView(c!);
  });
}

export async function updateContact(ctx: Ctx, id: string, input: Partial<ContactInput>): Promise<ContactView> {
  const actor = orgAdmin(ctx);
  const v = contactValues(input);
  return inTransaction(ctx.db, async (tx) => {
    const before = await findContact(tx, actor.partnerId, id, 'update');
    const [after] = await tx.update(customerContacts).set({ ...v, updatedAt: clock.now() }).where(eq(customerContacts.id, before.id)).returning();
    await audit(tx, ctx, { action: 'org.contact.updated', objectType: 'customer_contact', objectId: before.id, before: contactView(before), after: contactView(after!) });
    return contactView(after!);
  });
}

export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  const actor = orgAdmin(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const c = await findContact(tx, actor.partnerId, id, 'update');
    await tx.delete(customerContacts).where(eq(customerContacts.id, c.id));
    await audit(tx, ctx, { action: 'org.contact.deleted', objectType: 'customer_contact', objectId: c.id, before: contactView(c) });
  });
}

export interface ContactForCustomer {
  name: string;
  position: string | null;
  mobile: string;
  email: string | null;
  landline: string | null;
}

/**
 * What a sub-customer sees on 账号中心 > 我的合作伙伴 (R28): the partner's customer contacts,
 * or, when it has none, the partner administrator's account info. For the customer portal.
 */
export async function listContactsForCustomer(ex: Executor, partnerId: string): Promise<{ source: 'contacts' | 'admin'; items: ContactForCustomer[] }> {
  if (!isUuid(partnerId)) return { source: 'admin', items: [] };
  const cs = await ex.select().from(customerContacts).where(eq(customerContacts.partnerId, partnerId)).orderBy(asc(customerContacts.createdAt), asc(customerContacts.id));
  if (cs.length) return { source: 'contacts', items: cs.map((c) => ({ name: c.name, position: c.position, mobile: c.mobile, email: c.email, landline: c.landline })) };
  const admin = await rows<{ name: string | null; display_name: string; mobile: string; email: string | null }>(
    ex,
    sql`select ${accounts.name} as name, ${partners.displayName} as display_name, ${accounts.mobile} as mobile, ${accounts.email} as email
        from ${partners} join ${accounts} on ${accounts.id} = ${partners.accountId} where ${partners.id} = ${partnerId}`,
  );
  const a = admin[0];
  if (!a) return { source: 'admin', items: [] };
  return { source: 'admin', items: [{ name: a.name ?? a.display_name, position: null, mobile: a.mobile, email: a.email, landline: null }] };
}

// ---------------------------------------------------------------- data scope (R23, ARCHITECTURE: Access)

/**
 * Which customers the actor may see (guide 5.1.1.3 说明, R23–R24):
 * - the partner account, a 系统管理员, or any member holding a role other than 客户经理 / 客户经理主管: all;
 * - only 客户经理: their own customers;
 * - only 客户经理主管: their own and those of the 客户经理 whose supervisor they are.
 * Pass the transaction as `ex` when called inside one (PGlite has a single connection).
 */
export async function customerScope(ctx: Ctx, ex: Executor = ctx.db): Promise<DataScope> {
  const actor = requirePartner(ctx);
  if (actor.isAdmin || actor.memberId === null) return { all: true };
  const memberId = actor.memberId;
  const held = await ex.select({ presetKey: roles.presetKey }).from(memberRoles).innerJoin(roles, eq(roles.id, memberRoles.roleId)).where(eq(memberRoles.memberId, memberId));
  if (held.some((r) => !r.presetKey || !SCOPED_ROLES.has(r.presetKey))) return { all: true };
  if (held.some((r) => r.presetKey === PRESET_ROLES.amSupervisor)) {
    const managers = await ex
      .select({ id: orgMembers.id })
      .from(orgMembers)
      .where(and(eq(orgMembers.partnerId, actor.partnerId), eq(orgMembers.supervisorId, memberId)))
      .orderBy(asc(orgMembers.createdAt));
    return { all: false, managerIds: [memberId, ...managers.map((m) => m.id)] };
  }
  return { all: false, managerIds: [memberId] };
}
