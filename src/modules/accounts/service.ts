import { eq, or } from 'drizzle-orm';
import { requireMemberMaySignIn } from '../partners/standing.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../platform/db/index.js';
import type { Ctx } from '../../platform/context.js';
import { clock } from '../../platform/clock.js';
import { badRequest, fieldError, refused, AppError, notFound } from '../../platform/errors.js';
import { hashPassword, verifyPassword, passwordProblems } from '../../platform/auth/password.js';
import { createSession, deleteSession, deleteSubjectSessions, type Portal } from '../../platform/auth/sessions.js';
import { issueCode, checkCode, consumeCode } from '../../platform/auth/codes.js';
import { assertNotLocked, hit, clear, LOGIN_POLICY } from '../../platform/auth/throttle.js';
import { audit } from '../../platform/audit/index.js';
import { requireAccount, requireSignedIn } from '../../platform/access/index.js';
import { accounts, staffUsers } from './schema.js';
import { partners } from '../partners/schema.js';
import { findMemberForLogin } from '../org/member-identity.js';
import { orgMembers } from '../org/schema.js';

export type Account = typeof accounts.$inferSelect;

const COUNTRY_CODES = ['+852', '+853', '+886', '+86', '+65', '+81', '+82', '+44', '+49', '+33', '+61', '+7', '+1'];

/** "+86-13800000000" from what the user typed, with or without the country prefix (+86 by default). */
export function normaliseMobile(mobile: string, countryCode = '+86'): string {
  const raw = mobile.trim();
  const explicit = /^(\+\d{1,4})-(\d{5,15})$/.exec(raw.replace(/\s/g, ''));
  if (explicit) return `${explicit[1]}-${explicit[2]}`;
  const m = raw.replace(/[\s-]/g, '');
  if (m.startsWith('+')) {
    const cc = COUNTRY_CODES.find((c) => m.startsWith(c));
    return cc ? `${cc}-${m.slice(cc.length)}` : m;
  }
  return `${countryCode}-${m}`;
}

export function assertPasswordStrong(password: string, confirm?: string, field = 'password') {
  const problems = passwordProblems(password);
  if (problems.length) {
    const zh = `密码不符合要求：${problems.map((p) => p.text.zh).join('，')}`;
    const en = `Password rules not met: ${problems.map((p) => p.text.en).join(', ')}`;
    throw fieldError(field, 'password.weak', { zh, en });
  }
  if (confirm !== undefined && confirm !== password) {
    throw fieldError('confirmPassword', 'password.mismatch', { zh: '两次输入的密码不一致', en: 'The two passwords differ' });
  }
}

// ---- registration (spec 01 §2.1, guide L598–630) ----

export async function requestRegistrationCode(ctx: Ctx, input: { mobile: string; countryCode?: string }) {
  const mobile = normaliseMobile(input.mobile, input.countryCode);
  return inTransaction(ctx.db, async (tx) => {
    const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.mobile, mobile));
    if (taken) throw refused('account.mobile-taken', { zh: '该手机号已注册华为账号', en: 'This mobile number is already registered' });
    return issueCode(tx, { purpose: 'register', channel: 'sms', target: mobile });
  });
}

export async function register(
  ctx: Ctx,
  input: { countryRegion: string; mobile: string; countryCode?: string; code: string; password: string; confirmPassword: string },
) {
  const mobile = normaliseMobile(input.mobile, input.countryCode);
  assertPasswordStrong(input.password, input.confirmPassword);
  await checkCode(ctx.db, { purpose: 'register', target: mobile, code: input.code });
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await consumeCode(tx, { purpose: 'register', target: mobile, code: input.code });
      const now = clock.now();
      // The account name is generated (hw + digits) and can be changed once later (spec 02 R2).
      const suffix = mobile.replace(/\D/g, '').slice(-8);
      const accountName = `hw${suffix}${Math.floor(Math.random() * 900 + 100)}`;
      const [a] = await tx
        .insert(accounts)
        .values({ accountName, countryRegion: input.countryRegion, mobile, passwordHash, tenantName: accountName, createdAt: now, updatedAt: now })
        .returning();
      await audit(tx, { ...ctx, actor: { kind: 'account', accountId: a!.id, accountName } }, { action: 'account.registered', objectType: 'account', objectId: a!.id, after: { accountName, mobile } });
      const session = await createSession(tx, { subjectKind: 'account', subjectId: a!.id, portal: 'customer', ip: ctx.ip, userAgent: ctx.userAgent });
      return { account: a!, session };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('account.mobile-taken', { zh: '该手机号已注册华为账号', en: 'This mobile number is already registered' });
    throw err;
  }
}

