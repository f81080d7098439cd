import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.js';

/**
 * The customer portal's cloud pages (guide 13.6–13.7, spec 07 C8–C10): a 代售 customer of the solution provider
 * (seed-customers: sp_resale_auth, ¥15,000.00 allocated 普通) opens 产品, buys a monthly ECS (镜像免责声明 required),
 * pays it by 余额支付 from its partner's allocation (a double click pays once), sees the order 已完成 in 我的订单 and
 * its 消费明细, sees the resource in 我的资源, and unsubscribes it within 5 days: the whole amount comes back.
 */

const CUSTOMER = 'sp_resale_auth';
const PRODUCT = 'ecs.s6.small.1.linux'; // ¥32.20 a month

const cents = (s: string) => Math.round(Number(s.replace(/,/g, '')) * 100);

async function spendable(page: Page): Promise<string> {
  const res = await page.request.get('/api/customer/funds/balance');
  expect(res.ok()).toBeTruthy();
  const b = (await res.json()) as { partnerFunds: { scenarios: { scenario: string; balance: string }[] } | null };
  return b.partnerFunds!.scenarios.find((s) => s.scenario === 'ordinary')!.balance;
}

test('a 代售 customer buys a monthly ECS, pays from its allocation, sees order and resource, and unsubscribes', async ({ page }) => {
  const name = `e2e-ecs-${Date.now().toString(36)}`;
  await signIn(page, 'customer', { identifier: CUSTOMER });
  const before = await spendable(page);

  // 产品 → 弹性云服务器 → 购买 (13.7 步骤1–3)
  await page.getByTestId('nav-products').click();
  await expect(page.getByTestId('products-page')).toBeVisible();
  await page.getByTestId('products-search').locator('input').fill('s6.small');
  await page.getByTestId('products-search').locator('input').press('Enter');
  await page.getByTestId(`product-${PRODUCT}`).click();
  await expect(page.getByTestId('product-name')).toContainText('s6.small.1');
  await page.getByTestId('buy-button').click();

  // 步骤4: configure; the live price; 《镜像免责声明》 must be ticked before 去支付
  await expect(page.getByTestId('buy-region')).toBeVisible();
  await page.getByTestId('buy-region-cn-north-4').check();
  await page.getByTestId('buy-period-month').click();
  await page.getByTestId('buy-period-1').check();
  await page.getByTestId('buy-quantity').fill('2');
  await expect(page.getByTestId('buy-price')).toHaveText('¥64.40');
  await page.getByTestId('buy-quantity').fill('1');
  await expect(page.getByTestId('buy-price')).toHaveText('¥32.20');
  await page.getByTestId('buy-name').fill(name);
  await page.getByTestId('buy-submit').click();
  await expect(page.getByTestId('buy-disclaimer-error')).toBeVisible();
  await page.getByTestId('buy-disclaimer-link').click();
  await expect(page.getByTestId('disclaimer-text')).toContainText('镜像');
  await page.getByTestId('disclaimer-agree').click();
  await expect(page.getByTestId('buy-disclaimer')).toBeChecked();
  await page.getByTestId('buy-submit').click();

  // 支付 (步骤5): 余额支付 from the partner's allocation; 伙伴支付 is offered to this 代售 customer
  await expect(page).toHaveURL(/\/customer\/orders\/[^/]+\/pay$/);
  const orderNo = (await page.getByTestId('pay-order-no').innerText()).trim();
  expect(orderNo).toMatch(/^CS\d{10}[0-9A-Z]{4}$/);
  await expect(page.getByTestId('pay-amount-due')).toHaveText('¥32.20');
  await expect(page.getByTestId('pay-method-partner')).toBeVisible();
  await expect(page.getByTestId('pay-notes')).toContainText('自动续订模式，不支持伙伴支付');
  await page.getByTestId('pay-method-balance').check();
  await expect(page.getByTestId('pay-available')).not.toHaveText('-');
  await expect(page.getByTestId('pay-balance-amount')).toHaveText('¥32.20');
  await page.getByTestId('pay-confirm').dblclick(); // one request id per page: paid once
  await expect(page.getByTestId('pay-success')).toBeVisible();
  expect(cents(await spendable(page))).toBe(cents(before) - 3220);

  // 我的订单: 已完成, one payment in 详情
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId(`order-row-${orderNo}`)).toBeVisible();
  await expect(page.getByTestId(`order-status-${orderNo}`)).toHaveText('已完成');
  await page.getByTestId(`order-detail-${orderNo}`).click();
  await expect(page.getByTestId('order-detail-lines')).toContainText(name);
  await expect(page.getByTestId('order-detail-payments').locator('tbody tr')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // 费用中心 > 消费明细: the purchase is this month's consumption
  await page.goto('/customer/billing/consumption');
  await expect(page.getByTestId('fees-table')).toContainText(orderNo);

  // 我的资源: the resource is 使用中; 退订 shows the refund (within 5 days: all of it) and gives it back
  await page.getByTestId('nav-resources').click();
  await expect(page.getByTestId(`resource-row-${name}`)).toBeVisible();
  await expect(page.getByTestId(`resource-status-${name}`)).toHaveText('使用中');
  await page.getByTestId(`resource-unsubscribe-${name}`).click();
  await expect(page.getByTestId('unsubscribe-refund')).toHaveText('¥32.20');
  await page.getByTestId('unsubscribe-reason').fill('测试完成');
  await page.getByTestId('unsubscribe-confirm').click();
  await expect(page.getByTestId('unsubscribe-done')).toBeVisible();
  await expect(page.getByTestId(`resource-status-${name}`)).toHaveText('已退订');
  expect(await spendable(page)).toBe(before);
});
