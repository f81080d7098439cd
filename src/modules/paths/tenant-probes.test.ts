import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makePartner, makeStaff, partnerAdminSession, staffSession } from '../../../test/fixtures.js';
import type { ProbeWorld } from '../../../test/tenant-probes.js';
import { pathTenantProbes } from './tenant-probes.js';

/** Runs this folder's tenant probes the way test/access-matrix.test.ts does, until they are merged there. */
let world: ProbeWorld;
beforeAll(async () => {
  const t = await createTestApp();
  const a = await makePartner(t.database, { paths: ['service'] });
  const b = await makePartner(t.database, { paths: ['service'] });
  world = {
    t,
    a,
    b,
    aSession: await partnerAdminSession(t.database, a),
    bSession: await partnerAdminSession(t.database, b),
    customer: await makeAccount(t.database),
    otherAccountSession: await accountSession(t.database, await makeAccount(t.database)),
    staffSession: await staffSession(t.database, await makeStaff(t.database, ['ops_admin'])),
  };
});
afterAll(async () => world.t.close());

describe('tenant probes of 发展路径', () => {
  it('cover every parameterised partner/account route of this folder', () => {
    const mine = world.t.app.apiRoutes.filter((r) => r.url.includes(':') && r.url.startsWith('/api/paths') && r.access.actor !== 'staff');
    const missing = mine.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in pathTenantProbes));
    expect(missing).toEqual([]);
  });

  it('the owner is allowed, the other tenant gets 404', async () => {
    const failures: string[] = [];
    for (const [key, probe] of Object.entries(pathTenantProbes)) {
      const [method] = key.split(' ');
      const { url, payload, ownerSession, intruderSession } = await probe(world);
      const inject = (headers: Record<string, string>) =>
        world.t.app.inject({
          method: method as 'GET',
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: payload === undefined ? undefined : JSON.stringify(payload),
        });
      const intruder = await inject(intruderSession.headers);
      if (intruder.statusCode !== 404) failures.push(`${key}: intruder got ${intruder.statusCode} ${intruder.body.slice(0, 160)}`);
      const owner = await inject(ownerSession.headers);
      if (owner.statusCode === 404 || owner.statusCode >= 500) failures.push(`${key}: owner got ${owner.statusCode} ${owner.body.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });
});
