import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P, requirePartner } from '../../../platform/access/index.js';
import type { Access } from '../../../platform/http.js';
import { contentDisposition, sendStoredFile } from '../../../platform/files/index.js';
import { render } from '../../../platform/i18n/index.js';
import { STAFF_SIZES } from '../hcpn.js';
import { CERT_MODES, CERT_STATUSES, INFO_CHANGE_STATUSES } from './schema.js';
import { CERT_STATUS_NAMES, settlementCheck } from './cert-state.js';
import { searchBanks } from './banks.js';
import * as info from './company-info.js';
import * as main from './main-account.js';
import * as cert from './business-info.js';
import * as materials from './materials.js';
import * as ops from './ops.js';

/**
 * 伙伴信息 (guide chapter 4): 基本信息 > 公司信息 / 账号信息, 商业信息 (商业信息认证), 案例管理, 商业计划,
 * and the operations-console routes the review engine does not cover.
 */
const BASIC: Access = { actor: 'partner', permission: P.basicInfo };
const BASIC_ADMIN: Access = { actor: 'partner', permission: P.basicInfo, admin: true };
const ACCOUNT_ITSELF: Access = { actor: 'partner', partnerAccount: true };
const BUSINESS: Access = { actor: 'partner', permission: P.businessInfo };
const ANY_PARTNER: Access = { actor: 'partner' };
const CASES: Access = { actor: 'partner', permission: P.cases };
const PLANS: Access = { actor: 'partner', permission: P.plans };

const IdParams = z.object({ id: z.uuid() }).strict();
const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
};
const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const Text = (max: number) => z.string().max(max);
const Amount = z.string().max(40);

// ---------------------------------------------------------------------------------------------
// 公司信息

const Basic = z.object({
  licenceFileId: z.string().nullable(),
  companyName: z.string(),
  taxCode: z.string().nullable(),
  registeredCapital: z.string().nullable(),
  foundedDate: z.string().nullable(),
  businessTermEnd: z.string().nullable(),
  businessTermLongTerm: z.boolean(),
  licenceAddress: z.string().nullable(),
  legalPerson: z.string().nullable(),
  businessScope: z.string().nullable(),
});
const Details = z.object({
  postcode: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  staffSize: z.string().nullable(),
  annualRevenue: z.string().nullable(),
  logoFileId: z.string().nullable(),
  website: z.string().nullable(),
  companyEmail: z.string().nullable(),
  intro: z.string().nullable(),
});
const Contact = z.object({ name: z.string(), mobile: z.string(), email: z.string() });
const FileRef = z.object({ id: z.string(), name: z.string() });

const CompanyInfoView = z.object({
  companyId: z.uuid(),
  uscc: z.string(),
  basic: Basic.extend({ licenceFile: FileRef.nullable() }),
  details: Details,
  contacts: z.array(Contact),
  isMainAccount: z.boolean(),
  canModify: z.boolean(),
  modifyHint: z.string().nullable(),
  mainAccountName: z.string().nullable(),
  pendingChange: z.object({ id: z.uuid(), status: z.enum(INFO_CHANGE_STATUSES), statusName: z.string() }).nullable(),
  businessInfoCertified: z.boolean(),
  recertificationRequired: z.boolean(),
});

