import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfText } from '../test/pdf.js';
import { signIn } from './helpers.js';

/**
 * Issue 3, journey 2: a solution-provider application is refused with its reasons shown; after the
 * missing condition is met it is submitted, approved, and the plan appears under 已加入伙伴计划 with a
 * downloadable certificate.
 *
 * The demo world (scripts/seed-lifecycle.ts step 5) holds 远景数科有限公司 with two accounts: vista_admin
 * on the service path with its 角色认证 审核中, and vista_sales, the candidate. For vista_sales the only
 * unmet condition is no. 17 (a sibling account of the company must have passed 角色认证) until the
 * console approves vista_admin's certification. Every step is done in the UI.
 */

const COMPANY = '远景数科有限公司';
const USCC = '91350200MA8Y9X7W6T';
const CONDITION_17 = '17) 该账号同公司下必须有一个软件/服务/SI伙伴账号，且已经完成角色认证阶段';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-sp-'));
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

/** A radio of a group, by its label (是 / 否, 申报 / 不涉及). */
const radio = (page: Page, groupTestId: string, label: string) => page.getByTestId(groupTestId).locator('label.ant-radio-wrapper', { hasText: label });

/** Opens the queue row holding every text and approves its current stage; returns the detail's status. */
async function approveInConsole(page: Page, staff: string, rowTexts: string[], stageName: string) {
  await signIn(page, 'ops', { identifier: staff });
  await page.goto('/ops/reviews');
  let row = page.getByTestId('reviews-table').locator('tbody tr');
  for (const t of rowTexts) row = row.filter({ hasText: t });
  await expect(row).toHaveCount(1);
  await row.locator('a[data-testid^="review-open-"]').click();
  await expect(page.getByTestId('review-summary')).toContainText(stageName);
  await expect(page.getByTestId('review-summary')).toContainText(COMPANY);
  await page.getByTestId('review-approve').click();
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-action-ok')).toBeHidden();
  return page.getByTestId('review-detail-status');
}

/** 计划 > 华为云伙伴计划 from the top navigation. */
async function openPrograms(page: Page) {
  await page.getByTestId('top-nav').getByText('计划', { exact: true }).hover();
  await page.getByRole('menuitem', { name: '华为云伙伴计划' }).click();
  await expect(page).toHaveURL(/\/partner\/programs$/);
  await expect(page.getByTestId('programs-page')).toContainText('华为云伙伴计划');
}

