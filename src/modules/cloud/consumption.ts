import { and, asc, desc, eq, ilike, inArray, lt, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { rows, type Executor } from '../../platform/db/index.js';
import { P, PRESET_ROLES, requirePermission } from '../../platform/access/index.js';
import { audit } from '../../platform/audit/index.js';
import { HOUR_MS } from '../../platform/clock.js';
import { fieldError, refused } from '../../platform/errors.js';
import { defineExport, maskName } from '../../platform/export/index.js';
import type { Text } from '../../platform/i18n/index.js';
import { isUuid } from '../../platform/ids.js';
import { money, ZERO, type Money } from '../../platform/money.js';
import { accounts } from '../accounts/schema.js';
import { memberRoles, orgMembers, roles } from '../org/schema.js';
import { partners } from '../partners/schema.js';
import { customerScope } from '../org/service.js';
import { channelProvider } from '../customers/extensions.js';
import { escapeLike, partnerKind, type PartnerKind } from '../customers/common.js';
import { ASSOCIATION_TYPE_NAMES } from '../customers/names.js';
import { BILL_DETAIL_TYPES, cloudFeeRecords, cloudOrders, cloudProducts, cloudResources, cloudServiceTypes, cloudUsageRecords } from './schema.js';
import { CONSUMPTION_TYPES, REFUND_TYPES, requireBillMonth } from './fees.js';
import { rollupClosedThrough } from './consumption-rollup.js';
import { addChinaDays, chinaMidnight } from './time.js';

/**
 * 销售 > 客户 > 客户消费 for partners (spec 04 ops 31–33, spec 05 ops 5–7, R-O4–R-O7; distributor and
 * reseller variants, spec 05 §7): 消费汇总 over the rollup (`consumption-rollup.ts`), 消费明细 over the
 * fee records, 业绩明细, their exports, and the 95-peak product list.
 *
 * Scope: the actor's partner (tenant); a distributor's 云经销商 tab reads its resellers' customers. A
 * 客户经理 / 客户经理主管 (scoped data) sees in 消费汇总 the fees that count for them (R-O7, attribution in
 * the rollup) and in 消费明细 the fees rated while they managed the customer (the snapshot on the fee).
 */

const blank = (v: unknown) => (v === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(t: T) => z.preprocess(blank, t.optional());
const Str = (max = 100) => z.string().trim().max(max);
export const PartnerScopeParam = z.enum(['mine', 'resellers']); // 我的客户 / 云经销商的客户 (distributor)

export const SummaryFilter = z
  .object({
    month: z.string(), // 消费时间 (YYYY-MM)
    customerName: opt(Str()), // 客户名称
    accountName: opt(Str()), // 客户账号名 (distributor's filter; accepted for everyone)
    managerName: opt(Str(64)), // 客户经理姓名
    associationType: opt(z.enum(['consulting', 'resale'])), // 关联类型
    resellerName: opt(Str()), // 云经销商名称 (distributor, scope resellers)
    scope: PartnerScopeParam.default('mine'),
    tab: z.enum(['consumption', 'refund']).default('consumption'), // 客户消费汇总 / 客户退款汇总
    view: z.enum(['payment', 'association']).default('payment'), // 按支付方式 / 按关联类型
  })
  .strict();
export type SummaryFilter = z.infer<typeof SummaryFilter>;

export const DetailFilter = z
  .object({
    month: z.string(), // 账期 (YYYY-MM)
    customerName: opt(Str()), // 客户名称
    accountName: opt(Str()), // 客户账号名 (also the 子用户账号名 query, guide 7670)
    managerName: opt(Str(64)), // 客户经理姓名
    tradeId: opt(Str(64)), // 订单号/交易号
    resourceId: opt(Str(64)), // 资源ID
    resourceName: opt(Str()), // 资源名称
    serviceTypeCode: opt(Str(64)), // 产品类型
    associationType: opt(z.enum(['consulting', 'resale'])), // 关联类型
    chargingMode: opt(z.coerce.number().int().refine((v) => v === 1 || v === 3, '计费模式应为 1（包年/包月）或 3（按需）')), // 计费模式
    billDetailType: opt(z.coerce.number().int().refine((v) => (Object.values(BILL_DETAIL_TYPES) as number[]).includes(v), '不支持的账单类型')), // 账单类型
    regionCode: opt(Str(64)), // 区域
    hideZero: opt(z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])), // 隐藏0元消费
    partnerName: opt(Str()), // 伙伴名称 (distributor, scope resellers)
    scope: PartnerScopeParam.default('mine'),
  })
  .strict();
export type DetailFilter = z.infer<typeof DetailFilter>;

export const CHARGING_MODE_NAMES: Record<number, Text> = { 1: { zh: '包年/包月', en: 'Yearly/Monthly' }, 3: { zh: '按需', en: 'Pay-per-use' } };
export const BILL_TYPE_NAMES: Record<number, Text> = {
  [BILL_DETAIL_TYPES.subscribe]: { zh: '消费-新购', en: 'Consumption - new purchase' },
  [BILL_DETAIL_TYPES.renew]: { zh: '消费-续订', en: 'Consumption - renewal' },
  [BILL_DETAIL_TYPES.change]: { zh: '消费-变更', en: 'Consumption - change' },
  [BILL_DETAIL_TYPES.unsubscribe]: { zh: '退款-退订', en: 'Refund - unsubscription' },
  [BILL_DETAIL_TYPES.usage]: { zh: '消费-使用', en: 'Consumption - usage' },
  [BILL_DETAIL_TYPES.autoRenew]: { zh: '消费-自动续订', en: 'Consumption - auto-renewal' },
  [BILL_DETAIL_TYPES.changeRefund]: { zh: '退款-变更', en: 'Refund - change' },
};
const PAYMENT_NAMES: Record<'cash' | 'coupon' | 'debt', Text> = {
  cash: { zh: '现金支付', en: 'Cash' },
  coupon: { zh: '代金券抵扣', en: 'Vouchers' },
  debt: { zh: '欠费金额', en: 'Arrears' },
};
/** Guide 9797: shown on the page. */
export const NOT_A_BILL: Text = {
  zh: '客户消费主要用于伙伴查看所有子客户的消费情况，覆盖顾问销售类客户与代售类客户。客户消费并非伙伴的账单，不能作为伙伴结算、还款与开票的依据。',
  en: 'Customer consumption shows what all your customers spend (consulting and resale). It is not your bill and cannot be used for settlement, repayment or invoicing.',
};
/** R-O6 (guide 9874). */
export const EXPORT_LIMIT_MESSAGE: Text = { zh: '单次最多支持导出500万条记录，请缩小导出范围', en: 'At most 5,000,000 records per export; narrow the conditions' };
/** The detail exports' cap (R-O6); tests lower it. */
export const CONSUMPTION_EXPORT_LIMITS = { maxRows: 5_000_000 };
/** 消费明细 counts at most this many rows for its pager (the exact count of a million-row month costs more than the page). */
export const DETAIL_COUNT_CAP = 1_000;

