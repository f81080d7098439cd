import { randomInt } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../../platform/context.js';
import { systemCtx } from '../../../platform/context.js';
import { clock } from '../../../platform/clock.js';
import { inTransaction, isUniqueViolation, type Db, type Executor } from '../../../platform/db/index.js';
import type { Deps } from '../../../platform/deps.js';
import { AppError, badRequest, fieldError, notFound, refused } from '../../../platform/errors.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { P, requirePermission, requireStaff, STAFF_ROLES } from '../../../platform/access/index.js';
import { audit } from '../../../platform/audit/index.js';
import { canRead, defineFilePurpose, getFileRecord, MB } from '../../../platform/files/index.js';
import { money } from '../../../platform/money.js';
import * as ledger from '../../../platform/ledger/index.js';
import { kickDelivery, sendAll } from '../../../platform/notify/index.js';
import { defineReviewKind, submit, type ReviewApplication } from '../../../platform/review/index.js';
import { USCC_RE } from '../../accounts/real-name.js';
import { companies } from '../schema.js';
import { chars, isEmail, isMobile, maskAccount, partnerContact, requiredText, sameName, say, tenantCompany, type TenantCompany } from './common.js';
import { currentInfo } from './profile.js';
import { findBank } from './banks.js';
import { renderBankLetterPdf } from './bank-letter.js';
import { CERT_STATUS_NAMES, companyCertState, isCloudStoreCompany, revenueShareSigned, settlementCheck, type CompanyCertStatus } from './cert-state.js';
import { chinaDate } from '../../../platform/china-time.js';
import {
  businessCertifications,
  companyInfoChanges,
  supplierRecords,
  type BusinessCertification,
  type CertBankStep,
  type CertCompanyStep,
  type CertMode,
  type CertStatus,
  type CertSurveyStep,
} from './schema.js';

/**
 * 商业信息认证 (business-information certification; spec 02 §2.5, §3.3, ops 8–10, R9–R17; guide
 * L2951–3187). The main account fills the five-step wizard ① 填写公司信息 ② 填写银行信息 ③ 关联供应商调查
 * ④ 提交确认 ⑤ 提交认证 as a draft. On 提交: a bank that takes UnionPay corporate transfers is checked by a
 * random 0.01–0.99 CNY transfer (3 attempts, then locked until a work order unlocks it); then the
 * certification runs automatically (自动认证中 → 已认证), or goes to a business-info reviewer, or first
 * waits for a bank confirmation letter (same-name non-IOI supplier with new bank details).
 */

export const CERT_KIND = 'partners.business-info-certification';
export const CERT_SUBJECT = 'business_certification';
export const AUTO_CERTIFY_JOB = 'partners.business-info.auto-certify';
export const MAX_AMOUNT_ATTEMPTS = 3; // R15
/** 华为签约主体 (the vendor's contracting entity; the guide does not name it). */
export const CONTRACTING_ENTITY = '华为云计算技术有限公司';

export const LIMITS = {
  place: 64,
  address: 200,
  personName: 50,
  bankName: 100,
  companyName: 200,
  enterpriseCode: 50,
  surveyDetails: 500,
} as const;

/** 纳税人类型: the guide shows a required select without its options (inferred: the VAT categories). */
export const TAXPAYER_TYPES = ['一般纳税人', '小规模纳税人'] as const;
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP', 'JPY', 'SGD'] as const;
/** 企业代码类型; UnionPay verification needs 统一社会信用代码 (R14). */
export const ENTERPRISE_CODE_TYPES = ['统一社会信用代码', '组织机构代码', '营业执照注册号', '其他'] as const;
export const USCC_TYPE = '统一社会信用代码';

/** 关联供应商调查: the five situations (L3064–3078). */
export const SURVEY_ITEMS: readonly Text[] = [
  { zh: '华为公司现职员工是贵公司的直接投资者', en: 'A current Huawei employee is a direct investor in your company' },
  { zh: '华为公司现职员工在贵公司兼任职务', en: 'A current Huawei employee holds a concurrent post in your company' },
  { zh: '华为公司现职员工的主要亲属，是贵公司的主要投资者', en: 'A main relative of a current Huawei employee is a main investor in your company' },
  { zh: '华为公司现职员工的主要亲属，在贵公司担任职务', en: 'A main relative of a current Huawei employee holds a post in your company' },
  { zh: '前华为公司员工为贵公司的直接投资者或到贵公司担任职务', en: 'A former Huawei employee is a direct investor in or holds a post in your company' },
];

export const MODE_NAMES: Record<CertMode, Text> = {
  first: { zh: '商业信息首次认证', en: 'First certification' },
  recert_company: { zh: '重新认证（仅修改公司信息）', en: 'Re-certification (company information only)' },
  recert_bank: { zh: '重新认证（修改公司信息以及银行信息）', en: 'Re-certification (company and bank information)' },
};

/** Why a certification goes to a business-info reviewer (华为商业信息审核员). */
export const MANUAL_REASONS: Record<string, Text> = {
  'bank-manual-entry': { zh: '银行名称为手动输入（未在下拉框中选择）', en: 'The bank was typed by hand instead of picked from the list' },
  'bank-not-verifiable': { zh: '银行信息无法通过银联对公转账验证', en: 'The bank details cannot be verified by a UnionPay corporate transfer' },
  'related-supplier': { zh: '关联供应商调查涉及华为公司员工', en: 'The related-supplier survey declares Huawei employees' },
  'bank-letter': { zh: '已提交银行确认函，需审核', en: 'A bank confirmation letter was submitted' },
  'previously-reviewed': { zh: '认证申请曾被驳回，重新提交后由审核员处理', en: 'A certification rejected before goes back to the reviewer' },
};

export const BANNER: Text = {
  zh: '商业信息认证预计1个小时内审核完成，审核成功，即可完成认证。认证完成后您会收到系统邮件和短信通知。如果认证申请被驳回，您可以看到驳回原因，修改认证信息后，重新启动认证申请。',
  en: 'Business information certification normally completes within about an hour. You will receive an e-mail and an SMS when it completes. If it is rejected you will see the reason, can correct the information and start again.',
};

export const DISCLAIMER: Text = { zh: '《商业信息认证免责与隐私声明》', en: 'Business Information Certification Disclaimer and Privacy Statement' };

/** 银行确认函 scan: stamped or signed (the guide gives no formats; those of the licence upload, inferred). */
export const BANK_LETTER_PURPOSE = 'bank-confirmation-letter';
defineFilePurpose({ purpose: BANK_LETTER_PURPOSE, maxBytes: 20 * MB, types: ['jpg', 'bmp', 'png', 'pdf'] });

// ---------------------------------------------------------------------------------------------
// Messages