export const CLOUD_TERMS_VERSION = '2025-01';

/** 开通华为云: accept 《华为云用户协议》《隐私政策声明》 and the data-sharing consent. */
export async function activateCloud(ctx: Ctx, input: { accept: boolean }) {
  const actor = requireAccountLike(ctx);
  if (!input.accept) throw fieldError('accept', 'cloud.terms-required', { zh: '请阅读并同意协议', en: 'Please accept the agreements' });
  return inTransaction(ctx.db, async (tx) => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.id, actor.accountId)).for('update');
    if (!a) throw notFound('account');
    if (a.cloudActivatedAt) return a;
    const [u] = await tx
      .update(accounts)
      .set({ cloudActivatedAt: clock.now(), cloudTermsVersion: CLOUD_TERMS_VERSION, updatedAt: clock.now() })
      .where(eq(accounts.id, a.id))
      .returning();
    await audit(tx, ctx, { action: 'account.cloud-activated', objectType: 'account', objectId: a.id, after: { terms: CLOUD_TERMS_VERSION } });
    return u!;
  });
}

function requireAccountLike(ctx: Ctx): { accountId: string } {
  const a = requireSignedIn(ctx);
  if (a.kind === 'account') return { accountId: a.accountId };
  if (a.kind === 'partner' && a.memberId === null) return { accountId: a.accountId };
  return requireAccount(ctx);
}

// ---- sign-in (spec 01 §1.3, guide 5.1.2) ----

const badCredentials = () =>
  new AppError(401, 'auth.bad-credentials', { zh: '账号或密码错误', en: 'Wrong account or password' });

export interface LoginInput {
  portal: Portal;
  mode: 'account' | 'member' | 'staff';
  identifier: string;
  password: string;
  tenant?: string;
}

export async function login(ctx: Ctx, input: LoginInput) {
  const id = input.identifier.trim();
  const throttleKey = `login:${input.mode}:${(input.tenant ?? '').toLowerCase()}:${id.toLowerCase()}`;
  const ipKey = `login-ip:${ctx.ip}`;
  await assertNotLocked(ctx.db, throttleKey);
  await assertNotLocked(ctx.db, ipKey);

  const fail = async (): Promise<never> => {
    // count the failure in its own transaction so it survives the refusal
    const locked = await inTransaction(ctx.db, async (tx) => {
      await hit(tx, ipKey, { ...LOGIN_POLICY, max: 50 });
      return hit(tx, throttleKey, LOGIN_POLICY);
    });
    if (locked) await assertNotLocked(ctx.db, throttleKey);
    throw badCredentials();
  };

  if (input.mode === 'staff') {
    if (input.portal !== 'ops') throw badRequest('auth.portal', { zh: '请在运营后台登录', en: 'Staff sign in to the operations console' });
    const [u] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.username, id));
    if (!u || u.status !== 'active' || !(await verifyPassword(u.passwordHash, input.password))) return fail();
    return finishLogin(ctx, throttleKey, { subjectKind: 'staff', subjectId: u.id, portal: 'ops' }, { mustChangePassword: false });
  }
  if (input.mode === 'member') {
    if (input.portal !== 'partner' || !input.tenant)
      throw fieldError('tenant', 'auth.tenant-required', { zh: '请输入租户名/原华为云账号', en: 'Enter the tenant / account name' });
    const m = await findMemberForLogin(ctx.db, input.tenant.trim(), id);
    if (!m || !(await verifyPassword(m.passwordHash, input.password))) return fail();
    if (m.status !== 'normal') throw refused('auth.member-locked', { zh: '该账号已被锁定，请联系管理员', en: 'This member is locked; contact your administrator' });
    await requireMemberMaySignIn(ctx.db, m.partnerId); // R29: only the super admin signs in (partners/standing.ts)
    return finishLogin(ctx, throttleKey, { subjectKind: 'member', subjectId: m.memberId, partnerId: m.partnerId, portal: 'partner' }, { mustChangePassword: m.mustChangePassword });
  }
  // 华为账号: 手机号/邮件地址/帐号名/原华为云帐号
  const mobile = /^\+?\d[\d\s-]{5,}$/.test(id) ? normaliseMobile(id) : null;
  const conds = [eq(accounts.accountName, id), eq(accounts.email, id.toLowerCase())];
  if (mobile) conds.push(eq(accounts.mobile, mobile));
  const [a] = await ctx.db.select().from(accounts).where(or(...conds));
  if (!a || a.status !== 'active' || !(await verifyPassword(a.passwordHash, input.password))) return fail();
  if (input.portal === 'ops') throw badCredentials();
  let partnerId: string | null = null;
  if (input.portal === 'partner') {
    const [p] = await ctx.db.select({ id: partners.id }).from(partners).where(eq(partners.accountId, a.id));
    partnerId = p?.id ?? null;
  }
  return finishLogin(ctx, throttleKey, { subjectKind: 'account', subjectId: a.id, partnerId, portal: input.portal }, { mustChangePassword: false });
}

