import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/pdf.js';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../../../test/db.js';
import { makePartner } from '../../../../test/fixtures.js';
import type { Database } from '../../../platform/db/index.js';
import { addDays, addMonths, clock } from '../../../platform/clock.js';
import { P, STAFF_ROLES } from '../../../platform/access/index.js';
import { approve, getApplication, reject, returnForModification, withdraw } from '../../../platform/review/index.js';
import * as svc from './service.js';
import { cloudSolutions, type SolutionKind } from './schema.js';
import { ADVANCED_SOFTWARE_KIND, CLOUD_SOFTWARE_KIND } from './review-kinds.js';
import {
  adminActor,
  attachment,
  ctxOf,
  expectRefused,
  leadBaselineInput,
  memberActor,
  newSolutionInput,
  secondAccountOf,
  solutionReviews,
  staffActor,
  type PartnerFx,
} from './test-helpers.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  clock.reset();
  await database.close();
});

const BASE = new Date('2025-01-17T09:00:00Z');
beforeEach(() => clock.set(BASE));
afterEach(() => clock.reset());

const admin = (p: PartnerFx) => ctxOf(database, adminActor(p));
const staff = (role: string) => ctxOf(database, staffActor([role]));
const software = () => makePartner(database, { paths: ['software'] });

/** The three stages in order: 认证材料审核 (reviewer) → 技术审核 (PSA) → 业务审核 (生态经理). */
async function passAllStages(reviewId: string) {
  await approve(solutionReviews, staff(STAFF_ROLES.reviewer), reviewId, {});
  await approve(solutionReviews, staff(STAFF_ROLES.psa), reviewId, {});
  await approve(solutionReviews, staff(STAFF_ROLES.ecosystemManager), reviewId, {});
}

async function certified(p: PartnerFx, kind: SolutionKind = 'cloud') {
  const { solution } = await svc.createSolution(admin(p), kind, await newSolutionInput(database, p, kind === 'advanced'), { submit: true });
  await passAllStages(solution.reviewId!);
  return svc.getSolution(admin(p), kind, solution.id);
}

const recertifyInput = async (p: PartnerFx, version = 'v2.0', advanced = false) => {
  const full = await newSolutionInput(database, p, advanced);
  return { version, materials: full.materials!, contacts: full.contacts! };
};

describe('R44: only partners on the software path', () => {
  it('refuses a partner without the software path, for drafts and submissions, and writes nothing', async () => {
    const p = await makePartner(database, { paths: ['service'] });
    await expectRefused(svc.createSolution(admin(p), 'cloud', await newSolutionInput(database, p), { submit: false }), 'solutions.software-path-required', 409);
    await expectRefused(svc.createSolution(admin(p), 'advanced', await newSolutionInput(database, p, true), { submit: true }), 'solutions.software-path-required', 409);
    expect(await database.db.select().from(cloudSolutions).where(eq(cloudSolutions.partnerId, p.partner.id))).toEqual([]);
  });

  it('needs the menu permission for members', async () => {
    const p = await software();
    const noPerm = ctxOf(database, memberActor(p, [P.advancedSoftware]));
    await expectRefused(svc.createSolution(noPerm, 'cloud', await newSolutionInput(database, p), { submit: false }), 'access.denied', 403);
    await expectRefused(svc.listSolutions(noPerm, 'cloud'), 'access.denied', 403);
    const withPerm = ctxOf(database, memberActor(p, [P.cloudSoftware]));
    const { solution } = await svc.createSolution(withPerm, 'cloud', await newSolutionInput(database, p), { submit: true });
    expect(solution.status).toBe('in_review');
  });
});

