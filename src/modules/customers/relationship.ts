import { and, count, desc, eq, gte, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Executor, type Tx } from '../../platform/db/index.js';
import { addMonths, clock } from '../../platform/clock.js';
import { fieldError, notFound, refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { send } from '../../platform/notify/index.js';
import { P, STAFF_ROLES, requireAccount, requirePartnerAdmin, requirePermission } from '../../platform/access/index.js';
import { defineReviewKind, submit, withdraw } from '../../platform/review/index.js';
import { isUuid } from '../../platform/ids.js';
import { accounts, staffUsers } from '../accounts/schema.js';
import { orgMembers } from '../org/schema.js';
import { customerScope } from '../org/service.js';
import { partners } from '../partners/schema.js';
import { actorName, customerInfos, escapeLike, iso, masked, memberNames, pageArgs, partnerKind, type PartnerKind } from './common.js';
import { customerUnbindChecks, loadCustomerFacts, partnerAccountChecks, type CheckItem } from './facts.js';
import { runOnSwitch, runOnUnbind } from './extensions.js';
import { recordCustomerEvent } from './audit-events.js';
import { checkCustomerCode, checkPartnerCode } from './sensitive.js';
import { recordSignature, requireCurrentVersion } from './notice.js';
import {
  ASSOCIATION_TYPE_NAMES,
  CUSTOMER,
  EVENT,
  EVENT_INITIATOR_NAMES,
  EVENT_STATUS_NAMES,
  EVENT_TYPE_NAMES,
  OPEN_EVENT_STATUSES,
  nameOf,
  type AssociationType,
  type EventStatus,
  type EventType,
} from './names.js';
import { associationEvents, customerAssociations, type AssociationEvent, type CustomerAssociation } from './schema.js';

/**
 * 管理客户关联关系 (spec 04 ops 19–21, guide 10.4.1.5; spec 07 §13.2 and C3/C4): the partner admin's
 * unbind and switch requests with their account check and both 3-month windows, Huawei's pre-review of
 * a 代售 unbind under a framework contract, the customer's 立即处理 (accept / refuse with an SMS code),
 * the customer's own unbind request and the admin's 同意 / 驳回, the side effects of an unbind, and
 * 关联关系操作记录.
 */

export const WINDOW_MONTHS = 3; // both cool-downs (9083–9084, 20140)
export const UNBIND_PRE_REVIEW_KIND = 'customers.unbind-pre-review';
const REASON_MAX = 200;

// ---------------------------------------------------------------- account check (账号检查)

interface CheckResult {
  passed: boolean;
  items: CheckItem[];
}

async function lockedAssociation(tx: Executor, partnerId: string, customerId: string): Promise<CustomerAssociation> {
  if (!isUuid(customerId)) throw notFound(CUSTOMER);
  const [a] = await tx
    .select()
    .from(customerAssociations)
    .where(and(eq(customerAssociations.partnerId, partnerId), eq(customerAssociations.customerAccountId, customerId), eq(customerAssociations.status, 'associated')))
    .for('update');
  if (!a) throw notFound(CUSTOMER);
  return a;
}

/** The two 3-month windows and the open-request rule, then the account facts (items 3–8). */
async function partnerCheck(ex: Executor, assoc: CustomerAssociation, action: 'unbind' | 'switch', kind: PartnerKind): Promise<CheckResult> {
  const now = clock.now();
  const items: CheckItem[] = [];
  const [open] = await ex
    .select({ id: associationEvents.id })
    .from(associationEvents)
    .where(and(eq(associationEvents.associationId, assoc.id), inArray(associationEvents.status, [...OPEN_EVENT_STATUSES])));
  items.push({ key: 'open_request', passed: !open, text: { zh: '该客户有处理中的关联关系申请，请处理完成后再申请', en: 'A request for this customer is still open' } });
  // 1. the customer filed an unbind in the last 3 months → wait until 3 months after it
  const [custReq] = await ex
    .select({ at: associationEvents.appliedAt })
    .from(associationEvents)
    .where(and(eq(associationEvents.customerAccountId, assoc.customerAccountId), eq(associationEvents.type, 'unbind'), eq(associationEvents.initiator, 'customer')))
    .orderBy(desc(associationEvents.appliedAt))
    .limit(1);
  const custUntil = custReq ? addMonths(custReq.at, WINDOW_MONTHS) : null;
  items.push({
    key: 'customer_window',
    passed: !custUntil || custUntil <= now,
    text: {
      zh: `客户账号在3个月内提交过解除关联的申请，伙伴需在客户提交解除关联申请的3个月后才能发起与该客户解除关联或切换关联类型的申请${custUntil && custUntil > now ? `（${custUntil.toISOString().slice(0, 10)}后可申请）` : ''}`,
      en: `The customer asked to unbind within the last 3 months; you may apply 3 months after its request${custUntil && custUntil > now ? ` (from ${custUntil.toISOString().slice(0, 10)})` : ''}`,
    },
  });
  // 2. the partner: one unbind-or-switch request per customer per 3 months (a pre-review failure does not count: fix and re-apply)
  const [ownReq] = await ex
    .select({ at: associationEvents.appliedAt })
    .from(associationEvents)
    .where(
      and(
        eq(associationEvents.partnerId, assoc.partnerId),
        eq(associationEvents.customerAccountId, assoc.customerAccountId),
        eq(associationEvents.initiator, 'partner'),
        inArray(associationEvents.type, ['unbind', 'switch']),
        ne(associationEvents.status, 'pre_review_rejected'),
      ),
    )
    .orderBy(desc(associationEvents.appliedAt))
    .limit(1);
  const ownUntil = ownReq ? addMonths(ownReq.at, WINDOW_MONTHS) : null;
  items.push({
    key: 'partner_window',
    passed: !ownUntil || ownUntil <= now,
    text: {
      zh: `伙伴在3个月内仅可以发起一次与同一客户解除关联或切换关联类型的申请${ownUntil && ownUntil > now ? `（${ownUntil.toISOString().slice(0, 10)}后可申请）` : ''}`,
      en: `One unbind-or-switch request per customer every 3 months${ownUntil && ownUntil > now ? ` (next from ${ownUntil.toISOString().slice(0, 10)})` : ''}`,
    },
  });
  const facts = await loadCustomerFacts(ex, assoc.customerAccountId);
  if (facts) items.push(...partnerAccountChecks(facts, assoc.associationType, action, kind));
  return { passed: items.every((i) => i.passed), items };
}

function requireAdmin(ctx: Ctx): PartnerActor {
  requirePermission(ctx, P.customers);
  return requirePartnerAdmin(ctx); // 只有伙伴管理员角色可以解除关联关系或者切换客户关联类型 (9077)
}

/** 账号检查 before 解除关联 / 切换关联类型 (the page shows each item's status and lets the admin re-check). */
export async function relationshipCheck(ctx: Ctx, customerId: string, action: 'unbind' | 'switch') {
  const actor = requireAdmin(ctx);
  const assoc = await lockedAssociationRead(ctx.db, actor.partnerId, customerId);
  const kind = await partnerKind(ctx.db, actor.partnerId);
  const r = await partnerCheck(ctx.db, assoc, action, kind);
  return { ...r, items: r.items.map((i) => ({ key: i.key, passed: i.passed, text: ctx.lang === 'en-US' ? i.text.en : i.text.zh })), reasonRequired: kind !== 'reseller' };
}

async function lockedAssociationRead(ex: Executor, partnerId: string, customerId: string) {
  if (!isUuid(customerId)) throw notFound(CUSTOMER);
  const [a] = await ex
    .select()
    .from(customerAssociations)
    .where(and(eq(customerAssociations.partnerId, partnerId), eq(customerAssociations.customerAccountId, customerId), eq(customerAssociations.status, 'associated')));
  if (!a) throw notFound(CUSTOMER);
  return a;
}

const checkFailed = (items: CheckItem[]) =>
  refused('customers.relationship-check-failed', { zh: '客户账号检查不通过：{reasons}', en: 'The account check did not pass: {reasons}' }, {
    reasons: { zh: items.filter((i) => !i.passed).map((i) => i.text.zh).join('；'), en: items.filter((i) => !i.passed).map((i) => i.text.en).join('; ') },
    failed: items.filter((i) => !i.passed).map((i) => i.key),
  });

export interface PartnerRequestInput {
  reason?: string | null;
  /** 我已了解以上注意事项并同意此操作 */
  acknowledged: boolean;
  code?: string | null;
}

/**
 * 解除关联 / 切换关联类型 (ops 19–20): admin only, account check, reason (not for 云经销商, 18694),
 * code when the switch is on. A 代售 unbind under a framework contract goes to Huawei's pre-review
 * first (not for 云经销商); otherwise the request waits for the customer (待确认).
 */
export async function requestChange(ctx: Ctx, customerId: string, type: 'unbind' | 'switch', input: PartnerRequestInput) {
  const actor = requireAdmin(ctx);
  if (!input.acknowledged)
    throw fieldError('acknowledged', 'customers.not-acknowledged', { zh: '请勾选“我已了解以上注意事项并同意此操作”', en: 'Confirm that you have read the notes' });
  const kind = await partnerKind(ctx.db, actor.partnerId);
  const reason = input.reason?.trim() || null;
  if (kind !== 'reseller' && !reason) throw fieldError('reason', 'customers.reason-required', { zh: '请填写申请原因', en: 'Enter the reason' });
  if (reason && reason.length > REASON_MAX) throw fieldError('reason', 'customers.reason-too-long', { zh: `申请原因不能超过${REASON_MAX}个字符`, en: `At most ${REASON_MAX} characters` });
  const gate = await checkPartnerCode(ctx, input.code);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const assoc = await lockedAssociation(tx, actor.partnerId, customerId);
      const check = await partnerCheck(tx, assoc, type, kind);
      if (!check.passed) throw checkFailed(check.items);
      const facts = await loadCustomerFacts(tx, assoc.customerAccountId);
      const preReview = type === 'unbind' && kind !== 'reseller' && assoc.associationType === 'resale' && !!facts?.frameworkContract;
      const now = clock.now();
      const [ev] = await tx
        .insert(associationEvents)
        .values({
          partnerId: actor.partnerId,
          customerAccountId: assoc.customerAccountId,
          associationId: assoc.id,
          type,
          initiator: 'partner',
          reason,
          status: preReview ? 'pre_review' : 'pending',
          fromType: assoc.associationType,
          toType: type === 'switch' ? otherType(assoc.associationType) : null,
          accountManagerId: assoc.accountManagerId,
          appliedByName: actor.displayName,
          appliedAt: now,
        })
        .returning();
      let event = ev!;
      if (preReview) {
        const app = await submit(
          ctx.deps.reviews,
          ctx,
          { kind: UNBIND_PRE_REVIEW_KIND, subjectType: 'association_event', subjectId: event.id, summary: `${actor.displayName} · ${facts?.accountName ?? ''}`, data: { customerAccountId: assoc.customerAccountId, customerAccountName: facts?.accountName, associationType: assoc.associationType, reason } },
          tx,
        );
        [event] = await tx.update(associationEvents).set({ reviewId: app.id }).where(eq(associationEvents.id, event.id)).returning() as [AssociationEvent];
      } else {
        await notifyCustomerOfRequest(tx, event);
      }
      await gate.consume(tx);
      await audit(tx, ctx, { action: `customers.${type}.requested`, objectType: 'association_event', objectId: event.id, customerAccountId: assoc.customerAccountId, after: { type, reason, status: event.status, fromType: event.fromType, toType: event.toType } });
      await recordCustomerEvent(tx, ctx, { customerAccountId: assoc.customerAccountId, partnerId: actor.partnerId, eventName: 'applyUnbindOrSwitchCooperation', resourceType: 'csbchannelsales', resourceId: event.id, resourceName: actor.displayName, detail: { type, initiator: 'partner' } });
      return {
        event: eventView(ctx, event, null, null, false),
        message:
          type === 'unbind'
            ? { zh: '您与客户解除关联的申请已提交成功。在您的客户处理完成后，会第一时间通知您处理结果，请耐心等待。', en: 'Your unbind request has been submitted. You will be notified when the customer has processed it.' }
            : { zh: '您与客户切换关联类型的申请已提交成功。', en: 'Your request to switch the association type has been submitted.' },
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('customers.request-open', { zh: '该客户有处理中的关联关系申请，请处理完成后再申请', en: 'A request for this customer is still open' });
    throw err;
  }
}

const otherType = (t: string): AssociationType => (t === 'resale' ? 'consulting' : 'resale');

async function notifyCustomerOfRequest(tx: Executor, e: AssociationEvent) {
  const [p] = await tx.select({ name: partners.displayName }).from(partners).where(eq(partners.id, e.partnerId));
  const [c] = await tx.select({ mobile: accounts.mobile }).from(accounts).where(eq(accounts.id, e.customerAccountId));
  const what = e.type === 'unbind' ? '解除关联' : `将关联类型切换为“${ASSOCIATION_TYPE_NAMES[e.toType as AssociationType]?.zh ?? ''}”`;
  const text = { zh: `您的合作伙伴${p?.name ?? ''}申请与您${what}，请进入“账号中心 > 我的合作伙伴”页面单击“立即处理”。`, en: `Your partner ${p?.name ?? ''} asks to ${e.type === 'unbind' ? 'unbind' : 'switch the association type'}; open 我的合作伙伴 to process it.` };
  await send(tx, { channel: 'site', to: { kind: 'account', id: e.customerAccountId }, template: 'customers.request', subject: '关联关系申请', body: text.zh, data: { eventId: e.id, text } });
  if (c?.mobile) await send(tx, { channel: 'sms', address: c.mobile, to: { kind: 'account', id: e.customerAccountId }, template: 'customers.request', subject: '关联关系申请', body: text.zh, data: { eventId: e.id } });
}

async function notifyPartner(tx: Executor, e: AssociationEvent, text: { zh: string; en: string }) {
  await send(tx, { channel: 'site', to: { kind: 'partner', id: e.partnerId }, template: 'customers.request-result', subject: '关联关系申请处理结果', body: text.zh, data: { eventId: e.id, text } });
}

async function notifyCustomer(tx: Executor, e: AssociationEvent, text: { zh: string; en: string }) {
  await send(tx, { channel: 'site', to: { kind: 'account', id: e.customerAccountId }, template: 'customers.request-result', subject: '关联关系申请处理结果', body: text.zh, data: { eventId: e.id, text } });
}

// ---------------------------------------------------------------- completing a request (side effects)

/**
 * 解除关联 takes effect: the hooks (balance back to the partner through the ledger, vouchers recalled…)
 * run first, with the row locked and still 'associated'; then the association ends.
 */
async function completeUnbind(tx: Tx, ctx: Ctx, assoc: CustomerAssociation) {
  await runOnUnbind(tx, assoc, ctx);
  await tx.update(customerAssociations).set({ status: 'unbound', endedAt: clock.now() }).where(eq(customerAssociations.id, assoc.id));
}

async function completeSwitch(tx: Tx, ctx: Ctx, assoc: CustomerAssociation, to: AssociationType) {
  const [after] = await tx.update(customerAssociations).set({ associationType: to }).where(eq(customerAssociations.id, assoc.id)).returning();
  await runOnSwitch(tx, after!, { from: assoc.associationType, to }, ctx);
}

async function decide(tx: Executor, ctx: Ctx, e: AssociationEvent, status: EventStatus, rejectReason: string | null = null): Promise<AssociationEvent> {
  const [after] = await tx
    .update(associationEvents)
    .set({ status, decidedAt: clock.now(), decidedByName: actorName(ctx), rejectReason })
    .where(and(eq(associationEvents.id, e.id), eq(associationEvents.status, e.status)))
    .returning();
  if (!after) throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' });
  return after;
}

async function requireCustomerEvent(ex: Executor, customerId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound(EVENT);
  const [e] = await ex.select({ c: associationEvents.customerAccountId, i: associationEvents.initiator }).from(associationEvents).where(eq(associationEvents.id, id));
  if (!e || e.c !== customerId || e.i !== 'partner') throw notFound(EVENT);
}

async function requirePartnerEvent(ex: Executor, partnerId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound(EVENT);
  const [e] = await ex.select({ p: associationEvents.partnerId }).from(associationEvents).where(eq(associationEvents.id, id));
  if (!e || e.p !== partnerId) throw notFound(EVENT);
}

async function lockEvent(tx: Executor, id: string): Promise<AssociationEvent | undefined> {
  if (!isUuid(id)) return undefined;
  const [e] = await tx.select().from(associationEvents).where(eq(associationEvents.id, id)).for('update');
  return e;
}

// ---------------------------------------------------------------- the customer's side (13.2, C4)

/** 立即处理 → 同意 the partner's unbind or switch (SMS code; a switch also needs the account check and both notices). */
export async function customerAccept(
  ctx: Ctx,
  eventId: string,
  input: { code: string; acknowledged: boolean; switchNoticeVersion?: string; associationNoticeVersion?: string },
) {
  const actor = requireAccount(ctx);
  if (!input.acknowledged)
    throw fieldError('acknowledged', 'customers.not-acknowledged', { zh: '请勾选“我已了解以上注意事项并确定切换关联关系”', en: 'Confirm that you have read the notes' });
  await requireCustomerEvent(ctx.db, actor.accountId, eventId); // another customer's request is missing, whatever the code
  const gate = await checkCustomerCode(ctx, input.code);
  return inTransaction(ctx.db, async (tx) => {
    const e = await lockEvent(tx, eventId);
    if (!e || e.customerAccountId !== actor.accountId || e.initiator !== 'partner') throw notFound(EVENT);
    if (e.status !== 'pending') throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' }, { status: e.status });
    const [assoc] = await tx.select().from(customerAssociations).where(and(eq(customerAssociations.id, e.associationId), eq(customerAssociations.status, 'associated'))).for('update');
    if (!assoc) throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' });
    if (e.type === 'switch') {
      const to = e.toType as AssociationType;
      const switchNotice = requireCurrentVersion('switch-notice', to, input.switchNoticeVersion, 'switchNoticeVersion');
      const assocNotice = requireCurrentVersion('association-notice', to, input.associationNoticeVersion, 'associationNoticeVersion');
      // 进行账号检查 (9170): the same account facts as the partner's check (not the windows: the request exists)
      const facts = await loadCustomerFacts(tx, assoc.customerAccountId);
      const items = facts ? partnerAccountChecks(facts, assoc.associationType, 'switch', await partnerKind(tx, assoc.partnerId)) : [];
      if (items.some((i) => !i.passed)) throw checkFailed(items);
      await completeSwitch(tx, ctx, assoc, to);
      await recordSignature(tx, { customerAccountId: actor.accountId, notice: switchNotice, associationType: to, partnerId: assoc.partnerId, context: 'switch' });
      await recordSignature(tx, { customerAccountId: actor.accountId, notice: assocNotice, associationType: to, partnerId: assoc.partnerId, context: 'switch' });
    } else {
      await completeUnbind(tx, ctx, assoc);
    }
    const after = await decide(tx, ctx, e, 'completed');
    await gate.consume(tx);
    await audit(tx, ctx, { action: `customers.${e.type}.accepted`, objectType: 'association_event', objectId: e.id, partnerId: e.partnerId, customerAccountId: actor.accountId, before: { status: e.status }, after: { status: after.status } });
    await recordCustomerEvent(tx, ctx, { customerAccountId: actor.accountId, partnerId: e.partnerId, eventName: 'approvePartnerOrCustomerApply', resourceType: 'accountInfo', resourceId: e.id, resourceName: e.type, detail: { result: 'accepted', type: e.type } });
    await notifyPartner(tx, after, {
      zh: e.type === 'unbind' ? '客户已同意解除关联，关联关系已解除。' : `客户已同意切换关联类型，关联类型已切换为“${ASSOCIATION_TYPE_NAMES[e.toType as AssociationType].zh}”。`,
      en: e.type === 'unbind' ? 'The customer agreed; the association has ended.' : 'The customer agreed; the association type has been switched.',
    });
    return { event: eventView(ctx, after, null, null, true), message: { zh: '操作成功', en: 'Done' } };
  });
}

/** 立即处理 → refuse the partner's request (SMS code). The guide does not describe refusing; inferred (spec 07 §3.3). */
export async function customerRefuse(ctx: Ctx, eventId: string, input: { code: string }) {
  const actor = requireAccount(ctx);
  await requireCustomerEvent(ctx.db, actor.accountId, eventId);
  const gate = await checkCustomerCode(ctx, input.code);
  return inTransaction(ctx.db, async (tx) => {
    const e = await lockEvent(tx, eventId);
    if (!e || e.customerAccountId !== actor.accountId || e.initiator !== 'partner') throw notFound(EVENT);
    if (e.status !== 'pending') throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' }, { status: e.status });
    const after = await decide(tx, ctx, e, 'rejected');
    await gate.consume(tx);
    await audit(tx, ctx, { action: `customers.${e.type}.refused`, objectType: 'association_event', objectId: e.id, partnerId: e.partnerId, customerAccountId: actor.accountId, after: { status: after.status } });
    await recordCustomerEvent(tx, ctx, { customerAccountId: actor.accountId, partnerId: e.partnerId, eventName: 'approvePartnerOrCustomerApply', resourceType: 'accountInfo', resourceId: e.id, resourceName: e.type, detail: { result: 'refused', type: e.type } });
    await notifyPartner(tx, after, { zh: `客户已拒绝您的${EVENT_TYPE_NAMES[e.type as EventType].zh}申请。`, en: 'The customer refused your request.' });
    return { event: eventView(ctx, after, null, null, true), message: { zh: '操作成功', en: 'Done' } };
  });
}

async function activeAssociationOf(ex: Executor, customerId: string, lock = false) {
  const q = ex.select().from(customerAssociations).where(and(eq(customerAssociations.customerAccountId, customerId), eq(customerAssociations.status, 'associated')));
  const [a] = lock ? await q.for('update') : await q;
  if (!a) throw refused('customers.not-associated', { zh: '您尚未关联合作伙伴', en: 'You are not associated with a partner' });
  return a;
}

async function customerCheck(ex: Executor, assoc: CustomerAssociation): Promise<CheckResult> {
  const now = clock.now();
  const [last] = await ex
    .select({ at: associationEvents.appliedAt })
    .from(associationEvents)
    .where(and(eq(associationEvents.customerAccountId, assoc.customerAccountId), eq(associationEvents.type, 'unbind'), eq(associationEvents.initiator, 'customer')))
    .orderBy(desc(associationEvents.appliedAt))
    .limit(1);
  const until = last ? addMonths(last.at, WINDOW_MONTHS) : null;
  const items: CheckItem[] = [
    {
      key: 'customer_window',
      passed: !until || until <= now,
      text: { zh: `为避免频繁切换合作伙伴关联关系，客户在3个月内仅可以提交一次解除关联的申请${until && until > now ? `（${until.toISOString().slice(0, 10)}后可申请）` : ''}`, en: 'One unbind request every 3 months' },
    },
  ];
  const [open] = await ex.select({ id: associationEvents.id }).from(associationEvents).where(and(eq(associationEvents.associationId, assoc.id), inArray(associationEvents.status, [...OPEN_EVENT_STATUSES])));
  items.push({ key: 'open_request', passed: !open, text: { zh: '您有处理中的关联关系申请，请处理完成后再申请', en: 'A request is still open' } });
  const facts = await loadCustomerFacts(ex, assoc.customerAccountId);
  if (facts) items.push(...customerUnbindChecks(facts, assoc.associationType));
  return { passed: items.every((i) => i.passed), items };
}

/** 账号检查 before the customer's own 解除关联. */
export async function customerUnbindCheck(ctx: Ctx) {
  const actor = requireAccount(ctx);
  const assoc = await activeAssociationOf(ctx.db, actor.accountId);
  const r = await customerCheck(ctx.db, assoc);
  return { ...r, items: r.items.map((i) => ({ key: i.key, passed: i.passed, text: ctx.lang === 'en-US' ? i.text.en : i.text.zh })) };
}

/** 更多操作 > 解除关联 (13.2): check, tick, SMS code → 待确认 for the partner admin. */
export async function customerRequestUnbind(ctx: Ctx, input: { acknowledged: boolean; code: string }) {
  const actor = requireAccount(ctx);
  if (!input.acknowledged)
    throw fieldError('acknowledged', 'customers.not-acknowledged', { zh: '请勾选“我已了解以上注意事项并确认解除关联”', en: 'Confirm that you have read the notes' });
  const gate = await checkCustomerCode(ctx, input.code);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const assoc = await activeAssociationOf(tx, actor.accountId, true);
      const check = await customerCheck(tx, assoc);
      if (!check.passed) throw checkFailed(check.items);
      const [ev] = await tx
        .insert(associationEvents)
        .values({
          partnerId: assoc.partnerId,
          customerAccountId: actor.accountId,
          associationId: assoc.id,
          type: 'unbind',
          initiator: 'customer',
          status: 'pending',
          fromType: assoc.associationType,
          accountManagerId: assoc.accountManagerId,
          appliedByName: actor.accountName,
          appliedAt: clock.now(),
        })
        .returning();
      await gate.consume(tx);
      await audit(tx, ctx, { action: 'customers.unbind.requested', objectType: 'association_event', objectId: ev!.id, partnerId: assoc.partnerId, customerAccountId: actor.accountId, after: { initiator: 'customer' } });
      await recordCustomerEvent(tx, ctx, { customerAccountId: actor.accountId, partnerId: assoc.partnerId, eventName: 'applyUnbindOrSwitchCooperation', resourceType: 'accountInfo', resourceId: ev!.id, resourceName: 'unbind', detail: { type: 'unbind', initiator: 'customer' } });
      await notifyPartner(tx, ev!, { zh: `客户${actor.accountName}申请与您解除关联，请在“客户管理 > 关联关系操作记录”中处理。`, en: `Customer ${actor.accountName} asks to unbind; process it under 关联关系操作记录.` });
      return {
        event: eventView(ctx, ev!, null, null, true),
        message: { zh: '您与合作伙伴解除关联的申请已提交成功。在您的伙伴处理完成后，会第一时间通知您处理结果，请耐心等待。', en: 'Your unbind request has been submitted; you will be notified of the result.' },
      };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refused('customers.request-open', { zh: '您有处理中的关联关系申请，请处理完成后再申请', en: 'A request is still open' });
    throw err;
  }
}