const pick = (t: Text | undefined, lang: string) => (t ? (lang.startsWith('en') ? t.en : t.zh) : '');
const like = (v: string) => `%${escapeLike(v.trim())}%`;
/** "contains": LIKE when the text has no letters with case (Chinese names, digits) — the same matches as ILIKE at a quarter of its cost. */
const contains = (col: AnyColumn, v: string): SQL => (v.toLowerCase() === v.toUpperCase() ? sql`${col} LIKE ${like(v)}` : ilike(col, like(v)));
const c2 = (v: string | Money | null | undefined) => money(v ?? '0').toDecimalPlaces(2).toFixed(2);
const neg2 = (v: string | null | undefined) => money(v ?? '0').negated().toDecimalPlaces(2).toFixed(2);

/* ------------------------------------------------------------------ who and what may be read */

const uuidList = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
/** A name filter matching more customers than this stays a subquery. */
const MATCHED_CUSTOMERS = 2000;

interface Resolved {
  actor: PartnerActor;
  kind: PartnerKind;
  partnerIds: string[]; // tenants whose fees are read
  resellers: boolean; // the distributor's 云经销商 tab
  managers: string[] | null; // only fees counting for these 客户经理 (null: no restriction)
  customers: SQL | null; // a subquery of matching customer account ids
}

async function resolve(
  ctx: Ctx,
  ex: Executor,
  q: { scope?: 'mine' | 'resellers'; resellerName?: string; managerName?: string; customerName?: string; accountName?: string },
): Promise<Resolved> {
  const actor = requirePermission(ctx, P.customerConsumption);
  const kind = await partnerKind(ex, actor.partnerId);
  let partnerIds: string[] = [actor.partnerId];
  let managers: string[] | null = null;
  const resellers = q.scope === 'resellers';
  if (resellers) {
    // 云经销商的客户: the distributor reads its resellers' customers (their managers are the resellers')
    partnerIds = kind === 'distributor' ? await channelProvider().resellerPartnerIds(ex, actor.partnerId) : [];
    if (partnerIds.length && q.resellerName) {
      const named = await ex.select({ id: partners.id }).from(partners).where(and(inArray(partners.id, partnerIds), ilike(partners.displayName, like(q.resellerName))));
      partnerIds = named.map((p) => p.id);
    }
  } else {
    const scope = await customerScope(ctx, ex);
    if (!scope.all) managers = scope.managerIds;
  }
  if (q.managerName && partnerIds.length) {
    const named = (await ex.select({ id: orgMembers.id }).from(orgMembers).where(and(inArray(orgMembers.partnerId, partnerIds), ilike(orgMembers.name, like(q.managerName))))).map((m) => m.id);
    managers = managers === null ? named : managers.filter((m) => named.includes(m));
  }
  const accountConds: SQL[] = [];
  if (q.customerName) accountConds.push(or(contains(accounts.name, q.customerName), contains(accounts.enterpriseName, q.customerName))!);
  if (q.accountName) accountConds.push(contains(accounts.accountName, q.accountName));
  let customers: SQL | null = null;
  if (accountConds.length) {
    // the matching accounts once, as values (the name scan is the costly part; the reads below use the customer index)
    const found = await ex.select({ id: accounts.id }).from(accounts).where(and(...accountConds)).limit(MATCHED_CUSTOMERS + 1);
    customers =
      found.length > MATCHED_CUSTOMERS
        ? sql`(SELECT ${accounts.id} FROM ${accounts} WHERE ${and(...accountConds)})`
        : found.length
          ? sql`(${uuidList(found.map((f) => f.id))})`
          : sql`(NULL::uuid)`;
  }
  return { actor, kind, partnerIds, resellers, managers, customers };
}


/* ------------------------------------------------------------------ names */

interface Names {
  customers: Map<string, { name: string; accountName: string }>;
  services: Map<string, Text>;
  partners: Map<string, string>;
  members: Map<string, string>;
}
async function names(ex: Executor, ids: { customers?: string[]; services?: string[]; partners?: string[]; members?: (string | null)[] }): Promise<Names> {
  const uniq = <T>(a: T[] | undefined) => [...new Set(a ?? [])];
  const cs = uniq(ids.customers);
  const ss = uniq(ids.services);
  const ps = uniq(ids.partners);
  const ms = uniq((ids.members ?? []).filter((m): m is string => !!m));
  const [c, s, p, m] = await Promise.all([
    cs.length ? ex.select({ id: accounts.id, name: accounts.name, enterpriseName: accounts.enterpriseName, accountName: accounts.accountName }).from(accounts).where(inArray(accounts.id, cs)) : [],
    ss.length ? ex.select({ code: cloudServiceTypes.code, zh: cloudServiceTypes.nameZh, en: cloudServiceTypes.nameEn }).from(cloudServiceTypes).where(inArray(cloudServiceTypes.code, ss)) : [],
    ps.length ? ex.select({ id: partners.id, name: partners.displayName }).from(partners).where(inArray(partners.id, ps)) : [],
    ms.length ? ex.select({ id: orgMembers.id, name: orgMembers.name }).from(orgMembers).where(inArray(orgMembers.id, ms)) : [],
  ]);
  return {
    customers: new Map(c.map((r) => [r.id, { name: r.enterpriseName ?? r.name ?? r.accountName, accountName: r.accountName }])),
    services: new Map(s.map((r) => [r.code, { zh: r.zh, en: r.en }])),
    partners: new Map(p.map((r) => [r.id, r.name])),
    members: new Map(m.map((r) => [r.id, r.name])),
  };
}

