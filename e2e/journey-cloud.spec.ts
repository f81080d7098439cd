import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signIn } from './helpers.js';
import { inbox, partnerCode, resetVerificationSwitch, setVerificationSwitch } from './codes.js';

/**
 * Issue 5's browser journeys (销售 > 客户 > 客户订单 / 客户消费 and the customer portal's 13.6–13.7), every step in
 * the UI; the API is read only for what a person reads elsewhere (the SMS / e-mail in the demo inbox).
 *
 * 1. 代售 customer sp_resale_1 buys a yearly ECS and asks its partner to pay (伙伴支付 → 请他付款); sp_admin finds it in
 *    待付订单 and pays it by 余额支付 with a 验证码; the customer gets the 站内信, e-mail and SMS and sees the resource
 *    使用中; it unsubscribes, and the refund returns to the partner's 账户余额 and 可拨款账户余额 (R-O1).
 * 2. sp_admin opens 消费汇总 and 消费明细 for last month, filters by customer and product, exports the details; the
 *    export record shows 已完成 and the file downloads with masked names.
 */

const ADMIN = { mobile: '+86-13900000001', email: 'sp_admin@partner.example.com' };
const CUSTOMER = { account: 'sp_resale_1', email: 'sp_resale_1@customer.example.com', mobile: '+86-13820000008' };
const PRODUCT = 'ecs.s6.small.1.linux';

const cents = (s: string | null) => Math.round(Number((s ?? '').replace(/[¥,\s]/g, '')) * 100);
/** An amount on screen: the partner portal's `Money` carries it in data-amount, the customer portal's shows ¥1,234.00. */
async function amountOf(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await expect(el).not.toHaveText('-');
  return cents((await el.getAttribute('data-amount')) || (await el.innerText()));
}

/** 客户订单's header: 账户余额 and 可拨款账户余额, in cents. */
async function partnerBalances(page: Page) {
  await page.goto('/partner/sales/orders');
  await expect(page.getByTestId('orders-title')).toBeVisible();
  await expect(page.getByTestId('partner-balance')).toBeVisible();
  return { balance: await amountOf(page, 'partner-balance'), allocatable: await amountOf(page, 'partner-allocatable') };
}

test.afterAll(async ({ baseURL }) => {
  await resetVerificationSwitch(baseURL, 'sp_admin');
});

test('伙伴支付: the customer asks, the partner pays with a code, the customer is told and unsubscribes; the refund returns to both balances', async ({ page }) => {
  test.setTimeout(180_000);
  const name = `e2e-yearly-${Date.now().toString(36)}`;

  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await setVerificationSwitch(page, true);
  const before = await partnerBalances(page);

  // the customer: 产品 → 弹性云服务器 → 购买, 包年 1 year, 《镜像免责声明》, 去支付 → 伙伴支付 → 请他付款
  await signIn(page, 'customer', { identifier: CUSTOMER.account });
  await page.getByTestId('nav-products').click();
  await page.getByTestId('products-search').locator('input').fill('s6.small');
  await page.getByTestId('products-search').locator('input').press('Enter');
  await page.getByTestId(`product-${PRODUCT}`).click();
  await page.getByTestId('buy-button').click();
  await page.getByTestId('buy-region-cn-north-4').check();
  await page.getByTestId('buy-period-year').click();
  await page.getByTestId('buy-period-1').check();
  await page.getByTestId('buy-name').fill(name);
  await page.getByTestId('buy-disclaimer').check();
  await page.getByTestId('buy-submit').click();
  await expect(page).toHaveURL(/\/customer\/orders\/[^/]+\/pay$/);
  const orderNo = (await page.getByTestId('pay-order-no').innerText()).trim();
  const price = await amountOf(page, 'pay-amount-due');
  expect(price).toBeGreaterThan(0);
  await page.getByTestId('pay-method-partner').check();
  await page.getByTestId('pay-ask-partner').click();
  await expect(page.getByTestId('pay-partner-asked')).toBeVisible();

  // the partner: 客户订单 > 待付订单 → 支付 → 余额支付 → 验证码 → 确认付款
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/sales/orders');
  await page.getByTestId('tab-pending').click();
  await expect(page.getByTestId(`pending-status-${orderNo}`)).toHaveText('待支付');
  expect(await amountOf(page, `pending-amount-${orderNo}`)).toBe(price);
  await page.getByTestId(`pending-pay-${orderNo}`).click();
  await expect(page.getByTestId('pay-dialog')).toBeVisible();
  await expect(page.getByTestId('pay-rebate')).toBeVisible(); // 预估返点金额 (仅供参考)
  await page.getByTestId('pay-method-余额支付').check();
  await partnerCode(page, 'pay-code', ADMIN);
  await page.getByTestId('pay-confirm').click();
  await expect(page.getByTestId(`pending-status-${orderNo}`)).toHaveText('已完成');
  const paid = await partnerBalances(page);
  expect(paid).toEqual({ balance: before.balance - price, allocatable: before.allocatable - price });

  // the customer is told by e-mail and SMS …
  for (const address of [CUSTOMER.email, CUSTOMER.mobile]) {
    await expect.poll(async () => (await inbox(page, address)).some((i) => i.body.includes(orderNo) && i.body.includes('支付成功'))).toBe(true);
  }
  // … and in the site's 消息中心; the resource is 使用中
  await signIn(page, 'customer', { identifier: CUSTOMER.account });
  await page.goto('/customer/inbox');
  await expect(page.getByTestId('inbox-table')).toContainText('订单支付成功');
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId(`order-status-${orderNo}`)).toHaveText('已完成');
  await page.getByTestId('nav-resources').click();
  await expect(page.getByTestId(`resource-status-${name}`)).toHaveText('使用中');

  // 退订 within 5 days: the whole amount, back to the partner who paid
  await page.getByTestId(`resource-unsubscribe-${name}`).click();
  expect(await amountOf(page, 'unsubscribe-refund')).toBe(price);
  await page.getByTestId('unsubscribe-reason').fill('改用其他规格');
  await page.getByTestId('unsubscribe-confirm').click();
  await expect(page.getByTestId('unsubscribe-done')).toBeVisible();
  await expect(page.getByTestId(`resource-status-${name}`)).toHaveText('已退订');

  await signIn(page, 'partner', { identifier: 'sp_admin' });
  expect(await partnerBalances(page)).toEqual(before);
  await setVerificationSwitch(page, false);
});

