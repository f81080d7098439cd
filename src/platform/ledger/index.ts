import { asc, count, desc, eq } from 'drizzle-orm';
import { sql, rows, type Executor } from '../db/index.js';
import { clock } from '../clock.js';
import { money, sum, CASH_SCALE, INCENTIVE_SCALE, CURRENCY, type Money } from '../money.js';
import { refused } from '../errors.js';
import { actorLabel, type Actor } from '../context.js';
import { ledgerAccounts, ledgerPostings, ledgerPostingLines, type LedgerAccountRow, type LedgerPostingRow } from './schema.js';

export { ledgerAccounts, ledgerPostings, ledgerPostingLines } from './schema.js';

/* ------------------------------------------------------------------ types */

export interface LedgerAccount {
  id: string;
  code: string;
  ownerKind: string;
  ownerId: string | null;
  partnerId: string | null;
  currency: string;
  balance: string;
  floor: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PostingLine {
  account: string; // account code
  accountId: string;
  amount: string; // signed
  balanceAfter: string;
}

export interface Posting {
  id: string;
  idempotencyKey: string;
  kind: string;
  memo: string | null;
  partnerId: string | null;
  actorKind: string | null;
  actorId: string | null;
  createdAt: Date;
  meta: Record<string, unknown>;
  lines: PostingLine[];
}

/** Who caused a posting: the request's actor, or an explicit reference (jobs). */
export type ActorRef = { kind: string; id: string | null };

export interface PostInput {
  /** A repeat with the same key returns the first posting and changes nothing. */
  idempotencyKey: string;
  kind: string; // e.g. "customer.allocation"
  memo?: string | null;
  partnerId?: string | null;
  actor?: Actor | ActorRef;
  meta?: Record<string, unknown>;
  /** Signed amounts: + credits the account, − debits it. They must sum to zero. */
  lines: { account: string; amount: string | Money }[];
  /** Decimal places allowed in amounts: 2 for cash (default), 8 for incentive amounts. */
  scale?: typeof CASH_SCALE | typeof INCENTIVE_SCALE;
  /**
   * Called once the posting row is recorded (never on a replay) and before any account is locked:
   * write the business rows that point at the posting here, so the accounts' row locks, held until
   * commit, cover as little as possible. A floor refusal after it throws; let it roll your transaction
   * back (the ledger removes its own rows, not yours).
   */
  beforeBalances?: (posting: { id: string; createdAt: Date }) => Promise<void>;
}

export interface EnsureAccountInput {
  code: string;
  ownerKind: string;
  ownerId?: string | null;
  partnerId?: string | null;
  /** Lowest balance a debit may leave: "0" for a balance that cannot go negative, null for none. */
  floor: string | Money | null;
  currency?: string;
}

/* ------------------------------------------------------------------ helpers */

/** Account codes are "<owner kind>:<owner id>:<purpose>", e.g. accountCode('partner', id, 'allocatable'). */
export function accountCode(ownerKind: string, ownerId: string | null, purpose: string): string {
  return ownerId ? `${ownerKind}:${ownerId}:${purpose}` : `${ownerKind}:${purpose}`;
}

/** Exact string for callers: at least 2 decimals ("100.00"), more only when the value has them. */
export function canonical(m: Money | string): string {
  const v = typeof m === 'string' ? money(m) : m;
  return v.decimalPlaces() <= CASH_SCALE ? v.toFixed(CASH_SCALE) : v.toFixed();
}

function toAccount(r: LedgerAccountRow): LedgerAccount {
  return {
    id: r.id,
    code: r.code,
    ownerKind: r.ownerKind,
    ownerId: r.ownerId,
    partnerId: r.partnerId,
    currency: r.currency,
    balance: canonical(r.balance),
    floor: r.floor === null ? null : canonical(r.floor),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function toActorRef(actor: Actor | ActorRef | undefined): ActorRef | null {
  if (!actor) return null;
  if ('id' in actor) return actor;
  return actorLabel(actor);
}

const CODE_RE = /^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)+$/;

/* ------------------------------------------------------------------ accounts */

/**
 * Create the account if it does not exist (safe under concurrency). An existing account
 * keeps its floor (use setFloor to change it); a different owner for the same code is a bug.
 */
export async function ensureAccount(tx: Executor, input: EnsureAccountInput): Promise<LedgerAccount> {
  if (!CODE_RE.test(input.code)) throw new Error(`ledger: malformed account code "${input.code}"`);
  const now = clock.now();
  const currency = input.currency ?? CURRENCY;
  await tx
    .insert(ledgerAccounts)
    .values({
      code: input.code,
      ownerKind: input.ownerKind,
      ownerId: input.ownerId ?? null,
      partnerId: input.partnerId ?? null,
      currency,
      floor: input.floor === null ? null : money(input.floor).toFixed(),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: ledgerAccounts.code });
  const [row] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, input.code));
  if (!row) throw new Error(`ledger: account ${input.code} vanished`);
  if (
    row.ownerKind !== input.ownerKind ||
    row.ownerId !== (input.ownerId ?? null) ||
    row.partnerId !== (input.partnerId ?? null) ||
    row.currency !== currency
  ) {
    throw new Error(`ledger: account ${input.code} already exists with a different owner or currency`);
  }
  return toAccount(row);
}

