import { expect, test, type Page } from '@playwright/test';
import { chooseFromDropdown, signIn } from './helpers.js';

/**
 * Smoke of the partner portal's 销售 > 拓新 > 客户拓展 and 销售 > 客户 pages (issue 4; spec 04 ops 1, 7–11,
 * 14–27, 34; spec 06 / 07 differences): each page opened by a demo user with the guide's labels on
 * screen, the dialogs opened and closed, and what each role must not be offered. The demo world grows
 * (scripts/seed-customers.ts), so nothing here counts rows; the base seed's customer_a (代售, am_zhang)
 * and customer_b (顾问销售, am_li) of 华创云 are the fixed points. The journeys live elsewhere.
 */

const IAM = (identifier: string) => ({ identifier, tenant: 'sp_admin' });

async function expectTexts(page: Page, testId: string, texts: string[]) {
  const el = page.getByTestId(testId);
  for (const s of texts) await expect(el).toContainText(s);
}

const row = (page: Page, table: string, text: string) => page.getByTestId(table).locator('tr', { hasText: text }).first();

/** The open dialog's ✕ (keyboard users have Escape; a click is steadier here). */
async function closeModal(page: Page) {
  const close = page.locator('.ant-modal-wrap:visible .ant-modal-close').last();
  await close.click();
  await expect(close).toBeHidden();
}

/** 高级搜索 → 客户账号名 → 查询 (the list grows with the demo world, so rows are found by filter). */
async function searchAccount(page: Page, accountName: string) {
  if (!(await page.getByTestId('customer-filter-account').isVisible())) await page.getByTestId('customer-advanced').click();
  await page.getByTestId('customer-filter-account').fill(accountName);
  await page.getByTestId('customer-search').click();
}

