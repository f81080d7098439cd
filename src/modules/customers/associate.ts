import { and, eq } from 'drizzle-orm';
import { requirePartnerTakesNewCustomers } from '../partners/standing.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, pgCode, type Executor, type Tx } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { AppError, fieldError, refused } from '../../platform/errors.js';
import { audit } from '../../platform/audit/index.js';
import { send } from '../../platform/notify/index.js';
import { requireAccount } from '../../platform/access/index.js';
import { orgMembers } from '../org/schema.js';
import { partners } from '../partners/schema.js';
import { advisoryLock } from './common.js';
import { FactsUnavailable, loadCustomerFacts, registeredTooLongAgo, type CustomerAccountFacts } from './facts.js';
import { FAILURE_REASONS, type FailureCode, type FailureReason } from './failure-reasons.js';
import { recordCustomerEvent } from './audit-events.js';
import { runOnAssociate } from './extensions.js';
import { linkState } from './invitations.js';
import { currentNotice, recordSignature, requireCurrentVersion, type NoticeVersion } from './notice.js';
import { liveReportOf, otherLiveReport } from './reports.js';
import { ASSOCIATION_TYPE_NAMES, type AssociationType } from './names.js';
import {
  associationEvents,
  customerAssociations,
  customerInvitations,
  customerReports,
  expansionRecords,
  type CustomerAssociation,
  type CustomerInvitation,
  type CustomerReport,
} from './schema.js';

/**
 * 13.1 如何申请关联合作伙伴: the customer opens a partner's link (or scans its QR code), reads and
 * accepts 《客户关联华为云合作伙伴须知》 and associates. Every refusal of spec 04 §5's table is stored
 * on the partner's 拓展记录 with the guide's reason text and partner hint (in its own transaction, since
 * the association's is rolled back) and answered as 409 `customers.association-failed`.
 */

export interface AssociateInput {
  token: string;
  via: 'link' | 'qr';
  /** The version of the notice the customer read and ticked "我已经阅读并同意" for. */
  noticeVersion?: string;
  agreed?: boolean;
}

class AssociationFailure extends Error {
  constructor(
    readonly code: FailureCode,
    readonly report: CustomerReport | null = null,
  ) {
    super(code);
  }
}

/** Which failure, if any, the facts give for this customer and link (the table's rows, in a fixed order). */
export function failureFor(f: CustomerAccountFacts, type: AssociationType, ownReport: boolean, otherReport: boolean): FailureCode | null {
  const checks: [FailureCode, boolean][] = [
    ['is_partner', f.isPartner],
    ['huawei_internal', f.huaweiInternal],
    ['consumer_cloud', f.consumerCloud],
    ['international_site', f.internationalSite],
    ['finance_hosted_sub', f.financeHostedSub],
    ['reward_plan', f.rewardPlan],
    ['special_contract', f.specialContract],
    ['reported_by_other_partner', otherReport],
    ['reported_by_huawei', f.reportedByHuawei],
    ['sales_support_center', f.salesSupportCenter],
    ['online_sales_team', f.onlineSalesTeam],
    ['in_arrears', f.inArrears],
    ['balance_uninvoiced_over_limit', f.balanceWithUninvoicedOverLimit],
    ['has_consumption', f.cashConsumption],
    ['registration_too_old', registeredTooLongAgo(f)],
    ['credit_account', f.creditAccount],
    ['master_with_unhosted_subs', f.masterWithUnhostedSubs],
    ['enterprise_sub', f.enterpriseSub],
    ['topup_bonus', f.topUpBonus],
    ['stored_value_card', f.storedValueCard],
    ['designated_contract', f.designatedContract],
  ];
  for (const [code, hit] of checks) {
    if (!hit) continue;
    const reason = FAILURE_REASONS[code] as FailureReason;
    if (reason.resaleOnly && type !== 'resale') continue;
    // the hint says: apply for a (manual) report, then resend; a live report of this partner lets it through
    if (reason.waivedByReport && ownReport) continue;
    return code;
  }
  return null;
}