export async function getAccount(ex: Executor, code: string): Promise<LedgerAccount | null> {
  const [row] = await ex.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, code));
  return row ? toAccount(row) : null;
}

/**
 * Change an account's floor (e.g. a credit limit is a negative floor). Refused when the current
 * balance already lies below the new floor, so "no balance below its floor" always holds.
 */
export async function setFloor(tx: Executor, code: string, floor: string | Money | null): Promise<LedgerAccount> {
  const [row] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, code)).for('update');
  if (!row) throw new Error(`ledger: unknown account ${code}`);
  if (floor !== null && money(row.balance).lt(money(floor))) {
    throw refused(
      'ledger.floor-above-balance',
      { zh: '余额已低于新的下限', en: 'The balance is already below the new floor' },
      { account: code, balance: canonical(row.balance), floor: canonical(money(floor)) },
    );
  }
  const [updated] = await tx
    .update(ledgerAccounts)
    .set({ floor: floor === null ? null : money(floor).toFixed(), updatedAt: clock.now(), version: sql`${ledgerAccounts.version} + 1` })
    .where(eq(ledgerAccounts.id, row.id))
    .returning();
  return toAccount(updated!);
}

/** The stored balance ("100.00"); an account that was never created holds nothing: "0.00". */
export async function balanceOf(ex: Executor, code: string): Promise<string> {
  const [row] = await ex.select({ balance: ledgerAccounts.balance }).from(ledgerAccounts).where(eq(ledgerAccounts.code, code));
  return canonical(row?.balance ?? '0');
}

/* ------------------------------------------------------------------ posting */

interface NormalizedLine {
  account: string;
  amount: Money;
}

/** Structural rules of a posting. Breaking one is a programming error, not a user refusal. */
function normalizeLines(input: PostInput): NormalizedLine[] {
  const scale = input.scale ?? CASH_SCALE;
  if (scale !== CASH_SCALE && scale !== INCENTIVE_SCALE) throw new Error(`ledger: scale must be 2 or 8, got ${scale}`);
  if (!input.idempotencyKey || input.idempotencyKey.length > 200) throw new Error('ledger: idempotencyKey must be 1–200 characters');
  if (!input.kind) throw new Error('ledger: kind is required');
  if (input.lines.length < 2) throw new Error('ledger: a posting needs at least two lines');
  const lines = input.lines.map((l) => {
    const amount = money(l.amount);
    if (!amount.isFinite()) throw new Error(`ledger: amount ${l.amount} is not finite`);
    if (amount.isZero()) throw new Error(`ledger: zero line for ${l.account}`);
    if (amount.decimalPlaces() > scale) throw new Error(`ledger: amount ${amount.toFixed()} has more than ${scale} decimals`);
    return { account: l.account, amount };
  });
  const total = sum(lines.map((l) => l.amount));
  if (!total.isZero()) throw new Error(`ledger: posting ${input.idempotencyKey} is unbalanced by ${total.toFixed()}`);
  return lines;
}

function lineSignature(lines: { account: string; amount: Money | string }[]): string {
  return lines
    .map((l) => `${l.account}=${money(l.amount).toFixed()}`)
    .sort()
    .join('|');
}

