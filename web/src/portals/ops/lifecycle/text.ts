/** Operations-console texts of the partner lifecycle (HCPN, paths, cloud-software solutions, capability labels). */
const b = (zh: string, en: string) => ({ zh, en });

export const T = {
  invitations: b('发展路径邀请', 'Path invitations'),
  inviteTitle: b('邀请伙伴加入发展路径', 'Invite a partner to a development path'),
  inviteIntro: b(
    '数字化转型咨询与系统集成、学习与赋能、总经销商发展路径仅限受邀伙伴加入。生态经理线下沟通后在此发送邀请邮件，伙伴通过邮件中的链接登录伙伴中心并确定选择。',
    'The SI, learning and distributor paths are by invitation only. After talking to the partner, the ecosystem manager sends the invitation e-mail here; the partner follows its link and confirms.',
  ),
  account: b('伙伴账号', 'Partner account'),
  accountHint: b('账号名、邮箱或账号ID；该账号须已加入华为云伙伴体系', 'Account name, e-mail or account id; the account must be in HCPN'),
  accountRequired: b('请输入伙伴账号', 'Enter the partner account'),
  path: b('发展路径', 'Development path'),
  pathRequired: b('请选择发展路径', 'Choose the path'),
  send: b('发送邀请', 'Send invitation'),
  sent: b('邀请已发送', 'Invitation sent'),
  sentTo: b('已向 {email} 发送邀请邮件', 'Invitation e-mail sent to {email}'),
  noEmail: b('该账号未绑定邮箱，邀请已记录，伙伴登录伙伴中心后即可选择该路径', 'The account has no e-mail; the invitation is recorded and the partner can choose the path after signing in'),
  sentList: b('已发送的邀请', 'Invitations sent'),
  acceptedState: b('状态', 'Status'),
  accepted: b('已选择路径', 'Path selected'),
  notAccepted: b('待选择', 'Not yet selected'),
  sentAt: b('发送时间', 'Sent at'),
  email: b('邀请邮箱', 'E-mail'),
  roleNote: b('仅生态经理可以发送发展路径邀请。', 'Only ecosystem managers can send path invitations.'),
  annualReviews: b('年度复核', 'Annual reviews'),
  annualTitle: b('伙伴发展路径认证年度复核', 'Annual review of development-path certification'),
  annualIntro: b(
    '当年复核范围内的全部认证（含尚未申请复核的）。复核决定（复核通过 / 复核不通过 / 修改意见）在审核中心处理：通过、驳回（填写复核意见）或退回修改（填写修改意见）。',
    'Every certification in this year’s review scope, including those not applied for yet. Decide in the review centre: approve, reject with the opinion, or return with a modification opinion.',
  ),
  partner: b('合作伙伴', 'Partner'),
  year: b('年度', 'Year'),
  stage: b('复核阶段', 'Stage under review'),
  status: b('复核状态', 'Status'),
  applyDeadline: b('复核申请截止时间', 'Application deadline'),
  submittedAt: b('提交时间', 'Submitted at'),
  handle: b('处理', 'Handle'),
  notApplied: b('未申请', 'Not applied'),
  total: b('共 {total} 条', '{total} in total'),
  requirements: b('认证要求', 'Requirements'),
} as const;

/** 年度复核 statuses (server ANNUAL_REVIEW_STATUSES). */
export const ANNUAL_STATUSES = [
  ['started', b('待申请复核', 'Awaiting application')],
  ['reviewing', b('复核中', 'Under annual review')],
  ['modification_requested', b('复核中（修改意见）', 'Under review (modification requested)')],
  ['passed', b('复核通过', 'Passed')],
  ['failed', b('复核不通过', 'Failed')],
] as const;

/** The invite-only paths (R8) and their names. */
export const INVITE_PATHS = [
  ['si', b('数字化转型咨询与系统集成', 'Digital transformation consulting and system integration')],
  ['learning', b('学习与赋能', 'Learning and enablement')],
  ['distributor', b('总经销商', 'Distributor')],
] as const;

