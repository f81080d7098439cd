import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { clock } from '../../../platform/clock.js';
import type { Probe, ProbeWorld } from '../../../../test/tenant-probes.js';
import { businessCertifications, companyInfoChanges } from './schema.js';

/**
 * Tenant probes for 伙伴信息 (test/access-matrix.test.ts): objects of partner A's company; partner B
 * (another company) must get 404. Merge into TENANT_PROBES: `...companyTenantProbes`.
 */

/** The open certification of A's company (one per company), created when missing. */
async function openCertification(w: ProbeWorld): Promise<string> {
  const db = w.t.database.db;
  const companyId = w.a.company.id;
  const [open] = await db.select().from(businessCertifications).where(and(eq(businessCertifications.companyId, companyId), ne(businessCertifications.status, 'certified')));
  if (open) return open.id;
  const now = clock.now();
  const [row] = await db.insert(businessCertifications).values({ companyId, partnerId: w.a.partner.id, mode: 'first', status: 'draft', createdAt: now, updatedAt: now }).returning();
  return row!.id;
}

async function cert(w: ProbeWorld, suffix: string, payload?: unknown) {
  const id = await openCertification(w);
  return { url: `/api/business-info/applications/${id}${suffix}`, payload, ownerSession: w.aSession, intruderSession: w.bSession };
}

async function change(w: ProbeWorld) {
  const now = clock.now();
  const info = { basic: { licenceFileId: null, companyName: w.a.company.name, taxCode: null, registeredCapital: null, foundedDate: null, businessTermEnd: null, businessTermLongTerm: false, licenceAddress: null, legalPerson: null, businessScope: null }, details: { postcode: null, province: null, city: null, staffSize: null, annualRevenue: null, logoFileId: null, website: null, companyEmail: null, intro: null }, contacts: [] };
  const [row] = await w.t.database.db
    .insert(companyInfoChanges)
    .values({
      companyId: w.a.company.id,
      partnerId: w.a.partner.id,
      status: 'applied',
      before: info,
      after: { ...info, details: { ...info.details, city: '南京市' } },
      changes: [{ section: 'details', field: 'city', before: null, after: '南京市' }],
      createdAt: now,
      decidedAt: now,
    })
    .returning();
  return { url: `/api/company/info/changes/${row!.id}`, ownerSession: w.aSession, intruderSession: w.bSession };
}

// well-formed bodies, so the intruder reaches the ownership check (the owner may get 400/409, never 404)
const companyStep = {
  registeredCountry: '中国',
  province: '江苏省',
  city: '南京市',
  address: '雨花台区软件大道101号',
  taxpayerType: '一般纳税人',
  taxNumber: '91320100MA1PROBE00',
  financeContact: { lastName: '王', firstName: '五', mobile: '+86-13800000000', email: 'fin@example.com' },
  disclaimerAccepted: true,
};
const bankStep = {
  bankCountry: '中国',
  bankName: '招商银行',
  branchName: '招商银行南京分行',
  branchCode: '308301000000',
  branchLocation: '江苏省 南京市',
  accountHolder: '探针公司',
  accountNumber: '4567890123456789',
  currency: 'CNY',
  legalRepresentative: '张三',
  enterpriseCodeType: '统一社会信用代码',
  enterpriseCode: '91320100MA1PROBE00',
};

export const companyTenantProbes: Record<string, Probe> = {
  'GET /api/company/info/changes/:id': (w) => change(w),
  'GET /api/business-info/applications/:id': (w) => cert(w, ''),
  'PUT /api/business-info/applications/:id/company': (w) => cert(w, '/company', companyStep),
  'PUT /api/business-info/applications/:id/bank': (w) => cert(w, '/bank', bankStep),
  'PUT /api/business-info/applications/:id/survey': (w) => cert(w, '/survey', { involved: false }),
  'POST /api/business-info/applications/:id/submit': (w) => cert(w, '/submit', {}),
  'POST /api/business-info/applications/:id/verify-amount': (w) => cert(w, '/verify-amount', { amount: '0.50' }),
  'POST /api/business-info/applications/:id/bank-letter': (w) => cert(w, '/bank-letter', { fileId: randomUUID() }),
  'GET /api/business-info/applications/:id/bank-letter-template': (w) => cert(w, '/bank-letter-template'),
  'POST /api/business-info/applications/:id/cancel': (w) => cert(w, '/cancel', {}),
};
