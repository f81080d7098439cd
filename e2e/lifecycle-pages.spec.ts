import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signIn } from './helpers.js';

/**
 * Smoke of the partner-lifecycle pages (issue 3 items 1, 3, 5, 6): the HCPN wizard, development
 * paths, cloud-software solutions, capability certification and their ops-console side, each page
 * opened by a demo user with the guide's Chinese labels on screen. The two big journeys live elsewhere.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-lifecycle-'));
function file(name: string, body: string | Buffer) {
  const f = path.join(dir, name);
  writeFileSync(f, body);
  return f;
}
const pdf = (name: string) => file(name, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const png = (name: string) => file(name, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));

/** The file input of the form item holding the control with this test id. */
const fileInput = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('input[type=file]');

async function chooseOption(page: Page, testId: string, text: string, search = false) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

async function openReview(page: Page, rowText: string) {
  await page.goto('/ops/reviews');
  const row = page.getByTestId('reviews-table').locator('tr', { hasText: rowText }).first();
  await row.locator('a[data-testid^="review-open-"]').click();
  await expect(page.getByTestId('review-data')).toBeVisible();
}

test('HCPN enrolment: the four steps with counters and checks, manual review readable in the console, joined', async ({ page }) => {
  // customer_d: an enterprise-verified Huawei account that is not in HCPN yet
  await signIn(page, 'partner', { identifier: 'customer_d' });
  await expect(page.getByTestId('home-hcpn-card')).toContainText('加入华为云合作伙伴网络（HCPN）');
  await page.getByTestId('home-hcpn-enter').click();
  await expect(page.getByTestId('hcpn-entry')).toContainText('欢迎入驻成为华为云合作伙伴');
  await expect(page.getByTestId('hcpn-entry')).toContainText('若贵公司已经是华为云合作伙伴，无需再次注册');
  await page.getByTestId('hcpn-start').click();

  const wizard = page.getByTestId('hcpn-wizard');
  for (const s of ['填写商业信息', '填写联系人信息', '敏感关系申报', '签署协议']) await expect(wizard).toContainText(s);
  for (const l of ['统一社会信用代码/组织机构代码', '营业执照文件', '注册资金(万元)', '营业范围', '公司所在省/直辖市/自治区', '人员规模', '公司简介'])
    await expect(wizard).toContainText(l);
  await expect(wizard).toContainText('上传文件支持jpg/bmp/png/pdf格式，单个文件最大20M。');
  await expect(wizard).toContainText('0/1,000');
  await expect(wizard).toContainText('0/500');

  // 1 填写商业信息 — the USCC format is checked before anything is sent
  await page.getByTestId('hcpn-uscc').fill('12345');
  await page.getByTestId('hcpn-next').click();
  await expect(wizard).toContainText('统一社会信用代码格式不正确（18位）');
  await page.getByTestId('hcpn-companyName').fill('杭州云栖软件有限公司');
  await page.getByTestId('hcpn-uscc').fill('91330100MA2H3J4K5L');
  await page.getByTestId('hcpn-taxCode').fill('91330100MA2H3J4K5L');
  await fileInput(page, 'hcpn-licence').setInputFiles(png('营业执照.png'));
  await expect(wizard).toContainText('营业执照.png');
  await page.getByTestId('hcpn-registeredCapital').fill('1000');
  await page.getByTestId('hcpn-foundedDate').click();
  await page.getByTestId('hcpn-foundedDate').fill('2015-03-01');
  await page.keyboard.press('Enter');
  await page.getByTestId('hcpn-licenceAddress').fill('浙江省杭州市西湖区云栖小镇1号');
  await page.getByTestId('hcpn-legalPerson').fill('沈杭');
  await page.getByTestId('hcpn-businessScope').fill('软件开发；信息技术咨询服务');
  await expect(wizard).toContainText('13/1,000');
  await chooseOption(page, 'hcpn-province', '浙江省', true);
  await page.getByTestId('hcpn-city').locator('input').fill('杭州市');
  await chooseOption(page, 'hcpn-staffSize', '50-99人');
  await page.getByTestId('hcpn-annualRevenue').fill('5000');
  await page.getByTestId('hcpn-intro').fill('面向零售行业的SaaS软件');
  await page.getByTestId('hcpn-next').click();

  // 2 填写联系人信息
  await expect(page.getByTestId('hcpn-contacts-form')).toBeVisible();
  await page.getByTestId('hcpn-contact-name-0').fill('沈杭');
  await page.getByTestId('hcpn-contact-mobile-0').fill('+86-13500000099');
  await page.getByTestId('hcpn-contact-email-0').fill('shenhang@yunqi.example.com');
  await page.getByTestId('hcpn-next').click();

  // 3 敏感关系申报
  await expect(page.getByTestId('hcpn-sensitive-form')).toContainText('请您代表公司申报与华为员工敏感关系');
  await page.getByTestId('hcpn-sensitive-none').click();
  await page.getByTestId('hcpn-next').click();

  // 4 签署协议 → 提交认证: the verified USCC differs, so 人工审核
  const agreements = page.getByTestId('hcpn-agreements-form');
  await expect(agreements).toContainText('请认真阅读以下协议内容并在方框内勾选确认');
  await expect(agreements.locator('input[type=checkbox]')).toHaveCount(3); // they load with the step
  for (const box of await agreements.locator('input[type=checkbox]').all()) await box.check();
  await page.getByTestId('hcpn-submit').click();
  await expect(page.getByTestId('hcpn-in-review')).toContainText('入驻申请审核中');
  await expect(page.getByTestId('hcpn-status')).toHaveText('审核中');

  // the console shows the application in the guide's words
  await signIn(page, 'ops', { identifier: 'reviewer' });
  await openReview(page, '杭州云栖软件有限公司');
  const data = page.getByTestId('review-data');
  await expect(data).toContainText('统一社会信用代码');
  await expect(data).toContainText('人工审核原因');
  await expect(data).toContainText('统一社会信用代码与企业实名认证信息不一致');
  await expect(data).toContainText('shenhang@yunqi.example.com');
  await page.getByTestId('review-approve').click();
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-detail-status')).toHaveAttribute('data-status', 'approved');

  // now a partner: the wizard says so, and the home page has the 发展路径 module
  await signIn(page, 'partner', { identifier: 'customer_d' });
  await expect(page.getByTestId('home-path-card')).toContainText('探索发展路径');
  await page.goto('/partner/hcpn');
  await expect(page.getByTestId('hcpn-already-partner')).toContainText('该账号已是华为云合作伙伴');
});

