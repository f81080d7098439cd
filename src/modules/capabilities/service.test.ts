import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db.js';
import { makePartner } from '../../../test/fixtures.js';
import { expectRefused } from '../../../test/refusal.js';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { ALL_PERMISSIONS, P, STAFF_ROLES } from '../../platform/access/index.js';
import { addMonths, clock, DAY_MS, HOUR_MS, MINUTE_MS } from '../../platform/clock.js';
import { MB } from '../../platform/files/index.js';
import { files } from '../../platform/files/schema.js';
import { createExportRegistry } from '../../platform/export/registry.js';
import { approve, createReviewRegistry, getApplication, reject, returnForModification, reviewApplications } from '../../platform/review/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import * as svc from './service.js';
import { capabilityApplications, capabilitySuspensions } from './schema.js';
import { capabilityReviewKind } from './review-kind.js';
import { DIFFERENTIATION_LABELS, LEVEL1_LABELS } from './labels.js';
import { FORBIDDEN_NAME_CHARS, updateDeadlineFor } from './rules.js';

const reviews = createReviewRegistry(capabilityReviewKind);
const deps = {
  storage: { put: async () => {}, get: async () => { throw new Error('no storage'); }, remove: async () => {}, exists: async () => false },
  queue: { send: async () => null },
  publicUrl: 'http://localhost',
  reviews,
  exports: createExportRegistry([]),
};

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  clock.reset();
  await database.close();
});

// 10:00 China time
const BASE = '2026-03-10T02:00:00Z';
beforeEach(() => clock.set(BASE));
afterEach(() => clock.reset());

type PartnerFx = Awaited<ReturnType<typeof makePartner>>;

const ctxOf = (actor: Actor): Ctx => ({ db: database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: randomUUID(), deps });
const adminOf = (p: PartnerFx): Actor => ({
  kind: 'partner',
  partnerId: p.partner.id,
  accountId: p.account.id,
  memberId: null,
  displayName: p.partner.displayName,
  isAdmin: true,
  permissions: ALL_PERMISSIONS,
  roleKeys: new Set(),
});
const memberOf = (p: PartnerFx, permissions: string[]): Actor => ({
  kind: 'partner',
  partnerId: p.partner.id,
  accountId: p.account.id,
  memberId: randomUUID(),
  displayName: '成员',
  isAdmin: false,
  permissions: new Set(permissions),
  roleKeys: new Set(),
});
const admin = (p: PartnerFx) => ctxOf(adminOf(p));
const reviewer = () => ctxOf({ kind: 'staff', staffId: randomUUID(), name: '审核员', roles: new Set([STAFF_ROLES.reviewer]) });

/** A stored file row of partner `p` (the bytes do not matter to these rules). */
async function fileOf(p: PartnerFx, name: string, size = 1000): Promise<string> {
  const [row] = await database.db
    .insert(files)
    .values({
      partnerId: p.partner.id,
      ownerKind: 'partner-account',
      ownerId: p.account.id,
      purpose: 'attachment',
      originalName: name,
      mime: 'application/octet-stream',
      size,
      sha256: randomUUID().replace(/-/g, ''),
      storageKey: `capabilities/${randomUUID()}`,
      createdAt: clock.now(),
    })
    .returning();
  return row!.id;
}

async function materials(p: PartnerFx) {
  return { formFileId: await fileOf(p, '上云规划实施服务能力.xlsx'), evidenceFileId: await fileOf(p, '华为云合作伙伴能力认证举证材料.rar'), materialsDeclaration: true };
}

async function applyFor(p: PartnerFx, level1Label = 'cloud-migration', extra: Partial<svc.ApplyInput> = {}) {
  return svc.applyForCertification(admin(p), { level1Label, ...(await materials(p)), ...extra });
}

async function reviewIdOf(id: string): Promise<string> {
  const [row] = await database.db.select().from(capabilityApplications).where(eq(capabilityApplications.id, id));
  return row!.reviewId!;
}

async function domainRow(id: string) {
  const [row] = await database.db.select().from(capabilityApplications).where(eq(capabilityApplications.id, id));
  return row!;
}

async function engineRow(id: string) {
  const [row] = await database.db.select().from(reviewApplications).where(eq(reviewApplications.id, await reviewIdOf(id)));
  return row!;
}

/** Through all three stages: 材料初审 → 材料技术审核 → 专家评审. */
async function pass(id: string) {
  const rid = await reviewIdOf(id);
  for (let i = 0; i < 3; i++) await approve(reviews, reviewer(), rid);
}

