import { and, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { audit } from '../../platform/audit/index.js';
import { fieldError, notFound, refused } from '../../platform/errors.js';
import type { Text } from '../../platform/i18n/index.js';
import { send } from '../../platform/notify/index.js';
import { requirePartnerAdmin, requirePermission, P } from '../../platform/access/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts } from '../accounts/schema.js';
import { companies, partners } from '../partners/schema.js';
import { BUSINESS_REGIONS } from './catalogue.js';
import { effectiveStatus } from './memberships.js';
import { EMAIL_RE } from './forms.js';
import {
  programMemberships,
  resellerInvitations,
  resellerLinks,
  type LinkStatus,
  type ProgramApplication,
  type ProgramMembership,
  type ResellerInvitation,
  type ResellerLink,
} from './schema.js';

/**
 * 云经销商 ↔ 总经销商 (spec 01 §2.16, §3.9, R31, R36; ch. 11.1 for the distributor's side):
 * the distributor's second approval of a reseller application that names it, the distributor's
 * e-mail invitation and the reseller's "愿意", one distributor at a time, same business region only.
 */

/** 销售 > 云经销商 > 云经销商管理: the distributor's page for its resellers (ch. 11.1). */
export const RESELLER_MANAGEMENT = '销售 > 云经销商 > 云经销商管理';

export const LINK_STATUS_NAMES: Record<LinkStatus, Text> = {
  pending: { zh: '待审核', en: 'Pending approval' },
  active: { zh: '正常', en: 'Active' },
  rejected: { zh: '审核不通过', en: 'Rejected' },
  exiting: { zh: '退出中', en: 'Exiting' },
  ended: { zh: '已解除', en: 'Ended' },
};
/** The distributor's 云经销商合作申请 tab shows 待审核 / 审核通过 (L12704). */
export const APPLICATION_TAB_NAMES: Record<LinkStatus, Text> = { ...LINK_STATUS_NAMES, active: { zh: '审核通过', en: 'Approved' } };

export const INVITATION_STATUS_NAMES: Record<ResellerInvitation['status'], Text> = {
  pending: { zh: '待接受', en: 'Pending' },
  accepted: { zh: '已接受', en: 'Accepted' },
  failed: { zh: '邀请失败', en: 'Failed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

const LIVE: LinkStatus[] = ['pending', 'active', 'exiting'];
const LINK: Text = { zh: '合作申请', en: 'Cooperation application' };
const INVITATION: Text = { zh: '邀请', en: 'Invitation' };

const NOT_DISTRIBUTOR: Text = { zh: '您的账号未加入分销计划（总经销商）', en: 'Your account is not in the distributor plan' };
const NOT_RESELLER: Text = {
  zh: '被邀请的用户需要先成为云经销商（即已加入分销计划（云经销商））',
  en: 'The invited account must already be a reseller (in the reseller plan)',
};
const ONE_DISTRIBUTOR: Text = { zh: '1个云经销商只能同时关联1个总经销商', en: 'A reseller can be linked to only one distributor at a time' };
const SAME_REGION: Text = { zh: '云经销商只能与同一业务开展地区内的总经销商关联', en: 'A reseller can only be linked to a distributor of the same business region' };
const ALREADY_COOPERATING: Text = { zh: '该云经销商已与其他总经销商合作，无法邀请', en: 'This reseller already cooperates with another distributor and cannot be invited' };
const INVITATION_FAILED: Text = {
  zh: '在邀请期间该账号已加入发展路径或其他计划，邀请失败',
  en: 'The account joined a development path or another plan during the invitation period; the invitation has failed',
};
const NOT_PENDING: Text = { zh: '当前状态不允许此操作', en: 'This operation is not allowed in the current status' };
const NOTICE_REQUIRED: Text = { zh: '请阅读并勾选须知', en: 'Read and accept the notice' };
const RESELLER_ACCOUNT_NOT_FOUND: Text = { zh: '云经销商账号不存在', en: 'Reseller account not found' };

// ---------------------------------------------------------------------------------------------
// Lookups

export interface DistributorRef {
  partnerId: string;
  accountId: string;
  accountName: string;
  companyName: string;
  businessRegion: string | null;
}

/** The active distributor-plan account with this account name (the guide's 总经销商账号名), if any. */
export async function findDistributor(ex: Executor, accountName: string): Promise<DistributorRef | null> {
  const rows = await ex
    .select({
      partnerId: partners.id,
      accountId: accounts.id,
      accountName: accounts.accountName,
      companyName: companies.name,
      status: programMemberships.status,
      expiresAt: programMemberships.expiresAt,
      businessRegion: programMemberships.businessRegion,
    })
    .from(accounts)
    .innerJoin(partners, eq(partners.accountId, accounts.id))
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .innerJoin(programMemberships, and(eq(programMemberships.partnerId, partners.id), eq(programMemberships.program, 'distributor')))
    .where(and(eq(accounts.accountName, accountName.trim()), eq(programMemberships.status, 'active')));
  const r = rows[0];
  return r ? { partnerId: r.partnerId, accountId: r.accountId, accountName: r.accountName, companyName: r.companyName, businessRegion: r.businessRegion } : null;
}

async function liveMembership(ex: Executor, partnerId: string, program: 'distributor' | 'reseller'): Promise<ProgramMembership | null> {
  const [m] = await ex
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.partnerId, partnerId), eq(programMemberships.program, program), ne(programMemberships.status, 'ended')));
  return m && effectiveStatus(m) !== 'expired' ? m : null;
}

