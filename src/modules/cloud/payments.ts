import { eq, inArray } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { clock } from '../../platform/clock.js';
import { money, roundTo, ZERO, type Money } from '../../platform/money.js';
import { cloudOrderPayments, type CloudOrder } from './schema.js';
import { CLOUD_REVENUE, ensureRevenueAccount, type Payer } from './payers.js';

export type PaymentRow = typeof cloudOrderPayments.$inferSelect;

/**
 * Take `amount` from the payer for an order: one ledger posting (payer lines + revenue line) under the
 * key `cloud.order-pay:<order id>`, so an order can be paid once only, whatever the request id; and the
 * payment row that remembers the payer's lines for refunds.
 */
export async function takePayment(tx: Executor, ctx: Ctx | null, order: CloudOrder, payer: Payer, amount: Money, requestId: string | null): Promise<PaymentRow> {
  await ensureRevenueAccount(tx);
  const payerLines = amount.isZero() ? [] : await payer.debit(tx, amount);
  let postingId: string | null = null; // a free order moves no money
  if (!amount.isZero()) {
    const { posting } = await ledger.post(tx, {
      idempotencyKey: `cloud.order-pay:${order.id}`,
      kind: 'cloud.order.payment',
      memo: `${order.orderType} ${order.orderNo}`,
      partnerId: order.partnerId,
      actor: ctx?.actor ?? { kind: 'system', id: null },
      meta: { orderId: order.id, orderNo: order.orderNo, payerKind: payer.kind, payerId: payer.id, method: payer.method },
      lines: [...payerLines.map((l) => ({ account: l.account, amount: l.amount })), { account: CLOUD_REVENUE, amount }],
    });
    postingId = posting.id;
  }
  const [row] = await tx
    .insert(cloudOrderPayments)
    .values({
      orderId: order.id,
      kind: 'payment',
      payerKind: payer.kind,
      payerId: payer.id,
      method: payer.method,
      amount: amount.toFixed(2),
      lines: payerLines.map((l) => ({ account: l.account, amount: l.amount.toFixed(2) })),
      postingId,
      requestId,
      createdAt: clock.now(),
    })
    .returning();
  return row!;
}

/**
 * The payer's lines of a payment, reversed and scaled to `refund` (signs kept, so a payer whose lines move
 * two balances down and a memo up gets both balances back up and the memo down). Each line rounds to cents;
 * the rounding rest goes to the largest debit, so the lines sum to exactly +refund.
 */
export function reverseLines(payment: PaymentRow, refund: Money): { account: string; amount: Money }[] {
  const paid = money(payment.amount);
  const lines = payment.lines.map((l) => ({ account: l.account, amount: roundTo(money(l.amount).negated().times(refund).div(paid)) }));
  const rest = refund.minus(lines.reduce((a, l) => a.plus(l.amount), ZERO));
  if (!rest.isZero()) {
    const biggest = lines.reduce((best, l) => (l.amount.gt(best.amount) ? l : best), lines[0]!);
    biggest.amount = biggest.amount.plus(rest);
  }
  return lines.filter((l) => !l.amount.isZero());
}

export async function paymentsByIds(ex: Executor, ids: string[]): Promise<Map<string, PaymentRow>> {
  if (!ids.length) return new Map();
  const list = await ex.select().from(cloudOrderPayments).where(inArray(cloudOrderPayments.id, ids));
  return new Map(list.map((p) => [p.id, p]));
}

export async function paymentOfOrder(ex: Executor, orderId: string): Promise<PaymentRow | null> {
  const list = await ex.select().from(cloudOrderPayments).where(eq(cloudOrderPayments.orderId, orderId));
  return list.find((p) => p.kind === 'payment') ?? null;
}

/**
 * Return refunds to the accounts that paid (R-O1: a refund goes back to the paying account; for a
 * partner-paid order both of its balances grow because its payment lines are reversed). One posting for
 * the whole refund order; one refund row per original payment.
 */
export async function returnRefunds(
  tx: Executor,
  ctx: Ctx | null,
  refundOrder: CloudOrder,
  refunds: { payment: PaymentRow; amount: Money }[],
): Promise<{ postingId: string | null; total: Money }> {
  const real = refunds.filter((r) => r.amount.gt(0) && r.payment.lines.length > 0);
  const total = real.reduce((a, r) => a.plus(r.amount), ZERO);
  if (total.isZero()) return { postingId: null, total };
  await ensureRevenueAccount(tx);
  const byAccount = new Map<string, Money>();
  const perPayment: { payment: PaymentRow; lines: { account: string; amount: Money }[]; amount: Money }[] = [];
  for (const r of real) {
    const lines = reverseLines(r.payment, r.amount);
    for (const l of lines) byAccount.set(l.account, (byAccount.get(l.account) ?? ZERO).plus(l.amount));
    perPayment.push({ payment: r.payment, lines, amount: r.amount });
  }
  const { posting } = await ledger.post(tx, {
    idempotencyKey: `cloud.order-refund:${refundOrder.id}`,
    kind: 'cloud.order.refund',
    memo: `${refundOrder.orderType} ${refundOrder.orderNo}`,
    partnerId: refundOrder.partnerId,
    actor: ctx?.actor ?? { kind: 'system', id: null },
    meta: { orderId: refundOrder.id, orderNo: refundOrder.orderNo },
    lines: [...[...byAccount].map(([account, amount]) => ({ account, amount })), { account: CLOUD_REVENUE, amount: total.negated() }],
  });
  const now = clock.now();
  await tx.insert(cloudOrderPayments).values(
    perPayment.map((p) => ({
      orderId: refundOrder.id,
      kind: 'refund' as const,
      payerKind: p.payment.payerKind,
      payerId: p.payment.payerId,
      method: p.payment.method,
      amount: p.amount.toFixed(2),
      lines: p.lines.map((l) => ({ account: l.account, amount: l.amount.toFixed(2) })),
      postingId: posting.id,
      requestId: null,
      createdAt: now,
    })),
  );
  return { postingId: posting.id, total };
}
