import { addDays, clock } from '../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../test/tenant-probes.js';
import { accountSession } from '../../../test/fixtures.js';
import { cloudOrders } from './schema.js';
import { newOrderNo } from './order-core.js';
import { seedCatalogue } from './catalogue.js';

/**
 * Tenant probes of the 客户订单 routes (partner-routes.ts), spread into `cloudTenantProbes`: a 待支付 order of
 * partner A's customer that asked A to pay; partner B gets 404, A does not (it has no balance: 409 for 支付).
 */
async function requestedOrder(w: ProbeWorld, partnerId: string | null) {
  await seedCatalogue(w.t.database.db);
  const now = clock.now();
  const [o] = await w.t.database.db
    .insert(cloudOrders)
    .values({
      orderNo: newOrderNo(now),
      customerAccountId: w.customer.id,
      partnerId,
      associationType: partnerId ? 'resale' : null,
      orderType: '订购',
      status: '待支付',
      source: 'customer',
      serviceTypeCode: 'hws.service.type.ec2',
      officialAmount: '117.00',
      discountAmount: '0.00',
      amount: '117.00',
      partnerPayRequested: !!partnerId,
      partnerPayRequestedAt: partnerId ? now : null,
      payDeadline: addDays(now, 7),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return o!;
}

const partnerProbe =
  (path: (id: string) => string, payload?: unknown): Probe =>
  async (w) => {
    const o = await requestedOrder(w, w.a.partner.id);
    return { url: path(o.id), payload, ownerSession: w.aSession, intruderSession: w.bSession };
  };

export const partnerOrderTenantProbes: Record<string, Probe> = {
  // the owner (no associated partner) is refused 409, another account gets 404
  'POST /api/customer/cloud/orders/:id/partner-pay-request': async (w) => {
    const o = await requestedOrder(w, null);
    return { url: `/api/customer/cloud/orders/${o.id}/partner-pay-request`, payload: {}, ownerSession: await accountSession(w.t.database, w.customer), intruderSession: w.otherAccountSession };
  },
  'GET /api/cloud/partner/pending-orders/:id': partnerProbe((id) => `/api/cloud/partner/pending-orders/${id}`),
  'POST /api/cloud/partner/pending-orders/:id/pay': partnerProbe((id) => `/api/cloud/partner/pending-orders/${id}/pay`, { method: '余额支付', requestId: 'probe-request-0002' }),
  'GET /api/cloud/partner/orders/:id': partnerProbe((id) => `/api/cloud/partner/orders/${id}`),
  'GET /api/cloud/partner/orders/:id/price-adjustments': partnerProbe((id) => `/api/cloud/partner/orders/${id}/price-adjustments`),
};
