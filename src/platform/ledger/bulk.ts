import { sql, rows, type Executor } from '../db/index.js';
import { clock } from '../clock.js';
import { money, CASH_SCALE, CURRENCY, ZERO, type Money } from '../money.js';
import { refused } from '../errors.js';

/**
 * Set-based postings for batch jobs (usage rating, monthly bills): ONE posting that moves many accounts —
 * thousands of customer balances and a revenue account — in a fixed number of statements, where `post` takes
 * one statement per account. Same rules as `post` (README): lines sum to exactly zero, no zero line, at most
 * `scale` decimals, known accounts of one currency, every touched account's floor checked under its row lock,
 * idempotent on the key (a replay with the same lines returns the first posting and changes nothing; other
 * lines → `ledger.idempotency-conflict`), and a floor refusal (`ledger.insufficient-balance`) leaves nothing.
 *
 * Statements: (1) record the posting row (`INSERT … ON CONFLICT (idempotency_key) DO NOTHING`) and check the
 * accounts; (2) lock every account in id order (`SELECT … ORDER BY id FOR UPDATE`, the same order `post` uses,
 * so the two never deadlock), check every floor, and — only when none is broken — move every balance and insert
 * every line, in one statement; a refusal then deletes the posting row. Line `balance_after` is the locked
 * balance plus the running sum of that account's lines in input order (line ids follow the input order).
 */

export interface BulkPostInput {
  idempotencyKey: string;
  kind: string;
  memo?: string | null;
  partnerId?: string | null;
  actor?: { kind: string; id: string | null };
  meta?: Record<string, unknown>;
  /** Signed amounts (+ credit, − debit) summing to zero. */
  lines: { account: string; amount: string | Money }[];
  scale?: 2 | 8;
}

export interface BulkPostResult {
  postingId: string;
  createdAt: Date;
  replayed: boolean;
  lines: number;
  accounts: number;
}

function normalize(input: BulkPostInput): { account: string; amount: Money }[] {
  const scale = input.scale ?? CASH_SCALE;
  if (scale !== 2 && scale !== 8) throw new Error(`ledger: scale must be 2 or 8, got ${String(scale)}`);
  if (!input.idempotencyKey || input.idempotencyKey.length > 200) throw new Error('ledger: idempotencyKey must be 1–200 characters');
  if (!input.kind) throw new Error('ledger: kind is required');
  if (input.lines.length < 2) throw new Error('ledger: a posting needs at least two lines');
  let total = ZERO;
  const lines = input.lines.map((l) => {
    const amount = money(l.amount);
    if (!amount.isFinite()) throw new Error(`ledger: amount ${String(l.amount)} is not finite`);
    if (amount.isZero()) throw new Error(`ledger: zero line for ${l.account}`);
    if (amount.decimalPlaces() > scale) throw new Error(`ledger: amount ${amount.toFixed()} has more than ${scale} decimals`);
    total = total.plus(amount);
    return { account: l.account, amount };
  });
  if (!total.isZero()) throw new Error(`ledger: posting ${input.idempotencyKey} is unbalanced by ${total.toFixed()}`);
  return lines;
}

const signature = (lines: { account: string; amount: Money | string }[]) =>
  lines
    .map((l) => `${l.account}=${money(l.amount).toFixed()}`)
    .sort()
    .join('|');

