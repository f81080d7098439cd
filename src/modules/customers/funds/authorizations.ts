import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { requireMayActOnBehalf } from '../../partners/standing.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/index.js';
import { P, requireAccount, requirePermission } from '../../../platform/access/index.js';
import { fieldError, notFound, refused } from '../../../platform/errors.js';
import { audit } from '../../../platform/audit/index.js';
import { send } from '../../../platform/notify/index.js';
import { clock } from '../../../platform/clock.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { customerScope } from '../../org/service.js';
import { customerAssociations } from '../schema.js';
import {
  agencyAgreementAcceptances,
  AUTHORIZATION_SCOPES,
  customerAuthorizations,
  type AuthorizationScope,
  type AuthorizationStatus,
} from './schema.js';
import { checkCustomerCode } from '../sensitive.js';
import { recordCustomerEvent } from '../audit-events.js';
import { auditReveal, customerInfos, pageArgs, partnerNames, pick, requireCustomer, shown, type Association } from './shared.js';

/**
 * 客户授权 (spec 04 ops 23–24, §2.13; spec 07 §3.4, C11–C12; guide 10.4.1.7–10.4.1.9, 13.8):
 * the partner asks (the first request accepts 《合作伙伴代客操作协议》), the customer agrees under
 * 《华为云用户授权书》 with a code, and may cancel later with a reason and a code. Only 代售 customers
 * are asked; a grant enables 代客下单 and 代客运维 until it is revoked (19.5 三、授权期限), or until
 * the association ends.
 */

export const AGENCY_AGREEMENT = { title: { zh: '《合作伙伴代客操作协议》', en: 'Partner agreement for acting on behalf of customers' }, version: 'V1.0' };
export const USER_AUTHORIZATION_LETTER = { title: { zh: '《华为云用户授权书》', en: 'Huawei Cloud user authorization letter' }, version: 'V1.0' };

export const AUTHORIZATION_STATUS_NAMES: Record<AuthorizationStatus, Text> = {
  pending: { zh: '待授权', en: 'Awaiting the customer' },
  granted: { zh: '已授权', en: 'Granted' },
  refused: { zh: '已拒绝', en: 'Refused' },
  revoked: { zh: '已取消', en: 'Cancelled' },
};

/**
 * Events of the customer's audit log (云审计服务 > 事件列表, guide §13.12, spec 07 §5.6) written by the
 * customer's answers, through the customers module's `recordCustomerEvent`.
 */
export const AUTHORIZATION_EVENTS = {
  granted: { resourceType: 'csbchannelsales', eventName: 'confirmCustomerAgentAuthorizationApply' }, // 客户确认委托
  refused: { resourceType: 'csbchannelsales', eventName: 'confirmCustomerAgentAuthorizationApply' }, // 客户确认或拒绝委托申请
  revoked: { resourceType: 'accountInfo', eventName: 'approvePartnerOrCustomerApply' }, // 线上授权审批和确认
} as const;

const AUTHORIZATION: Text = { zh: '授权申请', en: 'Authorization request' };
const REASON_MAX = 200;

type AuthorizationRow = typeof customerAuthorizations.$inferSelect;

function partnerView(r: AuthorizationRow, lang: Ctx['lang']) {
  return {
    id: r.id,
    customerId: r.customerAccountId,
    status: r.status,
    statusName: pick(AUTHORIZATION_STATUS_NAMES[r.status], lang),
    scopes: r.scopes,
    requestedAt: r.requestedAt.toISOString(),
    requestedByName: r.requestedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokeReason: r.revokeReason,
  };
}

/* ------------------------------------------------------------------ the gate */

/**
 * Ordering or operating on the customer's behalf (代客下单 / 代客运维) needs an active grant of
 * the customer to this partner, and the customer still associated as 代售. Other modules (cloud
 * orders, the console) call this before acting as the customer.
 */
