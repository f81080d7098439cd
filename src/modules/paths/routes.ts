import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P, STAFF_ROLES } from '../../platform/access/index.js';
import type { Access } from '../../platform/http.js';
import { PATH_TYPES, STAGES } from './catalogue.js';
import { contentDisposition } from '../../platform/files/index.js';
import * as svc from './service.js';
import * as annual from './annual-review.js';
import { ANNUAL_REVIEW_STATUSES } from './annual-review-rules.js';
import { pathCertificate } from './certificate.js';

/** 主页 > 发展路径 (guide chapter 2): reading for whoever sees the home page, changes for the admin (spec 01 §1). */
const READ: Access = { actor: 'partner', permission: P.home };
const WRITE: Access = { actor: 'partner', admin: true };
const ECOSYSTEM_MANAGER: Access = { actor: 'staff', roles: [STAFF_ROLES.ecosystemManager] };
const REVIEWERS: Access = { actor: 'staff', roles: [STAFF_ROLES.reviewer, STAFF_ROLES.ecosystemManager] };

const PathType = z.enum(PATH_TYPES);
const Stage = z.enum(STAGES);
const Status = z.enum(['not_joined', 'pending_review', 'rejected', 'withdrawn', 'joined']);
const FileId = z.uuid();

const Summary = z.object({
  type: PathType,
  name: z.string(),
  inviteOnly: z.boolean(),
  invited: z.boolean(),
  status: Status,
  statusName: z.string(),
  stage: Stage.nullable(),
  stageName: z.string().nullable(),
});
const Requirement = z.object({
  key: z.string(),
  name: z.string(),
  current: z.number().int().nullable(),
  target: z.number().int(),
  met: z.boolean().nullable(),
  progress: z.string(),
});
const StageView = z.object({
  stage: Stage,
  name: z.string(),
  reached: z.boolean(),
  progress: z.string(),
  requirements: z.array(Requirement),
  benefits: z.array(z.string()),
  programs: z.array(z.string()),
  canDownloadCertificate: z.boolean(),
});
const AnnualReview = z.object({
  id: z.uuid(),
  year: z.number().int(),
  title: z.string(),
  path: PathType,
  pathName: z.string(),
  stage: Stage,
  stageName: z.string(),
  status: z.enum(ANNUAL_REVIEW_STATUSES),
  statusName: z.string(),
  applyDeadline: z.string(),
  modificationDeadline: z.string(),
  resultsBy: z.string(),
  canApply: z.boolean(),
  canModify: z.boolean(),
  modificationOpinion: z.string().nullable(),
  resultOpinion: z.string().nullable(),
  rolledBackTo: Stage.nullable(),
  rolledBackToName: z.string().nullable(),
  materials: z.array(z.uuid()),
  reviewId: z.uuid().nullable(),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
const Detail = Summary.extend({
  certification: z.enum(['automatic', 'application', 'none']),
  rejectReason: z.string().nullable(),
  switchOptions: z.array(z.object({ type: PathType, name: z.string() })),
  annualReview: AnnualReview.nullable(),
  stages: z.array(StageView),
});
const Materials = z.object({ materials: z.array(FileId).min(1).max(20) }).strict(); // 复核材料
const Certification = z.object({
  id: z.uuid(),
  path: PathType,
  targetStage: Stage,
  targetStageName: z.string(),
  status: z.enum(['reviewing', 'failed', 'passed']),
  statusName: z.string(),
  failureReason: z.string().nullable(),
  reviewId: z.uuid().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  materials: z.object({ materials: z.array(z.uuid()), cases: z.array(z.uuid()), businessPlan: z.uuid().nullable() }),
});

export async function pathsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['paths'];

  app.get('/api/paths', { config: { access: READ }, schema: { tags, response: { 200: z.object({ items: z.array(Summary) }) } } }, async (req) => ({
    items: await svc.listPaths(req.ctx),
  }));

  app.get(
    '/api/paths/detail',
    { config: { access: READ }, schema: { tags, querystring: z.object({ path: PathType }).strict(), response: { 200: Detail } } },
    async (req) => svc.pathDetail(req.ctx, req.query.path),
  );

  app.post(
    '/api/paths/select',
    {
      config: { access: WRITE },
      schema: {
        tags,
        body: z.object({ path: PathType }).strict(),
        response: { 200: z.object({ path: PathType, status: Status, statusName: z.string(), reviewId: z.uuid().nullable() }) },
      },
    },
    async (req) => svc.selectPath(req.ctx, req.body.path),
  );

  app.post(
    '/api/paths/exit',
    { config: { access: WRITE }, schema: { tags, body: z.object({ path: PathType }).strict(), response: { 200: z.object({ path: PathType, status: z.literal('not_joined') }) } } },
    async (req) => svc.exitPath(req.ctx, req.body.path),
  );

  app.post(
    '/api/paths/certifications',
    {
      config: { access: WRITE },
      schema: {
        tags,
        body: z
          .object({
            path: PathType,
            stage: z.enum(['role_certified', 'differentiated']),
            materials: z.array(FileId).min(1).max(20), // 认证材料
            cases: z.array(FileId).max(20).optional(), // 案例材料
            businessPlan: FileId.nullable().optional(), // 商业计划书
          })
          .strict(),
        response: { 201: Certification },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.applyForCertification(req.ctx, req.body)),
  );

  app.get(
    '/api/paths/certifications',
    {
      config: { access: READ },
      schema: { tags, querystring: z.object({ path: PathType.optional() }).strict(), response: { 200: z.object({ items: z.array(Certification) }) } },
    },
    async (req) => ({ items: await svc.listCertifications(req.ctx, req.query.path) }),
  );

  app.get(
    '/api/paths/certifications/:id',
    { config: { access: READ }, schema: { tags, params: z.object({ id: z.uuid() }).strict(), response: { 200: Certification } } },
    async (req) => svc.getCertification(req.ctx, req.params.id),
  );

  app.post(
    '/api/ops/paths/invitations',
    {
      config: { access: ECOSYSTEM_MANAGER },
      schema: {
        tags,
        body: z.object({ account: z.string().trim().min(1).max(128), path: z.enum(['si', 'learning', 'distributor']) }).strict(),
        response: { 201: z.object({ id: z.uuid(), partnerId: z.uuid(), path: z.string(), email: z.string().nullable() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.invitePartner(req.ctx, req.body)),
  );

  app.get(
    '/api/ops/paths/invitations',
    {
      config: { access: ECOSYSTEM_MANAGER },
      schema: {
        tags,
        querystring: z
          .object({
            path: z.enum(['si', 'learning', 'distributor']).optional(),
            accepted: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                partnerId: z.uuid(),
                partnerName: z.string(),
                accountName: z.string(),
                path: z.string(),
                pathName: z.string(),
                email: z.string().nullable(),
                createdAt: z.string(),
                acceptedAt: z.string().nullable(),
              }),
            ),
            total: z.number().int(),
          }),
        },
      },
    },
    async (req) => svc.listInvitations(req.ctx, req.query),
  );

  // 下载证书 (R14): the 伙伴证书 of a certified stage, as a PDF
  app.get(
    '/api/paths/:path/stages/:stage/certificate',
    { config: { access: READ }, schema: { tags, params: z.object({ path: PathType, stage: Stage }).strict() } },
    async (req, reply) => {
      const { name, body } = await pathCertificate(req.ctx, req.params.path, req.params.stage);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  // 伙伴发展路径认证年度复核 (op 13)
  app.get(
    '/api/paths/annual-reviews',
    {
      config: { access: READ },
      schema: { tags, querystring: z.object({ path: PathType.optional() }).strict(), response: { 200: z.object({ items: z.array(AnnualReview) }) } },
    },
    async (req) => ({ items: await annual.listAnnualReviews(req.ctx, req.query.path) }),
  );

  app.get(
    '/api/paths/annual-reviews/:id',
    { config: { access: READ }, schema: { tags, params: z.object({ id: z.uuid() }).strict(), response: { 200: AnnualReview } } },
    async (req) => annual.getAnnualReview(req.ctx, req.params.id),
  );

  app.post(
    '/api/paths/annual-reviews/:id/apply',
    { config: { access: WRITE }, schema: { tags, params: z.object({ id: z.uuid() }).strict(), body: Materials, response: { 200: AnnualReview } } },
    async (req) => annual.applyForAnnualReview(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/paths/annual-reviews/:id/materials',
    { config: { access: WRITE }, schema: { tags, params: z.object({ id: z.uuid() }).strict(), body: Materials, response: { 200: AnnualReview } } },
    async (req) => annual.modifyAnnualReviewMaterials(req.ctx, req.params.id, req.body),
  );

  // the year's reviews in the operations console; decisions go through /api/ops/reviews/:id/{approve,reject,return}
  app.get(
    '/api/ops/paths/annual-reviews',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        querystring: z
          .object({
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            path: PathType.optional(),
            status: z.enum(ANNUAL_REVIEW_STATUSES).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: {
          200: z.object({ items: z.array(AnnualReview.extend({ partnerId: z.uuid(), partnerName: z.string() })), total: z.number().int() }),
        },
      },
    },
    async (req) => annual.listAnnualReviewsForStaff(req.ctx, req.query),
  );
}