async function requireDistributor(ex: Executor, actor: PartnerActor): Promise<ProgramMembership> {
  const m = await liveMembership(ex, actor.partnerId, 'distributor');
  if (!m) throw refused('programs.not-distributor', NOT_DISTRIBUTOR);
  return m;
}

/** The reseller's live link (待审核 / 正常 / 退出中), for other modules (distribution, customers). */
export async function activeDistributorOf(ex: Executor, resellerPartnerId: string): Promise<ResellerLink | null> {
  const [l] = await ex.select().from(resellerLinks).where(and(eq(resellerLinks.resellerPartnerId, resellerPartnerId), eq(resellerLinks.status, 'active')));
  return l ?? null;
}

// ---------------------------------------------------------------------------------------------
// The application path: Huawei approves, then the named distributor (L2292)

/**
 * Called when Huawei approves a reseller application naming a distributor: a 待审核 link for the
 * distributor's second approval. A name that no longer resolves to an active distributor of the same
 * region leaves the reseller without one (it can accept an invitation later); the audit says why.
 */
export async function linkFromApplication(tx: Executor, ctx: Ctx, row: ProgramApplication, membership: ProgramMembership): Promise<void> {
  const named = row.businessInfo.intendedDistributor;
  if (!named) return;
  const d = await findDistributor(tx, named.accountName);
  const region = row.businessInfo.businessRegion ?? membership.businessRegion;
  if (!d || !region || d.businessRegion !== region) {
    await audit(tx, ctx, { action: 'programs.reseller-link-skipped', objectType: 'program_application', objectId: row.id, partnerId: row.partnerId, after: { distributor: named.accountName, region } });
    return;
  }
  const now = clock.now();
  const [link] = await tx
    .insert(resellerLinks)
    .values({ resellerPartnerId: row.partnerId, distributorPartnerId: d.partnerId, businessRegion: region, source: 'application', status: 'pending', applicationId: row.id, createdAt: now, updatedAt: now })
    .returning();
  await send(tx, {
    channel: 'site',
    to: { kind: 'account', id: d.accountId },
    template: 'programs.reseller-application',
    subject: '您有新的云经销商合作申请待审核',
    body: `${row.businessInfo.companyName ?? ''}申请成为您的云经销商，请在“销售 > 云经销商 > 云经销商管理”页面审核。`,
    data: { linkId: link!.id, text: { zh: '您有新的云经销商合作申请待审核', en: 'A reseller cooperation application awaits your approval' } },
  });
  await audit(tx, ctx, { action: 'programs.reseller-link-requested', objectType: 'program_reseller_link', objectId: link!.id, partnerId: row.partnerId, after: { distributorPartnerId: d.partnerId, region } });
}

// ---------------------------------------------------------------------------------------------
// Views