async function loadPosting(ex: Executor, row: LedgerPostingRow): Promise<Posting> {
  const lines = await ex
    .select({
      account: ledgerAccounts.code,
      accountId: ledgerPostingLines.accountId,
      amount: ledgerPostingLines.amount,
      balanceAfter: ledgerPostingLines.balanceAfter,
    })
    .from(ledgerPostingLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerPostingLines.accountId))
    .where(eq(ledgerPostingLines.postingId, row.id))
    .orderBy(asc(ledgerPostingLines.id));
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    kind: row.kind,
    memo: row.memo,
    partnerId: row.partnerId,
    actorKind: row.actorKind,
    actorId: row.actorId,
    createdAt: row.createdAt,
    meta: row.meta,
    lines: lines.map((l) => ({ ...l, amount: canonical(l.amount), balanceAfter: canonical(l.balanceAfter) })),
  };
}

async function findPostingRow(ex: Executor, idempotencyKey: string): Promise<LedgerPostingRow | undefined> {
  const [row] = await ex.select().from(ledgerPostings).where(eq(ledgerPostings.idempotencyKey, idempotencyKey));
  return row;
}

/** The posting recorded under an idempotency key, if any. */
export async function findPosting(ex: Executor, idempotencyKey: string): Promise<Posting | null> {
  const row = await findPostingRow(ex, idempotencyKey);
  return row ? loadPosting(ex, row) : null;
}

async function replay(ex: Executor, row: LedgerPostingRow, input: PostInput, lines: NormalizedLine[]) {
  const posting = await loadPosting(ex, row);
  if (posting.kind !== input.kind || lineSignature(posting.lines) !== lineSignature(lines)) {
    throw refused(
      'ledger.idempotency-conflict',
      { zh: '该请求编号已用于另一笔不同的记账', en: 'This request id was already used for a different posting' },
      { idempotencyKey: input.idempotencyKey },
    );
  }
  return { posting, replayed: true };
}

interface AccountRef {
  id: string;
  code: string;
  currency: string;
}

/** One account's balance move, its floor check and its row lock in one statement; `before` is read under the lock. */
function moveBalance(accountId: string, delta: Money, at: string) {
  return sql`prev AS (SELECT balance, updated_at FROM ledger_accounts WHERE id = ${accountId}::uuid FOR UPDATE),
    upd AS (UPDATE ledger_accounts a
            SET balance = a.balance + ${delta.toFixed()}::numeric, version = a.version + 1, updated_at = ${at}::timestamptz
            FROM prev
            WHERE a.id = ${accountId}::uuid AND (a.floor IS NULL OR a.balance + ${delta.toFixed()}::numeric >= a.floor)
            RETURNING a.balance)`;
}

type Moved = { before: string; updated_at: string; after: string | null };
const MOVED = sql`SELECT prev.balance::text AS before, prev.updated_at::text AS updated_at, (SELECT balance::text FROM upd) AS after FROM prev`;

/**
 * Record one balanced posting in the caller's transaction.
 *
 * The accounts' row locks are held until the caller commits, and a busy account (a partner's
 * 可拨款账户) serialises every posting that touches it, so the locks are taken as late and for as
 * few statements as possible (issue 4: ≥ 500 allocations/s on one partner):
 * (1) one statement, taking no account lock, records the posting row (INSERT … ON CONFLICT DO NOTHING
 *     on the key: a concurrent twin waits for the first and then replays it) and reads the account ids;
 * (2) `beforeBalances` lets the caller write its own rows (they point at the posting) still unlocked;
 * (3) one statement per account, in id order so two postings over the same accounts never deadlock,
 *     locks it, checks its floor and moves its balance; the last one also inserts every line.
 * A floor refusal puts the balances already moved back exactly (balance, version, updated_at) and
 * deletes the posting row, so nothing of it remains even if the caller catches the refusal and commits.
 */
