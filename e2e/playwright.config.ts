import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';

/**
 * Browser journeys against the real product (fresh embedded database with the demo world),
 * driven in Debian's Chromium (no browser download).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-'));

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: '../.tmp/e2e-artifacts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    // the product turns antd's animations off for this (web/src/App.tsx): no click lands mid-animation
    contextOptions: { reducedMotion: 'reduce' },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node --import tsx src/server/main.ts`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PUBLIC_URL: `http://127.0.0.1:${PORT}` },
  },
});
