import type { Text } from '../../platform/i18n/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { PARTNER_FREEZE, ROLE_PATHS, gatherFacts, type Facts } from './facts.js';
import type { ProgramKey } from './schema.js';

/**
 * The eligibility engine (spec 01 R25, R30, R36, R38, R39): each plan is a list of conditions in the
 * guide's order and wording; evaluating one returns every condition with its result, so the UI can
 * show "查看原因" (the unmet ones) and "查看计划要求" (all of them). Submitting while any is unmet is
 * refused with the list in the error's details.
 */

export interface ConditionDef {
  key: string;
  /** The guide's number (solution provider: 1)–18), where it numbers them. */
  no: number | null;
  text: Text;
  met: (f: Facts) => boolean;
}

export interface ConditionResult {
  key: string;
  no: number | null;
  text: Text;
  met: boolean;
}

export interface Eligibility {
  program: ProgramKey;
  eligible: boolean;
  conditions: ConditionResult[];
  unmet: ConditionResult[];
  /** Consequences to confirm, not blockers (R36: vouchers become invalid). */
  warnings: Text[];
}

const t = (zh: string, en: string): Text => ({ zh, en });
const c = (key: string, no: number | null, zh: string, en: string, met: (f: Facts) => boolean): ConditionDef => ({ key, no, text: t(zh, en), met });

const notFrozenExceptPartnerFreeze = (f: Facts) => f.freeze === null || f.freeze === PARTNER_FREEZE;
const noArrearsNoBalance = (f: Facts) => f.arrears.isZero() && f.rechargeBalance.isZero();
const onRolePath = (f: Facts) => f.paths.some((p) => (ROLE_PATHS as readonly string[]).includes(p));

/** R36 (L2214): after applying for the reseller plan the account cannot apply for any other plan. */
const RESELLER_APPLIED = c(
  'reseller-applied',
  null,
  '企业客户申请加入云经销商计划后无法再申请加入其他任何伙伴计划',
  'After applying for the reseller plan the account cannot apply for any other plan',
  (f) => !f.joined.has('reseller') && f.applications.get('reseller') !== 'in_review' && f.applications.get('reseller') !== 'rejected',
);

/** R25 (L1706–1724): the guide skips no. 16. */
export const SOLUTION_PROVIDER_CONDITIONS: readonly ConditionDef[] = [
  c('real-name', 1, '该账号已经完成企业实名认证', 'The account has completed enterprise real-name verification', (f) => f.enterpriseVerified),
  c(
    'not-frozen',
    2,
    '该账号没有被冻结（包括账号关闭冻结、公安冻结、违规冻结、欠费冻结等。不包括合作伙伴冻结）',
    'The account is not frozen (closure, police, violation or arrears freeze; a partner freeze does not count)',
    notFrozenExceptPartnerFreeze,
  ),
  c('no-special-contract', 3, '该账号无特殊商务合同', 'The account has no special commercial contract', (f) => !f.specialContract),
  c('not-sub-customer', 4, '该账号不是子客户账号', 'The account is not a sub-customer account', (f) => f.customerOf.length === 0),
  c('not-enterprise-account', 5, '该账号不是企业主账号或者企业子账号', 'The account is not an enterprise master or sub account', (f) => !f.enterpriseAccount),
  c('no-arrears', 6, '该账号无欠费，充值账户无余额', 'The account has no arrears and no balance in its recharge account', noArrearsNoBalance),
  c('no-open-resources', 7, '该账号下没有未关闭的资源', 'The account has no open resources', (f) => f.openResources === 0),
  c('no-invoiceable-amount', 8, '该账号下没有可开票金额', 'The account has no invoiceable amount', (f) => f.invoiceable.isZero()),
  c('no-postpaid', 9, '该账号没有开通后付费', 'The account has not enabled post-paid billing', (f) => !f.postpaid),
  c('company-not-joined', 10, '该公司无审批通过的解决方案提供商计划（不可重复加入）', 'The company has no approved solution provider plan (it cannot join twice)', (f) => !f.companySolutionProvider),
  c('huawei-account', 11, '该账号须为华为账号', 'The account must be a HUAWEI ID', (f) => f.huaweiAccount),
  c(
    'contact-not-used',
    12,
    '该账号绑定的邮箱/手机，未绑定其他已加入解决方案提供商伙伴计划的账号',
    'The bound e-mail / mobile is not bound to another account in the solution provider plan',
    (f) => !f.contactInSolutionProvider,
  ),
  c('email-bound', 13, '该账号已绑定邮箱', 'The account has a bound e-mail address', (f) => !!f.email),
  c('not-path-partner', 14, '该账号不是软件伙伴/服务伙伴/SI伙伴账号', 'The account is not a software, service or SI partner account', (f) => !onRolePath(f)),
  c(
    'not-distribution',
    15,
    '该账号未加入分销计划（云经销商）、分销计划（总经销商）',
    'The account is not in the distribution plan (reseller or distributor)',
    (f) => !f.joined.has('reseller') && !f.joined.has('distributor'),
  ),
  c(
    'sibling-role-certified',
    17,
    '该账号同公司下必须有一个软件/服务/SI伙伴账号，且已经完成角色认证阶段',
    'Another account of the same company must be a software, service or SI partner that completed role certification',
    (f) => f.roleCertified.some((r) => r.partnerId !== f.partnerId),
  ),
  c('hcpn', 18, '该账号已通过HCPN入驻', 'The account has joined HCPN', () => true), // a partner account exists only after joining HCPN
  RESELLER_APPLIED,
];

