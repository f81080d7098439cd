import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/db.js';
import { inTransaction, type Database } from '../db/index.js';
import { clock } from '../clock.js';
import type { Deps } from '../deps.js';
import { buildTestApp, partnerActor, staffActor, accountActor, testDeps, type TestApp } from '../files/testing.js';
import { notifications } from './schema.js';
import {
  send,
  sendAll,
  deliverPending,
  DemoInboxTransport,
  formatForRecipient,
  notifyRoutes,
  MAX_ATTEMPTS,
  type Transport,
  type OutgoingMessage,
} from './index.js';

let database: Database;
let deps: Deps;
let withDemo: TestApp;
let withoutDemo: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps();
  withDemo = await buildTestApp(database, deps, [notifyRoutes({ demoInbox: true })]);
  withoutDemo = await buildTestApp(database, deps, [notifyRoutes({ demoInbox: false })]);
});
afterAll(async () => {
  await withDemo.app.close();
  await withoutDemo.app.close();
  await database.close();
  clock.reset();
});
beforeEach(async () => {
  await database.db.delete(notifications);
});

const statusOf = async (id: string) => (await database.db.select().from(notifications).where(eq(notifications.id, id)))[0]!;

class RecordingTransport implements Transport {
  readonly name = 'recording';
  sent: OutgoingMessage[] = [];
  failFor = new Set<string>();
  constructor(private readonly channels: ('email' | 'sms')[]) {}
  handles(c: 'email' | 'sms') {
    return this.channels.includes(c);
  }
  async send(m: OutgoingMessage) {
    if (this.failFor.has(m.address)) throw new Error('mailbox unavailable');
    this.sent.push(m);
  }
}

describe('deliverPending', () => {
  it('delivers pending e-mail and SMS to the demo inbox, leaving 站内信 alone', async () => {
    const ids = await inTransaction(database.db, async (tx) => [
      await send(tx, { channel: 'email', address: 'a@example.com', template: 't', subject: 's', body: 'b' }),
      await send(tx, { channel: 'sms', address: '13800000000', template: 't', subject: 's', body: 'b' }),
      await send(tx, { channel: 'site', to: { kind: 'account', id: randomUUID() }, template: 't', subject: 's', body: 'b' }),
    ]);
    const r = await deliverPending(database.db, new DemoInboxTransport());
    expect(r).toEqual({ delivered: 2, failed: 0, kept: 0, retrying: 0 });
    for (const id of ids) expect((await statusOf(id)).status).toBe('delivered');
    expect((await deliverPending(database.db, new DemoInboxTransport())).delivered).toBe(0);
  });

  it('sends e-mail through the transport and keeps SMS when there is no SMS provider', async () => {
    const t = new RecordingTransport(['email']);
    const [mail, sms] = await inTransaction(database.db, async (tx) => [
      await send(tx, { channel: 'email', address: 'b@example.com', template: 't', subject: '验证码', body: '123456' }),
      await send(tx, { channel: 'sms', address: '13900000000', template: 't', subject: 's', body: '654321' }),
    ]);
    await deliverPending(database.db, t);
    expect(t.sent.map((m) => [m.channel, m.address, m.subject])).toEqual([['email', 'b@example.com', '验证码']]);
    expect((await statusOf(mail!)).status).toBe('delivered');
    expect((await statusOf(sms!)).status).toBe('kept');
  });

  it('retries a failing address with back-off and gives up after MAX_ATTEMPTS', async () => {
    clock.set('2025-03-01T00:00:00Z');
    const t = new RecordingTransport(['email']);
    t.failFor.add('bad@example.com');
    const id = await inTransaction(database.db, (tx) => send(tx, { channel: 'email', address: 'bad@example.com', template: 't', subject: 's', body: 'b' }));
    expect((await deliverPending(database.db, t)).retrying).toBe(1);
    // not again before the back-off has passed
    expect((await deliverPending(database.db, t)).retrying).toBe(0);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      clock.advance(60 * 60_000);
      await deliverPending(database.db, t);
    }
    const row = await statusOf(id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, error: 'mailbox unavailable' });
    clock.reset();
  });

  it('never sends a message twice when two deliveries run at once', async () => {
    await inTransaction(database.db, async (tx) => {
      for (let i = 0; i < 30; i++) await send(tx, { channel: 'email', address: `u${i}@example.com`, template: 't', subject: 's', body: 'b' });
    });
    const t = new RecordingTransport(['email', 'sms']);
    await Promise.all([deliverPending(database.db, t, { batchSize: 7 }), deliverPending(database.db, t, { batchSize: 7 })]);
    expect(t.sent.length).toBe(30);
    expect(new Set(t.sent.map((m) => m.id)).size).toBe(30);
  });
});

