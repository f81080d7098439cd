import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction, rows as rawRows, type Db, type Executor } from '../../../platform/db/index.js';
import { P, requirePartnerAdmin, requirePermission } from '../../../platform/access/index.js';
import { fieldError, notFound, refused } from '../../../platform/errors.js';
import { audit } from '../../../platform/audit/index.js';
import { send } from '../../../platform/notify/index.js';
import { clock } from '../../../platform/clock.js';
import { formatCny, money } from '../../../platform/money.js';
import { isUuid } from '../../../platform/ids.js';
import { budgetAlertMarks, budgetReminderRecipients } from './schema.js';
import { customerInfos, partnerKind } from './shared.js';

/**
 * 伙伴预算提醒 (guide 10.4.1.4, L9055–9069): the partner names recipients (姓名 / 邮箱 / 手机) in the
 * message centre; "当客户使用预算比例超过75%、90%、100%时" they are warned.
 *
 * Our reading of "budget" (the guide never defines it): a 代售 customer's budget is what the
 * partner has put at its disposal in the current association, i.e. 拨款 − 回收; the used part is
 * that budget minus the customer's current balance (what it has spent). A threshold is announced
 * once per budget amount: a new allocation or recall changes the budget and re-arms the thresholds.
 * Resellers have no budget reminders (spec 07 §7).
 */

export const BUDGET_THRESHOLDS = [75, 90, 100] as const;
export const BUDGET_CHECK_JOB = 'customers.funds.budget-check';
export const MAX_RECIPIENTS = 20; // the guide sets no number; 20 keeps a message fan-out sane
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE_RE = /^\+?[\d\s-]{5,20}$/;

export interface RecipientInput {
  name: string;
  email?: string | null;
  mobile?: string | null;
}

const NOT_FOR_RESELLERS = { zh: '云经销商不支持设置伙伴预算提醒接收人', en: 'Resellers have no budget reminders' };

async function requireNotReseller(ex: Executor, partnerId: string) {
  if ((await partnerKind(ex, partnerId)) === 'reseller') throw refused('customers.budget.reseller', NOT_FOR_RESELLERS);
}

function view(r: typeof budgetReminderRecipients.$inferSelect) {
  return { id: r.id, name: r.name, email: r.email, mobile: r.mobile, createdAt: r.createdAt.toISOString() };
}

/** 消息接收配置 > 财务消息 > 伙伴预算提醒: the recipients. */
export async function listRecipients(ctx: Ctx) {
  const actor = requirePermission(ctx, P.customers);
  await requireNotReseller(ctx.db, actor.partnerId);
  const rs = await ctx.db.select().from(budgetReminderRecipients).where(eq(budgetReminderRecipients.partnerId, actor.partnerId)).orderBy(asc(budgetReminderRecipients.createdAt), asc(budgetReminderRecipients.id));
  return { items: rs.map(view), limit: MAX_RECIPIENTS, thresholds: [...BUDGET_THRESHOLDS] };
}

