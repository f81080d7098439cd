/** 合作伙伴发展路径 texts (spec 01 §2.7–2.10, ops 5–13; guide L795–1627). */
const b = (zh: string, en: string) => ({ zh, en });

export const T = {
  explore: b('探索发展路径', 'Explore development paths'),
  exploreIntro: b(
    '发展路径主要用于构建您的方案和能力。您可以选择一个或多个发展路径；软件和服务伙伴发展路径可自主选择，数字化转型咨询与系统集成、学习与赋能、总经销商发展路径仅限受邀伙伴加入。',
    'Development paths build your solutions and capabilities. Choose one or several: the software and service paths are open to all; the SI, learning and distributor paths are by invitation only.',
  ),
  consult: b('结合您的业务发展意愿在选择发展路径前，请务必提前与您的生态经理咨询确认后再进行选择。', 'Consult your ecosystem manager before choosing a path.'),
  detailTitle: b('发展路径详情', 'Development path details'),
  switchPath: b('切换发展路径', 'Switch path'),
  tabProgress: b('发展路径进展', 'Progress'),
  tabRecords: b('认证记录', 'Certification records'),
  stageDiagram: b('发展路径阶段图', 'Stage diagram'),
  requirements: b('要求', 'Requirements'),
  benefits: b('可获得以下权益', 'Benefits'),
  programs: b('可加入以下计划', 'Programs you can join'),
  noBenefits: b('暂无', 'None'),
  reached: b('已达成', 'Reached'),
  notReached: b('未达成', 'Not reached'),
  currentStage: b('当前阶段', 'Current stage'),
  judgedByReview: b('由华为云审核材料确认', 'Confirmed by HUAWEI CLOUD from the materials'),
  inviteOnly: b('仅限受邀', 'By invitation'),
  invited: b('已受邀', 'Invited'),
  inviteRequired: b('该发展路径仅限受邀伙伴加入，请联系生态经理', 'This path is by invitation only; contact your ecosystem manager'),
  selectPath: b('选择该路径', 'Choose this path'),
  reselect: b('重新选择', 'Choose again'),
  confirmSelect: b('确认选择', 'Confirm'),
  confirmInvited: b('确定选择', 'Confirm'),
  selectInvited: b('选择{name}伙伴发展路径', 'Choose the {name} development path'),
  becomeDistributor: b('申请成为华为云总经销商', 'Apply to become a HUAWEI CLOUD distributor'),
  joinDistributorPlan: b('加入分销计划（总经销商）', 'Join the distribution program (distributor)'),
  joinedTitle: b('已加入伙伴发展路径', 'You have joined the development path'),
  pendingTitle: b('您的选择已提交，等待生态经理审核', 'Your choice is waiting for the ecosystem manager’s review'),
  pendingDesc: b('贵公司已有其他伙伴账号选择了软件合作伙伴发展路径，需生态经理审核通过后方可加入。', 'Another account of your company already chose the software path, so the ecosystem manager reviews this choice first.'),
  viewDetail: b('查看路径详情', 'View path details'),
  viewDetails: b('查看详情', 'View details'),
  rejectReason: b('审核未通过原因', 'Reason'),
  exit: b('退出路径', 'Exit path'),
  exitConfirm: b('确定退出“{name}”发展路径吗？', 'Exit the "{name}" path?'),
  exitRule: b('已完成角色认证，或已有伙伴计划、云软件方案等记录时无法退出路径。', 'A path cannot be exited after role certification or while plans, solutions or other records exist.'),
  exited: b('已退出路径', 'You have left the path'),
  exitRefused: b('无法退出路径', 'The path cannot be exited'),
  applyCert: b('申请认证', 'Apply for certification'),
  applyTitle: b('申请{stage}', 'Apply for {stage}'),
  applyFix: b('修改材料并重新提交', 'Correct and resubmit'),
  submitReview: b('提交审核', 'Submit for review'),
  submitted: b('认证申请已提交，请等待华为云审核', 'Submitted; HUAWEI CLOUD will review it'),
  materials: b('认证材料', 'Certification materials'),
  materialsHint: b('支持doc/docx/xls/xlsx/pdf/jpg/png/bmp/gif/zip/rar格式，单个文件最大50M，最多20个', 'doc/docx/xls/xlsx/pdf/jpg/png/bmp/gif/zip/rar, up to 50 MB each, at most 20 files'),
  cases: b('案例材料', 'Case materials'),
  casesHint: b('案例材料提交后可在“伙伴信息 > 案例管理”中查看', 'Submitted cases are listed under Partner info > Cases'),
  businessPlan: b('商业计划书', 'Business plan'),
  businessPlanHint: b('商业计划提交后可在“伙伴信息 > 商业计划”中查看', 'Submitted business plans are listed under Partner info > Business plans'),
  personalCertRule: b(
    '个人证书需伙伴成员的个人华为账号绑定至伙伴管理员账号后方可计入公司的认证人数。',
    'Personal certificates count for the company only after the member’s personal Huawei account is bound to the partner admin account.',
  ),
  differentiationRule: b(
    '能力差异化认证需至少获得1个指定范围内的能力标签（上云规划实施、数据库、昇腾云、AI平台、大数据、云原生、应用现代化、SAP）',
    'Differentiation needs at least one capability label from the preferred list (cloud migration, database, Ascend Cloud, AI platform, big data, cloud native, app modernization, SAP)',
  ),
  softwareAutomatic: b(
    '软件合作伙伴无需手动申请认证：伙伴（或同公司其他伙伴账号）有认证通过的云软件方案即完成角色认证，有认证通过的先进云软件方案即同时完成角色认证和能力差异化。',
    'The software path needs no application: a certified cloud-software solution of the company completes role certification, a certified advanced one completes both stages.',
  ),
  requiredUpload: b('请上传{field}', 'Upload the {field}'),
  stage: b('认证阶段', 'Stage'),
  status: b('状态', 'Status'),
  submittedAt: b('提交时间', 'Submitted at'),
  decidedAt: b('审核完成时间', 'Decided at'),
  failureReason: b('审核意见', 'Review opinion'),
  recordDetail: b('认证详情', 'Certification details'),
  history: b('审核记录', 'Review history'),
  downloadCert: b('下载证书', 'Download certificate'),
  goBuild: b('前往创建', 'Create one'),
  notJoinedHint: b('您尚未加入该发展路径', 'You have not joined this path'),
  joined: b('已加入', 'Joined'),
  annualReview: b('年度复核', 'Annual review'),
  annualTitle: b('伙伴发展路径认证年度复核', 'Annual review of development-path certification'),
  annualIntro: b(
    '已获得认证的伙伴需在伙伴中心页面规定的日期内完成复核申请：保证各要求项满足要求后，单击“申请复核”上传复核材料并提交审核。复核结果将通过站内信、邮件和短信通知；复核不通过将回退认证阶段。',
    'Certified partners apply for the annual review by the dates shown: once every requirement is met, click “Apply for review” and upload the materials. Results are sent by in-site message, e-mail and SMS; a failed review rolls the stage back.',
  ),
  reviewedStage: b('复核阶段', 'Stage under review'),
  applyDeadline: b('复核申请截止时间', 'Application deadline'),
  modificationDeadline: b('修改材料截止时间', 'Modification deadline'),
  resultsBy: b('复核结果预计发布时间', 'Results expected by'),
  applyReview: b('申请复核', 'Apply for review'),
  viewOpinion: b('查看修改意见', 'View modification opinion'),
  modifyMaterials: b('修改材料', 'Modify materials'),
  modificationOpinion: b('修改意见', 'Modification opinion'),
  resultOpinion: b('复核意见', 'Review opinion'),
  rolledBack: b('认证阶段已回退至：{stage}', 'The stage was rolled back to: {stage}'),
  reviewMaterials: b('复核材料', 'Review materials'),
  reviewApplied: b('复核申请已提交，状态：复核中', 'Review applied for: under annual review'),
  reviewModified: b('复核材料已修改并重新提交审核', 'Materials modified and resubmitted'),
  annualRecords: b('复核记录', 'Annual review records'),
  year: b('年度', 'Year'),
  requirementsUnmet: b('以下认证要求尚未满足，请保证所有认证要求均为已通过状态后再申请：', 'These requirements are not met yet; meet them all before applying:'),
} as const;

