import type { Text } from '../../platform/i18n/index.js';

/**
 * 关联失败的原因及操作提示 (guide 8425–8452, spec 04 §5; ch. 11/12 repeat it). The Chinese
 * 提示说明 (reason) and 伙伴操作 (partner hint) are the guide's words, stored verbatim on the
 * expansion record when an association fails. `resaleOnly`: the reason blocks 代售 only.
 * The last three come from the customer-side list of 13.1.1 (L20011–20031), which names refusals
 * the partner table lacks; their texts are ours, built from those lines.
 */
export interface FailureReason {
  reason: Text;
  hint: Text;
  resaleOnly?: boolean;
  /** Waived when this partner holds a live 已报备 report for the customer (the hint says: report, then resend). */
  waivedByReport?: boolean;
}

const RESEND: Text = { zh: '建议重新发送邀请邮件。', en: 'Send the invitation again.' };
const CANNOT: Text = { zh: '该状况客户无法关联伙伴。', en: 'The customer cannot associate with a partner.' };
const NOT_RESALE: Text = { zh: '该状况客户无法以代售模式关联伙伴。', en: 'The customer cannot associate in resale mode.' };
const TICKET: Text = { zh: '提醒客户提工单或者联系客服进行关联。', en: 'Ask the customer to raise a ticket or contact customer service to associate.' };
const MANUAL: Text = {
  zh: '该状况伙伴可申请人工审核报备该客户，审核通过后可重新发送邀请邮件邀请客户关联。',
  en: 'Apply for a manually reviewed report of this customer; once approved, send the invitation again.',
};

