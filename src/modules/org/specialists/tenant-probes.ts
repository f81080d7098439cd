import { randomBytes } from 'node:crypto';
import { clock, addDays } from '../../../platform/clock.js';
import { accountSession, makeAccount } from '../../../../test/fixtures.js';
import type { Probe, ProbeWorld } from '../../../../test/tenant-probes.js';
import { memberCertificates, memberInvitations, memberProjects, projectSpecialists } from './schema.js';

/**
 * Tenant probes for this folder's routes with path parameters (test/access-matrix.test.ts).
 * Merge into TENANT_PROBES: `...specialistTenantProbes`. Each probe writes its own rows.
 */

/** A member of partner A in 已绑定 (or the given status), with its personal account. */
async function boundMember(w: ProbeWorld, status = 'bound') {
  const account = await makeAccount(w.t.database);
  const now = clock.now();
  const [inv] = await w.t.database.db
    .insert(memberInvitations)
    .values({
      partnerId: w.a.partner.id,
      invitedByKind: 'partner-account',
      invitedById: w.a.account.id,
      targetType: 'accountName',
      targetValue: account.accountName,
      accountId: account.id,
      status,
      token: randomBytes(12).toString('hex'),
      invitedAt: now,
      expiresAt: addDays(now, 7),
      boundAt: status === 'invited' ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { account, invitation: inv! };
}

async function specialistOfA(w: ProbeWorld) {
  const { account, invitation } = await boundMember(w);
  const now = clock.now();
  const [sp] = await w.t.database.db
    .insert(projectSpecialists)
    .values({
      partnerId: w.a.partner.id,
      invitationId: invitation.id,
      accountId: account.id,
      path: 'service',
      deploymentMode: 'nationwide',
      workBase: '广东省深圳市',
      status: 'active',
      approvedAt: now,
      startDate: now.toISOString().slice(0, 10),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return sp!;
}

/** A linked employee of A with a project and a certificate; the intruder is another linked employee. */
async function employeeRecords(w: ProbeWorld) {
  const owner = await boundMember(w);
  const intruder = await boundMember(w);
  const now = clock.now();
  const [project] = await w.t.database.db
    .insert(memberProjects)
    .values({ accountId: owner.account.id, name: '项目', deliveryStart: '2024-01-01', deliveryEnd: '2099-01-01', role: '经理', source: 'member', createdAt: now, updatedAt: now })
    .returning();
  const [cert] = await w.t.database.db
    .insert(memberCertificates)
    .values({
      accountId: owner.account.id,
      type: 'other',
      source: 'member',
      name: '证书',
      number: 'N-1',
      validFrom: '2020-01-01',
      validTo: '2099-01-01',
      status: 'approved',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return {
    project: project!,
    cert: cert!,
    ownerSession: await accountSession(w.t.database, owner.account),
    intruderSession: await accountSession(w.t.database, intruder.account),
  };
}

// Body-less POST/DELETE routes get `{}`: the matrix always sends content-type application/json.
const adminProbe =
  (path: (id: string) => string, status = 'bound', payload: unknown = {}): Probe =>
  async (w) => {
    const { invitation } = await boundMember(w, status);
    return { url: path(invitation.id), payload, ownerSession: w.aSession, intruderSession: w.bSession };
  };

export const specialistTenantProbes: Record<string, Probe> = {
  'POST /api/org/invitations/:id/resend': adminProbe((id) => `/api/org/invitations/${id}/resend`, 'expired'),
  'POST /api/org/invitations/:id/unbind': adminProbe((id) => `/api/org/invitations/${id}/unbind`),
  'GET /api/org/invitations/:id/qualification': adminProbe((id) => `/api/org/invitations/${id}/qualification`),
  'PUT /api/org/invitations/:id/work-base': adminProbe((id) => `/api/org/invitations/${id}/work-base`, 'bound', { workBase: '北京市' }),
  'POST /api/org/specialists/applications/:invitationId/withdraw': adminProbe((id) => `/api/org/specialists/applications/${id}/withdraw`),
  'POST /api/org/specialists/:id/cancel': async (w) => {
    const sp = await specialistOfA(w);
    return { url: `/api/org/specialists/${sp.id}/cancel`, payload: { reason: '离职', fileIds: [] }, ownerSession: w.aSession, intruderSession: w.bSession };
  },
  'POST /api/org/specialists/:id/revoke-cancel': async (w) => {
    const sp = await specialistOfA(w);
    return { url: `/api/org/specialists/${sp.id}/revoke-cancel`, payload: {}, ownerSession: w.aSession, intruderSession: w.bSession };
  },
  'POST /api/me/invitations/:id/accept': async (w) => {
    const { account, invitation } = await boundMember(w, 'invited');
    return {
      url: `/api/me/invitations/${invitation.id}/accept`,
      payload: { agree: true },
      ownerSession: await accountSession(w.t.database, account),
      intruderSession: w.otherAccountSession,
    };
  },
  'PATCH /api/me/qualifications/projects/:id': async (w) => {
    const r = await employeeRecords(w);
    return {
      url: `/api/me/qualifications/projects/${r.project.id}`,
      payload: { name: '项目二', deliveryStart: '2024-01-01', deliveryEnd: '2099-01-01', role: '经理' },
      ownerSession: r.ownerSession,
      intruderSession: r.intruderSession,
    };
  },
  'DELETE /api/me/qualifications/projects/:id': async (w) => {
    const r = await employeeRecords(w);
    // the intruder runs first (404), then the owner deletes
    return { url: `/api/me/qualifications/projects/${r.project.id}`, payload: {}, ownerSession: r.ownerSession, intruderSession: r.intruderSession };
  },
  'PATCH /api/me/qualifications/certificates/:id': async (w) => {
    const r = await employeeRecords(w);
    return { url: `/api/me/qualifications/certificates/${r.cert.id}`, payload: { name: '证书二' }, ownerSession: r.ownerSession, intruderSession: r.intruderSession };
  },
};
