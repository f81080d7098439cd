import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.js';
import { registerAssociationHooks, registerCustomerRowEnricher } from '../extensions.js';
import { customerAdjustments, customerManagerAssignments } from './schema.js';
import { returnBalanceOnUnbind } from './adjustments.js';
import { endAuthorizations } from './authorizations.js';
import { assignManager, endAssignment } from './managers.js';
import { pendingAlertCounts } from './alerts.js';
import { availableBalances } from './ledger-accounts.js';

/**
 * This folder's part in the association's life, plugged into the customers module's registries
 * (customers/extensions.ts) when server/modules.ts imports routes.ts, which imports this file.
 * Every hook runs inside the association change's transaction, after the row is locked.
 */
registerAssociationHooks('customers-funds', {
  /** A customer who came through a manager's own link belongs to that manager (L9437): open the period. */
  async onAssociate(tx, association, ctx) {
    if (!association.accountManagerId) return;
    const [open] = await tx
      .select({ id: customerManagerAssignments.id })
      .from(customerManagerAssignments)
      .where(and(eq(customerManagerAssignments.associationId, association.id), eq(customerManagerAssignments.current, true)));
    if (open) return;
    const a = ctx.actor;
    await assignManager(tx, association, association.accountManagerId, a.kind === 'account' ? { kind: 'account', id: a.accountId } : { kind: 'system', id: null }, 'invitation');
  },

  /** 解除关联: the balance goes back to the partner (解除关联回收), authorizations and the manager period end. */
  async onUnbind(tx, association, ctx) {
    await returnBalanceOnUnbind(tx, association, { reason: 'unbind', ctx });
    await endAuthorizations(tx, association, { zh: '客户已解除关联', en: 'The customer was unbound' });
    await endAssignment(tx, association);
  },

  /** 代售 → 顾问销售: the partner may no longer hold money for the customer nor act for it. */
  async onSwitch(tx, association, change, ctx) {
    if (change.from !== 'resale' || change.to === 'resale') return;
    await returnBalanceOnUnbind(tx, association, { reason: 'switch', ctx });
    await endAuthorizations(tx, association, { zh: '关联类型已切换为顾问销售', en: 'The association became a consulting sale' });
  },
});

/** The customer list's columns this folder owns: 可用额度, 待处理预警, 最近调账时间. */
registerCustomerRowEnricher('customers-funds', async (ex: Executor, rows) => {
  const out = new Map<string, Record<string, string | number | null>>();
  const byPartner = new Map<string, typeof rows[number][]>();
  for (const r of rows) byPartner.set(r.partnerId, [...(byPartner.get(r.partnerId) ?? []), r]);
  for (const [partnerId, list] of byPartner) {
    const ids = list.map((r) => r.customerAccountId);
    const balances = await availableBalances(ex, partnerId, ids);
    const alerts = await pendingAlertCounts(ex, partnerId, ids);
    const last = ids.length
      ? await ex
          .select({ associationId: customerAdjustments.associationId, at: sql<Date>`max(${customerAdjustments.createdAt})` })
          .from(customerAdjustments)
          .where(inArray(customerAdjustments.associationId, list.map((r) => r.associationId)))
          .groupBy(customerAdjustments.associationId)
          .orderBy(desc(sql`max(${customerAdjustments.createdAt})`))
      : [];
    for (const r of list) {
      const at = last.find((l) => l.associationId === r.associationId)?.at;
      out.set(r.associationId, {
        availableBalance: balances.get(r.customerAccountId) ?? '0.00', // 可用额度
        pendingAlerts: alerts.get(r.customerAccountId) ?? 0, // 待处理预警
        lastAdjustedAt: at ? new Date(at).toISOString() : null, // 最近调账时间 (overview)
      });
    }
  }
  return out;
});
