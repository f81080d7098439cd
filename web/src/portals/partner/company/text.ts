import { pickText } from '../../../i18n';

/**
 * 伙伴信息 texts (guide chapter 4 L2822–3228; spec 02 §2.1–2.6, §3.1–3.3, ops 2–12): Chinese exactly as
 * the guide prints it, English beside. Read with `tx` (the components call useTranslation, so a
 * language switch re-renders them).
 */
const b = (zh: string, en: string) => ({ zh, en });
export type Bi = { zh: string; en: string };

/** `tx(text, { name })`: the text in the UI language with `{name}` placeholders filled. */
export function tx(text: Bi, params?: Record<string, string | number>): string {
  const s = pickText(text);
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

export const T = {
  // ---- 基本信息 (tabs 公司信息 / 账号信息 / 个人资料 / 消息接收设置)
  tabCompany: b('公司信息', 'Company information'),
  tabAccounts: b('账号信息', 'Account information'),
  sharedNote: b('公司信息由全部伙伴账号共享。', 'The company information is shared by all partner accounts of the company.'),
  basic: b('基本信息', 'Basic information'),
  details: b('详细信息', 'Details'),
  contacts: b('联系人信息', 'Contacts'),
  modify: b('修改', 'Modify'),
  companyName: b('公司名称', 'Company name'),
  uscc: b('统一社会信用代码/组织机构代码', 'Unified social credit code / organisation code'),
  usccLocked: b('统一社会信用代码/组织机构代码：暂不支持，如需修改请联系您的生态经理。', 'The unified social credit code cannot be changed here; contact your ecosystem manager.'),
  taxCode: b('税务编码', 'Tax code'),
  licence: b('营业执照', 'Business licence'),
  licenceHint: b('上传文件支持jpg/bmp/png/pdf格式，单个文件最大20M。', 'jpg/bmp/png/pdf, at most 20 MB per file.'),
  registeredCapital: b('注册资金(万元)', 'Registered capital (10,000 CNY)'),
  foundedDate: b('公司成立时间', 'Founding date'),
  businessTerm: b('营业期限', 'Business term'),
  longTerm: b('长期', 'Long-term'),
  licenceAddress: b('营业执照地址', 'Licence address'),
  legalPerson: b('公司法人', 'Legal person'),
  businessScope: b('营业范围', 'Business scope'),
  postcode: b('邮政编码', 'Postcode'),
  postcodeFormat: b('邮政编码为6位数字，例：210000', 'The postcode is 6 digits, e.g. 210000'),
  province: b('公司所在省/直辖市/自治区', 'Province / municipality / autonomous region'),
  city: b('公司所在城市', 'City'),
  staffSize: b('人员规模', 'Staff size'),
  annualRevenue: b('年营业额(万元)', 'Annual revenue (10,000 CNY)'),
  logo: b('公司logo', 'Company logo'),
  logoHint: b('支持jpg/bmp/png/gif格式的图片', 'An image: jpg/bmp/png/gif'),
  website: b('公司网站', 'Website'),
  companyEmail: b('公司邮箱', 'Company e-mail'),
  intro: b('公司简介', 'Company introduction'),
  contactName: b('姓名', 'Name'),
  contactMobile: b('手机', 'Mobile'),
  contactEmail: b('邮箱', 'E-mail'),
  addContact: b('添加联系人', 'Add a contact'),
  contactsMax: b('联系人最多5个', 'At most 5 contacts'),
  noContacts: b('暂无联系人', 'No contacts'),
  viewLicence: b('查看营业执照', 'View the licence'),
  amountFormat: b('请输入数字，单位：万元，最多6位小数', 'A number in 10,000 CNY with at most 6 decimals'),
  required: b('请填写{field}', '{field} is required'),
  choose: b('请选择{field}', 'Choose the {field}'),
  invalidEmail: b('邮箱格式不正确', 'Invalid e-mail'),
  invalidMobile: b('手机号格式不正确', 'Invalid mobile number'),

  // 修改公司信息 (L2839–2871)
  mainOnly: b(
    '当前仅支持伙伴主账号修改公司信息，若您登录账号不是主账号，可在“账号信息”页面查看主账号并联系账号管理员进行修改。',
    'Only the main account can modify the company information. If you are not signed in with it, see the main account on the Account information tab and contact its administrator.',
  ),
  mainAccountIs: b('主账号：{name}', 'Main account: {name}'),
  modifyTitle: b('修改公司信息', 'Modify the company information'),
  modifyBasic: b('修改基本信息', 'Modify the basic information'),
  licenceNote: b(
    '营业执照：如有修改营业执照信息，请先上传新的营业执照文件，系统会自动识别营业执照上的公司信息填充下方基本信息。如自动识别的信息与实际不符，您可以手动修改，提交人工审核。',
    'Business licence: to change the licence particulars, upload the new licence first. Correct anything that does not match by hand; the change then goes to manual review.',
  ),
  renameNote: b('如果您已经进行商业信息认证，修改公司名称后需要重新进行商业信息认证，以免影响您的结算处理。', 'If your business information is certified, renaming the company requires re-certification so settlement is not affected.'),
  newLicenceFirst: b('如有修改营业执照信息，请先上传新的营业执照文件', 'Upload the new business licence before changing the licence particulars'),
  submitChange: b('提交', 'Submit'),
  pendingChange: b('公司信息修改申请{status}，请耐心等待华为方审核处理。', 'A company-information change is {status}; HUAWEI CLOUD will handle it.'),
  outcomeApplied: b('修改成功', 'Changed'),
  outcomeManual: b('已提交人工审核', 'Sent for manual review'),
  manualWhy: b('自动校验未通过的原因', 'Why the automatic check did not pass'),
  recertifyPrompt: b('您已进行商业信息认证，修改公司名称后需要重新进行商业信息认证，以免影响您的结算处理。', 'Your business information is certified: re-certify it after renaming so settlement is not affected.'),
  goRecertify: b('前往重新认证', 'Re-certify now'),
  recertRequired: b('公司名称已修改，请重新进行商业信息认证，以免影响您的结算处理。', 'The company was renamed: re-certify the business information so settlement is not affected.'),

  // 修改记录 (L2863–2867)
  changeLog: b('修改记录', 'Change history'),
  changeLogEmpty: b('暂无修改记录', 'No changes yet'),
  changedFields: b('修改内容', 'Changes'),
  field: b('字段', 'Field'),
  before: b('修改前', 'Before'),
  after: b('修改后', 'After'),
  submittedBy: b('提交人', 'Submitted by'),
  submittedAt: b('提交时间', 'Submitted'),
  decidedAt: b('处理时间', 'Decided'),
  status: b('状态', 'Status'),
  failReason: b('失败原因', 'Reason'),
  resubmitHint: b('若修改信息审核不通过，您可以查看失败原因并根据原因重新提交修改申请。', 'If a change is rejected, read the reason and submit a corrected change.'),
  compare: b('修改前后对比', 'Before / after'),

  // ---- 账号信息 / 转移主账号 (L2875–2897)
  accountName: b('账号名', 'Account name'),
  displayName: b('账号信息', 'Account'),
  mobile: b('手机号', 'Mobile'),
  email: b('邮箱', 'E-mail'),
  joinedAt: b('加入时间', 'Joined'),
  operation: b('操作', 'Action'),
  current: b('当前登录', 'Signed in'),
  mainAccount: b('主账号', 'Main account'),
  mainNote1: b('主账号是贵公司身份的拥有者，可管理贵公司的基本信息和商业信息等。', "The main account owns your company's identity and manages its basic and business information."),
  mainNote2: b(
    '正常情况下，公司第一个入驻HCPN的账号为主账号；您也可以转移主账号，转移后，当前账号将无法执行主账号相关操作，包括管理其他伙伴账号，管理伙伴关键信息等。',
    "Normally the company's first account to join HCPN is the main account. You can transfer the role; afterwards this account can no longer perform main-account operations such as managing the other partner accounts and the company's key information.",
  ),
  transfer: b('转移主账号', 'Transfer the main account'),
  transferNoTarget: b('公司下暂无其他可转移的伙伴账号', 'The company has no other partner account to transfer to'),
  transferSteps: [b('阅读须知', 'Notice'), b('选择目标账号', 'Target account'), b('安全验证', 'Verification')],
  transferNotice: b('转移须知', 'Before you transfer'),
  transferNoticeAck: b('我已阅读并知晓上述须知', 'I have read the notice above'),
  transferAckRequired: b('请阅读并勾选转移须知', 'Read and tick the notice'),
  target: b('目标账号', 'Target account'),
  targetRequired: b('请选择主账号转移的目标账号', 'Choose the account that becomes the main account'),
  verifyBy: b('验证方式', 'Verify by'),
  bySms: b('手机号验证', 'SMS to the mobile'),
  byEmail: b('邮箱验证', 'E-mail'),
  code: b('验证码', 'Verification code'),
  codeRequired: b('请输入验证码', 'Enter the verification code'),
  codeSent: b('验证码已发送', 'The code was sent'),
  codeSentTo: b('验证码已发送至{address}', 'The code was sent to {address}'),
  confirmTransfer: b('确认转移', 'Confirm the transfer'),
  transferred: b('主账号已转移至{name}', 'The main account is now {name}'),

  // ---- 商业信息认证 (L2951–3187)
  bizTitle: b('商业信息', 'Business information'),
  bizIntro: b(
    '为了更好的支撑合作伙伴与华为云的业务往来，完成交易、付款等流程，需要合作伙伴完善公司信息、银行信息等商业信息。',
    'To support business with HUAWEI CLOUD — transactions and payments — complete your company and bank information.',
  ),
  cautions: b('注意事项', 'Before you start'),
  caution1: b('合作伙伴修改商业信息时，请谨慎变更申请，一旦提交申请，在认证完成之前，伙伴无法进行结算处理。', 'Change business information with care: once an application is submitted, you cannot settle until the certification completes.'),
  caution2: b(
    '伙伴是华为供应商管理系统中的同名非IOI伙伴，若伙伴在进行商业信息认证时提交的银行账号、华为签约主体、签约币种与系统中的信息不一致，即伙伴使用新的银行账号，则需要上传银行确认函。',
    "If you are a same-name non-IOI partner in Huawei's supplier system and the bank account, contracting entity or currency you submit differ from the system (a new bank account), you must upload a bank confirmation letter.",
  ),
  cloudStoreNotes: b('云商店伙伴', 'Cloud-store partners'),
  cloudStore1: b('云商店伙伴只有进行商业信息认证才可进行结算。', 'Cloud-store partners can settle only after business information certification.'),
  cloudStore2: b('云商店伙伴须在云商店签署合作分成协议后，才可进行商业信息认证。', 'Cloud-store partners must sign the revenue-sharing agreement in the cloud store before certifying.'),
  cloudStore3: b('云商店伙伴提交商业信息认证后，不支持对信息进行修改。', 'Cloud-store partners cannot change the information after submitting it.'),
  cloudStoreNoRecert: b('云商店伙伴不支持“重新认证”操作；若云商店伙伴需要修改银行信息或公司信息等，请提工单进行处理。', 'Cloud-store partners cannot re-certify; raise a work order to change bank or company information.'),
  cloudStoreAgreementMissing: b('贵公司尚未在云商店签署合作分成协议，签署后才可进行商业信息认证。', 'Your company has not signed the cloud-store revenue-sharing agreement yet; sign it before certifying.'),
  settlementBlocked: b('暂无法结算', 'Settlement unavailable'),
  currentStatus: b('认证状态', 'Certification status'),
  mode: b('认证类型', 'Type'),
  start: b('开始认证', 'Start certification'),
  continueCert: b('继续认证', 'Continue'),
  notCertified: b('贵公司尚未进行商业信息认证。', 'Your business information is not certified yet.'),
  mainOnlyBiz: b('商业信息由主账号管理，请联系主账号进行认证。', "The main account manages the company's business information; ask it to certify."),
  recertify: b('重新认证', 'Re-certify'),
  recertifyConfirmTitle: b('提示', 'Notice'),
  recertifyConfirm: b(
    '重新认证期间，在认证完成之前，您将无法进行结算处理。确定要重新认证商业信息吗？',
    'Until the re-certification completes you cannot settle. Re-certify the business information?',
  ),
  cancelDraft: b('取消', 'Cancel'),
  cancelDraftConfirm: b('确定取消本次认证申请吗？已填写的信息将不会保存。', 'Discard this certification? The information entered is not kept.'),
  cancelled: b('已取消', 'Cancelled'),
  workOrder: b('提交工单', 'Raise a work order'),
  history: b('审核记录', 'Review history'),
  certifiedAt: b('认证时间', 'Certified'),
  certifiedInfo: b('已认证的商业信息', 'Certified business information'),
  editName: b('修改公司名称', 'Change the company name'),
  editNameHint: b(
    '修改公司名称需上传新的营业执照；修改后需要重新进行商业信息认证，以免影响您的结算处理。',
    'Renaming needs the new business licence; afterwards re-certify so settlement is not affected.',
  ),

  steps: [b('填写公司信息', 'Company'), b('填写银行信息', 'Bank'), b('关联供应商调查', 'Related-supplier survey'), b('提交确认', 'Confirm'), b('提交认证', 'Submit')],
  prev: b('上一步', 'Previous'),
  next: b('下一步', 'Next'),
  doneSubmit: b('已完成，提交修改', 'Done, submit the changes'),
  continueBank: b('继续修改银行信息', 'Go on to the bank information'),

  // ① 填写公司信息
  companySection: b('公司基本信息', 'Company'),
  registeredCountry: b('注册国家', 'Registered country'),
  certProvince: b('省/直辖市/自治区', 'Province / municipality / autonomous region'),
  certCity: b('城市', 'City'),
  address: b('详细地址', 'Address'),
  addressHint: b('注册地址必须和营业执照上保持一致。', 'The registered address must match the business licence.'),
  taxSection: b('税务信息', 'Tax'),
  taxpayerType: b('纳税人类型', 'Taxpayer type'),
  taxpayerTypeHint: b('请与贵公司财务部门或当地税务部门确认。', 'Check with your finance department or the local tax office.'),
  taxNumber: b('税号', 'Tax number'),
  taxNumberHint: b('已取得统一社会信用代码的公司直接使用18位的“统一社会信用代码”。', 'A company with a unified social credit code uses that 18-character code.'),
  taxNumberUscc: b('已取得统一社会信用代码的公司直接使用18位的“统一社会信用代码”作为税号', 'Use your 18-character unified social credit code as the tax number'),
  financeSection: b('财务联系人信息', 'Finance contact'),
  financeHint: b(
    '为了便于华为财务人员与贵公司沟通处理涉及发票、银行信息等的异常问题，请提供贵公司财务联系人信息',
    "So that Huawei's finance staff can reach you about invoice or bank problems, give your finance contact",
  ),
  lastName: b('姓', 'Last name'),
  firstName: b('名', 'First name'),
  financeMobile: b('手机', 'Mobile'),
  financeEmail: b('邮箱', 'E-mail'),
  disclaimerPrefix: b('我已阅读并同意', 'I have read and accept the '),
  disclaimerRequired: b('请阅读并同意《商业信息认证免责与隐私声明》', 'Read and accept the disclaimer and privacy statement'),
  disclaimerBody: b(
    '您提交的公司信息、税务信息、财务联系人信息及银行信息仅用于商业信息认证、结算付款及发票处理，华为云将依法保护上述信息的安全。您应保证所填写的信息真实、准确、有效；因信息不实导致的认证失败、付款失败或其他损失由贵公司自行承担。',
    'The company, tax, finance-contact and bank information you submit is used only for business information certification, settlement, payment and invoicing, and is protected as the law requires. You warrant that it is true, accurate and valid; failures or losses caused by wrong information are your company’s.',
  ),

  // ② 填写银行信息
  bankNotes: [
    b('银行名称和分行名称请在下拉框中选择，若找不到目标银行，再手动输入，否则将影响认证；选择手动输入时，若不清楚分行联行号，可以单击输入框下方的提示信息中的链接进行查询。', 'Pick the bank and the branch from the lists; type them only if they are not there, otherwise certification is affected. When typing, use the link under the box to look up the branch code.'),
    b('如果银行不支持银联转账，则无法进行对公转账验证其有效性，此时请确保填写的银行信息正确有效。', 'If the bank does not take UnionPay transfers, the account cannot be verified by a corporate transfer; make sure the details are right.'),
    b('若填写企业信息用于银联对公转账认证，企业代码类型请选择统一社会信用代码。', 'For UnionPay corporate-transfer verification, choose 统一社会信用代码 as the enterprise code type.'),
  ],
  bankCountry: b('银行所在国家', 'Bank country'),
  bankName: b('银行名称', 'Bank name'),
  bankNameHint: b('若找不到目标银行，请您手动输入', 'If your bank is not listed, type it'),
  bankManual: b('手动输入的银行将由华为商业信息审核员人工审核', 'A bank typed by hand is checked by a business-information reviewer'),
  branchName: b('分行名称', 'Branch name'),
  branchNameHint: b('若找不到目标银行分行，请您手动输入', 'If the branch is not listed, type it'),
  branchCode: b('分行代码', 'Branch code'),
  branchCodeHint: b('中国境内银行填写12位联行号；境外银行填写8或11位SWIFT代码。', 'Mainland banks: the 12-digit CNAPS code; others: the 8- or 11-character SWIFT code.'),
  branchCodeLookup: b('不清楚分行联行号？', 'Branch code unknown?'),
  branchCodeLookupHelp: b(
    '联行号印在开户许可证、银行回单上，也可致电开户行或在开户行网点查询。',
    'The CNAPS code is printed on the account-opening permit and on bank receipts; your branch can also tell you.',
  ),
  branchCodeFormat: b('分行代码（联行号）须为12~13位数字', 'The branch code (CNAPS) must be 12–13 digits'),
  branchLocation: b('分行所在地', 'Branch location'),
  branchLocationHint: b('例：广东省 深圳市', 'e.g. 广东省 深圳市'),
  accountHolder: b('银行账户', 'Account holder'),
  accountHolderHint: b('银行账户必须与公司名称一致', 'The account holder must be the company name'),
  accountNumber: b('银行账号', 'Account number'),
  accountNumberFormat: b('银行账号须为8~30位数字', 'The account number must be 8–30 digits'),
  currency: b('货币', 'Currency'),
  unionPaySection: b('请补充以下信息用于银联对公转账认证', 'For UnionPay corporate-transfer verification'),
  legalRepresentative: b('法定代表人', 'Legal representative'),
  enterpriseCodeType: b('企业代码类型', 'Enterprise code type'),
  enterpriseCode: b('企业代码', 'Enterprise code'),
  enterpriseCodeUscc: b('企业代码须为贵公司的18位统一社会信用代码', "The enterprise code must be your company's 18-character unified social credit code"),

  // ③ 关联供应商调查
  surveyQuestion: b(
    '贵公司的人员（包括投资者或员工）是否涉及华为公司员工（包括华为现职员工、前华为公司员工或华为现职员工的主要亲属）？',
    "Do any of your company's people (investors or employees) involve Huawei employees (current, former, or main relatives of current employees)?",
  ),
  involved: b('涉及', 'Involved'),
  notInvolved: b('不涉及', 'Not involved'),
  surveyChoose: b('请选择涉及或不涉及', 'Choose involved or not involved'),
  surveyIntro: b('请根据贵公司的实际情况完成以下调查问卷，若有涉及下述情况的，请在后面打勾并填写详情。', 'Complete the questionnaire; tick each situation that applies and give the details.'),
  surveyItems: [
    b('1、华为公司现职员工是贵公司的直接投资者。', '1. A current Huawei employee is a direct investor in your company.'),
    b('2、华为公司现职员工在贵公司兼任职务。', '2. A current Huawei employee holds a concurrent post in your company.'),
    b('3、华为公司现职员工的主要亲属，是贵公司的主要投资者。', '3. A main relative of a current Huawei employee is a main investor in your company.'),
    b('4、华为公司现职员工的主要亲属，在贵公司担任职务。', '4. A main relative of a current Huawei employee holds a post in your company.'),
    b('5、前华为公司员工为贵公司的直接投资者或到贵公司担任职务。', '5. A former Huawei employee is a direct investor in or holds a post in your company.'),
  ],
  surveyDetails: b('详情', 'Details'),
  surveyDetailsRequired: b('请填写详情', 'Give the details'),
  surveyTickOne: b('请勾选涉及的情况并填写详情', 'Tick the situations that apply and give details'),

  // ④ 提交确认
  confirmBank: b('请确保您填写的银行信息准确有效', 'Make sure the bank information is correct and valid'),
  confirmAmount: b(
    '请确认您填写的信息正确有效，我们将向您的账户（银行账号：{account}）转入随机金额（0.01元~0.99元）进行认证。',
    'Confirm that the information is correct: we will transfer a random amount (0.01–0.99 CNY) to your account ({account}) to verify it.',
  ),
  transferRule: b(
    '若您认证的银行触发转账金额验证，华为云将向您的账户转入随机金额（0.01元~0.99元）进行认证。请根据您账户收到的转账金额进行认证，您有三次认证机会；若您已认证失败3次，认证申请将被锁定。',
    'If your bank triggers amount verification, HUAWEI CLOUD transfers a random amount (0.01–0.99 CNY) to the account. Enter the amount received; you have three attempts, and after the third failure the application is locked.',
  ),
  submit: b('提交', 'Submit'),
  submitConfirmTitle: b('提示', 'Notice'),
  submitRecertBank: b('提交后，华为云将向您的新银行账户转入随机金额（0.01元~0.99元）进行认证，认证完成之前无法进行结算处理。确定提交吗？', 'After submission HUAWEI CLOUD transfers a random amount (0.01–0.99 CNY) to the new account; you cannot settle until the certification completes. Submit?'),
  surveySummary: b('关联供应商调查', 'Related-supplier survey'),

  // ⑤ 提交认证
  amountTitle: b('输入转账金额', 'Enter the transfer amount'),
  amountIntro: b('认证信息提交成功后，请查询并输入转账金额，单击“提交认证”。', 'Look up the amount received and enter it, then click Submit certification.'),
  amountSent: b('华为云已向您的账户（银行账号：{account}）转入随机金额（0.01元~0.99元），请查询到账金额。', 'HUAWEI CLOUD transferred a random amount (0.01–0.99 CNY) to your account {account}; look it up.'),
  amount: b('转账金额', 'Transfer amount'),
  amountUnit: b('元', 'CNY'),
  amountFormatHint: b('请输入收到的转账金额（0.01元~0.99元，最多两位小数）', 'Enter the amount received (0.01–0.99 CNY, at most 2 decimals)'),
  attemptsLeft: b('您还有{n}次认证机会', '{n} attempt(s) left'),
  submitCert: b('提交认证', 'Submit certification'),
  lockedTitle: b('认证申请已锁定', 'The certification is locked'),
  locked: b('如果您已输入金额认证失败3次，认证申请将被锁定，如需继续认证请提交工单解除锁定。', 'After three wrong amounts the application is locked; raise a work order to unlock it.'),
  autoTitle: b('系统自动认证中', 'Automatic certification in progress'),
  autoDesc: b('提交完成后，系统自动认证中，请耐心等待认证结果。商业信息认证正常1~3个小时内即可完成认证；部分情况需要华为商业信息审核员处理，请您耐心等待认证结果。', 'Automatic certification normally completes within 1–3 hours; some cases go to a business-information reviewer.'),
  manualTitle: b('人工审核中', 'Under manual review'),
  manualDesc: b('商业信息认证异常后，华为商业信息审核员会在3-5个工作日内处理完成，未处理的可以提交工单解决。', 'A business-information reviewer handles it within 3–5 working days; if not, raise a work order.'),
  manualReasons: b('人工审核原因', 'Why manual review'),
  letterTitle: b('银行确认函', 'Bank confirmation letter'),
  letterRequired: b(
    '伙伴是华为供应商管理系统中的同名非IOI伙伴，伙伴商业信息认证提交的银行账号、华为签约主体、签约币种与系统中的信息不一致时，需上传银行确认函。',
    "As a same-name non-IOI partner whose bank account, contracting entity or currency differ from Huawei's supplier system, upload a bank confirmation letter.",
  ),
  letterOptional: b('（可选）若贵公司使用新的银行账号，请下载银行确认函模板，确认模板中的信息并加盖公章或签字后上传扫描件。', '(Optional) If you use a new bank account, download the template, check it, stamp or sign it and upload the scan.'),
  letterDownload: b('下载银行确认函模板', 'Download the bank letter template'),
  letterUpload: b('银行确认函扫描件', 'Scan of the letter'),
  letterSubmit: b('提交银行确认函', 'Submit the bank confirmation letter'),
  letterWait: b('银行确认函提交后，请等待认证审核结果。', 'After submitting the letter, wait for the review result.'),
  letterUploaded: b('已上传：{name}', 'Uploaded: {name}'),
  letterFileRequired: b('请上传已加盖公章或签字的银行确认函扫描件', 'Upload the stamped or signed letter'),
  failedTitle: b('认证失败', 'Certification failed'),
  failedDesc: b(
    '认证申请被驳回，您可以查看驳回原因，修改认证信息后，重新启动认证申请。认证失败的情况伙伴也可以提交工单解决，提供工单后3个工作日内可处理完成。',
    'The application was rejected. Read the reason, correct the information and start again, or raise a work order (handled within 3 working days).',
  ),
  failedCloudStore: b('云商店伙伴提交商业信息认证后，不支持对信息进行修改，请提工单进行处理。', 'Cloud-store partners cannot change the information after submitting it; raise a work order.'),
  editAgain: b('修改认证信息', 'Correct the information'),
  failReasonLabel: b('驳回原因', 'Reason'),
  certifiedTitle: b('商业信息认证成功', 'Business information certified'),
  certifiedDesc: b('认证完成后您会收到系统邮件和短信通知。', 'You receive an e-mail and an SMS when certification completes.'),

  // ---- 案例管理 / 商业计划 (L3189–3228)
  casesTitle: b('案例管理', 'Cases'),
  casesNote: b('案例材料为伙伴角色认证和能力差异化认证时提交的案例。', 'Cases are those submitted with role certification and differentiation certification.'),
  caseName: b('案例名称', 'Case'),
  caseFile: b('案例材料', 'Case material'),
  plansTitle: b('商业计划', 'Business plans'),
  plansNote: b('商业计划书材料为伙伴角色认证和能力差异化认证时提交的商业计划书。', 'Business plans are those submitted with role certification and differentiation certification.'),
  planName: b('商业计划书名称', 'Business plan'),
  planFile: b('商业计划书材料', 'Business plan material'),
  reviewComment: b('审核意见', 'Review comment'),
  reviewer: b('审核人', 'Reviewer'),
  updatedAt: b('最近更新时间', 'Last updated'),
  uploadedAt: b('上传时间', 'Uploaded'),
  allStatuses: b('全部状态', 'All statuses'),
  casesEmpty: b('暂无案例。案例在角色认证或能力差异化认证时提交。', 'No cases yet. Cases are submitted with role or differentiation certification.'),
  plansEmpty: b('暂无商业计划书。商业计划书在角色认证或能力差异化认证时提交。', 'No business plans yet. They are submitted with role or differentiation certification.'),
  total: b('共 {total} 条', '{total} in total'),
} as const;

/** 纳税人类型 (the server's TAXPAYER_TYPES; the guide shows a required select without its options). */
export const TAXPAYER_TYPES = ['一般纳税人', '小规模纳税人'] as const;
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP', 'JPY', 'SGD'] as const;
export const ENTERPRISE_CODE_TYPES = ['统一社会信用代码', '组织机构代码', '营业执照注册号', '其他'] as const;
export const USCC_TYPE = '统一社会信用代码';
export const COUNTRIES = ['中国', '中国香港', '中国澳门', '新加坡', '美国', '英国', '德国', '日本'] as const;
export const IS_CHINA = (c: string | undefined) => ['中国', '中国大陆', 'China', 'CN'].includes((c ?? '').trim());
export const LIMITS = { place: 64, address: 200, personName: 50, bankName: 100, companyName: 200, enterpriseCode: 50, surveyDetails: 500 } as const;
/** 银行确认函 upload (server purpose `bank-confirmation-letter`). */
export const LETTER_PURPOSE = 'bank-confirmation-letter';
export const LETTER_TYPES = ['jpg', 'bmp', 'png', 'pdf'];
export const AMOUNT_RE = /^\d{1,2}(\.\d{1,2})?$/;