describe('label catalogue', () => {
  it('lists the guide’s level-1 labels, each with its mandatory level-2 label', async () => {
    const p = await makePartner(database);
    const cat = await svc.catalogue(admin(p));
    const names = cat.map((c) => c.name);
    for (const n of ['上云规划实施', '数据库', '昇腾云', 'AI平台', '大数据', '云原生', '应用现代化', 'SAP', '云运维', '云管理 & 云运营']) expect(names).toContain(n);
    const migration = cat.find((c) => c.key === 'cloud-migration')!;
    expect(migration.capability).toBe('上云规划实施 服务能力');
    expect(migration.level2.find((l) => l.mandatory)!.name).toBe('上云规划实施(必备)');
    expect(cat.filter((c) => c.needsProductName).map((c) => c.name)).toEqual(['昇腾云']);
    expect(DIFFERENTIATION_LABELS.every((k) => LEVEL1_LABELS.some((l) => l.key === k))).toBe(true);
  });
});

describe('apply for certification (op 45)', () => {
  it('opens an application under review at 材料初审 with the guide’s status name', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'database', { level2Labels: ['database.core', 'database.migration'] });
    expect(rec).toMatchObject({ level1Name: '数据库', status: 'reviewing', statusName: '审核中', validity: null, passedAt: null, appliedAt: new Date(BASE).toISOString() });
    expect(rec.level2.map((l) => [l.name, l.resultName])).toEqual([
      ['数据库(必备)', '审核中'],
      ['数据库迁移', '审核中'],
    ]);
    const app = await engineRow(rec.id);
    expect(app).toMatchObject({ kind: 'capabilities.certification', status: 'in_review', stageIndex: 0, partnerId: p.partner.id });
    const detail = await getApplication(reviews, reviewer(), app.id);
    expect(detail.attachments.map((a) => a.label).sort()).toEqual(['举证材料', '华为云伙伴能力标签评估表']);
    const [audited] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'capabilities.applied'), eq(auditLog.objectId, rec.id)));
    expect(audited).toBeDefined();
  });

  it('refuses an unknown label, a foreign or missing mandatory level-2 label', async () => {
    const p = await makePartner(database);
    await expectRefused(applyFor(p, 'no-such'), 'capabilities.unknown-label', 400);
    await expectRefused(applyFor(p, 'database', { level2Labels: ['database.core', 'big-data.core'] }), 'capabilities.unknown-level2', 400);
    await expectRefused(applyFor(p, 'database', { level2Labels: ['database.migration'] }), 'capabilities.mandatory-level2', 400);
  });

  it('refuses a second application for a label in progress, allows another label', async () => {
    const p = await makePartner(database);
    await applyFor(p, 'database');
    await expectRefused(applyFor(p, 'database'), 'capabilities.already-applying', 409);
    await applyFor(p, 'big-data');
  });

  it('two simultaneous applications for one label: exactly one opens', async () => {
    const p = await makePartner(database);
    const [m1, m2] = [await materials(p), await materials(p)];
    const outcomes = await Promise.allSettled([
      svc.applyForCertification(admin(p), { level1Label: 'cloud-native', ...m1 }),
      svc.applyForCertification(admin(p), { level1Label: 'cloud-native', ...m2 }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason.code).toBe('capabilities.already-applying');
    expect((await svc.listRecords(admin(p))).total).toBe(1);
  });

  it('needs 能力 > 能力认证: a member without it is refused, one with it applies', async () => {
    const p = await makePartner(database);
    const m = await materials(p);
    await expectRefused(svc.applyForCertification(ctxOf(memberOf(p, [])), { level1Label: 'sap', ...m }), 'access.denied', 403);
    await expectRefused(svc.listRecords(ctxOf(memberOf(p, [P.orgMembers]))), 'access.denied', 403);
    const rec = await svc.applyForCertification(ctxOf(memberOf(p, [P.capabilities])), { level1Label: 'sap', ...m });
    expect(rec.status).toBe('reviewing');
  });

  it('R55: the partner must confirm the materials hold no unauthorised secrets or privacy', async () => {
    const p = await makePartner(database);
    const e = await expectRefused(applyFor(p, 'sap', { materialsDeclaration: false }), 'capabilities.declaration-required', 400);
    expect(e.fields?.materialsDeclaration?.zh).toContain('不包含未授权的商业秘密、个人隐私');
    expect(await svc.listRecords(admin(p))).toMatchObject({ total: 0 });
  });
});

