import { expect, test } from '@playwright/test';
import { signIn } from './helpers.js';

/** The customer portal: sign-in, 账号中心 > 我的合作伙伴 with the partner's 客户联系人 (guide L3536), the inbox. */
test('a customer sees its partner and the partner\'s customer contacts', async ({ page }) => {
  await signIn(page, 'customer', { identifier: 'customer_a' });
  await page.getByTestId('nav-my-partners').click();
  await expect(page.getByTestId('my-partner-name')).toHaveText('华创云科技有限公司');
  await expect(page.getByTestId('my-partner-type')).toHaveText('代售');
  await expect(page.getByTestId('my-partner-contacts')).toContainText('王芳');
  await expect(page.getByTestId('my-partner-contacts')).toContainText('am_zhang@huachuang.example.com');
  await page.goto('/customer/inbox');
  await expect(page.getByTestId('inbox-filter')).toBeVisible();
});
