import type { Text } from '../../platform/i18n/index.js';
import type { ApplicationProgram, DistributorType, Level, ProgramKey } from './schema.js';

/**
 * 华为云伙伴计划 catalogue (spec 01 §2.11, guide L1634–1660 and each plan's chapter), as data:
 * the description, benefits, how a plan is joined, its agreements and whether it issues a certificate.
 */

const t = (zh: string, en: string): Text => ({ zh, en });

/** How a plan is joined: at once on "提交申请", by a reviewed application, by invitation only, elsewhere, or by asking. */
export type JoinMode = 'immediate' | 'application' | 'invitation' | 'external' | 'contact';

export const JOIN_MODE_NAMES: Record<JoinMode, Text> = {
  immediate: t('立即加入', 'Joined at once'),
  application: t('申请加入（需审核）', 'By application (reviewed)'),
  invitation: t('仅限华为云邀请加入', 'By invitation only'),
  external: t('通过其他页面加入', 'Joined through another page'),
  contact: t('请咨询生态经理', 'Ask your ecosystem manager'),
};

export interface AgreementDef {
  key: string;
  version: string;
  name: Text;
}

const ag = (key: string, zh: string, en: string): AgreementDef => ({ key, version: '2025.1', name: t(zh, en) });

/** Per-plan agreement checkboxes (spec 01 §2.6); every one is mandatory. */
export const AGREEMENTS: Record<'pce' | ApplicationProgram, readonly AgreementDef[]> = {
  // L1674 names only "承诺与协议"; the title is ours
  pce: [ag('pce-commitment', '《华为云合作伙伴共拓计划承诺与协议》', 'PCE commitments and agreement')],
  solution_provider: [
    ag('sp-cooperation', '《华为云解决方案提供商合作协议》', 'HUAWEI CLOUD Solution Provider Cooperation Agreement'),
    ag('program-management', '《华为云合作伙伴程序管理制度》', 'HUAWEI CLOUD Partner Program Management Rules'),
    ag('code-of-conduct', '《合作伙伴行为准则》', 'Partner Code of Conduct'),
    ag('integrity-commitment', '《合作伙伴廉洁诚信承诺书》', 'Partner Integrity Commitment'),
  ],
  distributor: [
    ag('distributor-development', '《华为云经销商发展合作协议》', 'HUAWEI CLOUD Distributor Development Cooperation Agreement'),
    ag('partner-commitment', '《华为云合作伙伴承诺书》', 'HUAWEI CLOUD Partner Commitment'),
  ],
  reseller: [
    ag('reseller-cooperation', '《华为云经销商合作协议》', 'HUAWEI CLOUD Reseller Cooperation Agreement'),
    ag('huawei-code-of-conduct', '《华为合作伙伴行为准则》', 'Huawei Partner Code of Conduct'),
    ag('reseller-customer-info', '《云经销商客户信息授权须知》', 'Reseller Customer Information Authorisation Notice'),
    ag('partner-commitment', '《华为云合作伙伴承诺书》', 'HUAWEI CLOUD Partner Commitment'),
  ],
  marketplace_csp: [ag('csp-cooperation', '《华为云云商店客户服务商合作协议》', 'HUAWEI CLOUD Marketplace Customer Service Provider Agreement')],
  // the merchant application is "described elsewhere" (L2477); the agreement title is ours
  marketplace_merchant: [ag('merchant-settlement', '《华为云云商店商家入驻协议》', 'HUAWEI CLOUD Marketplace Merchant Agreement')],
};

export interface ProgramDef {
  key: ProgramKey;
  name: Text;
  description: Text;
  benefits: readonly Text[];
  joinMode: JoinMode;
  /** R41: only these plans issue a certificate (L2711–2717). */
  hasCertificate: boolean;
  /** Where an `external` plan is joined (a partner-portal route). */
  link?: string;
  /** The wizard's steps for plans joined by application. */
  steps?: readonly Text[];
  /** The success prompt after "提交申请". */
  submitted?: Text;
}