export async function hasAuthorization(ex: Executor, partnerId: string, customerAccountId: string, scope: AuthorizationScope): Promise<boolean> {
  if (!isUuid(partnerId) || !isUuid(customerAccountId)) return false;
  const [row] = await ex
    .select({ id: customerAuthorizations.id })
    .from(customerAuthorizations)
    .innerJoin(customerAssociations, eq(customerAssociations.id, customerAuthorizations.associationId))
    .where(
      and(
        eq(customerAuthorizations.partnerId, partnerId),
        eq(customerAuthorizations.customerAccountId, customerAccountId),
        eq(customerAuthorizations.status, 'granted'),
        sql`${scope} = any(${customerAuthorizations.scopes})`,
        eq(customerAssociations.status, 'associated'),
        eq(customerAssociations.associationType, 'resale'),
      ),
    );
  return !!row;
}

/* ------------------------------------------------------------------ the partner */

export async function agencyAgreementStatus(ctx: Ctx) {
  const actor = requirePermission(ctx, P.customers);
  const [row] = await ctx.db.select().from(agencyAgreementAcceptances).where(eq(agencyAgreementAcceptances.partnerId, actor.partnerId));
  return { title: pick(AGENCY_AGREEMENT.title, ctx.lang), version: AGENCY_AGREEMENT.version, accepted: !!row, acceptedAt: row?.acceptedAt.toISOString() ?? null };
}

/** 更多 > 申请客户授权 → (first time: 我已阅读并同意《合作伙伴代客操作协议》) → 确定 → 已给客户发送授权申请. */
export async function requestAuthorization(ctx: Ctx, customerId: string, input: { acceptAgreement?: boolean }) {
  const actor = requirePermission(ctx, P.customers);
  await requireMayActOnBehalf(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  const scope = await customerScope(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const assoc = await requireCustomer(tx, actor, scope, customerId, 'share');
    if (assoc.associationType !== 'resale') {
      throw refused('customers.authorization.not-resale', { zh: '仅代售类客户需要申请客户授权', en: 'Only resale (代售) customers are asked for authorization' });
    }
    const [accepted] = await tx.select().from(agencyAgreementAcceptances).where(eq(agencyAgreementAcceptances.partnerId, actor.partnerId));
    if (!accepted) {
      if (input.acceptAgreement !== true) {
        throw fieldError('acceptAgreement', 'customers.authorization.agreement', { zh: '请勾选“我已阅读并同意《合作伙伴代客操作协议》”', en: 'Accept the partner agreement for acting on behalf of customers' });
      }
      await tx
        .insert(agencyAgreementAcceptances)
        .values({ partnerId: actor.partnerId, version: AGENCY_AGREEMENT.version, acceptedAt: clock.now(), acceptedByKind: actor.memberId ? 'member' : 'partner-account', acceptedById: actor.memberId ?? actor.accountId })
        .onConflictDoNothing();
    }
    const [open] = await tx
      .select()
      .from(customerAuthorizations)
      .where(and(eq(customerAuthorizations.partnerId, actor.partnerId), eq(customerAuthorizations.customerAccountId, customerId), inArray(customerAuthorizations.status, ['pending', 'granted'])));
    if (open) {
      throw refused(
        open.status === 'granted' ? 'customers.authorization.granted' : 'customers.authorization.pending',
        open.status === 'granted' ? { zh: '客户已授权，无需重复申请', en: 'The customer has already granted authorization' } : { zh: '已给客户发送授权申请，请等待客户处理', en: 'A request is already waiting for the customer' },
      );
    }
    const [row] = await tx
      .insert(customerAuthorizations)
      .values({
        partnerId: actor.partnerId,
        customerAccountId: customerId,
        associationId: assoc.id,
        status: 'pending',
        scopes: [...AUTHORIZATION_SCOPES],
        requestedAt: clock.now(),
        requestedByKind: actor.memberId ? 'member' : 'partner-account',
        requestedById: actor.memberId ?? actor.accountId,
        requestedByName: actor.displayName,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw refused('customers.authorization.pending', { zh: '已给客户发送授权申请，请等待客户处理', en: 'A request is already waiting for the customer' });
    await audit(tx, ctx, { action: 'customers.authorization.requested', objectType: 'customer_authorization', objectId: row.id, customerAccountId: customerId, after: { status: 'pending', scopes: row.scopes } });
    const body = `合作伙伴${actor.displayName}向您申请代客操作授权，请在“账号中心 > 我的合作伙伴 > 授权管理”处理。 ${actor.displayName} asks for your authorization to act on your behalf: see Account Center > My Partners > Authorizations.`;
    await send(tx, { channel: 'site', to: { kind: 'account', id: customerId }, template: 'customers.authorization-requested', subject: '客户授权申请 / Authorization request', body, data: { authorizationId: row.id } });
    return { ...partnerView(row, ctx.lang), message: pick({ zh: '已给客户发送授权申请', en: 'The authorization request was sent to the customer' }, ctx.lang) };
  });
}

/** The partner's authorizations (申请客户授权 history), in its data scope. */
export async function listPartnerAuthorizations(ctx: Ctx, q: { customerId?: string; status?: AuthorizationStatus; page?: number; pageSize?: number; reveal?: boolean }) {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx);
  await auditReveal(ctx, q.reveal, 'customer_authorization_list');
  const { page, pageSize, offset } = pageArgs(q);
  const scoped = scope.all
    ? undefined
    : scope.managerIds.length
      ? inArray(
          customerAuthorizations.customerAccountId,
          sql`(select ${customerAssociations.customerAccountId} from ${customerAssociations} where ${customerAssociations.partnerId} = ${actor.partnerId} and ${customerAssociations.status} = 'associated' and ${inArray(customerAssociations.accountManagerId, scope.managerIds)})`,
        )
      : sql`false`;
  const where = and(
    eq(customerAuthorizations.partnerId, actor.partnerId),
    scoped,
    q.customerId ? eq(customerAuthorizations.customerAccountId, q.customerId) : undefined,
    q.status ? eq(customerAuthorizations.status, q.status) : undefined,
  );
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAuthorizations).where(where);
  const rows = await ctx.db.select().from(customerAuthorizations).where(where).orderBy(desc(customerAuthorizations.requestedAt), desc(customerAuthorizations.id)).limit(pageSize).offset(offset);
  const infos = await customerInfos(ctx.db, rows.map((r) => r.customerAccountId));
  return {
    items: rows.map((r) => {
      const who = shown(infos.get(r.customerAccountId), !!q.reveal);
      return { ...partnerView(r, ctx.lang), customerName: who.customerName, accountName: who.accountName };
    }),
    total: Number(n),
    page,
    pageSize,
  };
}

