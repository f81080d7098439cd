import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signIn } from './helpers.js';

/**
 * Smoke of the partner-program pages (issue 3 item 4; spec 01 §2.11–2.19, ops 14–29): 华为云伙伴计划 with
 * its tabs and "查看原因", an application wizard up to the console's review, 合作承诺与协议, the
 * distributor's 积分卡 and 云经销商管理, the reseller's 我的总经销商 and the console's 伙伴计划 page.
 * The big journeys live elsewhere.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-programs-'));
function file(name: string, body: string | Buffer) {
  const f = path.join(dir, name);
  writeFileSync(f, body);
  return f;
}
const pdf = (name: string) => file(name, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const png = (name: string) => file(name, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));

/** The file input of the upload control holding this test id. */
const uploadInput = (page: Page, testId: string) => page.locator('.ant-upload-wrapper', { has: page.getByTestId(testId) }).locator('input[type=file]');
/** The form item around a control (its label, help and errors). */
const item = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).first();

async function chooseOption(page: Page, testId: string, text: string, search = false) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

async function pickDate(page: Page, testId: string, date: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(date);
  await page.keyboard.press('Enter');
}

test('华为云伙伴计划: tabs, cards, and 查看原因 listing every unmet condition in the guide’s words', async ({ page }) => {
  // isv_admin is a software partner: the solution-provider plan is refused (nos. 14 and 17)
  await signIn(page, 'partner', { identifier: 'isv_admin' });
  await page.goto('/partner/programs');
  await expect(page.getByTestId('programs-page')).toContainText('华为云伙伴计划');
  for (const t of ['tab-catalogue', 'tab-applied', 'tab-joined']) await expect(page.getByTestId(t)).toBeVisible();
  await expect(page.getByTestId('tab-catalogue')).toHaveText('可申请计划');
  const cards: [string, string][] = [
    ['pce', '合作伙伴共拓计划'],
    ['capability', '合作伙伴能力计划'],
    ['solution_provider', '解决方案提供商计划'],
    ['distributor', '分销计划（总经销商）'],
    ['reseller', '分销计划（云经销商）'],
    ['marketplace_merchant', '云商店商家计划'],
    ['marketplace_csp', '云商店客户服务商计划'],
    ['service_capability', '服务伙伴能力提升专项计划'],
  ];
  for (const [key, name] of cards) await expect(page.getByTestId(`program-card-${key}`)).toContainText(name);
  await expect(page.getByTestId('program-join-pce')).toHaveText(/立即加入/);
  await expect(page.getByTestId('program-state-solution_provider')).toHaveText('未加入');
  await expect(page.getByTestId('program-apply-solution_provider')).toBeDisabled();

  await page.getByTestId('program-reasons-solution_provider').click();
  const reasons = page.getByTestId('program-reasons');
  await expect(reasons).toContainText('您当前的账号不满足加入该计划的以下条件');
  await expect(reasons).toContainText('14) 该账号不是软件伙伴/服务伙伴/SI伙伴账号');
  await expect(reasons).toContainText('17) 该账号同公司下必须有一个软件/服务/SI伙伴账号，且已经完成角色认证阶段');
  await expect(reasons).not.toContainText('1) 该账号已经完成企业实名认证');
  await expect(reasons).toContainText('加入后将获得经销商身份，不再具备客户身份，无法使用对应账号购买云服务。');
  await page.getByTestId('reasons-close').click();

  // the distributor plan is by invitation only
  await page.getByTestId('program-reasons-distributor').click();
  await expect(page.getByTestId('program-reasons')).toContainText('该计划仅限华为云邀请加入，请联系当地的生态经理发送邀请邮件');
  await page.getByTestId('reasons-close').click();

  // 已申请伙伴计划 (伙伴计划 / 伙伴等级) and 已加入伙伴计划, with their empty states
  await page.getByTestId('tab-applied').click();
  await expect(page.getByTestId('tab-applied-programs')).toHaveText('伙伴计划');
  await expect(page.getByTestId('applied-table')).toContainText('暂无已申请的伙伴计划');
  await page.getByTestId('tab-applied-levels').click();
  await expect(page.getByTestId('upgrades-table')).toContainText('暂无等级提升申请');
  await page.getByTestId('tab-joined').click();
  await expect(page.getByTestId('joined-empty')).toContainText('暂未加入伙伴计划');

  // 服务伙伴能力提升专项计划: its thresholds and 表 3-1 on the join page
  await page.goto('/partner/programs/join/service_capability');
  const join = page.getByTestId('join-service_capability');
  await expect(join).toContainText('申请门槛');
  await expect(join).toContainText('表 3-1 一级能力标签范围及申请区域');
  await expect(join).toContainText('上云实施规划服务能力');
  await expect(join).toContainText('仅限海外');
  await expect(page.getByTestId('sc-condition-service-role-certified')).toContainText('合作伙伴已加入服务伙伴发展路径且达到角色认证阶段');
});

