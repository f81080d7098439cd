import { addDays, clock } from '../../platform/clock.js';
import type { Probe } from '../../../test/tenant-probes.js';
import { accountSession } from '../../../test/fixtures.js';
import { cloudOrders } from './schema.js';
import { newOrderNo } from './order-core.js';

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
};
