import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makeStaff, makePartner, makeMember, memberSession, staffSession } from '../../../test/fixtures.js';
import { upload, SAMPLE } from '../../../test/upload.js';
import { STAFF_ROLES, PRESET_ROLES } from '../../platform/access/index.js';
import { accounts } from './schema.js';

type T = Awaited<ReturnType<typeof createTestApp>>;
let t: T;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const body = (licenceFileId: string, over: object = {}) => ({
  companyName: '测试科技有限公司',
  uscc: '91440300MA5E5A5A5A',
  legalRepresentative: '张三',
  licenceFileId,
  contactName: '李四',
  contactMobile: '13800001111',
  ...over,
});

async function queueItem(staffHeaders: Record<string, string>, summaryPart: string) {
  const q = await t.app.inject({ method: 'GET', url: '/api/ops/reviews?kind=accounts.real-name&status=in_review', headers: staffHeaders });
  expect(q.statusCode).toBe(200);
  return q.json().items.find((i: { summary: string }) => i.summary?.includes(summaryPart));
}

describe('enterprise real-name verification (实名认证), decided in the ops console', () => {
  it('submits with a licence, shows 审核中, and is verified when a reviewer approves', async () => {
    const a = await makeAccount(t.database, { realNameStatus: 'none', realNameType: null });
    const s = await accountSession(t.database, a);
    const fileId = await upload(t.app, s.headers, 'real-name-licence', '营业执照.png', SAMPLE.PNG);
    const res = await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body(fileId, { uscc: '91440300MA5E5A5A5B' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pending');
    const again = await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body(fileId, { uscc: '91440300MA5E5A5A5B' }) });
    expect(again.statusCode).toBe(409);

    const reviewer = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.reviewer]));
    const item = await queueItem(reviewer.headers, '91440300MA5E5A5A5B');
    expect(item).toBeTruthy();
    const ok = await t.app.inject({ method: 'POST', url: `/api/ops/reviews/${item.id}/approve`, headers: reviewer.headers, payload: {} });
    expect(ok.statusCode).toBe(200);
    const [acc] = await t.database.db.select().from(accounts).where(eq(accounts.id, a.id));
    expect(acc).toMatchObject({ realNameStatus: 'verified', realNameType: 'enterprise', enterpriseName: '测试科技有限公司' });
    const status = await t.app.inject({ method: 'GET', url: '/api/real-name', headers: s.headers });
    expect(status.json().application.status).toBe('verified');
  });

  it('a rejection keeps the reason and allows a new submission', async () => {
    const a = await makeAccount(t.database, { realNameStatus: 'none', realNameType: null });
    const s = await accountSession(t.database, a);
    const fileId = await upload(t.app, s.headers, 'real-name-licence', 'licence.pdf', SAMPLE.PDF);
    expect((await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body(fileId, { uscc: '91440300MA5E5A5A5C' }) })).statusCode).toBe(201);
    const staff = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.operations]));
    const item = await queueItem(staff.headers, '91440300MA5E5A5A5C');
    const noReason = await t.app.inject({ method: 'POST', url: `/api/ops/reviews/${item.id}/reject`, headers: staff.headers, payload: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const rej = await t.app.inject({ method: 'POST', url: `/api/ops/reviews/${item.id}/reject`, headers: staff.headers, payload: { reason: '营业执照不清晰' } });
    expect(rej.statusCode).toBe(200);
    const st = (await t.app.inject({ method: 'GET', url: '/api/real-name', headers: s.headers })).json();
    expect(st.status).toBe('rejected');
    expect(st.application.rejectReason).toBe('营业执照不清晰');
    const retry = await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body(fileId, { uscc: '91440300MA5E5A5A5C' }) });
    expect(retry.statusCode).toBe(201);
  });

  it('refuses a malformed USCC, a missing or foreign licence, and staff without the stage role', async () => {
    const a = await makeAccount(t.database, { realNameStatus: 'none', realNameType: null });
    const s = await accountSession(t.database, a);
    const other = await accountSession(t.database, await makeAccount(t.database));
    const foreignFile = await upload(t.app, other.headers, 'real-name-licence', 'x.png', SAMPLE.PNG);
    const bad = await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body(foreignFile, { uscc: '91440300MA5E5A5AIO' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.uscc).toBeTruthy();
    const foreign = await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body(foreignFile, { uscc: '91440300MA5E5A5A5D' }) });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().fields.licenceFileId).toBeTruthy();
    const [acc] = await t.database.db.select().from(accounts).where(eq(accounts.id, a.id));
    expect(acc!.realNameStatus).toBe('none'); // nothing half-written

    const mine = await upload(t.app, s.headers, 'real-name-licence', 'y.png', SAMPLE.PNG);
    expect((await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body(mine, { uscc: '91440300MA5E5A5A5E' }) })).statusCode).toBe(201);
    const finance = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.finance]));
    const reviewer = await staffSession(t.database, await makeStaff(t.database, [STAFF_ROLES.reviewer]));
    const item = await queueItem(reviewer.headers, '91440300MA5E5A5A5E');
    const denied = await t.app.inject({ method: 'POST', url: `/api/ops/reviews/${item.id}/approve`, headers: finance.headers, payload: {} });
    expect([403, 404]).toContain(denied.statusCode);
  });

  it('an org member cannot verify the partner account', async () => {
    const p = await makePartner(t.database);
    const m = await makeMember(t.database, p.partner.id, [PRESET_ROLES.systemAdmin]);
    const s = await memberSession(t.database, m);
    const res = await t.app.inject({ method: 'POST', url: '/api/real-name', headers: s.headers, payload: body('00000000-0000-4000-8000-000000000000') });
    expect(res.statusCode).toBe(409);
  });
});