export async function associateByInvitation(ctx: Ctx, input: AssociateInput) {
  const actor = requireAccount(ctx);
  const [inv] = input.token.length <= 64 ? await ctx.db.select().from(customerInvitations).where(eq(customerInvitations.token, input.token)) : [];
  if (!inv) throw failureError('link_not_found'); // no partner to file it under
  await requirePartnerTakesNewCustomers(ctx.db, inv.partnerId); // R29 (partners/standing.ts)
  const type = inv.associationType as AssociationType;

  // the notice: always by link; by QR code only for 代售 (13.1.2 步骤2, 13.1.3 步骤2)
  let notice: NoticeVersion | null = null;
  if (input.via === 'link' || type === 'resale') {
    notice = requireCurrentVersion('association-notice', type, input.noticeVersion, 'noticeVersion');
    if (!input.agreed) throw fieldError('agreed', 'customers.notice-not-agreed', { zh: '请勾选“我已经阅读并同意”', en: 'Tick "I have read and agree"' });
  } else if (input.noticeVersion) {
    notice = currentNotice('association-notice', type);
  }

  try {
    return await inTransaction(ctx.db, (tx) => associate(tx, ctx, actor.accountId, inv, type, notice, input.via));
  } catch (err) {
    let failure: AssociationFailure | null = null;
    if (err instanceof AssociationFailure) failure = err;
    else if (err instanceof FactsUnavailable || ['40001', '40P01', '55P03', '57014'].includes(pgCode(err) ?? '')) failure = new AssociationFailure('system_busy');
    // the loser of two partners racing for one customer meets the active-association unique index
    else if (isUniqueViolation(err)) failure = new AssociationFailure('associated_other');
    if (!failure) throw err;
    await inTransaction(ctx.db, (tx) => recordFailure(tx, ctx, actor.accountId, inv, failure));
    throw failureError(failure.code);
  }
}

function failureError(code: FailureCode): AppError {
  const f = FAILURE_REASONS[code];
  return new AppError(409, 'customers.association-failed', f.reason, { reasonCode: code, reason: f.reason, hint: f.hint });
}

async function associate(tx: Tx, ctx: Ctx, customerId: string, inv0: CustomerInvitation, type: AssociationType, notice: NoticeVersion | null, via: 'link' | 'qr') {
  // one customer at a time: two partners' links used at once queue here; the second sees the first's row
  await advisoryLock(tx, 'customers.customer', customerId);
  const [inv] = await tx.select().from(customerInvitations).where(eq(customerInvitations.id, inv0.id)).for('update');
  const state = linkState(inv);
  if (state === 'not_found') throw new AssociationFailure('link_not_found');
  if (state === 'used') throw new AssociationFailure(via === 'qr' ? 'code_used' : 'link_used');
  if (state === 'expired') throw new AssociationFailure('link_expired');

  let invitationReport: CustomerReport | null = null;
  if (inv!.reportId) {
    [invitationReport] = (await tx.select().from(customerReports).where(eq(customerReports.id, inv!.reportId))) as [CustomerReport];
    if (invitationReport && invitationReport.customerAccountId !== customerId)
      throw refused('customers.association.not-reported-account', {
        zh: '请使用伙伴报备时提供的手机号注册的华为云账号关联',
        en: 'Associate with the account registered with the mobile number the partner reported',
      });
  }

  const [current] = await tx.select().from(customerAssociations).where(and(eq(customerAssociations.customerAccountId, customerId), eq(customerAssociations.status, 'associated')));
  if (current?.partnerId === inv!.partnerId) throw refused('customers.association.already', { zh: '您已关联该合作伙伴', en: 'You are already associated with this partner' });
  if (current) throw new AssociationFailure('associated_other');

  const facts = await loadCustomerFacts(tx, customerId);
  if (!facts) throw new AssociationFailure('system_busy');
  if (!facts.cloudActivated)
    throw refused('customers.association.cloud-not-activated', { zh: '成功开通华为云后方可关联成功，请先开通华为云', en: 'Activate Huawei Cloud first; association needs an activated account' });

  const ownReport = await liveReportOf(tx, inv!.partnerId, customerId);
  // 由于您已报备未关联客户的实名认证状态发生变化，报备记录已失效 (8452)
  if (ownReport && ownReport.realNameSnapshot !== facts.realNameSnapshot) throw new AssociationFailure('real_name_changed', ownReport);
  const code = failureFor(facts, type, ownReport !== null, await otherLiveReport(tx, inv!.partnerId, customerId));
  if (code) throw new AssociationFailure(code);

  // the link's manager, if still one of the partner's members (a deleted member assigns nobody)
  let managerId: string | null = null;
  if (inv!.accountManagerId) {
    const [m] = await tx.select({ id: orgMembers.id }).from(orgMembers).where(and(eq(orgMembers.id, inv!.accountManagerId), eq(orgMembers.partnerId, inv!.partnerId), eq(orgMembers.status, 'normal')));
    managerId = m?.id ?? null;
  }
  const now = clock.now();
  const [assoc] = await tx
    .insert(customerAssociations)
    .values({
      partnerId: inv!.partnerId,
      customerAccountId: customerId,
      associationType: type,
      accountManagerId: managerId,
      reportId: ownReport?.id ?? null,
      invitationId: inv!.id,
      customTag: inv!.tag,
      noticeVersion: notice?.version ?? null,
      associatedAt: now,
    })
    .returning();
  if (ownReport) await tx.update(customerReports).set({ status: 'associated', associatedAt: now, updatedAt: now }).where(eq(customerReports.id, ownReport.id));
  if (inv!.kind === 'email') await tx.update(customerInvitations).set({ status: 'used', usedAt: now }).where(eq(customerInvitations.id, inv!.id));
  await upsertRecord(tx, inv!, customerId, { status: 'associated', associatedAt: now, failureCode: null, failureReason: null, failureHint: null });
  if (notice) await recordSignature(tx, { customerAccountId: customerId, notice, associationType: type, partnerId: inv!.partnerId, context: 'associate' });
  await tx.insert(associationEvents).values({
    partnerId: inv!.partnerId,
    customerAccountId: customerId,
    associationId: assoc!.id,
    type: 'associate',
    initiator: 'system',
    status: 'completed',
    fromType: type,
    toType: type,
    accountManagerId: managerId,
    appliedByName: facts.accountName,
    appliedAt: now,
    decidedAt: now,
  });
  await audit(tx, ctx, {
    action: 'customers.association.created',
    objectType: 'customer_association',
    objectId: assoc!.id,
    partnerId: inv!.partnerId,
    customerAccountId: customerId,
    after: { associationType: type, invitationId: inv!.id, kind: inv!.kind, accountManagerId: managerId, noticeVersion: notice?.version ?? null },
  });
  const [p] = await tx.select({ name: partners.displayName }).from(partners).where(eq(partners.id, inv!.partnerId));
  await recordCustomerEvent(tx, ctx, {
    customerAccountId: customerId,
    partnerId: inv!.partnerId,
    eventName: 'customerEnter',
    resourceType: 'csbchannelsales',
    resourceId: assoc!.id,
    resourceName: p?.name ?? null,
    detail: { associationType: type },
  });
  await notifyAssociated(tx, assoc!, facts.accountName);
  await runOnAssociate(tx, assoc!, ctx);
  return {
    associationId: assoc!.id,
    partnerId: inv!.partnerId,
    partnerName: p?.name ?? '',
    associationType: type,
    associationTypeName: ctx.lang === 'en-US' ? ASSOCIATION_TYPE_NAMES[type].en : ASSOCIATION_TYPE_NAMES[type].zh,
    message: { zh: '关联成功', en: 'Associated' },
  };
}

