import { and, count, desc, eq, ilike, ne, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { clock } from '../../../platform/clock.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../../platform/db/index.js';
import { fieldError, notFound, refused } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/ids.js';
import { requireStaff, STAFF_ROLES } from '../../../platform/access/index.js';
import { audit } from '../../../platform/audit/index.js';
import { USCC_RE } from '../../accounts/real-name.js';
import { companies, partners } from '../schema.js';
import { chars, maskAccount, requiredText, say } from './common.js';
import { CERT_STATUS_NAMES, settlementCheck, type SettlementCheck } from './cert-state.js';
import { CONTRACTING_ENTITY, CURRENCIES, MODE_NAMES, MANUAL_REASONS } from './business-info.js';
import { businessCertifications, cloudStoreRevenueAgreements, supplierRecords, type BusinessCertification, type CertStatus } from './schema.js';

/**
 * Operations-console work on company and business information that the review engine does not
 * cover (its queue handles the manual reviews). Every change is audited.
 */

export const CERT_STAFF = [STAFF_ROLES.reviewer, STAFF_ROLES.finance, STAFF_ROLES.operations] as const;
export const SUPPLIER_STAFF = [STAFF_ROLES.finance, STAFF_ROLES.reviewer] as const;
export const CLOUD_STORE_STAFF = [STAFF_ROLES.operations, STAFF_ROLES.channelManager] as const;
export const USCC_STAFF = [STAFF_ROLES.ecosystemManager] as const; // R4: only the ecosystem manager

const page = (q: { page?: number; pageSize?: number }) => {
  const p = Math.max(1, q.page ?? 1);
  const s = Math.min(100, Math.max(1, q.pageSize ?? 20));
  return { page: p, pageSize: s, offset: (p - 1) * s };
};

export interface OpsCertView {
  id: string;
  companyId: string;
  companyName: string;
  partnerId: string;
  mode: string;
  modeName: string;
  status: CertStatus;
  statusName: string;
  manualReasons: string[];
  bankName: string | null;
  accountNumber: string | null;
  currency: string | null;
  /** The amount transferred (the vendor made it; in the embedded demo this stands in for the bank statement). */
  verificationAmount: string | null;
  verificationRound: number;
  verificationFailures: number;
  lockedAt: string | null;
  unlockWorkOrder: string | null;
  reviewId: string | null;
  failureReason: string | null;
  submittedAt: string | null;
  certifiedAt: string | null;
  updatedAt: string;
}

function toOpsView(ctx: Ctx, r: BusinessCertification, companyName: string): OpsCertView {
  return {
    id: r.id,
    companyId: r.companyId,
    companyName: r.companyName ?? companyName,
    partnerId: r.partnerId,
    mode: r.mode,
    modeName: say(ctx, MODE_NAMES[r.mode]),
    status: r.status,
    statusName: say(ctx, CERT_STATUS_NAMES[r.status]),
    manualReasons: r.manualReasons.map((m) => say(ctx, MANUAL_REASONS[m] ?? { zh: m, en: m })),
    bankName: r.bankStep?.bankName ?? null,
    accountNumber: r.bankStep?.accountNumber ?? null,
    currency: r.bankStep?.currency ?? null,
    verificationAmount: r.verificationAmount,
    verificationRound: r.verificationRound,
    verificationFailures: r.verificationFailures,
    lockedAt: r.lockedAt?.toISOString() ?? null,
    unlockWorkOrder: r.unlockWorkOrder,
    reviewId: r.reviewId,
    failureReason: r.failureReason,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    certifiedAt: r.certifiedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Certifications of every company, filtered by status and company name, newest first. */
export async function listCertifications(ctx: Ctx, q: { status?: CertStatus; company?: string; page?: number; pageSize?: number }) {
  requireStaff(ctx, CERT_STAFF);
  const { page: p, pageSize, offset } = page(q);
  const conds: SQL[] = [ne(businessCertifications.status, 'draft')];
  if (q.status) conds.push(eq(businessCertifications.status, q.status));
  if (q.company) conds.push(ilike(companies.name, `%${q.company.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const where = and(...conds);
  const found = await ctx.db
    .select({ row: businessCertifications, companyName: companies.name })
    .from(businessCertifications)
    .innerJoin(companies, eq(companies.id, businessCertifications.companyId))
    .where(where)
    .orderBy(desc(businessCertifications.updatedAt), desc(businessCertifications.id))
    .limit(pageSize)
    .offset(offset);
  const [{ total }] = (await ctx.db
    .select({ total: count() })
    .from(businessCertifications)
    .innerJoin(companies, eq(companies.id, businessCertifications.companyId))
    .where(where)) as [{ total: number }];
  return { items: found.map((f) => toOpsView(ctx, f.row, f.companyName)), total: Number(total), page: p, pageSize };
}

export async function getCertificationForStaff(ctx: Ctx, id: string): Promise<OpsCertView> {
  requireStaff(ctx, CERT_STAFF);
  const [found] = isUuid(id)
    ? await ctx.db
        .select({ row: businessCertifications, companyName: companies.name })
        .from(businessCertifications)
        .innerJoin(companies, eq(companies.id, businessCertifications.companyId))
        .where(eq(businessCertifications.id, id))
    : [];
  if (!found) throw notFound({ zh: '商业信息认证', en: 'Business information certification' });
  return toOpsView(ctx, found.row, found.companyName);
}

export { toOpsView };

/** The settlement check for one partner account, as the finance console reads it. */
export async function settlementStatusForStaff(ctx: Ctx, partnerId: string): Promise<SettlementCheck> {
  requireStaff(ctx);
  const [p] = isUuid(partnerId) ? await ctx.db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)) : [];
  if (!p) throw notFound({ zh: '伙伴', en: 'Partner' });
  return settlementCheck(ctx.db, partnerId);
}

// ---------------------------------------------------------------------------------------------
// 供应商管理系统 records (R10)

export async function listSupplierRecords(ctx: Ctx, q: { company?: string; page?: number; pageSize?: number }) {
  requireStaff(ctx, SUPPLIER_STAFF);
  const { page: p, pageSize, offset } = page(q);
  const where = q.company ? ilike(supplierRecords.companyName, `%${q.company.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined;
  const items = await ctx.db.select().from(supplierRecords).where(where).orderBy(supplierRecords.companyName).limit(pageSize).offset(offset);
  const [{ total }] = (await ctx.db.select({ total: count() }).from(supplierRecords).where(where)) as [{ total: number }];
  return { items: items.map(supplierView), total: Number(total), page: p, pageSize };
}

const supplierView = (r: typeof supplierRecords.$inferSelect) => ({
  id: r.id,
  companyName: r.companyName,
  ioi: r.ioi,
  bankAccount: r.bankAccount,
  currency: r.currency,
  contractingEntity: r.contractingEntity,
  source: r.source,
  updatedAt: r.updatedAt.toISOString(),
});

export interface SupplierInput {
  companyName: string;
  ioi: boolean;
  bankAccount: string;
  currency: string;
  contractingEntity?: string | null;
}

/** Create or update the supplier record of a company name (same-name rule of R10). */
export async function upsertSupplierRecord(ctx: Ctx, input: SupplierInput) {
  requireStaff(ctx, SUPPLIER_STAFF);
  const companyName = requiredText('companyName', input.companyName, { zh: '公司名称', en: 'Company name' }, 200);
  const bankAccount = input.bankAccount.replace(/[\s-]+/g, '').toUpperCase();
  if (!/^[A-Z0-9]{8,34}$/.test(bankAccount)) throw fieldError('bankAccount', 'supplier.bank-account', { zh: '银行账号须为8~34位字母或数字', en: 'The account number must be 8–34 letters or digits' });
  if (!(CURRENCIES as readonly string[]).includes(input.currency)) throw fieldError('currency', 'supplier.currency', { zh: '请选择货币', en: 'Choose the currency' });
  const contractingEntity = input.contractingEntity?.trim() || CONTRACTING_ENTITY;
  if (chars(contractingEntity) > 200) throw fieldError('contractingEntity', 'supplier.too-long', { zh: '华为签约主体不能超过200个字符', en: 'At most 200 characters' });
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(supplierRecords).where(eq(supplierRecords.companyName, companyName)).for('update');
    const now = clock.now();
    const values = { companyName, ioi: input.ioi, bankAccount, currency: input.currency, contractingEntity, source: 'ops' as const, updatedAt: now };
    const [row] = before
      ? await tx.update(supplierRecords).set(values).where(eq(supplierRecords.id, before.id)).returning()
      : await tx.insert(supplierRecords).values(values).returning();
    const shown = (r: { bankAccount: string } | undefined) => (r ? { ...r, bankAccount: maskAccount(r.bankAccount) } : null);
    await audit(tx, ctx, { action: 'supplier.record.saved', objectType: 'supplier_record', objectId: row!.id, partnerId: null, before: shown(before), after: shown(values) });
    return supplierView(row!);
  });
}

// ---------------------------------------------------------------------------------------------
// 云商店 合作分成协议 (R11)

/** For the marketplace side: the cloud-store partner signed its revenue-sharing agreement. */
export async function recordRevenueShareAgreement(tx: Executor, partnerId: string, signedAt: Date): Promise<void> {
  const now = clock.now();
  await tx
    .insert(cloudStoreRevenueAgreements)
    .values({ partnerId, signedAt, recordedAt: now })
    .onConflictDoUpdate({ target: cloudStoreRevenueAgreements.partnerId, set: { signedAt, recordedAt: now } });
}

/** Staff record an agreement signed in the cloud store (until the marketplace module reports it itself). */
export async function recordRevenueShareByStaff(ctx: Ctx, partnerId: string, input: { signedAt?: string | null }) {
  requireStaff(ctx, CLOUD_STORE_STAFF);
  const signedAt = input.signedAt ? new Date(input.signedAt) : clock.now();
  if (Number.isNaN(signedAt.getTime()) || signedAt > clock.now())
    throw fieldError('signedAt', 'cloud-store.signed-at', { zh: '签署时间不正确', en: 'Invalid signing time' });
  return inTransaction(ctx.db, async (tx) => {
    const [p] = isUuid(partnerId) ? await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)) : [];
    if (!p) throw notFound({ zh: '伙伴', en: 'Partner' });
    await recordRevenueShareAgreement(tx, partnerId, signedAt);
    await audit(tx, ctx, { action: 'cloud-store.revenue-share-recorded', objectType: 'partner', objectId: partnerId, partnerId, after: { signedAt: signedAt.toISOString() } });
    return { partnerId, signedAt: signedAt.toISOString() };
  });
}

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码 (R4: partners cannot change it; the ecosystem manager can)

export async function changeUscc(ctx: Ctx, companyId: string, input: { uscc: string; reason: string }) {
  requireStaff(ctx, USCC_STAFF);
  const uscc = input.uscc.trim().toUpperCase();
  if (!USCC_RE.test(uscc)) throw fieldError('uscc', 'company.uscc-format', { zh: '统一社会信用代码格式不正确（18位）', en: 'The unified social credit code must be 18 valid characters' });
  const reason = requiredText('reason', input.reason, { zh: '修改原因', en: 'Reason' }, 500);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const [company] = isUuid(companyId) ? await tx.select().from(companies).where(eq(companies.id, companyId)).for('update') : [];
      if (!company) throw notFound({ zh: '公司', en: 'Company' });
      if (company.uscc === uscc) throw refused('company.uscc-unchanged', { zh: '统一社会信用代码未修改', en: 'The code is unchanged' });
      await tx.update(companies).set({ uscc, updatedAt: clock.now() }).where(eq(companies.id, company.id));
      await audit(tx, ctx, { action: 'company.uscc.changed', objectType: 'company', objectId: company.id, partnerId: null, before: { uscc: company.uscc }, after: { uscc, reason } });
      return { companyId: company.id, uscc };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('company.uscc-taken', { zh: '该统一社会信用代码已属于其他伙伴公司', en: 'Another partner company has this code' });
    throw err;
  }
}
