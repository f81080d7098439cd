import { chinaDay } from '../../platform/china-time.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { MB, canRead, defineFilePurpose, getFileRecord } from '../../platform/files/index.js';
import { isValidAmount, money } from '../../platform/money.js';
import {
  AGREEMENTS,
  BUSINESS_REGIONS,
  CSP_PROOF_CATEGORIES,
  DUE_DILIGENCE_QUESTIONS,
  LEVEL_REQUIREMENTS,
  MEETS_OPTIONS,
  PERFORMANCE_BANDS,
  REP_OFFICES,
  RESELLER_CUSTOMER_BANDS,
  RESELLER_PARTNER_TYPES,
  RESELLER_SALES_BANDS,
  RESELLER_TEAM_BANDS,
  SP_MIN_CERTIFIED,
  SP_MIN_PROFESSIONAL,
  STAFF_SIZES,
  USER_BANDS,
} from './catalogue.js';
import type { AcceptedAgreement, ApplicationProgram, DueDiligence, Level, ProgramBusinessInfo, ProgramContact } from './schema.js';

/**
 * The plan application forms (spec 01 §2.12): what each plan's 填写商业信息 requires, the step-2
 * questions, the due diligence and the uploads. A draft may leave anything out; what is given must be
 * well-formed; submission needs everything the plan marks with *.
 */

// ---------------------------------------------------------------------------------------------
// Uploads (files platform purposes; the type and size are checked on upload)

/** 公司LOGO: jpeg/jpg/png/gif, ≤ 20 MB, no \ / ? < > | : * @ # % ^ & in the name (L1801). */
export const LOGO_PURPOSE = defineFilePurpose({ purpose: 'program-logo', maxBytes: 20 * MB, types: ['jpg', 'png', 'gif'], forbiddenNameChars: '\\/?<>|:*@#%^&' }).purpose;
/** 出资人构成证明 (L2578): jpg/bmp/png/pdf ≤ 20 MB. */
export const SHAREHOLDER_PURPOSE = defineFilePurpose({ purpose: 'program-shareholder-proof', maxBytes: 20 * MB, types: ['jpg', 'bmp', 'png', 'pdf'] }).purpose;
/** 证明材料 of step 2 ("如收据等", "如证书扫描件或截图"), the CSP proofs and the assessment's improvement plan. */
export const PROOF_PURPOSE = defineFilePurpose({
  purpose: 'program-proof',
  maxBytes: 20 * MB,
  types: ['jpg', 'bmp', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'zip', 'rar'],
}).purpose;
/** 营业执照文件 (jpg/bmp/png/pdf ≤ 20 MB), the platform's purpose shared with HCPN. */
export const LICENCE_PURPOSE = 'business-licence';

const LIMITS = { text: 200, name: 50, intro: 1000, details: 1000, contacts: 10 } as const;

const chars = (s: string) => [...s].length;
const blank = (s: string | null | undefined) => s == null || s.trim() === '';
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MOBILE_RE = /^\+?[\d-]{6,20}$/;
const LANDLINE_RE = /^\+?[\d\s()-]{5,24}$/;
const TAX_RE = /^[0-9A-Za-z-]{1,30}$/;
const chinaToday = () => chinaDay(clock.now());

const MSG = {
  required: (label: Text): Text => ({ zh: `请填写${label.zh}`, en: `${label.en} is required` }),
  tooLong: (label: Text, max: number): Text => ({ zh: `${label.zh}不能超过${max}个字符`, en: `${label.en} must be at most ${max} characters` }),
  choose: (label: Text): Text => ({ zh: `请选择${label.zh}`, en: `Choose the ${label.en}` }),
  upload: (label: Text, hint: string): Text => ({ zh: `请上传${label.zh}（${hint}）`, en: `Upload the ${label.en} (${hint})` }),
};