test('development paths: explore, stage diagram, select, apply for certification, exit refused with reasons, invitation', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.getByTestId('explore-paths').click();
  const explore = page.getByTestId('paths-explore');
  await expect(explore).toContainText('探索发展路径');
  for (const name of ['软件合作伙伴', '服务合作伙伴', '数字化转型咨询与系统集成', '学习与赋能', '总经销商']) await expect(explore).toContainText(name);
  await expect(page.getByTestId('path-card-si')).toContainText('仅限受邀');

  // 选择该路径 → 发展路径阶段图 → 确认选择 → 已加入伙伴发展路径 → 查看路径详情
  await page.getByTestId('path-select-service').click();
  const dialog = page.getByRole('dialog');
  for (const l of ['发展路径阶段图', '选择角色', '角色认证', '能力差异化', '要求', '可获得以下权益', '可加入以下计划']) await expect(dialog).toContainText(l);
  await page.getByTestId('path-select-confirm').click();
  await expect(page.getByTestId('path-select-result')).toHaveText('已加入伙伴发展路径');
  await page.getByTestId('path-view-detail').click();

  const detail = page.getByTestId('path-detail');
  await expect(detail).toContainText('发展路径详情');
  await expect(detail).toContainText('切换发展路径');
  await expect(page.getByTestId('path-detail-name')).toHaveText('服务合作伙伴');
  await expect(page.getByTestId('path-detail-stage')).toContainText('选择角色');
  await expect(page.getByTestId('stage-columns-role_certified')).toContainText('HCCDA认证人数');
  await expect(page.getByTestId('requirement-role_certified-hccda')).toContainText('0/2');

  // 申请认证 (角色认证) with materials → 审核中 under 认证记录
  await page.getByTestId('path-apply').click();
  await expect(page.getByTestId('path-apply-form')).toContainText('认证材料');
  await fileInput(page, 'path-apply-materials').setInputFiles(pdf('角色认证材料.pdf'));
  await expect(page.getByTestId('path-apply-form')).toContainText('角色认证材料.pdf');
  await page.getByTestId('path-apply-ok').click();
  await page.getByTestId('tab-path-records').click();
  await expect(page.getByTestId('cert-status-role_certified')).toHaveText('审核中');

  // 退出路径: refused, each reason in the guide's words (R12)
  await page.getByTestId('path-exit').click();
  await page.getByTestId('path-exit-ok').click();
  const reasons = page.getByTestId('path-exit-reasons');
  await expect(reasons).toContainText('您的当前账号已加入伙伴计划，无法退出路径');
  await expect(reasons).toContainText('您的当前账号已有审核中的认证申请，无法退出路径');
  await page.getByRole('button', { name: /OK|确\s*定|知道了/ }).last().click();

  // the certification reads well in the console
  await signIn(page, 'ops', { identifier: 'reviewer' });
  await openReview(page, '服务合作伙伴 · 角色认证');
  await expect(page.getByTestId('review-data')).toContainText('发展路径');
  await expect(page.getByTestId('review-data')).toContainText('服务合作伙伴');
  await expect(page.getByTestId('review-data')).toContainText('角色认证材料.pdf');
  await page.getByTestId('review-approve').click();
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-detail-status')).toHaveAttribute('data-status', 'approved');

  // the ecosystem manager invites the account to the SI path …
  await signIn(page, 'ops', { identifier: 'eco_manager' });
  await page.getByTestId('nav-path-invitations').click();
  await expect(page.getByTestId('ops-path-invitations')).toContainText('邀请伙伴加入发展路径');
  await page.getByTestId('invite-account').fill('sp_admin');
  await chooseOption(page, 'invite-path', '数字化转型咨询与系统集成');
  await page.getByTestId('invite-send').click();
  await expect(page.getByTestId('invite-sent')).toContainText('sp_admin');
  await page.getByTestId('nav-annual-reviews').click();
  await expect(page.getByTestId('ops-annual-reviews')).toContainText('伙伴发展路径认证年度复核');

  // … and the e-mail's link opens the choice of that path (确定选择)
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/home/paths?select=si');
  await expect(page.getByRole('dialog')).toContainText('选择数字化转型咨询与系统集成伙伴发展路径');
  await expect(page.getByTestId('path-select-confirm')).toContainText('确定选择');
  await page.getByTestId('path-select-confirm').click();
  await expect(page.getByTestId('path-select-result')).toHaveText('已加入伙伴发展路径');

  // role certification passed: the stage moved and its certificate downloads as a PDF
  await page.goto('/partner/home/paths/service');
  await expect(page.getByTestId('path-detail-stage')).toContainText('角色认证');
  const download = page.waitForEvent('download');
  await page.getByTestId('stage-certificate-role_certified').click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

  // 切换发展路径 among the joined paths
  await chooseOption(page, 'path-switch', '数字化转型咨询与系统集成');
  await expect(page).toHaveURL(/\/partner\/home\/paths\/si$/);
  await expect(page.getByTestId('path-detail-name')).toHaveText('数字化转型咨询与系统集成');
});

