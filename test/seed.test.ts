import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp } from './app.js';
import { seedDemoWorld, DEMO_PASSWORD } from '../scripts/seed.js';
import { seedDemoActivity } from '../scripts/seed-activity.js';
import { createServer } from '../src/server/server.js';
import { accounts } from '../src/modules/accounts/schema.js';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';

/** The demo world seeds into an empty database, once, into states the product itself can reach. */
type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function signIn(body: object) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: body });
  expect(res.statusCode, JSON.stringify(body)).toBe(200);
  return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken as string };
}

describe('demo world', () => {
  it('seeds once; a second run changes nothing', async () => {
    expect(await seedDemoWorld(t.database.db)).toBe(true);
    const server = await createServer({ database: t.database, dataDir: mkdtempSync(path.join(os.tmpdir(), 'pc-seed-')), jobs: false });
    await seedDemoActivity(t.database.db, server.deps);
    await server.close();
    expect(await seedDemoWorld(t.database.db)).toBe(false);
  });

  it('every printed login works', async () => {
    await signIn({ portal: 'partner', mode: 'account', identifier: 'sp_admin', password: DEMO_PASSWORD });
    await signIn({ portal: 'partner', mode: 'member', tenant: 'sp_admin', identifier: 'am_zhang', password: DEMO_PASSWORD });
    await signIn({ portal: 'ops', mode: 'staff', identifier: 'reviewer', password: DEMO_PASSWORD });
    await signIn({ portal: 'customer', mode: 'account', identifier: 'customer_a', password: DEMO_PASSWORD });
  });

  it('has a specialist 正常, one under review, invitations in several states and a real-name review waiting', async () => {
    const admin = await signIn({ portal: 'partner', mode: 'account', identifier: 'sp_admin', password: DEMO_PASSWORD });
    const specs = (await t.app.inject({ method: 'GET', url: '/api/org/specialists', headers: { cookie: admin.cookie } })).json();
    expect(specs.items.map((s: { statusName: string }) => s.statusName)).toContain('正常');
    const invs = (await t.app.inject({ method: 'GET', url: '/api/org/invitations?pageSize=50', headers: { cookie: admin.cookie } })).json();
    const names = invs.items.map((i: { statusName: string }) => i.statusName);
    expect(names).toEqual(expect.arrayContaining(['已邀请', '申请专员审核中']));
    const ops = await signIn({ portal: 'ops', mode: 'staff', identifier: 'ops_admin', password: DEMO_PASSWORD });
    const q = (await t.app.inject({ method: 'GET', url: '/api/ops/reviews?status=in_review', headers: { cookie: ops.cookie } })).json();
    expect(q.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['accounts.real-name', 'org.specialist-apply']));
    const [newco] = await t.database.db.select().from(accounts).where(eq(accounts.accountName, 'newco_admin'));
    expect(newco!.realNameStatus).toBe('pending');
    const customer = await signIn({ portal: 'customer', mode: 'account', identifier: 'customer_a', password: DEMO_PASSWORD });
    const mine = (await t.app.inject({ method: 'GET', url: '/api/customer/partners', headers: { cookie: customer.cookie } })).json();
    expect(mine.items[0]).toMatchObject({ partnerName: '华创云科技有限公司', associationType: 'resale', contactsSource: 'contacts' });
  });

  it('has partners at each lifecycle stage (issue 3)', async () => {
    const as = (name: string) => signIn({ portal: 'partner', mode: 'account', identifier: name, password: DEMO_PASSWORD });
    const draft = await as('hcpn_draft');
    const d = (await t.app.inject({ method: 'GET', url: '/api/hcpn/application', headers: { cookie: draft.cookie } })).json().application;
    expect(d).toMatchObject({ status: 'draft', steps: { businessInfo: true, contacts: true, sensitiveRelation: false } });
    const retry = await as('hcpn_retry');
    const r = (await t.app.inject({ method: 'GET', url: '/api/hcpn/application', headers: { cookie: retry.cookie } })).json().application;
    expect(r.status).toBe('rejected');
    expect(r.rejectReason).toContain('营业执照');
    const isv = await as('isv_admin');
    const sw = (await t.app.inject({ method: 'GET', url: '/api/paths/detail?path=software', headers: { cookie: isv.cookie } })).json();
    expect(sw.stage).toBe('role_certified');
    const svc = await as('svc_admin');
    const sv = (await t.app.inject({ method: 'GET', url: '/api/paths/detail?path=service', headers: { cookie: svc.cookie } })).json();
    expect(sv.stage).toBe('role_certified');
  });

  it('has a distributor with a scorecard and a reseller linked to it (issue 3)', async () => {
    const dist = await signIn({ portal: 'partner', mode: 'account', identifier: 'dist_admin', password: DEMO_PASSWORD });
    const card = await t.app.inject({ method: 'GET', url: '/api/programs/distributor/scorecard', headers: { cookie: dist.cookie } });
    expect(card.statusCode).toBe(200);
    expect(JSON.stringify(card.json())).toContain('36800000');
    const resellers = (await t.app.inject({ method: 'GET', url: '/api/programs/distributor/resellers', headers: { cookie: dist.cookie } })).json();
    expect(resellers.items).toHaveLength(1);
    const reseller = await signIn({ portal: 'partner', mode: 'account', identifier: 'reseller_a', password: DEMO_PASSWORD });
    const mine = (await t.app.inject({ method: 'GET', url: '/api/programs/reseller/distributor', headers: { cookie: reseller.cookie } })).json();
    expect(JSON.stringify(mine)).toContain('神州云分销有限公司');
  });

  it('has a solution-provider candidate whose plan waits on a role certification in review (condition 17)', async () => {
    const sales = await signIn({ portal: 'partner', mode: 'account', identifier: 'vista_sales', password: DEMO_PASSWORD });
    const e = (await t.app.inject({ method: 'GET', url: '/api/programs/eligibility?program=solution_provider', headers: { cookie: sales.cookie } })).json();
    expect(e.unmet.map((u: { no: number }) => u.no)).toEqual([17]);
    const company = (await t.app.inject({ method: 'GET', url: '/api/company/accounts', headers: { cookie: sales.cookie } })).json();
    expect(JSON.stringify(company)).toContain('vista_admin');
  });
});