// ---------------------------------------------------------------- the partner admin handles the customer's unbind

async function partnerEvent(tx: Executor, actor: PartnerActor, id: string): Promise<AssociationEvent> {
  const e = await lockEvent(tx, id);
  if (!e || e.partnerId !== actor.partnerId) throw notFound(EVENT);
  return e;
}

/** 同意 a customer-initiated unbind (admin, code when the switch is on): the association ends. */
export async function approveCustomerUnbind(ctx: Ctx, eventId: string, input: { code?: string | null }) {
  const actor = requireAdmin(ctx);
  await requirePartnerEvent(ctx.db, actor.partnerId, eventId);
  const gate = await checkPartnerCode(ctx, input.code);
  return inTransaction(ctx.db, async (tx) => {
    const e = await partnerEvent(tx, actor, eventId);
    if (e.initiator !== 'customer' || e.type !== 'unbind' || e.status !== 'pending') throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' }, { status: e.status });
    const [assoc] = await tx.select().from(customerAssociations).where(and(eq(customerAssociations.id, e.associationId), eq(customerAssociations.status, 'associated'))).for('update');
    if (!assoc) throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' });
    await completeUnbind(tx, ctx, assoc);
    const after = await decide(tx, ctx, e, 'completed');
    await gate.consume(tx);
    await audit(tx, ctx, { action: 'customers.unbind.approved', objectType: 'association_event', objectId: e.id, customerAccountId: e.customerAccountId, before: { status: e.status }, after: { status: after.status } });
    await recordCustomerEvent(tx, ctx, { customerAccountId: e.customerAccountId, partnerId: e.partnerId, eventName: 'approvePartnerOrCustomerApply', resourceType: 'csbchannelsales', resourceId: e.id, resourceName: actor.displayName, detail: { result: 'approved' } });
    await notifyCustomer(tx, after, { zh: '合作伙伴已同意您的解除关联申请，关联关系已解除。', en: 'Your partner agreed; the association has ended.' });
    return { event: eventView(ctx, after, null, null, false), message: { zh: '操作成功', en: 'Done' } };
  });
}

