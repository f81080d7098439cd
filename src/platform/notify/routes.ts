import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { demoInboxFor, listInbox, markAllRead, markRead } from './inbox.js';

export interface NotifyRoutesOptions {
  /** config.demoInbox: expose GET /api/demo-inbox (never in production). */
  demoInbox: boolean;
}

const InboxItem = z.object({
  id: z.string(),
  template: z.string(),
  subject: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  read: z.boolean(),
});

const DemoItem = z.object({
  id: z.string(),
  channel: z.string(),
  address: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.string(),
  createdAt: z.date(),
});

/** 站内信 (in-site messages) of the signed-in actor, and the demo inbox. */
export function notifyRoutes(opts: NotifyRoutesOptions) {
  return async function routes(root: FastifyInstance): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/inbox',
      {
        config: { access: { actor: 'signed-in' } },
        schema: {
          tags: ['notify'],
          summary: '站内信 list with the unread count',
          querystring: z
            .object({
              page: z.coerce.number().int().min(1).default(1),
              pageSize: z.coerce.number().int().min(1).max(100).default(20),
              unread: z.enum(['true', 'false']).optional(),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(InboxItem), total: z.number().int(), unreadCount: z.number().int() }) },
        },
      },
      async (req) => listInbox(req.ctx, { page: req.query.page, pageSize: req.query.pageSize, unread: req.query.unread === 'true' }),
    );

    app.post(
      '/api/inbox/:id/read',
      {
        config: { access: { actor: 'signed-in' } },
        schema: { tags: ['notify'], summary: 'Mark a message read', params: z.object({ id: z.string() }).strict() },
      },
      async (req, reply) => {
        await markRead(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/inbox/read-all',
      {
        config: { access: { actor: 'signed-in' } },
        schema: { tags: ['notify'], summary: 'Mark all messages read', response: { 200: z.object({ updated: z.number().int() }) } },
      },
      async (req) => ({ updated: await markAllRead(req.ctx) }),
    );

    app.get(
      '/api/demo-inbox',
      {
        config: { access: { actor: 'public' } },
        schema: {
          tags: ['notify'],
          summary: 'Demo inbox: latest e-mail/SMS to an address (only when the demo inbox is on)',
          querystring: z.object({ address: z.string().trim().min(1).max(254) }).strict(),
          response: { 200: z.object({ items: z.array(DemoItem) }) },
        },
      },
      async (req) => {
        if (!opts.demoInbox) throw notFound({ zh: '演示收件箱', en: 'Demo inbox' });
        return { items: await demoInboxFor(req.ctx.db, req.query.address) };
      },
    );
  };
}
