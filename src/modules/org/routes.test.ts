import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestApp } from '../../../test/app.js';
import { makeMember, makePartner, partnerAdminSession, memberSession, type TestSession } from '../../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import { PRESET_ROLES, P, DEFAULT_PERMISSIONS } from '../../platform/access/index.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { orgMembers } from './schema.js';

let app: FastifyInstance;
let database: Database;
let close: () => Promise<void>;
let drainJobs: () => Promise<void>;

beforeAll(async () => {
  ({ app, database, close, drainJobs } = await createTestApp());
});
afterAll(async () => close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (s: TestSession | null, method: Method, url: string, payload?: unknown) =>
  app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

async function tenant() {
  const p = await makePartner(database);
  return { ...p, admin: await partnerAdminSession(database, p) };
}

async function presetRoleIds(s: TestSession): Promise<Record<string, string>> {
  const r = await call(s, 'GET', '/api/org/roles');
  expect(r.statusCode).toBe(200);
  return Object.fromEntries((r.json().items as { presetKey: string | null; id: string }[]).filter((i) => i.presetKey).map((i) => [i.presetKey!, i.id]));
}

let seq = 0;
const body = (roleIds: string[], over: Record<string, unknown> = {}) => ({
  accountName: `route_${Date.now().toString(36)}_${seq++}`,
  password: 'Passw0rd12',
  confirmPassword: 'Passw0rd12',
  name: '张三',
  mobile: '+8613800138000',
  email: 'zs@example.com',
  roleIds,
  ...over,
});

/** Sign in through the real login route: IAM user of the tenant = the partner account's name. */
async function loginMember(tenantName: string, identifier: string, password: string) {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { portal: 'partner', mode: 'member', tenant: tenantName, identifier, password } });
  const cookie = r.cookies.find((c) => c.name === SESSION_COOKIE);
  return { r, session: cookie ? ({ headers: { cookie: `${SESSION_COOKIE}=${cookie.value}`, 'x-csrf-token': r.json().csrfToken } } as TestSession) : null };
}

