import type { createTestApp } from './app.js';
import { orgTenantProbes } from '../src/modules/org/tenant-probes.js';
import { specialistTenantProbes } from '../src/modules/org/specialists/tenant-probes.js';
import { platformTenantProbes } from './platform-probes.js';
import { capabilityTenantProbes } from '../src/modules/capabilities/tenant-probes.js';
import { cloudSolutionTenantProbes } from '../src/modules/solutions/cloud-software/tenant-probes.js';
import { partnerTenantProbes } from '../src/modules/partners/tenant-probes.js';
import { companyTenantProbes } from '../src/modules/partners/company/tenant-probes.js';
import { pathTenantProbes } from '../src/modules/paths/tenant-probes.js';
import { programTenantProbes } from '../src/modules/programs/tenant-probes.js';
import { customerTenantProbes } from '../src/modules/customers/tenant-probes.js';
import { cloudTenantProbes } from '../src/modules/cloud/tenant-probes.js';
import { customerFundsTenantProbes } from '../src/modules/customers/funds/tenant-probes.js';
import type { makeAccount, makePartner, TestSession } from './fixtures.js';

/**
 * For each /api route with path parameters: build an object owned by partner A (or account A)
 * and return the request; the matrix checks that partner B (or another account) gets 404 and
 * the owner does not. Probes run in order on one database; a destructive probe should create
 * its own object.
 */
export interface ProbeWorld {
  t: Awaited<ReturnType<typeof createTestApp>>;
  a: Awaited<ReturnType<typeof makePartner>>;
  b: Awaited<ReturnType<typeof makePartner>>;
  aSession: TestSession;
  bSession: TestSession;
  customer: Awaited<ReturnType<typeof makeAccount>>;
  otherAccountSession: TestSession;
  staffSession: TestSession;
}

export interface ProbeRequest {
  url: string;
  payload?: unknown;
  ownerSession: TestSession;
  intruderSession: TestSession;
}

export type Probe = (w: ProbeWorld) => Promise<ProbeRequest>;

export const TENANT_PROBES: Record<string, Probe> = {
  ...platformTenantProbes,
  ...orgTenantProbes,
  ...specialistTenantProbes,
  ...capabilityTenantProbes,
  ...cloudSolutionTenantProbes,
  ...partnerTenantProbes,
  ...companyTenantProbes,
  ...pathTenantProbes,
  ...programTenantProbes,
  ...customerTenantProbes,
  ...cloudTenantProbes,
  ...customerFundsTenantProbes,
};
