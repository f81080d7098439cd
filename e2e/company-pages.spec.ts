import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signIn } from './helpers.js';

/**
 * Smoke of 伙伴信息 (issue 3 item 2; spec 02 §4 ops 2–12): 基本信息 > 公司信息 / 账号信息, the five-step
 * 商业信息认证 through the 0.01–0.99 CNY transfer (the amount read in the ops console, which stands in
 * for the bank statement in the demo), the 3-strike lock and its unlock, 重新认证, a company-info change
 * by automatic check and by manual review, and 案例管理 / 商业计划 — each with the guide's labels.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-company-'));
const png = (name: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
  return f;
};
const fileInput = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('input[type=file]');

async function chooseOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** A searchable select with a long (virtual) list: type, then pick. */
async function searchOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** The transfer amount as the console shows it (a staff user in a second browser context). */
async function transferredAmount(browser: Browser, company: string): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const ops = await context.newPage();
  await signIn(ops, 'ops', { identifier: 'reviewer' });
  await ops.getByTestId('nav-business-info').click();
  await expect(ops.getByTestId('ops-business-info')).toContainText('商业信息认证');
  await ops.getByTestId('ops-cert-company').fill(company);
  await ops.getByTestId('ops-cert-search').click();
  const row = ops.getByTestId('ops-certs-table').locator('tr', { hasText: company }).first();
  await expect(row).toContainText('待验证转账金额');
  const amount = (await row.locator('[data-testid^="ops-cert-amount-"]').innerText()).trim();
  await context.close();
  expect(amount).toMatch(/^0\.\d\d$/);
  return amount;
}

// the certification journeys sign in several times and wait for the automatic-certification job
test.describe.configure({ timeout: 180_000 });

const wrongAmount = (right: string) => (right === '0.99' ? '0.98' : '0.99');

/** Steps ①–④ with valid data for a seeded company, up to the ⑤ transfer amount. */
async function walkToTransfer(page: Page, who: { company: string; uscc: string }) {
  await page.goto('/partner/info/business');
  await page.getByTestId('biz-start').click();
  const wizard = page.getByTestId('biz-wizard');
  await expect(wizard).toHaveAttribute('data-step', '1');
  await expect(page.getByTestId('biz-companyName')).toHaveValue(who.company);
  await searchOption(page, 'biz-province', '广东省');
  await page.getByTestId('biz-city').locator('input').fill('深圳市');
  await page.getByTestId('biz-address').fill('南山区科技园1号');
  await chooseOption(page, 'biz-taxpayerType', '一般纳税人');
  await expect(page.getByTestId('biz-taxNumber')).toHaveValue(who.uscc);
  await page.getByTestId('biz-lastName').fill('李');
  await page.getByTestId('biz-firstName').fill('财务');
  await page.getByTestId('biz-mobile').fill('+86-13700000001');
  await page.getByTestId('biz-email').fill('finance@company.example.com');
  await page.getByTestId('biz-disclaimer').check();
  await page.getByTestId('biz-next').click();

  await expect(wizard).toHaveAttribute('data-step', '2');
  await page.getByTestId('biz-bankName').locator('input').fill('招商银行');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '招商银行股份有限公司' }).first().click();
  await page.getByTestId('biz-branchName').fill('招商银行深圳分行');
  await page.getByTestId('biz-branchCode').fill('308584000013');
  await page.getByTestId('biz-branchLocation').fill('广东省 深圳市');
  await expect(page.getByTestId('biz-accountHolder')).toHaveValue(who.company);
  await page.getByTestId('biz-accountNumber').fill('4567890123456789');
  await page.getByTestId('biz-legalRepresentative').fill('张三');
  await expect(page.getByTestId('biz-enterpriseCode')).toHaveValue(who.uscc);
  await page.getByTestId('biz-next').click();

  await expect(wizard).toHaveAttribute('data-step', '3');
  await page.getByTestId('biz-survey-not-involved').check();
  await page.getByTestId('biz-next').click();

  await expect(wizard).toHaveAttribute('data-step', '4');
  await expect(page.getByTestId('biz-confirm-notice')).toContainText('转入随机金额（0.01元~0.99元）进行认证');
  await page.getByTestId('biz-submit').click();
  await expect(wizard).toHaveAttribute('data-step', '5');
  await expect(page.getByTestId('biz-amount')).toBeVisible();
  await expect(page.getByTestId('biz-status')).toHaveText('待验证转账金额');
}

