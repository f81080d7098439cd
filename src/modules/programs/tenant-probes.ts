import { randomUUID } from 'node:crypto';
import { clock } from '../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../test/tenant-probes.js';
import {
  distributorAssessments,
  levelUpgrades,
  programApplications,
  programMemberships,
  resellerInvitations,
  resellerLinks,
  signedAgreements,
  type ApplicationProgram,
  type ApplicationStatus,
  type ProgramKey,
} from './schema.js';

/**
 * Tenant probes for this module's routes with path parameters (test/access-matrix.test.ts); merge into
 * TENANT_PROBES with `...programTenantProbes`. Each probe writes its own rows of partner A (unique keys
 * differ per probe: plan, agreement, year), and partner B must get 404.
 */

const req = (w: ProbeWorld, url: string, payload?: unknown) => ({ url, payload, ownerSession: w.aSession, intruderSession: w.bSession });

async function application(w: ProbeWorld, program: ApplicationProgram, status: ApplicationStatus): Promise<string> {
  const now = clock.now();
  const [row] = await w.t.database.db
    .insert(programApplications)
    .values({
      partnerId: w.a.partner.id,
      companyId: w.a.company.id,
      program,
      status,
      contacts: [{ name: '探针', mobile: '13800000000', email: 'probe@example.com' }],
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!.id;
}

async function membership(w: ProbeWorld, program: ProgramKey): Promise<string> {
  const now = clock.now();
  const [row] = await w.t.database.db
    .insert(programMemberships)
    .values({ partnerId: w.a.partner.id, companyId: w.a.company.id, program, level: program === 'solution_provider' ? 'standard' : null, status: 'active', joinedAt: now, updatedAt: now })
    .returning();
  return row!.id;
}

async function agreement(w: ProbeWorld, key: string): Promise<string> {
  const [row] = await w.t.database.db
    .insert(signedAgreements)
    .values({ partnerId: w.a.partner.id, program: 'solution_provider', agreementKey: key, version: '2025.1', signedAt: clock.now() })
    .returning();
  return row!.id;
}

async function assessment(w: ProbeWorld, year: number): Promise<string> {
  const now = clock.now();
  const [row] = await w.t.database.db
    .insert(distributorAssessments)
    .values({ partnerId: w.a.partner.id, year, passed: false, results: [], status: 'published', publishedAt: now, updatedAt: now })
    .returning();
  return row!.id;
}

async function invitationToA(w: ProbeWorld): Promise<string> {
  const now = clock.now();
  const [row] = await w.t.database.db
    .insert(resellerInvitations)
    .values({ distributorPartnerId: w.b.partner.id, resellerPartnerId: w.a.partner.id, email: 'probe@example.com', status: 'pending', sentAt: now, createdAt: now })
    .returning();
  return row!.id;
}

const contacts = [{ name: '探针', mobile: '13800000000', email: 'probe@example.com' }];

export const programTenantProbes: Record<string, Probe> = {
  'GET /api/programs/applications/:id': async (w) => req(w, `/api/programs/applications/${await application(w, 'marketplace_csp', 'approved')}`),
  'PUT /api/programs/applications/:id': async (w) => req(w, `/api/programs/applications/${await application(w, 'distributor', 'draft')}`, { submit: false }),
  'POST /api/programs/applications/:id/submit': async (w) => req(w, `/api/programs/applications/${await application(w, 'reseller', 'draft')}/submit`),
  'POST /api/programs/applications/:id/cancel': async (w) => req(w, `/api/programs/applications/${await application(w, 'marketplace_merchant', 'draft')}/cancel`),
  'PUT /api/programs/applications/:id/contacts': async (w) => req(w, `/api/programs/applications/${await application(w, 'marketplace_csp', 'approved')}/contacts`, { contacts }),
  'GET /api/programs/memberships/:id': async (w) => req(w, `/api/programs/memberships/${await membership(w, 'pce')}`),
  'GET /api/programs/memberships/:id/certificate': async (w) => req(w, `/api/programs/memberships/${await membership(w, 'reseller')}/certificate`),
  'GET /api/programs/level-upgrades/:id': async (w) => {
    const membershipId = await membership(w, 'marketplace_merchant');
    const now = clock.now();
    const [row] = await w.t.database.db
      .insert(levelUpgrades)
      .values({ partnerId: w.a.partner.id, membershipId, fromLevel: 'standard', targetLevel: 'preferred', status: 'rejected', snapshot: [], submittedAt: now, createdAt: now, updatedAt: now })
      .returning();
    return req(w, `/api/programs/level-upgrades/${row!.id}`);
  },
  'GET /api/programs/agreements/:id': async (w) => req(w, `/api/programs/agreements/${await agreement(w, 'sp-cooperation')}`),
  'GET /api/programs/agreements/:id/download': async (w) => req(w, `/api/programs/agreements/${await agreement(w, 'code-of-conduct')}/download`),
  'GET /api/programs/distributor/assessments/:id': async (w) => req(w, `/api/programs/distributor/assessments/${await assessment(w, 2020)}`),
  'POST /api/programs/distributor/assessments/:id/acknowledge': async (w) => req(w, `/api/programs/distributor/assessments/${await assessment(w, 2021)}/acknowledge`),
  'POST /api/programs/distributor/assessments/:id/handling': async (w) =>
    req(w, `/api/programs/distributor/assessments/${await assessment(w, 2022)}/handling`, { handling: 'exit', materialFileIds: [randomUUID()] }),
  'GET /api/programs/reseller/invitations/:id': async (w) => req(w, `/api/programs/reseller/invitations/${await invitationToA(w)}`),
  'POST /api/programs/reseller/invitations/:id/accept': async (w) =>
    req(w, `/api/programs/reseller/invitations/${await invitationToA(w)}/accept`, { businessRegion: '江苏省', acceptNotice: true }),
  'POST /api/programs/distributor/reseller-applications/:id/reject': async (w) => {
    const now = clock.now();
    const [row] = await w.t.database.db
      .insert(resellerLinks)
      .values({ resellerPartnerId: w.b.partner.id, distributorPartnerId: w.a.partner.id, businessRegion: '江苏省', source: 'application', status: 'pending', createdAt: now, updatedAt: now })
      .returning();
    return req(w, `/api/programs/distributor/reseller-applications/${row!.id}/reject`, { reason: '探针' });
  },
};
