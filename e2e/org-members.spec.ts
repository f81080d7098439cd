import { expect, test } from '@playwright/test';
import { signIn, topNavLabels, PASSWORD } from './helpers.js';

/**
 * Guide 5.1: the partner admin creates a member with the 客户经理 role (组织 > 组织成员 > 创建人员);
 * the member signs in as an IAM user, must change the password, and sees only the menus of the role.
 */
test('a 客户经理 created by the admin signs in and sees only its menus', async ({ page }) => {
  const accountName = `am_e2e_${Date.now().toString(36)}`;
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  expect(await topNavLabels(page)).toEqual(expect.arrayContaining(['主页', '计划', '组织', '构建', '能力', '权益', '销售', '交付', '支持']));

  await page.goto('/partner/org/members');
  await page.getByTestId('create-member').click();
  await expect(page.getByTestId('account-name-note')).toContainText('账号名');
  await page.getByTestId('member-accountName').fill(accountName);
  await page.getByTestId('member-password').fill('Welcome2025');
  await page.getByTestId('member-confirmPassword').fill('Welcome2025');
  await page.getByTestId('member-name').fill('测试客户经理');
  await page.getByTestId('member-mobile').fill('13712345678');
  await page.getByTestId('member-email').fill(`${accountName}@example.com`);
  await page.getByTestId('member-create-next').click();
  await page.getByTestId('role-option-account_manager').click();
  await page.getByTestId('member-create-submit').click();
  await expect(page.getByTestId('member-created')).toBeVisible();

  // The member's first sign-in: IAM用户 tab, forced password change, then only the role's menus.
  await signIn(page, 'partner', { tenant: 'sp_admin', identifier: accountName, password: 'Welcome2025' });
  await expect(page.getByTestId('must-change-password')).toBeVisible();
  await page.getByTestId('oldPassword').fill('Welcome2025');
  await page.getByTestId('newPassword').fill(PASSWORD);
  await page.getByTestId('confirmPassword').fill(PASSWORD);
  await page.getByTestId('change-password-submit').click();
  await expect(page.getByTestId('must-change-password')).toHaveCount(0);

  await page.goto('/partner/home');
  const labels = await topNavLabels(page);
  expect(labels).toEqual(expect.arrayContaining(['主页', '销售']));
  for (const hidden of ['组织', '构建', '能力', '权益', '交付', '计划']) expect(labels).not.toContain(hidden);

  // A page outside the role's menus is refused by the server too.
  const status = await page.evaluate(async () => (await fetch('/api/org/members')).status);
  expect(status).toBe(403);
});
