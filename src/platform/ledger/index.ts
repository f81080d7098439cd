import { asc, count, desc, eq } from 'drizzle-orm';
import { sql, rows, lastStatement, pgCode, pgDetail, type Executor } from '../db/index.js';
import { clock } from '../clock.js';
import { money, sum, CASH_SCALE, INCENTIVE_SCALE, CURRENCY, type Money } from '../money.js';
import { refused } from '../errors.js';
import { actorLabel, type Actor } from '../context.js';
import { ledgerAccounts, ledgerPostings, ledgerPostingLines, type LedgerAccountRow, type LedgerPostingRow } from './schema.js';

export { ledgerAccounts, ledgerPostings, ledgerPostingLines } from './schema.js';
export { postBulk, ensureAccounts, type BulkPostInput, type BulkPostResult } from './bulk.js';

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
  /**
   * Accounts to create when missing, in the posting row's own statement (as `ensureAccount` does, with
   * its owner check, but without a round trip of its own): e.g. a customer's sub-balance on its first
   * allocation. Every line's account must exist or be listed here.
   */
  open?: EnsureAccountInput[];
  /**
   * The caller's transaction ends with this posting (nothing may run on it afterwards): the balance
   * statement is its `lastStatement`, committed in the same round trip on PostgreSQL, so the accounts'
   * locks are not held across a round trip to us. A floor refusal is then raised inside that statement
   * and rolls the whole transaction back.
   */
  last?: boolean;
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

/** The row `ensureAccount` and `post`'s `open` insert for an account (created_at = updated_at = now). */
function newAccountRow(input: EnsureAccountInput, now: Date) {
  if (!CODE_RE.test(input.code)) throw new Error(`ledger: malformed account code "${input.code}"`);
  return {
    code: input.code,
    ownerKind: input.ownerKind,
    ownerId: input.ownerId ?? null,
    partnerId: input.partnerId ?? null,
    currency: input.currency ?? CURRENCY,
    floor: input.floor === null ? null : money(input.floor).toFixed(),
    createdAt: now,
    updatedAt: now,
  };
}

/** ensureAccount's rule: an existing account of the code must have the same owner, tenant and currency. */
function sameOwner(row: { ownerKind: string; ownerId: string | null; partnerId: string | null; currency: string }, input: EnsureAccountInput): boolean {
  return (
    row.ownerKind === input.ownerKind &&
    row.ownerId === (input.ownerId ?? null) &&
    row.partnerId === (input.partnerId ?? null) &&
    row.currency === (input.currency ?? CURRENCY)
  );
}

/* ------------------------------------------------------------------ accounts */

/**
 * Create the account if it does not exist (safe under concurrency). An existing account
 * keeps its floor (use setFloor to change it); a different owner for the same code is a bug.
 */
export async function ensureAccount(tx: Executor, input: EnsureAccountInput): Promise<LedgerAccount> {
  await tx.insert(ledgerAccounts).values(newAccountRow(input, clock.now())).onConflictDoNothing({ target: ledgerAccounts.code });
  const [row] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.code, input.code));
  if (!row) throw new Error(`ledger: account ${input.code} vanished`);
  if (!sameOwner(row, input)) throw new Error(`ledger: account ${input.code} already exists with a different owner or currency`);
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
  ownerKind: string;
  ownerId: string | null;
  partnerId: string | null;
}

/** id, code, currency and owner of ledger_accounts rows (or of a CTE with those columns) as one json array. */
const ACCOUNT_JSON = sql.raw(
  `json_build_object('id', id, 'code', code, 'currency', currency, 'ownerKind', owner_kind, 'ownerId', owner_id, 'partnerId', partner_id)`,
);

/** SQLSTATE of ledger_refuse(), raised by a `last` posting's balance statement. */
const FLOOR_REFUSED = 'PCL01';

function insufficient(account: string, balance: string, delta: string) {
  return refused(
    'ledger.insufficient-balance',
    { zh: '余额不足', en: 'Insufficient balance' },
    { account, balance: canonical(balance), amount: canonical(money(delta).negated()) },
  );
}

/** A posting row as the head statement records it. */
interface PostingHead {
  idempotency_key: string;
  kind: string;
  memo: string | null;
  partner_id: string | null;
  actor_kind: string | null;
  actor_id: string | null;
  meta: Record<string, unknown>;
}