export const FAILURE_REASONS = {
  system_busy: { reason: { zh: '系统繁忙，请稍后重试！', en: 'The system is busy; please try again later.' }, hint: { zh: '请联系客服处理。', en: 'Contact customer service.' } },
  link_not_found: { reason: { zh: '邀请链接不存在。', en: 'The invitation link does not exist.' }, hint: RESEND },
  link_expired: { reason: { zh: '邀请链接已失效。', en: 'The invitation link has expired.' }, hint: RESEND },
  code_used: { reason: { zh: '邀请码已被使用。', en: 'The invitation code has been used.' }, hint: RESEND },
  link_used: { reason: { zh: '邀请链接已被使用。', en: 'The invitation link has been used.' }, hint: RESEND },
  reported_by_other_partner: { reason: { zh: '客户已被其他伙伴报备，无法关联伙伴。', en: 'The customer has been reported by another partner.' }, hint: CANNOT },
  sales_support_center: {
    reason: { zh: '已经归属授权销售支持中心，无法关联伙伴。', en: 'The customer belongs to the authorized sales support center.' },
    hint: MANUAL,
    waivedByReport: true,
  },
  online_sales_team: {
    reason: { zh: '客户已经被华为线上销售团队跟进，无法关联伙伴。', en: "The customer is followed by Huawei's online sales team." },
    hint: MANUAL,
    waivedByReport: true,
  },
  credit_account: { reason: { zh: '客户有信用账户，无法以代售模式关联伙伴。', en: 'The customer has a credit account, so it cannot associate in resale mode.' }, hint: NOT_RESALE, resaleOnly: true },
  is_partner: {
    reason: { zh: '客户已是合作伙伴或者正在申请成为合作伙伴，无法成为伙伴子客户。', en: 'The customer is, or is applying to become, a partner.' },
    hint: CANNOT,
  },
  associated_other: { reason: { zh: '客户已关联其他伙伴，无法再次关联。', en: 'The customer is already associated with another partner.' }, hint: CANNOT },
  special_contract: {
    reason: { zh: '客户有特殊合同，无法关联伙伴。', en: 'The customer has a special contract.' },
    hint: { zh: '该状况客户无法关联伙伴，建议客户失效合同后重新申请关联。', en: 'The customer cannot associate; once the contract lapses, apply again.' },
  },
  huawei_internal: { reason: { zh: '客户是华为内部账号，无法关联伙伴。', en: 'The customer is a Huawei internal account.' }, hint: CANNOT },
  consumer_cloud: { reason: { zh: '客户是消费者云用户，无法关联伙伴。', en: 'The customer is a consumer-cloud user.' }, hint: CANNOT },
  reported_by_huawei: { reason: { zh: '客户已被华为云报备，无法关联伙伴。', en: 'The customer has been reported by Huawei Cloud.' }, hint: CANNOT, waivedByReport: true },
  reward_plan: {
    reason: { zh: '客户已加入华为云奖励推广计划，无法关联伙伴。', en: 'The customer has joined the Huawei Cloud reward-promotion plan.' },
    hint: { zh: '该状况客户无法关联伙伴，建议客户更换账号重新申请关联。', en: 'The customer cannot associate; it may use another account.' },
  },
  master_with_unhosted_subs: {
    reason: {
      zh: '客户作为企业主账号，且已经关联了非财务托管企业子账号，无法以代售模式关联伙伴。',
      en: 'The customer is an enterprise master account with non-finance-hosted sub-accounts, so it cannot associate in resale mode.',
    },
    hint: NOT_RESALE,
    resaleOnly: true,
  },
  enterprise_sub: { reason: { zh: '客户作为企业子账号，无法以代售模式关联。', en: 'The customer is an enterprise sub-account, so it cannot associate in resale mode.' }, hint: NOT_RESALE, resaleOnly: true },
  topup_bonus: { reason: { zh: '客户有充值送余额，无法以代售模式关联伙伴。', en: 'The customer has a top-up bonus balance, so it cannot associate in resale mode.' }, hint: TICKET, resaleOnly: true },
  has_consumption: { reason: { zh: '客户有消费记录，无法关联伙伴。', en: 'The customer has consumption records.' }, hint: TICKET, waivedByReport: true },
  balance_uninvoiced_over_limit: {
    reason: { zh: '当前充值账户有余额，并且欠票金额大于限定值，无法关联伙伴。', en: 'The top-up account has a balance and the uninvoiced amount exceeds the limit.' },
    hint: TICKET,
  },
  registration_too_old: { reason: { zh: '客户注册时间超过限制，无法关联伙伴。', en: 'The customer registered too long ago.' }, hint: TICKET, waivedByReport: true },
  in_arrears: {
    reason: { zh: '客户已欠费，无法关联伙伴。', en: 'The customer is in arrears.' },
    hint: { zh: '提醒客户充值还款后再提工单或者联系客服进行关联。', en: 'Ask the customer to repay, then raise a ticket or contact customer service.' },
  },
  stored_value_card: {
    reason: { zh: '客户有未消费完的储值卡，无法以代售模式关联伙伴。', en: 'The customer has an unused stored-value card, so it cannot associate in resale mode.' },
    hint: { zh: '等客户消费完后再提工单或者联系客服进行关联。', en: 'Once the card is used up, the customer raises a ticket or contacts customer service.' },
    resaleOnly: true,
  },
  real_name_changed: {
    reason: { zh: '由于您已报备未关联客户的实名认证状态发生变化，报备记录已失效', en: 'The real-name status of the reported customer changed; the report is no longer valid' },
    hint: { zh: '', en: '' }, // the guide's 伙伴操作 cell is empty (8452)
  },
  // 13.1.1 (customer side), not in the partner table:
  international_site: { reason: { zh: '客户在国际站注册，无法关联伙伴。', en: 'The customer registered on the international site.' }, hint: CANNOT },
  finance_hosted_sub: {
    reason: { zh: '客户账号为财务托管企业子账号，无法关联伙伴。', en: 'The customer is a finance-hosted enterprise sub-account.' },
    hint: CANNOT,
  },
  designated_contract: {
    reason: { zh: '客户已与华为云签署指定合同，无法以代售模式关联伙伴。', en: 'The customer has signed a designated Huawei Cloud contract, so it cannot associate in resale mode.' },
    hint: NOT_RESALE,
    resaleOnly: true,
  },
} satisfies Record<string, FailureReason>;

export type FailureCode = keyof typeof FAILURE_REASONS;
export const FAILURE_CODES = Object.keys(FAILURE_REASONS) as FailureCode[];
/** The rows of the guide's partner table (8425–8452): each has a test that produces it. */
export const GUIDE_TABLE_CODES: readonly FailureCode[] = FAILURE_CODES.filter((c) => !['international_site', 'finance_hosted_sub', 'designated_contract'].includes(c));
