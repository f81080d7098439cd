import { benchDatabase, benchServer, load, writeResults, type BenchResult, type DbKind } from './lib.js';
import { DEMO_PASSWORD } from '../scripts/seed.js';

/**
 * Sign-in (argon2id verification included) and an authenticated org-member list
 * (组织 > 组织成员, first page) under autocannon at 50 connections, on PGlite and PostgreSQL.
 */
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

export default async function run() {
  const results: BenchResult[] = [];
  for (const db of ['pglite', 'postgres'] as DbKind[]) {
    const bdb = await benchDatabase(db, 'auth_members');
    if (db === 'pglite') await bdb.database.close(); // the server process opens the directory
    const server = await benchServer(bdb);
    const loginBody = JSON.stringify({ portal: 'partner', mode: 'account', identifier: 'sp_admin', password: DEMO_PASSWORD });
    const signIn = await load({
      url: `${server.url}/api/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: loginBody,
      connections: CONNECTIONS,
      duration: DURATION,
    });
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: loginBody });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const list = await load({
      url: `${server.url}/api/org/members?page=1&pageSize=20`,
      headers: { cookie },
      connections: CONNECTIONS,
      duration: DURATION,
    });
    const scale = { connections: CONNECTIONS, durationSeconds: DURATION, members: 6 };
    for (const [name, r] of [
      ['sign-in', signIn],
      ['member-list', list],
    ] as const) {
      if (r.errors || r.non2xx) console.warn(`${name} on ${db}: ${r.errors} errors, ${r.non2xx} non-2xx`);
      results.push({ name: `${name} requests/s`, value: r.requestsPerSec, unit: 'req/s', better: 'higher', db, scale });
      results.push({ name: `${name} p50`, value: r.p50, unit: 'ms', better: 'lower', db, scale });
      results.push({ name: `${name} p99`, value: r.p99, unit: 'ms', better: 'lower', db, scale });
    }
    await server.close();
    await bdb.cleanup();
  }
  writeResults('auth-members', results);
}