/** An antd month picker (its input, or the input inside it): type the month and confirm. */
async function pickMonth(page: Page, testId: string, month: string) {
  const picker = page.getByTestId(testId);
  const input = (await picker.evaluate((e) => e.tagName)) === 'INPUT' ? picker : picker.locator('input');
  await input.click();
  await input.fill(month);
  await input.press('Enter');
  await expect(input).toHaveValue(month);
}

/** An antd Select: open it, type, choose the option whose label is `label`. */
async function choose(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(label);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

test('客户消费: last month’s 消费汇总 and 消费明细 filtered by customer and product; the details export downloads with masked names', async ({ page }) => {
  test.setTimeout(150_000);
  const customer = { name: '广州珠江云计算有限公司', product: '弹性云服务器' }; // sp_consulting_1's 按需 ECS, metered for 3 months
  const now = new Date(Date.now() + 8 * 3600_000); // Beijing
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const lastMonth = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;

  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/sales/consumption');
  await expect(page.getByTestId('consumption-title')).toBeVisible();
  await expect(page.getByTestId('consumption-notes')).toContainText('不能作为'); // not a bill (9797)

  // 消费汇总: 消费时间 last month, 客户名称 → one customer's rows, the cards add up
  await page.getByTestId('consumption-tab-summary').click();
  await pickMonth(page, 'summary-month', lastMonth);
  await page.getByTestId('summary-filter-customer').fill(customer.name);
  await page.getByTestId('summary-search').click();
  const summaryRows = page.getByTestId('summary-table').locator('tbody tr.ant-table-row');
  await expect(summaryRows.first()).toBeVisible();
  expect(await summaryRows.count()).toBeGreaterThan(0);
  expect(cents(await page.getByTestId('card-consumption').getAttribute('data-amount'))).toBeGreaterThan(0);

  // 消费明细: 账期 last month, 客户名称 and 产品类型
  await page.getByTestId('consumption-tab-details').click();
  await pickMonth(page, 'details-month', lastMonth);
  await page.getByTestId('details-filter-customer').fill(customer.name);
  await choose(page, 'details-filter-product', customer.product);
  await page.getByTestId('details-search').click();
  const detailRows = page.getByTestId('details-table').locator('tbody tr.ant-table-row');
  await expect(detailRows.first()).toBeVisible();
  await expect(detailRows.first()).toContainText(customer.product);
  await expect(page.getByTestId('details-table')).not.toContainText(customer.name); // masked until the eye is used

  // 导出 > 导出当前记录 → 导出记录: 已完成 → 下载; the file holds the rows with the names masked
  await page.getByTestId('details-export').click();
  await page.getByTestId('export-current').click();
  await expect(page.getByText('导出任务创建成功')).toBeVisible();
  await page.getByTestId('details-export').click();
  await page.getByTestId('details-export-records').click();
  await expect(page.getByTestId('exports-table')).toBeVisible();
  // the page refreshes itself while an export runs
  await expect(page.getByTestId('export-status').first()).toHaveText('已完成', { timeout: 60_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('export-download').first().click();
  const file = await (await download).path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file!);
  const sheet = book.worksheets[0]!;
  const header = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? '')); // sparse: index 0 is empty
  const nameCol = header.findIndex((h) => h.includes('客户名称'));
  expect(nameCol).toBeGreaterThan(0);
  expect(sheet.rowCount).toBeGreaterThan(1);
  const names = new Set<string>();
  sheet.eachRow((row, n) => {
    if (n > 1) names.add(String(row.getCell(nameCol).value ?? ''));
  });
  expect([...names]).toEqual([`广${'*'.repeat(Array.from(customer.name).length - 1)}`]);
});