const L = {
  companyName: { zh: '公司名称', en: 'Company name' },
  taxCode: { zh: '税务编码', en: 'Tax code' },
  licenceFileId: { zh: '营业执照文件', en: 'Business licence' },
  registeredCapital: { zh: '注册资金', en: 'Registered capital' },
  foundedDate: { zh: '公司成立时间', en: 'Founding date' },
  shareholderProofFileId: { zh: '出资人构成证明', en: 'Proof of shareholder structure' },
  businessTerm: { zh: '营业期限', en: 'Business term' },
  legalPerson: { zh: '公司法人', en: 'Legal person' },
  province: { zh: '省/直辖市/自治区', en: 'Province' },
  city: { zh: '城市', en: 'City' },
  address: { zh: '详细地址', en: 'Address' },
  licenceAddress: { zh: '营业执照地址', en: 'Licence address' },
  postcode: { zh: '邮政编码', en: 'Postcode' },
  repOffice: { zh: '代表处', en: 'Representative office' },
  businessRegion: { zh: '业务开展地区', en: 'Business region' },
  companyEmail: { zh: '公司邮箱', en: 'Company e-mail' },
  landline: { zh: '固定电话', en: 'Landline' },
  engagingHuaweiContact: { zh: '您是否正在与华为云联系人接洽', en: 'Are you in contact with a HUAWEI CLOUD contact' },
  huaweiContact: { zh: '华为云联系人的联系方式', en: 'HUAWEI CLOUD contact details' },
  staffSize: { zh: '人员规模', en: 'Staff size' },
  annualRevenue: { zh: '年营业额', en: 'Annual revenue' },
  logoFileId: { zh: '公司LOGO', en: 'Company logo' },
  intro: { zh: '公司简介', en: 'Company introduction' },
  intendedDistributor: { zh: '有意向合作的总经销商', en: 'Intended distributor' },
  hasDistributorRelation: { zh: '您是否与总经销商有合作关系', en: 'Do you cooperate with a distributor' },
} satisfies Record<string, Text>;

type InfoField = keyof ProgramBusinessInfo | 'businessTerm';

/** The * fields of each plan's form (spec 01 §2.12 table). */
const REQUIRED: Record<ApplicationProgram, readonly InfoField[]> = {
  solution_provider: [
    'companyName', 'taxCode', 'licenceFileId', 'registeredCapital', 'foundedDate', 'businessTerm', 'legalPerson', 'province', 'city', 'address',
    'repOffice', 'companyEmail', 'landline', 'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro',
  ],
  distributor: [
    'companyName', 'taxCode', 'registeredCapital', 'businessTerm', 'legalPerson', 'province', 'city', 'address', 'repOffice', 'businessRegion',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId',
  ],
  reseller: [
    'companyName', 'taxCode', 'registeredCapital', 'businessTerm', 'legalPerson', 'province', 'city', 'address', 'businessRegion',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro', 'hasDistributorRelation',
  ],
  marketplace_csp: [
    'companyName', 'taxCode', 'licenceFileId', 'registeredCapital', 'foundedDate', 'businessTerm', 'legalPerson', 'province', 'city', 'address',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro',
  ],
  marketplace_merchant: [
    'companyName', 'taxCode', 'licenceFileId', 'registeredCapital', 'foundedDate', 'businessTerm', 'legalPerson', 'province', 'city', 'address',
    'engagingHuaweiContact', 'staffSize', 'annualRevenue', 'logoFileId', 'intro',
  ],
};

/** The file a partner uploaded for this purpose (another tenant's or a wrong kind reads as missing). */
async function ownFile(tx: Executor, ctx: Ctx, id: string, purposes: readonly string[], field: string, label: Text, hint: string): Promise<string> {
  const f = await getFileRecord(tx, id);
  if (!f || !canRead(ctx, f) || !purposes.includes(f.purpose)) throw fieldError(field, 'programs.file-invalid', MSG.upload(label, hint));
  return f.id;
}