const ChangeView = z.object({
  id: z.uuid(),
  status: z.enum(INFO_CHANGE_STATUSES),
  statusName: z.string(),
  changes: z.array(z.object({ section: z.enum(['basic', 'details', 'contacts']), field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
  autoCheckFailures: z.array(z.object({ code: z.string(), text: z.string() })),
  reviewId: z.uuid().nullable(),
  rejectReason: z.string().nullable(),
  submittedBy: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

const ChangeBody = z
  .object({
    basic: z
      .object({
        licenceFileId: z.uuid().optional(),
        companyName: Text(info.LIMITS.text).optional(),
        taxCode: Text(info.LIMITS.text).optional(),
        registeredCapital: Amount.optional(),
        foundedDate: Text(10).optional(),
        businessTermEnd: Text(10).nullable().optional(),
        businessTermLongTerm: z.boolean().optional(),
        licenceAddress: Text(info.LIMITS.text).optional(),
        legalPerson: Text(info.LIMITS.text).optional(),
        businessScope: Text(info.LIMITS.businessScope).optional(),
      })
      .strict()
      .optional(),
    details: z
      .object({
        postcode: Text(10).nullable().optional(),
        province: Text(info.LIMITS.text).optional(),
        city: Text(info.LIMITS.text).optional(),
        staffSize: z.enum(STAFF_SIZES).optional(),
        annualRevenue: Amount.nullable().optional(),
        logoFileId: z.uuid().nullable().optional(),
        website: Text(info.LIMITS.text).nullable().optional(),
        companyEmail: Text(128).nullable().optional(),
        intro: Text(info.LIMITS.intro).optional(),
      })
      .strict()
      .optional(),
    contacts: z
      .array(z.object({ name: Text(info.LIMITS.contactName), mobile: Text(32), email: Text(128) }).strict())
      .max(info.LIMITS.contacts)
      .optional(),
    uscc: Text(32).optional(), // refused by the service with the guide's words (R4)
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// 商业信息认证

const CompanyStep = z.object({
  registeredCountry: z.string(),
  province: z.string(),
  city: z.string(),
  address: z.string(),
  taxpayerType: z.string(),
  taxNumber: z.string(),
  financeContact: z.object({ lastName: z.string(), firstName: z.string(), mobile: z.string(), email: z.string() }),
  disclaimerAcceptedAt: z.string(),
});
const BankStep = z.object({
  bankCountry: z.string(),
  bankName: z.string(),
  bankListed: z.boolean(),
  supportsUnionPay: z.boolean(),
  branchName: z.string(),
  branchCode: z.string(),
  branchLocation: z.string(),
  accountHolder: z.string(),
  accountNumber: z.string(),
  accountNumberMasked: z.string(),
  currency: z.string(),
  legalRepresentative: z.string(),
  enterpriseCodeType: z.string(),
  enterpriseCode: z.string(),
});
const CertStatusEnum = z.enum(CERT_STATUSES);
const ApplicationView = z.object({
  id: z.uuid(),
  mode: z.enum(CERT_MODES),
  modeName: z.string(),
  status: CertStatusEnum,
  statusName: z.string(),
  step: z.number().int(),
  steps: z.object({ company: z.boolean(), bank: z.boolean(), survey: z.boolean() }),
  companyName: z.string(),
  company: CompanyStep.nullable(),
  bank: BankStep.nullable(),
  survey: z.object({ involved: z.boolean(), items: z.array(z.object({ item: z.number().int(), details: z.string() })), itemTexts: z.array(z.string()) }).nullable(),
  bankLetter: z.object({ required: z.boolean(), file: FileRef.nullable() }),
  verification: z.object({ maxAttempts: z.number().int(), attemptsLeft: z.number().int(), sentAt: z.string().nullable(), verifiedAt: z.string().nullable(), accountNumberMasked: z.string().nullable() }),
  manualReasons: z.array(z.object({ code: z.string(), text: z.string() })),
  failureReason: z.string().nullable(),
  reviewId: z.uuid().nullable(),
  submittedAt: z.string().nullable(),
  certifiedAt: z.string().nullable(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
const CompanyCertStatus = z.enum(Object.keys(CERT_STATUS_NAMES) as [string, ...string[]]);
const Overview = z.object({
  status: CompanyCertStatus,
  statusName: z.string(),
  banner: z.string(),
  disclaimer: z.string(),
  isMainAccount: z.boolean(),
  canCertify: z.boolean(),
  recertificationRequired: z.boolean(),
  settlement: z.object({ blocked: z.boolean(), reason: z.string().nullable(), message: z.string().nullable() }),
  cloudStore: z.object({ isCloudStore: z.boolean(), revenueShareSigned: z.boolean() }),
  certified: ApplicationView.nullable(),
  application: ApplicationView.nullable(),
  actions: z.array(z.enum(['start', 'recertify'])),
});
const WithMessage = z.object({ application: ApplicationView, message: z.string() });
const Settlement = z.object({
  blocked: z.boolean(),
  reason: z.enum(['pending', 'not-certified', 'recertification-required']).nullable(),
  message: z.string().nullable(),
  certified: z.boolean(),
  status: CompanyCertStatus,
  statusName: z.string(),
  currency: z.string().nullable(),
});

const CompanyStepBody = z
  .object({
    registeredCountry: Text(cert.LIMITS.place),
    province: Text(cert.LIMITS.place),
    city: Text(cert.LIMITS.place),
    address: Text(cert.LIMITS.address),
    taxpayerType: Text(32),
    taxNumber: Text(32),
    financeContact: z
      .object({ lastName: Text(cert.LIMITS.personName), firstName: Text(cert.LIMITS.personName), mobile: Text(32), email: Text(128) })
      .strict(),
    disclaimerAccepted: z.boolean(),
  })
  .strict();
const BankStepBody = z
  .object({
    bankCountry: Text(cert.LIMITS.place),
    bankName: Text(cert.LIMITS.bankName),
    branchName: Text(cert.LIMITS.bankName),
    branchCode: Text(32),
    branchLocation: Text(cert.LIMITS.bankName),
    accountHolder: Text(cert.LIMITS.companyName),
    accountNumber: Text(64),
    currency: Text(8),
    legalRepresentative: Text(cert.LIMITS.personName),
    enterpriseCodeType: Text(32),
    enterpriseCode: Text(cert.LIMITS.enterpriseCode),
  })
  .strict();
const SurveyBody = z
  .object({
    involved: z.boolean(),
    items: z
      .array(z.object({ item: z.number().int(), details: Text(cert.LIMITS.surveyDetails) }).strict())
      .max(cert.SURVEY_ITEMS.length)
      .optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// 案例管理 / 商业计划

const MaterialRow = z.object({
  certificationId: z.uuid(),
  name: z.string(),
  file: FileRef.nullable(),
  status: z.enum(materials.MATERIAL_STATUSES),
  statusName: z.string(),
  reviewComment: z.string().nullable(),
  reviewer: z.string().nullable(),
  time: z.string(),
  timeText: z.string(),
  path: z.string(),
  stage: z.string(),
});
const MaterialQuery = z.object({ ...Paging, status: z.enum(materials.MATERIAL_STATUSES).optional() }).strict();

// ---------------------------------------------------------------------------------------------
// Operations console

const OpsCertView = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  companyName: z.string(),
  partnerId: z.uuid(),
  mode: z.string(),
  modeName: z.string(),
  status: CertStatusEnum,
  statusName: z.string(),
  manualReasons: z.array(z.string()),
  bankName: z.string().nullable(),
  accountNumber: z.string().nullable(),
  currency: z.string().nullable(),
  verificationAmount: z.string().nullable(),
  verificationRound: z.number().int(),
  verificationFailures: z.number().int(),
  lockedAt: z.string().nullable(),
  unlockWorkOrder: z.string().nullable(),
  reviewId: z.uuid().nullable(),
  failureReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  certifiedAt: z.string().nullable(),
  updatedAt: z.string(),
});
const SupplierView = z.object({
  id: z.uuid(),
  companyName: z.string(),
  ioi: z.boolean(),
  bankAccount: z.string(),
  currency: z.string(),
  contractingEntity: z.string(),
  source: z.string(),
  updatedAt: z.string(),
});

export async function companyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // ----- 基本信息 > 公司信息 (spec 02 §2.1, §3.1, ops 2–3)
  {
    const tags = ['company-info'];
    app.get('/api/company/info', { config: { access: BASIC }, schema: { tags, response: { 200: CompanyInfoView } } }, async (req) => info.viewCompanyInfo(req.ctx));

    app.get('/api/company/info/licence', { config: { access: BASIC }, schema: { tags } }, async (req, reply) => {
      const { file, stream } = await info.companyLicence(req.ctx);
      return sendStoredFile(reply, file, stream);
    });

    // 修改: applied at once (201 applied) or sent to 人工审核 (201 manual-review)
    app.post(
      '/api/company/info/changes',
      {
        config: { access: BASIC_ADMIN },
        schema: {
          tags,
          body: ChangeBody,
          response: { 201: z.object({ outcome: z.enum(['applied', 'manual-review']), change: ChangeView, recertificationRequired: z.boolean(), message: z.string() }) },
        },
      },
      async (req, reply) => reply.code(201).send(await info.submitChange(req.ctx, req.body)),
    );

    app.get(
      '/api/company/info/changes',
      { config: { access: BASIC }, schema: { tags, querystring: z.object(Paging).strict(), response: { 200: pageOf(ChangeView) } } },
      async (req) => info.listChanges(req.ctx, req.query),
    );

    app.get(
      '/api/company/info/changes/:id',
      { config: { access: BASIC }, schema: { tags, params: IdParams, response: { 200: ChangeView } } },
      async (req) => info.getChange(req.ctx, req.params.id),
    );
  }

  // ----- 基本信息 > 账号信息 (spec 02 §2.2, §3.2, ops 4–5)
  {
    const tags = ['company-accounts'];
    const Account = z.object({
      partnerId: z.uuid(),
      accountName: z.string(),
      displayName: z.string(),
      mobile: z.string(),
      email: z.string().nullable(),
      isMainAccount: z.boolean(),
      mainLabel: z.string().nullable(),
      isCurrent: z.boolean(),
      joinedAt: z.string(),
    });
    app.get(
      '/api/company/accounts',
      { config: { access: BASIC }, schema: { tags, response: { 200: z.object({ items: z.array(Account), transferNotice: z.string(), canTransfer: z.boolean() }) } } },
      async (req) => main.listAccounts(req.ctx),
    );

    const Transfer = { targetPartnerId: z.uuid(), channel: z.enum(['sms', 'email']) };
    app.post(
      '/api/company/main-account/transfer/code',
      { config: { access: ACCOUNT_ITSELF }, schema: { tags, body: z.object(Transfer).strict(), response: { 200: z.object({ expiresAt: z.string(), channel: z.enum(['sms', 'email']) }) } } },
      async (req) => main.requestTransferCode(req.ctx, req.body),
    );

    app.post(
      '/api/company/main-account/transfer',
      {
        config: { access: ACCOUNT_ITSELF },
        schema: {
          tags,
          body: z.object({ ...Transfer, code: z.string().min(1).max(12) }).strict(),
          response: { 200: z.object({ mainPartnerId: z.uuid(), mainAccountName: z.string(), previousPartnerId: z.uuid(), message: z.string() }) },
        },
      },
      async (req) => main.transferMainAccount(req.ctx, req.body),
    );
  }

  // ----- 伙伴信息 > 商业信息 (spec 02 §2.5, §3.3, ops 8–10)
  {
    const tags = ['business-info'];
    app.get('/api/business-info', { config: { access: BUSINESS }, schema: { tags, response: { 200: Overview } } }, async (req) => cert.overview(req.ctx));

    // the check other modules call, for the UI: may this partner settle now?
    app.get('/api/business-info/settlement-status', { config: { access: ANY_PARTNER }, schema: { tags, response: { 200: Settlement } } }, async (req) => {
      const s = await settlementCheck(req.ctx.db, requirePartner(req.ctx).partnerId);
      return { ...s, message: s.message ? render(s.message, req.ctx.lang) : null, statusName: render(s.statusName, req.ctx.lang) };
    });

    app.get(
      '/api/business-info/banks',
      {
        config: { access: BUSINESS },
        schema: { tags, querystring: z.object({ q: z.string().max(50).optional() }).strict(), response: { 200: z.object({ items: z.array(z.object({ name: z.string(), supportsUnionPay: z.boolean() })) }) } },
      },
      async (req) => ({ items: searchBanks(req.query.q).map((b) => ({ name: b.name, supportsUnionPay: b.supportsUnionPay })) }),
    );

    // 首次认证 or 重新认证 (an open one is returned with 200)
    app.post(
      '/api/business-info/applications',
      { config: { access: BUSINESS }, schema: { tags, body: z.object({}).strict().optional(), response: { 200: ApplicationView, 201: ApplicationView } } },
      async (req, reply) => {
        const { created, application } = await cert.startCertification(req.ctx);
        return reply.code(created ? 201 : 200).send(application);
      },
    );

    app.get(
      '/api/business-info/applications/:id',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, response: { 200: ApplicationView } } },
      async (req) => cert.getCertification(req.ctx, req.params.id),
    );

    app.put(
      '/api/business-info/applications/:id/company',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, body: CompanyStepBody, response: { 200: ApplicationView } } },
      async (req) => cert.saveCompanyStep(req.ctx, req.params.id, req.body),
    );

    app.put(
      '/api/business-info/applications/:id/bank',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, body: BankStepBody, response: { 200: ApplicationView } } },
      async (req) => cert.saveBankStep(req.ctx, req.params.id, req.body),
    );

    app.put(
      '/api/business-info/applications/:id/survey',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, body: SurveyBody, response: { 200: ApplicationView } } },
      async (req) => cert.saveSurveyStep(req.ctx, req.params.id, req.body),
    );

    // ④ 提交确认 → 提交
    app.post(
      '/api/business-info/applications/:id/submit',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, body: z.object({}).strict().optional(), response: { 200: WithMessage } } },
      async (req) => cert.submitCertification(req.ctx, req.params.id),
    );

    // ⑤ 输入转账金额 → 提交认证
    app.post(
      '/api/business-info/applications/:id/verify-amount',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, body: z.object({ amount: z.string().max(16) }).strict(), response: { 200: WithMessage } } },
      async (req) => cert.verifyAmount(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/api/business-info/applications/:id/bank-letter',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, body: z.object({ fileId: z.uuid() }).strict(), response: { 200: WithMessage } } },
      async (req) => cert.submitBankLetter(req.ctx, req.params.id, req.body),
    );

    app.get('/api/business-info/applications/:id/bank-letter-template', { config: { access: BUSINESS }, schema: { tags, params: IdParams } }, async (req, reply) => {
      const { filename, body } = await cert.bankLetterTemplate(req.ctx, req.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(filename)).send(body);
    });

    app.post(
      '/api/business-info/applications/:id/cancel',
      { config: { access: BUSINESS }, schema: { tags, params: IdParams, body: z.object({}).strict().optional(), response: { 200: z.object({ cancelled: z.literal(true) }) } } },
      async (req) => cert.cancelDraft(req.ctx, req.params.id),
    );
  }

  // ----- 伙伴信息 > 案例管理 / 商业计划 (spec 02 §2.6, ops 11–12)
  {
    const tags = ['company-materials'];
    app.get('/api/company/cases', { config: { access: CASES }, schema: { tags, querystring: MaterialQuery, response: { 200: pageOf(MaterialRow) } } }, async (req) => materials.listCases(req.ctx, req.query));
    app.get('/api/company/business-plans', { config: { access: PLANS }, schema: { tags, querystring: MaterialQuery, response: { 200: pageOf(MaterialRow) } } }, async (req) =>
      materials.listBusinessPlans(req.ctx, req.query),
    );
  }

  // ----- 运营后台
  {
    const tags = ['ops-business-info'];
    app.get(
      '/api/ops/business-info/applications',
      {
        config: { access: { actor: 'staff', roles: ops.CERT_STAFF } },
        schema: { tags, querystring: z.object({ ...Paging, status: CertStatusEnum.optional(), company: z.string().max(100).optional() }).strict(), response: { 200: pageOf(OpsCertView) } },
      },
      async (req) => ops.listCertifications(req.ctx, req.query),
    );

    app.get(
      '/api/ops/business-info/applications/:id',
      { config: { access: { actor: 'staff', roles: ops.CERT_STAFF } }, schema: { tags, params: IdParams, response: { 200: OpsCertView } } },
      async (req) => ops.getCertificationForStaff(req.ctx, req.params.id),
    );

    // 提交工单解除锁定 (R15)
    app.post(
      '/api/ops/business-info/applications/:id/unlock',
      {
        config: { access: { actor: 'staff', roles: cert.UNLOCK_ROLES } },
        schema: { tags, params: IdParams, body: z.object({ workOrder: z.string().max(64), reason: z.string().max(500).nullable().optional() }).strict(), response: { 200: OpsCertView } },
      },
      async (req) => {
        const row = await cert.unlockCertification(req.ctx, req.params.id, req.body);
        return ops.getCertificationForStaff(req.ctx, row.id);
      },
    );

    app.get(
      '/api/ops/partners/:partnerId/settlement-status',
      { config: { access: { actor: 'staff' } }, schema: { tags, params: z.object({ partnerId: z.uuid() }).strict(), response: { 200: Settlement } } },
      async (req) => {
        const s = await ops.settlementStatusForStaff(req.ctx, req.params.partnerId);
        return { ...s, message: s.message ? render(s.message, req.ctx.lang) : null, statusName: render(s.statusName, req.ctx.lang) };
      },
    );

    app.get(
      '/api/ops/supplier-records',
      {
        config: { access: { actor: 'staff', roles: ops.SUPPLIER_STAFF } },
        schema: { tags, querystring: z.object({ ...Paging, company: z.string().max(100).optional() }).strict(), response: { 200: pageOf(SupplierView) } },
      },
      async (req) => ops.listSupplierRecords(req.ctx, req.query),
    );

    app.put(
      '/api/ops/supplier-records',
      {
        config: { access: { actor: 'staff', roles: ops.SUPPLIER_STAFF } },
        schema: {
          tags,
          body: z.object({ companyName: z.string().max(200), ioi: z.boolean(), bankAccount: z.string().max(64), currency: z.string().max(8), contractingEntity: z.string().max(200).nullable().optional() }).strict(),
          response: { 200: SupplierView },
        },
      },
      async (req) => ops.upsertSupplierRecord(req.ctx, req.body),
    );

    app.put(
      '/api/ops/partners/:partnerId/revenue-share-agreement',
      {
        config: { access: { actor: 'staff', roles: ops.CLOUD_STORE_STAFF } },
        schema: { tags, params: z.object({ partnerId: z.uuid() }).strict(), body: z.object({ signedAt: z.iso.datetime({ offset: true }).nullable().optional() }).strict(), response: { 200: z.object({ partnerId: z.uuid(), signedAt: z.string() }) } },
      },
      async (req) => ops.recordRevenueShareByStaff(req.ctx, req.params.partnerId, req.body),
    );

    app.put(
      '/api/ops/companies/:companyId/uscc',
      {
        config: { access: { actor: 'staff', roles: ops.USCC_STAFF } },
        schema: { tags, params: z.object({ companyId: z.uuid() }).strict(), body: z.object({ uscc: z.string().max(32), reason: z.string().max(500) }).strict(), response: { 200: z.object({ companyId: z.uuid(), uscc: z.string() }) } },
      },
      async (req) => ops.changeUscc(req.ctx, req.params.companyId, req.body),
    );
  }
}
