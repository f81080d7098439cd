import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db.js';
import { makeMember, makePartner, TEST_PASSWORD } from '../../../test/fixtures.js';
import type { Database } from '../../platform/db/index.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { DEFAULT_PERMISSIONS, MENU_LEAVES, P, PRESET_ROLES } from '../../platform/access/index.js';
import { createSession, type SubjectKind } from '../../platform/auth/sessions.js';
import { sessions } from '../../platform/auth/schema.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { auditLog } from '../../platform/audit/schema.js';
import { resolveActor } from '../../server/actor.js';
import { customerContacts, memberRoles, orgMembers, roles } from './schema.js';
import { ensurePresetRoles } from './preset-roles.js';
import * as org from './service.js';
import { refusal } from '../../../test/refusal.js';

const PW = 'NewPassw0rd';
let database: Database;
let presetIds: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensurePresetRoles(database.db);
  const rs = await database.db.select().from(roles);
  presetIds = Object.fromEntries(rs.filter((r) => r.presetKey).map((r) => [r.presetKey!, r.id]));
});
afterAll(async () => database.close());

/** A context whose actor comes from a real session, as on a request. */
async function ctxOf(kind: SubjectKind, id: string, partnerId: string): Promise<Ctx> {
  const { row } = await createSession(database.db, { subjectKind: kind, subjectId: id, partnerId, portal: 'partner' });
  const actor = await resolveActor(database.db, row);
  if (!actor) throw new Error('no actor');
  return {
    db: database.db,
    actor,
    lang: 'zh-CN',
    ip: '127.0.0.1',
    requestId: randomUUID(),
    sessionId: row.id,
    deps: { queue: { send: async () => null }, publicUrl: 'http://localhost' } as unknown as Ctx['deps'], // unused by this module
  };
}

async function tenant() {
  const p = await makePartner(database);
  const admin = await ctxOf('account', p.account.id, p.partner.id);
  return { ...p, admin };
}


let seq = 0;
const newMember = (roleIds: string[], over: Partial<org.CreateMember> = {}): org.CreateMember => ({
  accountName: `user_${Date.now().toString(36)}_${seq++}`,
  password: PW,
  confirmPassword: PW,
  name: '张三',
  mobile: '13800138000',
  email: 'Zhang.San@Example.com',
  roleIds,
  ...over,
});

const memberRows = async (partnerId: string) => database.db.select().from(orgMembers).where(eq(orgMembers.partnerId, partnerId));
const sessionCount = async (memberId: string) =>
  (await database.db.select().from(sessions).where(and(eq(sessions.subjectKind, 'member'), eq(sessions.subjectId, memberId)))).length;

describe('create member (op 13)', () => {
  it('creates a member with roles, normalised contact data and mustChangePassword (R29)', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.finance!], { landline: '010-12345678' }));
    expect(m).toMatchObject({ name: '张三', mobile: '+86-13800138000', email: 'zhang.san@example.com', landline: '010-12345678', status: 'normal', mustChangePassword: true });
    expect(m.roles).toEqual([{ id: presetIds.finance, name: '财务专员', presetKey: PRESET_ROLES.finance }]);
    const [row] = await database.db.select().from(orgMembers).where(eq(orgMembers.id, m.id));
    expect(await verifyPassword(row!.passwordHash, PW)).toBe(true);
    expect(row!.mustChangePassword).toBe(true);
  });

  it('never writes the password or its hash to the audit trail', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.sa!]));
    await org.resetMemberPassword(t.admin, m.id, { password: 'Another1pass', confirmPassword: 'Another1pass' });
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.objectId, m.id));
    expect(entries.map((e) => e.action).sort()).toEqual(['org.member.created', 'org.member.password-reset']);
    const text = JSON.stringify(entries.map((e) => [e.before, e.after]));
    expect(text).toContain('+86-13800138000'); // the audit does record the member's data
    expect(text).not.toContain(PW);
    expect(text).not.toContain('Another1pass');
    expect(text).not.toContain('argon2');
  });

  it('refuses a weak password and a mismatched confirmation, writing nothing', async () => {
    const t = await tenant();
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.sa!], { password: 'short1', confirmPassword: 'short1' })))).code).toBe('password.weak');
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.sa!], { confirmPassword: 'Different1' })))).code).toBe('password.mismatch');
    expect(await memberRows(t.partner.id)).toHaveLength(0);
  });

  it('refuses bad account names, e-mails and mobiles', async () => {
    const t = await tenant();
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.sa!], { accountName: 'has space' })))).code).toBe('org.account-name-invalid');
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.sa!], { accountName: 'x'.repeat(65) })))).code).toBe('org.account-name-invalid');
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.sa!], { email: 'not-an-email' })))).code).toBe('org.email-invalid');
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.sa!], { mobile: 'abc' })))).code).toBe('org.mobile-invalid');
    expect(await memberRows(t.partner.id)).toHaveLength(0);
  });
});

