import { randomUUID } from 'node:crypto';
import { addDays, clock } from '../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../test/tenant-probes.js';
import { capabilityApplications, type CapabilityStatus } from './schema.js';
import { validityEnd } from './rules.js';

/**
 * Tenant probes for this module's routes with path parameters (test/access-matrix.test.ts).
 * Merge into TENANT_PROBES: `...capabilityTenantProbes`. Each probe writes its own row of partner A.
 */
async function applicationOfA(w: ProbeWorld, status: CapabilityStatus, level1Label = 'database'): Promise<string> {
  const now = clock.now();
  const passed = status === 'passed';
  const [row] = await w.t.database.db
    .insert(capabilityApplications)
    .values({
      partnerId: w.a.partner.id,
      level1Label,
      level2Results: { [`${level1Label}.core`]: passed ? 'passed' : 'pending' },
      productName: level1Label === 'ascend-cloud' ? '探针产品' : null,
      formFileId: randomUUID(),
      evidenceFileId: randomUUID(),
      status,
      reviewComment: status === 'materials_update' ? '请补充材料' : null,
      appliedAt: now,
      returnedAt: status === 'materials_update' ? now : null,
      updateDeadline: status === 'materials_update' ? addDays(now, 30) : null,
      passedAt: passed ? now : null,
      validFrom: passed ? now : null,
      validTo: passed ? validityEnd(now) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!.id;
}

const req = (w: ProbeWorld, url: string, payload?: unknown) => ({ url, payload, ownerSession: w.aSession, intruderSession: w.bSession });

export const capabilityTenantProbes: Record<string, Probe> = {
  'GET /api/capabilities/applications/:id': async (w) => req(w, `/api/capabilities/applications/${await applicationOfA(w, 'reviewing', 'sap')}`),
  'GET /api/capabilities/applications/:id/review-comments': async (w) =>
    req(w, `/api/capabilities/applications/${await applicationOfA(w, 'materials_update', 'big-data')}/review-comments`),
  // the owner gets 400 (the probe's file ids do not exist), never 404
  'POST /api/capabilities/applications/:id/materials': async (w) =>
    req(w, `/api/capabilities/applications/${await applicationOfA(w, 'materials_update', 'ai-platform')}/materials`, {
      formFileId: randomUUID(),
      evidenceFileId: randomUUID(),
      materialsDeclaration: true,
    }),
  'GET /api/capabilities/results/:id/badge': async (w) => req(w, `/api/capabilities/results/${await applicationOfA(w, 'passed')}/badge`),
  'GET /api/capabilities/results/:id/certificate': async (w) =>
    req(w, `/api/capabilities/results/${await applicationOfA(w, 'passed', 'ascend-cloud')}/certificate`),
};
