import type { Queue } from '../deps.js';
import type { JobDefinition, JobHandler } from './index.js';

/**
 * A queue that runs each job in this process right after it is sent, for tests and tools that
 * run without the pg-boss worker. `drain()` waits until everything sent so far has finished.
 * Delayed jobs are not supported (tests call the job's function after moving the clock).
 */
export class InlineQueue implements Queue {
  private pending = new Set<Promise<void>>();
  readonly errors: unknown[] = [];
  constructor(private readonly handlers: Record<string, JobHandler | JobDefinition> = {}) {}

  register(handlers: Record<string, JobHandler | JobDefinition>) {
    Object.assign(this.handlers, handlers);
  }

  async send(name: string, data: Record<string, unknown>, opts?: { startAfter?: Date }): Promise<string | null> {
    const h = this.handlers[name];
    if (!h || opts?.startAfter) return null;
    const fn = typeof h === 'function' ? h : h.handler;
    const p = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => fn(data, { id: 'inline', name }))
      .catch((err) => void this.errors.push(err))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
    return 'inline';
  }

  /** Waits for every job sent so far; a job that failed fails the caller (a test must not pass over it). */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
    if (this.errors.length) {
      const [first] = this.errors.splice(0);
      throw first;
    }
  }
}