describe('R19: the account name is unique in the partner and immutable', () => {
  it('refuses a second member with the same account name in the partner, not in another partner', async () => {
    const t = await tenant();
    const other = await tenant();
    await org.createMember(t.admin, newMember([presetIds.sa!], { accountName: 'li.si@corp' }));
    const e = await refusal(org.createMember(t.admin, newMember([presetIds.sa!], { accountName: 'li.si@corp' })));
    expect([e.status, e.code]).toEqual([409, 'org.account-name-taken']);
    expect(await memberRows(t.partner.id)).toHaveLength(1);
    await org.createMember(other.admin, newMember([presetIds.sa!], { accountName: 'li.si@corp' }));
  });

  it('refuses a change of account name with a clear message and accepts the unchanged one', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.sa!], { accountName: 'wang_wu' }));
    const e = await refusal(org.updateMember(t.admin, m.id, { accountName: 'wang_liu', name: '王六' }));
    expect([e.status, e.code]).toEqual([409, 'org.account-name-immutable']);
    expect(e.text.zh).toContain('无法修改');
    const after = await org.getMember(t.admin, m.id);
    expect([after.accountName, after.name]).toEqual(['wang_wu', '张三']); // nothing half-written
    const ok = await org.updateMember(t.admin, m.id, { accountName: 'wang_wu', name: '王五' });
    expect([ok.accountName, ok.name]).toEqual(['wang_wu', '王五']);
  });
});

describe('role rules on create and assign (R20–R22)', () => {
  it('R20: refuses 0 or 4 roles and leaves no member row behind', async () => {
    const t = await tenant();
    const custom = await org.createRole(t.admin, { name: '技术人员', permissions: ['构建'] });
    const four = [presetIds.finance!, presetIds.sa!, presetIds.account_manager!, custom.id];
    const e = await refusal(org.createMember(t.admin, newMember(four)));
    expect([e.status, e.code]).toEqual([409, 'org.roles-count']);
    expect((await refusal(org.createMember(t.admin, newMember([])))).code).toBe('org.roles-count');
    expect(await memberRows(t.partner.id)).toHaveLength(0);
    // three is fine
    const m = await org.createMember(t.admin, newMember(four.slice(0, 3)));
    expect(m.roles).toHaveLength(3);
    // and assigning four later is refused without touching the current roles
    expect((await refusal(org.assignRoles(t.admin, m.id, { roleIds: four }))).code).toBe('org.roles-count');
    expect((await refusal(org.assignRoles(t.admin, m.id, { roleIds: [] }))).code).toBe('org.roles-count');
    expect((await org.getMember(t.admin, m.id)).roles.map((r) => r.id).sort()).toEqual(four.slice(0, 3).sort());
  });

  it('R20: a repeated role id counts once', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.sa!, presetIds.sa!]));
    expect(m.roles).toHaveLength(1);
  });

  it('R21: 系统管理员 combines with no other role', async () => {
    const t = await tenant();
    const e = await refusal(org.createMember(t.admin, newMember([presetIds.system_admin!, presetIds.finance!])));
    expect([e.status, e.code]).toEqual([409, 'org.roles-admin-exclusive']);
    expect(await memberRows(t.partner.id)).toHaveLength(0);
    const m = await org.createMember(t.admin, newMember([presetIds.system_admin!]));
    expect((await refusal(org.assignRoles(t.admin, m.id, { roleIds: [presetIds.system_admin!, presetIds.sa!] }))).code).toBe('org.roles-admin-exclusive');
    expect((await org.getMember(t.admin, m.id)).roles.map((r) => r.presetKey)).toEqual([PRESET_ROLES.systemAdmin]);
  });

  it('R22: 客户经理 and 客户经理主管 cannot be combined', async () => {
    const t = await tenant();
    const e = await refusal(org.createMember(t.admin, newMember([presetIds.account_manager!, presetIds.am_supervisor!])));
    expect([e.status, e.code]).toEqual([409, 'org.roles-manager-supervisor']);
    const m = await org.createMember(t.admin, newMember([presetIds.account_manager!]));
    expect((await refusal(org.assignRoles(t.admin, m.id, { roleIds: [presetIds.account_manager!, presetIds.am_supervisor!] }))).code).toBe(
      'org.roles-manager-supervisor',
    );
    // each with another role is fine
    await org.assignRoles(t.admin, m.id, { roleIds: [presetIds.am_supervisor!, presetIds.finance!] });
  });

  it('refuses another partner’s custom role and unknown role ids', async () => {
    const t = await tenant();
    const other = await tenant();
    const foreign = await org.createRole(other.admin, { name: '外部', permissions: ['构建'] });
    expect((await refusal(org.createMember(t.admin, newMember([foreign.id])))).code).toBe('org.role-not-found');
    expect((await refusal(org.createMember(t.admin, newMember([randomUUID()])))).code).toBe('org.role-not-found');
    expect(await memberRows(t.partner.id)).toHaveLength(0);
  });
});

