import { expect, test } from '@playwright/test';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { signIn } from './helpers.js';

/**
 * Guide 5.2: an employee accepts the partner's invitation (seeded: employee_zhao, 已邀请); the admin
 * applies for 项目专员 (service path) with review materials; a reviewer approves it in the ops console;
 * the specialist shows 正常.
 */
test('an accepted invitation becomes a project specialist 正常 after the vendor approves', async ({ page }) => {
  // 1. The employee's personal account accepts (消息中心 link → 我的邀请).
  await signIn(page, 'partner', { identifier: 'employee_zhao' });
  await page.goto('/partner/me/invitations');
  const table = page.getByTestId('my-invitations-table');
  await table.locator('[data-testid^="accept-invitation-"]').first().click();
  await page.getByTestId('accept-agree').check();
  await page.getByTestId('accept-invitation-ok').click();
  await expect(page.getByTestId('invitation-accepted')).toBeVisible();
  // 就职信息: employer, 工作常驻地 (a precondition of the application) and the employment proof.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-files-'));
  const pdf = (name: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    return f;
  };
  await page.goto('/partner/me/qualifications');
  await page.getByTestId('employment-employer').fill('华创云科技有限公司');
  await page.getByTestId('employment-workBase').fill('北京市');
  await page.locator('[data-testid="employment-form"] input[type=file]').setInputFiles(pdf('在职证明.pdf'));
  await expect(page.getByTestId('employment-form')).toContainText('在职证明.pdf');
  await page.getByTestId('employment-save').click();
  await expect(page.getByTestId('employment-workBase')).toBeDisabled(); // R40: locked for the member once submitted

  // 2. The admin applies for a project specialist from 邀请列表.
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/org/specialists');
  await page.getByTestId('tab-invitations').click();
  await page.getByTestId('invitation-apply-employee_zhao').click();
  await page.getByTestId('apply-path').click();
  await page.locator('.ant-select-item-option', { hasText: '服务合作伙伴' }).first().click();
  await page.locator('[data-testid="apply-form"] input[type=file]').setInputFiles(pdf('专员审核材料.pdf'));
  await expect(page.locator('[data-testid="apply-form"]')).toContainText('专员审核材料.pdf');
  await page.getByTestId('apply-deploymentMode').getByText('全国调派').click();
  await page.getByTestId('apply-workBase').fill('北京市');
  await page.getByTestId('apply-ok').click();
  const zhaoRow = page.getByTestId('invitations-table').locator('tr', { has: page.getByTestId('invitation-employee_zhao') });
  await expect(zhaoRow.getByTestId('invitation-status')).toHaveText('申请专员审核中');

  // 3. A reviewer approves it in the ops console.
  await signIn(page, 'ops', { identifier: 'reviewer' });
  await page.goto('/ops/reviews');
  const row = page.getByTestId('reviews-table').locator('tr', { hasText: '赵磊' }).first();
  await row.locator('a[data-testid^="review-open-"]').click();
  await page.getByTestId('review-approve').click();
  await page.getByTestId('review-action-ok').click();
  await expect(page.getByTestId('review-detail-status')).toHaveAttribute('data-status', 'approved');

  // 4. The admin sees the specialist 正常.
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/org/specialists');
  await page.getByTestId('tab-specialists').click();
  const spec = page.getByTestId('specialists-table').locator('tr', { hasText: 'employee_zhao' });
  await expect(spec.getByTestId('specialist-status')).toHaveText('正常');
});