export interface LinkView {
  id: string;
  resellerPartnerId: string;
  resellerName: string;
  resellerAccountName: string;
  distributorPartnerId: string;
  distributorName: string;
  businessRegion: string;
  source: 'application' | 'invitation';
  status: LinkStatus;
  statusName: Text;
  rejectReason: string | null;
  createdAt: string;
  linkedAt: string | null;
}

async function linkViews(ex: Executor, rows: ResellerLink[], names: Record<LinkStatus, Text> = LINK_STATUS_NAMES): Promise<LinkView[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.resellerPartnerId, r.distributorPartnerId]))];
  const ps = await ex
    .select({ id: partners.id, name: companies.name, accountName: accounts.accountName })
    .from(partners)
    .innerJoin(companies, eq(companies.id, partners.companyId))
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(inArray(partners.id, ids));
  const by = new Map(ps.map((p) => [p.id, p]));
  return rows.map((r) => ({
    id: r.id,
    resellerPartnerId: r.resellerPartnerId,
    resellerName: by.get(r.resellerPartnerId)?.name ?? '',
    resellerAccountName: by.get(r.resellerPartnerId)?.accountName ?? '',
    distributorPartnerId: r.distributorPartnerId,
    distributorName: by.get(r.distributorPartnerId)?.name ?? '',
    businessRegion: r.businessRegion,
    source: r.source,
    status: r.status,
    statusName: names[r.status],
    rejectReason: r.rejectReason,
    createdAt: r.createdAt.toISOString(),
    linkedAt: r.linkedAt?.toISOString() ?? null,
  }));
}

/** The reseller's own link (its distributor), if any. */
export async function myDistributor(ctx: Ctx): Promise<LinkView | null> {
  const actor = requirePermission(ctx, P.programs);
  const [row] = await ctx.db
    .select()
    .from(resellerLinks)
    .where(eq(resellerLinks.resellerPartnerId, actor.partnerId))
    .orderBy(desc(resellerLinks.createdAt))
    .limit(1);
  return row ? (await linkViews(ctx.db, [row]))[0]! : null;
}

// ---------------------------------------------------------------------------------------------
// The distributor's side (销售 > 云经销商 > 云经销商管理)

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** 云经销商合作申请: applications naming this distributor (待审核 / 审核通过 / 审核不通过). */
export async function listResellerApplications(
  ctx: Ctx,
  q: { status?: 'pending' | 'approved' | 'rejected'; page?: number; pageSize?: number } = {},
): Promise<Page<LinkView>> {
  const actor = requirePermission(ctx, RESELLER_MANAGEMENT);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const statuses: LinkStatus[] = q.status === 'pending' ? ['pending'] : q.status === 'approved' ? ['active', 'exiting', 'ended'] : q.status === 'rejected' ? ['rejected'] : [...LIVE, 'rejected', 'ended'];
  const where = and(eq(resellerLinks.distributorPartnerId, actor.partnerId), eq(resellerLinks.source, 'application'), inArray(resellerLinks.status, statuses));
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(resellerLinks).where(where);
  const rows = await ctx.db.select().from(resellerLinks).where(where).orderBy(desc(resellerLinks.createdAt), desc(resellerLinks.id)).limit(pageSize).offset((page - 1) * pageSize);
  return { items: await linkViews(ctx.db, rows, APPLICATION_TAB_NAMES), total: Number(total), page, pageSize };
}

/** 云经销商列表: the distributor's resellers (正常 / 退出中). */
export async function listResellers(ctx: Ctx, q: { page?: number; pageSize?: number } = {}): Promise<Page<LinkView>> {
  const actor = requirePermission(ctx, RESELLER_MANAGEMENT);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const where = and(eq(resellerLinks.distributorPartnerId, actor.partnerId), inArray(resellerLinks.status, ['active', 'exiting']));
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(resellerLinks).where(where);
  const rows = await ctx.db.select().from(resellerLinks).where(where).orderBy(desc(resellerLinks.linkedAt), desc(resellerLinks.id)).limit(pageSize).offset((page - 1) * pageSize);
  return { items: await linkViews(ctx.db, rows), total: Number(total), page, pageSize };
}

async function resellerAccountOf(ex: Executor, resellerPartnerId: string): Promise<string | null> {
  const [p] = await ex.select({ accountId: partners.accountId }).from(partners).where(eq(partners.id, resellerPartnerId));
  return p?.accountId ?? null;
}

