import { desc, eq } from 'drizzle-orm';
import { inTransaction, type Executor } from '../../platform/db/index.js';
import type { Ctx } from '../../platform/context.js';
import { clock } from '../../platform/clock.js';
import { fieldError, refused, notFound } from '../../platform/errors.js';
import { requireSignedIn } from '../../platform/access/index.js';
import { STAFF_ROLES } from '../../platform/access/index.js';
import { defineReviewKind, submit, type ReviewApplication } from '../../platform/review/index.js';
import { getFileRecord, canRead } from '../../platform/files/index.js';
import { audit } from '../../platform/audit/index.js';
import { accounts, realNameApplications } from './schema.js';

/**
 * 企业实名认证 (enterprise real-name verification, spec 01 §1.1, R1): the account submits its
 * company's particulars and business licence; the verification itself is the vendor's decision
 * in the operations console, through the review engine.
 */
export const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

async function domainRow(tx: Executor, app: ReviewApplication) {
  const [row] = await tx.select().from(realNameApplications).where(eq(realNameApplications.id, app.subjectId)).for('update');
  if (!row) throw new Error(`real-name application ${app.subjectId} missing`);
  return row;
}

export const realNameReviewKind = defineReviewKind({
  kind: 'accounts.real-name',
  title: { zh: '企业实名认证', en: 'Enterprise real-name verification' },
  stages: [{ key: 'review', name: { zh: '实名认证审核', en: 'Verification review' }, staffRoles: [STAFF_ROLES.reviewer, STAFF_ROLES.operations] }],
  statusNames: {
    in_review: { zh: '审核中', en: 'Under review' },
    approved: { zh: '已认证', en: 'Verified' },
    rejected: { zh: '认证失败', en: 'Verification failed' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  },
  applicants: ['account', 'partner'],
  hooks: {
    onApproved: async (tx, _ctx, app) => {
      const row = await domainRow(tx, app);
      await tx.update(realNameApplications).set({ status: 'verified', decidedAt: clock.now(), rejectReason: null }).where(eq(realNameApplications.id, row.id));
      await tx
        .update(accounts)
        .set({ realNameStatus: 'verified', realNameType: 'enterprise', enterpriseName: row.companyName, updatedAt: clock.now() })
        .where(eq(accounts.id, row.accountId));
    },
    onRejected: async (tx, _ctx, app) => {
      const row = await domainRow(tx, app);
      await tx.update(realNameApplications).set({ status: 'rejected', decidedAt: clock.now(), rejectReason: app.rejectReason }).where(eq(realNameApplications.id, row.id));
      await tx.update(accounts).set({ realNameStatus: 'rejected', updatedAt: clock.now() }).where(eq(accounts.id, row.accountId));
    },
    onWithdrawn: async (tx, _ctx, app) => {
      const row = await domainRow(tx, app);
      await tx.update(realNameApplications).set({ status: 'withdrawn' }).where(eq(realNameApplications.id, row.id));
      await tx.update(accounts).set({ realNameStatus: 'none', updatedAt: clock.now() }).where(eq(accounts.id, row.accountId));
    },
  },
});

export interface RealNameInput {
  companyName: string;
  uscc: string;
  legalRepresentative: string;
  licenceFileId: string;
  contactName: string;
  contactMobile: string;
}

function ownAccountId(ctx: Ctx): string {
  const a = requireSignedIn(ctx);
  if (a.kind === 'account') return a.accountId;
  if (a.kind === 'partner' && a.memberId === null) return a.accountId;
  throw refused('real-name.own-account', { zh: '请使用华为账号本人进行实名认证', en: 'Real-name verification is done by the account itself' });
}

export async function submitRealName(ctx: Ctx, input: RealNameInput) {
  const accountId = ownAccountId(ctx);
  const uscc = input.uscc.trim().toUpperCase();
  if (!USCC_RE.test(uscc)) throw fieldError('uscc', 'real-name.uscc', { zh: '统一社会信用代码格式不正确（18位）', en: 'The unified social credit code must be 18 valid characters' });
  return inTransaction(ctx.db, async (tx) => {
    const [acc] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for('update');
    if (!acc) throw notFound({ zh: '账号', en: 'Account' });
    if (acc.realNameStatus === 'verified' && acc.realNameType === 'enterprise')
      throw refused('real-name.already', { zh: '该账号已完成企业实名认证', en: 'This account is already verified as an enterprise' });
    if (acc.realNameStatus === 'pending') throw refused('real-name.pending', { zh: '实名认证审核中，请勿重复提交', en: 'A verification is already under review' });
    const file = await getFileRecord(tx, input.licenceFileId);
    if (!file || !canRead(ctx, file)) throw fieldError('licenceFileId', 'real-name.licence', { zh: '请上传营业执照', en: 'Upload the business licence' });
    const now = clock.now();
    const [row] = await tx
      .insert(realNameApplications)
      .values({ accountId, companyName: input.companyName, uscc, legalRepresentative: input.legalRepresentative, licenceFileId: file.id, contactName: input.contactName, contactMobile: input.contactMobile, status: 'pending', createdAt: now })
      .returning();
    const app = await submit(
      ctx.deps.reviews,
      ctx,
      {
        kind: realNameReviewKind.kind,
        subjectType: 'real_name_application',
        subjectId: row!.id,
        data: { 企业名称: input.companyName, 统一社会信用代码: uscc, 法定代表人: input.legalRepresentative, 联系人: input.contactName, 联系人手机: input.contactMobile },
        summary: `${input.companyName} · ${uscc}`,
        attachments: [{ fileId: file.id, label: '营业执照' }],
      },
      tx,
    );
    await tx.update(realNameApplications).set({ reviewId: app.id }).where(eq(realNameApplications.id, row!.id));
    await tx.update(accounts).set({ realNameStatus: 'pending', updatedAt: now }).where(eq(accounts.id, accountId));
    await audit(tx, ctx, { action: 'account.real-name.submitted', objectType: 'real_name_application', objectId: row!.id, after: { companyName: input.companyName, uscc } });
    return { ...row!, reviewId: app.id };
  });
}

export async function realNameStatus(ctx: Ctx) {
  const accountId = ownAccountId(ctx);
  const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId));
  const [latest] = await ctx.db.select().from(realNameApplications).where(eq(realNameApplications.accountId, accountId)).orderBy(desc(realNameApplications.createdAt)).limit(1);
  return {
    status: acc!.realNameStatus,
    type: acc!.realNameType,
    enterpriseName: acc!.enterpriseName,
    application: latest
      ? { id: latest.id, reviewId: latest.reviewId, companyName: latest.companyName, uscc: latest.uscc, status: latest.status, rejectReason: latest.rejectReason, createdAt: latest.createdAt, decidedAt: latest.decidedAt }
      : null,
  };
}