describe('supervisors (R24)', () => {
  it('links a 客户经理 to a 客户经理主管 of the same partner only', async () => {
    const t = await tenant();
    const other = await tenant();
    const sup = await org.createMember(t.admin, newMember([presetIds.am_supervisor!], { name: '主管' }));
    const foreignSup = await org.createMember(other.admin, newMember([presetIds.am_supervisor!]));
    const notSup = await org.createMember(t.admin, newMember([presetIds.finance!]));
    const am = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup.id }));
    expect(am.supervisor).toEqual({ id: sup.id, name: '主管' });
    expect((await org.getMember(t.admin, sup.id)).managers).toEqual([{ id: am.id, name: '张三' }]);

    expect((await refusal(org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: foreignSup.id })))).code).toBe(
      'org.supervisor-not-found',
    );
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: notSup.id })))).code).toBe(
      'org.supervisor-not-supervisor',
    );
    expect((await refusal(org.createMember(t.admin, newMember([presetIds.finance!], { supervisorId: sup.id })))).code).toBe(
      'org.supervisor-needs-manager',
    );
    expect(await memberRows(t.partner.id)).toHaveLength(3);
  });

  it('removing 客户经理主管 unassigns their managers; other supervisors’ managers keep theirs', async () => {
    const t = await tenant();
    const sup = await org.createMember(t.admin, newMember([presetIds.am_supervisor!]));
    const sup2 = await org.createMember(t.admin, newMember([presetIds.am_supervisor!]));
    const a1 = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup.id }));
    const a2 = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup.id }));
    const a3 = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup2.id }));
    // keeping the role keeps the managers
    await org.assignRoles(t.admin, sup.id, { roleIds: [presetIds.am_supervisor!, presetIds.finance!] });
    expect((await org.getMember(t.admin, a1.id)).supervisor?.id).toBe(sup.id);
    // removing it releases them
    await org.assignRoles(t.admin, sup.id, { roleIds: [presetIds.finance!] });
    expect((await org.getMember(t.admin, a1.id)).supervisor).toBeNull();
    expect((await org.getMember(t.admin, a2.id)).supervisor).toBeNull();
    expect((await org.getMember(t.admin, a3.id)).supervisor?.id).toBe(sup2.id);
    expect((await org.getMember(t.admin, sup.id)).managers).toEqual([]);
  });

  it('deleting a supervisor unassigns their managers', async () => {
    const t = await tenant();
    const sup = await org.createMember(t.admin, newMember([presetIds.am_supervisor!]));
    const a1 = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup.id }));
    await org.deleteMember(t.admin, sup.id);
    expect((await org.getMember(t.admin, a1.id)).supervisor).toBeNull();
  });

  it('assign: undefined keeps the supervisor, null clears it, losing 客户经理 clears it', async () => {
    const t = await tenant();
    const sup = await org.createMember(t.admin, newMember([presetIds.am_supervisor!]));
    const am = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup.id }));
    expect((await org.assignRoles(t.admin, am.id, { roleIds: [presetIds.account_manager!, presetIds.sa!] })).supervisor?.id).toBe(sup.id);
    expect((await org.assignRoles(t.admin, am.id, { roleIds: [presetIds.account_manager!], supervisorId: null })).supervisor).toBeNull();
    await org.assignRoles(t.admin, am.id, { roleIds: [presetIds.account_manager!], supervisorId: sup.id });
    expect((await org.assignRoles(t.admin, am.id, { roleIds: [presetIds.sa!] })).supervisor).toBeNull();
  });
});

describe('R25: roles locked while a qualification review is pending', () => {
  it('keeps 客户经理 / SA专员 while pending, lets other roles change, frees them afterwards', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.account_manager!, presetIds.sa!]));
    await org.setQualificationReviewPending(database.db, m.id, true);
    expect(await org.hasPendingQualificationReview(database.db, m.id)).toBe(true);

    const detail = await org.getMember(t.admin, m.id);
    expect(detail.lockedRoleIds.sort()).toEqual([presetIds.account_manager!, presetIds.sa!].sort());
    const listed = await org.listRoles(t.admin, { memberId: m.id });
    expect(listed.items.filter((r) => r.locked).map((r) => r.presetKey).sort()).toEqual([PRESET_ROLES.accountManager, PRESET_ROLES.sa].sort());

    const e = await refusal(org.assignRoles(t.admin, m.id, { roleIds: [presetIds.sa!] }));
    expect([e.status, e.code]).toEqual([409, 'org.role-locked']);
    expect(e.params).toEqual({ roleIds: [presetIds.account_manager] });
    expect((await org.getMember(t.admin, m.id)).roles).toHaveLength(2);
    // adding a role while keeping the locked ones is fine
    expect((await org.assignRoles(t.admin, m.id, { roleIds: [presetIds.account_manager!, presetIds.sa!, presetIds.finance!] })).roles).toHaveLength(3);

    await org.setQualificationReviewPending(database.db, m.id, false);
    expect((await org.getMember(t.admin, m.id)).lockedRoleIds).toEqual([]);
    expect((await org.assignRoles(t.admin, m.id, { roleIds: [presetIds.finance!] })).roles).toHaveLength(1);
  });

  it('locks nothing for a member without a pending review', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.account_manager!]));
    expect(await org.hasPendingQualificationReview(database.db, m.id)).toBe(false);
    expect((await org.listRoles(t.admin, { memberId: m.id })).items.some((r) => r.locked)).toBe(false);
    await org.assignRoles(t.admin, m.id, { roleIds: [presetIds.finance!] });
  });
});

