import type { Storage } from './files/storage.js';

/** Platform services a request or job can reach through its context. */
export interface Queue {
  /** Enqueue a job inside the caller's transaction when `tx` is given (so it runs only if the change commits). */
  send(name: string, data: Record<string, unknown>, opts?: { startAfter?: Date; singletonKey?: string }): Promise<string | null>;
}

export interface Deps {
  storage: Storage;
  queue: Queue;
  publicUrl: string;
}
