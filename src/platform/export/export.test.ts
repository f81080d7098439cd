import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/db.js';
import type { Database } from '../db/index.js';
import type { Deps, Queue } from '../deps.js';
import { clock } from '../clock.js';
import { P } from '../access/index.js';
import { files } from '../files/schema.js';
import { buildTestApp, partnerActor, staffActor, testCtx, testDeps, RecordingQueue, type TestApp } from '../files/testing.js';
import { startJobs } from '../jobs/index.js';
import {
  createExportRegistry,
  defineExport,
  requestExport,
  runExport,
  maintainExports,
  listExports,
  openExportDownload,
  exportRoutes,
  exportJobs,
  exportJobsFor,
  maskName,
  maskPhone,
  maskEmail,
  csvCell,
  EXPORT_RUN,
} from './index.js';

interface Person {
  i: number;
  name: string;
  phone: string;
  email: string;
  remark: string;
  at: Date;
}

let database: Database;
let deps: Deps;
let queue: RecordingQueue;
let http: TestApp;
const progressSeen: number[] = [];

const people = defineExport({
  kind: 'test.people',
  title: { zh: '客户管理-客户列表', en: 'Customers' },
  columns: [
    { key: 'i', title: { zh: '序号', en: 'No.' } },
    { key: 'name', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'phone', title: { zh: '手机号', en: 'Mobile' }, mask: 'phone' },
    { key: 'email', title: { zh: '邮箱', en: 'E-mail' }, mask: 'email' },
    { key: 'remark', title: { zh: '备注', en: 'Remark' } },
    { key: 'at', title: { zh: '创建时间', en: 'Created' } },
  ],
  params: z.object({ count: z.number().int().min(1).max(100_000) }).strict(),
  permission: P.customers,
  maxRows: 20_000,
  async *rows(ex, _ctx, params): AsyncGenerator<Person> {
    for (let i = 1; i <= params.count; i++) {
      if (i === 2500) {
        // the runner has written its progress by now
        const [job] = await ex.select().from(exportJobs).where(eq(exportJobs.status, 'running'));
        progressSeen.push(job?.progressRows ?? -1);
      }
      yield {
        i,
        name: i % 2 ? `张三${i}` : `Alice ${i}`,
        phone: `138${String(i).padStart(8, '0')}`,
        email: `user${i}@example.com`,
        remark: i === 7 ? 'has "quotes", commas\nand a newline' : i === 8 ? '=HYPERLINK("x")' : `r${i}`,
        at: new Date('2025-03-01T16:00:00Z'),
      };
    }
  },
});

const adminOnly = defineExport({
  kind: 'test.admin-only',
  title: { zh: '客户列表', en: 'Customer list' },
  columns: [{ key: 'x', title: { zh: 'x', en: 'x' } }],
  access: { actor: 'partner', admin: true }, // 仅限超级管理员导出客户列表
  async *rows() {
    yield { x: 1 };
  },
});

const registry = createExportRegistry([people, adminOnly]);

beforeAll(async () => {
  database = await createTestDatabase();
  queue = new RecordingQueue();
  deps = await testDeps(queue);
  http = await buildTestApp(database, deps, [exportRoutes({ registry })]);
});
afterAll(async () => {
  await http.app.close();
  await database.close();
  clock.reset();
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** RFC 4180 parser for the test (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), out.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field || row.length) row.push(field), out.push(row);
  return out;
}

describe('masking helpers', () => {
  it('masks names, phones and e-mails as lists and exports show them', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskPhone('13800000000')).toBe('138****0000');
    expect(maskPhone('+86 13812345678')).toBe('+86 138****5678');
    expect(maskPhone('12345')).toBe('1***5');
    expect(maskEmail('alice@x.com')).toBe('a***@x.com');
    expect(maskEmail('张三@例子.cn')).toBe('张***@例子.cn');
    expect(maskEmail(null)).toBe('');
  });

  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });
});

