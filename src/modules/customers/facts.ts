import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import type { Text } from '../../platform/i18n/index.js';
import { accounts } from '../accounts/schema.js';
import { hcpnApplications, partners } from '../partners/schema.js';
import { customerFactsProviders } from './extensions.js';

/**
 * What the rules of spec 04 §5 need to know about a customer account. The vendor-side facts (contracts,
 * sales-team ownership, plans…) live in `accounts.attributes` under these same names (the accounts
 * module keeps that column for "eligibility facts read by later modules"); modules that own a fact
 * (cloud: consumption, arrears, reserved instances, partner-pay orders; coupons: pickup vouchers;
 * funds: balance) add it through `registerCustomerFactsProvider`. Every fact defaults to false.
 */
export interface CustomerFacts {
  internationalSite: boolean; // 国际站注册
  consumerCloud: boolean; // 消费者云用户
  huaweiInternal: boolean; // 华为内部账号
  huaweiContract: boolean; // 已经与华为云签约合同
  designatedContract: boolean; // 指定合同 (线下直签 / 电销授权合同折扣 / 直签特价商务 / 专业服务合同), blocks 代售
  specialContract: boolean; // 正在生效的特殊合同
  frameworkContract: boolean; // 框架商务合同 (a 代售 unbind needs Huawei pre-review)
  cashConsumption: boolean; // 现金消费记录
  directSalesFollowed: boolean; // 被华为云直销团队跟进
  financeHostedSub: boolean; // 财务托管企业子账号 (资源账号或云账号)
  enterpriseSub: boolean; // 非财务托管企业子账号
  masterWithUnhostedSubs: boolean; // 企业主账号且名下有非财务托管企业子账号
  rewardPlan: boolean; // 华为云奖励推广计划
  reportedByHuawei: boolean; // 已被华为云报备
  onlineSalesTeam: boolean; // 归属华为线上销售团队
  salesSupportCenter: boolean; // 归属授权销售支持中心
  govSubsidyPlan: boolean; // 已经或者正在加入政府补贴类计划
  creditAccount: boolean; // 信用账户
  topUpBonus: boolean; // 充值送余额
  storedValueCard: boolean; // 未消费完的储值卡
  balanceWithUninvoicedOverLimit: boolean; // 充值账户有余额且欠票金额大于限定值
  inArrears: boolean; // 欠费
  uninvoiced: boolean; // 欠票
  reservedInstances: boolean; // 未失效预留实例
  supportPlan: boolean; // 合作伙伴支持计划产品
  pendingPartnerPayOrders: boolean; // 待合作伙伴支付的订单
  unusedPickupVouchers: boolean; // 未使用的提货券
  cashBalance: boolean; // 账户余额 (a 顾问销售 customer's balance: switch offline)
}
export const FACT_KEYS = [
  'internationalSite', 'consumerCloud', 'huaweiInternal', 'huaweiContract', 'designatedContract', 'specialContract', 'frameworkContract',
  'cashConsumption', 'directSalesFollowed', 'financeHostedSub', 'enterpriseSub', 'masterWithUnhostedSubs', 'rewardPlan', 'reportedByHuawei',
  'onlineSalesTeam', 'salesSupportCenter', 'govSubsidyPlan', 'creditAccount', 'topUpBonus', 'storedValueCard', 'balanceWithUninvoicedOverLimit',
  'inArrears', 'uninvoiced', 'reservedInstances', 'supportPlan', 'pendingPartnerPayOrders', 'unusedPickupVouchers', 'cashBalance',
] as const satisfies readonly (keyof CustomerFacts)[];

export interface CustomerAccountFacts extends CustomerFacts {
  accountId: string;
  accountName: string;
  mobile: string;
  registeredAt: Date;
  cloudActivated: boolean;
  realNameStatus: string;
  realNameType: string | null;
  enterpriseVerified: boolean;
  /** "status:type", stored on a report so a later change voids it (rule 8452). */
  realNameSnapshot: string;
  /** 已是或正在申请成为合作伙伴 */
  isPartner: boolean;
}

/** The guide's 7-day registration limit (8163, 20019). */
export const REGISTRATION_LIMIT_DAYS = 7;

export class FactsUnavailable extends Error {}