const CERT: Text = { zh: '商业信息认证', en: 'Business information certification' };
const MAIN_ONLY: Text = {
  zh: '商业信息由主账号管理，请联系主账号进行认证',
  en: "The main account manages the company's business information; ask it to certify",
};
const NOT_EDITABLE: Text = { zh: '认证申请处理中，当前状态不能修改', en: 'The certification is being processed and cannot be changed now' };
const CLOUD_STORE_NO_CHANGE: Text = {
  zh: '云商店伙伴提交商业信息认证后，不支持对信息进行修改，如需修改请提工单处理',
  en: 'Cloud-store partners cannot change business information after submitting it; raise a work order',
};
const CLOUD_STORE_NO_RECERT: Text = {
  zh: '云商店伙伴不支持“重新认证”操作；若需要修改银行信息或公司信息等，请提工单进行处理',
  en: 'Cloud-store partners cannot re-certify; raise a work order to change bank or company information',
};
const CLOUD_STORE_AGREEMENT: Text = {
  zh: '云商店伙伴须在云商店签署合作分成协议后，才可进行商业信息认证',
  en: 'Cloud-store partners must sign the revenue-sharing agreement in the cloud store before certifying',
};
const LOCKED: Text = {
  zh: '您已输入金额认证失败3次，认证申请已被锁定，如需继续认证请提交工单解除锁定',
  en: 'The amount was wrong three times and the certification is locked; raise a work order to unlock it',
};
const WRONG_AMOUNT: Text = { zh: '转账金额不正确，您还有{attemptsLeft}次认证机会', en: 'The amount is wrong; {attemptsLeft} attempt(s) left' };
const AMOUNT_FORMAT: Text = { zh: '请输入收到的转账金额（0.01元~0.99元，最多两位小数）', en: 'Enter the amount received (0.01–0.99 CNY, at most 2 decimals)' };

// ---------------------------------------------------------------------------------------------
// Views

export interface ApplicationView {
  id: string;
  mode: CertMode;
  modeName: string;
  status: CertStatus;
  statusName: string;
  /** The wizard step to show: 1 填写公司信息 … 5 提交认证. */
  step: 1 | 2 | 3 | 4 | 5;
  steps: { company: boolean; bank: boolean; survey: boolean };
  companyName: string;
  company: CertCompanyStep | null;
  bank: (CertBankStep & { accountNumberMasked: string }) | null;
  survey: (CertSurveyStep & { itemTexts: string[] }) | null;
  bankLetter: { required: boolean; file: { id: string; name: string } | null };
  verification: { maxAttempts: number; attemptsLeft: number; sentAt: string | null; verifiedAt: string | null; accountNumberMasked: string | null };
  manualReasons: { code: string; text: string }[];
  failureReason: string | null;
  reviewId: string | null;
  submittedAt: string | null;
  certifiedAt: string | null;
  updatedAt: string;
  /** What the caller may do now (drives the buttons). */
  actions: ('save-company' | 'save-bank' | 'save-survey' | 'submit' | 'verify-amount' | 'submit-bank-letter' | 'cancel')[];
}

export interface OverviewView {
  status: CompanyCertStatus;
  statusName: string;
  banner: string;
  disclaimer: string;
  isMainAccount: boolean;
  canCertify: boolean;
  recertificationRequired: boolean;
  settlement: { blocked: boolean; reason: string | null; message: string | null };
  cloudStore: { isCloudStore: boolean; revenueShareSigned: boolean };
  certified: ApplicationView | null;
  application: ApplicationView | null;
  actions: ('start' | 'recertify')[];
}

function wizardStep(r: BusinessCertification): ApplicationView['step'] {
  if (r.status === 'draft' || r.status === 'failed') {
    if (!r.companyStep) return 1;
    if (!r.bankStep) return 2;
    if (!r.surveyStep) return 3;
    return 4;
  }
  return 5;
}

/** What the main account may do now; a cloud-store partner changes nothing once submitted (R11). */
function actionsOf(r: BusinessCertification, editable: boolean, cloudStore: boolean): ApplicationView['actions'] {
  const out: ApplicationView['actions'] = [];
  if (!editable) return out;
  const wizardOpen = r.status === 'draft' || (r.status === 'failed' && !cloudStore);
  if (wizardOpen) {
    out.push('save-company', 'save-bank', 'save-survey');
    if (r.companyStep && r.bankStep && r.surveyStep) out.push('submit');
  }
  if (r.status === 'amount_verification') out.push('verify-amount');
  if (wizardOpen || r.status === 'awaiting_bank_letter') out.push('submit-bank-letter');
  if (r.status === 'draft' && !r.submittedAt) out.push('cancel');
  return out;
}

async function toView(ex: Executor, ctx: Ctx, r: BusinessCertification, currentName: string, editable: boolean): Promise<ApplicationView> {
  const letter = r.bankLetterFileId ? await getFileRecord(ex, r.bankLetterFileId) : null;
  const cloudStore = editable && r.status === 'failed' ? await isCloudStoreCompany(ex, r.companyId) : false;
  return {
    id: r.id,
    mode: r.mode,
    modeName: say(ctx, MODE_NAMES[r.mode]),
    status: r.status,
    statusName: say(ctx, CERT_STATUS_NAMES[r.status]),
    step: wizardStep(r),
    steps: { company: !!r.companyStep, bank: !!r.bankStep, survey: !!r.surveyStep },
    companyName: r.status === 'draft' || r.status === 'failed' ? currentName : (r.companyName ?? currentName),
    company: r.companyStep,
    bank: r.bankStep ? { ...r.bankStep, accountNumberMasked: maskAccount(r.bankStep.accountNumber) } : null,
    survey: r.surveyStep ? { ...r.surveyStep, itemTexts: r.surveyStep.items.map((i) => say(ctx, SURVEY_ITEMS[i.item - 1]!)) } : null,
    bankLetter: { required: r.bankLetterRequired, file: letter ? { id: letter.id, name: letter.originalName } : null },
    verification: {
      maxAttempts: MAX_AMOUNT_ATTEMPTS,
      attemptsLeft: Math.max(0, MAX_AMOUNT_ATTEMPTS - r.verificationFailures),
      sentAt: r.verificationSentAt?.toISOString() ?? null,
      verifiedAt: r.amountVerifiedAt?.toISOString() ?? null,
      accountNumberMasked: r.bankStep ? maskAccount(r.bankStep.accountNumber) : null,
    },
    manualReasons: r.manualReasons.map((code) => ({ code, text: say(ctx, MANUAL_REASONS[code] ?? { zh: code, en: code }) })),
    failureReason: r.failureReason,
    reviewId: r.reviewId,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    certifiedAt: r.certifiedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    actions: actionsOf(r, editable, cloudStore),
  };
}

/** 伙伴信息 > 商业信息: the company's certification, any account of the company may read it. */
export async function overview(ctx: Ctx): Promise<OverviewView> {
  const actor = requirePermission(ctx, P.businessInfo);
  const company = await tenantCompany(ctx.db, actor);
  const state = await companyCertState(ctx.db, company.companyId);
  const settlement = await settlementCheck(ctx.db, actor.partnerId);
  const cloudStore = await isCloudStoreCompany(ctx.db, company.companyId);
  const editable = company.isMainAccount;
  const actions: OverviewView['actions'] = [];
  if (editable && !state.open) {
    if (!state.certified) actions.push('start');
    else if (!cloudStore) actions.push('recertify');
  }
  return {
    status: state.status,
    statusName: say(ctx, CERT_STATUS_NAMES[state.status]),
    banner: say(ctx, BANNER),
    disclaimer: say(ctx, DISCLAIMER),
    isMainAccount: company.isMainAccount,
    canCertify: editable,
    recertificationRequired: state.recertificationRequired,
    settlement: { blocked: settlement.blocked, reason: settlement.reason, message: settlement.message ? say(ctx, settlement.message) : null },
    cloudStore: { isCloudStore: cloudStore, revenueShareSigned: cloudStore ? await revenueShareSigned(ctx.db, company.companyId) : false },
    certified: state.certified ? await toView(ctx.db, ctx, state.certified, company.companyName, false) : null,
    application: state.open ? await toView(ctx.db, ctx, state.open, company.companyName, editable) : null,
    actions,
  };
}