function postingHead(input: Omit<PostInput, 'beforeBalances' | 'last'>, meta: Record<string, unknown>): PostingHead {
  const actor = toActorRef(input.actor);
  return { idempotency_key: input.idempotencyKey, kind: input.kind, memo: input.memo ?? null, partner_id: input.partnerId ?? null, actor_kind: actor?.kind ?? null, actor_id: actor?.id ?? null, meta };
}

/** The posting as written (nothing is re-read): its lines carry the balances after them, in line order. */
function writtenPosting(
  input: Omit<PostInput, 'beforeBalances' | 'last'>,
  id: string,
  now: Date,
  meta: Record<string, unknown>,
  lines: NormalizedLine[],
  accounts: AccountRef[],
  balanceAfter: string[],
): Posting {
  const actor = toActorRef(input.actor);
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  return {
    id,
    idempotencyKey: input.idempotencyKey,
    kind: input.kind,
    memo: input.memo ?? null,
    partnerId: input.partnerId ?? null,
    actorKind: actor?.kind ?? null,
    actorId: actor?.id ?? null,
    createdAt: now,
    meta,
    lines: lines.map((l, n) => ({ account: l.account, accountId: byCode.get(l.account)!.id, amount: canonical(l.amount), balanceAfter: balanceAfter[n]! })),
  };
}

/**
 * The first step of `post` and `postMany`, one statement taking no account lock: the missing accounts of
 * `open` (ON CONFLICT DO NOTHING, as ensureAccount), the posting rows (a key already recorded gives no id
 * back: a twin waits for the first transaction, then replays it) and the accounts of the lines. An account
 * opened by this statement is not in its snapshot: it comes from RETURNING; one a concurrent transaction
 * opened after the snapshot is read by a second statement.
 */
async function recordHeads(tx: Executor, heads: PostingHead[], codes: string[], open: Map<string, EnsureAccountInput>, now: Date) {
  const at = now.toISOString();
  const opened = [...open.values()].map((o) => newAccountRow(o, now));
  const codeArray = sql`${sql.param(codes)}::text[]`;
  const col = <K extends keyof (typeof opened)[number]>(k: K) => sql.param(opened.map((o) => o[k]));
  // the posting rows as one JSON document: any number of them is one parameter
  const [head] = await rows<{ postings: { id: string; key: string }[] | null; accounts: AccountRef[] | null }>(
    tx,
    sql`WITH ${
      opened.length
        ? sql`opened AS (
          INSERT INTO ledger_accounts (code, owner_kind, owner_id, partner_id, currency, floor, created_at, updated_at)
          SELECT v.code, v.owner_kind, v.owner_id, v.partner_id, v.currency, v.floor, ${at}::timestamptz, ${at}::timestamptz
          FROM unnest(${col('code')}::text[], ${col('ownerKind')}::text[], ${col('ownerId')}::uuid[], ${col('partnerId')}::uuid[],
                      ${col('currency')}::text[], ${col('floor')}::numeric[]) AS v(code, owner_kind, owner_id, partner_id, currency, floor)
          -- only the codes missing from the snapshot reach the unique index: its check on an existing row
          -- would wait for whoever is moving that row's balance (a busy 可拨款账户) to commit
          WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts x WHERE x.code = v.code)
          ON CONFLICT (code) DO NOTHING
          RETURNING id, code, currency, owner_kind, owner_id, partner_id),`
        : sql``
    } ins AS (
          INSERT INTO ledger_postings (idempotency_key, kind, memo, partner_id, actor_kind, actor_id, created_at, meta)
          SELECT p.idempotency_key, p.kind, p.memo, p.partner_id, p.actor_kind, p.actor_id, ${at}::timestamptz, p.meta
          FROM jsonb_to_recordset(${JSON.stringify(heads.map((h, n) => ({ ...h, n })))}::jsonb)
               AS p(n int, idempotency_key text, kind text, memo text, partner_id uuid, actor_kind text, actor_id uuid, meta jsonb)
          ORDER BY p.n
          ON CONFLICT (idempotency_key) DO NOTHING
          RETURNING id, idempotency_key)
        SELECT (SELECT json_agg(json_build_object('id', id, 'key', idempotency_key)) FROM ins) AS postings,
               (SELECT json_agg(${ACCOUNT_JSON} ORDER BY id)
                FROM (SELECT id, code, currency, owner_kind, owner_id, partner_id FROM ledger_accounts WHERE code = ANY(${codeArray})
                      ${opened.length ? sql`UNION ALL SELECT id, code, currency, owner_kind, owner_id, partner_id FROM opened` : sql``}) acc) AS accounts`,
  );
  let accounts = head?.accounts ?? [];
  if (accounts.length !== codes.length && opened.length) {
    accounts = (await rows<{ accounts: AccountRef[] | null }>(tx, sql`SELECT json_agg(${ACCOUNT_JSON} ORDER BY id) AS accounts FROM ledger_accounts WHERE code = ANY(${codeArray})`))[0]?.accounts ?? [];
  }
  return { ids: new Map((head?.postings ?? []).map((p) => [p.key, p.id])), accounts };
}