/** 驳回 a customer-initiated unbind (admin, code when the switch is on): the association stays. */
export async function rejectCustomerUnbind(ctx: Ctx, eventId: string, input: { reason?: string | null; code?: string | null }) {
  const actor = requireAdmin(ctx);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > REASON_MAX) throw fieldError('reason', 'customers.reason-too-long', { zh: `驳回原因不能超过${REASON_MAX}个字符`, en: `At most ${REASON_MAX} characters` });
  await requirePartnerEvent(ctx.db, actor.partnerId, eventId);
  const gate = await checkPartnerCode(ctx, input.code);
  return inTransaction(ctx.db, async (tx) => {
    const e = await partnerEvent(tx, actor, eventId);
    if (e.initiator !== 'customer' || e.type !== 'unbind' || e.status !== 'pending') throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' }, { status: e.status });
    const after = await decide(tx, ctx, e, 'rejected', reason);
    await gate.consume(tx);
    await audit(tx, ctx, { action: 'customers.unbind.rejected', objectType: 'association_event', objectId: e.id, customerAccountId: e.customerAccountId, after: { status: after.status, reason } });
    await recordCustomerEvent(tx, ctx, { customerAccountId: e.customerAccountId, partnerId: e.partnerId, eventName: 'approvePartnerOrCustomerApply', resourceType: 'csbchannelsales', resourceId: e.id, resourceName: actor.displayName, detail: { result: 'rejected' } });
    await notifyCustomer(tx, after, { zh: `合作伙伴已驳回您的解除关联申请${reason ? `，原因：${reason}` : ''}。`, en: 'Your partner rejected your unbind request.' });
    return { event: eventView(ctx, after, null, null, false), message: { zh: '操作成功', en: 'Done' } };
  });
}