/** Record one balanced posting over many accounts in the caller's transaction (see the file comment). */
export async function postBulk(tx: Executor, input: BulkPostInput): Promise<BulkPostResult> {
  const lines = normalize(input);
  const codes = lines.map((l) => l.account);
  const amounts = lines.map((l) => l.amount.toFixed());
  const distinct = new Set(codes).size;
  const now = clock.now();
  const at = now.toISOString();
  const meta = JSON.stringify(input.meta ?? {});

  const [head] = await rows<{ posting_id: string | null; found: number; currencies: number }>(
    tx,
    sql`WITH ins AS (
          INSERT INTO ledger_postings (idempotency_key, kind, memo, partner_id, actor_kind, actor_id, created_at, meta)
          VALUES (${input.idempotencyKey}, ${input.kind}, ${input.memo ?? null}, ${input.partnerId ?? null}::uuid,
                  ${input.actor?.kind ?? null}, ${input.actor?.id ?? null}::uuid, ${at}::timestamptz, ${meta}::jsonb)
          ON CONFLICT (idempotency_key) DO NOTHING
          RETURNING id)
        SELECT (SELECT id FROM ins) AS posting_id, count(*)::int AS found, count(DISTINCT currency)::int AS currencies
        FROM ledger_accounts WHERE code = ANY(${sql.param([...new Set(codes)])}::text[])`,
  );
  const postingId = head!.posting_id;
  const drop = async () => {
    if (postingId) await tx.execute(sql`DELETE FROM ledger_postings WHERE id = ${postingId}::uuid`);
  };
  if (head!.found !== distinct) {
    await drop();
    const known = new Set(
      (await rows<{ code: string }>(tx, sql`SELECT code FROM ledger_accounts WHERE code = ANY(${sql.param([...new Set(codes)])}::text[])`)).map((r) => r.code),
    );
    throw new Error(`ledger: unknown account(s) ${[...new Set(codes)].filter((c) => !known.has(c)).join(', ')} (call ensureAccount first)`);
  }
  if (head!.currencies > 1) {
    await drop();
    throw new Error('ledger: a posting cannot mix currencies');
  }

  if (!postingId) {
    const [first] = await rows<{ id: string; kind: string; created_at: Date; lines: { account: string; amount: string }[] | null }>(
      tx,
      sql`SELECT p.id, p.kind, p.created_at,
                 (SELECT json_agg(json_build_object('account', a.code, 'amount', l.amount::text))
                  FROM ledger_posting_lines l JOIN ledger_accounts a ON a.id = l.account_id WHERE l.posting_id = p.id) AS lines
          FROM ledger_postings p WHERE p.idempotency_key = ${input.idempotencyKey}`,
    );
    if (!first) throw new Error(`ledger: posting ${input.idempotencyKey} conflicted but cannot be read`);
    if (first.kind !== input.kind || signature(first.lines ?? []) !== signature(lines)) {
      throw refused(
        'ledger.idempotency-conflict',
        { zh: '该请求编号已用于另一笔不同的记账', en: 'This request id was already used for a different posting' },
        { idempotencyKey: input.idempotencyKey },
      );
    }
    return { postingId: first.id, createdAt: new Date(first.created_at), replayed: true, lines: first.lines?.length ?? 0, accounts: distinct };
  }

  // Lock in id order, check every floor against the net move, and move + write lines only if none is broken.
  const [r] = await rows<{ moved: number; inserted: number; bad_code: string | null; bad_balance: string | null; bad_delta: string | null }>(
    tx,
    sql`WITH l AS (
          SELECT n, code, amount,
                 sum(amount) OVER (PARTITION BY code ORDER BY n) AS run,
                 sum(amount) OVER (PARTITION BY code) AS delta
          FROM unnest(${sql.param(codes)}::text[], ${sql.param(amounts)}::numeric[]) WITH ORDINALITY AS x(code, amount, n)
        ),
        d AS (SELECT DISTINCT code, delta FROM l),
        locked AS (
          SELECT a.id, a.code, a.balance, a.floor, d.delta
          FROM ledger_accounts a JOIN d ON d.code = a.code
          ORDER BY a.id
          FOR UPDATE OF a
        ),
        bad AS (
          SELECT code, balance, delta FROM locked
          WHERE floor IS NOT NULL AND balance + delta < floor
          ORDER BY id LIMIT 1
        ),
        upd AS (
          UPDATE ledger_accounts a
          SET balance = a.balance + k.delta, version = a.version + 1, updated_at = ${at}::timestamptz
          FROM locked k
          WHERE a.id = k.id AND NOT EXISTS (SELECT 1 FROM bad)
          RETURNING a.id
        ),
        ins AS (
          INSERT INTO ledger_posting_lines (posting_id, account_id, amount, balance_after, created_at)
          SELECT ${postingId}::uuid, k.id, l.amount, k.balance + l.run, ${at}::timestamptz
          FROM l JOIN locked k ON k.code = l.code
          WHERE NOT EXISTS (SELECT 1 FROM bad)
          ORDER BY l.n
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM upd)::int AS moved, (SELECT count(*) FROM ins)::int AS inserted,
               (SELECT code FROM bad) AS bad_code, (SELECT balance::text FROM bad) AS bad_balance, (SELECT delta::text FROM bad) AS bad_delta`,
  );
  if (r!.bad_code !== null) {
    await drop();
    throw refused(
      'ledger.insufficient-balance',
      { zh: '余额不足', en: 'Insufficient balance' },
      { account: r!.bad_code, balance: money(r!.bad_balance!).toFixed(CASH_SCALE), amount: money(r!.bad_delta!).negated().toFixed(CASH_SCALE) },
    );
  }
  if (r!.moved !== distinct || r!.inserted !== lines.length) throw new Error(`ledger: bulk posting ${input.idempotencyKey} moved ${r!.moved}/${distinct} accounts, ${r!.inserted}/${lines.length} lines`);
  return { postingId, createdAt: now, replayed: false, lines: lines.length, accounts: distinct };
}

/**
 * Create many accounts at once if they do not exist (the set-based `ensureAccount`); an existing account keeps
 * its floor, and one with a different owner or currency is a bug (thrown).
 */
export async function ensureAccounts(
  tx: Executor,
  accounts: { code: string; ownerKind: string; ownerId?: string | null; partnerId?: string | null; floor: string | Money | null; currency?: string }[],
): Promise<void> {
  if (!accounts.length) return;
  const CODE_RE = /^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)+$/;
  for (const a of accounts) if (!CODE_RE.test(a.code)) throw new Error(`ledger: malformed account code "${a.code}"`);
  const now = clock.now().toISOString();
  const col = <T>(f: (a: (typeof accounts)[number]) => T) => sql.param(accounts.map(f));
  const wrong = await rows<{ code: string }>(
    tx,
    sql`WITH want AS (
          SELECT * FROM unnest(${col((a) => a.code)}::text[], ${col((a) => a.ownerKind)}::text[], ${col((a) => a.ownerId ?? null)}::uuid[],
                               ${col((a) => a.partnerId ?? null)}::uuid[], ${col((a) => a.currency ?? CURRENCY)}::text[],
                               ${col((a) => (a.floor === null ? null : money(a.floor).toFixed()))}::numeric[])
                   AS w(code, owner_kind, owner_id, partner_id, currency, floor)
        ),
        ins AS (
          INSERT INTO ledger_accounts (code, owner_kind, owner_id, partner_id, currency, floor, created_at, updated_at)
          SELECT DISTINCT ON (code) code, owner_kind, owner_id, partner_id, currency, floor, ${now}::timestamptz, ${now}::timestamptz FROM want
          ORDER BY code
          ON CONFLICT (code) DO NOTHING
          RETURNING code)
        SELECT w.code FROM want w JOIN ledger_accounts a ON a.code = w.code
        WHERE a.owner_kind <> w.owner_kind OR a.owner_id IS DISTINCT FROM w.owner_id OR a.partner_id IS DISTINCT FROM w.partner_id OR a.currency <> w.currency`,
  );
  if (wrong.length) throw new Error(`ledger: account ${wrong[0]!.code} already exists with a different owner or currency`);
}
