import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { clock } from '../../platform/clock.js';
import { inTransaction, type Executor } from '../../platform/db/index.js';
import { AppError, fieldError, notFound, refused } from '../../platform/errors.js';
import { requireAccount, STAFF_ROLES } from '../../platform/access/index.js';
import { audit } from '../../platform/audit/index.js';
import { canRead, getFileRecord } from '../../platform/files/index.js';
import { isValidAmount, money } from '../../platform/money.js';
import type { Text } from '../../platform/i18n/index.js';
import { defineReviewKind, linkApplicationToPartner, submit, type ReviewApplication } from '../../platform/review/index.js';
import { realNameStatus, USCC_RE } from '../accounts/real-name.js';
import {
  companies,
  hcpnApplications,
  partners,
  type HcpnAcceptedAgreement,
  type HcpnApplication,
  type HcpnBusinessInfo,
  type HcpnContact,
  type HcpnStatus,
} from './schema.js';

/**
 * 加入华为云合作伙伴网络 (HCPN enrolment, spec 01 §2.3, §3.1, ops 2–3, R1–R5; guide L633–735).
 * The account fills the four-step wizard as a draft (填写商业信息 → 填写联系人信息 → 敏感关系申报 →
 * 签署协议), then 提交认证: joined at once when the automatic checks pass, otherwise 人工审核.
 */

export const HCPN_KIND = 'partners.hcpn-enrolment';
export const HCPN_SUBJECT = 'hcpn_application';

export const LIMITS = {
  businessScope: 1000, // 营业范围 0/1,000 (R2, L691)
  intro: 500, // 公司简介 0/500 (R2, L702)
  amountDecimals: 6, // 万元 to the yuan cent is 6 places
  contacts: 5,
  sensitiveDetails: 1000,
  text: 200,
} as const;

/** 人员规模 choices (the guide shows a select without its options; inferred). */
export const STAFF_SIZES = ['1-49', '50-99', '100-499', '500-999', '1000-4999', '5000+'] as const;

/** The agreements of step 4 (names not given by the guide, inferred); a new version must be accepted again. */
export const HCPN_AGREEMENTS = [
  { key: 'hcpn-cooperation', version: '2025.1', name: { zh: '《华为云合作伙伴网络（HCPN）合作协议》', en: 'HUAWEI CLOUD Partner Network (HCPN) Cooperation Agreement' } },
  { key: 'partner-code-of-conduct', version: '2025.1', name: { zh: '《华为合作伙伴行为准则》', en: 'Huawei Partner Code of Conduct' } },
  { key: 'integrity-commitment', version: '2025.1', name: { zh: '《合作伙伴廉洁诚信承诺书》', en: 'Partner Integrity Commitment' } },
] as const;

export const HCPN_STATUS_NAMES: Record<HcpnStatus, Text> = {
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '审核中', en: 'Under review' },
  rejected: { zh: '审核未通过', en: 'Rejected' },
  joined: { zh: '已入驻', en: 'Joined' },
};

/** Why an application goes to 人工审核 instead of joining at once. */
export const AUTO_CHECKS = {
  usccMismatch: 'uscc-mismatch', // the USCC differs from the one verified by 企业实名认证
  nameMismatch: 'name-mismatch', // the company name differs from the verified enterprise name
  sensitiveRelation: 'sensitive-relation-declared', // R3: a declared relationship is for Huawei to assess
  previouslyReviewed: 'previously-reviewed', // a resubmission after 人工审核 goes back to the reviewer
} as const;

// ---------------------------------------------------------------------------------------------
// Review kind: 人工审核

async function lockRow(tx: Executor, id: string): Promise<HcpnApplication> {
  const [row] = await tx.select().from(hcpnApplications).where(eq(hcpnApplications.id, id)).for('update');
  if (!row) throw new Error(`hcpn application ${id} missing`);
  return row;
}