/** R8 + R30 (L1941–1949, repeated as "不满足加入计划的原因" at L2090). */
export const DISTRIBUTOR_CONDITIONS: readonly ConditionDef[] = [
  c('invited', null, '该计划仅限华为云邀请加入，请联系当地的生态经理发送邀请邮件', 'By invitation only: ask your local ecosystem manager for the invitation e-mail', (f) => f.distributorInvited),
  c(
    'not-solution-provider',
    null,
    '您的账号已加入或正在加入解决方案提供商计划',
    'Your account has joined or is joining the solution provider plan',
    (f) => !f.joined.has('solution_provider') && f.applications.get('solution_provider') !== 'in_review',
  ),
  c(
    'not-sub-customer-of-distributor',
    null,
    '您的账号是另一个分销商的子客户，请申请和伙伴解除关联',
    'Your account is a sub-customer of another distributor; ask that partner to unbind it',
    (f) => !f.customerOf.some((x) => x.distributor),
  ),
  c('no-open-resources', null, '您的账号有未关闭资源，请您前往控制台关闭资源', 'Your account has open resources; close them in the console', (f) => f.openResources === 0),
  c('not-frozen', null, '您的账号已冻结', 'Your account is frozen', (f) => f.freeze === null),
  c('no-arrears', null, '您的账号已欠费，您可以充值还清欠费', 'Your account is in arrears; top up to clear them', (f) => f.arrears.isZero()),
  c('not-enterprise-account', null, '您的账号已经成为企业主账号或企业子账号', 'Your account is an enterprise master or sub account', (f) => !f.enterpriseAccount),
  c('no-credit-account', null, '您的账号有信用账户', 'Your account has a credit account', (f) => !f.creditAccount),
  RESELLER_APPLIED,
];

/** R36 (L2199–2210). */
export const RESELLER_CONDITIONS: readonly ConditionDef[] = [
  c('real-name', null, '该账号已经完成企业实名认证', 'The account has completed enterprise real-name verification', (f) => f.enterpriseVerified),
  c(
    'not-frozen',
    null,
    '该账号没有被冻结（包含账号关闭冻结、欠费冻结、公安冻结、违规冻结等）',
    'The account is not frozen (closure, arrears, police or violation freeze)',
    notFrozenExceptPartnerFreeze,
  ),
  c('no-tier1-distributor', null, '该账号没有关联一级经销商', 'The account is not linked to a tier-1 distributor', (f) => !f.linkedTier1 && f.resellerLink === null),
  c(
    'not-partner',
    null,
    '该账号不是合作伙伴或者正在申请成为合作伙伴',
    'The account is not a partner (on a development path or in another plan) and is not applying to be one',
    (f) =>
      f.paths.length === 0 &&
      [...f.joined].every((p) => p === 'reseller') &&
      [...f.applications.entries()].every(([p, s]) => p === 'reseller' || s === 'draft'),
  ),
  c('not-enterprise-account', null, '该账号不是企业主账号或者企业子账号', 'The account is not an enterprise master or sub account', (f) => !f.enterpriseAccount),
  c('no-open-resources', null, '该账号下没有未关闭的资源', 'The account has no open resources', (f) => f.openResources === 0),
  c('no-arrears', null, '该账号无欠费，充值账户无余额', 'The account has no arrears and no balance in its recharge account', noArrearsNoBalance),
  c('no-invoiceable-amount', null, '该账号下没有可开票金额', 'The account has no invoiceable amount', (f) => f.invoiceable.isZero()),
  c('no-postpaid', null, '该账号没有开通后付费', 'The account has not enabled post-paid billing', (f) => !f.postpaid),
  c(
    'no-designated-contract',
    null,
    '该账号没有与华为云签署指定合同（线下直签合同、电销授权合同折扣、直签特价商务）等',
    'The account has no designated contract with HUAWEI CLOUD (offline direct contract, telesales contract discount, direct special-price deal)',
    (f) => f.designatedContracts.length === 0,
  ),
  c(
    'not-tier1-customer',
    null,
    '该账号不是一级经销商的顾问销售或代售模式客户',
    'The account is not a consulting-sales or resale customer of a tier-1 distributor',
    (f) => !f.customerOf.some((x) => x.distributor),
  ),
];

