import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P, STAFF_ROLES } from '../../platform/access/index.js';
import type { Access } from '../../platform/http.js';
import { contentDisposition, sendStoredFile } from '../../platform/files/index.js';
import * as c from './catalogue.js';
import {
  APPLICATION_PROGRAMS,
  APPLICATION_STATUSES,
  ASSESSMENT_STATUSES,
  DISTRIBUTOR_TYPES,
  LEVELS,
  LINK_STATUSES,
  MEMBERSHIP_STATUSES,
  PROGRAM_KEYS,
} from './schema.js';
import * as svc from './service.js';
import * as levels from './levels.js';
import * as dist from './distributor.js';
import * as resellers from './reseller.js';
import * as quick from './quick-registration.js';

/**
 * 计划 (guide chapter 3) routes. Reading needs the menu (计划 > 华为云伙伴计划, 计划 > 合作承诺与协议,
 * 主页 for the 积分卡, 销售 > 云经销商 > 云经销商管理 for a distributor's resellers); changes are for
 * the partner administrator (spec 01 §1: "gate the write operations to the partner account admin").
 * Vendor decisions go through the review engine's /api/ops/reviews; the rest of the vendor side is
 * under /api/ops/programs.
 */
const READ: Access = { actor: 'partner', permission: P.programs };
const WRITE: Access = { actor: 'partner', admin: true, permission: P.programs };
const AGREEMENTS_READ: Access = { actor: 'partner', permission: P.agreements };
const AGREEMENTS_WRITE: Access = { actor: 'partner', admin: true, permission: P.agreements };
const HOME: Access = { actor: 'partner', permission: P.home };
const HOME_WRITE: Access = { actor: 'partner', admin: true, permission: P.home };
const RM_READ: Access = { actor: 'partner', permission: resellers.RESELLER_MANAGEMENT };
const RM_WRITE: Access = { actor: 'partner', admin: true, permission: resellers.RESELLER_MANAGEMENT };
const SUPER_ADMIN: Access = { actor: 'partner', partnerAccount: true };
const ECOSYSTEM_MANAGER: Access = { actor: 'staff', roles: [STAFF_ROLES.ecosystemManager] };
const CHANNEL: Access = { actor: 'staff', roles: [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager] };
const STAFF: Access = { actor: 'staff' };

// ---------------------------------------------------------------------------------------------
// Shapes

const TextZ = z.object({ zh: z.string(), en: z.string() });
const Id = z.uuid();
const IdParams = z.object({ id: Id }).strict();
const ProgramKey = z.enum(PROGRAM_KEYS);
const AppProgram = z.enum(APPLICATION_PROGRAMS);
const Level = z.enum(LEVELS);
const Paging = { page: z.coerce.number().int().min(1).optional(), pageSize: z.coerce.number().int().min(1).max(100).optional() };
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const Short = z.string().max(200);
const FileId = z.uuid();
const Amount = z.string().trim().max(30);

const businessInfoShape = {
  companyName: Short.optional(),
  taxCode: z.string().max(30).optional(),
  licenceFileId: FileId.nullable().optional(),
  registeredCapital: Amount.optional(),
  foundedDate: z.string().max(10).nullable().optional(),
  shareholderProofFileId: FileId.nullable().optional(),
  businessTermEnd: z.string().max(10).nullable().optional(),
  businessTermLongTerm: z.boolean().optional(),
  legalPerson: z.string().max(50).optional(),
  country: z.string().max(50).optional(),
  province: z.string().max(50).optional(),
  city: z.string().max(50).optional(),
  district: z.string().max(50).nullable().optional(),
  address: Short.optional(),
  postcode: z.string().max(10).nullable().optional(),
  repOffice: z.string().max(50).nullable().optional(),
  businessRegion: z.string().max(50).nullable().optional(),
  companyEmail: z.string().max(100).nullable().optional(),
  landline: z.string().max(24).nullable().optional(),
  engagingHuaweiContact: z.boolean().optional(),
  staffSize: z.string().max(20).optional(),
  annualRevenue: Amount.optional(),
  logoFileId: FileId.nullable().optional(),
  website: Short.nullable().optional(),
  intro: z.string().max(1000).nullable().optional(), // 0/1,000
  hasDistributorRelation: z.boolean().nullable().optional(),
};
const HuaweiContact = z.object({ name: z.string().max(50), mobile: z.string().max(20).nullable().optional(), email: z.string().max(100).nullable().optional() });
const Distributor = z.object({ companyName: Short, accountName: z.string().max(64) });
const BusinessInfoIn = z
  .object({ ...businessInfoShape, huaweiContact: HuaweiContact.strict().nullable().optional(), intendedDistributor: Distributor.strict().nullable().optional() })
  .strict();
