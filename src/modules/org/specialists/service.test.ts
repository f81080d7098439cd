import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase, onPostgres } from '../../../../test/db.js';
import { makeAccount, makePartner } from '../../../../test/fixtures.js';
import type { Database } from '../../../platform/db/index.js';
import { clock, DAY_MS, HOUR_MS, MINUTE_MS } from '../../../platform/clock.js';
import { STAFF_ROLES } from '../../../platform/access/index.js';
import { notifications } from '../../../platform/notify/schema.js';
import { approve, findOpenApplication, reject, returnForModification } from '../../../platform/review/index.js';
import { accounts } from '../../accounts/schema.js';
import { partners } from '../../partners/schema.js';
import * as svc from './service.js';
import { memberBindingHistory, memberInvitations, memberProjects, memberTrainings, projectSpecialists } from './schema.js';
import { MEMBER_CERTIFICATE_KIND, SPECIALIST_APPLY_KIND, SPECIALIST_CANCEL_KIND } from './review-kinds.js';
import { adminActor, ctxOf, employeeActor, expectRefused, makeFile, specialistReviews, staffActorWith } from './test-helpers.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  clock.reset();
  await database.close();
});

// 10:00 in China on a Monday; every test starts here.
const BASE = '2025-03-10T02:00:00Z';
beforeEach(() => clock.set(BASE));
afterEach(() => clock.reset());

type PartnerFx = Awaited<ReturnType<typeof makePartner>>;
type AccountFx = Awaited<ReturnType<typeof makeAccount>>;

const admin = (p: PartnerFx) => ctxOf(database, adminActor(p));
const employee = (a: AccountFx) => ctxOf(database, employeeActor(a));
const reviewer = () => ctxOf(database, staffActorWith([STAFF_ROLES.reviewer]));

const invite = (p: PartnerFx, ...people: AccountFx[]) =>
  svc.sendInvitations(admin(p), { targets: people.map((a) => ({ type: 'accountName' as const, value: a.accountName })), commitment: true });

/** Invite and accept: a bound member. */
async function bind(p: PartnerFx, a: AccountFx): Promise<string> {
  const { invitations } = await invite(p, a);
  await svc.acceptInvitation(employee(a), invitations[0]!.id, { agree: true });
  return invitations[0]!.id;
}

async function withWorkBase(a: AccountFx, workBase = '广东省深圳市'): Promise<void> {
  const proof = await makeFile(database, { ownerKind: 'account', ownerId: a.id }, 'employment-proof');
  await svc.saveMyEmployment(employee(a), { employer: '某某科技有限公司', workBase, proofFileId: proof });
}

const materials = async (p: PartnerFx) => [await makeFile(database, { partnerId: p.partner.id, ownerKind: 'partner-account', ownerId: p.account.id }, 'specialist-material')];
const cancelFile = async (p: PartnerFx) => makeFile(database, { partnerId: p.partner.id, ownerKind: 'partner-account', ownerId: p.account.id }, 'specialist-cancel');

async function invitationStatus(id: string): Promise<string> {
  const [row] = await database.db.select().from(memberInvitations).where(eq(memberInvitations.id, id));
  return row!.status;
}

async function viewOf(p: PartnerFx, id: string) {
  const list = await svc.listInvitations(admin(p), { pageSize: 100 });
  return list.items.find((i) => i.id === id)!;
}

/** A bound member with a work base, applied for on the service path; returns invitation and application ids. */
async function applied(p: PartnerFx, a: AccountFx): Promise<{ invitationId: string; applicationId: string }> {
  const invitationId = await bind(p, a);
  await withWorkBase(a);
  const { results } = await svc.applyForSpecialists(admin(p), {
    invitationIds: [invitationId],
    path: 'service',
    deploymentMode: 'nationwide',
    materialFileIds: await materials(p),
  });
  return { invitationId, applicationId: results[0]!.applicationId };
}

async function specialist(p: PartnerFx, a: AccountFx): Promise<{ invitationId: string; specialistId: string }> {
  const { invitationId, applicationId } = await applied(p, a);
  await approve(specialistReviews, reviewer(), applicationId);
  const [sp] = await database.db.select().from(projectSpecialists).where(eq(projectSpecialists.invitationId, invitationId));
  return { invitationId, specialistId: sp!.id };
}

// ---------------------------------------------------------------------------------------------

