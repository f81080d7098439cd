import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf.js';
import { and, eq } from 'drizzle-orm';
import { makeMember, memberSession } from '../../../test/fixtures.js';
import { SAMPLE, upload } from '../../../test/upload.js';
import { clock } from '../../platform/clock.js';
import { auditLog } from '../../platform/audit/schema.js';
import { partners } from '../partners/schema.js';
import { programMemberships, relationDeclarations } from './schema.js';
import { expireMemberships, hasJoinedProgram, joinedPrograms, solutionProviderExpired } from './memberships.js';
import {
  AGREEMENT_KEYS,
  CONTACTS,
  SHAREHOLDER_PURPOSE,
  approveAll,
  call,
  fileOf,
  fullApplication,
  joinedSolutionProvider,
  makeWorld,
  partner,
  roleCertified,
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

async function eligibleSp() {
  const me = await partner(t);
  const sib = await sibling(t, me.p);
  await roleCertified(t, sib.p);
  return me;
}

const programsOf = async (partnerId: string) => (await t.database.db.select({ programs: partners.programs }).from(partners).where(eq(partners.id, partnerId)))[0]!.programs;

describe('catalogue (spec 01 §2.11)', () => {
  it('lists the plans the guide names with description, benefits, how each is joined and whether it has a certificate', async () => {
    const { s } = await partner(t);
    const r = await call(t, s, 'GET', '/api/programs');
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.items.map((c: { program: string }) => [c.program, c]));
    expect(Object.keys(by)).toEqual(['pce', 'capability', 'solution_provider', 'distributor', 'reseller', 'marketplace_merchant', 'marketplace_csp', 'service_capability', 'wotu']);
    expect(by.pce.name.zh).toBe('合作伙伴共拓计划');
    expect(by.pce.joinMode).toBe('immediate');
    expect(by.distributor.joinMode).toBe('invitation');
    expect(by.distributor.name.zh).toBe('分销计划（总经销商）');
    expect(by.solution_provider.steps.map((x: { zh: string }) => x.zh)).toEqual(['填写商业信息', '填写计划申请信息', '尽职调查']);
    expect(by.solution_provider.levels.map((l: { name: { zh: string } }) => l.name.zh)).toEqual(['标准', '优选', '领先', '核心']);
    // R41: certificates only for 解决方案提供商, 总经销商, 云经销商 and 云商店
    expect(Object.values(by).filter((c: any) => c.hasCertificate).map((c: any) => c.program)).toEqual(['solution_provider', 'distributor', 'reseller', 'marketplace_merchant']); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(by.capability.link).toBe('/capabilities');
    expect(by.reseller.agreements.map((a: { name: { zh: string } }) => a.name.zh)).toEqual(['《华为云经销商合作协议》', '《华为合作伙伴行为准则》', '《云经销商客户信息授权须知》', '《华为云合作伙伴承诺书》']);
    expect(by.solution_provider.state).toBe('not_joined');
    expect(by.solution_provider.stateName.zh).toBe('未加入');
  });
});

describe('PCE joins at once (op 14)', () => {
  it('needs the commitments ticked; then 成功加入PCE伙伴计划, the plan is listed and partners.programs has it', async () => {
    const { p, s } = await partner(t);
    const none = await call(t, s, 'POST', '/api/programs/pce/join', { agreements: [] });
    expect(none.status).toBe(400);
    expect(none.body.fields.agreements).toContain('承诺与协议');
    const r = await call(t, s, 'POST', '/api/programs/pce/join', { agreements: AGREEMENT_KEYS.pce });
    expect(r.status).toBe(201);
    expect(r.body.message.zh).toBe('您已成功加入PCE伙伴计划，可以添加机会点');
    expect(await programsOf(p.partner.id)).toEqual(['pce']);
    const again = await call(t, s, 'POST', '/api/programs/pce/join', { agreements: AGREEMENT_KEYS.pce });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('programs.already-joined');
    const agreements = await call(t, s, 'GET', '/api/programs/agreements');
    expect(agreements.body.items.map((a: { name: { zh: string } }) => a.name.zh)).toEqual(['《华为云合作伙伴共拓计划承诺与协议》']);
    // PCE issues no certificate (R41)
    const m = (await call(t, s, 'GET', '/api/programs/memberships')).body.items[0];
    expect(m.hasCertificate).toBe(false);
    const cert = await call(t, s, 'GET', `/api/programs/memberships/${m.id}/certificate`);
    expect(cert.status).toBe(409);
    expect(cert.body.code).toBe('programs.no-certificate');
  });
});