test('solution provider: refused (查看原因 names no. 17) → sibling role-certified in the console → three-step application → two reviews → 已加入 with a certificate PDF', async ({ page }) => {
  // 1. vista_sales: 申请 is disabled and 查看原因 names the one unmet condition, in the guide's words
  await signIn(page, 'partner', { identifier: 'vista_sales' });
  await openPrograms(page);
  await expect(page.getByTestId('program-state-solution_provider')).toHaveText('未加入');
  await expect(page.getByTestId('program-apply-solution_provider')).toBeDisabled();
  await page.getByTestId('program-reasons-solution_provider').click();
  const reasons = page.getByTestId('program-reasons');
  await expect(reasons).toContainText('您当前的账号不满足加入该计划的以下条件');
  await expect(reasons).toContainText(CONDITION_17);
  await expect(reasons.locator('[data-testid^="reason-"]')).toHaveCount(1);
  await expect(reasons).not.toContainText('14) 该账号不是软件伙伴/服务伙伴/SI伙伴账号');
  await page.getByTestId('reasons-close').click();
  await expect(reasons).toBeHidden();

  // 2. the console's reviewer passes the sibling account's 角色认证 (服务合作伙伴)
  const certStatus = await approveInConsole(page, 'reviewer', [COMPANY, '服务合作伙伴 · 角色认证'], '认证审核');
  await expect(certStatus).toHaveAttribute('data-status', 'approved');

  // 3. vista_sales again: the plan is open now (查看原因 gone, 申请 enabled)
  await signIn(page, 'partner', { identifier: 'vista_sales' });
  await openPrograms(page);
  await expect(page.getByTestId('program-reasons-solution_provider')).toHaveCount(0);
  await expect(page.getByTestId('program-apply-solution_provider')).toBeEnabled();
  await page.getByTestId('program-apply-solution_provider').click();
  const wizard = page.getByTestId('program-wizard');
  await expect(wizard).toContainText('华为云伙伴计划 / 加入解决方案提供商计划');
  for (const s of ['填写商业信息', '填写计划申请信息', '尽职调查']) await expect(page.getByTestId('program-steps')).toContainText(s);

  // 3a. 填写商业信息: company, licence and logo uploads, address, details, contacts, agreements
  const form = page.getByTestId('program-form');
  await page.getByTestId('program-companyName').fill(COMPANY);
  await page.getByTestId('program-taxCode').fill(USCC);
  await uploadInput(page, 'program-licence').setInputFiles(pdf('营业执照.pdf'));
  await expect(item(page, 'program-licence')).toContainText('营业执照.pdf');
  await page.getByTestId('program-registeredCapital').fill('20');
  await pickDate(page, 'program-foundedDate', '2016-05-18');
  // a business term ending before the founding date: only the server knows, and says so on the field
  await pickDate(page, 'program-businessTermEnd', '2012-01-01');
  await page.getByTestId('program-save-draft').click();
  await expect(item(page, 'program-businessTermEnd')).toContainText('营业期限须晚于公司成立时间');
  await page.getByTestId('program-longTerm').check();
  await expect(item(page, 'program-businessTermEnd')).not.toContainText('营业期限须晚于公司成立时间');
  await page.getByTestId('program-legalPerson').fill('许远');
  await chooseOption(page, 'program-province', '福建省', true);
  await page.getByTestId('program-city').locator('input').fill('厦门市');
  await page.getByTestId('program-address').fill('福建省厦门市思明区软件园二期观日路18号');
  await chooseOption(page, 'program-repOffice', '福建代表处', true);
  await page.getByTestId('program-landline').fill('0592-5201888');
  await radio(page, 'program-engaging', '否').click();
  await chooseOption(page, 'program-staffSize', '100-499人');
  await page.getByTestId('program-annualRevenue').fill('36.5');
  await uploadInput(page, 'program-logo').setInputFiles(png('远景数科logo.png'));
  await expect(item(page, 'program-logo')).toContainText('远景数科logo.png');
  await page.getByTestId('program-intro').fill('面向制造业的数据智能解决方案与云上集成服务');
  await page.getByTestId('program-contacts-add').click();
  await page.getByTestId('program-contacts-name').fill('许远');
  await page.getByTestId('program-contacts-mobile').fill('13600000517');
  await page.getByTestId('program-contacts-email').fill('xuyuan@vista.example.com');
  await page.getByTestId('program-contacts-ok').click();
  await expect(page.getByTestId('program-contacts')).toContainText('xuyuan@vista.example.com');
  for (const a of ['sp-cooperation', 'program-management', 'code-of-conduct', 'integrity-commitment']) await page.getByTestId(`program-agreement-${a}`).check();
  // a malformed 公司邮箱 is caught on the field before the next step
  await page.getByTestId('program-companyEmail').fill('contact@vista');
  await page.getByTestId('program-next').click();
  await expect(item(page, 'program-companyEmail')).toContainText('邮箱格式不正确');
  await page.getByTestId('program-companyEmail').fill('contact@vista.example.com');
  await expect(item(page, 'program-companyEmail')).not.toContainText('邮箱格式不正确');
  await page.getByTestId('program-save-draft').click();
  await expect(page.getByText('草稿保存成功')).toBeVisible();
  await page.getByTestId('program-next').click();

  // 3b. 填写计划申请信息 at 标准级: role certification, performance, users, certified staff
  await expect(page.getByTestId('program-answers-section')).toBeVisible();
  await radio(page, 'program-roleCertified', '是').click();
  await chooseOption(page, 'program-performanceBand', '100万≤年度业绩<500万');
  await uploadInput(page, 'program-performanceProof').setInputFiles(pdf('年度业绩回单.pdf'));
  await expect(item(page, 'program-performanceProof')).toContainText('年度业绩回单.pdf');
  await chooseOption(page, 'program-userBand', '10个 ≤ 有效用户数 < 100个');
  await page.getByTestId('program-certifiedCount').fill('6');
  await page.getByTestId('program-professionalCount').fill('2');
  await page.getByTestId('program-next').click();

  // 3c. 尽职调查 and the sensitive-relationship declaration
  await expect(page.getByTestId('program-dd-section')).toContainText('反贿赂合规尽职调查');
  for (const q of ['government-officials', 'bribery-record', 'third-parties']) await radio(page, `program-dd-${q}`, '否').click();
  await radio(page, 'program-dd-compliance-policy', '是').click();
  await radio(page, 'program-dd-sensitive', '不涉及').click();
  await page.getByTestId('program-dd-truthful').check();
  await page.getByTestId('program-submit').click();
  await expect(page.getByTestId('program-submitted')).toContainText('恭喜您，解决方案提供商计划申请已提交成功');
  await page.getByTestId('program-to-applied').click();
  await expect(page.getByTestId('applied-status-solution_provider')).toHaveText('审核中');

  // 4. the console: 尽职调查审核 by the reviewer, then 计划审核 by the ecosystem manager
  const plan = [COMPANY, '解决方案提供商计划'];
  const afterDd = await approveInConsole(page, 'reviewer', plan, '尽职调查审核');
  await expect(afterDd).toHaveAttribute('data-status', 'in_review');
  await expect(page.getByTestId('review-summary')).toContainText('计划审核');
  const afterPlan = await approveInConsole(page, 'eco_manager', plan, '计划审核');
  await expect(afterPlan).toHaveAttribute('data-status', 'approved');

  // 5. vista_sales: 已加入伙伴计划 lists the plan, and 下载证书 gives a PDF naming the company and the plan
  await signIn(page, 'partner', { identifier: 'vista_sales' });
  await openPrograms(page);
  await page.getByTestId('tab-joined').click();
  await expect(page.getByTestId('joined-solution_provider')).toContainText('解决方案提供商计划');
  await expect(page.getByTestId('joined-status-solution_provider')).toHaveText('已加入');
  const download = page.waitForEvent('download');
  await page.getByTestId('joined-certificate-solution_provider').click();
  const saved = await (await download).path();
  const text = await pdfText(readFileSync(saved));
  expect(text).toContain(COMPANY);
  expect(text).toContain('解决方案提供商');
});