describe('checking invitation targets (R32, L3648, L3656)', () => {
  it('says 校验通过 for an eligible personal account, by account name, e-mail and mobile', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const targets = [
      { type: 'accountName' as const, value: a.accountName },
      { type: 'email' as const, value: a.email!.toUpperCase() },
      { type: 'mobile' as const, value: a.mobile },
      { type: 'mobile' as const, value: a.mobile.split('-')[1]! }, // without the country code
    ];
    for (const t of targets) {
      const { results } = await svc.checkInvitationTargets(admin(p), { targets: [t] });
      expect(results).toEqual([{ ok: true, message: '校验通过', code: null, accountId: a.id }]);
    }
    // the same person twice in one dialog
    const { results } = await svc.checkInvitationTargets(admin(p), { targets: targets.slice(0, 2) });
    expect(results.map((r) => r.code)).toEqual([null, 'org.invitation.duplicate']);
  });

  it('refuses each failing condition a–e with the guide wording', async () => {
    const p = await makePartner(database);
    const enterprise = await makeAccount(database, { realNameType: 'enterprise', enterpriseName: '某公司' });
    const unverified = await makeAccount(database, { realNameStatus: 'none', realNameType: null });
    const partnerAcct = await makePartner(database);
    await database.db.update(accounts).set({ realNameType: 'personal' }).where(eq(accounts.id, partnerAcct.account.id));
    const other = await makePartner(database);
    const linkedElsewhere = await makeAccount(database);
    await bind(other, linkedElsewhere);

    const { results } = await svc.checkInvitationTargets(admin(p), {
      targets: [
        { type: 'accountName', value: enterprise.accountName },
        { type: 'accountName', value: linkedElsewhere.accountName },
        { type: 'accountName', value: unverified.accountName },
        { type: 'accountName', value: partnerAcct.account.accountName },
        { type: 'accountName', value: 'no_such_account_xyz' },
      ],
    });
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false, false]);
    expect(results[0]!.message).toContain('已实名认证为企业用户'); // (a)
    expect(results[1]!.message).toContain('已被其他伙伴账号成功关联'); // (b)
    expect(results[2]!.message).toContain('未实名认证'); // (c)
    expect(results[3]!.message).toContain('华为云伙伴账号'); // (d)
    expect(results[4]!.code).toBe('org.invitation.account-not-found');
  });

  it('(e) refuses an account linked with 3 other partners within a year, and accepts it a year later', async () => {
    const a = await makeAccount(database);
    for (let i = 0; i < 3; i++) {
      const p = await makePartner(database);
      const id = await bind(p, a);
      await svc.unbindMember(admin(p), id);
      clock.advance(DAY_MS);
    }
    const fourth = await makePartner(database);
    let [r] = (await svc.checkInvitationTargets(admin(fourth), { targets: [{ type: 'accountName', value: a.accountName }] })).results;
    expect(r).toMatchObject({ ok: false, code: 'org.invitation.ineligible' });
    expect(r!.message).toContain('1年内已与3个伙伴关联过');
    await expectRefused(invite(fourth, a), 'org.invitation.check-failed', 409);

    clock.advance(365 * DAY_MS - 2 * DAY_MS); // the first binding is now more than a year old
    [r] = (await svc.checkInvitationTargets(admin(fourth), { targets: [{ type: 'accountName', value: a.accountName }] })).results;
    expect(r).toMatchObject({ ok: true });
  });

  it('(e) re-linking one of the same partners is not a fourth partner', async () => {
    const a = await makeAccount(database);
    const ps = [await makePartner(database), await makePartner(database), await makePartner(database)];
    const ids: string[] = [];
    for (const p of ps) {
      ids.push(await bind(p, a));
      await svc.unbindMember(admin(p), ids.at(-1)!);
    }
    const [r] = (await svc.checkInvitationTargets(admin(ps[0]!), { targets: [{ type: 'accountName', value: a.accountName }] })).results;
    expect(r).toMatchObject({ ok: true });
  });

  it('offers the candidates when a mobile number or an e-mail address matches several accounts (L3656)', async () => {
    const p = await makePartner(database);
    const digits = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const mainland = await makeAccount(database, { mobile: `+86-${digits}` });
    const hongKong = await makeAccount(database, { mobile: `+852-${digits}` });
    let [r] = (await svc.checkInvitationTargets(admin(p), { targets: [{ type: 'mobile', value: digits }] })).results;
    expect(r).toMatchObject({ ok: false, code: 'org.invitation.choose-account' });
    expect(r!.candidates!.map((c) => c.accountId).sort()).toEqual([mainland.id, hongKong.id].sort());
    expect(r!.candidates![0]!.accountName).toContain('***'); // masked

    [r] = (await svc.checkInvitationTargets(admin(p), { targets: [{ type: 'mobile', value: digits, accountId: hongKong.id }] })).results;
    expect(r).toMatchObject({ ok: true, accountId: hongKong.id });
    const stranger = await makeAccount(database);
    [r] = (await svc.checkInvitationTargets(admin(p), { targets: [{ type: 'mobile', value: digits, accountId: stranger.id }] })).results;
    expect(r).toMatchObject({ ok: false, code: 'org.invitation.candidate-mismatch' });

    const u = `dup${Date.now()}`;
    const lower = await makeAccount(database, { email: `${u}@example.com` });
    const upper = await makeAccount(database, { email: `${u.toUpperCase()}@example.com` });
    [r] = (await svc.checkInvitationTargets(admin(p), { targets: [{ type: 'email', value: `${u}@example.com` }] })).results;
    expect(r!.candidates!.map((c) => c.accountId).sort()).toEqual([lower.id, upper.id].sort());
    const sent = await svc.sendInvitations(admin(p), { targets: [{ type: 'email', value: `${u}@example.com`, accountId: upper.id }], commitment: true });
    expect(sent.invitations[0]!.targetValue).toBe(`${u}@example.com`);
  });

  it('flags malformed values, duplicates, a pending invitation and an already linked member', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const b = await makeAccount(database);
    await invite(p, a);
    const c = await makeAccount(database);
    await bind(p, c);
    const { results } = await svc.checkInvitationTargets(admin(p), {
      targets: [
        { type: 'email', value: 'not-an-email' },
        { type: 'mobile', value: '12ab' },
        { type: 'accountName', value: b.accountName },
        { type: 'email', value: b.email! },
        { type: 'accountName', value: a.accountName },
      ],
    });
    expect(results.map((r) => r.code)).toEqual([
      'org.invitation.invalid-target',
      'org.invitation.invalid-target',
      null,
      'org.invitation.duplicate',
      'org.invitation.already-invited',
    ]);
    const [linked] = (await svc.checkInvitationTargets(admin(p), { targets: [{ type: 'accountName', value: c.accountName }] })).results;
    expect(linked!.code).toBe('org.invitation.already-linked');
  });
});