function text(field: string, v: string | null | undefined, label: Text, max: number = LIMITS.text): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = v.trim();
  if (chars(s) > max) throw fieldError(field, 'programs.too-long', MSG.tooLong(label, max));
  return s === '' ? undefined : s;
}

function amount(field: string, v: string | undefined, label: Text, decimals: number): string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const s = v.trim();
  if (!isValidAmount(s, decimals) || money(s).isNegative())
    throw fieldError(field, 'programs.amount', { zh: `${label.zh}须为非负数，最多${decimals}位小数`, en: `${label.en} must be a non-negative number with at most ${decimals} decimals` });
  return money(s).toFixed();
}

function oneOf<T extends string>(field: string, v: string | null | undefined, options: readonly T[], label: Text): T | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (!(options as readonly string[]).includes(v)) throw fieldError(field, 'programs.option', MSG.choose(label));
  return v as T;
}

/** Format checks on what a draft gives; uploads must be the partner's own, of the right kind. */
export async function normaliseBusinessInfo(tx: Executor, ctx: Ctx, program: ApplicationProgram, input: ProgramBusinessInfo): Promise<ProgramBusinessInfo> {
  const f = (k: string) => `businessInfo.${k}`;
  const out: ProgramBusinessInfo = {};
  out.companyName = text(f('companyName'), input.companyName, L.companyName);
  const tax = text(f('taxCode'), input.taxCode, L.taxCode, 30);
  if (tax && !TAX_RE.test(tax)) throw fieldError(f('taxCode'), 'programs.tax-code', { zh: '税务编码格式不正确', en: 'Invalid tax code' });
  out.taxCode = tax;
  // 注册资金 / 年营业额: "(M)" on the solution-provider form, "(¥)" on the others
  const decimals = program === 'solution_provider' ? 6 : 2;
  out.registeredCapital = amount(f('registeredCapital'), input.registeredCapital, L.registeredCapital, decimals);
  out.annualRevenue = amount(f('annualRevenue'), input.annualRevenue, L.annualRevenue, decimals);
  if (!blank(input.foundedDate)) {
    const d = input.foundedDate!.trim();
    if (!isDate(d) || d > chinaToday()) throw fieldError(f('foundedDate'), 'programs.founded-date', { zh: '请选择正确的公司成立时间', en: 'Enter a valid founding date' });
    out.foundedDate = d;
  }
  out.businessTermLongTerm = input.businessTermLongTerm ?? false;
  if (!blank(input.businessTermEnd)) {
    const d = input.businessTermEnd!.trim();
    if (out.businessTermLongTerm) throw fieldError(f('businessTermEnd'), 'programs.business-term', { zh: '营业期限为长期时无需填写日期', en: 'A long-term business term has no end date' });
    if (!isDate(d) || (out.foundedDate && d < out.foundedDate))
      throw fieldError(f('businessTermEnd'), 'programs.business-term', { zh: '营业期限须晚于公司成立时间', en: 'The business term must end after the founding date' });
    out.businessTermEnd = d;
  }
  out.legalPerson = text(f('legalPerson'), input.legalPerson, L.legalPerson, LIMITS.name);
  out.country = text(f('country'), input.country, { zh: '国家/地区', en: 'Country/region' }, LIMITS.name) ?? '中国大陆';
  out.province = text(f('province'), input.province, L.province, LIMITS.name);
  out.city = text(f('city'), input.city, L.city, LIMITS.name);
  out.district = text(f('district'), input.district, { zh: '区/县', en: 'District' }, LIMITS.name) ?? null;
  out.address = text(f('address'), input.address, program === 'solution_provider' ? L.licenceAddress : L.address);
  const postcode = text(f('postcode'), input.postcode, L.postcode, 10);
  if (postcode && !/^\d{6}$/.test(postcode)) throw fieldError(f('postcode'), 'programs.postcode', { zh: '邮政编码为6位数字，例：210000', en: 'The postcode is 6 digits, e.g. 210000' });
  out.postcode = postcode ?? null;
  out.repOffice = oneOf(f('repOffice'), input.repOffice, REP_OFFICES, L.repOffice) ?? null;
  out.businessRegion = oneOf(f('businessRegion'), input.businessRegion, BUSINESS_REGIONS, L.businessRegion) ?? null;
  const email = text(f('companyEmail'), input.companyEmail, L.companyEmail, 100);
  if (email && !EMAIL_RE.test(email)) throw fieldError(f('companyEmail'), 'programs.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail address' });
  out.companyEmail = email ?? null;
  const landline = text(f('landline'), input.landline, L.landline, 24);
  if (landline && !LANDLINE_RE.test(landline)) throw fieldError(f('landline'), 'programs.landline', { zh: '固定电话格式不正确', en: 'Invalid landline number' });
  out.landline = landline ?? null;
  out.engagingHuaweiContact = input.engagingHuaweiContact;
  if (input.huaweiContact) {
    const name = text(f('huaweiContact.name'), input.huaweiContact.name, { zh: '华为云联系人姓名', en: 'HUAWEI CLOUD contact name' }, LIMITS.name);
    const mobile = text(f('huaweiContact.mobile'), input.huaweiContact.mobile, { zh: '手机', en: 'Mobile' }, 20);
    const hwEmail = text(f('huaweiContact.email'), input.huaweiContact.email, { zh: '邮箱', en: 'E-mail' }, 100);
    if (mobile && !MOBILE_RE.test(mobile)) throw fieldError(f('huaweiContact.mobile'), 'programs.mobile', { zh: '手机号格式不正确', en: 'Invalid mobile number' });
    if (hwEmail && !EMAIL_RE.test(hwEmail)) throw fieldError(f('huaweiContact.email'), 'programs.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail address' });
    out.huaweiContact = name ? { name, mobile: mobile ?? null, email: hwEmail ?? null } : null;
  } else out.huaweiContact = null;
  out.staffSize = oneOf(f('staffSize'), input.staffSize, STAFF_SIZES, L.staffSize);
  out.website = text(f('website'), input.website, { zh: '公司网站', en: 'Website' }) ?? null;
  out.intro = text(f('intro'), input.intro, L.intro, LIMITS.intro) ?? null; // 0/1,000
  if (input.intendedDistributor) {
    const companyName = text(f('intendedDistributor.companyName'), input.intendedDistributor.companyName, { zh: '总经销商公司名称', en: 'Distributor company name' });
    const accountName = text(f('intendedDistributor.accountName'), input.intendedDistributor.accountName, { zh: '总经销商账号名', en: 'Distributor account name' }, 64);
    out.intendedDistributor = companyName || accountName ? { companyName: companyName ?? '', accountName: accountName ?? '' } : null;
  } else out.intendedDistributor = null;
  out.hasDistributorRelation = input.hasDistributorRelation ?? null;

  const IMG_PDF = 'jpg/bmp/png/pdf，单个文件最大20M';
  if (!blank(input.licenceFileId)) out.licenceFileId = await ownFile(tx, ctx, input.licenceFileId!, [LICENCE_PURPOSE], f('licenceFileId'), L.licenceFileId, IMG_PDF);
  if (!blank(input.shareholderProofFileId))
    out.shareholderProofFileId = await ownFile(tx, ctx, input.shareholderProofFileId!, [SHAREHOLDER_PURPOSE], f('shareholderProofFileId'), L.shareholderProofFileId, IMG_PDF);
  if (!blank(input.logoFileId)) out.logoFileId = await ownFile(tx, ctx, input.logoFileId!, [LOGO_PURPOSE], f('logoFileId'), L.logoFileId, 'jpeg/jpg/png/gif，文件最大20M');
  return out;
}

