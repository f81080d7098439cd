import { randomUUID } from 'node:crypto';
import type { Probe, ProbeWorld } from '../../../../test/tenant-probes.js';
import { accountSession, makeAccount, makeMember } from '../../../../test/fixtures.js';
import { PRESET_ROLES } from '../../../platform/access/index.js';
import { clock } from '../../../platform/clock.js';
import { customerAssociations } from '../schema.js';
import { budgetReminderRecipients, customerAdjustments, customerAlerts, customerAuthorizations } from './schema.js';

/**
 * Tenant probes for this folder's routes with path parameters (test/access-matrix.test.ts): each
 * writes its own rows of partner A (or of a customer of A); partner B, or another customer, must
 * get 404. Merge into TENANT_PROBES: `...customerFundsTenantProbes`.
 */

async function customerOfA(w: ProbeWorld, over: { accountManagerId?: string | null } = {}) {
  const c = await makeAccount(w.t.database);
  const [a] = await w.t.database.db
    .insert(customerAssociations)
    .values({ partnerId: w.a.partner.id, customerAccountId: c.id, associationType: 'resale', associatedAt: clock.now(), accountManagerId: over.accountManagerId ?? null })
    .returning();
  return { customer: c, association: a! };
}

const req = (w: ProbeWorld, url: string, payload?: unknown) => ({ url, payload, ownerSession: w.aSession, intruderSession: w.bSession });

async function alertOfA(w: ProbeWorld) {
  const { customer, association } = await customerOfA(w);
  const [row] = await w.t.database.db
    .insert(customerAlerts)
    .values({ partnerId: w.a.partner.id, customerAccountId: customer.id, associationId: association.id, scenarioName: '探针', category: 'resource', title: '探针预警', sentAt: clock.now() })
    .returning();
  return row!.id;
}

async function authorizationFor(w: ProbeWorld) {
  const { customer, association } = await customerOfA(w);
  const [row] = await w.t.database.db
    .insert(customerAuthorizations)
    .values({ partnerId: w.a.partner.id, customerAccountId: customer.id, associationId: association.id, status: 'pending', scopes: ['order', 'operate'], requestedAt: clock.now(), requestedByKind: 'partner-account', requestedById: w.a.account.id })
    .returning();
  return { id: row!.id, ownerSession: await accountSession(w.t.database, customer) };
}

const manager = (w: ProbeWorld) => makeMember(w.t.database, w.a.partner.id, [PRESET_ROLES.accountManager]);

export const customerFundsTenantProbes: Record<string, Probe> = {
  'GET /api/customers/funds/customers/:customerId': async (w) => req(w, `/api/customers/funds/customers/${(await customerOfA(w)).customer.id}`),
  'GET /api/customers/funds/adjustments/:id': async (w) => {
    const { customer, association } = await customerOfA(w);
    const [row] = await w.t.database.db
      .insert(customerAdjustments)
      .values({
        serialNo: `AD${Date.now()}${randomUUID().slice(0, 8)}`,
        partnerId: w.a.partner.id,
        customerAccountId: customer.id,
        associationId: association.id,
        kind: 'allocation',
        scenario: 'ordinary',
        amount: '1.00',
        postingId: randomUUID(),
        requestId: randomUUID(),
        actorKind: 'partner-account',
        createdAt: clock.now(),
      })
      .returning();
    return req(w, `/api/customers/funds/adjustments/${row!.id}`);
  },
  'DELETE /api/customers/budget-recipients/:id': async (w) => {
    const [row] = await w.t.database.db.insert(budgetReminderRecipients).values({ partnerId: w.a.partner.id, name: '探针', email: 'probe@example.com', createdAt: clock.now() }).returning();
    return req(w, `/api/customers/budget-recipients/${row!.id}`);
  },
  'GET /api/customers/alerts/:id': async (w) => req(w, `/api/customers/alerts/${await alertOfA(w)}`),
  'POST /api/customers/alerts/:id/handle': async (w) => req(w, `/api/customers/alerts/${await alertOfA(w)}/handle`, { reason: 'solved' }),
  'GET /api/customers/assignment/managers/:memberId/customers': async (w) => req(w, `/api/customers/assignment/managers/${(await manager(w)).id}/customers`),
  'POST /api/customers/assignment/managers/:memberId/customers': async (w) => {
    const m = await manager(w);
    const { customer } = await customerOfA(w);
    return req(w, `/api/customers/assignment/managers/${m.id}/customers`, { customerIds: [customer.id] });
  },
  'POST /api/customers/assignment/managers/:memberId/take-back': async (w) => {
    const m = await manager(w);
    const { customer } = await customerOfA(w, { accountManagerId: m.id });
    return req(w, `/api/customers/assignment/managers/${m.id}/take-back`, { customerIds: [customer.id] });
  },
  'GET /api/customers/assignment/history/:customerId': async (w) => req(w, `/api/customers/assignment/history/${(await customerOfA(w)).customer.id}`),
  'GET /api/customers/resources/:customerId': async (w) => req(w, `/api/customers/resources/${(await customerOfA(w)).customer.id}`),
  // the customer's side: another customer gets 404 (the owner gets 400 for the missing code)
  'POST /api/customer/authorizations/:id/grant': async (w) => {
    const a = await authorizationFor(w);
    return { url: `/api/customer/authorizations/${a.id}/grant`, payload: { acceptLetter: true, code: '000000' }, ownerSession: a.ownerSession, intruderSession: w.otherAccountSession };
  },
  'POST /api/customer/authorizations/:id/refuse': async (w) => {
    const a = await authorizationFor(w);
    return { url: `/api/customer/authorizations/${a.id}/refuse`, payload: {}, ownerSession: a.ownerSession, intruderSession: w.otherAccountSession };
  },
  'POST /api/customer/authorizations/:id/revoke': async (w) => {
    const a = await authorizationFor(w);
    return { url: `/api/customer/authorizations/${a.id}/revoke`, payload: { reason: '探针', code: '000000' }, ownerSession: a.ownerSession, intruderSession: w.otherAccountSession };
  },
};