export async function post(tx: Executor, input: PostInput): Promise<{ posting: Posting; replayed: boolean }> {
  const lines = normalizeLines(input);
  const codes = [...new Set(lines.map((l) => l.account))];
  const now = clock.now();
  const at = now.toISOString();
  const actor = toActorRef(input.actor);
  const meta = JSON.parse(JSON.stringify(input.meta ?? {})) as Record<string, unknown>;

  const [head] = await rows<{ posting_id: string | null; accounts: AccountRef[] | null }>(
    tx,
    sql`WITH ins AS (
          INSERT INTO ledger_postings (idempotency_key, kind, memo, partner_id, actor_kind, actor_id, created_at, meta)
          VALUES (${input.idempotencyKey}, ${input.kind}, ${input.memo ?? null}, ${input.partnerId ?? null}::uuid,
                  ${actor?.kind ?? null}, ${actor?.id ?? null}::uuid, ${at}::timestamptz, ${JSON.stringify(meta)}::jsonb)
          ON CONFLICT (idempotency_key) DO NOTHING
          RETURNING id)
        SELECT (SELECT id FROM ins) AS posting_id,
               (SELECT json_agg(json_build_object('id', id, 'code', code, 'currency', currency) ORDER BY id)
                FROM ledger_accounts WHERE code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})) AS accounts`,
  );
  const postingId = head?.posting_id ?? null;
  const accounts = head?.accounts ?? [];
  const drop = async () => {
    if (postingId) await tx.execute(sql`DELETE FROM ledger_postings WHERE id = ${postingId}::uuid`);
  };
  if (accounts.length !== codes.length) {
    await drop();
    const found = new Set(accounts.map((a) => a.code));
    throw new Error(`ledger: unknown account(s) ${codes.filter((c) => !found.has(c)).join(', ')} (call ensureAccount first)`);
  }
  if (new Set(accounts.map((a) => a.currency)).size > 1) {
    await drop();
    throw new Error('ledger: a posting cannot mix currencies');
  }
  if (!postingId) {
    const twin = await findPostingRow(tx, input.idempotencyKey);
    if (!twin) throw new Error(`ledger: posting ${input.idempotencyKey} conflicted but cannot be read`);
    return replay(tx, twin, input, lines);
  }

  await input.beforeBalances?.({ id: postingId, createdAt: now });

  // Per account: its net move, and per line the running sum of that account's lines up to it.
  const byCode = new Map(accounts.map((a) => [a.code, { ...a, delta: money(0) }]));
  const running = lines.map((l) => {
    const s = byCode.get(l.account)!;
    s.delta = s.delta.plus(l.amount);
    return s.delta;
  });
  const before = new Map<string, Money>();
  const moved: { id: string; before: string; updatedAt: string }[] = [];
  const refuse = async (account: AccountRef & { delta: Money }, r: Moved) => {
    for (const m of moved.reverse()) {
      await tx.execute(
        sql`UPDATE ledger_accounts SET balance = ${m.before}::numeric, version = version - 1, updated_at = ${m.updatedAt}::timestamptz WHERE id = ${m.id}::uuid`,
      );
    }
    await drop();
    return refused(
      'ledger.insufficient-balance',
      { zh: '余额不足', en: 'Insufficient balance' },
      { account: account.code, balance: canonical(r.before), amount: canonical(account.delta.negated()) },
    );
  };

  const ordered = [...byCode.values()];
  for (const [i, account] of ordered.entries()) {
    const last = i === ordered.length - 1;
    let tail = MOVED;
    if (last) {
      // The last account's statement also inserts all lines (in input order, so line ids follow the
      // balance's movement); a line on this account gets its balance from the locked row.
      const values = lines.map((l, n) => {
        const b = before.get(l.account);
        return sql`(${n}, ${byCode.get(l.account)!.id}::uuid, ${l.amount.toFixed()}::numeric, ${running[n]!.toFixed()}::numeric, ${b ? b.plus(running[n]!).toFixed() : null}::numeric)`;
      });
      tail = sql`, ins AS (
          INSERT INTO ledger_posting_lines (posting_id, account_id, amount, balance_after, created_at)
          SELECT ${postingId}::uuid, v.account_id, v.amount, COALESCE(v.balance_after, prev.balance + v.run), ${at}::timestamptz
          FROM (VALUES ${sql.join(values, sql`, `)}) AS v(n, account_id, amount, run, balance_after) CROSS JOIN prev
          WHERE EXISTS (SELECT 1 FROM upd)
          ORDER BY v.n
          RETURNING id)
        ${MOVED}`;
    } else {
      tail = sql` ${MOVED}`;
    }
    const [r] = await rows<Moved>(tx, sql`WITH ${moveBalance(account.id, account.delta, at)}${tail}`);
    if (!r) throw new Error(`ledger: account ${account.code} vanished`);
    if (r.after === null) throw await refuse(account, r);
    before.set(account.code, money(r.before));
    moved.push({ id: account.id, before: r.before, updatedAt: r.updated_at });
  }

  const posting: Posting = {
    id: postingId,
    idempotencyKey: input.idempotencyKey,
    kind: input.kind,
    memo: input.memo ?? null,
    partnerId: input.partnerId ?? null,
    actorKind: actor?.kind ?? null,
    actorId: actor?.id ?? null,
    createdAt: now,
    meta,
    lines: lines.map((l, n) => ({
      account: l.account,
      accountId: byCode.get(l.account)!.id,
      amount: canonical(l.amount),
      balanceAfter: canonical(before.get(l.account)!.plus(running[n]!)),
    })),
  };
  return { posting, replayed: false };
}

