import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/index.js';
import { P, requireAccount, requirePermission, requireStaff, STAFF_ROLES, type DataScope } from '../../../platform/access/index.js';
import { AppError, fieldError, notFound, refused } from '../../../platform/errors.js';
import { audit, auditInsert, auditInsertMany, type AuditEntry } from '../../../platform/audit/index.js';
import { GroupCommit } from '../../../platform/group-commit.js';
import { defineExport } from '../../../platform/export/index.js';
import * as ledger from '../../../platform/ledger/index.js';
import { clock } from '../../../platform/clock.js';
import { money, sum, type Money } from '../../../platform/money.js';
import type { Text } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/ids.js';
import { accounts } from '../../accounts/schema.js';
import { customerScope } from '../../org/service.js';
import { customerAssociations } from '../schema.js';
import { customerAdjustments, SCENARIOS, type AdjustmentKind, type Scenario } from './schema.js';
import {
  allocatableAccount,
  customerBalances,
  customerFundsAccount,
  customerOwnCashAccount,
  fundsAccountsToOpen,
  TOPUP_SOURCE,
} from './ledger-accounts.js';
import { checkPartnerCode, verificationRequired } from '../sensitive.js';
import { BUDGET_CHECK_JOB } from './budget.js';
import { channelProvider } from '../extensions.js';
import { activeAssociationOfCustomer, actorName, auditReveal, customerInfos, CUSTOMER, inScope, iso, pageArgs, partnerFacts, partnerKind, partnerNames, pick, requireCustomer, shown, type Association } from './shared.js';
import type { CustomerInfo } from '../common.js';

/**
 * 为客户调账 (spec 04 ops 15–17, §2.9; guide 10.4.1.2–10.4.1.3, 12.3.1.2–12.3.1.3, 13.3–13.4):
 * 拨款 moves money from the partner's 可拨款账户 to a 代售 customer's 现金账户, 回收 moves it back,
 * and an unbind (or a switch to 顾问销售) returns the whole balance as 解除关联回收. Every movement is
 * one balanced ledger posting, written in the same transaction as its 调账记录 rows; the client's
 * request id is the idempotency key, and the ledger's floors make overdrawing impossible.
 */

export const AMOUNT_RE = /^\d{1,16}(\.\d{1,2})?$/;
export const REMARK_MAX = 512; // 备注 0/512
export const BATCH_MAX = 100;

export const SCENARIO_NAMES: Record<Scenario, Text> = {
  ordinary: { zh: '普通', en: 'Ordinary' },
  earmarked: { zh: '专款专用', en: 'Earmarked' },
};

export function kindName(kind: AdjustmentKind, scenario: Scenario): Text {
  const s = SCENARIO_NAMES[scenario];
  switch (kind) {
    case 'allocation':
      return { zh: `拨款(${s.zh})`, en: `Allocation (${s.en})` };
    case 'recall':
      return { zh: `回收(${s.zh})`, en: `Recall (${s.en})` };
    case 'unbind_recall':
      return { zh: '解除关联回收', en: 'Recall on unbind' };
    case 'switch_recall':
      return { zh: '切换关联类型回收', en: 'Recall on type switch' };
  }
}

const AMOUNT_FORMAT: Text = { zh: '请输入大于0且最多两位小数的金额', en: 'Enter an amount above 0 with at most 2 decimals' };

/** Amounts are exact decimal strings with at most 2 places, above zero; anything else is refused, never rounded. */
export function parseAmount(field: string, s: unknown): Money {
  if (typeof s !== 'string' || !AMOUNT_RE.test(s.trim())) throw fieldError(field, 'customers.funds.amount-format', AMOUNT_FORMAT);
  const m = money(s.trim());
  if (m.lte(0)) throw fieldError(field, 'customers.funds.amount-format', AMOUNT_FORMAT);
  return m;
}

function serialNo(prefix: 'AD' | 'UR', at: Date): string {
  // 流水号: AD/UR + UTC yyyyMMddHHmmss + random hex (guide: AD202409060829023F2413)
  return prefix + at.toISOString().replace(/\D/g, '').slice(0, 14) + randomBytes(5).toString('hex');
}

const postingKey = (partnerId: string, requestId: string) => `customer-adjustment:${partnerId}:${requestId}`;

/* ------------------------------------------------------------------ views */

export interface AdjustmentView {
  id: string;
  serialNo: string;
  customerId: string;
  customerName: string;
  accountName: string;
  kind: AdjustmentKind;
  kindName: string;
  scenario: Scenario;
  scenarioName: string;
  amount: string;
  remark: string | null;
  operatorName: string | null;
  createdAt: string;
  postingId: string;
}

type AdjustmentRow = typeof customerAdjustments.$inferSelect;

async function views(ex: Executor, ctx: Ctx, rows: AdjustmentRow[], reveal: boolean, known?: Map<string, CustomerInfo>): Promise<AdjustmentView[]> {
  const infos = known ?? (await customerInfos(
    ex,
    rows.map((r) => r.customerAccountId),
  ));
  return rows.map((r) => {
    const who = shown(infos.get(r.customerAccountId), reveal);
    return {
      id: r.id,
      serialNo: r.serialNo,
      customerId: r.customerAccountId,
      customerName: who.customerName,
      accountName: who.accountName,
      kind: r.kind,
      kindName: pick(kindName(r.kind, r.scenario), ctx.lang),
      scenario: r.scenario,
      scenarioName: pick(SCENARIO_NAMES[r.scenario], ctx.lang),
      amount: ledger.canonical(r.amount),
      remark: r.remark,
      operatorName: r.actorName,
      createdAt: r.createdAt.toISOString(),
      postingId: r.postingId,
    };
  });
}

/* ------------------------------------------------------------------ moving money */

interface Movement {
  kind: AdjustmentKind;
  partnerId: string;
  lines: { assoc: Association; scenario: Scenario; amount: Money }[];
  remark: string | null;
  requestId: string;
  idempotencyKey: string;
  actor: { kind: string; id: string | null; name: string | null };
}

