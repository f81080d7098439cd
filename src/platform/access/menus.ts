import type { Text } from '../i18n/index.js';

/**
 * The guide's menu tree. A permission IS a menu path ("组织 > 组织成员"), so a role is a set
 * of menu paths and the partner portal's navigation is this tree filtered by the actor's
 * permissions. Leaves are the grantable permissions; choosing a branch grants its leaves.
 * Sources: spec 01–08 "menu paths"; top navigation 主页 计划 组织 构建 能力 权益 销售 交付 支持,
 * with 伙伴信息 under the user-name drop-down (guide ch. 4).
 */
export interface MenuNode {
  zh: string;
  en: string;
  children?: MenuNode[];
  /** route of the page in the partner portal (leaves) */
  route?: string;
}

const m = (zh: string, en: string, route?: string, children?: MenuNode[]): MenuNode => ({ zh, en, route, children });

export const PARTNER_MENU: MenuNode[] = [
  m('主页', 'Home', '/home'),
  m('计划', 'Programs', undefined, [
    m('华为云伙伴计划', 'Partner programs', '/programs'),
    m('合作承诺与协议', 'Commitments and agreements', '/programs/agreements'),
  ]),
  m('组织', 'Organization', undefined, [
    m('组织成员', 'Members', '/org/members'),
    m('项目专员', 'Project specialists', '/org/specialists'),
  ]),
  m('构建', 'Build', undefined, [
    m('云软件方案', 'Cloud software solutions', '/build/cloud-software'),
    m('先进云软件方案', 'Advanced cloud software solutions', '/build/advanced-software'),
    m('基线解决方案', 'Baseline solutions', '/build/baseline'),
  ]),
  m('能力', 'Capabilities', undefined, [m('能力认证', 'Capability certification', '/capabilities')]),
  m('权益', 'Benefits', undefined, [
    m('测试券', 'Test vouchers', '/benefits/test-vouchers'),
    m('考试券', 'Exam vouchers', '/benefits/exam-vouchers'),
    m('云实验', 'Cloud labs', '/benefits/labs'),
    m('市场发展基金（MDF）', 'Market development fund (MDF)', '/benefits/mdf'),
    m('专职人员激励（FH）', 'Full-time staff incentive (FH)', '/benefits/fh'),
    m('交付能力提升支持', 'Delivery capability support', '/benefits/delivery-support'),
    m('一次性工程费用（NRE）', 'Non-recurring engineering (NRE)', '/benefits/nre'),
    m('能力提升激励', 'Capability improvement incentive', '/benefits/capability-incentive'),
  ]),
  m('销售', 'Sales', undefined, [
    m('拓新', 'Expansion', undefined, [
      m('线索派发', 'Lead dispatch', '/sales/leads/dispatch'),
      m('线索管理', 'Leads', '/sales/leads'),
      m('机会点管理', 'Opportunities', '/sales/opportunities'),
      m('客户拓展', 'Customer expansion', '/sales/expansion'),
      m('营销任务', 'Marketing tasks', '/sales/marketing-tasks'),
    ]),
    m('机会点管理', 'Opportunity sharing', undefined, [
      m('机会点共享', 'Shared opportunities', '/sales/opportunity-sharing'),
      m('机会点激励申请', 'Opportunity incentives', '/sales/opportunity-incentives'),
      m('云商店机会点专项激励', 'Marketplace opportunity incentives', '/sales/marketplace-opportunity-incentives'),
    ]),
    m('客户', 'Customers', undefined, [
      m('客户管理', 'Customer management', '/sales/customers'),
      m('客户分配', 'Customer assignment', '/sales/customers/assignment'),
      m('客户订单', 'Customer orders', '/sales/orders'),
      m('客户消费', 'Customer consumption', '/sales/consumption'),
      m('客户预警', 'Customer alerts', '/sales/alerts'),
      m('券管理', 'Coupons', '/sales/coupons'),
    ]),
    m('客户业务', 'Customer business', undefined, [
      m('现金券管理', 'Cash coupons', '/sales/gov/cash-coupons'),
      m('代金券管理', 'Vouchers', '/sales/gov/vouchers'),
      m('提货券白名单', 'Pickup-voucher whitelist', '/sales/gov/pickup-whitelist'),
      m('提货券管理', 'Pickup vouchers', '/sales/gov/pickup-vouchers'),
    ]),
    m('云经销商', 'Resellers', undefined, [m('云经销商管理', 'Reseller management', '/sales/resellers')]),
    m('云商店', 'Marketplace', undefined, [
      m('商品信息', 'Products', '/sales/marketplace/products'),
      m('专属优惠', 'Exclusive offers', '/sales/marketplace/offers'),
      m('商品分账', 'Revenue share', '/sales/marketplace/revenue-share'),
    ]),
    m('账务', 'Finance', undefined, [
      m('伙伴账单', 'Partner bills', '/sales/finance/bills'),
      m('赋能云对账', 'Enablement-cloud reconciliation', '/sales/finance/enablement-reconciliation'),
      m('资金管理', 'Funds', '/sales/finance/funds'),
      m('发票管理', 'Invoices', '/sales/finance/invoices'),
      m('合同商务', 'Contracts and discounts', '/sales/finance/contracts'),
    ]),
    m('伙伴账务', 'Partner accounting', undefined, [
      m('对账结算', 'Reconciliation and settlement', '/sales/accounting/settlement'),
      m('激励申付管理', 'Incentive payout', '/sales/accounting/incentive-payout'),
    ]),
    m('激励', 'Incentives', undefined, [
      m('产品激励策略', 'Product incentive policies', '/sales/incentives/policies'),
      m('指标信息', 'Metrics', '/sales/incentives/metrics'),
      m('业绩管理', 'Performance', '/sales/incentives/performance'),
      m('激励管理', 'Incentive management', '/sales/incentives'),
    ]),
    m('运营看板', 'Dashboards', undefined, [
      m('客户看板', 'Customer dashboard', '/sales/dashboards/customers'),
      m('消费看板', 'Consumption dashboard', '/sales/dashboards/consumption'),
      m('业绩看板', 'Performance dashboard', '/sales/dashboards/performance'),
      m('激励看板', 'Incentive dashboard', '/sales/dashboards/incentives'),
    ]),
    m('基线解决方案', 'Baseline solutions', undefined, [
      m('联合销售商品交易履行', 'Joint-sale fulfilment', '/sales/baseline/fulfilment'),
      m('解决方案配置单', 'Configuration lists', '/sales/baseline/configurations'),
    ]),
  ]),
  m('交付', 'Delivery', undefined, [
    m('项目管理', 'Projects', '/delivery/projects'),
    m('基线解决方案', 'Baseline solutions', undefined, [m('项目交付评价', 'Delivery evaluation', '/delivery/baseline-evaluation')]),
  ]),
  m('支持', 'Support', undefined, [
    m('建议反馈', 'Suggestions', '/support/suggestions'),
    m('资料库', 'Library', '/support/library'),
    m('工单管理', 'Tickets', '/support/tickets'),
  ]),
  m('伙伴信息', 'Partner info', undefined, [
    m('基本信息', 'Basic info', '/info/basic'),
    m('商业信息', 'Business info', '/info/business'),
    m('案例管理', 'Cases', '/info/cases'),
    m('商业计划', 'Business plans', '/info/plans'),
  ]),
];

