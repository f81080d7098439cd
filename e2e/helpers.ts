import { expect, type Locator, type Page } from '@playwright/test';

export const PASSWORD = 'Partner@2025';

/** Sign in through a portal's login page (华为账号, IAM用户 or staff). */
export async function signIn(
  page: Page,
  portal: 'partner' | 'customer' | 'ops',
  who: { identifier: string; password?: string; tenant?: string },
) {
  await page.context().clearCookies();
  await page.goto(`/${portal}/login`);
  if (who.tenant) {
    await page.getByTestId('login-tab-member').click();
    await page.getByTestId('login-tenant').fill(who.tenant);
  }
  await page.getByTestId('login-identifier').fill(who.identifier);
  await page.getByTestId('login-password').fill(who.password ?? PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The labels of the partner portal's top navigation. */
export async function topNavLabels(page: Page): Promise<string[]> {
  const nav = page.getByTestId('top-nav');
  await expect(nav).toBeVisible();
  return (await nav.locator(':scope > li').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/**
 * Open a row's 更多 dropdown and choose an item until what the item opens is visible. A click that lands while
 * antd's dropdown is still animating in can be swallowed (the menu stays open, nothing happens), so the open +
 * click is retried as a whole.
 */
export async function chooseFromDropdown(page: Page, trigger: Locator, item: string, opens: Locator = page.locator('.ant-modal:visible')) {
  await expect(async () => {
    if (await opens.count()) return;
    const menu = page.locator('.ant-dropdown:visible');
    if (!(await menu.count())) await trigger.click({ timeout: 2_000 });
    await menu.getByText(item, { exact: true }).click({ timeout: 2_000 });
    await expect(opens).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
