import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { P } from '../../platform/access/index.js';
import type { Access } from '../../platform/http.js';
import { contentDisposition } from '../../platform/files/index.js';
import { CAPABILITY_STATUSES } from './schema.js';
import { PRODUCT_NAME_MAX } from './rules.js';
import * as svc from './service.js';

/** 能力 > 能力认证 (guide chapter 7). */
const PARTNER: Access = { actor: 'partner', permission: P.capabilities };

const IdParams = z.object({ id: z.uuid() }).strict();
const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(10),
};
const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const Level2View = z.object({ key: z.string(), name: z.string(), result: z.enum(['pending', 'passed', 'failed']), resultName: z.string() });
const RecordView = z.object({
  id: z.uuid(),
  level1Label: z.string(),
  level1Name: z.string(),
  appliedAt: z.string(),
  status: z.enum(CAPABILITY_STATUSES),
  statusName: z.string(),
  validity: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  passedAt: z.string().nullable(),
  productName: z.string().nullable(),
  updateDeadline: z.string().nullable(),
  level2: z.array(Level2View),
});
const FileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number() }).nullable();
const DetailView = RecordView.extend({
  reviewId: z.uuid().nullable(),
  reviewComment: z.string().nullable(),
  canUpdateMaterials: z.boolean(),
  formFile: FileRef,
  evidenceFile: FileRef,
});
const CatalogueEntry = z.object({
  key: z.string(),
  name: z.string(),
  capability: z.string(),
  needsProductName: z.boolean(),
  level2: z.array(z.object({ key: z.string(), name: z.string(), mandatory: z.boolean() })),
  suspendedUntil: z.string().nullable(),
  inProgress: z.boolean(),
});
const ResultView = z.object({
  applicationId: z.uuid(),
  level1Label: z.string(),
  level1Name: z.string(),
  level2: z.array(z.object({ key: z.string(), name: z.string() })),
  validity: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  passedAt: z.string(),
  productName: z.string().nullable(),
  certificateAvailable: z.boolean(),
});
const DownloadView = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  level1Label: z.string(),
  level1Name: z.string(),
  what: z.enum(['badge', 'certificate']),
  actorName: z.string().nullable(),
  downloadedAt: z.string(),
});

const Materials = {
  formFileId: z.uuid(), // 评估表
  evidenceFileId: z.uuid(), // 举证材料
  productName: z.string().max(PRODUCT_NAME_MAX).nullable().optional(), // 昇腾云 only (R52)
  materialsDeclaration: z.boolean(), // R55
};

export async function capabilitiesRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['capabilities'];

  app.get(
    '/api/capabilities/labels',
    { config: { access: PARTNER }, schema: { tags, response: { 200: z.object({ items: z.array(CatalogueEntry) }) } } },
    async (req) => ({ items: await svc.catalogue(req.ctx) }),
  );

  app.post(
    '/api/capabilities/applications',
    {
      config: { access: PARTNER },
      schema: {
        tags,
        body: z.object({ level1Label: z.string().max(64), level2Labels: z.array(z.string().max(128)).max(20).optional(), ...Materials }).strict(),
        response: { 201: RecordView },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.applyForCertification(req.ctx, req.body)),
  );

  app.get(
    '/api/capabilities/applications',
    {
      config: { access: PARTNER },
      schema: { tags, querystring: z.object({ search: z.string().max(64).optional(), ...Paging }).strict(), response: { 200: pageOf(RecordView) } },
    },
    async (req) => svc.listRecords(req.ctx, req.query),
  );

  app.get(
    '/api/capabilities/applications/:id',
    { config: { access: PARTNER }, schema: { tags, params: IdParams, response: { 200: DetailView } } },
    async (req) => svc.getApplicationDetail(req.ctx, req.params.id),
  );

  app.post(
    '/api/capabilities/applications/:id/materials',
    { config: { access: PARTNER }, schema: { tags, params: IdParams, body: z.object(Materials).strict(), response: { 200: RecordView } } },
    async (req) => svc.updateMaterials(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/capabilities/applications/:id/review-comments',
    { config: { access: PARTNER }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const { filename, body } = await svc.reviewComments(req.ctx, req.params.id);
      return reply.header('content-type', 'text/plain; charset=utf-8').header('content-disposition', contentDisposition(filename)).send(body);
    },
  );

  app.get(
    '/api/capabilities/results',
    { config: { access: PARTNER }, schema: { tags, response: { 200: z.object({ items: z.array(ResultView) }) } } },
    async (req) => ({ items: await svc.listResults(req.ctx) }),
  );

  for (const what of ['badge', 'certificate'] as const) {
    app.get(
      `/api/capabilities/results/:id/${what}`,
      { config: { access: PARTNER }, schema: { tags, params: IdParams } },
      async (req, reply) => {
        const { filename, svg } = await svc.downloadArtwork(req.ctx, req.params.id, what);
        return reply.header('content-type', 'image/svg+xml; charset=utf-8').header('content-disposition', contentDisposition(filename)).send(svg);
      },
    );
  }

  app.get(
    '/api/capabilities/downloads',
    { config: { access: PARTNER }, schema: { tags, querystring: z.object(Paging).strict(), response: { 200: pageOf(DownloadView) } } },
    async (req) => svc.listDownloads(req.ctx, req.query),
  );
}
