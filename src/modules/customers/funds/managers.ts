import { and, asc, desc, eq, gt, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/index.js';
import { P, PRESET_ROLES, requirePermission, type DataScope } from '../../../platform/access/index.js';
import { fieldError, notFound, refused } from '../../../platform/errors.js';
import { audit } from '../../../platform/audit/index.js';
import { send } from '../../../platform/notify/index.js';
import { clock, DAY_MS, HOUR_MS } from '../../../platform/clock.js';
import { maskEmail, maskName, maskPhone } from '../../../platform/export/index.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { accounts } from '../../accounts/schema.js';
import { memberRoles, orgMembers, roles } from '../../org/schema.js';
import { memberIdentity } from '../../org/member-identity.js';
import { customerScope } from '../../org/service.js';
import { customerAssociations } from '../schema.js';
import { customerManagerAssignments } from './schema.js';
import { auditReveal, customerInfos, pageArgs, partnerKind, requireCustomer, shown, type Association, type PartnerKind } from './shared.js';

/**
 * 分配客户经理 (op 25, guide 10.4.1.10) and 客户分配 (op 27, guide 10.4.2.1).
 *
 * - The current manager lives on customer_associations.account_manager_id, which every data scope
 *   reads (客户经理 sees only their customers, 客户经理主管 their managers'); this module sets it.
 * - customer_manager_assignments keeps the history (历史客户经理) and the dates: consumption and
 *   performance count for a manager from `counts_from` — the day after assignment (L9796, "从分配后
 *   第二天开始"), or the moment itself for a 云经销商 (L19258) — until `ended_at`.
 * - Assigning needs the 分配客户 right, which we read as the menu 销售 > 客户 > 客户分配 (the preset
 *   客户经理主管 holds it, the 客户经理 does not); a scoped supervisor assigns only within their team.
 * - Targets hold the preset 客户经理 or 客户经理主管 role and are 正常 (not locked).
 */

const MANAGER_ROLES = [PRESET_ROLES.accountManager, PRESET_ROLES.amSupervisor];
const MANAGER: Text = { zh: '客户经理', en: 'Account manager' };
const BJ_OFFSET_MS = 8 * HOUR_MS; // Beijing time, the guide's day boundary

/** When a new assignment starts to count: the next Beijing day, or at once for resellers. */
export function countsFrom(assignedAt: Date, kind: PartnerKind): Date {
  if (kind === 'reseller') return assignedAt;
  const local = assignedAt.getTime() + BJ_OFFSET_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS + DAY_MS - BJ_OFFSET_MS);
}

/** The target must be this partner's 正常 客户经理 / 客户经理主管 (and in a scoped actor's team). */
async function requireManager(ex: Executor, actor: PartnerActor, scope: DataScope, memberId: string) {
  if (!isUuid(memberId)) throw notFound(MANAGER);
  const m = await memberIdentity(ex, memberId);
  if (!m || m.partnerId !== actor.partnerId) throw notFound(MANAGER);
  if (!scope.all && !scope.managerIds.includes(memberId)) throw notFound(MANAGER);
  if (!MANAGER_ROLES.some((r) => m.roleKeys.has(r))) {
    throw refused('customers.assignment.not-manager', { zh: '只能分配给客户经理或客户经理主管', en: 'Customers can be assigned to account managers or their supervisors only' });
  }
  if (m.status !== 'normal') throw refused('customers.assignment.manager-locked', { zh: '该客户经理已被锁定', en: 'This account manager is locked' });
  return m;
}

/**
 * Set the customer's manager inside the caller's transaction: end the current assignment (if any)
 * and open a new one. Also the hook for an association that arrives through a manager's own
 * invitation link (the customers module calls it with `source: 'invitation'`, L9437).
 */
export async function assignManager(
  tx: Executor,
  association: Pick<Association, 'id' | 'partnerId' | 'customerAccountId'>,
  memberId: string | null,
  by: { kind: string; id: string | null },
  source: 'assigned' | 'invitation' = 'assigned',
): Promise<void> {
  const now = clock.now();
  await tx
    .update(customerManagerAssignments)
    .set({ current: false, endedAt: now, endedByKind: by.kind, endedById: by.id })
    .where(and(eq(customerManagerAssignments.associationId, association.id), eq(customerManagerAssignments.current, true)));
  await tx.update(customerAssociations).set({ accountManagerId: memberId }).where(eq(customerAssociations.id, association.id));
  if (!memberId) return;
  const kind = await partnerKind(tx, association.partnerId);
  await tx.insert(customerManagerAssignments).values({
    partnerId: association.partnerId,
    customerAccountId: association.customerAccountId,
    associationId: association.id,
    memberId,
    assignedAt: now,
    countsFrom: countsFrom(now, kind),
    source,
    assignedByKind: by.kind,
    assignedById: by.id,
  });
}