describe('sending invitations (R31, R33)', () => {
  it('creates 已邀请 rows valid 7 days, with an in-site message and an e-mail carrying the link', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const { invitations } = await invite(p, a);
    const inv = invitations[0]!;
    expect(inv).toMatchObject({ status: 'invited', statusName: '已邀请', member: null });
    expect(new Date(inv.expiresAt).getTime() - new Date(inv.invitedAt).getTime()).toBe(7 * DAY_MS);
    const sent = await database.db.select().from(notifications).where(eq(notifications.template, 'org.member-invitation'));
    const mine = sent.filter((n) => (n.data as { invitationId?: string }).invitationId === inv.id);
    expect(mine.map((n) => n.channel).sort()).toEqual(['email', 'site']);
    expect(mine.find((n) => n.channel === 'email')!.address).toBe(a.email);
    expect(mine[0]!.body).toContain(`/me/invitations/${inv.id}?token=`);
  });

  it('needs the commitment ticked and at most 5 rows per send', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const e = await expectRefused(
      svc.sendInvitations(admin(p), { targets: [{ type: 'accountName', value: a.accountName }], commitment: false }),
      'org.invitation.commitment-required',
      400,
    );
    expect(e.fields?.commitment).toBeDefined();
    const six = await Promise.all(Array.from({ length: 6 }, () => makeAccount(database)));
    await expectRefused(invite(p, ...six), 'org.invitation.per-send', 400);
    await expectRefused(svc.checkInvitationTargets(admin(p), { targets: six.map((x) => ({ type: 'accountName' as const, value: x.accountName })) }), 'org.invitation.per-send', 400);
    await expect(invite(p, ...six.slice(0, 5))).resolves.toMatchObject({ invitations: expect.any(Array) });
  });

  it('R33: refuses a partner on neither a path nor a plan that allows inviting', async () => {
    const software = await makePartner(database, { paths: ['software'], programs: [] });
    const a = await makeAccount(database);
    const e = await expectRefused(invite(software, a), 'org.invitation.no-path', 409);
    expect(e.text.zh).toContain('加入伙伴发展路径');
    const solutionProvider = await makePartner(database, { paths: [], programs: ['solution_provider'] });
    await expect(invite(solutionProvider, a)).resolves.toBeDefined();
    const distributor = await makePartner(database, { paths: [], programs: ['distributor'] });
    await expect(invite(distributor, await makeAccount(database))).resolves.toBeDefined();
  });

  it('refuses the whole send when one row fails, writing nothing', async () => {
    const p = await makePartner(database);
    const ok = await makeAccount(database);
    const bad = await makeAccount(database, { realNameStatus: 'none' });
    const e = await expectRefused(invite(p, ok, bad), 'org.invitation.check-failed', 409);
    expect(e.params.row).toBe(2);
    const rowsNow = await database.db.select().from(memberInvitations).where(eq(memberInvitations.partnerId, p.partner.id));
    expect(rowsNow).toHaveLength(0);
    expect((await svc.invitationQuota(admin(p))).remainingToday).toBe(100);
  });

  it('R31: at most 100 a day (sends and resends), counted by the China calendar day, back to 100 the next day', async () => {
    const p = await makePartner(database);
    const five = await Promise.all(Array.from({ length: 5 }, () => makeAccount(database)));
    const { invitations } = await invite(p, ...five);
    expect((await svc.invitationQuota(admin(p))).remainingToday).toBe(95);
    for (let i = 0; i < 93; i++) await svc.resendInvitation(admin(p), invitations[0]!.id);
    expect((await svc.invitationQuota(admin(p))).remainingToday).toBe(2);
    const three = await Promise.all(Array.from({ length: 3 }, () => makeAccount(database)));
    const e = await expectRefused(invite(p, ...three), 'org.invitation.daily-limit', 409);
    expect(e.params).toMatchObject({ remaining: 2, requested: 3 });
    await invite(p, three[0]!, three[1]!);
    expect((await svc.invitationQuota(admin(p))).remainingToday).toBe(0);
    await expectRefused(svc.resendInvitation(admin(p), invitations[1]!.id), 'org.invitation.daily-limit');

    clock.set('2025-03-10T15:59:00Z'); // 23:59 in China: still the same day
    await expectRefused(invite(p, three[2]!), 'org.invitation.daily-limit');
    clock.set('2025-03-10T16:00:00Z'); // midnight in China
    expect((await svc.invitationQuota(admin(p))).remainingToday).toBe(100);
    await expect(invite(p, three[2]!)).resolves.toBeDefined();
    expect((await svc.invitationQuota(admin(p))).remainingToday).toBe(99);
  });
});

