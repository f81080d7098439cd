import type { FastifyReply } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { eq } from 'drizzle-orm';
import { fileTypeStream } from 'file-type';
import type { Executor } from '../db/index.js';
import type { Ctx } from '../context.js';
import { actorLabel } from '../context.js';
import { requireSignedIn } from '../access/index.js';
import { clock } from '../clock.js';
import { badRequest, notFound } from '../errors.js';
import type { Storage } from './storage.js';
import { files, type FileRow } from './schema.js';
import { CONTENT_TYPES, FILE_PURPOSES, GENERATED_PURPOSE, extensionOf, type FilePurpose } from './purposes.js';
import { isUuid } from '../ids.js';

export interface UploadInput {
  purpose: string;
  filename: string;
  stream?: Readable;
  buffer?: Buffer;
}

export interface FileView {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export const toFileView = (f: FileRow): FileView => ({ id: f.id, name: f.originalName, size: f.size, mime: f.mime });

/** Enough of the head for file-type to see inside zip containers (docx/xlsx). */
const SNIFF_BYTES = 256 * 1024;
// Control characters and path separators are never part of a name we keep.
const ALWAYS_FORBIDDEN = /[\u0000-\u001f\u007f/\\]/;

/** The mime we record: old Office files are detected as OLE containers; name them by what they are. */
const MIME_BY_EXTENSION: Partial<Record<string, string>> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };

const invalid = (def: FilePurpose, code: string) => badRequest(code, def.hint, { purpose: def.purpose });

function checkName(def: FilePurpose, filename: string) {
  const name = filename.trim();
  if (!name) throw badRequest('file.name-required', { zh: '请选择要上传的文件', en: 'Choose a file to upload' });
  if (name.length > def.maxNameLength) {
    throw badRequest(
      'file.name-too-long',
      { zh: '文件名长度不能超过{max}个字符', en: 'The file name must not exceed {max} characters' },
      { max: def.maxNameLength },
    );
  }
  if (ALWAYS_FORBIDDEN.test(name) || [...def.forbiddenNameChars].some((c) => name.includes(c))) {
    throw badRequest(
      'file.name-invalid',
      { zh: '文件名不能包含特殊字符{chars}', en: 'The file name must not contain the characters {chars}' },
      { chars: def.forbiddenNameChars || '/ \\' },
    );
  }
  const ext = extensionOf(name);
  if (!ext || !def.types.includes(ext)) throw invalid(def, 'file.type-not-allowed');
  return { name, ext };
}

/** Counts and hashes the bytes going through; fails as soon as the limit is passed. */
class Meter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  constructor(private readonly limit: number, private readonly onOver: () => Error) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return cb(this.onOver());
    this.hash.update(chunk);
    cb(null, chunk);
  }
  digest() {
    return this.hash.digest('hex');
  }
}