describe('§3.7 draft → 认证审核中 → 认证通过 / 认证不通过', () => {
  it('保存草稿 keeps an incomplete draft; 提交认证 of it is refused with the missing fields', async () => {
    const p = await software();
    const { solution, message } = await svc.createSolution(admin(p), 'cloud', { source: 'new', name: '草稿方案' }, { submit: false });
    expect(message).toBeNull();
    expect(solution).toMatchObject({ status: 'draft', statusName: '草稿', validity: '--', canEdit: true, canRecertify: false, canDownloadCertificate: false });
    const e = await expectRefused(svc.updateSolution(admin(p), 'cloud', solution.id, { source: 'new', name: '草稿方案' }, { submit: true }), 'solutions.incomplete', 400);
    expect(Object.keys(e.fields!)).toEqual(
      expect.arrayContaining(['version', 'industry', 'targetCustomers', 'scenarios', 'materials.intro', 'materials.certification', 'contacts.businessContact']),
    );
    expect((await svc.getSolution(admin(p), 'cloud', solution.id)).status).toBe('draft');
  });

  it('submits a draft: toast, 认证审核中, the three stages, and refuses edits and resubmission while in review', async () => {
    const p = await software();
    const input = await newSolutionInput(database, p);
    const { solution: draft } = await svc.createSolution(admin(p), 'cloud', input, { submit: false });
    const { solution, message } = await svc.updateSolution(admin(p), 'cloud', draft.id, input, { submit: true });
    expect(message).toBe('恭喜您，方案认证申请已提交成功！');
    expect(solution).toMatchObject({ status: 'in_review', statusName: '认证审核中', canEdit: false });
    const detail = await svc.getSolution(admin(p), 'cloud', solution.id);
    expect(detail.progress.stages.map((s) => [s.name, s.stateName])).toEqual([
      ['认证材料审核', '审核中'],
      ['技术审核', '未开始'],
      ['业务审核', '未开始'],
    ]);
    expect(detail.progress.appliedAt).toBe(BASE.toISOString());
    const app = await getApplication(solutionReviews, admin(p), solution.reviewId!);
    expect(app.application.kind).toBe(CLOUD_SOFTWARE_KIND);
    expect(app.attachments.map((a) => a.label).sort()).toEqual(['方案介绍材料', '方案认证材料']);
    await expectRefused(svc.updateSolution(admin(p), 'cloud', solution.id, input, { submit: true }), 'solutions.in-review', 409);
    // the guide offers no withdrawal of a submitted certification
    await expectRefused(withdraw(solutionReviews, admin(p), solution.reviewId!), 'review.not-withdrawable', 409);
  });

  it('each stage is decided by its role; the last approval certifies for 12 months (R47)', async () => {
    const p = await software();
    const { solution } = await svc.createSolution(admin(p), 'cloud', await newSolutionInput(database, p), { submit: true });
    const id = solution.reviewId!;
    await expectRefused(approve(solutionReviews, staff(STAFF_ROLES.psa), id, {}), 'access.denied', 403); // not the material stage's role
    await approve(solutionReviews, staff(STAFF_ROLES.reviewer), id, {});
    let d = await svc.getSolution(admin(p), 'cloud', solution.id);
    expect(d.progress.stages.map((s) => s.state)).toEqual(['approved', 'in_review', 'not_started']);
    expect(d.status).toBe('in_review');
    await expectRefused(approve(solutionReviews, staff(STAFF_ROLES.reviewer), id, {}), 'access.denied', 403);
    await approve(solutionReviews, staff(STAFF_ROLES.psa), id, {});
    clock.advance(3_600_000);
    const approvedAt = clock.now();
    await approve(solutionReviews, staff(STAFF_ROLES.ecosystemManager), id, {});
    d = await svc.getSolution(admin(p), 'cloud', solution.id);
    expect(d).toMatchObject({ status: 'approved', statusName: '认证通过', canEdit: false, canRecertify: false, canDownloadCertificate: true });
    expect(d.validFrom).toBe(approvedAt.toISOString());
    expect(d.validUntil).toBe(addMonths(approvedAt, 12).toISOString());
    expect(d.validity).toBe('2025/01/17 - 2026/01/17');
    expect(d.progress.stages.every((s) => s.state === 'approved')).toBe(true);
    expect(d.progress.certifiedAt).toBe(approvedAt.toISOString());
    // a certified solution is not edited any more: only re-certified
    await expectRefused(svc.updateSolution(admin(p), 'cloud', solution.id, await newSolutionInput(database, p), { submit: false }), 'solutions.certified-use-recertify', 409);
  });

  it('认证不通过 after a rejection at any stage, with the reason; the partner edits and resubmits', async () => {
    const p = await software();
    const input = await newSolutionInput(database, p);
    const { solution } = await svc.createSolution(admin(p), 'cloud', input, { submit: true });
    await approve(solutionReviews, staff(STAFF_ROLES.reviewer), solution.reviewId!, {});
    await reject(solutionReviews, staff(STAFF_ROLES.psa), solution.reviewId!, { reason: '技术方案不完整' });
    let d = await svc.getSolution(admin(p), 'cloud', solution.id);
    expect(d).toMatchObject({ status: 'rejected', statusName: '认证不通过', rejectReason: '技术方案不完整', canEdit: true, validUntil: null });
    expect(d.progress.stages.map((s) => s.state)).toEqual(['approved', 'rejected', 'not_started']);
    expect(await svc.hasCertifiedCloudSoftware(database.db, p.partner.id)).toBe(false);

    const { solution: again, message } = await svc.updateSolution(admin(p), 'cloud', solution.id, { ...input, version: 'v1.1' }, { submit: true });
    expect(message).toBe('恭喜您，方案认证申请已提交成功！');
    expect(again).toMatchObject({ status: 'in_review', version: 'v1.1', rejectReason: null, reviewId: solution.reviewId });
    d = await svc.getSolution(admin(p), 'cloud', solution.id);
    expect(d.progress.stages.map((s) => s.state)).toEqual(['in_review', 'not_started', 'not_started']); // back to the first stage
  });

  it('退回修改 reads as 认证不通过 and may be resubmitted', async () => {
    const p = await software();
    const input = await newSolutionInput(database, p);
    const { solution } = await svc.createSolution(admin(p), 'cloud', input, { submit: true });
    await returnForModification(solutionReviews, staff(STAFF_ROLES.reviewer), solution.reviewId!, { reason: '请补充材料' });
    expect(await svc.getSolution(admin(p), 'cloud', solution.id)).toMatchObject({ status: 'rejected', reviewState: 'returned', rejectReason: '请补充材料' });
    const { solution: again } = await svc.updateSolution(admin(p), 'cloud', solution.id, input, { submit: true });
    expect(again.status).toBe('in_review');
    await passAllStages(solution.reviewId!);
    expect((await svc.getSolution(admin(p), 'cloud', solution.id)).status).toBe('approved');
  });
});

