import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ApiRoute } from '../src/server/app.js';
import { PRESET_ROLES, STAFF_ROLES } from '../src/platform/access/index.js';
import { presetPermissions, PRESET_ROLE_DEFS } from '../src/modules/org/preset-roles.js';
import { createTestApp } from './app.js';
import {
  makeAccount,
  makeMember,
  makePartner,
  makeStaff,
  memberSession,
  partnerAdminSession,
  staffSession,
  accountSession,
  type TestSession,
} from './fixtures.js';
import { TENANT_PROBES, type ProbeWorld } from './tenant-probes.js';

/**
 * Walks every /api route with: no session, the partner admin, a member in each preset role,
 * staff, a plain account, and another partner's admin; asserts 401 / 403 / 404 / allowed from
 * the route's declared access. A route added anywhere joins this matrix automatically; a route
 * with path parameters must also have a tenant probe (test/tenant-probes.ts).
 */
type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
let routes: ApiRoute[];
const personas: Record<string, { session: TestSession | null; kind: 'anonymous' | 'partner' | 'member' | 'staff' | 'account'; permissions?: Set<string>; roleKey?: string }> = {};
let world: ProbeWorld;

beforeAll(async () => {
  t = await createTestApp();
  routes = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/'));
  const a = await makePartner(t.database, { paths: ['service'], programs: ['solution_provider'] });
  const b = await makePartner(t.database, { paths: ['service'] });
  personas.anonymous = { session: null, kind: 'anonymous' };
  personas.partnerAdmin = { session: await partnerAdminSession(t.database, a), kind: 'partner' };
  for (const def of PRESET_ROLE_DEFS) {
    const m = await makeMember(t.database, a.partner.id, [def.key]);
    personas[`member:${def.key}`] = { session: await memberSession(t.database, m), kind: 'member', permissions: new Set(presetPermissions(def)), roleKey: def.key };
  }
  const staff = await makeStaff(t.database, [STAFF_ROLES.admin]);
  personas.staff = { session: await staffSession(t.database, staff), kind: 'staff' };
  const customer = await makeAccount(t.database);
  personas.account = { session: await accountSession(t.database, customer), kind: 'account' };
  world = { t, a, b, bSession: await partnerAdminSession(t.database, b), aSession: personas.partnerAdmin.session!, customer, otherAccountSession: await accountSession(t.database, await makeAccount(t.database)), staffSession: personas.staff.session! };
});
afterAll(async () => t.close());

function fill(url: string): string {
  return url.replace(/:(\w+)/g, () => randomUUID());
}

/** What the declared access says this persona should get: 'ok' (anything but 401/403), 401 or 403. */
function expected(access: ApiRoute['access'], p: (typeof personas)[string]): 'ok' | 401 | 403 | 'any' {
  if (access.actor === 'public') return 'any';
  if (p.kind === 'anonymous') return 401;
  switch (access.actor) {
    case 'signed-in':
      return 'ok';
    case 'account':
      return p.kind === 'account' ? 'ok' : 403;
    case 'applicant':
      return p.kind === 'staff' ? 403 : 'ok';
    case 'staff':
      if (p.kind !== 'staff') return 403;
      return 'ok'; // the matrix's staff persona is the ops admin
    case 'partner': {
      if (p.kind === 'partner') return 'ok';
      if (p.kind !== 'member') return 403;
      const isSysAdmin = p.roleKey === PRESET_ROLES.systemAdmin;
      if (access.partnerAccount) return 403;
      if (access.admin && !isSysAdmin) return 403;
      if (access.permission && !isSysAdmin && !p.permissions!.has(access.permission)) return 403;
      return 'ok';
    }
    default:
      throw new Error(`no expectation for access ${JSON.stringify(access)}`);
  }
}

describe('access matrix: every /api route × every persona', () => {
  it('has routes to walk', () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  it('answers as each route declares, and never 500', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.url === '/api/auth/logout') continue; // ends the persona's session
      for (const [name, p] of Object.entries(personas)) {
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: fill(r.url),
          headers: { ...(p.session?.headers ?? {}), 'content-type': 'application/json' },
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{}',
        });
        const exp = expected(r.access, p);
        const got = res.statusCode;
        const bad =
          got >= 500 ||
          (exp === 401 && got !== 401) ||
          (exp === 403 && got !== 403) ||
          (exp === 'ok' && (got === 401 || got === 403));
        if (bad) failures.push(`${r.method} ${r.url} as ${name}: expected ${exp}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('bad input', () => {
  it('every route with a body refuses unknown fields with 400 and names the field', async () => {
    const failures: string[] = [];
    const withBody = routes.filter((r) => r.hasBody);
    expect(withBody.length).toBeGreaterThan(20);
    for (const r of withBody) {
      // the first persona the route admits
      const entry = Object.entries(personas).find(([, p]) => expected(r.access, p) === 'ok' || (r.access.actor === 'public' && p.kind === 'anonymous'));
      if (!entry) {
        failures.push(`${r.method} ${r.url}: no persona admitted`);
        continue;
      }
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: fill(r.url),
        headers: { ...(entry[1].session?.headers ?? {}), 'content-type': 'application/json' },
        payload: JSON.stringify({ __unknown_field: 1 }),
      });
      const fields = res.statusCode === 400 ? (res.json().fields ?? {}) : {};
      if (res.statusCode !== 400 || !('__unknown_field' in fields)) failures.push(`${r.method} ${r.url} as ${entry[0]}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('tenant isolation: another partner\'s objects answer 404', () => {
  it('every route with path parameters has a tenant probe', () => {
    const needing = routes.filter((r) => r.url.includes(':') && (r.access.actor === 'partner' || r.access.actor === 'account' || r.access.actor === 'signed-in' || r.access.actor === 'applicant'));
    const missing = needing.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in TENANT_PROBES));
    expect(missing).toEqual([]);
  });

  it('each probe: the owner is allowed, the other tenant gets 404', async () => {
    const failures: string[] = [];
    for (const [key, probe] of Object.entries(TENANT_PROBES)) {
      const route = routes.find((r) => `${r.method} ${r.url}` === key);
      if (!route) {
        failures.push(`probe for a route that does not exist: ${key}`);
        continue;
      }
      const { url, payload, ownerSession, intruderSession } = await probe(world);
      const inject = (headers: Record<string, string>) =>
        t.app.inject({ method: route.method as 'GET', url, headers: { ...headers, 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) });
      const intruder = await inject(intruderSession.headers);
      if (intruder.statusCode !== 404) failures.push(`${key}: intruder got ${intruder.statusCode} ${intruder.body.slice(0, 160)}`);
      const owner = await inject(ownerSession.headers);
      if (owner.statusCode === 404 || owner.statusCode >= 500) failures.push(`${key}: owner got ${owner.statusCode} ${owner.body.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
