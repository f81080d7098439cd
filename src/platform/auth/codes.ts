import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { inTransaction, type Db, type Executor } from '../db/index.js';
import { clock, MINUTE_MS } from '../clock.js';
import { badRequest, tooMany } from '../errors.js';
import { send } from '../notify/index.js';
import { verificationCodes } from './schema.js';
import { CODE_POLICY, assertNotLocked, hit } from './throttle.js';

/**
 * One-time codes sent by SMS or e-mail. 6 digits, valid 5 minutes (the guide's
 * "验证码5分钟内有效", L2437), 5 wrong entries void a code, one request per
 * target per 60 s and 5 per hour.
 */
export const CODE_TTL_MS = 5 * MINUTE_MS;
const RESEND_GAP_MS = 60_000;
const MAX_ATTEMPTS = 5;

export type CodePurpose =
  | 'register'
  | 'reset-password'
  | 'login'
  | 'sensitive-operation'
  | 'transfer-main-account'
  | 'quick-register'
  | 'customer-association';

const hashCode = (target: string, code: string) => createHash('sha256').update(`${target}:${code}`).digest('hex');

const PURPOSE_TEXT: Record<CodePurpose, { zh: string; en: string }> = {
  register: { zh: '注册华为账号', en: 'registration' },
  'reset-password': { zh: '重置密码', en: 'password reset' },
  login: { zh: '登录', en: 'sign-in' },
  'sensitive-operation': { zh: '敏感操作验证', en: 'sensitive operation' },
  'transfer-main-account': { zh: '转移主账号', en: 'main-account transfer' },
  'quick-register': { zh: '快捷注册新账号', en: 'quick registration' },
  'customer-association': { zh: '客户关联', en: 'customer association' },
};

export async function issueCode(
  tx: Executor,
  input: { purpose: CodePurpose; channel: 'sms' | 'email'; target: string; subjectKey?: string },
): Promise<{ expiresAt: Date }> {
  const throttleKey = `code:${input.target}`;
  await assertNotLocked(tx, throttleKey);
  const [last] = await tx
    .select({ createdAt: verificationCodes.createdAt })
    .from(verificationCodes)
    .where(eq(verificationCodes.target, input.target))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  if (last && clock.nowMs() - last.createdAt.getTime() < RESEND_GAP_MS) {
    throw tooMany('code.too-soon', { zh: '验证码发送过于频繁，请60秒后再试', en: 'Please wait 60 seconds before requesting another code' });
  }
  await hit(tx, throttleKey, CODE_POLICY);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await tx.insert(verificationCodes).values({
    purpose: input.purpose,
    target: input.target,
    subjectKey: input.subjectKey ?? null,
    codeHash: hashCode(input.target, code),
    createdAt: now,
    expiresAt,
  });
  const what = PURPOSE_TEXT[input.purpose];
  await send(tx, {
    channel: input.channel,
    address: input.target,
    template: 'verification-code',
    subject: `【华为云】验证码 / Verification code`,
    body: `您的${what.zh}验证码为 ${code}，5分钟内有效，请勿泄露。 Your ${what.en} code is ${code}, valid for 5 minutes.`,
    data: { purpose: input.purpose, code },
  });
  return { expiresAt };
}

const invalidCode = () =>
  badRequest('code.invalid', { zh: '验证码错误或已失效', en: 'The verification code is wrong or has expired' }, {}, {
    code: { zh: '验证码错误或已失效', en: 'The verification code is wrong or has expired' },
  });

export interface CodeCheck {
  purpose: CodePurpose;
  target: string;
  code: string;
  subjectKey?: string;
}

async function latestOpenCode(ex: Executor, input: CodeCheck, lock: boolean) {
  const q = ex
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.purpose, input.purpose), eq(verificationCodes.target, input.target), isNull(verificationCodes.consumedAt)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  if (!row || row.expiresAt <= clock.now() || row.attempts >= MAX_ATTEMPTS) return null;
  if (input.subjectKey && row.subjectKey !== input.subjectKey) return null;
  return row;
}

/**
 * Step 1, in its own transaction before the business change: a wrong code is counted
 * (and the count survives the refusal), a code is void after 5 wrong entries.
 */
export async function checkCode(db: Db, input: CodeCheck): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await latestOpenCode(tx, input, true);
    if (!row) throw invalidCode();
    if (row.codeHash !== hashCode(input.target, input.code.trim())) {
      await tx.update(verificationCodes).set({ attempts: row.attempts + 1 }).where(eq(verificationCodes.id, row.id));
      return 'wrong' as const;
    }
    return 'ok' as const;
  }).then((r) => {
    if (r === 'wrong') throw invalidCode();
  });
}

/**
 * Step 2, inside the business transaction: consume the code, so one code authorises one
 * change, atomically with it.
 */
export async function consumeCode(tx: Executor, input: CodeCheck): Promise<void> {
  const row = await latestOpenCode(tx, input, true);
  if (!row || row.codeHash !== hashCode(input.target, input.code.trim())) throw invalidCode();
  await tx.update(verificationCodes).set({ consumedAt: clock.now() }).where(eq(verificationCodes.id, row.id));
}
