import { clock, addDays, addMonths } from '../../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../../test/tenant-probes.js';
import { cloudSolutions, type SolutionKind } from './schema.js';

/**
 * Tenant probes for 构建 > 云软件方案 / 先进云软件方案 (test/access-matrix.test.ts).
 * Merge into TENANT_PROBES: `...cloudSolutionTenantProbes`. Each probe writes its own solution of
 * partner A: certified, inside the re-certification window, so every route can succeed for A.
 */
async function certifiedOfA(w: ProbeWorld, kind: SolutionKind) {
  const now = clock.now();
  const from = addDays(addMonths(now, -12), 10); // ends in 10 days: 即将到期, re-certification open
  const [row] = await w.t.database.db
    .insert(cloudSolutions)
    .values({
      partnerId: w.a.partner.id,
      kind,
      source: 'new',
      name: '探针方案',
      version: 'v1.0',
      industry: '科研',
      form: {},
      reviewState: 'approved',
      certifiedAt: from,
      validFrom: from,
      validUntil: addMonths(from, 12),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

const probe =
  (kind: SolutionKind, path: (id: string) => string, payload?: unknown): Probe =>
  async (w) => {
    const row = await certifiedOfA(w, kind);
    return { url: path(row.id), payload, ownerSession: w.aSession, intruderSession: w.bSession };
  };

// The owner's answer need not be 2xx (a certified solution refuses edits with 409), only never 404.
const recertifyBody = { version: 'v2.0', materials: {}, contacts: {} };

export const cloudSolutionTenantProbes: Record<string, Probe> = {};
for (const [kind, base] of [
  ['cloud', '/api/build/cloud-software'],
  ['advanced', '/api/build/advanced-software'],
] as const) {
  cloudSolutionTenantProbes[`GET ${base}/:id`] = probe(kind, (id) => `${base}/${id}`);
  cloudSolutionTenantProbes[`PUT ${base}/:id`] = probe(kind, (id) => `${base}/${id}`, { submit: false, source: 'new', name: '改名' });
  cloudSolutionTenantProbes[`POST ${base}/:id/recertify`] = probe(kind, (id) => `${base}/${id}/recertify`, recertifyBody);
  cloudSolutionTenantProbes[`GET ${base}/:id/certificate`] = probe(kind, (id) => `${base}/${id}/certificate`);
}