describe('invitation lifecycle (spec 02 §3.4)', () => {
  it('expires after 7 days: lazily on read, refused on accept, written by the daily job', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = (await invite(p, a)).invitations[0]!.id;
    clock.advance(7 * DAY_MS - MINUTE_MS);
    expect((await viewOf(p, id)).status).toBe('invited');
    clock.advance(MINUTE_MS);
    expect(await viewOf(p, id)).toMatchObject({ status: 'expired', statusName: '已失效' });
    expect((await svc.listInvitations(admin(p), { status: 'expired' })).items.map((i) => i.id)).toEqual([id]);
    expect((await svc.listInvitations(admin(p), { status: 'invited' })).items).toHaveLength(0);
    expect((await svc.listMyInvitations(employee(a)))[0]).toMatchObject({ status: 'expired' });
    const e = await expectRefused(svc.acceptInvitation(employee(a), id, { agree: true }), 'org.invitation.expired', 409);
    expect(e.text.zh).toBe('链接已失效，请联系管理员重新发送');

    expect(await invitationStatus(id)).toBe('invited');
    expect(await svc.expireInvitations(database.db)).toBeGreaterThanOrEqual(1);
    expect(await invitationStatus(id)).toBe('expired');
  });

  it('resends an expired or unbound invitation with a new 7-day window, not a bound one', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = (await invite(p, a)).invitations[0]!.id;
    clock.advance(8 * DAY_MS);
    const again = await svc.resendInvitation(admin(p), id);
    expect(again).toMatchObject({ id, status: 'invited' });
    expect(new Date(again.expiresAt).getTime()).toBe(clock.nowMs() + 7 * DAY_MS);
    await svc.acceptInvitation(employee(a), id, { agree: true });
    await expectRefused(svc.resendInvitation(admin(p), id), 'org.invitation.not-resendable', 409);
    await svc.unbindMember(admin(p), id);
    expect(await svc.resendInvitation(admin(p), id)).toMatchObject({ status: 'invited', statusName: '已邀请' });
  });

  it('re-inviting an unbound member through 邀请成员 reuses the binding record', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = await bind(p, a);
    await svc.unbindMember(admin(p), id);
    const { invitations } = await invite(p, a);
    expect(invitations[0]!.id).toBe(id);
    expect(invitations[0]!.status).toBe('invited');
  });

  it('accept: needs the agreement, binds, expires the other pending invitations (R34) and shares the member info', async () => {
    const p1 = await makePartner(database);
    const p2 = await makePartner(database);
    const a = await makeAccount(database);
    const id1 = (await invite(p1, a)).invitations[0]!.id;
    const id2 = (await invite(p2, a)).invitations[0]!.id;
    const mine = await svc.listMyInvitations(employee(a));
    expect(mine.map((m) => m.partnerName).sort()).toEqual([p1.partner.displayName, p2.partner.displayName].sort());

    await expectRefused(svc.acceptInvitation(employee(a), id1, { agree: false }), 'org.invitation.agree-required', 400);
    const stranger = await makeAccount(database);
    await expectRefused(svc.acceptInvitation(employee(stranger), id1, { agree: true }), 'not-found', 404);

    const accepted = await svc.acceptInvitation(employee(a), id1, { agree: true });
    expect(accepted).toMatchObject({ status: 'bound', statusName: '已绑定' });
    expect(await invitationStatus(id2)).toBe('expired');
    await expectRefused(svc.acceptInvitation(employee(a), id2, { agree: true }), 'org.invitation.expired');
    await expectRefused(svc.acceptInvitation(employee(a), id1, { agree: true }), 'org.invitation.handled');
    expect((await viewOf(p1, id1)).member).toMatchObject({ accountId: a.id, accountName: a.accountName, mobile: a.mobile, email: a.email });
    const history = await database.db.select().from(memberBindingHistory).where(eq(memberBindingHistory.accountId, a.id));
    expect(history).toHaveLength(1);
  });

  it('accept: refused when the account has become ineligible since the invitation', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = (await invite(p, a)).invitations[0]!.id;
    await database.db.update(accounts).set({ realNameType: 'enterprise' }).where(eq(accounts.id, a.id));
    const e = await expectRefused(svc.acceptInvitation(employee(a), id, { agree: true }), 'org.invitation.ineligible', 409);
    expect(e.params.reason).toMatchObject({ zh: expect.stringContaining('企业用户') });
  });

  it('unbind: 已绑定 → 已解绑, stops sharing (R39), and the history closes', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = await bind(p, a);
    expect((await svc.memberQualification(admin(p), id)).member.accountId).toBe(a.id);
    clock.advance(HOUR_MS);
    const v = await svc.unbindMember(admin(p), id);
    expect(v).toMatchObject({ status: 'unbound', statusName: '已解绑', member: null });
    await expectRefused(svc.memberQualification(admin(p), id), 'org.invitation.not-linked', 409);
    await expectRefused(svc.unbindMember(admin(p), id), 'org.invitation.not-linked');
    const [h] = await database.db.select().from(memberBindingHistory).where(eq(memberBindingHistory.invitationId, id));
    expect(h!.unboundAt).not.toBeNull();
    // now free to be invited by another partner
    const other = await makePartner(database);
    await expect(invite(other, a)).resolves.toBeDefined();
  });

  it("tenancy: another partner's invitation answers 404 everywhere", async () => {
    const p = await makePartner(database);
    const intruder = await makePartner(database);
    const a = await makeAccount(database);
    const id = await bind(p, a);
    for (const call of [
      () => svc.resendInvitation(admin(intruder), id),
      () => svc.unbindMember(admin(intruder), id),
      () => svc.memberQualification(admin(intruder), id),
      () => svc.updateMemberWorkBase(admin(intruder), id, { workBase: '北京市' }),
      () => svc.withdrawSpecialistApplication(admin(intruder), id),
      async () => svc.applyForSpecialists(admin(intruder), { invitationIds: [id], path: 'service', deploymentMode: 'stationed', materialFileIds: await materials(intruder) }),
    ]) {
      await expectRefused(call(), 'not-found', 404);
    }
    expect((await svc.listInvitations(admin(intruder))).items).toHaveLength(0);
  });
});