describe('modify, lock, reset, delete (ops 15–17)', () => {
  it('locking deletes the member’s sessions; unlocking lets them sign in again', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.finance!]));
    await ctxOf('member', m.id, t.partner.id);
    await ctxOf('member', m.id, t.partner.id);
    expect(await sessionCount(m.id)).toBe(2);
    const locked = await org.updateMember(t.admin, m.id, { status: 'locked' });
    expect(locked.status).toBe('locked');
    expect(await sessionCount(m.id)).toBe(0);
    // a session made afterwards resolves to no actor while locked (server/actor.ts)
    const { row } = await createSession(database.db, { subjectKind: 'member', subjectId: m.id, partnerId: t.partner.id, portal: 'partner' });
    expect(await resolveActor(database.db, row)).toBeNull();
    await org.updateMember(t.admin, m.id, { status: 'normal' });
    expect(await resolveActor(database.db, row)).not.toBeNull();
  });

  it('edits name, mobile, e-mail and landline; clears the landline with null', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.finance!], { landline: '0755-1234567' }));
    const u = await org.updateMember(t.admin, m.id, { name: '李四', mobile: '+85291234567', email: 'li@example.com', landline: null });
    expect(u).toMatchObject({ name: '李四', mobile: '+852-91234567', email: 'li@example.com', landline: null });
  });

  it('resets the password: new hash, must change at next sign-in, signed out everywhere', async () => {
    const t = await tenant();
    const m = await makeMember(database, t.partner.id, [PRESET_ROLES.finance]);
    await ctxOf('member', m.id, t.partner.id);
    expect((await refusal(org.resetMemberPassword(t.admin, m.id, { password: 'Abcdefg1', confirmPassword: 'Abcdefg2' }))).code).toBe('password.mismatch');
    await org.resetMemberPassword(t.admin, m.id, { password: 'Abcdefg1', confirmPassword: 'Abcdefg1' });
    const [row] = await database.db.select().from(orgMembers).where(eq(orgMembers.id, m.id));
    expect(await verifyPassword(row!.passwordHash, 'Abcdefg1')).toBe(true);
    expect(await verifyPassword(row!.passwordHash, TEST_PASSWORD)).toBe(false);
    expect(row!.mustChangePassword).toBe(true);
    expect(await sessionCount(m.id)).toBe(0);
  });

  it('deletes a member with their roles and sessions', async () => {
    const t = await tenant();
    const m = await org.createMember(t.admin, newMember([presetIds.finance!]));
    await ctxOf('member', m.id, t.partner.id);
    await org.deleteMember(t.admin, m.id);
    expect(await memberRows(t.partner.id)).toHaveLength(0);
    expect(await database.db.select().from(memberRoles).where(eq(memberRoles.memberId, m.id))).toHaveLength(0);
    expect(await sessionCount(m.id)).toBe(0);
    expect((await refusal(org.getMember(t.admin, m.id))).status).toBe(404);
  });

  it('a member cannot lock or delete themselves', async () => {
    const t = await tenant();
    const me = await makeMember(database, t.partner.id, [PRESET_ROLES.systemAdmin]);
    const ctx = await ctxOf('member', me.id, t.partner.id);
    expect((await refusal(org.updateMember(ctx, me.id, { status: 'locked' }))).code).toBe('org.member-self-lock');
    expect((await refusal(org.deleteMember(ctx, me.id))).code).toBe('org.member-self-delete');
  });
});

describe('tenant isolation', () => {
  it('another partner’s member, role and contact answer 404 and are never listed', async () => {
    const t = await tenant();
    const other = await tenant();
    const theirs = await org.createMember(other.admin, newMember([presetIds.finance!]));
    const theirRole = await org.createRole(other.admin, { name: '他们的角色', permissions: ['构建'] });
    const theirContact = await org.createContact(other.admin, { name: '赵六', position: '经理', mobile: '13900000000', email: 'z@example.com' });

    for (const attempt of [
      () => org.getMember(t.admin, theirs.id),
      () => org.updateMember(t.admin, theirs.id, { name: 'x' }),
      () => org.updateMember(t.admin, theirs.id, { status: 'locked' }),
      () => org.assignRoles(t.admin, theirs.id, { roleIds: [presetIds.sa!] }),
      () => org.resetMemberPassword(t.admin, theirs.id, { password: PW, confirmPassword: PW }),
      () => org.deleteMember(t.admin, theirs.id),
      () => org.getRole(t.admin, theirRole.id),
      () => org.updateRole(t.admin, theirRole.id, { name: 'x' }),
      () => org.deleteRole(t.admin, theirRole.id),
      () => org.roleMembers(t.admin, theirRole.id),
      () => org.updateContact(t.admin, theirContact.id, { name: 'x' }),
      () => org.deleteContact(t.admin, theirContact.id),
      () => org.listRoles(t.admin, { memberId: theirs.id }),
      () => org.getMember(t.admin, 'not-a-uuid'),
    ]) {
      const e = await refusal(attempt());
      expect([e.status, e.code]).toEqual([404, 'not-found']);
    }
    expect((await org.getMember(other.admin, theirs.id)).name).toBe('张三'); // untouched
    expect((await org.listMembers(t.admin)).total).toBe(0);
    expect((await org.listRoles(t.admin)).items.map((r) => r.id)).not.toContain(theirRole.id);
    expect((await org.listContacts(t.admin)).items).toEqual([]);
  });
});