test('商业信息认证: five steps with their checks, the transfer amount, settlement blocked while pending, certified, 重新认证', async ({ page, browser }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  // 伙伴信息 lives in the user-name drop-down
  await page.goto('/partner/info/business');
  const bizPage = page.getByTestId('business-info-page');
  await expect(bizPage).toContainText('商业信息认证预计1个小时内审核完成');
  await expect(bizPage).toContainText('一旦提交申请，在认证完成之前，伙伴无法进行结算处理');
  await expect(page.getByTestId('biz-status')).toHaveText('未认证');
  await page.getByTestId('biz-start').click();

  // ① 填写公司信息: every label, and the checks before anything is sent
  const wizard = page.getByTestId('biz-wizard');
  for (const s of ['填写公司信息', '填写银行信息', '关联供应商调查', '提交确认', '提交认证']) await expect(page.getByTestId('biz-steps')).toContainText(s);
  for (const l of ['公司名称', '注册国家', '省/直辖市/自治区', '城市', '详细地址', '税务信息', '纳税人类型', '税号', '财务联系人信息', '姓', '名', '手机', '邮箱'])
    await expect(wizard).toContainText(l);
  await expect(wizard).toContainText('注册地址必须和营业执照上保持一致。');
  await expect(wizard).toContainText('已取得统一社会信用代码的公司直接使用18位的“统一社会信用代码”。');
  await page.getByTestId('biz-taxNumber').fill('91440300MA5E5A5A5B');
  await page.getByTestId('biz-next').click();
  await expect(wizard).toContainText('请选择纳税人类型');
  await expect(wizard).toContainText('已取得统一社会信用代码的公司直接使用18位的“统一社会信用代码”作为税号');
  await expect(wizard).toContainText('请阅读并同意《商业信息认证免责与隐私声明》');
  await expect(wizard).toHaveAttribute('data-step', '1');

  // the draft is kept: cancel it and walk the whole way with valid data
  await page.getByTestId('biz-cancel').click();
  await page.getByTestId('biz-cancel-ok').click();
  await expect(page.getByTestId('biz-not-certified')).toBeVisible();

  // ② bank rules shown in the guide's words; account holder must equal the company name
  await page.getByTestId('biz-start').click();
  await searchOption(page, 'biz-province', '广东省');
  await page.getByTestId('biz-city').locator('input').fill('深圳市');
  await page.getByTestId('biz-address').fill('南山区科技园1号');
  await chooseOption(page, 'biz-taxpayerType', '一般纳税人');
  await page.getByTestId('biz-lastName').fill('李');
  await page.getByTestId('biz-firstName').fill('财务');
  await page.getByTestId('biz-mobile').fill('+86-13700000001');
  await page.getByTestId('biz-email').fill('finance@huachuang.example.com');
  await page.getByTestId('biz-disclaimer').check();
  await page.getByTestId('biz-next').click();
  await expect(wizard).toHaveAttribute('data-step', '2');
  for (const l of ['银行所在国家', '银行名称', '分行名称', '银行账户', '银行账号', '货币', '请补充以下信息用于银联对公转账认证', '法定代表人', '企业代码类型', '企业代码'])
    await expect(wizard).toContainText(l);
  await expect(wizard).toContainText('银行名称和分行名称请在下拉框中选择');
  await expect(wizard).toContainText('若找不到目标银行，请您手动输入');
  await page.getByTestId('biz-bankName').locator('input').fill('招商');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '招商银行股份有限公司' }).first().click();
  await page.getByTestId('biz-branchName').fill('招商银行深圳分行');
  await page.getByTestId('biz-branchCode').fill('1234');
  await page.getByTestId('biz-branchLocation').fill('广东省 深圳市');
  await page.getByTestId('biz-accountHolder').fill('另一家公司');
  await page.getByTestId('biz-accountNumber').fill('12ab');
  await page.getByTestId('biz-legalRepresentative').fill('张三');
  await page.getByTestId('biz-next').click();
  await expect(wizard).toContainText('分行代码（联行号）须为12~13位数字');
  await expect(wizard).toContainText('银行账户必须与公司名称一致');
  await expect(wizard).toContainText('银行账号须为8~30位数字');
  await page.getByTestId('biz-branchCode').fill('308584000013');
  await page.getByTestId('biz-accountHolder').fill('华创云科技有限公司');
  await page.getByTestId('biz-accountNumber').fill('4567890123456789');
  await page.getByTestId('biz-next').click();

  // ③ 关联供应商调查: 涉及 needs a ticked item with details
  await expect(wizard).toHaveAttribute('data-step', '3');
  await expect(wizard).toContainText('是否涉及华为公司员工');
  await page.getByTestId('biz-survey-involved').check();
  for (let i = 1; i <= 5; i++) await expect(page.getByTestId(`biz-survey-item-${i}`)).toBeVisible();
  await page.getByTestId('biz-next').click();
  await expect(wizard).toContainText('请勾选涉及的情况并填写详情');
  await page.getByTestId('biz-survey-not-involved').check();
  await page.getByTestId('biz-next').click();

  // ④ 提交确认 → 提交
  await expect(wizard).toHaveAttribute('data-step', '4');
  const summary = page.getByTestId('biz-bank-summary');
  for (const l of ['银行所在国家', '银行名称', '银行账户', '银行账号', '分行所在地', '分行名称', '分行代码', '货币']) await expect(summary).toContainText(l);
  await expect(summary).toContainText('4567890123456789');
  await expect(page.getByTestId('biz-confirm-notice')).toContainText('我们将向您的账户（银行账号：4567890123456789）转入随机金额（0.01元~0.99元）进行认证');
  await page.getByTestId('biz-submit').click();

  // ⑤ 提交认证: amount verification, settlement blocked meanwhile (R9)
  await expect(wizard).toHaveAttribute('data-step', '5');
  await expect(page.getByTestId('biz-status')).toHaveText('待验证转账金额');
  await expect(page.getByTestId('biz-settlement-blocked')).toContainText('认证完成之前无法进行结算处理');
  await expect(page.getByTestId('biz-attempts-left')).toHaveText('您还有3次认证机会');
  const amount = await transferredAmount(browser, '华创云科技有限公司');

  // a malformed amount is no attempt; a wrong one costs one
  await page.getByTestId('biz-amount-input').fill('1.5');
  await page.getByTestId('biz-amount-submit').click();
  await expect(page.getByTestId('biz-amount')).toContainText('请输入收到的转账金额（0.01元~0.99元，最多两位小数）');
  await page.getByTestId('biz-amount-input').fill(wrongAmount(amount));
  await page.getByTestId('biz-amount-submit').click();
  await expect(page.getByTestId('biz-amount')).toContainText('转账金额不正确，您还有2次认证机会');
  await expect(page.getByTestId('biz-attempts-left')).toHaveText('您还有2次认证机会');

  // the right amount → 自动认证中 → 已认证 (the job), settlement open again
  await page.getByTestId('biz-amount-input').fill(amount);
  await page.getByTestId('biz-amount-submit').click();
  await expect(page.getByTestId('biz-status')).toHaveText(/自动认证中|已认证/);
  await expect(page.getByTestId('biz-status')).toHaveText('已认证', { timeout: 60_000 });
  await expect(page.getByTestId('biz-settlement-blocked')).toHaveCount(0);
  const certified = page.getByTestId('biz-certified');
  await expect(certified).toContainText('已认证的商业信息');
  await expect(certified).toContainText('****6789');
  await expect(page.getByTestId('biz-rename')).toBeVisible();

  // 重新认证 → 提示 → 确定: company-only path; unchanged information is refused, then cancelled
  await page.getByTestId('biz-recertify').click();
  await page.getByTestId('biz-recertify-ok').click();
  await expect(page.getByTestId('biz-recert-mode')).toContainText('重新认证（仅修改公司信息）');
  await expect(page.getByTestId('biz-continue-bank')).toHaveText('继续修改银行信息');
  await page.getByTestId('biz-done-submit').click();
  await expect(page.locator('.ant-message')).toContainText('未修改任何商业信息');
  await page.getByTestId('biz-cancel').click();
  await page.getByTestId('biz-cancel-ok').click();
  await expect(page.getByTestId('biz-status')).toHaveText('已认证');

  // the console: the supplier record now holds the certified bank; settlement check passes
  // (leave the partner page, which polls, before signing in again)
  await page.goto('/ops/login');
  await signIn(page, 'ops', { identifier: 'finance' });
  await page.goto('/ops/company/business-info?tab=suppliers');
  await expect(page.getByTestId('ops-suppliers-table')).toContainText('华创云科技有限公司');
  await expect(page.getByTestId('ops-suppliers-table')).toContainText('商业信息认证');
  await page.getByTestId('ops-tab-partners').click();
  await page.getByTestId('ops-partner-search').locator('input').fill('华创云');
  await page.getByTestId('ops-partner-search').locator('input').press('Enter');
  await page.getByTestId('ops-partner-settlement-sp_admin').click();
  await expect(page.getByTestId('ops-settlement-state')).toHaveText('可结算');
});

