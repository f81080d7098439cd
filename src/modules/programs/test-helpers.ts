import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { createTestApp } from '../../../test/app.js';
import { makeAccount, makePartner, makeStaff, partnerAdminSession, staffSession, type TestSession } from '../../../test/fixtures.js';
import { clock } from '../../platform/clock.js';
import { files } from '../../platform/files/schema.js';
import { notifications } from '../../platform/notify/schema.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import { pathEnrollments } from '../paths/schema.js';
import { LICENCE_PURPOSE, LOGO_PURPOSE, PROOF_PURPOSE, SHAREHOLDER_PURPOSE } from './forms.js';
import type { AccountAttributes } from './facts.js';

/** Shared fixtures of this module's tests: a fresh product, partners in the states the rules need, form bodies. */

export type T = Awaited<ReturnType<typeof createTestApp>>;
export type PartnerFx = Awaited<ReturnType<typeof makePartner>>;

export interface World {
  t: T;
  reviewer: TestSession; // 审核员 (due diligence)
  manager: TestSession; // 生态经理
  channel: TestSession; // 渠道经理
  ops: TestSession; // 运营
}

export async function makeWorld(): Promise<World> {
  const t = await createTestApp();
  return {
    t,
    reviewer: await staffSession(t.database, await makeStaff(t.database, ['reviewer'])),
    manager: await staffSession(t.database, await makeStaff(t.database, ['ecosystem_manager'])),
    channel: await staffSession(t.database, await makeStaff(t.database, ['channel_manager'])),
    ops: await staffSession(t.database, await makeStaff(t.database, ['operations'])),
  };
}

/** Fresh staff sessions (after the clock moved past their idle timeout). */
export async function refreshStaff(w: World): Promise<void> {
  const t = w.t;
  w.reviewer = await staffSession(t.database, await makeStaff(t.database, ['reviewer']));
  w.manager = await staffSession(t.database, await makeStaff(t.database, ['ecosystem_manager']));
  w.channel = await staffSession(t.database, await makeStaff(t.database, ['channel_manager']));
  w.ops = await staffSession(t.database, await makeStaff(t.database, ['operations']));
}

export interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: string;
  headers: Record<string, unknown>;
}