describe('solution provider application: three steps, drafts, review, membership (spec 01 §3.5, op 15)', () => {
  it('saves a draft step by step; the catalogue shows it for editing; submit refuses what is missing, naming each field', async () => {
    const { p, s } = await eligibleSp();
    const draft = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false, contacts: CONTACTS });
    expect(draft.status).toBe(201);
    expect(draft.body.application.status).toBe('draft');
    expect(draft.body.application.statusName.zh).toBe('草稿');
    expect(draft.body.application.level).toBe('standard');
    const id = draft.body.application.id;
    const card = (await call(t, s, 'GET', '/api/programs')).body.items.find((c: { program: string }) => c.program === 'solution_provider');
    expect(card.state).toBe('draft');
    expect(card.applicationId).toBe(id);

    const second = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('programs.application-exists');

    const submit = await call(t, s, 'POST', `/api/programs/applications/${id}/submit`);
    expect(submit.status).toBe(400);
    expect(submit.body.code).toBe('programs.incomplete');
    for (const f of ['businessInfo.companyName', 'businessInfo.licenceFileId', 'businessInfo.repOffice', 'businessInfo.logoFileId', 'agreements', 'answers.performanceBand', 'dueDiligence.sensitiveRelation', 'dueDiligence.truthful'])
      expect(Object.keys(submit.body.fields)).toContain(f);
    expect(submit.body.fields.contacts).toBeUndefined();

    const full = await fullApplication(t, p, 'solution_provider');
    const saved = await call(t, s, 'PUT', `/api/programs/applications/${id}`, { businessInfo: full.businessInfo, submit: false });
    expect(saved.status).toBe(200);
    expect(saved.body.application.businessInfo.companyName).toBe(p.company.name);
    const stillMissing = await call(t, s, 'POST', `/api/programs/applications/${id}/submit`);
    expect(Object.keys(stillMissing.body.fields)).not.toContain('businessInfo.companyName');
  });

  it('step 2 checks the minimums: at least 4 certified engineers and 2 professionally certified staff, and the chosen level', async () => {
    const { p, s } = await eligibleSp();
    const body = await fullApplication(t, p, 'solution_provider');
    (body.answers as Record<string, unknown>).certifiedCount = 3;
    (body.answers as Record<string, unknown>).professionalCount = 1;
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...body, submit: true });
    expect(r.status).toBe(400);
    expect(r.body.fields['answers.certifiedCount']).toContain('至少4人');
    expect(r.body.fields['answers.professionalCount']).toContain('至少2人');
    const preferred = await fullApplication(t, p, 'solution_provider', { level: 'preferred' });
    const r2 = await call(t, s, 'POST', '/api/programs/applications', { ...preferred, submit: true });
    expect(r2.status).toBe(400);
    expect(r2.body.fields['answers.performanceBand']).toContain('所选等级');
  });

  it('refuses bad input naming the field: unknown answers, a wrong upload kind, over-long intro, a bad postcode', async () => {
    const { p, s } = await eligibleSp();
    const bad1 = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false, answers: { expansionStaff: 'meets' } });
    expect(bad1.status).toBe(400);
    expect(bad1.body.fields['answers.expansionStaff']).toBeDefined();
    const wrongKind = await fileOf(t, p, 'attachment');
    const bad2 = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false, businessInfo: { licenceFileId: wrongKind } });
    expect(bad2.status).toBe(400);
    expect(bad2.body.fields['businessInfo.licenceFileId']).toContain('营业执照文件');
    const bad3 = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false, businessInfo: { intro: '介'.repeat(1001) } });
    expect(bad3.status).toBe(400);
    const bad4 = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false, businessInfo: { postcode: '2100' } });
    expect(bad4.status).toBe(400);
    expect(bad4.body.fields['businessInfo.postcode']).toContain('210000');
    const other = await partner(t);
    const foreign = await fileOf(t, other.p, 'program-logo', 'x.png', 'image/png');
    const bad5 = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false, businessInfo: { logoFileId: foreign } });
    expect(bad5.status).toBe(400);
    expect(bad5.body.fields['businessInfo.logoFileId']).toBeDefined();
    expect((await call(t, s, 'GET', '/api/programs/applications')).body.total).toBe(0);
  });

  it('the logo upload takes jpeg/jpg/png/gif ≤ 20 MB and refuses the characters \\ / ? < > | : * @ # % ^ & in its name', async () => {
    const { s } = await partner(t);
    await expect(upload(t.app, s.headers, 'program-logo', 'logo.png', SAMPLE.PNG)).resolves.toBeTruthy();
    await expect(upload(t.app, s.headers, 'program-logo', 'lo#go.png', SAMPLE.PNG)).rejects.toThrow(/400/);
    await expect(upload(t.app, s.headers, 'program-logo', 'logo.pdf', SAMPLE.PDF)).rejects.toThrow(/400/);
  });

  it('submit → 尽职调查审核 → 计划审核 → 审核通过: the account joins at the level applied for, with certificate and signed agreements', async () => {
    const { p, s } = await eligibleSp();
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, p, 'solution_provider')), submit: true });
    expect(r.status).toBe(201);
    expect(r.body.message.zh).toBe('恭喜您，解决方案提供商计划申请已提交成功');
    const app = r.body.application;
    expect(app.status).toBe('in_review');
    expect(app.statusName.zh).toBe('审核中');
    expect(app.submittedAt).not.toBeNull();

    // the ecosystem manager cannot decide the due-diligence stage
    expect((await call(t, w.manager, 'POST', `/api/ops/reviews/${app.reviewId}/approve`, {})).status).toBe(403);
    const detail = await call(t, w.reviewer, 'GET', `/api/ops/reviews/${app.reviewId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data ?? detail.body.application?.data).toBeTruthy();
    await approveAll(w, app.reviewId, [w.reviewer]);
    expect((await call(t, s, 'GET', `/api/programs/applications/${app.id}`)).body.status).toBe('in_review');
    await approveAll(w, app.reviewId, [w.manager]);

    const after = await call(t, s, 'GET', `/api/programs/applications/${app.id}`);
    expect(after.body.status).toBe('approved');
    expect(after.body.statusName.zh).toBe('审核通过');
    expect(await programsOf(p.partner.id)).toContain('solution_provider');
    expect(await hasJoinedProgram(t.database.db, p.partner.id, 'solution_provider')).toBe(true);
    const joined = (await call(t, s, 'GET', '/api/programs/memberships')).body.items;
    expect(joined).toHaveLength(1);
    expect(joined[0].levelName.zh).toBe('标准');
    expect(joined[0].canDownloadCertificate).toBe(true);
    expect(joined[0].canUpgrade).toBe(true);
    expect(joined[0].expiresAt).not.toBeNull();

    const pdf = await t.app.inject({ method: 'GET', url: `/api/programs/memberships/${joined[0].id}/certificate`, headers: s.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeURIComponent(String(pdf.headers['content-disposition']))).toContain(`${p.company.name}-解决方案提供商计划证书.pdf`);
    const certText = await pdfText(pdf.rawPayload);
    expect(certText).toContain(p.company.name);
    expect(certText).toContain('解决方案提供商');

    const signed = (await call(t, s, 'GET', '/api/programs/agreements')).body.items;
    expect(signed.map((a: { name: { zh: string } }) => a.name.zh).sort()).toEqual(['《华为云解决方案提供商合作协议》', '《华为云合作伙伴程序管理制度》', '《合作伙伴廉洁诚信承诺书》', '《合作伙伴行为准则》'].sort());
    const one = await call(t, s, 'GET', `/api/programs/agreements/${signed[0].id}`);
    expect(one.body.companyName).toBe(p.company.name);
    const dl = await t.app.inject({ method: 'GET', url: `/api/programs/agreements/${signed[0].id}/download`, headers: s.headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(dl.rawPayload)).toContain(p.company.name);

    // the due diligence's declaration is the company's 关系申报
    const decl = await call(t, s, 'GET', '/api/programs/relation-declaration');
    expect(decl.body.choice).toBe('none');
    expect(decl.body.choiceName.zh).toBe('不涉及');
  });

  it('审核不通过 with a reason → fix → resubmit as the same application', async () => {
    const { p, s } = await eligibleSp();
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, p, 'solution_provider')), submit: true });
    const { id, reviewId } = r.body.application;
    const noReason = await call(t, w.reviewer, 'POST', `/api/ops/reviews/${reviewId}/reject`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect((await call(t, w.reviewer, 'POST', `/api/ops/reviews/${reviewId}/reject`, { reason: '尽职调查信息不完整' })).status).toBe(200);
    const rejected = await call(t, s, 'GET', `/api/programs/applications/${id}`);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.statusName.zh).toBe('审核不通过');
    expect(rejected.body.rejectReason).toBe('尽职调查信息不完整');
    expect((await call(t, s, 'POST', `/api/programs/applications/${id}/cancel`)).status).toBe(409); // only drafts are cancelled
    const fixed = await call(t, s, 'PUT', `/api/programs/applications/${id}`, { contacts: [{ name: '李四', mobile: '13800000000', email: 'li@example.com' }], submit: true });
    expect(fixed.status).toBe(200);
    expect(fixed.body.application.status).toBe('in_review');
    expect(fixed.body.application.reviewId).toBe(reviewId);
    expect(fixed.body.application.rejectReason).toBeNull();
    const again = await call(t, s, 'POST', `/api/programs/applications/${id}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('programs.application-in-review');
    const editInReview = await call(t, s, 'PUT', `/api/programs/applications/${id}`, { submit: false });
    expect(editInReview.status).toBe(409);
  });

  it('a draft can be cancelled; it leaves the applied list and a new application may start', async () => {
    const { s } = await eligibleSp();
    const d = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false });
    const c = await call(t, s, 'POST', `/api/programs/applications/${d.body.application.id}/cancel`);
    expect(c.status).toBe(200);
    expect(c.body.statusName.zh).toBe('已取消');
    expect((await call(t, s, 'GET', '/api/programs/applications')).body.total).toBe(0);
    expect((await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false })).status).toBe(201);
  });

  it('contacts can be changed from the detail page in any status, never to none', async () => {
    const { p, s } = await eligibleSp();
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, p, 'solution_provider')), submit: true });
    const id = r.body.application.id;
    const empty = await call(t, s, 'PUT', `/api/programs/applications/${id}/contacts`, { contacts: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.fields.contacts).toBe('请至少创建一个联系人');
    const badMail = await call(t, s, 'PUT', `/api/programs/applications/${id}/contacts`, { contacts: [{ name: '王', mobile: '13800000000', email: 'nope' }] });
    expect(badMail.status).toBe(400);
    expect(badMail.body.fields['contacts.0.email']).toBeDefined();
    const ok = await call(t, s, 'PUT', `/api/programs/applications/${id}/contacts`, { contacts: [{ name: '王五', mobile: '13800000001', email: 'wang@example.com' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.contacts[0].name).toBe('王五');
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'programs.contacts-updated'), eq(auditLog.objectId, id)));
    expect(entry).toBeTruthy();
  });

  it('R25 no. 10 at approval: the second account of a company cannot be approved once another one joined', async () => {
    const a = await eligibleSp();
    const b = await sibling(t, a.p); // same company; both see the role-certified sibling
    const ra = await call(t, a.s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, a.p, 'solution_provider')), submit: true });
    const rb = await call(t, b.s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, b.p, 'solution_provider')), submit: true });
    expect(rb.status).toBe(201);
    await approveAll(w, ra.body.application.reviewId, [w.reviewer, w.manager]);
    await approveAll(w, rb.body.application.reviewId, [w.reviewer]);
    const second = await call(t, w.manager, 'POST', `/api/ops/reviews/${rb.body.application.reviewId}/approve`, {});
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('programs.company-already-joined');
    expect(await programsOf(b.p.partner.id)).toEqual([]);
  });

  it('only the partner administrator applies; a member with the menu reads; another tenant reads 404', async () => {
    const { p, s } = await eligibleSp();
    const d = await call(t, s, 'POST', '/api/programs/applications', { program: 'solution_provider', submit: false });
    const sa = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['sa']));
    const member = await call(t, sa, 'POST', '/api/programs/applications', { program: 'marketplace_csp', submit: false });
    expect(member.status).toBe(403);
    const other = await partner(t);
    expect((await call(t, other.s, 'GET', `/api/programs/applications/${d.body.application.id}`)).status).toBe(404);
    expect((await call(t, other.s, 'POST', `/api/programs/applications/${d.body.application.id}/cancel`)).status).toBe(404);
  });
});

