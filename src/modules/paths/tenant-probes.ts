import { clock } from '../../platform/clock.js';
import type { Probe } from '../../../test/tenant-probes.js';
import { pathCertifications } from './schema.js';

/** Tenant probes for this module's routes with path parameters; merge into TENANT_PROBES: `...pathTenantProbes`. */
export const pathTenantProbes: Record<string, Probe> = {
  'GET /api/paths/certifications/:id': async (w) => {
    const now = clock.now();
    const [row] = await w.t.database.db
      .insert(pathCertifications)
      .values({
        partnerId: w.a.partner.id,
        path: 'service',
        targetStage: 'role_certified',
        status: 'failed',
        failureReason: '材料不完整',
        materials: { materials: [], cases: [], businessPlan: null },
        submittedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { url: `/api/paths/certifications/${row!.id}`, ownerSession: w.aSession, intruderSession: w.bSession };
  },
};