export async function call(t: T, s: TestSession | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<Res> {
  const res = await t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  let body: unknown = null;
  try {
    body = res.json();
  } catch {
    body = null;
  }
  return { status: res.statusCode, body, raw: res.body, headers: res.headers };
}

export interface PartnerOpts {
  paths?: string[];
  programs?: string[];
  name?: string;
  attributes?: AccountAttributes;
}

export async function partner(t: T, opts: PartnerOpts = {}): Promise<{ p: PartnerFx; s: TestSession }> {
  const p = await makePartner(t.database, { paths: opts.paths ?? [], programs: opts.programs ?? [], name: opts.name });
  if (opts.attributes) await setAttributes(t, p, opts.attributes);
  return { p, s: await partnerAdminSession(t.database, p) };
}

/** Another partner account of the same company. */
export async function sibling(t: T, p: PartnerFx, paths: string[] = []): Promise<{ p: PartnerFx; s: TestSession }> {
  const account = await makeAccount(t.database, { realNameType: 'enterprise', enterpriseName: p.company.name });
  const now = clock.now();
  const [row] = await t.database.db
    .insert(partners)
    .values({ accountId: account.id, companyId: p.company.id, displayName: `${p.company.name}-2`, paths, programs: [], joinedAt: now, createdAt: now })
    .returning();
  const fx = { account, company: p.company, partner: row! };
  return { p: fx, s: await partnerAdminSession(t.database, fx) };
}

/** An account of the company on the service path with 角色认证 (R25 no. 17, R27, R39). */
export async function roleCertified(t: T, p: PartnerFx, path: 'service' | 'si' = 'service'): Promise<void> {
  const now = clock.now();
  await t.database.db.update(partners).set({ paths: [path] }).where(eq(partners.id, p.partner.id));
  await t.database.db
    .insert(pathEnrollments)
    .values({ partnerId: p.partner.id, companyId: p.company.id, path, status: 'joined', stage: 'role_certified', selectedAt: now, joinedAt: now, updatedAt: now });
}

export async function setAttributes(t: T, p: PartnerFx, attributes: AccountAttributes): Promise<void> {
  await t.database.db.update(accounts).set({ attributes: attributes as Record<string, unknown> }).where(eq(accounts.id, p.account.id));
}

/** A file row of the partner for an upload purpose (the upload route's own checks are tested once, separately). */
export async function fileOf(t: T, p: PartnerFx, purpose: string, name = 'file.pdf', mime = 'application/pdf'): Promise<string> {
  const [row] = await t.database.db
    .insert(files)
    .values({
      partnerId: p.partner.id,
      ownerKind: 'partner-account',
      ownerId: p.account.id,
      purpose,
      originalName: name,
      mime,
      size: 100,
      sha256: randomUUID().replace(/-/g, ''),
      storageKey: `${purpose}/${randomUUID()}`,
      createdAt: clock.now(),
    })
    .returning();
  return row!.id;
}

export const CONTACTS = [{ name: '张建国', mobile: '13912345678', email: 'zhang@example.com' }];

export const AGREEMENT_KEYS: Record<string, { key: string; version: string }[]> = {
  solution_provider: ['sp-cooperation', 'program-management', 'code-of-conduct', 'integrity-commitment'].map((key) => ({ key, version: '2025.1' })),
  distributor: ['distributor-development', 'partner-commitment'].map((key) => ({ key, version: '2025.1' })),
  reseller: ['reseller-cooperation', 'huawei-code-of-conduct', 'reseller-customer-info', 'partner-commitment'].map((key) => ({ key, version: '2025.1' })),
  marketplace_csp: [{ key: 'csp-cooperation', version: '2025.1' }],
  marketplace_merchant: [{ key: 'merchant-settlement', version: '2025.1' }],
  pce: [{ key: 'pce-commitment', version: '2025.1' }],
};

/** Step 1 of a plan's form, complete. */
export async function businessInfo(t: T, p: PartnerFx, program: string, over: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const base: Record<string, unknown> = {
    companyName: p.company.name,
    taxCode: '91320100MA1N2P3Q4R',
    registeredCapital: program === 'solution_provider' ? '10' : '1000000',
    businessTermLongTerm: true,
    legalPerson: '王五',
    province: '江苏省',
    city: '南京市',
    address: '南京市江宁区1号',
    engagingHuaweiContact: false,
    staffSize: '50-99人',
    annualRevenue: program === 'solution_provider' ? '32.6' : '3260000',
    logoFileId: await fileOf(t, p, LOGO_PURPOSE, 'logo.png', 'image/png'),
    intro: '专注于云计算服务的软件公司',
  };
  if (program === 'solution_provider' || program === 'marketplace_csp' || program === 'marketplace_merchant') {
    base.licenceFileId = await fileOf(t, p, LICENCE_PURPOSE);
    base.foundedDate = '2018-01-01';
  }
  if (program === 'solution_provider') {
    base.repOffice = '江苏代表处';
    base.companyEmail = 'office@example.com';
    base.landline = '025-88886666';
  }
  if (program === 'distributor') {
    base.repOffice = '江苏代表处';
    base.businessRegion = '江苏省';
  }
  if (program === 'reseller') {
    base.businessRegion = '江苏省';
    base.hasDistributorRelation = false;
  }
  return { ...base, ...over };
}

export async function answers(t: T, p: PartnerFx, program: string): Promise<Record<string, unknown>> {
  switch (program) {
    case 'solution_provider':
      return {
        roleCertified: true,
        performanceBand: 'lt-1m',
        performanceProof: [await fileOf(t, p, PROOF_PURPOSE)],
        userBand: 'lt-10',
        certifiedCount: 4,
        professionalCount: 2,
      };
    case 'distributor':
      return { expansionStaff: 'meets', technicalStaff: 'meets' };
    case 'reseller':
      return { salesBand: 'lt-500k', customerBand: 'lt-10', teamBand: 'lt-5', partnerTypes: ['isv'] };
    case 'marketplace_csp':
      return { proofs: [{ category: 'product', fileId: await fileOf(t, p, PROOF_PURPOSE) }] };
    default:
      return {};
  }
}

export const DUE_DILIGENCE = {
  answers: {
    'government-officials': { answer: 'no' },
    'bribery-record': { answer: 'no' },
    'third-parties': { answer: 'no' },
    'compliance-policy': { answer: 'yes' },
  },
  sensitiveRelation: 'none',
  truthful: true,
};

/** A complete application body for a plan. */
export async function fullApplication(t: T, p: PartnerFx, program: string, over: { businessInfo?: Record<string, unknown>; level?: string } = {}): Promise<Record<string, unknown>> {
  return {
    program,
    ...(over.level ? { level: over.level } : {}),
    businessInfo: await businessInfo(t, p, program, over.businessInfo),
    contacts: CONTACTS,
    agreements: AGREEMENT_KEYS[program],
    ...(program === 'marketplace_merchant' ? {} : { answers: await answers(t, p, program) }),
    ...(program === 'solution_provider' ? { dueDiligence: DUE_DILIGENCE } : {}),
  };
}

/** Approve every stage of a review in the ops console. */
export async function approveAll(w: World, reviewId: string, sessions: TestSession[]): Promise<void> {
  for (const s of sessions) {
    const r = await call(w.t, s, 'POST', `/api/ops/reviews/${reviewId}/approve`, {});
    if (r.status !== 200) throw new Error(`approve ${r.status} ${r.raw}`);
  }
}

/** A solution provider approved through the whole flow. */
export async function joinedSolutionProvider(w: World, name?: string): Promise<{ p: PartnerFx; s: TestSession; membershipId: string }> {
  const { p, s } = await partner(w.t, { name });
  const sib = await sibling(w.t, p);
  await roleCertified(w.t, sib.p);
  const r = await call(w.t, s, 'POST', '/api/programs/applications', { ...(await fullApplication(w.t, p, 'solution_provider')), submit: true });
  if (r.status !== 201) throw new Error(`apply ${r.status} ${r.raw}`);
  await approveAll(w, r.body.application.reviewId, [w.reviewer, w.manager]);
  const m = await call(w.t, s, 'GET', '/api/programs/memberships');
  return { p, s, membershipId: m.body.items.find((x: { program: string }) => x.program === 'solution_provider').id };
}

/** A distributor approved through invitation and application, in 江苏省. */
export async function joinedDistributor(w: World, opts: { name?: string; region?: string } = {}): Promise<{ p: PartnerFx; s: TestSession; membershipId: string }> {
  const { p, s } = await partner(w.t, { name: opts.name });
  const inv = await call(w.t, w.manager, 'POST', '/api/ops/programs/invitations', { account: p.account.accountName, program: 'distributor' });
  if (inv.status !== 201) throw new Error(`invite ${inv.status} ${inv.raw}`);
  const body = await fullApplication(w.t, p, 'distributor', { businessInfo: opts.region ? { businessRegion: opts.region } : {} });
  const r = await call(w.t, s, 'POST', '/api/programs/applications', { ...body, submit: true });
  if (r.status !== 201) throw new Error(`apply ${r.status} ${r.raw}`);
  await approveAll(w, r.body.application.reviewId, [w.manager]);
  const m = await call(w.t, s, 'GET', '/api/programs/memberships');
  return { p, s, membershipId: m.body.items.find((x: { program: string }) => x.program === 'distributor').id };
}

/** A reseller approved (without a named distributor), in 江苏省 unless told. */
export async function joinedReseller(w: World, opts: { region?: string } = {}): Promise<{ p: PartnerFx; s: TestSession }> {
  const { p, s } = await partner(w.t);
  const body = await fullApplication(w.t, p, 'reseller', { businessInfo: opts.region ? { businessRegion: opts.region } : {} });
  const r = await call(w.t, s, 'POST', '/api/programs/applications', { ...body, submit: true });
  if (r.status !== 201) throw new Error(`apply ${r.status} ${r.raw}`);
  await approveAll(w, r.body.application.reviewId, [w.channel]);
  return { p, s };
}

/** The latest message sent to an address (codes land in the demo inbox). */
export async function lastMessage(t: T, address: string) {
  const [n] = await t.database.db.select().from(notifications).where(eq(notifications.address, address)).orderBy(desc(notifications.createdAt)).limit(1);
  return n;
}

export async function siteMessages(t: T, accountId: string, template: string) {
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipientId, accountId), eq(notifications.template, template), eq(notifications.channel, 'site')));
}