/**
 * 代客下单 / 代客运维 (ops 24): 提示 → 继续. Refused unless the customer is 代售 and has granted.
 * The entry is where the portal continues as the customer; switching the session to the customer's
 * account (切换角色) belongs to the accounts module and the cloud console, which arrive later.
 */
export async function startOnBehalf(ctx: Ctx, customerId: string, mode: AuthorizationScope) {
  const actor = requirePermission(ctx, P.customers);
  await requireMayActOnBehalf(ctx.db, actor.partnerId); // R29 (partners/standing.ts)
  const scope = await customerScope(ctx);
  const assoc = await requireCustomer(ctx.db, actor, scope, customerId);
  if (assoc.associationType !== 'resale') {
    throw refused('customers.on-behalf.not-resale', { zh: '仅可为代售类客户代客下单或代客运维', en: 'Only resale (代售) customers can be served on their behalf' });
  }
  if (!(await hasAuthorization(ctx.db, actor.partnerId, customerId, mode))) {
    throw refused('customers.on-behalf.unauthorized', { zh: '合作伙伴为代售模式客户代下单或维护资源前，需要获得客户授权', en: "Ask for the customer's authorization first" });
  }
  await inTransaction(ctx.db, (tx) =>
    audit(tx, ctx, { action: mode === 'order' ? 'customers.on-behalf.order' : 'customers.on-behalf.operate', objectType: 'customer', objectId: customerId, customerAccountId: customerId }),
  );
  return { customerId, mode, allowed: true, entry: mode === 'order' ? '/customer/buy' : '/customer/console' };
}