/**
 * One posting for the whole movement (a batch too), so its accounts are locked once, in the
 * ledger's id order: parallel batches and single adjustments never deadlock. Returns the 调账记录
 * rows and the posting (its lines carry each account's balance after it); a replay returns the rows
 * written the first time. The partner's 可拨款账户 row is hot (every adjustment of the partner waits
 * for its lock, held until commit), so everything else comes before it, in as few round trips as
 * possible: the accounts are opened in the posting row's own statement (`open`), and the 调账记录 rows
 * and the audit entry (`audit`) are one statement in the ledger's `beforeBalances` step, before any
 * account is locked. After the balances move only the posting lines and the commit remain, and with
 * `last` (拨款 and 回收, whose transactions end here) they are one round trip (ledger `last`).
 */
/** The 调账记录 rows of a movement (without their posting id). */
function adjustmentRecords(m: Movement, now: Date) {
  const prefix = m.kind === 'allocation' || m.kind === 'recall' ? 'AD' : 'UR';
  return m.lines.map((l) => ({
    id: randomUUID(),
    serialNo: serialNo(prefix, now),
    partnerId: m.partnerId,
    customerAccountId: l.assoc.customerAccountId,
    associationId: l.assoc.id,
    kind: m.kind,
    scenario: l.scenario,
    amount: l.amount.toFixed(2),
    remark: m.remark,
    requestId: m.requestId,
    actorKind: m.actor.kind,
    actorId: m.actor.id,
    actorName: m.actor.name,
    createdAt: now,
  }));
}

/** The movement's ledger posting: the 可拨款账户 against each customer sub-balance. */
function postingInput(m: Movement): Omit<ledger.PostInput, 'beforeBalances' | 'last'> {
  const toCustomer = m.kind === 'allocation';
  const total = sum(m.lines.map((l) => l.amount));
  return {
    idempotencyKey: m.idempotencyKey,
    kind: `customer.${m.kind}`,
    memo: m.kind === 'allocation' ? '为客户调账-拨款' : m.kind === 'recall' ? '为客户调账-回收' : kindName(m.kind, 'ordinary').zh,
    partnerId: m.partnerId,
    actor: { kind: m.actor.kind, id: m.actor.id },
    meta: { customers: [...new Set(m.lines.map((l) => l.assoc.customerAccountId))] },
    lines: [
      { account: allocatableAccount(m.partnerId), amount: toCustomer ? total.negated() : total },
      ...m.lines.map((l) => ({
        account: customerFundsAccount(m.partnerId, l.assoc.customerAccountId, l.scenario),
        amount: toCustomer ? l.amount : l.amount.negated(),
      })),
    ],
    open: fundsAccountsToOpen(m.partnerId, m.lines.map((l) => ({ customerAccountId: l.assoc.customerAccountId, scenario: l.scenario }))),
  };
}

/** The ledger's floor refusal in the words of this page. */
function adjustmentRefusal(e: unknown, partnerId: string): unknown {
  if (!(e instanceof AppError) || e.code !== 'ledger.insufficient-balance') return e;
  const balance = String(e.params.balance ?? '');
  if (e.params.account === allocatableAccount(partnerId)) {
    return refused('customers.funds.insufficient-allocatable', { zh: '可拨款账户余额不足（余额¥{balance}）', en: 'The allocatable balance is insufficient (balance ¥{balance})' }, { balance });
  }
  return refused('customers.funds.recall-exceeds-balance', { zh: '回收金额不能大于客户账户余额（余额¥{balance}）', en: "The recall exceeds the customer's balance (balance ¥{balance})" }, { balance });
}

async function move(tx: Executor, m: Movement, audited?: { ctx: Ctx; entry: (rows: AdjustmentRow[]) => AuditEntry }, last = false): Promise<{ rows: AdjustmentRow[]; replayed: boolean; posting: ledger.Posting }> {
  const records = adjustmentRecords(m, clock.now());
  let written: AdjustmentRow[] = [];
  let result: { posting: ledger.Posting; replayed: boolean };
  try {
    result = await ledger.post(tx, {
      ...postingInput(m),
      last,
      beforeBalances: async (posting) => {
        written = records.map((r) => ({ ...r, postingId: posting.id }));
        const insert = tx.insert(customerAdjustments).values(written);
        // the 调账记录 rows and the audit entry in one round trip (two data-modifying CTEs)
        if (audited) await tx.execute(sql`WITH adj AS (${insert.getSQL()}), aud AS (${auditInsert(tx, audited.ctx, audited.entry(written)).getSQL()}) SELECT 1`);
        else await insert;
      },
    });
  } catch (e) {
    throw adjustmentRefusal(e, m.partnerId);
  }
  if (result.replayed) {
    const rows = await tx.select().from(customerAdjustments).where(eq(customerAdjustments.postingId, result.posting.id)).orderBy(asc(customerAdjustments.serialNo));
    return { rows, replayed: true, posting: result.posting };
  }
  return { rows: written, replayed: false, posting: result.posting };
}

function ctxActor(ctx: Ctx) {
  const a = ctx.actor;
  const label = a.kind === 'partner' ? (a.memberId ? { kind: 'member', id: a.memberId } : { kind: 'partner-account', id: a.accountId }) : a.kind === 'staff' ? { kind: 'staff', id: a.staffId } : a.kind === 'account' ? { kind: 'account', id: a.accountId } : { kind: 'system', id: null };
  return { ...label, name: actorName(ctx) };
}

/* ------------------------------------------------------------------ 拨款 / 回收 */

export interface AllocationItem {
  customerId: string;
  amount: string;
}
export interface AllocateInput {
  items: AllocationItem[];
  scenario?: Scenario; // 拨款类型, default 普通
  remark?: string | null;
  requestId: string; // idempotency key chosen by the client (one per confirmed dialog)
  code?: string | null;
}

export interface RecallItem {
  customerId: string;
  lines: { scenario: Scenario; amount: string }[];
}
export interface RecallInput {
  items: RecallItem[];
  requestId: string;
  code?: string | null;
  /** 批量回收: only 代售 customers whose 可用额度 is above zero may be picked (L9004–9005). */
  batch?: boolean;
}

