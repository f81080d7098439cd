#!/usr/bin/env bash
# Pre-release only: rebuild the single initial migration from every schema.ts.
# Once a release has shipped, use `npm run db:generate` to add a new migration instead.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf drizzle
npx drizzle-kit generate --name init >/dev/null
echo "drizzle/ regenerated: $(grep -c 'CREATE TABLE' drizzle/0000_init.sql) tables"
