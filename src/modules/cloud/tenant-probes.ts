import { addDays, clock } from '../../platform/clock.js';
import type { Probe } from '../../../test/tenant-probes.js';
import { accountSession } from '../../../test/fixtures.js';
import { cloudOrders, cloudProducts, cloudResources } from './schema.js';
import { newOrderNo } from './order-core.js';
import { seedCatalogue } from './catalogue.js';
import type { ProbeWorld } from '../../../test/tenant-probes.js';
import { partnerOrderTenantProbes } from './partner-tenant-probes.js';

/** A 待支付 order of the probe world's customer (no balance). */
async function unpaidOrder(w: ProbeWorld) {
  const now = clock.now();
  const [o] = await w.t.database.db
    .insert(cloudOrders)
    .values({
      orderNo: newOrderNo(now),
      customerAccountId: w.customer.id,
      orderType: '订购',
      status: '待支付',
      source: 'customer',
      serviceTypeCode: 'hws.service.type.ec2',
      officialAmount: '117.00',
      discountAmount: '0.00',
      amount: '117.00',
      payDeadline: addDays(now, 7),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return o!;
}

/** A 使用中 resource of the probe world's customer (包年/包月, or 按需). */
async function resourceOf(w: ProbeWorld, chargeMode: 'period' | 'on_demand') {
  await seedCatalogue(w.t.database.db);
  const [p] = await w.t.database.db.select().from(cloudProducts).limit(1);
  const now = clock.now();
  const [r] = await w.t.database.db
    .insert(cloudResources)
    .values({
      customerAccountId: w.customer.id,
      productId: p!.id,
      serviceTypeCode: p!.serviceTypeCode,
      resourceTypeCode: p!.resourceTypeCode,
      regionCode: p!.regions[0]!,
      name: `probe-${chargeMode}`,
      chargeMode,
      status: '使用中',
      effectiveAt: now,
      expiresAt: chargeMode === 'period' ? addDays(now, 30) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return r!;
}

/** Tenant probes for the cloud routes with path parameters; merged into TENANT_PROBES as `...cloudTenantProbes`. */
export const cloudTenantProbes: Record<string, Probe> = {
  // the owner (a customer with no balance) is refused 余额不足 (409), another account gets 404
  'POST /api/customer/cloud/orders/:id/pay': async (w) => {
    const now = clock.now();
    const [o] = await w.t.database.db
      .insert(cloudOrders)
      .values({
        orderNo: newOrderNo(now),
        customerAccountId: w.customer.id,
        orderType: '订购',
        status: '待支付',
        source: 'customer',
        serviceTypeCode: 'hws.service.type.ec2',
        officialAmount: '117.00',
        discountAmount: '0.00',
        amount: '117.00',
        payDeadline: addDays(now, 7),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { url: `/api/customer/cloud/orders/${o!.id}/pay`, payload: { requestId: 'probe-request-0001' }, ownerSession: await accountSession(w.t.database, w.customer), intruderSession: w.otherAccountSession };
  },
  // the customer portal's order detail, cancel, auto-renewal and release (another account gets 404)
  'GET /api/customer/cloud/orders/:id': async (w) => ({ url: `/api/customer/cloud/orders/${(await unpaidOrder(w)).id}`, ownerSession: await accountSession(w.t.database, w.customer), intruderSession: w.otherAccountSession }),
  'POST /api/customer/cloud/orders/:id/cancel': async (w) => ({ url: `/api/customer/cloud/orders/${(await unpaidOrder(w)).id}/cancel`, payload: {}, ownerSession: await accountSession(w.t.database, w.customer), intruderSession: w.otherAccountSession }),
  'PUT /api/customer/cloud/resources/:id/auto-renew': async (w) => ({
    url: `/api/customer/cloud/resources/${(await resourceOf(w, 'period')).id}/auto-renew`,
    payload: { enabled: true },
    ownerSession: await accountSession(w.t.database, w.customer),
    intruderSession: w.otherAccountSession,
  }),
  'POST /api/customer/cloud/resources/:id/release': async (w) => ({ url: `/api/customer/cloud/resources/${(await resourceOf(w, 'on_demand')).id}/release`, ownerSession: await accountSession(w.t.database, w.customer), intruderSession: w.otherAccountSession }),
  ...partnerOrderTenantProbes, // 客户订单 and 请他付款 (partner-routes.ts)
};