describe('member list (op 14)', () => {
  it('filters by role, status, name and account name, and pages in SQL', async () => {
    const t = await tenant();
    const custom = await org.createRole(t.admin, { name: '技术人员', permissions: ['构建'] });
    const created: org.MemberDetail[] = [];
    for (let i = 0; i < 12; i++) {
      created.push(
        await org.createMember(
          t.admin,
          newMember([i % 3 === 0 ? custom.id : presetIds.finance!], { accountName: `acc_${String(i).padStart(2, '0')}`, name: i === 5 ? '王_五%' : `成员${i}` }),
        ),
      );
    }
    await org.updateMember(t.admin, created[1]!.id, { status: 'locked' });

    const all = await org.listMembers(t.admin, { pageSize: 5 });
    expect(all.total).toBe(12);
    expect(all.items.map((m) => m.accountName)).toEqual(['acc_11', 'acc_10', 'acc_09', 'acc_08', 'acc_07']); // newest first
    const page3 = await org.listMembers(t.admin, { pageSize: 5, page: 3 });
    expect(page3.items.map((m) => m.accountName)).toEqual(['acc_01', 'acc_00']);

    const byRole = await org.listMembers(t.admin, { roleId: custom.id, pageSize: 100 });
    expect(byRole.total).toBe(4);
    expect(byRole.items.every((m) => m.roles.some((r) => r.id === custom.id && r.name === '技术人员' && r.presetKey === null))).toBe(true);
    expect((await org.listMembers(t.admin, { status: 'locked' })).items.map((m) => m.id)).toEqual([created[1]!.id]);
    expect((await org.listMembers(t.admin, { status: 'normal' })).total).toBe(11);
    expect((await org.listMembers(t.admin, { name: '员1' })).items.map((m) => m.accountName).sort()).toEqual(['acc_01', 'acc_10', 'acc_11']);
    expect((await org.listMembers(t.admin, { name: '_五%' })).items.map((m) => m.accountName)).toEqual(['acc_05']); // wildcards are literal
    expect((await org.listMembers(t.admin, { name: '%' })).total).toBe(1);
    expect((await org.listMembers(t.admin, { accountName: 'ACC_0' })).total).toBe(10);
    expect((await org.listMembers(t.admin, { roleId: custom.id, status: 'normal', name: '成员' })).total).toBe(4);
  });

  it('streams the export rows in keyset batches: every match once, newest first', async () => {
    const t = await tenant();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await org.createMember(t.admin, newMember([i === 3 ? presetIds.sa! : presetIds.finance!]))).id);
    const got: string[] = [];
    for await (const m of org.memberExportRows(database.db, t.partner.id, 'zh-CN', {}, 2)) got.push(m.id);
    expect(got).toEqual([...made].reverse());
    const finance: string[] = [];
    for await (const m of org.memberExportRows(database.db, t.partner.id, 'zh-CN', { roleId: presetIds.finance! }, 2)) finance.push(m.id);
    expect(finance).toEqual(made.filter((_, i) => i !== 3).reverse());
  });

  it('has an index for each list filter and the list order', async () => {
    const idx = JSON.stringify(await database.db.execute(sql`select indexname from pg_indexes where tablename in ('org_members', 'member_roles')`));
    for (const n of ['org_members_partner_created_idx', 'org_members_partner_status_idx', 'org_members_partner_name_idx', 'org_members_partner_account_uq', 'member_roles_role_idx'])
      expect(idx).toContain(n);
  });
});