async function ownRow(ex: Executor, company: TenantCompany, id: string, forUpdate = false): Promise<BusinessCertification> {
  if (!isUuid(id)) throw notFound(CERT);
  const q = ex.select().from(businessCertifications).where(and(eq(businessCertifications.id, id), eq(businessCertifications.companyId, company.companyId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(CERT);
  return row;
}

export async function getCertification(ctx: Ctx, id: string): Promise<ApplicationView> {
  const actor = requirePermission(ctx, P.businessInfo);
  const company = await tenantCompany(ctx.db, actor);
  const row = await ownRow(ctx.db, company, id);
  const open = row.status !== 'certified';
  return toView(ctx.db, ctx, row, company.companyName, open && company.isMainAccount);
}

// ---------------------------------------------------------------------------------------------
// Guards

/** Writers: the company's main account (or its members holding 伙伴信息 > 商业信息). */
async function writer(ex: Executor, ctx: Ctx, forUpdate = false): Promise<{ actor: PartnerActor; company: TenantCompany }> {
  const actor = requirePermission(ctx, P.businessInfo);
  const company = await tenantCompany(ex, actor, forUpdate);
  if (!company.isMainAccount) throw new AppError(403, 'business-info.main-account-only', MAIN_ONLY);
  return { actor, company };
}

/** The wizard may be edited in 草稿 and after a failure — except by a cloud-store partner (R11). */
async function requireEditable(ex: Executor, row: BusinessCertification): Promise<void> {
  if (row.status === 'failed' && (await isCloudStoreCompany(ex, row.companyId))) throw refused('business-info.cloud-store-no-modification', CLOUD_STORE_NO_CHANGE);
  if (row.status !== 'draft' && row.status !== 'failed') throw refused('business-info.not-editable', NOT_EDITABLE, { status: row.status });
}

// ---------------------------------------------------------------------------------------------
// Start: 首次认证 / 重新认证

/** Start the wizard (首次认证), or 重新认证 from a certified company; an open one is returned as is. */
export async function startCertification(ctx: Ctx): Promise<{ created: boolean; application: ApplicationView }> {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const { actor, company } = await writer(tx, ctx, true);
      const open = await ownOpen(tx, company.companyId);
      if (open) return { created: false, application: await toView(tx, ctx, open, company.companyName, true) };
      const cloudStore = await isCloudStoreCompany(tx, company.companyId);
      const certified = (await companyCertState(tx, company.companyId)).certified;
      if (certified && cloudStore) throw refused('business-info.cloud-store-no-recertification', CLOUD_STORE_NO_RECERT); // R11
      if (!certified && cloudStore && !(await revenueShareSigned(tx, company.companyId))) throw refused('business-info.cloud-store-agreement-required', CLOUD_STORE_AGREEMENT); // R11
      const now = clock.now();
      const [row] = await tx
        .insert(businessCertifications)
        .values({
          companyId: company.companyId,
          partnerId: actor.partnerId,
          mode: certified ? 'recert_company' : 'first',
          status: 'draft',
          // 重新认证 starts from what was certified: the partner changes what it needs
          companyStep: certified?.companyStep ?? null,
          bankStep: certified?.bankStep ?? null,
          surveyStep: certified?.surveyStep ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await audit(tx, ctx, { action: certified ? 'business-info.recertification-started' : 'business-info.started', objectType: CERT_SUBJECT, objectId: row!.id, after: { mode: row!.mode } });
      return { created: true, application: await toView(tx, ctx, row!, company.companyName, true) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('business-info.already-open', { zh: '已有进行中的商业信息认证', en: 'A certification is already in progress' });
    throw err;
  }
}

async function ownOpen(ex: Executor, companyId: string): Promise<BusinessCertification | null> {
  const [row] = await ex.select().from(businessCertifications).where(and(eq(businessCertifications.companyId, companyId), ne(businessCertifications.status, 'certified')));
  return row ?? null;
}

/** 取消: drop a draft never submitted (e.g. a 重新认证 begun by mistake). */
export async function cancelDraft(ctx: Ctx, id: string): Promise<{ cancelled: true }> {
  return inTransaction(ctx.db, async (tx) => {
    const { company } = await writer(tx, ctx);
    const row = await ownRow(tx, company, id, true);
    if (row.status !== 'draft' || row.submittedAt) throw refused('business-info.not-cancellable', { zh: '已提交的认证申请不能取消', en: 'A submitted certification cannot be cancelled' });
    await tx.delete(businessCertifications).where(eq(businessCertifications.id, row.id));
    await audit(tx, ctx, { action: 'business-info.cancelled', objectType: CERT_SUBJECT, objectId: row.id, before: { mode: row.mode } });
    return { cancelled: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Steps ①–③

const isChina = (country: string) => ['中国', '中国大陆', 'China', 'CN'].includes(country.trim());
const norm = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** R12: the registered address must match the business licence (when the licence address is known). */
function addressMatchesLicence(step: Pick<CertCompanyStep, 'province' | 'city' | 'address'>, licenceAddress: string | null): boolean {
  if (!licenceAddress) return true;
  const lic = norm(licenceAddress);
  return [step.address, `${step.city}${step.address}`, `${step.province}${step.city}${step.address}`].some((c) => norm(c) === lic);
}

/** R12: a company with a unified social credit code uses it (18 characters) as its tax number. */
function checkTaxNumber(taxNumber: string, uscc: string): void {
  if (uscc.length === 18 && taxNumber !== uscc)
    throw fieldError('taxNumber', 'business-info.tax-number-uscc', {
      zh: '已取得统一社会信用代码的公司直接使用18位的“统一社会信用代码”作为税号',
      en: 'A company with a unified social credit code uses that 18-character code as its tax number',
    });
  if (!/^[0-9A-Z]{15,20}$/.test(taxNumber)) throw fieldError('taxNumber', 'business-info.tax-number-format', { zh: '税号格式不正确', en: 'Invalid tax number' });
}

export interface CompanyStepInput {
  registeredCountry: string;
  province: string;
  city: string;
  address: string;
  taxpayerType: string;
  taxNumber: string;
  financeContact: { lastName: string; firstName: string; mobile: string; email: string };
  disclaimerAccepted: boolean;
}

async function validateCompanyStep(ex: Executor, company: TenantCompany, input: CompanyStepInput): Promise<CertCompanyStep> {
  const step = {
    registeredCountry: requiredText('registeredCountry', input.registeredCountry, { zh: '注册国家', en: 'Registered country' }, LIMITS.place),
    province: requiredText('province', input.province, { zh: '省/直辖市/自治区', en: 'Province' }, LIMITS.place),
    city: requiredText('city', input.city, { zh: '城市', en: 'City' }, LIMITS.place),
    address: requiredText('address', input.address, { zh: '详细地址', en: 'Address' }, LIMITS.address),
  };
  const { info } = await currentInfo(ex, company.companyId);
  if (!addressMatchesLicence(step, info.basic.licenceAddress))
    throw fieldError('address', 'business-info.address-licence', { zh: '注册地址必须和营业执照上保持一致', en: 'The registered address must match the business licence' });
  if (!(TAXPAYER_TYPES as readonly string[]).includes(input.taxpayerType))
    throw fieldError('taxpayerType', 'business-info.taxpayer-type', { zh: '请选择纳税人类型', en: 'Choose the taxpayer type' });
  const taxNumber = input.taxNumber.trim().toUpperCase();
  checkTaxNumber(taxNumber, company.uscc);
  const fc = input.financeContact;
  const lastName = requiredText('financeContact.lastName', fc.lastName, { zh: '姓', en: 'Last name' }, LIMITS.personName);
  const firstName = requiredText('financeContact.firstName', fc.firstName, { zh: '名', en: 'First name' }, LIMITS.personName);
  if (!isMobile(fc.mobile.trim())) throw fieldError('financeContact.mobile', 'business-info.mobile', { zh: '手机号格式不正确', en: 'Invalid mobile number' });
  if (!isEmail(fc.email.trim())) throw fieldError('financeContact.email', 'business-info.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail' });
  if (input.disclaimerAccepted !== true)
    throw fieldError('disclaimerAccepted', 'business-info.disclaimer', { zh: `请阅读并同意${DISCLAIMER.zh}`, en: `Read and accept the ${DISCLAIMER.en}` });
  return {
    ...step,
    taxpayerType: input.taxpayerType,
    taxNumber,
    financeContact: { lastName, firstName, mobile: fc.mobile.trim(), email: fc.email.trim() },
    disclaimerAcceptedAt: clock.now().toISOString(),
  };
}

export interface BankStepInput {
  bankCountry: string;
  bankName: string;
  branchName: string;
  branchCode: string;
  branchLocation: string;
  accountHolder: string;
  accountNumber: string;
  currency: string;
  legalRepresentative: string;
  enterpriseCodeType: string;
  enterpriseCode: string;
}

function checkAccountHolder(holder: string, companyName: string): void {
  if (!sameName(holder, companyName))
    throw fieldError('accountHolder', 'business-info.account-holder', { zh: '银行账户必须与公司名称一致', en: 'The account holder must be the company name' });
}

function checkEnterpriseCode(type: string, code: string, uscc: string): void {
  if (type !== USCC_TYPE) return;
  if (!USCC_RE.test(code) || (uscc.length === 18 && code !== uscc))
    throw fieldError('enterpriseCode', 'business-info.enterprise-code', {
      zh: '企业代码须为贵公司的18位统一社会信用代码',
      en: "The enterprise code must be your company's 18-character unified social credit code",
    });
}

function validateBankStep(company: TenantCompany, input: BankStepInput): CertBankStep {
  const bankCountry = requiredText('bankCountry', input.bankCountry, { zh: '银行所在国家', en: 'Bank country' }, LIMITS.place);
  const typedBank = requiredText('bankName', input.bankName, { zh: '银行名称', en: 'Bank name' }, LIMITS.bankName);
  const branchName = requiredText('branchName', input.branchName, { zh: '分行名称', en: 'Branch name' }, LIMITS.bankName);
  const branchLocation = requiredText('branchLocation', input.branchLocation, { zh: '分行所在地', en: 'Branch location' }, LIMITS.bankName);
  const china = isChina(bankCountry);
  const branchCode = input.branchCode.replace(/\s+/g, '').toUpperCase();
  // 联行号 (12 digits; the guide's sample shows 13) in China, a SWIFT/BIC code elsewhere
  if (china ? !/^\d{12,13}$/.test(branchCode) : !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(branchCode))
    throw fieldError('branchCode', 'business-info.branch-code', {
      zh: china ? '分行代码（联行号）须为12~13位数字' : '分行代码须为8或11位SWIFT代码',
      en: china ? 'The branch code (CNAPS) must be 12–13 digits' : 'The branch code must be an 8- or 11-character SWIFT code',
    });
  const accountHolder = requiredText('accountHolder', input.accountHolder, { zh: '银行账户', en: 'Account holder' }, LIMITS.companyName);
  checkAccountHolder(accountHolder, company.companyName); // R12
  const accountNumber = input.accountNumber.replace(/[\s-]+/g, '').toUpperCase();
  if (china ? !/^\d{8,30}$/.test(accountNumber) : !/^[A-Z0-9]{8,34}$/.test(accountNumber))
    throw fieldError('accountNumber', 'business-info.account-number', {
      zh: china ? '银行账号须为8~30位数字' : '银行账号须为8~34位字母或数字',
      en: china ? 'The account number must be 8–30 digits' : 'The account number must be 8–34 letters or digits',
    });
  if (!(CURRENCIES as readonly string[]).includes(input.currency)) throw fieldError('currency', 'business-info.currency', { zh: '请选择货币', en: 'Choose the currency' });
  const legalRepresentative = requiredText('legalRepresentative', input.legalRepresentative, { zh: '法定代表人', en: 'Legal representative' }, LIMITS.personName);
  if (!(ENTERPRISE_CODE_TYPES as readonly string[]).includes(input.enterpriseCodeType))
    throw fieldError('enterpriseCodeType', 'business-info.enterprise-code-type', { zh: '请选择企业代码类型', en: 'Choose the enterprise code type' });
  const enterpriseCode = requiredText('enterpriseCode', input.enterpriseCode, { zh: '企业代码', en: 'Enterprise code' }, LIMITS.enterpriseCode).toUpperCase();
  checkEnterpriseCode(input.enterpriseCodeType, enterpriseCode, company.uscc); // R14
  const listed = findBank(typedBank); // R13: a bank from the list, or typed by hand
  return {
    bankCountry,
    bankName: listed?.name ?? typedBank,
    bankListed: !!listed,
    supportsUnionPay: china && !!listed?.supportsUnionPay,
    branchName,
    branchCode,
    branchLocation,
    accountHolder,
    accountNumber,
    currency: input.currency,
    legalRepresentative,
    enterpriseCodeType: input.enterpriseCodeType,
    enterpriseCode,
  };
}

export interface SurveyInput {
  involved: boolean;
  items?: { item: number; details: string }[];
}

function validateSurvey(input: SurveyInput): CertSurveyStep {
  const items = input.items ?? [];
  if (!input.involved) {
    if (items.length > 0) throw fieldError('items', 'business-info.survey-not-involved', { zh: '选择“不涉及”时无需勾选调查项', en: 'Tick no item when answering "not involved"' });
    return { involved: false, items: [] };
  }
  if (items.length === 0) throw fieldError('items', 'business-info.survey-items', { zh: '请勾选涉及的情况并填写详情', en: 'Tick the situations that apply and give details' });
  const seen = new Set<number>();
  const out = items.map((it, i) => {
    if (!Number.isInteger(it.item) || it.item < 1 || it.item > SURVEY_ITEMS.length || seen.has(it.item))
      throw fieldError(`items.${i}.item`, 'business-info.survey-item', { zh: '调查项不正确', en: 'Unknown survey item' });
    seen.add(it.item);
    const details = it.details.trim();
    if (!details) throw fieldError(`items.${i}.details`, 'business-info.survey-details', { zh: '请填写详情', en: 'Give the details' });
    if (chars(details) > LIMITS.surveyDetails)
      throw fieldError(`items.${i}.details`, 'business-info.too-long', { zh: `详情不能超过${LIMITS.surveyDetails}个字符`, en: `Details must be at most ${LIMITS.surveyDetails} characters` });
    return { item: it.item, details };
  });
  return { involved: true, items: out.sort((a, b) => a.item - b.item) };
}

async function saveStep(
  ctx: Ctx,
  id: string,
  action: string,
  change: (tx: Executor, company: TenantCompany, row: BusinessCertification) => Promise<Partial<typeof businessCertifications.$inferInsert>>,
): Promise<ApplicationView> {
  return inTransaction(ctx.db, async (tx) => {
    const { company } = await writer(tx, ctx);
    const row = await ownRow(tx, company, id, true);
    await requireEditable(tx, row);
    const set = await change(tx, company, row);
    // editing a failed certification reopens it as a draft (修改认证信息后，重新启动认证申请)
    const [updated] = await tx
      .update(businessCertifications)
      .set({ ...set, status: 'draft', updatedAt: clock.now() })
      .where(eq(businessCertifications.id, row.id))
      .returning();
    await audit(tx, ctx, { action, objectType: CERT_SUBJECT, objectId: row.id, after: auditable(set) });
    return toView(tx, ctx, updated!, company.companyName, true);
  });
}

/** Audit entries never hold full bank account numbers. */
function auditable(set: Record<string, unknown>): Record<string, unknown> {
  const bank = set.bankStep as CertBankStep | undefined;
  return bank ? { ...set, bankStep: { ...bank, accountNumber: maskAccount(bank.accountNumber) } } : set;
}

/** ① 填写公司信息 (基本信息, 税务信息, 财务联系人, the disclaimer). */
export function saveCompanyStep(ctx: Ctx, id: string, input: CompanyStepInput) {
  return saveStep(ctx, id, 'business-info.company-saved', async (tx, company) => ({ companyStep: await validateCompanyStep(tx, company, input) }));
}

/** ② 填写银行信息; in a 重新认证 this is "继续修改银行信息" (the bank path). */
export function saveBankStep(ctx: Ctx, id: string, input: BankStepInput) {
  return saveStep(ctx, id, 'business-info.bank-saved', async (_tx, company, row) => ({
    bankStep: validateBankStep(company, input),
    mode: row.mode === 'first' ? 'first' : 'recert_bank',
  }));
}

/** ③ 关联供应商调查. */
export function saveSurveyStep(ctx: Ctx, id: string, input: SurveyInput) {
  return saveStep(ctx, id, 'business-info.survey-saved', async () => ({ surveyStep: validateSurvey(input) }));
}

// ---------------------------------------------------------------------------------------------
// ④ 提交确认 → ⑤ 提交认证

/** Amount verification needs a mainland bank from the list, CNY and the USCC as enterprise code (R14). */
export function amountVerificationApplies(bank: CertBankStep): boolean {
  return bank.supportsUnionPay && bank.bankListed && isChina(bank.bankCountry) && bank.currency === 'CNY' && bank.enterpriseCodeType === USCC_TYPE;
}

const bankChanged = (r: BusinessCertification) => r.mode !== 'recert_company';

/** The cross-checks made again at submission (the company may have changed since the steps were saved). */
async function checkBeforeSubmit(tx: Executor, company: TenantCompany, row: BusinessCertification): Promise<void> {
  const missing: Record<string, Text> = {};
  if (!row.companyStep) missing.companyStep = { zh: '请填写公司信息', en: 'Fill in the company information' };
  if (!row.bankStep) missing.bankStep = { zh: '请填写银行信息', en: 'Fill in the bank information' };
  if (!row.surveyStep) missing.surveyStep = { zh: '请完成关联供应商调查', en: 'Complete the related-supplier survey' };
  if (Object.keys(missing).length > 0)
    throw new AppError(409, 'business-info.incomplete', { zh: '请完成全部认证步骤后再提交', en: 'Complete every step before submitting' }, { missing: Object.keys(missing) }, missing);
  const { info } = await currentInfo(tx, company.companyId);
  if (!addressMatchesLicence(row.companyStep!, info.basic.licenceAddress))
    throw fieldError('address', 'business-info.address-licence', { zh: '注册地址必须和营业执照上保持一致', en: 'The registered address must match the business licence' });
  checkTaxNumber(row.companyStep!.taxNumber, company.uscc);
  checkAccountHolder(row.bankStep!.accountHolder, company.companyName);
  checkEnterpriseCode(row.bankStep!.enterpriseCodeType, row.bankStep!.enterpriseCode, company.uscc);
  const [renaming] = await tx
    .select({ id: companyInfoChanges.id })
    .from(companyInfoChanges)
    .where(and(eq(companyInfoChanges.companyId, company.companyId), eq(companyInfoChanges.status, 'in_review')));
  if (renaming)
    throw refused('business-info.company-change-in-review', { zh: '公司信息修改审核中，请审核完成后再提交认证', en: 'A company-information change is under review; submit after it is decided' });
  if (row.mode !== 'first') {
    const certified = (await companyCertState(tx, company.companyId)).certified;
    const unchanged =
      certified &&
      sameName(certified.companyName, company.companyName) &&
      JSON.stringify({ ...certified.companyStep, disclaimerAcceptedAt: null }) === JSON.stringify({ ...row.companyStep, disclaimerAcceptedAt: null }) &&
      JSON.stringify(certified.bankStep) === JSON.stringify(row.bankStep);
    if (unchanged) throw badRequest('business-info.no-change', { zh: '未修改任何商业信息', en: 'Nothing was changed' });
  }
}

/** 提交 (step ④): the amount transfer when the bank takes it, otherwise straight to certification. */
export async function submitCertification(ctx: Ctx, id: string): Promise<{ application: ApplicationView; message: string }> {
  let kick = false;
  const result = await inTransaction(ctx.db, async (tx) => {
    const { company } = await writer(tx, ctx, true);
    const row = await ownRow(tx, company, id, true);
    await requireEditable(tx, row);
    await checkBeforeSubmit(tx, company, row);
    if ((await isCloudStoreCompany(tx, company.companyId)) && !(await revenueShareSigned(tx, company.companyId)))
      throw refused('business-info.cloud-store-agreement-required', CLOUD_STORE_AGREEMENT); // R11
    const now = clock.now();
    const [submitted] = await tx
      .update(businessCertifications)
      .set({ companyName: company.companyName, submittedAt: now, failureReason: null, amountVerifiedAt: null, updatedAt: now })
      .where(eq(businessCertifications.id, row.id))
      .returning();
    await audit(tx, ctx, { action: 'business-info.submitted', objectType: CERT_SUBJECT, objectId: row.id, after: { mode: row.mode } });
    if (bankChanged(submitted!) && amountVerificationApplies(submitted!.bankStep!)) {
      await startVerificationRound(tx, ctx, submitted!);
    } else {
      kick = (await route(tx, ctx, submitted!)) === 'auto_certifying';
    }
    const [after] = await tx.select().from(businessCertifications).where(eq(businessCertifications.id, row.id));
    return { application: await toView(tx, ctx, after!, company.companyName, true), message: say(ctx, SUBMIT_MESSAGES[after!.status] ?? SUBMIT_MESSAGES.auto_certifying!) };
  });
  await afterCommit(ctx, kick);
  return result;
}

const SUBMIT_MESSAGES: Partial<Record<CertStatus, Text>> = {
  amount_verification: {
    zh: '认证信息提交成功，华为云将向您的账户转入随机金额（0.01元~0.99元），请查询并输入转账金额后提交认证',
    en: 'Submitted. A random amount (0.01–0.99 CNY) is being transferred to your account; enter it to continue',
  },
  auto_certifying: { zh: '提交完成，系统自动认证中，请耐心等待认证结果', en: 'Submitted; automatic certification is in progress' },
  manual_review: {
    zh: '提交完成，该认证需要华为商业信息审核员处理，请耐心等待认证结果',
    en: 'Submitted; a business-information reviewer will handle this certification',
  },
  awaiting_bank_letter: {
    zh: '贵公司是华为供应商管理系统中的同名非IOI伙伴，提交的银行信息与系统中的信息不一致，请下载银行确认函模板，加盖公章或签字后上传',
    en: 'Your bank details differ from those in the supplier system; download the bank confirmation letter template, stamp or sign it and upload it',
  },
};

async function afterCommit(ctx: Ctx, kick: boolean): Promise<void> {
  if (kick) await ctx.deps.queue.send(AUTO_CERTIFY_JOB, {});
  await kickDelivery(ctx.deps.queue);
}

/** 转入随机金额 (R15): a fresh random 0.01–0.99 CNY, three attempts, paid through the ledger. */
async function startVerificationRound(tx: Executor, ctx: Ctx, row: BusinessCertification): Promise<void> {
  const cents = randomInt(1, 100); // 1..99
  const amount = money(cents).div(100).toFixed(2);
  const round = row.verificationRound + 1;
  const now = clock.now();
  await tx
    .update(businessCertifications)
    .set({ status: 'amount_verification', verificationAmount: amount, verificationRound: round, verificationFailures: 0, verificationSentAt: now, lockedAt: null, updatedAt: now })
    .where(eq(businessCertifications.id, row.id));
  // the vendor really pays it: a balanced posting, once per round
  const source = ledger.accountCode('vendor', null, 'bank-outflow');
  const cost = ledger.accountCode('vendor', null, 'business-info-verification');
  await ledger.ensureAccount(tx, { code: source, ownerKind: 'vendor', floor: null });
  await ledger.ensureAccount(tx, { code: cost, ownerKind: 'vendor', floor: null });
  await ledger.post(tx, {
    idempotencyKey: `business-info-verification:${row.id}:${round}`,
    kind: 'business-info.verification-transfer',
    memo: `商业信息认证转账金额验证 · 银行账号 ${maskAccount(row.bankStep!.accountNumber)}`,
    partnerId: row.partnerId,
    actor: ctx.actor.kind === 'anonymous' ? { kind: 'system', id: null } : ctx.actor,
    meta: { certificationId: row.id, round },
    lines: [
      { account: source, amount: money(amount).negated() },
      { account: cost, amount },
    ],
  });
  await audit(tx, ctx, { action: 'business-info.amount-transferred', objectType: CERT_SUBJECT, objectId: row.id, partnerId: row.partnerId, after: { round, account: maskAccount(row.bankStep!.accountNumber) } });
  const contact = await partnerContact(tx, row.partnerId);
  if (contact) {
    const text = {
      zh: `华为云已向您的银行账户（银行账号：${maskAccount(row.bankStep!.accountNumber)}）转入随机金额（0.01元~0.99元），请查询到账金额并在“伙伴信息 > 商业信息”页面输入，您有三次认证机会。`,
      en: `HUAWEI CLOUD transferred a random amount (0.01–0.99 CNY) to your bank account ${maskAccount(row.bankStep!.accountNumber)}. Enter it on Partner info > Business info; you have three attempts.`,
    };
    await sendAll(tx, { site: { kind: 'account', id: contact.accountId } }, { template: 'business-info.amount-transferred', subject: '商业信息认证转账金额验证', body: text.zh, data: { text, certificationId: row.id } });
  }
}

/** Exact decimal between 0.01 and 0.99 with at most two decimals; anything else is not an attempt. */
export function parseVerificationAmount(input: string): string {
  const s = (input ?? '').trim();
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(s)) throw fieldError('amount', 'business-info.amount-format', AMOUNT_FORMAT);
  const m = money(s);
  if (m.lt(money('0.01')) || m.gt(money('0.99'))) throw fieldError('amount', 'business-info.amount-format', AMOUNT_FORMAT);
  return m.toFixed(2);
}

/**
 * 输入转账金额 → 提交认证 (step ⑤, R15). The row is locked, so parallel attempts are counted one by
 * one; a wrong amount is counted in a committed transaction before the refusal; the third wrong one
 * locks the certification (已锁定) until staff unlock it from a work order.
 */
export async function verifyAmount(ctx: Ctx, id: string, input: { amount: string }): Promise<{ application: ApplicationView; message: string }> {
  const amount = parseVerificationAmount(input.amount);
  let kick = false;
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const { company } = await writer(tx, ctx);
    const row = await ownRow(tx, company, id, true);
    if (row.status === 'locked') return { kind: 'locked' as const };
    if (row.status !== 'amount_verification') throw refused('business-info.not-awaiting-amount', { zh: '当前状态无需输入转账金额', en: 'No transfer amount is awaited now' }, { status: row.status });
    const now = clock.now();
    if (!money(amount).eq(money(row.verificationAmount!))) {
      const failures = row.verificationFailures + 1;
      const locked = failures >= MAX_AMOUNT_ATTEMPTS;
      await tx
        .update(businessCertifications)
        .set({ verificationFailures: failures, status: locked ? 'locked' : 'amount_verification', lockedAt: locked ? now : null, updatedAt: now })
        .where(eq(businessCertifications.id, row.id));
      await audit(tx, ctx, { action: locked ? 'business-info.locked' : 'business-info.amount-wrong', objectType: CERT_SUBJECT, objectId: row.id, after: { failures } });
      if (locked) await notifyPartner(tx, row.partnerId, 'business-info.locked', '商业信息认证已锁定', LOCKED);
      return locked ? { kind: 'locked-now' as const } : { kind: 'wrong' as const, attemptsLeft: MAX_AMOUNT_ATTEMPTS - failures };
    }
    const [verified] = await tx.update(businessCertifications).set({ amountVerifiedAt: now, updatedAt: now }).where(eq(businessCertifications.id, row.id)).returning();
    await audit(tx, ctx, { action: 'business-info.amount-verified', objectType: CERT_SUBJECT, objectId: row.id, after: { round: row.verificationRound } });
    kick = (await route(tx, ctx, verified!)) === 'auto_certifying';
    const [after] = await tx.select().from(businessCertifications).where(eq(businessCertifications.id, row.id));
    return { kind: 'ok' as const, application: await toView(tx, ctx, after!, company.companyName, true), status: after!.status };
  });
  await afterCommit(ctx, kick);
  switch (outcome.kind) {
    case 'locked':
    case 'locked-now':
      throw refused('business-info.locked', LOCKED, { attemptsLeft: 0 });
    case 'wrong': {
      const e = new AppError(400, 'business-info.amount-wrong', WRONG_AMOUNT, { attemptsLeft: outcome.attemptsLeft }, { amount: WRONG_AMOUNT });
      throw e;
    }
    case 'ok':
      return { application: outcome.application, message: say(ctx, SUBMIT_MESSAGES[outcome.status] ?? SUBMIT_MESSAGES.auto_certifying!) };
  }
}

/** R10: a same-name non-IOI supplier whose bank account, contracting entity or currency differ. */
async function needsBankLetter(tx: Executor, row: BusinessCertification): Promise<boolean> {
  const [supplier] = await tx.select().from(supplierRecords).where(eq(supplierRecords.companyName, row.companyName!));
  if (!supplier || supplier.ioi) return false;
  const bank = row.bankStep!;
  return supplier.bankAccount !== bank.accountNumber || supplier.currency !== bank.currency || supplier.contractingEntity !== CONTRACTING_ENTITY;
}

/**
 * After the amount check (or without one): 待提交银行确认函, 人工审核中 or 自动认证中. Returns the
 * new status; the caller kicks the automatic certification after commit.
 */
async function route(tx: Executor, ctx: Ctx, row: BusinessCertification): Promise<CertStatus> {
  const reasons: string[] = [];
  if (row.reviewId) reasons.push('previously-reviewed');
  if (bankChanged(row)) {
    if (!row.bankStep!.bankListed) reasons.push('bank-manual-entry'); // R13
    if (!amountVerificationApplies(row.bankStep!)) reasons.push('bank-not-verifiable');
  }
  if (row.surveyStep!.involved) reasons.push('related-supplier');
  const letterRequired = await needsBankLetter(tx, row);
  const now = clock.now();
  if (letterRequired && !row.bankLetterFileId) {
    await tx
      .update(businessCertifications)
      .set({ status: 'awaiting_bank_letter', bankLetterRequired: true, manualReasons: reasons, updatedAt: now })
      .where(eq(businessCertifications.id, row.id));
    await notifyPartner(tx, row.partnerId, 'business-info.bank-letter-required', '请提交银行确认函', SUBMIT_MESSAGES.awaiting_bank_letter!);
    return 'awaiting_bank_letter';
  }
  if (letterRequired) reasons.push('bank-letter');
  await tx.update(businessCertifications).set({ bankLetterRequired: letterRequired, manualReasons: reasons, updatedAt: now }).where(eq(businessCertifications.id, row.id));
  if (reasons.length > 0) {
    await sendToReviewer(tx, ctx, { ...row, bankLetterRequired: letterRequired, manualReasons: reasons });
    return 'manual_review';
  }
  await tx.update(businessCertifications).set({ status: 'auto_certifying', updatedAt: now }).where(eq(businessCertifications.id, row.id));
  return 'auto_certifying';
}

/** 人工审核 by a 华为商业信息审核员 through the review engine (a rejected one is resubmitted). */
async function sendToReviewer(tx: Executor, ctx: Ctx, row: BusinessCertification): Promise<void> {
  const bank = row.bankStep!;
  const c = row.companyStep!;
  await submit(
    ctx.deps.reviews,
    ctx,
    {
      kind: CERT_KIND,
      subjectType: CERT_SUBJECT,
      subjectId: row.id,
      data: {
        认证类型: MODE_NAMES[row.mode].zh,
        公司名称: row.companyName,
        注册地址: `${c.registeredCountry} ${c.province} ${c.city} ${c.address}`,
        纳税人类型: c.taxpayerType,
        税号: c.taxNumber,
        财务联系人: `${c.financeContact.lastName}${c.financeContact.firstName} ${c.financeContact.mobile} ${c.financeContact.email}`,
        银行所在国家: bank.bankCountry,
        银行名称: `${bank.bankName}${bank.bankListed ? '' : '（手动输入）'}`,
        分行名称: bank.branchName,
        分行代码: bank.branchCode,
        分行所在地: bank.branchLocation,
        银行账户: bank.accountHolder,
        银行账号: bank.accountNumber,
        货币: bank.currency,
        法定代表人: bank.legalRepresentative,
        企业代码类型: bank.enterpriseCodeType,
        企业代码: bank.enterpriseCode,
        关联供应商调查: row.surveyStep!.involved ? row.surveyStep!.items.map((i) => `${SURVEY_ITEMS[i.item - 1]!.zh}：${i.details}`) : '不涉及',
        转账金额验证: row.amountVerifiedAt ? '已通过' : '未进行',
        人工审核原因: row.manualReasons.map((r) => MANUAL_REASONS[r]?.zh ?? r),
      },
      summary: `${row.companyName} · ${MODE_NAMES[row.mode].zh}`,
      attachments: row.bankLetterFileId ? [{ fileId: row.bankLetterFileId, label: '银行确认函' }] : [],
    },
    tx,
  );
}

// ---------------------------------------------------------------------------------------------
// 银行确认函 (steps 9–10)

/** 下载银行确认函模板: prefilled with the company and the bank details of this certification. */
export async function bankLetterTemplate(ctx: Ctx, id: string): Promise<{ filename: string; body: Buffer }> {
  const actor = requirePermission(ctx, P.businessInfo);
  const company = await tenantCompany(ctx.db, actor);
  const row = await ownRow(ctx.db, company, id);
  if (!row.bankStep) throw refused('business-info.bank-required', { zh: '请先填写银行信息', en: 'Fill in the bank information first' });
  const b = row.bankStep;
  const body = await renderBankLetterPdf({
    companyName: row.companyName ?? company.companyName,
    contractingEntity: CONTRACTING_ENTITY,
    bankName: b.bankName,
    branchName: b.branchName,
    branchCode: b.branchCode,
    accountHolder: b.accountHolder,
    accountNumber: b.accountNumber,
    currency: b.currency,
    date: chinaDate(clock.now()),
  });
  return { filename: `银行确认函-${company.companyName}.pdf`, body };
}

/** 提交银行确认函: optional beforehand, required in 待提交银行确认函 (then the reviewer decides). */
export async function submitBankLetter(ctx: Ctx, id: string, input: { fileId: string }): Promise<{ application: ApplicationView; message: string }> {
  const result = await inTransaction(ctx.db, async (tx) => {
    const { company } = await writer(tx, ctx);
    const row = await ownRow(tx, company, id, true);
    const file = await getFileRecord(tx, input.fileId);
    if (!file || !canRead(ctx, file) || file.purpose !== BANK_LETTER_PURPOSE)
      throw fieldError('fileId', 'business-info.bank-letter-file', { zh: '请上传已加盖公章或签字的银行确认函扫描件（jpg/bmp/png/pdf，最大20MB）', en: 'Upload the stamped or signed bank confirmation letter (jpg/bmp/png/pdf, at most 20 MB)' });
    const now = clock.now();
    if (row.status === 'awaiting_bank_letter') {
      const reasons = [...row.manualReasons.filter((r) => r !== 'bank-letter'), 'bank-letter'];
      const [updated] = await tx
        .update(businessCertifications)
        .set({ bankLetterFileId: file.id, manualReasons: reasons, updatedAt: now })
        .where(eq(businessCertifications.id, row.id))
        .returning();
      await audit(tx, ctx, { action: 'business-info.bank-letter-submitted', objectType: CERT_SUBJECT, objectId: row.id, after: { fileId: file.id } });
      await sendToReviewer(tx, ctx, updated!);
    } else {
      await requireEditable(tx, row);
      await tx.update(businessCertifications).set({ bankLetterFileId: file.id, status: 'draft', updatedAt: now }).where(eq(businessCertifications.id, row.id));
      await audit(tx, ctx, { action: 'business-info.bank-letter-attached', objectType: CERT_SUBJECT, objectId: row.id, after: { fileId: file.id } });
    }
    const [after] = await tx.select().from(businessCertifications).where(eq(businessCertifications.id, row.id));
    const message = after!.status === 'manual_review' ? say(ctx, { zh: '银行确认函提交后，请等待认证审核结果', en: 'Bank letter submitted; wait for the review result' }) : say(ctx, { zh: '银行确认函已上传', en: 'Bank letter uploaded' });
    return { application: await toView(tx, ctx, after!, company.companyName, true), message };
  });
  await afterCommit(ctx, false);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Outcomes: 已认证 / 认证失败

async function notifyPartner(tx: Executor, partnerId: string, template: string, subject: string, text: Text, opts: { email?: boolean; sms?: boolean } = {}): Promise<void> {
  const contact = await partnerContact(tx, partnerId);
  if (!contact) return;
  await sendAll(
    tx,
    { site: { kind: 'account', id: contact.accountId }, email: opts.email ? contact.email : null, sms: opts.sms ? contact.mobile : null },
    { template, subject, body: text.zh, data: { text } },
  );
}

/** 认证成功: the supplier master takes the certified bank details; e-mail + SMS (R17). */
async function certify(tx: Executor, ctx: Ctx, row: BusinessCertification): Promise<void> {
  const now = clock.now();
  await tx
    .update(businessCertifications)
    .set({ status: 'certified', certifiedAt: now, decidedAt: now, failureReason: null, updatedAt: now })
    .where(eq(businessCertifications.id, row.id));
  const bank = row.bankStep!;
  await tx
    .insert(supplierRecords)
    .values({ companyName: row.companyName!, bankAccount: bank.accountNumber, currency: bank.currency, contractingEntity: CONTRACTING_ENTITY, source: 'certification', updatedAt: now })
    .onConflictDoUpdate({ target: supplierRecords.companyName, set: { bankAccount: bank.accountNumber, currency: bank.currency, contractingEntity: CONTRACTING_ENTITY, updatedAt: now } });
  await audit(tx, ctx, { action: 'business-info.certified', objectType: CERT_SUBJECT, objectId: row.id, partnerId: row.partnerId, after: { mode: row.mode, currency: bank.currency, account: maskAccount(bank.accountNumber) } });
  await notifyPartner(
    tx,
    row.partnerId,
    'business-info.certified',
    '商业信息认证成功',
    { zh: `您的商业信息认证已完成（${row.companyName}）。`, en: `Your business information certification is complete (${row.companyName}).` },
    { email: true, sms: true },
  );
}

/** 认证失败 / 驳回: the reason shows on 伙伴信息 > 商业信息; a failure notice goes out (R17). */
async function fail(tx: Executor, ctx: Ctx, row: BusinessCertification, reason: string | null): Promise<void> {
  const now = clock.now();
  await tx.update(businessCertifications).set({ status: 'failed', failureReason: reason, decidedAt: now, updatedAt: now }).where(eq(businessCertifications.id, row.id));
  await audit(tx, ctx, { action: 'business-info.failed', objectType: CERT_SUBJECT, objectId: row.id, partnerId: row.partnerId, after: { reason } });
  await notifyPartner(
    tx,
    row.partnerId,
    'business-info.failed',
    '商业信息认证失败',
    {
      zh: `您的商业信息认证失败，原因：${reason ?? ''}。请在“伙伴信息 > 商业信息”页面查看失败原因，修改认证信息后重新启动认证申请，或提交工单处理。`,
      en: `Your business information certification failed. Reason: ${reason ?? ''}. See Partner info > Business info, correct the information and start again, or raise a work order.`,
    },
    { email: true, sms: true },
  );
}

async function lockCert(tx: Executor, id: string): Promise<BusinessCertification> {
  const [row] = await tx.select().from(businessCertifications).where(eq(businessCertifications.id, id)).for('update');
  if (!row) throw new Error(`business certification ${id} missing`);
  return row;
}

const rejectHook = async (tx: Executor, ctx: Ctx, app: ReviewApplication) => fail(tx, ctx, await lockCert(tx, app.subjectId), app.rejectReason);

export const businessInfoReviewKind = defineReviewKind({
  kind: CERT_KIND,
  title: { zh: '商业信息认证', en: 'Business information certification' },
  stages: [{ key: 'business-info', name: { zh: '商业信息审核', en: 'Business information review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.finance] }],
  statusNames: {
    in_review: CERT_STATUS_NAMES.manual_review,
    approved: CERT_STATUS_NAMES.certified,
    rejected: CERT_STATUS_NAMES.failed,
    returned: CERT_STATUS_NAMES.failed, // the guide knows only 驳回: fix and restart
  },
  applicants: ['partner'],
  permission: P.businessInfo,
  withdrawable: false,
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      await tx.update(businessCertifications).set({ status: 'manual_review', reviewId: app.id, updatedAt: clock.now() }).where(eq(businessCertifications.id, app.subjectId));
    },
    onApproved: async (tx, ctx, app) => {
      const row = await lockCert(tx, app.subjectId);
      const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, row.companyId));
      if (!sameName(company?.name, row.companyName))
        throw refused('business-info.company-renamed', { zh: '公司名称已变更，请驳回后由伙伴重新认证', en: 'The company was renamed; reject so the partner re-certifies' });
      await certify(tx, ctx, row);
    },
    onRejected: rejectHook,
    onReturned: rejectHook,
  },
});

// ---------------------------------------------------------------------------------------------
// 自动认证中 → 已认证 (the job; every minute, and kicked after each submission)

/** Finish the certifications waiting in 自动认证中; several nodes never take the same row. */
export async function completeAutoCertifications(db: Db, deps: Deps): Promise<number> {
  const ctx = systemCtx(db, deps);
  let done = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select()
        .from(businessCertifications)
        .where(eq(businessCertifications.status, 'auto_certifying'))
        .orderBy(asc(businessCertifications.updatedAt))
        .limit(20)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, row.companyId));
        if (sameName(company?.name, row.companyName)) await certify(tx, ctx, row);
        else await fail(tx, ctx, row, '公司名称已变更，请重新认证');
      }
      return rows.length;
    });
    done += n;
    if (n < 20) break;
  }
  if (done > 0) await kickDelivery(deps.queue);
  return done;
}