describe("the member's qualification records (5.2.2, R40–R43)", () => {
  it('needs a binding first', async () => {
    const a = await makeAccount(database);
    await expectRefused(svc.getMyEmployment(employee(a)), 'org.member.not-linked', 409);
    await expectRefused(svc.listMyTrainings(employee(a)), 'org.member.not-linked');
  });

  it('R40: the work base is locked for the member once submitted; the partner admin may change it', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = await bind(p, a);
    const proof = await makeFile(database, { ownerKind: 'account', ownerId: a.id }, 'employment-proof');
    const saved = await svc.saveMyEmployment(employee(a), { employer: '甲公司', workBase: '广东省深圳市', proofFileId: proof });
    expect(saved).toMatchObject({ employer: '甲公司', workBase: '广东省深圳市', workBaseLocked: true });
    await expectRefused(
      svc.saveMyEmployment(employee(a), { employer: '甲公司', workBase: '北京市', proofFileId: proof }),
      'org.employment.work-base-locked',
      409,
    );
    await expect(svc.saveMyEmployment(employee(a), { employer: '乙公司', workBase: '广东省深圳市', proofFileId: proof })).resolves.toMatchObject({
      employer: '乙公司',
    });
    expect(await svc.updateMemberWorkBase(admin(p), id, { workBase: '北京市' })).toMatchObject({ workBase: '北京市' });
    expect((await svc.memberQualification(admin(p), id)).employment).toMatchObject({ employer: '乙公司', workBase: '北京市' });
  });

  it('needs the employment proof file, owned by the member, of the right purpose', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    await bind(p, a);
    const someoneElse = await makeFile(database, { ownerKind: 'account', ownerId: (await makeAccount(database)).id }, 'employment-proof');
    await expectRefused(svc.saveMyEmployment(employee(a), { employer: '甲', workBase: '上海市', proofFileId: someoneElse }), 'org.file-invalid', 400);
    const wrongPurpose = await makeFile(database, { ownerKind: 'account', ownerId: a.id }, 'certificate');
    await expectRefused(svc.saveMyEmployment(employee(a), { employer: '甲', workBase: '上海市', proofFileId: wrongPurpose }), 'org.file-invalid');
  });

  it('R41: projects of the last 24 months only; vendor records are read-only; old ones drop out', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    await bind(p, a);
    const e = employee(a);
    // today is 2025-03-10: the window starts 2023-03-10
    await expectRefused(svc.addMyProject(e, { name: '旧项目', deliveryStart: '2022-01-01', deliveryEnd: '2023-03-09', role: '交付经理' }), 'org.project.too-old', 409);
    const edge = await svc.addMyProject(e, { name: '边界项目', deliveryStart: '2022-01-01', deliveryEnd: '2023-03-10', role: '交付经理' });
    await expectRefused(svc.addMyProject(e, { name: 'x', deliveryStart: '2025-02-01', deliveryEnd: '2025-01-01', role: 'y' }), 'org.project.dates', 400);
    await expectRefused(svc.addMyProject(e, { name: 'x', deliveryStart: '2025-04-01', deliveryEnd: '2025-05-01', role: 'y' }), 'org.project.future', 400);
    const recent = await svc.addMyProject(e, { name: '云迁移项目', deliveryStart: '2024-06-01', deliveryEnd: '2025-06-30', role: '架构师' });
    expect(recent).toMatchObject({ source: 'member', editable: true });
    expect(await svc.updateMyProject(e, recent.id, { name: '云迁移项目二期', deliveryStart: '2024-06-01', deliveryEnd: '2025-06-30', role: '架构师' })).toMatchObject({
      name: '云迁移项目二期',
    });

    const vendor = await svc.addVendorProject(ctxOf(database, staffActorWith([STAFF_ROLES.ecosystemManager])), a.id, {
      name: '华为方项目',
      deliveryStart: '2024-01-01',
      deliveryEnd: '2024-12-31',
      role: '实施工程师',
    });
    expect(vendor).toMatchObject({ source: 'vendor', editable: false });
    await expectRefused(svc.deleteMyProject(e, vendor.id), 'org.project.vendor-record', 409);
    await expectRefused(svc.updateMyProject(e, vendor.id, { name: 'x', deliveryStart: '2024-01-01', deliveryEnd: '2024-12-31', role: 'y' }), 'org.project.vendor-record');

    expect((await svc.listMyProjects(e)).map((x) => x.id).sort()).toEqual([edge.id, recent.id, vendor.id].sort());
    clock.set('2025-03-11T02:00:00Z'); // a day later the edge project is 24 months and a day old
    expect((await svc.listMyProjects(e)).map((x) => x.id)).not.toContain(edge.id);
    await svc.deleteMyProject(e, recent.id);
    const left = await database.db.select().from(memberProjects).where(eq(memberProjects.accountId, a.id));
    expect(left.map((x) => x.id)).not.toContain(recent.id);
    // another member's project reads as missing
    const b = await makeAccount(database);
    await bind(p, b);
    await expectRefused(svc.deleteMyProject(employee(b), edge.id), 'not-found', 404);
  });

  it('R42: certificates — manual types only, valid now, reviewed by the vendor, re-reviewed after an edit', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    await bind(p, a);
    const e = employee(a);
    const file = await makeFile(database, { ownerKind: 'account', ownerId: a.id }, 'certificate');
    const base = { type: 'professional', name: 'PMP', number: 'PMP-001', validFrom: '2024-01-01', validTo: '2027-01-01', fileId: file };
    await expectRefused(svc.addMyCertificate(e, { ...base, type: 'developer' }), 'org.certificate.synced-type', 409);
    await expectRefused(svc.addMyCertificate(e, { ...base, type: 'specialty' }), 'org.certificate.synced-type');
    await expectRefused(svc.addMyCertificate(e, { ...base, validTo: '2025-03-09' }), 'org.certificate.not-valid', 409);
    await expectRefused(svc.addMyCertificate(e, { ...base, validFrom: '2025-03-11' }), 'org.certificate.not-valid');

    const cert = await svc.addMyCertificate(e, base);
    expect(cert).toMatchObject({ status: 'in_review', statusName: '审核中', typeName: '职业认证', source: 'member' });
    await expectRefused(svc.updateMyCertificate(e, cert.id, { name: 'PMP 2' }), 'org.certificate.in-review', 409);

    const app1 = await findOpenApplication(database.db, { kind: MEMBER_CERTIFICATE_KIND, subjectType: 'member_certificate', subjectId: cert.id });
    await approve(specialistReviews, reviewer(), app1!.id);
    expect((await svc.listMyCertificates(e))[0]).toMatchObject({ id: cert.id, status: 'approved', statusName: '审核通过' });

    const edited = await svc.updateMyCertificate(e, cert.id, { number: 'PMP-002' });
    expect(edited).toMatchObject({ status: 'in_review', number: 'PMP-002' });
    const app2 = await findOpenApplication(database.db, { kind: MEMBER_CERTIFICATE_KIND, subjectType: 'member_certificate', subjectId: cert.id });
    expect(app2!.id).not.toBe(app1!.id);
    await reject(specialistReviews, reviewer(), app2!.id, { reason: '证书编号无法核实' });
    expect((await svc.listMyCertificates(e))[0]).toMatchObject({ status: 'rejected', statusName: '审核未通过', rejectReason: '证书编号无法核实' });
    expect(await svc.updateMyCertificate(e, cert.id, { number: 'PMP-003' })).toMatchObject({ status: 'in_review' });

    const b = await makeAccount(database);
    await bind(p, b);
    await expectRefused(svc.updateMyCertificate(employee(b), cert.id, { name: 'x' }), 'not-found', 404);
  });

  it('R43: trainings are read-only records synced from the learning platform', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = await bind(p, a);
    await database.db.insert(memberTrainings).values([
      { accountId: a.id, kind: 'course', name: '华为云迁移实践', result: '已完成', completedAt: new Date('2025-03-08T08:00:00Z'), syncedAt: new Date('2025-03-09T01:00:00Z') },
      { accountId: a.id, kind: 'exam', name: 'HCIP-Cloud', result: '通过', score: 86, completedAt: new Date('2025-03-09T08:00:00Z'), syncedAt: new Date('2025-03-10T01:00:00Z') },
    ]);
    const list = await svc.listMyTrainings(employee(a));
    expect(list.map((t) => t.name)).toEqual(['HCIP-Cloud', '华为云迁移实践']);
    expect((await svc.memberQualification(admin(p), id)).trainings).toHaveLength(2);
  });
});