/* ------------------------------------------------------------------ reading */

export interface AccountLine {
  lineId: number;
  postingId: string;
  idempotencyKey: string;
  kind: string;
  memo: string | null;
  amount: string;
  balanceAfter: string;
  createdAt: Date;
}

/** An account's lines, newest first (收支明细). Page numbers start at 1. */
export async function accountLines(
  ex: Executor,
  code: string,
  opts: { page?: number; pageSize?: number } = {},
): Promise<{ total: number; page: number; pageSize: number; items: AccountLine[] }> {
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = Math.min(1000, Math.max(1, Math.trunc(opts.pageSize ?? 20)));
  const [account] = await ex.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.code, code));
  if (!account) return { total: 0, page, pageSize, items: [] };
  const [{ n } = { n: 0 }] = await ex
    .select({ n: count() })
    .from(ledgerPostingLines)
    .where(eq(ledgerPostingLines.accountId, account.id));
  const items = await ex
    .select({
      lineId: ledgerPostingLines.id,
      postingId: ledgerPostingLines.postingId,
      idempotencyKey: ledgerPostings.idempotencyKey,
      kind: ledgerPostings.kind,
      memo: ledgerPostings.memo,
      amount: ledgerPostingLines.amount,
      balanceAfter: ledgerPostingLines.balanceAfter,
      createdAt: ledgerPostingLines.createdAt,
    })
    .from(ledgerPostingLines)
    .innerJoin(ledgerPostings, eq(ledgerPostings.id, ledgerPostingLines.postingId))
    .where(eq(ledgerPostingLines.accountId, account.id))
    .orderBy(desc(ledgerPostingLines.createdAt), desc(ledgerPostingLines.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    total: Number(n),
    page,
    pageSize,
    items: items.map((i) => ({ ...i, amount: canonical(i.amount), balanceAfter: canonical(i.balanceAfter) })),
  };
}

/* ------------------------------------------------------------------ invariants */

export interface BalanceMismatch {
  code: string;
  stored: string;
  computed: string;
}

/**
 * Recompute every balance from the posting lines and list the accounts whose stored balance
 * differs. Empty means consistent. Invariant tests of every money module call this.
 */
export async function rebuildBalances(ex: Executor): Promise<BalanceMismatch[]> {
  const found = await rows<{ code: string; stored: string; computed: string }>(
    ex,
    sql`SELECT a.code, a.balance::text AS stored, COALESCE(s.total, 0)::text AS computed
        FROM ledger_accounts a
        LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM ledger_posting_lines GROUP BY account_id) s
          ON s.account_id = a.id
        WHERE a.balance <> COALESCE(s.total, 0)
        ORDER BY a.code`,
  );
  return found.map((r) => ({ code: r.code, stored: canonical(r.stored), computed: canonical(r.computed) }));
}

/** Throws unless every balance equals its lines, every posting sums to zero and no balance is below its floor. */
export async function assertLedgerConsistent(ex: Executor): Promise<void> {
  const problems: string[] = [];
  for (const m of await rebuildBalances(ex)) problems.push(`account ${m.code}: stored ${m.stored} ≠ lines ${m.computed}`);
  const unbalanced = await rows<{ idempotency_key: string; total: string }>(
    ex,
    sql`SELECT p.idempotency_key, SUM(l.amount)::text AS total
        FROM ledger_postings p LEFT JOIN ledger_posting_lines l ON l.posting_id = p.id
        GROUP BY p.id, p.idempotency_key
        HAVING COALESCE(SUM(l.amount), 0) <> 0 OR COUNT(l.id) < 2`,
  );
  for (const u of unbalanced) problems.push(`posting ${u.idempotency_key}: lines sum to ${u.total ?? 'nothing'}`);
  const belowFloor = await rows<{ code: string; balance: string; floor: string }>(
    ex,
    sql`SELECT code, balance::text AS balance, floor::text AS floor FROM ledger_accounts WHERE floor IS NOT NULL AND balance < floor`,
  );
  for (const b of belowFloor) problems.push(`account ${b.code}: balance ${b.balance} below floor ${b.floor}`);
  if (problems.length) throw new Error(`ledger inconsistent:\n${problems.join('\n')}`);
}