// ---------------------------------------------------------------------------------------------
// Operations console

/** 解除锁定 from a work order (工单): a new transfer amount and three new attempts. */
export const UNLOCK_ROLES = [STAFF_ROLES.reviewer, STAFF_ROLES.operations] as const;

export async function unlockCertification(ctx: Ctx, id: string, input: { workOrder: string; reason?: string | null }): Promise<BusinessCertification> {
  requireStaff(ctx, UNLOCK_ROLES);
  const workOrder = requiredText('workOrder', input.workOrder, { zh: '工单号', en: 'Work order' }, 64);
  const reason = input.reason?.trim() || null;
  if (reason && chars(reason) > 500) throw fieldError('reason', 'business-info.too-long', { zh: '说明不能超过500个字符', en: 'The note must be at most 500 characters' });
  const row = await inTransaction(ctx.db, async (tx) => {
    const [row] = isUuid(id) ? await tx.select().from(businessCertifications).where(eq(businessCertifications.id, id)).for('update') : [];
    if (!row) throw notFound(CERT);
    if (row.status !== 'locked') throw refused('business-info.not-locked', { zh: '该认证申请未被锁定', en: 'This certification is not locked' }, { status: row.status });
    const now = clock.now();
    await tx.update(businessCertifications).set({ unlockedAt: now, unlockWorkOrder: workOrder, updatedAt: now }).where(eq(businessCertifications.id, row.id));
    await audit(tx, ctx, { action: 'business-info.unlocked', objectType: CERT_SUBJECT, objectId: row.id, partnerId: row.partnerId, before: { status: 'locked' }, after: { status: 'amount_verification', workOrder, reason } });
    await startVerificationRound(tx, ctx, row);
    await notifyPartner(tx, row.partnerId, 'business-info.unlocked', '商业信息认证已解除锁定', {
      zh: `您的商业信息认证已根据工单（${workOrder}）解除锁定，华为云已重新转入随机金额，请查询并输入转账金额。`,
      en: `Your certification was unlocked (work order ${workOrder}); a new random amount was transferred. Enter it to continue.`,
    });
    const [after] = await tx.select().from(businessCertifications).where(eq(businessCertifications.id, row.id));
    return after!;
  });
  await kickDelivery(ctx.deps.queue);
  return row;
}