describe('R46 and the wizard fields', () => {
  it('目标客户 / 应用场景 / 其他认证说明信息 take 1,000 characters and refuse 1,001, drafts included', async () => {
    const p = await software();
    const max = 'x'.repeat(1000);
    const ok = await svc.createSolution(admin(p), 'cloud', await newSolutionInput(database, p, false, { targetCustomers: max, scenarios: max, otherNotes: max }), { submit: true });
    expect(ok.solution.status).toBe('in_review');
    for (const field of ['targetCustomers', 'scenarios', 'otherNotes'] as const) {
      const e = await expectRefused(svc.createSolution(admin(p), 'cloud', { source: 'new', name: '超长', [field]: max + 'x' }, { submit: false }), 'solutions.text-too-long', 400);
      expect(Object.keys(e.fields!)).toEqual([field]);
    }
  });

  it('a public-cloud deployment needs its platforms; a Huawei contact needs name and mobile', async () => {
    const p = await software();
    const input = await newSolutionInput(database, p, false, {
      deployedOnPublicCloud: true,
      contacts: { businessContact: '张三', businessMobile: '138', businessEmail: 'a@b.cn', hasHuaweiContact: true },
    });
    const e = await expectRefused(svc.createSolution(admin(p), 'cloud', input, { submit: true }), 'solutions.incomplete', 400);
    expect(Object.keys(e.fields!).sort()).toEqual(['contacts.huaweiContactMobile', 'contacts.huaweiContactName', 'publicClouds']);
  });

  it('云软件方案 is only 新建; 先进 新建 needs 软件著作版权', async () => {
    const p = await software();
    await expectRefused(svc.createSolution(admin(p), 'cloud', await leadBaselineInput(database, p), { submit: false }), 'solutions.source-not-allowed', 400);
    const noCopyright = await newSolutionInput(database, p, false);
    const e = await expectRefused(svc.createSolution(admin(p), 'advanced', noCopyright, { submit: true }), 'solutions.incomplete', 400);
    expect(Object.keys(e.fields!)).toEqual(['materials.copyright']);
    const { solution } = await svc.createSolution(admin(p), 'advanced', await newSolutionInput(database, p, true), { submit: true });
    expect((await getApplication(solutionReviews, admin(p), solution.reviewId!)).application.kind).toBe(ADVANCED_SOFTWARE_KIND);
  });

  it('先进 from a partner-Lead baseline: picks a baseline and uploads a test report instead of the materials', async () => {
    const p = await software();
    const input = await leadBaselineInput(database, p);
    const e = await expectRefused(
      svc.createSolution(admin(p), 'advanced', { ...input, baseline: { ...input.baseline, solutionId: undefined }, materials: {} }, { submit: true }),
      'solutions.incomplete',
      400,
    );
    expect(Object.keys(e.fields!).sort()).toEqual(['baseline.solutionId', 'materials.testReport']);
    const { solution } = await svc.createSolution(admin(p), 'advanced', input, { submit: true });
    expect(solution).toMatchObject({ source: 'lead_baseline', sourceName: '使用伙伴Lead基线解决方案', industry: '物流与仓储', status: 'in_review' });
    const d = await svc.getSolution(admin(p), 'advanced', solution.id);
    expect(d.baselineSolutionId).toBe(input.baseline!.solutionId);
  });

  it('refuses materials that are not the tenant’s attachment uploads', async () => {
    const p = await software();
    const other = await software();
    const foreign = await attachment(database, other);
    const wrongPurpose = await attachment(database, p, 'business-licence');
    for (const fileId of [foreign, wrongPurpose, '00000000-0000-4000-8000-000000000000']) {
      const input = await newSolutionInput(database, p);
      await expectRefused(svc.createSolution(admin(p), 'cloud', { ...input, materials: { ...input.materials, intro: [fileId] } }, { submit: true }), 'solutions.material-invalid', 400);
    }
  });
});