/** The manager whose period contains `at` (consumption and performance attribution). */
export async function managerAt(ex: Executor, partnerId: string, customerAccountId: string, at: Date): Promise<string | null> {
  const [row] = await ex
    .select({ memberId: customerManagerAssignments.memberId })
    .from(customerManagerAssignments)
    .where(
      and(
        eq(customerManagerAssignments.partnerId, partnerId),
        eq(customerManagerAssignments.customerAccountId, customerAccountId),
        lte(customerManagerAssignments.countsFrom, at),
        or(isNull(customerManagerAssignments.endedAt), gt(customerManagerAssignments.endedAt, at)),
      ),
    )
    .orderBy(desc(customerManagerAssignments.assignedAt))
    .limit(1);
  return row?.memberId ?? null;
}

function who(actor: PartnerActor) {
  return actor.memberId ? { kind: 'member', id: actor.memberId } : { kind: 'partner-account', id: actor.accountId };
}

async function assign(ctx: Ctx, customerIds: string[], memberId: string, opts: { allowReassign: boolean }) {
  const actor = requirePermission(ctx, P.customerAssignment);
  if (!customerIds.length) throw fieldError('customerIds', 'customers.assignment.none', { zh: '请选择客户', en: 'Choose customers' });
  if (customerIds.length > 100) throw fieldError('customerIds', 'customers.assignment.too-many', { zh: '一次最多分配100个客户', en: 'At most 100 customers at a time' });
  if (new Set(customerIds).size !== customerIds.length) throw fieldError('customerIds', 'customers.assignment.duplicate', { zh: '客户重复', en: 'A customer is listed twice' });
  const scope = await customerScope(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const manager = await requireManager(tx, actor, scope, memberId);
    const done: string[] = [];
    for (const id of customerIds) {
      const assoc = await requireCustomer(tx, actor, scope, id, 'update');
      if (assoc.accountManagerId === memberId) continue;
      if (assoc.accountManagerId && !opts.allowReassign) {
        throw refused('customers.assignment.already-assigned', { zh: '不可以选择已经分配给客户经理的客户', en: 'This customer already has an account manager' }, { customerId: id });
      }
      await assignManager(tx, assoc, memberId, who(actor));
      await audit(tx, ctx, { action: 'customers.manager.assigned', objectType: 'customer', objectId: id, before: { accountManagerId: assoc.accountManagerId }, after: { accountManagerId: memberId } });
      done.push(id);
    }
    if (done.length) {
      await send(tx, {
        channel: 'site',
        to: { kind: 'member', id: memberId },
        template: 'customers.manager-assigned',
        subject: '分配客户 / Customers assigned',
        body: `已为您分配${done.length}个客户。 ${done.length} customer(s) were assigned to you.`,
        data: { customerIds: done },
      });
    }
    return { assigned: done.length, managerId: manager.memberId, message: '分配客户成功！' };
  });
}

/** 更多 > 分配客户经理 / 批量分配客户经理 (op 25): reassigning moves only new spend to the new manager. */
export const assignCustomers = (ctx: Ctx, input: { customerIds: string[]; memberId: string }) => assign(ctx, input.customerIds, input.memberId, { allowReassign: true });

/** 客户分配 > 分配客户 (op 27): customers that already have a manager cannot be picked. */
export const allocateToManager = (ctx: Ctx, memberId: string, customerIds: string[]) => assign(ctx, customerIds, memberId, { allowReassign: false });

/** 查看客户列表 > 收回客户 / 批量回收客户: the customers leave the manager; future spend leaves with them. */
export async function takeBackCustomers(ctx: Ctx, memberId: string, customerIds: string[]) {
  const actor = requirePermission(ctx, P.customerAssignment);
  if (!customerIds.length) throw fieldError('customerIds', 'customers.assignment.none', { zh: '请选择客户', en: 'Choose customers' });
  if (customerIds.length > 100) throw fieldError('customerIds', 'customers.assignment.too-many', { zh: '一次最多收回100个客户', en: 'At most 100 customers at a time' });
  const scope = await customerScope(ctx);
  return inTransaction(ctx.db, async (tx) => {
    await requireManager(tx, actor, scope, memberId).catch((e) => {
      // a manager who lost the role can still have customers taken back
      if ((e as { code?: string }).code === 'customers.assignment.not-manager' || (e as { code?: string }).code === 'customers.assignment.manager-locked') return null;
      throw e;
    });
    for (const id of customerIds) {
      const assoc = await requireCustomer(tx, actor, scope, id, 'update');
      if (assoc.accountManagerId !== memberId) {
        throw refused('customers.assignment.not-theirs', { zh: '该客户未分配给此客户经理', en: 'This customer is not assigned to this manager' }, { customerId: id });
      }
      await assignManager(tx, assoc, null, who(actor));
      await audit(tx, ctx, { action: 'customers.manager.taken-back', objectType: 'customer', objectId: id, before: { accountManagerId: memberId }, after: { accountManagerId: null } });
    }
    return { takenBack: customerIds.length };
  });
}