const BusinessInfoOut = z.object({ ...businessInfoShape, huaweiContact: HuaweiContact.nullable().optional(), intendedDistributor: Distributor.nullable().optional() });

const ContactShape = { name: z.string().max(50), mobile: z.string().max(20), email: z.string().max(100) };
const ContactIn = z.object(ContactShape).strict();
const ContactOut = z.object(ContactShape);
const AgreementIn = z.object({ key: z.string().max(64), version: z.string().max(20) }).strict();
const AgreementOut = z.object({ key: z.string(), version: z.string(), name: TextZ });

const Files = z.array(FileId).max(20);
const answersShape = {
  roleCertified: z.boolean().optional(),
  performanceBand: z.string().max(20).optional(),
  performanceProof: Files.optional(),
  userBand: z.string().max(20).optional(),
  certifiedCount: z.number().int().min(0).max(100000).optional(),
  certifiedProof: Files.optional(),
  professionalCount: z.number().int().min(0).max(100000).optional(),
  professionalProof: Files.optional(),
  expansionStaff: z.string().max(20).optional(),
  expansionProof: Files.optional(),
  technicalStaff: z.string().max(20).optional(),
  technicalProof: Files.optional(),
  salesBand: z.string().max(20).optional(),
  salesProof: Files.optional(),
  customerBand: z.string().max(20).optional(),
  teamBand: z.string().max(20).optional(),
  partnerTypes: z.array(z.string().max(20)).max(3).optional(),
};
const ProofIn = z.object({ category: z.string().max(20), fileId: FileId }).strict();
const AnswersIn = z.object({ ...answersShape, proofs: z.array(ProofIn).max(40).optional() }).strict();

const DdAnswer = z.object({ answer: z.enum(['yes', 'no']), details: z.string().max(1000).nullable().optional() });
const ddShape = {
  sensitiveRelation: z.enum(['declared', 'none']).optional(),
  sensitiveRelationDetails: z.string().max(1000).nullable().optional(),
  truthful: z.boolean().optional(),
};
const DueDiligenceIn = z.object({ ...ddShape, answers: z.record(z.string().max(40), DdAnswer.strict()).optional() }).strict();
const DueDiligenceOut = z.object({ ...ddShape, answers: z.record(z.string(), DdAnswer).optional() });

const applicationFields = {
  level: Level.optional(),
  businessInfo: BusinessInfoIn.optional(),
  contacts: z.array(ContactIn).max(10).optional(),
  agreements: z.array(AgreementIn).max(10).optional(),
  answers: AnswersIn.optional(),
  dueDiligence: DueDiligenceIn.optional(),
  /** false: 保存草稿; true: 提交申请. */
  submit: z.boolean(),
};

const Condition = z.object({ key: z.string(), no: z.number().int().nullable(), text: TextZ, met: z.boolean() });
const Eligibility = z.object({ program: ProgramKey, eligible: z.boolean(), conditions: z.array(Condition), unmet: z.array(Condition), warnings: z.array(TextZ) });
const State = z.enum(['not_joined', 'draft', 'in_review', 'rejected', 'joined', 'expired', 'exiting']);
const Card = z.object({
  program: ProgramKey,
  name: TextZ,
  description: TextZ,
  benefits: z.array(TextZ),
  joinMode: z.enum(['immediate', 'application', 'invitation', 'external', 'contact']),
  joinModeName: TextZ,
  hasCertificate: z.boolean(),
  link: z.string().nullable(),
  steps: z.array(TextZ),
  agreements: z.array(AgreementOut),
  levels: z.array(z.object({ level: Level, name: TextZ })).nullable(),
  state: State,
  stateName: TextZ,
  applicationId: Id.nullable(),
  membershipId: Id.nullable(),
  eligibility: Eligibility.nullable(),
});

const LinkStatus = z.enum(LINK_STATUSES);
const Application = z.object({
  id: Id,
  program: AppProgram,
  programName: TextZ,
  level: Level.nullable(),
  levelName: TextZ.nullable(),
  status: z.enum(APPLICATION_STATUSES),
  statusName: TextZ,
  businessInfo: BusinessInfoOut,
  contacts: z.array(ContactOut),
  agreements: z.array(AgreementOut),
  answers: z.record(z.string(), z.unknown()),
  dueDiligence: DueDiligenceOut.nullable(),
  reviewId: Id.nullable(),
  rejectReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  distributorApproval: z.object({ status: LinkStatus, statusName: TextZ, rejectReason: z.string().nullable() }).nullable(),
});
const SaveResult = z.object({ application: Application, message: TextZ.nullable() });