/** 审核通过 / 批量审批: the distributor's second approval (L2292); the reseller may now do business. */
export async function approveResellerApplications(ctx: Ctx, ids: string[]): Promise<LinkView[]> {
  const actor = requirePermission(ctx, RESELLER_MANAGEMENT);
  requirePartnerAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    await requireDistributor(tx, actor);
    const out: ResellerLink[] = [];
    for (const id of [...new Set(ids)]) {
      const [row] = isUuid(id)
        ? await tx.select().from(resellerLinks).where(and(eq(resellerLinks.id, id), eq(resellerLinks.distributorPartnerId, actor.partnerId))).for('update')
        : [];
      if (!row) throw notFound(LINK);
      if (row.status !== 'pending') throw refused('programs.link-not-pending', NOT_PENDING, { id });
      const now = clock.now();
      const [next] = await tx.update(resellerLinks).set({ status: 'active', linkedAt: now, decidedAt: now, updatedAt: now }).where(eq(resellerLinks.id, row.id)).returning();
      await audit(tx, ctx, { action: 'programs.reseller-link-approved', objectType: 'program_reseller_link', objectId: row.id, before: { status: 'pending' }, after: { status: 'active' } });
      const acct = await resellerAccountOf(tx, row.resellerPartnerId);
      if (acct)
        await send(tx, {
          channel: 'site',
          to: { kind: 'account', id: acct },
          template: 'programs.reseller-link-approved',
          subject: '总经销商已审核通过您的合作申请',
          body: '总经销商已审核通过您的云经销商合作申请，您可以正式开展业务。',
          data: { linkId: row.id, text: { zh: '总经销商已审核通过您的合作申请', en: 'The distributor approved your cooperation application' } },
        });
      out.push(next!);
    }
    return linkViews(tx, out, APPLICATION_TAB_NAMES);
  });
}

export async function rejectResellerApplication(ctx: Ctx, id: string, input: { reason: string }): Promise<LinkView> {
  const actor = requirePermission(ctx, RESELLER_MANAGEMENT);
  requirePartnerAdmin(ctx);
  const reason = input.reason.trim();
  if (!reason) throw fieldError('reason', 'programs.reason-required', { zh: '请填写原因', en: 'Please give a reason' });
  return inTransaction(ctx.db, async (tx) => {
    const [row] = isUuid(id)
      ? await tx.select().from(resellerLinks).where(and(eq(resellerLinks.id, id), eq(resellerLinks.distributorPartnerId, actor.partnerId))).for('update')
      : [];
    if (!row) throw notFound(LINK);
    await requireDistributor(tx, actor);
    if (row.status !== 'pending') throw refused('programs.link-not-pending', NOT_PENDING);
    const now = clock.now();
    const [next] = await tx.update(resellerLinks).set({ status: 'rejected', rejectReason: reason, decidedAt: now, updatedAt: now }).where(eq(resellerLinks.id, row.id)).returning();
    await audit(tx, ctx, { action: 'programs.reseller-link-rejected', objectType: 'program_reseller_link', objectId: row.id, before: { status: 'pending' }, after: { status: 'rejected', reason } });
    const acct = await resellerAccountOf(tx, row.resellerPartnerId);
    if (acct)
      await send(tx, {
        channel: 'site',
        to: { kind: 'account', id: acct },
        template: 'programs.reseller-link-rejected',
        subject: '总经销商未通过您的合作申请',
        body: `总经销商未通过您的云经销商合作申请，原因：${reason}。`,
        data: { linkId: row.id, reason, text: { zh: '总经销商未通过您的合作申请', en: 'The distributor rejected your cooperation application' } },
      });
    return (await linkViews(tx, [next!], APPLICATION_TAB_NAMES))[0]!;
  });
}

// ---------------------------------------------------------------------------------------------
// Invitations (L2360–2388; ch. 11.1.2)

export interface InvitationView {
  id: string;
  distributorPartnerId: string;
  distributorName: string;
  distributorRegion: string | null;
  resellerPartnerId: string;
  resellerName: string;
  email: string;
  accountManagerName: string | null;
  status: ResellerInvitation['status'];
  statusName: Text;
  failedReason: string | null;
  sentAt: string;
  acceptedAt: string | null;
}

