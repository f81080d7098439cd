import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfText } from '../test/pdf.js';
import { PASSWORD, signIn } from './helpers.js';

/**
 * Issue 3, journey 1: a new company registers, verifies, enrols in HCPN through the four steps with an
 * upload, is sent to manual review, is approved in the ops console, selects the service path, applies
 * for role certification, is approved, and downloads the stage certificate, which opens (PDF.js parses
 * it) and names the company.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-journey-'));
function pdf(name: string) {
  const f = path.join(dir, name);
  writeFileSync(f, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  return f;
}
const fileInput = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('input[type=file]');

async function chooseOption(page: Page, testId: string, text: string, search = false) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** The newest 6-digit code the demo inbox (standing in for SMS) holds for a mobile, sent after `after`. */
async function latestCode(page: Page, mobile: string, after: number): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/demo-inbox?address=${encodeURIComponent(mobile)}`);
      const items = ((await res.json()).items ?? []) as { body: string; createdAt: string }[];
      code = items.find((i) => new Date(i.createdAt).getTime() >= after - 1000)?.body.match(/(\d{6})/)?.[1] ?? '';
      return code;
    })
    .not.toBe('');
  return code;
}

async function approveReview(page: Page, staff: string, rowText: string) {
  await signIn(page, 'ops', { identifier: staff });
  await page.goto('/ops/reviews');
  await page.getByTestId('reviews-table').locator('tr', { hasText: rowText }).first().locator('a[data-testid^="review-open-"]').click();
  await expect(page.getByTestId('review-data')).toBeVisible();
  await page.getByTestId('review-approve').click();
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-detail-status')).toHaveAttribute('data-status', 'approved');
}

/** A well-formed 统一社会信用代码 no other test uses. */
function uniqueUscc(): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let n = Date.now();
  let tail = '';
  for (let i = 0; i < 10; i++) {
    tail += chars[n % chars.length];
    n = Math.floor(n / chars.length);
  }
  return `91440300${tail}`;
}

test('a new company: register → real-name → HCPN (manual review) → service path → role certification → certificate PDF', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = String(Date.now()).slice(-8);
  const mobile = `137${stamp}`;
  const company = `旅程云数据科技有限公司${stamp.slice(-4)}`;
  const uscc = uniqueUscc();

  // 注册 with the SMS code, then 开通华为云
  await page.context().clearCookies();
  await page.goto('/partner/register');
  await page.getByTestId('register-mobile').fill(mobile);
  const sentAt = Date.now();
  await page.getByTestId('send-code').click();
  await page.getByTestId('register-code').fill(await latestCode(page, `+86-${mobile}`, sentAt));
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-confirmPassword').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await page.getByTestId('activate-accept').check();
  await page.getByTestId('activate-submit').click();
  await expect(page.getByTestId('activate-success')).toBeVisible();

  // 企业实名认证, approved by the vendor
  await page.getByTestId('goto-real-name').click();
  await page.getByTestId('real-name-companyName').fill(company);
  await page.getByTestId('real-name-uscc').fill(uscc);
  await page.getByTestId('real-name-legalRepresentative').fill('林远');
  await fileInput(page, 'real-name-licence').setInputFiles(pdf('营业执照.pdf'));
  await expect(page.getByTestId('real-name-form')).toContainText('营业执照.pdf');
  await page.getByTestId('real-name-contactName').fill('林远');
  await page.getByTestId('real-name-contactMobile').fill(mobile);
  await page.getByTestId('real-name-submit').click();
  await expect(page.getByTestId('real-name-status')).toHaveAttribute('data-status', 'pending');
  const accountName = await page.evaluate(async () => (await (await fetch("/api/auth/me")).json()).actor.displayName as string);
  await approveReview(page, 'reviewer', company);

  // HCPN: the four steps with the licence upload; a declared sensitive relationship goes to 人工审核
  await signIn(page, 'partner', { identifier: accountName });
  await page.getByTestId('home-hcpn-enter').click();
  await page.getByTestId('hcpn-start').click();
  await page.getByTestId('hcpn-companyName').fill(company);
  await page.getByTestId('hcpn-uscc').fill(uscc);
  await page.getByTestId('hcpn-taxCode').fill(uscc);
  await fileInput(page, 'hcpn-licence').setInputFiles(pdf('营业执照-入驻.pdf'));
  await expect(page.getByTestId('hcpn-wizard')).toContainText('营业执照-入驻.pdf');
  await page.getByTestId('hcpn-registeredCapital').fill('3000');
  await page.getByTestId('hcpn-foundedDate').click();
  await page.getByTestId('hcpn-foundedDate').fill('2018-06-01');
  await page.keyboard.press('Enter');
  await page.getByTestId('hcpn-licenceAddress').fill('广东省深圳市南山区科技园1号');
  await page.getByTestId('hcpn-legalPerson').fill('林远');
  await page.getByTestId('hcpn-businessScope').fill('云计算服务；数据处理');
  await chooseOption(page, 'hcpn-province', '广东省', true);
  await page.getByTestId('hcpn-city').locator('input').fill('深圳市');
  await chooseOption(page, 'hcpn-staffSize', '100-499人');
  await page.getByTestId('hcpn-annualRevenue').fill('8000');
  await page.getByTestId('hcpn-intro').fill('企业上云迁移与运维服务');
  await page.getByTestId('hcpn-next').click();
  await page.getByTestId('hcpn-contact-name-0').fill('林远');
  await page.getByTestId('hcpn-contact-mobile-0').fill(`+86-${mobile}`);
  await page.getByTestId('hcpn-contact-email-0').fill(`linyuan${stamp}@journey.example.com`);
  await page.getByTestId('hcpn-next').click();
  await page.getByTestId('hcpn-sensitive-declared').click();
  await page.getByTestId('hcpn-sensitive-details').fill('公司监事的配偶为华为在职员工');
  await page.getByTestId('hcpn-next').click();
  // the agreements load with the step: wait for all three before ticking them
  const boxes = page.getByTestId('hcpn-agreements-form').locator('input[type=checkbox]');
  await expect(boxes).toHaveCount(3);
  for (const box of await boxes.all()) await box.check();
  await page.getByTestId('hcpn-submit').click();
  await expect(page.getByTestId('hcpn-status')).toHaveText('审核中');
  await approveReview(page, 'reviewer', company);

  // a partner now: select the service path (服务合作伙伴) and apply for 角色认证 with materials
  await signIn(page, 'partner', { identifier: accountName });
  await page.getByTestId('explore-paths').click();
  await page.getByTestId('path-select-service').click();
  await page.getByTestId('path-select-confirm').click();
  await expect(page.getByTestId('path-select-result')).toHaveText('已加入伙伴发展路径');
  await page.getByTestId('path-view-detail').click();
  await expect(page.getByTestId('path-detail-name')).toHaveText('服务合作伙伴');
  await page.getByTestId('path-apply').click();
  await fileInput(page, 'path-apply-materials').setInputFiles(pdf('角色认证材料.pdf'));
  await expect(page.getByTestId('path-apply-form')).toContainText('角色认证材料.pdf');
  await page.getByTestId('path-apply-ok').click();
  await page.getByTestId('tab-path-records').click();
  await expect(page.getByTestId('cert-status-role_certified')).toHaveText('审核中');
  await approveReview(page, 'reviewer', company);

  // 角色认证 passed: 下载证书 gives a PDF that opens and names the company
  await signIn(page, 'partner', { identifier: accountName });
  await page.goto('/partner/home/paths/service');
  await expect(page.getByTestId('path-detail-stage')).toContainText('角色认证');
  const download = page.waitForEvent('download');
  await page.getByTestId('stage-certificate-role_certified').click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const text = await pdfText(readFileSync(file!));
  expect(text).toContain(company);
  expect(text).toContain('服务合作伙伴');
});
