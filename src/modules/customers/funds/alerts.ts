import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/index.js';
import { P, requirePermission, requireStaff, STAFF_ROLES, type DataScope } from '../../../platform/access/index.js';
import { fieldError, notFound, refused } from '../../../platform/errors.js';
import { audit } from '../../../platform/audit/index.js';
import { send } from '../../../platform/notify/index.js';
import { clock } from '../../../platform/clock.js';
import { maskName } from '../../../platform/export/index.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { accounts } from '../../accounts/schema.js';
import { orgMembers } from '../../org/schema.js';
import { customerScope } from '../../org/service.js';
import { customerAssociations } from '../schema.js';
import { customerAlerts, type AlertCategory, type AlertHandling, type AlertStatus } from './schema.js';
import { activeAssociationOfCustomer, auditReveal, customerInfos, pageArgs, partnerNames, pick, shown, type Association } from './shared.js';

/**
 * 客户预警 (spec 04 op 34, §2.16; guide 10.4.5, L9895–9977). Vendor staff raise an alert on a
 * customer (the guide's alerts come from Huawei's daily analysis; the ops console is where the vendor
 * does it here). The partner sees every alert of its customers under 查看预警, and only the customer's
 * 客户归属唯一责任人 (sole responsible owner) handles it under 处理预警.
 *
 * Our reading of the sole owner: the customer's assigned 客户经理 when it has one; otherwise the
 * partner administrator (the partner account or a 系统管理员). Nobody else, not even the admin of a
 * customer that has a manager, may handle the alert.
 */

export const CATEGORY_NAMES: Record<AlertCategory, Text> = {
  churn: { zh: '流失预警', en: 'Churn alert' },
  resource: { zh: '资源预警', en: 'Resource alert' },
};
export const STATUS_NAMES: Record<AlertStatus, Text> = {
  pending: { zh: '待处理', en: 'Pending' },
  handled: { zh: '已处理', en: 'Handled' },
};

/** 流失原因 (客户是否流失 = 已流失). */
export const CHURN_REASONS: Record<string, Text> = {
  product_gaps: { zh: '产品能力不足', en: 'Product gaps' },
  uncompetitive: { zh: '商务缺失竞争力', en: 'Uncompetitive commercial terms' },
  moved_to_competitor: { zh: '客户业务已迁移至友商', en: 'Moved to a competitor' },
  paused: { zh: '客户业务暂停', en: 'Business paused' },
  short_term: { zh: '客户部署的是短期业务', en: 'Short-term workload' },
  other: { zh: '其他', en: 'Other' },
};
/** 未流失反馈 (客户是否流失 = 未流失). */
export const NOT_CHURNED_FEEDBACK: Record<string, Text> = {
  normal_contact: { zh: '业务调整、正常沟通', en: 'Business adjustment, normal contact' },
  new_purchase: { zh: '客户近期会有新购', en: 'A new purchase is coming' },
  shrinking: { zh: '客户业务萎缩', en: 'Business shrinking' },
  fluctuation: { zh: '客户消费正常波动', en: 'Normal fluctuation' },
  other: { zh: '其他', en: 'Other' },
};
/** 处理结果 of a 资源预警. */
export const RESOURCE_RESULTS: Record<string, Text> = {
  solved: { zh: '已解决', en: 'Solved' },
  no_action: { zh: '无需处理', en: 'No action needed' },
  other: { zh: '其他', en: 'Other' },
};

const ALERT: Text = { zh: '客户预警', en: 'Customer alert' };
const RAISERS = [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager, STAFF_ROLES.operations];
const NOTE_MAX = 500;

type AlertRow = typeof customerAlerts.$inferSelect;

/** Is this actor the customer's 客户归属唯一责任人? */
export function isSoleOwner(actor: PartnerActor, assoc: Pick<Association, 'accountManagerId'> | null): boolean {
  if (assoc?.accountManagerId) return actor.memberId === assoc.accountManagerId;
  return actor.isAdmin;
}

