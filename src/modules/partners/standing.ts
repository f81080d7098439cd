import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { partners } from './schema.js';

/**
 * A partner account's standing in the partner programs, as the modules that sell, expand customers and
 * sign in need it (spec 01 R26, R29). The programs module owns the memberships and registers its checks
 * here (`programs/standing.ts`), so accounts, customers and cloud call these guards without importing
 * programs (which imports them: no import cycles). Until it registers, nothing is refused.
 */
export interface PartnerStanding {
  /** R26: in the solution-provider, distributor or reseller plan: a reseller identity, no customer identity. */
  hasResellerIdentity(ex: Executor, partnerId: string): Promise<boolean>;
  /** R29: the solution-provider plan has expired (and no live one replaced it). */
  solutionProviderExpired(ex: Executor, partnerId: string): Promise<boolean>;
}

let standing: PartnerStanding = { hasResellerIdentity: async () => false, solutionProviderExpired: async () => false };
export function registerPartnerStanding(s: PartnerStanding): void {
  standing = s;
}
export const partnerStanding = () => standing;

/** R26 (guide L1702, L1937, L2194): "将获得经销商身份，不再具备客户身份，无法使用对应账号购买云服务". */
export const RESELLER_CANNOT_BUY: Text = {
  zh: '该账号已加入解决方案提供商计划或分销计划，获得经销商身份，不再具备客户身份，无法购买云服务',
  en: 'This account has joined the solution-provider or distribution plan: it now has a reseller identity, no customer identity, and cannot buy cloud services',
};
/** R29 (guide L2409): "您可以进入伙伴中心管理现有客户，但不能再拓展新的客户". */
export const EXPIRED_NO_NEW_CUSTOMERS: Text = {
  zh: '您的解决方案提供商计划已经过期，可以管理现有客户，但不能再拓展新的客户',
  en: 'Your solution-provider plan has expired: you can manage existing customers but cannot take on new ones',
};
/** R29 (guide L2409): "也不能代客操作". */
export const EXPIRED_NO_ON_BEHALF: Text = {
  zh: '您的解决方案提供商计划已经过期，不能代客操作',
  en: 'Your solution-provider plan has expired: you cannot act on behalf of customers',
};
/** R29 (guide L2410): "仅超级管理员账号可以访问伙伴中心，其他组织人员账号不可访问伙伴中心". */
export const EXPIRED_MEMBERS_LOCKED_OUT: Text = {
  zh: '解决方案提供商计划已经过期，仅超级管理员账号可以访问伙伴中心，其他组织人员账号不可访问伙伴中心',
  en: 'The solution-provider plan has expired: only the super administrator can access the Partner Center; other organization members cannot',
};

/** R26: the buying account (a customer account id) may not be a partner with a reseller identity. 403 `cloud.reseller-cannot-buy`. */
export async function requireMayBuyCloud(ex: Executor, accountId: string): Promise<void> {
  const [p] = await ex.select({ id: partners.id }).from(partners).where(eq(partners.accountId, accountId));
  if (p && (await standing.hasResellerIdentity(ex, p.id))) throw new AppError(403, 'cloud.reseller-cannot-buy', RESELLER_CANNOT_BUY);
}

/** R29: no new customers (报备, invitations, links, association through a link). 403 `partners.sp-expired.no-new-customers`. */
export async function requireMayTakeNewCustomers(ex: Executor, partnerId: string): Promise<void> {
  if (await standing.solutionProviderExpired(ex, partnerId)) throw new AppError(403, 'partners.sp-expired.no-new-customers', EXPIRED_NO_NEW_CUSTOMERS);
}

/** R29 as the customer meets it: a link of a partner whose solution-provider plan expired no longer associates. */
export const PARTNER_TAKES_NO_NEW_CUSTOMERS: Text = {
  zh: '该合作伙伴暂不能关联新的客户，请联系合作伙伴',
  en: 'This partner cannot take on new customers at the moment; contact the partner',
};

/** R29 on the customer's side (关联 through the partner's link or QR code). 409 `customers.partner-takes-no-new-customers`. */
export async function requirePartnerTakesNewCustomers(ex: Executor, partnerId: string): Promise<void> {
  if (await standing.solutionProviderExpired(ex, partnerId)) throw new AppError(409, 'customers.partner-takes-no-new-customers', PARTNER_TAKES_NO_NEW_CUSTOMERS);
}

/** R29: no operations on a customer's behalf (代客下单 / 代客运维). 403 `partners.sp-expired.no-on-behalf`. */
export async function requireMayActOnBehalf(ex: Executor, partnerId: string): Promise<void> {
  if (await standing.solutionProviderExpired(ex, partnerId)) throw new AppError(403, 'partners.sp-expired.no-on-behalf', EXPIRED_NO_ON_BEHALF);
}

/** R29: only the super admin (the partner's main account) signs in; members are refused. 403 `auth.sp-expired.members-locked-out`. */
export async function requireMemberMaySignIn(ex: Executor, partnerId: string): Promise<void> {
  if (await standing.solutionProviderExpired(ex, partnerId)) throw new AppError(403, 'auth.sp-expired.members-locked-out', EXPIRED_MEMBERS_LOCKED_OUT);
}
