import type { Text } from '../../platform/i18n/index.js';

/**
 * 发展路径 catalogue (spec 01 §2.7, guide L795–1546): five paths, each with the three stages
 * 选择角色 → 角色认证 → 能力差异化 and, per stage, 要求 / 可获得以下权益 / 可加入以下计划.
 * Data only; what a requirement's progress is comes from service.ts (`measure`).
 */

export const PATH_TYPES = ['software', 'service', 'si', 'learning', 'distributor'] as const;
export type PathType = (typeof PATH_TYPES)[number];

export const STAGES = ['role_selected', 'role_certified', 'differentiated'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Record<Stage, Text> = {
  role_selected: { zh: '选择角色', en: 'Role selected' },
  role_certified: { zh: '角色认证', en: 'Role certified' },
  differentiated: { zh: '能力差异化', en: 'Capability differentiation' },
};

/** How a requirement is measured; `manual` ones are judged by the reviewer from the materials. */
export type Measure =
  | 'hcpn' // joined HCPN (a partner account exists)
  | 'selected' // the path is joined by this account
  | 'invited' // 受邀白名单 / 受邀名单
  | 'cloud-software' // ≥1 approved (先进)云软件方案, company-wide
  | 'advanced-cloud-software'
  | 'preferred-labels' // capability labels among the eight preferred ones (R18)
  | 'any-labels' // any valid capability label
  | 'labels-or-offerings' // 联合Offering或能力标签: labels are counted, joint offerings only the reviewer sees (met or unknown)
  // personal certificates of members bound to the partner account (R15), see personal-certificates.ts
  | 'people-hccda-up' // R16: HCCDA or a higher developer certification
  | 'people-hccdp-up' // R16: HCCDP or higher
  | 'people-hccdp' // differentiation: HCCDP certificates
  | 'people-hccde' // R20: HCCDE or HCIE-Cloud Service Solutions Architect
  | 'people-project-managers' // R19: PMP, IPMA A/B/C, HCIP-PM
  | 'people-presales-experts' // SI: 业务方向（中级） certified presales experts
  | 'people-si-hcip' // R21: 业务方向（中级） + HCIP-CSSA / HCCDP-Solution Architectures (or the HCIE/HCCDE level)
  | 'people-si-hcie' // R22: 业务方向（中级） + HCIE-CSSA / HCCDE-Solution Architectures
  | 'manual';

export interface Requirement {
  key: string;
  name: Text;
  measure: Measure;
  target: number; // the "y" of "x/y"
}

export interface StageDefinition {
  stage: Stage;
  requirements: readonly Requirement[];
  benefits: readonly Text[];
  programs: readonly Text[];
}

export interface PathDefinition {
  type: PathType;
  name: Text;
  /** R8: SI, learning and distributor are invitation-only (L813). */
  inviteOnly: boolean;
  /** How role certification and differentiation are reached: automatic (software) or by application. */
  certification: 'automatic' | 'application' | 'none';
  /** Application stages whose 申请认证 takes a 商业计划书 (listed under 伙伴信息 > 商业计划). */
  businessPlanFor: readonly Stage[];
  /**
   * R24: "申请认证过程中，请保证所有认证要求均为已通过状态" (SI L1302, learning L1454): an application is
   * refused while a requirement the system measures shows as not met.
   */
  requirementsMustBeMet: boolean;
  /** R40: the certified stages the 伙伴发展路径认证年度复核 covers (2024 scope, L1554–1558). */
  annualReview: readonly Stage[];
  stages: readonly StageDefinition[];
}

const t = (zh: string, en: string): Text => ({ zh, en });
const req = (key: string, zh: string, en: string, measure: Measure = 'manual', target = 1): Requirement => ({ key, name: t(zh, en), measure, target });

const HCPN = req('hcpn', '已加入华为云伙伴体系(HCPN)', 'Joined HCPN', 'hcpn');
const PCE = t('合作伙伴共拓计划', 'Partner Co-Exploration (PCE) program');
const MARKETPLACE = t('云商店计划', 'Marketplace program');
const CAPABILITY = t('合作伙伴能力计划', 'Partner capability program');
const CSP = t('云商店客户服务商计划', 'Marketplace customer service provider program');

export const PATHS: readonly PathDefinition[] = [
  {
    type: 'software',
    name: t('软件合作伙伴', 'Software partner'),
    inviteOnly: false,
    certification: 'automatic',
    businessPlanFor: [],
    requirementsMustBeMet: false,
    annualReview: [], // the cloud-software certificates carry their own 12-month validity
    stages: [
      {
        stage: 'role_selected',
        requirements: [req('selected', '加入华为云伙伴体系且选择软件伙伴角色', 'Joined HCPN and selected the software role', 'selected')],
        benefits: [
          t('华为云测试券(最高20,000元)', 'Test vouchers up to 20,000 CNY'),
          t('KooLabs云实验(总计1,000)', 'KooLabs labs (1,000 in total)'),
          t('培训名额(4人次)', 'Training seats (4 person-times)'),
          t('HCCDP考试券(4张)', 'HCCDP exam vouchers (4)'),
          t('工具包/文档/最佳实践、解决方案工作台、技术专家支持、在线课程', 'Toolkit, docs, best practices, solution workbench, expert support, online courses'),
        ],
        programs: [t('沃土云创计划', 'Wotu cloud innovation program')],
      },
      {
        stage: 'role_certified',
        requirements: [req('cloud-software', '伙伴有至少1款完成云软件认证的应用软件或软件解决方案', '≥1 software or solution with cloud-software certification', 'cloud-software')],
        benefits: [
          t('华为云测试券(最高100,000元)', 'Test vouchers up to 100,000 CNY'),
          t('KooLabs云实验(总计3,000)', 'KooLabs labs (3,000 in total)'),
          t('培训名额(8人次)', 'Training seats (8 person-times)'),
          t('HCCDE考试券(2张)', 'HCCDE exam vouchers (2)'),
          t('HCCDP考试券(6张)', 'HCCDP exam vouchers (6)'),
          t('MDF(最高50,000元)', 'MDF up to 50,000 CNY'),
          t('官网搜索推荐、伙伴证书、云软件证书', 'Website search recommendation, partner certificate, cloud-software certificate'),
        ],
        programs: [CAPABILITY],
      },
      {
        stage: 'differentiated',
        requirements: [
          req('advanced-cloud-software', '伙伴有至少1款完成先进云软件认证的应用软件或软件解决方案', '≥1 software or solution with advanced cloud-software certification', 'advanced-cloud-software'),
        ],
        benefits: [
          t('华为云测试券(最高300,000元)', 'Test vouchers up to 300,000 CNY'),
          t('KooLabs云实验(总计5,000)', 'KooLabs labs (5,000 in total)'),
          t('培训名额(12人次)', 'Training seats (12 person-times)'),
          t('HCCDE考试券(4张)', 'HCCDE exam vouchers (4)'),
          t('HCCDP考试券(8张)', 'HCCDP exam vouchers (8)'),
          t('MDF(最高80,000元)', 'MDF up to 80,000 CNY'),
          t('先进云软件证书、华为云营销活动邀请', 'Advanced cloud-software certificate, invitations to marketing events'),
        ],
        programs: [CAPABILITY],
      },
    ],
  },
  {
    type: 'service',
    name: t('服务合作伙伴', 'Service partner'),
    inviteOnly: false,
    certification: 'application',
    businessPlanFor: ['differentiated'], // role certification needs none (spec 01 §7)
    requirementsMustBeMet: false,
    annualReview: ['role_certified', 'differentiated'],
    stages: [
      {
        stage: 'role_selected',
        requirements: [HCPN],
        benefits: [
          t('KooLabs云实验(1,000)', 'KooLabs coins (1,000)'),
          t('培训名额(4人次)', 'Training seats (4 person-times)'),
          t('HCCDP考试券(4张)', 'HCCDP exam vouchers (4)'),
          t('工具包、解决方案工作台、在线课程', 'Toolkit, solution workbench, online courses'),
        ],
        programs: [PCE, MARKETPLACE],
      },
      {
        stage: 'role_certified',
        requirements: [
          HCPN,
          req('hccda', 'HCCDA认证人数', 'People certified HCCDA', 'people-hccda-up', 2),
          req('hccdp', 'HCCDP认证人数', 'People certified HCCDP', 'people-hccdp-up', 2),
          req('projects', '云专业服务项目实践数量(近12个月)', 'Cloud professional-service projects (last 12 months)', 'manual', 1),
        ],
        benefits: [
          t('华为云测试券(最高10,000元)', 'Test vouchers up to 10,000 CNY'),
          t('KooLabs云实验(3,000)', 'KooLabs coins (3,000)'),
          t('培训名额(10人次)', 'Training seats (10 person-times)'),
          t('HCCDE考试券(3张)', 'HCCDE exam vouchers (3)'),
          t('HCCDP考试券(8张)', 'HCCDP exam vouchers (8)'),
          t('MDF(最高50,000元)', 'MDF up to 50,000 CNY'),
          t('伙伴证书、官网置顶曝光、营销活动', 'Partner certificate, top website exposure, marketing events'),
        ],
        programs: [PCE, MARKETPLACE, CAPABILITY, CSP, t('服务伙伴能力提升专项计划', 'Service partner capability improvement plan')],
      },
      {
        stage: 'differentiated',
        requirements: [
          HCPN,
          req('project-managers', '华为云专属项目经理', 'Dedicated project managers', 'people-project-managers', 2),
          req('hccdp', 'HCCDP认证人数', 'People certified HCCDP', 'people-hccdp', 20),
          req('hccde', 'HCCDE认证人数', 'People certified HCCDE', 'people-hccde', 3),
          req('preferred-labels', '指定范围内的能力标签', 'Capability labels from the preferred list', 'preferred-labels', 1),
          req('any-labels', '任意有效的华为能力标签', 'Any valid Huawei capability labels', 'any-labels', 2),
          req('projects', '云专业服务项目实践数量(近12个月)', 'Cloud professional-service projects (last 12 months)', 'manual', 3),
          req('business-plan', '商业计划(通过评审)', 'Business plan (passed review)', 'manual', 1),
        ],
        benefits: [
          t('华为云测试券(最高50,000元)', 'Test vouchers up to 50,000 CNY'),
          t('KooLabs云实验(5,000)', 'KooLabs coins (5,000)'),
          t('培训名额(18人次)', 'Training seats (18 person-times)'),
          t('HCCDE考试券(3张)', 'HCCDE exam vouchers (3)'),
          t('HCCDP考试券(16张)', 'HCCDP exam vouchers (16)'),
          t('MDF(最高80,000元)', 'MDF up to 80,000 CNY'),
          t('技术专家支持', 'Expert support'),
        ],
        programs: [PCE, MARKETPLACE, CAPABILITY, CSP, t('服务伙伴能力提升专项计划', 'Service partner capability improvement plan')],
      },
    ],
  },
  {
    type: 'si',
    name: t('数字化转型咨询与系统集成', 'Digital transformation consulting and system integration'),
    inviteOnly: true,
    certification: 'application',
    businessPlanFor: ['role_certified', 'differentiated'], // 完成BP互锁、客户清单互锁 (L1276)
    requirementsMustBeMet: true,
    annualReview: ['role_certified', 'differentiated'],
    stages: [
      {
        stage: 'role_selected',
        requirements: [HCPN, req('invited', '受邀白名单', 'Invited whitelist', 'invited'), req('presales-experts', '售前解决方案专家人数', 'Presales solution experts', 'people-presales-experts', 1)],
        benefits: [
          t('华为云测试券(每年最高20,000元)', 'Test vouchers up to 20,000 CNY a year'),
          t('培训名额(10人次)', 'Training seats (10 person-times)'),
          t('HCCDP考试券(10张)', 'HCCDP exam vouchers (10)'),
          t('KooLabs云实验(1,000)', 'KooLabs points (1,000)'),
          t('工具包、解决方案工作台、技术专家支持、在线课程', 'Toolkit, solution workbench, expert support, online courses'),
        ],
        programs: [PCE, MARKETPLACE],
      },
      {
        stage: 'role_certified',
        requirements: [
          HCPN,
          req('invited', '受邀白名单', 'Invited whitelist', 'invited'),
          req('business-plan', '商业计划：完成BP互锁、客户清单互锁', 'Business plan and customer list interlocked'),
          req('experts-hcip', '售前解决方案专家人数（通过业务方向中级认证并获取HCIP或HCCDP证书）', 'Presales experts (business direction, intermediate, with HCIP or HCCDP)', 'people-si-hcip', 4),
          req('offerings-or-labels', '联合Offering或能力标签数量', 'Joint offerings or capability labels', 'labels-or-offerings', 1),
        ],
        benefits: [
          t('华为云测试券(每年最高100,000元)', 'Test vouchers up to 100,000 CNY a year'),
          t('培训名额(55人次)', 'Training seats (55 person-times)'),
          t('HCCDP考试券(50张)', 'HCCDP exam vouchers (50)'),
          t('HCCDE考试券(5张)', 'HCCDE exam vouchers (5)'),
          t('KooLabs云实验(3,000)', 'KooLabs points (3,000)'),
          t('MDF(最高300,000元)', 'MDF up to 300,000 CNY'),
          t('伙伴证书、官网展示、营销活动', 'Certificate, website display, marketing events'),
        ],
        programs: [PCE, MARKETPLACE, CAPABILITY, CSP],
      },
      {
        stage: 'differentiated',
        requirements: [
          HCPN,
          req('invited', '受邀白名单', 'Invited whitelist', 'invited'),
          req('business-plan', '商业计划：完成BP互锁、客户清单互锁', 'Business plan and customer list interlocked'),
          req('experts-hcip', '售前解决方案专家人数（通过业务方向中级认证并获取HCIP或HCCDP证书）', 'Presales experts (business direction, intermediate, with HCIP or HCCDP)', 'people-si-hcip', 10),
          req('experts-hcie', '售前解决方案专家人数（通过业务方向中级认证并获取HCIE或HCCDE证书）', 'Presales experts (business direction, intermediate, with HCIE or HCCDE)', 'people-si-hcie', 1),
          req('offerings-or-labels', '联合Offering或能力标签数量', 'Joint offerings or capability labels', 'labels-or-offerings', 3),
          req('any-labels', '能力标签数量', 'Capability labels', 'any-labels', 2),
        ],
        benefits: [
          t('华为云测试券(每年最高300,000元)', 'Test vouchers up to 300,000 CNY a year'),
          t('培训名额(110人次)', 'Training seats (110 person-times)'),
          t('HCCDP考试券(100张)', 'HCCDP exam vouchers (100)'),
          t('HCCDE考试券(10张)', 'HCCDE exam vouchers (10)'),
          t('KooLabs云实验(5,000)', 'KooLabs points (5,000)'),
          t('MDF(最高500,000元)', 'MDF up to 500,000 CNY'),
          t('伙伴证书、官网展示、营销活动', 'Certificate, website display, marketing events'),
        ],
        programs: [PCE, MARKETPLACE, CAPABILITY, CSP],
      },
    ],
  },
  {
    type: 'learning',
    name: t('学习与赋能', 'Learning and enablement'),
    inviteOnly: true,
    certification: 'application',
    businessPlanFor: ['differentiated'], // 联合商业计划 (R23, L1486)
    requirementsMustBeMet: true,
    annualReview: ['role_certified'],
    stages: [
      {
        stage: 'role_selected',
        requirements: [req('invited', '受邀名单', 'Invited list', 'invited'), req('hcpn', '完成企业实名认证并加入华为云伙伴体系', 'Enterprise real-name verified and in HCPN', 'hcpn')],
        benefits: [
          t('HCCDP考试券(6张)', 'HCCDP exam vouchers (6)'),
          t('KooLabs云实验(500)', 'KooLabs points (500)'),
          t('培训名额(6人次)', 'Training seats (6 person-times)'),
          t('在线课程', 'Online courses'),
        ],
        programs: [PCE, MARKETPLACE],
      },
      {
        stage: 'role_certified',
        requirements: [
          req('invited', '受邀名单', 'Invited list', 'invited'),
          req('hcpn', '企业通过实名认证并加入HCPN', 'Enterprise real-name verified and in HCPN', 'hcpn'),
          req('training-years', '具备2年以上培训业务经验', '≥2 years of training business'),
          req('facilities', '具备面授及线上教学相关设施（每个授权培训点至少1间可容纳20名及以上学员的教室）', 'Face-to-face and online teaching facilities (each authorised site has a classroom for ≥20 students)'),
          req('lecturers', '通过讲师认证的专职讲师数量', 'Full-time certified lecturers'),
          req('lecturer-practice', '讲师实战能力要求（试讲中深入讲解实际项目案例）', 'Lecturer practical ability (real project cases explained in a trial lecture)'),
        ],
        benefits: [
          t('HCCDE考试券(5张)、HCCDP考试券(20张)', 'HCCDE exam vouchers (5), HCCDP exam vouchers (20)'),
          t('KooLabs云实验(3,000)', 'KooLabs points (3,000)'),
          t('培训名额(25人次)', 'Training seats (25 person-times)'),
          t('工具包、伙伴证书、官网展示、营销活动', 'Toolkit, certificate, website display, marketing events'),
        ],
        programs: [PCE, MARKETPLACE, CAPABILITY],
      },
      {
        stage: 'differentiated',
        requirements: [
          req('invited', '受邀名单', 'Invited list', 'invited'),
          req('hcpn', '企业通过实名认证并加入HCPN', 'Enterprise real-name verified and in HCPN', 'hcpn'),
          req('training-years', '具备2年以上培训业务经验', '≥2 years of training business'),
          req('facilities', '具备面授及线上教学相关设施（每个授权培训点至少1间可容纳20名及以上学员的教室）', 'Face-to-face and online teaching facilities (each authorised site has a classroom for ≥20 students)'),
          req(
            'centres',
            '具备5个培训中心或2个考试中心（具备行业认可资质；考试中心至少1个考试认证IT平台及1个考试交付团队）',
            '5 training centres or 2 exam centres (industry-recognised; each exam centre with an exam IT platform and a delivery team)',
          ),
          req('hccdp-course', '完成HCCDP认证辅导课程内容构建（通过华为云评审）', 'HCCDP coaching-course content built and passed by Huawei review'),
          req('joint-plan', '联合商业计划制定：通过华为云学习与赋能伙伴发展团队评审', 'Joint business plan passed by the learning & enablement team'),
          req('lecturers', '通过讲师认证的专职讲师数量', 'Full-time certified lecturers'),
          req('lecturer-practice', '讲师实战能力要求（试讲中深入讲解实际项目案例）', 'Lecturer practical ability (real project cases explained in a trial lecture)'),
          req('management-staff', '专职教学管理人员数量', 'Full-time teaching-management staff'),
        ],
        benefits: [
          t('HCCDE考试券(10张)、HCCDP考试券(40张)', 'HCCDE exam vouchers (10), HCCDP exam vouchers (40)'),
          t('KooLabs云实验(5,000)', 'KooLabs points (5,000)'),
          t('培训名额(50人次)', 'Training seats (50 person-times)'),
          t('技术专家支持、MDF(最高80,000元)、生态赋能/认证发展业务授权、KooLabs支持', 'Expert support, MDF up to 80,000 CNY, enablement/certification business authorisation, KooLabs support'),
        ],
        programs: [PCE, MARKETPLACE, CAPABILITY],
      },
    ],
  },
  {
    type: 'distributor',
    name: t('总经销商', 'Distributor'),
    inviteOnly: true,
    certification: 'none', // only 选择角色 is described; it leads into 分销计划（总经销商） (L1512–1546)
    businessPlanFor: [],
    requirementsMustBeMet: false,
    annualReview: [],
    stages: [
      {
        stage: 'role_selected',
        requirements: [HCPN, req('invited', '受邀名单', 'Invited list', 'invited')],
        benefits: [],
        programs: [t('分销计划（总经销商）', 'Distribution program (distributor)')],
      },
    ],
  },
];

const BY_TYPE = new Map(PATHS.map((p) => [p.type, p]));

export function pathDefinition(type: PathType): PathDefinition {
  return BY_TYPE.get(type)!;
}

export const stageIndex = (s: Stage): number => STAGES.indexOf(s);

/** The stage before `s` (where a failed annual review of `s` rolls back to, L1625). */
export const previousStage = (s: Stage): Stage => STAGES[Math.max(stageIndex(s) - 1, 0)]!;

/** Stages that come with a 伙伴证书 (下载证书): the certified ones (role certification and differentiation). */
export const CERTIFIED_STAGES: readonly Stage[] = ['role_certified', 'differentiated'];