function storageKeyFor(purpose: string): string {
  const now = clock.now();
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${purpose}/${month}/${randomUUID()}`;
}

/** Throw away what is left of an incoming stream, so the request can finish after a refusal. */
function drain(source: Readable) {
  if (!source.destroyed) {
    source.on('error', () => {});
    source.resume();
  }
}

/**
 * Store an upload for a purpose: the type is checked by content (magic bytes) and must agree with
 * the name's extension; bytes are streamed to storage while counted and hashed; going over the
 * purpose's limit aborts and leaves neither bytes nor row behind.
 */
export async function saveUpload(ctx: Ctx, input: UploadInput): Promise<FileView> {
  const actor = requireSignedIn(ctx);
  const def = FILE_PURPOSES.get(input.purpose);
  const source = input.stream ?? (input.buffer ? Readable.from([input.buffer]) : null);
  if (!source) throw new Error('saveUpload needs a stream or a buffer');
  if (!def) {
    drain(source);
    throw badRequest('file.purpose-unknown', { zh: '不支持的文件用途', en: 'Unknown file purpose' }, { purpose: input.purpose });
  }
  let name: string;
  let ext: string;
  try {
    ({ name, ext } = checkName(def, input.filename));
  } catch (e) {
    drain(source);
    throw e;
  }

  const storage = ctx.deps.storage;
  const key = storageKeyFor(def.purpose);
  let stored = false;
  try {
    const typed = await fileTypeStream(source, { sampleSize: SNIFF_BYTES });
    const detected = typed.fileType?.ext;
    if (!detected || !CONTENT_TYPES[ext as keyof typeof CONTENT_TYPES].includes(detected)) {
      drain(typed);
      throw invalid(def, 'file.type-mismatch');
    }
    const meter = new Meter(def.maxBytes, () => invalid(def, 'file.too-large'));
    typed.on('error', (e) => meter.destroy(e));
    stored = true; // from here a partial object may exist
    await storage.put(key, typed.pipe(meter));
    if (meter.bytes === 0) throw invalid(def, 'file.empty');
    const [row] = await ctx.db
      .insert(files)
      .values({
        partnerId: actor.kind === 'partner' ? actor.partnerId : null,
        ownerKind: actorLabel(actor).kind,
        ownerId: actorLabel(actor).id,
        purpose: def.purpose,
        originalName: name,
        mime: MIME_BY_EXTENSION[ext] ?? typed.fileType!.mime,
        size: meter.bytes,
        sha256: meter.digest(),
        storageKey: key,
        createdAt: clock.now(),
      })
      .returning();
    return toFileView(row!);
  } catch (e) {
    drain(source);
    if (stored) await storage.remove(key).catch(() => {});
    throw e;
  }
}

/**
 * Store a file the system produced (an export, a generated PDF). No purpose check: the content
 * is ours. Returns the row; `owner` is who it belongs to.
 */
export async function storeGeneratedFile(
  ex: Executor,
  storage: Storage,
  f: { partnerId: string | null; owner: { kind: string; id: string | null }; name: string; mime: string; body: Readable | Buffer },
): Promise<FileRow> {
  const key = storageKeyFor(GENERATED_PURPOSE);
  const meter = new Meter(Number.MAX_SAFE_INTEGER, () => new Error('unreachable'));
  const source = Buffer.isBuffer(f.body) ? Readable.from([f.body]) : f.body;
  source.on('error', (e) => meter.destroy(e));
  try {
    await storage.put(key, source.pipe(meter));
    const [row] = await ex
      .insert(files)
      .values({
        partnerId: f.partnerId,
        ownerKind: f.owner.kind,
        ownerId: f.owner.id,
        purpose: GENERATED_PURPOSE,
        originalName: f.name,
        mime: f.mime,
        size: meter.bytes,
        sha256: meter.digest(),
        storageKey: key,
        createdAt: clock.now(),
      })
      .returning();
    return row!;
  } catch (e) {
    await storage.remove(key).catch(() => {});
    throw e;
  }
}

/** A file's row without any access check (for modules that authorise by their own rules). */
export async function getFileRecord(ex: Executor, id: string): Promise<FileRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await ex.select().from(files).where(eq(files.id, id));
  return row ?? null;
}


/**
 * May this actor read this file? Staff (reviewers) read everything; inside a partner tenant every
 * member reads the tenant's files; otherwise only the owner. Another tenant's file is "not found".
 */
export function canRead(ctx: Ctx, f: FileRow): boolean {
  const a = ctx.actor;
  switch (a.kind) {
    case 'staff':
      return true;
    case 'partner':
      return f.partnerId === a.partnerId || (f.ownerKind === 'account' && f.ownerId === a.accountId);
    case 'account':
      return f.partnerId === null && f.ownerKind === 'account' && f.ownerId === a.accountId;
    default:
      return false;
  }
}

export async function openFile(ctx: Ctx, id: string): Promise<{ file: FileRow; stream: Readable }> {
  requireSignedIn(ctx);
  const file = await getFileRecord(ctx.db, id);
  if (!file || !canRead(ctx, file)) throw notFound({ zh: '文件', en: 'File' });
  return { file, stream: await ctx.deps.storage.get(file.storageKey) };
}

/** Remove a file's bytes and row (e.g. expired exports). */
export async function deleteFile(ex: Executor, storage: Storage, id: string): Promise<void> {
  const [row] = await ex.delete(files).where(eq(files.id, id)).returning();
  if (row) await storage.remove(row.storageKey);
}

/** RFC 6266 / RFC 5987 Content-Disposition, so Chinese names survive every browser. */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Send a stored file as a download (the one way files leave the server). */
export function sendStoredFile(reply: FastifyReply, file: FileRow, stream: Readable) {
  return reply
    .header('content-type', file.mime)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(file.originalName))
    .header('cache-control', 'private, no-store')
    .send(stream);
}