/** 客户分配: the managers (客户经理姓名, 账号名, 手机号码, 电子邮箱, 已分配客户). */
export async function listManagers(ctx: Ctx, q: { name?: string; page?: number; pageSize?: number; reveal?: boolean }) {
  const actor = requirePermission(ctx, P.customerAssignment);
  const scope = await customerScope(ctx);
  await auditReveal(ctx, q.reveal, 'account_manager_list');
  const { page, pageSize, offset } = pageArgs(q);
  const holders = sql`(select ${memberRoles.memberId} from ${memberRoles} join ${roles} on ${roles.id} = ${memberRoles.roleId} where ${inArray(roles.presetKey, MANAGER_ROLES)})`;
  const where = and(
    eq(orgMembers.partnerId, actor.partnerId),
    inArray(orgMembers.id, holders),
    scope.all ? undefined : scope.managerIds.length ? inArray(orgMembers.id, scope.managerIds) : sql`false`,
    q.name ? ilike(orgMembers.name, `%${q.name.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
  );
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(orgMembers).where(where);
  const rows = await ctx.db
    .select({
      id: orgMembers.id,
      name: orgMembers.name,
      accountName: orgMembers.accountName,
      mobile: orgMembers.mobile,
      email: orgMembers.email,
      status: orgMembers.status,
    })
    .from(orgMembers)
    .where(where)
    .orderBy(asc(orgMembers.createdAt), asc(orgMembers.id))
    .limit(pageSize)
    .offset(offset);
  const counts = rows.length
    ? await ctx.db
        .select({ memberId: customerAssociations.accountManagerId, n: sql<number>`count(*)::int` })
        .from(customerAssociations)
        .where(and(eq(customerAssociations.partnerId, actor.partnerId), eq(customerAssociations.status, 'associated'), inArray(customerAssociations.accountManagerId, rows.map((r) => r.id))))
        .groupBy(customerAssociations.accountManagerId)
    : [];
  const assigned = new Map(counts.map((c) => [c.memberId, Number(c.n)]));
  const reveal = !!q.reveal;
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: reveal ? r.name : maskName(r.name),
      accountName: r.accountName,
      mobile: reveal ? r.mobile : maskPhone(r.mobile),
      email: reveal ? r.email : maskEmail(r.email),
      status: r.status,
      assignedCustomers: assigned.get(r.id) ?? 0,
    })),
    total: Number(n),
    page,
    pageSize,
  };
}

async function customerRows(ex: Executor, where: ReturnType<typeof and>, page: { pageSize: number; offset: number }) {
  return ex
    .select({ a: customerAssociations, name: accounts.name, enterpriseName: accounts.enterpriseName, accountName: accounts.accountName, mobile: accounts.mobile })
    .from(customerAssociations)
    .innerJoin(accounts, eq(accounts.id, customerAssociations.customerAccountId))
    .where(where)
    .orderBy(desc(customerAssociations.associatedAt), desc(customerAssociations.id))
    .limit(page.pageSize)
    .offset(page.offset);
}

/** 查看客户列表: the manager's customers, with the date each was assigned. */
export async function managerCustomers(ctx: Ctx, memberId: string, q: { page?: number; pageSize?: number; reveal?: boolean }) {
  const actor = requirePermission(ctx, P.customerAssignment);
  const scope = await customerScope(ctx);
  if (!isUuid(memberId)) throw notFound(MANAGER);
  const m = await memberIdentity(ctx.db, memberId);
  if (!m || m.partnerId !== actor.partnerId || (!scope.all && !scope.managerIds.includes(memberId))) throw notFound(MANAGER);
  await auditReveal(ctx, q.reveal, 'account_manager_customers', memberId);
  const { page, pageSize, offset } = pageArgs(q);
  const where = and(eq(customerAssociations.partnerId, actor.partnerId), eq(customerAssociations.status, 'associated'), eq(customerAssociations.accountManagerId, memberId));
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAssociations).where(where);
  const rows = await customerRows(ctx.db, where, { pageSize, offset });
  const since = rows.length
    ? await ctx.db
        .select({ associationId: customerManagerAssignments.associationId, assignedAt: customerManagerAssignments.assignedAt, countsFrom: customerManagerAssignments.countsFrom })
        .from(customerManagerAssignments)
        .where(and(inArray(customerManagerAssignments.associationId, rows.map((r) => r.a.id)), eq(customerManagerAssignments.current, true)))
    : [];
  const infos = await customerInfos(ctx.db, rows.map((r) => r.a.customerAccountId));
  return {
    manager: { id: m.memberId, name: q.reveal ? m.name : maskName(m.name), accountName: m.accountName },
    items: rows.map((r) => {
      const s = since.find((x) => x.associationId === r.a.id);
      return {
        customerId: r.a.customerAccountId,
        ...shown(infos.get(r.a.customerAccountId), !!q.reveal),
        associationType: r.a.associationType,
        associatedAt: r.a.associatedAt.toISOString(),
        assignedAt: s?.assignedAt.toISOString() ?? null,
        countsFrom: s?.countsFrom.toISOString() ?? null,
      };
    }),
    total: Number(n),
    page,
    pageSize,
  };
}

/** 选择客户 dialog: the partner's customers, already-assigned ones marked (and hidden with 只显示未分配客户). */
export async function assignmentCandidates(ctx: Ctx, q: { unassignedOnly?: boolean; customer?: string; page?: number; pageSize?: number; reveal?: boolean }) {
  const actor = requirePermission(ctx, P.customerAssignment);
  const scope = await customerScope(ctx);
  await auditReveal(ctx, q.reveal, 'assignment_candidates');
  const { page, pageSize, offset } = pageArgs(q);
  const like = q.customer ? `%${q.customer.replace(/[%_\\]/g, '\\$&')}%` : null;
  const where = and(
    eq(customerAssociations.partnerId, actor.partnerId),
    eq(customerAssociations.status, 'associated'),
    scope.all ? undefined : scope.managerIds.length ? inArray(customerAssociations.accountManagerId, scope.managerIds) : sql`false`,
    q.unassignedOnly ? isNull(customerAssociations.accountManagerId) : undefined,
    like ? or(ilike(accounts.name, like), ilike(accounts.enterpriseName, like), ilike(accounts.accountName, like)) : undefined,
  );
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(customerAssociations)
    .innerJoin(accounts, eq(accounts.id, customerAssociations.customerAccountId))
    .where(where);
  const rows = await customerRows(ctx.db, where, { pageSize, offset });
  const infos = await customerInfos(ctx.db, rows.map((r) => r.a.customerAccountId));
  return {
    items: rows.map((r) => ({
      customerId: r.a.customerAccountId,
      ...shown(infos.get(r.a.customerAccountId), !!q.reveal),
      associationType: r.a.associationType,
      accountManagerId: r.a.accountManagerId,
      assigned: r.a.accountManagerId !== null,
    })),
    total: Number(n),
    page,
    pageSize,
  };
}

/** 基本信息 > 历史客户经理: every period the customer had a manager, newest first. */
export async function managerHistory(ctx: Ctx, customerId: string, q: { reveal?: boolean } = {}) {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx);
  const assoc = await requireCustomer(ctx.db, actor, scope, customerId);
  await auditReveal(ctx, q.reveal, 'account_manager_history', customerId);
  const rows = await ctx.db
    .select({ h: customerManagerAssignments, name: orgMembers.name, accountName: orgMembers.accountName })
    .from(customerManagerAssignments)
    .leftJoin(orgMembers, eq(orgMembers.id, customerManagerAssignments.memberId))
    .where(and(eq(customerManagerAssignments.partnerId, actor.partnerId), eq(customerManagerAssignments.customerAccountId, customerId)))
    .orderBy(desc(customerManagerAssignments.assignedAt));
  return {
    currentManagerId: assoc.accountManagerId,
    items: rows.map((r) => ({
      memberId: r.h.memberId,
      name: r.name ? (q.reveal ? r.name : maskName(r.name)) : null,
      accountName: r.accountName,
      source: r.h.source,
      assignedAt: r.h.assignedAt.toISOString(),
      countsFrom: r.h.countsFrom.toISOString(),
      endedAt: r.h.endedAt?.toISOString() ?? null,
      current: r.h.current,
    })),
  };
}

/** When the association ends, the current assignment ends with it (called from the unbind hook). */
export async function endAssignment(tx: Executor, association: Pick<Association, 'id'>) {
  await tx
    .update(customerManagerAssignments)
    .set({ current: false, endedAt: clock.now(), endedByKind: 'system', endedById: null })
    .where(and(eq(customerManagerAssignments.associationId, association.id), eq(customerManagerAssignments.current, true)));
}
