import type { Ctx } from '../../../platform/context.js';
import { P, requirePermission } from '../../../platform/access/index.js';
import { refused } from '../../../platform/errors.js';
import { addMonths, clock } from '../../../platform/clock.js';
import type { Text } from '../../../platform/i18n/index.js';
import { customerScope } from '../../org/service.js';
import { partnerKind, pick, requireCustomer } from './shared.js';
import { customerResourcesProvider } from '../extensions.js';

/**
 * 知识推荐 (op 26, guide 10.4.1.12) and the 查看资源 shell (op 22, guide 10.4.1.6).
 *
 * Knowledge: a read-only list at the bottom of the customer overview, in three tabs (产品 / 行业案例 /
 * 解决方案); a click opens the article. The vendor's recommendation engine is outside this product;
 * a fixed catalogue of public Huawei Cloud pages stands in for it. Resellers have none (spec 07 §7).
 *
 * Resources: tabs 包周期 (yearly/monthly) and 按需 (on-demand). The rows come from the cloud module
 * through `registerCustomerResourcesProvider` (the customers module does not import cloud).
 */

export const KNOWLEDGE_TABS = ['product', 'case', 'solution'] as const;
export type KnowledgeTab = (typeof KNOWLEDGE_TABS)[number];

interface KnowledgeItem {
  id: string;
  tab: KnowledgeTab;
  title: Text;
  summary: Text;
  url: string;
}

const k = (id: string, tab: KnowledgeTab, zh: string, en: string, szh: string, sen: string, path: string): KnowledgeItem => ({
  id,
  tab,
  title: { zh, en },
  summary: { zh: szh, en: sen },
  url: `https://www.huaweicloud.com${path}`,
});

export const KNOWLEDGE: readonly KnowledgeItem[] = [
  k('p-ecs', 'product', '弹性云服务器 ECS', 'Elastic Cloud Server', '可随时自助获取、可弹性伸缩的云服务器', 'Scalable compute on demand', '/product/ecs.html'),
  k('p-obs', 'product', '对象存储服务 OBS', 'Object Storage Service', '海量、安全、高可靠、低成本的数据存储能力', 'Massive, secure, reliable and low-cost storage', '/product/obs.html'),
  k('p-rds', 'product', '云数据库 RDS', 'Relational Database Service', '稳定可靠、可弹性伸缩的在线关系型数据库', 'Managed relational databases', '/product/rds.html'),
  k('p-cdn', 'product', '内容分发网络 CDN', 'Content Delivery Network', '将内容分发至靠近用户的加速节点', 'Content close to your users', '/product/cdn.html'),
  k('p-cce', 'product', '云容器引擎 CCE', 'Cloud Container Engine', '高性能、高可靠的企业级容器应用管理服务', 'Enterprise Kubernetes', '/product/cce.html'),
  k('c-retail', 'case', '零售行业上云实践', 'Retail on the cloud', '连锁零售企业核心系统迁移上云', 'A retail chain moves its core systems', '/cases/retail.html'),
  k('c-manufacturing', 'case', '制造行业数字化转型', 'Digital manufacturing', '工业互联网平台助力智能制造', 'An industrial internet platform', '/cases/manufacturing.html'),
  k('c-education', 'case', '教育行业在线课堂', 'Online classrooms', '高并发在线教学平台建设', 'A high-concurrency teaching platform', '/cases/education.html'),
  k('s-migration', 'solution', '企业上云迁移解决方案', 'Cloud migration', '主机、数据库与存储的一站式迁移', 'One-stop migration of hosts, databases and storage', '/solution/migration.html'),
  k('s-dr', 'solution', '云容灾解决方案', 'Disaster recovery', '跨可用区、跨区域的业务连续性保障', 'Business continuity across zones and regions', '/solution/disaster-recovery.html'),
  k('s-bigdata', 'solution', '大数据分析解决方案', 'Big data analytics', '一站式数据湖与实时分析', 'A data lake with real-time analytics', '/solution/bigdata.html'),
];

export async function knowledge(ctx: Ctx, q: { tab?: KnowledgeTab; page?: number; pageSize?: number }) {
  const actor = requirePermission(ctx, P.customers);
  if ((await partnerKind(ctx.db, actor.partnerId)) === 'reseller') {
    throw refused('customers.knowledge.reseller', { zh: '云经销商不支持知识推荐', en: 'Resellers have no knowledge recommendations' });
  }
  const tab = q.tab ?? 'product';
  const all = KNOWLEDGE.filter((i) => i.tab === tab);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(50, Math.max(1, q.pageSize ?? 10));
  return {
    tab,
    items: all.slice((page - 1) * pageSize, page * pageSize).map((i) => ({ id: i.id, title: pick(i.title, ctx.lang), summary: pick(i.summary, ctx.lang), url: i.url })),
    total: all.length,
    page,
    pageSize,
  };
}

export const RESOURCE_TABS = ['prepaid', 'on-demand'] as const; // 包周期 | 按需
export type ResourceTab = (typeof RESOURCE_TABS)[number];

/**
 * 更多 > 查看资源 (op 22): the customer's resources, from the cloud module through the resources provider
 * (extensions.ts), paged in SQL; 按需 defaults to those opened in the last month (开通时间 widens it).
 */
export async function customerResources(ctx: Ctx, customerId: string, q: { tab?: ResourceTab; page?: number; pageSize?: number; from?: string; to?: string; keyword?: string }) {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx);
  await requireCustomer(ctx.db, actor, scope, customerId);
  const tab = q.tab ?? 'prepaid';
  const now = clock.now();
  const range = tab === 'on-demand' ? { from: q.from ?? addMonths(now, -1).toISOString(), to: q.to ?? now.toISOString() } : null;
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const provider = customerResourcesProvider();
  const found = provider
    ? await provider(ctx.db, {
        partnerId: actor.partnerId,
        customerAccountId: customerId,
        tab,
        from: range ? new Date(range.from) : null,
        to: range ? new Date(range.to) : null,
        keyword: q.keyword?.trim() || undefined,
        page,
        pageSize,
        lang: ctx.lang,
      })
    : { items: [], total: 0 };
  return {
    tab,
    columns:
      tab === 'prepaid'
        ? ['名称/ID', '产品类型', '产品规格', '云服务区', '状态', '生效/失效时间', '到期处理', '订单号']
        : ['名称/ID', '标签', '产品类型', '产品规格', '云服务区', '状态', '开通时间', '支付账号'],
    range,
    items: found.items,
    total: found.total,
    page,
    pageSize,
    note: provider ? null : pick({ zh: '资源数据由云服务模块提供，尚未接入', en: 'Resources come from the cloud module, which is not connected yet' }, ctx.lang),
  };
}