export interface AdjustResult {
  replayed: boolean;
  records: AdjustmentView[];
  allocatable: string; // 可拨款账户余额 after the movement
  customers: { customerId: string; balance: string }[]; // 现金账户余额 after it
}

const NOT_RESALE: Text = { zh: '合作伙伴不能为顾问销售类客户调账', en: 'Consulting-sale (顾问销售) customers cannot be adjusted' };

function validateRequestId(requestId: string) {
  if (typeof requestId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(requestId)) {
    throw fieldError('requestId', 'customers.funds.request-id', { zh: '请求编号格式不正确', en: 'Invalid request id' });
  }
}

function distinctCustomers(ids: string[]) {
  if (!ids.length) throw fieldError('items', 'customers.funds.no-customer', { zh: '请选择客户', en: 'Choose at least one customer' });
  if (ids.length > BATCH_MAX) throw fieldError('items', 'customers.funds.batch-max', { zh: `一次最多选择${BATCH_MAX}个客户`, en: `At most ${BATCH_MAX} customers at a time` });
  if (new Set(ids).size !== ids.length) throw fieldError('items', 'customers.funds.duplicate-customer', { zh: '客户重复', en: 'A customer is listed twice' });
}

/** Before asking for the code: the customers exist for this actor and are 代售 (the same is checked again under lock). */
async function precheck(ex: Executor, ctx: Ctx, scope: DataScope, ids: string[]) {
  const actor = requirePermission(ctx, P.customers);
  for (const id of ids) {
    const assoc = await requireCustomer(ex, actor, scope, id);
    if (assoc.associationType !== 'resale') throw refused('customers.funds.not-resale', NOT_RESALE, { customerId: id });
  }
}

interface Locked {
  assoc: Association;
  info: CustomerInfo;
}

/**
 * Lock the associations FOR SHARE and check them, in the transaction: one statement, whose rows are
 * locked in id order (ORDER BY below FOR SHARE), so an unbind (FOR UPDATE) waits for us, or we for it,
 * and two batches never deadlock. Missing, unbound or out-of-scope customers answer 404, as requireCustomer.
 * The same statement reads what the answer shows (the customers' names, as customerInfos, and their
 * sub-balances before the movement), so nothing is re-read after the commit.
 */
async function lockCustomers(tx: Executor, ctx: Ctx, scope: DataScope, ids: string[]): Promise<LockedCustomers> {
  const actor = requirePermission(ctx, P.customers);
  const fresh = await lockAssociations(tx, actor.partnerId, ids);
  checkLocked(scope, fresh.locked, ids);
  return fresh;
}

interface LockedCustomers {
  locked: Map<string, Locked>;
  balances: Map<string, string>;
}

/** lockCustomers' statement, without its checks (a group commit checks each request against its own scope). */
async function lockAssociations(tx: Executor, partnerId: string, ids: string[]): Promise<LockedCustomers> {
  const valid = ids.filter(isUuid);
  const codes = valid.flatMap((id) => SCENARIOS.map((sc) => customerFundsAccount(partnerId, id, sc)));
  const found = valid.length
    ? await tx
        .select({
          assoc: customerAssociations,
          enterpriseName: accounts.enterpriseName,
          name: accounts.name,
          accountName: accounts.accountName,
          mobile: accounts.mobile,
          balances: sql<Record<string, string> | null>`(SELECT json_object_agg(code, balance::text) FROM ledger_accounts WHERE code IN (${sql.join(
            codes.map((c) => sql`${c}`),
            sql`, `,
          )}))`,
        })
        .from(customerAssociations)
        .innerJoin(accounts, eq(accounts.id, customerAssociations.customerAccountId))
        .where(and(eq(customerAssociations.partnerId, partnerId), inArray(customerAssociations.customerAccountId, valid), eq(customerAssociations.status, 'associated')))
        .orderBy(asc(customerAssociations.id))
        .for('share', { of: customerAssociations })
    : [];
  const locked = new Map<string, Locked>(
    found.map((r) => [
      r.assoc.customerAccountId,
      // the same reading as customers/common.ts customerInfos
      { assoc: r.assoc, info: { name: r.enterpriseName ?? r.name ?? r.accountName, accountName: r.accountName, mobile: r.mobile } as CustomerInfo },
    ]),
  );
  return { locked, balances: new Map(Object.entries(found[0]?.balances ?? {})) };
}

/** Missing, unbound or out-of-scope customers answer 404, as requireCustomer; 顾问销售 ones cannot be adjusted. */
function checkLocked(scope: DataScope, locked: Map<string, Locked>, ids: string[]) {
  for (const id of ids) {
    const a = locked.get(id);
    if (!a || !inScope(scope, a.assoc)) throw notFound(CUSTOMER);
  }
  for (const id of ids) {
    const a = locked.get(id)!.assoc;
    if (a.associationType !== 'resale') throw refused('customers.funds.not-resale', NOT_RESALE, { customerId: a.customerAccountId });
  }
}

/**
 * 验证码 (§19.8) when the partner's switch is on: the customers are checked first (a wrong customer
 * costs no code) and a replay of a done adjustment asks for none. With the switch off there is no
 * code to protect and lockCustomers gives the same 404 / 409 inside the transaction: no read before
 * the transaction on the partner's busiest path (issue 4 bench). `precheckFirst: false` when done already.
 */
async function codeGate(ctx: Ctx, scope: DataScope, ids: string[], key: string, code: string | null | undefined, required: boolean, precheckFirst = true) {
  if (!required) return null;
  if (precheckFirst) await precheck(ctx.db, ctx, scope, ids);
  return (await ledger.findPosting(ctx.db, key)) ? null : checkPartnerCode(ctx, code);
}

/**
 * After a recall: budget alerts (75/90/100 %) are checked in the background; the hourly scan catches a
 * lost kick. An allocation needs no kick: it raises budget and balance alike, so the used share only
 * falls; a threshold still exceeded under the new budget (budget.ts re-arms them) is the hourly scan's.
 */
async function afterRecall(ctx: Ctx, associationIds: string[]) {
  for (const id of new Set(associationIds)) await ctx.deps.queue.send(BUDGET_CHECK_JOB, { associationId: id }).catch(() => null);
}