describe('R51 materials: form Excel ≤ 50 MB, evidence rar/zip ≤ 1 GB, names without forbidden characters', () => {
  it('accepts xls/xlsx forms and rar/zip evidence at the limits', async () => {
    const p = await makePartner(database);
    await applyFor(p, 'database', { formFileId: await fileOf(p, '评估表.xls', 50 * MB), evidenceFileId: await fileOf(p, '举证.zip', 1024 * MB) });
  });

  it('refuses a form that is not Excel or over 50 MB', async () => {
    const p = await makePartner(database);
    await expectRefused(applyFor(p, 'database', { formFileId: await fileOf(p, '评估表.pdf') }), 'capabilities.form-type', 400);
    await expectRefused(applyFor(p, 'database', { formFileId: await fileOf(p, '评估表.xlsx', 50 * MB + 1) }), 'capabilities.form-too-large', 400);
  });

  it('refuses evidence that is not rar/zip or over 1 GB', async () => {
    const p = await makePartner(database);
    await expectRefused(applyFor(p, 'database', { evidenceFileId: await fileOf(p, '举证.xlsx') }), 'capabilities.evidence-type', 400);
    await expectRefused(applyFor(p, 'database', { evidenceFileId: await fileOf(p, '举证.zip', 1024 * MB + 1) }), 'capabilities.evidence-too-large', 400);
  });

  it('refuses every forbidden character in either file name', async () => {
    const p = await makePartner(database);
    for (const ch of FORBIDDEN_NAME_CHARS) {
      await expectRefused(applyFor(p, 'database', { formFileId: await fileOf(p, `评估${ch}表.xlsx`) }), 'capabilities.form-name', 400);
      await expectRefused(applyFor(p, 'database', { evidenceFileId: await fileOf(p, `举证${ch}.rar`) }), 'capabilities.evidence-name', 400);
    }
    expect(await svc.listRecords(admin(p))).toMatchObject({ total: 0 });
  });

  it('refuses another partner’s file as if it did not exist', async () => {
    const p = await makePartner(database);
    const other = await makePartner(database);
    await expectRefused(applyFor(p, 'database', { formFileId: await fileOf(other, '评估表.xlsx') }), 'capabilities.form-missing', 400);
    await expectRefused(applyFor(p, 'database', { evidenceFileId: randomUUID() }), 'capabilities.evidence-missing', 400);
  });
});

describe('R52 昇腾云: product/solution name required, immutable, certificate only for it', () => {
  it('requires the name for 昇腾云 and refuses it for other labels', async () => {
    const p = await makePartner(database);
    await expectRefused(applyFor(p, 'ascend-cloud'), 'capabilities.product-name-required', 400);
    await expectRefused(applyFor(p, 'ascend-cloud', { productName: '   ' }), 'capabilities.product-name-required', 400);
    await expectRefused(applyFor(p, 'database', { productName: '某产品' }), 'capabilities.product-name-not-asked', 400);
    const rec = await applyFor(p, 'ascend-cloud', { productName: '昇腾推理一体机' });
    expect(rec.productName).toBe('昇腾推理一体机');
  });

  it('cannot change the name when updating materials', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'ascend-cloud', { productName: '昇腾推理一体机' });
    await returnForModification(reviews, reviewer(), await reviewIdOf(rec.id), { reason: '评估表不完整' });
    await expectRefused(svc.updateMaterials(admin(p), rec.id, { ...(await materials(p)), productName: '别的名字' }), 'capabilities.product-name-immutable', 409);
    const same = await svc.updateMaterials(admin(p), rec.id, { ...(await materials(p)), productName: '昇腾推理一体机' });
    expect(same.productName).toBe('昇腾推理一体机');
  });

  it('downloads a certificate for 昇腾云 only; badges for every passed label', async () => {
    const p = await makePartner(database);
    const ascend = await applyFor(p, 'ascend-cloud', { productName: '昇腾推理一体机' });
    const db = await applyFor(p, 'database');
    await pass(ascend.id);
    await pass(db.id);
    const cert = await svc.downloadArtwork(admin(p), ascend.id, 'certificate');
    expect(cert.svg).toContain('昇腾推理一体机');
    await expectRefused(svc.downloadArtwork(admin(p), db.id, 'certificate'), 'capabilities.certificate-ascend-only', 409);
    const badge = await svc.downloadArtwork(admin(p), db.id, 'badge');
    expect(badge.svg).toContain('数据库 服务能力');
    const results = await svc.listResults(admin(p));
    expect(results.map((r) => [r.level1Name, r.certificateAvailable])).toEqual([
      ['数据库', false],
      ['昇腾云', true],
    ]);
    const downloads = await svc.listDownloads(admin(p));
    expect(downloads.total).toBe(2);
    expect(downloads.items.map((d) => d.what).sort()).toEqual(['badge', 'certificate']);
  });
});

