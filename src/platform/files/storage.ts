import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  S3Client,
  PutObjectCommand,
  GetObjectCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';

/** Where file bytes live. Metadata (name, type, size, owner) lives in the `files` table. */
export interface Storage {
  put(key: string, body: Buffer | Readable): Promise<void>;
  get(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class LocalStorage implements Storage {
  constructor(private readonly root: string) {}
  private full(key: string) {
    const p = path.resolve(this.root, key);
    if (!p.startsWith(path.resolve(this.root) + path.sep)) throw new Error('storage key escapes the root');
    return p;
  }
  async put(key: string, body: Buffer | Readable) {
    const p = this.full(key);
    await mkdir(path.dirname(p), { recursive: true });
    await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(p));
  }
  async get(key: string) {
    return createReadStream(this.full(key));
  }
  async remove(key: string) {
    await rm(this.full(key), { force: true });
  }
  async exists(key: string) {
    try {
      await stat(this.full(key));
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Any S3-compatible store (AWS S3, MinIO, OBS, …). S3 needs the length of a streamed body up
 * front, so a stream of unknown length is spooled to a temporary file first (constant memory).
 */
export class S3Storage implements Storage {
  private readonly client: S3Client;
  constructor(
    private readonly bucket: string,
    config: S3ClientConfig,
    private readonly prefix = '',
  ) {
    this.client = new S3Client(config);
  }
  private key(key: string) {
    return this.prefix + key;
  }
  async put(key: string, body: Buffer | Readable) {
    if (Buffer.isBuffer(body)) {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: body, ContentLength: body.length }));
      return;
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'pc-s3-'));
    const spool = path.join(dir, 'body');
    try {
      await pipeline(body, createWriteStream(spool));
      const { size } = await stat(spool);
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: createReadStream(spool), ContentLength: size }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  async get(key: string) {
    const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
    if (!r.Body) throw new Error(`empty body for ${key}`);
    return r.Body as Readable; // a Node Readable (IncomingMessage) in Node
  }
  async remove(key: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
  }
  async exists(key: string) {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      return true;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (err as { name?: string }).name === 'NotFound') return false;
      throw err;
    }
  }
}

/** Storage from the server configuration (config.storage). */
export function createStorage(
  cfg:
    | { kind: 'local'; dir: string }
    | { kind: 's3'; bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean },
): Storage {
  if (cfg.kind === 'local') return new LocalStorage(cfg.dir);
  return new S3Storage(cfg.bucket, {
    region: cfg.region,
    endpoint: cfg.endpoint,
    forcePathStyle: cfg.forcePathStyle,
    credentials: cfg.accessKeyId && cfg.secretAccessKey ? { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } : undefined,
  });
}
