import type { Storage } from './files/storage.js';
import type { ReviewRegistry } from './review/kinds.js';
import type { ExportRegistry } from './export/registry.js';
import type { Executor } from './db/index.js';

/** Platform services a request or job can reach through its context. */
export interface Queue {
  /** With `tx`, the job is enqueued inside that transaction and exists only if it commits. */
  send(name: string, data: Record<string, unknown>, opts?: { startAfter?: Date; singletonKey?: string; tx?: Executor }): Promise<string | null>;
}

export interface Deps {
  storage: Storage;
  queue: Queue;
  publicUrl: string;
  /** Every review kind of every module, registered at start (server/server.ts). */
  reviews: ReviewRegistry;
  /** Every export kind of every module. */
  exports: ExportRegistry;
}