/** A company founded less than a year ago uploads 出资人构成证明 (R38, L2578). */
export function foundedWithinYear(foundedDate: string | null | undefined): boolean {
  if (!foundedDate) return false;
  const today = chinaToday();
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  return foundedDate > yearAgo;
}

/** Every * field of the plan, as one refusal naming each missing field. */
export function missingBusinessInfo(program: ApplicationProgram, info: ProgramBusinessInfo): Record<string, Text> {
  const missing: Record<string, Text> = {};
  const f = (k: string) => `businessInfo.${k}`;
  for (const k of REQUIRED[program]) {
    if (k === 'businessTerm') {
      if (!info.businessTermLongTerm && blank(info.businessTermEnd)) missing[f('businessTermEnd')] = MSG.choose(L.businessTerm);
      continue;
    }
    const v = info[k];
    const label = (k === 'address' && program === 'solution_provider' ? L.licenceAddress : (L as Record<string, Text>)[k]) ?? { zh: k, en: k };
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      missing[f(k)] = k.endsWith('FileId') ? MSG.upload(label, '') : typeof v === 'boolean' || k === 'staffSize' || k === 'repOffice' || k === 'businessRegion' ? MSG.choose(label) : MSG.required(label);
    }
  }
  if (info.engagingHuaweiContact === true && !info.huaweiContact)
    missing[f('huaweiContact')] = { zh: '若您选择“是”，请提供华为云联系人的联系方式', en: 'Give the HUAWEI CLOUD contact details when you answer yes' };
  if (program === 'marketplace_csp' && foundedWithinYear(info.foundedDate) && !info.shareholderProofFileId)
    missing[f('shareholderProofFileId')] = { zh: '若公司成立时间低于1年，需上传出资人构成证明', en: 'A company founded less than a year ago must upload the proof of shareholder structure' };
  if (program === 'reseller' && info.intendedDistributor && (!info.intendedDistributor.companyName || !info.intendedDistributor.accountName))
    missing[f('intendedDistributor')] = { zh: '请填写总经销商公司名称和总经销商账号名', en: 'Give both the distributor company name and its account name' };
  return missing;
}