export const PATH_NAMES: Record<string, { zh: string; en: string }> = {
  software: b('软件合作伙伴', 'Software partner'),
  service: b('服务合作伙伴', 'Service partner'),
  si: b('数字化转型咨询与系统集成', 'Digital transformation consulting and system integration'),
  learning: b('学习与赋能', 'Learning and enablement'),
  distributor: b('总经销商', 'Distributor'),
};

export const STAGE_NAMES: Record<string, { zh: string; en: string }> = {
  role_selected: b('选择角色', 'Role selected'),
  role_certified: b('角色认证', 'Role certified'),
  differentiated: b('能力差异化', 'Capability differentiation'),
};

/** Labels of the review data the lifecycle kinds submit with English keys. */
export const DATA_LABELS: Record<string, { zh: string; en: string }> = {
  path: b('发展路径', 'Development path'),
  stage: b('认证阶段', 'Stage'),
  year: b('年度', 'Year'),
  requirements: b('认证要求', 'Requirements'),
  partnerId: b('伙伴ID', 'Partner id'),
  companyId: b('公司ID', 'Company id'),
  materials: b('方案材料', 'Materials'),
  cases: b('案例材料', 'Case materials'),
  businessPlan: b('商业计划书', 'Business plan'),
  name: b('方案名称', 'Solution name'),
  version: b('版本号', 'Version'),
  industry: b('行业大类', 'Industry'),
  industrySub: b('行业细分', 'Industry segment'),
  productType: b('产品类型', 'Product type'),
  productSubType: b('子产品类型', 'Product sub-type'),
  targetCustomers: b('目标客户', 'Target customers'),
  scenarios: b('应用场景', 'Scenarios'),
  cloudMode: b('上云模式', 'Cloud mode'),
  deployedOnPublicCloud: b('是否在公有云部署过', 'Deployed on a public cloud'),
  publicClouds: b('您在哪些云平台部署过', 'Platforms'),
  otherNotes: b('其他认证说明信息', 'Other notes'),
  baselineSolutionId: b('伙伴Lead基线解决方案', 'Baseline solution'),
  baseline: b('基线解决方案信息', 'Baseline solution information'),
  solutionId: b('基线解决方案ID', 'Baseline solution id'),
  deploymentForm: b('部署形态', 'Deployment form'),
  approvalCompletedAt: b('立项完成时间', 'Approval completed'),
  industryMasterData: b('行业主数据L0-L4.5', 'Industry master data'),
  intro: b('方案介绍材料', 'Introduction'),
  copyright: b('软件著作版权', 'Software copyright'),
  certification: b('方案认证材料', 'Certification materials'),
  testReport: b('测试报告', 'Test report'),
  contacts: b('联系人信息', 'Contacts'),
  businessContact: b('贵公司业务联系人', 'Business contact'),
  businessMobile: b('贵公司业务联系人手机', 'Business contact mobile'),
  businessEmail: b('贵公司业务联系人邮箱', 'Business contact e-mail'),
  hasHuaweiContact: b('是否有华为接口人和您进行业务接洽', 'Huawei contact'),
  huaweiContactName: b('华为接口人姓名', 'Huawei contact name'),
  huaweiContactMobile: b('华为接口人手机', 'Huawei contact mobile'),
  mobile: b('手机', 'Mobile'),
  email: b('邮箱', 'E-mail'),
};

/** Why an HCPN application went to 人工审核 (partners/hcpn.ts AUTO_CHECKS). */
export const HCPN_MANUAL_REASONS: Record<string, { zh: string; en: string }> = {
  'uscc-mismatch': b('统一社会信用代码与企业实名认证信息不一致', 'The USCC differs from the enterprise real-name verification'),
  'name-mismatch': b('公司名称与企业实名认证信息不一致', 'The company name differs from the enterprise real-name verification'),
  'sensitive-relation-declared': b('已申报与华为员工的敏感关系', 'A sensitive relationship with Huawei employees is declared'),
  'previously-reviewed': b('审核未通过后重新提交', 'Resubmitted after a rejection'),
};

export const LIFECYCLE_KINDS = ['partners.hcpn-enrolment', 'paths.certification', 'paths.annual-review', 'paths.software-selection', 'solutions.cloud-software', 'solutions.advanced-software', 'capabilities.certification'];
