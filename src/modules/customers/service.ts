import { and, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { Text } from '../../platform/i18n/index.js';
import { audit } from '../../platform/audit/index.js';
import { notFound } from '../../platform/errors.js';
import { P, requireAccount, requirePermission, type DataScope } from '../../platform/access/index.js';
import { defineExport } from '../../platform/export/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { normaliseMobile } from '../accounts/service.js';
import { partners, companies } from '../partners/schema.js';
import { orgMembers } from '../org/schema.js';
import { customerScope, listContactsForCustomer } from '../org/service.js';
import { escapeLike, iso, masked, pageArgs, partnerKind, partnerNames } from './common.js';
import { channelProvider, customerListFilters, customerRowEnrichers } from './extensions.js';
import { currentNotice, noticeView, pendingNotice } from './notice.js';
import {
  ASSOCIATION_TYPE_NAMES,
  CUSTOMER,
  EVENT_STATUS_NAMES,
  EVENT_TYPE_NAMES,
  OPEN_EVENT_STATUSES,
  nameOf,
  type AssociationType,
} from './names.js';
import { associationEvents, customerAssociations, type CustomerAssociation } from './schema.js';

export { ASSOCIATION_TYPE_NAMES as ASSOCIATION_TYPES };

// ---------------------------------------------------------------- for other modules

/** The customer's current association (any partner), or null. */
export async function getActiveAssociation(ex: Executor, customerAccountId: string): Promise<CustomerAssociation | null> {
  if (!isUuid(customerAccountId)) return null;
  const [row] = await ex
    .select()
    .from(customerAssociations)
    .where(and(eq(customerAssociations.customerAccountId, customerAccountId), eq(customerAssociations.status, 'associated')));
  return row ?? null;
}

/** SQL condition "this association is visible to the actor" (tenant + 客户经理 / 主管 data scope). */
export function scopeCondition(partnerId: string, scope: DataScope): SQL {
  const tenant = and(eq(customerAssociations.partnerId, partnerId), eq(customerAssociations.status, 'associated'))!;
  if (scope.all) return tenant;
  if (!scope.managerIds.length) return sql`false`;
  return and(tenant, inArray(customerAssociations.accountManagerId, scope.managerIds))!;
}

/**
 * The customer account ids the actor may see: every associated customer of its partner for the admin
 * and other roles, a 客户经理's own, a 客户经理主管's and their managers' (R23). Pass the transaction as
 * `ex` inside one. For large partners prefer `scopedCustomerIdsQuery` inside `inArray(col, …)`.
 */
export async function listScopedCustomerIds(ctx: Ctx, ex: Executor = ctx.db): Promise<string[]> {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx, ex);
  const rows = await ex.select({ id: customerAssociations.customerAccountId }).from(customerAssociations).where(scopeCondition(actor.partnerId, scope));
  return rows.map((r) => r.id);
}

/** The same set as a subquery, for `inArray(table.customerAccountId, await scopedCustomerIdsQuery(ctx))`. */
export async function scopedCustomerIdsQuery(ctx: Ctx, ex: Executor = ctx.db) {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx, ex);
  return ex.select({ id: customerAssociations.customerAccountId }).from(customerAssociations).where(scopeCondition(actor.partnerId, scope));
}

// ---------------------------------------------------------------- 客户管理 list (op 14)

export const CustomerListQuery = z
  .object({
    tab: z.enum(['mine', 'resellers']).default('mine'), // 我的客户 / 云经销商的客户 (distributors)
    associationType: z.enum(['consulting', 'resale']).optional(),
    customerName: z.string().max(100).optional(),
    accountName: z.string().max(100).optional(),
    customerId: z.string().max(64).optional(), // 客户ID: exact
    managerName: z.string().max(64).optional(),
    mobile: z.string().max(32).optional(),
    tag: z.string().max(64).optional(), // 客户标签 / 自定义标签
    associatedFrom: z.coerce.date().optional(),
    associatedTo: z.coerce.date().optional(),
    // 本月消费 (yuan, a range) and 资源到期时间 (a 包年/包月 resource expiring in [from, to)): data of the cloud
    // module, which contributes the SQL condition (extensions.ts registerCustomerListFilter)
    thisMonthConsumptionMin: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, '请输入金额').optional()),
    thisMonthConsumptionMax: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, '请输入金额').optional()),
    resourceExpiresFrom: z.coerce.date().optional(),
    resourceExpiresTo: z.coerce.date().optional(),
  })
  .strict();
