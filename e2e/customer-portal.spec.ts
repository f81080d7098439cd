import { expect, request as pwRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD, signIn } from './helpers.js';

/**
 * The customer portal of guide ch. 13 (spec 07 C1–C16): association through a partner's invitation
 * link with 《客户关联华为云合作伙伴须知》, 立即签署, 费用中心 (balances, 充值, 调账记录), 授权管理
 * (grant and revoke with the SMS code), the customer's own 解除关联 and the partner's (立即处理),
 * 操作日志 and 云审计服务 > 事件列表. The partner side is driven through the API as sp_admin.
 */

const PARTNER_NAME = '华创云科技有限公司';

/** A signed-in API session (cookies + CSRF token) for the partner side of a journey. */
async function apiSession(baseURL: string, portal: 'partner' | 'customer', identifier: string) {
  const ctx: APIRequestContext = await pwRequest.newContext({ baseURL });
  const me = await (await ctx.get('/api/auth/me')).json();
  const login = await ctx.post('/api/auth/login', { headers: me.csrfToken ? { 'x-csrf-token': me.csrfToken } : {}, data: { portal, mode: 'account', identifier, password: PASSWORD } });
  expect(login.ok(), await login.text()).toBeTruthy();
  const csrf = (await login.json()).csrfToken as string;
  return {
    get: async (url: string) => {
      const res = await ctx.get(url);
      expect(res.ok(), `${url}: ${await res.text()}`).toBeTruthy();
      return res.json();
    },
    post: async (url: string, data: unknown) => {
      const res = await ctx.post(url, { headers: { 'x-csrf-token': csrf, 'x-lang': 'zh-CN' }, data });
      expect(res.ok(), `${url}: ${await res.text()}`).toBeTruthy();
      return res.json();
    },
    dispose: () => ctx.dispose(),
  };
}

/** A mobile gets one code a minute (code.too-soon): wait out the rest of the minute before asking again. */
const lastSent = new Map<string, number>();
async function sendCode(page: Page, mobile: string, button: string): Promise<number> {
  const wait = (lastSent.get(mobile) ?? 0) + 61_000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  const at = Date.now();
  await page.getByTestId(button).click();
  lastSent.set(mobile, at);
  return at;
}