test('cloud-software solutions: list and filters, draft, submit, detail with progress, readable review', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/build/cloud-software');
  const list = page.getByTestId('solutions-cloud');
  await expect(list).toContainText('云软件方案');
  for (const c of ['方案名称', '方案来源', '版本号', '行业大类', '状态', '有效期', '最近更新时间']) await expect(list).toContainText(c);
  await expect(page.getByTestId('solutions-table')).toContainText('暂无数据');
  await page.getByTestId('solution-filter-status').click();
  for (const s of ['即将到期', '已过期', '认证审核中']) await expect(page.locator('.ant-select-dropdown:visible')).toContainText(s);
  await page.keyboard.press('Escape');

  // 保存草稿 needs only the name
  await page.getByTestId('solution-create').click();
  await expect(page.getByTestId('solution-form-page')).toContainText('创建云软件方案');
  await expect(page.getByTestId('solution-form-page')).toContainText('0/1,000');
  await page.getByTestId('solution-name').fill('E2E零售云');
  await page.getByTestId('solution-save-draft').click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByTestId('solution-form-page')).toContainText('编辑方案');
  await expect(page.getByTestId('solution-name')).toHaveValue('E2E零售云');

  // complete both steps and 提交认证
  await page.getByTestId('solution-version').fill('1.0');
  await chooseOption(page, 'solution-industry', '零售');
  await page.getByTestId('solution-industrySub').fill('连锁商超');
  await chooseOption(page, 'solution-productType', '行业应用');
  await page.getByTestId('solution-targetCustomers').fill('连锁零售企业');
  await page.getByTestId('solution-scenarios').fill('门店与会员管理');
  await chooseOption(page, 'solution-cloudMode', 'SaaS');
  await page.getByTestId('solution-deployed').getByText('否').click();
  await fileInput(page, 'solution-material-intro').setInputFiles(pdf('方案介绍.pdf'));
  await fileInput(page, 'solution-material-certification').setInputFiles(pdf('认证材料.pdf'));
  await expect(page.getByTestId('solution-form')).toContainText('认证材料.pdf');
  await page.getByTestId('solution-next').click();
  await page.getByTestId('solution-businessContact').fill('陈伟');
  await page.getByTestId('solution-businessMobile').fill('+86-13900000021');
  await page.getByTestId('solution-businessEmail').fill('chenwei@huachuang.example.com');
  await page.getByTestId('solution-submit').click();
  await expect(page.getByTestId('solution-status-E2E零售云')).toHaveText('认证审核中');

  await page.getByTestId('solution-link-E2E零售云').click();
  const progress = page.getByTestId('solution-progress');
  for (const s of ['申请认证', '认证材料审核', '技术审核', '业务审核', '认证通过']) await expect(progress).toContainText(s);
  await expect(page.getByTestId('solution-detail')).toContainText('该方案正在审核中，请耐心等待。');
  await expect(page.getByTestId('solution-detail-material-intro')).toContainText('方案介绍.pdf');

  // 先进云软件方案 offers the Lead-baseline source and asks for the copyright
  await page.goto('/partner/build/advanced-software/create');
  await expect(page.getByTestId('solution-source')).toContainText('使用伙伴Lead基线解决方案');
  await expect(page.getByTestId('solution-form')).toContainText('软件著作版权');

  await signIn(page, 'ops', { identifier: 'reviewer' });
  await openReview(page, 'E2E零售云');
  const data = page.getByTestId('review-data');
  for (const l of ['方案名称', '目标客户', '上云模式', '方案介绍.pdf']) await expect(data).toContainText(l);
});

