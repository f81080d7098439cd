import { inArray } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import type { Executor } from '../../platform/db/index.js';
import { money, type Money } from '../../platform/money.js';
import { refused } from '../../platform/errors.js';
import { allocatableAccount, ensureAllocatable } from '../customers/funds/ledger-accounts.js';
import type { Payer, PayerLine } from '../cloud/payers.js';

/**
 * The partner's two balances (guide 10677–10691; README of this folder):
 * - 账户余额 `partner:<id>:balance` (floor 0): 充值账户余额 + 信用账户余额 − 客户已消费金额;
 * - 可拨款账户余额 `partner:<id>:allocatable` (floor 0; the customers module's 拨款 / 回收 move it), a virtual
 *   account: what enters it without a real transfer is booked against `partner:<id>:allocatable-contra`.
 */

export const partnerBalanceAccount = (partnerId: string) => ledger.accountCode('partner', partnerId, 'balance');
export const allocatableContraAccount = (partnerId: string) => ledger.accountCode('partner', partnerId, 'allocatable-contra');
export { allocatableAccount };
export const DEMO_FUNDING = ledger.accountCode('vendor', null, 'demo-funding');

export async function ensurePartnerAccounts(tx: Executor, partnerId: string): Promise<void> {
  const wanted = [partnerBalanceAccount(partnerId), allocatableAccount(partnerId), allocatableContraAccount(partnerId)];
  const have = new Set(
    (await tx.select({ code: ledger.ledgerAccounts.code }).from(ledger.ledgerAccounts).where(inArray(ledger.ledgerAccounts.code, wanted))).map((r) => r.code),
  );
  if (!have.has(wanted[0]!)) await ledger.ensureAccount(tx, { code: wanted[0]!, ownerKind: 'partner', ownerId: partnerId, partnerId, floor: '0' });
  if (!have.has(wanted[1]!)) await ensureAllocatable(tx, partnerId);
  if (!have.has(wanted[2]!)) await ledger.ensureAccount(tx, { code: wanted[2]!, ownerKind: 'partner', ownerId: partnerId, partnerId, floor: null });
}

export interface PartnerBalances {
  balance: string; // 账户余额
  allocatable: string; // 可拨款账户余额
}

/** Both balances (an account never opened holds nothing). */
export async function partnerBalances(ex: Executor, partnerId: string): Promise<PartnerBalances> {
  const [balance, allocatable] = await Promise.all([ledger.balanceOf(ex, partnerBalanceAccount(partnerId)), ledger.balanceOf(ex, allocatableAccount(partnerId))]);
  return { balance: ledger.canonical(balance), allocatable: ledger.canonical(allocatable) };
}

export const BALANCE_SHORT = { zh: '账户余额不足，需先充值再进行支付', en: 'Insufficient account balance: top up first, then pay' };
export const ALLOCATABLE_SHORT = { zh: '可拨款账户余额不足，需先充值再进行支付', en: 'Insufficient allocatable balance: top up first, then pay' };

/**
 * 伙伴支付 with 余额支付 (guide 9659): the partner pays a customer's order from 账户余额 and 可拨款账户余额, both
 * ≥ the amount, both reduced (the contra takes the virtual side). A 云经销商 (`balanceOnly`, guide 19122) needs and
 * spends 账户余额 only. Other methods (第三方支付, 花瓣支付) are not implemented.
 */
export function partnerPayer(partnerId: string, method: '余额支付', opts: { balanceOnly?: boolean } = {}): Payer {
  if (method !== '余额支付') throw new Error(`finance: payment method ${String(method)} is not implemented`);
  return {
    kind: 'partner',
    id: partnerId,
    method: '伙伴支付',
    partnerId,
    async debit(tx, amount: Money): Promise<PayerLine[]> {
      await ensurePartnerAccounts(tx, partnerId);
      const b = await partnerBalances(tx, partnerId);
      if (money(b.balance).lt(amount)) throw refused('finance.balance-insufficient', BALANCE_SHORT, { balance: b.balance, amount: amount.toFixed(2) });
      if (opts.balanceOnly) return [{ account: partnerBalanceAccount(partnerId), amount: amount.negated() }];
      if (money(b.allocatable).lt(amount)) throw refused('finance.allocatable-insufficient', ALLOCATABLE_SHORT, { allocatable: b.allocatable, amount: amount.toFixed(2) });
      return [
        { account: partnerBalanceAccount(partnerId), amount: amount.negated() },
        { account: allocatableAccount(partnerId), amount: amount.negated() },
        { account: allocatableContraAccount(partnerId), amount },
      ];
    },
  };
}

/**
 * Demo money (seeds and tests only; the real 充值 is the finance issue's): `balance` into 账户余额 from
 * `vendor:demo-funding`, `allocatable` into 可拨款账户余额 against the contra. Idempotent per `key`.
 */
export async function fundPartnerForDemo(tx: Executor, partnerId: string, amounts: { balance?: string; allocatable?: string }, key: string): Promise<void> {
  await ensurePartnerAccounts(tx, partnerId);
  await ledger.ensureAccount(tx, { code: DEMO_FUNDING, ownerKind: 'vendor', floor: null });
  const lines: { account: string; amount: Money }[] = [];
  if (amounts.balance && money(amounts.balance).gt(0)) {
    lines.push({ account: DEMO_FUNDING, amount: money(amounts.balance).negated() }, { account: partnerBalanceAccount(partnerId), amount: money(amounts.balance) });
  }
  if (amounts.allocatable && money(amounts.allocatable).gt(0)) {
    lines.push({ account: allocatableContraAccount(partnerId), amount: money(amounts.allocatable).negated() }, { account: allocatableAccount(partnerId), amount: money(amounts.allocatable) });
  }
  if (!lines.length) return;
  await ledger.post(tx, { idempotencyKey: `finance.demo-funding:${key}`, kind: 'finance.demo-funding', memo: '充值（演示）', partnerId, lines });
}
