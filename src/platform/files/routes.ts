import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../errors.js';
import { openFile, saveUpload, sendStoredFile } from './service.js';

export const FileView = z.object({ id: z.string().uuid(), name: z.string(), size: z.number().int(), mime: z.string() });

/**
 * POST /api/files: multipart with the field `purpose` first, then `file`.
 * GET /api/files/:id: download (the tenant/owner check lives in openFile).
 */
export async function filesRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/files',
    {
      config: { access: { actor: 'signed-in' } },
      schema: {
        tags: ['files'],
        summary: 'Upload a file (multipart: purpose, then file)',
        consumes: ['multipart/form-data'],
        response: { 201: FileView },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('file.multipart-required', { zh: '请以表单方式上传文件', en: 'Send the file as multipart/form-data' });
      const part = await req.file();
      if (!part) throw badRequest('file.name-required', { zh: '请选择要上传的文件', en: 'Choose a file to upload' });
      const purposeField = part.fields['purpose'];
      const purpose = purposeField && !Array.isArray(purposeField) && purposeField.type === 'field' ? String(purposeField.value) : '';
      const view = await saveUpload(req.ctx, { purpose, filename: part.filename, stream: part.file });
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/files/:id',
    {
      config: { access: { actor: 'signed-in' } },
      schema: { tags: ['files'], summary: 'Download a file', params: z.object({ id: z.string() }).strict() },
    },
    async (req, reply) => {
      const { file, stream } = await openFile(req.ctx, req.params.id);
      return sendStoredFile(reply, file, stream);
    },
  );
}