async function finishLogin(
  ctx: Ctx,
  throttleKey: string,
  s: { subjectKind: 'account' | 'member' | 'staff'; subjectId: string; partnerId?: string | null; portal: Portal },
  extra: { mustChangePassword: boolean },
) {
  return inTransaction(ctx.db, async (tx) => {
    await clear(tx, throttleKey);
    const session = await createSession(tx, { ...s, ip: ctx.ip, userAgent: ctx.userAgent });
    return { ...session, ...extra };
  });
}

export async function logout(ctx: Ctx) {
  if (ctx.sessionId) await deleteSession(ctx.db, ctx.sessionId);
}

// ---- passwords ----

/** Reset with a code sent to the account's mobile or e-mail (忘记密码). Signs the account out everywhere. */
export async function requestResetCode(ctx: Ctx, input: { target: string }) {
  const target = input.target.includes('@') ? input.target.trim().toLowerCase() : normaliseMobile(input.target);
  return inTransaction(ctx.db, async (tx) => {
    const [a] = await tx.select({ id: accounts.id }).from(accounts).where(or(eq(accounts.mobile, target), eq(accounts.email, target)));
    // Same answer whether or not the account exists, so the endpoint cannot probe for accounts.
    if (!a) return { sent: true };
    await issueCode(tx, { purpose: 'reset-password', channel: target.includes('@') ? 'email' : 'sms', target });
    return { sent: true };
  });
}

export async function resetPassword(ctx: Ctx, input: { target: string; code: string; password: string; confirmPassword: string }) {
  const target = input.target.includes('@') ? input.target.trim().toLowerCase() : normaliseMobile(input.target);
  assertPasswordStrong(input.password, input.confirmPassword);
  await checkCode(ctx.db, { purpose: 'reset-password', target, code: input.code });
  const passwordHash = await hashPassword(input.password);
  await inTransaction(ctx.db, async (tx) => {
    await consumeCode(tx, { purpose: 'reset-password', target, code: input.code });
    const [a] = await tx.update(accounts).set({ passwordHash, updatedAt: clock.now() }).where(or(eq(accounts.mobile, target), eq(accounts.email, target))).returning();
    if (!a) throw badRequest('code.invalid', { zh: '验证码错误或已失效', en: 'The verification code is wrong or has expired' });
    await deleteSubjectSessions(tx, 'account', a.id);
    await audit(tx, { ...ctx, actor: { kind: 'account', accountId: a.id, accountName: a.accountName } }, { action: 'account.password-reset', objectType: 'account', objectId: a.id });
  });
}

