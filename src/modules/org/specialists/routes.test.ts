import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../platform/db/index.js';
import { clock, DAY_MS } from '../../../platform/clock.js';
import { createTestApp } from '../../../../test/app.js';
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
} from '../../../../test/fixtures.js';
import { memberTrainings } from './schema.js';
import { makeFile } from './test-helpers.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ app, database, close } = await createTestApp());
});
afterAll(async () => {
  clock.reset();
  await close();
});
beforeEach(() => clock.set('2025-03-10T02:00:00Z'));
afterEach(() => clock.reset());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
async function call(s: TestSession | null, method: Method, url: string, payload?: unknown) {
  const res = await app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

describe('组织 > 项目专员 over HTTP', () => {
  it('invite → accept → qualifications → apply → vendor approval → cancel → vendor decisions', async () => {
    const p = await makePartner(database);
    const adminS = await partnerAdminSession(database, p);
    const a = await makeAccount(database);
    const employeeS = await accountSession(database, a, 'partner');
    const reviewer = await staffSession(database, await makeStaff(database, ['reviewer']));

    expect(await call(adminS, 'GET', '/api/org/invitations/quota')).toEqual({ status: 200, body: { remainingToday: 100 } });
    const check = await call(adminS, 'POST', '/api/org/invitations/check', { targets: [{ type: 'accountName', value: a.accountName }] });
    expect(check).toMatchObject({ status: 200, body: { results: [{ ok: true, message: '校验通过', accountId: a.id }] } });

    const noCommitment = await call(adminS, 'POST', '/api/org/invitations', { targets: [{ type: 'accountName', value: a.accountName }], commitment: false });
    expect(noCommitment).toMatchObject({ status: 400, body: { code: 'org.invitation.commitment-required' } });
    const tooMany = await call(adminS, 'POST', '/api/org/invitations', {
      targets: Array.from({ length: 6 }, (_, i) => ({ type: 'accountName', value: `x${i}` })),
      commitment: true,
    });
    expect(tooMany.status).toBe(400);

    const sent = await call(adminS, 'POST', '/api/org/invitations', { targets: [{ type: 'accountName', value: a.accountName }], commitment: true });
    expect(sent.status).toBe(201);
    const inv = sent.body.invitations[0];
    expect(inv).toMatchObject({ status: 'invited', statusName: '已邀请' });
    expect((await call(adminS, 'GET', '/api/org/invitations/quota')).body.remainingToday).toBe(99);

    const mine = await call(employeeS, 'GET', '/api/me/invitations');
    expect(mine.body.items).toEqual([expect.objectContaining({ id: inv.id, partnerName: p.partner.displayName, status: 'invited' })]);
    expect((await call(employeeS, 'POST', `/api/me/invitations/${inv.id}/accept`, { agree: false })).status).toBe(400);
    const accepted = await call(employeeS, 'POST', `/api/me/invitations/${inv.id}/accept`, { agree: true });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'bound', statusName: '已绑定' } });

    // the member's own records
    const proof = await makeFile(database, { ownerKind: 'account', ownerId: a.id }, 'employment-proof');
    expect((await call(employeeS, 'GET', '/api/me/qualifications/employment')).body).toEqual({ employment: null });
    const emp = await call(employeeS, 'PUT', '/api/me/qualifications/employment', { employer: '某某科技', workBase: '广东省深圳市', proofFileId: proof });
    expect(emp).toMatchObject({ status: 200, body: { workBase: '广东省深圳市', workBaseLocked: true } });
    const locked = await call(employeeS, 'PUT', '/api/me/qualifications/employment', { employer: '某某科技', workBase: '北京市', proofFileId: proof });
    expect(locked).toMatchObject({ status: 409, body: { code: 'org.employment.work-base-locked', message: '工作常驻地提交后不可手动修改，如需修改请联系生态经理' } });
    const project = await call(employeeS, 'POST', '/api/me/qualifications/projects', {
      name: '上云迁移',
      deliveryStart: '2024-05-01',
      deliveryEnd: '2024-12-31',
      role: '项目经理',
    });
    expect(project.status).toBe(201);
    const tooOld = await call(employeeS, 'POST', '/api/me/qualifications/projects', { name: '老项目', deliveryStart: '2021-01-01', deliveryEnd: '2022-01-01', role: 'x' });
    expect(tooOld).toMatchObject({ status: 409, body: { code: 'org.project.too-old' } });
    const patched = await call(employeeS, 'PATCH', `/api/me/qualifications/projects/${project.body.id}`, {
      name: '上云迁移一期',
      deliveryStart: '2024-05-01',
      deliveryEnd: '2024-12-31',
      role: '项目经理',
    });
    expect(patched.body.name).toBe('上云迁移一期');
    const certFile = await makeFile(database, { ownerKind: 'account', ownerId: a.id }, 'certificate');
    const cert = await call(employeeS, 'POST', '/api/me/qualifications/certificates', {
      type: 'other',
      name: '信息系统项目管理师',
      number: 'RK-2024-1',
      validFrom: '2024-01-01',
      validTo: '2028-01-01',
      fileId: certFile,
    });
    expect(cert).toMatchObject({ status: 201, body: { status: 'in_review', statusName: '审核中', typeName: '其他类' } });
    const editInReview = await call(employeeS, 'PATCH', `/api/me/qualifications/certificates/${cert.body.id}`, { name: 'y' });
    expect(editInReview.status).toBe(409);
    await database.db.insert(memberTrainings).values({
      accountId: a.id,
      kind: 'exam',
      name: 'HCIA-Cloud',
      result: '通过',
      score: 90,
      completedAt: new Date('2025-03-01T00:00:00Z'),
      syncedAt: new Date('2025-03-02T00:00:00Z'),
    });
    expect((await call(employeeS, 'GET', '/api/me/qualifications/trainings')).body.items).toHaveLength(1);
    expect((await call(employeeS, 'GET', '/api/me/qualifications/certificates')).body.items).toHaveLength(1);
    expect((await call(employeeS, 'GET', '/api/me/qualifications/projects')).body.items).toHaveLength(1);
    expect((await call(employeeS, 'DELETE', `/api/me/qualifications/projects/${project.body.id}`)).status).toBe(204);

    // the vendor decides the certificate through the operations console
    const certQueue = await call(reviewer, 'GET', '/api/ops/reviews?kind=org.member-certificate');
    const certApp = certQueue.body.items.find((x: { subjectId: string }) => x.subjectId === cert.body.id);
    expect(certApp.statusName.zh).toBe('审核中');
    expect((await call(reviewer, 'POST', `/api/ops/reviews/${certApp.id}/approve`, {})).status).toBe(200);
    expect((await call(employeeS, 'GET', '/api/me/qualifications/certificates')).body.items[0]).toMatchObject({ status: 'approved', statusName: '审核通过' });

    // the admin's view of the member
    const q = await call(adminS, 'GET', `/api/org/invitations/${inv.id}/qualification`);
    expect(q).toMatchObject({
      status: 200,
      body: { member: { accountId: a.id }, employment: { employer: '某某科技' }, certificates: [{ status: 'approved' }], trainings: [{ name: 'HCIA-Cloud' }] },
    });
    expect((await call(adminS, 'PUT', `/api/org/invitations/${inv.id}/work-base`, { workBase: '广东省广州市' })).body.workBase).toBe('广东省广州市');

    // apply, vendor approves through /api/ops/reviews
    const material = await makeFile(database, { partnerId: p.partner.id, ownerKind: 'partner-account', ownerId: p.account.id }, 'specialist-material');
    const noMode = await call(adminS, 'POST', '/api/org/specialists/apply', { invitationIds: [inv.id], path: 'service', materialFileIds: [material] });
    expect(noMode).toMatchObject({ status: 400, body: { code: 'org.specialist.deployment-required' } });
    const applied = await call(adminS, 'POST', '/api/org/specialists/apply', {
      invitationIds: [inv.id],
      path: 'service',
      deploymentMode: 'stationed',
      materialFileIds: [material],
    });
    expect(applied).toMatchObject({ status: 201, body: { results: [{ invitationId: inv.id, status: 'applying', statusName: '申请专员审核中' }] } });
    const applicationId = applied.body.results[0].applicationId;
    const listed = await call(adminS, 'GET', '/api/org/invitations?status=applying');
    expect(listed.body.items).toEqual([expect.objectContaining({ id: inv.id, applicationId })]);

    const withdrawn = await call(adminS, 'POST', `/api/org/specialists/applications/${inv.id}/withdraw`);
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'bound' } });
    await call(adminS, 'POST', '/api/org/specialists/apply', { invitationIds: [inv.id], path: 'service', deploymentMode: 'stationed', materialFileIds: [material] });

    const detail = await call(reviewer, 'GET', `/api/ops/reviews/${applicationId}`);
    expect(detail.body).toMatchObject({ kind: 'org.specialist-apply', statusName: { zh: '申请专员审核中' }, stage: { name: { zh: '华为方审核' } } });
    expect((await call(reviewer, 'POST', `/api/ops/reviews/${applicationId}/approve`, { version: detail.body.version })).status).toBe(200);

    const sps = await call(adminS, 'GET', '/api/org/specialists');
    expect(sps.body.items).toEqual([
      expect.objectContaining({
        accountName: a.accountName,
        name: a.name,
        mobile: a.mobile,
        email: a.email,
        pathName: '服务合作伙伴',
        status: 'active',
        statusName: '正常',
        deploymentModeName: '代表处驻扎',
        workBase: '广东省广州市',
        startDate: '2025-03-10',
        endDate: null,
      }),
    ]);
    const specialistId = sps.body.items[0].id;

    const unbind = await call(adminS, 'POST', `/api/org/invitations/${inv.id}/unbind`);
    expect(unbind).toMatchObject({ status: 409, body: { code: 'org.invitation.unbind-specialist' } });

    // cancel → reject → cancel → revoke → vendor cancels
    const cancelFile = await makeFile(database, { partnerId: p.partner.id, ownerKind: 'partner-account', ownerId: p.account.id }, 'specialist-cancel');
    const longReason = await call(adminS, 'POST', `/api/org/specialists/${specialistId}/cancel`, { reason: 'x'.repeat(501), fileIds: [] });
    expect(longReason).toMatchObject({ status: 400, body: { code: 'org.specialist.reason-too-long' } });
    const cancel = await call(adminS, 'POST', `/api/org/specialists/${specialistId}/cancel`, { reason: '员工离职', fileIds: [cancelFile] });
    expect(cancel).toMatchObject({ status: 200, body: { status: 'cancel_pending', statusName: '取消专员审核中' } });
    const rejectIt = await call(reviewer, 'POST', `/api/ops/reviews/${cancel.body.cancelApplicationId}/reject`, { reason: '请补充材料' });
    expect(rejectIt.status).toBe(200);
    expect((await call(adminS, 'GET', '/api/org/specialists?status=cancel_rejected')).body.items[0]).toMatchObject({
      statusName: '取消专员审核未通过',
      cancelRejectReason: '请补充材料',
    });
    await call(adminS, 'POST', `/api/org/specialists/${specialistId}/cancel`, { reason: '员工离职', fileIds: [cancelFile] });
    const revoked = await call(adminS, 'POST', `/api/org/specialists/${specialistId}/revoke-cancel`);
    expect(revoked).toMatchObject({ status: 200, body: { status: 'active' } });

    expect((await call(adminS, 'POST', `/api/ops/specialists/${specialistId}/vendor-cancel`, { reason: 'x' })).status).toBe(403);
    const vendorCancel = await call(reviewer, 'POST', `/api/ops/specialists/${specialistId}/vendor-cancel`, { reason: '不再满足要求' });
    expect(vendorCancel).toMatchObject({ status: 200, body: { status: 'ended', endDate: '2025-03-10' } });
    const afterVendor = await call(adminS, 'GET', '/api/org/invitations?status=cancelled_by_vendor');
    expect(afterVendor.body.items).toEqual([expect.objectContaining({ id: inv.id, statusName: '取消专员（华为方操作）' })]);

    const unbound = await call(adminS, 'POST', `/api/org/invitations/${inv.id}/unbind`);
    expect(unbound).toMatchObject({ status: 200, body: { status: 'unbound', statusName: '已解绑' } });
    const dash = await call(adminS, 'GET', '/api/org/specialists/dashboard?from=2025-03-10&to=2025-03-10');
    expect(dash.body.trend).toEqual([{ date: '2025-03-10', binds: 1, unbinds: 1 }]);
  });

  it('expired link: refused with the guide message; resend gives a new 7-day link', async () => {
    const p = await makePartner(database);
    let adminS = await partnerAdminSession(database, p);
    const a = await makeAccount(database);
    let employeeS = await accountSession(database, a);
    const sent = await call(adminS, 'POST', '/api/org/invitations', { targets: [{ type: 'email', value: a.email }], commitment: true });
    const id = sent.body.invitations[0].id;
    clock.advance(7 * DAY_MS);
    // sessions time out while idle: sign in again a week later
    adminS = await partnerAdminSession(database, p);
    employeeS = await accountSession(database, a);
    expect((await call(adminS, 'GET', '/api/org/invitations?status=expired')).body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    const expired = await call(employeeS, 'POST', `/api/me/invitations/${id}/accept`, { agree: true });
    expect(expired).toMatchObject({ status: 409, body: { code: 'org.invitation.expired', message: '链接已失效，请联系管理员重新发送' } });
    const resent = await call(adminS, 'POST', `/api/org/invitations/${id}/resend`);
    expect(resent).toMatchObject({ status: 200, body: { status: 'invited' } });
    expect((await call(employeeS, 'POST', `/api/me/invitations/${id}/accept`, { agree: true })).status).toBe(200);
  });

  it('access: permission, tenancy, actor kinds', async () => {
    const p = await makePartner(database);
    const other = await makePartner(database);
    const adminS = await partnerAdminSession(database, p);
    const otherS = await partnerAdminSession(database, other);
    const a = await makeAccount(database);
    const sent = await call(adminS, 'POST', '/api/org/invitations', { targets: [{ type: 'accountName', value: a.accountName }], commitment: true });
    const id = sent.body.invitations[0].id;

    expect((await call(null, 'GET', '/api/org/invitations')).status).toBe(401);
    const finance = await memberSession(database, await makeMember(database, p.partner.id, ['finance']));
    expect((await call(finance, 'GET', '/api/org/invitations')).status).toBe(403);
    const sysAdmin = await memberSession(database, await makeMember(database, p.partner.id, ['system_admin']));
    expect((await call(sysAdmin, 'GET', '/api/org/invitations')).body.total).toBe(1);
    const employeeS = await accountSession(database, a);
    expect((await call(employeeS, 'GET', '/api/org/invitations')).status).toBe(403);
    expect((await call(adminS, 'GET', '/api/me/invitations')).status).toBe(403); // a partner session is not the employee

    for (const [method, url, payload] of [
      ['POST', `/api/org/invitations/${id}/resend`, undefined],
      ['POST', `/api/org/invitations/${id}/unbind`, undefined],
      ['GET', `/api/org/invitations/${id}/qualification`, undefined],
      ['PUT', `/api/org/invitations/${id}/work-base`, { workBase: '北京市' }],
      ['POST', `/api/org/specialists/applications/${id}/withdraw`, undefined],
    ] as const) {
      const r = await call(otherS, method, url, payload);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    expect((await call(otherS, 'GET', '/api/org/invitations')).body.total).toBe(0);
    const stranger = await accountSession(database, await makeAccount(database));
    expect((await call(stranger, 'POST', `/api/me/invitations/${id}/accept`, { agree: true })).status).toBe(404);
    expect((await call(adminS, 'POST', '/api/org/invitations', { targets: [{ type: 'accountName', value: 'x' }], commitment: true, extra: 1 })).status).toBe(400);
  });
});
