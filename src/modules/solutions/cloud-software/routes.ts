import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P } from '../../../platform/access/index.js';
import type { Access } from '../../../platform/http.js';
import { sendStoredFile } from '../../../platform/files/index.js';
import * as svc from './service.js';
import { SOLUTION_SOURCES, type SolutionKind } from './schema.js';
import { DISPLAY_STATUSES, TEXT_LIMIT } from './statuses.js';

// ---------------------------------------------------------------------------------------------
// Inputs (drafts may leave fields out; the service checks completeness on 提交认证)

const Short = z.string().trim().max(100);
const LongText = z.string().max(TEXT_LIMIT); // R46: 0/1,000
const FileIds = z.array(z.uuid()).max(20);

const Materials = z
  .object({ copyright: FileIds.optional(), intro: FileIds.optional(), certification: FileIds.optional(), testReport: FileIds.optional() })
  .strict();

const Contacts = z
  .object({
    businessContact: z.string().trim().max(50).optional(),
    businessMobile: z.string().trim().max(30).optional(),
    businessEmail: z.union([z.email().max(100), z.literal('')]).optional(),
    hasHuaweiContact: z.boolean().optional(),
    huaweiContactName: z.string().trim().max(50).optional(),
    huaweiContactMobile: z.string().trim().max(30).optional(),
  })
  .strict();

const Baseline = z
  .object({
    solutionId: z.uuid().optional(),
    deploymentForm: Short.optional(),
    approvalCompletedAt: Short.optional(),
    industryMasterData: z.string().max(500).optional(),
    intro: LongText.optional(),
  })
  .strict();

const SolutionBody = z
  .object({
    /** false: 保存草稿; true: 提交认证. */
    submit: z.boolean(),
    source: z.enum(SOLUTION_SOURCES),
    name: z.string().trim().min(1).max(100),
    version: z.string().trim().max(50).optional(),
    industry: Short.optional(),
    industrySub: Short.optional(),
    productType: Short.optional(),
    productSubType: Short.optional(),
    targetCustomers: LongText.optional(),
    scenarios: LongText.optional(),
    cloudMode: Short.optional(),
    deployedOnPublicCloud: z.boolean().optional(),
    publicClouds: z.array(Short).max(20).optional(),
    otherNotes: LongText.optional(),
    baseline: Baseline.optional(),
    materials: Materials.optional(),
    contacts: Contacts.optional(),
  })
  .strict();

const RecertifyBody = z
  .object({ version: z.string().trim().min(1).max(50), materials: Materials, contacts: Contacts })
  .strict();

// ---------------------------------------------------------------------------------------------
// Views

const SolutionView = z.object({
  id: z.uuid(),
  kind: z.enum(['cloud', 'advanced']),
  source: z.enum(SOLUTION_SOURCES),
  sourceName: z.string(),
  name: z.string(),
  version: z.string(),
  industry: z.string(),
  status: z.enum(DISPLAY_STATUSES),
  statusName: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  validity: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewId: z.uuid().nullable(),
  reviewState: z.string(),
  rejectReason: z.string().nullable(),
  recertifying: z.boolean(),
  canEdit: z.boolean(),
  canRecertify: z.boolean(),
  canDownloadCertificate: z.boolean(),
});

const FormView = SolutionBody.omit({ submit: true, source: true, name: true, version: true, industry: true }).partial();

const SolutionDetail = SolutionView.extend({
  baselineSolutionId: z.uuid().nullable(),
  form: FormView,
  pendingChange: z.object({ version: z.string(), materials: Materials, contacts: Contacts }).nullable(),
  progress: z.object({
    appliedAt: z.string().nullable(),
    certifiedAt: z.string().nullable(),
    stages: z.array(z.object({ key: z.string(), name: z.string(), state: z.enum(['not_started', 'in_review', 'approved', 'rejected']), stateName: z.string() })),
  }),
});

const SaveResult = z.object({ solution: SolutionView, message: z.string().nullable() });
const Page = z.object({ items: z.array(SolutionView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const IdParams = z.object({ id: z.uuid() }).strict();

/** The two menus share one shape: 构建 > 云软件方案 (/api/build/cloud-software) and 构建 > 先进云软件方案. */
const MENUS: { kind: SolutionKind; base: string; permission: string; tag: string }[] = [
  { kind: 'cloud', base: '/api/build/cloud-software', permission: P.cloudSoftware, tag: 'build: cloud software solutions' },
  { kind: 'advanced', base: '/api/build/advanced-software', permission: P.advancedSoftware, tag: 'build: advanced cloud software solutions' },
];

export async function cloudSolutionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  for (const { kind, base, permission, tag } of MENUS) {
    const access: Access = { actor: 'partner', permission };
    const tags = [tag];

    app.get(
      base,
      {
        config: { access },
        schema: {
          tags,
          querystring: z
            .object({
              status: z.enum(DISPLAY_STATUSES).optional(),
              name: z.string().trim().max(100).optional(),
              page: z.coerce.number().int().min(1).default(1),
              pageSize: z.coerce.number().int().min(1).max(100).default(10),
            })
            .strict(),
          response: { 200: Page },
        },
      },
      async (req) => svc.listSolutions(req.ctx, kind, req.query),
    );

    app.post(
      base,
      { config: { access }, schema: { tags, body: SolutionBody, response: { 201: SaveResult } } },
      async (req, reply) => {
        const { submit, ...input } = req.body;
        return reply.code(201).send(await svc.createSolution(req.ctx, kind, input, { submit }));
      },
    );

    app.get(`${base}/:id`, { config: { access }, schema: { tags, params: IdParams, response: { 200: SolutionDetail } } }, async (req) =>
      svc.getSolution(req.ctx, kind, req.params.id),
    );

    app.put(
      `${base}/:id`,
      { config: { access }, schema: { tags, params: IdParams, body: SolutionBody, response: { 200: SaveResult } } },
      async (req) => {
        const { submit, ...input } = req.body;
        return svc.updateSolution(req.ctx, kind, req.params.id, input, { submit });
      },
    );

    app.post(
      `${base}/:id/recertify`,
      { config: { access }, schema: { tags, params: IdParams, body: RecertifyBody, response: { 200: SaveResult } } },
      async (req) => svc.recertifySolution(req.ctx, kind, req.params.id, req.body),
    );

    app.get(`${base}/:id/certificate`, { config: { access }, schema: { tags, params: IdParams } }, async (req, reply) => {
      const { file, stream } = await svc.solutionCertificate(req.ctx, kind, req.params.id);
      return sendStoredFile(reply, file, stream);
    });
  }
}