describe('§3.9 transitions', () => {
  it('审核中 → 通过 after 材料初审, 材料技术审核 and 专家评审; validity and level-2 results recorded', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'cloud-migration', { level2Labels: ['cloud-migration.core', 'cloud-migration.assessment'] });
    const rid = await reviewIdOf(rec.id);
    await approve(reviews, reviewer(), rid);
    await approve(reviews, reviewer(), rid);
    expect((await domainRow(rec.id)).status).toBe('reviewing'); // still 审核中 at 专家评审
    clock.advance(DAY_MS);
    await approve(reviews, reviewer(), rid);
    const [r] = (await svc.listRecords(admin(p))).items;
    expect(r).toMatchObject({ status: 'passed', statusName: '通过', validity: '2026/03/11-2028/03/11', passedAt: new Date(Date.parse(BASE) + DAY_MS).toISOString() });
    expect(r!.level2.map((l) => l.resultName)).toEqual(['通过', '通过']);
    expect((await engineRow(rec.id)).status).toBe('approved');
  });

  it('a passed label may be certified again (renewal)', async () => {
    const p = await makePartner(database);
    const first = await applyFor(p, 'database');
    await pass(first.id);
    const again = await applyFor(p, 'database');
    expect(again.status).toBe('reviewing');
  });

  it('审核中 → 审核材料待更新 from 材料初审 and from 材料技术审核, never from 专家评审', async () => {
    const p = await makePartner(database);
    const a = await applyFor(p, 'database');
    await returnForModification(reviews, reviewer(), await reviewIdOf(a.id), { reason: '评估表缺少签字' });
    expect((await svc.getApplicationDetail(admin(p), a.id)).statusName).toBe('审核材料待更新');

    const b = await applyFor(p, 'big-data');
    const rb = await reviewIdOf(b.id);
    await approve(reviews, reviewer(), rb);
    await returnForModification(reviews, reviewer(), rb, { reason: '技术举证不足' });
    expect((await domainRow(b.id)).status).toBe('materials_update');

    const c = await applyFor(p, 'sap');
    const rc = await reviewIdOf(c.id);
    await approve(reviews, reviewer(), rc);
    await approve(reviews, reviewer(), rc);
    await expectRefused(returnForModification(reviews, reviewer(), rc, { reason: '专家意见' }), 'capabilities.expert-cannot-return', 409);
    expect((await domainRow(c.id)).status).toBe('reviewing');
    expect((await engineRow(c.id)).status).toBe('in_review'); // the refused return changed nothing
  });

  it('审核材料待更新 → 审核中: the full materials go back to 材料初审; comments downloadable', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'database');
    await expectRefused(svc.reviewComments(admin(p), rec.id), 'capabilities.no-review-comments', 409);
    const rid = await reviewIdOf(rec.id);
    await approve(reviews, reviewer(), rid);
    await returnForModification(reviews, reviewer(), rid, { reason: '技术举证不足' });
    const comments = await svc.reviewComments(admin(p), rec.id);
    expect(comments.body).toContain('技术举证不足');
    expect(comments.body).toContain('更新材料截止时间：2026/04/09');
    const m = await materials(p);
    const updated = await svc.updateMaterials(admin(p), rec.id, m);
    expect(updated).toMatchObject({ status: 'reviewing', statusName: '审核中', updateDeadline: null });
    const row = await domainRow(rec.id);
    expect([row.formFileId, row.evidenceFileId]).toEqual([m.formFileId, m.evidenceFileId]);
    expect(await engineRow(rec.id)).toMatchObject({ status: 'in_review', stageIndex: 0 });
    // materials can only be updated while 审核材料待更新
    await expectRefused(svc.updateMaterials(admin(p), rec.id, await materials(p)), 'capabilities.not-awaiting-update', 409);
  });

  it('updating materials checks R51 and R55 again', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'database');
    await returnForModification(reviews, reviewer(), await reviewIdOf(rec.id), { reason: '缺材料' });
    await expectRefused(svc.updateMaterials(admin(p), rec.id, { ...(await materials(p)), formFileId: await fileOf(p, '表.pdf') }), 'capabilities.form-type', 400);
    await expectRefused(svc.updateMaterials(admin(p), rec.id, { ...(await materials(p)), materialsDeclaration: false }), 'capabilities.declaration-required', 400);
    expect((await domainRow(rec.id)).status).toBe('materials_update');
  });
});