describe('solution provider membership expiry (spec 01 §3.7, R29)', () => {
  it('expires after its term: reads say 已过期 at once, the job writes it, partners.programs drops it and the certificate is no longer issued', async () => {
    const { p, s, membershipId } = await joinedSolutionProvider(w);
    clock.set('2027-03-11T02:00:00Z');
    expect(await solutionProviderExpired(t.database.db, p.partner.id)).toBe(true);
    expect(await joinedPrograms(t.database.db, p.partner.id)).not.toContain('solution_provider');
    expect(await expireMemberships(t.database.db)).toBeGreaterThanOrEqual(1);
    const [m] = await t.database.db.select().from(programMemberships).where(eq(programMemberships.id, membershipId));
    expect(m!.status).toBe('expired');
    expect(await programsOf(p.partner.id)).not.toContain('solution_provider');
    const { partnerAdminSession } = await import('../../../test/fixtures.js');
    const fresh = await partnerAdminSession(t.database, p);
    const view = await call(t, fresh, 'GET', `/api/programs/memberships/${membershipId}`);
    expect(view.body.statusName.zh).toBe('已过期');
    const cert = await call(t, fresh, 'GET', `/api/programs/memberships/${membershipId}/certificate`);
    expect(cert.status).toBe(409);
    void s;
  });
});

