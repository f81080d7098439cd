import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { partnerAdminSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { auditLog } from '../../platform/audit/schema.js';
import { partners } from '../partners/schema.js';
import { programInvitations, programMemberships } from './schema.js';
import { countByHighestLevel, vocationalLevel } from './certifications.js';
import { isValueReseller } from './distributor.js';
import {
  PROOF_PURPOSE,
  approveAll,
  call,
  certifiedPeople,
  fileOf,
  fullApplication,
  joinedDistributor,
  joinedReseller,
  lastMessage,
  makeWorld,
  partner,
  refreshStaff,
  sibling,
  type T,
  type World,
} from './test-helpers.js';

let w: World;
let t: T;
beforeAll(async () => {
  w = await makeWorld();
  t = w.t;
});
afterAll(async () => {
  clock.reset();
  await t.close();
});
beforeEach(() => clock.set('2026-03-10T02:00:00Z'));

describe('distributor plan by invitation (op 17, R8)', () => {
  it('only the ecosystem manager invites; the invitation e-mail goes out; the application is reviewed; approval consumes the invitation', async () => {
    const { p, s } = await partner(t);
    const denied = await call(t, s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, p, 'distributor')), submit: true });
    expect(denied.status).toBe(409);
    expect(denied.body.params.reasons[0].key).toBe('invited');

    expect((await call(t, w.channel, 'POST', '/api/ops/programs/invitations', { account: p.account.accountName, program: 'distributor' })).status).toBe(403);
    const inv = await call(t, w.manager, 'POST', '/api/ops/programs/invitations', { account: p.account.accountName, program: 'distributor' });
    expect(inv.status).toBe(201);
    expect(inv.body.statusName.zh).toBe('已邀请');
    const mail = await lastMessage(t, p.account.email!);
    expect(mail!.subject).toBe('华为云邀请您加入分销计划（总经销商）');
    expect((await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'programs.distributor-invited'))).length).toBeGreaterThan(0);

    const body = await fullApplication(t, p, 'distributor');
    const noRegion = await call(t, s, 'POST', '/api/programs/applications', { ...body, businessInfo: { ...(body.businessInfo as object), businessRegion: null }, submit: false });
    expect(noRegion.status).toBe(201);
    const incomplete = await call(t, s, 'POST', `/api/programs/applications/${noRegion.body.application.id}/submit`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.fields['businessInfo.businessRegion']).toBe('请选择业务开展地区');
    const submitted = await call(t, s, 'PUT', `/api/programs/applications/${noRegion.body.application.id}`, { businessInfo: body.businessInfo, submit: true });
    expect(submitted.status).toBe(200);
    expect(submitted.body.message.zh).toBe('恭喜您，分销计划（总经销商）申请已提交成功');
    await approveAll(w, submitted.body.application.reviewId, [w.manager]);
    const joined = (await call(t, s, 'GET', '/api/programs/memberships')).body.items;
    expect(joined[0]).toMatchObject({ program: 'distributor', businessRegion: '江苏省', status: 'active' });
    const [invRow] = await t.database.db.select().from(programInvitations).where(eq(programInvitations.id, inv.body.id));
    expect(invRow!.status).toBe('accepted');
    const again = await call(t, w.manager, 'POST', '/api/ops/programs/invitations', { account: p.account.accountName, program: 'distributor' });
    expect(again.status).toBe(409);
  });

  it('an account that is not in HCPN cannot be invited; an unknown account names the field', async () => {
    const { makeAccount } = await import('../../../test/fixtures.js');
    const a = await makeAccount(t.database);
    const r = await call(t, w.manager, 'POST', '/api/ops/programs/invitations', { account: a.accountName, program: 'distributor' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.invite.not-partner');
    const u = await call(t, w.manager, 'POST', '/api/ops/programs/invitations', { account: 'nobody-here', program: 'distributor' });
    expect(u.status).toBe(400);
    expect(u.body.fields.account).toBe('账号不存在');
  });
});

