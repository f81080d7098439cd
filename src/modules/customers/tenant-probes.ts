import { accountSession, makeAccount } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../test/tenant-probes.js';
import { associationEvents, customerAssociations, customerInvitations, customerReports, expansionRecords } from './schema.js';

/** Tenant probes for this module's routes with path parameters; merged into TENANT_PROBES as `...customerTenantProbes`. */

/** A fresh customer associated with partner A (so a destructive probe never reuses one). */
async function customerOfA(w: ProbeWorld, type: 'consulting' | 'resale' = 'consulting') {
  const c = await makeAccount(w.t.database);
  const [a] = await w.t.database.db
    .insert(customerAssociations)
    .values({ partnerId: w.a.partner.id, customerAccountId: c.id, associationType: type, associatedAt: clock.now() })
    .returning();
  return { c, a: a! };
}

async function reportOfA(w: ProbeWorld) {
  const c = await makeAccount(w.t.database);
  const now = clock.now();
  const [r] = await w.t.database.db
    .insert(customerReports)
    .values({
      partnerId: w.a.partner.id,
      customerAccountId: c.id,
      fullName: '探针客户有限公司',
      mobile: c.mobile,
      status: 'reported',
      realNameSnapshot: 'verified:personal',
      reportedByKind: 'partner-account',
      reportedAt: now,
      expiresAt: new Date(now.getTime() + 15 * 86_400_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return r!;
}

async function eventOfA(w: ProbeWorld, initiator: 'partner' | 'customer') {
  const { c, a } = await customerOfA(w);
  const [e] = await w.t.database.db
    .insert(associationEvents)
    .values({ partnerId: w.a.partner.id, customerAccountId: c.id, associationId: a.id, type: 'unbind', initiator, status: 'pending', fromType: a.associationType, appliedAt: clock.now() })
    .returning();
  return { c, a, e: e! };
}

const partnerProbe = (url: (w: ProbeWorld) => Promise<string>, payload?: unknown): Probe => async (w) => ({ url: await url(w), payload, ownerSession: w.aSession, intruderSession: w.bSession });

export const customerTenantProbes: Record<string, Probe> = {
  'GET /api/customers/reports/:id/unmasked': partnerProbe(async (w) => `/api/customers/reports/${(await reportOfA(w)).id}/unmasked`),
  'PATCH /api/customers/reports/:id': partnerProbe(async (w) => `/api/customers/reports/${(await reportOfA(w)).id}`, { email: 'probe_1@example.com' }),
  'GET /api/customers/invitation-links/:id/qr': partnerProbe(async (w) => {
    const [inv] = await w.t.database.db
      .insert(customerInvitations)
      .values({ partnerId: w.a.partner.id, kind: 'custom', token: `probe-${Math.random().toString(36).slice(2)}`, associationType: 'consulting', customType: 'tag', tag: 'probe', creatorKey: `partner-account:${w.a.account.id}`, createdAt: clock.now() })
      .returning();
    return `/api/customers/invitation-links/${inv!.id}/qr`;
  }),
  'GET /api/customers/expansion-records/:id/unmasked': partnerProbe(async (w) => {
    const now = clock.now();
    const [rec] = await w.t.database.db
      .insert(expansionRecords)
      .values({ partnerId: w.a.partner.id, invitationId: w.a.partner.id, channel: 'custom', associationType: 'consulting', status: 'failed', invitedAt: now, updatedAt: now })
      .returning();
    return `/api/customers/expansion-records/${rec!.id}/unmasked`;
  }),
  'GET /api/customers/:customerId': partnerProbe(async (w) => `/api/customers/${(await customerOfA(w)).c.id}`),
  'GET /api/customers/:customerId/unmasked': partnerProbe(async (w) => `/api/customers/${(await customerOfA(w)).c.id}/unmasked`),
  'GET /api/customers/:customerId/encyclopedia': partnerProbe(async (w) => `/api/customers/${(await customerOfA(w)).c.id}/encyclopedia`),
  'GET /api/customers/:customerId/relationship-check': partnerProbe(async (w) => `/api/customers/${(await customerOfA(w)).c.id}/relationship-check?action=unbind`),
  'POST /api/customers/:customerId/unbind': partnerProbe(async (w) => `/api/customers/${(await customerOfA(w)).c.id}/unbind`, { reason: '探针', acknowledged: true }),
  'POST /api/customers/:customerId/switch': partnerProbe(async (w) => `/api/customers/${(await customerOfA(w)).c.id}/switch`, { reason: '探针', acknowledged: true }),
  'GET /api/customers/association-events/:id': partnerProbe(async (w) => `/api/customers/association-events/${(await eventOfA(w, 'partner')).e.id}`),
  'POST /api/customers/association-events/:id/approve': partnerProbe(async (w) => `/api/customers/association-events/${(await eventOfA(w, 'customer')).e.id}/approve`, {}),
  'POST /api/customers/association-events/:id/reject': partnerProbe(async (w) => `/api/customers/association-events/${(await eventOfA(w, 'customer')).e.id}/reject`, {}),
  'POST /api/customers/association-events/:id/cancel': partnerProbe(async (w) => `/api/customers/association-events/${(await eventOfA(w, 'partner')).e.id}/cancel`, {}),
  // the customer's side: the request belongs to one customer; another account reads it as missing
  'POST /api/customer/association-requests/:id/accept': async (w) => {
    const { c, e } = await eventOfA(w, 'partner');
    return { url: `/api/customer/association-requests/${e.id}/accept`, payload: { code: '000000', acknowledged: true }, ownerSession: await accountSession(w.t.database, c), intruderSession: w.otherAccountSession };
  },
  'POST /api/customer/association-requests/:id/refuse': async (w) => {
    const { c, e } = await eventOfA(w, 'partner');
    return { url: `/api/customer/association-requests/${e.id}/refuse`, payload: { code: '000000' }, ownerSession: await accountSession(w.t.database, c), intruderSession: w.otherAccountSession };
  },
};
