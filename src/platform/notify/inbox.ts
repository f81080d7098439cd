import { and, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Actor, Ctx } from '../context.js';
import type { Executor } from '../db/index.js';
import { requireSignedIn } from '../access/index.js';
import { clock } from '../clock.js';
import { notFound } from '../errors.js';
import { notifications } from './schema.js';
import type { Recipient } from './index.js';

/**
 * Whose 站内信 a signed-in actor reads: an account its own; an org member (IAM user) its own;
 * the partner account (伙伴管理员) its account's and those addressed to the partner as a whole;
 * staff their own.
 */
export function recipientsOf(actor: Exclude<Actor, { kind: 'anonymous' }>): Recipient[] {
  switch (actor.kind) {
    case 'account':
      return [{ kind: 'account', id: actor.accountId }];
    case 'partner':
      return actor.memberId
        ? [{ kind: 'member', id: actor.memberId }]
        : [
            { kind: 'account', id: actor.accountId },
            { kind: 'partner', id: actor.partnerId },
          ];
    case 'staff':
      return [{ kind: 'staff', id: actor.staffId }];
  }
}

function mine(ctx: Ctx): SQL {
  const actor = requireSignedIn(ctx);
  const who = recipientsOf(actor).map((r) => and(eq(notifications.recipientKind, r.kind), eq(notifications.recipientId, r.id))!);
  return and(eq(notifications.channel, 'site'), or(...who))!;
}

export interface InboxItem {
  id: string;
  template: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
  read: boolean;
}

export async function listInbox(
  ctx: Ctx,
  q: { page: number; pageSize: number; unread?: boolean },
): Promise<{ items: InboxItem[]; total: number; unreadCount: number }> {
  const base = mine(ctx);
  const where = q.unread ? and(base, isNull(notifications.readAt)) : base;
  const list = await ctx.db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(notifications).where(where);
  const [unread] = await ctx.db.select({ n: count() }).from(notifications).where(and(base, isNull(notifications.readAt)));
  return {
    items: list.map((r) => ({
      id: r.id,
      template: r.template,
      subject: r.subject,
      body: r.body,
      data: r.data,
      createdAt: r.createdAt,
      read: r.readAt !== null,
    })),
    total: Number(total!.n),
    unreadCount: Number(unread!.n),
  };
}

/** Mark one of the actor's messages read; someone else's message is "not found". */
export async function markRead(ctx: Ctx, id: string): Promise<void> {
  const base = mine(ctx);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound({ zh: '消息', en: 'Message' });
  const [row] = await ctx.db.select({ id: notifications.id, readAt: notifications.readAt }).from(notifications).where(and(base, eq(notifications.id, id)));
  if (!row) throw notFound({ zh: '消息', en: 'Message' });
  if (!row.readAt) await ctx.db.update(notifications).set({ readAt: clock.now() }).where(eq(notifications.id, id));
}

export async function markAllRead(ctx: Ctx): Promise<number> {
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: clock.now() })
    .where(and(mine(ctx), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

export interface DemoInboxItem {
  id: string;
  channel: string;
  address: string;
  subject: string;
  body: string;
  status: string;
  createdAt: Date;
}

/**
 * The latest e-mail and SMS sent to exactly this address (demo inbox). Only ever exposed when the
 * demo inbox is switched on: it lets anyone read verification codes.
 */
export async function demoInboxFor(ex: Executor, address: string, limit = 20): Promise<DemoInboxItem[]> {
  const list = await ex
    .select()
    .from(notifications)
    .where(and(eq(notifications.address, address), inArray(notifications.channel, ['email', 'sms'])))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return list.map((r) => ({
    id: r.id,
    channel: r.channel,
    address: r.address ?? '',
    subject: r.subject,
    body: r.body,
    status: r.status,
    createdAt: r.createdAt,
  }));
}