describe('/api/org/members', () => {
  it('creates a 客户经理 who signs in, must change the password, and cannot open 组织成员 (403)', async () => {
    const t = await tenant();
    const ids = await presetRoleIds(t.admin);
    const created = await call(t.admin, 'POST', '/api/org/members', body([ids[PRESET_ROLES.accountManager]!], { accountName: 'am.one', landline: '' }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      accountName: 'am.one',
      mobile: '+86-13800138000',
      landline: null,
      status: 'normal',
      mustChangePassword: true,
      supervisor: null,
      roles: [{ id: ids[PRESET_ROLES.accountManager], name: '客户经理', presetKey: PRESET_ROLES.accountManager }],
    });

    const { r, session } = await loginMember(t.account.accountName, 'am.one', 'Passw0rd12');
    expect(r.statusCode).toBe(200);
    expect(r.json().mustChangePassword).toBe(true); // R29
    const denied = await call(session, 'GET', '/api/org/members');
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'access.denied']);
    expect((await call(session, 'POST', '/api/org/contacts', { name: 'x', position: 'y', mobile: '13800000000', email: 'a@b.cn' })).statusCode).toBe(403);
  });

  it('lists with the documented row shape, filters and paging', async () => {
    const t = await tenant();
    const ids = await presetRoleIds(t.admin);
    const sup = (await call(t.admin, 'POST', '/api/org/members', body([ids[PRESET_ROLES.amSupervisor]!], { name: '主管' }))).json();
    const am = (await call(t.admin, 'POST', '/api/org/members', body([ids[PRESET_ROLES.accountManager]!], { supervisorId: sup.id }))).json();
    await call(t.admin, 'POST', '/api/org/members', body([ids[PRESET_ROLES.finance]!], { name: '财务' }));

    const list = await call(t.admin, 'GET', `/api/org/members?roleId=${ids[PRESET_ROLES.accountManager]}&status=&name=&accountName=&page=1&pageSize=10`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      total: 1,
      items: [
        {
          id: am.id,
          accountName: am.accountName,
          name: '张三',
          mobile: '+86-13800138000',
          email: 'zs@example.com',
          landline: null,
          status: 'normal',
          roles: [{ id: ids[PRESET_ROLES.accountManager], name: '客户经理', presetKey: PRESET_ROLES.accountManager }],
          supervisor: { id: sup.id, name: '主管' },
          createdAt: expect.any(String),
        },
      ],
    });
    const page = (await call(t.admin, 'GET', '/api/org/members?pageSize=2&page=2')).json();
    expect([page.total, page.items.length]).toEqual([3, 1]);
    expect((await call(t.admin, 'GET', '/api/org/members?name=财')).json().total).toBe(1);
    expect((await call(t.admin, 'GET', '/api/org/members?pageSize=1000')).statusCode).toBe(400);
    expect((await call(t.admin, 'GET', '/api/org/members?status=frozen')).statusCode).toBe(400);
    expect((await call(t.admin, 'GET', '/api/org/members?bogus=1')).statusCode).toBe(400);
  });

  it('R20: refuses 4 roles with 409 and writes no member', async () => {
    const t = await tenant();
    const ids = await presetRoleIds(t.admin);
    const custom = (await call(t.admin, 'POST', '/api/org/roles', { name: '技术人员', permissions: ['构建'] })).json();
    const r = await call(t.admin, 'POST', '/api/org/members', body([ids.finance!, ids.sa!, ids.account_manager!, custom.id], { accountName: 'four' }));
    expect([r.statusCode, r.json().code]).toEqual([409, 'org.roles-count']);
    expect(r.json().message).toContain('最多可以被分配3个角色');
    expect(await database.db.select().from(orgMembers).where(eq(orgMembers.partnerId, t.partner.id))).toHaveLength(0);
  });

  it('R21 / R22 through the API', async () => {
    const t = await tenant();
    const ids = await presetRoleIds(t.admin);
    const a = await call(t.admin, 'POST', '/api/org/members', body([ids.system_admin!, ids.sa!]));
    expect([a.statusCode, a.json().code]).toEqual([409, 'org.roles-admin-exclusive']);
    const m = (await call(t.admin, 'POST', '/api/org/members', body([ids.account_manager!]))).json();
    const b = await call(t.admin, 'PUT', `/api/org/members/${m.id}/roles`, { roleIds: [ids.account_manager!, ids.am_supervisor!] });
    expect([b.statusCode, b.json().code]).toEqual([409, 'org.roles-manager-supervisor']);
    const ok = await call(t.admin, 'PUT', `/api/org/members/${m.id}/roles`, { roleIds: [ids.am_supervisor!, ids.finance!] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles.map((r: { presetKey: string }) => r.presetKey)).toEqual([PRESET_ROLES.finance, PRESET_ROLES.amSupervisor]);
  });

  it('refuses unknown fields, bad input and an account-name change (R19) with clear messages', async () => {
    const t = await tenant();
    const ids = await presetRoleIds(t.admin);
    const extra = await call(t.admin, 'POST', '/api/org/members', { ...body([ids.sa!]), isAdmin: true });
    expect([extra.statusCode, extra.json().code]).toEqual([400, 'validation']);
    expect(JSON.stringify(extra.json().fields)).toContain('isAdmin');
    expect((await call(t.admin, 'POST', '/api/org/members', body([ids.sa!], { email: 'nope' }))).statusCode).toBe(400);
    expect((await call(t.admin, 'POST', '/api/org/members', body([ids.sa!], { accountName: 'bad name!' }))).statusCode).toBe(400);
    expect((await call(t.admin, 'POST', '/api/org/members', body([ids.sa!], { name: 'x'.repeat(65) }))).statusCode).toBe(400);
    const weak = await call(t.admin, 'POST', '/api/org/members', body([ids.sa!], { password: 'abcdefgh', confirmPassword: 'abcdefgh' }));
    expect([weak.statusCode, weak.json().code, Object.keys(weak.json().fields)]).toEqual([400, 'password.weak', ['password']]);

    const m = (await call(t.admin, 'POST', '/api/org/members', body([ids.sa!], { accountName: 'fixed' }))).json();
    const rename = await call(t.admin, 'PATCH', `/api/org/members/${m.id}`, { accountName: 'renamed' });
    expect([rename.statusCode, rename.json().code, rename.json().message]).toEqual([409, 'org.account-name-immutable', '账号名提交后无法修改']);
    const en = await app.inject({ method: 'PATCH', url: `/api/org/members/${m.id}`, headers: { ...t.admin.headers, 'x-lang': 'en-US' }, payload: { accountName: 'renamed' } });
    expect(en.json().message).toBe('The account name cannot be changed after creation');
    const dup = await call(t.admin, 'POST', '/api/org/members', body([ids.sa!], { accountName: 'fixed' }));
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'org.account-name-taken']);
  });

  it('locking a member ends their session at once; reset and delete sign them out too', async () => {
    const t = await tenant();
    const ids = await presetRoleIds(t.admin);
    const m = (await call(t.admin, 'POST', '/api/org/members', body([ids.system_admin!], { accountName: 'boss' }))).json();
    const { session } = await loginMember(t.account.accountName, 'boss', 'Passw0rd12');
    expect((await call(session, 'GET', '/api/org/members')).statusCode).toBe(200);

    const locked = await call(t.admin, 'PATCH', `/api/org/members/${m.id}`, { status: 'locked' });
    expect([locked.statusCode, locked.json().status]).toEqual([200, 'locked']);
    expect((await call(session, 'GET', '/api/org/members')).statusCode).toBe(401);
    const again = await loginMember(t.account.accountName, 'boss', 'Passw0rd12');
    expect([again.r.statusCode, again.r.json().code]).toEqual([409, 'auth.member-locked']);

    await call(t.admin, 'PATCH', `/api/org/members/${m.id}`, { status: 'normal' });
    const s2 = (await loginMember(t.account.accountName, 'boss', 'Passw0rd12')).session;
    expect((await call(s2, 'GET', '/api/org/members')).statusCode).toBe(200);
    const reset = await call(t.admin, 'POST', `/api/org/members/${m.id}/reset-password`, { password: 'Brand9new', confirmPassword: 'Brand9new' });
    expect([reset.statusCode, reset.json()]).toEqual([200, { ok: true }]);
    expect((await call(s2, 'GET', '/api/org/members')).statusCode).toBe(401);
    expect((await loginMember(t.account.accountName, 'boss', 'Passw0rd12')).r.statusCode).toBe(401);
    const s3 = await loginMember(t.account.accountName, 'boss', 'Brand9new');
    expect([s3.r.statusCode, s3.r.json().mustChangePassword]).toEqual([200, true]);

    const del = await call(t.admin, 'DELETE', `/api/org/members/${m.id}`);
    expect([del.statusCode, del.json()]).toEqual([200, { ok: true }]);
    expect((await call(s3.session, 'GET', '/api/org/members')).statusCode).toBe(401);
    expect((await call(t.admin, 'GET', `/api/org/members/${m.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for another partner’s member, role and contact', async () => {
    const t = await tenant();
    const other = await tenant();
    const ids = await presetRoleIds(other.admin);
    const theirs = (await call(other.admin, 'POST', '/api/org/members', body([ids.sa!]))).json();
    const theirRole = (await call(other.admin, 'POST', '/api/org/roles', { name: '他们', permissions: ['构建'] })).json();
    const theirContact = (await call(other.admin, 'POST', '/api/org/contacts', { name: '赵', position: '经理', mobile: '13900000000', email: 'z@example.com' })).json();
    const attempts: [Method, string, unknown?][] = [
      ['GET', `/api/org/members/${theirs.id}`],
      ['PATCH', `/api/org/members/${theirs.id}`, { status: 'locked' }],
      ['PUT', `/api/org/members/${theirs.id}/roles`, { roleIds: [ids.finance] }],
      ['POST', `/api/org/members/${theirs.id}/reset-password`, { password: 'Passw0rd99', confirmPassword: 'Passw0rd99' }],
      ['DELETE', `/api/org/members/${theirs.id}`],
      ['PATCH', `/api/org/roles/${theirRole.id}`, { name: 'x' }],
      ['DELETE', `/api/org/roles/${theirRole.id}`],
      ['GET', `/api/org/roles/${theirRole.id}/members`],
      ['PATCH', `/api/org/contacts/${theirContact.id}`, { name: 'x' }],
      ['DELETE', `/api/org/contacts/${theirContact.id}`],
    ];
    for (const [method, url, payload] of attempts) {
      const r = await call(t.admin, method, url, payload);
      expect([method, url, r.statusCode]).toEqual([method, url, 404]);
    }
    expect((await call(other.admin, 'GET', `/api/org/members/${theirs.id}`)).json().status).toBe('normal');
    expect((await call(other.admin, 'GET', '/api/org/contacts')).json().items).toHaveLength(1);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const p of ['/api/org/members', '/api/org/members/{id}/roles', '/api/org/roles', '/api/org/permissions', '/api/org/contacts/{id}']) expect(paths).toContain(p);
  });

  it('needs a signed-in partner', async () => {
    expect((await call(null, 'GET', '/api/org/members')).statusCode).toBe(401);
    expect((await call(null, 'GET', '/api/org/roles')).statusCode).toBe(401);
  });
});

describe('/api/org/roles and /api/org/permissions', () => {
  it('serves the tree and defaults, creates, edits and deletes custom roles with the rules', async () => {
    const t = await tenant();
    const perms = await call(t.admin, 'GET', '/api/org/permissions');
    expect(perms.statusCode).toBe(200);
    expect(perms.json().defaults).toEqual([...DEFAULT_PERMISSIONS]);
    expect(perms.json().tree.find((n: { path: string }) => n.path === '组织').children.map((c: { path: string }) => c.path)).toContain(P.orgMembers);

    const created = await call(t.admin, 'POST', '/api/org/roles', { name: '交付', description: '交付相关', permissions: ['交付'] });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ name: '交付', description: '交付相关', preset: false, presetKey: null, memberCount: 0, locked: false });
    expect(role.permissions).toEqual(expect.arrayContaining(['交付 > 项目管理', '交付 > 基线解决方案 > 项目交付评价', ...DEFAULT_PERMISSIONS]));

    const unknown = await call(t.admin, 'POST', '/api/org/roles', { name: 'x', permissions: ['不存在'] });
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'org.permission-unknown']);
    const presetName = await call(t.admin, 'POST', '/api/org/roles', { name: '财务专员', permissions: ['交付'] });
    expect([presetName.statusCode, presetName.json().code]).toEqual([409, 'org.role-name-taken']);

    const list = (await call(t.admin, 'GET', '/api/org/roles')).json();
    expect(list.customLimit).toBe(10);
    expect(list.items).toHaveLength(6);
    const finance = list.items.find((r: { presetKey: string }) => r.presetKey === PRESET_ROLES.finance);
    const presetEdit = await call(t.admin, 'PATCH', `/api/org/roles/${finance.id}`, { description: 'x' });
    expect([presetEdit.statusCode, presetEdit.json().code]).toEqual([409, 'org.role-preset-readonly']);
    expect((await call(t.admin, 'DELETE', `/api/org/roles/${finance.id}`)).statusCode).toBe(409);

    const edited = await call(t.admin, 'PATCH', `/api/org/roles/${role.id}`, { name: '交付经理', permissions: [P.cases] });
    expect([edited.statusCode, edited.json().name]).toEqual([200, '交付经理']);
    expect(edited.json().permissions).not.toContain('交付 > 项目管理');

    const m = (await call(t.admin, 'POST', '/api/org/members', body([role.id]))).json();
    const members = await call(t.admin, 'GET', `/api/org/roles/${role.id}/members`);
    expect(members.json()).toEqual({ items: [{ id: m.id, accountName: m.accountName, name: '张三', status: 'normal' }] });
    const inUse = await call(t.admin, 'DELETE', `/api/org/roles/${role.id}`);
    expect([inUse.statusCode, inUse.json().code, inUse.json().params]).toEqual([409, 'org.role-in-use', { memberCount: 1 }]);
    await call(t.admin, 'DELETE', `/api/org/members/${m.id}`);
    expect((await call(t.admin, 'DELETE', `/api/org/roles/${role.id}`)).statusCode).toBe(200);
  });

  it('marks the roles locked for a member under qualification review (R25)', async () => {
    const t = await tenant();
    const m = await makeMember(database, t.partner.id, [PRESET_ROLES.sa, PRESET_ROLES.finance], { qualificationReviewPending: true });
    const list = (await call(t.admin, 'GET', `/api/org/roles?memberId=${m.id}`)).json();
    expect(list.items.filter((r: { locked: boolean }) => r.locked).map((r: { presetKey: string }) => r.presetKey)).toEqual([PRESET_ROLES.sa]);
    const ids = await presetRoleIds(t.admin);
    const r = await call(t.admin, 'PUT', `/api/org/members/${m.id}/roles`, { roleIds: [ids.finance] });
    expect([r.statusCode, r.json().code]).toEqual([409, 'org.role-locked']);
  });
});

describe('/api/org/contacts', () => {
  it('CRUD with the limit of 5 (R28)', async () => {
    const t = await tenant();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call(t.admin, 'POST', '/api/org/contacts', { name: `联系人${i}`, position: '架构师', mobile: '13800138000', email: `c${i}@example.com` });
      expect(r.statusCode).toBe(201);
      ids.push(r.json().id);
    }
    const sixth = await call(t.admin, 'POST', '/api/org/contacts', { name: '六', position: '架构师', mobile: '13800138000', email: 'c6@example.com' });
    expect([sixth.statusCode, sixth.json().code, sixth.json().message]).toEqual([409, 'org.contact-limit', '伙伴最多创建5个客户联系人']);
    const missing = await call(t.admin, 'POST', '/api/org/contacts', { name: '七', mobile: '13800138000', email: 'c7@example.com' });
    expect(missing.statusCode).toBe(400);
    const edited = await call(t.admin, 'PATCH', `/api/org/contacts/${ids[0]}`, { landline: '010-88886666' });
    expect([edited.statusCode, edited.json().landline]).toEqual([200, '010-88886666']);
    expect((await call(t.admin, 'DELETE', `/api/org/contacts/${ids[0]}`)).statusCode).toBe(200);
    const list = (await call(t.admin, 'GET', '/api/org/contacts')).json();
    expect([list.items.length, list.limit]).toEqual([4, 5]);
  });

  it('a member with a custom role holding 组织 > 组织成员 may manage contacts', async () => {
    const t = await tenant();
    const role = (await call(t.admin, 'POST', '/api/org/roles', { name: '组织管理', permissions: [P.orgMembers] })).json();
    const m = await makeMember(database, t.partner.id, []);
    expect((await call(t.admin, 'PUT', `/api/org/members/${m.id}/roles`, { roleIds: [role.id] })).statusCode).toBe(200);
    const s = await memberSession(database, m);
    expect((await call(s, 'GET', '/api/org/contacts')).statusCode).toBe(200);
  });
});

describe('导出 (export kind org.members)', () => {
  it('exports the filtered member list as CSV; a 客户经理 may not export it', async () => {
    const t = await tenant();
    const ids = await presetRoleIds(t.admin);
    await call(t.admin, 'POST', '/api/org/members', body([ids.finance!], { accountName: 'fin.a', name: '财务甲' }));
    await call(t.admin, 'POST', '/api/org/members', body([ids.sa!], { accountName: 'sa.b', name: 'SA乙' }));
    const req = await call(t.admin, 'POST', '/api/exports', { kind: 'org.members', format: 'csv', params: { roleId: ids.finance } });
    expect(req.statusCode).toBe(201);
    await drainJobs();
    const dl = await call(t.admin, 'GET', `/api/exports/${req.json().export.id}/download`);
    expect(dl.statusCode).toBe(200);
    const lines = dl.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('账号名,姓名,手机号码,电子邮箱,固定电话,角色,状态,客户经理主管,创建时间');
    expect(lines).toHaveLength(2);
    // the CSV writer defuses cells starting with "+" (formula injection), so the mobile reads '+86-…
    expect(lines[1]).toMatch(/^fin\.a,财务甲,'?\+86-13800138000,zs@example\.com,,财务专员,正常,,/);

    const am = await makeMember(database, t.partner.id, [PRESET_ROLES.accountManager]);
    const denied = await call(await memberSession(database, am), 'POST', '/api/exports', { kind: 'org.members', format: 'csv' });
    expect(denied.statusCode).toBe(403);
  });
});