export { SHAREHOLDER_PURPOSE, PROOF_PURPOSE, LOGO_PURPOSE, LICENCE_PURPOSE };

/**
 * `n` people bound to the partner (org members' personal accounts), each holding the named certificates,
 * approved and valid, recorded two days ago (so the T+1 counts see them).
 */
export async function certifiedPeople(t: T, p: PartnerFx, n: number, certs: { type: 'professional' | 'developer' | 'specialty'; name: string }[]): Promise<void> {
  const { memberCertificates, memberInvitations } = await import('../org/specialists/schema.js');
  const past = new Date(clock.now().getTime() - 2 * 86_400_000);
  for (let i = 0; i < n; i++) {
    const person = await makeAccount(t.database);
    await t.database.db.insert(memberInvitations).values({
      partnerId: p.partner.id,
      invitedByKind: 'partner-account',
      invitedById: p.account.id,
      targetType: 'accountName',
      targetValue: person.accountName,
      accountId: person.id,
      status: 'bound',
      token: randomUUID(),
      invitedAt: past,
      expiresAt: past,
      boundAt: past,
      createdAt: past,
      updatedAt: past,
    });
    for (const c of certs)
      await t.database.db.insert(memberCertificates).values({
        accountId: person.id,
        type: c.type,
        source: 'sync',
        name: c.name,
        number: randomUUID().slice(0, 8),
        validFrom: '2024-01-01',
        validTo: '2030-12-31',
        status: 'approved',
        createdAt: past,
        updatedAt: past,
      });
  }
}
