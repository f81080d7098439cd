import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as ledger from '../../platform/ledger/index.js';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Database, Executor } from '../../platform/db/index.js';
import type { Deps } from '../../platform/deps.js';
import { clock } from '../../platform/clock.js';
import { STAFF_ROLES } from '../../platform/access/index.js';
import { LocalStorage } from '../../platform/files/storage.js';
import { createExportRegistry } from '../../platform/export/registry.js';
import { createReviewRegistry } from '../../platform/review/kinds.js';
import { createTestDatabase } from '../../../test/db.js';
import { makeAccount, makePartner, makeStaff } from '../../../test/fixtures.js';
import { customerAssociations } from '../customers/schema.js';
import { customerFundsAccount, customerOwnCashAccount } from '../customers/funds/ledger-accounts.js';
import { cloudProducts } from './schema.js';
import { seedCatalogue } from './catalogue.js';
import { orderReviewKind } from './review-kind.js';

/** Test helpers of this folder: a migrated database with the catalogue, contexts, money in and out. */

export const cloudReviews = createReviewRegistry(orderReviewKind);

export function testDeps(): Deps {
  return {
    storage: new LocalStorage(`/tmp/pc-cloud-${randomUUID()}`),
    queue: { send: async () => null },
    publicUrl: 'http://localhost',
    reviews: cloudReviews,
    exports: createExportRegistry([]),
  };
}

export async function cloudTestDb(): Promise<Database> {
  const database = await createTestDatabase();
  await seedCatalogue(database.db);
  return database;
}

export function ctxFor(database: Database, actor: Actor): Ctx {
  return { db: database.db, actor, lang: 'zh-CN', ip: '127.0.0.1', requestId: randomUUID(), deps: testDeps() };
}

export async function newCustomer(database: Database) {
  const a = await makeAccount(database);
  const ctx = ctxFor(database, { kind: 'account', accountId: a.id, accountName: a.accountName });
  return { account: a, id: a.id, ctx };
}

export async function staffCtx(database: Database) {
  const s = await makeStaff(database, [STAFF_ROLES.operations]);
  return ctxFor(database, { kind: 'staff', staffId: s.id, name: s.name, roles: new Set([STAFF_ROLES.operations]) });
}

const TOPUP = ledger.accountCode('vendor', null, 'test-topup');

/** Put money on a ledger account (from a test source with no floor). */
export async function credit(ex: Executor, account: string, amount: string, owner: { kind: string; id: string | null; partnerId?: string | null } = { kind: 'customer', id: null }) {
  await ledger.ensureAccount(ex, { code: TOPUP, ownerKind: 'vendor', floor: null });
  await ledger.ensureAccount(ex, { code: account, ownerKind: owner.kind, ownerId: owner.id, partnerId: owner.partnerId ?? null, floor: '0' });
  await ledger.post(ex, { idempotencyKey: `test-credit:${randomUUID()}`, kind: 'test.credit', lines: [{ account: TOPUP, amount: `-${amount}` }, { account, amount }] });
}

/** A customer's own cash (顾问销售 or unassociated). */
export async function fund(ex: Executor, customerId: string, amount: string) {
  await credit(ex, customerOwnCashAccount(customerId), amount, { kind: 'customer', id: customerId });
}

export const balance = (ex: Executor, code: string) => ledger.balanceOf(ex, code);
export const ownCash = (customerId: string) => customerOwnCashAccount(customerId);

/** A 代售 customer of a new partner, with `amount` allocated (the customers module's account naming). */
export async function resaleCustomer(database: Database, amount: string) {
  const p = await makePartner(database);
  const c = await newCustomer(database);
  await database.db.insert(customerAssociations).values({ partnerId: p.partner.id, customerAccountId: c.id, associationType: 'resale', associatedAt: clock.now() });
  const account = customerFundsAccount(p.partner.id, c.id, 'ordinary');
  if (amount !== '0') await credit(database.db, account, amount, { kind: 'customer', id: c.id, partnerId: p.partner.id });
  return { ...c, partner: p, account };
}

export async function productId(ex: Executor, code: string): Promise<string> {
  const [p] = await ex.select({ id: cloudProducts.id }).from(cloudProducts).where(eq(cloudProducts.code, code));
  if (!p) throw new Error(`no product ${code}`);
  return p.id;
}

export const rid = () => `req-${randomUUID().slice(0, 18)}`;