// ---------------------------------------------------------------------------------------------
// Contacts (spec 01 §2.5) and agreements (§2.6)

export function normaliseContacts(contacts: readonly ProgramContact[], field = 'contacts'): ProgramContact[] {
  if (contacts.length > LIMITS.contacts) throw fieldError(field, 'programs.contacts-too-many', { zh: '联系人最多10个', en: 'At most 10 contacts' });
  return contacts.map((c, i) => {
    const name = c.name.trim();
    const mobile = c.mobile.trim();
    const email = c.email.trim();
    if (!name) throw fieldError(`${field}.${i}.name`, 'programs.required', { zh: '请填写姓名', en: 'Name is required' });
    if (chars(name) > LIMITS.name) throw fieldError(`${field}.${i}.name`, 'programs.too-long', MSG.tooLong({ zh: '姓名', en: 'Name' }, LIMITS.name));
    if (!MOBILE_RE.test(mobile)) throw fieldError(`${field}.${i}.mobile`, 'programs.mobile', { zh: '手机号格式不正确', en: 'Invalid mobile number' });
    if (!EMAIL_RE.test(email) || chars(email) > 100) throw fieldError(`${field}.${i}.email`, 'programs.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail address' });
    return { name, mobile, email };
  });
}

export const CONTACTS_REQUIRED: Text = { zh: '请至少创建一个联系人', en: 'Add at least one contact' };

/** Every agreement of the plan at its current version ("我已阅读并同意…"). */
export function agreementsAccepted(program: 'pce' | ApplicationProgram, accepted: readonly AcceptedAgreement[]): boolean {
  return AGREEMENTS[program].every((a) => accepted.some((x) => x.key === a.key && x.version === a.version));
}

export function agreementsMessage(program: 'pce' | ApplicationProgram): Text {
  const names = AGREEMENTS[program];
  return { zh: `请阅读并勾选${names.map((a) => a.name.zh).join('')}`, en: `Read and accept ${names.map((a) => a.name.en).join(', ')}` };
}