/**
 * The answer. A new movement is answered from what its transaction wrote and read (the posting's
 * balances after it, the sub-balances it did not touch as read under the association lock, the
 * names read with the lock): no statement after the commit. A replay reads them.
 */
async function resultOf(ex: Executor, ctx: Ctx, partnerId: string, moved: { rows: AdjustmentRow[]; replayed: boolean; posting: ledger.Posting }, fresh?: { locked: Map<string, Locked>; balances: Map<string, string> }): Promise<AdjustResult> {
  const { rows, replayed } = moved;
  const customers = [...new Set(rows.map((r) => r.customerAccountId))];
  if (replayed || !fresh) {
    return {
      replayed,
      records: await views(ex, ctx, rows, false),
      allocatable: await ledger.balanceOf(ex, allocatableAccount(partnerId)),
      customers: await Promise.all(customers.map(async (c) => ({ customerId: c, balance: (await customerBalances(ex, partnerId, c)).total }))),
    };
  }
  const after = new Map(fresh.balances);
  for (const l of moved.posting.lines) after.set(l.account, l.balanceAfter); // in line order: the last line of an account wins
  const infos = new Map([...fresh.locked.values()].map((l) => [l.assoc.customerAccountId, l.info]));
  return {
    replayed,
    records: await views(ex, ctx, rows, false, infos),
    allocatable: after.get(allocatableAccount(partnerId))!,
    customers: customers.map((c) => ({ customerId: c, balance: ledger.canonical(sum(SCENARIOS.map((sc) => money(after.get(customerFundsAccount(partnerId, c, sc)) ?? '0')))) })),
  };
}

/** 拨款 / 批量拨款 (op 15): code → "是否确定调整" → 调账成功. */
export async function allocate(ctx: Ctx, input: AllocateInput): Promise<AdjustResult> {
  const actor = requirePermission(ctx, P.customers);
  validateRequestId(input.requestId);
  const ids = input.items.map((i) => i.customerId);
  distinctCustomers(ids);
  const amounts = input.items.map((i, n) => parseAmount(input.items.length === 1 ? 'amount' : `items.${n}.amount`, i.amount));
  const scenario = input.scenario ?? 'ordinary';
  if (!SCENARIOS.includes(scenario)) throw fieldError('scenario', 'customers.funds.scenario', { zh: '请选择拨款类型', en: 'Choose the allocation type' });
  const remark = input.remark?.trim() || null;
  if (remark && Array.from(remark).length > REMARK_MAX) throw fieldError('remark', 'customers.funds.remark-length', { zh: `备注最多${REMARK_MAX}个字符`, en: `The remark takes at most ${REMARK_MAX} characters` });
  const partner = await partnerFacts(ctx.db, actor.partnerId);
  if (partner.kind === 'reseller') {
    // 云经销商: 拨款类型 普通 only, no 备注 (L18561, spec 07 §7)
    if (scenario !== 'ordinary') throw fieldError('scenario', 'customers.funds.reseller-scenario', { zh: '云经销商仅支持普通拨款', en: 'Resellers allocate the ordinary type only' });
    if (remark) throw fieldError('remark', 'customers.funds.reseller-remark', { zh: '云经销商拨款不支持备注', en: 'Reseller allocations take no remark' });
  }
  const scope = await customerScope(ctx);
  const key = postingKey(actor.partnerId, input.requestId);
  const gate = await codeGate(ctx, scope, ids, key, input.code, partner.verificationRequired);
  const pending: PendingAllocation = { ctx, partnerId: actor.partnerId, scope, key, requestId: input.requestId, customerIds: ids, amounts, scenario, remark };
  // A single 拨款 without a code joins the partner's group commit (the common case under load); the rest go alone.
  if (!gate && ids.length === 1) return allocationGroups.submit(actor.partnerId, pending);
  return allocateAlone(pending, gate);
}

/** A validated 拨款 request, ready for its transaction. */
interface PendingAllocation {
  ctx: Ctx;
  partnerId: string;
  scope: DataScope;
  key: string;
  requestId: string;
  customerIds: string[];
  amounts: Money[];
  scenario: Scenario;
  remark: string | null;
}

function allocationMovement(p: PendingAllocation, locked: Map<string, Locked>): Movement {
  return {
    kind: 'allocation',
    partnerId: p.partnerId,
    lines: p.customerIds.map((id, n) => ({ assoc: locked.get(id)!.assoc, scenario: p.scenario, amount: p.amounts[n]! })),
    remark: p.remark,
    requestId: p.requestId,
    idempotencyKey: p.key,
    actor: ctxActor(p.ctx),
  };
}

function allocationAudit(p: PendingAllocation, written: AdjustmentRow[]): AuditEntry {
  return {
    action: 'customers.funds.allocated',
    objectType: 'customer_adjustment',
    objectId: written[0]!.postingId,
    after: { scenario: p.scenario, remark: p.remark, items: written.map((r) => ({ customerId: r.customerAccountId, serialNo: r.serialNo, amount: r.amount })) },
  };
}

/** One 拨款 request in its own transaction. */
async function allocateAlone(p: PendingAllocation, gate: Awaited<ReturnType<typeof codeGate>>): Promise<AdjustResult> {
  const { moved, fresh } = await inTransaction(p.ctx.db, async (tx) => {
    const fresh = await lockCustomers(tx, p.ctx, p.scope, p.customerIds);
    await gate?.consume(tx);
    const moved = await move(tx, allocationMovement(p, fresh.locked), { ctx: p.ctx, entry: (written) => allocationAudit(p, written) }, true); // nothing follows in this transaction
    return { moved, fresh };
  });
  return resultOf(p.ctx.db, p.ctx, p.partnerId, moved, fresh);
}

/**
 * 拨款 requests of one partner that arrived together, in one transaction: the 可拨款账户 is locked once
 * for all of them (issue 4: ≥ 500 allocations/s on one partner). Each keeps its own posting, 调账记录,
 * audit entry and answer, and the balances move as if they had run one after the other in this order.
 * If the group cannot commit as a whole (a request already done, a customer out of one member's scope,
 * the money running out part way), nothing of it is kept and each request runs alone, for its own answer.
 */