export type CustomerListFilter = z.infer<typeof CustomerListQuery>;

async function listConditions(ctx: Ctx, ex: Executor, actor: PartnerActor, q: CustomerListFilter): Promise<{ where: SQL; readOnly: boolean }> {
  const conds: SQL[] = [];
  let readOnly = false;
  if (q.tab === 'resellers') {
    // 云经销商的客户: basic info of the customers of the distributor's resellers, read only
    const resellers = (await partnerKind(ex, actor.partnerId)) === 'distributor' ? await channelProvider().resellerPartnerIds(ex, actor.partnerId) : [];
    conds.push(resellers.length ? and(inArray(customerAssociations.partnerId, resellers), eq(customerAssociations.status, 'associated'))! : sql`false`);
    readOnly = true;
  } else {
    conds.push(scopeCondition(actor.partnerId, await customerScope(ctx, ex)));
  }
  const like = (v: string) => `%${escapeLike(v.trim())}%`;
  if (q.associationType) conds.push(eq(customerAssociations.associationType, q.associationType));
  if (q.customerId?.trim()) conds.push(isUuid(q.customerId.trim()) ? eq(customerAssociations.customerAccountId, q.customerId.trim()) : sql`false`);
  if (q.tag?.trim()) conds.push(ilike(customerAssociations.customTag, like(q.tag)));
  if (q.associatedFrom) conds.push(gte(customerAssociations.associatedAt, q.associatedFrom));
  if (q.associatedTo) conds.push(lt(customerAssociations.associatedAt, q.associatedTo));
  for (const provide of customerListFilters()) {
    const c = provide({ thisMonthConsumptionMin: q.thisMonthConsumptionMin, thisMonthConsumptionMax: q.thisMonthConsumptionMax, resourceExpiresFrom: q.resourceExpiresFrom, resourceExpiresTo: q.resourceExpiresTo });
    if (c) conds.push(c);
  }
  const accountConds: SQL[] = [];
  if (q.customerName?.trim()) accountConds.push(or(ilike(accounts.name, like(q.customerName)), ilike(accounts.enterpriseName, like(q.customerName)))!);
  if (q.accountName?.trim()) accountConds.push(ilike(accounts.accountName, like(q.accountName)));
  if (q.mobile?.trim()) {
    const digits = q.mobile.replace(/[^\d+]/g, '');
    accountConds.push(digits.startsWith('+') ? eq(accounts.mobile, normaliseMobile(digits)) : ilike(accounts.mobile, `%${escapeLike(digits)}%`));
  }
  if (accountConds.length) conds.push(inArray(customerAssociations.customerAccountId, ex.select({ id: accounts.id }).from(accounts).where(and(...accountConds))));
  if (q.managerName?.trim()) {
    // the matching managers first, as values: the planner then walks the (partner, status, type,
    // manager, associated_at, id) index in page order instead of filtering the partner's whole list
    const owner = q.tab === 'resellers' ? undefined : eq(orgMembers.partnerId, actor.partnerId);
    const managerIds = (await ex.select({ id: orgMembers.id }).from(orgMembers).where(and(owner, ilike(orgMembers.name, like(q.managerName))))).map((m) => m.id);
    conds.push(managerIds.length ? inArray(customerAssociations.accountManagerId, managerIds) : sql`false`);
  }
  return { where: and(...conds)!, readOnly };
}