describe('R53: 不通过 freezes the level-1 label for 6 months', () => {
  it('refuses applying with the reason and the reopening date, other labels stay open, reopens after 6 months', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'cloud-native');
    const rid = await reviewIdOf(rec.id);
    await approve(reviews, reviewer(), rid);
    await approve(reviews, reviewer(), rid);
    await reject(reviews, reviewer(), rid, { reason: '能力不满足要求' });
    const [r] = (await svc.listRecords(admin(p))).items;
    expect(r).toMatchObject({ status: 'failed', statusName: '不通过', validity: null });
    expect(r!.level2.every((l) => l.resultName === '不通过')).toBe(true);

    const e = await expectRefused(applyFor(p, 'cloud-native'), 'capabilities.label-suspended', 409);
    expect(e.params).toMatchObject({ until: '2026/09/10' });
    expect(e.text.zh).toContain('暂停受理');
    expect((await svc.catalogue(admin(p))).find((c) => c.key === 'cloud-native')!.suspendedUntil).toBe(addMonths(new Date(BASE), 6).toISOString());
    await applyFor(p, 'database'); // only that label is frozen

    clock.set(new Date(addMonths(new Date(BASE), 6).getTime() - MINUTE_MS));
    await expectRefused(applyFor(p, 'cloud-native'), 'capabilities.label-suspended', 409);
    clock.set(addMonths(new Date(BASE), 6));
    expect((await applyFor(p, 'cloud-native')).status).toBe('reviewing');
  });

  it('a rejection at 材料初审 also freezes the label', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'sap');
    await reject(reviews, reviewer(), await reviewIdOf(rec.id), { reason: '材料造假' });
    await expectRefused(applyFor(p, 'sap'), 'capabilities.label-suspended', 409);
  });
});

describe('R54: 30 natural days to update, then the process ends and the label is suspended 6 months', () => {
  it('accepts an update on the 30th day and ends the process the next day', async () => {
    const p = await makePartner(database);
    const a = await applyFor(p, 'database');
    const b = await applyFor(p, 'big-data');
    await returnForModification(reviews, reviewer(), await reviewIdOf(a.id), { reason: '补充材料' });
    await returnForModification(reviews, reviewer(), await reviewIdOf(b.id), { reason: '补充材料' });
    const deadline = updateDeadlineFor(new Date(BASE));
    expect(deadline.toISOString()).toBe('2026-04-09T16:00:00.000Z'); // end of 2026/04/09 in China, 30 days after 03/10
    expect((await svc.getApplicationDetail(admin(p), a.id)).updateDeadline).toBe(deadline.toISOString());

    clock.set(new Date(deadline.getTime() - MINUTE_MS)); // 23:59 on the 30th day
    expect((await svc.updateMaterials(admin(p), a.id, await materials(p))).status).toBe('reviewing');

    clock.set(deadline);
    await expectRefused(svc.updateMaterials(admin(p), b.id, await materials(p)), 'capabilities.update-expired', 409);
    const ended = await domainRow(b.id);
    expect(ended).toMatchObject({ status: 'ended', endedAt: deadline });
    const [s] = await database.db.select().from(capabilitySuspensions).where(eq(capabilitySuspensions.applicationId, b.id));
    expect(s).toMatchObject({ cause: 'update-expired', level1Label: 'big-data', startsAt: deadline, endsAt: addMonths(deadline, 6) });
    expect((await svc.listRecords(admin(p), { search: '大数据' })).items[0]).toMatchObject({ statusName: '流程结束' });
    await expectRefused(applyFor(p, 'big-data'), 'capabilities.label-suspended', 409);
    clock.set(addMonths(deadline, 6));
    expect((await applyFor(p, 'big-data')).status).toBe('reviewing');
  });

  it('expireOverdueUpdates ends overdue applications of every partner once, and only overdue ones', async () => {
    const p = await makePartner(database);
    const q = await makePartner(database);
    const a = await applyFor(p, 'ai-platform');
    const b = await applyFor(q, 'ai-platform');
    await returnForModification(reviews, reviewer(), await reviewIdOf(a.id), { reason: '补充' });
    clock.advance(5 * DAY_MS);
    await returnForModification(reviews, reviewer(), await reviewIdOf(b.id), { reason: '补充' });
    clock.set(new Date(updateDeadlineFor(new Date(BASE)).getTime() + HOUR_MS));
    expect(await svc.expireOverdueUpdates(database.db)).toBeGreaterThanOrEqual(1);
    expect((await domainRow(a.id)).status).toBe('ended');
    expect((await domainRow(b.id)).status).toBe('materials_update'); // returned 5 days later
    expect(await svc.expireOverdueUpdates(database.db, { partnerId: p.partner.id })).toBe(0);
  });
});

