import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import type { Text } from '../../../platform/i18n/index.js';
import { companies, hcpnApplications } from '../schema.js';
import { companyProfiles, type CompanyBasicInfo, type CompanyDetailInfo, type CompanyInfo } from './schema.js';

/**
 * The company's current information (公司信息, spec 02 §2.1): the profile row once a change was
 * applied, otherwise what the HCPN enrolment that registered the company said, otherwise only the
 * name (companies seeded without an enrolment). companies.name is the truth for the name.
 */
export async function currentInfo(ex: Executor, companyId: string): Promise<{ info: CompanyInfo; uscc: string; version: number }> {
  const [company] = await ex.select().from(companies).where(eq(companies.id, companyId));
  if (!company) throw new Error(`company ${companyId} missing`);
  const [profile] = await ex.select().from(companyProfiles).where(eq(companyProfiles.companyId, companyId));
  if (profile) return { info: { ...profile.info, basic: { ...profile.info.basic, companyName: company.name } }, uscc: company.uscc, version: profile.version };
  return { info: await fromEnrolment(ex, company), uscc: company.uscc, version: 0 };
}

async function fromEnrolment(ex: Executor, company: typeof companies.$inferSelect): Promise<CompanyInfo> {
  const [app] = company.enrolmentApplicationId
    ? await ex.select().from(hcpnApplications).where(eq(hcpnApplications.id, company.enrolmentApplicationId))
    : await ex.select().from(hcpnApplications).where(eq(hcpnApplications.companyId, company.id)).orderBy(asc(hcpnApplications.decidedAt)).limit(1);
  const b = app?.businessInfo;
  const basic: CompanyBasicInfo = {
    licenceFileId: b?.licenceFileId ?? null,
    companyName: company.name,
    taxCode: b?.taxCode ?? null,
    registeredCapital: b?.registeredCapital ?? null,
    foundedDate: b?.foundedDate ?? null,
    businessTermEnd: b?.businessTermEnd ?? null,
    businessTermLongTerm: b?.businessTermLongTerm ?? false,
    licenceAddress: b?.licenceAddress ?? null,
    legalPerson: b?.legalPerson ?? null,
    businessScope: b?.businessScope ?? null,
  };
  const details: CompanyDetailInfo = {
    postcode: b?.postcode ?? null,
    province: b?.province ?? null,
    city: b?.city ?? null,
    staffSize: b?.staffSize ?? null,
    annualRevenue: b?.annualRevenue ?? null,
    logoFileId: b?.logoFileId ?? null,
    website: b?.website ?? null,
    companyEmail: b?.companyEmail ?? null,
    intro: b?.intro ?? null,
  };
  return { basic, details, contacts: app?.contacts ?? [] };
}

/** The guide's labels, for the before/after comparison. */
export const BASIC_LABELS: Record<keyof CompanyBasicInfo, Text> = {
  licenceFileId: { zh: '营业执照', en: 'Business licence' },
  companyName: { zh: '公司名称', en: 'Company name' },
  taxCode: { zh: '税务编码', en: 'Tax code' },
  registeredCapital: { zh: '注册资金(万元)', en: 'Registered capital (10,000 CNY)' },
  foundedDate: { zh: '公司成立时间', en: 'Founded' },
  businessTermEnd: { zh: '营业期限', en: 'Business term' },
  businessTermLongTerm: { zh: '营业期限(长期)', en: 'Business term (long-term)' },
  licenceAddress: { zh: '营业执照地址', en: 'Licence address' },
  legalPerson: { zh: '公司法人', en: 'Legal person' },
  businessScope: { zh: '营业范围', en: 'Business scope' },
};

export const DETAIL_LABELS: Record<keyof CompanyDetailInfo, Text> = {
  postcode: { zh: '邮政编码', en: 'Postcode' },
  province: { zh: '公司所在省/直辖市/自治区', en: 'Province' },
  city: { zh: '公司所在城市', en: 'City' },
  staffSize: { zh: '人员规模', en: 'Staff size' },
  annualRevenue: { zh: '年营业额(万元)', en: 'Annual revenue (10,000 CNY)' },
  logoFileId: { zh: '公司logo', en: 'Company logo' },
  website: { zh: '公司网站', en: 'Website' },
  companyEmail: { zh: '公司邮箱', en: 'Company e-mail' },
  intro: { zh: '公司简介', en: 'Company introduction' },
};

export const CONTACTS_LABEL: Text = { zh: '联系人信息', en: 'Contacts' };