export const hcpnReviewKind = defineReviewKind({
  kind: HCPN_KIND,
  title: { zh: '加入华为云合作伙伴网络', en: 'HCPN enrolment' },
  stages: [{ key: 'manual', name: { zh: '人工审核', en: 'Manual review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] }],
  statusNames: {
    in_review: HCPN_STATUS_NAMES.in_review,
    rejected: HCPN_STATUS_NAMES.rejected,
    approved: { zh: '审核通过', en: 'Approved' },
  },
  applicants: ['account'],
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      await tx.update(hcpnApplications).set({ status: 'in_review', reviewId: app.id, rejectReason: null, updatedAt: clock.now() }).where(eq(hcpnApplications.id, app.subjectId));
    },
    onApproved: async (tx, ctx, app: ReviewApplication) => {
      const row = await lockRow(tx, app.subjectId);
      const joined = await join(tx, ctx, row);
      await linkApplicationToPartner(tx, app.id, joined.partnerId);
    },
    onRejected: async (tx, ctx, app) => {
      const row = await lockRow(tx, app.subjectId);
      const now = clock.now();
      await tx.update(hcpnApplications).set({ status: 'rejected', rejectReason: app.rejectReason, decidedAt: now, updatedAt: now }).where(eq(hcpnApplications.id, row.id));
      await audit(tx, ctx, { action: 'hcpn.rejected', objectType: HCPN_SUBJECT, objectId: row.id, before: { status: row.status }, after: { status: 'rejected', reason: app.rejectReason } });
    },
    onWithdrawn: async (tx, _ctx, app) => {
      await tx.update(hcpnApplications).set({ status: 'draft', updatedAt: clock.now() }).where(eq(hcpnApplications.id, app.subjectId));
    },
  },
});

// ---------------------------------------------------------------------------------------------
// Reading

export interface HcpnApplicationView {
  id: string;
  status: HcpnStatus;
  statusName: string;
  steps: { businessInfo: boolean; contacts: boolean; sensitiveRelation: boolean; agreements: boolean };
  businessInfo: HcpnBusinessInfo | null;
  contacts: HcpnContact[];
  sensitiveRelation: 'declared' | 'none' | null;
  sensitiveRelationDetails: string | null;
  agreements: HcpnAcceptedAgreement[];
  reviewId: string | null;
  rejectReason: string | null;
  partnerId: string | null;
  companyId: string | null;
  linkedExistingCompany: boolean;
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toView(ctx: Ctx, r: HcpnApplication): HcpnApplicationView {
  const lang = ctx.lang === 'en-US' ? 'en' : 'zh';
  return {
    id: r.id,
    status: r.status,
    statusName: HCPN_STATUS_NAMES[r.status][lang],
    steps: { businessInfo: r.businessInfo !== null, contacts: (r.contacts ?? []).length > 0, sensitiveRelation: r.sensitiveRelation !== null, agreements: (r.agreements ?? []).length > 0 },
    businessInfo: r.businessInfo,
    contacts: r.contacts ?? [],
    sensitiveRelation: r.sensitiveRelation,
    sensitiveRelationDetails: r.sensitiveRelationDetails,
    agreements: r.agreements ?? [],
    reviewId: r.reviewId,
    rejectReason: r.rejectReason,
    partnerId: r.partnerId,
    companyId: r.companyId,
    linkedExistingCompany: r.linkedExistingCompany,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function agreementCatalogue(ctx: Ctx) {
  const lang = ctx.lang === 'en-US' ? 'en' : 'zh';
  return HCPN_AGREEMENTS.map((a) => ({ key: a.key, version: a.version, name: a.name[lang] }));
}

/** The account's own application; another account's (or a missing one) is "not found". */
async function ownRow(ex: Executor, accountId: string, id: string, forUpdate = false): Promise<HcpnApplication> {
  const q = ex.select().from(hcpnApplications).where(and(eq(hcpnApplications.id, id), eq(hcpnApplications.accountId, accountId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound({ zh: '入驻申请', en: 'Enrolment application' });
  return row;
}

export async function getApplication(ctx: Ctx, id: string): Promise<HcpnApplicationView> {
  const a = requireAccount(ctx);
  return toView(ctx, await ownRow(ctx.db, a.accountId, id));
}

/** The account's application, if it has started one (the entry page decides: start, continue, or show progress). */
export async function myApplication(ctx: Ctx): Promise<HcpnApplicationView | null> {
  const a = requireAccount(ctx);
  const [row] = await ctx.db.select().from(hcpnApplications).where(eq(hcpnApplications.accountId, a.accountId));
  return row ? toView(ctx, row) : null;
}

/** Is this account a partner (joined HCPN)? For other modules. */
export async function partnerOfAccount(ex: Executor, accountId: string) {
  const [p] = await ex.select().from(partners).where(eq(partners.accountId, accountId));
  return p ?? null;
}

// ---------------------------------------------------------------------------------------------
// Guards

const ALREADY_PARTNER: Text = { zh: '该账号已是华为云合作伙伴', en: 'This account is already a HUAWEI CLOUD partner' };
const NEEDS_REAL_NAME: Text = {
  zh: '请先完成企业实名认证，再申请加入华为云合作伙伴网络',
  en: 'Complete enterprise real-name verification before joining HCPN',
};

/** R1: HCPN needs enterprise real-name verification; returns what was verified. */
async function requireEnterpriseVerified(ctx: Ctx): Promise<{ enterpriseName: string | null; uscc: string | null }> {
  const rn = await realNameStatus(ctx);
  if (rn.status !== 'verified' || rn.type !== 'enterprise') throw refused('hcpn.real-name-required', NEEDS_REAL_NAME);
  const verifiedApp = rn.application && rn.application.status === 'verified' ? rn.application : null;
  return { enterpriseName: rn.enterpriseName, uscc: verifiedApp?.uscc ?? null };
}

function requireEditable(row: HcpnApplication): void {
  if (row.status === 'in_review')
    throw refused('hcpn.in-review', { zh: '入驻申请审核中，不能修改', en: 'The application is under review and cannot be changed' });
  if (row.status === 'joined') throw refused('hcpn.already-joined', ALREADY_PARTNER);
}

// ---------------------------------------------------------------------------------------------
// The wizard

/** Start (or continue) the account's enrolment draft. */
export async function startApplication(ctx: Ctx): Promise<{ created: boolean; application: HcpnApplicationView }> {
  const a = requireAccount(ctx);
  await requireEnterpriseVerified(ctx);
  return inTransaction(ctx.db, async (tx) => {
    if (await partnerOfAccount(tx, a.accountId)) throw refused('hcpn.already-partner', ALREADY_PARTNER);
    const now = clock.now();
    // one application per account: a double click finds the first one
    const [created] = await tx
      .insert(hcpnApplications)
      .values({ accountId: a.accountId, status: 'draft', createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: hcpnApplications.accountId })
      .returning();
    if (created) {
      await audit(tx, ctx, { action: 'hcpn.started', objectType: HCPN_SUBJECT, objectId: created.id, after: { status: 'draft' } });
      return { created: true, application: toView(ctx, created) };
    }
    const [existing] = await tx.select().from(hcpnApplications).where(eq(hcpnApplications.accountId, a.accountId));
    return { created: false, application: toView(ctx, existing!) };
  });
}

export type BusinessInfoInput = Omit<HcpnBusinessInfo, 'businessTermEnd' | 'businessTermLongTerm' | 'postcode' | 'logoFileId' | 'website' | 'companyEmail'> & {
  businessTermEnd?: string | null;
  businessTermLongTerm?: boolean;
  postcode?: string | null;
  logoFileId?: string | null;
  website?: string | null;
  companyEmail?: string | null;
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const chars = (s: string) => [...s].length;
const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

export function normaliseUscc(s: string): string {
  return s.trim().toUpperCase();
}

function required(field: string, v: string, label: Text): string {
  const s = v.trim();
  if (!s) throw fieldError(field, 'hcpn.required', { zh: `请填写${label.zh}`, en: `${label.en} is required` });
  if (chars(s) > LIMITS.text && field !== 'businessScope' && field !== 'intro')
    throw fieldError(field, 'hcpn.too-long', { zh: `${label.zh}不能超过${LIMITS.text}个字符`, en: `${label.en} must be at most ${LIMITS.text} characters` });
  return s;
}

function amount(field: string, v: string, label: Text, allowZero: boolean): string {
  const s = v.trim();
  if (!isValidAmount(s, LIMITS.amountDecimals) || money(s).isNegative() || (!allowZero && money(s).isZero()))
    throw fieldError(field, 'hcpn.amount', { zh: `${label.zh}须为${allowZero ? '非负' : '正'}数，最多6位小数（单位：万元）`, en: `${label.en} must be a ${allowZero ? 'non-negative' : 'positive'} number in 10,000 CNY with at most 6 decimals` });
  return money(s).toFixed();
}

/** Step 1 填写商业信息: every field and limit of spec 01 §2.3 (R2). */
async function validateBusinessInfo(tx: Executor, ctx: Ctx, input: BusinessInfoInput): Promise<HcpnBusinessInfo> {
  const uscc = normaliseUscc(input.uscc);
  if (!USCC_RE.test(uscc))
    throw fieldError('uscc', 'hcpn.uscc-format', { zh: '统一社会信用代码格式不正确（18位）', en: 'The unified social credit code must be 18 valid characters' });
  const businessScope = required('businessScope', input.businessScope, { zh: '营业范围', en: 'Business scope' });
  if (chars(businessScope) > LIMITS.businessScope)
    throw fieldError('businessScope', 'hcpn.business-scope-too-long', { zh: '营业范围不能超过1,000个字符', en: 'The business scope must be at most 1,000 characters' });
  const intro = required('intro', input.intro, { zh: '公司简介', en: 'Company introduction' });
  if (chars(intro) > LIMITS.intro) throw fieldError('intro', 'hcpn.intro-too-long', { zh: '公司简介不能超过500个字符', en: 'The introduction must be at most 500 characters' });
  if (!isDate(input.foundedDate) || input.foundedDate > clock.now().toISOString().slice(0, 10))
    throw fieldError('foundedDate', 'hcpn.founded-date', { zh: '请选择正确的公司成立时间', en: 'Enter a valid founding date' });
  const longTerm = input.businessTermLongTerm ?? false;
  const termEnd = blankToNull(input.businessTermEnd);
  if (longTerm && termEnd) throw fieldError('businessTermEnd', 'hcpn.business-term', { zh: '营业期限为长期时无需填写日期', en: 'A long-term business term has no end date' });
  if (termEnd && (!isDate(termEnd) || termEnd < input.foundedDate))
    throw fieldError('businessTermEnd', 'hcpn.business-term', { zh: '营业期限须晚于公司成立时间', en: 'The business term must end after the founding date' });
  const postcode = blankToNull(input.postcode);
  if (postcode && !/^\d{6}$/.test(postcode)) throw fieldError('postcode', 'hcpn.postcode', { zh: '邮政编码为6位数字，例：210000', en: 'The postcode is 6 digits, e.g. 210000' });
  if (!(STAFF_SIZES as readonly string[]).includes(input.staffSize))
    throw fieldError('staffSize', 'hcpn.staff-size', { zh: '请选择人员规模', en: 'Choose the staff size' });
  const companyEmail = blankToNull(input.companyEmail);
  if (companyEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(companyEmail)) throw fieldError('companyEmail', 'hcpn.email', { zh: '公司邮箱格式不正确', en: 'Invalid company e-mail' });

  // 营业执照文件: jpg/bmp/png/pdf ≤ 20 MB is enforced by the files platform for purpose 'business-licence'
  const licence = await getFileRecord(tx, input.licenceFileId);
  if (!licence || !canRead(ctx, licence) || licence.purpose !== 'business-licence')
    throw fieldError('licenceFileId', 'hcpn.licence', { zh: '请上传营业执照文件（jpg/bmp/png/pdf，单个文件最大20M）', en: 'Upload the business licence (jpg/bmp/png/pdf, at most 20 MB)' });
  const logoFileId = blankToNull(input.logoFileId);
  if (logoFileId) {
    const logo = await getFileRecord(tx, logoFileId);
    if (!logo || !canRead(ctx, logo) || !logo.mime.startsWith('image/'))
      throw fieldError('logoFileId', 'hcpn.logo', { zh: '公司logo须为已上传的图片', en: 'The company logo must be an uploaded image' });
  }

  return {
    companyName: required('companyName', input.companyName, { zh: '公司名称', en: 'Company name' }),
    uscc,
    taxCode: required('taxCode', input.taxCode, { zh: '税务编码', en: 'Tax code' }),
    licenceFileId: licence.id,
    registeredCapital: amount('registeredCapital', input.registeredCapital, { zh: '注册资金', en: 'Registered capital' }, false),
    foundedDate: input.foundedDate,
    businessTermEnd: termEnd,
    businessTermLongTerm: longTerm,
    licenceAddress: required('licenceAddress', input.licenceAddress, { zh: '营业执照地址', en: 'Licence address' }),
    legalPerson: required('legalPerson', input.legalPerson, { zh: '公司法人', en: 'Legal person' }),
    businessScope,
    postcode,
    province: required('province', input.province, { zh: '公司所在省/直辖市/自治区', en: 'Province' }),
    city: required('city', input.city, { zh: '公司所在城市', en: 'City' }),
    staffSize: input.staffSize,
    annualRevenue: amount('annualRevenue', input.annualRevenue, { zh: '年营业额', en: 'Annual revenue' }, true),
    logoFileId,
    website: blankToNull(input.website),
    companyEmail,
    intro,
  };
}

async function saveStep(ctx: Ctx, id: string, change: (tx: Executor, row: HcpnApplication) => Promise<Partial<typeof hcpnApplications.$inferInsert>>, action: string) {
  const a = requireAccount(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownRow(tx, a.accountId, id, true);
    requireEditable(row);
    const set = await change(tx, row);
    const [updated] = await tx.update(hcpnApplications).set({ ...set, updatedAt: clock.now() }).where(eq(hcpnApplications.id, row.id)).returning();
    await audit(tx, ctx, { action, objectType: HCPN_SUBJECT, objectId: row.id, after: set as Record<string, unknown> });
    return toView(ctx, updated!);
  });
}

/** Step 1 填写商业信息. */
export function saveBusinessInfo(ctx: Ctx, id: string, input: BusinessInfoInput) {
  return saveStep(ctx, id, async (tx) => {
    const info = await validateBusinessInfo(tx, ctx, input);
    return { businessInfo: info, uscc: info.uscc };
  }, 'hcpn.business-info.saved');
}

/** Step 2 填写联系人信息: the person in charge of Huawei Cloud business (at least one). */
export function saveContacts(ctx: Ctx, id: string, input: { contacts: HcpnContact[] }) {
  return saveStep(ctx, id, async () => {
    if (input.contacts.length === 0) throw fieldError('contacts', 'hcpn.contacts-required', { zh: '请至少创建一个联系人', en: 'Add at least one contact' });
    if (input.contacts.length > LIMITS.contacts) throw fieldError('contacts', 'hcpn.contacts-too-many', { zh: '联系人最多5个', en: 'At most 5 contacts' });
    const contacts = input.contacts.map((c, i) => {
      const name = c.name.trim();
      const mobile = c.mobile.trim();
      const email = c.email.trim();
      if (!name) throw fieldError(`contacts.${i}.name`, 'hcpn.required', { zh: '请填写姓名', en: 'Name is required' });
      if (!/^\+?[\d-]{6,20}$/.test(mobile)) throw fieldError(`contacts.${i}.mobile`, 'hcpn.mobile', { zh: '手机号格式不正确', en: 'Invalid mobile number' });
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw fieldError(`contacts.${i}.email`, 'hcpn.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail' });
      return { name, mobile, email };
    });
    return { contacts };
  }, 'hcpn.contacts.saved');
}

/** Step 3 敏感关系申报 (R3): 申报 needs the particulars; 不涉及 clears them. */
export function saveSensitiveRelation(ctx: Ctx, id: string, input: { choice: 'declared' | 'none'; details?: string | null }) {
  return saveStep(ctx, id, async () => {
    const details = blankToNull(input.details);
    if (input.choice === 'declared') {
      if (!details)
        throw fieldError('details', 'hcpn.sensitive-details-required', { zh: '请填写与华为员工的敏感关系信息', en: 'Describe the relationship with Huawei employees' });
      if (chars(details) > LIMITS.sensitiveDetails)
        throw fieldError('details', 'hcpn.too-long', { zh: '申报内容不能超过1,000个字符', en: 'The declaration must be at most 1,000 characters' });
    }
    return { sensitiveRelation: input.choice, sensitiveRelationDetails: input.choice === 'declared' ? details : null };
  }, 'hcpn.sensitive-relation.saved');
}

/** Step 4 签署协议: every current agreement, at its current version. */
export function acceptAgreements(ctx: Ctx, id: string, input: { accepted: { key: string; version: string }[] }) {
  return saveStep(ctx, id, async () => {
    for (const ag of HCPN_AGREEMENTS) {
      if (!input.accepted.some((x) => x.key === ag.key && x.version === ag.version))
        throw fieldError('accepted', 'hcpn.agreements-required', { zh: `请阅读并勾选${ag.name.zh}`, en: `Read and accept the ${ag.name.en}` });
    }
    const acceptedAt = clock.now().toISOString();
    return { agreements: HCPN_AGREEMENTS.map((ag) => ({ key: ag.key, version: ag.version, acceptedAt })) };
  }, 'hcpn.agreements.accepted');
}

// ---------------------------------------------------------------------------------------------
// 提交认证

const normName = (s: string) => s.trim().replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');

/** The automatic checks; an empty list means the account joins at once. */
function autoCheckFailures(row: HcpnApplication, verified: { enterpriseName: string | null; uscc: string | null }): string[] {
  const info = row.businessInfo!;
  const out: string[] = [];
  if (row.reviewId) out.push(AUTO_CHECKS.previouslyReviewed);
  if (!verified.uscc || verified.uscc !== info.uscc) out.push(AUTO_CHECKS.usccMismatch);
  if (!verified.enterpriseName || normName(verified.enterpriseName) !== normName(info.companyName)) out.push(AUTO_CHECKS.nameMismatch);
  if (row.sensitiveRelation === 'declared') out.push(AUTO_CHECKS.sensitiveRelation);
  return out;
}

function requireComplete(row: HcpnApplication): void {
  const missing: Record<string, Text> = {};
  if (!row.businessInfo) missing.businessInfo = { zh: '请填写商业信息', en: 'Fill in the business information' };
  if (!row.contacts?.length) missing.contacts = { zh: '请至少创建一个联系人', en: 'Add at least one contact' };
  if (!row.sensitiveRelation) missing.sensitiveRelation = { zh: '请完成敏感关系申报', en: 'Complete the sensitive-relationship declaration' };
  const current = HCPN_AGREEMENTS.every((ag) => (row.agreements ?? []).some((x) => x.key === ag.key && x.version === ag.version));
  if (!current) missing.agreements = { zh: '请阅读并勾选协议', en: 'Accept the agreements' };
  if (Object.keys(missing).length > 0) {
    throw new AppError(409, 'hcpn.incomplete', { zh: '请完成全部入驻步骤后再提交认证', en: 'Complete every step before submitting' }, { missing: Object.keys(missing) }, missing);
  }
}

export interface SubmitResult {
  outcome: 'joined' | 'manual-review';
  application: HcpnApplicationView;
}

/** 提交认证: joined at once when the checks pass, otherwise 人工审核 (R5). Nothing is written on a refusal. */
export async function submitApplication(ctx: Ctx, id: string): Promise<SubmitResult> {
  const a = requireAccount(ctx);
  await ownRow(ctx.db, a.accountId, id); // another account's application is "not found" before any rule speaks
  const verified = await requireEnterpriseVerified(ctx); // R1
  return inTransaction(ctx.db, async (tx) => {
    const row = await ownRow(tx, a.accountId, id, true);
    requireEditable(row);
    requireComplete(row);
    if (await partnerOfAccount(tx, a.accountId)) throw refused('hcpn.already-partner', ALREADY_PARTNER);
    // the licence must still be there (R2)
    const licence = await getFileRecord(tx, row.businessInfo!.licenceFileId);
    if (!licence || !canRead(ctx, licence)) throw refused('hcpn.licence-missing', { zh: '营业执照文件不存在，请重新上传', en: 'The business licence is missing; upload it again' });

    const failures = autoCheckFailures(row, verified);
    const now = clock.now();
    await tx.update(hcpnApplications).set({ submittedAt: now, autoCheckFailures: failures, updatedAt: now }).where(eq(hcpnApplications.id, row.id));
    await audit(tx, ctx, { action: 'hcpn.submitted', objectType: HCPN_SUBJECT, objectId: row.id, after: { autoCheckFailures: failures } });

    if (failures.length === 0) {
      await join(tx, ctx, { ...row, submittedAt: now });
      const [done] = await tx.select().from(hcpnApplications).where(eq(hcpnApplications.id, row.id));
      return { outcome: 'joined' as const, application: toView(ctx, done!) };
    }

    const info = row.businessInfo!;
    await submit(
      ctx.deps.reviews,
      ctx,
      {
        kind: HCPN_KIND,
        subjectType: HCPN_SUBJECT,
        subjectId: row.id,
        data: {
          公司名称: info.companyName,
          统一社会信用代码: info.uscc,
          税务编码: info.taxCode,
          '注册资金(万元)': info.registeredCapital,
          公司成立时间: info.foundedDate,
          营业期限: info.businessTermLongTerm ? '长期' : info.businessTermEnd,
          营业执照地址: info.licenceAddress,
          公司法人: info.legalPerson,
          营业范围: info.businessScope,
          公司所在地: `${info.province} ${info.city}`,
          人员规模: info.staffSize,
          '年营业额(万元)': info.annualRevenue,
          公司简介: info.intro,
          联系人: row.contacts,
          敏感关系申报: row.sensitiveRelation === 'declared' ? `申报：${row.sensitiveRelationDetails}` : '不涉及',
          实名认证企业名称: verified.enterpriseName,
          实名认证统一社会信用代码: verified.uscc,
          人工审核原因: failures,
        },
        summary: `${info.companyName} · ${info.uscc}`,
        attachments: [{ fileId: info.licenceFileId, label: '营业执照' }],
      },
      tx,
    );
    const [pending] = await tx.select().from(hcpnApplications).where(eq(hcpnApplications.id, row.id));
    return { outcome: 'manual-review' as const, application: toView(ctx, pending!) };
  });
}

/**
 * 成功入驻: the account becomes a partner. The company is keyed by its USCC: a company that is
 * already a partner is not registered again, the account links to it (R4, L704) as a further,
 * non-main account; the first account of a new company is its main account (spec 02 R6).
 */
async function join(tx: Executor, ctx: Ctx, row: HcpnApplication): Promise<{ partnerId: string; companyId: string }> {
  if (await partnerOfAccount(tx, row.accountId)) throw refused('hcpn.already-partner', ALREADY_PARTNER);
  const info = row.businessInfo!;
  const now = clock.now();
  // ON CONFLICT: two accounts of one company joining at the same moment make one company, one main account
  const [created] = await tx
    .insert(companies)
    .values({ name: info.companyName, uscc: info.uscc, enrolmentApplicationId: row.id, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: companies.uscc })
    .returning();
  const company = created ?? (await tx.select().from(companies).where(eq(companies.uscc, info.uscc)))[0]!;
  const [partner] = await tx
    .insert(partners)
    .values({ accountId: row.accountId, companyId: company.id, isMainAccount: !!created, displayName: company.name, joinedAt: now, createdAt: now })
    .returning();
  await tx
    .update(hcpnApplications)
    .set({ status: 'joined', partnerId: partner!.id, companyId: company.id, linkedExistingCompany: !created, rejectReason: null, decidedAt: now, updatedAt: now })
    .where(eq(hcpnApplications.id, row.id));
  await audit(tx, ctx, {
    action: created ? 'hcpn.joined' : 'hcpn.joined-existing-company',
    objectType: HCPN_SUBJECT,
    objectId: row.id,
    partnerId: partner!.id,
    after: { partnerId: partner!.id, companyId: company.id, isMainAccount: !!created },
  });
  return { partnerId: partner!.id, companyId: company.id };
}