describe('validity on the platform clock: 即将到期, 已过期 and the re-certification window (R47)', () => {
  it('认证通过 until 60 days before the end, then 即将到期, then 已过期; the list filters the same way', async () => {
    const p = await software();
    const d = await certified(p);
    const end = new Date(d.validUntil!);
    const statusAt = async (at: Date) => {
      clock.set(at);
      return (await svc.getSolution(admin(p), 'cloud', d.id)).status;
    };
    const filtered = async (status: 'approved' | 'expiring' | 'expired') => (await svc.listSolutions(admin(p), 'cloud', { status })).items.map((i) => i.id);
    expect(await statusAt(addDays(end, -61))).toBe('approved');
    expect(await filtered('approved')).toEqual([d.id]);
    expect(await filtered('expiring')).toEqual([]);
    expect(await statusAt(addDays(end, -60))).toBe('expiring');
    expect(await filtered('expiring')).toEqual([d.id]);
    expect(await filtered('approved')).toEqual([]);
    expect(await statusAt(new Date(end.getTime() - 1))).toBe('expiring');
    expect(await svc.hasCertifiedCloudSoftware(database.db, p.partner.id)).toBe(true);
    expect(await statusAt(end)).toBe('expired');
    expect((await svc.getSolution(admin(p), 'cloud', d.id)).statusName).toBe('已过期');
    expect(await filtered('expired')).toEqual([d.id]);
    expect(await svc.hasCertifiedCloudSoftware(database.db, p.partner.id)).toBe(false);
  });

  it('重新认证 opens 60 days before expiry, not a day earlier, and stays open after expiry', async () => {
    const p = await software();
    const d = await certified(p);
    const end = new Date(d.validUntil!);
    clock.set(addDays(end, -61));
    expect((await svc.getSolution(admin(p), 'cloud', d.id)).canRecertify).toBe(false);
    const e = await expectRefused(svc.recertifySolution(admin(p), 'cloud', d.id, await recertifyInput(p)), 'solutions.recertify-not-open', 409);
    expect(e.params).toMatchObject({ days: 60 });
    clock.set(addDays(end, -60));
    expect((await svc.getSolution(admin(p), 'cloud', d.id)).canRecertify).toBe(true);

    const late = await certified(p);
    clock.set(addDays(new Date(late.validUntil!), 30)); // 已过期
    const { solution, message } = await svc.recertifySolution(admin(p), 'cloud', late.id, await recertifyInput(p));
    expect(message).toBe('恭喜您，方案认证申请已提交成功！');
    expect(solution.status).toBe('in_review');
  });

  it('re-certification changes only version and materials, on re-approval, and resets the validity to 12 months from it', async () => {
    const p = await software();
    const d = await certified(p);
    const oldEnd = new Date(d.validUntil!);
    clock.set(addDays(oldEnd, -10));
    const change = await recertifyInput(p, 'v2.0');
    const { solution } = await svc.recertifySolution(admin(p), 'cloud', d.id, change);
    expect(solution).toMatchObject({ status: 'in_review', version: 'v1.0', validUntil: oldEnd.toISOString(), recertifying: true, canDownloadCertificate: true });
    // still certified while the re-certification is reviewed (the current validity stands)
    expect(await svc.hasCertifiedCloudSoftware(database.db, p.partner.id)).toBe(true);
    await expectRefused(svc.recertifySolution(admin(p), 'cloud', d.id, change), 'solutions.in-review', 409);
    const app = await getApplication(solutionReviews, admin(p), solution.reviewId!);
    expect(app.application.id).not.toBe(d.reviewId); // a new application after the approved one
    expect(app.application.data).toMatchObject({ version: 'v2.0', 重新认证: true, name: d.name, industry: d.industry });

    await passAllStages(solution.reviewId!);
    const reApproved = clock.now();
    const after = await svc.getSolution(admin(p), 'cloud', d.id);
    expect(after).toMatchObject({ status: 'approved', version: 'v2.0', name: d.name, industry: d.industry, pendingChange: null, recertifying: false });
    expect(after.form.materials).toMatchObject(change.materials);
    expect(after.form.targetCustomers).toBe(d.form.targetCustomers);
    expect(after.validFrom).toBe(reApproved.toISOString());
    expect(after.validUntil).toBe(addMonths(reApproved, 12).toISOString());
  });

  it('a refused re-certification keeps the version and the current validity', async () => {
    const p = await software();
    const d = await certified(p);
    clock.set(addDays(new Date(d.validUntil!), -5));
    const { solution } = await svc.recertifySolution(admin(p), 'cloud', d.id, await recertifyInput(p, 'v3.0'));
    await reject(solutionReviews, staff(STAFF_ROLES.reviewer), solution.reviewId!, { reason: '材料不全' });
    const after = await svc.getSolution(admin(p), 'cloud', d.id);
    expect(after).toMatchObject({ status: 'expiring', version: 'v1.0', validUntil: d.validUntil, recertifying: true, rejectReason: '材料不全', canRecertify: true });
    // and it can be re-certified again (the refused application is resubmitted)
    const { solution: again } = await svc.recertifySolution(admin(p), 'cloud', d.id, await recertifyInput(p, 'v3.1'));
    expect(again.reviewId).toBe(solution.reviewId);
    expect(again.status).toBe('in_review');
  });

  it('only 新建 solutions are re-certified; a never-certified one cannot be', async () => {
    const p = await software();
    const { solution } = await svc.createSolution(admin(p), 'advanced', await leadBaselineInput(database, p), { submit: true });
    await passAllStages(solution.reviewId!);
    clock.set(addDays(addMonths(BASE, 12), 1));
    expect((await svc.getSolution(admin(p), 'advanced', solution.id)).canRecertify).toBe(false);
    await expectRefused(svc.recertifySolution(admin(p), 'advanced', solution.id, await recertifyInput(p, 'v2', true)), 'solutions.recertify-new-only', 409);
    const { solution: draft } = await svc.createSolution(admin(p), 'cloud', { source: 'new', name: '草稿' }, { submit: false });
    await expectRefused(svc.recertifySolution(admin(p), 'cloud', draft.id, await recertifyInput(p)), 'solutions.not-certified', 409);
  });

  it('advanced re-certification needs the copyright again', async () => {
    const p = await software();
    const d = await certified(p, 'advanced');
    clock.set(addDays(new Date(d.validUntil!), -1));
    const e = await expectRefused(svc.recertifySolution(admin(p), 'advanced', d.id, await recertifyInput(p, 'v2', false)), 'solutions.incomplete', 400);
    expect(Object.keys(e.fields!)).toEqual(['materials.copyright']);
  });
});