describe('formatForRecipient (spec 02 R8)', () => {
  const at = new Date('2025-03-01T16:30:05Z');
  it('renders the time in the recipient zone with its offset', () => {
    expect(formatForRecipient(at, 'Asia/Shanghai', 'zh-CN')).toBe('2025/03/02 00:30:05 GMT+08:00');
    expect(formatForRecipient(at, 'America/New_York', 'en-US')).toBe('2025/03/01 11:30:05 GMT-05:00');
    expect(formatForRecipient(at, 'UTC', 'en-US')).toBe('2025/03/01 16:30:05 GMT+00:00');
    expect(formatForRecipient(at, 'Asia/Kolkata', 'zh-CN')).toBe('2025/03/01 22:00:05 GMT+05:30');
  });
  it('falls back to Beijing time for a missing or unknown zone', () => {
    expect(formatForRecipient(at, null)).toBe('2025/03/02 00:30:05 GMT+08:00');
    expect(formatForRecipient(at, 'Mars/Olympus')).toBe('2025/03/02 00:30:05 GMT+08:00');
  });
});

describe('inbox routes', () => {
  it("lists the actor's 站内信 with paging, unread filter and count, and marks them read", async () => {
    const member = partnerActor(randomUUID(), { memberId: randomUUID(), isAdmin: false });
    const memberId = (member as { memberId: string }).memberId;
    const other = accountActor();
    clock.set('2025-03-01T00:00:00Z');
    await inTransaction(database.db, async (tx) => {
      for (let i = 1; i <= 3; i++) {
        clock.advance(1000);
        await send(tx, { channel: 'site', to: { kind: 'member', id: memberId }, template: 't', subject: `msg ${i}`, body: 'b' });
      }
      await sendAll(tx, { site: { kind: 'account', id: (other as { accountId: string }).accountId } }, { template: 't', subject: 'x', body: 'b' });
    });
    clock.reset();
    const h = await withDemo.signIn(member);
    const page1 = (await withDemo.app.inject({ url: '/api/inbox?page=1&pageSize=2', headers: h })).json();
    expect(page1.total).toBe(3);
    expect(page1.unreadCount).toBe(3);
    expect(page1.items.map((i: { subject: string }) => i.subject)).toEqual(['msg 3', 'msg 2']);
    expect(page1.items[0].createdAt).toBe('2025-03-01T00:00:03.000Z');

    const read = await withDemo.app.inject({ method: 'POST', url: `/api/inbox/${page1.items[0].id}/read`, headers: h });
    expect(read.statusCode).toBe(204);
    const unread = (await withDemo.app.inject({ url: '/api/inbox?unread=true', headers: h })).json();
    expect(unread.items.map((i: { subject: string }) => i.subject)).toEqual(['msg 2', 'msg 1']);
    expect(unread.unreadCount).toBe(2);

    // someone else's message: not found, and not marked
    const otherHeaders = await withDemo.signIn(other);
    const theirs = (await withDemo.app.inject({ url: '/api/inbox', headers: otherHeaders })).json();
    expect(theirs.total).toBe(1);
    expect((await withDemo.app.inject({ method: 'POST', url: `/api/inbox/${theirs.items[0].id}/read`, headers: h })).statusCode).toBe(404);
    expect((await withDemo.app.inject({ url: '/api/inbox', headers: otherHeaders })).json().unreadCount).toBe(1);

    const all = await withDemo.app.inject({ method: 'POST', url: '/api/inbox/read-all', headers: h });
    expect(all.json()).toEqual({ updated: 2 });
    expect((await withDemo.app.inject({ url: '/api/inbox', headers: h })).json().unreadCount).toBe(0);
  });

  it('shows the partner account its own and partner-wide messages, and staff theirs', async () => {
    const admin = partnerActor(randomUUID());
    const a = admin as { partnerId: string; accountId: string };
    const staff = staffActor();
    await inTransaction(database.db, async (tx) => {
      await send(tx, { channel: 'site', to: { kind: 'account', id: a.accountId }, template: 't', subject: 'own', body: 'b' });
      await send(tx, { channel: 'site', to: { kind: 'partner', id: a.partnerId }, template: 't', subject: 'tenant', body: 'b' });
      await send(tx, { channel: 'site', to: { kind: 'staff', id: (staff as { staffId: string }).staffId }, template: 't', subject: 'ops', body: 'b' });
    });
    const mine = (await withDemo.app.inject({ url: '/api/inbox', headers: await withDemo.signIn(admin) })).json();
    expect(mine.items.map((i: { subject: string }) => i.subject).sort()).toEqual(['own', 'tenant']);
    const ops = (await withDemo.app.inject({ url: '/api/inbox', headers: await withDemo.signIn(staff) })).json();
    expect(ops.items.map((i: { subject: string }) => i.subject)).toEqual(['ops']);
  });

  it('refuses the inbox when signed out', async () => {
    expect((await withDemo.app.inject({ url: '/api/inbox' })).statusCode).toBe(401);
  });
});

describe('demo inbox', () => {
  it('lists the latest e-mail/SMS to exactly that address when on, and is 404 when off', async () => {
    await inTransaction(database.db, async (tx) => {
      await send(tx, { channel: 'sms', address: '13812345678', template: 'code', subject: '验证码', body: '您的验证码是 246810' });
      await send(tx, { channel: 'sms', address: '138123456789', template: 'code', subject: '验证码', body: 'other' });
    });
    const r = await withDemo.app.inject({ url: '/api/demo-inbox?address=13812345678' });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((i: { body: string }) => i.body)).toEqual(['您的验证码是 246810']);
    const off = await withoutDemo.app.inject({ url: '/api/demo-inbox?address=13812345678' });
    expect(off.statusCode).toBe(404);
  });
});
