import { and, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { createTestApp } from '../../../test/app.js';
import { accountSession, makeAccount, makeMember, makePartner, memberSession, partnerAdminSession, staffSession, makeStaff, type TestSession } from '../../../test/fixtures.js';
import { STAFF_ROLES } from '../../platform/access/index.js';
import { notifications } from '../../platform/notify/index.js';
import { clock, DAY_MS } from '../../platform/clock.js';
import { accounts } from '../accounts/schema.js';
import { partners } from '../partners/schema.js';
import type { CustomerFacts } from './facts.js';
import { currentNotice } from './notice.js';
import { customerInvitations } from './schema.js';

/** Helpers for this module's tests: the whole product (createTestApp), real sessions, HTTP calls. */
export type T = Awaited<ReturnType<typeof createTestApp>>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function kit(t: T) {
  const db = t.database.db;
  const call = async (s: TestSession | null, method: Method, url: string, payload?: unknown) => {
    const r = await t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
    let body: any = null;
    try {
      body = r.json();
    } catch {
      body = r.body;
    }
    return { status: r.statusCode, body, raw: r };
  };

  async function partner(opts: { programs?: string[] } = {}) {
    const p = await makePartner(t.database, { programs: opts.programs ?? ['solution_provider'] });
    return { ...p, id: p.partner.id, admin: await partnerAdminSession(t.database, p) };
  }
  type Partner = Awaited<ReturnType<typeof partner>>;

  async function member(p: Partner, roles: string[], supervisorId?: string) {
    const m = await makeMember(t.database, p.id, roles, supervisorId ? { supervisorId } : {});
    return { ...m, session: await memberSession(t.database, m) };
  }

  /** A customer account (registered now, cloud activated), with eligibility facts in its attributes. */
  async function customer(facts: Partial<CustomerFacts> = {}, over: Partial<typeof accounts.$inferInsert> = {}) {
    const a = await makeAccount(t.database, { attributes: facts as Record<string, unknown>, ...over });
    return { ...a, session: await accountSession(t.database, a) };
  }
  type Customer = Awaited<ReturnType<typeof customer>>;

  const local = (mobile: string) => mobile.replace(/^\+86-/, '');

  async function report(p: Partner | { admin: TestSession }, c: { mobile: string }, over: Record<string, unknown> = {}, session?: TestSession) {
    return call(session ?? p.admin, 'POST', '/api/customers/reports', { fullName: '测试客户有限公司', mobile: local(c.mobile), sendInvite: false, ...over });
  }

  async function genericToken(s: TestSession, type: 'consulting' | 'resale') {
    const r = await call(s, 'GET', '/api/customers/invitation-links/generic');
    expect(r.status).toBe(200);
    const link = r.body.items.find((i: { associationType: string }) => i.associationType === type);
    return link.url.split('/').pop() as string;
  }

  const notice = (type: 'consulting' | 'resale') => currentNotice('association-notice', type).version;

  async function associate(c: Customer, token: string, type: 'consulting' | 'resale', via: 'link' | 'qr' = 'link') {
    return call(c.session, 'POST', '/api/customer/associations', { token, via, noticeVersion: notice(type), agreed: true });
  }

  /** A customer associated with a partner through the partner admin's generic link. */
  async function associated(p: Partner, type: 'consulting' | 'resale', facts: Partial<CustomerFacts> = {}, linkSession?: TestSession) {
    const c = await customer();
    const r = await associate(c, await genericToken(linkSession ?? p.admin, type), type);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    if (Object.keys(facts).length) await setFacts(c.id, facts);
    return c;
  }

  async function setFacts(accountId: string, facts: Partial<CustomerFacts>) {
    const [a] = await db.select({ attributes: accounts.attributes }).from(accounts).where(eq(accounts.id, accountId));
    await db.update(accounts).set({ attributes: { ...(a!.attributes ?? {}), ...facts } }).where(eq(accounts.id, accountId));
  }

  async function emailToken(reportId: string) {
    const [inv] = await db.select().from(customerInvitations).where(and(eq(customerInvitations.reportId, reportId), eq(customerInvitations.status, 'active')));
    return inv?.token ?? null;
  }

  /** The latest code sent to an address (the demo inbox's outbox row). */
  async function latestCode(address: string): Promise<string> {
    const [n] = await db.select().from(notifications).where(eq(notifications.address, address)).orderBy(desc(notifications.createdAt)).limit(1);
    return String((n!.data as Record<string, unknown>).code);
  }

  async function customerCode(c: Customer) {
    // one code per 60 s per target: move the clock past the gap
    clock.advance(61_000);
    const r = await call(c.session, 'POST', '/api/customer/verification-code', {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return latestCode(c.mobile);
  }

  async function partnerCode(p: Partner) {
    clock.advance(61_000);
    const r = await call(p.admin, 'POST', '/api/customers/verification-code', { channel: 'sms' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return latestCode(p.account.mobile);
  }

  async function requireCodes(p: Partner, on = true) {
    await db.update(partners).set({ verificationCodeRequired: on }).where(eq(partners.id, p.id));
  }

  async function staff(roles: string[] = [STAFF_ROLES.admin]) {
    const s = await makeStaff(t.database, roles);
    return { ...s, session: await staffSession(t.database, s) };
  }

  const daysAgo = (n: number) => new Date(clock.nowMs() - n * DAY_MS);

  return { db, call, partner, member, customer, report, genericToken, associate, associated, setFacts, emailToken, latestCode, customerCode, partnerCode, requireCodes, staff, notice, daysAgo, local };
}