describe('积分卡 (spec 01 §2.15, R32–R34)', () => {
  it('R32: a value reseller has annual performance ≥ 50,000 CNY and ≥ 3 customers paying ≥ 100 CNY', () => {
    expect(isValueReseller('50000', 3)).toBe(true);
    expect(isValueReseller('49999.99', 3)).toBe(false);
    expect(isValueReseller('80000', 2)).toBe(false);
  });

  it('R33: one person counts once, at the highest of HCCDX and HCIX; higher levels cover lower requirements', () => {
    expect(vocationalLevel('HCIA-Cloud Service')).toBe(1);
    expect(vocationalLevel('HCCDP-Solution Architectures')).toBe(2);
    expect(vocationalLevel('HCIE-Cloud Service Solutions Architect')).toBe(3);
    const counts = countByHighestLevel([
      { person: 'a', level: 1 },
      { person: 'a', level: 3 }, // HCIA and HCIE: counted once, as expert
      { person: 'b', level: 2 },
      { person: 'b', level: 2 },
      { person: 'c', level: 1 },
    ]);
    expect(counts).toEqual({ people: 3, associate: 3, professional: 2, expert: 1 });
  });

  it('shows each metric with requirement, achieved, met, refresh (T+2 / T+1) and the data date; value resellers by the formula', async () => {
    const d = await joinedDistributor(w);
    const r1 = await joinedReseller(w);
    const r2 = await joinedReseller(w);
    // link both resellers to the distributor through its invitation and their "愿意"
    for (const r of [r1, r2]) {
      const inv = await call(t, d.s, 'POST', '/api/programs/distributor/reseller-invitations', { email: r.p.account.email, resellerAccount: r.p.account.accountName, accountManagerName: '赵经理' });
      expect(inv.status).toBe(201);
      expect((await call(t, r.s, 'POST', `/api/programs/reseller/invitations/${inv.body.id}/accept`, { businessRegion: '江苏省', acceptNotice: true })).status).toBe(200);
    }
    const set = await call(t, w.channel, 'PUT', '/api/ops/programs/scorecards', {
      account: d.p.account.accountName,
      program: 'distributor',
      year: 2026,
      distributorType: 'regional_12',
      annualPerformance: '1200000.00',
      requirements: { annualPerformance: '1000000', valueResellers: 2, certifications: { associate: 3, professional: 1 }, professionalCertifications: { associate: 1 } },
    });
    expect(set.status).toBe(200);
    expect(set.body.dataDate).toBe('2026-03-08'); // T+2
    for (const [r, perf, customers] of [
      [r1, '60000', 3],
      [r2, '60000', 2],
    ] as const) {
      const v = await call(t, w.channel, 'PUT', '/api/ops/programs/reseller-performance', { distributorPartnerId: d.p.partner.id, resellerPartnerId: r.p.partner.id, year: 2026, annualPerformance: perf, payingCustomers: customers });
      expect(v.status).toBe(200);
    }
    await certifiedPeople(t, d.p, 1, [
      { type: 'professional', name: 'HCIA-Cloud Service' },
      { type: 'developer', name: 'HCCDP-Solution Architectures' },
    ]);
    await certifiedPeople(t, d.p, 2, [{ type: 'developer', name: 'HCCDA-Tech Essentials' }]);

    const card = await call(t, d.s, 'GET', '/api/programs/distributor/scorecard');
    expect(card.status).toBe(200);
    expect(card.body.visible).toBe(true);
    expect(card.body.distributorTypeName.zh).toBe('区域型（一类/二类区域）');
    const m = Object.fromEntries(card.body.metrics.map((x: { key: string }) => [x.key, x]));
    expect(m.annualPerformance).toMatchObject({ achieved: '1200000.00', requirement: '1000000.00', met: true, refresh: 'T+2', dataDate: '2026-03-08' });
    expect(m.valueResellers).toMatchObject({ achieved: '1', requirement: '2', met: false, refresh: 'T+2' });
    expect(m.certifications).toMatchObject({ achieved: '3', met: true, refresh: 'T+1', dataDate: '2026-03-09' });
    expect(m.certifications.levels.map((l: { achieved: number }) => l.achieved)).toEqual([3, 1, 0]);
    expect(m.professionalCertifications.met).toBe(false);
    expect(card.body.notes.map((n: { zh: string }) => n.zh)).toEqual([
      '年度业绩、价值云经销商数量刷新时间为T+2。',
      '职业/开发者认证、专业认证数据刷新时间为T+1。',
      '伙伴年度考核数据以次年1月公示结束定稿数据为准。',
    ]);
    const audited = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'programs.scorecard-set'));
    expect(audited.length).toBeGreaterThan(0);
  });

  it('R34: certificates recorded today show tomorrow (T+1)', async () => {
    const d = await joinedDistributor(w);
    await call(t, w.channel, 'PUT', '/api/ops/programs/scorecards', { account: d.p.account.accountName, program: 'distributor', year: 2026, distributorType: 'regional_3', annualPerformance: '0' });
    await certifiedPeople(t, d.p, 1, [{ type: 'developer', name: 'HCCDA-Tech Essentials' }]);
    const { memberCertificates } = await import('../org/specialists/schema.js');
    await t.database.db.update(memberCertificates).set({ createdAt: clock.now() });
    const today = await call(t, d.s, 'GET', '/api/programs/distributor/scorecard');
    expect(today.body.metrics.find((x: { key: string }) => x.key === 'certifications').achieved).toBe('0');
    clock.set('2026-03-11T02:00:00Z');
    const s = await partnerAdminSession(t.database, d.p);
    const tomorrow = await call(t, s, 'GET', '/api/programs/distributor/scorecard');
    expect(tomorrow.body.metrics.find((x: { key: string }) => x.key === 'certifications').achieved).toBe('1');
  });

  it('national distributors: the card lives on the 拓渠 main account only; the company’s other accounts are told to go there', async () => {
    const d = await joinedDistributor(w); // makePartner accounts are their company's main account
    const other = await sibling(t, d.p);
    await t.database.db.update(partners).set({ programs: ['distributor'] }).where(eq(partners.id, other.p.partner.id));
    const onSibling = await call(t, w.channel, 'PUT', '/api/ops/programs/scorecards', { account: other.p.account.accountName, program: 'distributor', year: 2026, distributorType: 'national', annualPerformance: '1' });
    expect(onSibling.status).toBe(409);
    expect(onSibling.body.code).toBe('programs.national-main-account');
    expect((await call(t, w.channel, 'PUT', '/api/ops/programs/scorecards', { account: d.p.account.accountName, program: 'distributor', year: 2026, distributorType: 'national', annualPerformance: '1' })).status).toBe(200);
    expect((await call(t, d.s, 'GET', '/api/programs/distributor/scorecard')).body.visible).toBe(true);
    const elsewhere = await call(t, other.s, 'GET', '/api/programs/distributor/scorecard');
    expect(elsewhere.body.visible).toBe(false);
    expect(elsewhere.body.notice.zh).toBe('全国型总经销商仅在拓渠业绩主账号展示积分卡，需前往主账号查看指标详情');
    expect(elsewhere.body.metrics).toEqual([]);
  });

  it('a regional distributor’s accounts each see their own card; a non-distributor has none', async () => {
    const { s } = await partner(t);
    const r = await call(t, s, 'GET', '/api/programs/distributor/scorecard');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.not-distributor');
    const noStaffRole = await call(t, w.reviewer, 'PUT', '/api/ops/programs/scorecards', { account: 'x', program: 'distributor', year: 2026, annualPerformance: '1' });
    expect(noStaffRole.status).toBe(403);
  });
});