test('客户拓展: 线上拓展 report form, 线下拓展 links and QR, 拓展记录 with failure reasons, 企业百科', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/sales/expansion');
  await expect(page.getByTestId('expansion-title')).toHaveText('客户拓展');
  for (const tab of ['线上拓展', '线下拓展', '拓展记录', '企业百科']) await expect(page.getByRole('tab', { name: tab })).toBeVisible();

  // 线上拓展: the list's columns and actions, the 报备客户 form with the guide's banner
  await expectTexts(page, 'reports-table', ['客户全称', '手机号码', '电子邮箱', '关联类型', '状态', '报备时间', '操作']);
  for (const b of ['报备客户', '批量邀请', '批量删除', '流程引导']) await expect(page.getByRole('button', { name: b })).toBeVisible();
  await page.getByTestId('report-customer').click();
  await expect(page.getByTestId('report-banner')).toContainText('严禁报备虚假客户信息');
  await expect(page.getByTestId('report-banner')).toContainText('报备客户有效期为15天');
  await expectTexts(page, 'report-form', ['客户全称', '手机号码', '电子邮箱', '发送邀请链接', '关联类型', '邀请链接有效期为7天']);
  await page.getByTestId('report-sendInvite-no').click();
  await expect(page.getByTestId('report-form')).not.toContainText('邀请链接有效期为7天');
  // an unregistered mobile is refused on the field, nothing is written
  await page.getByTestId('report-fullName').fill('测试不存在客户有限公司');
  await page.getByTestId('report-mobile').fill('13999999999');
  await page.getByTestId('report-submit').click();
  await expect(page.locator('.ant-form-item-explain-error', { hasText: '该手机号码未注册华为云账号' })).toBeVisible();
  await closeModal(page);

  // 线下拓展: generic links with 复制 / 点击下载, a custom tag link generated
  await page.getByTestId('tab-offline').click();
  const generic = page.getByTestId('generic-links');
  await expect(generic).toContainText('顾问销售');
  await expect(generic).toContainText('代售');
  await expect(generic.locator('[data-testid^="link-copy-"]').first()).toBeVisible();
  await expect(generic.getByText('点击下载').first()).toBeVisible();
  await page.getByTestId('tab-custom-links').click();
  await expectTexts(page, 'custom-link-form', ['关联类型', '自定义类型', '自定义标签', '专属客户经理', '24小时内最多支持生成100个自定义邀请链接']);
  await page.getByTestId('custom-link-tag').fill('展会-e2e');
  await page.getByTestId('custom-link-generate').click();
  await expect(page.getByText('邀请链接及二维码生成成功')).toBeVisible();
  await expect(page.getByTestId('link-created')).toContainText('展会-e2e');
  await page.getByTestId('link-created-ok').click();
  await page.getByTestId('custom-link-history').click();
  await expect(page.getByTestId('custom-link-history-table')).toContainText('展会-e2e');
  await closeModal(page);
  await page.getByTestId('tab-activity-links').click();
  await expectTexts(page, 'activity-link-form', ['选择活动', '客户经理']);

  // 拓展记录: filters, 重发邀请, 导出; a 关联失败 row shows its reason and the partner hint when expanded
  await page.getByTestId('tab-records').click();
  await expectTexts(page, 'record-filters', ['客户全称', '客户名称', '客户账号名', '自定义标签/客户经理账号名', '备注', '邮箱']);
  await expect(page.getByTestId('record-batch-resend')).toHaveText('重发邀请');
  await page.getByTestId('record-filter-status').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '关联失败' }).click();
  await page.getByTestId('record-search').click();
  const failed = page.getByTestId('records-table').locator('tbody tr.ant-table-row').first();
  if (await failed.isVisible().catch(() => false)) {
    await expect(failed).toContainText('关联失败');
    await failed.locator('.ant-table-row-expand-icon').click();
    await expect(page.locator('[data-testid^="record-failure-reason-"]').first()).not.toBeEmpty();
    await expect(page.locator('[data-testid^="record-detail-"]').first()).toContainText('伙伴操作');
  }

  // 企业百科: search, a result with 报备客户 / 查看更多, the four tabs and the disclaimer
  await page.getByTestId('tab-encyclopedia').click();
  await page.getByTestId('encyclopedia-search').locator('input').fill('有限公司');
  await page.getByTestId('encyclopedia-search').locator('input').press('Enter');
  const first = page.getByTestId('encyclopedia-results').locator('[data-testid^="company-more-"]').first();
  await expect(first).toBeVisible();
  await expect(page.getByTestId('encyclopedia-results')).toContainText('上云钱包厚度');
  await first.click();
  await expect(page.getByTestId('company-disclaimer')).toContainText('此页面信息通过公开渠道获取，仅供参考');
  for (const tab of ['企业基本信息', '上云信息', '公司发展', '知识产权']) await expect(page.getByTestId('company-view').getByRole('tab', { name: tab })).toBeVisible();
});

