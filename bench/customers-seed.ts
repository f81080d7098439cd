import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { rows, type Database } from '../src/platform/db/index.js';
import { PRESET_ROLES } from '../src/platform/access/index.js';
import * as ledger from '../src/platform/ledger/index.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { partners } from '../src/modules/partners/schema.js';
import { memberRoles, orgMembers, roles } from '../src/modules/org/schema.js';
import { allocatableAccount, ensureAllocatable } from '../src/modules/customers/funds/ledger-accounts.js';

/**
 * The issue-4 bench world on top of the demo world: the distributor 神州云分销 (dist_admin) with a
 * 客户经理主管 and eight 客户经理, and N customer accounts associated with it. Set-based SQL
 * (INSERT … SELECT generate_series), so 100,000 customers take seconds on PostgreSQL and PGlite alike.
 *
 * Customer n (1…N): 代售 unless n % 3 = 0 (顾问销售); no 客户经理 when n % 10 = 0, else manager
 * n % 8; associated at a permuted five-minute slot of 2024 (n·7919 mod N), so the association
 * time is spread and unrelated to the insertion order; customer level V0–V5; a tag on every 7th.
 */
export const BENCH_MANAGERS = ['赵敏', '钱伟', '孙芳', '李强', '周杰', '吴娜', '郑浩', '冯磊'];
export const BENCH_SUPERVISOR = '王主管';
const PLACEHOLDER_HASH = 'bench-no-login'; // the seeded customers and members never sign in

export interface BenchWorld {
  partnerId: string;
  customers: number;
  managerIds: string[];
  seedSeconds: number;
}

export async function seedCustomerWorld(database: Database, n: number): Promise<BenchWorld> {
  const db = database.db;
  const t0 = performance.now();
  const [dist] = await db
    .select({ id: partners.id })
    .from(partners)
    .innerJoin(accounts, eq(accounts.id, partners.accountId))
    .where(eq(accounts.accountName, 'dist_admin'));
  if (!dist) throw new Error('bench: the demo world has no dist_admin partner');
  const partnerId = dist.id;
  const now = new Date('2025-01-01T00:00:00Z');

  const roleIds = new Map((await db.select({ id: roles.id, key: roles.presetKey }).from(roles)).map((r) => [r.key, r.id]));
  const member = (accountName: string, name: string, i: number, supervisorId: string | null) => ({
    partnerId,
    accountName,
    passwordHash: PLACEHOLDER_HASH,
    mustChangePassword: false,
    name,
    mobile: `+86-1770000${String(i).padStart(4, '0')}`,
    email: `${accountName}@dist.example.com`,
    supervisorId,
    createdAt: now,
    updatedAt: now,
  });
  const [lead] = await db.insert(orgMembers).values(member('bench_am_lead', BENCH_SUPERVISOR, 0, null)).returning({ id: orgMembers.id });
  await db.insert(memberRoles).values({ memberId: lead!.id, roleId: roleIds.get(PRESET_ROLES.amSupervisor)! });
  const managers = await db
    .insert(orgMembers)
    .values(BENCH_MANAGERS.map((name, i) => member(`bench_am_${i}`, name, i + 1, lead!.id)))
    .returning({ id: orgMembers.id, accountName: orgMembers.accountName });
  managers.sort((a, b) => (a.accountName < b.accountName ? -1 : 1));
  await db.insert(memberRoles).values(managers.map((m) => ({ memberId: m.id, roleId: roleIds.get(PRESET_ROLES.accountManager)! })));
  const managerIds = managers.map((m) => m.id);

  await db.execute(sql`
    INSERT INTO accounts (account_name, mobile, email, password_hash, tenant_name, name, enterprise_name,
                          real_name_status, real_name_type, cloud_activated_at, cloud_terms_version, attributes, created_at, updated_at)
    SELECT 'bench_c' || i, '+86-15' || lpad(i::text, 9, '0'), 'bench_c' || i || '@customer.example.com', ${PLACEHOLDER_HASH},
           'bench_c' || i, '测试客户' || i || '有限公司', '测试客户' || i || '有限公司',
           'verified', 'enterprise', ${now}, '2025-01', jsonb_build_object('customerLevel', 'V' || (i % 6)), ${now}, ${now}
    FROM generate_series(1, ${n}::int) AS i`);
  await db.execute(sql`
    INSERT INTO customer_associations (partner_id, customer_account_id, association_type, status, account_manager_id, custom_tag, associated_at)
    SELECT ${partnerId}::uuid, a.id,
           CASE WHEN s.i % 3 = 0 THEN 'consulting' ELSE 'resale' END,
           'associated',
           CASE WHEN s.i % 10 = 0 THEN NULL ELSE (ARRAY[${sql.join(managerIds.map((id) => sql`${id}::uuid`), sql`, `)}])[s.i % 8 + 1] END,
           CASE WHEN s.i % 7 = 0 THEN '重点客户' END,
           timestamptz '2024-01-01T00:00:00Z' + ((s.i::bigint * 7919) % ${n}::int) * interval '5 minutes'
    FROM (SELECT id, substr(account_name, 8)::int AS i FROM accounts WHERE account_name LIKE 'bench\\_c%') s
    JOIN accounts a ON a.id = s.id`);
  // a table this size in service has been vacuumed (visibility map set, statistics current)
  for (const table of ['accounts', 'customer_associations', 'org_members']) await db.execute(sql.raw(`VACUUM ANALYZE ${table}`));

  const [{ c } = { c: 0 }] = await rows<{ c: number }>(db, sql`SELECT count(*)::int AS c FROM customer_associations WHERE partner_id = ${partnerId} AND status = 'associated'`);
  if (c < n) throw new Error(`bench: expected ${n} associations, found ${c}`);
  return { partnerId, customers: c, managerIds, seedSeconds: (performance.now() - t0) / 1000 };
}

/** The partner's 可拨款账户, funded from a vendor-side source (the finance module's top-up, simulated). */
export async function fundAllocatable(database: Database, partnerId: string, amount: string) {
  const db = database.db;
  const source = ledger.accountCode('vendor', null, 'bench-allocatable-topup');
  await ledger.ensureAccount(db, { code: source, ownerKind: 'vendor', floor: null });
  await ensureAllocatable(db, partnerId);
  await ledger.post(db, {
    idempotencyKey: `bench-allocatable:${randomUUID()}`,
    kind: 'bench.topup',
    partnerId,
    lines: [
      { account: source, amount: `-${amount}` },
      { account: allocatableAccount(partnerId), amount },
    ],
  });
}

/** 代售 customer account ids of the partner, n of them, spread over the managers. */
export async function resaleCustomerIds(database: Database, partnerId: string, n: number): Promise<string[]> {
  const r = await rows<{ id: string }>(
    database.db,
    sql`SELECT customer_account_id AS id FROM customer_associations
        WHERE partner_id = ${partnerId} AND status = 'associated' AND association_type = 'resale'
        ORDER BY id LIMIT ${n}`,
  );
  return r.map((x) => x.id);
}
