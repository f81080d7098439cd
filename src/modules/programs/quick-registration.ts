import { createHash, randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/index.js';
import { HOUR_MS, clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit/index.js';
import { fieldError, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { requirePartnerAccount } from '../../platform/access/index.js';
import { checkCode, consumeCode, issueCode } from '../../platform/auth/codes.js';
import { accounts } from '../accounts/schema.js';
import { activateCloud, register } from '../accounts/service.js';
import { companies, partners } from '../partners/schema.js';
import { solutionProviderExpired } from './memberships.js';
import { programMemberships, quickRegistrations } from './schema.js';

/**
 * 快捷注册新账号加入分销计划（云经销商）(spec 01 §2.18, op 22, R29, R37; L2390–2469): after the
 * solution-provider plan expires, the super admin verifies with a code sent to the main account's
 * e-mail or phone (valid 5 minutes), then registers a new account within 24 hours with another mobile
 * number, activates HUAWEI CLOUD and joins HCPN in one step (立即入驻) under the same company.
 */

const t = (zh: string, en: string): Text => ({ zh, en });

export const QUICK_REGISTRATION_WINDOW_MS = 24 * HOUR_MS;

/** 解决方案提供商计划过期的影响 (L2405–2412). */
export const EXPIRY_IMPACTS: readonly Text[] = [
  t('不享有解决方案提供商计划相应的华为云权益，包括销售激励返点。', 'No solution provider benefits, including sales incentive rebates.'),
  t('您的伙伴中心功能受限，您可以进入伙伴中心管理现有客户，但不能再拓展新的客户，也不能代客操作。', 'The Partner Center is limited: manage existing customers only, no new customers, no operations on behalf of customers.'),
  t('仅超级管理员账号可以访问伙伴中心，其他组织人员账号不可访问伙伴中心。', 'Only the super admin account can open the Partner Center; other members cannot.'),
];
const CONTINUE_NOTE: Text = t(
  '您可以继续开展云经销业务，云经销商需由总经销商邀请并关联加入分销计划（云经销商），由总经销商管理。您可使用以下空账号或快捷注册新账号。',
  'You can continue as a reseller: a distributor invites and links the account into the reseller plan. Use an empty account below or quick-register a new one.',
);
const NOT_EXPIRED: Text = t('您的解决方案提供商计划未过期，无需快捷注册新账号', 'Your solution provider plan has not expired; quick registration is not needed');
const NO_EMAIL: Text = t('当前主账号未绑定邮箱，请通过手机验证', 'The main account has no bound e-mail; verify by phone');
const INVALID_TOKEN: Text = t('快捷注册凭证无效，请重新验证', 'The quick-registration token is invalid; verify again');
const TOKEN_USED: Text = t('该快捷注册凭证已使用', 'This quick-registration token has already been used');
const TOKEN_EXPIRED: Text = t('验证成功后需在24小时内完成新账号注册，请重新验证', 'Register within 24 hours of the verification; verify again');
const TERMS_REQUIRED: Text = t('请阅读并同意《华为云用户协议》《隐私政策声明》', 'Accept the HUAWEI CLOUD user agreement and privacy statement');
export const JOINED_MESSAGE: Text = t(
  '您已成功入驻华为云合作伙伴体系。请联系总经销商发送邀请邮件，使用该账号关联成为云经销商。注意：在邀请期间使用该账号加入发展路径或计划会导致邀请失败，请谨慎操作。',
  'You have joined HCPN. Ask a distributor to send the invitation e-mail and link this account as its reseller. Joining a path or plan during the invitation period makes the invitation fail.',
);

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

function mask(s: string): string {
  const at = s.indexOf('@');
  if (at > 0) return `${s.slice(0, Math.min(2, at))}*****@${s.slice(at + 1).replace(/^[^.]+/, '*****')}`;
  return s.length > 7 ? `${s.slice(0, s.length - 8)}${s.slice(-8, -4).replace(/./g, '*')}${s.slice(-4)}` : '****';
}

export interface EmptyAccountView {
  accountName: string; // masked
  accountType: string; // 账号类型 ("--")
  paths: Text[];
  programs: Text[];
}

export interface ExpiryNotice {
  expired: boolean;
  title: Text;
  impacts: Text[];
  note: Text;
  emptyAccounts: EmptyAccountView[];
}

/** The overview pop-up "您的解决方案提供商计划已经过期" with the company's empty accounts (空账号). */
export async function expiryNotice(ctx: Ctx): Promise<ExpiryNotice> {
  const actor = requirePartnerAccount(ctx);
  const expired = await solutionProviderExpired(ctx.db, actor.partnerId);
  const [me] = await ctx.db.select({ companyId: partners.companyId }).from(partners).where(eq(partners.id, actor.partnerId));
  const siblings = await ctx.db
    .select({ id: partners.id, accountName: accounts.accountName, email: accounts.email, paths: partners.paths, programs: partners.programs })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(and(eq(partners.companyId, me!.companyId), ne(partners.id, actor.partnerId)));
  const emptyAccounts: EmptyAccountView[] = [];
  for (const s of siblings) {
    if (s.paths.length > 0 || s.programs.length > 0) continue;
    const [m] = await ctx.db.select({ id: programMemberships.id }).from(programMemberships).where(and(eq(programMemberships.partnerId, s.id), ne(programMemberships.status, 'ended'))).limit(1);
    if (m) continue;
    emptyAccounts.push({ accountName: mask(s.email ?? s.accountName), accountType: '--', paths: [], programs: [] });
  }
  return { expired, title: t('您的解决方案提供商计划已经过期', 'Your solution provider plan has expired'), impacts: [...EXPIRY_IMPACTS], note: CONTINUE_NOTE, emptyAccounts };
}

async function mainAccount(ctx: Ctx, channel: 'email' | 'sms') {
  const actor = requirePartnerAccount(ctx);
  if (!(await solutionProviderExpired(ctx.db, actor.partnerId))) throw refused('programs.quick-registration.not-expired', NOT_EXPIRED);
  const [a] = await ctx.db.select({ email: accounts.email, mobile: accounts.mobile }).from(accounts).where(eq(accounts.id, actor.accountId));
  const target = channel === 'email' ? a?.email : a?.mobile;
  if (!target) throw fieldError('channel', 'programs.quick-registration.no-email', NO_EMAIL);
  return { actor, target };
}

/** "获取验证码": to the logged-in main account's e-mail, or by phone ("通过手机验证"); valid 5 minutes. */
export async function requestQuickRegistrationCode(ctx: Ctx, input: { channel: 'email' | 'sms' }): Promise<{ channel: 'email' | 'sms'; target: string; expiresAt: string; message: Text }> {
  const { actor, target } = await mainAccount(ctx, input.channel);
  const { expiresAt } = await inTransaction(ctx.db, (tx) => issueCode(tx, { purpose: 'quick-register', channel: input.channel, target, subjectKey: `partner:${actor.partnerId}` }));
  const message = input.channel === 'email' ? t('邮件验证码已发送，验证码5分钟内有效', 'The e-mail code was sent; it is valid for 5 minutes') : t('短信验证码已发送，验证码5分钟内有效', 'The SMS code was sent; it is valid for 5 minutes');
  return { channel: input.channel, target: mask(target), expiresAt: expiresAt.toISOString(), message };
}

/** "确认": the code is checked; the new account must be registered within 24 hours (R37). */
export async function verifyQuickRegistration(ctx: Ctx, input: { channel: 'email' | 'sms'; code: string }): Promise<{ token: string; deadline: string }> {
  const { actor, target } = await mainAccount(ctx, input.channel);
  const check = { purpose: 'quick-register' as const, target, code: input.code, subjectKey: `partner:${actor.partnerId}` };
  await checkCode(ctx.db, check);
  const token = randomBytes(24).toString('base64url');
  return inTransaction(ctx.db, async (tx) => {
    await consumeCode(tx, check);
    const now = clock.now();
    const deadline = new Date(now.getTime() + QUICK_REGISTRATION_WINDOW_MS);
    const [row] = await tx.insert(quickRegistrations).values({ partnerId: actor.partnerId, channel: input.channel, tokenHash: hash(token), verifiedAt: now, deadline }).returning();
    await audit(tx, ctx, { action: 'programs.quick-registration-verified', objectType: 'program_quick_registration', objectId: row!.id, after: { channel: input.channel, deadline } });
    return { token, deadline: deadline.toISOString() };
  });
}

export interface QuickRegisterInput {
  token: string;
  countryRegion: string;
  countryCode?: string;
  mobile: string;
  code: string; // the SMS code of /api/auth/register/code for the new mobile
  password: string;
  confirmPassword: string;
  acceptCloudTerms: boolean; // 开通华为云
}

/**
 * 华为帐号注册 → 开通华为云 → 立即入驻, within 24 hours of the verification. A mobile number already
 * registered fails (accounts refuses it, L2449). The new account joins HCPN as another account of the
 * expired solution provider's company, with no path and no plan, ready for a distributor's invitation.
 */
export async function registerQuickly(ctx: Ctx, input: QuickRegisterInput): Promise<{ accountId: string; accountName: string; partnerId: string; message: Text }> {
  if (!input.acceptCloudTerms) throw fieldError('acceptCloudTerms', 'programs.quick-registration.terms', TERMS_REQUIRED);
  const [found] = await ctx.db.select().from(quickRegistrations).where(eq(quickRegistrations.tokenHash, hash(input.token)));
  if (!found) throw fieldError('token', 'programs.quick-registration.invalid', INVALID_TOKEN);
  if (found.usedAt) throw refused('programs.quick-registration.used', TOKEN_USED);
  if (clock.now() >= found.deadline) throw refused('programs.quick-registration.expired', TOKEN_EXPIRED);

  const { account } = await register(ctx, {
    countryRegion: input.countryRegion,
    countryCode: input.countryCode,
    mobile: input.mobile,
    code: input.code,
    password: input.password,
    confirmPassword: input.confirmPassword,
  });
  const asAccount: Ctx = { ...ctx, actor: { kind: 'account', accountId: account.id, accountName: account.accountName } };
  await activateCloud(asAccount, { accept: true });

  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(quickRegistrations).where(eq(quickRegistrations.id, found.id)).for('update');
    if (!row || row.usedAt) throw refused('programs.quick-registration.used', TOKEN_USED);
    const [expiredOne] = await tx
      .select({ companyId: partners.companyId, companyName: companies.name })
      .from(partners)
      .innerJoin(companies, eq(companies.id, partners.companyId))
      .where(eq(partners.id, row.partnerId));
    const now = clock.now();
    // 立即入驻: one page instead of the four-step wizard; the account joins the same company (R4)
    const [partner] = await tx
      .insert(partners)
      .values({ accountId: account.id, companyId: expiredOne!.companyId, isMainAccount: false, displayName: expiredOne!.companyName, joinedAt: now, createdAt: now })
      .returning();
    await tx.update(quickRegistrations).set({ usedAt: now, newAccountId: account.id, newPartnerId: partner!.id }).where(eq(quickRegistrations.id, row.id));
    await audit(tx, asAccount, {
      action: 'programs.quick-registered',
      objectType: 'program_quick_registration',
      objectId: row.id,
      partnerId: partner!.id,
      after: { fromPartnerId: row.partnerId, newAccountId: account.id, companyId: expiredOne!.companyId },
    });
    return { accountId: account.id, accountName: account.accountName, partnerId: partner!.id, message: JOINED_MESSAGE };
  });
}