const listColumns = {
  a: customerAssociations,
  accountName: accounts.accountName,
  name: accounts.name,
  enterpriseName: accounts.enterpriseName,
  mobile: accounts.mobile,
  email: accounts.email,
  realNameStatus: accounts.realNameStatus,
  realNameType: accounts.realNameType,
  attributes: accounts.attributes,
  managerName: orgMembers.name,
};
type ListRow = { a: CustomerAssociation; accountName: string; name: string | null; enterpriseName: string | null; mobile: string; email: string | null; realNameStatus: string; realNameType: string | null; attributes: Record<string, unknown>; managerName: string | null };

function customerRow(ctx: Ctx, r: ListRow, reveal: boolean, readOnly: boolean, partnerName: string | null) {
  const name = r.enterpriseName ?? r.name ?? r.accountName;
  const level = typeof r.attributes?.customerLevel === 'string' ? r.attributes.customerLevel : 'V0';
  return {
    customerId: r.a.customerAccountId, // 客户ID
    associationId: r.a.id,
    customerName: reveal ? name : masked.name(name)!,
    accountName: r.accountName,
    level, // 客户等级
    mobile: reveal ? r.mobile : masked.phone(r.mobile)!,
    realNameStatus: r.realNameStatus,
    associationType: r.a.associationType,
    associationTypeName: nameOf(ASSOCIATION_TYPE_NAMES, r.a.associationType, ctx.lang),
    associatedAt: r.a.associatedAt.toISOString(),
    accountManagerId: readOnly ? null : r.a.accountManagerId,
    accountManagerName: readOnly ? null : reveal ? r.managerName : masked.name(r.managerName),
    customTag: r.a.customTag,
    partnerId: r.a.partnerId,
    partnerName,
    readOnly,
    extra: {} as Record<string, string | number | null>,
  };
}
export type CustomerRowView = ReturnType<typeof customerRow>;

/** 客户列表: filtered, scoped and paged in SQL, newest association first; names, phones and managers masked. */
export async function listCustomers(ctx: Ctx, q: CustomerListFilter & { page?: number; pageSize?: number }) {
  const actor = requirePermission(ctx, P.customers);
  const { page, pageSize, offset } = pageArgs(q);
  const { where, readOnly } = await listConditions(ctx, ctx.db, actor, q);
  // The page's ids first (an index-only walk), then the joins for those rows only: joining before
  // LIMIT/OFFSET would fetch every skipped row and its account too (issue 4 bench, 100,000 customers).
  const pageIds = ctx.db
    .select({ id: customerAssociations.id })
    .from(customerAssociations)
    .where(where)
    .orderBy(desc(customerAssociations.associatedAt), desc(customerAssociations.id))
    .limit(pageSize)
    .offset(offset);
  const rows = (await ctx.db
    .select(listColumns)
    .from(customerAssociations)
    .innerJoin(accounts, eq(accounts.id, customerAssociations.customerAccountId))
    .leftJoin(orgMembers, eq(orgMembers.id, customerAssociations.accountManagerId))
    .where(inArray(customerAssociations.id, pageIds))
    .orderBy(desc(customerAssociations.associatedAt), desc(customerAssociations.id))) as ListRow[];
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(customerAssociations).where(where);
  const names = readOnly ? await partnerNames(ctx.db, rows.map((r) => r.a.partnerId)) : new Map<string, string>();
  const items = rows.map((r) => customerRow(ctx, r, false, readOnly, names.get(r.a.partnerId) ?? null));
  if (!readOnly && items.length) {
    const keys = items.map((i) => ({ associationId: i.associationId, customerAccountId: i.customerId, partnerId: i.partnerId }));
    for (const enrich of customerRowEnrichers()) {
      const values = await enrich(ctx.db, keys);
      for (const i of items) Object.assign(i.extra, values.get(i.associationId) ?? {});
    }
  }
  return { items, total: Number(n), page, pageSize };
}