describe('marketplace CSP and merchant (ops 23–24, R38)', () => {
  it('a company founded less than a year ago must upload 出资人构成证明', async () => {
    const { p, s } = await partner(t, { paths: ['service'] });
    const body = await fullApplication(t, p, 'marketplace_csp', { businessInfo: { foundedDate: '2025-12-01' } });
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...body, submit: true });
    expect(r.status).toBe(400);
    expect(r.body.fields['businessInfo.shareholderProofFileId']).toBe('若公司成立时间低于1年，需上传出资人构成证明');
    expect((await call(t, s, 'GET', '/api/programs/applications')).body.total).toBe(0); // 保存草稿 + 提交 is one change: nothing was kept
    const draft = await call(t, s, 'POST', '/api/programs/applications', { ...body, submit: false });
    const proof = await fileOf(t, p, SHAREHOLDER_PURPOSE);
    const ok = await call(t, s, 'PUT', `/api/programs/applications/${draft.body.application.id}`, {
      businessInfo: { ...(body.businessInfo as object), shareholderProofFileId: proof },
      submit: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.application.status).toBe('in_review');
    await approveAll(w, ok.body.application.reviewId, [w.ops]);
    const m = (await call(t, s, 'GET', '/api/programs/memberships')).body.items;
    expect(m.map((x: { program: string }) => x.program)).toEqual(['marketplace_csp']);
    expect(m[0].hasCertificate).toBe(false);
  });

  it('the CSP application needs the capability proofs of step 2', async () => {
    const { p, s } = await partner(t, { paths: ['software'] });
    const body = await fullApplication(t, p, 'marketplace_csp');
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...body, answers: {}, submit: true });
    expect(r.status).toBe(400);
    expect(r.body.fields['answers.proofs']).toContain('商品服务能力认证证明材料');
  });

  it('the merchant application (商家入驻申请) is reviewed by operations and gives the 云商店 certificate', async () => {
    const { p, s } = await partner(t);
    const r = await call(t, s, 'POST', '/api/programs/applications', { ...(await fullApplication(t, p, 'marketplace_merchant')), submit: true });
    expect(r.status).toBe(201);
    expect((await call(t, w.manager, 'POST', `/api/ops/reviews/${r.body.application.reviewId}/approve`, {})).status).toBe(404); // not the manager's kind
    await approveAll(w, r.body.application.reviewId, [w.ops]);
    const m = (await call(t, s, 'GET', '/api/programs/memberships')).body.items[0];
    expect(m.program).toBe('marketplace_merchant');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/programs/memberships/${m.id}/certificate`, headers: s.headers });
    expect(pdf.statusCode).toBe(200);
  });
});

describe('关系申报 (op 29, spec 01 §2.4)', () => {
  it('申报 needs the particulars; 不涉及 clears them; 保存成功; members without admin rights cannot change it', async () => {
    const { p, s } = await partner(t);
    expect((await call(t, s, 'GET', '/api/programs/relation-declaration')).body.choice).toBeNull();
    const missing = await call(t, s, 'PUT', '/api/programs/relation-declaration', { choice: 'declared' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.details).toBeDefined();
    const ok = await call(t, s, 'PUT', '/api/programs/relation-declaration', { choice: 'declared', details: '公司股东的配偶为华为员工' });
    expect(ok.status).toBe(200);
    expect(ok.body.message.zh).toBe('保存成功');
    const none = await call(t, s, 'PUT', '/api/programs/relation-declaration', { choice: 'none', details: '无' });
    expect(none.body.declaration.details).toBeNull();
    // one declaration per company: a sibling account sees it
    const sib = await sibling(t, p);
    expect((await call(t, sib.s, 'GET', '/api/programs/relation-declaration')).body.choice).toBe('none');
    const rows = await t.database.db.select().from(relationDeclarations).where(eq(relationDeclarations.companyId, p.company.id));
    expect(rows).toHaveLength(1);
    const fin = await memberSession(t.database, await makeMember(t.database, p.partner.id, ['finance']));
    expect((await call(t, fin, 'PUT', '/api/programs/relation-declaration', { choice: 'none' })).status).toBe(403);
  });
});

describe('already joined', () => {
  it('a plan recorded in partners.programs before this module counts as joined and cannot be applied for again', async () => {
    const { s } = await partner(t, { programs: ['marketplace_merchant'] });
    const r = await call(t, s, 'POST', '/api/programs/applications', { program: 'marketplace_merchant', submit: false });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('programs.already-joined');
    const list = (await call(t, s, 'GET', '/api/programs/memberships')).body.items;
    expect(list).toEqual([expect.objectContaining({ id: null, program: 'marketplace_merchant', status: 'active' })]);
  });
});

describe('operations console and form options', () => {
  it('staff list plan members by plan and company; partners cannot', async () => {
    const { p } = await joinedSolutionProvider(w, `检索科技${Date.now()}`);
    const r = await call(t, w.ops, 'GET', `/api/ops/programs/memberships?program=solution_provider&search=${encodeURIComponent(p.company.name)}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(1);
    expect(r.body.items[0]).toMatchObject({ partnerId: p.partner.id, companyName: p.company.name, program: 'solution_provider' });
    const { s } = await partner(t);
    expect((await call(t, s, 'GET', '/api/ops/programs/memberships')).status).toBe(403);
  });

  it('the form options carry the selects, the due-diligence questions and 表 3-1', async () => {
    const { s } = await partner(t);
    const r = await call(t, s, 'GET', '/api/programs/form-options');
    expect(r.status).toBe(200);
    expect(r.body.choices.performanceBand[0].name.zh).toBe('年度业绩<100万');
    expect(r.body.choices.userBand[0].name.zh).toBe('有效用户数 < 10个');
    expect(r.body.capabilityTagScope).toHaveLength(10);
    expect(r.body.capabilityTagScope.find((x: { label: string }) => x.label === 'cloud-migration').regionName.zh).toBe('仅限海外');
  });
});
