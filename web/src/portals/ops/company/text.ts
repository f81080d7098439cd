import { pickText } from '../../../i18n';

/**
 * 运营后台 texts for company and business information (spec 02 §3.3, R4, R10, R11, R15): the
 * certification list with 解除锁定, the supplier-system records, cloud-store agreements and the USCC.
 * Both languages side by side; read with `tx`.
 */
const b = (zh: string, en: string) => ({ zh, en });
export type Bi = { zh: string; en: string };

export function tx(text: Bi, params?: Record<string, string | number>): string {
  const s = pickText(text);
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

export const T = {
  menu: b('商业信息认证', 'Business info'),
  title: b('公司与商业信息', 'Company and business information'),
  tabCerts: b('商业信息认证', 'Certifications'),
  tabSuppliers: b('供应商管理系统记录', 'Supplier records'),
  tabPartners: b('伙伴公司', 'Partner companies'),
  reviewQueueNote: b('需人工审核的商业信息认证与公司信息修改在“审核”队列中处理；此处查看全部认证、转账金额验证与锁定。', 'Manual reviews of certifications and company-information changes are decided in the review queue; here are all certifications, amount checks and locks.'),

  company: b('公司名称', 'Company'),
  companyPlaceholder: b('请输入公司名称', 'Company name'),
  status: b('状态', 'Status'),
  allStatuses: b('全部状态', 'All statuses'),
  mode: b('认证类型', 'Type'),
  bank: b('银行名称', 'Bank'),
  account: b('银行账号', 'Account number'),
  currency: b('货币', 'Currency'),
  amount: b('转账金额', 'Transfer amount'),
  amountDemo: b('演示环境：华为云转入的随机金额（代替伙伴的银行流水）', 'Demo: the random amount transferred (stands in for the partner’s bank statement)'),
  failures: b('本轮错误次数', 'Wrong attempts this round'),
  round: b('转账轮次', 'Transfer round'),
  submittedAt: b('提交时间', 'Submitted'),
  updatedAt: b('最近更新时间', 'Last updated'),
  certifiedAt: b('认证时间', 'Certified'),
  lockedAt: b('锁定时间', 'Locked'),
  workOrderNo: b('解锁工单', 'Unlock work order'),
  manualReasons: b('人工审核原因', 'Why manual review'),
  failureReason: b('失败原因', 'Failure reason'),
  operation: b('操作', 'Action'),
  detail: b('详情', 'Detail'),
  review: b('审核', 'Review'),
  unlock: b('解除锁定', 'Unlock'),
  unlockTitle: b('提交工单解除锁定', 'Unlock from a work order'),
  unlockNote: b('解除锁定后，华为云将重新向伙伴账户转入随机金额（0.01元~0.99元），伙伴重新获得三次认证机会。', 'Unlocking transfers a new random amount (0.01–0.99 CNY) and gives the partner three new attempts.'),
  workOrder: b('工单号', 'Work order'),
  workOrderRequired: b('请输入工单号', 'Enter the work order number'),
  reason: b('说明', 'Note'),
  unlocked: b('已解除锁定', 'Unlocked'),
  settlement: b('结算检查', 'Settlement check'),
  settlementBlocked: b('暂无法结算', 'Settlement blocked'),
  settlementOk: b('可结算', 'May settle'),
  certified: b('已认证', 'Certified'),
  notCertified: b('未认证', 'Not certified'),
  certStatus: b('认证状态', 'Certification status'),
  empty: b('暂无商业信息认证', 'No certifications'),
  search: b('查询', 'Search'),
  total: b('共 {total} 条', '{total} in total'),
  yes: b('是', 'Yes'),
  no: b('否', 'No'),

  // 供应商管理系统
  suppliersNote: b(
    '华为供应商管理系统中的同名非IOI伙伴，若商业信息认证提交的银行账号、华为签约主体、签约币种与此处记录不一致，需要上传银行确认函。认证成功后，记录更新为认证的银行信息。',
    'A same-name non-IOI supplier whose certification bank account, contracting entity or currency differ from this record must upload a bank confirmation letter. Certification updates the record.',
  ),
  ioi: b('IOI伙伴', 'IOI'),
  bankAccount: b('银行账号', 'Bank account'),
  contractingEntity: b('华为签约主体', 'Contracting entity'),
  source: b('来源', 'Source'),
  sourceCert: b('商业信息认证', 'Certification'),
  sourceOps: b('运营维护', 'Operations'),
  saveSupplier: b('新增/修改供应商记录', 'Add or change a record'),
  supplierSaved: b('供应商记录已保存', 'Record saved'),
  suppliersEmpty: b('暂无供应商记录', 'No supplier records'),
  contractingEntityHint: b('不填写则为默认签约主体', 'Leave empty for the default contracting entity'),

  // 伙伴公司
  partnersNote: b('按公司名称、统一社会信用代码或账号名查找伙伴，查看结算检查，记录云商店合作分成协议，或由生态经理修改统一社会信用代码。', 'Find a partner by company, USCC or account name: check settlement, record the cloud-store revenue-sharing agreement, or (ecosystem manager) change the USCC.'),
  searchPartner: b('公司名称 / 统一社会信用代码 / 账号名', 'Company / USCC / account name'),
  accountName: b('账号名', 'Account'),
  uscc: b('统一社会信用代码', 'USCC'),
  mainAccount: b('主账号', 'Main account'),
  revenueShare: b('记录合作分成协议', 'Record revenue-sharing agreement'),
  revenueShareNote: b('云商店伙伴须在云商店签署合作分成协议后，才可进行商业信息认证。', 'Cloud-store partners certify only after signing the revenue-sharing agreement in the cloud store.'),
  signedAt: b('签署时间', 'Signed at'),
  signedAtHint: b('不填写则为当前时间', 'Leave empty for now'),
  revenueShareSaved: b('合作分成协议已记录', 'Agreement recorded'),
  changeUscc: b('修改统一社会信用代码', 'Change the USCC'),
  changeUsccNote: b('统一社会信用代码/组织机构代码伙伴不可修改，仅生态经理可修改。', 'Partners cannot change the unified social credit code; only the ecosystem manager can.'),
  newUscc: b('新统一社会信用代码', 'New USCC'),
  usccFormat: b('统一社会信用代码格式不正确（18位）', 'The unified social credit code must be 18 valid characters'),
  usccReason: b('修改原因', 'Reason'),
  usccSaved: b('统一社会信用代码已修改', 'USCC changed'),
  partnersEmpty: b('请输入关键字查找伙伴', 'Search for a partner'),
  required: b('请填写{field}', '{field} is required'),
} as const;

/** 商业信息认证 statuses (server CERT_STATUS_NAMES), for the filter. */
export const CERT_STATUS_NAMES: Record<string, Bi> = {
  amount_verification: b('待验证转账金额', 'Awaiting transfer-amount verification'),
  locked: b('已锁定', 'Locked'),
  auto_certifying: b('自动认证中', 'Automatic certification in progress'),
  manual_review: b('人工审核中', 'Under manual review'),
  awaiting_bank_letter: b('待提交银行确认函', 'Awaiting bank confirmation letter'),
  certified: b('已认证', 'Certified'),
  failed: b('认证失败', 'Certification failed'),
};

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP', 'JPY', 'SGD'] as const;
export const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