async function invitationViews(ex: Executor, rows: ResellerInvitation[]): Promise<InvitationView[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.resellerPartnerId, r.distributorPartnerId]))];
  const ps = await ex.select({ id: partners.id, name: companies.name }).from(partners).innerJoin(companies, eq(companies.id, partners.companyId)).where(inArray(partners.id, ids));
  const by = new Map(ps.map((p) => [p.id, p.name]));
  const regions = await ex
    .select({ partnerId: programMemberships.partnerId, region: programMemberships.businessRegion })
    .from(programMemberships)
    .where(and(inArray(programMemberships.partnerId, ids), eq(programMemberships.program, 'distributor'), ne(programMemberships.status, 'ended')));
  const regionOf = new Map(regions.map((r) => [r.partnerId, r.region]));
  return rows.map((r) => ({
    id: r.id,
    distributorPartnerId: r.distributorPartnerId,
    distributorName: by.get(r.distributorPartnerId) ?? '',
    distributorRegion: regionOf.get(r.distributorPartnerId) ?? null,
    resellerPartnerId: r.resellerPartnerId,
    resellerName: by.get(r.resellerPartnerId) ?? '',
    email: r.email,
    accountManagerName: r.accountManagerName,
    status: r.status,
    statusName: INVITATION_STATUS_NAMES[r.status],
    failedReason: r.failedReason,
    sentAt: r.sentAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  }));
}

async function sendInvitationMail(tx: Executor, ctx: Ctx, inv: ResellerInvitation, distributorName: string): Promise<void> {
  await send(tx, {
    channel: 'email',
    to: { kind: 'partner', id: inv.resellerPartnerId },
    address: inv.email,
    template: 'programs.reseller-invitation',
    subject: `${distributorName}邀请您成为其云经销商`,
    body: `您好，华为云总经销商${distributorName}邀请您关联成为其云经销商。请复制链接到浏览器，登录后进入“接受华为云总经销商合作邀请”页面，选择您的业务开展地区并勾选须知后单击“愿意”。`,
    data: { invitationId: inv.id, url: `${ctx.deps.publicUrl}/partner/programs/distributor-invitations/${inv.id}` },
  });
}

export interface InviteResellerInput {
  email: string; // 邀请邮箱
  resellerAccount: string; // 云经销商账号
  accountManagerName?: string | null; // 客户经理姓名
}

/** 邀请云经销商 (ch. 11.1.2): same region only; a reseller cooperating with another distributor cannot be invited. */
export async function inviteReseller(ctx: Ctx, input: InviteResellerInput): Promise<InvitationView> {
  const actor = requirePermission(ctx, RESELLER_MANAGEMENT);
  requirePartnerAdmin(ctx);
  const email = input.email.trim();
  if (!EMAIL_RE.test(email)) throw fieldError('email', 'programs.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail address' });
  return inTransaction(ctx.db, async (tx) => {
    const mine = await requireDistributor(tx, actor);
    const [target] = await tx
      .select({ partnerId: partners.id })
      .from(accounts)
      .innerJoin(partners, eq(partners.accountId, accounts.id))
      .where(eq(accounts.accountName, input.resellerAccount.trim()));
    if (!target || target.partnerId === actor.partnerId) throw fieldError('resellerAccount', 'programs.reseller-account-not-found', RESELLER_ACCOUNT_NOT_FOUND);
    const [live] = await tx.select().from(resellerLinks).where(and(eq(resellerLinks.resellerPartnerId, target.partnerId), inArray(resellerLinks.status, LIVE)));
    if (live && live.distributorPartnerId !== actor.partnerId) throw refused('programs.reseller-cooperating', ALREADY_COOPERATING);
    if (live) throw refused('programs.reseller-already-linked', { zh: '该云经销商已与您关联', en: 'This reseller is already linked to you' });
    const resellerPlan = await liveMembership(tx, target.partnerId, 'reseller');
    if (resellerPlan?.businessRegion && mine.businessRegion && resellerPlan.businessRegion !== mine.businessRegion) throw refused('programs.region-mismatch', SAME_REGION);
    const now = clock.now();
    const [inv] = await tx
      .insert(resellerInvitations)
      .values({
        distributorPartnerId: actor.partnerId,
        resellerPartnerId: target.partnerId,
        email,
        accountManagerName: input.accountManagerName?.trim() || null,
        status: 'pending',
        sentAt: now,
        createdAt: now,
      })
      .returning();
    const [me] = await tx.select({ name: companies.name }).from(partners).innerJoin(companies, eq(companies.id, partners.companyId)).where(eq(partners.id, actor.partnerId));
    await sendInvitationMail(tx, ctx, inv!, me?.name ?? '');
    await audit(tx, ctx, { action: 'programs.reseller-invited', objectType: 'program_reseller_invitation', objectId: inv!.id, after: { resellerPartnerId: target.partnerId, email } });
    return (await invitationViews(tx, [inv!]))[0]!;
  });
}

