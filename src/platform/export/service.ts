import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { and, count, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Actor, Ctx } from '../context.js';
import { actorLabel } from '../context.js';
import { inTransaction, type Db } from '../db/index.js';
import type { Deps } from '../deps.js';
import { clock, DAY_MS, MINUTE_MS } from '../clock.js';
import { badRequest, notFound, refused } from '../errors.js';
import { render, type Lang, type Text } from '../i18n/index.js';
import { authorize } from '../http.js';
import { requirePermission, requireSignedIn } from '../access/index.js';
import { audit } from '../audit/index.js';
import { deleteFile, getFileRecord, storeGeneratedFile } from '../files/service.js';
import type { FileRow } from '../files/schema.js';
import { formatForRecipient, DEFAULT_TIME_ZONE } from '../notify/time.js';
import { exportJobs, type ExportJobRow } from './schema.js';
import { mask } from './mask.js';
import { CsvWriter, XlsxWriter, type RowWriter } from './writers.js';
import { DEFAULT_MAX_ROWS, type CellValue, type ExportFormat, type ExportRegistry } from './registry.js';

export const EXPORT_RUN = 'export.run';
export const EXPORT_MAINTAIN = 'export.maintain';
/** 导出记录保留3天 (guide 8767). */
export const EXPORT_RETENTION_MS = 3 * DAY_MS;
/** How often the running count is written back. */
export const PROGRESS_EVERY = 1000;

/** The toast after a successful request (guide C3). */
export const EXPORT_CREATED: Text = { zh: '导出任务创建成功', en: 'Export task created' };

export const STATUS_NAMES: Record<string, Text> = {
  running: { zh: '导出中', en: 'Exporting' },
  completed: { zh: '已完成', en: 'Completed' },
  failed: { zh: '导出失败', en: 'Failed' },
};

export interface ExportView {
  id: string;
  kind: string;
  title: string; // 导出内容
  format: ExportFormat;
  status: 'running' | 'completed' | 'failed';
  statusName: string; // 导出状态
  progressRows: number;
  totalRows: number | null;
  error: string | null;
  createdAt: Date; // 申请导出时间
  finishedAt: Date | null;
  expiresAt: Date;
  downloadable: boolean;
}

export function toExportView(r: ExportJobRow, lang: Lang): ExportView {
  return {
    id: r.id,
    kind: r.kind,
    title: render(r.title, lang),
    format: r.format as ExportFormat,
    status: r.status as ExportView['status'],
    statusName: render(STATUS_NAMES[r.status] ?? { zh: r.status, en: r.status }, lang),
    progressRows: r.progressRows,
    totalRows: r.totalRows,
    error: r.error,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    expiresAt: r.expiresAt,
    downloadable: r.status === 'completed' && r.fileId !== null,
  };
}

// The requester is stored with the job so the export runs with their permissions and scope.
function snapshot(actor: Actor): Record<string, unknown> {
  if (actor.kind !== 'partner') return { ...actor, roles: actor.kind === 'staff' ? [...actor.roles] : undefined };
  return { ...actor, permissions: [...actor.permissions], roleKeys: [...actor.roleKeys] };
}
function restore(s: Record<string, unknown>): Actor {
  const a = s as Record<string, unknown> & { kind: Actor['kind'] };
  if (a.kind === 'partner') return { ...a, permissions: new Set(a.permissions as string[]), roleKeys: new Set(a.roleKeys as string[]) } as Actor;
  if (a.kind === 'staff') return { ...a, roles: new Set(a.roles as string[]) } as Actor;
  return a as unknown as Actor;
}

/** The export records an actor may see: their tenant's; staff and plain accounts their own. */
function visibleTo(ctx: Ctx): SQL {
  const actor = requireSignedIn(ctx);
  if (actor.kind === 'partner') return eq(exportJobs.partnerId, actor.partnerId);
  const who = actorLabel(actor);
  return and(isNull(exportJobs.partnerId), eq(exportJobs.requestedByKind, who.kind), eq(exportJobs.requestedById, who.id!))!;
}

/**
 * 导出: check who may export this kind, validate its params, record the job and queue it.
 * Answers the record (status 导出中); the UI shows "导出任务创建成功".
 */