test('capability certification: labels, apply with materials, records, return for update with the 30-day deadline', async ({ page }) => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('评估表').addRow(['能力项', '自评']);
  const xlsx = file('上云规划实施服务能力.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  const zip = new JSZip();
  zip.file('举证.txt', '案例与证明');
  const evidence = file('举证材料.zip', await zip.generateAsync({ type: 'nodebuffer' }));

  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/capabilities');
  const cap = page.getByTestId('capabilities-page');
  await expect(cap).toContainText('能力图标');
  await expect(page.getByTestId('capability-badges-empty')).toBeVisible();
  for (const tab of ['tab-cap-apply', 'tab-cap-results', 'tab-cap-records']) await expect(page.getByTestId(tab)).toBeVisible();
  await expect(page.getByTestId('capability-label-cloud-migration')).toContainText('上云规划实施(必备)');

  await page.getByTestId('capability-apply-cloud-migration').click();
  const apply = page.getByTestId('capability-apply-page');
  await expect(apply).toContainText('能力认证-能力认证 / 申请认证');
  await expect(page.getByTestId('capability-capability')).toHaveText('上云规划实施 服务能力');
  await expect(apply).toContainText('若认证不通过，该一级能力标签认证冻结6个月，冻结期间无法提交认证申请。');
  await expect(apply).toContainText('上传文件支持excel格式，文件最大50M。');
  await fileInput(page, 'capability-form-upload').setInputFiles(xlsx);
  await fileInput(page, 'capability-evidence-upload').setInputFiles(evidence);
  await expect(apply).toContainText('举证材料.zip');
  await page.getByTestId('capability-declaration').check();
  await page.getByTestId('capability-submit').click();

  await expect(page.getByTestId('capability-record-status-cloud-migration')).toHaveText('审核中');
  await expect(page.getByText('总数: 1')).toBeVisible();

  // 材料初审 returns it: 审核材料待更新 with the deadline and 更新材料
  await signIn(page, 'ops', { identifier: 'reviewer' });
  await openReview(page, '上云规划实施');
  await expect(page.getByTestId('review-data')).toContainText('一级能力标签');
  await page.getByTestId('review-return').click();
  await page.getByTestId('review-action-text').fill('举证材料缺少项目验收报告');
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-detail-status')).toHaveAttribute('data-status', 'returned');

  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/capabilities?tab=records');
  await page.getByTestId('capability-record-cloud-migration').click();
  await expect(page.getByTestId('capability-record-status')).toHaveText('审核材料待更新');
  await expect(page.getByTestId('capability-update-deadline')).toContainText('请在');
  await expect(page.getByTestId('capability-update-deadline')).toContainText('30个自然日');
  await expect(page.getByTestId('capability-update-materials')).toBeVisible();
});