/** What is wrong with the accounts found for a posting's lines (a programming error), or null. */
function accountProblem(accounts: AccountRef[], codes: string[], open: Map<string, EnsureAccountInput>): string | null {
  if (accounts.length !== codes.length) {
    const found = new Set(accounts.map((a) => a.code));
    return `ledger: unknown account(s) ${codes.filter((c) => !found.has(c)).join(', ')} (call ensureAccount first)`;
  }
  const foreign = accounts.find((a) => open.has(a.code) && !sameOwner(a, open.get(a.code)!));
  if (foreign) return `ledger: account ${foreign.code} already exists with a different owner or currency`;
  if (new Set(accounts.map((a) => a.currency)).size > 1) return 'ledger: a posting cannot mix currencies';
  return null;
}

/**
 * The balance step of `post` and `postMany`: lines (in order, each with its posting) move their accounts.
 *
 * One statement locks every account in id order (ORDER BY below FOR UPDATE: two postings over the same
 * accounts never deadlock, nor with bulk.ts, which locks the same way), checks every floor under the locks,
 * and only when none is broken moves every balance and inserts every line (in input order, balance_after
 * from the locked balance plus the running sum of that account's lines). The locks are taken inside one
 * statement, so no round trip to the client runs while one account is locked and the next is not yet: a
 * busy 可拨款账户 is held for the rest of this statement and the commit only, wherever its id falls.
 * On a broken floor nothing moves and: 'report' returns it; 'raise' raises it inside the statement (the
 * transaction is aborted); 'last' raises it too, the statement being the transaction's `lastStatement`.
 */