export async function loadCustomerFacts(ex: Executor, accountId: string): Promise<CustomerAccountFacts | null> {
  const [a] = await ex.select().from(accounts).where(eq(accounts.id, accountId));
  if (!a) return null;
  const attrs = (a.attributes ?? {}) as Record<string, unknown>;
  const facts = Object.fromEntries(FACT_KEYS.map((k) => [k, attrs[k] === true])) as unknown as CustomerFacts;
  for (const provider of customerFactsProviders()) {
    let extra: Partial<CustomerFacts>;
    try {
      extra = await provider(ex, accountId);
    } catch (err) {
      throw new FactsUnavailable(err instanceof Error ? err.message : String(err));
    }
    for (const k of FACT_KEYS) if (extra[k] === true) facts[k] = true;
  }
  const [p] = await ex.select({ id: partners.id }).from(partners).where(eq(partners.accountId, accountId)).limit(1);
  const [applying] = p
    ? [p]
    : await ex
        .select({ id: hcpnApplications.id })
        .from(hcpnApplications)
        .where(and(eq(hcpnApplications.accountId, accountId), inArray(hcpnApplications.status, ['in_review', 'joined'])))
        .limit(1);
  return {
    ...facts,
    accountId: a.id,
    accountName: a.accountName,
    mobile: a.mobile,
    registeredAt: a.createdAt,
    cloudActivated: a.cloudActivatedAt !== null,
    realNameStatus: a.realNameStatus,
    realNameType: a.realNameType,
    enterpriseVerified: a.realNameStatus === 'verified' && a.realNameType === 'enterprise',
    realNameSnapshot: `${a.realNameStatus}:${a.realNameType ?? ''}`,
    isPartner: Boolean(applying),
  };
}

export const registeredTooLongAgo = (f: CustomerAccountFacts) => clock.nowMs() - f.registeredAt.getTime() > REGISTRATION_LIMIT_DAYS * DAY_MS;

// ---------------------------------------------------------------- reporting eligibility (8153–8172)

export interface ReportReason {
  code: string;
  text: Text;
}

/** 以下客户伙伴不可以报备 (the partner-independent part; "reported by another partner" is checked by the caller). */
export function notReportable(f: CustomerAccountFacts): ReportReason[] {
  const out: ReportReason[] = [];
  const add = (code: string, zh: string, en: string) => out.push({ code, text: { zh, en } });
  if (f.internationalSite) add('international_site', '国际站注册的客户', 'Registered on the international site');
  if (f.consumerCloud) add('consumer_cloud', '客户为消费者云用户', 'A consumer-cloud user');
  if (f.huaweiContract) add('huawei_contract', '已经与华为云签约合同的客户', 'Has signed a contract with Huawei Cloud');
  if (f.cashConsumption && !f.directSalesFollowed && !f.enterpriseVerified)
    add('cash_not_followed', '存在现金消费记录且未被华为云直销团队跟进的未企业实名认证的客户', 'Has cash consumption, is not followed by Huawei direct sales and is not enterprise-verified');
  if (f.financeHostedSub) add('finance_hosted_sub', '客户账号为财务托管企业子（资源账号或云账号）账号', 'A finance-hosted enterprise sub-account');
  if (f.rewardPlan) add('reward_plan', '已加入华为云奖励推广计划的客户', 'In the Huawei Cloud reward-promotion plan');
  return out;
}

/** 以下客户伙伴可以申请人工审核报备 (≤ 4 working days). */
export function manualReviewReasons(f: CustomerAccountFacts): ReportReason[] {
  const out: ReportReason[] = [];
  const add = (code: string, zh: string, en: string) => out.push({ code, text: { zh, en } });
  if (registeredTooLongAgo(f) || (f.cashConsumption && f.directSalesFollowed))
    add('registered_or_followed', '注册时间超过7天或者存在现金消费且已被华为云直销团队跟进的客户', 'Registered more than 7 days ago, or has cash consumption and is followed by Huawei direct sales');
  if (f.reportedByHuawei) add('reported_by_huawei', '已被华为云报备的客户', 'Reported by Huawei Cloud');
  if (f.onlineSalesTeam) add('online_sales_team', '已经归属华为线上销售团队的客户', "Owned by Huawei's online sales team");
  if (f.salesSupportCenter) add('sales_support_center', '已经归属授权销售支持中心的客户', 'Owned by the authorized sales support center');
  return out;
}

// ---------------------------------------------------------------- relationship checks (9083–9100, 20143–20153)

export interface CheckItem {
  key: string;
  passed: boolean;
  text: Text;
}