/** Change one's own password (also the forced change at a member's first sign-in, R29). */
export async function changePassword(ctx: Ctx, input: { oldPassword: string; newPassword: string; confirmPassword: string }) {
  const actor = requireSignedIn(ctx);
  assertPasswordStrong(input.newPassword, input.confirmPassword, 'newPassword');
  if (input.oldPassword === input.newPassword)
    throw fieldError('newPassword', 'password.same', { zh: '新密码不能与旧密码相同', en: 'The new password must differ from the old one' });
  const newHash = await hashPassword(input.newPassword);
  await inTransaction(ctx.db, async (tx) => {
    const target = await passwordOwner(tx, ctx);
    if (!(await verifyPassword(target.hash, input.oldPassword)))
      throw fieldError('oldPassword', 'password.old-wrong', { zh: '旧密码错误', en: 'The old password is wrong' });
    await target.set(newHash);
    await deleteSubjectSessions(tx, target.kind, target.id, ctx.sessionId);
    await audit(tx, ctx, { action: 'auth.password-changed', objectType: target.kind, objectId: target.id });
  });
  void actor;
}

async function passwordOwner(tx: Executor, ctx: Ctx) {
  const a = ctx.actor;
  if (a.kind === 'partner' && a.memberId) {
    const [m] = await tx.select().from(orgMembers).where(eq(orgMembers.id, a.memberId)).for('update');
    return {
      kind: 'member' as const,
      id: a.memberId,
      hash: m!.passwordHash,
      set: (h: string) => tx.update(orgMembers).set({ passwordHash: h, mustChangePassword: false, updatedAt: clock.now() }).where(eq(orgMembers.id, a.memberId!)),
    };
  }
  if (a.kind === 'staff') {
    const [s] = await tx.select().from(staffUsers).where(eq(staffUsers.id, a.staffId)).for('update');
    return { kind: 'staff' as const, id: a.staffId, hash: s!.passwordHash, set: (h: string) => tx.update(staffUsers).set({ passwordHash: h }).where(eq(staffUsers.id, a.staffId)) };
  }
  const accountId = a.kind === 'account' || a.kind === 'partner' ? a.accountId : '';
  const [acc] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
  return {
    kind: 'account' as const,
    id: accountId,
    hash: acc!.passwordHash,
    set: (h: string) => tx.update(accounts).set({ passwordHash: h, updatedAt: clock.now() }).where(eq(accounts.id, accountId)),
  };
}

// ---- profile (spec 02 §2.3–2.4) ----

export async function getProfile(ctx: Ctx) {
  const a = requireSignedIn(ctx);
  if (a.kind === 'partner' && a.memberId) {
    const [m] = await ctx.db.select().from(orgMembers).where(eq(orgMembers.id, a.memberId));
    return { kind: 'member' as const, accountName: m!.accountName, name: m!.name, mobile: m!.mobile, email: m!.email, language: m!.language, timeZone: m!.timeZone, tenantName: null, enterpriseName: null, realNameStatus: null, verificationCodeRequired: null as boolean | null, accountNameChangeable: false };
  }
  if (a.kind === 'staff') {
    const [s] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.id, a.staffId));
    return { kind: 'staff' as const, accountName: s!.username, name: s!.name, mobile: s!.mobile ?? '', email: s!.email ?? '', language: 'zh-CN' as const, timeZone: 'Asia/Shanghai', tenantName: null, enterpriseName: null, realNameStatus: null, verificationCodeRequired: null, accountNameChangeable: false };
  }
  const accountId = a.kind === 'partner' ? a.accountId : a.accountId;
  const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId));
  let verificationCodeRequired: boolean | null = null;
  if (a.kind === 'partner') {
    const [p] = await ctx.db.select({ v: partners.verificationCodeRequired }).from(partners).where(eq(partners.id, a.partnerId));
    verificationCodeRequired = p?.v ?? false;
  }
  return {
    kind: 'account' as const,
    accountName: acc!.accountName,
    name: acc!.name ?? '',
    mobile: acc!.mobile,
    email: acc!.email ?? '',
    language: acc!.language,
    timeZone: acc!.timeZone,
    tenantName: acc!.tenantName,
    enterpriseName: acc!.enterpriseName,
    realNameStatus: acc!.realNameStatus,
    verificationCodeRequired,
    accountNameChangeable: acc!.accountNameChangedAt === null,
  };
}