/** Stages that need a 商业计划书 (server catalogue `businessPlanFor`). */
export const BUSINESS_PLAN_FOR: Record<string, readonly string[]> = {
  service: ['differentiated'],
  si: ['role_certified', 'differentiated'],
  learning: ['differentiated'],
};

/** R12: "您的当前账号已…，无法退出路径", by the reason keys of `details.reasons` (paths/service.ts EXIT_BLOCKERS). */
export const EXIT_REASONS: Record<string, { zh: string; en: string }> = {
  'joined-plan': b('您的当前账号已加入伙伴计划，无法退出路径', 'Your account has joined a partner program and cannot exit the path'),
  'role-certified': b('您的当前账号已完成角色认证，无法退出路径', 'Your account has completed role certification and cannot exit the path'),
  differentiated: b('您的当前账号已完成能力差异化，无法退出路径', 'Your account has completed capability differentiation and cannot exit the path'),
  'cloud-software-record': b('您的当前账号已有云软件方案或先进云软件方案记录，无法退出路径', 'Your account has a cloud-software or advanced cloud-software solution record and cannot exit the path'),
  'certification-pending': b('您的当前账号已有审核中的认证申请，无法退出路径', 'Your account has a certification application under review and cannot exit the path'),
};

/** One line under each path's name on 探索发展路径 (the guide's chapter openings, condensed). */
export const PATH_INTROS: Record<string, { zh: string; en: string }> = {
  software: b('面向拥有自有软件产品或解决方案的伙伴，通过云软件认证和先进云软件认证提升方案能力。', 'For partners with their own software products or solutions, certified as cloud software and advanced cloud software.'),
  service: b('面向提供华为云专业服务的伙伴，通过人员认证与项目实践完成角色认证和能力差异化。', 'For partners delivering HUAWEI CLOUD professional services, certified through people and projects.'),
  si: b('面向数字化转型咨询与系统集成伙伴，仅限受邀白名单伙伴加入。', 'For digital-transformation consulting and system-integration partners; by invitation.'),
  learning: b('面向开展华为云培训与认证业务的伙伴，仅限受邀伙伴加入。', 'For partners running HUAWEI CLOUD training and certification; by invitation.'),
  distributor: b('面向华为云总经销商，受邀后选择路径并加入分销计划（总经销商）。', 'For HUAWEI CLOUD distributors: by invitation, leading into the distribution program.'),
};

/** Requirements that link to where they are met (op 8: the software requirement jumps to 构建). */
export const REQUIREMENT_LINKS: Record<string, string> = {
  'cloud-software': '/build/cloud-software',
  'advanced-cloud-software': '/build/advanced-software',
  'preferred-labels': '/capabilities',
  'any-labels': '/capabilities',
};

export const MATERIAL_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'pdf', 'jpg', 'png', 'bmp', 'gif', 'zip', 'rar'];