describe('能力认证记录 and 能力认证结果 (op 47)', () => {
  it('lists 10 per page with the total, newest first, and searches by label name', async () => {
    const p = await makePartner(database);
    const keys = LEVEL1_LABELS.map((l) => l.key).slice(0, 12);
    for (const k of keys) {
      clock.advance(MINUTE_MS);
      await applyFor(p, k, k === 'ascend-cloud' ? { productName: '产品' } : {});
    }
    const first = await svc.listRecords(admin(p));
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.items[0]!.level1Label).toBe(keys[11]);
    expect((await svc.listRecords(admin(p), { page: 2 })).items).toHaveLength(2);
    const found = await svc.listRecords(admin(p), { search: '数据' });
    expect(found.items.map((i) => i.level1Name).sort()).toEqual(['大数据', '数据仓库', '数据库']);
    expect(await svc.listRecords(admin(p), { search: '不存在的标签' })).toMatchObject({ total: 0, items: [] });
  });

  it('results show labels within validity; passedLabels feeds the path engine', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'database', { level2Labels: ['database.core', 'database.operations'] });
    await applyFor(p, 'sap'); // under review: not a result
    await pass(rec.id);
    const results = await svc.listResults(admin(p));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ level1Name: '数据库', validity: '2026/03/10-2028/03/10' });
    expect(results[0]!.level2.map((l) => l.name)).toEqual(['数据库(必备)', '数据库运维']);
    const held = await svc.passedLabels(database.db, p.partner.id);
    expect(held.map((h) => [h.level1Label, h.level2Labels])).toEqual([['database', ['database.core', 'database.operations']]]);

    clock.set(addMonths(new Date(BASE), 24));
    expect(await svc.passedLabels(database.db, p.partner.id)).toEqual([]);
    expect(await svc.listResults(admin(p))).toEqual([]);
    await expectRefused(svc.downloadArtwork(admin(p), rec.id, 'badge'), 'capabilities.not-passed', 409);
    expect(await svc.passedLabels(database.db, p.partner.id, new Date(BASE))).toHaveLength(1);
  });

  it('refuses a badge for an application that has not passed', async () => {
    const p = await makePartner(database);
    const rec = await applyFor(p, 'database');
    await expectRefused(svc.downloadArtwork(admin(p), rec.id, 'badge'), 'capabilities.not-passed', 409);
  });
});

describe('tenant isolation', () => {
  it('another partner sees nothing and reaches nothing of partner A', async () => {
    const a = await makePartner(database);
    const b = await makePartner(database);
    const rec = await applyFor(a, 'database');
    const returned = await applyFor(a, 'sap');
    await pass(rec.id);
    await returnForModification(reviews, reviewer(), await reviewIdOf(returned.id), { reason: '补充' });

    expect(await svc.listRecords(admin(b))).toMatchObject({ total: 0, items: [] });
    expect(await svc.listResults(admin(b))).toEqual([]);
    expect(await svc.passedLabels(database.db, b.partner.id)).toEqual([]);
    await expectRefused(svc.getApplicationDetail(admin(b), rec.id), 'not-found', 404);
    await expectRefused(svc.reviewComments(admin(b), returned.id), 'not-found', 404);
    await expectRefused(svc.updateMaterials(admin(b), returned.id, await materials(b)), 'not-found', 404);
    await expectRefused(svc.downloadArtwork(admin(b), rec.id, 'badge'), 'not-found', 404);
    expect((await svc.listDownloads(admin(b))).total).toBe(0);
    // B's suspension does not touch A, and A's open application does not block B
    expect((await applyFor(b, 'sap')).status).toBe('reviewing');
  });
});