test('商业信息认证: three wrong amounts lock it (work order), the console unlocks it with a new amount', async ({ page, browser }) => {
  await signIn(page, 'partner', { identifier: 'dist_admin' });
  await walkToTransfer(page, { company: '神州云分销有限公司', uscc: '91110108MA01B2C3D4' });
  const amount = await transferredAmount(browser, '神州云分销有限公司');
  for (const left of [2, 1]) {
    await page.getByTestId('biz-amount-input').fill(wrongAmount(amount));
    await page.getByTestId('biz-amount-submit').click();
    await expect(page.getByTestId('biz-attempts-left')).toHaveText(`您还有${left}次认证机会`);
  }
  await page.getByTestId('biz-amount-input').fill(wrongAmount(amount));
  await page.getByTestId('biz-amount-submit').click();
  await expect(page.getByTestId('biz-status')).toHaveText('已锁定');
  await expect(page.getByTestId('biz-locked')).toContainText('如需继续认证请提交工单解除锁定');
  await expect(page.getByTestId('biz-work-order')).toHaveText('提交工单');
  await expect(page.getByTestId('biz-settlement-blocked')).toBeVisible();

  await signIn(page, 'ops', { identifier: 'reviewer' });
  await page.goto('/ops/company/business-info');
  await page.getByTestId('ops-cert-status').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已锁定' }).first().click();
  await page.getByTestId('ops-cert-search').click();
  const row = page.getByTestId('ops-certs-table').locator('tr', { hasText: '神州云分销有限公司' }).first();
  await expect(row).toContainText('3/3');
  await row.locator('[data-testid^="ops-cert-unlock-"]').click();
  await page.getByTestId('ops-unlock-ok').click();
  await expect(page.getByRole('dialog')).toContainText('请输入工单号');
  await page.getByTestId('ops-unlock-work-order').fill('WO-20250101-0001');
  await page.getByTestId('ops-unlock-ok').click();
  await expect(page.locator('.ant-message')).toContainText('已解除锁定');

  await signIn(page, 'partner', { identifier: 'dist_admin' });
  await page.goto('/partner/info/business');
  await expect(page.getByTestId('biz-status')).toHaveText('待验证转账金额');
  await expect(page.getByTestId('biz-attempts-left')).toHaveText('您还有3次认证机会');
});

