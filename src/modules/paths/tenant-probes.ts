import { randomUUID } from 'node:crypto';
import { clock, DAY_MS } from '../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../test/tenant-probes.js';
import { pathAnnualReviews, pathCertifications, pathEnrollments } from './schema.js';

let probeYear = 1990;
/** A 待申请复核 annual review of partner A (another tenant's id answers 404). */
async function annualReviewOfA(w: ProbeWorld): Promise<string> {
  const now = clock.now();
  const [row] = await w.t.database.db
    .insert(pathAnnualReviews)
    .values({
      partnerId: w.a.partner.id,
      path: 'service',
      stage: 'role_certified',
      year: probeYear++, // one per probe (unique per partner, path and year)
      status: 'started',
      applyDeadline: new Date(now.getTime() + 30 * DAY_MS),
      modificationDeadline: new Date(now.getTime() + 50 * DAY_MS),
      resultsBy: new Date(now.getTime() + 60 * DAY_MS),
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!.id;
}

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
  'GET /api/paths/annual-reviews/:id': async (w) => ({
    url: `/api/paths/annual-reviews/${await annualReviewOfA(w)}`,
    ownerSession: w.aSession,
    intruderSession: w.bSession,
  }),
  'POST /api/paths/annual-reviews/:id/apply': async (w) => ({
    url: `/api/paths/annual-reviews/${await annualReviewOfA(w)}/apply`,
    payload: { materials: [randomUUID()] },
    ownerSession: w.aSession,
    intruderSession: w.bSession,
  }),
  'POST /api/paths/annual-reviews/:id/materials': async (w) => ({
    url: `/api/paths/annual-reviews/${await annualReviewOfA(w)}/materials`,
    payload: { materials: [randomUUID()] },
    ownerSession: w.aSession,
    intruderSession: w.bSession,
  }),
  // A holds a certified service stage; B has not joined the path: its certificate is "not found"
  'GET /api/paths/:path/stages/:stage/certificate': async (w) => {
    const now = clock.now();
    await w.t.database.db
      .insert(pathEnrollments)
      .values({ partnerId: w.a.partner.id, companyId: w.a.company.id, path: 'service', status: 'joined', stage: 'role_certified', selectedAt: now, joinedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [pathEnrollments.partnerId, pathEnrollments.path], set: { status: 'joined', stage: 'role_certified' } });
    return { url: '/api/paths/service/stages/role_certified/certificate', ownerSession: w.aSession, intruderSession: w.bSession };
  },
};