export async function moveBalances(
  tx: Executor,
  accounts: AccountRef[],
  lines: { postingId: string; account: string; amount: Money }[],
  at: string,
  mode: 'report' | 'raise' | 'last',
): Promise<{ balanceAfter: string[] } | { bad: { code: string; balance: string; delta: string } }> {
  // Per account: its net move, and per line the running sum of that account's lines up to it.
  const byCode = new Map(accounts.map((a) => [a.code, { ...a, delta: money(0) }]));
  const running = lines.map((l) => {
    const a = byCode.get(l.account)!;
    a.delta = a.delta.plus(l.amount);
    return a.delta;
  });
  const moving = [...byCode.values()]; // the accounts of the lines, each once
  const statement = sql`WITH d AS (
          SELECT * FROM unnest(${sql.param(moving.map((a) => a.id))}::uuid[], ${sql.param(moving.map((a) => a.delta.toFixed()))}::numeric[]) AS d(id, delta)),
        locked AS (
          SELECT a.id, a.code, a.balance, a.floor, d.delta
          FROM ledger_accounts a JOIN d ON d.id = a.id
          ORDER BY a.id
          FOR UPDATE OF a),
        bad AS (
          SELECT code, balance, delta FROM locked
          WHERE floor IS NOT NULL AND balance + delta < floor
          ORDER BY id LIMIT 1),
        upd AS (
          UPDATE ledger_accounts a
          SET balance = a.balance + k.delta, version = a.version + 1, updated_at = ${at}::timestamptz
          FROM locked k
          WHERE a.id = k.id AND NOT EXISTS (SELECT 1 FROM bad)
          RETURNING a.id),
        l AS (
          SELECT * FROM unnest(${sql.param(lines.map((l) => l.postingId))}::uuid[], ${sql.param(lines.map((l) => byCode.get(l.account)!.id))}::uuid[],
                               ${sql.param(lines.map((l) => l.amount.toFixed()))}::numeric[], ${sql.param(running.map((x) => x.toFixed()))}::numeric[])
                        WITH ORDINALITY AS l(posting_id, account_id, amount, run, n)),
        ins AS (
          INSERT INTO ledger_posting_lines (posting_id, account_id, amount, balance_after, created_at)
          SELECT l.posting_id, l.account_id, l.amount, k.balance + l.run, ${at}::timestamptz
          FROM l JOIN locked k ON k.id = l.account_id
          WHERE NOT EXISTS (SELECT 1 FROM bad)
          ORDER BY l.n
          RETURNING 1)
        SELECT (SELECT json_object_agg(id, balance::text) FROM locked) AS before,
               (SELECT count(*) FROM upd)::int AS moved, (SELECT count(*) FROM ins)::int AS inserted,
               (SELECT code FROM bad) AS bad_code, (SELECT balance::text FROM bad) AS bad_balance, (SELECT delta::text FROM bad) AS bad_delta
               ${mode === 'report' ? sql`` : sql`, (SELECT ledger_refuse(code, balance, delta) FROM bad) AS refused`}`;
  type Moved = { before: Record<string, string> | null; moved: number; inserted: number; bad_code: string | null; bad_balance: string | null; bad_delta: string | null };
  let r: Moved | undefined;
  try {
    [r] = await rows<Moved>(tx, mode === 'last' ? lastStatement(statement) : statement);
  } catch (e) {
    if (pgCode(e) !== FLOOR_REFUSED) throw e;
    // raised by ledger_refuse (migration 0005): the transaction is aborted, with nothing of it written
    const d = JSON.parse(pgDetail(e) ?? '{}') as { account?: string; balance?: string; delta?: string };
    throw insufficient(d.account ?? '', d.balance ?? '0', d.delta ?? '0');
  }
  if (r!.bad_code !== null) return { bad: { code: r!.bad_code, balance: r!.bad_balance!, delta: r!.bad_delta! } };
  if (r!.moved !== moving.length || r!.inserted !== lines.length) {
    throw new Error(`ledger: moved ${r!.moved}/${moving.length} accounts, ${r!.inserted}/${lines.length} lines`);
  }
  const before = new Map(moving.map((a) => [a.code, money(r!.before![a.id]!)]));
  return { balanceAfter: lines.map((l, n) => canonical(before.get(l.account)!.plus(running[n]!))) };
}

/**
 * Record one balanced posting in the caller's transaction.
 *
 * The accounts' row locks are held until the caller commits, and a busy account (a partner's
 * 可拨款账户) serialises every posting that touches it, so the locks are taken as late and for as
 * few statements as possible (issue 4: ≥ 500 allocations/s on one partner):
 * (1) one statement, taking no account lock, opens the missing accounts of `open`, records the posting
 *     row (INSERT … ON CONFLICT DO NOTHING on the key: a concurrent twin waits for the first and then
 *     replays it) and reads the account ids;
 * (2) `beforeBalances` lets the caller write its own rows (they point at the posting) still unlocked;
 * (3) one statement locks every account in id order (so two postings over the same accounts never
 *     deadlock), checks every floor under the locks and, only when none is broken, moves every balance
 *     and inserts every line.
 * A floor refusal moves nothing and deletes the posting row, so nothing of it remains even if the
 * caller catches the refusal and commits. With `last`, (3) commits the transaction in its own round
 * trip and a floor refusal rolls it back.
 */
export async function post(tx: Executor, input: PostInput): Promise<{ posting: Posting; replayed: boolean }> {
  const lines = normalizeLines(input);
  const codes = [...new Set(lines.map((l) => l.account))];
  const now = clock.now();
  const at = now.toISOString();
  const meta = JSON.parse(JSON.stringify(input.meta ?? {})) as Record<string, unknown>;
  const open = new Map((input.open ?? []).map((o) => [o.code, o]));
  for (const code of open.keys()) if (!codes.includes(code)) throw new Error(`ledger: account ${code} is opened but has no line`);

  const { ids, accounts } = await recordHeads(tx, [postingHead(input, meta)], codes, open, now);
  const postingId = ids.get(input.idempotencyKey) ?? null;
  const problem = accountProblem(accounts, codes, open);
  if (problem) {
    if (postingId) await tx.execute(sql`DELETE FROM ledger_postings WHERE id = ${postingId}::uuid`);
    throw new Error(problem);
  }
  if (!postingId) {
    const twin = await findPostingRow(tx, input.idempotencyKey);
    if (!twin) throw new Error(`ledger: posting ${input.idempotencyKey} conflicted but cannot be read`);
    return replay(tx, twin, input, lines);
  }

  await input.beforeBalances?.({ id: postingId, createdAt: now });

  const moved = await moveBalances(tx, accounts, lines.map((l) => ({ ...l, postingId })), at, input.last ? 'last' : 'report');
  if ('bad' in moved) {
    // Nothing moved; the posting row goes too, so the refusal leaves nothing even if the caller commits.
    await tx.execute(sql`DELETE FROM ledger_postings WHERE id = ${postingId}::uuid`);
    throw insufficient(moved.bad.code, moved.bad.balance, moved.bad.delta);
  }
  const posting = writtenPosting(input, postingId, now, meta, lines, accounts, moved.balanceAfter);
  return { posting, replayed: false };
}