describe('annual assessment (R35, spec 01 §3.8)', () => {
  async function failingDistributor() {
    const d = await joinedDistributor(w);
    await call(t, w.channel, 'PUT', '/api/ops/programs/scorecards', {
      account: d.p.account.accountName,
      program: 'distributor',
      year: 2026,
      distributorType: 'regional_12',
      annualPerformance: '100',
      requirements: { annualPerformance: '1000000' },
    });
    return d;
  }

  it('is published only after the year ends; the result is computed from the scorecard and sent by 站内信 and e-mail', async () => {
    const d = await failingDistributor();
    const early = await call(t, w.channel, 'POST', '/api/ops/programs/assessments', { account: d.p.account.accountName, year: 2026 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('programs.assessment-too-early');
    clock.set('2027-01-31T02:00:00Z');
    await refreshStaff(w);
    const pub = await call(t, w.channel, 'POST', '/api/ops/programs/assessments', { account: d.p.account.accountName, year: 2026 });
    expect(pub.status).toBe(201);
    expect(pub.body).toMatchObject({ passed: false, status: 'published' });
    expect(pub.body.resultName.zh).toBe('不达标');
    expect(pub.body.statusName.zh).toBe('待确认');
    expect((await lastMessage(t, d.p.account.email!))!.subject).toBe('分销计划（总经销商）2026年度考核结果已发布');
    const twice = await call(t, w.channel, 'POST', '/api/ops/programs/assessments', { account: d.p.account.accountName, year: 2026 });
    expect(twice.status).toBe(409);
  });

  it('确认已知 first; retaining needs the improvement plan; Huawei approves → 不达标 tag; the choice is then irrevocable', async () => {
    const d = await failingDistributor();
    clock.set('2027-02-02T02:00:00Z');
    await refreshStaff(w);
    const s = await partnerAdminSession(t.database, d.p);
    const a = (await call(t, w.channel, 'POST', '/api/ops/programs/assessments', { account: d.p.account.accountName, year: 2026 })).body;
    const plan = await fileOf(t, d.p, PROOF_PURPOSE, '绩效改进计划.docx');

    const tooSoon = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/handling`, { handling: 'retain', materialFileIds: [plan] });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.code).toBe('programs.assessment-acknowledge-first');
    const ack = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body.actions).toEqual(['choose-handling']);
    const noPlan = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/handling`, { handling: 'retain', materialFileIds: [] });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.fields.materialFileIds).toContain('绩效改进计划');

    const chosen = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/handling`, { handling: 'retain', materialFileIds: [plan] });
    expect(chosen.status).toBe(200);
    expect(chosen.body.statusName.zh).toBe('审核中');
    expect(chosen.body.handlingName.zh).toBe('保留分销计划（总经销商）');
    await call(t, w.channel, 'POST', `/api/ops/reviews/${chosen.body.reviewId}/reject`, { reason: '请与代表处协商一致后再提交' });
    expect((await call(t, s, 'GET', `/api/programs/distributor/assessments/${a.id}`)).body.statusName.zh).toBe('审核不通过');

    const again = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/handling`, { handling: 'retain', materialFileIds: [plan] });
    expect(again.status).toBe(200);
    await approveAll(w, again.body.reviewId, [w.channel]);
    const done = (await call(t, s, 'GET', `/api/programs/distributor/assessments/${a.id}`)).body;
    expect(done.statusName.zh).toBe('不达标');
    const m = (await call(t, s, 'GET', '/api/programs/memberships')).body.items[0];
    expect(m.nonCompliant).toBe(true);
    expect(m.status).toBe('active');
    const change = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/handling`, { handling: 'exit', materialFileIds: [plan] });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('programs.assessment-irrevocable');
  });

  it('exit → Huawei approves → the plan is 退出中', async () => {
    const d = await failingDistributor();
    clock.set('2027-02-02T02:00:00Z');
    await refreshStaff(w);
    const s = await partnerAdminSession(t.database, d.p);
    const a = (await call(t, w.manager, 'POST', '/api/ops/programs/assessments', { account: d.p.account.accountName, year: 2026 })).body;
    await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/acknowledge`);
    const letter = await fileOf(t, d.p, PROOF_PURPOSE, '退出申请.pdf');
    const r = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/handling`, { handling: 'exit', materialFileIds: [letter] });
    await approveAll(w, r.body.reviewId, [w.manager]);
    expect((await call(t, s, 'GET', `/api/programs/distributor/assessments/${a.id}`)).body.statusName.zh).toBe('退出中');
    const [m] = await t.database.db.select().from(programMemberships).where(eq(programMemberships.id, d.membershipId));
    expect(m!.status).toBe('exiting');
    expect((await call(t, s, 'GET', '/api/programs/memberships')).body.items[0].statusName.zh).toBe('退出中');
  });

  it('a passed assessment is acknowledged and needs no handling', async () => {
    const d = await joinedDistributor(w);
    await call(t, w.channel, 'PUT', '/api/ops/programs/scorecards', { account: d.p.account.accountName, program: 'distributor', year: 2026, distributorType: 'regional_3', annualPerformance: '100', requirements: { annualPerformance: '50' } });
    clock.set('2027-02-02T02:00:00Z');
    await refreshStaff(w);
    const s = await partnerAdminSession(t.database, d.p);
    const a = (await call(t, w.channel, 'POST', '/api/ops/programs/assessments', { account: d.p.account.accountName, year: 2026 })).body;
    expect(a.resultName.zh).toBe('达标');
    await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/acknowledge`);
    const r = await call(t, s, 'POST', `/api/programs/distributor/assessments/${a.id}/handling`, { handling: 'exit', materialFileIds: [await fileOf(t, d.p, PROOF_PURPOSE)] });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.assessment-passed');
    const other = await partner(t);
    expect((await call(t, other.s, 'GET', `/api/programs/distributor/assessments/${a.id}`)).status).toBe(404);
  });
});