export function normaliseAgreements(program: 'pce' | ApplicationProgram, accepted: readonly AcceptedAgreement[]): AcceptedAgreement[] {
  for (const a of accepted) {
    if (!AGREEMENTS[program].some((x) => x.key === a.key && x.version === a.version))
      throw fieldError('agreements', 'programs.agreement-unknown', { zh: '协议不存在或版本已更新，请重新勾选', en: 'Unknown agreement or outdated version; accept the current one' });
  }
  return AGREEMENTS[program].filter((a) => accepted.some((x) => x.key === a.key)).map((a) => ({ key: a.key, version: a.version }));
}

// ---------------------------------------------------------------------------------------------
// Step 2 填写计划申请信息

export interface Answers {
  // solution provider (L1826–1852)
  roleCertified?: boolean;
  performanceBand?: string;
  performanceProof?: string[];
  userBand?: string;
  certifiedCount?: number;
  certifiedProof?: string[];
  professionalCount?: number;
  professionalProof?: string[];
  // distributor (L2063–2078)
  expansionStaff?: string;
  expansionProof?: string[];
  technicalStaff?: string;
  technicalProof?: string[];
  // reseller (L2326–2343)
  salesBand?: string;
  salesProof?: string[];
  customerBand?: string;
  teamBand?: string;
  partnerTypes?: string[];
  // marketplace CSP (L2582)
  proofs?: { category: string; fileId: string }[];
}

const ANSWER_KEYS: Record<ApplicationProgram, readonly (keyof Answers)[]> = {
  solution_provider: ['roleCertified', 'performanceBand', 'performanceProof', 'userBand', 'certifiedCount', 'certifiedProof', 'professionalCount', 'professionalProof'],
  distributor: ['expansionStaff', 'expansionProof', 'technicalStaff', 'technicalProof'],
  reseller: ['salesBand', 'salesProof', 'customerBand', 'teamBand', 'partnerTypes'],
  marketplace_csp: ['proofs'],
  marketplace_merchant: [],
};

const keysOf = (list: readonly { key: string }[]) => list.map((x) => x.key);