/** postMany could not record the batch as it is (a key already used, or used twice): roll back, post one by one. */
export class LedgerBatchConflict extends Error {
  constructor(readonly keys: string[]) {
    super(`ledger: batch keys already posted or repeated: ${keys.join(', ')}`);
  }
}

/**
 * Several independent postings in one transaction and a fixed number of statements (group commit: a
 * service that queues concurrent requests of one partner posts them together, so the partner's busy
 * 可拨款账户 is locked once for all of them). Each posting keeps its own key, rows and lines, and the
 * balances move exactly as `post` would move them one after the other in this order (line balance_after
 * follows that order). All or nothing: a key already posted, or twice in the batch, throws
 * `LedgerBatchConflict` before anything is locked; a broken floor raises `ledger.insufficient-balance`
 * inside the balance statement. Either way the caller rolls back and, to get each request its own
 * answer (a replay, a refusal), posts them one at a time with `post`.
 */
export async function postMany(
  tx: Executor,
  inputs: Omit<PostInput, 'beforeBalances' | 'last'>[],
  opts: { beforeBalances?: (postings: { id: string; createdAt: Date }[]) => Promise<void>; last?: boolean } = {},
): Promise<Posting[]> {
  const normalized = inputs.map((input) => normalizeLines(input));
  const keys = inputs.map((i) => i.idempotencyKey);
  const repeated = keys.filter((k, n) => keys.indexOf(k) !== n);
  if (repeated.length) throw new LedgerBatchConflict(repeated);
  const now = clock.now();
  const at = now.toISOString();
  const codes = [...new Set(normalized.flatMap((lines) => lines.map((l) => l.account)))];
  const open = new Map<string, EnsureAccountInput>();
  for (const [n, input] of inputs.entries()) {
    for (const o of input.open ?? []) {
      if (!normalized[n]!.some((l) => l.account === o.code)) throw new Error(`ledger: account ${o.code} is opened but has no line`);
      const seen = open.get(o.code);
      if (seen && !sameOwner(newAccountRow(seen, now), o)) throw new Error(`ledger: account ${o.code} opened twice with different owners`);
      open.set(o.code, o);
    }
  }
  const metas = inputs.map((input) => JSON.parse(JSON.stringify(input.meta ?? {})) as Record<string, unknown>);
  const { ids, accounts } = await recordHeads(tx, inputs.map((input, n) => postingHead(input, metas[n]!)), codes, open, now);
  if (ids.size !== inputs.length) throw new LedgerBatchConflict(keys.filter((k) => !ids.has(k)));
  const problem = accountProblem(accounts, codes, open);
  if (problem) throw new Error(problem);

  const postingIds = keys.map((k) => ids.get(k)!);
  await opts.beforeBalances?.(postingIds.map((id) => ({ id, createdAt: now })));
  const lines = normalized.flatMap((ls, n) => ls.map((l) => ({ ...l, postingId: postingIds[n]! })));
  const moved = await moveBalances(tx, accounts, lines, at, opts.last ? 'last' : 'raise');
  if ('bad' in moved) throw insufficient(moved.bad.code, moved.bad.balance, moved.bad.delta); // 'raise' never returns it
  let k = 0;
  return inputs.map((input, n) => {
    const after = normalized[n]!.map(() => moved.balanceAfter[k++]!);
    return writtenPosting(input, postingIds[n]!, now, metas[n]!, normalized[n]!, accounts, after);
  });
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