const shownName = (v: string | undefined, reveal: boolean) => (v === undefined ? '' : reveal ? v : maskName(v));

async function auditReveal(ctx: Ctx, reveal: boolean | undefined, what: string) {
  if (reveal) await audit(ctx.db, ctx, { action: 'cloud.consumption.revealed', objectType: what, objectId: null });
}

/* ------------------------------------------------------------------ 消费汇总 */

interface GroupTotals {
  association_type: string;
  kind: number;
  service_type_code: string;
  row_count: number;
  amount: string;
  cash_amount: string;
  coupon_amount: string;
  debt_amount: string;
  discount_amount: string;
  official_amount: string;
}
interface GroupRow {
  partner_id: string;
  customer_account_id: string;
  service_type_code: string;
  charging_mode: number;
  association_type: string;
  amount: string;
  cash_amount: string;
  coupon_amount: string;
  debt_amount: string;
  discount_amount: string;
}

/**
 * Which rollup rows a summary reads, and how (README "消费汇总: how it is fast"):
 * - 'all': no 客户经理 restriction, no customer filter → the stats table answers count and cards, the
 *   (partner, month, kind, amount) index the page;
 * - 'manager': exactly one 客户经理 (their own view, or a 客户经理姓名 matching one) → the same per manager;
 * - 'group': anything else (a customer filter; a 主管's team) → the matching rows grouped on the fly.
 */
function summarySource(r: Resolved, q: SummaryFilter, month: string) {
  const useAm = r.managers !== null;
  const table = sql.raw(useAm ? 'cloud_consumption_monthly_am' : 'cloud_consumption_monthly');
  const where: SQL[] = [sql`partner_id IN (${uuidList(r.partnerIds)})`, sql`bill_month = ${month}::date`];
  if (useAm) where.push(r.managers!.length ? sql`manager_id IN (${uuidList(r.managers!)})` : sql`false`);
  if (q.associationType) where.push(sql`association_type = ${q.associationType}`);
  if (r.customers) where.push(sql`customer_account_id IN ${r.customers}`);
  const mode: 'all' | 'manager' | 'group' = r.customers ? 'group' : !useAm ? 'all' : r.managers!.length === 1 ? 'manager' : 'group';
  const stats = sql.raw(useAm ? 'cloud_consumption_stats_am' : 'cloud_consumption_stats');
  return { table, stats, where: sql.join(where, sql` AND `), mode };
}

