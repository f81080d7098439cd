/** 构建 > 云软件方案 / 先进云软件方案 texts (guide 6.1–6.2 L4093–4362; spec 02 §2.13, §3.7, ops 35–38). */
const b = (zh: string, en: string) => ({ zh, en });

export const T = {
  kindTitle: { cloud: b('云软件方案', 'Cloud software solutions'), advanced: b('先进云软件方案', 'Advanced cloud software solutions') },
  create: { cloud: b('创建云软件方案', 'Create cloud software solution'), advanced: b('创建先进云软件方案', 'Create advanced cloud software solution') },
  edit: b('编辑方案', 'Edit solution'),
  recertify: b('重新认证', 'Re-certify'),
  detail: b('详情', 'Details'),
  downloadCert: b('下载证书', 'Download certificate'),
  prerequisite: b('前提条件：伙伴已加入软件伙伴发展路径。', 'Prerequisite: the partner has joined the software development path.'),
  leadSync: b('若您有已上市的伙伴Lead基线解决方案，将自动为您同步完成云软件认证，您可在方案列表中查看。', 'A launched partner-Lead baseline solution is certified automatically and appears in this list.'),
  validityNote: { cloud: b('云软件方案有效期为方案认证通过后12个月内。', 'A cloud software solution is valid for 12 months after certification.'), advanced: b('先进云软件方案有效期为方案认证通过后12个月内。', 'An advanced cloud software solution is valid for 12 months after certification.') },
  recertifyNote: b(
    '针对“新建”的方案，在方案失效前60天开始，伙伴可以重新认证方案，重新认证通过后，方案有效期变更为重新认证通过后12个月内。',
    'A solution created new can be re-certified from 60 days before it expires; after re-approval it is valid for 12 months again.',
  ),
  recertifyOnly: b('重新认证仅支持修改方案的版本号及方案材料。', 'Re-certification changes only the version and the materials.'),

  // list
  name: b('方案名称', 'Solution name'),
  source: b('方案来源', 'Source'),
  version: b('版本号', 'Version'),
  industry: b('行业大类', 'Industry'),
  status: b('状态', 'Status'),
  validity: b('有效期', 'Validity'),
  updatedAt: b('最近更新时间', 'Last updated'),
  namePlaceholder: b('请输入方案名称', 'Solution name'),
  submittedAt: b('提交时间', 'Submitted at'),
  rejectReason: b('审核意见', 'Review opinion'),
  recertifying: b('重新认证中', 'Re-certification in progress'),
  recertifyRefused: b('重新认证未通过，当前有效期不变', 'The re-certification was not approved; the current validity stands'),

  // wizard
  steps: [b('填写方案信息', 'Solution information'), b('填写联系人信息', 'Contacts')],
  info: b('方案信息', 'Solution information'),
  sourceNew: b('新建', 'New'),
  sourceLead: b('使用伙伴Lead基线解决方案', 'From a partner-Lead baseline solution'),
  industrySub: b('行业细分', 'Industry segment'),
  productType: b('产品类型', 'Product type'),
  productSubType: b('子产品类型', 'Product sub-type'),
  targetCustomers: b('目标客户', 'Target customers'),
  scenarios: b('应用场景', 'Scenarios'),
  cloudMode: b('上云模式', 'Cloud mode'),
  deployed: b('是否在公有云部署过', 'Deployed on a public cloud before'),
  deployedHint: b('若您选择“是”，请选择您在哪些云平台部署过。', 'If yes, choose the platforms.'),
  publicClouds: b('您在哪些云平台部署过', 'Platforms deployed on'),
  materials: b('方案材料', 'Solution materials'),
  uploadNote: b('上传文件说明：支持doc/docx/xls/xlsx/pdf/jpg/png/bmp/gif/zip/rar格式，单个文件最大50M，每项最多5个。', 'doc/docx/xls/xlsx/pdf/jpg/png/bmp/gif/zip/rar, at most 50 MB each and 5 files per item.'),
  copyright: b('软件著作版权', 'Software copyright'),
  copyrightHint: b('软著主体与方案认证主体不一致等例外情况需出具软件著作权声明书', 'A copyright declaration is needed when the holder differs from the certifying company'),
  intro: b('方案介绍材料', 'Solution introduction'),
  certification: b('方案认证材料', 'Certification materials'),
  certificationHint: b('具体“方案认证材料”要求，请查看《云软件认证&先进云软件认证步骤》', 'See the cloud-software certification steps for what these must contain'),
  testReport: b('测试报告', 'Test report'),
  otherNotes: { cloud: b('其他认证说明信息', 'Other certification notes'), advanced: b('其他认证信息说明', 'Other certification notes') },
  baselineId: b('伙伴Lead基线解决方案', 'Partner-Lead baseline solution'),
  baselineIdHint: b('请输入基线解决方案ID（基线解决方案列表中的方案标识）', 'The baseline solution id'),
  deploymentForm: b('部署形态', 'Deployment form'),
  approvalCompletedAt: b('立项完成时间', 'Project approval completed'),
  industryMasterData: b('行业主数据L0-L4.5', 'Industry master data L0–L4.5'),
  baselineIntro: b('方案介绍', 'Introduction'),
  contactsTitle: b('联系人信息', 'Contacts'),
  businessContact: b('贵公司业务联系人', 'Business contact'),
  businessContactHint: b('请填写负责该方案具体认证的联系人', 'The person responsible for this certification'),
  businessMobile: b('贵公司业务联系人手机', 'Business contact mobile'),
  businessEmail: b('贵公司业务联系人邮箱', 'Business contact e-mail'),
  hasHuaweiContact: b('是否有华为接口人和您进行业务接洽', 'Is a Huawei contact working with you'),
  hasHuaweiContactHint: b('若您选择“是”，请提供华为接口人的联系方式。', 'If yes, give the Huawei contact’s details.'),
  huaweiContactName: b('华为接口人姓名', 'Huawei contact name'),
  huaweiContactMobile: b('华为接口人手机', 'Huawei contact mobile'),
  next: b('下一步', 'Next'),
  prev: b('上一步', 'Previous'),
  saveDraft: b('保存草稿', 'Save draft'),
  submit: b('提交认证', 'Submit'),
  cancel: b('取消', 'Cancel'),
  draftSaved: b('草稿保存成功', 'Draft saved'),
  submitted: b('恭喜您，方案认证申请已提交成功！', 'Your certification application has been submitted.'),
  required: b('请填写{field}', '{field} is required'),
  choose: b('请选择{field}', 'Choose the {field}'),
  upload: b('请上传{field}', 'Upload the {field}'),
  invalidEmail: b('邮箱格式不正确', 'Invalid e-mail'),
  invalidMobile: b('手机号格式不正确', 'Invalid mobile number'),
  yes: b('是', 'Yes'),
  no: b('否', 'No'),

  // detail
  progress: b('流程进度', 'Progress'),
  applied: b('申请认证', 'Applied'),
  certified: b('认证通过', 'Certified'),
  notStarted: b('未开始', 'Not started'),
  inReviewNote: b('该方案正在审核中，请耐心等待。', 'The solution is under review; please wait.'),
  description: b('方案描述', 'Description'),
  history: b('审核记录', 'Review history'),
  pendingChange: b('重新认证申请', 'Re-certification request'),
} as const;