describe('certificate (下载证书)', () => {
  it('refused before approval and after expiry; a PDF naming company, solution and validity otherwise, made once per validity', async () => {
    const p = await software();
    const { solution } = await svc.createSolution(admin(p), 'cloud', await newSolutionInput(database, p), { submit: true });
    await expectRefused(svc.solutionCertificate(admin(p), 'cloud', solution.id), 'solutions.not-certified', 409);
    await passAllStages(solution.reviewId!);
    const first = await svc.solutionCertificate(admin(p), 'cloud', solution.id);
    expect(first.file.mime).toBe('application/pdf');
    expect(first.file.originalName).toBe('华为云合作伙伴方案-云软件方案认证证书.pdf');
    const chunks: Buffer[] = [];
    for await (const c of first.stream) chunks.push(c as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(p.company.name);
    expect(text).toContain('华为云合作伙伴方案');
    const second = await svc.solutionCertificate(admin(p), 'cloud', solution.id);
    second.stream.destroy();
    expect(second.file.id).toBe(first.file.id);
    clock.set(addMonths(BASE, 12));
    await expectRefused(svc.solutionCertificate(admin(p), 'cloud', solution.id), 'solutions.certificate-expired', 409);
  });
});

describe('tenancy and the company-wide result', () => {
  it('another partner sees none of it: list, detail, edit, re-certify and certificate answer not found', async () => {
    const a = await software();
    const b = await software();
    const d = await certified(a);
    expect((await svc.listSolutions(admin(b), 'cloud')).items).toEqual([]);
    clock.set(addDays(new Date(d.validUntil!), -1));
    await expectRefused(svc.getSolution(admin(b), 'cloud', d.id), 'not-found', 404);
    await expectRefused(svc.updateSolution(admin(b), 'cloud', d.id, await newSolutionInput(database, b), { submit: false }), 'not-found', 404);
    await expectRefused(svc.recertifySolution(admin(b), 'cloud', d.id, await recertifyInput(b)), 'not-found', 404);
    await expectRefused(svc.solutionCertificate(admin(b), 'cloud', d.id), 'not-found', 404);
    // the other menu does not reach it either
    await expectRefused(svc.getSolution(admin(a), 'advanced', d.id), 'not-found', 404);
  });

  it('a solution certified by one account certifies every account of the same company, and no other company', async () => {
    const main = await software();
    const sibling = await secondAccountOf(database, main);
    const stranger = await software();
    expect(await svc.hasCertifiedCloudSoftware(database.db, sibling.partner.id)).toBe(false);
    await certified(sibling); // approved for the non-main account
    expect(await svc.hasCertifiedCloudSoftware(database.db, main.partner.id)).toBe(true);
    expect(await svc.hasCertifiedCloudSoftware(database.db, { partnerId: main.partner.id })).toBe(true);
    expect(await svc.hasCertifiedCloudSoftware(database.db, main.company.id)).toBe(true);
    expect(await svc.hasCertifiedCloudSoftware(database.db, { companyId: main.company.id })).toBe(true);
    expect(await svc.hasCertifiedCloudSoftware(database.db, stranger.partner.id)).toBe(false);
    expect(await svc.hasCertifiedCloudSoftware(database.db, 'not-a-uuid')).toBe(false);
    // only the cloud kind so far: not an advanced certification
    expect(await svc.hasCertifiedCloudSoftware(database.db, main.partner.id, { advanced: true })).toBe(false);
    await certified(main, 'advanced');
    expect(await svc.hasCertifiedCloudSoftware(database.db, sibling.partner.id, { advanced: true })).toBe(true);
    // the solutions themselves stay in their own account's list
    expect((await svc.listSolutions(admin(main), 'cloud')).total).toBe(0);
    expect((await svc.listSolutions(admin(sibling), 'cloud')).total).toBe(1);
    expect(await svc.hasCloudSolutionRecords(database.db, sibling.partner.id)).toBe(true);
    expect(await svc.hasCloudSolutionRecords(database.db, stranger.partner.id)).toBe(false);
  });

  it('the list shows the guide columns, newest update first, with paging and a name search', async () => {
    const p = await software();
    await svc.createSolution(admin(p), 'cloud', { source: 'new', name: '甲方案', version: '1.0', industry: '科研' }, { submit: false });
    clock.advance(1000);
    await svc.createSolution(admin(p), 'cloud', { source: 'new', name: '乙方案', version: '2.0', industry: '金融' }, { submit: false });
    const page = await svc.listSolutions(admin(p), 'cloud', { pageSize: 1 });
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({ name: '乙方案', sourceName: '新建', version: '2.0', industry: '金融', statusName: '草稿', validity: '--' });
    expect((await svc.listSolutions(admin(p), 'cloud', { name: '甲' })).items.map((i) => i.name)).toEqual(['甲方案']);
    expect((await svc.listSolutions(admin(p), 'cloud', { status: 'draft' })).total).toBe(2);
    expect((await svc.listSolutions(admin(p), 'advanced')).total).toBe(0);
  });
});