/** 取消 the partner's own open request (spec 07 §2.7); a pending pre-review is withdrawn from Huawei's queue. */
export async function cancelRequest(ctx: Ctx, eventId: string) {
  const actor = requireAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const e = await partnerEvent(tx, actor, eventId);
    if (e.initiator !== 'partner' || !(OPEN_EVENT_STATUSES as readonly string[]).includes(e.status))
      throw refused('customers.request-state', { zh: '当前状态不允许此操作', en: 'Not allowed in the current status' }, { status: e.status });
    if (e.status === 'pre_review' && e.reviewId) await withdraw(ctx.deps.reviews, { ...ctx, db: tx }, e.reviewId, { comment: '伙伴取消申请' }); // a savepoint inside this transaction
    const after = await decide(tx, ctx, e, 'cancelled');
    await audit(tx, ctx, { action: `customers.${e.type}.cancelled`, objectType: 'association_event', objectId: e.id, customerAccountId: e.customerAccountId, before: { status: e.status }, after: { status: after.status } });
    if (e.status === 'pending') await notifyCustomer(tx, after, { zh: '合作伙伴已取消关联关系申请。', en: 'Your partner cancelled its request.' });
    return { event: eventView(ctx, after, null, null, false), message: { zh: '操作成功', en: 'Done' } };
  });
}