/** 添加接收人 → 姓名 / 邮箱 / 手机 → 保存. A message setting of the partner: its administrator's. */
export async function addRecipient(ctx: Ctx, input: RecipientInput) {
  const actor = requirePartnerAdmin(ctx);
  await requireNotReseller(ctx.db, actor.partnerId);
  const name = input.name?.trim();
  if (!name || Array.from(name).length > 64) throw fieldError('name', 'customers.budget.name', { zh: '请输入接收人姓名（最多64个字符）', en: 'Enter the name (at most 64 characters)' });
  const email = input.email?.trim().toLowerCase() || null;
  const mobile = input.mobile?.trim() || null;
  if (email && (!EMAIL_RE.test(email) || email.length > 128)) throw fieldError('email', 'customers.budget.email', { zh: '邮箱格式不正确', en: 'Invalid e-mail address' });
  if (mobile && !MOBILE_RE.test(mobile)) throw fieldError('mobile', 'customers.budget.mobile', { zh: '手机号码格式不正确', en: 'Invalid mobile number' });
  if (!email && !mobile) throw fieldError('email', 'customers.budget.contact', { zh: '请至少填写邮箱或手机', en: 'Enter an e-mail address or a mobile number' });
  return inTransaction(ctx.db, async (tx) => {
    // one partner's adds are serialised, so the limit holds under concurrent saves
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('budget-recipients'), hashtext(${actor.partnerId}))`);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(budgetReminderRecipients).where(eq(budgetReminderRecipients.partnerId, actor.partnerId));
    if (Number(n) >= MAX_RECIPIENTS) throw refused('customers.budget.limit', { zh: `最多添加${MAX_RECIPIENTS}个接收人`, en: `At most ${MAX_RECIPIENTS} recipients` });
    const [row] = await tx.insert(budgetReminderRecipients).values({ partnerId: actor.partnerId, name, email, mobile, createdAt: clock.now() }).returning();
    await audit(tx, ctx, { action: 'customers.budget.recipient-added', objectType: 'budget_reminder_recipient', objectId: row!.id, after: view(row!) });
    return view(row!);
  });
}

export async function deleteRecipient(ctx: Ctx, id: string) {
  const actor = requirePartnerAdmin(ctx);
  const gone = { zh: '接收人', en: 'Recipient' };
  if (!isUuid(id)) throw notFound(gone);
  await inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.delete(budgetReminderRecipients).where(and(eq(budgetReminderRecipients.id, id), eq(budgetReminderRecipients.partnerId, actor.partnerId))).returning();
    if (!row) throw notFound(gone);
    await audit(tx, ctx, { action: 'customers.budget.recipient-deleted', objectType: 'budget_reminder_recipient', objectId: id, before: view(row) });
  });
}

/* ------------------------------------------------------------------ the check (a job) */

interface BudgetRow {
  association_id: string;
  partner_id: string;
  customer_account_id: string;
  budget: string;
  balance: string;
}

/**
 * Announce newly crossed thresholds: for each active 代售 association (one, or all on the hourly
 * scan) compare used = budget − balance with the budget. The mark's unique key makes two nodes
 * running the same check announce once. Called by the `customers.funds.budget-check` job after each
 * adjustment; the cloud module's consumption should kick the same job.
 */
export async function checkBudgets(db: Db, opts: { associationId?: string } = {}): Promise<{ alerts: number }> {
  if (opts.associationId !== undefined && !isUuid(opts.associationId)) return { alerts: 0 };
  const only = opts.associationId ? sql`and a.id = ${opts.associationId}` : sql``;
  const found = await rawRows<BudgetRow>(
    db,
    sql`select a.id as association_id, a.partner_id, a.customer_account_id,
               sum(case when r.kind = 'allocation' then r.amount when r.kind = 'recall' then -r.amount else 0 end)::text as budget,
               coalesce((select sum(la.balance) from ledger_accounts la
                         where la.code in ('customer:' || a.customer_account_id || ':cash.' || a.partner_id,
                                           'customer:' || a.customer_account_id || ':earmarked.' || a.partner_id)), 0)::text as balance
        from customer_associations a
        join customer_adjustments r on r.association_id = a.id
        join partners p on p.id = a.partner_id
        where a.status = 'associated' and a.association_type = 'resale' and not ('reseller' = any(p.programs)) ${only}
        group by a.id, a.partner_id, a.customer_account_id`,
  );
  let alerts = 0;
  for (const r of found) {
    const budget = money(r.budget);
    if (budget.lte(0)) continue;
    const used = budget.minus(money(r.balance));
    const crossed = BUDGET_THRESHOLDS.filter((t) => used.times(100).gte(budget.times(t)));
    if (!crossed.length) continue;
    const sent = await inTransaction(db, async (tx) => {
      const fresh: number[] = [];
      for (const t of crossed) {
        const ins = await tx
          .insert(budgetAlertMarks)
          .values({ partnerId: r.partner_id, customerAccountId: r.customer_account_id, associationId: r.association_id, threshold: t, budget: budget.toFixed(2), used: used.toFixed(2), alertedAt: clock.now() })
          .onConflictDoNothing()
          .returning({ id: budgetAlertMarks.id });
        if (ins.length) fresh.push(t);
      }
      if (!fresh.length) return false;
      await announce(tx, r, Math.max(...fresh), budget.toFixed(2), used.toFixed(2));
      return true;
    });
    if (sent) alerts++;
  }
  return { alerts };
}

/** One message for the highest newly crossed threshold, to every recipient (e-mail and SMS) and the partner's inbox. */
async function announce(tx: Executor, r: BudgetRow, threshold: number, budget: string, used: string) {
  const info = (await customerInfos(tx, [r.customer_account_id])).get(r.customer_account_id);
  const who = info ? `${info.name}（${info.accountName}）` : r.customer_account_id;
  const body =
    `【华为云】伙伴预算提醒：您的客户${who}使用预算比例已超过${threshold}%（已使用${formatCny(used)}，预算${formatCny(budget)}）。` +
    ` Budget reminder: your customer ${info?.accountName ?? ''} has used over ${threshold}% of its budget (${formatCny(used)} of ${formatCny(budget)}).`;
  const m = { template: 'customers.budget-alert', subject: '伙伴预算提醒 / Budget reminder', body, data: { customerId: r.customer_account_id, threshold, budget, used } };
  await send(tx, { ...m, channel: 'site', to: { kind: 'partner', id: r.partner_id } });
  const recipients = await tx.select().from(budgetReminderRecipients).where(eq(budgetReminderRecipients.partnerId, r.partner_id));
  for (const p of recipients) {
    if (p.email) await send(tx, { ...m, channel: 'email', address: p.email });
    if (p.mobile) await send(tx, { ...m, channel: 'sms', address: p.mobile });
  }
}

/** The budget alerts announced for the partner (newest first): what the recipients were told. */
export async function listBudgetAlerts(ctx: Ctx, q: { page?: number; pageSize?: number }) {
  const actor = requirePermission(ctx, P.customers);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, q.pageSize ?? 10));
  const where = eq(budgetAlertMarks.partnerId, actor.partnerId);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(budgetAlertMarks).where(where);
  const rs = await ctx.db
    .select()
    .from(budgetAlertMarks)
    .where(where)
    .orderBy(sql`${budgetAlertMarks.alertedAt} desc, ${budgetAlertMarks.threshold} desc`)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: rs.map((r) => ({ customerId: r.customerAccountId, threshold: r.threshold, budget: money(r.budget).toFixed(2), used: money(r.used).toFixed(2), alertedAt: r.alertedAt.toISOString() })),
    total: Number(n),
    page,
    pageSize,
  };
}

/**
 * The module's jobs: a check per association after each adjustment (kicked by the service), and an
 * hourly scan of every 代售 association (consumption lowers balances without passing through here).
 */
export const customerFundsJobs = (db: Db) => ({
  handlers: {
    [BUDGET_CHECK_JOB]: {
      retryLimit: 3,
      handler: async (data: Record<string, unknown>) => {
        await checkBudgets(db, { associationId: typeof data.associationId === 'string' ? data.associationId : undefined });
      },
    },
  },
  schedules: [{ name: BUDGET_CHECK_JOB, cron: '20 * * * *' }],
});