const MembershipStatus = z.enum(MEMBERSHIP_STATUSES);
const membershipShape = {
  id: Id.nullable(),
  program: z.string(),
  programName: TextZ,
  level: Level.nullable(),
  levelName: TextZ.nullable(),
  status: MembershipStatus,
  statusName: TextZ,
  nonCompliant: z.boolean(),
  businessRegion: z.string().nullable(),
  joinedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  hasCertificate: z.boolean(),
  canDownloadCertificate: z.boolean(),
  canUpgrade: z.boolean(),
};
const Membership = z.object(membershipShape);
const JoinResult = z.object({ membership: Membership, message: TextZ });

const UpgradeRow = z.object({ key: z.string(), name: TextZ, dataTime: z.string(), achieved: z.string(), achievedValue: z.string(), required: z.string(), met: z.boolean(), metName: TextZ });
const UpgradeCheck = z.object({
  membershipId: Id,
  currentLevel: Level,
  currentLevelName: TextZ,
  targetLevel: Level.nullable(),
  targetLevelName: TextZ.nullable(),
  allowed: z.boolean(),
  reasons: z.array(TextZ),
  rows: z.array(UpgradeRow),
  allMet: z.boolean(),
  openUpgradeId: Id.nullable(),
});
const Upgrade = z.object({
  id: Id,
  programName: TextZ,
  fromLevel: Level,
  fromLevelName: TextZ,
  targetLevel: Level,
  targetLevelName: TextZ,
  status: z.enum(['in_review', 'rejected', 'approved']),
  statusName: TextZ,
  note: TextZ.nullable(),
  snapshot: z.array(UpgradeRow),
  reviewId: Id.nullable(),
  rejectReason: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
});

const SignedAgreement = z.object({ id: Id, program: ProgramKey, programName: TextZ, key: z.string(), name: TextZ, version: z.string(), signedAt: z.string() });
const SignedAgreementDetail = SignedAgreement.extend({ companyName: z.string(), content: z.array(TextZ) });
const Declaration = z.object({ choice: z.enum(['declared', 'none']).nullable(), choiceName: TextZ.nullable(), details: z.string().nullable(), declaredAt: z.string().nullable() });

const MetricLevel = z.object({ level: z.enum(['associate', 'professional', 'expert']), name: TextZ, requirement: z.number().int().nullable(), achieved: z.number().int() });
const Metric = z.object({
  key: z.enum(['annualPerformance', 'valueResellers', 'certifications', 'professionalCertifications']),
  name: TextZ,
  requirement: z.string().nullable(),
  achieved: z.string(),
  met: z.boolean().nullable(),
  refresh: z.enum(['T+1', 'T+2']),
  dataDate: z.string(),
  rule: TextZ.nullable(),
  levels: z.array(MetricLevel).nullable(),
});
const DistributorType = z.enum(DISTRIBUTOR_TYPES);
const Scorecard = z.object({
  visible: z.boolean(),
  notice: TextZ.nullable(),
  year: z.number().int(),
  distributorType: DistributorType.nullable(),
  distributorTypeName: TextZ.nullable(),
  metrics: z.array(Metric),
  notes: z.array(TextZ),
});
const Assessment = z.object({
  id: Id,
  year: z.number().int(),
  passed: z.boolean(),
  resultName: TextZ,
  results: z.array(z.object({ key: z.string(), requirement: z.string(), achieved: z.string(), met: z.boolean() })),
  status: z.enum(ASSESSMENT_STATUSES),
  statusName: TextZ,
  handling: z.enum(['exit', 'retain']).nullable(),
  handlingName: TextZ.nullable(),
  materialFileIds: z.array(Id),
  reviewId: Id.nullable(),
  rejectReason: z.string().nullable(),
  publishedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  actions: z.array(z.enum(['acknowledge', 'choose-handling'])),
});

