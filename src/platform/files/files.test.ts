import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { createTestDatabase } from '../../../test/db.js';
import type { Database } from '../db/index.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { files } from './schema.js';
import { saveUpload, openFile, contentDisposition } from './service.js';
import { defineFilePurpose, MB } from './purposes.js';
import { filesRoutes } from './routes.js';
import { accountActor, buildTestApp, partnerActor, staffActor, testCtx, testDeps, type TestApp } from './testing.js';
import { SAMPLE, multipart } from '../../../test/upload.js';
import { refusal } from '../../../test/refusal.js';

const { PNG, JPG, PDF, CFB } = SAMPLE;

let database: Database;
let deps: Deps;
let storageDir: string;
let http: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps();
  storageDir = (deps.storage as unknown as { root: string }).root;
  http = await buildTestApp(database, deps, [filesRoutes]);
});
afterAll(async () => {
  await http.app.close();
  await database.close();
});

const storedObjects = async () => (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).length;
const fileRows = async () => (await database.db.select().from(files)).length;


describe('saveUpload', () => {
  const partnerId = randomUUID();
  const actor = partnerActor(partnerId);

  it('stores a licence, detecting the type from the content and hashing it', async () => {
    const view = await saveUpload(testCtx(database, deps, actor), { purpose: 'business-licence', filename: '营业执照.png', buffer: PNG });
    expect(view).toMatchObject({ name: '营业执照.png', size: PNG.length, mime: 'image/png' });
    const { file, stream } = await openFile(testCtx(database, deps, actor), view.id);
    expect(file.partnerId).toBe(partnerId);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(PNG)).toBe(true);
  });

  it('accepts .jpeg names, old .doc/.xls (OLE containers) and real .xlsx files', async () => {
    const ctx = testCtx(database, deps, actor);
    await saveUpload(ctx, { purpose: 'business-licence', filename: 'scan.JPEG', buffer: JPG });
    expect((await saveUpload(ctx, { purpose: 'specialist-material', filename: '材料.doc', buffer: CFB })).mime).toBe('application/msword');
    await saveUpload(ctx, { purpose: 'specialist-material', filename: 'sheet.xls', buffer: CFB });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['x']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await saveUpload(ctx, { purpose: 'attachment', filename: 'list.xlsx', buffer: xlsx })).mime).toContain('spreadsheetml');
  });

  it('refuses a type the purpose does not list, naming the limit', async () => {
    const before = await fileRows();
    const e = await refusal(saveUpload(testCtx(database, deps, actor), { purpose: 'business-licence', filename: 'a.gif', buffer: PNG }));
    expect(e.status).toBe(400);
    expect(e.code).toBe('file.type-not-allowed');
    expect(e.text.zh).toBe('仅支持jpg、bmp、png、pdf格式，大小不超过20MB');
    expect(await fileRows()).toBe(before);
  });

  it('refuses content that does not match the extension (a PNG renamed .pdf, text renamed .jpg)', async () => {
    const objects = await storedObjects();
    const ctx = testCtx(database, deps, actor);
    expect((await refusal(saveUpload(ctx, { purpose: 'business-licence', filename: 'x.pdf', buffer: PNG }))).code).toBe('file.type-mismatch');
    const text = Buffer.from('just some text that is not an image');
    expect((await refusal(saveUpload(ctx, { purpose: 'business-licence', filename: 'x.jpg', buffer: text }))).code).toBe('file.type-mismatch');
    // a CFB container is fine as .doc but not as .pdf
    expect((await refusal(saveUpload(ctx, { purpose: 'attachment', filename: 'x.pdf', buffer: CFB }))).code).toBe('file.type-mismatch');
    expect(await storedObjects()).toBe(objects);
  });

  it('aborts a stream over the limit and leaves neither bytes nor row behind', async () => {
    defineFilePurpose({ purpose: 'test-tiny', maxBytes: 64 * 1024, types: ['pdf'] });
    const objects = await storedObjects();
    const rowsBefore = await fileRows();
    // a PDF head followed by 100 KiB, in 4 KiB chunks, as a network upload arrives
    const chunks = [PDF, ...Array.from({ length: 25 }, () => Buffer.alloc(4096, 0x20))];
    const e = await refusal(
      saveUpload(testCtx(database, deps, actor), { purpose: 'test-tiny', filename: 'big.pdf', stream: Readable.from(chunks) }),
    );
    expect(e.code).toBe('file.too-large');
    expect(e.text.zh).toBe('仅支持pdf格式，大小不超过0.1MB');
    expect(await storedObjects()).toBe(objects);
    expect(await fileRows()).toBe(rowsBefore);
    // exactly at the limit is fine
    const exact = Buffer.concat([PDF, Buffer.alloc(64 * 1024 - PDF.length, 0x20)]);
    const ok = await saveUpload(testCtx(database, deps, actor), { purpose: 'test-tiny', filename: 'ok.pdf', buffer: exact });
    expect(ok.size).toBe(64 * 1024);
  });

  it('refuses unknown purposes, overlong names and path characters', async () => {
    const ctx = testCtx(database, deps, actor);
    expect((await refusal(saveUpload(ctx, { purpose: 'nope', filename: 'a.png', buffer: PNG }))).code).toBe('file.purpose-unknown');
    expect((await refusal(saveUpload(ctx, { purpose: 'business-licence', filename: `${'a'.repeat(300)}.png`, buffer: PNG }))).code).toBe(
      'file.name-too-long',
    );
    expect((await refusal(saveUpload(ctx, { purpose: 'business-licence', filename: '../../etc/a.png', buffer: PNG }))).code).toBe(
      'file.name-invalid',
    );
    defineFilePurpose({ purpose: 'test-names', maxBytes: MB, types: ['png'], maxNameLength: 10, forbiddenNameChars: '#%' });
    expect((await refusal(saveUpload(ctx, { purpose: 'test-names', filename: 'a#b.png', buffer: PNG }))).code).toBe('file.name-invalid');
    expect((await refusal(saveUpload(ctx, { purpose: 'test-names', filename: 'abcdefgh.png', buffer: PNG }))).code).toBe('file.name-too-long');
  });

  it('refuses anonymous uploads', async () => {
    await expect(saveUpload(testCtx(database, deps, { kind: 'anonymous' }), { purpose: 'attachment', filename: 'a.png', buffer: PNG })).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('openFile tenancy', () => {
  it("answers 404 for another partner's file and for another account's file; staff may read", async () => {
    const mine = partnerActor(randomUUID());
    const view = await saveUpload(testCtx(database, deps, mine), { purpose: 'certificate', filename: 'c.pdf', buffer: PDF });
    const other = partnerActor(randomUUID());
    await expect(openFile(testCtx(database, deps, other), view.id)).rejects.toMatchObject({ status: 404 });
    await expect(openFile(testCtx(database, deps, accountActor()), view.id)).rejects.toMatchObject({ status: 404 });
    await expect(openFile(testCtx(database, deps, mine), 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
    const { stream } = await openFile(testCtx(database, deps, staffActor(['reviewer'])), view.id);
    stream.destroy();
    // a member of the same tenant reads it
    const member = partnerActor((mine as { partnerId: string }).partnerId, { memberId: randomUUID(), isAdmin: false });
    (await openFile(testCtx(database, deps, member), view.id)).stream.destroy();

    const acct = accountActor();
    const own = await saveUpload(testCtx(database, deps, acct), { purpose: 'real-name-licence', filename: 'id.pdf', buffer: PDF });
    (await openFile(testCtx(database, deps, acct), own.id)).stream.destroy();
    await expect(openFile(testCtx(database, deps, accountActor()), own.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('routes', () => {

  it('uploads with POST /api/files and downloads with an RFC 5987 file name', async () => {
    const headers = await http.signIn(partnerActor(randomUUID()));
    const body = multipart([['purpose', 'business-licence']], { name: '营业执照 2025.pdf', body: PDF });
    const up = await http.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...headers, ...body.headers } });
    expect(up.statusCode).toBe(201);
    const view = up.json();
    expect(view).toMatchObject({ name: '营业执照 2025.pdf', size: PDF.length, mime: 'application/pdf' });

    const down = await http.app.inject({ method: 'GET', url: `/api/files/${view.id}`, headers });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="____ 2025.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照 2025.pdf')}`,
    );

    const stranger = await http.signIn(partnerActor(randomUUID()));
    expect((await http.app.inject({ method: 'GET', url: `/api/files/${view.id}`, headers: stranger })).statusCode).toBe(404);
  });

  it('answers 400 with the bilingual limit for a wrong type, and 401 when signed out', async () => {
    const headers = await http.signIn(partnerActor(randomUUID()));
    const body = multipart([['purpose', 'business-licence']], { name: 'a.png', body: PDF });
    const r = await http.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...headers, ...body.headers, 'x-lang': 'en-US' } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'file.type-mismatch', message: 'Only jpg, bmp, png, pdf files up to 20 MB are accepted' });
    const anon = await http.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: body.headers });
    expect(anon.statusCode).toBe(401);
  });

  it('builds content-disposition for quotes and ASCII names', () => {
    expect(contentDisposition('a"b.pdf')).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
    expect(contentDisposition("it's (1).pdf")).toBe(`attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`);
  });
});