test('客户管理 as the partner admin: banner links, columns, eye, 拨款 / 回收 dialogs, unbind check, detail, sub-pages', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/sales/customers');
  await expect(page.getByTestId('customers-title')).toHaveText('客户管理');
  await expectTexts(page, 'customers-banner', ['关联关系操作记录', '调账记录', '伙伴预算提醒']);
  await expectTexts(page, 'customers-table', ['客户名称/账号名', '客户等级', '移动电话', '可用额度(¥)', '本月消费(¥)', '上月消费(¥)', '待处理预警', '关联类型', '关联时间', '操作']);
  for (const b of ['批量分配客户经理', '批量拨款/回收', '导出']) await expect(page.getByRole('button', { name: b })).toBeVisible();
  await expect(page.getByTestId('allocatable-balance')).toHaveText(/^¥[\d,]+\.\d{2}$/);

  // masked by default; the eye reveals (an audited read)
  await searchAccount(page, 'customer_a');
  const a = row(page, 'customers-table', 'customer_a');
  await expect(a).toContainText('代售');
  await expect(a).not.toContainText('北京极光网络有限公司');
  await page.locator('thead').getByTestId('eye-customer-customerName').click();
  await expect(a).toContainText('北京极光网络有限公司');

  // the super admin may export the list
  await page.getByTestId('customers-export-menu').hover();
  await expect(page.getByTestId('customers-export-current')).toBeVisible();

  // 拨款: balances as decimal strings, 拨款类型, amount; nothing sent on 取消
  await page.getByTestId('customer-allocate-customer_a').click();
  await expectTexts(page, 'allocate-dialog', ['客户名称', '账号名', '现金账户余额', '可拨款额度 (¥)', '拨款类型', '普通', '专款专用', '拨款金额 (¥)', '备注']);
  await expect(page.getByTestId('allocate-allocatable')).toHaveText(/^[\d,]+\.\d{2}$/);
  await page.getByTestId('allocate-amount').fill('1.234');
  await page.getByTestId('allocate-ok').click();
  await expect(page.getByText('请输入大于0且最多两位小数的金额')).toBeVisible();
  await closeModal(page);
  await page.getByTestId('customer-recall-customer_a').click();
  await expectTexts(page, 'recall-dialog', ['使用场景', '余额 (¥)', '回收金额 (¥)', '总计回收金额']);
  await closeModal(page);

  // a 顾问销售 row has no 拨款; 更多 holds 解除关联 / 切换关联类型 for the admin
  await searchAccount(page, 'customer_b');
  await expect(row(page, 'customers-table', 'customer_b')).toContainText('顾问销售');
  await expect(page.getByTestId('customer-allocate-customer_b')).toHaveCount(0);
  await page.getByTestId('customer-more-customer_b').click();
  for (const item of ['解除关联', '切换关联类型', '查看资源', '分配客户经理']) await expect(page.locator('.ant-dropdown:visible').getByText(item, { exact: true })).toBeVisible();
  await chooseFromDropdown(page, page.getByTestId('customer-more-customer_b'), '解除关联');
  await expect(page.getByTestId('relationship-check-result')).toBeVisible();
  await expect(page.getByTestId('relationship-notices')).toContainText('伙伴在3个月内仅可以发起一次与同一客户解除关联或切换关联类型的申请');
  await expect(page.getByText('我已了解以上注意事项并同意此操作')).toBeVisible();
  await closeModal(page);

  // the detail page: tabs, overview, 基本信息 with 历史客户经理
  await searchAccount(page, 'customer_a');
  await page.getByTestId('customer-link-customer_a').click();
  await expect(page.getByTestId('customer-detail-title')).toHaveText('客户详情');
  for (const tab of ['概览', '资源', '代金券', '企业百科', '基本信息']) await expect(page.getByRole('tab', { name: tab })).toBeVisible();
  await expect(page.getByTestId('detail-balance-card')).toContainText('最近调账时间');
  await expect(page.getByTestId('detail-knowledge')).toContainText('知识推荐');
  await page.getByTestId('tab-basic').click();
  await expect(page.getByTestId('customer-detail-account')).toHaveText('customer_a');
  await expect(page.getByText('历史客户经理')).toBeVisible();
  await page.getByTestId('tab-resources').click();
  await expect(page.getByRole('tab', { name: '包周期资源' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '按需资源' })).toBeVisible();

  // 关联关系操作记录, 调账记录, 伙伴预算提醒
  await page.goto('/partner/sales/customers/events');
  await expect(page.getByTestId('events-title')).toHaveText('关联关系操作记录');
  await expectTexts(page, 'events-table', ['账号名', '客户名称', '移动电话', '关联类型', '申请类型', '申请原因', '发起方式', '状态', '客户经理姓名', '申请时间', '审批时间']);
  await page.goto('/partner/sales/customers/adjustments');
  await expect(page.getByTestId('adjustments-title')).toHaveText('调账记录');
  await expectTexts(page, 'adjustments-table', ['流水号', '客户名称', '账号名', '类型', '调整金额(¥)', '调整时间', '备注']);
  // a hover menu: once it shows, click its item in place (moving the pointer there can close it over the table)
  await page.getByTestId('adjustments-export-menu').hover();
  await expect(page.getByTestId('adjustments-export-current')).toBeVisible();
  await page.getByTestId('adjustments-export-current').dispatchEvent('click');
  await expect(page.getByText('导出任务创建成功')).toBeVisible();
  await page.goto('/partner/sales/customers/budget-reminders');
  await expect(page.getByTestId('budget-title')).toHaveText('伙伴预算提醒');
  await expect(page.getByTestId('budget-help')).toContainText('75%、90%、100%');
  await expect(page.getByTestId('budget-add')).toHaveText('添加接收人');
});