/* ------------------------------------------------------------------ the customer (账号中心 > 我的合作伙伴 > 授权管理) */

export async function myAuthorizations(ctx: Ctx, q: { page?: number; pageSize?: number }) {
  const me = requireAccount(ctx);
  const { page, pageSize, offset } = pageArgs(q);
  const where = eq(customerAuthorizations.customerAccountId, me.accountId);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAuthorizations).where(where);
  const rows = await ctx.db.select().from(customerAuthorizations).where(where).orderBy(desc(customerAuthorizations.requestedAt), desc(customerAuthorizations.id)).limit(pageSize).offset(offset);
  const names = await partnerNames(ctx.db, rows.map((r) => r.partnerId));
  return {
    items: rows.map((r) => ({
      id: r.id,
      partnerId: r.partnerId,
      partnerName: names.get(r.partnerId) ?? '',
      status: r.status,
      statusName: pick(AUTHORIZATION_STATUS_NAMES[r.status], ctx.lang),
      scopes: r.scopes,
      requestedAt: r.requestedAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revokeReason: r.revokeReason,
      canDecide: r.status === 'pending',
      canRevoke: r.status === 'granted',
    })),
    letter: { title: pick(USER_AUTHORIZATION_LETTER.title, ctx.lang), version: USER_AUTHORIZATION_LETTER.version },
    total: Number(n),
    page,
    pageSize,
  };
}