async function allocateTogether(partnerId: string, group: PendingAllocation[]): Promise<AdjustResult[]> {
  const db = group[0]!.ctx.db;
  const ids = [...new Set(group.flatMap((p) => p.customerIds))];
  const { fresh, written, postings } = await inTransaction(db, async (tx) => {
    const fresh = await lockAssociations(tx, partnerId, ids);
    for (const p of group) checkLocked(p.scope, fresh.locked, p.customerIds);
    const now = clock.now();
    const movements = group.map((p) => allocationMovement(p, fresh.locked));
    const records = movements.map((m) => adjustmentRecords(m, now));
    let written: AdjustmentRow[][] = [];
    const postings = await ledger.postMany(tx, movements.map(postingInput), {
      last: true, // nothing follows in this transaction
      beforeBalances: async (ps) => {
        written = records.map((rs, n) => rs.map((r) => ({ ...r, postingId: ps[n]!.id })));
        const adj = tx.insert(customerAdjustments).values(written.flat());
        const aud = auditInsertMany(tx, group.map((p, n) => ({ ctx: p.ctx, entry: allocationAudit(p, written[n]!) })));
        await tx.execute(sql`WITH adj AS (${adj.getSQL()}), aud AS (${aud.getSQL()}) SELECT 1`);
      },
    });
    return { fresh, written, postings };
  });
  // each answer sees the balances as they stood after its own posting (earlier ones of the group included)
  const running = new Map(fresh.balances);
  return Promise.all(
    group.map((p, n) => {
      const before = { locked: fresh.locked, balances: new Map(running) };
      for (const l of postings[n]!.lines) running.set(l.account, l.balanceAfter);
      return resultOf(db, p.ctx, partnerId, { rows: written[n]!, replayed: false, posting: postings[n]! }, before);
    }),
  );
}

const allocationGroups = new GroupCommit<PendingAllocation, AdjustResult>(async (partnerId, group) => {
  if (group.length > 1) {
    try {
      return (await allocateTogether(partnerId, group)).map((value) => ({ status: 'fulfilled' as const, value }));
    } catch {
      // fall through: one at a time, in arrival order, each with its own answer
    }
  }
  const results: PromiseSettledResult<AdjustResult>[] = [];
  for (const p of group) results.push(await allocateAlone(p, null).then((value) => ({ status: 'fulfilled' as const, value }), (reason: unknown) => ({ status: 'rejected' as const, reason })));
  return results;
});

/** 回收 / 批量回收 (op 16): tick sub-balances, enter amounts → confirm → code → 回收成功. */
export async function recall(ctx: Ctx, input: RecallInput): Promise<AdjustResult> {
  const actor = requirePermission(ctx, P.customers);
  validateRequestId(input.requestId);
  const ids = input.items.map((i) => i.customerId);
  distinctCustomers(ids);
  const parsed = input.items.map((item, n) => {
    if (!item.lines?.length) throw fieldError(`items.${n}.lines`, 'customers.funds.no-line', { zh: '请勾选待回收账户', en: 'Tick the balances to recall' });
    if (new Set(item.lines.map((l) => l.scenario)).size !== item.lines.length) throw fieldError(`items.${n}.lines`, 'customers.funds.duplicate-line', { zh: '使用场景重复', en: 'A usage scenario is listed twice' });
    return item.lines.map((l, k) => {
      if (!SCENARIOS.includes(l.scenario)) throw fieldError(`items.${n}.lines.${k}.scenario`, 'customers.funds.scenario', { zh: '使用场景不正确', en: 'Unknown usage scenario' });
      return { scenario: l.scenario, amount: parseAmount(input.items.length === 1 && item.lines.length === 1 ? 'amount' : `items.${n}.lines.${k}.amount`, l.amount) };
    });
  });
  const scope = await customerScope(ctx);
  if (input.batch) {
    await precheck(ctx.db, ctx, scope, ids);
    for (const id of ids) {
      const { total } = await customerBalances(ctx.db, actor.partnerId, id);
      if (!money(total).gt(0)) throw refused('customers.funds.batch-recall-empty', { zh: '只能选择可用额度大于0的客户进行批量回收', en: 'Batch recall takes only customers whose available balance is above zero' }, { customerId: id });
    }
  }
  const key = postingKey(actor.partnerId, input.requestId);
  const gate = await codeGate(ctx, scope, ids, key, input.code, (await partnerFacts(ctx.db, actor.partnerId)).verificationRequired, !input.batch);

  const { moved, fresh } = await inTransaction(ctx.db, async (tx) => {
    const fresh = await lockCustomers(tx, ctx, scope, ids);
    await gate?.consume(tx);
    const moved = await move(
      tx,
      {
        kind: 'recall',
        partnerId: actor.partnerId,
        lines: input.items.flatMap((i, n) => parsed[n]!.map((l) => ({ assoc: fresh.locked.get(i.customerId)!.assoc, scenario: l.scenario, amount: l.amount }))),
        remark: null,
        requestId: input.requestId,
        idempotencyKey: key,
        actor: ctxActor(ctx),
      },
      {
        ctx,
        entry: (written) => ({
          action: 'customers.funds.recalled',
          objectType: 'customer_adjustment',
          objectId: written[0]!.postingId,
          after: { items: written.map((r) => ({ customerId: r.customerAccountId, serialNo: r.serialNo, scenario: r.scenario, amount: r.amount })) },
        }),
      },
      true, // nothing follows in this transaction
    );
    return { moved, fresh };
  });
  if (!moved.replayed) await afterRecall(ctx, moved.rows.map((r) => r.associationId));
  return resultOf(ctx.db, ctx, actor.partnerId, moved, fresh);
}

/* ------------------------------------------------------------------ unbind: the balance goes back */

export interface ReturnBalanceOptions {
  /** 'unbind' (解除关联回收, default) or 'switch' (代售 → 顾问销售, 切换关联类型回收). */
  reason?: 'unbind' | 'switch';
  /** The unbind/switch event's id: makes the recall idempotent per event. */
  eventId?: string;
  /** The request that finished the unbind, for the audit entry; jobs and customers' approvals pass theirs too. */
  ctx?: Ctx;
}

