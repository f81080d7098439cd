import type { Readable } from 'node:stream';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { clock } from '../../../platform/clock.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../../platform/db/index.js';
import { fieldError, notFound, refused, badRequest } from '../../../platform/errors.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { P, requirePartnerAdmin, requirePermission, STAFF_ROLES } from '../../../platform/access/index.js';
import { audit } from '../../../platform/audit/index.js';
import { canRead, getFileRecord, type FileRow } from '../../../platform/files/index.js';
import { isValidAmount, money } from '../../../platform/money.js';
import { defineReviewKind, submit, type ReviewApplication } from '../../../platform/review/index.js';
import { LIMITS as HCPN_LIMITS, STAFF_SIZES } from '../hcpn.js';
import { companies, partners } from '../schema.js';
import {
  chars,
  blankToNull,
  isDate,
  isEmail,
  isMobile,
  mainAccountOf,
  optionalText,
  requiredText,
  requireMainAccount,
  sameName,
  say,
  tenantCompany,
  type TenantCompany,
} from './common.js';
import { BASIC_LABELS, CONTACTS_LABEL, currentInfo, DETAIL_LABELS } from './profile.js';
import { companyCertState } from './cert-state.js';
import {
  companyInfoChanges,
  companyProfiles,
  type CompanyBasicInfo,
  type CompanyContact,
  type CompanyDetailInfo,
  type CompanyInfo,
  type CompanyInfoChange,
  type InfoChangeField,
  type InfoChangeStatus,
} from './schema.js';

/**
 * 公司信息 (spec 02 §2.1, §3.1, ops 2–3, R3–R5; guide L2822–2871): shared by every partner account
 * of the company; only the main account modifies it. A change is applied at once when the automatic
 * check passes, otherwise it goes to 人工审核 in the operations console. Every change is logged
 * with its before/after comparison.
 */

export const INFO_CHANGE_KIND = 'partners.company-info-change';
export const INFO_CHANGE_SUBJECT = 'company_info_change';

export const LIMITS = {
  text: HCPN_LIMITS.text, // 200
  businessScope: HCPN_LIMITS.businessScope, // 营业范围 0/1,000
  intro: HCPN_LIMITS.intro, // 公司简介 0/500
  contacts: HCPN_LIMITS.contacts, // 5
  contactName: 50,
} as const;

export const INFO_CHANGE_STATUS_NAMES: Record<InfoChangeStatus, Text> = {
  applied: { zh: '自动校验通过', en: 'Applied (automatic check passed)' },
  in_review: { zh: '人工审核中', en: 'Under manual review' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '审核不通过', en: 'Rejected' },
};

/** Why a change needs 人工审核 (we have no OCR: a person reads a new licence). */
export const AUTO_CHECK_FAILURES: Record<string, Text> = {
  'licence-fields-changed': { zh: '营业执照信息已修改，需人工审核', en: 'Licence particulars changed; a person checks them against the licence' },
  'licence-replaced': { zh: '已上传新的营业执照，需人工审核', en: 'A new business licence was uploaded; a person checks it' },
  'name-not-verified': { zh: '公司名称与企业实名认证信息不一致', en: 'The company name differs from the enterprise real-name verification' },
};

const MAIN_ONLY: Text = {
  zh: '当前仅支持伙伴主账号修改公司信息，若您登录账号不是主账号，可在“账号信息”页面查看主账号并联系账号管理员进行修改',
  en: 'Only the main account can modify the company information; see the main account on the Account information tab and contact its administrator',
};
const USCC_LOCKED: Text = {
  zh: '统一社会信用代码/组织机构代码暂不支持修改，如需修改请联系您的生态经理',
  en: 'The unified social credit code cannot be changed here; contact your ecosystem manager',
};
const NEW_LICENCE_FIRST: Text = {
  zh: '如有修改营业执照信息，请先上传新的营业执照文件',
  en: 'Upload the new business licence before changing the licence particulars',
};
const RECERTIFY: Text = {
  zh: '您已进行商业信息认证，修改公司名称后需要重新进行商业信息认证，以免影响您的结算处理',
  en: 'Your business information is certified: after renaming the company, re-certify it so settlement is not affected',
};
const CHANGE: Text = { zh: '修改记录', en: 'Change record' };

