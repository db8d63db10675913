// What every browser run shares: Debian's Chromium through Playwright, named steps that keep
// going after a failure (with a screenshot of it), and screenshots kept for the test report.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** node e2e/<script> <baseUrl> [screenshotDir], with SHORTLIST_E2E_ADMIN_KEY set to an admin key. */
export function runArguments() {
  const [baseUrl, shots = 'target/e2e-screenshots'] = process.argv.slice(2);
  const adminKey = process.env.SHORTLIST_E2E_ADMIN_KEY;
  if (!baseUrl || !adminKey) {
    console.error(`usage: SHORTLIST_E2E_ADMIN_KEY=<admin key> node ${process.argv[1]} <baseUrl> [screenshotDir]`);
    process.exit(2);
  }
  return { baseUrl, shots, adminKey };
}

export async function openBrowser(shots, wait) {
  mkdirSync(shots, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'shortlist-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(wait);
  let passed = 0, failed = 0;
  const shot = name => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  return {
    page,
    shot,
    async step(name, body) {
      try {
        await body();
        passed++;
        console.log(`ok - ${name}`);
      } catch (error) {
        failed++;
        console.log(`not ok - ${name}: ${error.message.split('\n').slice(0, 6).join(' | ')}`);
        await shot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
      }
    },
    async finish() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed === 0 ? 0 : 1);
    },
  };
}

export async function signIn(page, key) {
  await page.getByLabel('API key').fill(key);
  await page.getByLabel('API key').press('Enter');
  await page.getByRole('heading', { name: 'Submit a job' }).waitFor();
}
