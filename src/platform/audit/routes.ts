import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, count, desc, eq, gte, ilike, lt, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { requireStaff } from '../access/index.js';
import { auditLog } from './schema.js';
import { isUuid } from '../ids.js';

export interface AuditQuery {
  action?: string;
  objectType?: string;
  objectId?: string;
  partnerId?: string;
  /** An actor id (uuid) or part of an actor's name. */
  actor?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}


/** The audit trail for the operations console, filtered and paged in the database, newest first. */
export async function searchAudit(ctx: Ctx, q: AuditQuery) {
  requireStaff(ctx);
  const where: SQL[] = [];
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.objectType) where.push(eq(auditLog.objectType, q.objectType));
  if (q.objectId) where.push(eq(auditLog.objectId, q.objectId));
  if (q.partnerId) where.push(eq(auditLog.partnerId, q.partnerId));
  if (q.actor) {
    where.push(isUuid(q.actor) ? eq(auditLog.actorId, q.actor) : ilike(auditLog.actorName, `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lt(auditLog.at, q.to));
  const cond = where.length ? and(...where) : undefined;
  const items = await ctx.db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(auditLog).where(cond);
  return {
    items: items.map((r) => ({
      id: String(r.id),
      at: r.at,
      actorKind: r.actorKind,
      actorId: r.actorId,
      actorName: r.actorName,
      partnerId: r.partnerId,
      customerAccountId: r.customerAccountId,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      ip: r.ip,
      requestId: r.requestId,
      before: r.before,
      after: r.after,
    })),
    total: Number(total!.n),
  };
}

const AuditItem = z.object({
  id: z.string(),
  at: z.date(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  partnerId: z.string().nullable(),
  customerAccountId: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export async function auditRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/ops/audit',
    {
      config: { access: { actor: 'staff' } },
      schema: {
        tags: ['ops'],
        summary: 'Audit log search (operations console)',
        querystring: z
          .object({
            action: z.string().max(200).optional(),
            objectType: z.string().max(100).optional(),
            objectId: z.string().max(200).optional(),
            partnerId: z.string().uuid().optional(),
            actor: z.string().max(100).optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(AuditItem), total: z.number().int() }) },
      },
    },
    async (req) => searchAudit(req.ctx, req.query),
  );
}