describe('applying for project specialists (5.2.1.3, R35–R37)', () => {
  it('R35: only partners on a path; the distributor and solution-provider plans do not qualify', async () => {
    const plan = await makePartner(database, { paths: [], programs: ['distributor', 'solution_provider'] });
    const a = await makeAccount(database);
    const id = await bind(plan, a);
    await withWorkBase(a);
    const e = await expectRefused(
      svc.applyForSpecialists(admin(plan), { invitationIds: [id], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(plan) }),
      'org.specialist.path-required',
      409,
    );
    expect(e.text.zh).toContain('暂不涉及项目专员申请');

    const si = await makePartner(database, { paths: ['si'] });
    const b = await makeAccount(database);
    const idB = await bind(si, b);
    await withWorkBase(b);
    await expectRefused(
      svc.applyForSpecialists(admin(si), { invitationIds: [idB], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(si) }),
      'org.specialist.path-not-joined',
    );
    const ok = await svc.applyForSpecialists(admin(si), { invitationIds: [idB], path: 'si', materialFileIds: await materials(si) });
    expect(ok.results[0]).toMatchObject({ invitationId: idB, status: 'applying', statusName: '申请专员审核中' });
  });

  it('R36: needs the work base; the service path also needs the deployment mode; materials are required', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const id = await bind(p, a);
    const files = await materials(p);
    await expectRefused(svc.applyForSpecialists(admin(p), { invitationIds: [id], path: 'service', deploymentMode: 'nationwide', materialFileIds: files }), 'org.specialist.work-base-missing', 409);
    await withWorkBase(a);
    await expectRefused(svc.applyForSpecialists(admin(p), { invitationIds: [id], path: 'service', materialFileIds: files }), 'org.specialist.deployment-required', 400);
    await expectRefused(svc.applyForSpecialists(admin(p), { invitationIds: [id], path: 'service', deploymentMode: 'stationed', materialFileIds: [] }), 'org.specialist.materials-required', 400);
    const foreign = await materials(await makePartner(database));
    await expectRefused(svc.applyForSpecialists(admin(p), { invitationIds: [id], path: 'service', deploymentMode: 'stationed', materialFileIds: foreign }), 'org.file-invalid', 400);
    await svc.applyForSpecialists(admin(p), { invitationIds: [id], path: 'service', deploymentMode: 'stationed', workBase: '广东省广州市', materialFileIds: files });
    expect(await invitationStatus(id)).toBe('applying');
  });

  it('only members in 已绑定 / 取消专员审核通过 / 取消专员（华为方操作） / 申请专员审核未通过 can be applied for', async () => {
    const p = await makePartner(database);
    const invited = await makeAccount(database);
    const invitedId = (await invite(p, invited)).invitations[0]!.id;
    await expectRefused(
      svc.applyForSpecialists(admin(p), { invitationIds: [invitedId], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(p) }),
      'org.specialist.not-applyable',
      409,
    );
    const { invitationId } = await applied(p, await makeAccount(database));
    await expectRefused(
      svc.applyForSpecialists(admin(p), { invitationIds: [invitationId], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(p) }),
      'org.specialist.not-applyable',
    );
  });

  it('a batch with one unsuitable member submits nothing; a good batch submits one review per member', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const b = await makeAccount(database);
    const idA = await bind(p, a);
    const idB = await bind(p, b);
    await withWorkBase(a);
    const files = await materials(p);
    await expectRefused(
      svc.applyForSpecialists(admin(p), { invitationIds: [idA, idB], path: 'service', deploymentMode: 'nationwide', materialFileIds: files }),
      'org.specialist.work-base-missing',
    );
    expect(await invitationStatus(idA)).toBe('bound');
    await withWorkBase(b, '湖北省武汉市');
    const { results } = await svc.applyForSpecialists(admin(p), { invitationIds: [idA, idB], path: 'service', deploymentMode: 'nationwide', materialFileIds: files });
    expect(results).toHaveLength(2);
    expect(new Set(results.map((r) => r.applicationId)).size).toBe(2);
    expect(await invitationStatus(idA)).toBe('applying');
    expect(await invitationStatus(idB)).toBe('applying');
  });

  it('R37: withdraw before approval returns to the previous status; then resubmit', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const { invitationId, applicationId } = await applied(p, a);
    const back = await svc.withdrawSpecialistApplication(admin(p), invitationId);
    expect(back).toMatchObject({ status: 'bound', statusName: '已绑定' });
    await expectRefused(svc.withdrawSpecialistApplication(admin(p), invitationId), 'org.specialist.not-in-review', 409);
    const again = await svc.applyForSpecialists(admin(p), { invitationIds: [invitationId], path: 'service', deploymentMode: 'stationed', materialFileIds: await materials(p) });
    expect(again.results[0]!.applicationId).toBe(applicationId); // the same application, resubmitted
    await approve(specialistReviews, reviewer(), applicationId);
    await expectRefused(svc.withdrawSpecialistApplication(admin(p), invitationId), 'org.specialist.not-in-review');
  });

  it('rejected → 申请专员审核未通过 with the reason; reapply; a withdrawal then returns to 申请专员审核未通过', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const { invitationId, applicationId } = await applied(p, a);
    await reject(specialistReviews, reviewer(), applicationId, { reason: '材料不全' });
    expect(await viewOf(p, invitationId)).toMatchObject({ status: 'apply_rejected', statusName: '申请专员审核未通过', applyRejectReason: '材料不全' });
    await svc.applyForSpecialists(admin(p), { invitationIds: [invitationId], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(p) });
    expect(await invitationStatus(invitationId)).toBe('applying');
    await svc.withdrawSpecialistApplication(admin(p), invitationId);
    expect(await invitationStatus(invitationId)).toBe('apply_rejected');
  });

  it('退回修改 by the vendor reads as 申请专员审核未通过', async () => {
    const p = await makePartner(database);
    const { invitationId, applicationId } = await applied(p, await makeAccount(database));
    await returnForModification(specialistReviews, reviewer(), applicationId, { reason: '请补充社保证明' });
    expect(await viewOf(p, invitationId)).toMatchObject({ status: 'apply_rejected', applyRejectReason: '请补充社保证明' });
  });

  it('approved → a specialist 正常 with approval time and start date, listed with the guide columns', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const { invitationId, applicationId } = await applied(p, a);
    clock.advance(2 * DAY_MS);
    await approve(specialistReviews, reviewer(), applicationId);
    const list = await svc.listSpecialists(admin(p));
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      invitationId,
      accountName: a.accountName,
      name: a.name,
      mobile: a.mobile,
      email: a.email,
      path: 'service',
      pathName: '服务合作伙伴',
      deploymentMode: 'nationwide',
      deploymentModeName: '全国调派',
      workBase: '广东省深圳市',
      status: 'active',
      statusName: '正常',
      approvedAt: clock.now().toISOString(),
      startDate: '2025-03-12',
      endDate: null,
    });
    const inv = await viewOf(p, invitationId);
    expect(inv).toMatchObject({ status: 'bound', specialist: { status: 'active', statusName: '正常' } });
    // a specialist can't be applied for again
    await expectRefused(
      svc.applyForSpecialists(admin(p), { invitationIds: [invitationId], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(p) }),
      'org.specialist.already',
    );
  });

  it('R39: a specialist cannot be unbound (cancel first); a member under application neither', async () => {
    const p = await makePartner(database);
    const pending = await applied(p, await makeAccount(database));
    await expectRefused(svc.unbindMember(admin(p), pending.invitationId), 'org.invitation.unbind-applying', 409);
    const { invitationId } = await specialist(p, await makeAccount(database));
    const e = await expectRefused(svc.unbindMember(admin(p), invitationId), 'org.invitation.unbind-specialist', 409);
    expect(e.text.zh).toContain('须先取消项目专员');
  });
});

