import { and, eq } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import type { Executor } from '../../platform/db/index.js';
import { money, type Money } from '../../platform/money.js';
import { refused } from '../../platform/errors.js';
import { customerAssociations } from '../customers/schema.js';
import { customerFundsAccount, customerOwnCashAccount } from '../customers/funds/ledger-accounts.js';

/**
 * Who pays, and from which ledger accounts. Every order payment and every pay-per-use charge is one
 * ledger posting: the payer's lines (negative) and the vendor's revenue line (positive). A refund
 * reverses the payer's lines pro rata, so money always returns to the accounts it came from (R-O1).
 *
 * Accounts (the customers module names the customer balances; see customers/funds/ledger-accounts.ts):
 * | balance | code | floor |
 * |---|---|---|
 * | 代售 customer's cash (the partner's allocation, 使用场景 普通) | `customer:<id>:cash.<partnerId>` | 0 |
 * | any other customer's own cash | `customer:<id>:cash` | 0 |
 * | pay-per-use vouchers usable by the customer (kept by the coupons module) | `customer:<id>:vouchers` | 0 |
 * | the customer's arrears (欠费; negative = owed) | `customer:<id>:arrears` | none |
 * | the vendor's cloud revenue | `vendor:cloud-revenue` | none |
 *
 * 专款专用 (earmarked) allocations are not spent by cloud orders: the guide does not say which products
 * they are earmarked for, so they stay with the customers module until it does.
 */

export const CLOUD_REVENUE = ledger.accountCode('vendor', null, 'cloud-revenue');
export const vouchersAccount = (customerId: string) => ledger.accountCode('customer', customerId, 'vouchers');
export const arrearsAccount = (customerId: string) => ledger.accountCode('customer', customerId, 'arrears');

export interface CustomerAssociation {
  partnerId: string;
  associationType: 'consulting' | 'resale' | string;
  accountManagerId: string | null;
}

/** The customer's current association (顾问销售 / 代售), read from the customers module's table. */
export async function associationOf(ex: Executor, customerId: string): Promise<CustomerAssociation | null> {
  const [row] = await ex
    .select({ partnerId: customerAssociations.partnerId, associationType: customerAssociations.associationType, accountManagerId: customerAssociations.accountManagerId })
    .from(customerAssociations)
    .where(and(eq(customerAssociations.customerAccountId, customerId), eq(customerAssociations.status, 'associated')));
  return row ?? null;
}

/** The cash account a customer spends from: a 代售 customer spends only what its partner allocated. */
export function customerCashAccount(customerId: string, assoc: CustomerAssociation | null): string {
  return assoc?.associationType === 'resale' ? customerFundsAccount(assoc.partnerId, customerId, 'ordinary') : customerOwnCashAccount(customerId);
}

/** A line taking money from the payer (negative amount) in a payment posting. */
export interface PayerLine {
  account: string;
  amount: Money;
}

/**
 * A payment source for an order. The cloud module adds the revenue line and records the lines, so a
 * refund returns to them. `debit(amount)` must return lines that sum to −amount, and throw the
 * ledger's refusal (or its own) when the payer cannot pay. 伙伴支付 (the partner pays from its
 * accounts; finance names them) plugs in as another Payer with kind 'partner'.
 */
export interface Payer {
  kind: 'customer' | 'partner';
  id: string;
  method: '余额支付' | '伙伴支付' | '自动扣费';
  /** The partner's tenant for the posting (pay-on-behalf), null for a customer paying itself. */
  partnerId: string | null;
  debit(tx: Executor, amount: Money): Promise<PayerLine[]>;
}

/** 余额支付: the customer pays from its own cash balance (a 代售 customer: its partner's allocation). */
export function customerPayer(customerId: string, method: '余额支付' | '自动扣费' = '余额支付'): Payer {
  return {
    kind: 'customer',
    id: customerId,
    method,
    partnerId: null,
    async debit(tx, amount) {
      const account = customerCashAccount(customerId, await associationOf(tx, customerId));
      // An account never funded holds nothing: the same refusal the ledger gives for a short balance.
      if (!(await ledger.getAccount(tx, account))) throw insufficientBalance(account, '0.00', amount);
      return [{ account, amount: amount.negated() }];
    },
  };
}

/** 余额不足 (the ledger's own refusal code, so callers handle one code). */
export function insufficientBalance(account: string, balance: string, amount: Money) {
  return refused('ledger.insufficient-balance', { zh: '余额不足', en: 'Insufficient balance' }, { account, balance, amount: amount.toFixed(2) });
}

export async function ensureRevenueAccount(tx: Executor) {
  await ledger.ensureAccount(tx, { code: CLOUD_REVENUE, ownerKind: 'vendor', floor: null });
}

/** Existing balances of accounts (an account never opened holds nothing). */
export async function balancesOf(ex: Executor, codes: string[]): Promise<Map<string, Money>> {
  const out = new Map<string, Money>();
  for (const c of codes) out.set(c, money(await ledger.balanceOf(ex, c)));
  return out;
}
