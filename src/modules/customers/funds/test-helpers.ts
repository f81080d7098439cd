import { randomUUID } from 'node:crypto';
import { and, desc, eq, like } from 'drizzle-orm';
import type { createTestApp } from '../../../../test/app.js';
import { accountSession, makeAccount, makeMember, makePartner, memberSession, partnerAdminSession, type TestSession } from '../../../../test/fixtures.js';
import { clock } from '../../../platform/clock.js';
import { inTransaction } from '../../../platform/db/index.js';
import * as ledger from '../../../platform/ledger/index.js';
import { money } from '../../../platform/money.js';
import { notifications } from '../../../platform/notify/index.js';
import { verificationCodes } from '../../../platform/auth/schema.js';
import { partners } from '../../partners/schema.js';
import { customerAssociations } from '../schema.js';
import { sendCustomerCode, sendPartnerCode } from '../sensitive.js';
import type { Ctx } from '../../../platform/context.js';
import type { Deps } from '../../../platform/deps.js';
import { allocatableAccount, customerFundsAccount, ensureAllocatable, ensureCustomerFunds } from './ledger-accounts.js';
import type { Scenario } from './schema.js';

/** Fixtures for this folder's tests: rows written directly, money through the real ledger. */

export type T = Awaited<ReturnType<typeof createTestApp>>;

const FUNDING = 'vendor:test-funding'; // where test money comes from (the finance module's top-ups, later)
const SPENDING = 'vendor:test-consumption'; // where simulated consumption goes

export async function partnerWorld(t: T, opts: { programs?: string[] } = {}) {
  const p = await makePartner(t.database, { programs: opts.programs ?? ['solution_provider'] });
  const admin = await partnerAdminSession(t.database, p);
  return { ...p, admin };
}

export async function newCustomer(t: T) {
  const tag = Math.random().toString(36).slice(2, 6);
  return makeAccount(t.database, { name: `客户${tag}`, enterpriseName: `测试科技${tag}有限公司`, realNameType: 'enterprise' });
}

export async function associate(t: T, partnerId: string, type: 'consulting' | 'resale' = 'resale', over: { customer?: Awaited<ReturnType<typeof makeAccount>>; accountManagerId?: string | null } = {}) {
  const customer = over.customer ?? (await newCustomer(t));
  const [a] = await t.database.db
    .insert(customerAssociations)
    .values({ partnerId, customerAccountId: customer.id, associationType: type, associatedAt: clock.now(), accountManagerId: over.accountManagerId ?? null })
    .returning();
  return { customer, customerId: customer.id, association: a!, session: await accountSession(t.database, { id: customer.id }) };
}

/** Money into the partner's 可拨款账户 (stands in for the finance module's top-up). */
export async function fund(t: T, partnerId: string, amount: string) {
  await inTransaction(t.database.db, async (tx) => {
    await ledger.ensureAccount(tx, { code: FUNDING, ownerKind: 'vendor', floor: null });
    await ensureAllocatable(tx, partnerId);
    await ledger.post(tx, {
      idempotencyKey: `test-fund:${randomUUID()}`,
      kind: 'test.fund',
      lines: [
        { account: FUNDING, amount: money(amount).negated() },
        { account: allocatableAccount(partnerId), amount },
      ],
    });
  });
}

/** The customer spends from its partner-funded balance (stands in for the cloud module's consumption). */
export async function consume(t: T, partnerId: string, customerId: string, amount: string, scenario: Scenario = 'ordinary') {
  await inTransaction(t.database.db, async (tx) => {
    await ledger.ensureAccount(tx, { code: SPENDING, ownerKind: 'vendor', floor: null });
    await ensureCustomerFunds(tx, partnerId, customerId, scenario);
    await ledger.post(tx, {
      idempotencyKey: `test-consume:${randomUUID()}`,
      kind: 'test.consumption',
      lines: [
        { account: customerFundsAccount(partnerId, customerId, scenario), amount: money(amount).negated() },
        { account: SPENDING, amount },
      ],
    });
  });
}

export const balanceOf = (t: T, code: string) => ledger.balanceOf(t.database.db, code);
export const allocatable = (t: T, partnerId: string) => balanceOf(t, allocatableAccount(partnerId));
export const customerBalance = (t: T, partnerId: string, customerId: string, scenario: Scenario = 'ordinary') => balanceOf(t, customerFundsAccount(partnerId, customerId, scenario));

export const rid = () => randomUUID();

export async function call(t: T, s: TestSession | null, method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: { ...(s?.headers ?? {}), 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) });
}

export async function setVerification(t: T, partnerId: string, on: boolean) {
  await t.database.db.update(partners).set({ verificationCodeRequired: on }).where(eq(partners.id, partnerId));
}

/** The last code delivered to an address (the demo inbox). */
export async function lastCode(t: T, address: string): Promise<string> {
  const [n] = await t.database.db
    .select({ data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.address, address), eq(notifications.template, 'verification-code')))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  const code = (n?.data as { code?: string } | undefined)?.code;
  if (!code) throw new Error(`no code sent to ${address}`);
  return code;
}

/** Let the next code be requested at once (the platform allows one per 60 s per target). */
export async function forgetCodes(t: T, address: string) {
  await t.database.db.delete(verificationCodes).where(like(verificationCodes.target, address));
}

function ctxOf(t: T, actor: Ctx['actor']): Ctx {
  return { db: t.database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: 'test', deps: {} as Deps };
}

/** 获取验证码 as the partner account (its admin) and read it from the demo inbox. */
export async function partnerCode(t: T, p: { partner: { id: string; displayName: string }; account: { id: string; mobile: string } }): Promise<string> {
  clock.advance(61_000); // one code per target per 60 s
  const actor = { kind: 'partner' as const, partnerId: p.partner.id, accountId: p.account.id, memberId: null, displayName: p.partner.displayName, isAdmin: true, permissions: new Set<string>(), roleKeys: new Set<string>() };
  await sendPartnerCode(ctxOf(t, actor), 'sms');
  return lastCode(t, p.account.mobile);
}

/** 获取短信验证码 as a customer. */
export async function customerCode(t: T, c: { id: string; accountName: string; mobile: string }): Promise<string> {
  clock.advance(61_000);
  await sendCustomerCode(ctxOf(t, { kind: 'account', accountId: c.id, accountName: c.accountName }));
  return lastCode(t, c.mobile);
}

export { makeAccount, makeMember, memberSession, accountSession };