const STEP_BUSINESS = t('填写商业信息', 'Business information');
const STEP_APPLICATION = t('填写计划申请信息', 'Application information');
const STEP_DUE_DILIGENCE = t('尽职调查', 'Due diligence');

export const PROGRAMS: readonly ProgramDef[] = [
  {
    key: 'pce',
    name: t('合作伙伴共拓计划', 'Partner Customer Engagement (PCE)'),
    description: t(
      '华为云合作伙伴共拓计划（Partner Customer Engagement，简称PCE）是华为云构建的与合作伙伴共享机会点的政策框架，为合作伙伴提供机会点共享的工具、权益等资源，促进华为云与合作伙伴有效协作，驱动合作伙伴商业发展与成功，加速客户业务成功上云用云。',
      'PCE is the framework in which HUAWEI CLOUD shares opportunities with partners, with the tools, benefits and resources for it.',
    ),
    benefits: [t('机会点共享的工具、权益等资源', 'Tools, benefits and resources for sharing opportunities'), t('在“销售 > 机会点共享”添加机会点', 'Add opportunities under Sales > Opportunity sharing')],
    joinMode: 'immediate',
    hasCertificate: false,
    submitted: t('您已成功加入PCE伙伴计划，可以添加机会点', 'You have joined PCE and can now add opportunities'),
  },
  {
    key: 'capability',
    name: t('合作伙伴能力计划', 'Partner Capability Program'),
    description: t(
      '华为云合作伙伴能力计划是华为云推出的一项全球性计划，旨在建设面向合作伙伴的能力认证体系，保障合作伙伴能力建设的投入获得相应的回报。',
      'A global program building a capability certification system for partners, so their investment in capabilities is rewarded.',
    ),
    benefits: [t('能力标签与徽章，展示于伙伴信息', 'Capability labels and badges on the partner profile')],
    joinMode: 'external',
    hasCertificate: false,
    link: '/capabilities',
  },
  {
    key: 'solution_provider',
    name: t('解决方案提供商计划', 'Solution Provider Program'),
    description: t(
      '解决方案提供商是具备向客户销售和交付华为云服务和解决方案的能力，通过提供增值和推广服务帮助华为云扩大销售的合作伙伴。',
      'Solution providers sell and deliver HUAWEI CLOUD services and solutions to customers, adding value and promotion services.',
    ),
    benefits: [
      t('经销商身份：向客户销售华为云服务（加入后不再具备客户身份，无法使用该账号购买云服务）', 'Reseller identity: sell HUAWEI CLOUD services (the account can no longer buy cloud services itself)'),
      t('销售激励返点等解决方案提供商计划权益', 'Sales incentive rebates and the other plan benefits'),
      t('伙伴等级：标准、优选、领先、核心', 'Partner levels: Standard, Preferred, Leading, Core'),
      t('解决方案提供商计划证书', 'Solution provider certificate'),
    ],
    joinMode: 'application',
    hasCertificate: true,
    steps: [STEP_BUSINESS, STEP_APPLICATION, STEP_DUE_DILIGENCE],
    submitted: t('恭喜您，解决方案提供商计划申请已提交成功', 'Your solution provider application has been submitted'),
  },
  {
    key: 'distributor',
    name: t('分销计划（总经销商）', 'Distribution Program (Distributor)'),
    description: t(
      '总经销商是发展华为云经销商，拓展华为云合作伙伴市场，并通过华为云经销商面向最终客户进行销售的合作伙伴。该计划仅限华为云邀请加入。',
      'Distributors develop HUAWEI CLOUD resellers and sell to end customers through them. By invitation only.',
    ),
    benefits: [
      t('分销计划中总经销商权益和激励', 'Distributor benefits and incentives'),
      t('伙伴拓展、技术支持、运营支持、增值服务', 'Partner expansion, technical support, operations support, value-added services'),
      t('分销计划（总经销商）证书', 'Distributor certificate'),
    ],
    joinMode: 'invitation',
    hasCertificate: true,
    steps: [STEP_BUSINESS, STEP_APPLICATION],
    submitted: t('恭喜您，分销计划（总经销商）申请已提交成功', 'Your distributor application has been submitted'),
  },
  {
    key: 'reseller',
    name: t('分销计划（云经销商）', 'Distribution Program (Reseller)'),
    description: t(
      '云经销商是由华为云总经销商发展、支持和管理的，具备华为云的售前咨询、销售能力，与华为云共同拓展云业务市场，并将华为云产品及服务销售至最终客户的华为云合作伙伴。',
      'Resellers are developed, supported and managed by a distributor and sell HUAWEI CLOUD products and services to end customers.',
    ),
    benefits: [
      t('经销商身份：销售华为云产品及服务（加入后不再具备客户身份）', 'Reseller identity: sell HUAWEI CLOUD products and services (no longer a customer)'),
      t('由总经销商支持和管理', 'Supported and managed by a distributor'),
      t('分销计划（云经销商）证书', 'Reseller certificate'),
    ],
    joinMode: 'application',
    hasCertificate: true,
    steps: [STEP_BUSINESS, STEP_APPLICATION],
    submitted: t('分销计划（云经销商）申请已提交，可在“已申请伙伴计划”页面查看申请状态', 'Your reseller application has been submitted; see its status under Applied programs'),
  },
  {
    key: 'marketplace_merchant',
    name: t('云商店商家计划', 'Marketplace Merchant Program'),
    description: t(
      '云商店是华为云建立和运营的供交易双方或者多方独立开展交易活动的网络交易平台，为华为云客户提供更丰富、更优质的软件和服务。',
      'KooGallery is the HUAWEI CLOUD marketplace where merchants offer software and services to HUAWEI CLOUD customers.',
    ),
    benefits: [t('在云商店发布和销售商品', 'Publish and sell products on the marketplace'), t('云商店计划证书', 'Marketplace certificate')],
    joinMode: 'application',
    hasCertificate: true,
    steps: [STEP_BUSINESS],
    submitted: t('商家入驻申请已提交，可在“已申请伙伴计划”页面查看申请状态', 'Your merchant application has been submitted; see its status under Applied programs'),
  },
  {
    key: 'marketplace_csp',
    name: t('云商店客户服务商计划', 'Marketplace Customer Service Provider Program'),
    description: t(
      '云商店客户服务商是指针对华为云云商店商品，具备向客户销售、集成和交付等的能力，通过提供增值和推广服务帮助华为云云商店扩大销售、提供对应服务的合作伙伴，并辅助云商店更好的服务客户。',
      'Marketplace customer service providers sell, integrate and deliver marketplace products, helping the marketplace grow and serve customers.',
    ),
    benefits: [t('销售、集成和交付云商店商品', 'Sell, integrate and deliver marketplace products')],
    joinMode: 'application',
    hasCertificate: false,
    steps: [STEP_BUSINESS, STEP_APPLICATION],
    submitted: t('云商店客户服务商计划申请提交成功', 'Your marketplace CSP application has been submitted'),
  },
  {
    key: 'service_capability',
    name: t('服务伙伴能力提升专项计划', 'Service Partner Capability Improvement Program'),
    description: t(
      '服务伙伴能力提升专项计划旨在构建以能力为核心的服务伙伴体系，加速华为云服务伙伴发展，帮助和激励伙伴通过华为云合作伙伴能力认证，促进伙伴在华为云服务领域的能力提升、助力伙伴商业成功。',
      'Builds a capability-centred service partner system and rewards partners who pass HUAWEI CLOUD capability certification.',
    ),
    benefits: [
      t('中国站：10*HCCDP认证考试券', 'China site: 10 HCCDP exam vouchers'),
      t('中国站：能力提升激励10万（元）', 'China site: capability improvement incentive of 100,000 CNY'),
      t('加入后可申请能力提升激励和考试券（即将上线）', 'Then apply for the capability incentive and exam vouchers (coming soon)'),
    ],
    joinMode: 'immediate',
    hasCertificate: false,
    submitted: t('您已成功加入服务伙伴能力提升专项计划', 'You have joined the service partner capability improvement program'),
  },
  {
    key: 'wotu',
    name: t('沃土云创计划', 'Wotu Cloud Innovation Program'),
    // named only in the software path's table (L904); the guide describes no joining flow
    description: t('软件合作伙伴选择角色阶段可加入的计划。加入方式请咨询您的生态经理。', 'Open to software partners from the role-selected stage; ask your ecosystem manager how to join.'),
    benefits: [],
    joinMode: 'contact',
    hasCertificate: false,
  },
];

