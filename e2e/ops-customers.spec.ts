import { expect, test } from '@playwright/test';
import { signIn } from './helpers.js';

/**
 * The vendor's side of issue 4 in the operations console (客户运营): any customer's association
 * history, raising a customer alert that reaches the partner's 客户预警, and every partner's 调账记录.
 */
test('客户运营: association history, a raised alert reaches the partner, adjustments', async ({ page }) => {
  await signIn(page, 'ops', { identifier: 'channel_manager' });
  await page.getByTestId('nav-customers').click();
  await expect(page.getByTestId('ops-customers')).toContainText('客户运营');

  // 关联历史 of customer_a: associated with 华创云 in 代售 mode
  await page.getByTestId('ops-customer-lookup').fill('customer_a');
  await page.getByTestId('ops-customer-lookup-go').click();
  await expect(page.getByTestId('ops-customer-info')).toContainText('北京极光网络有限公司');
  await expect(page.getByTestId('ops-customer-associations')).toContainText('华创云科技有限公司');
  await expect(page.getByTestId('ops-customer-associations')).toContainText('代售');

  // 发起预警 to customer_a's partner
  await page.getByTestId('ops-tab-alerts').click();
  await page.getByTestId('ops-alert-raise').click();
  await page.getByTestId('ops-alert-customer').fill('customer_a');
  await page.getByTestId('ops-alert-scenario').fill('连续30天无消费');
  await page.getByTestId('ops-alert-title').fill('E2E 客户流失风险');
  await page.getByTestId('ops-alert-ok').click();
  await expect(page.getByTestId('ops-alerts')).toContainText('E2E 客户流失风险');

  // 调账记录 across partners, searched by the customer's account name
  await page.getByTestId('ops-tab-adjustments').click();
  await page.getByTestId('ops-adjustments-customer').fill('customer_a');
  await page.getByTestId('ops-adjustments-search').click();
  await expect(page.getByTestId('ops-adjustments')).toContainText('customer_a');
  await expect(page.getByTestId('ops-adjustments')).not.toContainText('sp_resale_1');

  // the partner sees the alert under 销售 > 客户预警
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/sales/alerts?tab=view');
  await expect(page.getByText('E2E 客户流失风险').first()).toBeVisible();
});