function handlingView(a: AlertRow, lang: Ctx['lang']) {
  if (!a.handling) return null;
  const h = a.handling;
  const table = a.category === 'resource' ? RESOURCE_RESULTS : h.churned ? CHURN_REASONS : NOT_CHURNED_FEEDBACK;
  return {
    churned: h.churned ?? null,
    churnedName: h.churned === undefined ? null : pick(h.churned ? { zh: '已流失', en: 'Churned' } : { zh: '未流失', en: 'Not churned' }, lang),
    reason: h.reason ?? null,
    reasonName: h.reason && table[h.reason] ? pick(table[h.reason]!, lang) : null,
    note: h.note ?? null,
    handledAt: a.handledAt?.toISOString() ?? null,
    handledByName: a.handledByName,
  };
}

async function views(ex: Executor, ctx: Ctx, rows: AlertRow[], reveal: boolean, actor: PartnerActor | null) {
  const infos = await customerInfos(ex, rows.map((r) => r.customerAccountId));
  const managerIds = [...new Set(rows.map((r) => r.accountManagerId).filter((x): x is string => !!x))];
  const managers = managerIds.length ? await ex.select({ id: orgMembers.id, name: orgMembers.name }).from(orgMembers).where(inArray(orgMembers.id, managerIds)) : [];
  const managerName = new Map(managers.map((m) => [m.id, m.name]));
  const currentAssocs = rows.length
    ? await ex
        .select({ customerAccountId: customerAssociations.customerAccountId, partnerId: customerAssociations.partnerId, accountManagerId: customerAssociations.accountManagerId })
        .from(customerAssociations)
        .where(and(inArray(customerAssociations.customerAccountId, [...new Set(rows.map((r) => r.customerAccountId))]), eq(customerAssociations.status, 'associated')))
    : [];
  return rows.map((r) => {
    const who = shown(infos.get(r.customerAccountId), reveal);
    const name = r.accountManagerId ? (managerName.get(r.accountManagerId) ?? null) : null;
    const assoc = currentAssocs.find((a) => a.customerAccountId === r.customerAccountId && a.partnerId === r.partnerId) ?? null;
    return {
      id: r.id,
      scenarioName: r.scenarioName,
      category: r.category,
      categoryName: pick(CATEGORY_NAMES[r.category], ctx.lang),
      title: r.title,
      content: r.content,
      customerId: r.customerAccountId,
      customerName: who.customerName,
      accountName: who.accountName,
      sentAt: r.sentAt.toISOString(),
      accountManagerName: name && !reveal ? maskName(name) : name,
      status: r.status,
      statusName: pick(STATUS_NAMES[r.status], ctx.lang),
      canHandle: actor ? r.status === 'pending' && !!assoc && isSoleOwner(actor, assoc) : false,
      handling: handlingView(r, ctx.lang),
    };
  });
}

/* ------------------------------------------------------------------ the vendor raises */

export interface RaiseAlertInput {
  customerId: string;
  category: AlertCategory;
  scenarioName: string;
  title: string;
  content?: string | null;
}