async function findVisible(ctx: Ctx, actor: PartnerActor, customerId: string) {
  if (!isUuid(customerId)) throw notFound(CUSTOMER);
  for (const tab of ['mine', 'resellers'] as const) {
    const { where, readOnly } = await listConditions(ctx, ctx.db, actor, { tab, customerId });
    const [row] = (await ctx.db
      .select(listColumns)
      .from(customerAssociations)
      .innerJoin(accounts, eq(accounts.id, customerAssociations.customerAccountId))
      .leftJoin(orgMembers, eq(orgMembers.id, customerAssociations.accountManagerId))
      .where(where)) as ListRow[];
    if (row) return { row, readOnly };
  }
  throw notFound(CUSTOMER); // another partner's, unbound, or outside the 客户经理's scope
}

/** 客户详情 (概览 / 基本信息 basics): 云经销商的客户 show basic info only (spec 06 C1). */
export async function getCustomer(ctx: Ctx, customerId: string) {
  const actor = requirePermission(ctx, P.customers);
  const { row, readOnly } = await findVisible(ctx, actor, customerId);
  const names = readOnly ? await partnerNames(ctx.db, [row.a.partnerId]) : new Map<string, string>();
  const base = customerRow(ctx, row, false, readOnly, names.get(row.a.partnerId) ?? null);
  if (readOnly) return { ...base, email: null, enterpriseVerified: false, pendingRequest: null, recentEvents: [], canManageAssociation: false };
  const events = await ctx.db
    .select()
    .from(associationEvents)
    .where(eq(associationEvents.associationId, row.a.id))
    .orderBy(desc(associationEvents.appliedAt))
    .limit(10);
  const open = events.find((e) => (OPEN_EVENT_STATUSES as readonly string[]).includes(e.status));
  return {
    ...base,
    email: masked.email(row.email),
    enterpriseVerified: row.realNameStatus === 'verified' && row.realNameType === 'enterprise',
    noticeVersion: row.a.noticeVersion,
    pendingRequest: open ? { id: open.id, type: open.type, typeName: nameOf(EVENT_TYPE_NAMES, open.type, ctx.lang), status: open.status, statusName: nameOf(EVENT_STATUS_NAMES, open.status, ctx.lang), initiator: open.initiator } : null,
    recentEvents: events.map((e) => ({ id: e.id, type: e.type, typeName: nameOf(EVENT_TYPE_NAMES, e.type, ctx.lang), status: e.status, statusName: nameOf(EVENT_STATUS_NAMES, e.status, ctx.lang), appliedAt: e.appliedAt.toISOString() })),
    canManageAssociation: actor.isAdmin, // 只有伙伴管理员角色可以解除关联或者切换关联类型
  };
}

/** The eye toggle on 客户列表 (name, mobile, e-mail, manager) for one customer; audited. */
export async function revealCustomer(ctx: Ctx, customerId: string) {
  const actor = requirePermission(ctx, P.customers);
  const { row, readOnly } = await findVisible(ctx, actor, customerId);
  await audit(ctx.db, ctx, { action: 'customers.customer.revealed', objectType: 'customer', objectId: row.a.customerAccountId, customerAccountId: row.a.customerAccountId });
  const v = customerRow(ctx, row, true, readOnly, null);
  return { customerId: v.customerId, customerName: v.customerName, accountName: v.accountName, mobile: v.mobile, email: readOnly ? null : row.email, accountManagerName: v.accountManagerName };
}