describe('cancelling project specialists (5.2.1.4, R38, spec 02 §3.5)', () => {
  it('checks the reason (≤500) and the files (≤10, uploaded for specialist-cancel, own tenant)', async () => {
    const p = await makePartner(database);
    const { specialistId } = await specialist(p, await makeAccount(database));
    await expectRefused(svc.requestSpecialistCancel(admin(p), specialistId, { reason: '  ', fileIds: [] }), 'org.specialist.reason-required', 400);
    await expectRefused(svc.requestSpecialistCancel(admin(p), specialistId, { reason: '离职'.repeat(251), fileIds: [] }), 'org.specialist.reason-too-long', 400);
    const eleven = await Promise.all(Array.from({ length: 11 }, () => cancelFile(p)));
    await expectRefused(svc.requestSpecialistCancel(admin(p), specialistId, { reason: '离职', fileIds: eleven }), 'org.specialist.too-many-files', 400);
    const material = (await materials(p))[0]!;
    await expectRefused(svc.requestSpecialistCancel(admin(p), specialistId, { reason: '离职', fileIds: [material] }), 'org.file-invalid', 400);
    const sp = await svc.requestSpecialistCancel(admin(p), specialistId, { reason: '离'.repeat(500), fileIds: eleven.slice(0, 10) });
    expect(sp).toMatchObject({ status: 'cancel_pending', statusName: '取消专员审核中' });
  });

  it('正常 → 取消专员审核中 → 撤销申请 → 正常 → cancel → rejected → cancel again → approved: ended, invitation 取消专员审核通过', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const { invitationId, specialistId } = await specialist(p, a);
    const files = [await cancelFile(p)];

    let sp = await svc.requestSpecialistCancel(admin(p), specialistId, { reason: '员工离职', fileIds: files });
    expect(sp).toMatchObject({ status: 'cancel_pending', cancelReason: '员工离职', cancelApplicationId: expect.any(String) });
    await expectRefused(svc.requestSpecialistCancel(admin(p), specialistId, { reason: '再次', fileIds: [] }), 'org.specialist.not-cancellable', 409);
    sp = await svc.revokeSpecialistCancel(admin(p), specialistId);
    expect(sp).toMatchObject({ status: 'active', statusName: '正常', cancelApplicationId: null });
    await expectRefused(svc.revokeSpecialistCancel(admin(p), specialistId), 'org.specialist.cancel-not-in-review', 409);

    sp = await svc.requestSpecialistCancel(admin(p), specialistId, { reason: '员工离职', fileIds: files });
    await reject(specialistReviews, reviewer(), sp.cancelApplicationId!, { reason: '请补充离职证明' });
    let [row] = (await svc.listSpecialists(admin(p))).items;
    expect(row).toMatchObject({ status: 'cancel_rejected', statusName: '取消专员审核未通过', cancelRejectReason: '请补充离职证明' });
    await expectRefused(svc.unbindMember(admin(p), invitationId), 'org.invitation.unbind-specialist');

    sp = await svc.requestSpecialistCancel(admin(p), specialistId, { reason: '员工离职，附离职证明', fileIds: files });
    expect(sp.status).toBe('cancel_pending');
    clock.advance(DAY_MS);
    await approve(specialistReviews, reviewer(), sp.cancelApplicationId!);
    expect((await svc.listSpecialists(admin(p))).items).toHaveLength(0);
    [row] = (await svc.listSpecialists(admin(p), { status: 'ended' })).items;
    expect(row).toMatchObject({ id: specialistId, status: 'ended', startDate: '2025-03-10', endDate: '2025-03-11' });
    expect(await viewOf(p, invitationId)).toMatchObject({ status: 'cancel_approved', statusName: '取消专员审核通过', specialist: null });

    // from 取消专员审核通过 the member may be applied for again, or unbound
    const again = await svc.applyForSpecialists(admin(p), { invitationIds: [invitationId], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(p) });
    await svc.withdrawSpecialistApplication(admin(p), invitationId);
    expect(await invitationStatus(invitationId)).toBe('cancel_approved');
    expect(again.results).toHaveLength(1);
    expect(await svc.unbindMember(admin(p), invitationId)).toMatchObject({ status: 'unbound' });
  });

  it('the vendor cancels a specialist itself: 取消专员（华为方操作）; may be applied for again', async () => {
    const p = await makePartner(database);
    const { invitationId, specialistId } = await specialist(p, await makeAccount(database));
    await expectRefused(svc.vendorCancelSpecialist(ctxOf(database, staffActorWith([STAFF_ROLES.finance])), specialistId, { reason: 'x' }), 'access.denied', 403);
    await expectRefused(svc.vendorCancelSpecialist(ctxOf(database, adminActor(p)), specialistId, { reason: 'x' }), 'access.denied', 403);
    const sp = await svc.vendorCancelSpecialist(ctxOf(database, staffActorWith([STAFF_ROLES.ecosystemManager])), specialistId, { reason: '资质不符合要求' });
    expect(sp).toMatchObject({ status: 'ended', endDate: '2025-03-10', cancelReason: '资质不符合要求' });
    expect(await viewOf(p, invitationId)).toMatchObject({ status: 'cancelled_by_vendor', statusName: '取消专员（华为方操作）' });
    const note = await database.db.select().from(notifications).where(and(eq(notifications.template, 'org.specialist-vendor-cancelled'), eq(notifications.recipientId, p.partner.id)));
    expect(note).toHaveLength(1);
    await svc.applyForSpecialists(admin(p), { invitationIds: [invitationId], path: 'service', deploymentMode: 'nationwide', materialFileIds: await materials(p) });
    expect(await invitationStatus(invitationId)).toBe('applying');
  });

  it('the vendor does not cut across a partner cancellation under review', async () => {
    const p = await makePartner(database);
    const { specialistId } = await specialist(p, await makeAccount(database));
    await svc.requestSpecialistCancel(admin(p), specialistId, { reason: '离职', fileIds: [] });
    await expectRefused(svc.vendorCancelSpecialist(reviewer(), specialistId, { reason: 'x' }), 'org.specialist.not-cancellable', 409);
  });

  it("tenancy: another partner's specialist answers 404", async () => {
    const p = await makePartner(database);
    const intruder = await makePartner(database);
    const { specialistId } = await specialist(p, await makeAccount(database));
    await expectRefused(svc.requestSpecialistCancel(admin(intruder), specialistId, { reason: 'x', fileIds: [] }), 'not-found', 404);
    await expectRefused(svc.revokeSpecialistCancel(admin(intruder), specialistId), 'not-found', 404);
    expect((await svc.listSpecialists(admin(intruder))).items).toHaveLength(0);
  });

  it('review decisions on these kinds need a reviewer or the ecosystem manager', async () => {
    const p = await makePartner(database);
    const { applicationId } = await applied(p, await makeAccount(database));
    await expectRefused(approve(specialistReviews, ctxOf(database, staffActorWith([STAFF_ROLES.finance])), applicationId), 'not-found', 404);
    await expect(approve(specialistReviews, ctxOf(database, staffActorWith([STAFF_ROLES.ecosystemManager])), applicationId)).resolves.toMatchObject({
      status: 'approved',
    });
    const open = await findOpenApplication(database.db, { kind: SPECIALIST_CANCEL_KIND, subjectType: 'project_specialist', subjectId: applicationId });
    expect(open).toBeUndefined();
    expect(SPECIALIST_APPLY_KIND).toBe('org.specialist-apply');
  });
});

