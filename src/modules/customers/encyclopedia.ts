import { and, asc, count, eq, ilike } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { notFound, refused } from '../../platform/errors.js';
import { P, requirePermission } from '../../platform/access/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { customerScope } from '../org/service.js';
import { escapeLike, pageArgs } from './common.js';
import { ENCYCLOPEDIA } from './encyclopedia-data.js';
import { COMPANY, CUSTOMER } from './names.js';
import { customerAssociations, encyclopediaCompanies } from './schema.js';
import { scopeCondition } from './service.js';

/**
 * 企业百科 (spec 04 ops 11 and 26, guide 10.3.4.5, 10.4.1.11): read-only public company data over the
 * `encyclopedia_companies` table, filled from the module's data set the first time it is read (the
 * vendor's data feed in production would write the same table).
 */
export const DISCLAIMER = {
  zh: '此页面信息通过公开渠道获取，仅供参考，华为云不对信息的真实性、准确性、完整性负责',
  en: 'This page is compiled from public sources for reference only; Huawei Cloud does not warrant its truth, accuracy or completeness',
};

const loaded = new WeakSet<object>();
export async function ensureEncyclopedia(ex: Executor): Promise<void> {
  if (loaded.has(ex)) return;
  const [{ n } = { n: 0 }] = await ex.select({ n: count() }).from(encyclopediaCompanies);
  if (Number(n) < ENCYCLOPEDIA.length) {
    await ex
      .insert(encyclopediaCompanies)
      .values(ENCYCLOPEDIA.map((e) => ({ name: e.name, uscc: e.uscc, summary: e.summary, details: e.details as unknown as Record<string, unknown>, activityStars: e.activityStars })))
      .onConflictDoNothing();
  }
  loaded.add(ex);
}

type Row = typeof encyclopediaCompanies.$inferSelect;
const summaryView = (r: Row) => ({ id: r.id, name: r.name, uscc: r.uscc, activityStars: r.activityStars, summary: r.summary as Record<string, string | number | null> });
const detailView = (ctx: Ctx, r: Row) => ({ ...summaryView(r), details: r.details, disclaimer: ctx.lang === 'en-US' ? DISCLAIMER.en : DISCLAIMER.zh });

/** 企业百科 tab of 客户拓展: search by company name (then 报备客户 / 查看更多). */
export async function searchCompanies(ctx: Ctx, q: { name: string; page?: number; pageSize?: number }) {
  requirePermission(ctx, P.expansion);
  await ensureEncyclopedia(ctx.db);
  const { page, pageSize, offset } = pageArgs(q, 50);
  const cond = ilike(encyclopediaCompanies.name, `%${escapeLike(q.name.trim())}%`);
  const rows = await ctx.db.select().from(encyclopediaCompanies).where(cond).orderBy(asc(encyclopediaCompanies.name)).limit(pageSize).offset(offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(encyclopediaCompanies).where(cond);
  return { items: rows.map(summaryView), total: Number(n), page, pageSize };
}

/** 查看更多: the four tabs (企业基本信息, 上云信息, 公司发展, 知识产权). */
export async function getCompany(ctx: Ctx, id: string) {
  requirePermission(ctx, P.expansion);
  await ensureEncyclopedia(ctx.db);
  if (!isUuid(id)) throw notFound(COMPANY);
  const [r] = await ctx.db.select().from(encyclopediaCompanies).where(eq(encyclopediaCompanies.id, id));
  if (!r) throw notFound(COMPANY);
  return detailView(ctx, r);
}

/** 客户详情 > 企业百科: only associated, enterprise-real-name-verified customers (spec 04 op 26). */
export async function customerEncyclopedia(ctx: Ctx, customerId: string) {
  const actor = requirePermission(ctx, P.customers);
  if (!isUuid(customerId)) throw notFound(CUSTOMER);
  const [a] = await ctx.db
    .select({ realNameStatus: accounts.realNameStatus, realNameType: accounts.realNameType, enterpriseName: accounts.enterpriseName })
    .from(customerAssociations)
    .innerJoin(accounts, eq(accounts.id, customerAssociations.customerAccountId))
    .where(and(scopeCondition(actor.partnerId, await customerScope(ctx)), eq(customerAssociations.customerAccountId, customerId)));
  if (!a) throw notFound(CUSTOMER);
  if (a.realNameStatus !== 'verified' || a.realNameType !== 'enterprise' || !a.enterpriseName)
    throw refused('customers.encyclopedia.not-enterprise', { zh: '仅支持查看已完成企业实名认证的客户的企业百科', en: 'Only enterprise-verified customers have an encyclopedia page' });
  await ensureEncyclopedia(ctx.db);
  const [r] = await ctx.db.select().from(encyclopediaCompanies).where(eq(encyclopediaCompanies.name, a.enterpriseName));
  return { company: r ? detailView(ctx, r) : null, disclaimer: ctx.lang === 'en-US' ? DISCLAIMER.en : DISCLAIMER.zh };
}