describe('roles (ops 19–20, R26–R27)', () => {
  it('lists the five preset roles with counts for this partner only, then custom roles', async () => {
    const t = await tenant();
    const other = await tenant();
    await org.createMember(t.admin, newMember([presetIds.finance!]));
    await org.createMember(other.admin, newMember([presetIds.finance!]));
    await org.createMember(other.admin, newMember([presetIds.finance!]));
    const custom = await org.createRole(t.admin, { name: '技术人员', permissions: ['构建'] });
    const list = await org.listRoles(t.admin);
    expect(list.customLimit).toBe(10);
    expect(list.items.map((r) => r.name)).toEqual(['系统管理员', '财务专员', 'SA专员', '客户经理主管', '客户经理', '技术人员']);
    expect(list.items.find((r) => r.presetKey === PRESET_ROLES.finance)!.memberCount).toBe(1);
    expect(list.items.find((r) => r.id === custom.id)).toMatchObject({ preset: false, memberCount: 0 });
    const en = await org.listRoles({ ...t.admin, lang: 'en-US' });
    expect(en.items[0]!.name).toBe('System administrator');
  });

  it('expands a chosen branch to its leaves and adds the default permissions (R26)', async () => {
    const t = await tenant();
    const r = await org.createRole(t.admin, { name: '销售客户', description: '客户相关', permissions: ['销售 > 客户', P.funds] });
    const customerLeaves = MENU_LEAVES.filter((l) => l.path.startsWith('销售 > 客户 > ')).map((l) => l.path);
    expect(customerLeaves.length).toBeGreaterThan(3);
    expect(r.permissions).toEqual([...new Set([...customerLeaves, P.funds, ...DEFAULT_PERMISSIONS])].sort());
    expect(r.permissions).not.toContain('销售 > 客户'); // branches are not permissions
    // a single leaf still gets the defaults
    const single = await org.createRole(t.admin, { name: '单一', permissions: [P.cases] });
    expect(single.permissions).toEqual([...new Set([P.cases, ...DEFAULT_PERMISSIONS])].sort());
  });

  it('refuses unknown paths and an empty choice', async () => {
    const t = await tenant();
    const e = await refusal(org.createRole(t.admin, { name: 'x', permissions: ['销售 > 不存在', '构建'] }));
    expect([e.status, e.code]).toEqual([400, 'org.permission-unknown']);
    expect(e.params).toEqual({ paths: '销售 > 不存在' });
    expect((await refusal(org.createRole(t.admin, { name: 'x', permissions: [] }))).code).toBe('org.permissions-required');
    expect((await org.listRoles(t.admin)).items).toHaveLength(5);
  });

  it('keeps names unique in the partner, preset names included, whatever the case', async () => {
    const t = await tenant();
    const other = await tenant();
    await org.createRole(t.admin, { name: 'Ops Team', permissions: ['构建'] });
    for (const name of ['ops team', ' OPS TEAM ', '客户经理', 'account manager'])
      expect((await refusal(org.createRole(t.admin, { name, permissions: ['构建'] }))).code).toBe('org.role-name-taken');
    await org.createRole(other.admin, { name: 'Ops Team', permissions: ['构建'] });
    const second = await org.createRole(t.admin, { name: 'Second', permissions: ['构建'] });
    expect((await refusal(org.updateRole(t.admin, second.id, { name: 'OPS team' }))).code).toBe('org.role-name-taken');
    expect((await org.updateRole(t.admin, second.id, { name: 'second' })).name).toBe('second'); // its own name, recased
  });

  it('allows 10 custom roles per partner and refuses the 11th (R26)', async () => {
    const t = await tenant();
    for (let i = 0; i < 10; i++) await org.createRole(t.admin, { name: `r${i}`, permissions: ['构建'] });
    const e = await refusal(org.createRole(t.admin, { name: 'r10', permissions: ['构建'] }));
    expect([e.status, e.code, e.params]).toEqual([409, 'org.custom-role-limit', { max: 10 }]);
    const other = await tenant();
    await org.createRole(other.admin, { name: 'r10', permissions: ['构建'] }); // the limit is per partner
  });

  it('holds the limit of 10 under concurrent creation', async () => {
    const t = await tenant();
    const results = await Promise.allSettled(Array.from({ length: 14 }, (_, i) => org.createRole(t.admin, { name: `c${i}`, permissions: ['构建'] })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('org.custom-role-limit');
    expect((await database.db.select().from(roles).where(eq(roles.partnerId, t.partner.id))).length).toBe(10);
  });

  it('preset roles are read-only (409)', async () => {
    const t = await tenant();
    for (const attempt of [() => org.updateRole(t.admin, presetIds.finance!, { name: 'x' }), () => org.deleteRole(t.admin, presetIds.finance!)]) {
      const e = await refusal(attempt());
      expect([e.status, e.code]).toEqual([409, 'org.role-preset-readonly']);
    }
  });

  it('edits a custom role; holders get the new permissions on their next request', async () => {
    const t = await tenant();
    const r = await org.createRole(t.admin, { name: '技术', permissions: ['构建'] });
    const m = await makeMember(database, t.partner.id, []);
    await org.assignRoles(t.admin, m.id, { roleIds: [r.id] });
    expect((await ctxOf('member', m.id, t.partner.id)).actor).toMatchObject({ kind: 'partner' });
    const before = (await ctxOf('member', m.id, t.partner.id)).actor as unknown as { permissions: Set<string> };
    expect(before.permissions.has(P.cloudSoftware)).toBe(true);
    const u = await org.updateRole(t.admin, r.id, { permissions: [P.cases], description: '案例' });
    expect(u).toMatchObject({ description: '案例', memberCount: 1 });
    const after = (await ctxOf('member', m.id, t.partner.id)).actor as unknown as { permissions: Set<string> };
    expect(after.permissions.has(P.cloudSoftware)).toBe(false);
    expect(after.permissions.has(P.cases)).toBe(true);
    expect((await refusal(org.updateRole(t.admin, r.id, { permissions: ['nope'] }))).code).toBe('org.permission-unknown');
  });

  it('deletes a custom role only when nobody holds it (R27), and lists its members', async () => {
    const t = await tenant();
    const r = await org.createRole(t.admin, { name: '临时', permissions: ['构建'] });
    const m = await org.createMember(t.admin, newMember([r.id, presetIds.sa!]));
    expect((await org.roleMembers(t.admin, r.id)).items).toEqual([{ id: m.id, accountName: m.accountName, name: m.name, status: 'normal' }]);
    const e = await refusal(org.deleteRole(t.admin, r.id));
    expect([e.status, e.code, e.params]).toEqual([409, 'org.role-in-use', { memberCount: 1 }]);
    expect((await org.getRole(t.admin, r.id)).memberCount).toBe(1);
    await org.assignRoles(t.admin, m.id, { roleIds: [presetIds.sa!] });
    await org.deleteRole(t.admin, r.id);
    expect((await refusal(org.getRole(t.admin, r.id))).status).toBe(404);
  });

  it('gives the menu tree with path keys and the defaults', async () => {
    const t = await tenant();
    const { tree, defaults } = org.permissionTree(t.admin);
    const orgNode = tree.find((n) => n.path === '组织')!;
    expect(orgNode.title).toBe('组织');
    expect(orgNode.children!.map((c) => c.path)).toEqual([P.orgMembers, P.orgSpecialists]);
    const leaves: string[] = [];
    const walk = (ns: org.PermissionNode[]) => ns.forEach((n) => (n.children ? walk(n.children) : leaves.push(n.path)));
    walk(tree);
    expect(leaves.sort()).toEqual(MENU_LEAVES.map((l) => l.path).sort());
    expect(defaults).toEqual([...DEFAULT_PERMISSIONS]);
    expect(org.permissionTree({ ...t.admin, lang: 'en-US' }).tree[0]!.title).toBe('Home');
  });
});

describe('customer contacts (op 21, R28)', () => {
  const contact = (i: number) => ({ name: `联系人${i}`, position: '系统架构师', mobile: '13800138000', email: `c${i}@example.com` });

  it('creates, edits and deletes; at most 5', async () => {
    const t = await tenant();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await org.createContact(t.admin, contact(i)));
    const e = await refusal(org.createContact(t.admin, contact(5)));
    expect([e.status, e.code, e.params]).toEqual([409, 'org.contact-limit', { max: 5 }]);
    expect((await org.listContacts(t.admin)).items).toHaveLength(5);
    const u = await org.updateContact(t.admin, created[0]!.id, { position: '技术管理员', landline: '010-1234567' });
    expect(u).toMatchObject({ name: '联系人0', position: '技术管理员', landline: '010-1234567', mobile: '+86-13800138000' });
    await org.deleteContact(t.admin, created[1]!.id);
    await org.createContact(t.admin, contact(6)); // room again
    expect((await org.listContacts(t.admin)).items.map((c) => c.name)).toEqual(['联系人0', '联系人2', '联系人3', '联系人4', '联系人6']);
  });

  it('requires name, position, mobile and e-mail', async () => {
    const t = await tenant();
    expect((await refusal(org.createContact(t.admin, { ...contact(0), position: '  ' }))).code).toBe('org.required');
    expect((await refusal(org.createContact(t.admin, { ...contact(0), email: 'x' }))).code).toBe('org.email-invalid');
    expect(await database.db.select().from(customerContacts).where(eq(customerContacts.partnerId, t.partner.id))).toHaveLength(0);
  });

  it('holds the limit of 5 under concurrent creation', async () => {
    const t = await tenant();
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => org.createContact(t.admin, contact(i))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(await database.db.select().from(customerContacts).where(eq(customerContacts.partnerId, t.partner.id))).toHaveLength(5);
  });

  it('shows customers the contacts, or the administrator when there are none', async () => {
    const t = await tenant();
    const none = await org.listContactsForCustomer(database.db, t.partner.id);
    expect(none.source).toBe('admin');
    expect(none.items).toEqual([{ name: t.account.name, position: null, mobile: t.account.mobile, email: t.account.email, landline: null }]);
    await org.createContact(t.admin, contact(1));
    const some = await org.listContactsForCustomer(database.db, t.partner.id);
    expect(some).toEqual({ source: 'contacts', items: [{ name: '联系人1', position: '系统架构师', mobile: '+86-13800138000', email: 'c1@example.com', landline: null }] });
  });
});

describe('customer data scope (R23)', () => {
  it('gives all to the admin, to 系统管理员, and to anyone with a role besides 客户经理 / 客户经理主管', async () => {
    const t = await tenant();
    expect(await org.customerScope(t.admin)).toEqual({ all: true });
    const custom = await org.createRole(t.admin, { name: '只看构建', permissions: ['构建'] });
    for (const roleIds of [
      [presetIds.system_admin!],
      [presetIds.finance!],
      [presetIds.account_manager!, presetIds.finance!],
      [presetIds.account_manager!, custom.id],
      [presetIds.am_supervisor!, presetIds.sa!],
    ]) {
      const m = await org.createMember(t.admin, newMember(roleIds));
      expect(await org.customerScope(await ctxOf('member', m.id, t.partner.id))).toEqual({ all: true });
    }
  });

  it('limits a 客户经理 to themselves and a 客户经理主管 to themselves and their managers', async () => {
    const t = await tenant();
    const sup = await org.createMember(t.admin, newMember([presetIds.am_supervisor!]));
    const a1 = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup.id }));
    const a2 = await org.createMember(t.admin, newMember([presetIds.account_manager!], { supervisorId: sup.id }));
    const a3 = await org.createMember(t.admin, newMember([presetIds.account_manager!]));
    expect(await org.customerScope(await ctxOf('member', a1.id, t.partner.id))).toEqual({ all: false, managerIds: [a1.id] });
    expect(await org.customerScope(await ctxOf('member', a3.id, t.partner.id))).toEqual({ all: false, managerIds: [a3.id] });
    expect(await org.customerScope(await ctxOf('member', sup.id, t.partner.id))).toEqual({ all: false, managerIds: [sup.id, a1.id, a2.id] });
    // removing a manager's supervisor narrows the supervisor's scope at once
    await org.assignRoles(t.admin, a2.id, { roleIds: [presetIds.account_manager!], supervisorId: null });
    expect(await org.customerScope(await ctxOf('member', sup.id, t.partner.id))).toEqual({ all: false, managerIds: [sup.id, a1.id] });
    // and giving the manager a second role widens theirs
    await org.assignRoles(t.admin, a1.id, { roleIds: [presetIds.account_manager!, presetIds.sa!] });
    expect(await org.customerScope(await ctxOf('member', a1.id, t.partner.id))).toEqual({ all: true });
  });

  it('refuses actors outside a partner', async () => {
    const ctx: Ctx = { ...(await tenant()).admin, actor: { kind: 'anonymous' } };
    expect((await refusal(org.customerScope(ctx))).status).toBe(401);
  });
});