// ---------------------------------------------------------------- Huawei pre-review (预审, 9205–9210)

export const unbindPreReviewKind = defineReviewKind({
  kind: UNBIND_PRE_REVIEW_KIND,
  title: { zh: '解除关联预审', en: 'Unbind pre-review' },
  stages: [{ key: 'pre_review', name: { zh: '华为方预评审', en: 'Huawei pre-review' }, staffRoles: [STAFF_ROLES.ecosystemManager, STAFF_ROLES.channelManager] }],
  statusNames: { in_review: { zh: '待预审', en: 'Awaiting pre-review' }, approved: { zh: '预审通过', en: 'Pre-review passed' }, rejected: { zh: '预审不通过', en: 'Pre-review not passed' } },
  permission: P.customers,
  applicants: ['partner'],
  withdrawable: true,
  hooks: {
    onApproved: async (tx, _ctx, app) => {
      const e = await lockEvent(tx, app.subjectId);
      if (!e || e.status !== 'pre_review') return;
      const [after] = await tx.update(associationEvents).set({ status: 'pending' }).where(eq(associationEvents.id, e.id)).returning();
      await notifyCustomerOfRequest(tx, after!);
    },
    onRejected: async (tx, ctx, app) => {
      const e = await lockEvent(tx, app.subjectId);
      if (!e || e.status !== 'pre_review') return;
      // 联系预审人: the reviewer's name and e-mail
      let email: string | null = null;
      if (ctx.actor.kind === 'staff') [{ email = null } = { email: null }] = await tx.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, ctx.actor.staffId));
      const [after] = await tx
        .update(associationEvents)
        .set({ status: 'pre_review_rejected', preReviewReasons: app.rejectReason, preReviewerName: actorName(ctx), preReviewerEmail: email, decidedAt: clock.now(), decidedByName: actorName(ctx) })
        .where(eq(associationEvents.id, e.id))
        .returning();
      await notifyPartner(tx, after!, { zh: `解除关联预评审不通过，原因：${app.rejectReason ?? ''}`, en: `The unbind pre-review did not pass: ${app.rejectReason ?? ''}` });
    },
  },
});

