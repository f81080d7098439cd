import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clock } from '../../platform/clock.js';
import { auditLog } from '../../platform/audit/schema.js';
import { pathEnrollments } from '../paths/schema.js';
import { partners } from '../partners/schema.js';
import { programMemberships } from './schema.js';
import { call, certifiedPeople, joinedSolutionProvider, makeWorld, type PartnerFx, type T, type World } from './test-helpers.js';

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

/** The guide's sample (L1912–1916): 2888万 / 120个 / 14 people certified / 6 professional / 服务合作伙伴. */
async function meetPreferred(p: PartnerFx, over: { annualPerformance?: string; effectiveUsers?: number } = {}) {
  const r = await call(t, w.channel, 'PUT', '/api/ops/programs/scorecards', {
    account: p.account.accountName,
    program: 'solution_provider',
    year: 2026,
    annualPerformance: over.annualPerformance ?? '28880000',
    effectiveUsers: over.effectiveUsers ?? 120,
  });
  expect(r.status).toBe(200);
}

describe('提升等级 标准 → 优选 → 领先 → 核心 (R27, spec 01 §3.6)', () => {
  it('the page lists each requirement with 已达标 / 未达标; submitting with any item unmet is refused with the items', async () => {
    const { p, s } = await joinedSolutionProvider(w);
    await meetPreferred(p, { annualPerformance: '1000000' });
    const check = await call(t, s, 'GET', '/api/programs/level-upgrade');
    expect(check.status).toBe(200);
    expect(check.body.currentLevelName.zh).toBe('标准');
    expect(check.body.targetLevelName.zh).toBe('优选');
    expect(check.body.allowed).toBe(true);
    expect(check.body.rows.map((r: { name: { zh: string } }) => r.name.zh)).toEqual(['年度业绩', '有效用户数', '职业/开发者认证', '专业认证', '角色认证']);
    expect(check.body.rows[0]).toMatchObject({ achieved: '100万', required: '2000万', met: false });
    expect(check.body.rows[0].metName.zh).toBe('未达标');
    expect(check.body.rows[4]).toMatchObject({ achieved: '服务合作伙伴', required: '1个', met: true });
    expect(check.body.allMet).toBe(false);
    const r = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.upgrade.not-met');
    expect(r.body.params.unmet.map((u: { key: string }) => u.key)).toEqual(['annualPerformance', 'certifications', 'professionalCertifications']);
    expect((await call(t, s, 'GET', '/api/programs/level-upgrades')).body.items).toEqual([]);
  });

  it('R27 precondition: with no account of the company role certified, "查看原因" says so and the submission is refused', async () => {
    const { p, s } = await joinedSolutionProvider(w);
    await t.database.db.delete(pathEnrollments).where(eq(pathEnrollments.companyId, p.company.id));
    const check = await call(t, s, 'GET', '/api/programs/level-upgrade');
    expect(check.body.allowed).toBe(false);
    expect(check.body.reasons[0].zh).toContain('同一公司下必须有一个账号已加入伙伴发展路径');
    const r = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.upgrade.role-certification-required');
  });

  it('all 达标 → 审核中 (3 working days) with the frozen snapshot → the ecosystem manager approves → the new level', async () => {
    const { p, s, membershipId } = await joinedSolutionProvider(w);
    await meetPreferred(p);
    await certifiedPeople(t, p, 14, [{ type: 'developer', name: 'HCCDA-Tech Essentials' }]);
    await certifiedPeople(t, p, 6, [{ type: 'specialty', name: '伙伴专业认证-业务方向（中级）' }]);
    const check = await call(t, s, 'GET', '/api/programs/level-upgrade?targetLevel=preferred');
    expect(check.body.allMet).toBe(true);
    // the certificate is made before the upgrade, to see it made again afterwards
    expect((await t.app.inject({ method: 'GET', url: `/api/programs/memberships/${membershipId}/certificate`, headers: s.headers })).statusCode).toBe(200);

    const r = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' });
    expect(r.status).toBe(201);
    expect(r.body.message.zh).toBe('等级提升申请提交成功');
    const up = r.body.upgrade;
    expect(up.statusName.zh).toBe('审核中');
    expect(up.note.zh).toBe('我们将在3个工作日内尽快审核完成，请耐心等待。');
    expect(up.targetLevelName.zh).toBe('优选');
    expect(up.snapshot.map((x: { achieved: string }) => x.achieved)).toEqual(['2888万', '120个', '14个', '6个', '服务合作伙伴']);
    expect(up.snapshot.every((x: { met: boolean }) => x.met)).toBe(true);

    // the snapshot is the data at submission: later changes do not alter it
    await meetPreferred(p, { annualPerformance: '10' });
    const detail = await call(t, s, 'GET', `/api/programs/level-upgrades/${up.id}`);
    expect(detail.body.snapshot[0].achieved).toBe('2888万');

    const again = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' });
    expect(again.status).toBe(409);

    const reviewer = await call(t, w.reviewer, 'POST', `/api/ops/reviews/${up.reviewId}/approve`, {});
    expect(reviewer.status).toBe(404); // 等级审核 is the ecosystem manager's
    expect((await call(t, w.manager, 'POST', `/api/ops/reviews/${up.reviewId}/approve`, {})).status).toBe(200);
    const m = (await call(t, s, 'GET', `/api/programs/memberships/${membershipId}`)).body;
    expect(m.levelName.zh).toBe('优选');
    const [row] = await t.database.db.select().from(programMemberships).where(eq(programMemberships.id, membershipId));
    expect(row!.certificateFileId).toBeNull(); // the next download names the new level
    const audited = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'programs.level-upgraded'));
    expect(audited.some((a) => a.objectId === up.id)).toBe(true);
    expect((await call(t, s, 'GET', '/api/programs/level-upgrades')).body.items[0].statusName.zh).toBe('审核通过');

    const down = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' });
    expect(down.status).toBe(409);
    expect(down.body.code).toBe('programs.upgrade.not-higher');
  });

  it('审核未通过 with a reason → improve → resubmit as the same application', async () => {
    const { p, s } = await joinedSolutionProvider(w);
    await meetPreferred(p);
    await certifiedPeople(t, p, 14, [{ type: 'professional', name: 'HCIA-Cloud Service' }]);
    await certifiedPeople(t, p, 5, [{ type: 'specialty', name: '伙伴专业认证-业务方向（初级）' }]);
    const r = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' });
    expect(r.status).toBe(201);
    await call(t, w.manager, 'POST', `/api/ops/reviews/${r.body.upgrade.reviewId}/reject`, { reason: '有效用户数据需核实' });
    const rejected = (await call(t, s, 'GET', `/api/programs/level-upgrades/${r.body.upgrade.id}`)).body;
    expect(rejected.statusName.zh).toBe('审核未通过');
    expect(rejected.rejectReason).toBe('有效用户数据需核实');
    const again = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' });
    expect(again.status).toBe(201);
    expect(again.body.upgrade.id).toBe(r.body.upgrade.id);
    expect(again.body.upgrade.statusName.zh).toBe('审核中');
  });

  it('refuses an account not in the plan, and a member without administrator rights', async () => {
    const { p } = await joinedSolutionProvider(w);
    const other = (await import('./test-helpers.js')).partner;
    const { s } = await other(t);
    expect((await call(t, s, 'GET', '/api/programs/level-upgrade')).status).toBe(409);
    const { makeMember, memberSession } = await import('../../../test/fixtures.js');
    const m = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['sa']));
    expect((await call(t, m, 'POST', '/api/programs/level-upgrades', { targetLevel: 'preferred' })).status).toBe(403);
  });

  it('a partner already at 核心 cannot upgrade further', async () => {
    const { p, s, membershipId } = await joinedSolutionProvider(w);
    await t.database.db.update(programMemberships).set({ level: 'core' }).where(eq(programMemberships.id, membershipId));
    const check = await call(t, s, 'GET', '/api/programs/level-upgrade');
    expect(check.body.targetLevel).toBeNull();
    expect(check.body.allowed).toBe(false);
    const r = await call(t, s, 'POST', '/api/programs/level-upgrades', { targetLevel: 'core' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.upgrade.top-level');
    expect((await call(t, s, 'GET', '/api/programs/memberships')).body.items[0].canUpgrade).toBe(false);
    void partners;
    void p;
  });
});
