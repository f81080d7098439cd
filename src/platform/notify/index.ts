import type { Executor } from '../db/index.js';
import { clock } from '../clock.js';
import { notifications } from './schema.js';

export type Channel = 'email' | 'sms' | 'site';
export interface Recipient {
  kind: 'account' | 'member' | 'staff' | 'partner';
  id: string;
}

export interface Message {
  channel: Channel;
  to?: Recipient; // whose inbox (site) / whose message (email, sms)
  address?: string | null; // e-mail or mobile for email/sms
  template: string;
  subject: string;
  body: string;
  data?: Record<string, unknown>;
}

/**
 * Queue a notification inside the caller's transaction (outbox). Delivery happens after
 * commit in the notify job; a rolled-back change never notifies.
 */
export async function send(tx: Executor, msg: Message): Promise<string> {
  if (msg.channel !== 'site' && !msg.address) throw new Error(`${msg.channel} notification needs an address`);
  if (msg.channel === 'site' && !msg.to) throw new Error('site message needs a recipient');
  const [row] = await tx
    .insert(notifications)
    .values({
      channel: msg.channel,
      recipientKind: msg.to?.kind ?? null,
      recipientId: msg.to?.id ?? null,
      address: msg.address ?? null,
      template: msg.template,
      subject: msg.subject,
      body: msg.body,
      data: msg.data ?? {},
      // site messages are delivered by being written
      status: msg.channel === 'site' ? 'delivered' : 'pending',
      createdAt: clock.now(),
      deliveredAt: msg.channel === 'site' ? clock.now() : null,
    })
    .returning({ id: notifications.id });
  return row!.id;
}

/** Send the same text on several channels (e.g. e-mail + SMS + 站内信, as the guide often says). */
export async function sendAll(
  tx: Executor,
  channels: { email?: string | null; sms?: string | null; site?: Recipient | null },
  m: { template: string; subject: string; body: string; data?: Record<string, unknown>; to?: Recipient },
): Promise<void> {
  if (channels.site) await send(tx, { ...m, channel: 'site', to: channels.site });
  if (channels.email) await send(tx, { ...m, channel: 'email', address: channels.email });
  if (channels.sms) await send(tx, { ...m, channel: 'sms', address: channels.sms });
}

export { notifications } from './schema.js';
export { formatForRecipient, DEFAULT_TIME_ZONE } from './time.js';
export {
  deliverPending,
  kickDelivery,
  notifyJobs,
  DemoInboxTransport,
  SmtpTransport,
  MAX_ATTEMPTS,
  NOTIFY_DELIVER,
  type Transport,
  type OutgoingMessage,
  type DeliveryResult,
} from './delivery.js';
export { listInbox, markRead, markAllRead, demoInboxFor, recipientsOf, type InboxItem, type DemoInboxItem } from './inbox.js';
export { notifyRoutes, type NotifyRoutesOptions } from './routes.js';