export async function requestExport(
  ctx: Ctx,
  registry: ExportRegistry,
  input: { kind: string; params?: Record<string, unknown>; format: ExportFormat },
): Promise<ExportView> {
  const actor = requireSignedIn(ctx);
  const def = registry.get(input.kind);
  if (!def) throw badRequest('export.kind-unknown', { zh: '不支持的导出类型', en: 'Unknown export type' }, { kind: input.kind });
  authorize(ctx, def.access ?? { actor: 'signed-in' });
  if (def.permission) requirePermission(ctx, def.permission);
  if (input.format !== 'csv' && input.format !== 'xlsx') {
    throw badRequest('export.format-unknown', { zh: '不支持的导出格式', en: 'Unknown export format' });
  }
  let params: Record<string, unknown> = input.params ?? {};
  if (def.params) {
    const parsed = def.params.safeParse(params);
    if (!parsed.success) {
      const fields = Object.fromEntries(
        parsed.error.issues.map((i) => [['params', ...i.path.map(String)].join('.'), { zh: i.message, en: i.message }]),
      );
      throw badRequest('validation', { zh: '导出条件有误', en: 'Invalid export conditions' }, {}, fields);
    }
    params = JSON.parse(JSON.stringify(parsed.data)); // what is stored is what the runner re-validates
  }
  const who = actorLabel(actor);
  const now = clock.now();
  const row = await inTransaction(ctx.db, async (tx) => {
    const [r] = await tx
      .insert(exportJobs)
      .values({
        partnerId: actor.kind === 'partner' ? actor.partnerId : null,
        requestedByKind: who.kind,
        requestedById: who.id,
        actor: snapshot(actor),
        lang: ctx.lang,
        kind: def.kind,
        title: def.title,
        params,
        format: input.format,
        status: 'running',
        createdAt: now,
        expiresAt: new Date(now.getTime() + EXPORT_RETENTION_MS),
      })
      .returning();
    await audit(tx, ctx, { action: 'export.requested', objectType: 'export', objectId: r!.id, after: { kind: def.kind, format: input.format, params } });
    return r!;
  });
  // After commit, so the runner finds the row. A lost enqueue (crash in between) is picked up by export.maintain.
  await ctx.deps.queue.send(EXPORT_RUN, { exportId: row.id }, { singletonKey: row.id });
  return toExportView(row, ctx.lang);
}

export async function listExports(
  ctx: Ctx,
  q: { page: number; pageSize: number },
): Promise<{ items: ExportView[]; total: number }> {
  const where = visibleTo(ctx);
  const list = await ctx.db
    .select()
    .from(exportJobs)
    .where(where)
    .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(exportJobs).where(where);
  return { items: list.map((r) => toExportView(r, ctx.lang)), total: Number(total!.n) };
}

/** 下载: only a completed export of the actor's tenant; otherwise 404 (not theirs) or 409 (not ready). */
export async function openExportDownload(ctx: Ctx, id: string): Promise<{ file: FileRow; stream: Readable }> {
  const where = visibleTo(ctx);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound({ zh: '导出记录', en: 'Export' });
  const [job] = await ctx.db.select().from(exportJobs).where(and(where, eq(exportJobs.id, id)));
  if (!job) throw notFound({ zh: '导出记录', en: 'Export' });
  if (job.status !== 'completed' || !job.fileId) {
    throw refused('export.not-ready', { zh: '导出任务尚未完成，请稍后下载', en: 'The export has not completed yet' }, { status: job.status });
  }
  const file = await getFileRecord(ctx.db, job.fileId);
  if (!file) throw notFound({ zh: '导出文件', en: 'Export file' });
  return { file, stream: await ctx.deps.storage.get(file.storageKey) };
}

/** China has kept UTC+8 without daylight saving since 1992; earlier times go through Intl. */
const BEIJING_FIXED_FROM = Date.UTC(1992, 0, 1);
const BEIJING_OFFSET_MS = 8 * 60 * MINUTE_MS;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** formatForRecipient(d, 'Asia/Shanghai') ("2025/03/01 09:30:00 GMT+08:00") without Intl's cost per cell. */
export function beijingTime(d: Date): string {
  const ms = d.getTime();
  if (!(ms >= BEIJING_FIXED_FROM) || ms > 253402300799999) return formatForRecipient(d, DEFAULT_TIME_ZONE);
  const t = new Date(ms + BEIJING_OFFSET_MS);
  return `${t.getUTCFullYear()}/${pad2(t.getUTCMonth() + 1)}/${pad2(t.getUTCDate())} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())} GMT+08:00`;
}

function cell(v: CellValue): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  // times in the export read in Beijing time with their offset, like the guide's screens
  if (v instanceof Date) return beijingTime(v);
  return v;
}

function fileStamp(d: Date): string {
  return formatForRecipient(d, DEFAULT_TIME_ZONE).slice(0, 19).replace(/[/: ]/g, '');
}

class TooManyRows extends Error {}

/**
 * The export.run job: stream the kind's rows into a CSV or XLSX file (constant memory), masking
 * the declared columns, writing progress every PROGRESS_EVERY rows; store the file; mark 已完成.
 * Idempotent: a job that is no longer running is left alone.
 */
