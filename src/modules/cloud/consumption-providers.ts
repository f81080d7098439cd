import { and, count, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { isUuid } from '../../platform/ids.js';
import { money } from '../../platform/money.js';
import {
  registerCustomerListFilter,
  registerCustomerResourcesProvider,
  registerCustomerRowEnricher,
  type CustomerResourceRow,
} from '../customers/extensions.js';
import { escapeLike } from '../customers/common.js';
import { customerAssociations } from '../customers/schema.js';
import { cloudConsumptionCustomerMonth, cloudOrders, cloudProducts, cloudRegions, cloudResources, cloudServiceTypes } from './schema.js';
import { associationOf } from './payers.js';
import { addChinaMonths, billMonthOf } from './time.js';

/**
 * What the cloud module gives the customers module's pages (which must not import cloud), registered
 * when this file is imported (by `module.ts`):
 * - the customer list's 本月消费 / 上月消费 (`extra.thisMonthConsumption` / `extra.lastMonthConsumption`,
 *   consumption of the Beijing month with this partner, from the rollup's customer-month totals, so they
 *   lag the rating by at most one rollup run);
 * - its filters 本月消费 (a range in yuan; customers without consumption count as 0.00) and 资源到期时间
 *   (a 包年/包月 resource 使用中 / 已冻结 / 已过期 — not 已退订 or 已删除 — expiring in [from, to)) as SQL conditions;
 * - 查看资源 (op 22): 包周期 and 按需 rows, paged in SQL.
 */

const thisMonth = () => billMonthOf(clock.now());
const lastMonth = () => addChinaMonths(thisMonth(), -1);

registerCustomerRowEnricher('cloud-consumption', async (ex: Executor, list) => {
  const out = new Map<string, Record<string, string | number | null>>();
  if (!list.length) return out;
  const months = [thisMonth(), lastMonth()];
  const found = await ex
    .select({ partnerId: cloudConsumptionCustomerMonth.partnerId, customerId: cloudConsumptionCustomerMonth.customerAccountId, month: cloudConsumptionCustomerMonth.billMonth, amount: cloudConsumptionCustomerMonth.consumption })
    .from(cloudConsumptionCustomerMonth)
    .where(
      sql`(${cloudConsumptionCustomerMonth.partnerId}, ${cloudConsumptionCustomerMonth.billMonth}, ${cloudConsumptionCustomerMonth.customerAccountId}) IN (${sql.join(
        list.flatMap((r) => months.map((m) => sql`(${r.partnerId}::uuid, ${m}::date, ${r.customerAccountId}::uuid)`)),
        sql`, `,
      )})`,
    );
  const key = (p: string, c: string, m: string) => `${p}|${c}|${m}`;
  const amounts = new Map(found.map((f) => [key(f.partnerId, f.customerId, f.month), money(f.amount).toFixed(2)]));
  for (const r of list) {
    out.set(r.associationId, {
      thisMonthConsumption: amounts.get(key(r.partnerId, r.customerAccountId, months[0]!)) ?? '0.00', // 本月消费
      lastMonthConsumption: amounts.get(key(r.partnerId, r.customerAccountId, months[1]!)) ?? '0.00', // 上月消费
    });
  }
  return out;
});

registerCustomerListFilter('cloud-consumption', (f) => {
  const conds: SQL[] = [];
  if (f.thisMonthConsumptionMin !== undefined || f.thisMonthConsumptionMax !== undefined) {
    const min = f.thisMonthConsumptionMin ?? null;
    const max = f.thisMonthConsumptionMax ?? null;
    const row = sql`SELECT 1 FROM ${cloudConsumptionCustomerMonth} m WHERE m.partner_id = ${customerAssociations.partnerId}
                    AND m.bill_month = ${thisMonth()}::date AND m.customer_account_id = ${customerAssociations.customerAccountId}`;
    const inRange = sql.join([min !== null ? sql`m.consumption >= ${min}::numeric` : sql`true`, max !== null ? sql`m.consumption <= ${max}::numeric` : sql`true`], sql` AND `);
    const zeroInRange = (min === null || money(min).lte(0)) && (max === null || money(max).gte(0));
    // a customer without a row spent 0.00 this month
    conds.push(zeroInRange ? sql`NOT EXISTS (${row} AND NOT (${inRange}))` : sql`EXISTS (${row} AND ${inRange})`);
  }
  if (f.resourceExpiresFrom || f.resourceExpiresTo) {
    const where: SQL[] = [sql`r.customer_account_id = ${customerAssociations.customerAccountId}`, sql`r.charge_mode = 'period'`, sql`r.status IN ('使用中', '已冻结', '已过期')`, sql`r.expires_at IS NOT NULL`];
    if (f.resourceExpiresFrom) where.push(sql`r.expires_at >= ${f.resourceExpiresFrom}`);
    if (f.resourceExpiresTo) where.push(sql`r.expires_at < ${f.resourceExpiresTo}`);
    conds.push(sql`EXISTS (SELECT 1 FROM ${cloudResources} r WHERE ${sql.join(where, sql` AND `)})`);
  }
  return conds.length ? sql.join(conds, sql` AND `) : undefined;
});

const EXPIRY_HANDLING = { zh: '保留期后自动删除', en: 'Deleted after the retention period' };
const AUTO_RENEW = { zh: '自动续费', en: 'Auto-renewal' };

registerCustomerResourcesProvider(async (ex, q) => {
  const en = q.lang.startsWith('en');
  const where: (SQL | undefined)[] = [eq(cloudResources.customerAccountId, q.customerAccountId), eq(cloudResources.chargeMode, q.tab === 'prepaid' ? 'period' : 'on_demand')];
  if (q.tab === 'on-demand') {
    if (q.from) where.push(gte(cloudResources.effectiveAt, q.from));
    if (q.to) where.push(lt(cloudResources.effectiveAt, q.to));
  }
  if (q.keyword) {
    const k = q.keyword;
    where.push(isUuid(k) ? eq(cloudResources.id, k) : ilike(cloudResources.name, `%${escapeLike(k)}%`));
  }
  const cond = and(...where);
  const [{ n } = { n: 0 }] = await ex.select({ n: count() }).from(cloudResources).where(cond);
  const list = await ex
    .select({ r: cloudResources, specZh: cloudProducts.specDescZh, typeZh: cloudServiceTypes.nameZh, typeEn: cloudServiceTypes.nameEn, regionZh: cloudRegions.nameZh, regionEn: cloudRegions.nameEn, orderNo: cloudOrders.orderNo })
    .from(cloudResources)
    .innerJoin(cloudProducts, eq(cloudProducts.id, cloudResources.productId))
    .innerJoin(cloudServiceTypes, eq(cloudServiceTypes.code, cloudResources.serviceTypeCode))
    .leftJoin(cloudRegions, eq(cloudRegions.code, cloudResources.regionCode))
    .leftJoin(cloudOrders, eq(cloudOrders.id, cloudResources.lastOrderId))
    .where(cond)
    .orderBy(desc(q.tab === 'prepaid' ? cloudResources.createdAt : cloudResources.effectiveAt), desc(cloudResources.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  // 支付账号: a 代售 customer's pay-per-use is paid from what its partner allocated (合作伙伴账户)
  const assoc = q.tab === 'on-demand' ? await associationOf(ex, q.customerAccountId) : null;
  const paying = assoc?.associationType === 'resale' && assoc.partnerId === q.partnerId ? (en ? 'Partner account' : '合作伙伴账户') : en ? 'Customer account' : '客户账户';
  const items: CustomerResourceRow[] = list.map(({ r, ...x }) => ({
    id: r.id,
    name: r.name,
    tag: null,
    productType: en ? x.typeEn : x.typeZh,
    spec: x.specZh + (r.size ? ` | ${r.size}` : ''),
    region: x.regionZh ? (en ? x.regionEn : x.regionZh) : r.regionCode,
    status: r.status,
    startsAt: r.effectiveAt.toISOString(),
    endsAt: r.expiresAt ? r.expiresAt.toISOString() : null,
    expiryHandling: q.tab === 'prepaid' ? (r.autoRenew ? (en ? AUTO_RENEW.en : AUTO_RENEW.zh) : en ? EXPIRY_HANDLING.en : EXPIRY_HANDLING.zh) : null,
    orderNo: x.orderNo ?? null,
    payingAccount: q.tab === 'on-demand' ? paying : null,
  }));
  return { items, total: Number(n) };
});