const Link = z.object({
  id: Id,
  resellerPartnerId: Id,
  resellerName: z.string(),
  resellerAccountName: z.string(),
  distributorPartnerId: Id,
  distributorName: z.string(),
  businessRegion: z.string(),
  source: z.enum(['application', 'invitation']),
  status: LinkStatus,
  statusName: TextZ,
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  linkedAt: z.string().nullable(),
});
const ResellerInvitation = z.object({
  id: Id,
  distributorPartnerId: Id,
  distributorName: z.string(),
  distributorRegion: z.string().nullable(),
  resellerPartnerId: Id,
  resellerName: z.string(),
  email: z.string(),
  accountManagerName: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'failed', 'cancelled']),
  statusName: TextZ,
  failedReason: z.string().nullable(),
  sentAt: z.string(),
  acceptedAt: z.string().nullable(),
});
const ProgramInvitation = z.object({
  id: Id,
  partnerId: Id,
  companyName: z.string(),
  accountName: z.string(),
  program: z.literal('distributor'),
  email: z.string().nullable(),
  status: z.enum(['pending', 'accepted']),
  statusName: TextZ,
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
});
const certReqShape = { associate: z.number().int().min(0).optional(), professional: z.number().int().min(0).optional(), expert: z.number().int().min(0).optional() };
const requirementsShape = { annualPerformance: Amount.optional(), valueResellers: z.number().int().min(0).optional(), effectiveUsers: z.number().int().min(0).optional() };
const RequirementsIn = z.object({ ...requirementsShape, certifications: z.object(certReqShape).strict().optional(), professionalCertifications: z.object(certReqShape).strict().optional() }).strict();
const RequirementsOut = z.object({ ...requirementsShape, certifications: z.object(certReqShape).optional(), professionalCertifications: z.object(certReqShape).optional() });
const ScorecardRow = z.object({
  id: Id,
  partnerId: Id,
  program: z.enum(['distributor', 'solution_provider']),
  year: z.number().int(),
  distributorType: DistributorType.nullable(),
  annualPerformance: z.string(),
  effectiveUsers: z.number().int().nullable(),
  requirements: RequirementsOut,
  dataDate: z.string(),
  updatedAt: z.string(),
});
const Year = z.number().int().min(2000).max(2100);
const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export async function programsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['programs'];

  // ------------------------------------------------------------------ catalogue and eligibility
  app.get('/api/programs', { config: { access: READ }, schema: { tags, summary: '华为云伙伴计划: the plans with state and eligibility', response: { 200: z.object({ items: z.array(Card) }) } } }, async (req) => ({
    items: await svc.listPrograms(req.ctx),
  }));

  app.get(
    '/api/programs/eligibility',
    { config: { access: READ }, schema: { tags, summary: '查看原因: a plan’s conditions and the unmet ones', querystring: z.object({ program: ProgramKey }).strict(), response: { 200: Eligibility } } },
    async (req) => svc.programEligibility(req.ctx, req.query.program),
  );

  app.get(
    '/api/programs/form-options',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Select options of the application forms, the due-diligence questions and 表 3-1',
        response: { 200: z.object({ staffSizes: z.array(z.string()), repOffices: z.array(z.string()), businessRegions: z.array(z.string()), choices: z.record(z.string(), z.array(z.object({ key: z.string(), name: TextZ }))), dueDiligence: z.array(z.object({ key: z.string(), text: TextZ, detailsWhen: z.enum(['yes', 'no']) })), capabilityTagScope: z.array(z.object({ label: z.string(), name: TextZ, region: z.enum(['global', 'china', 'overseas']), regionName: TextZ })) }) },
      },
    },
    async () => {
      const opts = (l: readonly { key: string; name: { zh: string; en: string } }[]) => l.map((x) => ({ key: x.key, name: x.name }));
      return {
        staffSizes: [...c.STAFF_SIZES],
        repOffices: [...c.REP_OFFICES],
        businessRegions: [...c.BUSINESS_REGIONS],
        choices: {
          performanceBand: opts(c.PERFORMANCE_BANDS),
          userBand: opts(c.USER_BANDS),
          expansionStaff: opts(c.MEETS_OPTIONS),
          technicalStaff: opts(c.MEETS_OPTIONS),
          salesBand: opts(c.RESELLER_SALES_BANDS),
          customerBand: opts(c.RESELLER_CUSTOMER_BANDS),
          teamBand: opts(c.RESELLER_TEAM_BANDS),
          partnerTypes: opts(c.RESELLER_PARTNER_TYPES),
          proofCategories: opts(c.CSP_PROOF_CATEGORIES),
        },
        dueDiligence: c.DUE_DILIGENCE_QUESTIONS.map((q) => ({ key: q.key, text: q.text, detailsWhen: q.detailsWhen })),
        // 表 3-1 一级能力标签范围及申请区域 (服务伙伴能力提升专项计划)
        capabilityTagScope: c.CAPABILITY_TAG_SCOPE.map((x) => ({ label: x.label, name: x.name, region: x.region, regionName: c.TAG_REGION_NAMES[x.region] })),
      };
    },
  );

  // ------------------------------------------------------------------ plans joined at once
  app.post(
    '/api/programs/pce/join',
    { config: { access: WRITE }, schema: { tags, summary: '加入合作伙伴共拓计划 (joined at once)', body: z.object({ agreements: z.array(AgreementIn).max(10) }).strict(), response: { 201: JoinResult } } },
    async (req, reply) => reply.code(201).send(await svc.joinPce(req.ctx, req.body)),
  );

  app.post(
    '/api/programs/service-capability/join',
    { config: { access: WRITE }, schema: { tags, summary: '加入服务伙伴能力提升专项计划 (joined at once)', body: z.object({ confirm: z.boolean() }).strict(), response: { 201: JoinResult } } },
    async (req, reply) => reply.code(201).send(await svc.joinServiceCapability(req.ctx, req.body)),
  );

  // ------------------------------------------------------------------ applications
  app.post(
    '/api/programs/applications',
    {
      config: { access: WRITE },
      schema: { tags, summary: '立即加入: 保存草稿 or 提交申请 a new application', body: z.object({ program: AppProgram, ...applicationFields }).strict(), response: { 201: SaveResult } },
    },
    async (req, reply) => {
      const { program, submit, ...input } = req.body;
      return reply.code(201).send(await svc.createApplication(req.ctx, program, input, { submit }));
    },
  );

  app.get(
    '/api/programs/applications',
    {
      config: { access: READ },
      schema: { tags, summary: '已申请伙伴计划 > 伙伴计划', querystring: z.object({ program: AppProgram.optional(), status: z.enum(APPLICATION_STATUSES).optional(), ...Paging }).strict(), response: { 200: pageOf(Application) } },
    },
    async (req) => svc.listApplications(req.ctx, req.query),
  );

  app.get('/api/programs/applications/:id', { config: { access: READ }, schema: { tags, summary: '计划申请详情', params: IdParams, response: { 200: Application } } }, async (req) =>
    svc.getApplication(req.ctx, req.params.id),
  );

  app.put(
    '/api/programs/applications/:id',
    { config: { access: WRITE }, schema: { tags, summary: 'Edit a draft or a rejected application (and submit it)', params: IdParams, body: z.object(applicationFields).strict(), response: { 200: SaveResult } } },
    async (req) => {
      const { submit, ...input } = req.body;
      return svc.updateApplication(req.ctx, req.params.id, input, { submit });
    },
  );

  app.post('/api/programs/applications/:id/submit', { config: { access: WRITE }, schema: { tags, summary: '提交 a draft', params: IdParams, response: { 200: SaveResult } } }, async (req) =>
    svc.submitApplication(req.ctx, req.params.id),
  );

  app.post('/api/programs/applications/:id/cancel', { config: { access: WRITE }, schema: { tags, summary: '取消 a draft', params: IdParams, response: { 200: Application } } }, async (req) =>
    svc.cancelApplication(req.ctx, req.params.id),
  );

  app.put(
    '/api/programs/applications/:id/contacts',
    { config: { access: WRITE }, schema: { tags, summary: '联系人信息 修改', params: IdParams, body: z.object({ contacts: z.array(ContactIn).max(10) }).strict(), response: { 200: Application } } },
    async (req) => svc.updateContacts(req.ctx, req.params.id, req.body.contacts),
  );

  // ------------------------------------------------------------------ memberships and certificates
  app.get('/api/programs/memberships', { config: { access: READ }, schema: { tags, summary: '已加入伙伴计划', response: { 200: z.object({ items: z.array(Membership) }) } } }, async (req) => ({
    items: await svc.listMemberships(req.ctx),
  }));

  app.get('/api/programs/memberships/:id', { config: { access: READ }, schema: { tags, summary: '查看详情', params: IdParams, response: { 200: Membership } } }, async (req) =>
    svc.getMembership(req.ctx, req.params.id),
  );

  app.get('/api/programs/memberships/:id/certificate', { config: { access: READ }, schema: { tags, summary: '下载证书 (PDF)', params: IdParams } }, async (req, reply) => {
    const { file, stream } = await svc.membershipCertificate(req.ctx, req.params.id);
    return sendStoredFile(reply, file, stream);
  });

  // ------------------------------------------------------------------ level upgrades
  app.get(
    '/api/programs/level-upgrade',
    { config: { access: READ }, schema: { tags, summary: '提升等级 page: precondition and 达标 rows', querystring: z.object({ targetLevel: Level.optional() }).strict(), response: { 200: UpgradeCheck } } },
    async (req) => levels.upgradeCheck(req.ctx, req.query.targetLevel),
  );

  app.post(
    '/api/programs/level-upgrades',
    { config: { access: WRITE }, schema: { tags, summary: '提升等级 提交申请', body: z.object({ targetLevel: Level }).strict(), response: { 201: z.object({ upgrade: Upgrade, message: TextZ }) } } },
    async (req, reply) => reply.code(201).send(await levels.applyForUpgrade(req.ctx, req.body)),
  );

  app.get('/api/programs/level-upgrades', { config: { access: READ }, schema: { tags, summary: '已申请伙伴计划 > 伙伴等级', response: { 200: z.object({ items: z.array(Upgrade) }) } } }, async (req) => ({
    items: await levels.listUpgrades(req.ctx),
  }));

  app.get('/api/programs/level-upgrades/:id', { config: { access: READ }, schema: { tags, summary: '等级申请详情 with the snapshot', params: IdParams, response: { 200: Upgrade } } }, async (req) =>
    levels.getUpgrade(req.ctx, req.params.id),
  );

  // ------------------------------------------------------------------ 合作承诺与协议
  app.get('/api/programs/agreements', { config: { access: AGREEMENTS_READ }, schema: { tags, summary: '已签署协议', response: { 200: z.object({ items: z.array(SignedAgreement) }) } } }, async (req) => ({
    items: await svc.listSignedAgreements(req.ctx),
  }));

  app.get('/api/programs/agreements/:id', { config: { access: AGREEMENTS_READ }, schema: { tags, summary: '协议详情', params: IdParams, response: { 200: SignedAgreementDetail } } }, async (req) =>
    svc.getSignedAgreement(req.ctx, req.params.id),
  );

  app.get('/api/programs/agreements/:id/download', { config: { access: AGREEMENTS_READ }, schema: { tags, summary: '协议下载 (PDF)', params: IdParams } }, async (req, reply) => {
    const { filename, body } = await svc.signedAgreementPdf(req.ctx, req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(filename)).header('cache-control', 'private, no-store').send(body);
  });

  app.get('/api/programs/relation-declaration', { config: { access: AGREEMENTS_READ }, schema: { tags, summary: '关系申报', response: { 200: Declaration } } }, async (req) => svc.getDeclaration(req.ctx));

  app.put(
    '/api/programs/relation-declaration',
    {
      config: { access: AGREEMENTS_WRITE },
      schema: { tags, summary: '关系申报 确定', body: z.object({ choice: z.enum(['declared', 'none']), details: z.string().max(1000).nullable().optional() }).strict(), response: { 200: z.object({ declaration: Declaration, message: TextZ }) } },
    },
    async (req) => svc.saveDeclaration(req.ctx, req.body),
  );

  // ------------------------------------------------------------------ distributor: scorecard and assessment
  app.get(
    '/api/programs/distributor/scorecard',
    { config: { access: HOME }, schema: { tags, summary: '主页 > 积分卡', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict(), response: { 200: Scorecard } } },
    async (req) => dist.getScorecard(req.ctx, req.query.year),
  );

  app.get('/api/programs/distributor/assessments', { config: { access: HOME }, schema: { tags, summary: '年度考核结果', response: { 200: z.object({ items: z.array(Assessment) }) } } }, async (req) => ({
    items: await dist.listAssessments(req.ctx),
  }));

  app.get('/api/programs/distributor/assessments/:id', { config: { access: HOME }, schema: { tags, summary: '查看详情 (handling progress)', params: IdParams, response: { 200: Assessment } } }, async (req) =>
    dist.getAssessment(req.ctx, req.params.id),
  );

  app.post('/api/programs/distributor/assessments/:id/acknowledge', { config: { access: HOME_WRITE }, schema: { tags, summary: '确认已知', params: IdParams, response: { 200: Assessment } } }, async (req) =>
    dist.acknowledgeAssessment(req.ctx, req.params.id),
  );

  app.post(
    '/api/programs/distributor/assessments/:id/handling',
    {
      config: { access: HOME_WRITE },
      schema: { tags, summary: '选择处理 → 提交审核 (exit or retain)', params: IdParams, body: z.object({ handling: z.enum(['exit', 'retain']), materialFileIds: z.array(FileId).max(20) }).strict(), response: { 200: Assessment } },
    },
    async (req) => dist.chooseHandling(req.ctx, req.params.id, req.body),
  );

  // ------------------------------------------------------------------ reseller side
  app.get('/api/programs/reseller/distributor', { config: { access: READ }, schema: { tags, summary: 'The reseller’s distributor link', response: { 200: z.object({ link: Link.nullable() }) } } }, async (req) => ({
    link: await resellers.myDistributor(req.ctx),
  }));

  app.get('/api/programs/reseller/invitations', { config: { access: READ }, schema: { tags, summary: 'Distributor invitations to this account', response: { 200: z.object({ items: z.array(ResellerInvitation) }) } } }, async (req) => ({
    items: await resellers.myInvitations(req.ctx),
  }));

  app.get('/api/programs/reseller/invitations/:id', { config: { access: READ }, schema: { tags, summary: '接受华为云总经销商合作邀请 page', params: IdParams, response: { 200: ResellerInvitation } } }, async (req) =>
    resellers.getMyInvitation(req.ctx, req.params.id),
  );

  app.post(
    '/api/programs/reseller/invitations/:id/accept',
    {
      config: { access: WRITE },
      schema: { tags, summary: '愿意: accept a distributor’s invitation', params: IdParams, body: z.object({ businessRegion: z.string().max(50), acceptNotice: z.boolean() }).strict(), response: { 200: Link } },
    },
    async (req) => resellers.acceptInvitation(req.ctx, req.params.id, req.body),
  );

  // ------------------------------------------------------------------ distributor side (销售 > 云经销商 > 云经销商管理)
  app.get(
    '/api/programs/distributor/reseller-applications',
    { config: { access: RM_READ }, schema: { tags, summary: '云经销商合作申请', querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional(), ...Paging }).strict(), response: { 200: pageOf(Link) } } },
    async (req) => resellers.listResellerApplications(req.ctx, req.query),
  );

  app.post(
    '/api/programs/distributor/reseller-applications/approve',
    { config: { access: RM_WRITE }, schema: { tags, summary: '审核通过 / 批量审批', body: z.object({ ids: z.array(Id).min(1).max(100) }).strict(), response: { 200: z.object({ items: z.array(Link) }) } } },
    async (req) => ({ items: await resellers.approveResellerApplications(req.ctx, req.body.ids) }),
  );

  app.post(
    '/api/programs/distributor/reseller-applications/:id/reject',
    { config: { access: RM_WRITE }, schema: { tags, summary: '审核不通过', params: IdParams, body: z.object({ reason: z.string().max(500) }).strict(), response: { 200: Link } } },
    async (req) => resellers.rejectResellerApplication(req.ctx, req.params.id, req.body),
  );

  app.get('/api/programs/distributor/resellers', { config: { access: RM_READ }, schema: { tags, summary: '云经销商 (正常 / 退出中)', querystring: z.object(Paging).strict(), response: { 200: pageOf(Link) } } }, async (req) =>
    resellers.listResellers(req.ctx, req.query),
  );

  app.post(
    '/api/programs/distributor/reseller-invitations',
    {
      config: { access: RM_WRITE },
      schema: {
        tags,
        summary: '邀请云经销商',
        body: z.object({ email: z.string().max(100), resellerAccount: z.string().trim().min(1).max(64), accountManagerName: z.string().max(50).nullable().optional() }).strict(),
        response: { 201: ResellerInvitation },
      },
    },
    async (req, reply) => reply.code(201).send(await resellers.inviteReseller(req.ctx, req.body)),
  );

  app.get('/api/programs/distributor/reseller-invitations', { config: { access: RM_READ }, schema: { tags, summary: '查看邀请记录', querystring: z.object(Paging).strict(), response: { 200: pageOf(ResellerInvitation) } } }, async (req) =>
    resellers.listSentInvitations(req.ctx, req.query),
  );

  app.post(
    '/api/programs/distributor/reseller-invitations/resend',
    { config: { access: RM_WRITE }, schema: { tags, summary: '重发邀请 / 批量重发邀请', body: z.object({ ids: z.array(Id).min(1).max(100) }).strict(), response: { 200: z.object({ items: z.array(ResellerInvitation) }) } } },
    async (req) => ({ items: await resellers.resendInvitations(req.ctx, req.body.ids) }),
  );

  // ------------------------------------------------------------------ expired solution provider: quick registration
  app.get(
    '/api/programs/solution-provider/expiry',
    {
      config: { access: SUPER_ADMIN },
      schema: {
        tags,
        summary: '您的解决方案提供商计划已经过期 (impacts and empty accounts)',
        response: { 200: z.object({ expired: z.boolean(), title: TextZ, impacts: z.array(TextZ), note: TextZ, emptyAccounts: z.array(z.object({ accountName: z.string(), accountType: z.string(), paths: z.array(TextZ), programs: z.array(TextZ) })) }) },
      },
    },
    async (req) => quick.expiryNotice(req.ctx),
  );

  app.post(
    '/api/programs/quick-registration/code',
    {
      config: { access: SUPER_ADMIN, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: '快捷注册新账号: 获取验证码', body: z.object({ channel: z.enum(['email', 'sms']) }).strict(), response: { 200: z.object({ channel: z.enum(['email', 'sms']), target: z.string(), expiresAt: z.string(), message: TextZ }) } },
    },
    async (req) => quick.requestQuickRegistrationCode(req.ctx, req.body),
  );

  app.post(
    '/api/programs/quick-registration/verify',
    {
      config: { access: SUPER_ADMIN, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: '快捷注册新账号: 确认 (24-hour window opens)', body: z.object({ channel: z.enum(['email', 'sms']), code: z.string().trim().min(4).max(8) }).strict(), response: { 200: z.object({ token: z.string(), deadline: z.string() }) } },
    },
    async (req) => quick.verifyQuickRegistration(req.ctx, req.body),
  );

  app.post(
    '/api/programs/quick-registration/register',
    {
      config: { access: { actor: 'public' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '快捷注册新账号: 注册 → 开通华为云 → 立即入驻',
        body: z
          .object({
            token: z.string().min(10).max(100),
            countryRegion: z.string().trim().min(1).max(64).default('中国'),
            countryCode: z.string().regex(/^\+\d{1,3}$/).optional(),
            mobile: z.string().trim().min(5).max(20),
            code: z.string().trim().min(4).max(8),
            password: z.string().min(1).max(128),
            confirmPassword: z.string().min(1).max(128),
            acceptCloudTerms: z.boolean(),
          })
          .strict(),
        response: { 201: z.object({ accountId: Id, accountName: z.string(), partnerId: Id, message: TextZ }) },
      },
    },
    async (req, reply) => reply.code(201).send(await quick.registerQuickly(req.ctx, req.body)),
  );

  // ------------------------------------------------------------------ operations console
  app.post(
    '/api/ops/programs/invitations',
    {
      config: { access: ECOSYSTEM_MANAGER },
      schema: { tags, summary: 'Invite an account to the distributor plan (生态经理)', body: z.object({ account: z.string().trim().min(1).max(128), program: z.literal('distributor') }).strict(), response: { 201: ProgramInvitation } },
    },
    async (req, reply) => reply.code(201).send(await dist.inviteToDistributorPlan(req.ctx, req.body)),
  );

  app.get(
    '/api/ops/programs/invitations',
    { config: { access: CHANNEL }, schema: { tags, summary: 'Distributor-plan invitations', querystring: z.object({ status: z.enum(['pending', 'accepted']).optional(), ...Paging }).strict(), response: { 200: pageOf(ProgramInvitation) } } },
    async (req) => dist.listProgramInvitations(req.ctx, req.query),
  );

  app.put(
    '/api/ops/programs/scorecards',
    {
      config: { access: CHANNEL },
      schema: {
        tags,
        summary: 'Set a scorecard’s figures, type and requirements (audited)',
        body: z
          .object({
            account: z.string().trim().min(1).max(128),
            program: z.enum(['distributor', 'solution_provider']),
            year: Year,
            distributorType: DistributorType.optional(),
            annualPerformance: Amount,
            effectiveUsers: z.number().int().min(0).optional(),
            requirements: RequirementsIn.optional(),
            dataDate: DateStr.optional(),
          })
          .strict(),
        response: { 200: ScorecardRow },
      },
    },
    async (req) => dist.setScorecard(req.ctx, req.body),
  );

  app.put(
    '/api/ops/programs/reseller-performance',
    {
      config: { access: CHANNEL },
      schema: {
        tags,
        summary: 'Set a linked reseller’s figures for the value-reseller count (audited)',
        body: z.object({ distributorPartnerId: Id, resellerPartnerId: Id, year: Year, annualPerformance: Amount, payingCustomers: z.number().int().min(0), dataDate: DateStr.optional() }).strict(),
        response: { 200: z.object({ valueReseller: z.boolean() }) },
      },
    },
    async (req) => dist.setResellerPerformance(req.ctx, req.body),
  );

  app.post(
    '/api/ops/programs/assessments',
    { config: { access: CHANNEL }, schema: { tags, summary: 'Publish a distributor’s annual assessment (audited)', body: z.object({ account: z.string().trim().min(1).max(128), year: Year }).strict(), response: { 201: Assessment } } },
    async (req, reply) => reply.code(201).send(await dist.publishAssessment(req.ctx, req.body)),
  );

  app.get(
    '/api/ops/programs/memberships',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Plan members, searchable',
        querystring: z.object({ program: ProgramKey.optional(), status: MembershipStatus.optional(), search: z.string().max(100).optional(), ...Paging }).strict(),
        response: { 200: pageOf(Membership.extend({ partnerId: Id, companyName: z.string(), accountName: z.string() })) },
      },
    },
    async (req) => svc.opsListMemberships(req.ctx, req.query),
  );
}