export const SEP = ' > ';

export interface MenuLeaf {
  path: string; // permission key, e.g. "组织 > 组织成员"
  label: Text; // full path in both languages
  route: string;
}

function walk(nodes: MenuNode[], zhPrefix: string[], enPrefix: string[], out: MenuLeaf[]) {
  for (const n of nodes) {
    const zh = [...zhPrefix, n.zh];
    const en = [...enPrefix, n.en];
    if (n.children?.length) walk(n.children, zh, en, out);
    else out.push({ path: zh.join(SEP), label: { zh: zh.join(SEP), en: en.join(SEP) }, route: n.route ?? '/' });
  }
}

export const MENU_LEAVES: MenuLeaf[] = (() => {
  const out: MenuLeaf[] = [];
  walk(PARTNER_MENU, [], [], out);
  return out;
})();

export const ALL_PERMISSIONS: ReadonlySet<string> = new Set(MENU_LEAVES.map((l) => l.path));

/** Expand branch paths ("销售 > 客户") to their leaves; unknown paths are returned separately. */
export function expandPermissions(paths: Iterable<string>): { leaves: string[]; unknown: string[] } {
  const leaves = new Set<string>();
  const unknown: string[] = [];
  for (const p of paths) {
    const matched = MENU_LEAVES.filter((l) => l.path === p || l.path.startsWith(p + SEP));
    if (matched.length === 0) unknown.push(p);
    for (const l of matched) leaves.add(l.path);
  }
  return { leaves: [...leaves].sort(), unknown };
}

/** Named permissions used by code, so a typo is a compile error rather than a silent 403. */
export const P = {
  home: '主页',
  programs: '计划 > 华为云伙伴计划',
  agreements: '计划 > 合作承诺与协议',
  orgMembers: '组织 > 组织成员',
  orgSpecialists: '组织 > 项目专员',
  cloudSoftware: '构建 > 云软件方案',
  advancedSoftware: '构建 > 先进云软件方案',
  baseline: '构建 > 基线解决方案',
  capabilities: '能力 > 能力认证',
  customers: '销售 > 客户 > 客户管理',
  customerAssignment: '销售 > 客户 > 客户分配',
  customerOrders: '销售 > 客户 > 客户订单',
  customerConsumption: '销售 > 客户 > 客户消费',
  customerAlerts: '销售 > 客户 > 客户预警',
  coupons: '销售 > 客户 > 券管理',
  expansion: '销售 > 拓新 > 客户拓展',
  funds: '销售 > 账务 > 资金管理',
  bills: '销售 > 账务 > 伙伴账单',
  invoices: '销售 > 账务 > 发票管理',
  basicInfo: '伙伴信息 > 基本信息',
  businessInfo: '伙伴信息 > 商业信息',
  cases: '伙伴信息 > 案例管理',
  plans: '伙伴信息 > 商业计划',
  suggestions: '支持 > 建议反馈',
  library: '支持 > 资料库',
  tickets: '支持 > 工单管理',
} as const;
export type Permission = (typeof P)[keyof typeof P];

for (const p of Object.values(P)) if (!ALL_PERMISSIONS.has(p)) throw new Error(`P names an unknown menu path: ${p}`);

/**
 * 默认权限: added to every role, preset or custom, whatever was chosen (guide L3387).
 * The guide links a "默认权限说明" it does not reproduce; we take the pages every signed-in
 * member needs: the home page, their own basic info (个人资料) and support.
 */
export const DEFAULT_PERMISSIONS: readonly string[] = [P.home, P.basicInfo, P.suggestions, P.library, P.tickets];