/**
 * On unbind (and on a switch from 代售 to 顾问销售) the customer's balance returns to the partner
 * (guide L8947, L18531; spec 06 L14164), logged as a system recall with a UR… serial. Call it inside
 * the unbind's transaction, after locking the association row (lock order: association, then
 * ledger). Idempotent per association (unbind) or per event (switch). Returns the records written
 * (none when the balance was zero).
 */
export async function returnBalanceOnUnbind(tx: Executor, association: Pick<Association, 'id' | 'partnerId' | 'customerAccountId'>, opts: ReturnBalanceOptions = {}) {
  const reason = opts.reason ?? 'unbind';
  const [assoc] = await tx.select().from(customerAssociations).where(eq(customerAssociations.id, association.id)).for('update');
  if (!assoc) throw new Error(`returnBalanceOnUnbind: association ${association.id} not found`);
  const { scenarios } = await customerBalances(tx, assoc.partnerId, assoc.customerAccountId);
  const lines = scenarios.filter((s) => money(s.balance).gt(0)).map((s) => ({ assoc, scenario: s.scenario, amount: money(s.balance) }));
  if (!lines.length) return { records: [] as AdjustmentRow[], total: '0.00' };
  const key = reason === 'unbind' ? `customer-unbind-recall:${assoc.id}` : `customer-switch-recall:${assoc.id}:${opts.eventId ?? clock.nowMs()}`;
  const { rows, replayed } = await move(tx, {
    kind: reason === 'unbind' ? 'unbind_recall' : 'switch_recall',
    partnerId: assoc.partnerId,
    lines,
    remark: null,
    requestId: key,
    idempotencyKey: key,
    actor: opts.ctx ? ctxActor(opts.ctx) : { kind: 'system', id: null, name: null },
  });
  if (!replayed) {
    if (opts.ctx) {
      await audit(tx, opts.ctx, {
        action: reason === 'unbind' ? 'customers.funds.unbind-recalled' : 'customers.funds.switch-recalled',
        objectType: 'customer_adjustment',
        objectId: rows[0]!.postingId,
        partnerId: assoc.partnerId,
        after: { customerId: assoc.customerAccountId, items: rows.map((r) => ({ serialNo: r.serialNo, scenario: r.scenario, amount: r.amount })) },
      });
    }
  }
  return { records: rows, total: ledger.canonical(sum(rows.map((r) => money(r.amount)))) };
}

/* ------------------------------------------------------------------ balances for the dialogs */

/** What the 拨款 / 回收 dialogs show: 现金账户余额 by 使用场景, 可拨款额度, and what the partner's type allows. */
export async function adjustmentContext(ctx: Ctx, customerId: string) {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx);
  const assoc = await requireCustomer(ctx.db, actor, scope, customerId);
  const info = (await customerInfos(ctx.db, [customerId])).get(customerId);
  const balances = await customerBalances(ctx.db, actor.partnerId, customerId);
  const kind = await partnerKind(ctx.db, actor.partnerId);
  return {
    customerId,
    customerName: info?.name ?? '',
    accountName: info?.accountName ?? '',
    associationType: assoc.associationType,
    adjustable: assoc.associationType === 'resale',
    cashBalance: balances.total,
    scenarios: balances.scenarios.map((s) => ({ scenario: s.scenario, scenarioName: pick(SCENARIO_NAMES[s.scenario], ctx.lang), balance: s.balance, effectiveAt: iso(s.effectiveAt), expiresAt: null })),
    allocatable: await ledger.balanceOf(ctx.db, allocatableAccount(actor.partnerId)),
    allowedScenarios: kind === 'reseller' ? (['ordinary'] as Scenario[]) : [...SCENARIOS],
    remarkAllowed: kind !== 'reseller',
    verificationRequired: await verificationRequired(ctx.db, actor.partnerId),
  };
}

/** 可拨款账户余额 of the acting partner. */
export async function allocatableBalance(ctx: Ctx) {
  const actor = requirePermission(ctx, P.customers);
  return { allocatable: await ledger.balanceOf(ctx.db, allocatableAccount(actor.partnerId)) };
}

/* ------------------------------------------------------------------ 调账记录 */

