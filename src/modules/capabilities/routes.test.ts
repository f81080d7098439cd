import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createTestApp } from '../../../test/app.js';
import {
  accountSession,
  makeAccount,
  makeMember,
  makePartner,
  makeStaff,
  memberSession,
  partnerAdminSession,
  staffSession,
  type TestSession,
} from '../../../test/fixtures.js';
import { upload } from '../../../test/upload.js';
import type { ProbeWorld } from '../../../test/tenant-probes.js';
import { clock } from '../../platform/clock.js';
import { capabilityTenantProbes } from './tenant-probes.js';

let world: ProbeWorld;
beforeAll(async () => {
  const t = await createTestApp();
  const a = await makePartner(t.database);
  const b = await makePartner(t.database);
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
afterAll(async () => {
  clock.reset();
  await world.t.close();
});
beforeEach(() => clock.set('2026-03-10T02:00:00Z'));
afterEach(() => clock.reset());

type Method = 'GET' | 'POST';
async function call(s: TestSession, method: Method, url: string, payload?: unknown) {
  const res = await world.t.app.inject({ method, url, headers: s.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const json = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
  return { status: res.statusCode, body: json, raw: res };
}

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('评估表').addRow(['能力项', '自评']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function zip(): Promise<Buffer> {
  const z = new JSZip();
  z.file('举证.txt', '案例与证明');
  return z.generateAsync({ type: 'nodebuffer' });
}

describe('能力 > 能力认证 over HTTP', () => {
  it('apply with uploaded materials → vendor returns → update → passes → results, badge, records', async () => {
    const p = await makePartner(world.t.database);
    const s = await partnerAdminSession(world.t.database, p);
    const reviewer = await staffSession(world.t.database, await makeStaff(world.t.database, ['reviewer']));
    const form = await upload(world.t.app, s.headers, 'attachment', '上云规划实施服务能力.xlsx', await xlsx());
    const evidence = await upload(world.t.app, s.headers, 'attachment', '举证材料.zip', await zip());

    const labels = await call(s, 'GET', '/api/capabilities/labels');
    expect(labels.status).toBe(200);
    expect(labels.body.items.find((l: { key: string }) => l.key === 'cloud-migration')).toMatchObject({ name: '上云规划实施', suspendedUntil: null });

    // unknown fields are refused (strict bodies)
    const strict = await call(s, 'POST', '/api/capabilities/applications', { level1Label: 'cloud-migration', formFileId: form, evidenceFileId: evidence, materialsDeclaration: true, partnerId: p.partner.id });
    expect(strict.status).toBe(400);

    const applied = await call(s, 'POST', '/api/capabilities/applications', { level1Label: 'cloud-migration', formFileId: form, evidenceFileId: evidence, materialsDeclaration: true });
    expect(applied).toMatchObject({ status: 201, body: { statusName: '审核中', level1Name: '上云规划实施' } });
    const id = applied.body.id as string;
    const detail = await call(s, 'GET', `/api/capabilities/applications/${id}`);
    const reviewId = detail.body.reviewId as string;

    expect((await call(reviewer, 'POST', `/api/ops/reviews/${reviewId}/return`, { reason: '评估表缺少签字' })).status).toBe(200);
    const returned = await call(s, 'GET', `/api/capabilities/applications/${id}`);
    expect(returned.body).toMatchObject({ statusName: '审核材料待更新', canUpdateMaterials: true, reviewComment: '评估表缺少签字' });
    const comments = await call(s, 'GET', `/api/capabilities/applications/${id}/review-comments`);
    expect(comments.status).toBe(200);
    expect(comments.raw.body).toContain('评估表缺少签字');
    expect(comments.raw.headers['content-disposition']).toContain('attachment');

    const form2 = await upload(world.t.app, s.headers, 'attachment', '评估表v2.xlsx', await xlsx());
    const updated = await call(s, 'POST', `/api/capabilities/applications/${id}/materials`, { formFileId: form2, evidenceFileId: evidence, materialsDeclaration: true });
    expect(updated).toMatchObject({ status: 200, body: { statusName: '审核中' } });

    for (let i = 0; i < 3; i++) expect((await call(reviewer, 'POST', `/api/ops/reviews/${reviewId}/approve`, {})).status).toBe(200);

    const results = await call(s, 'GET', '/api/capabilities/results');
    expect(results.body.items).toEqual([expect.objectContaining({ level1Name: '上云规划实施', validity: '2026/03/10-2028/03/10', certificateAvailable: false })]);
    const badge = await call(s, 'GET', `/api/capabilities/results/${id}/badge`);
    expect(badge.status).toBe(200);
    expect(badge.raw.headers['content-type']).toContain('image/svg+xml');
    expect(badge.raw.body).toContain('上云规划实施 服务能力');
    const cert = await call(s, 'GET', `/api/capabilities/results/${id}/certificate`);
    expect(cert).toMatchObject({ status: 409, body: { code: 'capabilities.certificate-ascend-only' } });
    const downloads = await call(s, 'GET', '/api/capabilities/downloads');
    expect(downloads.body).toMatchObject({ total: 1, items: [{ what: 'badge', level1Name: '上云规划实施' }] });

    const records = await call(s, 'GET', `/api/capabilities/applications?search=${encodeURIComponent('上云')}`);
    expect(records.body).toMatchObject({ total: 1, page: 1, pageSize: 10, items: [{ statusName: '通过', validity: '2026/03/10-2028/03/10' }] });
  });

  it('the guide’s upload rules answer with the guide’s hint (R51)', async () => {
    const p = await makePartner(world.t.database);
    const s = await partnerAdminSession(world.t.database, p);
    const badName = await upload(world.t.app, s.headers, 'attachment', '评估#表.xlsx', await xlsx());
    const evidence = await upload(world.t.app, s.headers, 'attachment', '举证.zip', await zip());
    const res = await call(s, 'POST', '/api/capabilities/applications', { level1Label: 'database', formFileId: badName, evidenceFileId: evidence, materialsDeclaration: true });
    expect(res).toMatchObject({ status: 400, body: { code: 'capabilities.form-name' } });
    expect(res.body.fields.formFileId).toContain('文件名不能包含');
  });

  it('needs the 能力 > 能力认证 permission', async () => {
    const p = await makePartner(world.t.database);
    const m = await makeMember(world.t.database, p.partner.id, ['finance']);
    const ms = await memberSession(world.t.database, m);
    expect((await call(ms, 'GET', '/api/capabilities/applications')).status).toBe(403);
    expect((await call(world.staffSession, 'GET', '/api/capabilities/applications')).status).toBe(403);
  });
});

describe('tenant probes of 能力 > 能力认证', () => {
  it('cover every parameterised partner route of this module', () => {
    const mine = world.t.app.apiRoutes.filter((r) => r.url.startsWith('/api/capabilities') && r.url.includes(':'));
    expect(mine.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in capabilityTenantProbes))).toEqual([]);
  });

  it('the owner is allowed, the other tenant gets 404', async () => {
    const failures: string[] = [];
    for (const [key, probe] of Object.entries(capabilityTenantProbes)) {
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
