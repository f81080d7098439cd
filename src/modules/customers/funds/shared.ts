import { and, eq } from 'drizzle-orm';
import type { Ctx, PartnerActor } from '../../../platform/context.js';
import { audit } from '../../../platform/audit/index.js';
import type { Executor } from '../../../platform/db/index.js';
import type { DataScope } from '../../../platform/access/index.js';
import { notFound } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/ids.js';
import { customerAssociations, type CustomerAssociation } from '../schema.js';
import { masked, type CustomerInfo, type PartnerKind } from '../common.js';
import { partners } from '../../partners/schema.js';

/**
 * What the services of this folder share on top of the customers module's common.ts: the
 * customer's active association with the acting partner and the account-manager data scope.
 */

export { actorName, customerInfos, iso, pageArgs, partnerKind, partnerNames, type PartnerKind } from '../common.js';
export { pick, CUSTOMER } from '../names.js';

export type Association = CustomerAssociation;

/**
 * The customer's current association with this partner. `lock`: 'share' for money movements
 * (an unbind, which holds the row FOR UPDATE, waits for them and they for it), 'update' for
 * changes of the row itself. Lock order everywhere: association row first, then ledger accounts
 * (inside ledger.post).
 */
export async function findAssociation(
  ex: Executor,
  partnerId: string,
  customerAccountId: string,
  lock?: 'share' | 'update',
): Promise<Association | null> {
  if (!isUuid(customerAccountId)) return null;
  const q = ex
    .select()
    .from(customerAssociations)
    .where(and(eq(customerAssociations.partnerId, partnerId), eq(customerAssociations.customerAccountId, customerAccountId), eq(customerAssociations.status, 'associated')));
  const [row] = lock === 'share' ? await q.for('share') : lock === 'update' ? await q.for('update') : await q;
  return row ?? null;
}

/**
 * What an adjustment needs to know of the acting partner, in one read: its kind (云经销商 rules) and its
 * 验证码验证 switch. The adjustments' hot path (issue 4 bench) reads the partner row once, not twice.
 */
export async function partnerFacts(ex: Executor, partnerId: string): Promise<{ kind: PartnerKind; verificationRequired: boolean }> {
  const [p] = await ex.select({ programs: partners.programs, v: partners.verificationCodeRequired }).from(partners).where(eq(partners.id, partnerId));
  const programs = p?.programs ?? [];
  const kind: PartnerKind = programs.includes('reseller') ? 'reseller' : programs.includes('distributor') ? 'distributor' : 'solution_provider';
  return { kind, verificationRequired: p?.v ?? false };
}

/** The customer's current association with any partner (the customer portal, the ops console). */
export async function activeAssociationOfCustomer(ex: Executor, customerAccountId: string): Promise<Association | null> {
  if (!isUuid(customerAccountId)) return null;
  const [row] = await ex
    .select()
    .from(customerAssociations)
    .where(and(eq(customerAssociations.customerAccountId, customerAccountId), eq(customerAssociations.status, 'associated')));
  return row ?? null;
}

export function inScope(scope: DataScope, assoc: Pick<Association, 'accountManagerId'>): boolean {
  return scope.all || (assoc.accountManagerId !== null && scope.managerIds.includes(assoc.accountManagerId));
}

/**
 * The associated customer, or 404 when it is not this partner's, not associated, or outside the
 * actor's data scope (客户经理 sees only their customers: another's answers as a missing one).
 */
export async function requireCustomer(
  ex: Executor,
  actor: PartnerActor,
  scope: DataScope,
  customerAccountId: string,
  lock?: 'share' | 'update',
): Promise<Association> {
  const assoc = await findAssociation(ex, actor.partnerId, customerAccountId, lock);
  if (!assoc || !inScope(scope, assoc)) throw notFound({ zh: '客户', en: 'Customer' });
  return assoc;
}

/** Lists mask the customer's name and phone by default; the eye toggle (reveal) shows them (guide L7774, L9044). */
export function shown(info: CustomerInfo | undefined, reveal: boolean) {
  if (!info) return { customerName: '', accountName: '', mobile: '' };
  return reveal
    ? { customerName: info.name, accountName: info.accountName, mobile: info.mobile }
    : { customerName: masked.name(info.name) ?? '', accountName: info.accountName, mobile: masked.phone(info.mobile) ?? '' };
}

/** The eye toggle shows personal data: like the customers module's /unmasked reads, it is audited. */
export async function auditReveal(ctx: Ctx, reveal: boolean | undefined, what: string, objectId: string | null = null): Promise<void> {
  if (!reveal) return;
  await audit(ctx.db, ctx, { action: 'customers.funds.revealed', objectType: what, objectId });
}
