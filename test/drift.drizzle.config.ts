import { defineConfig } from 'drizzle-kit';
import base from '../drizzle.config.js';

/** drizzle.config.ts writing into a scratch copy of the migrations (test/migrations.test.ts). */
export default defineConfig({ ...base, out: process.env.DRIFT_OUT ?? './.tmp/drift/drizzle' });
