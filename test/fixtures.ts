import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../src/platform/db/index.js';
import { clock } from '../src/platform/clock.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { createSession, SESSION_COOKIE, type Portal } from '../src/platform/auth/sessions.js';
import { accounts, staffUsers } from '../src/modules/accounts/schema.js';
import { companies, partners } from '../src/modules/partners/schema.js';
import { orgMembers, memberRoles, roles } from '../src/modules/org/schema.js';
import { ensurePresetRoles } from '../src/modules/org/preset-roles.js';

/**
 * Test fixtures that write rows directly (fast, and independent of the flows under test).
 * Password hashing is real but cheap enough; use `TEST_PASSWORD` to sign in through the API.
 */
export const TEST_PASSWORD = 'Passw0rd!x';
let hashed: string | null = null;
const pw = async () => (hashed ??= await hashPassword(TEST_PASSWORD));
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function makeAccount(database: Database, over: Partial<typeof accounts.$inferInsert> = {}) {
  const u = uniq();
  const now = clock.now();
  const [a] = await database.db
    .insert(accounts)
    .values({
      accountName: `acct_${u}`,
      mobile: `+86-139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      email: `${u}@example.com`,
      passwordHash: await pw(),
      tenantName: `tenant_${u}`,
      name: `用户${u.slice(-4)}`,
      cloudActivatedAt: now,
      realNameStatus: 'verified',
      realNameType: 'personal',
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .returning();
  return a!;
}

export async function makePartner(database: Database, over: { paths?: string[]; programs?: string[]; name?: string } = {}) {
  const account = await makeAccount(database, { realNameType: 'enterprise', enterpriseName: over.name ?? `公司${uniq()}` });
  const now = clock.now();
  const [company] = await database.db
    .insert(companies)
    .values({ name: account.enterpriseName!, uscc: `91${uniq().toUpperCase().padEnd(16, '0').slice(0, 16)}`, createdAt: now, updatedAt: now })
    .returning();
  const [partner] = await database.db
    .insert(partners)
    .values({
      accountId: account.id,
      companyId: company!.id,
      isMainAccount: true,
      displayName: account.enterpriseName!,
      paths: over.paths ?? ['service'],
      programs: over.programs ?? [],
      joinedAt: now,
      createdAt: now,
    })
    .returning();
  return { account, company: company!, partner: partner! };
}

export async function makeMember(database: Database, partnerId: string, presetKeys: string[], over: Partial<typeof orgMembers.$inferInsert> = {}) {
  await ensurePresetRoles(database.db);
  const u = uniq();
  const now = clock.now();
  const [m] = await database.db
    .insert(orgMembers)
    .values({
      partnerId,
      accountName: `m_${u}`,
      passwordHash: await pw(),
      mustChangePassword: false,
      name: `成员${u.slice(-4)}`,
      mobile: `+86-137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      email: `m_${u}@example.com`,
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .returning();
  for (const key of presetKeys) {
    const [r] = await database.db.select().from(roles).where(eq(roles.presetKey, key));
    await database.db.insert(memberRoles).values({ memberId: m!.id, roleId: r!.id });
  }
  return m!;
}

export async function makeStaff(database: Database, roleList: string[]) {
  const u = uniq();
  const [s] = await database.db
    .insert(staffUsers)
    .values({ username: `staff_${u}`, name: `员工${u.slice(-4)}`, passwordHash: await pw(), roles: roleList, createdAt: clock.now() })
    .returning();
  return s!;
}

/** A signed-in session: cookie and CSRF headers to pass to app.inject. */
export interface TestSession {
  headers: Record<string, string>;
}

export async function sessionFor(
  database: Database,
  subject: { kind: 'account' | 'member' | 'staff'; id: string; partnerId?: string | null; portal: Portal },
): Promise<TestSession> {
  const { token, csrfToken } = await createSession(database.db, {
    subjectKind: subject.kind,
    subjectId: subject.id,
    partnerId: subject.partnerId ?? null,
    portal: subject.portal,
  });
  return { headers: { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfToken } };
}

export const partnerAdminSession = (database: Database, p: { account: { id: string }; partner: { id: string } }) =>
  sessionFor(database, { kind: 'account', id: p.account.id, partnerId: p.partner.id, portal: 'partner' });
export const memberSession = (database: Database, m: { id: string; partnerId: string }) =>
  sessionFor(database, { kind: 'member', id: m.id, partnerId: m.partnerId, portal: 'partner' });
export const staffSession = (database: Database, s: { id: string }) => sessionFor(database, { kind: 'staff', id: s.id, portal: 'ops' });
export const accountSession = (database: Database, a: { id: string }, portal: Portal = 'customer') =>
  sessionFor(database, { kind: 'account', id: a.id, portal });

export { randomUUID };
