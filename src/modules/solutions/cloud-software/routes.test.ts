import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/app.js';
import { accountSession, makeAccount, makePartner, makeStaff, partnerAdminSession, staffSession, type TestSession } from '../../../../test/fixtures.js';
import { SAMPLE, upload } from '../../../../test/upload.js';
import type { ProbeWorld } from '../../../../test/tenant-probes.js';
import { clock } from '../../../platform/clock.js';
import { cloudSolutionTenantProbes } from './tenant-probes.js';

let world: ProbeWorld;
let t: ProbeWorld['t'];
let aSession: TestSession;
beforeAll(async () => {
  t = await createTestApp();
  const a = await makePartner(t.database, { paths: ['software'] });
  const b = await makePartner(t.database, { paths: ['software'] });
  aSession = await partnerAdminSession(t.database, a);
  world = {
    t,
    a,
    b,
    aSession,
    bSession: await partnerAdminSession(t.database, b),
    customer: await makeAccount(t.database),
    otherAccountSession: await accountSession(t.database, await makeAccount(t.database)),
    staffSession: await staffSession(t.database, await makeStaff(t.database, ['ops_admin'])),
  };
});
afterAll(async () => {
  clock.reset();
  await t.close();
});

const json = (session: TestSession, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...session.headers, 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) });

describe('/api/build/cloud-software over HTTP', () => {
  it('create → three staff approvals through the ops console → certificate download', async () => {
    const file = () => upload(t.app, aSession.headers, 'attachment', '材料.pdf', SAMPLE.PDF);
    const body = {
      submit: true,
      source: 'new',
      name: 'HTTP方案',
      version: 'v1.0',
      industry: '农林牧渔',
      industrySub: '智慧农业',
      productType: '基础软件',
      targetCustomers: '企业',
      scenarios: '场景',
      cloudMode: 'SaaS',
      deployedOnPublicCloud: true,
      publicClouds: ['华为云'],
      materials: { intro: [await file()], certification: [await file()] },
      contacts: { businessContact: '张三', businessMobile: '13800000000', businessEmail: 'z@example.com', hasHuaweiContact: false },
    };
    const tooLong = await json(aSession, 'POST', '/api/build/cloud-software', { ...body, scenarios: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(400);
    const created = await json(aSession, 'POST', '/api/build/cloud-software', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().message).toBe('恭喜您，方案认证申请已提交成功！');
    const { id, reviewId } = created.json().solution;

    for (const role of ['reviewer', 'psa', 'ecosystem_manager']) {
      const s = await staffSession(t.database, await makeStaff(t.database, [role]));
      const res = await json(s, 'POST', `/api/ops/reviews/${reviewId}/approve`, {});
      expect(res.statusCode, res.body).toBe(200);
    }
    const detail = await json(aSession, 'GET', `/api/build/cloud-software/${id}`);
    expect(detail.json()).toMatchObject({ status: 'approved', statusName: '认证通过', canDownloadCertificate: true });

    const cert = await json(aSession, 'GET', `/api/build/cloud-software/${id}/certificate`);
    expect(cert.statusCode).toBe(200);
    expect(cert.headers['content-type']).toBe('application/pdf');
    expect(String(cert.headers['content-disposition'])).toContain("filename*=UTF-8''HTTP");
    expect(cert.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const list = await json(aSession, 'GET', '/api/build/cloud-software?status=approved');
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('refuses unknown fields', async () => {
    const res = await json(aSession, 'POST', '/api/build/cloud-software', { submit: false, source: 'new', name: 'x', extra: 1 });
    expect(res.statusCode).toBe(400);
  });
});

describe('tenant probes of 构建 > 云软件方案 / 先进云软件方案', () => {
  it('cover every parameterised route of this folder', () => {
    const mine = t.app.apiRoutes.filter((r) => r.url.includes(':') && r.url.startsWith('/api/build/') && /software/.test(r.url));
    const missing = mine.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in cloudSolutionTenantProbes));
    expect(mine.length).toBe(8);
    expect(missing).toEqual([]);
  });

  it('the owner is allowed, the other tenant gets 404', async () => {
    const failures: string[] = [];
    for (const [key, probe] of Object.entries(cloudSolutionTenantProbes)) {
      const [method] = key.split(' ');
      const { url, payload, ownerSession, intruderSession } = await probe(world);
      const intruder = await json(intruderSession, method as 'GET', url, payload);
      if (intruder.statusCode !== 404) failures.push(`${key}: intruder got ${intruder.statusCode} ${intruder.body.slice(0, 160)}`);
      const owner = await json(ownerSession, method as 'GET', url, payload);
      if (owner.statusCode === 404 || owner.statusCode >= 500) failures.push(`${key}: owner got ${owner.statusCode} ${owner.body.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });
});