async function notifyAssociated(tx: Executor, a: CustomerAssociation, accountName: string) {
  const text = { zh: `客户 ${accountName} 已通过邀请关联，关联类型：${ASSOCIATION_TYPE_NAMES[a.associationType as AssociationType].zh}。`, en: `Customer ${accountName} has associated with you.` };
  await send(tx, { channel: 'site', to: { kind: 'partner', id: a.partnerId }, template: 'customers.associated', subject: '客户关联成功', body: text.zh, data: { associationId: a.id, text } });
  if (a.accountManagerId)
    await send(tx, { channel: 'site', to: { kind: 'member', id: a.accountManagerId }, template: 'customers.associated', subject: '客户关联成功', body: text.zh, data: { associationId: a.id, text } });
}

/** The e-mail invitation's record is updated; an offline link gets one record per attempt. */
async function upsertRecord(tx: Executor, inv: CustomerInvitation, customerId: string, values: Partial<typeof expansionRecords.$inferInsert>) {
  const now = clock.now();
  if (inv.kind === 'email') {
    const [rec] = await tx.select({ id: expansionRecords.id }).from(expansionRecords).where(eq(expansionRecords.invitationId, inv.id)).limit(1);
    if (rec) {
      await tx.update(expansionRecords).set({ ...values, customerAccountId: customerId, updatedAt: now }).where(eq(expansionRecords.id, rec.id));
      return;
    }
  }
  await tx.insert(expansionRecords).values({
    partnerId: inv.partnerId,
    invitationId: inv.id,
    reportId: inv.reportId,
    customerAccountId: customerId,
    channel: inv.kind,
    associationType: inv.associationType,
    tag: inv.tag,
    remark: inv.remark,
    email: inv.email,
    accountManagerId: inv.accountManagerId,
    status: 'invited',
    invitedAt: now,
    updatedAt: now,
    ...values,
  });
}

async function recordFailure(tx: Tx, ctx: Ctx, customerId: string, inv: CustomerInvitation, f: AssociationFailure) {
  const reason = FAILURE_REASONS[f.code];
  const now = clock.now();
  await upsertRecord(tx, inv, customerId, { status: 'failed', failureCode: f.code, failureReason: reason.reason.zh, failureHint: reason.hint.zh || null, failedAt: now });
  if (f.code === 'real_name_changed' && f.report)
    await tx.update(customerReports).set({ status: 'expired', invalidReason: 'real_name_changed', updatedAt: now }).where(eq(customerReports.id, f.report.id));
  const [p] = await tx.select({ name: partners.displayName }).from(partners).where(eq(partners.id, inv.partnerId));
  await recordCustomerEvent(tx, ctx, {
    customerAccountId: customerId,
    partnerId: inv.partnerId,
    eventName: 'addBpInviteTraceLog',
    resourceType: 'csbchannelsales',
    resourceId: inv.id,
    resourceName: p?.name ?? null,
    level: 'warning',
    detail: { result: 'failed', reasonCode: f.code, remark: reason.reason.zh },
  });
}
