import { expect, request as pwRequest, type Locator, type Page } from '@playwright/test';
import { PASSWORD } from './helpers.js';

/**
 * The demo inbox (SMS / e-mail) and the verification-code steps the journeys share. The API is read only
 * for what a person reads elsewhere: the message that arrived on their phone or in their mailbox.
 */

interface InboxItem {
  body: string;
  createdAt: string;
}

export async function inbox(page: Page, address: string): Promise<InboxItem[]> {
  const res = await page.request.get(`/api/demo-inbox?address=${encodeURIComponent(address)}`);
  expect(res.ok()).toBeTruthy();
  return ((await res.json()).items ?? []) as InboxItem[];
}

/** One code per target a minute (code.too-soon): when each address last got one in this file. */
const lastSent = new Map<string, number>();
const waitFor = (target: string) => Math.max(0, (lastSent.get(target) ?? 0) + 61_000 - Date.now());

/** A code sent to the target by another spec file on this server counts too. */
async function learn(page: Page, target: string) {
  const earlier = (await inbox(page, target)).filter((i) => /验证码/.test(i.body)).map((i) => new Date(i.createdAt).getTime());
  if (earlier.length) lastSent.set(target, Math.max(lastSent.get(target) ?? 0, ...earlier));
}

export async function sendAndRead(page: Page, target: string, sendButton: Locator): Promise<string> {
  await learn(page, target);
  const wait = waitFor(target);
  if (wait > 0) await page.waitForTimeout(wait);
  const at = Date.now();
  await sendButton.click();
  lastSent.set(target, at);
  let code = '';
  await expect
    .poll(async () => {
      const fresh = (await inbox(page, target)).find((i) => new Date(i.createdAt).getTime() >= at - 1000 && /验证码/.test(i.body));
      code = fresh?.body.match(/(\d{6})/)?.[1] ?? '';
      return code;
    })
    .not.toBe('');
  return code;
}

/** The operator whose mobile / e-mail a partner dialog's code goes to. */
export interface Operator {
  mobile: string;
  email: string;
}

/**
 * A partner dialog's code step (`CodeField`, prefix e.g. `allocate-code`): 短信 or 邮箱, whichever of the
 * operator's mobile and e-mail may get a code soonest; 获取验证码; type what arrived.
 */
export async function partnerCode(page: Page, prefix: string, operator: Operator) {
  await expect(page.getByTestId(`${prefix}-step`)).toBeVisible();
  await learn(page, operator.mobile);
  await learn(page, operator.email);
  const channel = waitFor(operator.mobile) <= waitFor(operator.email) ? 'sms' : 'email';
  await page.getByTestId(`${prefix}-by-${channel}`).click();
  const code = await sendAndRead(page, channel === 'sms' ? operator.mobile : operator.email, page.getByTestId(`${prefix}-send`));
  await page.getByTestId(`${prefix}-input`).fill(code);
}

/** The customer portal's `CodeModal` (prefix e.g. `process-code`): the SMS code to the customer's mobile. */
export async function customerCode(page: Page, prefix: string, mobile: string) {
  const code = await sendAndRead(page, mobile, page.getByTestId(`${prefix}-send`));
  await page.getByTestId(`${prefix}-code`).fill(code);
}

/** 伙伴信息 > 基本信息 > 个人资料: the 验证码验证 switch (guide 19.8), as the signed-in partner admin. */
export async function setVerificationSwitch(page: Page, on: boolean) {
  await page.goto('/partner/info/basic');
  await page.getByTestId('tab-profile').click();
  const toggle = page.getByTestId('profile-verification-code');
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', String(on));
}

/** Turns a partner admin's 验证码验证 off again through the API (for afterAll: the spec files share one server). */
export async function resetVerificationSwitch(baseURL: string | undefined, identifier: string) {
  const ctx = await pwRequest.newContext({ baseURL });
  const me = await (await ctx.get('/api/auth/me')).json();
  const login = await ctx.post('/api/auth/login', { headers: me.csrfToken ? { 'x-csrf-token': me.csrfToken } : {}, data: { portal: 'partner', mode: 'account', identifier, password: PASSWORD } });
  if (login.ok()) await ctx.put('/api/profile', { headers: { 'x-csrf-token': (await login.json()).csrfToken }, data: { verificationCodeRequired: false } });
  await ctx.dispose();
}
