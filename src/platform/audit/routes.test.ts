import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../../../test/db.js';
import type { Database } from '../db/index.js';
import type { Deps } from '../deps.js';
import { clock } from '../clock.js';
import { buildTestApp, partnerActor, staffActor, testCtx, testDeps, type TestApp } from '../files/testing.js';
import { audit } from './index.js';
import { auditRoutes } from './routes.js';

let database: Database;
let deps: Deps;
let http: TestApp;
const partnerA = randomUUID();
const partnerB = randomUUID();
const alice = partnerActor(partnerA, { displayName: 'Alice 张' });
const bob = partnerActor(partnerB, { displayName: 'Bob' });

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps();
  http = await buildTestApp(database, deps, [auditRoutes]);
  clock.set('2025-01-01T00:00:00Z');
  const write = async (actor: typeof alice, action: string, objectId: string) => {
    clock.advance(60_000);
    await audit(database.db, testCtx(database, deps, actor), { action, objectType: 'customer', objectId, after: { password: 'x', n: 1 } });
  };
  await write(alice, 'customer.created', 'c1');
  await write(alice, 'customer.updated', 'c1');
  await write(bob, 'customer.created', 'c2');
  await write(alice, 'customer.created', 'c3');
  clock.reset();
});
afterAll(async () => {
  await http.app.close();
  await database.close();
});

const search = async (qs: string, actor = staffActor()) =>
  http.app.inject({ url: `/api/ops/audit${qs}`, headers: await http.signIn(actor) });

describe('GET /api/ops/audit', () => {
  it('lists newest first with paging', async () => {
    const r = (await search('?pageSize=3')).json();
    expect(r.total).toBe(4);
    expect(r.items.map((i: { objectId: string }) => i.objectId)).toEqual(['c3', 'c2', 'c1']);
    expect(r.items[0].after).toEqual({ password: '***', n: 1 });
    const p2 = (await search('?pageSize=3&page=2')).json();
    expect(p2.items.map((i: { action: string }) => i.action)).toEqual(['customer.created']);
  });

  it('filters by action, object, partner, actor and time', async () => {
    expect((await search('?action=customer.updated')).json().total).toBe(1);
    expect((await search('?objectType=customer&objectId=c1')).json().total).toBe(2);
    expect((await search(`?partnerId=${partnerB}`)).json().items.map((i: { objectId: string }) => i.objectId)).toEqual(['c2']);
    expect((await search('?actor=alice')).json().total).toBe(3);
    expect((await search('?actor=50%25')).json().total).toBe(0); // % is literal, not a wildcard
    const from = encodeURIComponent('2025-01-01T00:02:00Z');
    const to = encodeURIComponent('2025-01-01T00:04:00Z');
    expect((await search(`?from=${from}&to=${to}`)).json().items.map((i: { objectId: string }) => i.objectId)).toEqual(['c2', 'c1']);
  });

  it('is for staff only and refuses unknown filters', async () => {
    expect((await search('', alice)).statusCode).toBe(403);
    expect((await http.app.inject({ url: '/api/ops/audit' })).statusCode).toBe(401);
    expect((await search('?foo=1')).statusCode).toBe(400);
  });
});
