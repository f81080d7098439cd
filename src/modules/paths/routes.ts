import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P, STAFF_ROLES } from '../../platform/access/index.js';
import type { Access } from '../../platform/http.js';
import { PATH_TYPES, STAGES } from './catalogue.js';
import * as svc from './service.js';

/** 主页 > 发展路径 (guide chapter 2): reading for whoever sees the home page, changes for the admin (spec 01 §1). */
const READ: Access = { actor: 'partner', permission: P.home };
const WRITE: Access = { actor: 'partner', admin: true };
const ECOSYSTEM_MANAGER: Access = { actor: 'staff', roles: [STAFF_ROLES.ecosystemManager] };

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
});
const Detail = Summary.extend({ certification: z.enum(['automatic', 'application', 'none']), rejectReason: z.string().nullable(), stages: z.array(StageView) });
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
}