export async function partnerConsumptionSummary(ctx: Ctx, q: SummaryFilter & { page?: number; pageSize?: number; reveal?: boolean }) {
  const monthKey = requireBillMonth(q.month);
  const ex = ctx.db;
  const r = await resolve(ctx, ex, q);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const closedThrough = await rollupClosedThrough(ex);
  const kind = q.tab === 'refund' ? 2 : 1;
  let totals: GroupTotals[] = [];
  let list: GroupRow[] = [];
  if (r.partnerIds.length) {
    const src = summarySource(r, q, monthKey);
    const dir = sql.raw(kind === 1 ? 'DESC' : 'ASC');
    if (src.mode !== 'group') {
      totals = await rows<GroupTotals>(
        ex,
        sql`SELECT association_type, kind, service_type_code, sum(row_count)::int AS row_count, sum(amount)::text AS amount, sum(cash_amount)::text AS cash_amount,
                   sum(coupon_amount)::text AS coupon_amount, sum(debt_amount)::text AS debt_amount, sum(discount_amount)::text AS discount_amount, sum(official_amount)::text AS official_amount
            FROM ${src.stats} WHERE ${src.where} GROUP BY 1, 2, 3`,
      );
      list = await rows<GroupRow>(
        ex,
        sql`SELECT partner_id, customer_account_id, service_type_code, charging_mode, association_type, amount::text, cash_amount::text, coupon_amount::text,
                   debt_amount::text, discount_amount::text
            FROM ${src.table} r WHERE ${src.where} AND kind = ${kind}
            ORDER BY r.amount ${dir}, r.id ${dir} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      );
    } else {
      const groups = sql`SELECT partner_id, kind, customer_account_id, service_type_code, charging_mode, association_type, sum(amount) AS amount, sum(cash_amount) AS cash_amount,
                                sum(coupon_amount) AS coupon_amount, sum(debt_amount) AS debt_amount, sum(discount_amount) AS discount_amount, sum(official_amount) AS official_amount
                         FROM ${src.table} WHERE ${src.where} GROUP BY 1, 2, 3, 4, 5, 6`;
      totals = await rows<GroupTotals>(
        ex,
        sql`SELECT association_type, kind, service_type_code, count(*)::int AS row_count, sum(amount)::text AS amount, sum(cash_amount)::text AS cash_amount,
                   sum(coupon_amount)::text AS coupon_amount, sum(debt_amount)::text AS debt_amount, sum(discount_amount)::text AS discount_amount, sum(official_amount)::text AS official_amount
            FROM (${groups}) g GROUP BY 1, 2, 3`,
      );
      list = await rows<GroupRow>(
        ex,
        sql`SELECT partner_id, customer_account_id, service_type_code, charging_mode, association_type, amount::text, cash_amount::text, coupon_amount::text,
                   debt_amount::text, discount_amount::text
            FROM (${groups}) g WHERE kind = ${kind}
            ORDER BY g.amount ${dir}, customer_account_id, service_type_code, charging_mode, association_type LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      );
    }
  }
  await auditReveal(ctx, q.reveal, 'consumption_summary');
  const n = await names(ex, { customers: list.map((l) => l.customer_account_id), services: totals.map((t) => t.service_type_code), partners: r.resellers ? list.map((l) => l.partner_id) : [] });
  const sum = (f: (t: GroupTotals) => boolean, k: keyof GroupTotals) => totals.filter(f).reduce((a, t) => a.plus(money(String(t[k]))), ZERO);
  const consumption = (t: GroupTotals) => t.kind === 1;
  const byService = new Map<string, { amount: Money; discount: Money; official: Money }>();
  for (const t of totals.filter(consumption)) {
    const e = byService.get(t.service_type_code) ?? { amount: ZERO, discount: ZERO, official: ZERO };
    byService.set(t.service_type_code, { amount: e.amount.plus(money(t.amount)), discount: e.discount.plus(money(t.discount_amount)), official: e.official.plus(money(t.official_amount)) });
  }
  const productTypes = [...byService.entries()]
    .map(([code, v]) => ({ serviceTypeCode: code, productTypeName: pick(n.services.get(code), ctx.lang) || code, amount: c2(v.amount), discount: c2(v.discount), official: c2(v.official) }))
    .sort((a, b) => money(b.amount).comparedTo(money(a.amount)));
  const breakdown =
    q.view === 'association'
      ? (['resale', 'consulting'] as const).map((k) => ({ key: k, name: pick(ASSOCIATION_TYPE_NAMES[k], ctx.lang), amount: c2(sum((t) => consumption(t) && t.association_type === k, 'amount')) }))
      : (['cash', 'coupon', 'debt'] as const).map((k) => ({ key: k, name: pick(PAYMENT_NAMES[k], ctx.lang), amount: c2(sum(consumption, `${k}_amount` as keyof GroupTotals)) }));
  const refundSign = kind === 2 ? neg2 : c2;
  return {
    month: monthKey.slice(0, 7),
    tab: q.tab,
    view: q.view,
    closedThrough, // R-O4: the summary holds the fees of days up to this Beijing day
    note: pick(NOT_A_BILL, ctx.lang),
    cards: {
      consumption: c2(sum(consumption, 'amount')), // 消费金额
      discount: c2(sum(consumption, 'discount_amount')), // 本月已优惠
      refunds: neg2(sum((t) => t.kind === 2, 'amount').toFixed()), // 退款金额
    },
    breakdown,
    productTypes, // 优惠详情 and the chart by 产品类型
    items: list.map((l) => {
      const c = n.customers.get(l.customer_account_id);
      return {
        customerId: l.customer_account_id,
        customerName: shownName(c?.name, !!q.reveal), // 客户名称
        accountName: c?.accountName ?? '', // 账号名
        partnerName: r.resellers ? (n.partners.get(l.partner_id) ?? null) : null, // 云经销商名称
        serviceTypeCode: l.service_type_code,
        productTypeName: pick(n.services.get(l.service_type_code), ctx.lang) || l.service_type_code, // 产品类型
        chargingMode: l.charging_mode,
        chargingModeName: pick(CHARGING_MODE_NAMES[l.charging_mode], ctx.lang), // 计费模式
        associationType: l.association_type,
        associationTypeName: pick(ASSOCIATION_TYPE_NAMES[l.association_type as 'resale'], ctx.lang) || l.association_type, // 关联类型
        amount: refundSign(l.amount), // 消费金额 (退款汇总: 退款金额, positive)
        cash: refundSign(l.cash_amount), // 现金支付
        coupon: refundSign(l.coupon_amount), // 代金券抵扣
        debt: refundSign(l.debt_amount), // 欠费金额/已抵扣
        discount: refundSign(l.discount_amount), // 折扣优惠
      };
    }),
    total: totals.filter((t) => t.kind === kind).reduce((a, t) => a + Number(t.row_count), 0),
    page,
    pageSize,
    performanceLink: r.kind !== 'reseller', // 业绩明细 (not for 云经销商, spec 05 §7)
  };
}

/* ------------------------------------------------------------------ 业绩明细 */

export const PerformanceQuery = z
  .object({
    month: z.string(),
    customerId: z.string(),
    serviceTypeCode: Str(64),
    chargingMode: z.coerce.number().int(),
    associationType: Str(32),
    tab: z.enum(['consumption', 'refund']).default('consumption'),
    scope: PartnerScopeParam.default('mine'),
  })
  .strict();

/** SQL: the 客户经理 a fee counts for (R-O7), as the rollup attributes it. */
function attributedManager(): SQL {
  return sql`CASE WHEN EXISTS (SELECT 1 FROM customer_manager_assignments a WHERE a.partner_id = ${cloudFeeRecords.partnerId} AND a.customer_account_id = ${cloudFeeRecords.customerAccountId})
    THEN (SELECT a.member_id FROM customer_manager_assignments a WHERE a.partner_id = ${cloudFeeRecords.partnerId} AND a.customer_account_id = ${cloudFeeRecords.customerAccountId}
          AND a.counts_from <= ${cloudFeeRecords.consumeTime} AND (a.ended_at IS NULL OR a.ended_at > ${cloudFeeRecords.consumeTime}) LIMIT 1)
    ELSE ${cloudFeeRecords.accountManagerId} END`;
}