export const TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];

export async function updateProfile(
  ctx: Ctx,
  input: { language?: 'zh-CN' | 'en-US'; timeZone?: string; name?: string; email?: string; accountName?: string; verificationCodeRequired?: boolean },
) {
  const a = requireSignedIn(ctx);
  if (input.timeZone && !isValidTimeZone(input.timeZone))
    throw fieldError('timeZone', 'profile.time-zone', { zh: '时区无效', en: 'Unknown time zone' });
  await inTransaction(ctx.db, async (tx) => {
    const before = await getProfile({ ...ctx, db: tx });
    if (a.kind === 'partner' && a.memberId) {
      if (input.accountName || input.verificationCodeRequired !== undefined) throw refused('profile.member-field', { zh: '组织人员不能修改此项', en: 'Members cannot change this' });
      await tx.update(orgMembers).set({ language: input.language, timeZone: input.timeZone, name: input.name, email: input.email, updatedAt: clock.now() }).where(eq(orgMembers.id, a.memberId));
    } else if (a.kind === 'account' || a.kind === 'partner') {
      const [acc] = await tx.select().from(accounts).where(eq(accounts.id, a.accountId)).for('update');
      const set: Partial<typeof accounts.$inferInsert> = { language: input.language, timeZone: input.timeZone, name: input.name, email: input.email?.toLowerCase(), updatedAt: clock.now() };
      if (input.accountName && input.accountName !== acc!.accountName) {
        // 帐号名 can be changed only once (spec 02 R2)
        if (acc!.accountNameChangedAt) throw refused('profile.account-name-once', { zh: '帐号名仅可修改一次', en: 'The account name can be changed only once' });
        set.accountName = input.accountName;
        set.accountNameChangedAt = clock.now();
      }
      try {
        await tx.update(accounts).set(set).where(eq(accounts.id, a.accountId));
      } catch (err) {
        if (isUniqueViolation(err)) throw refused('profile.taken', { zh: '帐号名或邮箱已被使用', en: 'The account name or e-mail is already used' });
        throw err;
      }
      if (input.verificationCodeRequired !== undefined) {
        if (a.kind !== 'partner' || !a.isAdmin) throw refused('profile.switch-admin', { zh: '仅伙伴管理员可设置验证码验证', en: 'Only the partner administrator can set verification' });
        await tx.update(partners).set({ verificationCodeRequired: input.verificationCodeRequired }).where(eq(partners.id, a.partnerId));
      }
    } else {
      throw refused('profile.staff', { zh: '运营人员资料由管理员维护', en: 'Staff profiles are maintained by an administrator' });
    }
    const after = await getProfile({ ...ctx, db: tx });
    await audit(tx, ctx, { action: 'profile.updated', objectType: 'profile', objectId: null, before, after });
  });
  return getProfile(ctx);
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}



/** The current session's CSRF token and whether a password change is due (R29). */
export async function sessionInfo(ctx: Ctx): Promise<{ csrfToken: string | null; mustChangePassword: boolean }> {
  const { sessions } = await import('../../platform/auth/schema.js');
  const [s] = await ctx.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, ctx.sessionId!));
  let mustChangePassword = false;
  if (ctx.actor.kind === 'partner' && ctx.actor.memberId) {
    const [m] = await ctx.db.select({ must: orgMembers.mustChangePassword }).from(orgMembers).where(eq(orgMembers.id, ctx.actor.memberId));
    mustChangePassword = m?.must ?? false;
  }
  return { csrfToken: s?.csrf ?? null, mustChangePassword };
}
