import { expect, type Page } from '@playwright/test';

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
