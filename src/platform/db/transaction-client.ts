import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';

/**
 * The PostgreSQL connection of our pool: node-postgres in pipeline mode (a query is written as soon
 * as it is asked for, and the server answers in order), plus two savings on every transaction that
 * drizzle's `transaction()` opens on it:
 *
 * - BEGIN is not a round trip of its own: it is held back and written together with the
 *   transaction's first statement (a transaction that runs none sends neither BEGIN nor COMMIT).
 * - A statement marked with `lastStatement()` is written together with COMMIT. A busy row it locks
 *   (a partner's 可拨款账户) is then held for the statement and the commit only, not also for a round
 *   trip through our event loop, which under load is most of the hold (issue 4: ≥ 500 allocations/s
 *   on one partner). If the statement fails, the server answers the COMMIT with ROLLBACK; the error
 *   is the statement's. A statement after it, on the same transaction, is a bug and is refused.
 *
 * On PGlite (in process, no round trips) the marker is a plain comment and the transaction commits
 * as usual, so the same code runs on both engines.
 */

const LAST_MARK = '/*pc:last*/';

/** Mark the transaction's last statement: on PostgreSQL it commits in the same round trip. */
export function lastStatement(q: SQL): SQL {
  return sql`${sql.raw(LAST_MARK)} ${q}`;
}

type Config = string | { text: string; submit?: unknown; [k: string]: unknown };
type Result = pg.QueryResult;

const BEGIN_RE = /^begin\b/i;
const END_RE = /^(commit|rollback)$/i;

function done(command: string): Result {
  return { command, rowCount: null, oid: 0, rows: [], fields: [] } as unknown as Result;
}

export class TransactionClient extends pg.Client {
  /** BEGIN … held back until the first statement. */
  #begin: string | null = null;
  /** The last statement committed (or its failure rolled back): drizzle's COMMIT / ROLLBACK is answered here. */
  #ended = false;

  // node-postgres' query() has many overloads; ours keeps its shape and hands anything unusual through.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const c = config as Config;
    const text = typeof c === 'string' ? c : c?.text;
    const plain = typeof text === 'string' && typeof values !== 'function' && callback === undefined && !(typeof c === 'object' && typeof c.submit === 'function');
    if (!plain) {
      this.#flushBegin();
      return super.query(config as never, values as never, callback as never) as never;
    }
    const noValues = values === undefined || (Array.isArray(values) && values.length === 0);
    if (noValues && BEGIN_RE.test(text)) {
      this.#begin = text;
      this.#ended = false;
      return Promise.resolve(done('BEGIN')) as never;
    }
    if (noValues && END_RE.test(text.trim())) {
      if (this.#begin !== null || this.#ended) {
        // nothing ran (so nothing to end), or the last statement already ended the transaction
        this.#begin = null;
        this.#ended = false;
        return Promise.resolve(done(text.trim().toUpperCase())) as never;
      }
      return super.query(config as never, values as never) as never;
    }
    if (this.#ended) {
      return Promise.reject(new Error('db: a statement after the transaction\'s last statement (it has committed already)')) as never;
    }
    return this.#run(config, values, text.startsWith(LAST_MARK)) as never;
  }

  async #run(config: unknown, values: unknown, last: boolean): Promise<Result> {
    const begin = this.#begin === null ? null : super.query(this.#begin);
    this.#begin = null;
    const statement = super.query(config as never, values as never) as unknown as Promise<Result>;
    const commit = last ? super.query('COMMIT') : null;
    if (last) this.#ended = true; // whatever happens below, the server ends the transaction with this round trip
    const [b, s, k] = await Promise.allSettled([begin, statement, commit]);
    if (b.status === 'rejected') throw b.reason;
    if (s.status === 'rejected') throw s.reason;
    if (k.status === 'rejected') throw k.reason;
    return s.value;
  }

  /** A query we hand through unchanged (a callback, a cursor): its BEGIN goes first. */
  #flushBegin() {
    if (this.#begin === null) return;
    const text = this.#begin;
    this.#begin = null;
    super.query(text).catch(() => undefined); // the next query's own answer tells of a broken connection
  }
}