test('云商店客户服务商计划: the two steps with server field errors on the fields, submitted, readable in the console', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'isv_admin' });
  await page.goto('/partner/programs');
  await page.getByTestId('program-apply-marketplace_csp').click();
  const wizard = page.getByTestId('program-wizard');
  await expect(wizard).toContainText('华为云伙伴计划 / 加入云商店客户服务商计划');
  await expect(wizard).toContainText('感谢您申请加入云商店客户服务商计划');
  for (const s of ['填写商业信息', '填写计划申请信息']) await expect(page.getByTestId('program-steps')).toContainText(s);
  const form = page.getByTestId('program-form');
  for (const l of ['公司名称', '税务编码', '营业执照文件', '注册资金 (¥)', '公司成立时间', '出资人构成证明', '营业期限', '公司法人', '详细地址', '人员规模', '年营业额 (¥)', '公司LOGO', '公司简介', '联系人信息'])
    await expect(form).toContainText(l);
  await expect(form).toContainText('上传文件支持jpg/bmp/png/pdf格式，单个文件最大20M。');
  await expect(form).toContainText('《华为云云商店客户服务商合作协议》');
  await expect(form).toContainText('0/1,000');

  await page.getByTestId('program-companyName').fill('数智软件股份有限公司');
  await page.getByTestId('program-taxCode').fill('91330100MA27X8Y9W0');
  await uploadInput(page, 'program-licence').setInputFiles(png('营业执照.png'));
  await expect(form).toContainText('营业执照.png');
  await page.getByTestId('program-registeredCapital').fill('5000000');
  await pickDate(page, 'program-foundedDate', '2015-03-01');
  // a business term ending before the founding date: only the server knows, and says so on the field
  await pickDate(page, 'program-businessTermEnd', '2010-01-01');
  await page.getByTestId('program-save-draft').click();
  await expect(item(page, 'program-businessTermEnd')).toContainText('营业期限须晚于公司成立时间');
  await page.getByTestId('program-longTerm').check();
  await page.getByTestId('program-legalPerson').fill('沈杭');
  await chooseOption(page, 'program-province', '浙江省', true);
  await page.getByTestId('program-city').locator('input').fill('杭州市');
  await page.getByTestId('program-address').fill('浙江省杭州市西湖区云栖小镇1号');
  await page.getByTestId('program-engaging-no').click();
  await chooseOption(page, 'program-staffSize', '100-499人');
  await page.getByTestId('program-annualRevenue').fill('32600000');
  await uploadInput(page, 'program-logo').setInputFiles(png('logo.png'));
  await expect(form).toContainText('logo.png');
  await page.getByTestId('program-intro').fill('面向零售行业的SaaS软件');
  await expect(form).toContainText('13/1,000');
  // 联系人信息: 添加 → dialog → 确定 (Enter submits it)
  await page.getByTestId('program-contacts-add').click();
  await page.getByTestId('program-contacts-name').fill('陈立');
  await page.getByTestId('program-contacts-mobile').fill('13500000199');
  await page.getByTestId('program-contacts-email').fill('chenli@isv.example.com');
  await page.getByTestId('program-contacts-email').press('Enter');
  await expect(page.getByTestId('program-contacts')).toContainText('chenli@isv.example.com');
  await page.getByTestId('program-agreement-csp-cooperation').check();
  await page.getByTestId('program-save-draft').click();
  await expect(page.getByText('草稿保存成功')).toBeVisible();
  await page.getByTestId('program-next').click();

  // 2 填写计划申请信息: the template's proofs
  await expect(page.getByTestId('program-answers-section')).toContainText('请根据模板提供商品服务能力认证证明材料（商品信息、原厂授权、销售记录，客户合同）等。');
  await expect(page.getByTestId('program-answers-section')).toContainText('查看计划要求');
  await uploadInput(page, 'program-proof-product').setInputFiles(pdf('商品信息.pdf'));
  await expect(page.getByTestId('program-proofs')).toContainText('商品信息.pdf');
  await page.getByTestId('program-submit').click();
  await expect(page.getByTestId('program-submitted')).toContainText('云商店客户服务商计划申请提交成功');

  // 已申请伙伴计划 shows it 审核中, and its detail has the contacts with 修改
  await page.getByTestId('program-to-applied').click();
  await expect(page.getByTestId('applied-status-marketplace_csp')).toHaveText('审核中');
  await page.getByTestId('applied-detail-marketplace_csp').click();
  await expect(page.getByTestId('application-detail')).toContainText('已申请合作伙伴计划 / 详情');
  await expect(page.getByTestId('application-contacts')).toContainText('修改');

  // the console reads it in the guide's words
  await signIn(page, 'ops', { identifier: 'operations' });
  await page.goto('/ops/reviews');
  const row = page.getByTestId('reviews-table').locator('tr', { hasText: '云商店客户服务商计划' }).first();
  await row.locator('a[data-testid^="review-open-"]').click();
  const data = page.getByTestId('review-data');
  for (const l of ['伙伴公司', '商业信息', '公司名称', '营业执照文件', '联系人信息', '已同意协议', '计划申请信息', '商品服务能力认证证明材料', '商品信息'])
    await expect(data).toContainText(l);
  await expect(data).toContainText('chenli@isv.example.com');
  await expect(data).toContainText('商品信息.pdf');
});