/** Fields the business licence states: changing them needs a new licence file (guide L2859). */
const LICENCE_FIELDS: readonly (keyof CompanyBasicInfo)[] = [
  'companyName',
  'taxCode',
  'registeredCapital',
  'foundedDate',
  'businessTermEnd',
  'businessTermLongTerm',
  'licenceAddress',
  'legalPerson',
  'businessScope',
];

// ---------------------------------------------------------------------------------------------
// Views

export interface FileRef {
  id: string;
  name: string;
}

export interface CompanyInfoView {
  companyId: string;
  uscc: string;
  basic: CompanyBasicInfo & { licenceFile: FileRef | null };
  details: CompanyDetailInfo;
  contacts: CompanyContact[];
  isMainAccount: boolean;
  canModify: boolean;
  /** Shown to a non-main account instead of the 修改 button. */
  modifyHint: string | null;
  mainAccountName: string | null;
  pendingChange: { id: string; status: InfoChangeStatus; statusName: string } | null;
  businessInfoCertified: boolean;
  recertificationRequired: boolean;
}

export interface ChangeView {
  id: string;
  status: InfoChangeStatus;
  statusName: string;
  changes: { section: InfoChangeField['section']; field: string; label: string; before: unknown; after: unknown }[];
  autoCheckFailures: { code: string; text: string }[];
  reviewId: string | null;
  rejectReason: string | null;
  submittedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

function fieldLabel(f: InfoChangeField): Text {
  if (f.section === 'basic') return BASIC_LABELS[f.field as keyof CompanyBasicInfo] ?? { zh: f.field, en: f.field };
  if (f.section === 'details') return DETAIL_LABELS[f.field as keyof CompanyDetailInfo] ?? { zh: f.field, en: f.field };
  return CONTACTS_LABEL;
}

export function toChangeView(ctx: Ctx, r: CompanyInfoChange): ChangeView {
  return {
    id: r.id,
    status: r.status,
    statusName: say(ctx, INFO_CHANGE_STATUS_NAMES[r.status]),
    changes: r.changes.map((c) => ({ section: c.section, field: c.field, label: say(ctx, fieldLabel(c)), before: c.before ?? null, after: c.after ?? null })),
    autoCheckFailures: r.autoCheckFailures.map((code) => ({ code, text: say(ctx, AUTO_CHECK_FAILURES[code] ?? { zh: code, en: code }) })),
    reviewId: r.reviewId,
    rejectReason: r.rejectReason,
    submittedBy: r.submittedByName,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

async function fileRef(ex: Executor, id: string | null): Promise<FileRef | null> {
  if (!id) return null;
  const f = await getFileRecord(ex, id);
  return f ? { id: f.id, name: f.originalName } : null;
}

async function pendingChangeOf(ex: Executor, companyId: string) {
  const [row] = await ex
    .select()
    .from(companyInfoChanges)
    .where(and(eq(companyInfoChanges.companyId, companyId), eq(companyInfoChanges.status, 'in_review')));
  return row ?? null;
}

/** 查看公司信息: any account of the company (the information is shared, R3). */
export async function viewCompanyInfo(ctx: Ctx): Promise<CompanyInfoView> {
  const actor = requirePermission(ctx, P.basicInfo);
  const company = await tenantCompany(ctx.db, actor);
  const { info, uscc } = await currentInfo(ctx.db, company.companyId);
  const main = await mainAccountOf(ctx.db, company.companyId);
  const pending = await pendingChangeOf(ctx.db, company.companyId);
  const cert = await companyCertState(ctx.db, company.companyId);
  const canModify = company.isMainAccount && actor.isAdmin;
  return {
    companyId: company.companyId,
    uscc,
    basic: { ...info.basic, licenceFile: await fileRef(ctx.db, info.basic.licenceFileId) },
    details: info.details,
    contacts: info.contacts,
    isMainAccount: company.isMainAccount,
    canModify,
    modifyHint: company.isMainAccount ? null : say(ctx, MAIN_ONLY),
    mainAccountName: main?.accountName ?? null,
    pendingChange: pending ? { id: pending.id, status: pending.status, statusName: say(ctx, INFO_CHANGE_STATUS_NAMES[pending.status]) } : null,
    businessInfoCertified: !!cert.certified,
    recertificationRequired: cert.recertificationRequired,
  };
}

/** The current business licence, for every account of the company. */
export async function companyLicence(ctx: Ctx): Promise<{ file: FileRow; stream: Readable }> {
  const actor = requirePermission(ctx, P.basicInfo);
  const company = await tenantCompany(ctx.db, actor);
  const { info } = await currentInfo(ctx.db, company.companyId);
  const file = info.basic.licenceFileId ? await getFileRecord(ctx.db, info.basic.licenceFileId) : null;
  if (!file) throw notFound({ zh: '营业执照', en: 'Business licence' });
  return { file, stream: await ctx.deps.storage.get(file.storageKey) };
}

/** 修改记录及修改前后的对比 (L2863), newest first, paged in SQL. */
export async function listChanges(ctx: Ctx, q: { page?: number; pageSize?: number } = {}) {
  const actor = requirePermission(ctx, P.basicInfo);
  const company = await tenantCompany(ctx.db, actor);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const where = eq(companyInfoChanges.companyId, company.companyId);
  const items = await ctx.db
    .select()
    .from(companyInfoChanges)
    .where(where)
    .orderBy(desc(companyInfoChanges.createdAt), desc(companyInfoChanges.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ total }] = (await ctx.db.select({ total: count() }).from(companyInfoChanges).where(where)) as [{ total: number }];
  return { items: items.map((r) => toChangeView(ctx, r)), total: Number(total), page, pageSize };
}

/** One change of the caller's company; another company's (or a missing one) is not found. */
export async function getChange(ctx: Ctx, id: string): Promise<ChangeView> {
  const actor = requirePermission(ctx, P.basicInfo);
  const company = await tenantCompany(ctx.db, actor);
  if (!isUuid(id)) throw notFound(CHANGE);
  const [row] = await ctx.db
    .select()
    .from(companyInfoChanges)
    .where(and(eq(companyInfoChanges.id, id), eq(companyInfoChanges.companyId, company.companyId)));
  if (!row) throw notFound(CHANGE);
  return toChangeView(ctx, row);
}

// ---------------------------------------------------------------------------------------------
// Validation of a change

export interface ChangeInput {
  basic?: Partial<Omit<CompanyBasicInfo, 'companyName'>> & { companyName?: string };
  details?: Partial<CompanyDetailInfo>;
  contacts?: CompanyContact[];
  /** Present only to be refused with the guide's words (R4). */
  uscc?: string;
}

function amountField(field: string, v: string | null | undefined, label: Text, allowZero: boolean): string | null {
  const s = blankToNull(v);
  if (s === null) return null;
  if (!isValidAmount(s, 6) || money(s).isNegative() || (!allowZero && money(s).isZero()))
    throw fieldError(field, 'company.amount', {
      zh: `${label.zh}须为${allowZero ? '非负' : '正'}数，最多6位小数（单位：万元）`,
      en: `${label.en} must be a ${allowZero ? 'non-negative' : 'positive'} number in 10,000 CNY with at most 6 decimals`,
    });
  return money(s).toFixed();
}

async function requireLicenceFile(ex: Executor, ctx: Ctx, id: string): Promise<string> {
  const f = await getFileRecord(ex, id);
  if (!f || !canRead(ctx, f) || f.purpose !== 'business-licence')
    throw fieldError('basic.licenceFileId', 'company.licence', { zh: '请上传营业执照文件（jpg/bmp/png/pdf，单个文件最大20M）', en: 'Upload the business licence (jpg/bmp/png/pdf, at most 20 MB)' });
  return f.id;
}

async function validateBasic(ex: Executor, ctx: Ctx, cur: CompanyBasicInfo, patch: NonNullable<ChangeInput['basic']>): Promise<CompanyBasicInfo> {
  const out: CompanyBasicInfo = { ...cur };
  const has = (k: keyof CompanyBasicInfo) => Object.prototype.hasOwnProperty.call(patch, k) && patch[k] !== undefined;
  const f = (k: string) => `basic.${k}`;
  if (has('licenceFileId')) out.licenceFileId = await requireLicenceFile(ex, ctx, patch.licenceFileId!);
  if (has('companyName')) out.companyName = requiredText(f('companyName'), patch.companyName, BASIC_LABELS.companyName, LIMITS.text);
  if (has('taxCode')) out.taxCode = requiredText(f('taxCode'), patch.taxCode, BASIC_LABELS.taxCode, LIMITS.text);
  if (has('registeredCapital')) {
    out.registeredCapital = amountField(f('registeredCapital'), patch.registeredCapital, BASIC_LABELS.registeredCapital, false);
    if (out.registeredCapital === null) requiredText(f('registeredCapital'), '', BASIC_LABELS.registeredCapital, LIMITS.text);
  }
  if (has('foundedDate')) {
    const d = (patch.foundedDate ?? '').trim();
    if (!isDate(d) || d > clock.now().toISOString().slice(0, 10))
      throw fieldError(f('foundedDate'), 'company.founded-date', { zh: '请选择正确的公司成立时间', en: 'Enter a valid founding date' });
    out.foundedDate = d;
  }
  if (has('businessTermLongTerm')) out.businessTermLongTerm = !!patch.businessTermLongTerm;
  if (has('businessTermEnd')) out.businessTermEnd = blankToNull(patch.businessTermEnd);
  if (out.businessTermLongTerm) out.businessTermEnd = has('businessTermEnd') && out.businessTermEnd ? out.businessTermEnd : null;
  if (out.businessTermLongTerm && out.businessTermEnd)
    throw fieldError(f('businessTermEnd'), 'company.business-term', { zh: '营业期限为长期时无需填写日期', en: 'A long-term business term has no end date' });
  if (out.businessTermEnd && (!isDate(out.businessTermEnd) || (out.foundedDate && out.businessTermEnd < out.foundedDate)))
    throw fieldError(f('businessTermEnd'), 'company.business-term', { zh: '营业期限须晚于公司成立时间', en: 'The business term must end after the founding date' });
  if (has('licenceAddress')) out.licenceAddress = requiredText(f('licenceAddress'), patch.licenceAddress, BASIC_LABELS.licenceAddress, LIMITS.text);
  if (has('legalPerson')) out.legalPerson = requiredText(f('legalPerson'), patch.legalPerson, BASIC_LABELS.legalPerson, LIMITS.text);
  if (has('businessScope')) {
    const s = (patch.businessScope ?? '').trim();
    if (!s) requiredText(f('businessScope'), s, BASIC_LABELS.businessScope, LIMITS.businessScope);
    if (chars(s) > LIMITS.businessScope)
      throw fieldError(f('businessScope'), 'company.business-scope-too-long', { zh: '营业范围不能超过1,000个字符', en: 'The business scope must be at most 1,000 characters' });
    out.businessScope = s;
  }
  return out;
}

async function validateDetails(ex: Executor, ctx: Ctx, cur: CompanyDetailInfo, patch: Partial<CompanyDetailInfo>): Promise<CompanyDetailInfo> {
  const out: CompanyDetailInfo = { ...cur };
  const has = (k: keyof CompanyDetailInfo) => Object.prototype.hasOwnProperty.call(patch, k) && patch[k] !== undefined;
  const f = (k: string) => `details.${k}`;
  if (has('postcode')) {
    const p = blankToNull(patch.postcode);
    if (p && !/^\d{6}$/.test(p)) throw fieldError(f('postcode'), 'company.postcode', { zh: '邮政编码为6位数字，例：210000', en: 'The postcode is 6 digits, e.g. 210000' });
    out.postcode = p;
  }
  if (has('province')) out.province = requiredText(f('province'), patch.province, DETAIL_LABELS.province, LIMITS.text);
  if (has('city')) out.city = requiredText(f('city'), patch.city, DETAIL_LABELS.city, LIMITS.text);
  if (has('staffSize')) {
    if (!(STAFF_SIZES as readonly string[]).includes(patch.staffSize ?? ''))
      throw fieldError(f('staffSize'), 'company.staff-size', { zh: '请选择人员规模', en: 'Choose the staff size' });
    out.staffSize = patch.staffSize!;
  }
  if (has('annualRevenue')) out.annualRevenue = amountField(f('annualRevenue'), patch.annualRevenue, DETAIL_LABELS.annualRevenue, true);
  if (has('logoFileId')) {
    const id = blankToNull(patch.logoFileId);
    if (id) {
      const logo = await getFileRecord(ex, id);
      if (!logo || !canRead(ctx, logo) || !logo.mime.startsWith('image/'))
        throw fieldError(f('logoFileId'), 'company.logo', { zh: '公司logo须为已上传的图片', en: 'The company logo must be an uploaded image' });
    }
    out.logoFileId = id;
  }
  if (has('website')) out.website = optionalText(f('website'), patch.website, DETAIL_LABELS.website, LIMITS.text);
  if (has('companyEmail')) {
    const e = blankToNull(patch.companyEmail);
    if (e && !isEmail(e)) throw fieldError(f('companyEmail'), 'company.email', { zh: '公司邮箱格式不正确', en: 'Invalid company e-mail' });
    out.companyEmail = e;
  }
  if (has('intro')) {
    const s = (patch.intro ?? '').trim();
    if (!s) requiredText(f('intro'), s, DETAIL_LABELS.intro, LIMITS.intro);
    if (chars(s) > LIMITS.intro) throw fieldError(f('intro'), 'company.intro-too-long', { zh: '公司简介不能超过500个字符', en: 'The introduction must be at most 500 characters' });
    out.intro = s;
  }
  return out;
}

function validateContacts(list: CompanyContact[]): CompanyContact[] {
  if (list.length === 0) throw fieldError('contacts', 'company.contacts-required', { zh: '请至少填写一个联系人', en: 'Add at least one contact' });
  if (list.length > LIMITS.contacts) throw fieldError('contacts', 'company.contacts-too-many', { zh: '联系人最多5个', en: 'At most 5 contacts' });
  return list.map((c, i) => {
    const name = requiredText(`contacts.${i}.name`, c.name, { zh: '姓名', en: 'Name' }, LIMITS.contactName);
    const mobile = c.mobile.trim();
    const email = c.email.trim();
    if (!isMobile(mobile)) throw fieldError(`contacts.${i}.mobile`, 'company.mobile', { zh: '手机号格式不正确', en: 'Invalid mobile number' });
    if (!isEmail(email)) throw fieldError(`contacts.${i}.email`, 'company.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail' });
    return { name, mobile, email };
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function diff(before: CompanyInfo, after: CompanyInfo): InfoChangeField[] {
  const out: InfoChangeField[] = [];
  for (const k of Object.keys(BASIC_LABELS) as (keyof CompanyBasicInfo)[])
    if (!same(before.basic[k], after.basic[k])) out.push({ section: 'basic', field: k, before: before.basic[k], after: after.basic[k] });
  for (const k of Object.keys(DETAIL_LABELS) as (keyof CompanyDetailInfo)[])
    if (!same(before.details[k], after.details[k])) out.push({ section: 'details', field: k, before: before.details[k], after: after.details[k] });
  if (!same(before.contacts, after.contacts)) out.push({ section: 'contacts', field: 'contacts', before: before.contacts, after: after.contacts });
  return out;
}

/**
 * 自动校验 (our reading; the guide does not list the checks and there is no OCR here): details and
 * contacts apply at once; licence particulars go to a person, except a renaming that equals the
 * name the main account verified by 企业实名认证 together with the new licence.
 */
async function autoCheck(ex: Executor, company: TenantCompany, changes: InfoChangeField[], after: CompanyInfo): Promise<string[]> {
  const basic = changes.filter((c) => c.section === 'basic').map((c) => c.field);
  if (basic.length === 0) return [];
  const failures: string[] = [];
  const others = basic.filter((f) => f !== 'licenceFileId' && f !== 'companyName');
  if (others.length > 0) failures.push('licence-fields-changed');
  if (basic.includes('companyName')) {
    const main = await mainAccountOf(ex, company.companyId);
    const verified = main?.realNameStatus === 'verified' && main.realNameType === 'enterprise' ? main.enterpriseName : null;
    if (!sameName(verified, after.basic.companyName)) failures.push('name-not-verified');
  } else if (others.length === 0) failures.push('licence-replaced');
  return failures;
}

// ---------------------------------------------------------------------------------------------
// Applying

const sqlIncrement = () => sql`${companyProfiles.version} + 1`;

/** Write the new information; a new name goes to companies.name and the accounts' display name. */
async function apply(tx: Executor, companyId: string, after: CompanyInfo): Promise<void> {
  const now = clock.now();
  await tx
    .insert(companyProfiles)
    .values({ companyId, info: after, version: 1, updatedAt: now })
    .onConflictDoUpdate({ target: companyProfiles.companyId, set: { info: after, version: sqlIncrement(), updatedAt: now } });
  const [company] = await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, companyId));
  if (company && company.name !== after.basic.companyName) {
    await tx.update(companies).set({ name: after.basic.companyName, updatedAt: now }).where(eq(companies.id, companyId));
    await tx.update(partners).set({ displayName: after.basic.companyName }).where(eq(partners.companyId, companyId));
  }
}


/** R5 and the pending certification: a rename while business info is being certified would void it. */
async function refuseRenameWhileCertifying(ex: Executor, companyId: string, changes: InfoChangeField[]): Promise<void> {
  if (!changes.some((c) => c.field === 'companyName')) return;
  const cert = await companyCertState(ex, companyId);
  if (cert.pending)
    throw refused('company.business-info-pending', {
      zh: '商业信息认证中，暂不能修改公司名称，请认证完成后再修改',
      en: 'Business information certification is in progress; rename the company after it completes',
    });
}

export interface ChangeResult {
  outcome: 'applied' | 'manual-review';
  change: ChangeView;
  /** R5: business info is certified and the name changed → prompt for re-certification. */
  recertificationRequired: boolean;
  message: string;
}

/** 修改公司信息 (op 3): main account only; applied at once or sent to 人工审核. */
export async function submitChange(ctx: Ctx, input: ChangeInput): Promise<ChangeResult> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.basicInfo);
  if (input.uscc !== undefined) throw fieldError('uscc', 'company.uscc-locked', USCC_LOCKED); // R4

  try {
    return await inTransaction(ctx.db, async (tx) => {
      // the company row is locked: two changes of one company are decided one after the other
      const company = await tenantCompany(tx, actor, true);
      requireMainAccount(company, MAIN_ONLY); // R3
      const { info: before } = await currentInfo(tx, company.companyId);
      if (await pendingChangeOf(tx, company.companyId))
        throw refused('company.change-in-review', { zh: '公司信息修改申请审核中，请审核完成后再修改', en: 'A change is under review; wait for its result' });

      const after: CompanyInfo = {
        basic: input.basic ? await validateBasic(tx, ctx, before.basic, input.basic) : before.basic,
        details: input.details ? await validateDetails(tx, ctx, before.details, input.details) : before.details,
        contacts: input.contacts ? validateContacts(input.contacts) : before.contacts,
      };
      const changes = diff(before, after);
      if (changes.length === 0) throw badRequest('company.no-change', { zh: '未修改任何信息', en: 'Nothing was changed' });
      const changed = new Set(changes.filter((c) => c.section === 'basic').map((c) => c.field));
      if ([...changed].some((f) => (LICENCE_FIELDS as readonly string[]).includes(f)) && !changed.has('licenceFileId'))
        throw fieldError('basic.licenceFileId', 'company.new-licence-required', NEW_LICENCE_FIRST);
      await refuseRenameWhileCertifying(tx, company.companyId, changes);

      const failures = await autoCheck(tx, company, changes, after);
      const now = clock.now();
      const [row] = await tx
        .insert(companyInfoChanges)
        .values({
          companyId: company.companyId,
          partnerId: actor.partnerId,
          submittedByName: actor.displayName,
          status: failures.length === 0 ? 'applied' : 'in_review',
          before,
          after,
          changes,
          autoCheckFailures: failures,
          createdAt: now,
          decidedAt: failures.length === 0 ? now : null,
        })
        .returning();
      const cert = await companyCertState(tx, company.companyId);
      const renamed = changed.has('companyName');
      const recertificationRequired = renamed && !!cert.certified;

      if (failures.length === 0) {
        await apply(tx, company.companyId, after);
        await audit(tx, ctx, { action: 'company.info.changed', objectType: INFO_CHANGE_SUBJECT, objectId: row!.id, before: changedValues(changes, 'before'), after: changedValues(changes, 'after') });
        const message = recertificationRequired ? say(ctx, RECERTIFY) : say(ctx, { zh: '公司信息修改成功', en: 'Company information updated' });
        return { outcome: 'applied' as const, change: toChangeView(ctx, row!), recertificationRequired, message };
      }

      await audit(tx, ctx, { action: 'company.info.change-submitted', objectType: INFO_CHANGE_SUBJECT, objectId: row!.id, after: { changes: changes.map((c) => c.field), autoCheckFailures: failures } });
      await submit(
        ctx.deps.reviews,
        ctx,
        {
          kind: INFO_CHANGE_KIND,
          subjectType: INFO_CHANGE_SUBJECT,
          subjectId: row!.id,
          data: {
            公司名称: before.basic.companyName,
            统一社会信用代码: company.uscc,
            修改内容: changes.map((c) => ({ 字段: fieldLabel(c).zh, 修改前: c.before ?? null, 修改后: c.after ?? null })),
            人工审核原因: failures.map((f) => AUTO_CHECK_FAILURES[f]?.zh ?? f),
          },
          summary: `${before.basic.companyName} · ${changes.map((c) => fieldLabel(c).zh).join('、')}`,
          attachments: after.basic.licenceFileId && changed.has('licenceFileId') ? [{ fileId: after.basic.licenceFileId, label: '营业执照' }] : [],
        },
        tx,
      );
      const [pending] = await tx.select().from(companyInfoChanges).where(eq(companyInfoChanges.id, row!.id));
      const message = say(ctx, { zh: '信息修改自动校验未通过，已提交人工审核，请耐心等待华为方审核处理', en: 'The automatic check did not pass; the change was sent for manual review' });
      return { outcome: 'manual-review' as const, change: toChangeView(ctx, pending!), recertificationRequired, message };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('company.change-in-review', { zh: '公司信息修改申请审核中，请审核完成后再修改', en: 'A change is under review; wait for its result' });
    throw err;
  }
}

function changedValues(changes: InfoChangeField[], side: 'before' | 'after'): Record<string, unknown> {
  return Object.fromEntries(changes.map((c) => [`${c.section}.${c.field}`, c[side] ?? null]));
}

// ---------------------------------------------------------------------------------------------
// Review kind: 人工审核

async function lockChange(tx: Executor, id: string): Promise<CompanyInfoChange> {
  const [row] = await tx.select().from(companyInfoChanges).where(eq(companyInfoChanges.id, id)).for('update');
  if (!row) throw new Error(`company info change ${id} missing`);
  return row;
}

async function rejectChange(tx: Executor, ctx: Ctx, app: ReviewApplication): Promise<void> {
  const row = await lockChange(tx, app.subjectId);
  await tx.update(companyInfoChanges).set({ status: 'rejected', rejectReason: app.rejectReason, decidedAt: clock.now() }).where(eq(companyInfoChanges.id, row.id));
  await audit(tx, ctx, { action: 'company.info.change-rejected', objectType: INFO_CHANGE_SUBJECT, objectId: row.id, partnerId: row.partnerId, after: { reason: app.rejectReason } });
}

export const companyInfoChangeKind = defineReviewKind({
  kind: INFO_CHANGE_KIND,
  title: { zh: '公司信息修改', en: 'Company information change' },
  stages: [{ key: 'manual', name: { zh: '人工审核', en: 'Manual review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] }],
  statusNames: {
    in_review: INFO_CHANGE_STATUS_NAMES.in_review,
    approved: INFO_CHANGE_STATUS_NAMES.approved,
    rejected: INFO_CHANGE_STATUS_NAMES.rejected,
    returned: INFO_CHANGE_STATUS_NAMES.rejected, // the guide has no "returned": the partner resubmits a new change
  },
  applicants: ['partner'],
  permission: P.basicInfo,
  withdrawable: false, // the guide offers no withdrawal
  hooks: {
    onSubmitted: async (tx, _ctx, app) => {
      await tx.update(companyInfoChanges).set({ reviewId: app.id }).where(eq(companyInfoChanges.id, app.subjectId));
    },
    onApproved: async (tx, ctx, app) => {
      const row = await lockChange(tx, app.subjectId);
      // the company row first, as submitChange locks it
      await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, row.companyId)).for('update');
      await refuseRenameWhileCertifying(tx, row.companyId, row.changes);
      await apply(tx, row.companyId, row.after);
      await tx.update(companyInfoChanges).set({ status: 'approved', decidedAt: clock.now() }).where(eq(companyInfoChanges.id, row.id));
      await audit(tx, ctx, {
        action: 'company.info.changed',
        objectType: INFO_CHANGE_SUBJECT,
        objectId: row.id,
        partnerId: row.partnerId,
        before: changedValues(row.changes, 'before'),
        after: changedValues(row.changes, 'after'),
      });
    },
    onRejected: rejectChange,
    onReturned: rejectChange,
  },
});