describe('10,000-row exports', () => {
  const partnerId = randomUUID();
  const admin = partnerActor(partnerId);

  for (const format of ['csv', 'xlsx'] as const) {
    it(`streams to ${format}, masks the declared columns and stores the file`, async () => {
      progressSeen.length = 0;
      const ctx = testCtx(database, deps, admin);
      const view = await requestExport(ctx, registry, { kind: 'test.people', params: { count: 10_000 }, format });
      expect(view).toMatchObject({ status: 'running', statusName: '导出中', title: '客户管理-客户列表', downloadable: false });
      expect(queue.sent.at(-1)).toMatchObject({ name: EXPORT_RUN, data: { exportId: view.id } });

      await runExport(database.db, deps, registry, view.id);
      expect(progressSeen).toEqual([2000]);
      const listed = (await listExports(ctx, { page: 1, pageSize: 10 })).items.find((e) => e.id === view.id)!;
      expect(listed).toMatchObject({ status: 'completed', statusName: '已完成', totalRows: 10_000, progressRows: 10_000, downloadable: true });

      const { file, stream } = await openExportDownload(ctx, view.id);
      expect(file.originalName).toMatch(new RegExp(`^客户管理-客户列表_\\d{14}\\.${format}$`));
      expect(file.partnerId).toBe(partnerId);
      const bytes = await readAll(stream);
      expect(file.size).toBe(bytes.length);

      let table: string[][];
      if (format === 'csv') {
        expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
        table = parseCsv(bytes.toString('utf8').slice(1));
      } else {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        table = [];
        ws.eachRow((r) => table.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      }
      expect(table.length).toBe(10_001);
      expect(table[0]).toEqual(['序号', '客户名称', '手机号', '邮箱', '备注', '创建时间']);
      expect(table[1]).toEqual(['1', '张**', '138****0001', 'u***@example.com', 'r1', '2025/03/02 00:00:00 GMT+08:00']);
      expect(table[2]!.slice(1, 4)).toEqual(['A******', '138****0002', 'u***@example.com']);
      expect(table[7]![4]).toBe('has "quotes", commas\nand a newline');
      expect(table[8]![4]).toBe(format === 'csv' ? `'=HYPERLINK("x")` : '=HYPERLINK("x")');
      expect(table[10_000]![0]).toBe('10000');
      // nothing unmasked leaks
      expect(bytes.includes(Buffer.from('13800000001'))).toBe(false);
    }, 120_000);
  }

  it('fails with 导出失败 past the kind’s row limit and stores nothing', async () => {
    const ctx = testCtx(database, deps, admin);
    const filesBefore = (await database.db.select().from(files)).length;
    const view = await requestExport(ctx, registry, { kind: 'test.people', params: { count: 20_001 }, format: 'csv' });
    await runExport(database.db, deps, registry, view.id);
    const listed = (await listExports(ctx, { page: 1, pageSize: 50 })).items.find((e) => e.id === view.id)!;
    expect(listed).toMatchObject({ status: 'failed', statusName: '导出失败', downloadable: false });
    expect(listed.error).toBe('导出数据超过20000条，请缩小导出范围');
    expect((await database.db.select().from(files)).length).toBe(filesBefore);
    await expect(openExportDownload(ctx, view.id)).rejects.toMatchObject({ status: 409, code: 'export.not-ready' });
  });
});

describe('who may export', () => {
  it('checks the kind’s permission, access and params', async () => {
    const partnerId = randomUUID();
    const member = partnerActor(partnerId, { memberId: randomUUID(), isAdmin: false, permissions: new Set([P.home]) });
    const allowed = partnerActor(partnerId, { memberId: randomUUID(), isAdmin: false, permissions: new Set([P.customers]) });
    await expect(requestExport(testCtx(database, deps, member), registry, { kind: 'test.people', params: { count: 1 }, format: 'csv' })).rejects.toMatchObject({
      status: 403,
    });
    await requestExport(testCtx(database, deps, allowed), registry, { kind: 'test.people', params: { count: 1 }, format: 'csv' });
    // 仅限超级管理员: a member with every other permission is refused
    await expect(requestExport(testCtx(database, deps, allowed), registry, { kind: 'test.admin-only', format: 'csv' })).rejects.toMatchObject({ status: 403 });
    await expect(requestExport(testCtx(database, deps, staffActor()), registry, { kind: 'test.people', params: { count: 1 }, format: 'csv' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(requestExport(testCtx(database, deps, allowed), registry, { kind: 'nope', format: 'csv' })).rejects.toMatchObject({
      status: 400,
      code: 'export.kind-unknown',
    });
    await expect(
      requestExport(testCtx(database, deps, allowed), registry, { kind: 'test.people', params: { count: 'many' }, format: 'csv' }),
    ).rejects.toMatchObject({ status: 400, code: 'validation' });
  });
});

describe('routes', () => {
  it('creates with the toast, lists, refuses an unfinished download (409) and another tenant (404)', async () => {
    const partnerId = randomUUID();
    const h = await http.signIn(partnerActor(partnerId));
    const created = await http.app.inject({ method: 'POST', url: '/api/exports', headers: h, payload: { kind: 'test.people', params: { count: 3 }, format: 'csv' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().message).toBe('导出任务创建成功');
    const id = created.json().export.id as string;

    expect((await http.app.inject({ url: `/api/exports/${id}/download`, headers: h })).statusCode).toBe(409);
    await runExport(database.db, deps, registry, id);

    const list = (await http.app.inject({ url: '/api/exports', headers: h })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id, statusName: '已完成', downloadable: true });

    const down = await http.app.inject({ url: `/api/exports/${id}/download`, headers: h });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(down.body.split('\r\n').length).toBe(5); // header + 3 rows + final newline

    const stranger = await http.signIn(partnerActor(randomUUID()));
    expect((await http.app.inject({ url: `/api/exports/${id}/download`, headers: stranger })).statusCode).toBe(404);
    expect((await http.app.inject({ url: '/api/exports', headers: stranger })).json().total).toBe(0);

    const bad = await http.app.inject({ method: 'POST', url: '/api/exports', headers: h, payload: { kind: 'test.people', format: 'pdf' } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('maintenance', () => {
  it('re-queues exports whose job was lost and deletes records after 3 days', async () => {
    clock.set('2025-06-01T00:00:00Z');
    const ctx = testCtx(database, deps, partnerActor(randomUUID()));
    const lost = await requestExport(ctx, registry, { kind: 'test.people', params: { count: 2 }, format: 'csv' });
    const done = await requestExport(ctx, registry, { kind: 'test.people', params: { count: 2 }, format: 'csv' });
    await runExport(database.db, deps, registry, done.id);
    const fileId = (await database.db.select().from(exportJobs).where(eq(exportJobs.id, done.id)))[0]!.fileId!;

    queue.sent.length = 0;
    clock.advance(6 * 60_000);
    const r1 = await maintainExports(database.db, deps);
    expect(r1.requeued).toBeGreaterThanOrEqual(1);
    expect(queue.sent.some((s) => s.data.exportId === lost.id)).toBe(true);

    clock.advance(3 * 24 * 60 * 60_000);
    await maintainExports(database.db, deps);
    expect(await database.db.select().from(exportJobs).where(eq(exportJobs.id, done.id))).toEqual([]);
    expect(await database.db.select().from(files).where(eq(files.id, fileId))).toEqual([]);
    clock.reset();
  });
});

describe('with pg-boss', () => {
  it('runs a requested export through the export.run job', async () => {
    let jobsQueue: Queue | null = null;
    const liveDeps: Deps = { ...deps, queue: { send: (n, d, o) => jobsQueue!.send(n, d, o) } };
    const jobs = await startJobs({ database, pollingIntervalSeconds: 0.5, ...exportJobsFor(database.db, liveDeps, registry) });
    jobsQueue = jobs;
    try {
      const ctx = testCtx(database, liveDeps, partnerActor(randomUUID()));
      const view = await requestExport(ctx, registry, { kind: 'test.people', params: { count: 50 }, format: 'xlsx' });
      const end = Date.now() + 20_000;
      for (;;) {
        const [row] = await database.db.select().from(exportJobs).where(eq(exportJobs.id, view.id));
        if (row!.status === 'completed') break;
        if (Date.now() > end) throw new Error(`export still ${row!.status}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await jobs.stop();
    }
  });
});

describe('the fast paths of the XLSX export', () => {
  it('formats Beijing time exactly as formatForRecipient does, before and after 1992', async () => {
    const { beijingTime } = await import('./service.js');
    const { formatForRecipient } = await import('../notify/time.js');
    for (const iso of ['1988-07-01T03:00:00Z', '1991-12-31T16:00:00Z', '2024-02-29T15:59:59Z', '2025-03-01T16:00:00Z', '2025-12-31T23:59:59.999Z']) {
      const d = new Date(iso);
      expect(beijingTime(d)).toBe(formatForRecipient(d, 'Asia/Shanghai'));
    }
  });

  it('escapes XML and drops characters XML cannot carry', async () => {
    const { xmlText, columnLetters } = await import('./writers.js');
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('x\u0001y\tz')).toBe('xy\tz');
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
