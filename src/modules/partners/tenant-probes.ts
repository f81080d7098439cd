import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { clock } from '../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../test/tenant-probes.js';
import { sessionFor } from '../../../test/fixtures.js';
import { hcpnApplications } from './schema.js';
import { HCPN_AGREEMENTS } from './hcpn.js';

/**
 * Tenant probes for the HCPN enrolment routes (test/access-matrix.test.ts). The owner is the world's
 * plain account (`w.customer`), the intruder another account: its application must answer 404.
 * Merge into TENANT_PROBES: `...partnerTenantProbes`. One application per account, so the probes share it.
 */
async function applicationOfCustomer(w: ProbeWorld): Promise<string> {
  const now = clock.now();
  await w.t.database.db
    .insert(hcpnApplications)
    .values({ accountId: w.customer.id, status: 'draft', createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: hcpnApplications.accountId });
  const [row] = await w.t.database.db.select().from(hcpnApplications).where(eq(hcpnApplications.accountId, w.customer.id));
  return row!.id;
}

async function req(w: ProbeWorld, suffix: string, payload?: unknown) {
  const id = await applicationOfCustomer(w);
  const ownerSession = await sessionFor(w.t.database, { kind: 'account', id: w.customer.id, portal: 'partner' });
  return { url: `/api/hcpn/applications/${id}${suffix}`, payload, ownerSession, intruderSession: w.otherAccountSession };
}

// well-formed bodies, so the intruder reaches the ownership check (the owner may get 400/409, never 404)
const businessInfo = {
  companyName: '探针科技有限公司',
  uscc: '91320100MA1PROBE00',
  taxCode: '91320100MA1PROBE00',
  licenceFileId: randomUUID(),
  registeredCapital: '100',
  foundedDate: '2015-01-01',
  licenceAddress: '南京市',
  legalPerson: '张三',
  businessScope: '软件开发',
  province: '江苏省',
  city: '南京市',
  staffSize: '1-49',
  annualRevenue: '10',
  intro: '探针',
};

export const partnerTenantProbes: Record<string, Probe> = {
  'GET /api/hcpn/applications/:id': (w) => req(w, ''),
  'PUT /api/hcpn/applications/:id/business-info': (w) => req(w, '/business-info', businessInfo),
  'PUT /api/hcpn/applications/:id/contacts': (w) => req(w, '/contacts', { contacts: [{ name: '李四', mobile: '+86-13800000000', email: 'probe@example.com' }] }),
  'PUT /api/hcpn/applications/:id/sensitive-relationship': (w) => req(w, '/sensitive-relationship', { choice: 'none' }),
  'PUT /api/hcpn/applications/:id/agreements': (w) => req(w, '/agreements', { accepted: HCPN_AGREEMENTS.map((a) => ({ key: a.key, version: a.version })) }),
  'POST /api/hcpn/applications/:id/submit': (w) => req(w, '/submit', {}),
};
