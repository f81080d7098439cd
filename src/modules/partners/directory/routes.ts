import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../platform/http.js';
import { REVIEW_STATUSES } from '../../../platform/review/index.js';
import { PATH_TYPES, STAGES } from '../../paths/catalogue.js';
import { HCPN_STATUSES } from '../schema.js';
import * as svc from './service.js';

/** 伙伴管理 in the operations console: read-only, every staff role (see DIRECTORY_ROLES). */
const STAFF: Access = { actor: 'staff', roles: svc.DIRECTORY_ROLES };
const tags = ['ops'];

const TextView = z.object({ zh: z.string(), en: z.string() });
const Named = z.object({ key: z.string(), name: TextView });
const DateParam = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

const PathStanding = z.object({
  path: z.string(),
  name: TextView,
  status: z.string(),
  statusName: TextView,
  stage: z.enum(STAGES).nullable(),
  stageName: TextView.nullable(),
  selectedAt: z.string().nullable(),
  joinedAt: z.string().nullable(),
  reviewId: z.uuid().nullable(),
  rejectReason: z.string().nullable(),
});

const Row = z.object({
  partnerId: z.uuid().nullable(),
  accountId: z.uuid(),
  accountName: z.string(),
  companyId: z.uuid().nullable(),
  companyName: z.string().nullable(),
  uscc: z.string().nullable(),
  isMainAccount: z.boolean().nullable(),
  joinedAt: z.string().nullable(),
  hcpnStatus: z.enum(HCPN_STATUSES),
  hcpnStatusName: TextView,
  hcpnApplicationId: z.uuid().nullable(),
  hcpnReviewId: z.uuid().nullable(),
  paths: z.array(PathStanding),
  programs: z.array(Named),
  certifiedSolutions: z.number().int(),
  passedLabels: z.number().int(),
});

