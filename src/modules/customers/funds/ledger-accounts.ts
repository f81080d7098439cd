import { inArray } from 'drizzle-orm';
import * as ledger from '../../../platform/ledger/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { money, sum, type Money } from '../../../platform/money.js';
import { SCENARIOS, type Scenario } from './schema.js';

/**
 * The ledger accounts behind 调账 (ARCHITECTURE: Ledger). One place names them, so the finance,
 * cloud and distribution modules reach the same balances:
 *
 * | account | code | floor |
 * |---|---|---|
 * | 可拨款账户 (partner's allocatable balance) | `partner:<partnerId>:allocatable` | 0 (finance may lower it for a credit line) |
 * | 代售 customer's 现金账户, 使用场景 普通 | `customer:<customerId>:cash.<partnerId>` | 0 |
 * | same, 使用场景 专款专用 | `customer:<customerId>:earmarked.<partnerId>` | 0 |
 * | a customer's own cash (顾问销售 / not associated; self top-up) | `customer:<customerId>:cash` | 0 |
 * | external funding source of customer top-ups (simulated payment channel) | `vendor:customer-topup` | none |
 *
 * A 代售 customer's balance is the partner's money held for that customer (代售 customers spend only
 * the partner's allocations, L7688), so it is keyed by partner too: after an unbind and a later
 * association with another partner, the two balances never mix.
 */

export const allocatableAccount = (partnerId: string) => ledger.accountCode('partner', partnerId, 'allocatable');

export const customerFundsAccount = (partnerId: string, customerAccountId: string, scenario: Scenario) =>
  ledger.accountCode('customer', customerAccountId, `${scenario === 'ordinary' ? 'cash' : 'earmarked'}.${partnerId}`);

export const customerOwnCashAccount = (customerAccountId: string) => ledger.accountCode('customer', customerAccountId, 'cash');

export const TOPUP_SOURCE = ledger.accountCode('vendor', null, 'customer-topup');

export async function ensureAllocatable(tx: Executor, partnerId: string) {
  return ledger.ensureAccount(tx, { code: allocatableAccount(partnerId), ownerKind: 'partner', ownerId: partnerId, partnerId, floor: '0' });
}

export async function ensureCustomerFunds(tx: Executor, partnerId: string, customerAccountId: string, scenario: Scenario) {
  return ledger.ensureAccount(tx, {
    code: customerFundsAccount(partnerId, customerAccountId, scenario),
    ownerKind: 'customer',
    ownerId: customerAccountId,
    partnerId,
    floor: '0',
  });
}

/**
 * The 可拨款账户 and the customers' sub-balances of a movement, as `ledger.post`'s `open` list: created on
 * first use in the posting's own statement, so an allocation costs no round trip for them.
 */
export function fundsAccountsToOpen(partnerId: string, lines: { customerAccountId: string; scenario: Scenario }[]): ledger.EnsureAccountInput[] {
  const out = new Map<string, ledger.EnsureAccountInput>([[allocatableAccount(partnerId), { code: allocatableAccount(partnerId), ownerKind: 'partner', ownerId: partnerId, partnerId, floor: '0' }]]);
  for (const l of lines) {
    const code = customerFundsAccount(partnerId, l.customerAccountId, l.scenario);
    out.set(code, { code, ownerKind: 'customer', ownerId: l.customerAccountId, partnerId, floor: '0' });
  }
  return [...out.values()];
}

/**
 * The 可拨款账户 and the customers' sub-balances of a movement, created on first use: one read when
 * they all exist (the usual case) instead of an insert and a read per account.
 */
export async function ensureFundsAccounts(tx: Executor, partnerId: string, lines: { customerAccountId: string; scenario: Scenario }[]) {
  const wanted = new Map<string, () => Promise<unknown>>([[allocatableAccount(partnerId), () => ensureAllocatable(tx, partnerId)]]);
  for (const l of lines) wanted.set(customerFundsAccount(partnerId, l.customerAccountId, l.scenario), () => ensureCustomerFunds(tx, partnerId, l.customerAccountId, l.scenario));
  const existing = await tx.select({ code: ledger.ledgerAccounts.code }).from(ledger.ledgerAccounts).where(inArray(ledger.ledgerAccounts.code, [...wanted.keys()]));
  const have = new Set(existing.map((r) => r.code));
  for (const [code, ensure] of wanted) if (!have.has(code)) await ensure();
}

export interface ScenarioBalance {
  scenario: Scenario;
  balance: string;
  effectiveAt: Date | null; // 生效时间: when the sub-balance was first funded
}

/** The customer's sub-balances (使用场景) funded by this partner, and their total (现金账户余额 / 可用额度). */
export async function customerBalances(ex: Executor, partnerId: string, customerAccountId: string): Promise<{ total: string; scenarios: ScenarioBalance[] }> {
  const codes = SCENARIOS.map((s) => customerFundsAccount(partnerId, customerAccountId, s));
  const rows = await ex
    .select({ code: ledger.ledgerAccounts.code, balance: ledger.ledgerAccounts.balance, createdAt: ledger.ledgerAccounts.createdAt })
    .from(ledger.ledgerAccounts)
    .where(inArray(ledger.ledgerAccounts.code, codes));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const scenarios = SCENARIOS.map((s, i) => {
    const r = byCode.get(codes[i]!);
    return { scenario: s, balance: ledger.canonical(r?.balance ?? '0'), effectiveAt: r?.createdAt ?? null };
  });
  return { total: total(scenarios.map((s) => money(s.balance))), scenarios };
}

/** 可用额度 of many customers at once (the customers module's list shows it per row). */
export async function availableBalances(ex: Executor, partnerId: string, customerAccountIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!customerAccountIds.length) return out;
  const codes = customerAccountIds.flatMap((c) => SCENARIOS.map((s) => customerFundsAccount(partnerId, c, s)));
  const rows = await ex
    .select({ ownerId: ledger.ledgerAccounts.ownerId, balance: ledger.ledgerAccounts.balance })
    .from(ledger.ledgerAccounts)
    .where(inArray(ledger.ledgerAccounts.code, codes));
  const acc = new Map<string, Money[]>();
  for (const r of rows) acc.set(r.ownerId!, [...(acc.get(r.ownerId!) ?? []), money(r.balance)]);
  for (const c of customerAccountIds) out.set(c, total(acc.get(c) ?? []));
  return out;
}

const total = (values: Money[]) => ledger.canonical(sum(values));