/** R38 (L2487). */
export const CSP_CONDITIONS: readonly ConditionDef[] = [
  c(
    'on-path',
    null,
    '合作伙伴已加入伙伴发展路径（软件合作伙伴发展路径/服务合作伙伴发展路径/数字化转型咨询与系统集成伙伴发展路径）',
    'The partner has joined the software, service or SI development path',
    onRolePath,
  ),
  RESELLER_APPLIED,
];

/** L2475: 完成企业实名认证 before the merchant application. */
export const MERCHANT_CONDITIONS: readonly ConditionDef[] = [
  c('real-name', null, '该账号已经完成企业实名认证', 'The account has completed enterprise real-name verification', (f) => f.enterpriseVerified),
  RESELLER_APPLIED,
];

/** R39 (L2603–2606). */
export const SERVICE_CAPABILITY_CONDITIONS: readonly ConditionDef[] = [
  c('service-role-certified', 1, '合作伙伴已加入服务伙伴发展路径且达到角色认证阶段', 'The partner is on the service path at the role-certified stage', (f) => f.serviceRoleCertified),
  c('scope-label', 2, '本年度内至少获得1个激励范围内的一级能力标签', 'At least one in-scope level-1 capability label obtained this year', (f) => f.scopeLabelsThisYear.length > 0),
  RESELLER_APPLIED,
];

export const PCE_CONDITIONS: readonly ConditionDef[] = [RESELLER_APPLIED];

export const CONDITIONS: Partial<Record<ProgramKey, readonly ConditionDef[]>> = {
  pce: PCE_CONDITIONS,
  solution_provider: SOLUTION_PROVIDER_CONDITIONS,
  distributor: DISTRIBUTOR_CONDITIONS,
  reseller: RESELLER_CONDITIONS,
  marketplace_csp: CSP_CONDITIONS,
  marketplace_merchant: MERCHANT_CONDITIONS,
  service_capability: SERVICE_CAPABILITY_CONDITIONS,
};

const COUPON_WARNING: Text = t(
  '若账号下有未使用完的代金券，折扣券或者储值卡，成为云经销商后将失效不可使用。如果希望继续使用，建议选择其他账号或者重新注册新账号，再申请加入云经销商。',
  'Unused vouchers, discount coupons and stored-value cards become invalid once the account is a reseller; use another account to keep them.',
);
const IDENTITY_WARNING: Text = t(
  '加入后将获得经销商身份，不再具备客户身份，无法使用对应账号购买云服务。',
  'After joining, the account has a reseller identity: it is no longer a customer and cannot buy cloud services.',
);

export function evaluate(program: ProgramKey, f: Facts): Eligibility {
  const defs = CONDITIONS[program] ?? [];
  const conditions = defs.map((d) => ({ key: d.key, no: d.no, text: d.text, met: d.met(f) }));
  const unmet = conditions.filter((x) => !x.met);
  const warnings: Text[] = [];
  if (program === 'solution_provider' || program === 'distributor' || program === 'reseller') warnings.push(IDENTITY_WARNING); // R26
  if (program === 'reseller' && f.unusedCoupons > 0) warnings.push(COUPON_WARNING);
  return { program, eligible: unmet.length === 0, conditions, unmet, warnings };
}

export async function eligibilityOf(ex: Executor, partnerId: string, program: ProgramKey): Promise<Eligibility> {
  return evaluate(program, await gatherFacts(ex, partnerId));
}

const NOT_ELIGIBLE: Text = { zh: '您当前的账号不满足加入该计划的条件', en: 'Your account does not meet the conditions of this program' };

/** The refusal of a submission while conditions are unmet; `details.reasons` lists them in the guide's words. */
export function notEligible(e: Eligibility): AppError {
  return new AppError(409, 'programs.not-eligible', NOT_ELIGIBLE, {
    program: e.program,
    reasons: e.unmet.map((u) => ({ key: u.key, no: u.no, text: u.text })),
  });
}
