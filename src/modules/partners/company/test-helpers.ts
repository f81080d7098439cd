import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { clock } from '../../../platform/clock.js';
import { STAFF_ROLES } from '../../../platform/access/index.js';
import { createTestApp } from '../../../../test/app.js';
import { makeAccount, makePartner, makeStaff, partnerAdminSession, staffSession, type TestSession } from '../../../../test/fixtures.js';
import { SAMPLE, upload } from '../../../../test/upload.js';
import { companies, partners } from '../schema.js';
import { randomUscc } from '../test-helpers.js';
import { businessCertifications, companyProfiles, type CompanyInfo } from './schema.js';

/** Shared set-up for the 伙伴信息 tests: the whole product on a fresh PGlite database. */
export type T = Awaited<ReturnType<typeof createTestApp>>;

export const LICENCE_ADDRESS = '南京市雨花台区软件大道101号';

export async function world() {
  const t = await createTestApp();
  const staff = async (roles: string[]) => staffSession(t.database, await makeStaff(t.database, roles));
  return {
    t,
    reviewer: await staff([STAFF_ROLES.reviewer]),
    finance: await staff([STAFF_ROLES.finance]),
    operations: await staff([STAFF_ROLES.operations]),
    eco: await staff([STAFF_ROLES.ecosystemManager]),
    psa: await staff([STAFF_ROLES.psa]),
  };
}

export async function call(t: T, s: TestSession | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  let body: any = null;
  try {
    body = res.body ? JSON.parse(res.body) : null;
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body, raw: res };
}

export function baseInfo(name: string, licenceFileId: string | null): CompanyInfo {
  return {
    basic: {
      licenceFileId,
      companyName: name,
      taxCode: null,
      registeredCapital: '1000',
      foundedDate: '2015-06-01',
      businessTermEnd: null,
      businessTermLongTerm: true,
      licenceAddress: LICENCE_ADDRESS,
      legalPerson: '张三',
      businessScope: '软件开发',
    },
    details: { postcode: '210000', province: '江苏省', city: '南京市', staffSize: '100-499', annualRevenue: '5000', logoFileId: null, website: null, companyEmail: 'info@example.com', intro: '云计算软件与服务' },
    contacts: [{ name: '李四', mobile: '+86-13800000000', email: 'lisi@example.com' }],
  };
}

/**
 * A partner company (main account signed in) with a valid 统一社会信用代码 and a company profile
 * whose licence address is LICENCE_ADDRESS. The account passed 企业实名认证 under the company name.
 */
export async function company(t: T, over: { programs?: string[]; name?: string } = {}) {
  const p = await makePartner(t.database, { programs: over.programs ?? [], name: over.name });
  const uscc = randomUscc();
  await t.database.db.update(companies).set({ uscc }).where(eq(companies.id, p.company.id));
  const session = await partnerAdminSession(t.database, p);
  const licence = await upload(t.app, session.headers, 'business-licence', 'licence.pdf', SAMPLE.PDF);
  await t.database.db.insert(companyProfiles).values({ companyId: p.company.id, info: baseInfo(p.company.name, licence), updatedAt: clock.now() });
  return { ...p, company: { ...p.company, uscc }, uscc, name: p.company.name, session, licence };
}

/** Another partner account of the same company (not the main one). */
export async function sibling(t: T, c: Awaited<ReturnType<typeof company>>) {
  const account = await makeAccount(t.database, { realNameType: 'enterprise', enterpriseName: c.name });
  const now = clock.now();
  const [partner] = await t.database.db
    .insert(partners)
    .values({ accountId: account.id, companyId: c.company.id, displayName: c.name, isMainAccount: false, joinedAt: now, createdAt: now })
    .returning();
  return { account, partner: partner!, session: await partnerAdminSession(t.database, { account, partner: partner! }) };
}

export const companyStep = (c: { uscc: string }, over: Record<string, unknown> = {}) => ({
  registeredCountry: '中国',
  province: '江苏省',
  city: '南京市',
  address: '雨花台区软件大道101号',
  taxpayerType: '一般纳税人',
  taxNumber: c.uscc,
  financeContact: { lastName: '王', firstName: '五', mobile: '+86-13900000000', email: 'finance@example.com' },
  disclaimerAccepted: true,
  ...over,
});

export const bankStep = (c: { uscc: string; name: string }, over: Record<string, unknown> = {}) => ({
  bankCountry: '中国',
  bankName: '招商银行',
  branchName: '招商银行南京分行',
  branchCode: '308301000123',
  branchLocation: '江苏省 南京市',
  accountHolder: c.name,
  accountNumber: '6225 8812 3456 7890',
  currency: 'CNY',
  legalRepresentative: '张三',
  enterpriseCodeType: '统一社会信用代码',
  enterpriseCode: c.uscc,
  ...over,
});

type Company = Awaited<ReturnType<typeof company>>;

/** Start a certification and save the three steps; returns the application id. */
export async function fill(t: T, c: Company, opts: { bank?: Record<string, unknown>; survey?: unknown; session?: TestSession } = {}) {
  const s = opts.session ?? c.session;
  const started = await call(t, s, 'POST', '/api/business-info/applications', {});
  expect([200, 201]).toContain(started.status);
  const id = started.body.id as string;
  expect((await call(t, s, 'PUT', `/api/business-info/applications/${id}/company`, companyStep(c))).status).toBe(200);
  const bank = await call(t, s, 'PUT', `/api/business-info/applications/${id}/bank`, bankStep(c, opts.bank));
  expect(bank.status, JSON.stringify(bank.body)).toBe(200);
  expect((await call(t, s, 'PUT', `/api/business-info/applications/${id}/survey`, opts.survey ?? { involved: false })).status).toBe(200);
  return id;
}

/** The amount the vendor transferred (what the partner reads on its bank statement). */
export async function transferred(t: T, id: string): Promise<string> {
  const [row] = await t.database.db.select().from(businessCertifications).where(eq(businessCertifications.id, id));
  return row!.verificationAmount!;
}

export async function certRow(t: T, id: string) {
  const [row] = await t.database.db.select().from(businessCertifications).where(eq(businessCertifications.id, id));
  return row!;
}

/** A wrong amount that is still well-formed. */
export const wrongAmount = (right: string) => (right === '0.50' ? '0.51' : '0.50');

/** Fill, submit, verify the amount and let the automatic certification finish. */
export async function certify(t: T, c: Company, opts: { bank?: Record<string, unknown> } = {}) {
  const id = await fill(t, c, opts);
  const sub = await call(t, c.session, 'POST', `/api/business-info/applications/${id}/submit`, {});
  expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  expect(sub.body.application.status).toBe('amount_verification');
  const ok = await call(t, c.session, 'POST', `/api/business-info/applications/${id}/verify-amount`, { amount: await transferred(t, id) });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  await t.drainJobs();
  expect((await certRow(t, id)).status).toBe('certified');
  return id;
}

/** The review-engine application of a certification (for staff decisions). */
export async function reviewOf(t: T, id: string): Promise<string> {
  const row = await certRow(t, id);
  expect(row.reviewId).toBeTruthy();
  return row.reviewId!;
}

export { SAMPLE, upload };