const BY_KEY = new Map(PROGRAMS.map((p) => [p.key, p]));
export function programDef(key: ProgramKey): ProgramDef {
  const d = BY_KEY.get(key);
  if (!d) throw new Error(`unknown program ${key}`);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Solution provider levels (R27, L1870–1916)

export const LEVEL_NAMES: Record<Level, Text> = {
  standard: t('标准', 'Standard'),
  preferred: t('优选', 'Preferred'),
  leading: t('领先', 'Leading'),
  core: t('核心', 'Core'),
};

export const levelRank = (l: Level): number => ['standard', 'preferred', 'leading', 'core'].indexOf(l);

export type LevelMetric = 'annualPerformance' | 'effectiveUsers' | 'certifications' | 'professionalCertifications' | 'roleCertification';

export const LEVEL_METRIC_NAMES: Record<LevelMetric, Text> = {
  annualPerformance: t('年度业绩', 'Annual performance'),
  effectiveUsers: t('有效用户数', 'Effective users'),
  certifications: t('职业/开发者认证', 'Vocational / developer certifications'),
  professionalCertifications: t('专业认证', 'Professional certifications'),
  roleCertification: t('角色认证', 'Role certification'),
};

/**
 * What each level asks. 优选 is the guide's sample (2000万, 100个, 14个, 5个, 1个, L1912–1916); the
 * 标准 counts are the application's minimums (R28: 至少4人, 至少2人); 领先 and 核心 are ours (inferred).
 */
export const LEVEL_REQUIREMENTS: Record<Level, { annualPerformance: number; effectiveUsers: number; certifications: number; professionalCertifications: number; roleCertification: number }> = {
  standard: { annualPerformance: 0, effectiveUsers: 0, certifications: 4, professionalCertifications: 2, roleCertification: 1 },
  preferred: { annualPerformance: 20_000_000, effectiveUsers: 100, certifications: 14, professionalCertifications: 5, roleCertification: 1 },
  leading: { annualPerformance: 50_000_000, effectiveUsers: 300, certifications: 30, professionalCertifications: 10, roleCertification: 1 },
  core: { annualPerformance: 100_000_000, effectiveUsers: 600, certifications: 50, professionalCertifications: 20, roleCertification: 1 },
};

/** 年度业绩 bands of step 2 (they start at "<100万", R28); `min` in CNY. */
export const PERFORMANCE_BANDS = [
  { key: 'lt-1m', name: t('年度业绩<100万', 'Under 1 million'), min: 0 },
  { key: '1m-5m', name: t('100万≤年度业绩<500万', '1 to 5 million'), min: 1_000_000 },
  { key: '5m-20m', name: t('500万≤年度业绩<2000万', '5 to 20 million'), min: 5_000_000 },
  { key: '20m-50m', name: t('2000万≤年度业绩<5000万', '20 to 50 million'), min: 20_000_000 },
  { key: '50m-100m', name: t('5000万≤年度业绩<1亿', '50 to 100 million'), min: 50_000_000 },
  { key: 'gte-100m', name: t('年度业绩≥1亿', '100 million or more'), min: 100_000_000 },
] as const;

/** 有效用户数 (付费金额≥100元) bands (they start at "< 10个", R28). */
export const USER_BANDS = [
  { key: 'lt-10', name: t('有效用户数 < 10个', 'Under 10'), min: 0 },
  { key: '10-100', name: t('10个 ≤ 有效用户数 < 100个', '10 to 99'), min: 10 },
  { key: '100-300', name: t('100个 ≤ 有效用户数 < 300个', '100 to 299'), min: 100 },
  { key: '300-600', name: t('300个 ≤ 有效用户数 < 600个', '300 to 599'), min: 300 },
  { key: 'gte-600', name: t('有效用户数 ≥ 600个', '600 or more'), min: 600 },
] as const;

/** R28: "(至少4人)" HCIA-Cloud Service / HCCDA-Tech Essentials, "(至少2人)" 伙伴专业认证-业务方向. */
export const SP_MIN_CERTIFIED = 4;
export const SP_MIN_PROFESSIONAL = 2;

/** 华为云计算反贿赂合规尽职调查 (L1855). The guide shows no questions; these are ours (inferred). */
export const DUE_DILIGENCE_QUESTIONS = [
  {
    key: 'government-officials',
    text: t('贵公司的股东、董事、高管中是否有现任或前任政府官员及其近亲属？', 'Are any shareholders, directors or executives current or former government officials, or their close relatives?'),
    detailsWhen: 'yes' as const,
  },
  {
    key: 'bribery-record',
    text: t('贵公司或其股东、董事、高管近五年内是否因贿赂、腐败等行为被调查或处罚？', 'Has the company or any shareholder, director or executive been investigated or punished for bribery or corruption in the last five years?'),
    detailsWhen: 'yes' as const,
  },
  {
    key: 'third-parties',
    text: t('贵公司在华为云相关业务中是否会使用第三方代理或顾问？', 'Will the company use third-party agents or consultants in its HUAWEI CLOUD business?'),
    detailsWhen: 'yes' as const,
  },
  {
    key: 'compliance-policy',
    text: t('贵公司是否已建立反贿赂合规制度并对员工开展培训？', 'Has the company an anti-bribery compliance policy and does it train its employees?'),
    detailsWhen: 'no' as const,
  },
] as const;

// ---------------------------------------------------------------------------------------------
// Form options (the guide shows selects without their options; inferred)

export const STAFF_SIZES = ['50人以下', '50-99人', '100-499人', '500-999人', '1000人以上'] as const;

/** 代表处: the chosen office's ecosystem manager handles the partner (L1788, L2023). */
export const REP_OFFICES = [
  '北京代表处', '天津代表处', '河北代表处', '山西代表处', '内蒙古代表处', '辽宁代表处', '吉林代表处', '黑龙江代表处', '上海代表处', '江苏代表处', '浙江代表处',
  '安徽代表处', '福建代表处', '江西代表处', '山东代表处', '河南代表处', '湖北代表处', '湖南代表处', '广东代表处', '深圳代表处', '广西代表处', '海南代表处',
  '重庆代表处', '四川代表处', '贵州代表处', '云南代表处', '西藏代表处', '陕西代表处', '甘肃代表处', '青海代表处', '宁夏代表处', '新疆代表处',
] as const;

/** 业务开展地区: province-level regions of 中国大陆 (R31: invite and cooperate inside the same region only). */
export const BUSINESS_REGIONS = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省', '浙江省', '安徽省', '福建省', '江西省', '山东省', '河南省',
  '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市', '四川省', '贵州省', '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
] as const;