/** 运营后台: raise an alert on an associated customer; its partner's sole owner is told. */
export async function raiseAlert(ctx: Ctx, input: RaiseAlertInput) {
  const staff = requireStaff(ctx, RAISERS);
  const scenarioName = input.scenarioName?.trim();
  const title = input.title?.trim();
  if (!scenarioName || scenarioName.length > 64) throw fieldError('scenarioName', 'customers.alerts.scenario', { zh: '请输入场景名称（最多64个字符）', en: 'Enter the scenario (at most 64 characters)' });
  if (!title || title.length > 128) throw fieldError('title', 'customers.alerts.title', { zh: '请输入标题（最多128个字符）', en: 'Enter the title (at most 128 characters)' });
  const content = input.content?.trim() || null;
  if (content && content.length > 2000) throw fieldError('content', 'customers.alerts.content', { zh: '预警详情最多2000个字符', en: 'At most 2000 characters' });
  return inTransaction(ctx.db, async (tx) => {
    const assoc = await activeAssociationOfCustomer(tx, input.customerId);
    if (!assoc) throw notFound({ zh: '已关联的客户', en: 'Associated customer' });
    const now = clock.now();
    const [row] = await tx
      .insert(customerAlerts)
      .values({
        partnerId: assoc.partnerId,
        customerAccountId: assoc.customerAccountId,
        associationId: assoc.id,
        scenarioName,
        category: input.category,
        title,
        content,
        accountManagerId: assoc.accountManagerId,
        status: 'pending',
        sentAt: now,
        raisedByStaffId: staff.staffId,
      })
      .returning();
    await audit(tx, ctx, { action: 'customers.alerts.raised', objectType: 'customer_alert', objectId: row!.id, partnerId: assoc.partnerId, after: { customerId: assoc.customerAccountId, category: input.category, scenarioName, title } });
    const body = `您有一条新的客户预警待处理：${title}。 A new customer alert awaits you: ${title}.`;
    const m = { template: 'customers.alert-raised', subject: '客户预警 / Customer alert', body, data: { alertId: row!.id } };
    if (assoc.accountManagerId) await send(tx, { ...m, channel: 'site', to: { kind: 'member', id: assoc.accountManagerId } });
    else await send(tx, { ...m, channel: 'site', to: { kind: 'partner', id: assoc.partnerId } });
    const [v] = await views(tx, ctx, [row!], true, null);
    return { ...v!, partnerId: assoc.partnerId };
  });
}

/** 运营后台: every alert, any partner. */
export async function opsListAlerts(ctx: Ctx, q: { partnerId?: string; status?: AlertStatus; customerId?: string; page?: number; pageSize?: number }) {
  requireStaff(ctx, [...RAISERS, STAFF_ROLES.finance, STAFF_ROLES.reviewer]);
  const { page, pageSize, offset } = pageArgs(q);
  const where = and(
    q.partnerId ? eq(customerAlerts.partnerId, q.partnerId) : undefined,
    q.status ? eq(customerAlerts.status, q.status) : undefined,
    q.customerId ? eq(customerAlerts.customerAccountId, q.customerId) : undefined,
  );
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAlerts).where(where);
  const rows = await ctx.db.select().from(customerAlerts).where(where).orderBy(desc(customerAlerts.sentAt), desc(customerAlerts.id)).limit(pageSize).offset(offset);
  const names = await partnerNames(ctx.db, rows.map((r) => r.partnerId));
  const vs = await views(ctx.db, ctx, rows, true, null);
  return { items: vs.map((v, i) => ({ ...v, partnerId: rows[i]!.partnerId, partnerName: names.get(rows[i]!.partnerId) ?? '' })), total: Number(n), page, pageSize };
}

/* ------------------------------------------------------------------ the partner's two tabs */

function scopeCondition(partnerId: string, scope: DataScope): SQL | undefined {
  if (scope.all) return undefined;
  if (!scope.managerIds.length) return sql`false`;
  return inArray(
    customerAlerts.customerAccountId,
    sql`(select ${customerAssociations.customerAccountId} from ${customerAssociations} where ${customerAssociations.partnerId} = ${partnerId} and ${customerAssociations.status} = 'associated' and ${inArray(customerAssociations.accountManagerId, scope.managerIds)})`,
  );
}

/** Alerts whose customer's sole owner is this actor (处理预警). */
function ownedCondition(actor: PartnerActor): SQL {
  const owned = actor.memberId
    ? sql`${customerAssociations.accountManagerId} = ${actor.memberId}`
    : sql`false`;
  const adminOwned = actor.isAdmin ? sql`${customerAssociations.accountManagerId} is null` : sql`false`;
  return inArray(
    customerAlerts.customerAccountId,
    sql`(select ${customerAssociations.customerAccountId} from ${customerAssociations} where ${customerAssociations.partnerId} = ${actor.partnerId} and ${customerAssociations.status} = 'associated' and (${owned} or ${adminOwned}))`,
  );
}