/** The signed-in customer's request (another customer's answers 404, before anything else is checked). */
async function myAuthorization(ex: Executor, accountId: string, id: string, lock = true): Promise<AuthorizationRow> {
  if (!isUuid(id)) throw notFound(AUTHORIZATION);
  const q = ex.select().from(customerAuthorizations).where(and(eq(customerAuthorizations.id, id), eq(customerAuthorizations.customerAccountId, accountId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(AUTHORIZATION);
  return row;
}

/** The customer's answer, as a 13.12 event on its audit log (who, when, from where, before/after). */
async function event(tx: Executor, ctx: Ctx, row: AuthorizationRow, to: keyof typeof AUTHORIZATION_EVENTS, detail: Record<string, unknown>) {
  await recordCustomerEvent(tx, ctx, {
    customerAccountId: row.customerAccountId,
    partnerId: row.partnerId,
    ...AUTHORIZATION_EVENTS[to],
    resourceId: row.id,
    resourceName: '客户授权',
    detail: { ...detail, before: { status: row.status }, after: { status: to } },
  });
}

/** 处理授权 → 勾选《华为云用户授权书》 → 同意 → code → 确定. */
export async function grantAuthorization(ctx: Ctx, id: string, input: { acceptLetter?: boolean; code?: string | null }) {
  const me = requireAccount(ctx);
  await myAuthorization(ctx.db, me.accountId, id, false);
  if (input.acceptLetter !== true) throw fieldError('acceptLetter', 'customers.authorization.letter', { zh: '请勾选“我阅读并同意《华为云用户授权书》”', en: 'Accept the user authorization letter' });
  const gate = await checkCustomerCode(ctx, input.code);
  return inTransaction(ctx.db, async (tx) => {
    const row = await myAuthorization(tx, me.accountId, id);
    if (row.status !== 'pending') throw refused('customers.authorization.not-pending', { zh: '该授权申请已处理', en: 'This request has been answered already' });
    const [assoc] = await tx.select().from(customerAssociations).where(eq(customerAssociations.id, row.associationId));
    if (!assoc || assoc.status !== 'associated' || assoc.associationType !== 'resale') {
      throw refused('customers.authorization.association-ended', { zh: '您与该合作伙伴已不是代售关联关系，无法授权', en: 'You are no longer a resale customer of this partner' });
    }
    await gate.consume(tx);
    const [updated] = await tx
      .update(customerAuthorizations)
      .set({ status: 'granted', decidedAt: clock.now(), letterVersion: USER_AUTHORIZATION_LETTER.version })
      .where(eq(customerAuthorizations.id, id))
      .returning();
    await event(tx, ctx, row, 'granted', { letterVersion: USER_AUTHORIZATION_LETTER.version });
    await notifyPartner(tx, row, { zh: `客户${me.accountName}已同意您的授权申请`, en: `Customer ${me.accountName} granted your authorization request` });
    return partnerView(updated!, ctx.lang);
  });
}

/** The customer declines the request (the audit event 客户确认或拒绝委托申请 implies this path). */
export async function refuseAuthorization(ctx: Ctx, id: string) {
  const me = requireAccount(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const row = await myAuthorization(tx, me.accountId, id);
    if (row.status !== 'pending') throw refused('customers.authorization.not-pending', { zh: '该授权申请已处理', en: 'This request has been answered already' });
    const [updated] = await tx.update(customerAuthorizations).set({ status: 'refused', decidedAt: clock.now() }).where(eq(customerAuthorizations.id, id)).returning();
    await event(tx, ctx, row, 'refused', {});
    await notifyPartner(tx, row, { zh: `客户${me.accountName}拒绝了您的授权申请`, en: `Customer ${me.accountName} refused your authorization request` });
    return partnerView(updated!, ctx.lang);
  });
}

/** 取消授权 → 取消原因 + code. */
export async function revokeAuthorization(ctx: Ctx, id: string, input: { reason: string; code?: string | null }) {
  const me = requireAccount(ctx);
  await myAuthorization(ctx.db, me.accountId, id, false);
  const reason = input.reason?.trim();
  if (!reason || Array.from(reason).length > REASON_MAX) throw fieldError('reason', 'customers.authorization.reason', { zh: `请输入取消原因（最多${REASON_MAX}个字符）`, en: `Enter the reason (at most ${REASON_MAX} characters)` });
  const gate = await checkCustomerCode(ctx, input.code);
  return inTransaction(ctx.db, async (tx) => {
    const row = await myAuthorization(tx, me.accountId, id);
    if (row.status !== 'granted') throw refused('customers.authorization.not-granted', { zh: '仅可取消已生效的授权', en: 'Only a granted authorization can be cancelled' });
    await gate.consume(tx);
    const [updated] = await tx.update(customerAuthorizations).set({ status: 'revoked', revokedAt: clock.now(), revokeReason: reason }).where(eq(customerAuthorizations.id, id)).returning();
    await event(tx, ctx, row, 'revoked', { remark: reason });
    await notifyPartner(tx, row, { zh: `客户${me.accountName}取消了代客操作授权，原因：${reason}`, en: `Customer ${me.accountName} cancelled the authorization: ${reason}` });
    return partnerView(updated!, ctx.lang);
  });
}

async function notifyPartner(tx: Executor, row: AuthorizationRow, text: Text) {
  const to = row.requestedByKind === 'member' && row.requestedById ? { kind: 'member' as const, id: row.requestedById } : { kind: 'partner' as const, id: row.partnerId };
  await send(tx, { channel: 'site', to, template: 'customers.authorization-answered', subject: '客户授权 / Customer authorization', body: `${text.zh}。 ${text.en}.`, data: { authorizationId: row.id } });
}

/** When the association ends or turns 顾问销售, open authorizations end with it (called from the unbind hook). */
export async function endAuthorizations(tx: Executor, association: Pick<Association, 'id'>, reason: Text) {
  const now = clock.now();
  await tx
    .update(customerAuthorizations)
    .set({ status: 'revoked', revokedAt: now, revokeReason: reason.zh })
    .where(and(eq(customerAuthorizations.associationId, association.id), eq(customerAuthorizations.status, 'granted')));
  await tx
    .update(customerAuthorizations)
    .set({ status: 'refused', decidedAt: now, revokeReason: reason.zh })
    .where(and(eq(customerAuthorizations.associationId, association.id), eq(customerAuthorizations.status, 'pending')));
}
