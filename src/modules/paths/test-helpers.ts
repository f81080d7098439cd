import { randomUUID } from 'node:crypto';
import { createTestApp } from '../../../test/app.js';
import { makeAccount, makePartner, partnerAdminSession, type TestSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { files } from '../../platform/files/schema.js';
import { capabilityApplications } from '../capabilities/schema.js';
import { validityEnd } from '../capabilities/rules.js';
import { memberCertificates, memberInvitations, memberTrainings } from '../org/specialists/schema.js';
import { pathEnrollments } from './schema.js';
import { addJoinedPath } from './review-kinds.js';
import type { PathType, Stage } from './catalogue.js';

/** Helpers for this folder's tests: rows written directly, flows exercised through the API. */

export type T = Awaited<ReturnType<typeof createTestApp>>;
export type PartnerFx = Awaited<ReturnType<typeof makePartner>>;

export function api(t: T) {
  return async (s: TestSession, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await t.app.inject({ method, url, headers: s.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const isJson = (res.headers['content-type'] ?? '').toString().includes('json');
    return { status: res.statusCode, body: isJson ? res.json() : res.body, raw: res };
  };
}

/** A partner with no path yet (the shared fixture defaults to ['service']). */
export async function newPartner(t: T, name?: string): Promise<{ p: PartnerFx; s: TestSession }> {
  const p = await makePartner(t.database, { paths: [], ...(name ? { name } : {}) });
  return { p, s: await partnerAdminSession(t.database, p) };
}

/** An enrollment at a stage, as the reviews would have left it. */
export async function enroll(t: T, p: PartnerFx, path: PathType, stage: Stage = 'role_selected'): Promise<void> {
  const now = clock.now();
  await t.database.db
    .insert(pathEnrollments)
    .values({ partnerId: p.partner.id, companyId: p.company.id, path, status: 'joined', stage, selectedAt: now, joinedAt: now, updatedAt: now });
  await addJoinedPath(t.database.db, p.partner.id, path);
}

export async function fileOf(t: T, p: PartnerFx): Promise<string> {
  const [row] = await t.database.db
    .insert(files)
    .values({
      partnerId: p.partner.id,
      ownerKind: 'partner-account',
      ownerId: p.account.id,
      purpose: 'attachment',
      originalName: '材料.pdf',
      mime: 'application/pdf',
      size: 100,
      sha256: randomUUID().replace(/-/g, ''),
      storageKey: `attachment/${randomUUID()}`,
      createdAt: clock.now(),
    })
    .returning();
  return row!.id;
}

export async function passedLabel(t: T, p: PartnerFx, level1Label: string): Promise<void> {
  const now = clock.now();
  await t.database.db.insert(capabilityApplications).values({
    partnerId: p.partner.id,
    level1Label,
    level2Results: { [`${level1Label}.core`]: 'passed' },
    formFileId: randomUUID(),
    evidenceFileId: randomUUID(),
    status: 'passed',
    appliedAt: now,
    passedAt: now,
    validFrom: now,
    validTo: validityEnd(now),
    createdAt: now,
    updatedAt: now,
  });
}

export interface CertificateSpec {
  name: string;
  status?: 'approved' | 'in_review' | 'rejected';
  validTo?: string;
}

/**
 * An employee's personal account with certificates (and passed exams), bound to the partner account
 * (成员邀请 accepted: 已绑定) unless `binding` says otherwise.
 */
export async function member(
  t: T,
  p: PartnerFx,
  certificates: (string | CertificateSpec)[],
  opts: { binding?: 'bound' | 'unbound' | 'invited'; exams?: string[] } = {},
): Promise<string> {
  const a = await makeAccount(t.database);
  const now = clock.now();
  await t.database.db.insert(memberInvitations).values({
    partnerId: p.partner.id,
    invitedByKind: 'partner-account',
    invitedById: p.account.id,
    targetType: 'accountName',
    targetValue: a.accountName,
    accountId: a.id,
    status: opts.binding ?? 'bound',
    token: randomUUID(),
    invitedAt: now,
    expiresAt: new Date(now.getTime() + 7 * 86_400_000),
    boundAt: now,
    createdAt: now,
    updatedAt: now,
  });
  for (const c of certificates) {
    const spec = typeof c === 'string' ? { name: c } : c;
    await t.database.db.insert(memberCertificates).values({
      accountId: a.id,
      type: 'developer',
      source: 'sync',
      name: spec.name,
      number: randomUUID().slice(0, 8),
      validFrom: '2020-01-01',
      validTo: spec.validTo ?? '2099-12-31',
      status: spec.status ?? 'approved',
      createdAt: now,
      updatedAt: now,
    });
  }
  for (const exam of opts.exams ?? []) {
    await t.database.db.insert(memberTrainings).values({ accountId: a.id, kind: 'exam', name: exam, result: '通过', score: 90, completedAt: now, syncedAt: now });
  }
  return a.id;
}

export const BUSINESS_EXAM = '合作伙伴专业认证-业务方向（中级）：基于华为云构建客户的业务体系';

export const requirementOf = (detail: { stages: { stage: string; requirements: { key: string }[] }[] }, stage: string, key: string) =>
  detail.stages.find((s) => s.stage === stage)!.requirements.find((r) => r.key === key) as {
    key: string;
    progress: string;
    current: number | null;
    met: boolean | null;
  };

export { pdfText } from '../../../test/pdf.js';