/** Choices of the wizard's selects (the guide shows the fields without their lists; inferred). */
export const INDUSTRIES = ['政府与公共事业', '金融', '制造', '零售', '互联网', '教育', '医疗健康', '能源', '交通物流', '农林牧渔', '科研', '文娱传媒', '通用'];
export const PRODUCT_TYPES = ['基础软件', '行业应用', '通用应用', '开发工具', '安全', '数据库', '大数据与AI', 'IoT'];
export const CLOUD_MODES = ['SaaS', 'PaaS', 'IaaS', '混合云', '私有化部署'];
export const PUBLIC_CLOUDS = ['华为云', '阿里云', '腾讯云', 'AWS', 'Microsoft Azure', '其他'];
export const MATERIAL_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'pdf', 'jpg', 'png', 'bmp', 'gif', 'zip', 'rar'];
export const TEXT_LIMIT = 1000;
export const MOBILE_RE = /^\+?[\d-]{6,20}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 状态 as the list filters it (server DISPLAY_STATUSES), the guide's names. */
export const STATUSES = [
  ['draft', b('草稿', 'Draft')],
  ['in_review', b('认证审核中', 'Under certification review')],
  ['rejected', b('认证不通过', 'Certification rejected')],
  ['approved', b('认证通过', 'Certified')],
  ['expiring', b('即将到期', 'Expiring soon')],
  ['expired', b('已过期', 'Expired')],
  ['withdrawn', b('已撤回', 'Withdrawn')],
] as const;
