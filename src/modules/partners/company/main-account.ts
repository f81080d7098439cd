import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/index.js';
import { AppError, fieldError, notFound } from '../../../platform/errors.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { P, requirePartnerAccount, requirePermission } from '../../../platform/access/index.js';
import { audit } from '../../../platform/audit/index.js';
import { checkCode, consumeCode, issueCode } from '../../../platform/auth/codes.js';
import { kickDelivery, sendAll } from '../../../platform/notify/index.js';
import { partners } from '../schema.js';
import { companyAccounts, say, tenantCompany } from './common.js';

/**
 * 账号信息 and 转移主账号 (spec 02 §2.2, §3.2, ops 4–5, R6–R7; guide L2875–2897). The main account owns
 * the company identity; it may hand that role to another partner account of the same company after a
 * phone or e-mail security check (安全验证). No vendor review: the guide shows none.
 */

export const TRANSFER_NOTICE: Text = {
  zh: '主账号是贵公司身份的拥有者，可管理贵公司的基本信息和商业信息等。转移后，当前账号将无法执行主账号相关操作，包括管理其他伙伴账号，管理伙伴关键信息等。',
  en: "The main account owns your company's identity and manages its basic and business information. After the transfer this account can no longer perform main-account operations, such as managing the other partner accounts and the company's key information.",
};

const MAIN_ONLY: Text = { zh: '仅主账号可以转移主账号', en: 'Only the main account can transfer the main-account role' };
const TARGET: Text = { zh: '目标账号', en: 'Target account' };

export interface AccountView {
  partnerId: string;
  accountName: string;
  displayName: string;
  mobile: string; // masked
  email: string | null; // masked
  isMainAccount: boolean;
  mainLabel: string | null; // 主账号
  isCurrent: boolean;
  joinedAt: string;
}

const maskMobile = (m: string) => m.replace(/(\d{3})\d{4}(\d{4})$/, '$1****$2');
const maskEmail = (e: string | null) => (e ? e.replace(/^(.).*(@.*)$/, '$1***$2') : null);

/** 查看账号信息: every partner account of the company, the main one marked (op 4). */
export async function listAccounts(ctx: Ctx): Promise<{ items: AccountView[]; transferNotice: string; canTransfer: boolean }> {
  const actor = requirePermission(ctx, P.basicInfo);
  const company = await tenantCompany(ctx.db, actor);
  const rows = await companyAccounts(ctx.db, company.companyId);
  return {
    items: rows.map((r) => ({
      partnerId: r.partnerId,
      accountName: r.accountName,
      displayName: r.displayName,
      mobile: maskMobile(r.mobile),
      email: maskEmail(r.email),
      isMainAccount: r.isMainAccount,
      mainLabel: r.isMainAccount ? say(ctx, { zh: '主账号', en: 'Main account' }) : null,
      isCurrent: r.partnerId === actor.partnerId,
      joinedAt: r.joinedAt.toISOString(),
    })),
    transferNotice: say(ctx, TRANSFER_NOTICE),
    canTransfer: company.isMainAccount && actor.memberId === null && rows.some((r) => r.partnerId !== actor.partnerId && r.status === 'active'),
  };
}

export interface TransferInput {
  targetPartnerId: string;
  channel: 'sms' | 'email';
}

/** The verification code is bound to this company, this main account and this target. */
const subjectKey = (from: string, to: string) => `transfer-main-account:${from}:${to}`;

async function prepare(ctx: Ctx, input: TransferInput, forUpdate: boolean, tx = ctx.db) {
  const actor = requirePartnerAccount(ctx); // the account itself: the code goes to its own phone or e-mail
  const company = await tenantCompany(tx, actor, forUpdate);
  if (!company.isMainAccount) throw new AppError(403, 'company.main-account-only', MAIN_ONLY);
  if (!isUuid(input.targetPartnerId) || input.targetPartnerId === actor.partnerId) throw targetNotFound();
  const rows = await companyAccounts(tx, company.companyId);
  const target = rows.find((r) => r.partnerId === input.targetPartnerId && r.status === 'active');
  if (!target) throw targetNotFound(); // another company's account reads as missing
  const self = rows.find((r) => r.partnerId === actor.partnerId)!;
  const address = input.channel === 'sms' ? self.mobile : self.email;
  if (!address)
    throw fieldError('channel', 'company.transfer.no-email', { zh: '当前账号未绑定邮箱，请选择手机号验证', en: 'This account has no e-mail address; verify by phone' });
  return { actor, company, target, self, address };
}

function targetNotFound() {
  const e = notFound(TARGET);
  return new AppError(e.status, e.code, e.text, e.params, { targetPartnerId: { zh: '目标账号不存在', en: 'Target account not found' } });
}

/** Step d: send the SMS or e-mail code for this transfer. */
export async function requestTransferCode(ctx: Ctx, input: TransferInput): Promise<{ expiresAt: string; channel: 'sms' | 'email' }> {
  const { actor, target, address } = await prepare(ctx, input, false);
  const { expiresAt } = await inTransaction(ctx.db, (tx) =>
    issueCode(tx, { purpose: 'transfer-main-account', channel: input.channel, target: address, subjectKey: subjectKey(actor.partnerId, target.partnerId) }),
  );
  await kickDelivery(ctx.deps.queue);
  return { expiresAt: expiresAt.toISOString(), channel: input.channel };
}

/** 确认转移 (R6, R7): the target becomes the main account, this one loses main-account rights. */
export async function transferMainAccount(ctx: Ctx, input: TransferInput & { code: string }) {
  const first = await prepare(ctx, input, false);
  const check = { purpose: 'transfer-main-account' as const, target: first.address, code: input.code, subjectKey: subjectKey(first.actor.partnerId, first.target.partnerId) };
  // a wrong code is counted in its own transaction (and survives the refusal)
  await checkCode(ctx.db, check);
  const result = await inTransaction(ctx.db, async (tx) => {
    // the company row is locked: two transfers (or a transfer and a change) run one after the other
    const { actor, company, target, self } = await prepare(ctx, input, true, tx);
    await consumeCode(tx, check);
    await tx.update(partners).set({ isMainAccount: false }).where(and(eq(partners.companyId, company.companyId), eq(partners.id, actor.partnerId)));
    await tx.update(partners).set({ isMainAccount: true }).where(and(eq(partners.companyId, company.companyId), eq(partners.id, target.partnerId)));
    await audit(tx, ctx, {
      action: 'company.main-account.transferred',
      objectType: 'company',
      objectId: company.companyId,
      before: { mainPartnerId: actor.partnerId, accountName: self.accountName },
      after: { mainPartnerId: target.partnerId, accountName: target.accountName, verifiedBy: input.channel },
    });
    const text = {
      zh: `贵公司（${company.companyName}）的主账号已由 ${self.accountName} 转移至 ${target.accountName}。`,
      en: `The main account of ${company.companyName} was transferred from ${self.accountName} to ${target.accountName}.`,
    };
    for (const who of [self, target]) {
      await sendAll(
        tx,
        { site: { kind: 'account', id: who.accountId }, email: who.email },
        { template: 'company.main-account-transferred', subject: '主账号转移通知', body: text.zh, data: { text, companyId: company.companyId } },
      );
    }
    return { mainPartnerId: target.partnerId, mainAccountName: target.accountName, previousPartnerId: actor.partnerId };
  });
  await kickDelivery(ctx.deps.queue);
  return { ...result, message: say(ctx, { zh: '主账号转移成功', en: 'The main account was transferred' }) };
}