/** 业绩明细 of a summary row: the fee records behind it (the same closed days, the same manager attribution), paged. */
export async function summaryPerformance(ctx: Ctx, q: z.infer<typeof PerformanceQuery> & { page?: number; pageSize?: number; reveal?: boolean }) {
  const monthKey = requireBillMonth(q.month);
  const r = await resolve(ctx, ctx.db, q);
  if (r.kind === 'reseller') {
    throw refused('cloud.consumption.no-performance', { zh: '云经销商不支持查看业绩明细', en: 'Resellers have no performance details' });
  }
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const closedThrough = await rollupClosedThrough(ctx.db);
  const where: (SQL | undefined)[] = [
    r.partnerIds.length ? inArray(cloudFeeRecords.partnerId, r.partnerIds) : sql`false`,
    isUuid(q.customerId) ? eq(cloudFeeRecords.customerAccountId, q.customerId) : sql`false`,
    eq(cloudFeeRecords.billMonth, monthKey),
    eq(cloudFeeRecords.serviceTypeCode, q.serviceTypeCode),
    eq(cloudFeeRecords.chargingMode, q.chargingMode),
    sql`coalesce(${cloudFeeRecords.associationType}, '') = ${q.associationType}`,
    inArray(cloudFeeRecords.billDetailType, q.tab === 'refund' ? REFUND_TYPES : CONSUMPTION_TYPES),
    closedThrough ? lt(cloudFeeRecords.consumeTime, chinaMidnight(addChinaDays(closedThrough, 1))) : sql`false`,
  ];
  if (r.managers !== null) where.push(r.managers.length ? sql`(${attributedManager()}) IN (${uuidList(r.managers)})` : sql`false`);
  return detailPage(ctx, and(...where)!, { page, pageSize, reveal: q.reveal, resellers: r.resellers, exact: true });
}

/* ------------------------------------------------------------------ 消费明细 */

async function detailConditions(ctx: Ctx, ex: Executor, q: DetailFilter): Promise<{ where: SQL; r: Resolved }> {
  const monthKey = requireBillMonth(q.month);
  const r = await resolve(ctx, ex, { ...q, resellerName: q.partnerName });
  const where: (SQL | undefined)[] = [r.partnerIds.length ? inArray(cloudFeeRecords.partnerId, r.partnerIds) : sql`false`, eq(cloudFeeRecords.billMonth, monthKey)];
  if (r.managers !== null) where.push(r.managers.length ? inArray(cloudFeeRecords.accountManagerId, r.managers) : sql`false`);
  if (r.customers) where.push(sql`${cloudFeeRecords.customerAccountId} IN ${r.customers}`);
  // an order, a usage record or a resource belongs to one customer: naming the customer too lets the
  // customer index find the fees instead of a walk over the partner's month
  const ofCustomer = (sub: SQL) => where.push(sql`${cloudFeeRecords.customerAccountId} IN (${sub})`);
  if (q.tradeId) {
    const usage = /^U(\d{1,18})$/.exec(q.tradeId);
    if (usage) {
      where.push(eq(cloudFeeRecords.usageRecordId, Number(usage[1])));
      ofCustomer(sql`SELECT ${cloudUsageRecords.customerAccountId} FROM ${cloudUsageRecords} WHERE ${cloudUsageRecords.id} = ${Number(usage[1])}`);
    } else {
      where.push(eq(cloudFeeRecords.tradeId, q.tradeId));
      ofCustomer(sql`SELECT ${cloudOrders.customerAccountId} FROM ${cloudOrders} WHERE ${cloudOrders.orderNo} = ${q.tradeId}`);
    }
  }
  if (q.resourceId) {
    where.push(isUuid(q.resourceId) ? eq(cloudFeeRecords.resourceId, q.resourceId) : sql`false`);
    if (isUuid(q.resourceId)) ofCustomer(sql`SELECT ${cloudResources.customerAccountId} FROM ${cloudResources} WHERE ${cloudResources.id} = ${q.resourceId}`);
  }
  if (q.resourceName) {
    const named = sql`FROM ${cloudResources} WHERE ${contains(cloudResources.name, q.resourceName)}`;
    where.push(sql`${cloudFeeRecords.resourceId} IN (SELECT ${cloudResources.id} ${named})`);
    ofCustomer(sql`SELECT ${cloudResources.customerAccountId} ${named}`);
  }
  if (q.serviceTypeCode) where.push(eq(cloudFeeRecords.serviceTypeCode, q.serviceTypeCode));
  if (q.associationType) where.push(eq(cloudFeeRecords.associationType, q.associationType));
  if (q.chargingMode) {
    // 按需 fees are exactly the 使用量 ones (type 5, 95-peak included), 包年/包月 fees every other type: said as
    // bill types too, so the (partner, month, type, time) index serves the rare 包年/包月 slice
    where.push(eq(cloudFeeRecords.chargingMode, q.chargingMode));
    const periodTypes = Object.values(BILL_DETAIL_TYPES).filter((t) => t !== BILL_DETAIL_TYPES.usage);
    where.push(q.chargingMode === 3 ? eq(cloudFeeRecords.billDetailType, BILL_DETAIL_TYPES.usage) : inArray(cloudFeeRecords.billDetailType, periodTypes));
  }
  if (q.billDetailType) where.push(eq(cloudFeeRecords.billDetailType, q.billDetailType));
  if (q.regionCode) where.push(eq(cloudFeeRecords.regionCode, q.regionCode));
  if (q.hideZero) where.push(ne(cloudFeeRecords.paymentAmount, '0'));
  return { where: and(...where)!, r };
}

type FeeRow = typeof cloudFeeRecords.$inferSelect;