test('客户经理 sees only their customers and is offered no admin actions; the supervisor assigns', async ({ page }) => {
  await signIn(page, 'partner', IAM('am_zhang'));
  await page.goto('/partner/sales/customers');
  await searchAccount(page, 'customer_b');
  await expect(page.getByTestId('customers-empty')).toBeVisible();
  await searchAccount(page, 'customer_a');
  await expect(row(page, 'customers-table', 'customer_a')).toBeVisible();
  await expect(page.getByTestId('customers-batch-assign')).toHaveCount(0);
  await expect(page.getByText('仅限超级管理员导出客户列表').first()).toBeVisible();
  await page.getByTestId('customers-export-menu').hover();
  await expect(page.getByTestId('customers-export-records')).toBeVisible();
  await expect(page.getByTestId('customers-export-current')).toHaveCount(0);
  await page.getByTestId('customer-more-customer_a').click();
  const menu = page.locator('.ant-dropdown:visible');
  await expect(menu.getByText('查看资源', { exact: true })).toBeVisible();
  await expect(menu.getByText('解除关联', { exact: true })).toHaveCount(0);
  await expect(menu.getByText('切换关联类型', { exact: true })).toHaveCount(0);
  await expect(menu.getByText('分配客户经理', { exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await signIn(page, 'partner', IAM('am_lead'));
  await page.goto('/partner/sales/customers/assignment');
  await expect(page.getByTestId('assignment-title')).toHaveText('客户分配');
  await expectTexts(page, 'managers-table', ['客户经理姓名', '客户经理账号名', '手机号码', '电子邮箱', '已分配客户', '分配客户', '查看客户列表']);
  await expect(page.getByTestId('manager-account-am_zhang')).toBeVisible();
  await page.getByTestId('manager-customers-am_zhang').click();
  await expect(page.getByTestId('manager-customers-title')).toHaveText('查看客户列表');
  await expect(page.getByTestId('manager-customers-table')).toContainText('customer_a');
  await expect(page.getByTestId('batch-take-back')).toHaveText('批量回收客户');
  await page.goto('/partner/sales/customers/assignment');
  await page.getByTestId('manager-allocate-am_li').click();
  await page.getByTestId('choose-customers').click();
  await expect(page.getByText('只显示未分配客户')).toBeVisible();
  await expect(page.getByTestId('candidates-table')).toContainText('已分配');
});

test('客户预警: 处理预警 / 查看预警 with the guide columns', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'sp_admin' });
  await page.goto('/partner/sales/alerts');
  await expect(page.getByTestId('alerts-title')).toHaveText('客户预警');
  await expect(page.getByRole('tab', { name: '处理预警' })).toBeVisible();
  await expect(page.getByText('客户预警仅支持客户归属唯一责任人处理')).toBeVisible();
  await page.getByTestId('tab-view').click();
  await expectTexts(page, 'alerts-table', ['场景名称', '预警类别', '标题', '客户名称/账号名', '发送时间', '客户经理', '状态']);
});

test('distributor: 我的客户 / 云经销商的客户 tabs; reseller: no budget reminders', async ({ page }) => {
  await signIn(page, 'partner', { identifier: 'dist_admin' });
  await page.goto('/partner/sales/customers');
  await expect(page.getByTestId('tab-mine')).toHaveText('我的客户');
  await page.getByTestId('tab-resellers').click();
  await expect(page.getByTestId('resellers-readonly')).toContainText('云经销商的客户仅展示基本信息');
  await expect(page.getByTestId('customers-batch-adjust')).toHaveCount(0);

  await signIn(page, 'partner', { identifier: 'reseller_a' });
  await page.goto('/partner/sales/customers');
  await expect(page.getByTestId('customers-title')).toHaveText('客户管理');
  await expect(page.getByTestId('link-budget')).toHaveCount(0);
  await page.goto('/partner/sales/customers/budget-reminders');
  await expect(page.getByTestId('budget-reseller')).toContainText('云经销商不支持伙伴预算提醒');
});
