// Debian's Chromium, headless, through playwright-core (no browser download).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir } from './encore_daemon.mjs';

export const artifactsDir = process.env.ENCORE_ARTIFACTS_DIR || join(buildDir, 'browser-artifacts');
mkdirSync(artifactsDir, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.ENCORE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(artifactsDir, name + '.png'), fullPage: true });
}
