import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { render } from '../i18n/index.js';
import { sendStoredFile } from '../files/service.js';
import type { ExportRegistry } from './registry.js';
import { EXPORT_CREATED, listExports, openExportDownload, requestExport } from './service.js';

export interface ExportRoutesOptions {
  registry: ExportRegistry;
}

const ExportView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['running', 'completed', 'failed']),
  statusName: z.string(),
  progressRows: z.number().int(),
  totalRows: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  expiresAt: z.date(),
  downloadable: z.boolean(),
});

/** 导出记录 (export records), 导出 (request) and 下载 (download). */
export function exportRoutes(opts: ExportRoutesOptions) {
  return async function routes(root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/exports',
      {
        config: { access: { actor: 'signed-in' } },
        schema: {
          tags: ['export'],
          summary: '导出记录: the export records of the actor’s tenant, newest first',
          querystring: z
            .object({
              page: z.coerce.number().int().min(1).default(1),
              pageSize: z.coerce.number().int().min(1).max(100).default(20),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(ExportView), total: z.number().int() }) },
        },
      },
      async (req) => listExports(req.ctx, req.query),
    );

    app.post(
      '/api/exports',
      {
        // the kind's own access and permission are checked in requestExport
        config: { access: { actor: 'signed-in' } },
        schema: {
          tags: ['export'],
          summary: '导出: create an export task',
          body: z
            .object({
              kind: z.string().min(1).max(100),
              params: z.record(z.string(), z.unknown()).default({}),
              format: z.enum(['csv', 'xlsx']).default('xlsx'),
            })
            .strict(),
          response: { 201: z.object({ export: ExportView, message: z.string() }) },
        },
      },
      async (req, reply) => {
        const view = await requestExport(req.ctx, opts.registry, req.body);
        return reply.code(201).send({ export: view, message: render(EXPORT_CREATED, req.ctx.lang) });
      },
    );

    app.get(
      '/api/exports/:id/download',
      {
        config: { access: { actor: 'signed-in' } },
        schema: { tags: ['export'], summary: '下载: download a completed export', params: z.object({ id: z.string() }).strict() },
      },
      async (req, reply) => {
        const { file, stream } = await openExportDownload(req.ctx, req.params.id);
        return sendStoredFile(reply, file, stream);
      },
    );
  };
}