/** Distributor step 2 (L2063–2078): "请选择". */
export const MEETS_OPTIONS = [
  { key: 'meets', name: t('满足', 'Meets the requirement') },
  { key: 'not-meets', name: t('不满足', 'Does not meet the requirement') },
] as const;

/** Reseller step 2 (L2326–2343). */
export const RESELLER_SALES_BANDS = [
  { key: 'lt-500k', name: t('50万以下', 'Under 500,000') },
  { key: '500k-2m', name: t('50万-200万', '500,000 to 2 million') },
  { key: '2m-10m', name: t('200万-1000万', '2 to 10 million') },
  { key: 'gte-10m', name: t('1000万以上', '10 million or more') },
] as const;
export const RESELLER_CUSTOMER_BANDS = [
  { key: 'lt-10', name: t('10个以下', 'Under 10') },
  { key: '10-50', name: t('10-50个', '10 to 50') },
  { key: '50-200', name: t('50-200个', '50 to 200') },
  { key: 'gte-200', name: t('200个以上', '200 or more') },
] as const;
export const RESELLER_TEAM_BANDS = [
  { key: 'lt-5', name: t('5人以下', 'Under 5') },
  { key: '5-20', name: t('5-20人', '5 to 20') },
  { key: 'gte-20', name: t('20人以上', '20 or more') },
] as const;
export const RESELLER_PARTNER_TYPES = [
  { key: 'isv', name: t('拥有丰富开发经验的独立软件开发商（ISV）', 'Independent software vendor (ISV) with rich development experience') },
  { key: 'si', name: t('拥有丰富集成经验的ICT系统集成商', 'ICT system integrator with rich integration experience') },
  { key: 'park', name: t('产业园区运营商', 'Industrial park operator') },
] as const;

