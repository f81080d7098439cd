import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { companies, partners } from '../schema.js';
import { sameName } from './common.js';
import { businessCertifications, cloudStoreRevenueAgreements, type BusinessCertification, type CertStatus } from './schema.js';

/**
 * What the rest of the product asks about a company's 商业信息认证 (business-information
 * certification, spec 02 §3.3): is it certified, is one in progress, may the partner settle.
 * Read-only; the state changes live in business-info.ts.
 */

/** 云商店商家计划: the program key that makes a partner a cloud-store (云商店) partner (R11). */
export const CLOUD_STORE_PROGRAM = 'marketplace_merchant';

/** Submitted and not finished: while one of these exists the partner cannot settle (R9, L2957). */
export const PENDING_STATUSES: readonly CertStatus[] = ['amount_verification', 'locked', 'auto_certifying', 'manual_review', 'awaiting_bank_letter'];

/** What the 商业信息 page shows for the company. */
export type CompanyCertStatus = 'not_certified' | 'recertification_required' | CertStatus;

export const CERT_STATUS_NAMES: Record<CompanyCertStatus, Text> = {
  not_certified: { zh: '未认证', en: 'Not certified' },
  draft: { zh: '待提交', en: 'Not submitted' },
  amount_verification: { zh: '待验证转账金额', en: 'Awaiting transfer-amount verification' },
  locked: { zh: '已锁定', en: 'Locked' },
  auto_certifying: { zh: '自动认证中', en: 'Automatic certification in progress' },
  manual_review: { zh: '人工审核中', en: 'Under manual review' },
  awaiting_bank_letter: { zh: '待提交银行确认函', en: 'Awaiting bank confirmation letter' },
  certified: { zh: '已认证', en: 'Certified' },
  failed: { zh: '认证失败', en: 'Certification failed' },
  recertification_required: { zh: '待重新认证', en: 'Re-certification required' },
};

export async function latestCertified(ex: Executor, companyId: string): Promise<BusinessCertification | null> {
  const [row] = await ex
    .select()
    .from(businessCertifications)
    .where(and(eq(businessCertifications.companyId, companyId), eq(businessCertifications.status, 'certified')))
    .orderBy(desc(businessCertifications.certifiedAt), desc(businessCertifications.createdAt))
    .limit(1);
  return row ?? null;
}

/** The company's certification in progress (any status but certified), at most one. */
export async function openCertification(ex: Executor, companyId: string, forUpdate = false): Promise<BusinessCertification | null> {
  const q = ex.select().from(businessCertifications).where(and(eq(businessCertifications.companyId, companyId), ne(businessCertifications.status, 'certified')));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export interface CompanyCertState {
  status: CompanyCertStatus;
  certified: BusinessCertification | null;
  open: BusinessCertification | null;
  /** R5: the company was renamed after certification (the certified account holder no longer matches). */
  recertificationRequired: boolean;
  pending: boolean;
}

export async function companyCertState(ex: Executor, companyId: string): Promise<CompanyCertState> {
  const [company] = await ex.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  const certified = await latestCertified(ex, companyId);
  const open = await openCertification(ex, companyId);
  const recertificationRequired = !!certified && !sameName(certified.companyName, company?.name);
  const pending = !!open && PENDING_STATUSES.includes(open.status);
  let status: CompanyCertStatus;
  if (open && open.status !== 'draft') status = open.status;
  else if (certified) status = recertificationRequired ? 'recertification_required' : 'certified';
  else status = 'not_certified';
  return { status, certified, open, recertificationRequired, pending };
}

/** Is any account of the company a cloud-store partner (R11)? */
export async function isCloudStoreCompany(ex: Executor, companyId: string): Promise<boolean> {
  const rows = await ex.select({ programs: partners.programs }).from(partners).where(eq(partners.companyId, companyId));
  return rows.some((r) => r.programs.includes(CLOUD_STORE_PROGRAM));
}

/** Has a cloud-store account of the company signed the 合作分成协议 (R11, L2965)? */
export async function revenueShareSigned(ex: Executor, companyId: string): Promise<boolean> {
  const ids = (await ex.select({ id: partners.id }).from(partners).where(eq(partners.companyId, companyId))).map((r) => r.id);
  if (ids.length === 0) return false;
  const [hit] = await ex.select({ id: cloudStoreRevenueAgreements.partnerId }).from(cloudStoreRevenueAgreements).where(inArray(cloudStoreRevenueAgreements.partnerId, ids)).limit(1);
  return !!hit;
}

// ---------------------------------------------------------------------------------------------
// The check other modules call

export type SettlementBlock = 'pending' | 'not-certified' | 'recertification-required';

export const SETTLEMENT_BLOCK_TEXT: Record<SettlementBlock, Text> = {
  pending: { zh: '商业信息认证中，认证完成之前无法进行结算处理', en: 'Business information certification is in progress; settlement is not possible until it completes' },
  'not-certified': { zh: '云商店伙伴只有进行商业信息认证才可进行结算', en: 'Cloud-store partners can settle only after business information certification' },
  'recertification-required': { zh: '公司名称已修改，请重新进行商业信息认证，以免影响您的结算处理', en: 'The company name changed; re-certify the business information before settling' },
};

export interface SettlementCheck {
  blocked: boolean;
  reason: SettlementBlock | null;
  message: Text | null;
  /** A valid certification exists (the gate for MDF, FH, NRE and incentive payouts, spec 02 §7). */
  certified: boolean;
  status: CompanyCertStatus;
  statusName: Text;
  /** The certified settlement currency (货币, L3044), when certified. */
  currency: string | null;
}

/**
 * May this partner account settle now? Blocked while a certification is in progress (R9), for a
 * cloud-store partner until it is certified (R11), and after a rename until re-certified (R5,
 * "以免影响您的结算处理"). An unknown partner is blocked as not certified.
 */
export async function settlementCheck(ex: Executor, partnerId: string): Promise<SettlementCheck> {
  const [p] = isUuid(partnerId) ? await ex.select({ companyId: partners.companyId }).from(partners).where(eq(partners.id, partnerId)) : [];
  if (!p) {
    return { blocked: true, reason: 'not-certified', message: SETTLEMENT_BLOCK_TEXT['not-certified'], certified: false, status: 'not_certified', statusName: CERT_STATUS_NAMES.not_certified, currency: null };
  }
  const state = await companyCertState(ex, p.companyId);
  const cloudStore = await isCloudStoreCompany(ex, p.companyId);
  const reason: SettlementBlock | null = state.pending
    ? 'pending'
    : state.recertificationRequired
      ? 'recertification-required'
      : cloudStore && !state.certified
        ? 'not-certified'
        : null;
  return {
    blocked: reason !== null,
    reason,
    message: reason ? SETTLEMENT_BLOCK_TEXT[reason] : null,
    certified: !!state.certified && !state.recertificationRequired,
    status: state.status,
    statusName: CERT_STATUS_NAMES[state.status],
    currency: state.certified?.bankStep?.currency ?? null,
  };
}

/** Settlement is blocked while business-info certification is pending (R9) — see settlementCheck. */
export async function isSettlementBlocked(ex: Executor, partnerId: string): Promise<boolean> {
  return (await settlementCheck(ex, partnerId)).blocked;
}

/** Does the partner's company hold a valid business-information certification? */
export async function isBusinessInfoCertified(ex: Executor, partnerId: string): Promise<boolean> {
  return (await settlementCheck(ex, partnerId)).certified;
}