export async function runExport(db: Db, deps: Deps, registry: ExportRegistry, exportId: string): Promise<void> {
  const [job] = await db
    .update(exportJobs)
    .set({ startedAt: clock.now(), progressRows: 0 })
    .where(and(eq(exportJobs.id, exportId), eq(exportJobs.status, 'running')))
    .returning();
  if (!job) return;
  const lang = job.lang as Lang;
  const fail = async (message: string) => {
    await db.update(exportJobs).set({ status: 'failed', error: message.slice(0, 500), finishedAt: clock.now() }).where(eq(exportJobs.id, job.id));
  };
  const def = registry.get(job.kind);
  if (!def) return fail(`export kind ${job.kind} is no longer defined`);

  const actor = restore(job.actor);
  const ctx: Ctx = { db, actor, lang, ip: '127.0.0.1', requestId: `export:${job.id}`, deps };
  const dir = await mkdtemp(path.join(tmpdir(), 'pc-export-'));
  const filePath = path.join(dir, `export.${job.format}`);
  const title = render(job.title, lang);
  const maxRows = def.maxRows ?? DEFAULT_MAX_ROWS;
  try {
    const params = def.params ? def.params.parse(job.params) : job.params;
    const writer: RowWriter = job.format === 'xlsx' ? new XlsxWriter(filePath, title) : new CsvWriter(filePath);
    await writer.header(def.columns.map((c) => render(c.title, lang)));
    // one getter per column, decided once rather than per cell
    const getters = def.columns.map((c): ((row: Record<string, CellValue>) => string | number | boolean | null) => {
      const read = c.value ? (row: Record<string, CellValue>) => c.value!(row) : (row: Record<string, CellValue>) => row[c.key];
      const kind = c.mask;
      return kind ? (row) => { const raw = read(row); return mask(kind, raw === null || raw === undefined ? null : String(raw)); } : (row) => cell(read(row));
    });
    const width = getters.length;
    let n = 0;
    for await (const row of def.rows(db, ctx, params)) {
      if (++n > maxRows) throw new TooManyRows();
      const values = new Array<string | number | boolean | null>(width);
      for (let i = 0; i < width; i++) values[i] = getters[i]!(row as Record<string, CellValue>);
      await writer.row(values);
      // the progress write is also the loop's regular turn of the event loop, which lets the zip stream drain
      if (n % PROGRESS_EVERY === 0) await db.update(exportJobs).set({ progressRows: n }).where(eq(exportJobs.id, job.id));
    }
    await writer.close();

    const file = await storeGeneratedFile(db, deps.storage, {
      partnerId: job.partnerId,
      owner: { kind: job.requestedByKind, id: job.requestedById },
      name: `${title}_${fileStamp(clock.now())}.${job.format}`,
      mime: job.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      body: createReadStream(filePath),
    });
    const done = await db
      .update(exportJobs)
      .set({ status: 'completed', progressRows: n, totalRows: n, fileId: file.id, finishedAt: clock.now(), error: null })
      .where(and(eq(exportJobs.id, job.id), eq(exportJobs.status, 'running')))
      .returning({ id: exportJobs.id });
    if (done.length === 0) await deleteFile(db, deps.storage, file.id); // finished elsewhere meanwhile
  } catch (err) {
    if (err instanceof TooManyRows) {
      await fail(render({ zh: '导出数据超过{max}条，请缩小导出范围', en: 'More than {max} rows; narrow the export' }, lang, { max: maxRows }));
    } else {
      await fail(String((err as Error).message ?? err));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * export.maintain: re-queue exports whose job was lost before it started, and delete records
 * (and their files) past the 3-day retention.
 */
export async function maintainExports(db: Db, deps: Deps): Promise<{ requeued: number; purged: number }> {
  const now = clock.now();
  const stale = await db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(and(eq(exportJobs.status, 'running'), isNull(exportJobs.startedAt), lt(exportJobs.createdAt, new Date(now.getTime() - 5 * MINUTE_MS))))
    .limit(500);
  for (const s of stale) await deps.queue.send(EXPORT_RUN, { exportId: s.id }, { singletonKey: s.id });

  const expired = await db.select().from(exportJobs).where(lt(exportJobs.expiresAt, now)).limit(1000);
  for (const e of expired) {
    await db.delete(exportJobs).where(eq(exportJobs.id, e.id));
    if (e.fileId) await deleteFile(db, deps.storage, e.fileId);
  }
  return { requeued: stale.length, purged: expired.length };
}

/** The export jobs for startJobs. */
export function exportJobsFor(db: Db, deps: Deps, registry: ExportRegistry) {
  return {
    handlers: {
      [EXPORT_RUN]: {
        retryLimit: 2,
        expireInSeconds: 4 * 60 * 60, // five million rows take a while
        concurrency: 2,
        handler: async (data: Record<string, unknown>) => runExport(db, deps, registry, String(data.exportId)),
      },
      [EXPORT_MAINTAIN]: { policy: 'stately' as const, handler: async () => void (await maintainExports(db, deps)) },
    },
    schedules: [{ name: EXPORT_MAINTAIN, cron: '*/10 * * * *' }],
  };
}
