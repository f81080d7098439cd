import type { Probe, ProbeWorld } from '../../../test/tenant-probes.js';

/**
 * Tenant probes for the access matrix (test/access-matrix.test.ts): each builds an object owned
 * by partner A through the API and names the request partner B must get 404 for. Spread into
 * TENANT_PROBES. Destructive probes create their own object.
 */
async function api(w: ProbeWorld, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await w.t.app.inject({ method, url, headers: w.aSession.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  if (r.statusCode >= 300) throw new Error(`probe setup ${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json();
}

let seq = 0;
async function presetId(w: ProbeWorld, key: string): Promise<string> {
  const roles = (await api(w, 'GET', '/api/org/roles')).items as { id: string; presetKey: string | null }[];
  return roles.find((r) => r.presetKey === key)!.id;
}
async function member(w: ProbeWorld): Promise<string> {
  const roleId = await presetId(w, 'finance');
  const m = await api(w, 'POST', '/api/org/members', {
    accountName: `probe_${Date.now().toString(36)}_${seq++}`,
    password: 'Passw0rd12',
    confirmPassword: 'Passw0rd12',
    name: '探针',
    mobile: '13800138000',
    email: 'probe@example.com',
    roleIds: [roleId],
  });
  return m.id;
}
const role = async (w: ProbeWorld) => (await api(w, 'POST', '/api/org/roles', { name: `探针角色${Date.now().toString(36)}${seq++}`, permissions: ['构建'] })).id as string;
const contact = async (w: ProbeWorld) =>
  (await api(w, 'POST', '/api/org/contacts', { name: '探针', position: '经理', mobile: '13800138000', email: 'probe@example.com' })).id as string;

const req = (w: ProbeWorld, url: string, payload?: unknown) => ({ url, payload, ownerSession: w.aSession, intruderSession: w.bSession });

export const orgTenantProbes: Record<string, Probe> = {
  'GET /api/org/members/:id': async (w) => req(w, `/api/org/members/${await member(w)}`),
  'PATCH /api/org/members/:id': async (w) => req(w, `/api/org/members/${await member(w)}`, { name: '改名' }),
  'PUT /api/org/members/:id/roles': async (w) => req(w, `/api/org/members/${await member(w)}/roles`, { roleIds: [await presetId(w, 'sa')] }),
  'POST /api/org/members/:id/reset-password': async (w) =>
    req(w, `/api/org/members/${await member(w)}/reset-password`, { password: 'Passw0rd34', confirmPassword: 'Passw0rd34' }),
  'DELETE /api/org/members/:id': async (w) => req(w, `/api/org/members/${await member(w)}`),
  'GET /api/org/roles/:id': async (w) => req(w, `/api/org/roles/${await role(w)}`),
  'PATCH /api/org/roles/:id': async (w) => req(w, `/api/org/roles/${await role(w)}`, { description: '探针' }),
  'DELETE /api/org/roles/:id': async (w) => req(w, `/api/org/roles/${await role(w)}`),
  'GET /api/org/roles/:id/members': async (w) => req(w, `/api/org/roles/${await role(w)}/members`),
  'PATCH /api/org/contacts/:id': async (w) => req(w, `/api/org/contacts/${await contact(w)}`, { position: '总监' }),
  'DELETE /api/org/contacts/:id': async (w) => req(w, `/api/org/contacts/${await contact(w)}`),
};