test('商业信息认证: same-name non-IOI supplier with a new bank account → bank confirmation letter → manual review → 驳回 with its reason', async ({ page, browser }) => {
  // the supplier system knows 云途科技 with another bank account (maintained in the console)
  await signIn(page, 'ops', { identifier: 'finance' });
  await page.goto('/ops/company/business-info?tab=suppliers');
  await page.getByTestId('ops-supplier-new').click();
  await page.getByTestId('ops-supplier-company').fill('云途科技有限公司');
  await page.getByTestId('ops-supplier-account').fill('6222000011112222');
  await page.getByTestId('ops-supplier-save').click();
  await expect(page.getByTestId('ops-suppliers-table')).toContainText('云途科技有限公司');

  await signIn(page, 'partner', { identifier: 'reseller_a' });
  await walkToTransfer(page, { company: '云途科技有限公司', uscc: '91310115MA1H2J3K4L' });
  await page.getByTestId('biz-amount-input').fill(await transferredAmount(browser, '云途科技有限公司'));
  await page.getByTestId('biz-amount-submit').click();
  await expect(page.getByTestId('biz-status')).toHaveText('待提交银行确认函');
  const letter = page.getByTestId('biz-awaiting-letter');
  await expect(letter).toContainText('需上传银行确认函');
  await expect(page.getByTestId('biz-letter-template')).toHaveText(/下载银行确认函模板/);
  await page.getByTestId('biz-letter-submit').click();
  await expect(letter).toContainText('请上传已加盖公章或签字的银行确认函扫描件');
  await fileInput(page, 'biz-letter-upload').setInputFiles(png('银行确认函.png'));
  await expect(letter).toContainText('银行确认函.png');
  await page.getByTestId('biz-letter-submit').click();
  await expect(page.getByTestId('biz-status')).toHaveText('人工审核中');
  await expect(page.getByTestId('biz-manual')).toContainText('已提交银行确认函，需审核');

  // the business-info reviewer rejects it with a reason
  await signIn(page, 'ops', { identifier: 'reviewer' });
  await page.goto('/ops/reviews');
  await page.getByTestId('reviews-table').locator('tr', { hasText: '云途科技有限公司' }).first().locator('a[data-testid^="review-open-"]').click();
  await expect(page.getByTestId('review-data')).toContainText('银行账号');
  await expect(page.getByTestId('review-data')).toContainText('4567890123456789');
  await expect(page.getByText('银行确认函', { exact: true })).toBeVisible();
  await page.getByTestId('review-reject').click();
  await page.getByTestId('review-action-text').fill('银行确认函未加盖公章');
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-detail-status')).toHaveAttribute('data-status', 'rejected');

  // the partner sees 认证失败, the reason, and may correct the information
  await signIn(page, 'partner', { identifier: 'reseller_a' });
  await page.goto('/partner/info/business');
  await expect(page.getByTestId('biz-status')).toHaveText('认证失败');
  await expect(page.getByTestId('biz-fail-reason')).toHaveText('银行确认函未加盖公章');
  await page.getByTestId('biz-edit-again').click();
  await expect(page.getByTestId('biz-wizard')).toHaveAttribute('data-step', '1');
  await expect(page.getByTestId('biz-address')).toHaveValue('南山区科技园1号');
});