export interface AlertQuery {
  tab?: 'handle' | 'view'; // 处理预警 (mine, pending by default) | 查看预警 (all)
  status?: AlertStatus;
  category?: AlertCategory;
  customer?: string; // 客户名称 / 账号名
  manager?: string; // 客户经理姓名
  customerId?: string;
  page?: number;
  pageSize?: number;
  reveal?: boolean;
}

export async function listAlerts(ctx: Ctx, q: AlertQuery) {
  const actor = requirePermission(ctx, P.customerAlerts);
  const scope = await customerScope(ctx);
  await auditReveal(ctx, q.reveal, 'customer_alert_list');
  const { page, pageSize, offset } = pageArgs(q);
  const conds: (SQL | undefined)[] = [eq(customerAlerts.partnerId, actor.partnerId), scopeCondition(actor.partnerId, scope)];
  if ((q.tab ?? 'view') === 'handle') {
    conds.push(ownedCondition(actor));
    conds.push(eq(customerAlerts.status, q.status ?? 'pending'));
  } else if (q.status) conds.push(eq(customerAlerts.status, q.status));
  if (q.category) conds.push(eq(customerAlerts.category, q.category));
  if (q.customerId) conds.push(eq(customerAlerts.customerAccountId, q.customerId));
  if (q.customer) {
    const like = `%${q.customer.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(inArray(customerAlerts.customerAccountId, sql`(select ${accounts.id} from ${accounts} where ${or(ilike(accounts.name, like), ilike(accounts.enterpriseName, like), ilike(accounts.accountName, like))})`));
  }
  if (q.manager) {
    const like = `%${q.manager.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(inArray(customerAlerts.accountManagerId, sql`(select ${orgMembers.id} from ${orgMembers} where ${orgMembers.partnerId} = ${actor.partnerId} and ${ilike(orgMembers.name, like)})`));
  }
  const where = and(...conds);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAlerts).where(where);
  const rows = await ctx.db.select().from(customerAlerts).where(where).orderBy(desc(customerAlerts.sentAt), desc(customerAlerts.id)).limit(pageSize).offset(offset);
  return { items: await views(ctx.db, ctx, rows, !!q.reveal, actor), total: Number(n), page, pageSize };
}