export const AdjustmentFilter = z
  .object({
    serialNo: z.string().trim().max(40).optional(),
    customer: z.string().trim().max(64).optional(), // 客户名称 or 账号名
    customerId: z.uuid().optional(),
    kind: z.enum(['allocation', 'recall', 'unbind_recall', 'switch_recall']).optional(),
    scenario: z.enum(SCENARIOS).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type AdjustmentFilter = z.infer<typeof AdjustmentFilter>;

function scopeCondition(partnerId: string, scope: DataScope): SQL | undefined {
  if (scope.all) return undefined;
  if (!scope.managerIds.length) return sql`false`;
  return inArray(
    customerAdjustments.customerAccountId,
    sql`(select ${customerAssociations.customerAccountId} from ${customerAssociations} where ${customerAssociations.partnerId} = ${partnerId} and ${customerAssociations.status} = 'associated' and ${inArray(customerAssociations.accountManagerId, scope.managerIds)})`,
  );
}

function filterConditions(f: AdjustmentFilter): SQL[] {
  const out: SQL[] = [];
  if (f.serialNo) out.push(ilike(customerAdjustments.serialNo, `${f.serialNo.replace(/[%_\\]/g, '\\$&')}%`));
  if (f.customerId) out.push(eq(customerAdjustments.customerAccountId, f.customerId));
  if (f.kind) out.push(eq(customerAdjustments.kind, f.kind));
  if (f.scenario) out.push(eq(customerAdjustments.scenario, f.scenario));
  if (f.from) out.push(gte(customerAdjustments.createdAt, new Date(f.from)));
  if (f.to) out.push(lt(customerAdjustments.createdAt, new Date(f.to)));
  if (f.customer) {
    const like = `%${f.customer.replace(/[%_\\]/g, '\\$&')}%`;
    out.push(
      inArray(
        customerAdjustments.customerAccountId,
        sql`(select ${accounts.id} from ${accounts} where ${or(ilike(accounts.name, like), ilike(accounts.enterpriseName, like), ilike(accounts.accountName, like))})`,
      ),
    );
  }
  return out;
}

/**
 * 调账记录 (op 17): the partner's records, newest first, filtered and paged in SQL; masked unless
 * revealed. A distributor's `tab=resellers` (云经销商的客户, read-only) lists its resellers' adjustments
 * to their sub-customers (spec 06 L14164), through the customers module's channel provider.
 */
export async function listAdjustments(ctx: Ctx, q: AdjustmentFilter & { tab?: 'mine' | 'resellers'; page?: number; pageSize?: number; reveal?: boolean }) {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx);
  await auditReveal(ctx, q.reveal, 'customer_adjustment_list');
  const { page, pageSize, offset } = pageArgs(q);
  let owner: SQL | undefined;
  if (q.tab === 'resellers') {
    const resellers = (await partnerKind(ctx.db, actor.partnerId)) === 'distributor' && scope.all ? await channelProvider().resellerPartnerIds(ctx.db, actor.partnerId) : [];
    owner = resellers.length ? inArray(customerAdjustments.partnerId, resellers) : sql`false`;
  } else {
    owner = and(eq(customerAdjustments.partnerId, actor.partnerId), scopeCondition(actor.partnerId, scope));
  }
  const where = and(owner, ...filterConditions(q));
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAdjustments).where(where);
  const rows = await ctx.db
    .select()
    .from(customerAdjustments)
    .where(where)
    .orderBy(desc(customerAdjustments.createdAt), desc(customerAdjustments.id))
    .limit(pageSize)
    .offset(offset);
  const names = q.tab === 'resellers' ? await partnerNames(ctx.db, rows.map((r) => r.partnerId)) : new Map<string, string>();
  const vs = await views(ctx.db, ctx, rows, !!q.reveal);
  return { items: vs.map((v, i) => ({ ...v, resellerName: names.get(rows[i]!.partnerId) ?? null })), total: Number(n), page, pageSize };
}

/** 详情 of one record, with the other rows of the same posting (a recall over several 使用场景). */
export async function getAdjustment(ctx: Ctx, id: string, reveal = false) {
  const actor = requirePermission(ctx, P.customers);
  const scope = await customerScope(ctx);
  if (!isUuid(id)) throw notFound({ zh: '调账记录', en: 'Adjustment record' });
  const [row] = await ctx.db
    .select()
    .from(customerAdjustments)
    .where(and(eq(customerAdjustments.id, id), eq(customerAdjustments.partnerId, actor.partnerId), scopeCondition(actor.partnerId, scope)));
  if (!row) throw notFound({ zh: '调账记录', en: 'Adjustment record' });
  await auditReveal(ctx, reveal, 'customer_adjustment', id);
  const siblings = await ctx.db.select().from(customerAdjustments).where(eq(customerAdjustments.postingId, row.postingId)).orderBy(asc(customerAdjustments.serialNo));
  const [record] = await views(ctx.db, ctx, [row], reveal);
  return { ...record!, lines: await views(ctx.db, ctx, siblings.filter((s) => s.customerAccountId === row.customerAccountId), reveal) };
}

/** 导出 > 导出当前记录 on 调账记录: the list's filters, customer names and accounts anonymised (L9044). */
export const adjustmentsExport = defineExport({
  kind: 'customers.adjustments',
  title: { zh: '客户管理-调账记录', en: 'Customer adjustment records' },
  access: { actor: 'partner', permission: P.customers },
  permission: P.customers,
  params: AdjustmentFilter,
  columns: [
    { key: 'serialNo', title: { zh: '流水号', en: 'Serial no.' } },
    { key: 'customerName', title: { zh: '客户名称', en: 'Customer' }, mask: 'name' },
    { key: 'accountName', title: { zh: '账号名', en: 'Account' }, mask: 'name' },
    { key: 'kindName', title: { zh: '类型', en: 'Type' } },
    { key: 'amount', title: { zh: '调整金额(¥)', en: 'Amount (¥)' } },
    { key: 'createdAt', title: { zh: '调整时间', en: 'Adjusted at' }, value: (r: AdjustmentView) => new Date(r.createdAt) },
    { key: 'remark', title: { zh: '备注', en: 'Remark' } },
  ],
  async *rows(ex, ctx, params) {
    const actor = requirePermission(ctx, P.customers);
    const scope = await customerScope(ctx, ex);
    const base = [eq(customerAdjustments.partnerId, actor.partnerId), scopeCondition(actor.partnerId, scope), ...filterConditions(params)];
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const keyset: SQL[] = after ? [sql`(${customerAdjustments.createdAt}, ${customerAdjustments.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`] : [];
      const batch: AdjustmentRow[] = await ex
        .select()
        .from(customerAdjustments)
        .where(and(...base, ...keyset))
        .orderBy(desc(customerAdjustments.createdAt), desc(customerAdjustments.id))
        .limit(500);
      if (!batch.length) return;
      // names in full here: the export masks the declared columns itself
      yield* await views(ex, ctx, batch, true);
      if (batch.length < 500) return;
      const last: AdjustmentRow = batch[batch.length - 1]!;
      after = { at: last.createdAt, id: last.id };
    }
  },
});

/* ------------------------------------------------------------------ the ops console */

/** 运营后台: any partner's adjustment records (the vendor sees the same objects). */
export async function opsListAdjustments(ctx: Ctx, q: AdjustmentFilter & { partnerId?: string; page?: number; pageSize?: number }) {
  requireStaff(ctx, [STAFF_ROLES.channelManager, STAFF_ROLES.ecosystemManager, STAFF_ROLES.operations, STAFF_ROLES.finance, STAFF_ROLES.reviewer]);
  const { page, pageSize, offset } = pageArgs(q);
  const where = and(q.partnerId ? eq(customerAdjustments.partnerId, q.partnerId) : undefined, ...filterConditions(q));
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAdjustments).where(where);
  const rows = await ctx.db.select().from(customerAdjustments).where(where).orderBy(desc(customerAdjustments.createdAt), desc(customerAdjustments.id)).limit(pageSize).offset(offset);
  const names = await partnerNames(ctx.db, rows.map((r) => r.partnerId));
  const vs = await views(ctx.db, ctx, rows, true);
  return { items: vs.map((v, i) => ({ ...v, partnerId: rows[i]!.partnerId, partnerName: names.get(rows[i]!.partnerId) ?? '' })), total: Number(n), page, pageSize };
}

