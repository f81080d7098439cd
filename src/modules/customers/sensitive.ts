import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { checkCode, consumeCode, issueCode } from '../../platform/auth/codes.js';
import { verificationCodes } from '../../platform/auth/schema.js';
import { fieldError, refused } from '../../platform/errors.js';
import { requireAccount, requirePartner } from '../../platform/access/index.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { orgMembers } from '../org/schema.js';

/**
 * 验证码验证 (guide §19.8, spec 04 C4): with the partner's switch on, its sensitive operations
 * (为客户调账, 余额支付, 发放/回收代金券, 伙伴发起解除关联或切换关联类型, 处理客户发起的解除关联事件)
 * ask for a one-time code sent to the operator's own mobile or e-mail ("再次确认操作者的身份").
 * The customer side always asks for one (处理伙伴发起的解除关联或切换关联类型事件, its own unbind,
 * 同意或取消代客授权), sent by SMS to the customer's mobile.
 *
 * Two steps, as platform/auth/codes wants: `check` before the business transaction (a wrong code is
 * counted and survives the refusal), `consume` inside it (one code, one change).
 * Exported for customers/funds (调账) and any other module with a §19.8 operation.
 */

const CODE_REQUIRED = { zh: '请输入验证码', en: 'Enter the verification code' };
const NO_CONTACT = { zh: '未设置手机号码或邮箱，无法发送验证码', en: 'No mobile number or e-mail to send the code to' };

const subjectOf = (a: PartnerActor) => (a.memberId ? `member:${a.memberId}` : `partner-account:${a.accountId}`);

async function operatorContacts(ex: Executor, a: PartnerActor): Promise<{ mobile: string | null; email: string | null }> {
  if (a.memberId) {
    const [m] = await ex.select({ mobile: orgMembers.mobile, email: orgMembers.email }).from(orgMembers).where(eq(orgMembers.id, a.memberId));
    return { mobile: m?.mobile || null, email: m?.email || null };
  }
  const [acc] = await ex.select({ mobile: accounts.mobile, email: accounts.email }).from(accounts).where(eq(accounts.id, a.accountId));
  return { mobile: acc?.mobile || null, email: acc?.email || null };
}

export async function verificationRequired(ex: Executor, partnerId: string): Promise<boolean> {
  const [p] = await ex.select({ v: partners.verificationCodeRequired }).from(partners).where(eq(partners.id, partnerId));
  return p?.v ?? false;
}

/** 获取验证码 for a partner's sensitive operation: to the operator's mobile (default) or e-mail. */
export async function sendPartnerCode(ctx: Ctx, channel: 'sms' | 'email' = 'sms'): Promise<{ channel: 'sms' | 'email'; expiresAt: Date }> {
  const actor = requirePartner(ctx);
  const c = await operatorContacts(ctx.db, actor);
  const target = channel === 'email' ? c.email : c.mobile;
  if (!target) throw refused('customers.code-no-contact', NO_CONTACT);
  const r = await inTransaction(ctx.db, (tx) => issueCode(tx, { purpose: 'sensitive-operation', channel, target, subjectKey: subjectOf(actor) }));
  return { channel, expiresAt: r.expiresAt };
}

export interface CodeGate {
  /** Inside the business transaction: marks the code used (no-op when the switch is off). */
  consume(tx: Executor): Promise<void>;
}
const NOOP: CodeGate = { consume: async () => {} };

/** The latest unconsumed code issued for this subject tells which target (mobile or e-mail) it went to. */
async function latestTarget(ex: Executor, purpose: 'sensitive-operation' | 'customer-association', subjectKey: string): Promise<string | null> {
  const [row] = await ex
    .select({ target: verificationCodes.target })
    .from(verificationCodes)
    .where(and(eq(verificationCodes.purpose, purpose), eq(verificationCodes.subjectKey, subjectKey), isNull(verificationCodes.consumedAt)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  return row?.target ?? null;
}

const invalidCode = () => fieldError('code', 'code.invalid', { zh: '验证码错误或已失效', en: 'The verification code is wrong or has expired' });

/** Step 1 for a partner's §19.8 operation: refuses a missing or wrong code when the partner's switch is on. */
export async function checkPartnerCode(ctx: Ctx, code: string | null | undefined): Promise<CodeGate> {
  const actor = requirePartner(ctx);
  if (!(await verificationRequired(ctx.db, actor.partnerId))) return NOOP;
  if (!code?.trim()) throw fieldError('code', 'customers.code-required', CODE_REQUIRED);
  const subjectKey = subjectOf(actor);
  const target = await latestTarget(ctx.db, 'sensitive-operation', subjectKey);
  if (!target) throw invalidCode();
  const input = { purpose: 'sensitive-operation' as const, target, code, subjectKey };
  await checkCode(ctx.db, input);
  return { consume: (tx) => consumeCode(tx, input) };
}

/** 获取短信验证码 for the customer portal (always required there). */
export async function sendCustomerCode(ctx: Ctx): Promise<{ channel: 'sms'; expiresAt: Date }> {
  const actor = requireAccount(ctx);
  const [acc] = await ctx.db.select({ mobile: accounts.mobile }).from(accounts).where(eq(accounts.id, actor.accountId));
  if (!acc?.mobile) throw refused('customers.code-no-contact', NO_CONTACT);
  const r = await inTransaction(ctx.db, (tx) =>
    issueCode(tx, { purpose: 'customer-association', channel: 'sms', target: acc.mobile, subjectKey: `customer:${actor.accountId}` }),
  );
  return { channel: 'sms', expiresAt: r.expiresAt };
}

export async function checkCustomerCode(ctx: Ctx, code: string | null | undefined): Promise<CodeGate> {
  const actor = requireAccount(ctx);
  if (!code?.trim()) throw fieldError('code', 'customers.code-required', CODE_REQUIRED);
  const subjectKey = `customer:${actor.accountId}`;
  const target = await latestTarget(ctx.db, 'customer-association', subjectKey);
  if (!target) throw invalidCode();
  const input = { purpose: 'customer-association' as const, target, code, subjectKey };
  await checkCode(ctx.db, input);
  return { consume: (tx) => consumeCode(tx, input) };
}