async function detailViews(ctx: Ctx, ex: Executor, list: FeeRow[], opts: { reveal?: boolean; resellers: boolean; raw?: boolean }) {
  const productIds = [...new Set(list.map((f) => f.productId))];
  const resourceIds = [...new Set(list.map((f) => f.resourceId).filter((x): x is string => !!x))];
  const [n, products, resources] = await Promise.all([
    names(ex, { customers: list.map((f) => f.customerAccountId), services: list.map((f) => f.serviceTypeCode), partners: list.map((f) => f.partnerId!).filter(Boolean), members: list.map((f) => f.accountManagerId) }),
    productIds.length ? ex.select({ id: cloudProducts.id, zh: cloudProducts.nameZh, en: cloudProducts.nameEn }).from(cloudProducts).where(inArray(cloudProducts.id, productIds)) : [],
    resourceIds.length ? ex.select({ id: cloudResources.id, name: cloudResources.name }).from(cloudResources).where(inArray(cloudResources.id, resourceIds)) : [],
  ]);
  const productNames = new Map(products.map((p) => [p.id, { zh: p.zh, en: p.en }]));
  const resourceNames = new Map(resources.map((p) => [p.id, p.name]));
  const reveal = !!opts.reveal || !!opts.raw;
  return list.map((f) => {
    const c = n.customers.get(f.customerAccountId);
    const manager = f.accountManagerId ? n.members.get(f.accountManagerId) : undefined;
    return {
      id: f.id,
      billMonth: f.billMonth.slice(0, 7), // 账期
      customerId: f.customerAccountId,
      customerName: shownName(c?.name, reveal), // 客户名称
      accountName: c?.accountName ?? '', // 账号名
      associationType: f.associationType,
      associationTypeName: f.associationType ? pick(ASSOCIATION_TYPE_NAMES[f.associationType as 'resale'], ctx.lang) || f.associationType : '--', // 关联类型
      partnerName: opts.resellers ? (n.partners.get(f.partnerId!) ?? null) : null, // 伙伴名称
      managerName: manager ? shownName(manager, reveal) : null, // 客户经理姓名
      serviceTypeCode: f.serviceTypeCode,
      productTypeName: pick(n.services.get(f.serviceTypeCode), ctx.lang) || f.serviceTypeCode, // 产品类型
      productName: pick(productNames.get(f.productId), ctx.lang), // 产品
      chargingMode: f.chargingMode,
      chargingModeName: pick(CHARGING_MODE_NAMES[f.chargingMode], ctx.lang), // 计费模式
      consumeTime: f.consumeTime.toISOString(), // 消费时间
      consumeEnd: f.billDetailType === BILL_DETAIL_TYPES.usage ? new Date(f.consumeTime.getTime() + HOUR_MS).toISOString() : null,
      tradeId: f.tradeId ?? `U${f.usageRecordId}`, // 订单号/交易号
      billDetailType: f.billDetailType,
      billTypeName: pick(BILL_TYPE_NAMES[f.billDetailType], ctx.lang), // 账单类型
      regionCode: f.regionCode, // 区域
      resourceId: f.resourceId, // 资源ID
      resourceName: f.resourceId ? (resourceNames.get(f.resourceId) ?? null) : null, // 资源名称
      officialAmount: c2(f.officialAmount), // 消费金额 (官网价)
      discountAmount: c2(f.discountAmount), // 折扣优惠
      paymentAmount: c2(f.paymentAmount), // 应付金额
      cashAmount: c2(f.cashAmount), // 现金支付
      couponAmount: c2(f.couponAmount), // 代金券抵扣
      debtAmount: c2(f.debtAmount), // 欠费金额
      paymentStatus: money(f.debtAmount).isZero() ? ('已支付' as const) : ('未结清' as const), // 支付状态
    };
  });
}
export type ConsumptionDetailView = Awaited<ReturnType<typeof detailViews>>[number];