/** The customer-account facts that block a partner's unbind or switch (items 3–8 of 10.4.1.5 注意事项). */
export function partnerAccountChecks(
  f: CustomerFacts,
  associationType: string,
  action: 'unbind' | 'switch',
  partnerKind: 'solution_provider' | 'distributor' | 'reseller',
): CheckItem[] {
  const out: CheckItem[] = [];
  const item = (key: string, blocked: boolean, zh: string, en: string) => out.push({ key, passed: !blocked, text: { zh, en } });
  item('master_with_unhosted_subs', f.masterWithUnhostedSubs, '客户账号为企业主账号且名下有非财务托管企业子账号，需要通知客户先解除与非财务托管企业子账号的关联关系', 'The customer is an enterprise master with non-finance-hosted sub-accounts; they must be unlinked first');
  // a reseller may unbind, never switch, a non-hosted sub-account (18667); others must unlink it from its master first
  item('enterprise_sub', f.enterpriseSub && (partnerKind !== 'reseller' || action === 'switch'), '客户账号为非财务托管企业子账号，需要通知客户解除与企业主账号的关联关系', 'The customer is a non-finance-hosted sub-account; it must unlink from its master first');
  if (action === 'switch') item('reserved_instances', f.reservedInstances, '客户存在未失效预留实例，需要通知客户先退订预留实例', 'The customer has unexpired reserved instances; they must be unsubscribed first');
  item('pending_partner_pay_orders', f.pendingPartnerPayOrders, '客户账号下有待合作伙伴支付的订单，需要通知客户取消订单或者代客户支付订单', 'The customer has orders awaiting partner payment; cancel or pay them first');
  if (associationType === 'consulting') {
    if (action === 'switch') item('cash_balance', f.cashBalance, '客户账户余额需特殊处理，伙伴需联系客服线下切换关联类型，并申请退款', "The customer's balance needs special handling: contact customer service to switch offline and request a refund");
    item('arrears', f.inArrears, '客户账户有欠款，需要通知客户先充值还清欠款', 'The customer is in arrears; it must repay first');
    if (action === 'switch') item('uninvoiced', f.uninvoiced, '客户账号存在欠票，需要通知客户处理欠票', 'The customer has uninvoiced amounts to settle first');
  } else {
    item('arrears', f.inArrears, '客户账户有欠款，伙伴需要给客户拨款核销欠款', 'The customer is in arrears; allocate funds to clear them first');
    if (action === 'unbind')
      item('reserved_instances', f.reservedInstances || (partnerKind !== 'reseller' && f.supportPlan), '客户存在未失效预留实例或合作伙伴支持计划产品，需要通知客户先退订', 'The customer has unexpired reserved instances or partner-support-plan products; unsubscribe first');
    item('special_contract', f.specialContract, '客户有正在生效的特殊合同，需要联系您的华为云生态经理处理', 'The customer has an active special contract; contact your ecosystem manager');
    if (partnerKind !== 'reseller') item('pickup_vouchers', f.unusedPickupVouchers, '客户有未使用的提货券，需要通知客户使用完提货券', 'The customer has unused pickup vouchers; they must be used up first');
  }
  return out;
}

/** 13.2 说明 2–4: what blocks a customer's own unbind request. */
export function customerUnbindChecks(f: CustomerFacts, associationType: string): CheckItem[] {
  const out: CheckItem[] = [];
  const item = (key: string, blocked: boolean, zh: string, en: string) => out.push({ key, passed: !blocked, text: { zh, en } });
  item('pending_partner_pay_orders', f.pendingPartnerPayOrders, '账号下有待合作伙伴支付的订单，需要先取消订单或者联系合作伙伴支付', 'You have orders awaiting partner payment; cancel them or ask the partner to pay');
  if (associationType === 'consulting') {
    item('arrears', f.inArrears, '账户有欠款，需要先充值还清欠款', 'You are in arrears; repay first');
    item('enterprise_sub', f.enterpriseSub || f.financeHostedSub, '账号为企业子账号，需要由企业主账号解除与伙伴的关联关系', 'An enterprise sub-account is unbound by its master account');
  } else {
    item('master_with_unhosted_subs', f.masterWithUnhostedSubs, '账号为企业主账号且名下有非财务托管企业子账号，需要先解除与非财务托管企业子账号的关联关系', 'Unlink your non-finance-hosted sub-accounts first');
    item('arrears', f.inArrears, '账户有欠款，需要先联系合作伙伴拨款核销欠款', 'You are in arrears; ask the partner to allocate funds to clear them');
    item('reserved_instances', f.reservedInstances || f.supportPlan, '存在未失效预留实例或合作伙伴支持计划产品，需要先退订', 'Unsubscribe your reserved instances or partner-support-plan products first');
    item('special_contract', f.specialContract, '有正在生效的特殊合同，需要线下联系您的合作伙伴处理', 'You have an active special contract; settle it with your partner offline');
    item('pickup_vouchers', f.unusedPickupVouchers, '有未使用的提货券，需要使用完提货券', 'Use up your pickup vouchers first');
  }
  return out;
}