/** CSP step 2 (L2582): proof of product-service capability, per the template's categories. */
export const CSP_PROOF_CATEGORIES = [
  { key: 'product', name: t('商品信息', 'Product information') },
  { key: 'authorisation', name: t('原厂授权', 'Vendor authorisation') },
  { key: 'sales', name: t('销售记录', 'Sales records') },
  { key: 'contracts', name: t('客户合同', 'Customer contracts') },
] as const;

// ---------------------------------------------------------------------------------------------
// Distributor scorecard (spec 01 §2.15)

export const DISTRIBUTOR_TYPE_NAMES: Record<DistributorType, Text> = {
  national: t('全国型', 'National'),
  regional_12: t('区域型（一类/二类区域）', 'Regional (class 1/2 regions)'),
  regional_3: t('区域型（三类区域）', 'Regional (class 3 regions)'),
};

/** R32: 价值云经销商 = annual performance ≥ 50,000 CNY and ≥ 3 customers paying ≥ 100 CNY. */
export const VALUE_RESELLER = { minPerformance: '50000', minPayingCustomers: 3 } as const;

// ---------------------------------------------------------------------------------------------
// 表 3-1 一级能力标签范围及申请区域 (spec 01 §2.19, L2608–2622): capability label key → region

export type TagRegion = 'global' | 'china' | 'overseas';
export const CAPABILITY_TAG_SCOPE: readonly { label: string; name: Text; region: TagRegion }[] = [
  { label: 'database', name: t('数据库服务能力', 'Database'), region: 'global' },
  { label: 'big-data', name: t('大数据服务能力', 'Big data'), region: 'global' },
  { label: 'data-warehouse', name: t('数据仓库服务能力', 'Data warehouse'), region: 'china' },
  { label: 'ai-platform', name: t('AI平台服务能力', 'AI platform'), region: 'china' },
  { label: 'devsecops', name: t('DevSecOps服务能力', 'DevSecOps'), region: 'china' },
  { label: 'solution-integration', name: t('解决方案集成实施服务能力', 'Solution integration and implementation'), region: 'china' },
  { label: 'cloud-operations', name: t('公有云云运维服务能力', 'Public cloud operations'), region: 'china' },
  { label: 'operational-excellence', name: t('卓越运营服务能力', 'Operational excellence'), region: 'china' },
  { label: 'app-modernization', name: t('应用现代化服务能力', 'Application modernisation'), region: 'china' },
  { label: 'cloud-migration', name: t('上云实施规划服务能力', 'Cloud migration planning'), region: 'overseas' },
];

export const TAG_REGION_NAMES: Record<TagRegion, Text> = {
  global: t('全球', 'Global'),
  china: t('仅限中国区', 'China only'),
  overseas: t('仅限海外', 'Overseas only'),
};