const ListQuery = z
  .object({
    search: z.string().trim().max(100).optional(), // 公司名称 / 统一社会信用代码 / 账号名
    path: z.enum(PATH_TYPES).optional(),
    program: z.string().regex(/^[a-z0-9_-]{1,50}$/).optional(),
    hcpnStatus: z.enum(HCPN_STATUSES).optional(),
    joinedFrom: DateParam.optional(), // inclusive
    joinedTo: DateParam.optional(), // exclusive
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const ReviewLink = z.object({
  id: z.uuid(),
  kind: z.string(),
  kindTitle: TextView,
  summary: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  statusName: TextView,
  stageName: TextView,
  rejectReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

const AuditItem = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
const AuditPage = z.object({ items: z.array(AuditItem), total: z.number().int() });

const Detail = z.object({
  partner: z.object({
    id: z.uuid(),
    displayName: z.string(),
    status: z.string(),
    isMainAccount: z.boolean(),
    joinedAt: z.string(),
    membersCount: z.number().int(),
    programs: z.array(Named),
  }),
  account: z.object({
    id: z.uuid(),
    accountName: z.string(),
    name: z.string().nullable(),
    mobile: z.string(),
    email: z.string().nullable(),
    realNameStatus: z.string(),
    enterpriseName: z.string().nullable(),
  }),
  company: z.object({
    id: z.uuid(),
    name: z.string(),
    uscc: z.string(),
    createdAt: z.string(),
    accounts: z.array(z.object({ partnerId: z.uuid(), accountName: z.string(), isMainAccount: z.boolean(), joinedAt: z.string() })),
    /** The company's information now (after any 公司信息变更); null when only its name is known. */
    businessInfo: z
      .object({
        taxCode: z.string().nullable(),
        registeredCapital: z.string().nullable(),
        foundedDate: z.string().nullable(),
        businessTerm: z.string().nullable(),
        licenceAddress: z.string().nullable(),
        legalPerson: z.string().nullable(),
        businessScope: z.string().nullable(),
        location: z.string().nullable(),
        staffSize: z.string().nullable(),
        annualRevenue: z.string().nullable(),
        website: z.string().nullable(),
        companyEmail: z.string().nullable(),
        intro: z.string().nullable(),
        licenceFileId: z.string().nullable(),
        contacts: z.array(z.object({ name: z.string(), mobile: z.string(), email: z.string() })),
      })
      .nullable(),
  }),
  enrolment: z
    .object({
      id: z.uuid(),
      status: z.enum(HCPN_STATUSES),
      statusName: TextView,
      route: z.enum(['automatic', 'manual']).nullable(),
      manualReviewReasons: z.array(TextView),
      linkedExistingCompany: z.boolean(),
      sensitiveRelation: z.enum(['declared', 'none']).nullable(),
      contacts: z.array(z.object({ name: z.string(), mobile: z.string(), email: z.string() })),
      rejectReason: z.string().nullable(),
      submittedAt: z.string().nullable(),
      decidedAt: z.string().nullable(),
      createdAt: z.string(),
      reviews: z.array(ReviewLink),
      audit: AuditPage,
    })
    .nullable(),
  paths: z.array(PathStanding),
  certifications: z.array(
    z.object({
      id: z.uuid(),
      path: z.string(),
      pathName: TextView,
      targetStage: z.string(),
      targetStageName: TextView,
      status: z.string(),
      statusName: TextView,
      failureReason: z.string().nullable(),
      reviewId: z.uuid().nullable(),
      submittedAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  solutions: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      kindName: TextView,
      name: z.string(),
      version: z.string(),
      source: z.string(),
      sourceName: TextView,
      displayStatus: z.string(),
      displayStatusName: TextView,
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
      reviewId: z.uuid().nullable(),
      rejectReason: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  capabilities: z.object({
    records: z.array(
      z.object({
        id: z.uuid(),
        level1Label: z.string(),
        level1Name: TextView,
        status: z.string(),
        statusName: TextView,
        appliedAt: z.string(),
        updateDeadline: z.string().nullable(),
        validFrom: z.string().nullable(),
        validTo: z.string().nullable(),
        reviewId: z.uuid().nullable(),
      }),
    ),
    labels: z.array(
      z.object({
        applicationId: z.uuid(),
        level1Label: z.string(),
        name: TextView,
        level2: z.array(TextView),
        validFrom: z.string(),
        validTo: z.string(),
      }),
    ),
  }),
  openReviews: z.object({ items: z.array(ReviewLink), total: z.number().int() }),
  audit: AuditPage,
  /** 伙伴计划 memberships (programs module), ended ones left out. */
  programMemberships: z.array(
    z.object({
      id: z.uuid(),
      program: z.string(),
      name: TextView,
      level: z.string().nullable(),
      levelName: TextView.nullable(),
      status: z.string(),
      statusName: TextView,
      businessRegion: z.string().nullable(),
      joinedAt: z.string(),
      expiresAt: z.string().nullable(),
      applicationId: z.uuid().nullable(),
    }),
  ),
  /** 商业信息认证 of the company and whether settlement is blocked (partners/company settlementCheck). */
  businessCertification: z.object({
    status: z.string(),
    statusName: TextView,
    certified: z.boolean(),
    settlementBlocked: z.boolean(),
    blockReason: TextView.nullable(),
    currency: z.string().nullable(),
  }),
});

export async function partnerDirectoryRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/ops/partners',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '伙伴管理: partners and enrolling accounts, filtered and paged',
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(Row), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req) => {
      const q = req.query;
      return svc.listPartners(req.ctx, {
        ...q,
        joinedFrom: q.joinedFrom ? new Date(q.joinedFrom) : undefined,
        joinedTo: q.joinedTo ? new Date(q.joinedTo) : undefined,
      });
    },
  );

  app.get(
    '/api/ops/partners/options',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '伙伴管理: the filters’ choices',
        response: { 200: z.object({ paths: z.array(Named), programs: z.array(Named), hcpnStatuses: z.array(Named) }) },
      },
    },
    async (req) => svc.directoryOptions(req.ctx),
  );

  app.get(
    '/api/ops/partners/:partnerId',
    {
      config: { access: STAFF },
      schema: { tags, summary: '伙伴详情: one partner’s lifecycle', params: z.object({ partnerId: z.uuid() }).strict(), response: { 200: Detail } },
    },
    async (req) => svc.partnerDetail(req.ctx, req.params.partnerId),
  );
}