/** 查看邀请记录. */
export async function listSentInvitations(ctx: Ctx, q: { page?: number; pageSize?: number } = {}): Promise<Page<InvitationView>> {
  const actor = requirePermission(ctx, RESELLER_MANAGEMENT);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 20));
  const where = eq(resellerInvitations.distributorPartnerId, actor.partnerId);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(resellerInvitations).where(where);
  const rows = await ctx.db.select().from(resellerInvitations).where(where).orderBy(desc(resellerInvitations.createdAt), desc(resellerInvitations.id)).limit(pageSize).offset((page - 1) * pageSize);
  return { items: await invitationViews(ctx.db, rows), total: Number(total), page, pageSize };
}

/** 重发邀请 / 批量重发邀请: pending invitations only. */
export async function resendInvitations(ctx: Ctx, ids: string[]): Promise<InvitationView[]> {
  const actor = requirePermission(ctx, RESELLER_MANAGEMENT);
  requirePartnerAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    await requireDistributor(tx, actor);
    const [me] = await tx.select({ name: companies.name }).from(partners).innerJoin(companies, eq(companies.id, partners.companyId)).where(eq(partners.id, actor.partnerId));
    const out: ResellerInvitation[] = [];
    for (const id of [...new Set(ids)]) {
      const [row] = isUuid(id)
        ? await tx.select().from(resellerInvitations).where(and(eq(resellerInvitations.id, id), eq(resellerInvitations.distributorPartnerId, actor.partnerId))).for('update')
        : [];
      if (!row) throw notFound(INVITATION);
      if (row.status !== 'pending') throw refused('programs.invitation-not-pending', NOT_PENDING, { id });
      const [next] = await tx.update(resellerInvitations).set({ sentAt: clock.now() }).where(eq(resellerInvitations.id, row.id)).returning();
      await sendInvitationMail(tx, ctx, next!, me?.name ?? '');
      await audit(tx, ctx, { action: 'programs.reseller-invitation-resent', objectType: 'program_reseller_invitation', objectId: row.id });
      out.push(next!);
    }
    return invitationViews(tx, out);
  });
}

// ---------------------------------------------------------------------------------------------
// The reseller's side: 接受华为云总经销商合作邀请 (op 21)

/** Invitations addressed to this account. */
export async function myInvitations(ctx: Ctx): Promise<InvitationView[]> {
  const actor = requirePermission(ctx, P.programs);
  const rows = await ctx.db.select().from(resellerInvitations).where(eq(resellerInvitations.resellerPartnerId, actor.partnerId)).orderBy(desc(resellerInvitations.createdAt));
  return invitationViews(ctx.db, rows);
}

export async function getMyInvitation(ctx: Ctx, id: string): Promise<InvitationView> {
  const actor = requirePermission(ctx, P.programs);
  const [row] = isUuid(id) ? await ctx.db.select().from(resellerInvitations).where(and(eq(resellerInvitations.id, id), eq(resellerInvitations.resellerPartnerId, actor.partnerId))) : [];
  if (!row) throw notFound(INVITATION);
  return (await invitationViews(ctx.db, [row]))[0]!;
}

/**
 * "愿意": the reseller (already in the reseller plan) chooses its business region and accepts the
 * notice. One distributor at a time; same region only; an account that joined a path or another plan
 * during the invitation period makes the invitation fail (L2467).
 */
