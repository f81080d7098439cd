import QRCode from 'qrcode';
import { requireMayTakeNewCustomers } from '../partners/standing.js';
import { and, count, desc, eq, gt, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { inTransaction, type Executor, type Tx } from '../../platform/db/index.js';
import { addDays, clock, DAY_MS } from '../../platform/clock.js';
import { fieldError, notFound, refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { send } from '../../platform/notify/index.js';
import { P, requirePermission } from '../../platform/access/index.js';
import { defineExport } from '../../platform/export/index.js';
import { isUuid } from '../../platform/ids.js';
import { customerScope } from '../org/service.js';
import { partners } from '../partners/schema.js';
import { accounts } from '../accounts/schema.js';
import {
  advisoryLock,
  actorAccountName,
  creatorKey,
  customerInfos,
  escapeLike,
  iso,
  isManagerActor,
  masked,
  newToken,
  pageArgs,
  partnerKind,
  requireManagerMember,
} from './common.js';
import { channelProvider } from './extensions.js';
import { recordCustomerEvent } from './audit-events.js';
import { currentNotice, noticeView } from './notice.js';
import {
  ASSOCIATION_TYPE_DESCRIPTIONS,
  ASSOCIATION_TYPE_NAMES,
  CUSTOM_TYPE_NAMES,
  INVITATION,
  INVITATION_KIND_NAMES,
  RECORD,
  RECORD_STATUS_NAMES,
  nameOf,
  pick,
  type AssociationType,
  type CustomType,
  type RecordStatus,
} from './names.js';
import { customerActivities, customerInvitations, customerReports, expansionRecords, type CustomerInvitation, type CustomerReport } from './schema.js';

/** 邀请链接有效期为7天 (8209); our reading extends it to custom links (the guide gives them none). */
export const LINK_VALID_DAYS = 7;
/** 24小时内最多支持生成100个自定义邀请链接 (8376), a rolling 24 h per partner. */
export const MAX_CUSTOM_LINKS_PER_24H = 100;

export const invitationUrl = (ctx: Ctx, token: string) => `${ctx.deps.publicUrl.replace(/\/$/, '')}/customer/invitations/${token}`;
/**
 * A QR code carries the link with `via=qr`: a scan asks for the notice only in 代售 mode (13.1.2),
 * a click always does, so the landing page must know which it was.
 */
export const scannedUrl = (url: string) => `${url}${url.includes('?') ? '&' : '?'}via=qr`;
export const qrDataUrl = (url: string) => QRCode.toDataURL(scannedUrl(url), { errorCorrectionLevel: 'M', margin: 1, width: 240 });
export const qrPng = (url: string) => QRCode.toBuffer(scannedUrl(url), { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 480 });

/** A reseller whose distributor exited (摘牌) cannot report or invite (spec 07 P1, P5, P7). */
export async function requireChannelOpen(ex: Executor, partnerId: string): Promise<void> {
  if ((await partnerKind(ex, partnerId)) !== 'reseller') return;
  if (await channelProvider().distributorDelisted(ex, partnerId))
    throw refused('customers.distributor-delisted', { zh: '您的总经销商已摘牌退出，无法报备或邀请客户', en: 'Your distributor has exited; you cannot report or invite customers' });
}

// ---------------------------------------------------------------- e-mail invitations (线上邀请)

function invitationEmail(partnerName: string, type: AssociationType, url: string) {
  const t = ASSOCIATION_TYPE_NAMES[type];
  return {
    subject: `【华为云】${partnerName}邀请您关联华为云合作伙伴`,
    body:
      `尊敬的客户：${partnerName}邀请您以“${t.zh}”模式关联华为云合作伙伴。请在7天内点击以下链接完成注册和关联：${url} ` +
      `请使用合作伙伴报备时填写的手机号码注册华为云账号进行关联。 ` +
      `${partnerName} invites you to associate with it as a Huawei Cloud partner (${t.en}). Open the link within 7 days: ${url}`,
  };
}

/** 预览邮件内容 */
export async function previewInvitationEmail(ctx: Ctx, type: AssociationType) {
  const actor = requirePermission(ctx, P.expansion);
  const [p] = await ctx.db.select({ name: partners.displayName }).from(partners).where(eq(partners.id, actor.partnerId));
  return invitationEmail(p?.name ?? '', type, invitationUrl(ctx, '<邀请链接>'));
}

/**
 * Send (or re-send) the e-mail invitation of a 已报备 report, in the caller's transaction: a new
 * single-use link valid 7 days; the previous link of the report stops existing (邀请链接不存在);
 * the report's expansion record points to the new one and shows 已邀请 again.
 */
export async function sendReportInvitation(
  tx: Tx,
  ctx: Ctx,
  report: CustomerReport,
  type: AssociationType,
  by: { key: string; name: string | null; memberId: string | null },
): Promise<CustomerInvitation> {
  if (!report.email) throw refused('customers.invite.email-missing', { zh: '请先点击添加邮箱', en: 'Add the customer e-mail first' });
  const now = clock.now();
  await tx
    .update(customerInvitations)
    .set({ status: 'revoked' })
    .where(and(eq(customerInvitations.reportId, report.id), eq(customerInvitations.kind, 'email'), eq(customerInvitations.status, 'active')));
  const [inv] = await tx
    .insert(customerInvitations)
    .values({
      partnerId: report.partnerId,
      kind: 'email',
      token: newToken(),
      associationType: type,
      reportId: report.id,
      email: report.email,
      // a report made by a 客户经理 auto-assigns the customer to them (9437: "AM's invite email")
      accountManagerId: report.reportedByMemberId && by.memberId === report.reportedByMemberId ? report.reportedByMemberId : null,
      tag: null,
      creatorKey: by.key,
      creatorName: by.name,
      expiresAt: addDays(now, LINK_VALID_DAYS),
      createdAt: now,
    })
    .returning();
  const [existing] = await tx.select({ id: expansionRecords.id }).from(expansionRecords).where(eq(expansionRecords.reportId, report.id)).limit(1);
  const recordValues = {
    invitationId: inv!.id,
    associationType: type,
    email: report.email,
    fullName: report.fullName,
    customerAccountId: report.customerAccountId,
    accountManagerId: inv!.accountManagerId,
    status: 'invited' as const,
    failureCode: null,
    failureReason: null,
    failureHint: null,
    failedAt: null,
    expiresAt: inv!.expiresAt,
    invitedAt: now,
    updatedAt: now,
  };
  if (existing) await tx.update(expansionRecords).set(recordValues).where(eq(expansionRecords.id, existing.id));
  else await tx.insert(expansionRecords).values({ ...recordValues, partnerId: report.partnerId, reportId: report.id, channel: 'email' });
  const [p] = await tx.select({ name: partners.displayName }).from(partners).where(eq(partners.id, report.partnerId));
  const mail = invitationEmail(p?.name ?? '', type, invitationUrl(ctx, inv!.token));
  await send(tx, { channel: 'email', address: report.email, to: { kind: 'account', id: report.customerAccountId }, template: 'customers.invitation', ...mail, data: { invitationId: inv!.id, token: inv!.token } });
  await recordCustomerEvent(tx, ctx, {
    customerAccountId: report.customerAccountId,
    partnerId: report.partnerId,
    eventName: 'addBpInviteTraceLog',
    resourceType: 'csbchannelsales',
    resourceId: inv!.id,
    resourceName: p?.name ?? null,
    detail: { channel: 'email', associationType: type },
  });
  return inv!;
}

/** 邀请 / 批量邀请 (op 8): 已报备 rows with an e-mail; every chosen row must qualify (是否符合邀请条件). */
export async function inviteReports(ctx: Ctx, input: { reportIds: string[]; associationType: AssociationType }) {
  const actor = requirePermission(ctx, P.expansion);
  await requireMayTakeNewCustomers(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  await requireChannelOpen(ctx.db, actor.partnerId);
  const ids = [...new Set(input.reportIds)];
  if (!ids.length) throw fieldError('reportIds', 'customers.invite.none', { zh: '请选择客户', en: 'Choose customers' });
  if (ids.some((id) => !isUuid(id))) throw notFound(INVITATION);
  return inTransaction(ctx.db, async (tx) => {
    const rs = await tx
      .select()
      .from(customerReports)
      .where(and(inArray(customerReports.id, ids), eq(customerReports.partnerId, actor.partnerId), isNull(customerReports.deletedAt)))
      .for('update');
    if (rs.length !== ids.length) throw notFound({ zh: '报备记录', en: 'Report' });
    const now = clock.now();
    const unfit = rs
      .map((r) => ({
        id: r.id,
        reason: r.status !== 'reported' || (r.expiresAt && r.expiresAt <= now) ? 'not-reported' : !r.email ? 'email-missing' : null,
      }))
      .filter((x) => x.reason);
    if (unfit.length)
      throw refused('customers.invite.not-eligible', { zh: '所选客户不符合邀请条件：仅可邀请已填写邮箱的“已报备”客户', en: 'Only 已报备 customers with an e-mail can be invited' }, { unfit });
    const by = { key: creatorKey(actor), name: actor.displayName, memberId: actor.memberId };
    const out = [];
    for (const r of rs) {
      const inv = await sendReportInvitation(tx, ctx, r, input.associationType, by);
      out.push({ reportId: r.id, invitationId: inv.id, expiresAt: inv.expiresAt!.toISOString() });
    }
    await audit(tx, ctx, { action: 'customers.invitation.sent', objectType: 'customer_report', objectId: ids.join(','), after: { associationType: input.associationType, count: out.length } });
    return { items: out };
  });
}

// ---------------------------------------------------------------- offline links (线下拓展)

export interface LinkView {
  id: string;
  kind: string;
  kindName: string;
  associationType: string;
  associationTypeName: string;
  customType: string | null;
  customTypeName: string | null;
  tag: string | null;
  accountManagerId: string | null;
  activityId: string | null;
  activityName: string | null;
  remark: string | null;
  url: string;
  qrDataUrl: string;
  expiresAt: string | null;
  status: string;
  createdAt: string;
}

async function linkViews(ctx: Ctx, rows: CustomerInvitation[]): Promise<LinkView[]> {
  const actIds = [...new Set(rows.map((r) => r.activityId).filter((x): x is string => !!x))];
  const acts = actIds.length ? await ctx.db.select().from(customerActivities).where(inArray(customerActivities.id, actIds)) : [];
  const now = clock.now();
  return Promise.all(
    rows.map(async (r) => {
      const url = invitationUrl(ctx, r.token);
      return {
        id: r.id,
        kind: r.kind,
        kindName: nameOf(INVITATION_KIND_NAMES, r.kind, ctx.lang),
        associationType: r.associationType,
        associationTypeName: nameOf(ASSOCIATION_TYPE_NAMES, r.associationType, ctx.lang),
        customType: r.customType,
        customTypeName: r.customType ? nameOf(CUSTOM_TYPE_NAMES, r.customType, ctx.lang) : null,
        tag: r.tag,
        accountManagerId: r.accountManagerId,
        activityId: r.activityId,
        activityName: acts.find((a) => a.id === r.activityId)?.name ?? null,
        remark: r.remark,
        url,
        qrDataUrl: await qrDataUrl(url),
        expiresAt: iso(r.expiresAt),
        status: r.status === 'active' && r.expiresAt && r.expiresAt <= now ? 'expired' : r.status,
        createdAt: r.createdAt.toISOString(),
      };
    }),
  );
}

/**
 * 通用邀请链接 (8320): one per signed-in user and association type, never expiring, tagged with the
 * user's account name; a 客户经理 / 客户经理主管's link assigns the customer to them (8322).
 */
export async function genericLinks(ctx: Ctx): Promise<{ items: LinkView[] }> {
  const actor = requirePermission(ctx, P.expansion);
  await requireMayTakeNewCustomers(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  await requireChannelOpen(ctx.db, actor.partnerId);
  const key = creatorKey(actor);
  const tag = await actorAccountName(ctx.db, actor);
  const now = clock.now();
  await ctx.db
    .insert(customerInvitations)
    .values(
      (['consulting', 'resale'] as const).map((t) => ({
        partnerId: actor.partnerId,
        kind: 'generic',
        token: newToken(),
        associationType: t,
        tag,
        accountManagerId: isManagerActor(actor) ? actor.memberId : null,
        creatorKey: key,
        creatorName: actor.displayName,
        createdAt: now,
      })),
    )
    .onConflictDoNothing();
  const rows = await ctx.db
    .select()
    .from(customerInvitations)
    .where(and(eq(customerInvitations.partnerId, actor.partnerId), eq(customerInvitations.kind, 'generic'), eq(customerInvitations.creatorKey, key)))
    .orderBy(customerInvitations.associationType);
  return { items: await linkViews(ctx, rows) };
}

/** One strict body for both kinds (so unknown fields are named); what each kind needs is checked below. */
export const CreateLinkInput = z
  .object({
    kind: z.enum(['custom', 'activity']),
    associationType: z.enum(['consulting', 'resale']),
    customType: z.enum(['tag', 'dedicated_am']).optional(), // 自定义类型 (custom)
    tag: z.string().max(64).optional(), // 自定义标签 (custom, tag)
    accountManagerId: z.uuid().optional(), // 客户经理 (dedicated_am, activity; optional for tag)
    activityId: z.uuid().optional(), // 选择活动 (activity)
    remark: z.string().max(200).optional(),
  })
  .strict();
export type CreateLinkInput = z.infer<typeof CreateLinkInput>;

/** 生成邀请链接及二维码 (自定义 / 活动, op 9). */
export async function createLink(ctx: Ctx, input: CreateLinkInput): Promise<LinkView> {
  const actor = requirePermission(ctx, P.expansion);
  await requireMayTakeNewCustomers(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  await requireChannelOpen(ctx.db, actor.partnerId);
  const now = clock.now();
  const row = await inTransaction(ctx.db, async (tx) => {
    let tag: string | null = null;
    let accountManagerId: string | null = null;
    let expiresAt: Date;
    let activityId: string | null = null;
    let customType: CustomType | null = null;
    if (input.kind === 'custom') {
      if (!input.customType) throw fieldError('customType', 'customers.link.custom-type-required', { zh: '请选择自定义类型', en: 'Choose the custom type' });
      customType = input.customType;
      if (input.customType === 'tag') {
        tag = input.tag?.trim() ?? '';
        if (!tag) throw fieldError('tag', 'customers.link.tag-required', { zh: '请输入自定义标签', en: 'Enter the custom tag' });
        if (input.accountManagerId) accountManagerId = (await requireManagerMember(tx, actor.partnerId, input.accountManagerId)).id;
      } else {
        if (!input.accountManagerId) throw fieldError('accountManagerId', 'customers.link.manager-required', { zh: '请选择客户经理', en: 'Choose the account manager' });
        const m = await requireManagerMember(tx, actor.partnerId, input.accountManagerId);
        accountManagerId = m.id;
        tag = m.accountName; // 自定义标签/客户经理账号名
      }
      // ≤ 100 custom links per rolling 24 h (8376)
      await advisoryLock(tx, 'customers.custom-links', actor.partnerId);
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(customerInvitations)
        .where(and(eq(customerInvitations.partnerId, actor.partnerId), eq(customerInvitations.kind, 'custom'), gt(customerInvitations.createdAt, new Date(now.getTime() - DAY_MS))));
      if (Number(n) >= MAX_CUSTOM_LINKS_PER_24H)
        throw refused('customers.link.limit', { zh: '24小时内最多支持生成100个自定义邀请链接', en: 'At most 100 custom links in 24 hours' }, { max: MAX_CUSTOM_LINKS_PER_24H });
      expiresAt = addDays(now, LINK_VALID_DAYS);
    } else {
      if (!input.activityId) throw fieldError('activityId', 'customers.link.activity-unknown', { zh: '请选择活动', en: 'Choose an activity' });
      if (!input.accountManagerId) throw fieldError('accountManagerId', 'customers.link.manager-required', { zh: '请选择客户经理', en: 'Choose the account manager' });
      const [act] = await tx.select().from(customerActivities).where(eq(customerActivities.id, input.activityId));
      if (!act) throw fieldError('activityId', 'customers.link.activity-unknown', { zh: '请选择活动', en: 'Choose an activity' });
      if (act.startsAt > now || act.endsAt <= now) throw refused('customers.link.activity-closed', { zh: '活动不在有效期内', en: 'The activity is not running' });
      const m = await requireManagerMember(tx, actor.partnerId, input.accountManagerId);
      accountManagerId = m.id;
      tag = m.accountName;
      activityId = act.id;
      expiresAt = act.endsAt; // 活动链接的有效期根据具体活动而定 (8344)
    }
    const [inv] = await tx
      .insert(customerInvitations)
      .values({
        partnerId: actor.partnerId,
        kind: input.kind,
        token: newToken(),
        associationType: input.associationType,
        customType,
        tag,
        accountManagerId,
        activityId,
        remark: input.remark?.trim() || null,
        creatorKey: creatorKey(actor),
        creatorName: actor.displayName,
        expiresAt,
        createdAt: now,
      })
      .returning();
    await audit(tx, ctx, { action: 'customers.link.created', objectType: 'customer_invitation', objectId: inv!.id, after: { kind: inv!.kind, associationType: inv!.associationType, customType, tag, accountManagerId, activityId } });
    return inv!;
  });
  return (await linkViews(ctx, [row]))[0]!;
}

/** 生成记录: past custom or activity links, newest first. */
export async function listLinks(ctx: Ctx, q: { kind: 'custom' | 'activity'; page?: number; pageSize?: number }) {
  const actor = requirePermission(ctx, P.expansion);
  const { page, pageSize, offset } = pageArgs(q);
  const cond = and(eq(customerInvitations.partnerId, actor.partnerId), eq(customerInvitations.kind, q.kind));
  const rows = await ctx.db.select().from(customerInvitations).where(cond).orderBy(desc(customerInvitations.createdAt), desc(customerInvitations.id)).limit(pageSize).offset(offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(customerInvitations).where(cond);
  return { items: await linkViews(ctx, rows), total: Number(n), page, pageSize };
}

/** 点击下载 the QR code of one of the partner's links. */
export async function linkQrPng(ctx: Ctx, id: string): Promise<Buffer> {
  const actor = requirePermission(ctx, P.expansion);
  if (!isUuid(id)) throw notFound(INVITATION);
  const [r] = await ctx.db.select().from(customerInvitations).where(and(eq(customerInvitations.id, id), eq(customerInvitations.partnerId, actor.partnerId)));
  if (!r || r.kind === 'email') throw notFound(INVITATION);
  return qrPng(invitationUrl(ctx, r.token));
}

/** Activities a partner can build a link for (running now). */
export async function currentActivities(ctx: Ctx) {
  requirePermission(ctx, P.expansion);
  const now = clock.now();
  const rows = await ctx.db
    .select()
    .from(customerActivities)
    .where(and(lte(customerActivities.startsAt, now), gt(customerActivities.endsAt, now)))
    .orderBy(customerActivities.endsAt);
  return { items: rows.map((a) => ({ id: a.id, name: a.name, description: a.description, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() })) };
}

// ---------------------------------------------------------------- the link as the customer sees it (public)

export type LinkState = 'valid' | 'expired' | 'used' | 'not_found';

export function linkState(inv: CustomerInvitation | undefined, now = clock.now()): LinkState {
  if (!inv || inv.status === 'revoked') return 'not_found';
  if (inv.status === 'used') return 'used';
  if (inv.expiresAt && inv.expiresAt <= now) return 'expired';
  return 'valid';
}

/** The invitation page before signing in: who invites, in which mode, the notice to read, and whether the link still works. */
export async function invitationInfo(ctx: Ctx, token: string) {
  const [inv] = token.length <= 64 ? await ctx.db.select().from(customerInvitations).where(eq(customerInvitations.token, token)) : [];
  const state = linkState(inv);
  if (!inv || state === 'not_found') return { state, partnerName: null, associationType: null, associationTypeName: null, associationTypeDescription: null, kind: null, expiresAt: null, notice: null, noticeRequiredForQr: false };
  const [p] = await ctx.db.select({ name: partners.displayName }).from(partners).where(eq(partners.id, inv.partnerId));
  const type = inv.associationType as AssociationType;
  return {
    state,
    partnerName: p?.name ?? null,
    associationType: type,
    associationTypeName: pick(ASSOCIATION_TYPE_NAMES[type], ctx.lang),
    associationTypeDescription: pick(ASSOCIATION_TYPE_DESCRIPTIONS[type], ctx.lang),
    kind: inv.kind,
    expiresAt: iso(inv.expiresAt),
    notice: noticeView(currentNotice('association-notice', type), ctx.lang),
    // 扫描二维码: the notice step appears only for 代售 (13.1.3 步骤2)
    noticeRequiredForQr: type === 'resale',
  };
}

// ---------------------------------------------------------------- 拓展记录 (op 10)

export interface RecordQuery {
  fullName?: string;
  customerName?: string;
  accountName?: string;
  tag?: string;
  remark?: string;
  email?: string;
  status?: RecordStatus;
  page?: number;
  pageSize?: number;
}

async function recordConditions(ctx: Ctx, actor: PartnerActor, q: RecordQuery): Promise<SQL[]> {
  const where: SQL[] = [eq(expansionRecords.partnerId, actor.partnerId)];
  const scope = await customerScope(ctx);
  if (!scope.all) where.push(inArray(expansionRecords.accountManagerId, scope.managerIds.length ? scope.managerIds : ['00000000-0000-0000-0000-000000000000']));
  const like = (v: string) => `%${escapeLike(v.trim())}%`;
  if (q.fullName?.trim()) where.push(ilike(expansionRecords.fullName, like(q.fullName)));
  if (q.tag?.trim()) where.push(ilike(expansionRecords.tag, like(q.tag)));
  if (q.remark?.trim()) where.push(ilike(expansionRecords.remark, like(q.remark)));
  if (q.email?.trim()) where.push(ilike(expansionRecords.email, like(q.email)));
  if (q.customerName?.trim() || q.accountName?.trim()) {
    const conds: SQL[] = [];
    if (q.customerName?.trim()) conds.push(or(ilike(accounts.name, like(q.customerName)), ilike(accounts.enterpriseName, like(q.customerName)))!);
    if (q.accountName?.trim()) conds.push(ilike(accounts.accountName, like(q.accountName)));
    where.push(inArray(expansionRecords.customerAccountId, ctx.db.select({ id: accounts.id }).from(accounts).where(and(...conds))));
  }
  if (q.status) {
    // now() is the database's; the platform clock drives tests, so compare against it explicitly
    const now = clock.now();
    if (q.status === 'expired') where.push(or(eq(expansionRecords.status, 'expired'), and(eq(expansionRecords.status, 'invited'), lte(expansionRecords.expiresAt, now)))!);
    else if (q.status === 'invited') where.push(and(eq(expansionRecords.status, 'invited'), or(isNull(expansionRecords.expiresAt), gt(expansionRecords.expiresAt, now)))!);
    else where.push(eq(expansionRecords.status, q.status));
  }
  return where;
}

function recordView(ctx: Ctx, r: typeof expansionRecords.$inferSelect, info: { name: string; accountName: string; mobile: string } | undefined, reveal: boolean) {
  const now = clock.now();
  const status = r.status === 'invited' && r.expiresAt && r.expiresAt <= now ? 'expired' : r.status;
  return {
    id: r.id,
    channel: r.channel,
    channelName: nameOf(INVITATION_KIND_NAMES, r.channel, ctx.lang),
    fullName: reveal ? r.fullName : masked.name(r.fullName),
    customerName: info ? (reveal ? info.name : masked.name(info.name)) : null,
    accountName: info?.accountName ?? null,
    mobile: info ? (reveal ? info.mobile : masked.phone(info.mobile)) : null,
    email: reveal ? r.email : masked.email(r.email),
    associationType: r.associationType,
    associationTypeName: nameOf(ASSOCIATION_TYPE_NAMES, r.associationType, ctx.lang),
    tag: r.tag,
    remark: r.remark,
    status: status as RecordStatus,
    statusName: nameOf(RECORD_STATUS_NAMES, status, ctx.lang),
    failureCode: r.failureCode,
    failureReason: r.failureReason, // hover "?" on 关联失败
    failureHint: r.failureHint,
    invitedAt: r.invitedAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    associatedAt: iso(r.associatedAt),
    failedAt: iso(r.failedAt),
  };
}
export type RecordView = ReturnType<typeof recordView>;

export async function listRecords(ctx: Ctx, q: RecordQuery) {
  const actor = requirePermission(ctx, P.expansion);
  const { page, pageSize, offset } = pageArgs(q);
  const cond = and(...(await recordConditions(ctx, actor, q)));
  const rows = await ctx.db.select().from(expansionRecords).where(cond).orderBy(desc(expansionRecords.invitedAt), desc(expansionRecords.id)).limit(pageSize).offset(offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(expansionRecords).where(cond);
  const infos = await customerInfos(ctx.db, rows.map((r) => r.customerAccountId).filter((x): x is string => !!x));
  return { items: rows.map((r) => recordView(ctx, r, r.customerAccountId ? infos.get(r.customerAccountId) : undefined, false)), total: Number(n), page, pageSize };
}

/** The eye toggle on 拓展记录: the full name, mobile and e-mail of one row; audited. */
export async function revealRecord(ctx: Ctx, id: string) {
  const actor = requirePermission(ctx, P.expansion);
  if (!isUuid(id)) throw notFound(RECORD);
  const where = await recordConditions(ctx, actor, {});
  const [r] = await ctx.db.select().from(expansionRecords).where(and(...where, eq(expansionRecords.id, id)));
  if (!r) throw notFound(RECORD);
  const info = r.customerAccountId ? (await customerInfos(ctx.db, [r.customerAccountId])).get(r.customerAccountId) : undefined;
  await audit(ctx.db, ctx, { action: 'customers.record.revealed', objectType: 'expansion_record', objectId: r.id, customerAccountId: r.customerAccountId });
  return recordView(ctx, r, info, true);
}

/** 重发邀请 (single or batch): only 已失效 e-mail invitations whose report is still 已报备. */
export async function resendInvitations(ctx: Ctx, input: { recordIds: string[] }) {
  const actor = requirePermission(ctx, P.expansion);
  await requireMayTakeNewCustomers(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  await requireChannelOpen(ctx.db, actor.partnerId);
  const ids = [...new Set(input.recordIds)];
  if (!ids.length) throw fieldError('recordIds', 'customers.resend.none', { zh: '请选择客户', en: 'Choose customers' });
  if (ids.some((id) => !isUuid(id))) throw notFound(RECORD);
  return inTransaction(ctx.db, async (tx) => {
    const recs = await tx.select().from(expansionRecords).where(and(inArray(expansionRecords.id, ids), eq(expansionRecords.partnerId, actor.partnerId))).for('update');
    if (recs.length !== ids.length) throw notFound(RECORD);
    const now = clock.now();
    const notExpired = recs.filter((r) => !(r.status === 'expired' || (r.status === 'invited' && r.expiresAt && r.expiresAt <= now)) || !r.reportId);
    if (notExpired.length)
      throw refused('customers.resend.not-expired', { zh: '仅可对“已失效”的邀请重发邀请', en: 'Only expired invitations can be sent again' }, { ids: notExpired.map((r) => r.id) });
    const reports = await tx.select().from(customerReports).where(inArray(customerReports.id, recs.map((r) => r.reportId!))).for('update');
    const lapsed = reports.filter((r) => r.status !== 'reported' || (r.expiresAt && r.expiresAt <= now));
    if (lapsed.length)
      throw refused('customers.resend.report-expired', { zh: '客户报备已失效，请重新报备后再邀请', en: 'The report has lapsed; report the customer again first' }, { ids: lapsed.map((r) => r.id) });
    const by = { key: creatorKey(actor), name: actor.displayName, memberId: actor.memberId };
    for (const rec of recs) {
      const report = reports.find((r) => r.id === rec.reportId)!;
      await sendReportInvitation(tx, ctx, report, rec.associationType as AssociationType, by);
    }
    await audit(tx, ctx, { action: 'customers.invitation.resent', objectType: 'expansion_record', objectId: ids.join(','), after: { count: ids.length } });
    return { resent: ids.length };
  });
}

/** 导出 > 全部导出 (拓展记录), anonymised like every export (8512). */
export const expansionRecordsExport = defineExport({
  kind: 'customers.expansion-records',
  title: { zh: '客户拓展-拓展记录', en: 'Customer expansion records' },
  access: { actor: 'partner', permission: P.expansion },
  permission: P.expansion,
  params: z.object({}).strict(),
  columns: [
    { key: 'fullName', title: { zh: '客户全称', en: 'Full name' }, mask: 'name' },
    { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'accountName', title: { zh: '客户账号名', en: 'Account' } },
    { key: 'mobile', title: { zh: '手机号码', en: 'Mobile' }, mask: 'phone' },
    { key: 'email', title: { zh: '邮箱', en: 'E-mail' }, mask: 'email' },
    { key: 'associationTypeName', title: { zh: '关联类型', en: 'Type' } },
    { key: 'tag', title: { zh: '自定义标签/客户经理账号名', en: 'Tag / manager account' } },
    { key: 'remark', title: { zh: '备注', en: 'Remark' } },
    { key: 'statusName', title: { zh: '状态', en: 'Status' } },
    { key: 'failureReason', title: { zh: '关联失败原因', en: 'Failure reason' } },
    { key: 'invitedAt', title: { zh: '邀请时间', en: 'Invited at' } },
    { key: 'associatedAt', title: { zh: '关联时间', en: 'Associated at' } },
  ],
  async *rows(ex, ctx) {
    const actor = requirePermission(ctx, P.expansion);
    const where = await recordConditions({ ...ctx, db: ex }, actor, {});
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const page: (typeof expansionRecords.$inferSelect)[] = await ex
        .select()
        .from(expansionRecords)
        .where(and(...where, after ? or(sql`${expansionRecords.invitedAt} < ${after.at}`, and(eq(expansionRecords.invitedAt, after.at), sql`${expansionRecords.id} < ${after.id}`)) : undefined))
        .orderBy(desc(expansionRecords.invitedAt), desc(expansionRecords.id))
        .limit(1000);
      if (!page.length) return;
      const infos = await customerInfos(ex, page.map((r) => r.customerAccountId).filter((x): x is string => !!x));
      for (const r of page) yield recordView(ctx, r, r.customerAccountId ? infos.get(r.customerAccountId) : undefined, true); // the export masks
      const last = page[page.length - 1]!;
      after = { at: last.invitedAt, id: last.id };
    }
  },
});

/** Daily: 已邀请 rows past their link become 已失效 (reads already show it). */
export async function expireInvitationRecords(db: Executor): Promise<number> {
  const r = await db
    .update(expansionRecords)
    .set({ status: 'expired', updatedAt: clock.now() })
    .where(and(eq(expansionRecords.status, 'invited'), lte(expansionRecords.expiresAt, clock.now())))
    .returning({ id: expansionRecords.id });
  return r.length;
}

