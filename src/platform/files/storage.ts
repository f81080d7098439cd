import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

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