async function detailPage(ctx: Ctx, where: SQL, o: { page: number; pageSize: number; reveal?: boolean; resellers: boolean; exact?: boolean }) {
  const ex = ctx.db;
  const list = await ex
    .select()
    .from(cloudFeeRecords)
    .where(where)
    .orderBy(desc(cloudFeeRecords.consumeTime), desc(cloudFeeRecords.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  const cap = o.exact ? null : DETAIL_COUNT_CAP;
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(
    ex,
    cap === null
      ? sql`SELECT count(*)::int AS n FROM ${cloudFeeRecords} WHERE ${where}`
      : sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${cloudFeeRecords} WHERE ${where} LIMIT ${cap + 1}) x`,
  );
  await auditReveal(ctx, o.reveal, 'consumption_details');
  return {
    items: await detailViews(ctx, ex, list, o),
    total: cap !== null ? Math.min(n, cap) : n,
    totalCapped: cap !== null && n > cap, // the pager shows "1000+"
    page: o.page,
    pageSize: o.pageSize,
  };
}

/** 消费明细 (op 32): fee records of one 账期, filtered and paged in SQL, newest first. */
export async function partnerConsumptionDetails(ctx: Ctx, q: DetailFilter & { page?: number; pageSize?: number; reveal?: boolean }) {
  const { where, r } = await detailConditions(ctx, ctx.db, q);
  return detailPage(ctx, where, { page: Math.max(1, q.page ?? 1), pageSize: Math.min(100, Math.max(1, q.pageSize ?? 10)), reveal: q.reveal, resellers: r.resellers });
}

/* ------------------------------------------------------------------ exports */

const money2 = (title: Text, key: string) => ({ key, title });
const detailColumns = [
  { key: 'billMonth', title: { zh: '账期', en: 'Billing month' } },
  { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' as const },
  { key: 'accountName', title: { zh: '账号名', en: 'Account' } },
  { key: 'associationTypeName', title: { zh: '关联类型', en: 'Association type' } },
  { key: 'partnerName', title: { zh: '伙伴名称', en: 'Partner' } },
  { key: 'managerName', title: { zh: '客户经理姓名', en: 'Account manager' }, mask: 'name' as const },
  { key: 'productTypeName', title: { zh: '产品类型', en: 'Product type' } },
  { key: 'productName', title: { zh: '产品名称', en: 'Product' } },
  { key: 'chargingModeName', title: { zh: '计费模式', en: 'Billing mode' } },
  { key: 'consumeTime', title: { zh: '消费时间', en: 'Consumed at' }, value: (r: ConsumptionDetailView) => new Date(r.consumeTime) },
  { key: 'tradeId', title: { zh: '订单号/交易号', en: 'Order / transaction' } },
  { key: 'billTypeName', title: { zh: '账单类型', en: 'Bill type' } },
  { key: 'regionCode', title: { zh: '区域', en: 'Region' } },
  { key: 'resourceId', title: { zh: '资源ID', en: 'Resource ID' } },
  { key: 'resourceName', title: { zh: '资源名称', en: 'Resource name' } },
  money2({ zh: '消费金额(¥)', en: 'Consumption (¥)' }, 'officialAmount'),
  money2({ zh: '折扣优惠(¥)', en: 'Discount (¥)' }, 'discountAmount'),
  money2({ zh: '应付金额(¥)', en: 'Amount due (¥)' }, 'paymentAmount'),
  money2({ zh: '现金支付(¥)', en: 'Cash (¥)' }, 'cashAmount'),
  money2({ zh: '代金券抵扣(¥)', en: 'Vouchers (¥)' }, 'couponAmount'),
  money2({ zh: '欠费金额(¥)', en: 'Arrears (¥)' }, 'debtAmount'),
  { key: 'paymentStatus', title: { zh: '支付状态', en: 'Payment status' } },
];

const EXPORT_PAGE = 2000;

/** Keyset walk over the fee records (消费时间 desc, id desc): constant memory, no OFFSET. */
async function* feeRows(ctx: Ctx, ex: Executor, where: SQL, resellers: boolean) {
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const page: FeeRow[] = await ex
      .select()
      .from(cloudFeeRecords)
      .where(
        and(
          where,
          after ? or(lt(cloudFeeRecords.consumeTime, after.at), and(eq(cloudFeeRecords.consumeTime, after.at), lt(cloudFeeRecords.id, after.id))) : undefined,
        ),
      )
      .orderBy(desc(cloudFeeRecords.consumeTime), desc(cloudFeeRecords.id))
      .limit(EXPORT_PAGE);
    if (!page.length) return;
    for (const v of await detailViews(ctx, ex, page, { resellers, raw: true })) yield v; // unmasked: the export masks its columns
    const last = page[page.length - 1]!;
    after = { at: last.consumeTime, id: last.id };
    if (page.length < EXPORT_PAGE) return;
  }
}

/** R-O6: refuse before writing anything when the export would pass the cap. */
async function requireWithinCap(ex: Executor, where: SQL, lang: string) {
  const max = CONSUMPTION_EXPORT_LIMITS.maxRows;
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${cloudFeeRecords} WHERE ${where} LIMIT ${max + 1}) x`);
  if (n > max) throw new Error(pick(EXPORT_LIMIT_MESSAGE, lang));
}

/** 导出 > 导出当前记录 (消费明细 with the page's filters). */
export const consumptionDetailsExport = defineExport({
  kind: 'cloud.consumption.details',
  title: { zh: '客户消费-消费明细', en: 'Customer consumption details' },
  access: { actor: 'partner', permission: P.customerConsumption },
  permission: P.customerConsumption,
  params: DetailFilter,
  get maxRows() {
    return CONSUMPTION_EXPORT_LIMITS.maxRows;
  },
  columns: detailColumns,
  async *rows(ex, ctx, params) {
    const { where, r } = await detailConditions(ctx, ex, params);
    await requireWithinCap(ex, where, ctx.lang);
    yield* feeRows(ctx, ex, where, r.resellers);
  },
});

export const ByManagerParams = z
  .object({
    month: z.string(), // 账期
    managerId: z.string().uuid(), // 客户经理
    scope: PartnerScopeParam.default('mine'),
  })
  .strict();

/** 导出 > 按客户经理导出: one 客户经理's fees of the month, ≤ 5,000,000 rows (R-O6). */
export const consumptionByManagerExport = defineExport({
  kind: 'cloud.consumption.by-manager',
  title: { zh: '客户消费-按客户经理导出', en: 'Customer consumption by account manager' },
  access: { actor: 'partner', permission: P.customerConsumption },
  permission: P.customerConsumption,
  params: ByManagerParams,
  get maxRows() {
    return CONSUMPTION_EXPORT_LIMITS.maxRows;
  },
  columns: detailColumns,
  async *rows(ex, ctx, params) {
    const { where, r } = await detailConditions(ctx, ex, { month: params.month, scope: 'mine' });
    const [m] = await ex.select({ id: orgMembers.id }).from(orgMembers).where(and(eq(orgMembers.id, params.managerId), eq(orgMembers.partnerId, r.actor.partnerId)));
    if (!m) throw fieldError('managerId', 'cloud.consumption.manager-unknown', { zh: '请选择本伙伴的客户经理', en: 'Choose one of your account managers' });
    const byManager = and(where, eq(cloudFeeRecords.accountManagerId, params.managerId))!;
    await requireWithinCap(ex, byManager, ctx.lang);
    yield* feeRows(ctx, ex, byManager, r.resellers);
  },
});

/** 导出 > 导出客户消费清单 (消费汇总 rows with the page's filters; keyset over the group key). */
export const consumptionSummaryExport = defineExport({
  kind: 'cloud.consumption.summary',
  title: { zh: '客户消费-客户消费清单', en: 'Customer consumption list' },
  access: { actor: 'partner', permission: P.customerConsumption },
  permission: P.customerConsumption,
  params: SummaryFilter,
  columns: [
    { key: 'month', title: { zh: '消费时间', en: 'Month' } },
    { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'accountName', title: { zh: '账号名', en: 'Account' } },
    { key: 'partnerName', title: { zh: '云经销商名称', en: 'Reseller' } },
    { key: 'productTypeName', title: { zh: '产品类型', en: 'Product type' } },
    { key: 'chargingModeName', title: { zh: '计费模式', en: 'Billing mode' } },
    { key: 'associationTypeName', title: { zh: '关联类型', en: 'Association type' } },
    { key: 'amount', title: { zh: '消费金额(¥)', en: 'Consumption (¥)' } },
    { key: 'cash', title: { zh: '现金支付(¥)', en: 'Cash (¥)' } },
    { key: 'coupon', title: { zh: '代金券抵扣(¥)', en: 'Vouchers (¥)' } },
    { key: 'debt', title: { zh: '欠费金额/已抵扣', en: 'Arrears (¥)' } },
    { key: 'discount', title: { zh: '折扣优惠(¥)', en: 'Discount (¥)' } },
  ],
  async *rows(ex, ctx, params) {
    const monthKey = requireBillMonth(params.month);
    const r = await resolve(ctx, ex, params);
    if (!r.partnerIds.length) return;
    const src = summarySource(r, params, monthKey);
    const kind = params.tab === 'refund' ? 2 : 1;
    const sign = kind === 2 ? neg2 : c2;
    let after: GroupRow | null = null;
    for (;;) {
      const keyAfter: SQL = after
        ? sql`AND (customer_account_id, service_type_code, charging_mode, association_type, partner_id) > (${after.customer_account_id}::uuid, ${after.service_type_code}, ${after.charging_mode}, ${after.association_type}, ${after.partner_id}::uuid)`
        : sql``;
      const page: GroupRow[] = await rows<GroupRow>(
        ex,
        sql`SELECT partner_id, customer_account_id, service_type_code, charging_mode, association_type, sum(amount)::text AS amount, sum(cash_amount)::text AS cash_amount,
                   sum(coupon_amount)::text AS coupon_amount, sum(debt_amount)::text AS debt_amount, sum(discount_amount)::text AS discount_amount
            FROM ${src.table} WHERE ${src.where} AND kind = ${kind} ${keyAfter}
            GROUP BY customer_account_id, service_type_code, charging_mode, association_type, partner_id
            ORDER BY customer_account_id, service_type_code, charging_mode, association_type, partner_id LIMIT ${EXPORT_PAGE}`,
      );
      if (!page.length) return;
      const n = await names(ex, { customers: page.map((l) => l.customer_account_id), services: page.map((l) => l.service_type_code), partners: page.map((l) => l.partner_id) });
      for (const l of page) {
        const c = n.customers.get(l.customer_account_id);
        yield {
          month: monthKey.slice(0, 7),
          customerName: c?.name ?? '',
          accountName: c?.accountName ?? '',
          partnerName: r.resellers ? (n.partners.get(l.partner_id) ?? '') : '',
          productTypeName: pick(n.services.get(l.service_type_code), ctx.lang) || l.service_type_code,
          chargingModeName: pick(CHARGING_MODE_NAMES[l.charging_mode], ctx.lang),
          associationTypeName: pick(ASSOCIATION_TYPE_NAMES[l.association_type as 'resale'], ctx.lang) || l.association_type,
          amount: sign(l.amount),
          cash: sign(l.cash_amount),
          coupon: sign(l.coupon_amount),
          debt: sign(l.debt_amount),
          discount: sign(l.discount_amount),
        };
      }
      after = page[page.length - 1]!;
      if (page.length < EXPORT_PAGE) return;
    }
  },
});

export const consumptionExports = [consumptionSummaryExport, consumptionDetailsExport, consumptionByManagerExport];

/** 按客户经理导出's picker: the partner's 客户经理 / 客户经理主管 within the actor's data scope (names as the org list shows them). */
export async function consumptionManagers(ctx: Ctx, q: { name?: string }) {
  const actor = requirePermission(ctx, P.customerConsumption);
  const scope = await customerScope(ctx, ctx.db);
  const holders = ctx.db
    .select({ id: memberRoles.memberId })
    .from(memberRoles)
    .innerJoin(roles, eq(roles.id, memberRoles.roleId))
    .where(inArray(roles.presetKey, [PRESET_ROLES.accountManager, PRESET_ROLES.amSupervisor]));
  const list = await ctx.db
    .select({ id: orgMembers.id, name: orgMembers.name, accountName: orgMembers.accountName })
    .from(orgMembers)
    .where(
      and(
        eq(orgMembers.partnerId, actor.partnerId),
        inArray(orgMembers.id, holders),
        scope.all ? undefined : scope.managerIds.length ? inArray(orgMembers.id, scope.managerIds) : sql`false`,
        q.name ? ilike(orgMembers.name, like(q.name)) : undefined,
      ),
    )
    .orderBy(asc(orgMembers.name), asc(orgMembers.id))
    .limit(200);
  return { items: list };
}

/* ------------------------------------------------------------------ 月结95峰值计费产品 */

const PEAK95_GUIDE_ORDER = ['cdn', 'aad', 'obs', 'live', 'vpc', 'cc', 'dc'];

/** 10.4.4.3 (= 10.8.3): the products billed monthly by the 95th percentile, from the catalogue. */
export async function peak95ProductList(ctx: Ctx) {
  requirePermission(ctx, P.customerConsumption);
  const list = await ctx.db.select().from(cloudServiceTypes).where(eq(cloudServiceTypes.peak95, true)).orderBy(asc(cloudServiceTypes.sort));
  // the guide's order (9884–9891), by the product page
  const rank = (url: string | null) => {
    const i = PEAK95_GUIDE_ORDER.findIndex((slug) => url?.endsWith(`/product/${slug}.html`));
    return i < 0 ? PEAK95_GUIDE_ORDER.length : i;
  };
  list.sort((a, b) => rank(a.productUrl) - rank(b.productUrl));
  return { items: list.map((s) => ({ code: s.code, name: pick({ zh: s.nameZh, en: s.nameEn }, ctx.lang), abbreviation: s.abbreviation, productUrl: s.productUrl ?? '' })) };
}