export async function normaliseAnswers(tx: Executor, ctx: Ctx, program: ApplicationProgram, input: Answers): Promise<Answers> {
  const allowed = ANSWER_KEYS[program];
  for (const k of Object.keys(input)) {
    if (!allowed.includes(k as keyof Answers) && input[k as keyof Answers] !== undefined)
      throw fieldError(`answers.${k}`, 'programs.answer-not-for-plan', { zh: '该计划的申请信息不包含此项', en: 'This plan does not ask this question' });
  }
  const out: Answers = { ...input };
  const band = (k: keyof Answers, list: readonly { key: string }[], label: Text) => oneOf(`answers.${k}`, input[k] as string | undefined, keysOf(list), label);
  out.performanceBand = band('performanceBand', PERFORMANCE_BANDS, { zh: '年度业绩', en: 'annual performance' });
  out.userBand = band('userBand', USER_BANDS, { zh: '有效用户数', en: 'effective users' });
  out.expansionStaff = band('expansionStaff', MEETS_OPTIONS, { zh: '拓展人员数量要求', en: 'expansion staff' });
  out.technicalStaff = band('technicalStaff', MEETS_OPTIONS, { zh: '技术人员数量要求', en: 'technical staff' });
  out.salesBand = band('salesBand', RESELLER_SALES_BANDS, { zh: '年度销售额', en: 'annual sales' });
  out.customerBand = band('customerBand', RESELLER_CUSTOMER_BANDS, { zh: '活跃客户数', en: 'active customers' });
  out.teamBand = band('teamBand', RESELLER_TEAM_BANDS, { zh: '专职销售团队人数', en: 'sales team size' });
  if (input.partnerTypes) {
    const types = keysOf(RESELLER_PARTNER_TYPES);
    for (const x of input.partnerTypes) if (!types.includes(x)) throw fieldError('answers.partnerTypes', 'programs.option', MSG.choose({ zh: '伙伴类型', en: 'partner type' }));
    out.partnerTypes = [...new Set(input.partnerTypes)];
  }
  for (const k of ['performanceProof', 'certifiedProof', 'professionalProof', 'expansionProof', 'technicalProof', 'salesProof'] as const) {
    if (input[k]) out[k] = await Promise.all(input[k]!.map((id) => ownFile(tx, ctx, id, [PROOF_PURPOSE], `answers.${k}`, { zh: '证明材料', en: 'proof' }, '证书扫描件、截图或收据')));
  }
  if (input.proofs) {
    const cats = keysOf(CSP_PROOF_CATEGORIES);
    out.proofs = [];
    for (const p of input.proofs) {
      if (!cats.includes(p.category)) throw fieldError('answers.proofs', 'programs.option', MSG.choose({ zh: '证明材料类别', en: 'proof category' }));
      out.proofs.push({ category: p.category, fileId: await ownFile(tx, ctx, p.fileId, [PROOF_PURPOSE], 'answers.proofs', { zh: '商品服务能力认证证明材料', en: 'capability proof' }, '按模板提供') });
    }
  }
  for (const k of Object.keys(out) as (keyof Answers)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Step 2 complete, and (solution provider) consistent with the chosen level (R28). */
export function missingAnswers(program: ApplicationProgram, a: Answers, level: Level): Record<string, Text> {
  const missing: Record<string, Text> = {};
  const need = (k: keyof Answers, label: Text) => {
    if (a[k] === undefined || (Array.isArray(a[k]) && (a[k] as unknown[]).length === 0)) missing[`answers.${k}`] = MSG.choose(label);
  };
  switch (program) {
    case 'solution_provider': {
      need('roleCertified', { zh: '您是否完成对应路径的角色认证', en: 'whether you completed role certification' });
      need('performanceBand', { zh: '年度业绩', en: 'annual performance' });
      need('userBand', { zh: '华为云有效用户数', en: 'effective users' });
      need('certifiedCount', { zh: '获得华为云认证工程师证书的员工人数', en: 'number of certified engineers' });
      need('professionalCount', { zh: '获得伙伴专业认证-业务方向证书的员工人数', en: 'number of professionally certified staff' });
      const req = LEVEL_REQUIREMENTS[level];
      if (a.roleCertified === false)
        missing['answers.roleCertified'] = { zh: '需完成软件伙伴、服务伙伴或数字化转型咨询与系统集成伙伴其中一种路径的角色认证', en: 'Role certification on the software, service or SI path is required' };
      const perf = PERFORMANCE_BANDS.find((b) => b.key === a.performanceBand);
      if (perf && perf.min < req.annualPerformance)
        missing['answers.performanceBand'] = { zh: '年度业绩未达到所选等级的要求', en: 'Annual performance is below the chosen level' };
      const users = USER_BANDS.find((b) => b.key === a.userBand);
      if (users && users.min < req.effectiveUsers) missing['answers.userBand'] = { zh: '有效用户数未达到所选等级的要求', en: 'Effective users are below the chosen level' };
      const minCert = Math.max(SP_MIN_CERTIFIED, req.certifications);
      if (a.certifiedCount !== undefined && a.certifiedCount < minCert)
        missing['answers.certifiedCount'] = { zh: `获得HCIA-Cloud Service/HCCDA-Tech Essentials证书的员工至少${minCert}人`, en: `At least ${minCert} employees with HCIA-Cloud Service / HCCDA-Tech Essentials` };
      const minProf = Math.max(SP_MIN_PROFESSIONAL, req.professionalCertifications);
      if (a.professionalCount !== undefined && a.professionalCount < minProf)
        missing['answers.professionalCount'] = { zh: `获得伙伴专业认证-业务方向（初级/中级）证书的员工至少${minProf}人`, en: `At least ${minProf} employees with the professional business-direction certification` };
      break;
    }
    case 'distributor':
      need('expansionStaff', { zh: '您是否满足总经销商拓展人员数量要求', en: 'whether you meet the expansion-staff requirement' });
      need('technicalStaff', { zh: '您是否满足总经销商技术人员数量要求', en: 'whether you meet the technical-staff requirement' });
      break;
    case 'reseller':
      need('salesBand', { zh: '您预计您的华为云年度销售额', en: 'expected annual sales' });
      need('customerBand', { zh: '您预计您的华为云活跃客户数', en: 'expected active customers' });
      need('teamBand', { zh: '您预计您专职的华为云销售团队人数', en: 'expected sales team size' });
      need('partnerTypes', { zh: '伙伴类型', en: 'partner type' });
      break;
    case 'marketplace_csp':
      if (!a.proofs?.length) missing['answers.proofs'] = { zh: '请根据模板提供商品服务能力认证证明材料', en: 'Upload the capability proofs following the template' };
      break;
    case 'marketplace_merchant':
      break;
  }
  return missing;
}

// ---------------------------------------------------------------------------------------------
// Step 3 尽职调查 (solution provider)

export function normaliseDueDiligence(input: DueDiligence): DueDiligence {
  const out: DueDiligence = {};
  if (input.answers) {
    out.answers = {};
    for (const [k, v] of Object.entries(input.answers)) {
      if (!DUE_DILIGENCE_QUESTIONS.some((q) => q.key === k)) throw fieldError(`dueDiligence.answers.${k}`, 'programs.option', { zh: '未知的问题', en: 'Unknown question' });
      const details = text(`dueDiligence.answers.${k}.details`, v.details, { zh: '说明', en: 'Details' }, LIMITS.details) ?? null;
      out.answers[k] = { answer: v.answer, details };
    }
  }
  if (input.sensitiveRelation) out.sensitiveRelation = input.sensitiveRelation;
  out.sensitiveRelationDetails = text('dueDiligence.sensitiveRelationDetails', input.sensitiveRelationDetails, { zh: '申报内容', en: 'Declaration' }, LIMITS.details) ?? null;
  if (input.truthful !== undefined) out.truthful = input.truthful;
  return out;
}

export function missingDueDiligence(d: DueDiligence | null): Record<string, Text> {
  const missing: Record<string, Text> = {};
  for (const q of DUE_DILIGENCE_QUESTIONS) {
    const a = d?.answers?.[q.key];
    if (!a) missing[`dueDiligence.answers.${q.key}`] = { zh: `请回答：${q.text.zh}`, en: `Answer: ${q.text.en}` };
    else if (a.answer === q.detailsWhen && !a.details) missing[`dueDiligence.answers.${q.key}.details`] = { zh: '请补充说明', en: 'Please give details' };
  }
  if (!d?.sensitiveRelation) missing['dueDiligence.sensitiveRelation'] = { zh: '请您代表公司申报与华为员工敏感关系', en: 'Declare, for the company, any sensitive relationship with Huawei employees' };
  else if (d.sensitiveRelation === 'declared' && !d.sensitiveRelationDetails)
    missing['dueDiligence.sensitiveRelationDetails'] = { zh: '请填写与华为员工的敏感关系信息', en: 'Describe the relationship with Huawei employees' };
  if (d?.truthful !== true) missing['dueDiligence.truthful'] = { zh: '请确认以上信息真实、准确、完整', en: 'Confirm the information is true, accurate and complete' };
  return missing;
}

export const INCOMPLETE: Text = { zh: '请完整填写申请信息后再提交', en: 'Complete the application before submitting it' };

export function incomplete(missing: Record<string, Text>): AppError {
  return new AppError(400, 'programs.incomplete', INCOMPLETE, { missing: Object.keys(missing) }, missing);
}