describe('dashboard (查看项目专员数据看板)', () => {
  it('counts binds and unbinds per day, statuses, and specialists by work base', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    const b = await makeAccount(database);
    const c = await makeAccount(database);
    await specialist(p, a); // bound 03-10
    clock.advance(DAY_MS);
    const idB = await bind(p, b); // bound 03-11
    await withWorkBase(b, '北京市');
    await invite(p, c); // invited
    clock.advance(DAY_MS);
    await svc.unbindMember(admin(p), idB); // unbound 03-12

    const d = await svc.specialistDashboard(admin(p), { from: '2025-03-09', to: '2025-03-13' });
    expect(d.trend).toEqual([
      { date: '2025-03-09', binds: 0, unbinds: 0 },
      { date: '2025-03-10', binds: 1, unbinds: 0 },
      { date: '2025-03-11', binds: 1, unbinds: 0 },
      { date: '2025-03-12', binds: 0, unbinds: 1 },
      { date: '2025-03-13', binds: 0, unbinds: 0 },
    ]);
    const inv = Object.fromEntries(d.invitationCounts.map((x) => [x.status, x.count]));
    expect(inv).toMatchObject({ invited: 1, bound: 1, unbound: 1, expired: 0 });
    expect(d.invitationCounts.find((x) => x.status === 'cancelled_by_vendor')!.statusName).toBe('取消专员（华为方操作）');
    expect(Object.fromEntries(d.specialistCounts.map((x) => [x.status, x.count]))).toMatchObject({ active: 1, cancel_pending: 0 });
    expect(d.regions).toEqual([{ workBase: '广东省深圳市', count: 1 }]);

    clock.advance(7 * DAY_MS); // the invitation of c lapses
    const later = await svc.specialistDashboard(admin(p), {});
    expect(later.trend).toHaveLength(30);
    expect(later.invitationCounts.find((x) => x.status === 'expired')!.count).toBe(1);
    await expectRefused(svc.specialistDashboard(admin(p), { from: '2024-01-01', to: '2025-03-01' }), 'org.dashboard.range-too-long', 400);
  });
});

describe('for other modules (R30)', () => {
  it('tells whether an account is a linked member and whether it is a specialist', async () => {
    const p = await makePartner(database);
    const a = await makeAccount(database);
    expect(await svc.isLinkedMember(database.db, p.partner.id, a.id)).toBe(false);
    await specialist(p, a);
    expect(await svc.isLinkedMember(database.db, p.partner.id, a.id)).toBe(true);
    expect(await svc.isProjectSpecialist(database.db, p.partner.id, a.id)).toBe(true);
    const [row] = await database.db.select().from(partners).where(eq(partners.id, p.partner.id));
    expect(row).toBeDefined();
  });
});

describe.runIf(onPostgres())('concurrency (PostgreSQL)', () => {
  it('two accepts of two invitations by the same employee at once leave exactly one 已绑定', async () => {
    for (let round = 0; round < 5; round++) {
      const p1 = await makePartner(database);
      const p2 = await makePartner(database);
      const a = await makeAccount(database);
      const id1 = (await invite(p1, a)).invitations[0]!.id;
      const id2 = (await invite(p2, a)).invitations[0]!.id;
      const outcomes = await Promise.allSettled([
        svc.acceptInvitation(employee(a), id1, { agree: true }),
        svc.acceptInvitation(employee(a), id2, { agree: true }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejectedOutcome = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(['org.invitation.expired', 'org.invitation.ineligible']).toContain(rejectedOutcome.reason.code);
      const rowsNow = await database.db.select().from(memberInvitations).where(eq(memberInvitations.accountId, a.id));
      expect(rowsNow.filter((r) => r.status === 'bound')).toHaveLength(1);
      expect(rowsNow.filter((r) => r.status === 'expired')).toHaveLength(1);
    }
  });

  it('parallel sends never pass the daily limit', async () => {
    const p = await makePartner(database);
    const people = await Promise.all(Array.from({ length: 10 }, () => makeAccount(database)));
    const id = (await invite(p, people[0]!)).invitations[0]!.id;
    for (let i = 0; i < 96; i++) await svc.resendInvitation(admin(p), id); // 97 used, 3 left
    const outcomes = await Promise.allSettled(people.slice(1, 10).map((a) => invite(p, a)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect((await svc.invitationQuota(admin(p))).remainingToday).toBe(0);
  });
});