describe('who may manage the organisation', () => {
  it('refuses members without 组织 > 组织成员 on every operation', async () => {
    const t = await tenant();
    const am = await makeMember(database, t.partner.id, [PRESET_ROLES.accountManager]);
    const ctx = await ctxOf('member', am.id, t.partner.id);
    const id = am.id;
    for (const attempt of [
      () => org.listMembers(ctx),
      () => org.getMember(ctx, id),
      () => org.createMember(ctx, newMember([presetIds.sa!])),
      () => org.updateMember(ctx, id, { name: 'x' }),
      () => org.assignRoles(ctx, id, { roleIds: [presetIds.system_admin!] }),
      () => org.resetMemberPassword(ctx, id, { password: PW, confirmPassword: PW }),
      () => org.deleteMember(ctx, id),
      () => org.listRoles(ctx),
      () => org.createRole(ctx, { name: 'x', permissions: ['构建'] }),
      () => org.deleteRole(ctx, presetIds.sa!),
      () => org.listContacts(ctx),
      () => org.createContact(ctx, { name: 'x', position: 'y', mobile: '13800000000', email: 'a@b.cn' }),
      () => Promise.resolve().then(() => org.permissionTree(ctx)),
    ]) {
      const e = await refusal(attempt());
      expect([e.status, e.code]).toEqual([403, 'access.denied']);
    }
    expect((await org.getMember(t.admin, id)).roles.map((r) => r.presetKey)).toEqual([PRESET_ROLES.accountManager]);
  });

  it('a delegated (non-admin) organiser cannot grant beyond their own permissions or manage a 系统管理员', async () => {
    const t = await tenant();
    const organiser = await org.createRole(t.admin, { name: '组织管理', permissions: [P.orgMembers, '构建'] });
    const o = await org.createMember(t.admin, newMember([organiser.id]));
    const sysAdmin = await org.createMember(t.admin, newMember([presetIds.system_admin!]));
    const ctx = await ctxOf('member', o.id, t.partner.id);
    expect((await org.listMembers(ctx)).total).toBe(2);
    expect((await refusal(org.createMember(ctx, newMember([presetIds.system_admin!])))).code).toBe('org.grant-beyond-own');
    expect((await refusal(org.createMember(ctx, newMember([presetIds.finance!])))).code).toBe('org.grant-beyond-own');
    expect((await refusal(org.assignRoles(ctx, o.id, { roleIds: [presetIds.system_admin!] }))).code).toBe('org.grant-beyond-own');
    expect((await refusal(org.createRole(ctx, { name: '财务', permissions: [P.funds] }))).code).toBe('org.grant-beyond-own');
    expect((await refusal(org.updateMember(ctx, sysAdmin.id, { status: 'locked' }))).code).toBe('org.target-admin');
    expect((await refusal(org.resetMemberPassword(ctx, sysAdmin.id, { password: PW, confirmPassword: PW }))).code).toBe('org.target-admin');
    expect((await refusal(org.deleteMember(ctx, sysAdmin.id))).code).toBe('org.target-admin');
    // within their own permissions it works
    const built = await org.createRole(ctx, { name: '构建', permissions: ['构建 > 云软件方案'] });
    const m = await org.createMember(ctx, newMember([built.id]));
    expect(m.roles.map((r) => r.id)).toEqual([built.id]);
    expect(await memberRows(t.partner.id)).toHaveLength(3);
  });
});
