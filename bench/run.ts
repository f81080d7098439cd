import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- <name>` runs one.
 * Each benchmark writes bench/results/<name>.json (see bench/lib.ts for the record shape).
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const run = wanted.length ? wanted : all;
for (const name of run) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark ${name}; have: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n### benchmark ${name}`);
  const mod = (await import(path.join(dir, `${name}.bench.ts`))) as { default: () => Promise<void> };
  await mod.default();
}
process.exit(0);