// ---------------------------------------------------------------- 关联关系操作记录

function eventView(
  ctx: Ctx,
  e: AssociationEvent,
  info: { name: string; accountName: string; mobile: string } | null,
  managerName: string | null,
  forCustomer: boolean,
) {
  return {
    id: e.id,
    customerId: e.customerAccountId,
    accountName: info?.accountName ?? null, // 账号名
    customerName: info ? masked.name(info.name) : null, // 客户名称
    mobile: info ? masked.phone(info.mobile) : null, // 移动电话
    associationType: e.fromType, // 关联类型 at the time of the request
    associationTypeName: nameOf(ASSOCIATION_TYPE_NAMES, e.fromType, ctx.lang),
    toType: e.toType,
    type: e.type as EventType, // 申请类型
    typeName: nameOf(EVENT_TYPE_NAMES, e.type, ctx.lang),
    reason: e.reason, // 申请原因
    initiator: e.initiator, // 发起方式
    initiatorName: nameOf(EVENT_INITIATOR_NAMES, e.initiator, ctx.lang),
    status: e.status as EventStatus,
    statusName: nameOf(EVENT_STATUS_NAMES, e.status, ctx.lang),
    accountManagerName: managerName ? masked.name(managerName) : null, // 客户经理姓名
    appliedAt: e.appliedAt.toISOString(), // 申请时间
    decidedAt: iso(e.decidedAt), // 审批时间
    rejectReason: e.rejectReason,
    // 不通过原因 / 联系预审人 (ch. 10/11 only)
    preReviewReasons: forCustomer ? null : e.preReviewReasons,
    preReviewer: forCustomer || !e.preReviewerName ? null : { name: e.preReviewerName, email: e.preReviewerEmail },
    actions: forCustomer
      ? e.initiator === 'partner' && e.status === 'pending'
        ? ['accept', 'refuse']
        : []
      : e.initiator === 'customer' && e.type === 'unbind' && e.status === 'pending'
        ? ['approve', 'reject']
        : e.initiator === 'partner' && (OPEN_EVENT_STATUSES as readonly string[]).includes(e.status)
          ? ['cancel']
          : [],
  };
}
export type EventView = ReturnType<typeof eventView>;