export async function acceptInvitation(ctx: Ctx, id: string, input: { businessRegion: string; acceptNotice: boolean }): Promise<LinkView> {
  const actor = requirePartnerAdmin(ctx);
  requirePermission(ctx, P.programs);
  if (!(BUSINESS_REGIONS as readonly string[]).includes(input.businessRegion))
    throw fieldError('businessRegion', 'programs.option', { zh: '请选择业务开展地区', en: 'Choose the business region' });
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const [inv] = isUuid(id)
        ? await tx.select().from(resellerInvitations).where(and(eq(resellerInvitations.id, id), eq(resellerInvitations.resellerPartnerId, actor.partnerId))).for('update')
        : [];
      if (!inv) throw notFound(INVITATION);
      if (inv.status !== 'pending') throw refused('programs.invitation-not-pending', NOT_PENDING, { status: inv.status });
      if (!input.acceptNotice) throw fieldError('acceptNotice', 'programs.notice-required', NOTICE_REQUIRED);
      const [me] = await tx.select({ paths: partners.paths, programs: partners.programs }).from(partners).where(eq(partners.id, actor.partnerId));
      if (me && (me.paths.length > 0 || me.programs.some((p) => p !== 'reseller'))) {
        await tx.update(resellerInvitations).set({ status: 'failed', failedReason: INVITATION_FAILED.zh }).where(eq(resellerInvitations.id, inv.id));
        await audit(tx, ctx, { action: 'programs.reseller-invitation-failed', objectType: 'program_reseller_invitation', objectId: inv.id });
        return { failed: true as const };
      }
      const reseller = await liveMembership(tx, actor.partnerId, 'reseller');
      if (!reseller) throw refused('programs.not-reseller', NOT_RESELLER);
      const [live] = await tx.select({ id: resellerLinks.id }).from(resellerLinks).where(and(eq(resellerLinks.resellerPartnerId, actor.partnerId), inArray(resellerLinks.status, LIVE)));
      if (live) throw refused('programs.one-distributor', ONE_DISTRIBUTOR);
      const distributor = await liveMembership(tx, inv.distributorPartnerId, 'distributor');
      if (!distributor || distributor.status !== 'active') throw refused('programs.distributor-unavailable', { zh: '该总经销商已不在分销计划中', en: 'The distributor is no longer in the distribution plan' });
      if (distributor.businessRegion !== input.businessRegion) throw refused('programs.region-mismatch', SAME_REGION);
      const now = clock.now();
      const [link] = await tx
        .insert(resellerLinks)
        .values({
          resellerPartnerId: actor.partnerId,
          distributorPartnerId: inv.distributorPartnerId,
          businessRegion: input.businessRegion,
          source: 'invitation',
          status: 'active',
          invitationId: inv.id,
          createdAt: now,
          linkedAt: now,
          decidedAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.update(resellerInvitations).set({ status: 'accepted', acceptedAt: now }).where(eq(resellerInvitations.id, inv.id));
      await tx.update(programMemberships).set({ businessRegion: input.businessRegion, updatedAt: now }).where(eq(programMemberships.id, reseller.id));
      await audit(tx, ctx, { action: 'programs.reseller-invitation-accepted', objectType: 'program_reseller_link', objectId: link!.id, after: { distributorPartnerId: inv.distributorPartnerId, region: input.businessRegion } });
      return { failed: false as const, link: (await linkViews(tx, [link!]))[0]! };
    }).then((r) => {
      // the failure is written (its own commit above), then refused
      if (r.failed) throw refused('programs.invitation-failed', INVITATION_FAILED);
      return r.link;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('programs.one-distributor', ONE_DISTRIBUTOR);
    throw err;
  }
}

/** Count of a distributor's active resellers (for dashboards and the scorecard). */
export async function activeResellerIds(ex: Executor, distributorPartnerId: string): Promise<string[]> {
  const rows = await ex
    .select({ id: resellerLinks.resellerPartnerId })
    .from(resellerLinks)
    .where(and(eq(resellerLinks.distributorPartnerId, distributorPartnerId), inArray(resellerLinks.status, ['active', 'exiting'])));
  return rows.map((r) => r.id);
}