/** The latest 6-digit code sent to a mobile (the demo inbox stands in for SMS). */
async function latestCode(page: Page, mobile: string, after: number): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/demo-inbox?address=${encodeURIComponent(mobile)}`);
      const items = ((await res.json()).items ?? []) as { body: string; createdAt: string }[];
      const fresh = items.find((i) => new Date(i.createdAt).getTime() >= after - 1000);
      code = fresh?.body.match(/(\d{6})/)?.[1] ?? '';
      return code;
    })
    .not.toBe('');
  return code;
}

/** 获取验证码 in a code dialog, then type the code that arrived. */
async function enterCode(page: Page, prefix: string, mobile: string) {
  const sentAt = await sendCode(page, mobile, `${prefix}-send`);
  await page.getByTestId(`${prefix}-code`).fill(await latestCode(page, mobile, sentAt));
}

async function customerIdOf(partner: Awaited<ReturnType<typeof apiSession>>, accountName: string): Promise<string> {
  const list = await partner.get(`/api/customers?accountName=${encodeURIComponent(accountName)}`);
  const row = (list.items as { customerId: string; accountName: string }[]).find((c) => c.accountName === accountName);
  expect(row, `customer ${accountName}`).toBeTruthy();
  return row!.customerId;
}

test('a customer opens an invitation link, signs the notice, associates as 代售, grants and revokes an authorization, asks to unbind', async ({ page, baseURL }) => {
  test.setTimeout(240_000); // three SMS codes to one mobile, a minute apart
  const partner = await apiSession(baseURL!, 'partner', 'sp_admin');
  // 线下拓展 > 自定义邀请链接 (代售), as the partner admin
  const link = await partner.post('/api/customers/invitation-links', { kind: 'custom', associationType: 'resale', customType: 'tag', tag: 'e2e-portal' });
  const path = new URL(link.url).pathname;
  expect(path).toMatch(/^\/customer\/invitations\//);

  // the link, opened before signing in
  await page.context().clearCookies();
  await page.goto(path);
  await expect(page.getByTestId('invite-partner')).toHaveText(PARTNER_NAME);
  await expect(page.getByTestId('invite-type')).toHaveText('代售');
  await expect(page.getByTestId('invite-notice')).toContainText('客户关联华为云合作伙伴须知');
  await expect(page.getByTestId('invite-notice')).toContainText('您已充分了解代售模式');
  await page.getByTestId('invite-login').click();
  await expect(page.getByTestId('invite-agree-error')).toBeVisible(); // “我已经阅读并同意” first
  await page.getByTestId('invite-agree').check();
  await page.getByTestId('invite-login').click();
  await page.getByTestId('invite-got-it').click(); // 我了解啦 → login, then back to the link
  await expect(page).toHaveURL(/\/customer\/login\?redirect=/);
  await page.getByTestId('login-identifier').fill('customer_d');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  // "登录后即表示成功关联伙伴，无须再进行其他步骤"
  await expect(page.getByTestId('invite-success')).toHaveText('关联成功');
  await expect(page.getByTestId('invite-success-desc')).toContainText(PARTNER_NAME);
  await expect(page.getByTestId('invite-success-desc')).toContainText('代售');

  await page.getByTestId('invite-to-partners').click();
  await expect(page.getByTestId('my-partner-name')).toHaveText(PARTNER_NAME);
  await expect(page.getByTestId('my-partner-type')).toHaveText('代售');
  await expect(page.getByTestId('notice-to-sign')).toHaveCount(0); // signed while associating
  await page.getByTestId('tab-agreements').click();
  await expect(page).toHaveURL(/\/customer\/partners\/agreements$/);
  await expect(page.getByTestId('agreements-table')).toContainText('客户关联华为云合作伙伴须知');
  await expect(page.getByTestId('agreement-version').first()).toHaveText('V1001');

  // 费用中心: a 代售 customer spends the partner's allocations and cannot top up itself (13.3)
  await page.getByTestId('nav-billing').click();
  await expect(page.getByTestId('partner-balance')).toHaveText('¥0.00');
  await expect(page.getByTestId('top-up')).toHaveCount(0);
  await expect(page.getByTestId('top-up-note')).toContainText('需要联系合作伙伴线下充值');
  await expect(page.getByTestId('adjustments-empty')).toBeVisible();

  // 申请客户授权 (partner) → 授权管理 > 处理授权 → 《华为云用户授权书》 → 同意 → code
  const customerId = await customerIdOf(partner, 'customer_d');
  await partner.post('/api/customers/authorizations', { customerId, acceptAgreement: true });
  await page.goto('/customer/partners/authorizations');
  await expect(page.getByTestId(`authorization-status-${PARTNER_NAME}`)).toHaveText('待授权');
  await page.getByTestId(`authorization-process-${PARTNER_NAME}`).click();
  await expect(page.getByTestId('authorization-letter')).toContainText('华为云用户授权书');
  await page.getByTestId('authorization-agree').click();
  await expect(page.getByText('请勾选“我阅读并同意《华为云用户授权书》”')).toBeVisible();
  await page.getByTestId('authorization-accept-letter').check();
  await page.getByTestId('authorization-agree').click();
  await page.getByTestId('authorization-code-code').fill('000000');
  await page.getByTestId('authorization-code-ok').click();
  await expect(page.getByText('验证码错误或已失效').first()).toBeVisible(); // a wrong code stays on the field
  await enterCode(page, 'authorization-code', '+86-13800000014');
  await page.getByTestId('authorization-code-ok').click();
  await expect(page.getByTestId('authorization-granted')).toContainText('建议您立即开通云审计服务');
  await page.getByRole('button', { name: /关\s*闭/ }).click();
  await expect(page.getByTestId(`authorization-status-${PARTNER_NAME}`)).toHaveText('已授权');

  // 取消授权: 取消原因 + code
  await page.getByTestId(`authorization-revoke-${PARTNER_NAME}`).click();
  await page.getByTestId('revoke-ok').click();
  await expect(page.getByText('请输入取消原因').first()).toBeVisible();
  await page.getByTestId('revoke-reason').fill('项目结束，不再需要代客操作');
  const revokeAt = await sendCode(page, '+86-13800000014', 'revoke-send-code');
  await page.getByTestId('revoke-code').fill(await latestCode(page, '+86-13800000014', revokeAt));
  await page.getByTestId('revoke-ok').click();
  await expect(page.getByTestId(`authorization-status-${PARTNER_NAME}`)).toHaveText('已取消');
  await expect(page.getByTestId('authorizations-table')).toContainText('项目结束，不再需要代客操作');

  // 更多操作 > 解除关联: 账号检查, the tick, 同意解除关联关系, the SMS code (13.2)
  await page.getByTestId('tab-partner-info').click();
  await page.getByTestId('more-ops').click();
  await page.getByTestId('more-unbind').click();
  await expect(page).toHaveURL(/\/customer\/partners\/unbind$/);
  await expect(page.getByTestId('unbind-check-result')).toContainText('账号检查通过');
  await page.getByTestId('unbind-submit').click();
  await expect(page.getByText('请勾选“我已了解以上注意事项”')).toBeVisible();
  await page.getByTestId('unbind-ack').check();
  await page.getByTestId('unbind-submit').click();
  await enterCode(page, 'unbind-code', '+86-13800000014');
  await page.getByTestId('unbind-code-ok').click();
  await expect(page.getByText('您与合作伙伴解除关联的申请已提交成功').first()).toBeVisible();
  await expect(page).toHaveURL(/\/customer\/partners$/);
  await expect(page.getByTestId('own-request')).toContainText('待确认');

  // 操作日志
  await page.getByTestId('events-log-link').click();
  await expect(page.getByTestId('association-events-table')).toContainText('解除关联');
  await expect(page.getByTestId('association-events-table')).toContainText('待确认');

  // 云审计服务 > 事件列表: the 13.12 events of the steps above
  await page.getByTestId('nav-audit').click();
  const audit = page.getByTestId('audit-table');
  await expect(audit).toContainText('customerEnter');
  await expect(audit).toContainText('confirmCustomerAgentAuthorizationApply');
  await expect(audit).toContainText('applyUnbindOrSwitchCooperation');
  await page.getByTestId('audit-filter-event-name').click();
  await page.getByTitle('applyUnbindOrSwitchCooperation').click();
  await page.getByTestId('audit-search').click();
  await expect(audit).not.toContainText('customerEnter');
  await expect(page.getByTestId('audit-event-name').first()).toHaveText('applyUnbindOrSwitchCooperation');
  await partner.dispose();
});

test('立即签署: a customer with no signature signs the current notice', async ({ page }) => {
  await signIn(page, 'customer', { identifier: 'customer_a' });
  await page.goto('/customer/partners');
  await expect(page.getByTestId('notice-to-sign')).toContainText('V1001');
  await page.getByTestId('sign-now').click();
  await expect(page.getByTestId('sign-notice')).toContainText('客户关联华为云合作伙伴须知');
  await page.getByTestId('sign-submit').click();
  await expect(page.getByText('请勾选“我已阅读并同意”')).toBeVisible();
  await page.getByTestId('sign-agree').check();
  await page.getByTestId('sign-submit').click();
  await expect(page.getByText('操作成功').first()).toBeVisible();
  await expect(page.getByTestId('notice-to-sign')).toHaveCount(0);
  await page.getByTestId('tab-agreements').click();
  await expect(page.getByTestId('agreement-version').first()).toHaveText('V1001');
  await page.getByTestId('agreement-view').first().click();
  await expect(page.getByTestId('agreement-content')).toContainText('您已充分了解代售模式');
});

test('a new customer registers through a 顾问销售 link, tops up, and accepts the partner’s unbind request (立即处理)', async ({ page, baseURL }) => {
  test.setTimeout(180_000); // two SMS codes to one mobile, a minute apart
  const partner = await apiSession(baseURL!, 'partner', 'sp_admin');
  const generic = await partner.get('/api/customers/invitation-links/generic');
  const consulting = (generic.items as { associationType: string; url: string }[]).find((l) => l.associationType === 'consulting');
  expect(consulting).toBeTruthy();
  const mobile = `139${String(Date.now()).slice(-8)}`;

  await page.context().clearCookies();
  await page.goto(new URL(consulting!.url).pathname);
  await expect(page.getByTestId('invite-type')).toHaveText('顾问销售');
  await page.getByTestId('invite-agree').check();
  await page.getByTestId('invite-register').click(); // 注册并关联
  await expect(page).toHaveURL(/\/customer\/register\?redirect=/);
  await page.getByTestId('register-mobile').fill(mobile);
  const sentAt = await sendCode(page, `+86-${mobile}`, 'send-code');
  await page.getByTestId('register-code').fill(await latestCode(page, `+86-${mobile}`, sentAt));
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-confirmPassword').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await page.getByTestId('activate-accept').check(); // 开通华为云: association succeeds only after it
  await page.getByTestId('activate-submit').click();
  await page.getByTestId('back-origin').click();
  await expect(page.getByTestId('invite-success')).toHaveText('关联成功');
  await expect(page.getByTestId('invite-success-desc')).toContainText('顾问销售');

  // 充值 (顾问销售 customers top up their own account; the amount is a decimal string)
  await page.goto('/customer/billing');
  await expect(page.getByTestId('cash-balance')).toHaveText('¥0.00');
  await page.getByTestId('top-up').click();
  await page.getByTestId('top-up-amount-input').fill('12.345');
  await page.getByTestId('top-up-ok').click();
  await expect(page.getByText('请输入大于0且最多两位小数的金额')).toBeVisible();
  await page.getByTestId('top-up-amount-input').fill('1000.50');
  await page.getByTestId('top-up-amount-input').press('Enter');
  await expect(page.getByTestId('cash-balance')).toHaveText('¥1,000.50');
  await page.getByTestId('tab-top-ups').click();
  await expect(page.getByTestId('top-up-amount').first()).toHaveText('¥1,000.50');

  // the partner admin asks to unbind; the customer processes it (立即处理 + code)
  const me = await page.request.get('/api/profile');
  const accountName = (await me.json()).accountName as string;
  const customerId = await customerIdOf(partner, accountName);
  await partner.post(`/api/customers/${customerId}/unbind`, { acknowledged: true, reason: '客户业务调整' });
  await page.goto('/customer/partners');
  await expect(page.getByTestId('pending-request')).toContainText('解除关联');
  await page.getByTestId('process-now').click();
  await page.getByTestId('process-accept').click();
  await expect(page.getByText('请勾选“我已了解以上注意事项”')).toBeVisible();
  await page.getByTestId('process-ack').check();
  await page.getByTestId('process-accept').click();
  await enterCode(page, 'process-code', `+86-${mobile}`);
  await page.getByTestId('process-code-ok').click();
  await expect(page.getByText('操作成功').first()).toBeVisible();
  await expect(page.getByTestId('my-partners-empty')).toBeVisible();
  await page.getByTestId('events-log-link').click();
  await expect(page.getByTestId('association-events-table')).toContainText('已完成');
  await partner.dispose();
});