export interface EventQuery {
  accountName?: string;
  customerName?: string;
  type?: EventType;
  status?: EventStatus;
  initiator?: 'partner' | 'customer' | 'system';
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

async function eventConditions(ctx: Ctx, actor: PartnerActor, q: EventQuery): Promise<SQL[]> {
  const where: SQL[] = [eq(associationEvents.partnerId, actor.partnerId)];
  const scope = await customerScope(ctx);
  if (!scope.all) where.push(scope.managerIds.length ? inArray(associationEvents.accountManagerId, scope.managerIds) : sql`false`);
  if (q.type) where.push(eq(associationEvents.type, q.type));
  if (q.status) where.push(eq(associationEvents.status, q.status));
  if (q.initiator) where.push(eq(associationEvents.initiator, q.initiator));
  if (q.from) where.push(gte(associationEvents.appliedAt, q.from));
  if (q.to) where.push(lt(associationEvents.appliedAt, q.to));
  const like = (v: string) => `%${escapeLike(v.trim())}%`;
  const acc: SQL[] = [];
  if (q.accountName?.trim()) acc.push(ilike(accounts.accountName, like(q.accountName)));
  if (q.customerName?.trim()) acc.push(or(ilike(accounts.name, like(q.customerName)), ilike(accounts.enterpriseName, like(q.customerName)))!);
  if (acc.length) where.push(inArray(associationEvents.customerAccountId, ctx.db.select({ id: accounts.id }).from(accounts).where(and(...acc))));
  return where;
}

/** 关联关系操作记录: the partner's events (a 客户经理 sees their customers'), newest first. */
export async function listEvents(ctx: Ctx, q: EventQuery) {
  const actor = requirePermission(ctx, P.customers);
  const { page, pageSize, offset } = pageArgs(q);
  const cond = and(...(await eventConditions(ctx, actor, q)));
  const rows = await ctx.db.select().from(associationEvents).where(cond).orderBy(desc(associationEvents.appliedAt), desc(associationEvents.id)).limit(pageSize).offset(offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(associationEvents).where(cond);
  const infos = await customerInfos(ctx.db, rows.map((r) => r.customerAccountId));
  const managers = await memberNames(ctx.db, rows.map((r) => r.accountManagerId));
  const [{ pending } = { pending: 0 }] = await ctx.db
    .select({ pending: count() })
    .from(associationEvents)
    .where(and(eq(associationEvents.partnerId, actor.partnerId), eq(associationEvents.initiator, 'customer'), eq(associationEvents.status, 'pending')));
  return {
    items: rows.map((r) => eventView(ctx, r, infos.get(r.customerAccountId) ?? null, r.accountManagerId ? (managers.get(r.accountManagerId)?.name ?? null) : null, false)),
    total: Number(n),
    page,
    pageSize,
    // 您有待确认的关联关系申请，请点击这里进入关联关系操作记录进行处理
    pendingCustomerRequests: Number(pending),
  };
}

export async function getEvent(ctx: Ctx, id: string) {
  const actor = requirePermission(ctx, P.customers);
  if (!isUuid(id)) throw notFound(EVENT);
  const [e] = await ctx.db.select().from(associationEvents).where(and(...(await eventConditions(ctx, actor, {})), eq(associationEvents.id, id)));
  if (!e) throw notFound(EVENT);
  const info = (await customerInfos(ctx.db, [e.customerAccountId])).get(e.customerAccountId) ?? null;
  const managers = await memberNames(ctx.db, [e.accountManagerId]);
  return eventView(ctx, e, info, e.accountManagerId ? (managers.get(e.accountManagerId)?.name ?? null) : null, false);
}

/** 操作日志 in the customer portal: the signed-in customer's association history. */
export async function customerEvents(ctx: Ctx, q: { page?: number; pageSize?: number }) {
  const actor = requireAccount(ctx);
  const { page, pageSize, offset } = pageArgs(q);
  const cond = eq(associationEvents.customerAccountId, actor.accountId);
  const rows = await ctx.db.select().from(associationEvents).where(cond).orderBy(desc(associationEvents.appliedAt), desc(associationEvents.id)).limit(pageSize).offset(offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(associationEvents).where(cond);
  const names = new Map((await ctx.db.select({ id: partners.id, name: partners.displayName }).from(partners).where(inArray(partners.id, rows.map((r) => r.partnerId).concat(['00000000-0000-0000-0000-000000000000'])))).map((p) => [p.id, p.name]));
  return { items: rows.map((r) => ({ ...eventView(ctx, r, null, null, true), partnerName: names.get(r.partnerId) ?? null })), total: Number(n), page, pageSize };
}