async function findAlert(ex: Executor, ctx: Ctx, actor: PartnerActor, id: string, lock = false): Promise<AlertRow> {
  if (!isUuid(id)) throw notFound(ALERT);
  const scope = await customerScope(ctx, ex);
  const q = ex.select().from(customerAlerts).where(and(eq(customerAlerts.id, id), eq(customerAlerts.partnerId, actor.partnerId), scopeCondition(actor.partnerId, scope)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(ALERT);
  return row;
}

export async function getAlert(ctx: Ctx, id: string, reveal = false) {
  const actor = requirePermission(ctx, P.customerAlerts);
  const row = await findAlert(ctx.db, ctx, actor, id);
  await auditReveal(ctx, reveal, 'customer_alert', id);
  const [v] = await views(ctx.db, ctx, [row], reveal, actor);
  return v!;
}

export interface HandleAlertInput {
  churned?: boolean | null; // 客户是否流失 (流失预警)
  reason: string; // 流失原因 / 未流失反馈 / 处理结果
  note?: string | null; // 其他
}

/** 处理 (op 34): only the sole owner, only a 待处理 alert; the dialog's options by category. */
export async function handleAlert(ctx: Ctx, id: string, input: HandleAlertInput) {
  const actor = requirePermission(ctx, P.customerAlerts);
  let table: Record<string, Text>;
  let field = 'reason';
  if (input.churned !== undefined && input.churned !== null && typeof input.churned !== 'boolean') throw fieldError('churned', 'customers.alerts.churned', { zh: '请选择客户是否流失', en: 'Say whether the customer churned' });
  return inTransaction(ctx.db, async (tx) => {
    const row = await findAlert(tx, ctx, actor, id, true);
    if (row.category === 'churn') {
      if (input.churned === undefined || input.churned === null) throw fieldError('churned', 'customers.alerts.churned', { zh: '请选择客户是否流失', en: 'Say whether the customer churned' });
      table = input.churned ? CHURN_REASONS : NOT_CHURNED_FEEDBACK;
      field = 'reason';
    } else {
      if (input.churned !== undefined && input.churned !== null) throw fieldError('churned', 'customers.alerts.churned-resource', { zh: '资源预警无需选择客户是否流失', en: 'A resource alert has no churn answer' });
      table = RESOURCE_RESULTS;
    }
    if (!input.reason || !(input.reason in table)) {
      const what = row.category === 'resource' ? '处理结果' : input.churned ? '流失原因' : '未流失反馈';
      throw fieldError(field, 'customers.alerts.reason', { zh: `请选择${what}`, en: 'Choose one of the listed options' });
    }
    const note = input.note?.trim() || null;
    if (note && note.length > NOTE_MAX) throw fieldError('note', 'customers.alerts.note', { zh: `最多${NOTE_MAX}个字符`, en: `At most ${NOTE_MAX} characters` });
    if (input.reason === 'other' && !note) throw fieldError('note', 'customers.alerts.note-required', { zh: '选择“其他”时请填写说明', en: 'Describe the "other" answer' });
    if (row.status !== 'pending') throw refused('customers.alerts.handled', { zh: '该预警已处理', en: 'This alert has been handled already' });
    const [assoc] = await tx
      .select()
      .from(customerAssociations)
      .where(and(eq(customerAssociations.partnerId, actor.partnerId), eq(customerAssociations.customerAccountId, row.customerAccountId), eq(customerAssociations.status, 'associated')));
    if (!assoc || !isSoleOwner(actor, assoc)) {
      throw refused('customers.alerts.not-owner', { zh: '客户预警仅支持客户归属唯一责任人处理', en: "Only the customer's sole responsible owner can handle its alerts" });
    }
    const handling: AlertHandling = { ...(row.category === 'churn' ? { churned: input.churned! } : {}), reason: input.reason, note };
    const who = actor.memberId ? { kind: 'member', id: actor.memberId } : { kind: 'partner-account', id: actor.accountId };
    const [updated] = await tx
      .update(customerAlerts)
      .set({ status: 'handled', handling, handledAt: clock.now(), handledByKind: who.kind, handledById: who.id, handledByName: actor.displayName })
      .where(eq(customerAlerts.id, row.id))
      .returning();
    await audit(tx, ctx, { action: 'customers.alerts.handled', objectType: 'customer_alert', objectId: row.id, before: { status: row.status }, after: { status: 'handled', handling } });
    const [v] = await views(tx, ctx, [updated!], false, actor);
    return v!;
  });
}

/** 待处理预警 counts per customer, for the customers module's list column (and 主页 > 客户预警). */
export async function pendingAlertCounts(ex: Executor, partnerId: string, customerAccountIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(customerAccountIds.map((c) => [c, 0]));
  if (!customerAccountIds.length) return out;
  const rs = await ex
    .select({ c: customerAlerts.customerAccountId, n: sql<number>`count(*)::int` })
    .from(customerAlerts)
    .where(and(eq(customerAlerts.partnerId, partnerId), eq(customerAlerts.status, 'pending'), inArray(customerAlerts.customerAccountId, customerAccountIds)))
    .groupBy(customerAlerts.customerAccountId);
  for (const r of rs) out.set(r.c, Number(r.n));
  return out;
}