test('公司信息: view, change applied by the automatic check, change sent to manual review and approved, before/after log, 账号信息', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/info/basic');
  for (const tab of ['公司信息', '账号信息', '个人资料', '消息接收设置']) await expect(page.getByRole('tab', { name: tab })).toBeVisible();
  const info = page.getByTestId('company-info');
  await expect(info).toContainText('公司信息由全部伙伴账号共享。');
  for (const s of ['基本信息', '详细信息', '联系人信息', '统一社会信用代码/组织机构代码', '营业执照', '营业范围', '人员规模', '公司简介']) await expect(info).toContainText(s);
  await expect(page.getByTestId('company-name')).toHaveText('华创云科技有限公司');
  await expect(page.getByTestId('company-uscc')).toHaveText('91440300MA5E5A5A5A');
  await expect(page.getByTestId('company-change-log')).toContainText('暂无修改记录');

  // 修改 公司简介: no licence particulars → applied at once
  await page.getByTestId('company-modify').click();
  await expect(page.getByTestId('company-editor')).toContainText('统一社会信用代码/组织机构代码：暂不支持，如需修改请联系您的生态经理。');
  await expect(page.getByTestId('company-uscc-locked')).toBeDisabled();
  await page.getByTestId('company-intro').fill('华为云解决方案提供商，专注企业上云与数据服务');
  await page.getByTestId('company-contact-name-0').fill('王经理');
  await page.getByTestId('company-contact-mobile-0').fill('+86-13600000001');
  await page.getByTestId('company-contact-email-0').fill('wang@huachuang.example.com');
  await page.getByTestId('company-submit').click();
  await expect(page.getByTestId('company-change-result')).toHaveAttribute('data-outcome', 'applied');
  await expect(page.getByTestId('change-compare')).toContainText('公司简介');
  await page.getByTestId('company-result-back').click();
  await expect(info).toContainText('华为云解决方案提供商，专注企业上云与数据服务');

  // 公司法人 is a licence particular: a new licence first (field error), then 人工审核
  await page.getByTestId('company-modify').click();
  await page.getByTestId('company-legalPerson').fill('赵六');
  await page.getByTestId('company-submit').click();
  await expect(page.getByTestId('company-editor')).toContainText('如有修改营业执照信息，请先上传新的营业执照文件');
  await fileInput(page, 'company-licence-upload').setInputFiles(png('新营业执照.png'));
  await expect(page.getByTestId('company-editor')).toContainText('新营业执照.png');
  await page.getByTestId('company-submit').click();
  const result = page.getByTestId('company-change-result');
  await expect(result).toHaveAttribute('data-outcome', 'manual-review');
  await expect(result).toContainText('营业执照信息已修改，需人工审核');
  await page.getByTestId('company-result-back').click();
  await expect(page.getByTestId('company-pending-change')).toContainText('人工审核中');
  await expect(page.getByTestId('company-modify')).toBeDisabled();

  // the reviewer sees the before/after and approves
  await signIn(page, 'ops', { identifier: 'reviewer' });
  await page.goto('/ops/reviews');
  const row = page.getByTestId('reviews-table').locator('tr', { hasText: '华创云科技有限公司' }).filter({ hasText: '公司法人' }).first();
  await row.locator('a[data-testid^="review-open-"]').click();
  const data = page.getByTestId('review-data');
  await expect(data).toContainText('修改内容');
  await expect(data).toContainText('公司法人');
  await expect(data).toContainText('赵六');
  await page.getByTestId('review-approve').click();
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-detail-status')).toHaveAttribute('data-status', 'approved');

  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/info/basic');
  await expect(page.getByTestId('company-info')).toContainText('赵六');
  const log = page.getByTestId('company-change-log');
  await expect(log).toContainText('审核通过');
  await expect(log).toContainText('自动校验通过');
  await log.locator('tr', { hasText: '公司法人' }).locator('.ant-table-row-expand-icon').first().click();
  await expect(log.getByTestId('change-compare')).toContainText('修改前');

  // 账号信息: the main account marked; nobody else to transfer to
  await page.getByRole('tab', { name: '账号信息' }).click();
  const accounts = page.getByTestId('company-accounts');
  await expect(accounts).toContainText('主账号是贵公司身份的拥有者');
  await expect(page.getByTestId('account-main-sp_admin')).toHaveText('主账号');
  await expect(page.getByTestId('account-transfer-none')).toContainText('公司下暂无其他可转移的伙伴账号');
});

test('案例管理 and 商业计划: read-only paged lists with downloads and empty states', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/info/cases');
  const cases = page.getByTestId('cases-page');
  for (const c of ['案例名称', '案例材料', '状态', '审核意见', '审核人', '最近更新时间']) await expect(cases).toContainText(c);
  await expect(cases).toContainText('案例材料为伙伴角色认证和能力差异化认证时提交的案例。');
  await page.goto('/partner/info/plans');
  const plans = page.getByTestId('plans-page');
  for (const c of ['商业计划书名称', '商业计划书材料', '状态', '审核意见', '审核人', '上传时间']) await expect(plans).toContainText(c);
  await expect(page.getByTestId('plans-empty')).toContainText('暂无商业计划书');

  // the service partner's role certification carried a case: listed with its download
  await signIn(page, 'partner', { identifier: 'svc_admin' });
  await page.goto('/partner/info/cases');
  const table = page.getByTestId('cases-table');
  await expect(table).toContainText('服务伙伴角色认证案例');
  const link = table.locator('a[data-testid^="cases-file-"]').first();
  await expect(link).toHaveText('上云迁移案例.pdf');
  const href = await link.getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
});