/* ------------------------------------------------------------------ the customer's side (guide 13.3, 13.4) */

/** 费用中心 > 总览 > 调账记录: what partners adjusted on the signed-in customer's account. */
export async function myAdjustments(ctx: Ctx, q: { page?: number; pageSize?: number }) {
  const me = requireAccount(ctx);
  const { page, pageSize, offset } = pageArgs(q);
  const where = eq(customerAdjustments.customerAccountId, me.accountId);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(customerAdjustments).where(where);
  const rows = await ctx.db.select().from(customerAdjustments).where(where).orderBy(desc(customerAdjustments.createdAt), desc(customerAdjustments.id)).limit(pageSize).offset(offset);
  const names = await partnerNames(ctx.db, rows.map((r) => r.partnerId));
  return {
    items: rows.map((r) => ({
      id: r.id,
      serialNo: r.serialNo,
      partnerName: names.get(r.partnerId) ?? '',
      kind: r.kind,
      kindName: pick(kindName(r.kind, r.scenario), ctx.lang),
      scenario: r.scenario,
      scenarioName: pick(SCENARIO_NAMES[r.scenario], ctx.lang), // 使用场景
      // signed from the customer's point of view: + allocated to me, − taken back
      amount: (r.kind === 'allocation' ? '' : '-') + ledger.canonical(r.amount),
      remark: r.remark,
      createdAt: r.createdAt.toISOString(),
    })),
    total: Number(n),
    page,
    pageSize,
  };
}

/** The signed-in customer's balances: its own cash, and what its 代售 partner allocated to it. */
export async function myBalance(ctx: Ctx) {
  const me = requireAccount(ctx);
  const assoc = await activeAssociationOfCustomer(ctx.db, me.accountId);
  const own = await ledger.balanceOf(ctx.db, customerOwnCashAccount(me.accountId));
  let partner = null;
  if (assoc && assoc.associationType === 'resale') {
    const b = await customerBalances(ctx.db, assoc.partnerId, me.accountId);
    const names = await partnerNames(ctx.db, [assoc.partnerId]);
    partner = {
      partnerId: assoc.partnerId,
      partnerName: names.get(assoc.partnerId) ?? '',
      balance: b.total,
      scenarios: b.scenarios.map((s) => ({ scenario: s.scenario, scenarioName: pick(SCENARIO_NAMES[s.scenario], ctx.lang), balance: s.balance, effectiveAt: iso(s.effectiveAt), expiresAt: null })),
    };
  }
  return {
    associationType: assoc?.associationType ?? null,
    ownCashBalance: own, // 顾问销售 / unassociated: the customer's own 现金账户
    partnerFunds: partner, // 代售: the partner's allocations, the only money a 代售 customer may spend (L7688)
    canTopUp: !assoc || assoc.associationType !== 'resale',
  };
}

/**
 * 充值 (guide 13.3): a 顾问销售 (or unassociated) customer tops up its own account; a 代售 customer
 * pays its partner offline and the partner allocates. The payment itself is simulated: the money
 * comes from the `vendor:customer-topup` account, which stands for the payment channel (no floor).
 */
export async function topUp(ctx: Ctx, input: { amount: string; requestId: string }) {
  const me = requireAccount(ctx);
  validateRequestId(input.requestId);
  const amount = parseAmount('amount', input.amount);
  const assoc = await activeAssociationOfCustomer(ctx.db, me.accountId);
  if (assoc?.associationType === 'resale') {
    throw refused('customers.funds.resale-topup', {
      zh: '代售类客户接受合作伙伴拨款的账户余额不足时，需要联系合作伙伴线下充值，充值后由合作伙伴为您拨款',
      en: 'A resale (代售) customer pays its partner offline; the partner then allocates the funds to you',
    });
  }
  const key = `customer-topup:${me.accountId}:${input.requestId}`;
  const own = customerOwnCashAccount(me.accountId);
  const { posting, replayed } = await inTransaction(ctx.db, async (tx) => {
    await ledger.ensureAccount(tx, { code: TOPUP_SOURCE, ownerKind: 'vendor', floor: null });
    await ledger.ensureAccount(tx, { code: own, ownerKind: 'customer', ownerId: me.accountId, floor: '0' });
    const res = await ledger.post(tx, {
      idempotencyKey: key,
      kind: 'customer.topup',
      memo: '充值',
      actor: ctx.actor,
      meta: { customerId: me.accountId, channel: 'simulated' },
      lines: [
        { account: TOPUP_SOURCE, amount: amount.negated() },
        { account: own, amount },
      ],
    });
    if (!res.replayed) {
      await audit(tx, ctx, { action: 'customers.funds.topped-up', objectType: 'ledger_posting', objectId: res.posting.id, customerAccountId: me.accountId, partnerId: null, after: { amount: amount.toFixed(2) } });
    }
    return res;
  });
  return { replayed, postingId: posting.id, amount: amount.toFixed(2), balance: await ledger.balanceOf(ctx.db, own), toppedUpAt: posting.createdAt.toISOString() };
}

/** 收支明细 of the customer's own account (top-ups). */
export async function myTopUps(ctx: Ctx, q: { page?: number; pageSize?: number }) {
  const me = requireAccount(ctx);
  const r = await ledger.accountLines(ctx.db, customerOwnCashAccount(me.accountId), { page: q.page, pageSize: Math.min(100, q.pageSize ?? 10) });
  return {
    items: r.items.map((l) => ({ postingId: l.postingId, kind: l.kind, memo: l.memo, amount: l.amount, balanceAfter: l.balanceAfter, createdAt: l.createdAt.toISOString() })),
    total: r.total,
    page: r.page,
    pageSize: r.pageSize,
  };
}

