import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The committed migrations match every schema.ts: generating again from the schema must find
 * nothing to migrate. A schema change without `npm run db:generate` fails here.
 */
describe('migrations', () => {
  it('are up to date with the schema', () => {
    // drizzle-kit wants a relative output path; a scratch copy under .tmp/
    mkdirSync('.tmp', { recursive: true });
    const out = path.join(path.relative(process.cwd(), mkdtempSync(path.join('.tmp', 'drift-'))), 'drizzle');
    cpSync('drizzle', out, { recursive: true });
    const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
    const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', 'test/drift.drizzle.config.ts'], {
      env: { ...process.env, DRIFT_OUT: out },
      encoding: 'utf8',
    });
    const after = readdirSync(out).filter((f) => f.endsWith('.sql'));
    rmSync(path.dirname(out), { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    expect(after, `schema changed without a migration: run \`npm run db:generate\`\n${r.stdout}`).toEqual(before);
    // drizzle-kit exits 0 even when it fails, so require its own "nothing to do" answer
    expect(`${r.stdout}${r.stderr}`).toContain('No schema changes');
  }, 60_000);
});