/** 导出 > 导出当前记录: 仅限超级管理员 (the partner account itself, 8922); anonymised (8929). */
export const customerListExport = defineExport({
  kind: 'customers.list',
  title: { zh: '客户管理-客户列表', en: 'Customer list' },
  access: { actor: 'partner', partnerAccount: true },
  permission: P.customers,
  params: CustomerListQuery,
  columns: [
    { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'accountName', title: { zh: '账号名', en: 'Account' } },
    { key: 'customerId', title: { zh: '客户ID', en: 'Customer ID' } },
    { key: 'level', title: { zh: '客户等级', en: 'Level' } },
    { key: 'mobile', title: { zh: '移动电话', en: 'Mobile' }, mask: 'phone' },
    { key: 'associationTypeName', title: { zh: '关联类型', en: 'Association type' } },
    { key: 'associatedAt', title: { zh: '关联时间', en: 'Associated at' } },
    { key: 'accountManagerName', title: { zh: '客户经理姓名', en: 'Account manager' }, mask: 'name' },
    { key: 'customTag', title: { zh: '客户标签', en: 'Tag' } },
  ],
  async *rows(ex, ctx, params) {
    const actor = requirePermission(ctx, P.customers);
    const { where, readOnly } = await listConditions(ctx, ex, actor, params);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const page = (await ex
        .select(listColumns)
        .from(customerAssociations)
        .innerJoin(accounts, eq(accounts.id, customerAssociations.customerAccountId))
        .leftJoin(orgMembers, eq(orgMembers.id, customerAssociations.accountManagerId))
        .where(
          and(
            where,
            after ? or(lt(customerAssociations.associatedAt, after.at), and(eq(customerAssociations.associatedAt, after.at), lt(customerAssociations.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(customerAssociations.associatedAt), desc(customerAssociations.id))
        .limit(1000)) as ListRow[];
      if (!page.length) return;
      // unmasked here: the export masks the declared columns itself
      for (const r of page) yield customerRow(ctx, r, true, readOnly, null);
      const last = page[page.length - 1]!;
      after = { at: last.a.associatedAt, id: last.a.id };
    }
  },
});

// ---------------------------------------------------------------- the customer portal: 我的合作伙伴

/**
 * 账号中心 > 我的合作伙伴 (guide L3536, 13.x): the partner the signed-in customer is associated with,
 * its 客户联系人 (or, when it has none, its administrator's details; spec 02 R28), the partner's
 * requests waiting for the customer (立即处理) and a newer notice to sign (立即签署).
 */
export async function myPartners(ctx: Ctx) {
  const actor = requireAccount(ctx);
  const rows = await ctx.db
    .select({ a: customerAssociations, partnerName: partners.displayName, companyName: companies.name })
    .from(customerAssociations)
    .innerJoin(partners, eq(partners.id, customerAssociations.partnerId))
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .where(and(eq(customerAssociations.customerAccountId, actor.accountId), eq(customerAssociations.status, 'associated')));
  const items = [];
  for (const r of rows) {
    const contacts = await listContactsForCustomer(ctx.db, r.a.partnerId);
    const open = await ctx.db
      .select()
      .from(associationEvents)
      .where(and(eq(associationEvents.associationId, r.a.id), inArray(associationEvents.status, [...OPEN_EVENT_STATUSES])));
    const notice = await pendingNotice(ctx.db, actor.accountId, r.a.associationType as AssociationType);
    items.push({
      partnerId: r.a.partnerId,
      partnerName: r.partnerName,
      companyName: r.companyName,
      associationType: r.a.associationType,
      associationTypeName: (ASSOCIATION_TYPE_NAMES as Record<string, Text>)[r.a.associationType] ?? { zh: r.a.associationType, en: r.a.associationType },
      associatedAt: r.a.associatedAt,
      contactsSource: contacts.source,
      contacts: contacts.items,
      pendingRequests: open.map((e) => ({
        id: e.id,
        type: e.type,
        typeName: nameOf(EVENT_TYPE_NAMES, e.type, ctx.lang),
        initiator: e.initiator,
        status: e.status,
        statusName: nameOf(EVENT_STATUS_NAMES, e.status, ctx.lang),
        toType: e.toType,
        reason: e.reason,
        appliedAt: e.appliedAt.toISOString(),
        actionable: e.initiator === 'partner' && e.status === 'pending', // 立即处理
        // 同意切换 asks the customer to read and accept both notices of the target mode (13.4)
        switchNotice: e.type === 'switch' && e.toType ? noticeView(currentNotice('switch-notice', e.toType as AssociationType), ctx.lang) : null,
        associationNotice: e.type === 'switch' && e.toType ? noticeView(currentNotice('association-notice', e.toType as AssociationType), ctx.lang) : null,
      })),
      noticeToSign: notice ? noticeView(notice, ctx.lang) : null,
    });
  }
  return { items };
}


