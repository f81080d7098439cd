import type { Executor } from '../db/index.js';
import type { Ctx } from '../context.js';
import { actorLabel } from '../context.js';
import { clock } from '../clock.js';
import { auditLog } from './schema.js';

export interface AuditEntry {
  action: string; // e.g. "org.member.created"
  objectType: string;
  objectId?: string | null;
  partnerId?: string | null; // defaults to the actor's tenant
  customerAccountId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Never store secrets in the audit trail. */
const SECRET_KEYS = new Set(['password', 'passwordHash', 'code', 'codeHash', 'token', 'secret', 'sk']);
function scrub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrub);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) out[k] = SECRET_KEYS.has(k) ? '***' : scrub(val);
    return out;
  }
  return v;
}

export async function audit(tx: Executor, ctx: Ctx, e: AuditEntry): Promise<void> {
  await auditInsert(tx, ctx, e);
}

/**
 * The audit entry's INSERT, not yet sent: `await` it, or embed it in one of the caller's own statements
 * (a data-modifying CTE, sql`WITH a AS (${auditInsert(…)}) …`) to save a round trip on a hot path.
 */
export function auditInsert(tx: Executor, ctx: Ctx, e: AuditEntry) {
  return tx.insert(auditLog).values(auditRow(ctx, e));
}

/** Entries of several requests (a group commit) as one insert. */
export function auditInsertMany(tx: Executor, entries: { ctx: Ctx; entry: AuditEntry }[]) {
  return tx.insert(auditLog).values(entries.map(({ ctx, entry }) => auditRow(ctx, entry)));
}

function auditRow(ctx: Ctx, e: AuditEntry) {
  const who = actorLabel(ctx.actor);
  const a = ctx.actor;
  const actorName =
    a.kind === 'partner' ? a.displayName : a.kind === 'staff' ? a.name : a.kind === 'account' ? a.accountName : null;
  return {
    at: clock.now(),
    actorKind: who.kind,
    actorId: who.id,
    actorName,
    partnerId: e.partnerId !== undefined ? e.partnerId : a.kind === 'partner' ? a.partnerId : null,
    customerAccountId: e.customerAccountId ?? null,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    before: e.before === undefined ? null : scrub(JSON.parse(JSON.stringify(e.before))),
    after: e.after === undefined ? null : scrub(JSON.parse(JSON.stringify(e.after))),
  };
}
