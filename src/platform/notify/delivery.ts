import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { createTransport, type Transporter } from 'nodemailer';
import { inTransaction, type Db } from '../db/index.js';
import { clock } from '../clock.js';
import type { Queue } from '../deps.js';
import { notifications } from './schema.js';

/** A message leaving the outbox. */
export interface OutgoingMessage {
  id: string;
  channel: 'email' | 'sms';
  address: string;
  subject: string;
  body: string;
}

/**
 * Where e-mail and SMS go. A transport that does not handle a channel leaves those rows as
 * 'kept': they stay in the outbox (the demo inbox shows them when it is on) and are never sent.
 */
export interface Transport {
  readonly name: string;
  handles(channel: 'email' | 'sms'): boolean;
  send(msg: OutgoingMessage): Promise<void>;
}

/**
 * The embedded set-up: the outbox row IS the demo inbox, so "sending" only marks it delivered.
 * Verification codes can then be read in the UI (GET /api/demo-inbox).
 */
export class DemoInboxTransport implements Transport {
  readonly name = 'demo-inbox';
  handles() {
    return true;
  }
  async send() {}
}

/**
 * Production e-mail through SMTP (config.smtp: SMTP_URL, MAIL_FROM). There is no SMS provider in
 * this code base: pass one as `sms` to send SMS; without it SMS rows are kept, not sent.
 */
export class SmtpTransport implements Transport {
  readonly name = 'smtp';
  private readonly mailer: Transporter;
  constructor(
    private readonly smtp: { url: string; from: string },
    private readonly sms?: { send(mobile: string, text: string): Promise<void> },
  ) {
    this.mailer = createTransport(smtp.url);
  }
  handles(channel: 'email' | 'sms') {
    return channel === 'email' || Boolean(this.sms);
  }
  async send(msg: OutgoingMessage) {
    if (msg.channel === 'sms') {
      await this.sms!.send(msg.address, msg.body);
      return;
    }
    await this.mailer.sendMail({ from: this.smtp.from, to: msg.address, subject: msg.subject, text: msg.body });
  }
}

/** After this many failed attempts a row is 'failed' and no longer retried. */
export const MAX_ATTEMPTS = 5;
/** Wait 1, 2, 4, 8 minutes between attempts. */
const RETRY_BACKOFF_MS = 60_000;

export interface DeliveryResult {
  delivered: number;
  failed: number;
  kept: number;
  retrying: number;
}

/**
 * Deliver pending e-mail and SMS, a batch at a time. Rows are claimed with FOR UPDATE SKIP
 * LOCKED, so several nodes can run this at once without sending a message twice.
 */
export async function deliverPending(
  db: Db,
  transport: Transport,
  opts: { batchSize?: number; maxBatches?: number } = {},
): Promise<DeliveryResult> {
  const batchSize = opts.batchSize ?? 50;
  const result: DeliveryResult = { delivered: 0, failed: 0, kept: 0, retrying: 0 };
  for (let batch = 0; batch < (opts.maxBatches ?? 100); batch++) {
    const now = clock.now();
    const handled = await inTransaction(db, async (tx) => {
      const due = await tx
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.status, 'pending'),
            inArray(notifications.channel, ['email', 'sms']),
            or(isNull(notifications.nextAttemptAt), lte(notifications.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(notifications.createdAt))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const row of due) {
        const channel = row.channel as 'email' | 'sms';
        if (!transport.handles(channel)) {
          await tx
            .update(notifications)
            .set({ status: 'kept', error: `no ${channel} provider configured; kept in the outbox` })
            .where(eq(notifications.id, row.id));
          result.kept++;
          continue;
        }
        try {
          await transport.send({ id: row.id, channel, address: row.address ?? '', subject: row.subject, body: row.body });
          await tx
            .update(notifications)
            .set({ status: 'delivered', deliveredAt: clock.now(), error: null, attempts: sql`${notifications.attempts} + 1` })
            .where(eq(notifications.id, row.id));
          result.delivered++;
        } catch (err) {
          const finalAttempt = row.attempts + 1 >= MAX_ATTEMPTS;
          await tx
            .update(notifications)
            .set({
              status: finalAttempt ? 'failed' : 'pending',
              attempts: row.attempts + 1,
              nextAttemptAt: new Date(now.getTime() + RETRY_BACKOFF_MS * 2 ** row.attempts),
              error: String((err as Error).message ?? err).slice(0, 500),
            })
            .where(eq(notifications.id, row.id));
          if (finalAttempt) result.failed++;
          else result.retrying++;
        }
      }
      return due.length;
    });
    // a short batch means the outbox is drained (failures wait for the next run)
    if (handled < batchSize) break;
  }
  return result;
}

export const NOTIFY_DELIVER = 'notify.deliver';

/** Ask for delivery now (after the transaction that queued messages has committed). */
export async function kickDelivery(queue: Queue): Promise<void> {
  await queue.send(NOTIFY_DELIVER, {});
}

/**
 * The delivery job for startJobs: every minute, plus on every kick. The 'stately' policy keeps at
 * most one waiting run, so a burst of kicks costs one delivery pass.
 */
export function notifyJobs(db: Db, transport: Transport) {
  return {
    handlers: {
      [NOTIFY_DELIVER]: {
        policy: 'stately' as const,
        retryLimit: 1,
        handler: async () => {
          await deliverPending(db, transport);
        },
      },
    },
    schedules: [{ name: NOTIFY_DELIVER, cron: '* * * * *' }],
  };
}