test('合作承诺与协议: 已签署协议 and 关系申报 (申报 / 不涉及 → 确定 → 保存成功)', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/programs/agreements');
  await expect(page.getByTestId('agreements-page')).toContainText('合作承诺与协议');
  await expect(page.getByTestId('tab-signed')).toHaveText('已签署协议');
  for (const c of ['协议名称', '签署时间', '操作']) await expect(page.getByTestId('signed-agreements')).toContainText(c);
  await page.getByTestId('tab-declaration').click();
  const form = page.getByTestId('declaration-form');
  await expect(form).toContainText('请您代表公司申报与华为员工敏感关系');
  await page.getByTestId('declaration-declared').click();
  await page.getByTestId('declaration-save').click();
  await expect(form).toContainText('请填写与华为员工的敏感关系信息');
  await page.getByTestId('declaration-none').click();
  await page.getByTestId('declaration-save').click();
  await expect(page.getByText('保存成功')).toBeVisible();

  // the solution provider sees its plan under 已加入伙伴计划
  await page.goto('/partner/programs?tab=joined');
  await expect(page.getByTestId('joined-solution_provider')).toContainText('解决方案提供商计划');
  await expect(page.getByTestId('joined-status-solution_provider')).toHaveText('已加入');
});

test('distributor: 积分卡 set in the console with metrics, refresh times and chart; 云经销商管理; the reseller’s 我的总经销商', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'dist_admin' });
  await page.goto('/partner/home/scorecard');
  await expect(page.getByTestId('scorecard')).toContainText('分销计划（总经销商）积分卡');
  await expect(page.getByTestId('scorecard-notes')).toContainText('年度业绩、价值云经销商数量刷新时间为T+2。');
  await expect(page.getByTestId('assessments')).toContainText('年度考核结果');

  // the channel manager sets this year's figures and requirements
  await signIn(page, 'ops', { identifier: 'channel_manager' });
  await page.getByTestId('nav-programs').click();
  await expect(page.getByTestId('ops-programs')).toContainText('伙伴计划运营');
  await page.getByTestId('ops-tab-scorecards').click();
  await page.getByTestId('ops-scorecard-account').fill('dist_admin');
  await chooseOption(page, 'ops-scorecard-type', '区域型（一类/二类区域）');
  await page.getByTestId('ops-scorecard-performance').fill('2888000');
  await page.getByTestId('ops-req-performance').fill('2000000');
  await page.getByTestId('ops-req-value-resellers').fill('2');
  await page.getByTestId('ops-scorecard-save').click();
  await expect(page.getByTestId('ops-scorecard-saved')).toContainText('dist_admin');
  await page.getByTestId('ops-tab-members').click();
  await page.getByTestId('ops-members-search').locator('input').fill('神州云分销');
  await page.getByTestId('ops-members-search').locator('input').press('Enter');
  await expect(page.getByTestId('ops-members')).toContainText('分销计划（总经销商）');
  await page.getByTestId('ops-tab-invitations').click();
  await expect(page.getByTestId('ops-invite-form')).toContainText('伙伴账号');
  await expect(page.getByTestId('ops-invite-send')).toBeDisabled(); // only the ecosystem manager sends it
  await page.getByTestId('ops-tab-assessments').click();
  await expect(page.getByTestId('ops-assessment-form')).toContainText('伙伴账号');

  // the distributor's card now shows the metrics, 达标 and the chart
  await signIn(page, 'partner', { identifier: 'dist_admin' });
  await page.goto('/partner/home/scorecard');
  await expect(page.getByTestId('scorecard-type')).toHaveText('区域型（一类/二类区域）');
  await expect(page.getByTestId('metric-annualPerformance')).toContainText('年度业绩');
  await expect(page.getByTestId('metric-achieved-annualPerformance')).toHaveText('288.8万');
  await expect(page.getByTestId('metric-met-annualPerformance')).toHaveText('已达标');
  await expect(page.getByTestId('metric-valueResellers')).toContainText('年度业绩≥5万元、且付费≥100元的客户数不少于3个。');
  await expect(page.getByTestId('metric-met-valueResellers')).toHaveText('未达标');
  await expect(page.getByTestId('metric-certifications')).toContainText('T+1');
  await expect(page.getByTestId('scorecard-chart').locator('canvas')).toBeVisible();

  // 销售 > 云经销商 > 云经销商管理
  await page.goto('/partner/sales/resellers');
  await expect(page.getByTestId('reseller-management')).toContainText('云经销商管理');
  await expect(page.getByTestId('tab-my-resellers')).toHaveText('我的云经销商');
  await expect(page.getByTestId('my-resellers')).toContainText('云经销商名称/账号名');
  await page.getByTestId('invite-reseller').click();
  const dialog = page.getByRole('dialog');
  for (const l of ['邀请云经销商', '被邀请的用户需要先成为云经销商', '邀请邮箱', '云经销商账号', '客户经理姓名']) await expect(dialog).toContainText(l);
  await page.getByTestId('invite-ok').click();
  await expect(dialog).toContainText('请填写邀请邮箱');
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-reseller-applications').click();
  await expect(page.getByTestId('reseller-app-batch')).toHaveText('批量审批');
  await page.getByTestId('tab-invitation-records').click();
  await expect(page.getByTestId('invitation-batch-resend')).toHaveText('批量重发邀请');

  // a reseller sees 我的总经销商
  await signIn(page, 'partner', { identifier: 'reseller_a' });
  await page.goto('/partner/programs?tab=distributor');
  await expect(page.getByTestId('tab-my-distributor')).toHaveText('我的总经销商');
  await expect(page.getByTestId('my-distributor')).toContainText('总经销商合作邀请');
});
